"""The import's columnar lane (intake/columnar.py): its pieces against the row path's own functions, and that an
import really takes the lane (the outcome-equivalence tests are in test_import_columnar_equivalence.py)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import intake_samples as S
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.parsing import clean_text, split_names
from openlic_desktop.domain.terms import last_day_in_force
from openlic_desktop.intake import columnar, records
from openlic_desktop.services import importing
from openlic_desktop.services.workspace import open_workspace

TODAY = date(2026, 11, 26)


def test_the_lane_is_available_here():
    # CI installs polars, fastexcel and adbc-driver-sqlite: every lane test below must really run the lane
    assert columnar.available()


def test_expiry_dates_equal_last_day_in_force_for_every_day_and_type():
    days = [date(1985, 4, 1) + timedelta(days=i) for i in range((date(2027, 1, 1) - date(1985, 4, 1)).days)]
    for kind in PatentType:
        got = columnar.expiry_dates(pl.Series([kind.value] * len(days)),
                                    pl.Series([d.isoformat() for d in days])).to_list()
        assert got == [last_day_in_force(kind, d).isoformat() for d in days], kind


@pytest.mark.parametrize(("text", "exact"), [
    ("计算机学院", True),
    ("13812345678", True),   # a phone number typed as a number cleans to the same digits
    ("20210105", True),
    ("3", False),            # fastexcel shows 9 decimals: "3" may be 3.0000000001, which cleans otherwise
    ("0.5", False),
    ("0", False),            # 1e-10 shows as 0
    ("0.0000001", False),    # the float 1e-07 cleans to "1e-07"
    ("12345678.5", True),    # from 2**23 on, the number shown is the only one shown so
    ("true", False),         # TRUE cleans to "True"
    ("2021-01-05 00:00:00", False),  # a date cell cleans to "2021-01-05"
    ("2021-01-05T10:30:00", False),  # an ISO date-time cell (t="d")
    ("2021-01-05 10:30:00.500", False),
])
def test_a_text_is_exact_only_if_every_typed_cell_rendering_to_it_cleans_alike(text, exact):
    assert columnar._agrees(clean_text, text, clean_text(text)) is exact


def test_date_cells_and_date_texts_read_as_the_row_path_reads_them():
    texts = ["2021-01-05 00:00:00", "2021-01-05 13:30:00", "2021/1/5", "2021年1月5日", "20210105",
             "2021-01-05T13:30:00", "2021-01-05", "44201", "1899-12-31 13:30:00", "1900-01-01 00:00:00",
             "1899-12-30 00:00:00", "2021-01-05 13:30:00.250", "2021-02-30", "not a date", "  ", None]
    (values,), exact = columnar._dates(pl.Series(texts, dtype=pl.String))
    assert values.to_list()[:8] == ["2021-01-05"] * 7 + ["2021-01-05"]  # 44201: Excel's serial of that day
    assert values.to_list()[12:16] == ["?", "?", "", None]
    # date and date-time cells agree with parse_date of their text, as does 20210105 typed as a number; a number
    # below 2**23 may be another one shown rounded; before 1900-01-02 a rendering may be a time or a duration;
    # "2021-02-30" reads as no date either way, but is left to the row path (no cell renders it)
    assert exact.to_list() == [True] * 7 + [False, False, False, False, True, False, True, True, True]


def test_canonical_numbers_match_the_row_path_parse():
    good = S.number(2021, 1, 123456)
    old = "99112345." + __import__("openlic_desktop.domain.identifiers", fromlist=["x"]).check_character("99112345")
    texts = [good, "ZL" + good, "CN" + good, "zl " + good, good.replace(".", ""), S.wrong_check(good), old,
             "CN112345678A", "", None, "２０２１１０１２３４５６．" + good[-1]]
    got, typed = (s.to_list() for s in columnar._canonical_numbers(pl.Series(texts, dtype=pl.String)))
    expected = []
    for text in texts:
        try:
            expected.append(records.parse_application_number(text).canonical)
        except Exception:  # noqa: BLE001
            expected.append(None)
    assert got == expected
    assert not any(typed)


def test_a_number_cell_shown_with_nine_decimals_counts_as_its_number_and_goes_the_row_path():
    """fastexcel shows the number cell 202110123456.7 as 202110123456.700012207: only a number cell reads so (the
    row path reads the float as typed), so the number counts for repeats but the row is the row path's."""
    shown = "202110123456.700012207"
    assert records.parse_application_number(float(shown)).canonical == "202110123456.7"
    got, typed = (s.to_list() for s in columnar._canonical_numbers(pl.Series([shown, "202110123456.7"])))
    assert got == ["202110123456.7", "202110123456.7"] and typed == [True, False]


def test_plain_rows_take_the_lane_and_only_the_others_are_parsed(tmp_path, parsed_rows):
    n = [S.number(2020, 1, 1000 + i) for i in range(6)]
    rows = [[str(i), n[i], f"题目{i}", "发明", date(2020, 3, 1), None, "某某大学", "张三、李四", "有效", None,
             "计算机学院", "王老师", "13812345678"] for i in range(4)]
    rows.append(["5", n[4], "题目4", "外观设计", date(2020, 3, 1), None, "某某大学", "张三", "有效", None, "", "", ""])
    rows.append(["6", S.wrong_check(n[5]), "题目5", "发明", date(2020, 3, 1), None, "某某大学", "", "", None, "",
                 "", ""])
    rows.append(["合计：6项", None, None, None, None, None, None, None, None, None, None, None, None])
    path = S.write_xlsx(tmp_path / "p.xlsx", [S.HEADER, *rows])
    parsed = parsed_rows
    ws = open_workspace(tmp_path / "db.sqlite3", user="tester")
    try:
        result = importing.run(ws, path, today=TODAY)
        # the type conflict (a warning), the bad check digit and the footer went the row path
        assert sorted(parsed) == [6, 7, 8]
        assert (result.created, result.rejected, result.skipped["footer"]) == (5, 1, 1)
        assert [w.code for w in result.warnings] == ["TYPE_CONFLICT"]
        parsed.clear()
        again = importing.run(ws, path, today=TODAY)
        # every row that took a digest is recognised by it; the row with a warning is parsed again (so its warning
        # is reported again), and the rejected row and the footer are read again
        assert (again.unchanged, again.created, again.updated) == (5, 0, 0)
        assert sorted(parsed) == [6, 7, 8]
    finally:
        ws.close()


def test_the_switch_and_the_environment_turn_the_lane_off(tmp_path, monkeypatch, parsed_rows):
    path = S.write_xlsx(tmp_path / "p.xlsx", [S.HEADER, [
        "1", S.N1, "题目", "发明", date(2021, 3, 1), None, "某某大学", "张三", "有效", None, "", "", ""]])
    monkeypatch.setattr(columnar, "ENABLED", False)
    parsed = parsed_rows
    ws = open_workspace(tmp_path / "db.sqlite3", user="tester")
    try:
        assert importing.run(ws, path, today=TODAY).created == 1
    finally:
        ws.close()
    assert parsed == [2]
    code = "import os; os.environ['OPENLIC_COLUMNAR']='0'; from openlic_desktop.intake import columnar; " \
           "print(columnar.available())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_staging_schema_is_empty_after_an_import(tmp_path):
    path = S.write_xlsx(tmp_path / "p.xlsx", [S.HEADER, *[
        [str(i), S.number(2019, 2, 500 + i), f"题{i}", "实用新型", date(2019, 5, 1), None, "某某大学", "张三", "有效",
         None, "", "", ""] for i in range(30)]])
    ws = open_workspace(tmp_path / "db.sqlite3", user="tester")
    try:
        assert importing.run(ws, path, today=TODAY).created == 30
        with ws.reading() as session:
            conn = session.connection()
            names = conn.exec_driver_sql("SELECT name FROM openlic_stage.sqlite_master").scalars().all()
            assert names == ["empty"]
            assert conn.exec_driver_sql("SELECT count(*) FROM patents").scalar() == 30
    finally:
        ws.close()


def test_a_mapping_of_the_number_alone(tmp_path, parsed_rows):
    """Only the number mapped (the CLI's --column 2=number): nothing else to normalise, the lane still plans."""
    rows = [["代码", "名字"], [S.N1, "一种方法"], [S.N4, "一种装置"]]
    path = S.write_xlsx(tmp_path / "p.xlsx", rows)
    parsed = parsed_rows
    ws = open_workspace(tmp_path / "db.sqlite3", user="tester")
    try:
        result = importing.run(ws, path, today=TODAY, mapping={0: "number"}, header_index=0)
        assert (result.created, parsed) == (2, [])
        with ws.reading() as session:
            stored = session.connection().exec_driver_sql(
                "SELECT application_number, title, patentees, status, import_fields FROM patents ORDER BY id").all()
        assert stored == [(S.N1, "", "[]", "unknown", 0), (S.N4, "", "[]", "unknown", 0)]
    finally:
        ws.close()


_IDEOGRAPHS = "一二三张李王赵钱孙周吴郑陈䶵㐀龥"  # incl. the ends of the unified block and of extension A
_TITLE_CHARS = _IDEOGRAPHS + "ABCxyz019-_()[]{}.,;:!?/\\\"'@#%&*+=<>~`|^$、。「」《》〈〉【】—…‘’“”·‰′″（），：；！？［］｛｝～"
_NAME_CHARS = _IDEOGRAPHS + "·、；;，,/"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_TITLE_CHARS + " 　\t\n\u00a0\u2028ＡＢ１", min_size=0, max_size=12), max_size=8))
def test_plain_titles_are_what_clean_text_and_lower_make_of_them(texts):
    series = pl.Series(texts, dtype=pl.String)
    gated = series.str.contains(columnar._TITLE_GATE).to_list()
    values, lowered = (s.to_list() for s in columnar._plain_titles(series))
    for text, inside, value, low in zip(texts, gated, values, lowered, strict=True):
        if inside:
            assert (value, low) == (clean_text(text), clean_text(text).lower())
            assert not columnar._RENDERED.fullmatch(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_NAME_CHARS + " \n１Ａa", min_size=0, max_size=12), max_size=8))
def test_plain_names_are_what_split_names_makes_of_them(texts):
    series = pl.Series(texts, dtype=pl.String)
    gated = series.str.contains(columnar._NAMES_GATE).to_list()
    forms = list(zip(*(s.to_list() for s in columnar._plain_names(series)), strict=True))
    for text, inside, got in zip(texts, gated, forms, strict=True):
        if inside:
            expected = columnar._names_forms([split_names(text)])
            assert got == tuple(column[0] for column in expected)


def test_a_cpu_without_the_instructions_polars_needs_keeps_the_row_path():
    """polars warns at import on a CPU that lacks instructions its build uses (it would die later of an illegal
    instruction): the lane is then not available."""
    import warnings

    def old_cpu() -> None:
        warnings.warn("Missing required CPU features.\n\nThe following required CPU features were not detected: "
                      "avx2", RuntimeWarning, stacklevel=1)

    def missing() -> None:
        raise ImportError("No module named 'polars'")

    assert columnar._loads_cleanly(lambda: None)
    assert not columnar._loads_cleanly(old_cpu)
    assert not columnar._loads_cleanly(missing)


def test_rows_of_text_cells_only_go_the_row_path_without_reading_the_sheet_again(tmp_path, monkeypatch):
    """A repeated header and a row with an unreadable number hold text only: the row path judges them on the
    lane's texts, and python-calamine never reads the sheet. A row with a number cell (a 序号 typed as a number)
    needs it, and so does a footer, whose blank number cell might be one fastexcel cannot render."""
    from openlic_desktop.intake import readers

    loads: list[str] = []
    real = readers._Workbook._sheet

    def counted(self, sheet):  # python-calamine reading the sheet (not the kept sheet given again)
        if self._loaded is None or self._loaded[0] != sheet:
            loads.append(sheet)
        return real(self, sheet)

    monkeypatch.setattr(readers._Workbook, "_sheet", counted)
    plain = [["一", S.number(2020, 1, 3000 + i), f"题目{i}", "发明", date(2020, 3, 1), None, "某某大学", "张三", "有效",
              None, "计算机学院", "王老师", "0571-8888"] for i in range(3)]
    unreadable = ["二", "待补充", "题目", "发明", None, None, "某某大学", "张三", "有效", None, "", "", ""]
    path = S.write_xlsx(tmp_path / "p.xlsx", [S.HEADER, *plain, S.HEADER, unreadable])
    ws = open_workspace(tmp_path / "db.sqlite3", user="tester")
    try:
        result = importing.run(ws, path, today=TODAY)
        assert (result.created, result.skipped["header"], result.rejected, loads) == (3, 1, 1, [])
        footer = ["合计：三项", None, None, None, None, None, None, None, None, None, None, None, None]
        assert importing.run(ws, S.write_xlsx(tmp_path / "q.xlsx", [S.HEADER, *plain, footer]),
                            today=TODAY).skipped["footer"] == 1
        assert loads == ["专利清单"]
        numbered = [4, *unreadable[1:]]
        assert importing.run(ws, S.write_xlsx(tmp_path / "r.xlsx", [S.HEADER, numbered]), today=TODAY).rejected == 1
        assert loads == ["专利清单", "专利清单"]
    finally:
        ws.close()
