"""The statistics workbook (专利开放许可工作统计表): the sheets the bureau's statistics ask for and a summary for the
university's leadership, each with native Excel charts and set up to print (A4 landscape, one page wide, the
header rows repeated on every page).

Every figure is read from one `PortfolioStatistics` (domain.statistics), as the dashboard and `openlic stats`
read them. Text goes in as text cells (nothing a patent title holds becomes a formula); dates as dates; money as
numbers with two decimals. Pure: bytes out, no file system.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter

from openlic_desktop.domain.dates import zh_date
from openlic_desktop.domain.statistics import STAGES, PortfolioStatistics, label

DIMENSION_SHEETS = (("type", "按专利类型"), ("department", "按院系"), ("year", "按申请年度"),
                    ("declaration", "按开放许可声明"))
SHEETS = ("领导摘要", "按专利类型", "按院系", "按申请年度", "按开放许可声明", "达成许可", "被许可人规模", "许可收入",
          "实施效果", "年费与届满")
REDUCTION_NOTES = {"open-licence": "开放许可期间减缴", "recorded": "费用减缴"}


@dataclass
class _Formats:
    title: Any
    note: Any
    head: Any
    text: Any
    number: Any
    money: Any
    day: Any
    total_text: Any
    total_number: Any
    total_money: Any


def _formats(book: xlsxwriter.Workbook) -> _Formats:
    base = {"font_name": "宋体", "font_size": 10.5, "border": 1, "valign": "vcenter"}
    return _Formats(
        title=book.add_format({"font_name": "黑体", "font_size": 14, "bold": True}),
        note=book.add_format({"font_name": "宋体", "font_size": 9, "font_color": "#404040"}),
        head=book.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True, "align": "center"}),
        text=book.add_format({**base, "text_wrap": True}),
        number=book.add_format({**base, "num_format": "#,##0"}),
        money=book.add_format({**base, "num_format": "#,##0.00"}),
        day=book.add_format({**base, "num_format": "yyyy-mm-dd", "align": "center"}),
        total_text=book.add_format({**base, "bold": True, "bg_color": "#F2F2F2"}),
        total_number=book.add_format({**base, "bold": True, "bg_color": "#F2F2F2", "num_format": "#,##0"}),
        total_money=book.add_format({**base, "bold": True, "bg_color": "#F2F2F2", "num_format": "#,##0.00"}),
    )


def _print_setup(sheet: Any, header_row: int, title: str) -> None:
    """A4 landscape, one page wide (as many pages down as it takes), the header row on every page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header(f"&C&\"宋体\"&10{_header_text(title)}")
    sheet.set_footer("&C&\"宋体\"&9第 &P 页，共 &N 页")
    sheet.freeze_panes(header_row + 1, 0)


def _header_text(text: str) -> str:
    return text.replace("&", "&&")  # & starts a control code in Excel's page headers


def _table(sheet: Any, f: _Formats, row: int, heads: Sequence[str], rows: Sequence[Sequence[Any]],
           kinds: Sequence[str], total: Sequence[Any] | None = None) -> int:
    """Heads at `row`, then the rows; `kinds` per column: text | number | money | day. Returns the next free row."""
    for col, head in enumerate(heads):
        sheet.write_string(row, col, head, f.head)
    for values in rows:
        row += 1
        for col, (value, kind) in enumerate(zip(values, kinds)):
            _cell(sheet, f, row, col, value, kind)
    if total is not None:
        row += 1
        for col, (value, kind) in enumerate(zip(total, kinds)):
            _cell(sheet, f, row, col, value, kind, total=True)
    return row + 1


def _cell(sheet: Any, f: _Formats, row: int, col: int, value: Any, kind: str, total: bool = False) -> None:
    if value is None or value == "":
        sheet.write_blank(row, col, None, f.total_text if total else f.text)
    elif kind == "number":
        sheet.write_number(row, col, int(value), f.total_number if total else f.number)
    elif kind == "money":
        sheet.write_number(row, col, float(Decimal(value)), f.total_money if total else f.money)
    elif kind == "day":
        sheet.write_datetime(row, col, value, f.day)
    else:
        sheet.write_string(row, col, str(value), f.total_text if total else f.text)


def _chart(book: xlsxwriter.Workbook, kind: str, title: str, sheet_name: str, first: int, last: int,
           categories_col: int, series: Sequence[tuple[int, str]], subtype: str | None = None) -> Any:
    """A native chart over rows first..last (0-based) of `sheet_name`: categories from one column, one series per
    (column, name); data labels on, so the numbers show beside the bars as on the dashboard."""
    spec: dict[str, Any] = {"type": kind}
    if subtype:
        spec["subtype"] = subtype
    chart = book.add_chart(spec)
    for col, name in series:
        chart.add_series({
            "name": name,
            "categories": [sheet_name, first, categories_col, last, categories_col],
            "values": [sheet_name, first, col, last, col],
            "data_labels": {"value": True},
        })
    chart.set_title({"name": title, "name_font": {"name": "黑体", "size": 12}})
    chart.set_legend({"position": "bottom", "font": {"name": "宋体"}} if len(series) > 1 else {"none": True})
    if kind != "pie":
        chart.set_x_axis({"num_font": {"name": "宋体"}})
        chart.set_y_axis({"num_font": {"name": "宋体"}, "major_gridlines": {"visible": True}})
    return chart


def _title(sheet: Any, f: _Formats, text: str, stats: PortfolioStatistics, office: str) -> None:
    sheet.write_string(0, 0, text, f.title)
    who = f"{office}　" if office else ""
    rules = f"（按“{stats.profile_name}”申报要求判断）" if stats.profile_name else ""
    sheet.write_string(1, 0, f"{who}统计截至 {zh_date(stats.as_of)}{rules}", f.note)


def workbook_bytes(stats: PortfolioStatistics, office: str = "") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False,
                                        "default_date_format": "yyyy-mm-dd"})
    book.set_properties({"title": "专利开放许可工作统计表", "company": office,
                         "comments": f"统计截至 {stats.as_of.isoformat()}"})
    f = _formats(book)
    _summary(book, f, stats, office)
    for dimension, name in DIMENSION_SHEETS:
        _breakdown(book, f, stats, office, dimension, name)
    _licences(book, f, stats, office)
    _sizes(book, f, stats, office)
    _income(book, f, stats, office)
    _effects(book, f, stats, office)
    _ahead(book, f, stats, office)
    book.close()
    return buffer.getvalue()


def _summary(book: xlsxwriter.Workbook, f: _Formats, stats: PortfolioStatistics, office: str) -> None:
    name = "领导摘要"
    sheet = book.add_worksheet(name)
    _title(sheet, f, "专利开放许可工作统计摘要", stats, office)
    sme = stats.sme()
    funnel = dict(stats.funnel())
    figures = [
        ("专利总数（件）", stats.patents, "number"),
        ("有效专利（件）", funnel["in_force"], "number"),
        ("符合开放许可条件（件）", funnel["eligible"], "number"),
        ("已报送或已声明（件）", funnel["listed_or_declared"], "number"),
        ("已达成许可的有效专利（件）", funnel["licensed"], "number"),
        ("达成许可（项）", len(stats.licences), "number"),
        ("被许可人（家）", stats.licensees(), "number"),
        ("其中中小微企业获得许可（项）", sme.licences, "number"),
        ("许可使用费应收（元）", stats.amount_due(), "money"),
        ("许可使用费已收（元）", stats.amount_received(), "money"),
        (f"未来{stats.horizon_days}天内应缴年费（件）", len(stats.fees_due), "number"),
        (f"未来{stats.horizon_days}天内应缴年费合计（元）", stats.fees_total(), "money"),
        (f"未来{stats.horizon_days}天内届满（件）", len(stats.expiring), "number"),
    ]
    sheet.write_string(3, 0, "指标", f.head)
    sheet.write_string(3, 1, "数值", f.head)
    for i, (text, value, kind) in enumerate(figures, start=4):
        sheet.write_string(i, 0, text, f.text)
        _cell(sheet, f, i, 1, value, kind)
    top = 4 + len(figures) + 1
    end = _table(sheet, f, top, ("开放许可进展", "专利（件）"),
                 [(label("stage", key), n) for key, n in stats.funnel()], ("text", "number"))
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 16)
    funnel_chart = _chart(book, "bar", "开放许可进展（件）", name, top + 1, end - 1, 0, [(1, "专利（件）")])
    funnel_chart.set_y_axis({"reverse": True, "num_font": {"name": "宋体"}})
    sheet.insert_chart(3, 3, funnel_chart, {"x_scale": 1.3, "y_scale": 1.1})
    quarters = stats.by_quarter()
    if quarters:
        q_top = end + 1
        q_end = _table(sheet, f, q_top, ("季度", "达成许可（项）", "已收许可使用费（元）"),
                       [(label("quarter", q.quarter), q.licences, q.received) for q in quarters],
                       ("text", "number", "money"))
        sheet.set_column(2, 2, 20)
        chart = _chart(book, "column", "各季度达成许可（项）", name, q_top + 1, q_end - 1, 0, [(1, "达成许可（项）")])
        sheet.insert_chart(20, 3, chart, {"x_scale": 1.3, "y_scale": 1.0})
    _print_setup(sheet, 3, "专利开放许可工作统计摘要")


def _breakdown(book: xlsxwriter.Workbook, f: _Formats, stats: PortfolioStatistics, office: str, dimension: str,
               name: str) -> None:
    sheet = book.add_worksheet(name)
    word = label("dimension", dimension)
    _title(sheet, f, f"开放许可专利统计（{name}）", stats, office)
    heads = (word, "专利（件）") + tuple(label("stage", key) for key in STAGES)
    groups = stats.groups(dimension)
    rows = [(label(dimension, g.value), g.patents, *g.reached) for g in groups]
    total = ("合计", stats.patents, *(n for _key, n in stats.funnel()))
    kinds = ("text",) + ("number",) * (len(heads) - 1)
    end = _table(sheet, f, 3, heads, rows, kinds, total)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, len(heads) - 1, 12)
    if groups:
        chart = _chart(book, "column", f"{word}：有效、符合条件与已许可专利（件）", name, 4, 3 + len(groups), 0,
                       [(2, label("stage", "in_force")), (3, label("stage", "eligible")),
                        (len(heads) - 1, label("stage", "licensed"))])
        sheet.insert_chart(end + 1, 0, chart, {"x_scale": 1.6, "y_scale": 1.1})
    _print_setup(sheet, 3, f"开放许可专利统计（{name}）")


def _licences(book: xlsxwriter.Workbook, f: _Formats, stats: PortfolioStatistics, office: str) -> None:
    name = "达成许可"
    sheet = book.add_worksheet(name)
    _title(sheet, f, "达成许可情况", stats, office)
    heads = ("专利号", "专利名称", "被许可人", "企业规模", "生效日期", "许可方式", "许可期限至", "备案日期")
    rows = [("ZL" + lic.application_number, lic.title, lic.licensee, label("size", lic.licensee_size),
             lic.effective, label("mode", lic.mode), lic.term_end, lic.recorded_on) for lic in stats.licences]
    end = _table(sheet, f, 3, heads, rows, ("text", "text", "text", "text", "day", "text", "day", "day"))
    sheet.write_string(end, 0, f"合计：达成许可 {len(stats.licences)} 项，涉及专利 {stats.licensed_patents()} 件，"
                               f"被许可人 {stats.licensees()} 家；免费许可 {sum(1 for x in stats.licences if x.free)} 项",
                       f.note)
    quarters = stats.by_quarter()
    if quarters:
        top = end + 2
        q_end = _table(sheet, f, top, ("季度", "达成许可（项）"),
                       [(label("quarter", q.quarter), q.licences) for q in quarters], ("text", "number"))
        chart = _chart(book, "column", "各季度达成许可（项）", name, top + 1, q_end - 1, 0, [(1, "达成许可（项）")])
        sheet.insert_chart(top, 3, chart, {"x_scale": 1.3})
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 2, 30)
    sheet.set_column(3, 7, 13)
    _print_setup(sheet, 3, "达成许可情况")


def _sizes(book: xlsxwriter.Workbook, f: _Formats, stats: PortfolioStatistics, office: str) -> None:
    name = "被许可人规模"
    sheet = book.add_worksheet(name)
    _title(sheet, f, "被许可人规模（中小微企业）", stats, office)
    rows = [(label("size", r.size), r.licences, r.licensees) for r in stats.by_size()]
    sme = stats.sme()
    end = _table(sheet, f, 3, ("企业规模", "达成许可（项）", "被许可人（家）"), rows, ("text", "number", "number"),
                 ("合计", len(stats.licences), stats.licensees()))
    sheet.write_string(end, 0, "其中中小微企业", f.total_text)
    sheet.write_number(end, 1, sme.licences, f.total_number)
    sheet.write_number(end, 2, sme.licensees, f.total_number)
    if rows:
        chart = _chart(book, "pie", "达成许可按被许可人规模", name, 4, 3 + len(rows), 0, [(1, "达成许可（项）")])
        sheet.insert_chart(3, 4, chart)
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 2, 16)
    _print_setup(sheet, 3, "被许可人规模")


def _income(book: xlsxwriter.Workbook, f: _Formats, stats: PortfolioStatistics, office: str) -> None:
    name = "许可收入"
    sheet = book.add_worksheet(name)
    _title(sheet, f, "许可使用费收入", stats, office)
    quarters = stats.by_quarter()
    end = _table(sheet, f, 3, ("季度", "已收许可使用费（元）"),
                 [(label("quarter", q.quarter), q.received) for q in quarters], ("text", "money"),
                 ("合计", stats.amount_received()))
    sheet.write_string(end, 0, "应收许可使用费（元，已确定金额）", f.total_text)
    sheet.write_number(end, 1, float(stats.amount_due()), f.total_money)
    if quarters:
        chart = _chart(book, "column", "各季度已收许可使用费（元）", name, 4, 3 + len(quarters), 0,
                       [(1, "已收许可使用费（元）")])
        sheet.insert_chart(3, 3, chart, {"x_scale": 1.3})
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 20)
    _print_setup(sheet, 3, "许可使用费收入")


def _effects(book: xlsxwriter.Workbook, f: _Formats, stats: PortfolioStatistics, office: str) -> None:
    name = "实施效果"
    sheet = book.add_worksheet(name)
    _title(sheet, f, "许可实施效果", stats, office)
    today = stats.as_of
    running = [lic for lic in stats.licences if lic.term_end is None or lic.term_end >= today]
    paying = {lic.licence_id for lic in stats.licences if lic.amount_received > 0}
    figures = [("达成许可（项）", len(stats.licences)), ("许可期限内（项）", len(running)),
               ("已向国家知识产权局备案（项）", sum(1 for x in stats.licences if x.recorded_on)),
               ("已报送实施效果评价报告（项）", sum(1 for x in stats.licences if x.report_submitted_on)),
               ("已收到许可使用费（项）", len(paying))]
    end = _table(sheet, f, 3, ("指标", "数值"), figures, ("text", "number"))
    sheet.write_string(end, 0, "已收许可使用费合计（元）", f.total_text)
    sheet.write_number(end, 1, float(stats.amount_received()), f.total_money)
    top = end + 2
    heads = ("专利号", "被许可人", "企业规模", "生效日期", "许可期限至", "备案日期", "评价报告报送日期", "应收（元）",
             "已收（元）")
    rows = [("ZL" + x.application_number, x.licensee, label("size", x.licensee_size), x.effective, x.term_end,
             x.recorded_on, x.report_submitted_on, x.amount_due, x.amount_received) for x in stats.licences]
    _table(sheet, f, top, heads, rows, ("text", "text", "text", "day", "day", "day", "day", "money", "money"))
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 8, 14)
    _print_setup(sheet, 3, "许可实施效果")


def _ahead(book: xlsxwriter.Workbook, f: _Formats, stats: PortfolioStatistics, office: str) -> None:
    name = "年费与届满"
    sheet = book.add_worksheet(name)
    days = stats.horizon_days
    _title(sheet, f, f"未来{days}天内应缴年费与届满专利", stats, office)
    heads = ("专利号", "专利名称", "专利类型", "缴费期限", "年度", "年费（元）", "减缴（元）", "滞纳金（元）",
             "应缴（元）", "说明")
    rows = [("ZL" + x.application_number, x.title, label("type", x.patent_type), x.due, f"第{x.year}年",
             x.fee, x.reduction, x.surcharge, x.amount, _fee_note(x)) for x in stats.fees_due]
    kinds = ("text", "text", "text", "day", "text", "money", "money", "money", "money", "text")
    total = ("合计", "", "", None, "", sum((x.fee for x in stats.fees_due), Decimal(0)),
             sum((x.reduction for x in stats.fees_due), Decimal(0)),
             sum((x.surcharge for x in stats.fees_due), Decimal(0)), stats.fees_total(), "")
    end = _table(sheet, f, 3, heads, rows, kinds, total)
    top = end + 1
    sheet.write_string(top, 0, f"未来{days}天内届满的专利", f.title)
    _table(sheet, f, top + 1, ("专利号", "专利名称", "专利类型", "专利权期限届满日"),
           [("ZL" + x.application_number, x.title, label("type", x.patent_type), x.last_day) for x in stats.expiring],
           ("text", "text", "text", "day"))
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 34)
    sheet.set_column(2, 9, 13)
    _print_setup(sheet, 3, f"未来{days}天内应缴年费与届满专利")


def _fee_note(fee: Any) -> str:
    notes = [REDUCTION_NOTES.get(fee.reduction_source, "")] if fee.reduction else []
    if fee.overdue:
        notes.append("已过缴费期限，宽限期内补缴")
    return "；".join(n for n in notes if n)
