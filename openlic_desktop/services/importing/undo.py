"""The import history, and undoing an import (撤销导入).

    runs(ws)                 -> [ImportRun]  newest first; `undoable` marks the one an undo would act on
    history(ws)              -> [dict]       the same runs as plain dicts (file, SHA-256, counts, who, when)
    plan(ws, source_id=None) -> UndoPlan     what undoing would do, and what stands in the way (nothing written)
    undo(ws, source_id=None) -> UndoResult   do it, in one transaction, audited

An import is the largest edit a user makes, and the easiest to get wrong (the wrong file, a column mapped to the
wrong field). Undo puts the portfolio back as it was before that import:

* patents the import created are deleted; patents it changed get each changed fact back (old ← new, from the
  import's own audit records, which migration 0008 lets each run name);
* only the latest import that changed anything and is not undone can be undone — an earlier one's changes may
  have been built on by a later import; undo that one first;
* nothing is undone over later work. Refused (IMPORT_UNDO_CONFLICT, nothing written), naming the patents, when a
  created patent was edited, confirmed, signed off, priced, licensed or put in a batch since, or when a fact the
  import changed has been changed again since (its current value is no longer the one the import wrote);
* the undo is audited like any edit (source gui/cli): one record per restored fact, the deleted numbers in
  records of their own, and the run is marked undone (who, when) in the history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from openlic_desktop.domain.status import Status
from openlic_desktop.services.portfolio import audit_value
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit, import_bulk
from openlic_desktop.storage import import_undo as repo
from openlic_desktop.storage import patents as patents_repo
from openlic_desktop.support.errors import NotFoundError, OpenLicError

_DATE_FIELDS = ("filing_date", "grant_date", "fees_paid_until")
_LIST_FIELDS = ("patentees", "inventors")
_CHUNK = 2000  # numbers per audit record of deletions (as the import records its creations)
_SHOWN = 20  # conflicts named in a refusal's message


ImportRun = repo.Run  # one row of the import history (`undoable`: the run an undo without an id acts on)


@dataclass(frozen=True)
class Restore:
    """A fact the import changed, to be put back."""

    number: str
    field: str
    current: str | None  # as the audit trail writes values
    old: str | None


@dataclass(frozen=True)
class Conflict:
    """Why one patent stands in the way of the undo."""

    number: str
    reason: str  # "edited-since" | "has-records" | "changed-since"
    detail: str = ""


@dataclass
class UndoPlan:
    source_id: int
    file_name: str
    imported_at: datetime
    delete: list[str] = field(default_factory=list)        # numbers of the patents the import created
    restore: list[Restore] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    # patents whose facts go back and that were signed off after the import: those sign-offs, made on the
    # imported values, go stale (signed-off facts change) and must be given again
    signed_since: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts

    def to_json(self) -> dict[str, Any]:
        return {"id": self.source_id, "file_name": self.file_name, "delete": self.delete,
                "restore": [{"application_number": r.number, "field": r.field, "current": r.current,
                             "old": r.old} for r in self.restore],
                "conflicts": [{"application_number": c.number, "reason": c.reason, "detail": c.detail}
                              for c in self.conflicts],
                "signed_since": self.signed_since}


@dataclass(frozen=True)
class UndoResult:
    source_id: int
    file_name: str
    deleted: int
    restored: int  # facts put back
    patents_restored: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.source_id, "file_name": self.file_name, "deleted": self.deleted,
                "restored_facts": self.restored, "restored_patents": self.patents_restored}


def runs(ws: Workspace, limit: int = 50) -> list[ImportRun]:
    """The latest imports, newest first (file, SHA-256, counts, who, when, undone)."""
    with ws.reading() as session:
        stored = repo.runs(session, limit)
        target = repo.latest_in_force(session)
    undoable = target.id if target is not None and target.recorded else None
    return [replace(r, imported_at=_utc(r.imported_at), undone_at=_utc(r.undone_at), undoable=r.id == undoable)
            for r in stored]


def history(ws: Workspace, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports (file, SHA-256, counts, who, when), newest first."""
    with ws.reading() as session:
        return import_bulk.history(session, limit)


def _utc(moment: datetime | None) -> datetime | None:
    """Stored times are UTC; SQLite gives them back without a zone. Callers show them with .astimezone()."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def from_audit_value(name: str, text: str | None) -> Any:
    """The inverse of `portfolio.audit_value` for an imported fact."""
    if text is None:
        return None
    if name in _DATE_FIELDS:
        return date.fromisoformat(text)
    if name == "status":
        return Status(text)
    if name in _LIST_FIELDS:
        return list(json.loads(text))
    return text


def _target(session, source_id: int | None) -> repo.Run:
    latest = repo.latest_in_force(session)
    if source_id is None:
        if latest is None:
            raise OpenLicError("IMPORT_UNDO_NOTHING")
        chosen = latest
    else:
        found = repo.run(session, source_id)
        if found is None:
            raise NotFoundError("IMPORT_NOT_FOUND", id=source_id)
        if found.undone_at is not None:
            raise OpenLicError("IMPORT_UNDO_ALREADY", id=found.id, file=found.file_name,
                               at=_utc(found.undone_at).astimezone().strftime("%Y-%m-%d %H:%M"))  # type: ignore[union-attr]
        if not found.changed_anything:
            raise OpenLicError("IMPORT_UNDO_EMPTY", id=found.id, file=found.file_name)
        if latest is not None and latest.id != found.id:
            raise OpenLicError("IMPORT_UNDO_NOT_LATEST", id=found.id, file=found.file_name, later_id=latest.id,
                               later_file=latest.file_name)
        chosen = found
    if not chosen.recorded:
        raise OpenLicError("IMPORT_UNDO_UNAVAILABLE", id=chosen.id, file=chosen.file_name)
    return chosen


UNDO_ACTION = "undo-import"  # the action of an undo's own records: a fact put back, patents deleted


def _touched_since(session, run: repo.Run, ids: list[int], action: str | None = None) -> dict[int, int]:
    """{patent id: how many records} of later work on these patents (only `action`, if given): audit records after
    the import's own, but not those of a later import that was itself undone, nor an undo's own records."""
    undone = repo.undone_ranges(session, run.audit_to)  # type: ignore[arg-type]
    out: dict[int, int] = {}
    for rid, pid, done in repo.later_patent_records(session, run.audit_to, ids):  # type: ignore[arg-type]
        if done == UNDO_ACTION or (action is not None and done != action) or \
                any(first <= rid <= last for first, last in undone):
            continue
        out[pid] = out.get(pid, 0) + 1
    return out


def _plan(session, source_id: int | None) -> tuple[UndoPlan, dict[str, int], dict[str, tuple[int, dict, Any]]]:
    """The plan, the ids of the patents to delete, and per patent to restore (id, {field: old value}, its facts
    now)."""
    run = _target(session, source_id)
    plan = UndoPlan(run.id, run.file_name, _utc(run.imported_at))  # type: ignore[arg-type]
    created: list[str] = []
    changed: dict[int, list[repo.Record]] = {}
    for record in repo.records(session, run.audit_from, run.audit_to):  # type: ignore[arg-type]
        if record.entity == "import" and record.entity_id == run.id and record.action == "create":
            created.extend(json.loads(record.new or "[]"))
        elif record.entity == "patent" and record.action == "update" and record.entity_id is not None:
            changed.setdefault(record.entity_id, []).append(record)

    # created patents: deleted, unless work was done on them since
    existing = repo.patents_created_by(session, run.id, created)
    ids = {number: pid for number, (pid, _title) in existing.items()}
    touched = _touched_since(session, run, list(ids.values()))
    dependants = repo.dependent_rows(session, list(ids.values()))
    for number in created:
        pid = ids.get(number)
        if pid is None:
            continue  # no longer there
        if pid in dependants:
            plan.conflicts.append(Conflict(number, "has-records", "、".join(sorted(set(dependants[pid])))))
        elif pid in touched:
            plan.conflicts.append(Conflict(number, "edited-since", str(touched[pid])))
        else:
            plan.delete.append(number)

    # changed patents: each fact back, if it still holds what the import wrote
    facts = patents_repo.get_facts_by_ids(session, list(changed))
    restores: dict[str, tuple[int, dict, Any]] = {}
    for pid, records in changed.items():
        current = facts.get(pid)
        if current is None:
            continue
        number = current.number.canonical
        olds: dict[str, Any] = {}
        for record in records:
            now = audit_value(getattr(current, record.field))
            if now != record.new:
                plan.conflicts.append(Conflict(number, "changed-since", record.field))
                continue
            plan.restore.append(Restore(number, record.field, now, record.old))
            olds[record.field] = from_audit_value(record.field, record.old)
        if olds:
            restores[number] = (pid, olds, current)
    keep = {c.number for c in plan.conflicts}
    plan.restore = [r for r in plan.restore if r.number not in keep]
    restores = {n: v for n, v in restores.items() if n not in keep}
    signed = _touched_since(session, run, [pid for pid, _olds, _facts in restores.values()], action="signoff")
    plan.signed_since = sorted(n for n, (pid, _olds, _facts) in restores.items() if pid in signed)
    return plan, {n: ids[n] for n in plan.delete}, restores


def plan(ws: Workspace, source_id: int | None = None) -> UndoPlan:
    """What undoing the import (default: the latest that changed anything) would do; raises OpenLicError when
    there is nothing that can be undone. Conflicts are listed in the plan, not raised."""
    with ws.reading() as session:
        return _plan(session, source_id)[0]


def undo(ws: Workspace, source_id: int | None = None) -> UndoResult:
    """Undo the import (see the module docstring). Raises IMPORT_UNDO_CONFLICT (nothing written) when later work
    stands in the way."""
    with ws.session() as session:
        undo_plan, deletes, restores = _plan(session, source_id)
        if undo_plan.conflicts:
            shown = "、".join(sorted({c.number for c in undo_plan.conflicts})[:_SHOWN])
            raise OpenLicError("IMPORT_UNDO_CONFLICT", count=len({c.number for c in undo_plan.conflicts}),
                               numbers=shown)
        entries: list[audit.AuditEntry] = []
        restored: list[tuple[int, Any]] = []
        for number, (pid, olds, current) in restores.items():  # facts as read by _plan, in this transaction
            entries.extend(audit.AuditEntry("patent", pid, number, UNDO_ACTION, name,
                                            audit_value(getattr(current, name)), audit_value(value))
                           for name, value in olds.items())
            restored.append((pid, replace(current, **olds)))
        repo.restore_facts(session, restored)
        restored_ids = [pid for pid, _olds, _facts in restores.values()]
        run = repo.run(session, undo_plan.source_id)
        repo.reset_source(session, undo_plan.source_id, restored_ids,
                          repo.previous_sources(session, run, restored_ids))  # type: ignore[arg-type]
        numbers = list(deletes)
        repo.delete_patents(session, list(deletes.values()))
        for i in range(0, len(numbers), _CHUNK):
            entries.append(audit.AuditEntry("import", undo_plan.source_id, undo_plan.file_name, UNDO_ACTION, "patents",
                                            json.dumps(numbers[i:i + _CHUNK]), None))
        entries.append(audit.AuditEntry("import", undo_plan.source_id, undo_plan.file_name, UNDO_ACTION, "", None,
                                        json.dumps({"deleted": len(numbers), "restored": len(undo_plan.restore)})))
        audit.append(session, ws.user, ws.source, entries)
        repo.mark_undone(session, undo_plan.source_id, ws.user)
        return UndoResult(undo_plan.source_id, undo_plan.file_name, len(numbers), len(undo_plan.restore),
                          len(restores))
