"""Storage for undoing an import: the runs, the audit records a run appended, what happened to its patents since,
and the writes of an undo. Functions take a session and never commit (services.importing.undo decides)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.storage import (
    all_models,  # noqa: F401  (every table that refers to patents is known)
    search,
)
from openlic_desktop.storage.models import AuditRecord, Base, ImportSource, Patent
from openlic_desktop.storage.patents import KEEP, PatentWriter

_CHUNK = 900  # SQLite's bound-parameter limit is 999 on old builds


@dataclass(frozen=True)
class Run:
    """One import run as stored (import_sources)."""

    id: int
    file_name: str
    sha256: str
    sheet: str
    rows_read: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    user: str
    imported_at: datetime
    audit_from: int | None
    audit_to: int | None
    undone_at: datetime | None
    undone_by: str | None
    undoable: bool = False  # set by services.importing.undo.runs: the run an undo without an id acts on

    def to_json(self) -> dict[str, Any]:
        """The run as `openlic imports list --json` gives it."""
        return {"id": self.id, "file_name": self.file_name, "sha256": self.sha256, "sheet": self.sheet,
                "rows_read": self.rows_read, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected, "user": self.user,
                "imported_at": self.imported_at.isoformat(timespec="seconds"),
                "undone_at": self.undone_at.isoformat(timespec="seconds") if self.undone_at else None,
                "undone_by": self.undone_by, "undoable": self.undoable}

    @property
    def recorded(self) -> bool:
        """Whether the run recorded its audit records (imports made before migration 0008 did not)."""
        return self.audit_from is not None and self.audit_to is not None

    @property
    def changed_anything(self) -> bool:
        """False only when the run is known to have changed nothing (every row unchanged or rejected)."""
        return not self.recorded or self.audit_to >= self.audit_from  # type: ignore[operator]


def _run(row: ImportSource) -> Run:
    return Run(row.id, row.file_name, row.sha256, row.sheet, row.rows_read, row.created, row.updated,
               row.unchanged, row.rejected, row.user, row.imported_at, row.audit_from, row.audit_to,
               row.undone_at, row.undone_by)


def runs(session: Session, limit: int = 50) -> list[Run]:
    """The latest import runs, newest first."""
    rows = session.execute(select(ImportSource).order_by(ImportSource.id.desc()).limit(limit)).scalars()
    return [_run(r) for r in rows]


def run(session: Session, source_id: int) -> Run | None:
    row = session.get(ImportSource, source_id)
    return _run(row) if row is not None else None


def latest_in_force(session: Session) -> Run | None:
    """The latest run that is not undone and may have changed something: the only one an undo may act on (an
    earlier run's changes may have been built on by it)."""
    row = session.execute(
        select(ImportSource).where(ImportSource.undone_at.is_(None))
        .where(or_(ImportSource.audit_from.is_(None), ImportSource.audit_to >= ImportSource.audit_from))
        .order_by(ImportSource.id.desc()).limit(1)).scalar_one_or_none()
    return _run(row) if row is not None else None


@dataclass(frozen=True)
class Record:
    """An audit record, as the undo reads it."""

    id: int
    entity: str
    entity_id: int | None
    entity_key: str
    action: str
    field: str
    old: str | None
    new: str | None


def records(session: Session, first: int, last: int) -> list[Record]:
    """The import's own records: ids first..last written with source "import"."""
    rows = session.execute(
        select(AuditRecord.id, AuditRecord.entity, AuditRecord.entity_id, AuditRecord.entity_key,
               AuditRecord.action, AuditRecord.field, AuditRecord.old, AuditRecord.new)
        .where(AuditRecord.id.between(first, last), AuditRecord.source == "import").order_by(AuditRecord.id))
    return [Record(*row) for row in rows]


def patents_created_by(session: Session, source_id: int, numbers: Sequence[str]) -> dict[str, tuple[int, str]]:
    """{number: (id, title)} of those `numbers` whose patent this import created and that still exist."""
    out: dict[str, tuple[int, str]] = {}
    for i in range(0, len(numbers), _CHUNK):
        rows = session.execute(select(Patent.application_number, Patent.id, Patent.title)
                               .where(Patent.application_number.in_(numbers[i:i + _CHUNK]),
                                      Patent.created_source_id == source_id))
        for number, pid, title in rows:
            out[number] = (pid, title)
    return out


def later_patent_records(session: Session, after: int, ids: Sequence[int]) -> list[tuple[int, int, str]]:
    """(record id, patent id, action) of every audit record about the patents among `ids` (edited, confirmed,
    signed off, priced…) appended after audit record `after`."""
    out: list[tuple[int, int, str]] = []
    for i in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(AuditRecord.id, AuditRecord.entity_id, AuditRecord.action).where(
                AuditRecord.id > after, AuditRecord.entity == "patent",
                AuditRecord.entity_id.in_(ids[i:i + _CHUNK])))
        out.extend((rid, pid, action) for rid, pid, action in rows)
    return out


def undone_ranges(session: Session, after: int) -> list[tuple[int, int]]:
    """The audit-record ranges of the undone imports that ended after record `after`."""
    rows = session.execute(select(ImportSource.audit_from, ImportSource.audit_to).where(
        ImportSource.undone_at.is_not(None), ImportSource.audit_from.is_not(None), ImportSource.audit_to > after))
    return [(first, last) for first, last in rows]


def dependent_rows(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    """{patent id: [tables]} for the patents among `ids` that other tables refer to (pricing, readiness records,
    attachments, licences, batches…): deleting them would take that work with them. Every table with a foreign
    key to patents is asked, so a feature added later is covered without changing this."""
    out: dict[int, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != "patents" or table.name == "patents":
                continue
            for i in range(0, len(ids), _CHUNK):
                rows = session.execute(select(fk.parent).where(fk.parent.in_(ids[i:i + _CHUNK])).distinct())
                for (pid,) in rows:
                    out.setdefault(pid, []).append(table.name)
    return out


def restore_facts(session: Session, items: Sequence[tuple[int, PatentFacts]]) -> None:
    """Write these facts back (with what is derived from them: expiry, patentees display, search text) in one
    executemany through the one writer (an ORM update per patent made the undo of an import that changed 10,000
    patents take 7.6 s). The row digest goes too — it named the undone import's row (migration 0007's trigger
    would clear it as well). Where each was imported from is set apart (previous_sources)."""
    writer = PatentWriter(session)
    writer.update([(pid, writer.facts_row(facts)) for pid, facts in items], KEEP, [(None, None)] * len(items))


def delete_patents(session: Session, ids: Sequence[int]) -> None:
    for i in range(0, len(ids), _CHUNK):
        session.execute(delete(Patent).where(Patent.id.in_(ids[i:i + _CHUNK])))
    search.texts_changed(session)  # the search texts held in memory are read again


def previous_sources(session: Session, run: Run, ids: Sequence[int]) -> dict[int, int]:
    """{patent id: import id} for the patents among `ids` that an earlier import, recorded and not undone, updated
    before `run`: the latest such import — where each was last imported from before `run`. A patent missing here
    was last written by the import that created it (or by none; or by an import made before migration 0008,
    whose records cannot be told apart: the import that created it is then the best answer there is)."""
    rows = session.execute(select(ImportSource.id, ImportSource.audit_from, ImportSource.audit_to,
                                  ImportSource.undone_at)
                           .where(ImportSource.id < run.id, ImportSource.audit_from.is_not(None),
                                  ImportSource.audit_to >= ImportSource.audit_from)
                           .order_by(ImportSource.audit_from)).all()
    starts = [first for _id, first, _last, _undone in rows]
    latest: dict[int, tuple[int, int]] = {}  # patent id → (record id, import id)
    for i in range(0, len(ids), _CHUNK):
        found = session.execute(select(AuditRecord.id, AuditRecord.entity_id).where(
            AuditRecord.id < run.audit_from, AuditRecord.entity == "patent", AuditRecord.action == "update",
            AuditRecord.source == "import", AuditRecord.entity_id.in_(ids[i:i + _CHUNK])))
        for rid, pid in found:
            at = bisect_right(starts, rid) - 1
            if at < 0:
                continue
            source, _first, last, undone = rows[at]
            if rid > last or undone is not None or (pid in latest and latest[pid][0] > rid):
                continue
            latest[pid] = (rid, source)
    return {pid: source for pid, (_rid, source) in latest.items()}


def reset_source(session: Session, source_id: int, ids: Sequence[int], previous: dict[int, int]) -> None:
    """The patents among `ids` that name import `source_id` as where they were last imported from name the one
    they were last imported from before it again (`previous`, see previous_sources), else the import that
    created them (or none)."""
    if previous:
        table = Patent.__table__
        session.execute(update(table).where(table.c.id == bindparam("_id"), table.c.source_id == source_id)
                        .values(source_id=bindparam("_source")),
                        [{"_id": pid, "_source": src} for pid, src in previous.items()])
    for i in range(0, len(ids), _CHUNK):
        session.execute(update(Patent).where(Patent.id.in_(ids[i:i + _CHUNK]), Patent.source_id == source_id)
                        .values(source_id=Patent.created_source_id))


def mark_undone(session: Session, source_id: int, user: str) -> None:
    session.execute(update(ImportSource).where(ImportSource.id == source_id)
                    .values(undone_at=datetime.now(UTC), undone_by=user))
