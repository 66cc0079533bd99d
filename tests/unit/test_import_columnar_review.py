"""Review of the import's columnar lane (intake/columnar.py, storage/import_stage.py, PreparedImport._run_lane):
where its claim — every row it takes has EXACTLY the row path's outcome — was tested adversarially.

Each test writes a real .xlsx (xlsxwriter), imports it into fresh workspaces on real SQLite with the lane on and
with `columnar.ENABLED = False` (the row path on python-calamine's typed cells) on the same day, and compares the
import results and the patents tables. A spy on `RowParser.parse` shows which rows the row path parsed, so that a
test comparing two row-path runs cannot pass by accident.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from openlic_desktop.domain.identifiers import check_character
from openlic_desktop.intake import columnar, records
from openlic_desktop.services import importing
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)
_COLUMNS = ("application_number, search_key, number_sort, patent_type, title, filing_date, grant_date, expiry_date, "
            "status, patentees, patentees_display, inventors, fees_paid_until, ipc, department, contact_person, "
            "contact_phone, contact_email, description, industry, search_text")


def number(year: int, kind: int, serial: int, check: str | None = None) -> str:
    """A canonical application number; with `check`, the first serial from `serial` on whose check character
    is `check`."""
    while True:
        digits = f"{year}{kind}{serial:07d}"
        found = check_character(digits)
        if check is None or found == check:
            return f"{digits}.{found}"
        serial += 1


def write(path: Path, header: list[str], rows: list[list[Any]], **options: Any) -> Path:
    """An .xlsx: the header, then the rows; a cell is a value or (value, num_format)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False, **options})
    sheet = book.add_worksheet("专利清单")
    formats: dict[str, Any] = {}
    sheet.write_row(0, 0, header)
    for r, cells in enumerate(rows, start=1):
        for c, cell in enumerate(cells):
            fmt = None
            if isinstance(cell, tuple):
                cell, spec = cell
                fmt = formats.setdefault(spec, book.add_format({"num_format": spec}))
            if cell is None:
                continue
            if isinstance(cell, (date, datetime, time)):
                sheet.write_datetime(r, c, cell, fmt)
            elif isinstance(cell, bool):
                sheet.write_boolean(r, c, cell, fmt)
            elif isinstance(cell, (int, float)):
                sheet.write_number(r, c, cell, fmt)
            else:
                sheet.write_string(r, c, cell, fmt)
    book.close()
    return path


class Outcome:
    def __init__(self, result: importing.ImportResult, table: list[tuple[Any, ...]], parsed: list[int]) -> None:
        self.result, self.table, self.parsed = result, table, parsed

    @property
    def summary(self) -> tuple[Any, ...]:
        r = self.result
        return (r.rows_read, r.created, r.updated, r.unchanged, r.rejected, dict(r.skipped),
                [(n.row, n.code, n.params) for n in r.rejections], [(n.row, n.code, n.params) for n in r.warnings])


def run_import(monkeypatch, db: Path, path: Path, *, lane: bool, **options: Any) -> Outcome:
    parsed: list[int] = []
    real = records.RowParser.parse

    def spy(self, cells, row_number):
        parsed.append(row_number)
        return real(self, cells, row_number)

    with monkeypatch.context() as patch:
        patch.setattr(columnar, "ENABLED", lane)
        patch.setattr(records.RowParser, "parse", spy)
        ws = open_workspace(db, user="tester")
        try:
            result = importing.run(ws, path, today=TODAY, **options)
            with ws.reading() as session:
                table = session.connection().exec_driver_sql(
                    f"SELECT {_COLUMNS} FROM patents ORDER BY application_number").all()
        finally:
            ws.close()
    return Outcome(result, [tuple(row) for row in table], parsed)


def lane_and_row_path(monkeypatch, tmp_path: Path, path: Path, **options: Any) -> tuple[Outcome, Outcome]:
    lane = run_import(monkeypatch, tmp_path / "lane.sqlite3", path, lane=True, **options)
    rows = run_import(monkeypatch, tmp_path / "rows.sqlite3", path, lane=False, **options)
    return lane, rows


CONTROL = number(2020, 1, 777)  # a plain row every test file starts with: the lane must take it


def control(width: int) -> list[Any]:
    return [CONTROL, "一种对照用的方法", *[None] * (width - 2)]


def assert_same(lane: Outcome, rows: Outcome) -> None:
    """The lane's outcome is the row path's; the lane really ran (it took the control row, sheet row 2)."""
    assert 2 not in lane.parsed and 2 in rows.parsed, "the lane did not run"
    assert lane.summary == rows.summary
    assert lane.table == rows.table


# ---- findings --------------------------------------------------------------------------------------------------

def test_an_application_number_typed_as_a_number_with_check_digit_5(tmp_path, monkeypatch):
    """Excel makes a number of 201920123456.5 typed in a General cell. python-calamine gives the float; fastexcel
    renders it "201920123456.5" — the canonical form — because x.5 is exact in binary (other check digits render
    with more decimals, e.g. 202110123456.700012207). Found by this review: the lane created the patent where the
    row path refused the float (NUMBER_UNREADABLE). Fixed in the rule itself: a float whose shortest decimal form
    is a number with its check digit is that number (domain.md §2: every form met in the wild normalises), so the
    text and the number cell read alike, and the lane's outcome is the row path's."""
    typed = number(2019, 2, 123456, check="5")
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称"], [control(2), [float(typed), "一种装置"]])
    lane, rows = lane_and_row_path(monkeypatch, tmp_path, path)
    assert rows.result.rejections == [] and rows.result.created == 2
    assert_same(lane, rows)


def test_a_number_cell_with_another_check_digit_goes_the_row_path_and_is_read_alike(tmp_path, monkeypatch):
    """A number cell 202110123456.7: fastexcel shows 202110123456.700012207, which reads as no number, so the row
    goes the row path, which reads the float's shortest form 202110123456.7."""
    typed = number(2021, 1, 123456, check="7")
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称"], [control(2), [float(typed), "一种装置"]])
    lane, rows = lane_and_row_path(monkeypatch, tmp_path, path)
    assert rows.result.rejections == [] and rows.result.created == 2 and lane.parsed == [3]
    assert_same(lane, rows)


def test_a_lane_digest_stands_for_the_number_cell_too(tmp_path, monkeypatch):
    """A text 201920123456.5 imported by the lane, then the same number as a number cell: unchanged both ways
    (the lane digest of the text may recognise the number cell — they read alike)."""
    n = number(2019, 2, 123456, check="5")
    first = write(tmp_path / "first.xlsx", ["申请号", "发明名称"], [control(2), [n, "一种装置"]])
    again = write(tmp_path / "again.xlsx", ["申请号", "发明名称"], [control(2), [float(n), "一种装置"]])
    outcomes = []
    for lane in (True, False):
        db = tmp_path / f"{lane}.sqlite3"
        run_import(monkeypatch, db, first, lane=True)  # the same first import (by the lane: it stamps lane digests)
        outcomes.append(run_import(monkeypatch, db, again, lane=lane))
    with_lane, row_path = outcomes
    assert row_path.result.rejections == [] and row_path.result.unchanged == 2
    assert with_lane.summary == row_path.summary


@pytest.mark.parametrize("cell", ["person", "fees"])
def test_a_time_cell_in_a_1904_workbook(tmp_path, monkeypatch, cell):
    """A workbook saved in the 1904 date system (old Mac Excel). A time cell in a text column: the row path stores
    "10:30:00", the lane "1904-01-01 10:30:00". A time cell (00:00) in 年费缴至: the row path rejects BAD_DATE,
    the lane stores fees paid until 1904-01-01. (Found by this review; fixed: a rendering on 1904-01-01 may be a
    time cell — columnar._time_day.)"""
    n = number(2021, 1, 123, check="3")
    row: list[Any] = [n, "一种方法", "赵老师", "2026-03-04"]
    if cell == "person":
        row[2] = (time(10, 30), "hh:mm")
    else:
        row[3] = (0, "yyyy-mm-dd")
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称", "联系人", "年费缴至"], [control(4), row],
                 date_1904=True)
    lane, rows = lane_and_row_path(monkeypatch, tmp_path, path)
    assert_same(lane, rows)


def test_a_number_with_a_date_format_beyond_year_9999_in_a_text_column(tmp_path, monkeypatch):
    """A column formatted as dates holding a number Excel shows as ######## (here 3000000 in 联系电话): fastexcel
    renders '+10113-09-19 00:00:00'. (Found by this review, the lane stored that text; fixed: _DATETIME takes
    signed years of 5 digits or more, so the rendering is ambiguous.)"""
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称", "联系电话"],
                 [control(3), [number(2021, 1, 123, check="3"), "一种方法", (3000000, "yyyy-mm-dd")]])
    lane, rows = lane_and_row_path(monkeypatch, tmp_path, path)
    assert rows.table[1][16] == "3000000"  # contact_phone of the row under test (the control row sorts first)
    assert_same(lane, rows)


@pytest.mark.xfail(strict=True, reason="fastexcel renders a date-formatted number past chrono's range (a phone "
                   "number, 13812345678) as null: the lane reads a blank cell, so it drops the phone number and "
                   "takes a row whose filing date the row path rejects (BAD_DATE); a row whose only cell is such a "
                   "number is blank to the lane (skipped) where the row path creates the patent")
@pytest.mark.parametrize("column", ["phone", "filing date", "number alone"])
def test_a_date_formatted_phone_number_is_not_read_as_blank(tmp_path, monkeypatch, column):
    """("number alone": a row whose only cell is the application number typed as a number in a date-formatted
    column: blank to the lane, which skips it; python-calamine reads the float and the row path creates it.)"""
    n = number(2021, 1, 123, check="3")
    cells: list[Any] = [n, "一种方法", None, None]
    if column == "number alone":
        cells = [(float(n.replace(".", "")), "yyyy-mm-dd"), None, None, None]
    else:
        cells[2 if column == "phone" else 3] = (13812345678, "yyyy-mm-dd")
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称", "联系电话", "申请日"], [control(4), cells])
    lane, rows = lane_and_row_path(monkeypatch, tmp_path, path)
    assert_same(lane, rows)


def test_a_date_formatted_yyyymmdd_number_in_fees_paid_until(tmp_path, monkeypatch):
    """年费缴至 formatted as dates, 20260304 typed as a number (Excel shows ########). No range check guards this
    column, so the lane took the row and stored '+57370-10-28', a date SQLAlchemy cannot read back. (Found by this
    review; fixed: _date_cell wants a year of four digits.)"""
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称", "年费缴至"],
                 [control(3), [number(2021, 1, 123, check="3"), "一种方法", (20260304, "yyyy-mm-dd")]])
    lane, rows = lane_and_row_path(monkeypatch, tmp_path, path)
    assert rows.table[1][12] == "2026-03-04"  # fees_paid_until of the row under test
    assert_same(lane, rows)


def test_renderings_that_may_be_time_cells_or_past_9999_are_never_exact():
    import polars as pl

    from openlic_desktop.domain.parsing import clean_text

    for text in ("1904-01-01 10:30:00", "1904-01-01 00:00:00", "+10113-09-19 00:00:00", "+57370-10-28"):
        assert columnar._RENDERED.fullmatch(text)
        assert not columnar._agrees(clean_text, text, clean_text(text))
    cells = pl.Series(["2021-01-05 00:00:00", "1904-01-01 00:00:00", "+57370-10-28 00:00:00", "1900-01-02 00:00:00",
                       "1900-01-01 00:00:00", None], dtype=pl.String)
    assert pl.select(columnar._date_cell(cells)).to_series().to_list() == [True, False, False, True, False, False]
    assert columnar._day_texts(["1904-01-01 00:00:00"])[1] == [False]


def test_number_cells_read_as_their_renderings_wherever_those_are_numbers(tmp_path):
    """Against fastexcel itself: for every one-decimal number D.c (8-digit D below and above 2**24, 12- and 13-digit
    D, every c) that fastexcel renders as a text the number parse reads, the float reads as that same number —
    so a number cell and a text cell showing alike are read alike by lane and row path."""
    import random

    import fastexcel

    from openlic_desktop.domain.identifiers import parse_application_number
    from openlic_desktop.support.errors import InputError

    def read(value: Any) -> str | None:
        try:
            return parse_application_number(value).canonical
        except InputError:
            return None

    rng = random.Random(3)
    wholes = [10 ** 7, 2 ** 24 - 1, 2 ** 24, 99_999_999, *(rng.randrange(10 ** 7, 2 ** 24) for _ in range(60)),
              *(rng.randrange(2 ** 24, 10 ** 8) for _ in range(60)),
              *(rng.randrange(10 ** 11, 10 ** 13) for _ in range(60))]
    texts = [f"{d}.{c}" for d in wholes for c in range(10)]
    path = write(tmp_path / "n.xlsx", ["n"], [[float(t)] for t in texts])
    shown = fastexcel.read_excel(str(path)).load_sheet(0, header_row=None, skip_rows=1, dtypes="string").to_polars()
    pairs = [(t, r) for t, r in zip(texts, shown.to_series().to_list(), strict=True) if read(r) is not None]
    assert {r[-1] for _t, r in pairs} >= {"5"}  # the case the lane got wrong is really there
    assert all(read(float(t)) == read(r) for t, r in pairs), [(t, r) for t, r in pairs if read(float(t)) != read(r)]


def test_numbers_with_check_digit_5_take_the_lane_as_text_or_as_number_cells(tmp_path, monkeypatch):
    """Canonical numbers ending .5 (one number in eleven), as text cells and as number cells — in the 申请号 column
    and in the 专利号 column standing in for a blank 申请号, in a sheet whose used range starts at C1: all the
    lane's, and the outcome is the row path's."""
    text5, typed5, patent5, patent_typed5 = (number(2019, 2, 1000 * i, check="5") for i in range(1, 5))
    header = ["申请号", "发明名称", "专利号"]
    body = [control(3), [text5, "一种方法", None], [float(typed5), "一种装置", None],
            [None, "一种系统", "ZL" + patent5], [None, "一种设备", float(patent_typed5)]]
    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = book.add_worksheet("专利清单")
    for r, cells in enumerate([header, *body]):
        for c, cell in enumerate(cells):
            if isinstance(cell, float):
                sheet.write_number(r, c + 2, cell)
            elif cell is not None:
                sheet.write_string(r, c + 2, cell)
    book.close()
    lane, rows = lane_and_row_path(monkeypatch, tmp_path, path)
    assert_same(lane, rows)
    assert rows.result.rejections == [] and rows.result.created == 5
    assert lane.parsed == []


def test_a_number_cell_the_lane_cannot_render_does_not_hide_a_duplicate(tmp_path, monkeypatch):
    """A date-formatted number cell in 申请号 past chrono's range renders as null, so the lane did not see that its
    number repeats a text row's: it created the text row and the row path then inserted the same number again —
    the import failed (IntegrityError: UNIQUE constraint) where the row path skips an identical duplicate. Found
    by this review; fixed: rows with no number the lane reads but not blank have their numbers read by
    python-calamine first (RowParser.number_of), and a row with one of them goes the row path."""
    n = number(2021, 1, 125, check="4")
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称"],
                 [control(2), [n, "一种方法"], [(float(n.replace(".", "")), "yyyy-mm-dd"), "一种方法"]])
    rows = run_import(monkeypatch, tmp_path / "rows.sqlite3", path, lane=False)
    assert rows.result.skipped["duplicate"] == 1
    try:
        lane = run_import(monkeypatch, tmp_path / "lane.sqlite3", path, lane=True)
    except Exception as exc:
        raise AssertionError(f"the lane import failed: {exc!r}"[:300]) from exc
    assert_same(lane, rows)


# ---- transactions: a failure or cancel after the lane wrote a chunk ----------------------------------------------

def _dump(ws) -> dict[str, list[tuple[Any, ...]]]:
    from sqlalchemy import text

    with ws.reading() as s:
        out = {t: [tuple(r) for r in s.execute(text(f"SELECT * FROM {t} ORDER BY id"))]
               for t in ("patents", "audit_log", "import_sources")}
        out["schema"] = sorted(tuple(r) for r in s.execute(text("SELECT type, name, sql FROM sqlite_master")))
        out["stage"] = [tuple(r) for r in s.execute(text("SELECT type, name FROM openlic_stage.sqlite_master"))]
    return out


def _many_rows(count: int, start: int = 0) -> list[list[Any]]:
    return [[number(2018, 1, 10_000 + start + i), f"一种方法{i}", "某某大学", "张三、李四", "有效", "2018-05-06"]
            for i in range(count)]


@pytest.mark.parametrize("failure", ["cancel", "insert", "errors_out"])
def test_a_failure_after_a_lane_chunk_was_written_leaves_the_database_as_it_was(tmp_path, monkeypatch, failure):
    """Lane chunks of 7 rows (the chunking is columnar.plans'; only its size is lowered). A cancel at the progress
    call after the first chunk, an exception inside Stage.insert on the second chunk (after its INSERT … SELECT),
    or a failure writing --errors-out after everything was written: the import rolls back, the staging schema is
    empty again, and the next import on the same workspace gives the row path's outcome."""
    import functools

    from openlic_desktop.storage import import_stage

    header = ["申请号", "发明名称", "专利权人", "发明人", "法律状态", "申请日"]
    body = [*_many_rows(20), [number(2018, 1, 99), "一种方法", "某某大学", "", "不明状态", ""]]  # a warning: row path
    body.append(["CN112345678A", "公开号", "", "", "", ""])  # rejected: there is something for --errors-out
    path = write(tmp_path / "p.xlsx", header, body)
    monkeypatch.setattr(columnar, "plans", functools.partial(columnar.plans, chunk_rows=7))
    ws = open_workspace(tmp_path / "w.sqlite3", user="tester")
    try:
        importing.run(ws, write(tmp_path / "before.xlsx", header, _many_rows(3, start=500)), today=TODAY)
        before = _dump(ws)
        assert before["stage"] == [("table", "empty")]
        options: dict[str, Any] = {}
        calls: list[int] = []
        if failure == "cancel":
            options["progress"] = lambda done, total: calls.append(done) or len(calls) < 2
            expected: type[BaseException] = InterruptedError
        elif failure == "insert":
            real = import_stage.Stage.insert

            def insert(self, frame, source_id):
                written = real(self, frame, source_id)
                calls.append(written)
                if len(calls) == 2:
                    raise RuntimeError("disk full")
                return written

            monkeypatch.setattr(import_stage.Stage, "insert", insert)
            expected = RuntimeError
        else:
            options["errors_out"] = tmp_path / "rejected.txt"  # refused (BAD_ARGUMENT) after every write
            expected = InputError
        with pytest.raises(expected):
            importing.run(ws, path, today=TODAY, **options)
        if failure != "errors_out":
            assert len(calls) == 2
        assert _dump(ws) == before
        monkeypatch.undo()
        again = run_import(monkeypatch, tmp_path / "w.sqlite3", path, lane=True)
    finally:
        ws.close()
    assert 2 not in again.parsed and again.result.created == 21
    reference = tmp_path / "ref.sqlite3"
    ref_ws = open_workspace(reference, user="tester")
    try:
        importing.run(ref_ws, write(tmp_path / "before2.xlsx", header, _many_rows(3, start=500)), today=TODAY)
    finally:
        ref_ws.close()
    ref = run_import(monkeypatch, reference, path, lane=False)
    assert again.summary == ref.summary and again.table == ref.table


def test_lane_imports_on_two_threads_at_once(tmp_path):
    """Two workspaces (and two imports into one of them, which SQLite runs one after the other) on three threads:
    each staging is its own (own ADBC file, own attached schema per connection)."""
    import threading

    header = ["申请号", "发明名称", "专利权人", "发明人", "法律状态", "申请日"]
    files = [write(tmp_path / f"{i}.xlsx", header, _many_rows(300, start=1000 * i)) for i in range(3)]
    spaces = [open_workspace(tmp_path / "a.sqlite3", user="tester"), open_workspace(tmp_path / "b.sqlite3", user="t")]
    results: dict[int, Any] = {}

    def work(i: int) -> None:
        try:
            results[i] = importing.run(spaces[min(i, 1)], files[i], today=TODAY).created
        except BaseException as exc:  # noqa: BLE001 — reported below
            results[i] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert results == {0: 300, 1: 300, 2: 300}
        assert [len(_dump(ws)["patents"]) for ws in spaces] == [300, 600]
        assert [_dump(ws)["stage"] for ws in spaces] == [[("table", "empty")]] * 2
    finally:
        for ws in spaces:
            ws.close()


@pytest.mark.parametrize("lane", [True, False])
def test_index_pause_estimate_after_the_lane(tmp_path, monkeypatch, lane):
    """A re-import into a table of 500 patents: 20 changed rows first (the row path's), then 50 new ones (the
    lane's). 70 writes are not worth dropping and rebuilding the indexes of 570 rows (IndexPause: 6 × 70 < 500;
    MIN_ROWS lowered from 5,000 to 50 to keep the test small) — the row path does not pause. The lane's rows are
    written first, over the whole sheet; the rest rows then estimated the sheet's writes from all writes so far
    over the sheet rows read so far, taking the lane's 50 for 20 rows' worth."""
    from openlic_desktop.storage import import_bulk

    monkeypatch.setattr(import_bulk.IndexPause, "MIN_ROWS", 50)
    paused: list[bool] = []
    real_resume = import_bulk.IndexPause.resume

    def resume(self):
        paused.append(bool(self.dropped))
        return real_resume(self)

    monkeypatch.setattr(import_bulk.IndexPause, "resume", resume)
    header = ["申请号", "发明名称", "专利权人", "发明人", "法律状态", "申请日"]
    existing = _many_rows(500)
    changed = [[n, title + "（修改）", *rest] for n, title, *rest in existing[:20]]
    db = tmp_path / "w.sqlite3"
    run_import(monkeypatch, db, write(tmp_path / "first.xlsx", header, existing), lane=True)
    paused.clear()
    result = run_import(monkeypatch, db, write(tmp_path / "again.xlsx", header, changed + _many_rows(50, 600)),
                        lane=lane, chunk_rows=20)
    assert (result.result.updated, result.result.created) == (20, 50)
    assert paused == [False]


@pytest.mark.parametrize("rows", [0, 1, 6, 7, 8, 14, 15])
def test_sheet_heights_around_the_lane_chunk(tmp_path, monkeypatch, rows):
    """Only a header, one row, and one row less, exactly and one row more than a lane chunk (lowered to 7 rows;
    the chunking is columnar.plans' own), with a footer at the end: the row path's outcome, and
    a re-import of the same file is unchanged both ways."""
    import functools

    monkeypatch.setattr(columnar, "plans", functools.partial(columnar.plans, chunk_rows=7))
    header = ["申请号", "发明名称", "专利权人", "发明人", "法律状态", "申请日"]
    body = _many_rows(rows)
    path = write(tmp_path / "p.xlsx", header, [*body, ["合计：%d项" % rows]])
    lane, ref = lane_and_row_path(monkeypatch, tmp_path, path)
    assert lane.summary == ref.summary and lane.table == ref.table
    assert lane.result.created == rows and not set(lane.parsed) & set(range(2, rows + 2))
    for which, db in (("lane", "lane.sqlite3"), ("rows", "rows.sqlite3")):
        again = run_import(monkeypatch, tmp_path / db, path, lane=which == "lane")
        assert (again.result.unchanged, again.result.created, again.result.updated) == (rows, 0, 0)


def _single_quoted_styles(path: Path) -> Path:
    """The same workbook with xl/styles.xml's attributes in single quotes (valid XML; what some generators write)."""
    import re
    import zipfile

    out = path.with_name("quoted_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/styles.xml":
                data = re.sub(rb'(\w+)="([^"]*)"', rb"\1='\2'", data)
            dst.writestr(info, data)
    return out


@pytest.mark.parametrize("fmt", ["[h]:mm", "builtin 46"])
def test_a_duration_format_in_single_quoted_styles(tmp_path, monkeypatch, fmt):
    """A duration-formatted cell in 申请日: python-calamine gives a timedelta (the row path: BAD_DATE), fastexcel
    renders it like a date-time, so the lane leaves workbooks with duration formats to the row path
    (may_hold_durations). Its search of styles.xml wanted formatCode="…"/numFmtId="46" in double quotes, so
    the lane took the row with filing date 2021-01-05. Found by this review; fixed (either quote, white space
    around =)."""
    spec = "[h]:mm:ss" if fmt == "builtin 46" else fmt  # xlsxwriter writes [h]:mm:ss as the built-in format 46
    cells = [number(2021, 1, 123, check="3"), "一种方法", (44201.5, spec)]
    path = _single_quoted_styles(write(tmp_path / "p.xlsx", ["申请号", "发明名称", "申请日"], [control(3), cells]))
    lane, rows = lane_and_row_path(monkeypatch, tmp_path, path)
    assert [n.code for n in rows.result.rejections] == ["BAD_DATE"]
    assert lane.summary == rows.summary and lane.table == rows.table
    assert lane.parsed == [2, 3]  # the whole sheet went the row path


@pytest.mark.parametrize("lane", [True, False])
def test_progress_never_goes_back(tmp_path, monkeypatch, lane):
    """The lane plans the whole sheet first and the row path reads its rows afterwards: progress reported the
    lane's last sheet row (31 of 31), then the rest rows' own sheet rows (5, 9 … of 31) — the GUI's bar jumped to
    the end and back. Found by this review; fixed: done = sheet rows planned less rest rows still to go."""
    header = ["申请号", "发明名称", "法律状态"]
    body = [[number(2021, 1, i + 1), "一种方法", "有效" if i >= 10 else "奇怪状态"] for i in range(30)]  # 10 warn
    path = write(tmp_path / "p.xlsx", header, body)
    calls: list[tuple[int, int]] = []
    outcome = run_import(monkeypatch, tmp_path / "w.sqlite3", path, lane=lane, chunk_rows=4,
                         progress=lambda done, total: calls.append((done, total)) or True)
    assert outcome.result.created == 30 and len(outcome.result.warnings) == 10
    if lane:  # rows 2–11 warn (the row path's); the lane took 12–31
        assert sorted(outcome.parsed) == list(range(2, 12))
    done = [d for d, _t in calls]
    assert done == sorted(done) and calls[-1] == (31, 31) and {t for _d, t in calls} == {31}


@pytest.mark.xfail(strict=True, reason="a lane digest hashes fastexcel's texts, and a date-formatted number past "
                   "chrono's range renders as null, as a blank cell does: a phone number added so is taken for the "
                   "blank cell the digest was made of (unchanged) where the row path updates the patent")
def test_a_changed_row_is_not_taken_for_unchanged_by_its_lane_digest(tmp_path, monkeypatch):
    n = number(2021, 1, 123, check="3")
    header = ["申请号", "发明名称", "联系电话"]
    first = write(tmp_path / "first.xlsx", header, [control(3), [n, "一种方法", None]])
    again = write(tmp_path / "again.xlsx", header, [control(3), [n, "一种方法", (13812345678, "yyyy-mm-dd")]])
    outcomes = []
    for lane in (True, False):
        db = tmp_path / f"{lane}.sqlite3"
        run_import(monkeypatch, db, first, lane=True)  # the lane stamps its digests
        outcomes.append(run_import(monkeypatch, db, again, lane=lane))
    with_lane, row_path = outcomes
    assert row_path.result.updated == 1
    assert with_lane.summary == row_path.summary and with_lane.table == row_path.table
