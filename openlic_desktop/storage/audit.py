"""The append-only, hash-chained audit trail.

Each record's hash is SHA-256 over the previous record's hash and a canonical JSON of its own body, so an edit or
removal made behind the app's back breaks the chain at that point. Appending is done inside the caller's
transaction; writing transactions hold the database's write lock from their start (`engine.begin_writing`, taken
by `Workspace.session()`), so two of them never chain to the same previous record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.orm import Session

from openlic_desktop.storage.models import AuditRecord, Patent

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One change to record (values already turned into text by the caller)."""

    entity: str
    entity_id: int | None
    entity_key: str
    action: str
    field: str = ""
    old: str | None = None
    new: str | None = None


def _body(at: datetime, user: str, source: str, e: AuditEntry) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return json.dumps(
        [at.astimezone(UTC).isoformat(), user, source, e.entity, e.entity_id, e.entity_key, e.action,
         e.field, e.old, e.new],
        ensure_ascii=False, separators=(",", ":"),
    )


def chain_hash(prev_hash: str, body: str) -> str:
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def last_hash(session: Session) -> str:
    value = session.execute(select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)).scalar()
    return value or GENESIS


def last_id(session: Session) -> int:
    """The id of the latest audit record (0 for an empty trail)."""
    return session.execute(select(func.max(AuditRecord.id))).scalar() or 0


def append(session: Session, user: str, source: str, entries: Iterable[AuditEntry]) -> int:
    """Append entries in order; returns how many. One bulk insert, so an import's trail costs little."""
    at = datetime.now(UTC).replace(microsecond=0)
    prev = last_hash(session)
    rows = []
    for e in entries:
        digest = chain_hash(prev, _body(at, user, source, e))
        rows.append(dict(at=at, user=user, source=source, entity=e.entity, entity_id=e.entity_id,
                         entity_key=e.entity_key, action=e.action, field=e.field, old=e.old, new=e.new,
                         prev_hash=prev, hash=digest))
        prev = digest
    if not rows:
        return 0
    table = AuditRecord.__table__
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        session.connection().execute(insert(table), rows)
        return len(rows)
    # SQLite: straight to the DB-API (an import's trail can be 150,000 records: SQLAlchemy's per-row parameter
    # processing cost more than the hashing), with the one timestamp in the form SQLAlchemy itself stores
    stamp = table.c.at.type.dialect_impl(bind.dialect).bind_processor(bind.dialect)(at)
    names = [name for name in rows[0] if name != "at"]
    session.connection().exec_driver_sql(
        f"INSERT INTO audit_log (at, {', '.join(names)}) VALUES ({', '.join('?' * (len(names) + 1))})",
        [(stamp, *map(row.__getitem__, names)) for row in rows])
    return len(rows)


@dataclass(frozen=True)
class ChainBreak:
    record_id: int
    reason: str  # "edited" (its content changed) | "broken_link" (a record before it was removed or altered)


def verify(session: Session) -> tuple[int, list[ChainBreak]]:
    """Walk the whole chain; return (records checked, breaks found)."""
    prev = GENESIS
    breaks: list[ChainBreak] = []
    count = 0
    result = session.execute(select(AuditRecord).order_by(AuditRecord.id)).scalars()
    for record in result.yield_per(2000):
        count += 1
        if record.prev_hash != prev:
            breaks.append(ChainBreak(record.id, "broken_link"))
        entry = AuditEntry(record.entity, record.entity_id, record.entity_key, record.action, record.field,
                           record.old, record.new)
        if chain_hash(record.prev_hash, _body(record.at, record.user, record.source, entry)) != record.hash:
            breaks.append(ChainBreak(record.id, "edited"))
        prev = record.hash
    return count, breaks


@dataclass(frozen=True)
class HistoryLine:
    """One line of a patent's history, as the faces show it (`at`: ISO 8601 text)."""

    at: str
    user: str
    source: str
    action: str
    field: str
    old: str | None
    new: str | None


def patent_history(session: Session, patent_id: int) -> list[HistoryLine]:
    """A patent's history: its own records, and the import record that created it. An import audits its
    creations as one record per chunk naming every number it created (`entity` "import", `new` a JSON list), so
    that record — among those of the import that created this patent only — is shown as this patent's "create",
    with the file name as its value."""
    found = session.execute(select(Patent.application_number, Patent.created_source_id)
                            .where(Patent.id == patent_id)).first()
    if found is None:
        return []
    # by id AND number: SQLite gives the ids of deleted rows (the newest, e.g. after an import was undone) to the
    # next patents created, and a new patent must not show a deleted one's records
    mine = and_(AuditRecord.entity == "patent", AuditRecord.entity_id == patent_id,
                AuditRecord.entity_key == found.application_number)
    if found.created_source_id is not None:
        mine = or_(mine, and_(AuditRecord.entity == "import", AuditRecord.entity_id == found.created_source_id,
                              AuditRecord.action == "create",
                              AuditRecord.new.contains(json.dumps(found.application_number), autoescape=True)))
    out = []
    for r in session.execute(select(AuditRecord).where(mine).order_by(AuditRecord.id)).scalars():
        if r.entity == "import":
            out.append(HistoryLine(r.at.isoformat(), r.user, r.source, "create", "", None, r.entity_key))
        else:
            out.append(HistoryLine(r.at.isoformat(), r.user, r.source, r.action, r.field, r.old, r.new))
    return out


def history(session: Session, entity: str, entity_id: int) -> list[AuditRecord]:
    return list(session.execute(
        select(AuditRecord).where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
        .order_by(AuditRecord.id)).scalars())
