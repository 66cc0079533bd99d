"""The follow-up report for the bureau (许可实施情况报告): each licence reached under the open offer — the licensee
(an SME or not), the contract, the money — and what it brought (implemented? products, new sales, jobs); then a
summary and the totals per patent. An xlsx set up for print."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from openlic_desktop.domain.dates import zh_date
from openlic_desktop.domain.licensing import ID_TYPES, SIZES
from openlic_desktop.services.licensing.licences import LicenceRecord, list_licences
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.support.files import atomic_write_bytes

REPORT_TITLE = "专利开放许可实施情况报告"
REPORT_COLUMNS = (
    ("序号", "seq"), ("专利号", "patent_number"), ("专利名称", "title"), ("被许可人", "licensee"),
    ("证件类型", "id_label"), ("统一社会信用代码或证件号码", "identifier"), ("企业规模", "size"),
    ("是否中小微企业", "sme"), ("合同编号", "contract_number"), ("合同生效日", "date"), ("许可期限至", "term_end"),
    ("许可使用费", "terms"), ("应收金额（元）", "due"), ("已收金额（元）", "received"), ("备案日期", "recorded_on"),
    ("是否实施", "implemented"), ("实施产品", "products"), ("新增销售额（元）", "new_sales"),
    ("新增就业（人）", "jobs"), ("实施情况截至", "as_of"),
)
_YES_NO = {True: "是", False: "否", None: "未报告"}
DATE_KEYS = ("date", "term_end", "recorded_on", "as_of")   # date cells; 备案日期 says 未备案 in words when none


def _row_values(seq: int, lic: LicenceRecord) -> dict[str, object]:
    effect = lic.effect
    person = lic.licensee_id_type != "uscc"
    return {
        "seq": seq, "patent_number": "ZL" + lic.application_number, "title": lic.title, "licensee": lic.licensee,
        "id_label": ID_TYPES.get(lic.licensee_id_type, ID_TYPES["uscc"])[0], "identifier": lic.licensee_identifier,
        "size": "自然人" if person else SIZES.get(lic.licensee_size, "未登记"),
        "sme": "—" if person else ("是" if lic.licensee_is_sme else ("否" if lic.licensee_size else "未登记")),
        "contract_number": lic.contract_number, "date": lic.effective_date,
        "term_end": lic.term_end, "terms": lic.terms.summary("zh"), "due": lic.amount_due,
        "received": lic.amount_received, "recorded_on": lic.recorded_on or "未备案",
        "implemented": _YES_NO[effect.implemented if effect else None],
        "products": effect.products if effect else "", "new_sales": effect.new_sales if effect else None,
        "jobs": effect.jobs if effect else None, "as_of": effect.as_of if effect else None,
    }


def _summary(items: Sequence[LicenceRecord]) -> list[tuple[str, object]]:
    implemented = [lic for lic in items if lic.effect and lic.effect.implemented]
    organisations = [lic for lic in items if lic.licensee_id_type == "uscc"]
    return [
        ("许可专利（件）", len({lic.application_number for lic in items})),
        ("达成许可（项）", len(items)),
        ("被许可人（个）", len({lic.licensee_id for lic in items})),
        ("其中：中小微企业（个）", len({lic.licensee_id for lic in organisations if lic.licensee_is_sme})),
        ("其中：自然人（个）", len({lic.licensee_id for lic in items if lic.licensee_id_type != "uscc"})),
        ("已备案（项）", sum(1 for lic in items if lic.recorded_on)),
        ("应收许可使用费（元）", sum((lic.amount_due for lic in items), Decimal("0.00"))),
        ("已收许可使用费（元）", sum((lic.amount_received for lic in items), Decimal("0.00"))),
        ("已实施（项）", len(implemented)),
        ("未实施（项）", sum(1 for lic in items if lic.effect and lic.effect.implemented is False)),
        ("尚未报告实施情况（项）", sum(1 for lic in items if not lic.effect or lic.effect.implemented is None)),
        ("新增销售额（元）", sum((lic.effect.new_sales or Decimal(0) for lic in implemented), Decimal("0.00"))),
        ("新增就业（人）", sum(lic.effect.jobs or 0 for lic in implemented)),
    ]


def follow_up_report(ws: Workspace, out: str | Path, office: str = "", today: date | None = None) -> Path:
    """The 许可实施情况报告 for the bureau as xlsx: a summary sheet — who reports and when, the figures, and the
    reporting unit's seal and contact rows —, one row per licence reached, totals per patent. Text cells are
    written as strings (no formula injection); every sheet set up for print on A4."""
    import xlsxwriter

    from openlic_desktop.documents import print_setup
    from openlic_desktop.support import settings as settings_module

    details = settings_module.load().office
    office = office or details.name
    today = today or date.today()
    items = sorted(list_licences(ws), key=lambda x: (x.application_number, x.licensee, x.effective_date))
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": REPORT_TITLE, "author": office or "OpenLic Desktop"})
    base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}
    title_fmt = book.add_format({"font_name": "宋体", "bold": True, "font_size": 14, "align": "center"})
    head = book.add_format(base | {"bold": True, "bg_color": "#DDEBF7", "align": "center"})
    money_fmt = book.add_format(base | {"num_format": "#,##0.00"})
    int_fmt = book.add_format(base | {"num_format": "0", "align": "center"})
    # dates as date cells (the bureau sorts and filters them), shown the way the office writes them
    date_fmt = book.add_format(base | {"num_format": "yyyy-mm-dd", "align": "center"})
    text_fmt = book.add_format(base)

    plain = book.add_format({"font_name": "宋体", "font_size": 10})
    summary = book.add_worksheet("汇总")
    summary.merge_range(0, 0, 0, 1, REPORT_TITLE, title_fmt)
    # a report to the bureau says who reports and as of when, and ends with the reporting unit's seal
    summary.merge_range(1, 0, 1, 1, f"填报单位：{office or '＿' * 12}　　填报日期：{zh_date(today)}", plain)
    summary.write_string(2, 0, "项目", head)
    summary.write_string(2, 1, "数量", head)
    row = 3
    for label, value in _summary(items):
        summary.write_string(row, 0, label, text_fmt)
        summary.write_number(row, 1, float(value) if isinstance(value, Decimal) else value,
                             money_fmt if isinstance(value, Decimal) else int_fmt)
        row += 1
    contact = "　".join(x for x in (f"联系人：{details.contact_person}" if details.contact_person else "",
                                   f"联系电话：{details.contact_phone}" if details.contact_phone else "") if x)
    for line in ("填报单位（盖章）：", contact, "日期：　　　　年　　月　　日"):
        if line:
            row += 1
            summary.merge_range(row, 0, row, 1, line, plain)
    summary.set_column(0, 0, 30)
    summary.set_column(1, 1, 24)
    print_setup.xlsxwriter_sheet(summary, 3)

    sheet = book.add_worksheet("许可明细")
    for col, (title, _) in enumerate(REPORT_COLUMNS):
        sheet.write_string(0, col, title, head)
    for r, lic in enumerate(items, start=1):
        values = _row_values(r, lic)
        for col, (_, key) in enumerate(REPORT_COLUMNS):
            value = values[key]
            if key in ("due", "received", "new_sales"):
                if value is None:
                    sheet.write_blank(r, col, None, money_fmt)
                else:
                    sheet.write_number(r, col, float(value), money_fmt)
            elif isinstance(value, date):
                sheet.write_datetime(r, col, value, date_fmt)
            elif value is None and key in DATE_KEYS:
                sheet.write_blank(r, col, None, date_fmt)
            elif key in ("seq", "jobs"):
                if value is None:
                    sheet.write_blank(r, col, None, int_fmt)
                else:
                    sheet.write_number(r, col, value, int_fmt)
            else:
                sheet.write_string(r, col, str(value), text_fmt)
    widths = (5, 20, 28, 24, 12, 22, 9, 9, 14, 12, 12, 30, 13, 13, 12, 9, 24, 15, 10, 12)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    print_setup.xlsxwriter_sheet(sheet, 1)

    totals = book.add_worksheet("按专利汇总")
    titles = ("专利号", "专利名称", "许可数", "被许可人", "应收金额（元）", "已收金额（元）", "新增销售额（元）")
    for col, title in enumerate(titles):
        totals.write_string(0, col, title, head)
    by_patent: dict[str, list[LicenceRecord]] = {}
    for lic in items:
        by_patent.setdefault(lic.application_number, []).append(lic)
    for r, (number, group) in enumerate(sorted(by_patent.items()), start=1):
        totals.write_string(r, 0, "ZL" + number, text_fmt)
        totals.write_string(r, 1, group[0].title, text_fmt)
        totals.write_number(r, 2, len(group), int_fmt)
        totals.write_string(r, 3, "、".join(sorted({g.licensee for g in group})), text_fmt)
        totals.write_number(r, 4, float(sum((g.amount_due for g in group), Decimal(0))), money_fmt)
        totals.write_number(r, 5, float(sum((g.amount_received for g in group), Decimal(0))), money_fmt)
        reported = [g.effect.new_sales for g in group if g.effect and g.effect.new_sales is not None]
        if reported:
            totals.write_number(r, 6, float(sum(reported, Decimal(0))), money_fmt)
        else:  # nobody has reported: a 0 would tell the bureau the licences sold nothing
            totals.write_string(r, 6, "未报告", text_fmt)
    totals.set_column(0, 0, 20)
    totals.set_column(1, 1, 28)
    totals.set_column(3, 6, 18)
    print_setup.xlsxwriter_sheet(totals, 1)
    book.close()
    atomic_write_bytes(out, buffer.getvalue())
    return Path(out)
