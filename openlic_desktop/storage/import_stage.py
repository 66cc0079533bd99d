"""Writing polars frames of new patents into SQLite by INSERT … SELECT (the import's columnar lane).

A frame goes through ADBC into a staging SQLite file (Arrow straight to SQLite, no Python object per value). The
file's bytes, mapped rather than read, are deserialized into the `openlic_stage` schema that every SQLite connection
of ours has attached (an empty in-memory database, attached at connect: ATTACH is refused inside a transaction, and
the import's transaction is open by then). One INSERT … SELECT copies the rows into `patents` inside the import's
transaction; the staging schema is emptied again afterwards. Measured on 50,000 rows: staging 0.14 s and the copy
0.10 s, against 0.47 s for building the rows as Python tuples and executemany.
"""

from __future__ import annotations

import mmap
import shutil
import sqlite3
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any, Self

from sqlalchemy.orm import Session

from openlic_desktop.storage import import_bulk

STAGE = "openlic_stage"


def attach_stage(dbapi_connection: Any) -> None:
    """At connect (storage.engine): the empty staging schema."""
    dbapi_connection.execute(f"ATTACH DATABASE ':memory:' AS {STAGE}")


def _empty_database() -> bytes:
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE TABLE empty (x)")
        return con.serialize()
    finally:
        con.close()


class Stage:
    """One import's staging: `insert(frame, source_id)` as often as needed, then `close()` (or use as a context
    manager). Never commits the import's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._folder: Path | None = None
        self._staging: Any = None
        self._stamp: str | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> Any:
        import adbc_driver_sqlite.dbapi as adbc

        if self._staging is None:
            self._folder = Path(tempfile.mkdtemp(prefix="openlic-stage-"))
            self._staging = adbc.connect(str(self._folder / "stage.sqlite3"))
        return self._staging

    def insert(self, frame: Any, source_id: int | None) -> int:
        """Insert the frame's rows (columns named as in `patents`) in frame order, created by import
        `source_id`; returns how many."""
        if frame is None or frame.height == 0:
            return 0
        staging = self._connect()
        cursor = staging.cursor()
        try:
            cursor.adbc_ingest("rows", frame, mode="replace")
        finally:
            cursor.close()
        staging.commit()
        conn = self.session.connection()
        raw = conn.connection.dbapi_connection
        assert self._folder is not None
        with open(self._folder / "stage.sqlite3", "rb") as handle, \
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            raw.deserialize(data, name=STAGE)  # SQLite copies it: the file may change after
        try:
            names = ", ".join(frame.columns)
            if self._stamp is None:
                self._stamp = import_bulk.stored_now(self.session)
            conn.exec_driver_sql(
                f"INSERT INTO patents ({names}, source_id, created_source_id, created_at, updated_at) "
                f"SELECT {names}, ?, ?, ?, ? FROM {STAGE}.rows ORDER BY rowid",
                (source_id, source_id, self._stamp, self._stamp))
        finally:
            with suppress(sqlite3.Error):
                raw.deserialize(_empty_database(), name=STAGE)
        return frame.height

    def close(self) -> None:
        if self._staging is not None:
            with suppress(Exception):
                self._staging.close()
            self._staging = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
