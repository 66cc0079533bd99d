"""Batches (申报批次) and submissions (报送记录): the working sets for a bureau and what was sent.

A batch is a named set of patents for one bureau profile ("2026年浙江第一批"). Exports made for a batch record a
submission (draft) with the package's hash and, per patent, the information-table row as sent; the status then
moves draft → sent → acknowledged / returned / published as the bureau answers. A resubmission shows what changed
since the previous submission of the batch (patents added, removed, fields changed). A withdrawal (撤回) is a
submission of kind "withdrawal" (services/withdrawals.py makes it). Every change goes to the audit trail. Plain
values out; thread rule: any thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_packages import Batch, BatchPatent, Submission, SubmissionPatent
from openlic_desktop.support.errors import InputError, NotFoundError
from openlic_desktop.support.messages.packages import submission_status_params

STATUSES = ("draft", "sent", "acknowledged", "returned", "published")
STATUS_ZH = {"draft": "草稿", "sent": "已报送", "acknowledged": "已受理", "returned": "退回修改", "published": "已公开"}
TRANSITIONS = {"draft": {"sent"}, "sent": {"acknowledged", "returned", "published"},
               "acknowledged": {"returned", "published"}, "returned": set(), "published": set()}


@dataclass(frozen=True)
class BatchInfo:
    id: int
    name: str
    profile_code: str
    patents: int
    submissions: int
    last_status: str
    notes: str
    created_at: str


@dataclass(frozen=True)
class SubmissionInfo:
    id: int
    batch_id: int
    batch_name: str
    seq: int
    kind: str
    submitted_on: date
    profile_code: str
    package_path: str
    package_sha256: str
    status: str
    bureau_reference: str
    notes: str
    patents: tuple[str, ...]
    published_on: date | None = None   # the bureau's own publication day (公开日), when entered


@dataclass
class SubmissionDiff:
    previous_id: int | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # number → fields whose value changed

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _now() -> datetime:
    return datetime.now(UTC)


def _batch(session, batch: int | str) -> Batch:
    row = session.get(Batch, batch) if isinstance(batch, int) else \
        session.execute(select(Batch).where(Batch.name == batch)).scalar_one_or_none()
    if row is None:
        raise NotFoundError("BATCH_NOT_FOUND", value=str(batch))
    return row


def _ids(session, items: Sequence[int | str]) -> list[tuple[int, str]]:
    from openlic_desktop.services.readiness import resolve_ids

    return resolve_ids(session, items)


def _log(session, ws: Workspace, entity: str, entity_id: int | None, key: str, action: str, fld: str = "",
         old: str | None = None, new: str | None = None) -> None:
    audit.append(session, ws.user, ws.source, [AuditEntry(entity, entity_id, key, action, fld, old, new)])


# --- batches -----------------------------------------------------------------------------------------------
def create_batch(ws: Workspace, name: str, profile_code: str, items: Sequence[int | str] = (),
                 notes: str = "") -> BatchInfo:
    from openlic_desktop.services.profiles import get_profile

    name = " ".join(name.split())
    if not name:
        raise InputError("BAD_ARGUMENT", reason="a batch needs a name")
    get_profile(profile_code)
    with ws.session() as session:
        if session.execute(select(Batch.id).where(Batch.name == name)).first():
            raise InputError("BATCH_NAME_TAKEN", name=name)
        row = Batch(name=name, profile_code=profile_code, notes=notes, created_by=ws.user)
        session.add(row)
        session.flush()
        _log(session, ws, "batch", row.id, name, "create", "profile", None, profile_code)
        _add(session, ws, row, items)
        batch_id = row.id
    return get_batch(ws, batch_id)


def _add(session, ws: Workspace, row: Batch, items: Sequence[int | str]) -> list[str]:
    pairs = _ids(session, items)
    have = set(session.execute(select(BatchPatent.patent_id).where(BatchPatent.batch_id == row.id)).scalars())
    added = [(pid, number) for pid, number in pairs if pid not in have]
    for pid, number in added:
        session.add(BatchPatent(batch_id=row.id, patent_id=pid, added_by=ws.user))
    if added:
        audit.append(session, ws.user, ws.source, [AuditEntry("batch", row.id, row.name, "add_patent", "patent",
                                                              None, number) for _, number in added])
    return [n for _, n in added]


def add_patents(ws: Workspace, batch: int | str, items: Sequence[int | str]) -> list[str]:
    """Add patents (ids or numbers); returns the numbers actually added (already-present ones are skipped)."""
    with ws.session() as session:
        return _add(session, ws, _batch(session, batch), items)


def remove_patents(ws: Workspace, batch: int | str, items: Sequence[int | str]) -> list[str]:
    with ws.session() as session:
        row = _batch(session, batch)
        pairs = _ids(session, items)
        have = set(session.execute(select(BatchPatent.patent_id).where(BatchPatent.batch_id == row.id)).scalars())
        gone = [(pid, n) for pid, n in pairs if pid in have]
        if gone:
            session.execute(delete(BatchPatent).where(BatchPatent.batch_id == row.id,
                                                      BatchPatent.patent_id.in_([p for p, _ in gone])))
            audit.append(session, ws.user, ws.source, [AuditEntry("batch", row.id, row.name, "remove_patent",
                                                                  "patent", n, None) for _, n in gone])
        return [n for _, n in gone]


def delete_batch(ws: Workspace, batch: int | str) -> None:
    """Only a batch without submissions may go (submissions are records of what was sent)."""
    with ws.session() as session:
        row = _batch(session, batch)
        if session.execute(select(Submission.id).where(Submission.batch_id == row.id)).first():
            raise InputError("BAD_ARGUMENT", reason=f"batch {row.name} has submissions and is kept")
        _log(session, ws, "batch", row.id, row.name, "delete")
        session.delete(row)


def list_batches(ws: Workspace) -> list[BatchInfo]:
    with ws.reading() as session:
        counts = dict(session.execute(select(BatchPatent.batch_id, func.count()).group_by(BatchPatent.batch_id))
                      .all())
        subs: dict[int, list[tuple[int, str]]] = {}
        for bid, seq, status in session.execute(select(Submission.batch_id, Submission.seq, Submission.status)):
            subs.setdefault(bid, []).append((seq, status))
        out = []
        for b in session.execute(select(Batch).order_by(Batch.created_at.desc(), Batch.id.desc())).scalars():
            s = sorted(subs.get(b.id, []))
            out.append(BatchInfo(b.id, b.name, b.profile_code, counts.get(b.id, 0), len(s), s[-1][1] if s else "",
                                 b.notes, b.created_at.isoformat() if b.created_at else ""))
        return out


def get_batch(ws: Workspace, batch: int | str) -> BatchInfo:
    with ws.reading() as session:
        bid = _batch(session, batch).id
    return next(b for b in list_batches(ws) if b.id == bid)


def batch_patent_ids(ws: Workspace, batch: int | str) -> list[int]:
    with ws.reading() as session:
        row = _batch(session, batch)
        return list(session.execute(select(BatchPatent.patent_id).join(Patent, Patent.id == BatchPatent.patent_id)
                                    .where(BatchPatent.batch_id == row.id)
                                    .order_by(Patent.application_number)).scalars())


def batch_readiness(ws: Workspace, batch: int | str, today: date | None = None) -> list[Any]:
    """Each patent's readiness for the batch's bureau (services.readiness.PatentReadiness)."""
    from openlic_desktop.services import readiness

    info = get_batch(ws, batch)
    ids = batch_patent_ids(ws, info.id)
    return readiness.check(ws, ids, info.profile_code, today=today) if ids else []


# --- submissions -------------------------------------------------------------------------------------------
def record_submission(ws: Workspace, batch_name: str, profile_code: str, day: date, package_path: Path,
                      sha256: str, size: int, rows: Sequence[tuple[str, str]], kind: str = "submission",
                      notes: str = "", commit_hook: Callable[[], None] | None = None,
                      also: Callable[[Any, int], None] | None = None) -> int:
    """Record a draft submission (creating the batch with these patents if it does not exist yet).
    `rows`: (application number, the table row as JSON). `also(session, submission id)` writes what goes with it
    in the same transaction (a withdrawal marks its patents). `commit_hook` runs inside the transaction just before
    the commit (the export moves its files into place there), so a failure leaves neither record nor files."""
    with ws.session() as session:
        row = session.execute(select(Batch).where(Batch.name == batch_name)).scalar_one_or_none()
        numbers = [n for n, _ in rows]
        if row is None:
            row = Batch(name=batch_name, profile_code=profile_code, created_by=ws.user)
            session.add(row)
            session.flush()
            _log(session, ws, "batch", row.id, batch_name, "create", "profile", None, profile_code)
        if kind == "submission":
            _add(session, ws, row, numbers)
        seq = (session.execute(select(func.max(Submission.seq)).where(Submission.batch_id == row.id)).scalar()
               or 0) + 1
        sub = Submission(batch_id=row.id, seq=seq, kind=kind, submitted_on=day, profile_code=profile_code,
                         package_path=str(package_path), package_sha256=sha256, package_size=size, notes=notes,
                         created_by=ws.user, status="draft")
        session.add(sub)
        session.flush()
        ids = dict(session.execute(select(Patent.application_number, Patent.id)
                                   .where(Patent.application_number.in_(numbers))).all()) if numbers else {}
        for number, row_json in rows:
            session.add(SubmissionPatent(submission_id=sub.id, application_number=number,
                                         patent_id=ids.get(number), row_json=row_json))
        _log(session, ws, "submission", sub.id, f"{batch_name}#{seq}", "create", kind, None, sha256)
        session.flush()
        if also is not None:
            also(session, sub.id)
        if commit_hook is not None:
            commit_hook()
        return sub.id


def _info(session, sub: Submission) -> SubmissionInfo:
    batch = session.get(Batch, sub.batch_id)
    numbers = tuple(session.execute(select(SubmissionPatent.application_number)
                                    .where(SubmissionPatent.submission_id == sub.id)
                                    .order_by(SubmissionPatent.application_number)).scalars())
    return SubmissionInfo(sub.id, sub.batch_id, batch.name if batch else "", sub.seq, sub.kind, sub.submitted_on,
                          sub.profile_code, sub.package_path, sub.package_sha256, sub.status, sub.bureau_reference,
                          sub.notes, numbers, sub.published_on)


def list_submissions(ws: Workspace, batch: int | str | None = None) -> list[SubmissionInfo]:
    with ws.reading() as session:
        stmt = select(Submission).order_by(Submission.batch_id, Submission.seq)
        if batch is not None:
            stmt = stmt.where(Submission.batch_id == _batch(session, batch).id)
        return [_info(session, s) for s in session.execute(stmt).scalars()]


def get_submission(ws: Workspace, submission_id: int) -> SubmissionInfo:
    with ws.reading() as session:
        sub = session.get(Submission, submission_id)
        if sub is None:
            raise NotFoundError("SUBMISSION_NOT_FOUND", value=str(submission_id))
        return _info(session, sub)


def set_status(ws: Workspace, submission_id: int, status: str, reference: str | None = None,
               notes: str | None = None, published_on: date | None = None) -> SubmissionInfo:
    """Move a submission on (draft → sent → acknowledged/returned/published); record the bureau's reference and,
    for a published one, the day the bureau published it (公开日: not before it was submitted, not ahead of today).
    Without that day the 公开日 stays the day it was marked published, as on older records."""
    if status not in STATUSES:
        raise InputError("BAD_ARGUMENT", reason=f"status must be one of {', '.join(STATUSES)}")
    if published_on is not None and status != "published":
        raise InputError("SUBMISSION_PUBLISHED_ON_UNPUBLISHED", value=published_on.isoformat())
    if published_on is not None and published_on > date.today():
        raise InputError("SUBMISSION_PUBLISHED_ON_AHEAD", value=published_on.isoformat())
    with ws.session() as session:
        sub = session.get(Submission, submission_id)
        if sub is None:
            raise NotFoundError("SUBMISSION_NOT_FOUND", value=str(submission_id))
        key = f"{submission_id}"
        if status != sub.status:
            if status not in TRANSITIONS[sub.status]:
                raise InputError("SUBMISSION_BAD_STATUS", **submission_status_params(old=sub.status, new=status))
            _log(session, ws, "submission", sub.id, key, "update", "status", sub.status, status)
            sub.status = status
            sub.status_changed_at = _now()
        if published_on is not None and published_on < sub.submitted_on:
            raise InputError("SUBMISSION_PUBLISHED_BEFORE_SENT", value=published_on.isoformat(),
                             sent=sub.submitted_on.isoformat())
        if published_on is not None and published_on != sub.published_on:
            _log(session, ws, "submission", sub.id, key, "update", "published_on",
                 sub.published_on.isoformat() if sub.published_on else None, published_on.isoformat())
            sub.published_on = published_on
        if reference is not None and reference != sub.bureau_reference:
            _log(session, ws, "submission", sub.id, key, "update", "bureau_reference", sub.bureau_reference,
                 reference)
            sub.bureau_reference = reference
        if notes is not None and notes != sub.notes:
            _log(session, ws, "submission", sub.id, key, "update", "notes", sub.notes, notes)
            sub.notes = notes
        session.flush()
        return _info(session, sub)


def _rows(session, submission_id: int) -> dict[str, dict[str, Any]]:
    return {n: json.loads(j) for n, j in session.execute(
        select(SubmissionPatent.application_number, SubmissionPatent.row_json)
        .where(SubmissionPatent.submission_id == submission_id))}


def diff_with_previous(ws: Workspace, submission_id: int) -> SubmissionDiff:
    """What changed in this submission since the previous submission (kind submission) of the same batch."""
    with ws.reading() as session:
        sub = session.get(Submission, submission_id)
        if sub is None:
            raise NotFoundError("SUBMISSION_NOT_FOUND", value=str(submission_id))
        prev = session.execute(select(Submission).where(Submission.batch_id == sub.batch_id,
                                                        Submission.kind == "submission",
                                                        Submission.seq < sub.seq)
                               .order_by(Submission.seq.desc()).limit(1)).scalar_one_or_none()
        now = _rows(session, sub.id)
        if prev is None:
            return SubmissionDiff(None, sorted(now))
        prev_id = prev.id
        before = _rows(session, prev_id)
    diff = SubmissionDiff(prev_id, sorted(set(now) - set(before)), sorted(set(before) - set(now)))
    for number in sorted(set(now) & set(before)):
        fields = sorted(k for k in set(now[number]) | set(before[number])
                        if k != "seq" and now[number].get(k) != before[number].get(k))
        if fields:
            diff.changed[number] = fields
    return diff
