"""What the import makes of typed cells — numbers, dates, times, durations, date-formatted numbers, 1904
workbooks — as python-calamine gives them, and of a failure, a cancel or two imports at once mid-way.

Each file is a real .xlsx written cell by cell with xlsxwriter (a cell is a value or (value, number format)), so
the reader sees exactly what Excel would leave. (These cases were found by comparing the import against a second,
columnar engine that has since been removed; what the one path does with them is pinned here.)
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from sqlalchemy import text

from openlic_desktop.domain.identifiers import check_character
from openlic_desktop.services import importing
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage.patents import PatentWriter
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)


def number(year: int, kind: int, serial: int, check: str | None = None) -> str:
    """A canonical application number; with `check`, the first serial from `serial` on whose check character
    is `check`."""
    while True:
        digits = f"{year}{kind}{serial:07d}"
        found = check_character(digits)
        if check is None or found == check:
            return f"{digits}.{found}"
        serial += 1


def write(path: Path, header: list[Any], rows: list[list[Any]], **options: Any) -> Path:
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


def stored(ws, column: str, n: str) -> Any:
    with ws.reading() as s:
        return s.execute(text(f"SELECT {column} FROM patents WHERE application_number = :n"), {"n": n}).scalar()


N = number(2021, 1, 123, check="3")


@pytest.mark.parametrize("check", ["5", "7", "X"])
def test_an_application_number_typed_as_a_number_reads_as_typed(ws, tmp_path, check):
    """Excel makes a number of 202110123456.7 typed in a General cell; its shortest decimal form is the number
    with its check digit (domain.md §2: every form met in the wild normalises)."""
    typed = number(2019, 2, 123456, check=check)
    cell: Any = typed if check == "X" else float(typed)
    result = importing.run(ws, write(tmp_path / "p.xlsx", ["申请号", "发明名称"], [[cell, "一种装置"]]), today=TODAY)
    assert (result.created, result.rejections) == (1, [])
    assert stored(ws, "title", typed) == "一种装置"


def test_a_number_cell_and_its_text_read_alike(ws, tmp_path):
    n = number(2019, 2, 123456, check="5")
    importing.run(ws, write(tmp_path / "a.xlsx", ["申请号", "发明名称"], [[n, "一种装置"]]), today=TODAY)
    again = importing.run(ws, write(tmp_path / "b.xlsx", ["申请号", "发明名称"], [[float(n), "一种装置"]]),
                          today=TODAY)
    assert (again.unchanged, again.created, again.updated, again.rejected) == (1, 0, 0, 0)


def test_numbers_in_the_patent_number_column_of_a_sheet_starting_at_c1(ws, tmp_path):
    """Canonical numbers as text and number cells, in 申请号 and in 专利号 standing in for a blank 申请号, in a
    sheet whose used range starts at C1."""
    text5, typed5, patent5, patent_typed5 = (number(2019, 2, 1000 * i, check="5") for i in range(1, 5))
    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = book.add_worksheet("专利清单")
    for r, cells in enumerate([["申请号", "发明名称", "专利号"], [text5, "一种方法", None],
                               [float(typed5), "一种装置", None], [None, "一种系统", "ZL" + patent5],
                               [None, "一种设备", float(patent_typed5)]]):
        for c, cell in enumerate(cells):
            if isinstance(cell, float):
                sheet.write_number(r, c + 2, cell)
            elif cell is not None:
                sheet.write_string(r, c + 2, cell)
    book.close()
    result = importing.run(ws, path, today=TODAY)
    assert (result.created, result.rejections) == (4, [])


@pytest.mark.parametrize(("cell", "column", "expected"), [
    pytest.param((3000000, "yyyy-mm-dd"), "contact_phone", "3000000", id="a number Excel shows as ########"),
    pytest.param((13812345678, "yyyy-mm-dd"), "contact_phone", "13812345678", id="a phone number as a date"),
    pytest.param((20260304, "yyyy-mm-dd"), "fees_paid_until", "2026-03-04", id="yyyymmdd as a date in 年费缴至"),
    pytest.param((datetime(2000, 1, 1, 0, 0, 0, 1000), "yyyy-mm-dd hh:mm:ss.000"), "contact_phone",
                 "2000-01-01 00:00:00.001000",
                 id="a date-time with milliseconds in a text column"),
    pytest.param(1 / 3, "contact_phone", "0.3333333333333333", id="a fraction in a text column"),
    pytest.param(1e-10, "contact_phone", "1e-10", id="a tiny number in a text column"),
])
def test_typed_cells_in_text_and_date_columns(ws, tmp_path, cell, column, expected):
    index = {"contact_phone": 2, "fees_paid_until": 3}[column]
    row: list[Any] = [N, "一种方法", None, None]
    row[index] = cell
    result = importing.run(ws, write(tmp_path / "p.xlsx", ["申请号", "发明名称", "联系电话", "年费缴至"], [row]),
                           today=TODAY)
    assert (result.created, result.rejections) == (1, [])
    assert stored(ws, column, N) == expected


@pytest.mark.parametrize("cell", [
    pytest.param((13812345678, "yyyy-mm-dd"), id="a phone number as a date"),
    pytest.param((44201.5, "[h]:mm"), id="a duration"),
    pytest.param((44201.5, "[h]:mm:ss"), id="a duration (built-in format 46)"),
    pytest.param(time(10, 30, 0, 500000), id="a time with milliseconds"),
    pytest.param((-1, "yyyy-mm-dd"), id="a negative serial as a date"),
    pytest.param((0.99999999999, "yyyy-mm-dd"), id="a serial just below 1 as a date"),
])
@pytest.mark.parametrize("column", [2, 3], ids=["申请日", "年费缴至"])
def test_cells_that_are_no_day_are_rejected_in_date_columns(ws, tmp_path, cell, column):
    row: list[Any] = [N, "一种方法", None, None]
    row[column] = cell
    result = importing.run(ws, write(tmp_path / "p.xlsx", ["申请号", "发明名称", "申请日", "年费缴至"], [row]),
                           today=TODAY)
    assert [(n.code, n.params["field"]) for n in result.rejections] == \
        [("BAD_DATE", "filing_date" if column == 2 else "fees_paid_until")]


def test_a_row_whose_only_cell_is_its_number_typed_into_a_date_formatted_column(ws, tmp_path):
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称"], [[(float(N.replace(".", "")), "yyyy-mm-dd"), None]])
    result = importing.run(ws, path, today=TODAY)
    assert (result.created, result.rejections) == (1, [])


@pytest.mark.parametrize("cell", ["person", "fees"])
def test_a_time_cell_in_a_1904_workbook(ws, tmp_path, cell):
    """A workbook saved in the 1904 date system (old Mac Excel): a time is a time, not 1904-01-01."""
    row: list[Any] = [N, "一种方法", "赵老师", "2026-03-04"]
    if cell == "person":
        row[2] = (time(10, 30), "hh:mm")
    else:
        row[3] = (0, "yyyy-mm-dd")
    result = importing.run(ws, write(tmp_path / "p.xlsx", ["申请号", "发明名称", "联系人", "年费缴至"], [row],
                                     date_1904=True), today=TODAY)
    if cell == "person":
        assert result.created == 1 and stored(ws, "contact_person", N) == "10:30:00"
    else:
        assert [n.code for n in result.rejections] == ["BAD_DATE"]


def test_a_date_formatted_number_repeating_a_text_row_is_an_identical_duplicate(ws, tmp_path):
    n = number(2021, 1, 125, check="4")
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称"],
                 [[n, "一种方法"], [(float(n.replace(".", "")), "yyyy-mm-dd"), "一种方法"]])
    result = importing.run(ws, path, today=TODAY)
    assert (result.created, result.skipped["duplicate"], result.rejected) == (1, 1, 0)


def test_header_cells_typed_as_a_boolean_or_a_float(ws, tmp_path):
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称", True, 1e-7, 98120002.8], [[N, "一种方法", "a", "b", "c"]])
    result = importing.run(ws, path, today=TODAY)
    assert result.headers == ["申请号", "发明名称", "True", "1e-07", "98120002.8"] and result.created == 1


def test_a_cell_the_reader_panics_on_is_refused(ws, tmp_path):
    """python-calamine panics on a date-formatted -1e12 (chrono's range); pyo3's PanicException is a
    BaseException: refused as FILE_CORRUPT, nothing written, never a crash."""
    path = write(tmp_path / "p.xlsx", ["申请号", "发明名称", "联系电话"], [[N, "一种方法", (-1e12, "yyyy-mm-dd")]])
    with pytest.raises(InputError) as refused:
        importing.run(ws, path, today=TODAY)
    assert refused.value.code == "FILE_CORRUPT"
    with ws.reading() as s:
        assert s.execute(text("SELECT count(*) FROM import_sources")).scalar() == 0


# ---- a failure, a cancel, two at once ----------------------------------------------------------------------------

HEADER = ["申请号", "发明名称", "专利权人", "发明人", "法律状态", "申请日"]


def _many_rows(count: int, start: int = 0) -> list[list[Any]]:
    return [[number(2018, 1, 10_000 + start + i), f"一种方法{i}", "某某大学", "张三、李四", "有效", "2018-05-06"]
            for i in range(count)]


def _dump(ws) -> dict[str, list[tuple[Any, ...]]]:
    with ws.reading() as s:
        out = {t: [tuple(r) for r in s.execute(text(f"SELECT * FROM {t} ORDER BY id"))]
               for t in ("patents", "audit_log", "import_sources")}
        out["schema"] = sorted(tuple(r) for r in s.execute(text("SELECT type, name, sql FROM sqlite_master")))
    return out


@pytest.mark.parametrize("failure", ["cancel", "insert", "errors_out"])
def test_a_failure_after_a_chunk_was_written_leaves_the_database_as_it_was(tmp_path, monkeypatch, failure):
    """Chunks of 7 rows into a portfolio small enough for the indexes to be paused: a cancel at the progress call
    after the first chunk, an exception inside the writer on the second chunk, or a failure writing --errors-out
    after everything was written. The import rolls back — patents, audit, history, schema (the paused indexes)
    as they were — and the next import on the same workspace is a normal one."""
    from openlic_desktop.storage import import_bulk

    monkeypatch.setattr(import_bulk.IndexPause, "MIN_ROWS", 5)
    body = [*_many_rows(20), [number(2018, 1, 99), "一种方法", "某某大学", "", "不明状态", ""],  # a warning
            ["CN112345678A", "公开号", "", "", "", ""]]  # rejected: there is something for --errors-out
    path = write(tmp_path / "p.xlsx", HEADER, body)
    ws = open_workspace(tmp_path / "w.sqlite3", user="tester")
    try:
        importing.run(ws, write(tmp_path / "before.xlsx", HEADER, _many_rows(3, start=500)), today=TODAY)
        before = _dump(ws)
        options: dict[str, Any] = {"chunk_rows": 7}
        calls: list[int] = []
        if failure == "cancel":
            options["progress"] = lambda done, total: calls.append(done) or len(calls) < 2
            expected: type[BaseException] = InterruptedError
        elif failure == "insert":
            real = PatentWriter.insert

            def insert(self, rows, source_id=None, digests=None):
                real(self, rows, source_id, digests)
                calls.append(len(rows))
                if len(calls) == 2:
                    raise RuntimeError("disk full")

            monkeypatch.setattr(PatentWriter, "insert", insert)
            expected = RuntimeError
        else:
            monkeypatch.setattr(importing.job, "write_rejections", _failing_rejections)
            options["errors_out"] = tmp_path / "rejected.xlsx"
            expected = OSError
        with pytest.raises(expected):
            importing.run(ws, path, today=TODAY, **options)
        if failure != "errors_out":
            assert len(calls) == 2
        assert _dump(ws) == before
        monkeypatch.undo()
        again = importing.run(ws, path, today=TODAY)
        assert (again.created, again.rejected, len(again.warnings)) == (21, 1, 1)
    finally:
        ws.close()


def _failing_rejections(*_args: Any, **_kw: Any) -> Path:
    raise OSError("disk full")


def test_imports_on_three_threads_into_two_workspaces(tmp_path):
    files = [write(tmp_path / f"{i}.xlsx", HEADER, _many_rows(300, start=1000 * i)) for i in range(3)]
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
    finally:
        for ws in spaces:
            ws.close()


@pytest.mark.parametrize("rows", [0, 1, 6, 7, 8, 14, 15])
def test_sheet_heights_around_a_chunk(ws, tmp_path, rows):
    """Only a header, one row, and one row less, exactly and one row more than a chunk (7), with a footer at the
    end; a re-import of the same file is unchanged."""
    path = write(tmp_path / "p.xlsx", HEADER, [*_many_rows(rows), [f"合计：{rows}项"]])
    first = importing.run(ws, path, today=TODAY, chunk_rows=7)
    assert (first.created, first.skipped["footer"]) == (rows, 1)
    again = importing.run(ws, path, today=TODAY, chunk_rows=7)
    assert (again.unchanged, again.created, again.updated) == (rows, 0, 0)


def test_progress_never_goes_back(ws, tmp_path):
    body = [[number(2021, 1, i + 1), "一种方法", "有效" if i >= 10 else "奇怪状态"] for i in range(30)]  # 10 warn
    calls: list[tuple[int, int]] = []
    result = importing.run(ws, write(tmp_path / "p.xlsx", ["申请号", "发明名称", "法律状态"], body), today=TODAY,
                           chunk_rows=4, progress=lambda done, total: calls.append((done, total)) or True)
    assert result.created == 30 and len(result.warnings) == 10
    done = [d for d, _t in calls]
    assert done == sorted(done) and calls[-1] == (31, 31) and {t for _d, t in calls} == {31}


def test_the_index_pause_is_not_taken_for_a_few_writes_into_a_larger_table(tmp_path, monkeypatch):
    """A re-import into a table of 500 patents: 20 changed rows, then 50 new ones. 70 writes are not worth
    dropping and rebuilding the indexes of 570 rows (6 × 70 < 500; MIN_ROWS lowered to 50 to keep it small)."""
    from openlic_desktop.storage import import_bulk

    monkeypatch.setattr(import_bulk.IndexPause, "MIN_ROWS", 50)
    paused: list[bool] = []
    real_resume = import_bulk.IndexPause.resume

    def resume(self):
        paused.append(bool(self.dropped))
        return real_resume(self)

    monkeypatch.setattr(import_bulk.IndexPause, "resume", resume)
    existing = _many_rows(500)
    changed = [[n, title + "（修改）", *rest] for n, title, *rest in existing[:20]]
    ws = open_workspace(tmp_path / "w.sqlite3", user="tester")
    try:
        importing.run(ws, write(tmp_path / "first.xlsx", HEADER, existing), today=TODAY)
        paused.clear()
        result = importing.run(ws, write(tmp_path / "again.xlsx", HEADER, changed + _many_rows(50, 600)),
                               today=TODAY, chunk_rows=20)
    finally:
        ws.close()
    assert (result.updated, result.created) == (20, 50)
    assert paused == [False]
