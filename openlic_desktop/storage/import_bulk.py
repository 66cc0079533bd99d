"""What an import reads and keeps beside the patents it writes: the stored facts and row digests of the numbers it
meets, the numbers it has seen (spilled to a temporary table beyond memory), the secondary indexes it pauses for a
large load, and the import history. Patents themselves are written only by `storage.patents.PatentWriter`.

Core statements and raw DB-API rows, never ORM objects per row (pitfalls §8). Functions take a session and never
commit.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    MetaData,
    Table,
    Text,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from openlic_desktop.domain.identifiers import ApplicationNumber, PatentType
from openlic_desktop.domain.status import Status
from openlic_desktop.storage.models import ImportSource, Patent
from openlic_desktop.storage.patents import FACT_COLUMNS, json_names

_CHUNK = 900  # SQLite's bound-parameter limit is 999 on old builds


def supports_digests(session: Session) -> bool:
    """Row digests are used where migration 0007's trigger clears them on any other change (SQLite)."""
    return session.get_bind().dialect.name == "sqlite"


def stored_digests(session: Session) -> dict[str, tuple[str, int]]:
    """{row digest: (canonical number, stated-fields mask)} of every patent that carries one (SQLite only: the
    rows come raw from the DB-API, 50,000 in 0.03 s instead of 0.25 s through a result's row processing)."""
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("SELECT import_digest, application_number, import_fields FROM patents "
                       "WHERE import_digest IS NOT NULL")
        return {digest: (number, mask) for digest, number, mask in cursor.fetchall()}
    finally:
        cursor.close()


def count_patents(session: Session) -> int:
    return session.connection().execute(select(func.count()).select_from(Patent.__table__)).scalar_one()


def titles_by_numbers(session: Session, numbers: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(numbers), _CHUNK):
        part = list(numbers[i:i + _CHUNK])
        out.update((number, title) for number, title in session.connection().execute(
            select(Patent.application_number, Patent.title).where(Patent.application_number.in_(part))))
    return out


class IndexPause:
    """SQLite: the secondary indexes of `patents` dropped for a load that is large for the table, and built
    again before the commit. Measured on 50,000 new rows: inserting with the nine indexes in place 1.64 s,
    without them 0.23 s plus 0.19 s to build them afterwards. It pays when the rows written are more than about
    a seventh of the table; below that, maintaining the indexes row by row is cheaper. The DDL is part of the
    import's transaction, so a failure or cancel rolls the indexes back in place with everything else."""

    MIN_ROWS = 5000

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dropped: list[str] = []
        self.decided = session.get_bind().dialect.name != "sqlite"

    def pause_if_worth_it(self, rows_to_write: int, rows_in_table: int) -> None:
        """Pause if the import's estimate of the rows it will write makes it worth it. Asked at every chunk that
        writes until it pays (estimates improve as the sheet is read); once paused, the indexes stay dropped
        until `resume`."""
        if self.decided:
            return
        if rows_to_write < self.MIN_ROWS or rows_to_write * 6 < rows_in_table:
            return
        self.decided = True
        conn = self.session.connection()
        found = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                     "AND tbl_name = 'patents' AND sql IS NOT NULL").all()
        for name, sql in found:
            quoted = name.replace('"', '""')
            conn.exec_driver_sql(f'DROP INDEX "{quoted}"')
            self.dropped.append(sql)

    def resume(self) -> None:
        conn = self.session.connection()
        while self.dropped:
            conn.exec_driver_sql(self.dropped.pop())


class DigestTriggerPause:
    """SQLite: migration 0007's trigger dropped while an import updates patents, and made again (from its stored
    text) before the commit. The trigger clears a patent's row digest when its facts change without a new one;
    an import's updates always write the digest of the row they come from, so for them it never fires — yet
    SQLite runs it for every row updated (the old and new rows built for it, its condition evaluated): the
    UPDATE of the titles and statuses of 5,000 of 50,000 patents took 0.092 s with it and 0.056 s without, the
    DROP and CREATE included (medians of 10 alternations, 85–121 against 53–74 ms). The DDL is part of the import's transaction, which holds the write lock:
    a failure or cancel rolls the trigger back in place, and no other connection ever sees it missing."""

    NAME = "patents_import_digest_stale"

    def __init__(self, session: Session) -> None:
        self.session = session
        self.sql: str | None = None  # the trigger's text while it is dropped
        self.decided = session.get_bind().dialect.name != "sqlite"

    def pause(self) -> None:
        """Before the import's first update of patents (once)."""
        if self.decided:
            return
        self.decided = True
        conn = self.session.connection()
        self.sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ? "
                                        "AND tbl_name = 'patents'", (self.NAME,)).scalar()
        if self.sql is not None:
            conn.exec_driver_sql(f"DROP TRIGGER {self.NAME}")

    def resume(self) -> None:
        if self.sql is not None:
            self.session.connection().exec_driver_sql(self.sql)
            self.sql = None


# An import's entry for a number it has seen: (first sheet row, row signature) for a parsed row, or
# (first sheet row, None, stated-fields mask) for a row recognised by its stored digest.
SeenEntry = tuple[Any, ...]

_SEEN_META = MetaData()
_SEEN = Table("openlic_import_seen", _SEEN_META,
              Column("number", Text, primary_key=True), Column("first_row", Integer, nullable=False),
              Column("signature", BigInteger), Column("mask", BigInteger), prefixes=["TEMPORARY"],
              sqlite_with_rowid=False)  # the number is the only key: one b-tree, not a table plus an index


class SeenSpill:
    """The application numbers an import has seen beyond those it keeps in memory: a temporary table on the
    import's own connection (SQLite: in the connection's temp database, which pages to a temporary file, not to
    the process heap; PostgreSQL: a session-local temporary table). The signature is a Python `hash` (64-bit,
    valid within this process only) — fine for a table that lives no longer than the import.

    Made inside the import's transaction, so a failure or cancel of a real import rolls it back with
    everything else; `drop()` removes it before the commit. A dry run's reading session may have no
    transaction open when it is made (pysqlite begins one only before DML): one is begun first, so that the
    session's rollback removes the table too (it would otherwise outlive the run on the pooled connection)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        conn = session.connection()
        if self.sqlite and not conn.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            # a dry run's reading session: pysqlite has not begun a transaction (it does so only before DML), and
            # DDL outside one commits at once — the table would outlive the run on the pooled connection
            # (test_a_dry_run_leaves_no_spill_table_on_the_pooled_connection). Begun here, the session's
            # rollback takes it away with everything else.
            conn.exec_driver_sql("BEGIN")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self._qualified()}")
        _SEEN.create(conn)

    @staticmethod
    def supported(session: Session) -> bool:
        """Dialects where the temporary table is known to work (the import keeps every number in memory
        elsewhere)."""
        return session.get_bind().dialect.name in ("sqlite", "postgresql")

    def _qualified(self) -> str:
        # schema-qualified, so that DROP never reaches a permanent table of the same name
        return ("temp." if self.sqlite else "pg_temp.") + _SEEN.name

    def add(self, entries: Iterable[tuple[str, SeenEntry]]) -> None:
        """Numbers not yet in the table, with their entries (one executemany)."""
        rows = [(number, e[0], e[1], e[2] if len(e) > 2 else None) for number, e in entries]
        if not rows:
            return
        conn = self.session.connection()
        if self.sqlite:
            conn.exec_driver_sql(f"INSERT INTO {self._qualified()} (number, first_row, signature, mask) "
                                 "VALUES (?, ?, ?, ?)", rows)
        else:
            conn.execute(insert(_SEEN), [{"number": n, "first_row": r, "signature": s, "mask": m}
                                         for n, r, s, m in rows])

    def lookup(self, numbers: Collection[str]) -> dict[str, SeenEntry]:
        """{number: entry} for those of `numbers` in the table (one query per 900 numbers)."""
        out: dict[str, SeenEntry] = {}
        if not numbers:
            return out
        conn = self.session.connection()
        numbers = list(numbers)
        for i in range(0, len(numbers), _CHUNK):
            part = numbers[i:i + _CHUNK]
            if self.sqlite:
                rows = conn.exec_driver_sql(
                    f"SELECT number, first_row, signature, mask FROM {self._qualified()} "
                    f"WHERE number IN ({', '.join('?' * len(part))})", tuple(part))
            else:
                rows = conn.execute(select(_SEEN.c.number, _SEEN.c.first_row, _SEEN.c.signature, _SEEN.c.mask)
                                    .where(_SEEN.c.number.in_(part)))
            for number, first_row, signature, mask in rows:
                out[number] = (first_row, signature) if signature is not None else (first_row, None, mask)
        return out

    def drop(self) -> None:
        self.session.connection().exec_driver_sql(f"DROP TABLE IF EXISTS {self._qualified()}")


@contextmanager
def bulk_settings(session: Session) -> Iterator[None]:
    """A 16 MB page cache for the import's connection (SQLite), restored after. With the default 2 MB, building
    the paused indexes again and updating indexed rows spill to temporary files: 50,000 new rows took 3.03 s
    against 2.79 s with 16 MB; 64 MB was no faster and raised the process peak by 18 MB."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    conn = session.connection()
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size=-16384")
    try:
        yield
    finally:
        # the connection may already be gone (rollback after an error); the pool then resets it anyway
        with suppress(Exception):
            conn.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")


_DATE_FIELDS = frozenset({"filing_date", "grant_date", "fees_paid_until"})
_LIST_FIELDS = frozenset({"patentees", "inventors"})
_RAW_FIELDS = FACT_COLUMNS


def _decode(name: str, raw: Any) -> Any:
    """A stored value as PatentFacts holds it. Raw SQLite values (ISO date text, JSON text) and values already
    converted by a driver (date, list) are both accepted."""
    if name in _DATE_FIELDS:
        if raw is None or raw == "":
            return None
        return raw if isinstance(raw, date) else date.fromisoformat(raw)
    if name in _LIST_FIELDS:
        if raw is None or raw == "":
            return []
        return list(raw) if isinstance(raw, list) else json.loads(raw)
    if name == "status":
        return Status(raw or "unknown")
    if name == "patent_type":
        return PatentType(raw)
    return raw or ""


class StoredFacts:
    """The stored facts of one patent, decoded field by field when asked: a re-import compares most rows on a
    few fields and drops them, so building every PatentFacts (and parsing every date) would be wasted work."""

    __slots__ = ("_cache", "digest", "id", "number", "raw")

    def __init__(self, pid: int, number: str, raw: dict[str, Any], digest: str | None = None) -> None:
        # raw: the stored values as the database gave them, by fact name (compared first: see `same`)
        self.id, self.number, self.raw, self._cache, self.digest = pid, number, raw, {}, digest

    def get(self, name: str) -> Any:
        try:
            return self._cache[name]
        except KeyError:
            value = self._cache[name] = _decode(name, self.raw[name])
            return value

    def same(self, name: str, value: Any) -> bool:
        """Whether the stored fact `name` is `value` (as PatentFacts holds it). Compared in the stored form first —
        text and enum values as they are, a date as its ISO text, a list of names as its JSON — and decoded only
        when that differs (a stored form written otherwise, or a real change): a re-import compares every fact
        each of its rows states, nearly all of them unchanged (5,000 rows, 12 facts each: 0.23 s decoding)."""
        raw = self.raw[name]
        if raw == value:
            return True
        if isinstance(value, date):
            if raw == value.isoformat():
                return True
        elif isinstance(value, list) and raw == json_names(value):
            return True
        return bool(self.get(name) == value)

    def written(self, changed: Mapping[str, Any]) -> tuple[ApplicationNumber, dict[str, Any]]:
        """The patent's number and its facts with `changed` replacing theirs (only the others are decoded), as
        PatentWriter.row takes them: a changed row is only written, so no PatentFacts is built for it."""
        digits, check = self.number.split(".")
        values = {name: self.get(name) for name in _RAW_FIELDS if name not in changed}
        values.update(changed)
        return ApplicationNumber(digits, check), values


def stored_by_numbers(session: Session, numbers: Sequence[str]) -> dict[str, StoredFacts]:
    """{canonical number: StoredFacts} for the numbers already in the database. On SQLite the values come raw
    from a DB-API cursor (no per-value result processing, no result rows: 5,000 rows fetched one by one through a
    result cost 0.06 s of a re-import); elsewhere through Core."""
    out: dict[str, StoredFacts] = {}
    conn = session.connection()
    if session.get_bind().dialect.name == "sqlite":
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            for i in range(0, len(numbers), _CHUNK):
                part = list(numbers[i:i + _CHUNK])
                _add_stored(out, cursor.execute(
                    f"SELECT id, application_number, import_digest, {', '.join(_RAW_FIELDS)} FROM patents "
                    f"WHERE application_number IN ({', '.join('?' * len(part))})", part).fetchall())
        finally:
            cursor.close()
        return out
    for i in range(0, len(numbers), _CHUNK):
        part = list(numbers[i:i + _CHUNK])
        _add_stored(out, conn.execute(select(Patent.id, Patent.application_number, Patent.import_digest,
                                             *(getattr(Patent, name) for name in _RAW_FIELDS))
                                      .where(Patent.application_number.in_(part))))
    return out


def _add_stored(out: dict[str, StoredFacts], rows: Iterable[Sequence[Any]]) -> None:
    for row in rows:
        out[row[1]] = StoredFacts(row[0], row[1], dict(zip(_RAW_FIELDS, row[3:], strict=True)), row[2])


def add_source(session: Session, file_name: str, sha256: str, sheet: str, user: str,
               parsed_on: date | None = None) -> int:
    result = session.execute(insert(ImportSource).values(
        file_name=file_name, sha256=sha256, sheet=sheet, user=user, imported_at=datetime.now(UTC),
        parsed_on=parsed_on))
    return int(result.inserted_primary_key[0])


def digests_hold_on(session: Session, today: date) -> bool:
    """Whether the stored row digests may be trusted by an import judging dates against `today`: every import
    that stamped them read its rows on `today` or before (a row accepted then cannot have a date after today)."""
    latest = session.execute(select(func.max(ImportSource.parsed_on))).scalar()
    return latest is None or latest <= today


def finish_source(session: Session, source_id: int, **counts: int) -> None:
    session.execute(update(ImportSource).where(ImportSource.id == source_id).values(**counts))


def history(session: Session, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports, newest first, as plain dicts."""
    rows = session.execute(select(ImportSource).order_by(ImportSource.id.desc()).limit(limit)).scalars()
    return [{"id": r.id, "file_name": r.file_name, "sha256": r.sha256, "sheet": r.sheet, "rows_read": r.rows_read,
             "created": r.created, "updated": r.updated, "unchanged": r.unchanged, "rejected": r.rejected,
             "user": r.user, "imported_at": r.imported_at} for r in rows]
