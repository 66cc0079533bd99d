"""Reading a sheet ahead: `openlic import` opens the file and passes its guards first, then python-calamine loads
the sheet on a thread of its own (it releases the GIL) while the import's modules load. The table found, its rows,
and every refusal must be exactly what reading it in one go gives — and a refusal still comes before any
database is opened."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import intake_samples as S
import pytest

from openlic_desktop.intake.readers import open_spreadsheet
from openlic_desktop.services import importing
from openlic_desktop.services.importing.read import ReadAhead, Table
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)


def _read(table: Table) -> tuple[object, list[tuple[int, list[object]]]]:
    with table:
        layout = table.layout
        return (layout.sheet, layout.header_row, layout.mapping), list(table.rows())


def test_the_table_read_ahead_is_the_table_read_in_one_go(tmp_path):
    path = S.write_xlsx(tmp_path / "messy.xlsx", S.messy_table())
    ahead = ReadAhead(path)
    assert _read(ahead.table()) == _read(Table(path))
    with pytest.raises(RuntimeError):
        ahead.table()  # its rows are read once


def test_a_first_sheet_without_the_table_is_loaded_ahead_and_let_go(tmp_path):
    """The sheet loaded ahead is the first; the table is on the second, which is then read as usual."""
    path = S.write_xlsx(tmp_path / "two.xlsx", S.messy_table(), before={"说明": [["本表说明"], ["无申请号列"]]})
    layout_and_rows = _read(ReadAhead(path).table())
    assert layout_and_rows == _read(Table(path))
    assert layout_and_rows[0][0] == "专利清单"
    named = _read(ReadAhead(path, sheet="专利清单").table())
    assert named == layout_and_rows
    with pytest.raises(InputError) as err:
        ReadAhead(path, sheet="没有这张表").table()
    assert err.value.code == "SHEET_NOT_FOUND"


def test_a_sheet_that_fails_to_load_is_refused_as_without_the_thread(tmp_path):
    """Its cell references pass the used-range guard; its XML does not load: FILE_CORRUPT, raised where the table
    is asked for, in the caller's thread — as Table raises it."""
    path = S.raw_xlsx(tmp_path / "broken.xlsx", '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2"><v>1</v>',
                      dimension="A1:B2")
    with pytest.raises(InputError) as direct:
        Table(path)
    ahead = ReadAhead(path)  # opened and checked; the load's failure waits for the table
    with pytest.raises(InputError) as later:
        ahead.table()
    assert later.value.code == direct.value.code == "FILE_CORRUPT"


def test_closing_while_the_sheet_loads_waits_for_it(tmp_path):
    path = S.write_xlsx(tmp_path / "messy.xlsx", S.messy_table())
    book = open_spreadsheet(path)
    book.load_ahead()
    book.close()  # no error, no crash: the load in flight is waited for first
    book = open_spreadsheet(path)
    book.load_ahead()
    book.load_ahead()  # a second request while one is in flight changes nothing
    rows = list(book.rows())
    book.close()
    assert rows[3][1] == S.messy_table()[3][1]


def test_an_unreadable_file_is_refused_by_the_command_before_any_database(tmp_path):
    """The command reads ahead: a refused file still leaves no database behind (exit 2)."""
    path = S.raw_xlsx(tmp_path / "broken.xlsx", '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2"><v>1</v>')
    db = tmp_path / "new.sqlite3"
    run = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--lang", "en", "import",
                          str(path)], capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert run.returncode == 2, run.stderr
    assert "FILE_CORRUPT" in run.stderr or "corrupt" in run.stderr.lower(), run.stderr
    assert not db.exists()


def test_the_command_imports_what_the_service_imports(tmp_path, ws):
    """The same file through the command (read ahead) and through the service (in one go): the same patents."""
    path = S.write_xlsx(tmp_path / "messy.xlsx", S.messy_table())
    by_service = importing.run(ws, path, today=TODAY)
    db = tmp_path / "cli.sqlite3"
    run = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--lang", "en", "import",
                          str(path), "--json"], capture_output=True, text=True, encoding="utf-8", timeout=120,
                         check=False)
    assert run.returncode == 1, run.stderr  # rows rejected
    out = json.loads(run.stdout)
    assert (out["created"], out["rejected"]) == (by_service.created, by_service.rejected)


class _Panicking:
    """python-calamine's book, whose sheet load raises what the reader cannot always be made to raise on a real
    file at that step: a Rust panic (pyo3's PanicException, a BaseException, not importable by name) or an
    interrupt."""

    def __init__(self, book, exc: BaseException) -> None:
        self._book, self._exc, self.loads = book, exc, 0

    def __getattr__(self, name):
        return getattr(self._book, name)

    def get_sheet_by_name(self, name):
        self.loads += 1
        raise self._exc


def test_what_the_load_thread_raises_is_judged_in_the_first_read(tmp_path):
    """The thread hands on whatever the load raised: a panic is refused as FILE_CORRUPT by the first read, in
    the caller's thread, as a load in that read would be; an interrupt is not turned into a refusal."""
    panic = type("PanicException", (BaseException,), {})
    path = S.write_xlsx(tmp_path / "messy.xlsx", S.messy_table())
    for raised, expected in ((panic("chrono out of range"), InputError), (KeyboardInterrupt(), KeyboardInterrupt)):
        book = open_spreadsheet(path)
        book._book = panicking = _Panicking(book._book, raised)
        book.load_ahead()
        with pytest.raises(expected) as err:
            list(book.rows())
        book.close()
        assert panicking.loads == 1  # judged from the thread's load, not by loading the sheet again
        if expected is InputError:
            assert err.value.code == "FILE_CORRUPT"
