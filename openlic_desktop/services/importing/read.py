"""Reading an import's table — the first stage.

The file is opened through intake, the one reader of every spreadsheet the app reads: its guards refuse a file
that is not a spreadsheet, encrypted, corrupt, a zip bomb, too large, or with an absurd used range, each with a
stable code (intake.readers, support.archive_limits). Then the table is found — the header row below title rows
and notes, the field of each column (detected, remembered from an earlier correction, or given) — and the data
rows follow as (sheet row number, cells), the sheet read once, as a stream.

All of it happens when a `Table` is made, before any database is opened: an unreadable file leaves no trace.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from openlic_desktop.intake.readers import Spreadsheet, open_spreadsheet
from openlic_desktop.intake.table import Layout, open_table

if TYPE_CHECKING:  # loaded when asked for: `openlic import` starts the sheet's load before SQLAlchemy loads
    from openlic_desktop.storage.import_digests_ahead import DigestsAhead


class Table:
    """An opened spreadsheet and its table. Use as a context manager; its rows are read once."""

    def __init__(self, path: str | Path, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
                 header_index: int | None = None, *, book: Spreadsheet | None = None) -> None:
        self.path = Path(path)
        # `book`: this file already opened (ReadAhead)
        self.book = book if book is not None else open_spreadsheet(self.path)
        try:
            self.layout: Layout
            self.layout, self._rows = open_table(self.book, sheet, mapping, header_index)
        except BaseException:
            self.book.close()
            raise

    @property
    def streamed(self) -> bool:
        """Whether the rows are streamed (openpyxl, for a sheet too large to hold) rather than held."""
        return self.book.streams(self.layout.sheet)

    @property
    def sha256(self) -> str:
        """The file's SHA-256 (recorded in the import history), hashed once per opening."""
        return self.book.sha256()

    @property
    def height(self) -> int:
        """Rows in the sheet (its used range): the progress total; 0 when the sheet does not say."""
        return self.book.current_height

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(sheet row number as Excel shows it, cells) of every row below the header, in order."""
        rows, self._rows = self._rows, iter(())
        return rows

    def close(self) -> None:
        self.book.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ReadAhead:
    """A Table begun early: the file opened and its guards passed now, in the caller's thread (a refusal is
    raised here), and the sheet loading on a thread of its own (`Spreadsheet.load_ahead`: python-calamine loads
    it without the GIL) while the caller does other work — `openlic import` loads the portfolio's modules
    meanwhile, 0.5 s each for 50,000 rows. `table()` finds the table as `Table` does, with the same refusals. No
    database is opened here: the file is judged readable before any is opened or created, as without it."""

    def __init__(self, path: str | Path, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
                 header_index: int | None = None) -> None:
        self._args = (path, sheet, mapping, header_index)
        self._book: Spreadsheet | None = open_spreadsheet(Path(path))
        self._book.load_ahead(sheet)

    def table(self) -> Table:
        """The table (once); the sheet's load is waited for when its first rows are read."""
        book, self._book = self._book, None
        if book is None:
            raise RuntimeError("ReadAhead.table() gives its table once")
        return Table(*self._args, book=book)


def digests_ahead(database: str | os.PathLike[str] | Path | None) -> DigestsAhead | None:
    """The stored row digests of the database an import will write to (a path or URL as --db takes it; None:
    the default one), read on a thread while the sheet loads — only an existing SQLite file at the newest schema,
    and read so that nothing is created or changed (storage.import_digests_ahead). None for anything else. Start
    it after the file's guards have passed (ReadAhead): a refused file is refused before any database is read."""
    from openlic_desktop.storage.engine import resolve_url
    from openlic_desktop.storage.import_digests_ahead import DigestsAhead
    from openlic_desktop.support.paths import default_database

    path = resolve_url(database if database is not None else default_database())[1]
    return DigestsAhead(path) if path is not None and path.is_file() else None
