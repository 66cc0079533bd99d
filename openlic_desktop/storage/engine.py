"""Opening a database: checks before touching the file, a backup before migrating, Alembic to head.

SQLite is the default (a file in the user data dir); any SQLAlchemy URL works for offices that share a server.
SQLite-only features (pragmas, the instr() search) are confined to here and to `search.py`,
each with a portable path beside it.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from openlic_desktop.storage import revisions
from openlic_desktop.support import debris
from openlic_desktop.support.errors import BUSY_SECONDS, InputError, system_refusal
from openlic_desktop.support.files import atomic_path

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass
class Database:
    """An open database: the engine, a session factory, and what it is (for messages and backups)."""

    engine: Engine
    sessions: sessionmaker[Session]
    url: str  # for display: any password masked (safe_url)
    path: Path | None  # the SQLite file, None for server databases
    migrated_from: str | None = None  # the revision we migrated from, if a migration ran
    backup_path: Path | None = None
    created: bool = False  # a new, empty database was made by this open

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        return self.sessions()

    def dispose(self) -> None:
        self.engine.dispose()


# one key for the whole database ("OPENLIC" in ASCII): every writing transaction on a server takes it first
_WRITERS_LOCK = 0x4F50454E4C4943


def begin_writing(session: Session) -> None:
    """Open `session`'s transaction as a writer: the database's write lock is taken before anything is read.

    SQLite: `BEGIN IMMEDIATE`. pysqlite otherwise begins a transaction only at the first INSERT/UPDATE, so an edit
    read the row outside any lock and wrote it back afterwards: another process's edit committed in between was
    silently put back (lost updates). PostgreSQL: a transaction-level advisory lock, released at commit or
    rollback; a second writer waits. It also keeps two transactions from chaining audit records to the same
    previous hash, and an import's recorded audit range (for undo) free of another writer's records. Must be the
    session's first statement."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITERS_LOCK})


def _alembic_config():
    from alembic.config import Config  # Alembic is loaded only to migrate (storage/revisions.py)

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return revisions.head()


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")
    cursor.close()


def _check_sqlite_file(path: Path) -> None:
    """Refuse, without writing anything, a file that is not SQLite or that we could not write."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 (Linux): SQLite takes UTF-8 names only
        shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise InputError("PATH_NOT_UTF8", path=shown) from None
    if path.exists():
        if path.is_dir():
            raise InputError("DB_NOT_SQLITE", path=str(path))
        if path.stat().st_size > 0:
            try:
                with open(path, "rb") as handle:
                    header = handle.read(len(SQLITE_HEADER))
            except OSError as exc:
                raise InputError("DB_UNREADABLE", path=str(path), reason=exc.strerror or str(exc)) from exc
            if header != SQLITE_HEADER:
                raise InputError("DB_NOT_SQLITE", path=str(path))
            _check_ours(path)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise InputError("DB_READ_ONLY", path=str(path))
    else:
        parent = path.parent
        if not parent.exists():
            parent.mkdir(parents=True, exist_ok=True)
        if not os.access(parent, os.W_OK):
            raise InputError("DB_READ_ONLY", path=str(path))


def _check_ours(path: Path) -> None:
    """Refuse another program's SQLite file before our connection touches it: the pragmas every connection of ours
    sets (journal_mode=WAL) are written into the file, so the check after connecting came too late to leave a
    refused file as it was. Looked at read-only: tables without Alembic's, or a revision we do not know."""
    import sqlite3

    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return  # the engine's own connection reports what is wrong, as before
    try:
        tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        stamped = probe.execute(f"SELECT version_num FROM {revisions.VERSION_TABLE}").fetchall() \
            if revisions.VERSION_TABLE in tables else []
    except sqlite3.Error:
        return
    finally:
        probe.close()
    if not stamped and tables - {revisions.VERSION_TABLE} - {"sqlite_sequence"}:
        raise InputError("DB_UNREADABLE", path=str(path), reason="不是 OpenLic 数据库 / not an OpenLic database")
    if len(stamped) == 1 and stamped[0][0] not in revisions.known():
        raise InputError("DB_TOO_NEW", path=str(path), revision=stamped[0][0])


def safe_url(url: str) -> str:
    """The URL as shown and remembered: a password in it becomes ***, so it never reaches a screen, a log line or
    the settings file (a server's password is kept in the OS keyring: services.server_passwords)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    # any failure: this runs while errors are reported, and must not raise there
    except Exception:  # noqa: BLE001 — see above
        # not a URL SQLAlchemy can parse (a mistyped port, say) may still carry a password: everything between
        # the user name's colon and the last @ is masked
        scheme, sep, rest = url.partition("://")
        at = rest.rfind("@")
        user, colon, _password = rest[:max(at, 0)].partition(":")
        return f"{scheme}://{user}:***{rest[at:]}" if sep and colon else url


def resolve_url(target: str | os.PathLike[str]) -> tuple[str, Path | None]:
    text = str(target)
    if "://" in text:
        if text.startswith("sqlite:///") and not text.startswith("sqlite:///:memory:"):
            return text, Path(text[len("sqlite:///"):])
        return text, None
    path = Path(text).expanduser().resolve()
    return f"sqlite:///{path}", path


_QUOTED_VALUE = re.compile(r':\s*"[^"]*"\s*$')  # 'invalid input syntax for type date: "<the value>"'


def _server_message_without_values(context: ExceptionContext) -> None:
    """A server's error message keeps to its first line: PostgreSQL adds the failing row or key, values and all
    ("DETAIL: Failing row contains (…)", "Key (name)=(…) already exists"), which hide_parameters does not reach —
    and a crash report prints the driver's error as well as SQLAlchemy's. A value quoted at the end of that line
    goes too; the statement, the column and the constraint named still help a supporter."""
    orig = context.original_exception
    text = str(orig)
    primary = _QUOTED_VALUE.sub(': "…"', text.split("\n", 1)[0].rstrip())
    if primary == text:
        return
    orig.args = (primary,)
    wrapped = context.sqlalchemy_exception
    if wrapped is not None:
        wrapped.args = (f"({type(orig).__module__}.{type(orig).__name__}) {primary}",)


def open_database(target: str | os.PathLike[str], *, migrate: bool = True) -> Database:
    """Open (creating and migrating if needed) the database at a path or URL, or raise InputError."""
    url, path = resolve_url(target)
    label = str(path) if path else safe_url(url)
    if path is not None:
        _check_sqlite_file(path)
    # hide_parameters: a failed statement's message (and so a log line or a crash report) names the SQL, never
    # the values bound to it — titles, contact persons, phone numbers, ID numbers
    engine = create_engine(url, future=True, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    else:
        event.listen(engine, "handle_error", _server_message_without_values)
    try:
        with engine.connect() as conn:
            current = revisions.current(conn)
            tables = set(inspect(conn).get_table_names())
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        refusal = system_refusal(exc, str(path) if path else label)
        if refusal is not None:  # busy, full disk, read-only: say that rather than "unreadable"
            raise refusal from exc
        raise InputError("DB_UNREADABLE", path=label, reason=str(exc.orig or exc).splitlines()[0]) from exc
    if current is None and tables - {"alembic_version"}:
        engine.dispose()
        raise InputError("DB_UNREADABLE", path=label, reason="不是 OpenLic 数据库 / not an OpenLic database")
    if current is not None and current not in revisions.known():
        engine.dispose()
        raise InputError("DB_TOO_NEW", path=label, revision=current)
    db = Database(engine, sessionmaker(engine, expire_on_commit=False), safe_url(url), path,
                  created=current is None)
    head = head_revision()
    if migrate and current != head:
        if current is not None and path is not None and path.exists():
            db.backup_path = backup_file(path, f"before-{head}")
        db.migrated_from = current
        from alembic import command

        cfg = _alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return db


def sqlite_schema(con: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    """A file's own objects — (type, name, table, SQL with white space folded) — from sqlite_master, leaving out
    SQLite's internal tables (sqlite_sequence, sqlite_stat1…)."""
    rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
                       "ESCAPE '\\'").fetchall()
    return {(kind, name, table, " ".join((sql or "").split())) for kind, name, table, sql in rows}


@lru_cache(maxsize=4)
def expected_schema(revision: str) -> frozenset[tuple[str, str, str, str]]:
    """The schema an OpenLic SQLite file at `revision` has: a new file migrated to that revision, read back."""
    from alembic import command

    with debris.staging_folder(None, "openlic-schema-") as folder:  # tracked: a killed check leaves it to the sweep
        probe = folder / "probe.sqlite3"
        engine = create_engine(f"sqlite:///{probe}", future=True)
        try:
            cfg = _alembic_config()
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        finally:
            engine.dispose()
        con = sqlite3.connect(probe)
        try:
            return frozenset(sqlite_schema(con))
        finally:
            con.close()


def backup_file(path: Path, label: str) -> Path:
    """Copy an SQLite file (checkpointing WAL first) to `<name>.<label>-<timestamp>.bak` beside it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    source = sqlite3.connect(str(path))
    try:
        # written under a tracked .part name: a copy cut off half-way never looks like a finished one
        with atomic_path(target) as tmp:
            dest = sqlite3.connect(str(tmp))
            try:
                source.backup(dest)
            finally:
                dest.close()
    finally:
        source.close()
    return target

