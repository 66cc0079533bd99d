"""The statistics workbook read back with openpyxl: its figures are the known ones (statistics_samples), in words
(no codes), with native charts and print setup; text never turns into a formula; a refused target leaves nothing."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
import statistics_samples as S

from openlic_desktop.documents.statistics_workbook import SHEETS
from openlic_desktop.domain.statistics import STAGES, label
from openlic_desktop.services import portfolio, statistics
from openlic_desktop.support.errors import InputError


@pytest.fixture
def book(ws, tmp_path):
    S.build(ws, tmp_path)
    stats = statistics.compute(ws, today=S.TODAY)
    path = statistics.write_workbook(stats, tmp_path / "统计表.xlsx")
    return stats, path, openpyxl.load_workbook(path)


def _rows(sheet):
    return [[v for v in row if v is not None] for row in sheet.iter_rows(values_only=True)
            if any(v is not None for v in row)]


def _lookup(sheet, first):
    return next(row for row in _rows(sheet) if row and row[0] == first)


def test_sheets_and_summary_figures(book):
    _stats, _path, wb = book
    assert wb.sheetnames == list(SHEETS)
    summary = wb["领导摘要"]
    assert _lookup(summary, "专利总数（件）")[1] == 13
    assert _lookup(summary, "有效专利（件）")[1] == 10
    assert _lookup(summary, "达成许可（项）")[1] == 3
    assert _lookup(summary, "其中中小微企业获得许可（项）")[1] == 2
    assert _lookup(summary, "许可使用费已收（元）")[1] == 50000
    for key, n in S.EXPECTED["funnel"].items():
        assert _lookup(summary, label("stage", key))[1] == n
    assert _lookup(summary, "2026年第1季度")[1:] == [1, 50000]


def test_breakdown_sheets_carry_the_funnel_per_group(book):
    _stats, _path, wb = book
    heads = _lookup(wb["按专利类型"], "专利类型")
    assert heads == ["专利类型", "专利（件）"] + [label("stage", k) for k in STAGES]
    assert _lookup(wb["按专利类型"], "发明")[:3] == ["发明", 10, 8]
    assert _lookup(wb["按专利类型"], "合计")[1:] == [13] + list(S.EXPECTED["funnel"].values())
    assert _lookup(wb["按院系"], "院系未填")[1] == 1
    assert _lookup(wb["按申请年度"], "2019")[1] == 3
    declarations = wb["按开放许可声明"]
    assert _lookup(declarations, "已公告")[1:3] == [1, 1] and _lookup(declarations, "已撤回")[1] == 1
    assert _lookup(declarations, "未作开放许可声明")[1] == 11


def test_licences_sizes_income_effects_and_fees(book):
    stats, _path, wb = book
    licences = [r for r in _rows(wb["达成许可"]) if str(r[0]).startswith("ZL")]
    assert len(licences) == 3 and {r[3] for r in licences} == {"小型企业", "大型企业"}
    assert _lookup(wb["被许可人规模"], "其中中小微企业")[1:] == [2, 1]
    assert _lookup(wb["许可收入"], "合计")[1] == 50000
    assert _lookup(wb["实施效果"], "已收到许可使用费（项）")[1] == 1
    fees = [r for r in _rows(wb["年费与届满"]) if str(r[0]).startswith("ZL")]
    assert [r[0] for r in fees][:3] == ["ZL" + f.application_number for f in stats.fees_due]
    assert _lookup(wb["年费与届满"], "合计")[-1] == float(S.EXPECTED["fees_total"])
    notes = {r[0]: r[-1] for r in fees if isinstance(r[-1], str)}
    p13, p1, p4 = ("ZL" + f.application_number for f in stats.fees_due)  # by due day
    assert "宽限期内补缴" in notes[p13]
    assert notes[p1] == "开放许可期间减缴" and notes[p4] == "费用减缴"
    assert fees[-1][2] == "实用新型"  # the patent reaching its last day, under the fees
    # the last day in force is named as the contracts, declarations and letters name it
    cells = [c for r in _rows(wb["年费与届满"]) for c in r if isinstance(c, str)]
    assert "专利权期限届满日" in cells and not any("有效期至" in c for c in cells)


def test_no_internal_codes_anywhere(book):
    _stats, _path, wb = book
    codes = set(STAGES) | {"invention", "utility_model", "in_force", "general", "small", "lump_sum", "free"}
    for sheet in wb.worksheets:
        for row in _rows(sheet):
            for value in row:
                if isinstance(value, str):
                    assert not (set(re.findall(r"[a-z_]+", value)) & codes), (sheet.title, value)
                    assert not re.search(r"\d{4}Q\d", value), value


def test_native_charts_and_print_setup(book):
    _stats, path, wb = book
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        kinds = "".join(z.read(n).decode() for n in charts)
    assert len(charts) >= 8
    assert "<c:barChart>" in kinds and "<c:pieChart>" in kinds and "<c:showVal val=\"1\"/>" in kinds
    for sheet in wb.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToHeight == 0, sheet.title
        assert setup.fitToWidth in (None, 1)
        assert sheet.print_title_rows == "$4:$4", sheet.title
        assert "第 &P 页" in sheet.oddFooter.center.text


def test_titles_are_text_never_formulas(ws, tmp_path):
    S.build(ws, tmp_path)
    number = next(f.number.canonical for f in portfolio.list_patents(ws) if f.title == "统计测试专利P1")
    portfolio.set_fields(ws, number, {"title": "=HYPERLINK(\"http://x\",\"点我\")"})
    path = statistics.write_workbook(statistics.compute(ws, today=S.TODAY), tmp_path / "s.xlsx")
    with zipfile.ZipFile(path) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheets
    assert "=HYPERLINK" in strings


def test_a_target_that_is_not_xlsx_is_refused_and_nothing_written(ws, tmp_path):
    stats = statistics.compute(ws, today=date(2026, 11, 26))
    out = tmp_path / "out"
    with pytest.raises(InputError) as err:
        statistics.write_workbook(stats, out / "统计表.csv")
    assert err.value.code == "STATS_OUT_NOT_XLSX" and "xlsx" in err.value.message("zh")
    assert not out.exists()


def test_an_empty_portfolio_still_makes_a_workbook(ws, tmp_path):
    stats = statistics.compute(ws, today=date(2026, 11, 26))
    wb = openpyxl.load_workbook(statistics.write_workbook(stats, tmp_path / "空.xlsx"))
    assert _lookup(wb["领导摘要"], "专利总数（件）")[1] == 0
    assert _lookup(wb["许可收入"], "合计")[1] == 0 and Decimal(0) == stats.amount_received()
