"""Automatic daily copies of the SQLite database, and putting one back.

Owns the folder `data_dir()/backups`. Each database gets its own family of files there, named
`<stem>-<key>-<YYYY-MM-DD>.sqlite3`, where `key` is a short hash of the database's absolute path (two offices'
`openlic.sqlite3` in different folders never mix). Copies are made with SQLite's online backup API (consistent
even while the database is open and in WAL mode), written to a temporary file and renamed, so a failed copy leaves
nothing. `daily_backup` makes at most one copy per calendar day and keeps the newest `keep` daily copies.

`restore` checks a private copy of the chosen backup in full, then takes the database for itself alone (no other
program may read or write it meanwhile), copies the current file to a `before-restore` safety copy and writes the
checked copy into the database file through the backup API (one transaction on the target: it ends either as it
was or as the backup). The caller must have closed its Workspace first and opens it again afterwards.

Thread rule: plain functions, no shared state; the GUI runs `daily_backup` on its worker thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from openlic_desktop.services.audit_keys import KeyringKeys
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit, revisions
from openlic_desktop.storage.engine import (
    SQLITE_HEADER,
    expected_schema,
    resolve_url,
    safe_url,
    sqlite_schema,
)
from openlic_desktop.support import anchors, debris, paths
from openlic_desktop.support.errors import InputError, NotFoundError
from openlic_desktop.support.files import atomic_path, atomic_write_text

KEEP_DAYS = 14
KEEP_SAFETY_COPIES = 5
SIDECAR_SUFFIX = ".head.json"
RESTORE_WAIT_SECONDS = 10.0  # how long a restore waits for other programs to let go of the database
_DAILY = re.compile(r"^(?P<family>.+-[0-9a-f]{8})-(?P<day>\d{4}-\d{2}-\d{2})\.sqlite3$")
_SAFETY = re.compile(r"^(?P<family>.+-[0-9a-f]{8})-before-restore-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # "daily" | "before-restore"
    taken: datetime  # local time the copy stands for (the day at 00:00 for daily copies)
    size: int


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    safety_copy: Path | None  # None when there was no current file to keep
    waited: bool = False      # the database was in use and the restore waited for it


def backups_dir() -> Path:
    folder = paths.data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def database_file(target: str | os.PathLike[str] | None) -> Path:
    """The SQLite file behind a --db value (default: the user's database); server databases are refused."""
    target = target if target is not None else paths.default_database()
    _url, path = resolve_url(target)
    if path is None:
        raise InputError("BACKUP_NOT_SQLITE_FILE", target=safe_url(str(target)))
    return Path(path).resolve()


def _family(db_file: Path) -> str:
    key = hashlib.sha256(str(db_file.resolve()).encode("utf-8")).hexdigest()[:8]
    stem = re.sub(r"[^\w.-]+", "_", db_file.stem)[:40] or "db"
    return f"{stem}-{key}"


def _copy(source: Path, dest: Path) -> None:
    """Online backup of `source` into a new file `dest`, made self-contained (rollback journal, not WAL)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        _backup_into(src, dest)
    finally:
        src.close()


def _backup_into(src: sqlite3.Connection, dest: Path) -> None:
    out = sqlite3.connect(str(dest))
    try:
        src.backup(out)
        out.execute("PRAGMA journal_mode=DELETE")
    finally:
        out.close()


def _make_copy(source: Path, target: Path) -> Path:
    with atomic_path(target, suffix=".sqlite3.part") as tmp:
        tmp.unlink()  # sqlite3 wants to create it; mkstemp left an empty file
        _copy(source, tmp)
    return target


def list_backups(db_file: str | os.PathLike[str]) -> list[BackupInfo]:
    """This database's backups, newest first."""
    family = _family(Path(db_file))
    found: list[BackupInfo] = []
    for entry in backups_dir().iterdir():
        if not entry.is_file():
            continue
        m = _DAILY.match(entry.name)
        if m and m["family"] == family:
            day = date.fromisoformat(m["day"])
            found.append(BackupInfo(entry, "daily", datetime(day.year, day.month, day.day), entry.stat().st_size))
            continue
        m = _SAFETY.match(entry.name)
        if m and m["family"] == family:
            stamp = datetime.strptime(m["stamp"][:15], "%Y%m%d-%H%M%S")
            found.append(BackupInfo(entry, "before-restore", stamp, entry.stat().st_size))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def _prune(db_file: Path, keep: int | None) -> list[Path]:
    """Drop the oldest daily copies beyond `keep` (None: leave them) and safety copies beyond a few."""
    removed: list[Path] = []
    items = list_backups(db_file)
    limits = [("before-restore", KEEP_SAFETY_COPIES)] + ([("daily", keep)] if keep is not None else [])
    for kind, limit in limits:
        for info in [b for b in items if b.kind == kind][limit:]:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
                removed.append(info.path)
            with contextlib.suppress(FileNotFoundError):
                sidecar_path(info.path).unlink()
    return removed


def daily_backup(ws: Workspace | str | os.PathLike[str], today: date | None = None,
                 keep: int = KEEP_DAYS) -> BackupInfo | None:
    """Today's copy of the database, unless there is one already (then None). Server databases: None."""
    if keep < 1:
        raise InputError("BAD_ARGUMENT", reason="keep must be at least 1")
    db_file = ws.path if isinstance(ws, Workspace) else Path(ws)
    if db_file is None or not Path(db_file).exists():
        return None
    db_file = Path(db_file).resolve()
    today = today or date.today()
    target = backups_dir() / f"{_family(db_file)}-{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    _make_copy(db_file, target)
    _write_sidecar(target)
    _prune(db_file, keep)
    return BackupInfo(target, "daily", datetime(today.year, today.month, today.day), target.stat().st_size)


def _check_backup(copy: Path, shown_as: Path) -> audit.Head:
    """Refuse anything but a healthy OpenLic database this version can open, checked in full: every page and
    index (integrity_check; quick_check skips the indexes' content), the schema exactly as its revision has it
    (a trigger, view, table or index of its own would run or hide things once restored), and the audit trail.
    `copy` is the private copy that will be restored; `shown_as` names the user's file in messages."""
    with open(copy, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise InputError("BACKUP_DAMAGED", path=str(shown_as), reason="not an SQLite file")
    try:
        con = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in con.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise InputError("BACKUP_DAMAGED", path=str(shown_as), reason="; ".join(problems))
            try:
                revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                revision = None
            schema = sqlite_schema(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise InputError("BACKUP_DAMAGED", path=str(shown_as), reason=str(exc)) from exc
    if revision is None:
        raise InputError("BACKUP_DAMAGED", path=str(shown_as), reason="not an OpenLic database")
    if revision[0] not in revisions.known():
        raise InputError("DB_TOO_NEW", path=str(shown_as), revision=revision[0])
    expected = expected_schema(revision[0])
    if schema != expected:
        odd = sorted({name for _k, name, _t, _s in schema ^ expected})
        raise InputError("BACKUP_SCHEMA_MISMATCH", path=str(shown_as), objects=", ".join(odd[:5]))
    return _check_trail(copy, shown_as)


def _check_trail(copy: Path, shown_as: Path) -> audit.Head:
    """The backup's audit chain, under this computer's keys, and against the head its sidecar anchored (a tail cut
    from the backup file shows there). Returns the backup's head."""
    anchored = _read_sidecar(shown_as)
    engine = create_engine(f"sqlite:///{copy}", future=True, hide_parameters=True)
    try:
        with Session(engine) as session:
            report = audit.check_chain(session, KeyringKeys())
            breaks = report.breaks + (audit.check_head(session, anchored) if anchored else [])
    finally:
        engine.dispose()
    if breaks:
        raise InputError("BACKUP_AUDIT_BROKEN", path=str(shown_as), record=breaks[0].record_id)
    return report.head


def sidecar_path(backup: Path) -> Path:
    """The backup's anchor: its audit head and revision, beside it (`<backup>.head.json`)."""
    return backup.with_name(backup.name + SIDECAR_SUFFIX)


def _write_sidecar(copy: Path) -> None:
    con = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        count, last_id = con.execute("SELECT count(*), coalesce(max(id), 0) FROM audit_log").fetchone()
        row = con.execute("SELECT hash FROM audit_log WHERE id = ?", (last_id,)).fetchone()
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    head = audit.Head(count, last_id, row[0] if row else audit.GENESIS)
    atomic_write_text(sidecar_path(copy), json.dumps({"audit": head.to_json(), "revision": revision[0] if revision
                                                      else None}, indent=1))


def _read_sidecar(backup: Path) -> audit.Head | None:
    try:
        raw = json.loads(sidecar_path(backup).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return None  # a copy made before sidecars, or one brought from elsewhere: its own chain is checked
    return audit.Head.from_json(raw.get("audit")) if isinstance(raw, dict) else None


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _take_sole_access(con: sqlite3.Connection) -> None:
    con.execute("BEGIN IMMEDIATE")  # the locks are taken here, and kept after COMMIT in this mode
    con.execute("SELECT count(*) FROM sqlite_master").fetchall()
    con.execute("COMMIT")


@contextlib.contextmanager
def _sole_access(db_file: Path, wait_seconds: float,
                 on_wait: Callable[[], None] | None = None) -> Iterator[sqlite3.Connection]:
    """A connection that holds the database to itself: no other connection may read or write until it closes
    (SQLite's exclusive locking mode). Waits up to `wait_seconds` for other programs (an import, another window)
    to finish and let go, else refuses with DB_BUSY — nothing done. `on_wait` is called once, before waiting,
    when the database is not free at once: a wait of seconds without a word looks like a hang."""
    con = sqlite3.connect(str(db_file), timeout=0, isolation_level=None)
    try:
        try:
            con.execute("PRAGMA locking_mode=EXCLUSIVE")
            try:
                _take_sole_access(con)  # free at once: nothing to say
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or wait_seconds <= 0:
                    raise
                if con.in_transaction:
                    con.execute("ROLLBACK")
                if on_wait is not None:
                    on_wait()
                con.execute(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")
                _take_sole_access(con)
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise InputError("DB_BUSY", path=str(db_file), seconds=f"{wait_seconds:g}") from exc
            raise InputError("DB_UNREADABLE", path=str(db_file), reason=str(exc)) from exc
        yield con
    finally:
        con.close()


def restore(db_file: str | os.PathLike[str], backup: str | os.PathLike[str],
            wait_seconds: float = RESTORE_WAIT_SECONDS, on_wait: Callable[[], None] | None = None) -> RestoreResult:
    """Put `backup` in place of the database at `db_file`, keeping a safety copy of the current file first.

    The backup is copied privately and checked in full (`_check_backup`) before anything else. Then the database
    is taken for this restore alone — no other program may read or write it — before the safety copy is made,
    and kept so through the overwrite: nothing committed by anyone can fall between the safety copy and the
    restore. A database in use past `wait_seconds` is refused (DB_BUSY), nothing changed; `on_wait()` is called
    when the restore has to wait for it (RestoreResult.waited says whether it did).
    The database must not be open in this process (close the Workspace before, reopen after)."""
    db_file = Path(db_file).resolve()
    backup = Path(backup).resolve()
    if not backup.is_file():
        raise NotFoundError("BACKUP_NOT_FOUND", path=str(backup))
    if backup == db_file:
        raise InputError("BAD_ARGUMENT", reason="the backup is the database itself")
    checked = backups_dir() / f".restore-{uuid.uuid4().hex[:10]}.sqlite3.part"
    with debris.tracked(checked):
        return _restore_checked(db_file, backup, checked, wait_seconds, on_wait)


def _restore_checked(db_file: Path, backup: Path, checked: Path, wait_seconds: float,
                     on_wait: Callable[[], None] | None) -> RestoreResult:
    waited = []

    def waiting() -> None:
        waited.append(True)
        if on_wait is not None:
            on_wait()

    try:
        try:
            _copy(backup, checked)  # checked and restored from one private copy: the file cannot change between
        except sqlite3.DatabaseError as exc:
            raise InputError("BACKUP_DAMAGED", path=str(backup), reason=str(exc)) from exc
        restored_head = _check_backup(checked, backup)
        db_file.parent.mkdir(parents=True, exist_ok=True)
        had_data = db_file.exists() and db_file.stat().st_size > 0
        safety: Path | None = None
        with _sole_access(db_file, wait_seconds, waiting) as con:
            if had_data:
                safety = _safety_target(db_file)
                with atomic_path(safety, suffix=".sqlite3.part") as tmp:
                    tmp.unlink()
                    _backup_into(con, tmp)  # from the connection that holds the database: all that is committed
                _write_sidecar(safety)
            src = sqlite3.connect(f"file:{checked}?mode=ro", uri=True)
            try:
                src.backup(con)  # one transaction on the database: it ends as it was or as the backup
            finally:
                src.close()
    finally:
        with contextlib.suppress(FileNotFoundError):
            checked.unlink()
    # the trail rightly went back to the backup's head: anchor that, or every later check would cry "truncated"
    anchors.replace(str(db_file), restored_head.to_json())
    _prune(db_file, None)
    return RestoreResult(db_file, backup, safety, waited=bool(waited))


def _safety_target(db_file: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir() / f"{_family(db_file)}-before-restore-{stamp}.sqlite3"
    n = 1
    while target.exists():
        target = target.with_name(f"{_family(db_file)}-before-restore-{stamp}-{n}.sqlite3")
        n += 1
    return target
