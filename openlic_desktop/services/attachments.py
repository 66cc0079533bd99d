"""Attachments: evaluation and search reports (with their metadata), sealed commitment letters, consents, others.

In: the file is checked by its bytes and size before anything is stored (refusal → nothing stored), copied once per
content into the store, then recorded and audited in one transaction (a failed transaction removes a file it had
just written). Out: `verified_path` / `copy_out` refuse a file that is missing or changed on disk — never packed
silently. Thread rule: any thread; each call opens its own session.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from openlic_desktop.domain.readiness import (
    ATTACHMENT_KINDS,
    CONCLUSIONS,
    PLEDGEE_CONSENT,
    REPORT_KINDS,
    ReadinessRecord,
)
from openlic_desktop.services.readiness import resolve_ids
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import attachment_store as store
from openlic_desktop.storage import audit
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_readiness import Attachment
from openlic_desktop.support.errors import InputError, NotFoundError, OpenLicError
from openlic_desktop.support.files import atomic_path


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    patent_id: int
    application_number: str
    kind: str
    name: str
    sha256: str
    file_type: str
    size: int
    report_no: str
    report_date: date | None
    conclusion: str | None
    claims: str
    added_by: str
    added_at: str
    state: str = "unchecked"   # ok | missing | changed | unchecked
    duplicate: bool = False    # add_attachment: this content was already attached as this kind

    @property
    def path(self) -> Path:
        return store.stored_path(self.sha256, self.file_type)


def _info(row: Attachment, number: str, state: str = "unchecked", duplicate: bool = False) -> AttachmentInfo:
    return AttachmentInfo(row.id, row.patent_id, number, row.kind, row.original_name or "", row.sha256,
                          row.file_type, row.size, row.report_no or "", row.report_date, row.conclusion,
                          row.claims or "", row.added_by or "", row.added_at.isoformat() if row.added_at else "",
                          state, duplicate)


def _check_kind(kind: str, conclusion: str | None, report_no: str, claims: str, pending_details: bool) -> None:
    if kind not in ATTACHMENT_KINDS:
        raise InputError("BAD_ARGUMENT", reason=f"--kind must be one of {', '.join(ATTACHMENT_KINDS)}")
    if kind in REPORT_KINDS and conclusion not in CONCLUSIONS and not (pending_details and conclusion is None):
        raise InputError("REPORT_CONCLUSION_REQUIRED")
    if kind not in REPORT_KINDS and (conclusion or report_no or claims):
        raise InputError("BAD_ARGUMENT", reason="--conclusion/--report-no apply to evaluation and search reports")


def _insert(session, ws: Workspace, pid: int, number: str, kind: str, checked: store.Checked,
            conclusion: str | None, report_no: str, report_date: date | None, claims: str,
            source: str | None) -> Attachment:
    """The row and its audit entry (the one place attachments are written)."""
    row = Attachment(patent_id=pid, kind=kind, sha256=checked.sha256, file_type=checked.file_type,
                     size=checked.size, original_name=checked.name, report_no=report_no.strip(),
                     report_date=report_date, conclusion=conclusion, claims=claims.strip(),
                     added_by=ws.user, added_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    detail = f"{checked.name} sha256={checked.sha256}"
    if kind in REPORT_KINDS:
        detail += f" no={report_no} date={report_date or ''} conclusion={conclusion or ''} claims={claims}"
    audit.append(session, ws.user, source or ws.source,
                 [audit.AuditEntry("patent", pid, number, "attach", kind, None, detail)])
    return row


def _fill_details(session, ws: Workspace, row: Attachment, number: str, conclusion: str | None, report_no: str,
                  report_date: date | None, claims: str, source: str | None) -> bool:
    """Attaching a report again with its details records them (a report attached from a folder whose text did
    not say them). Only what is given changes; audited. Returns whether anything changed."""
    new = {"conclusion": conclusion or row.conclusion, "report_no": report_no.strip() or (row.report_no or ""),
           "report_date": report_date or row.report_date, "claims": claims.strip() or (row.claims or "")}
    old = {"conclusion": row.conclusion, "report_no": row.report_no or "", "report_date": row.report_date,
           "claims": row.claims or ""}
    if new == old:
        return False
    for key, value in new.items():
        setattr(row, key, value)
    audit.append(session, ws.user, source or ws.source, [audit.AuditEntry(
        "patent", row.patent_id, number, "report_details", row.kind,
        " ".join(f"{k}={v or ''}" for k, v in old.items()), " ".join(f"{k}={v or ''}" for k, v in new.items()))])
    return True


def add_attachment(ws: Workspace, patent: int | str, file: str | Path, kind: str, conclusion: str | None = None,
                   report_no: str = "", report_date: date | None = None, claims: str = "",
                   max_bytes: int = store.MAX_BYTES, source: str | None = None) -> AttachmentInfo:
    if kind == PLEDGEE_CONSENT:  # tied to its pledge, which it marks consented: encumbrances.attach_pledgee_consent
        raise InputError("PLEDGEE_CONSENT_NEEDS_PLEDGE")
    _check_kind(kind, conclusion, report_no, claims, pending_details=False)
    path = Path(file)
    with ws.reading() as session:
        resolve_ids(session, [patent])  # unknown patent: refuse before reading the file
    checked = store.check_file(path, max_bytes)
    written = False
    try:
        with ws.session() as session:
            (pid, number), = resolve_ids(session, [patent])
            existing = session.execute(select(Attachment).where(
                Attachment.patent_id == pid, Attachment.kind == kind,
                Attachment.sha256 == checked.sha256)).scalar_one_or_none()
            if existing is not None:
                _target, written = store.put(checked)  # heal a missing/changed stored copy
                if kind in REPORT_KINDS:
                    _fill_details(session, ws, existing, number, conclusion, report_no, report_date, claims, source)
                return _info(existing, number, "ok", duplicate=True)
            _target, written = store.put(checked)
            row = _insert(session, ws, pid, number, kind, checked, conclusion, report_no, report_date, claims,
                          source)
            return _info(row, number, "ok")
    except BaseException:
        if written and not _referenced(ws, checked.sha256):
            store.remove_if_unused(checked.sha256, checked.file_type)
        raise


@dataclass(frozen=True)
class PlannedAttachment:
    """One file for one patent, as a preview planned it (the bytes are read again, and must still match)."""

    patent_id: int
    path: Path
    sha256: str
    kind: str
    conclusion: str | None = None
    report_no: str = ""
    report_date: date | None = None
    claims: str = ""


def add_many(ws: Workspace, planned: Sequence[PlannedAttachment], source: str | None = None,
             progress: Callable[[int, int], bool] | None = None,
             in_transaction: Callable[[Any, dict[int, str]], None] | None = None) -> list[AttachmentInfo]:
    """Attach many files in one transaction: all of them or none. Each file is read and checked again (a file that
    changed since the preview is refused: ATTACHMENT_CHANGED_SINCE_PREVIEW); reports may come without a
    conclusion (EVALUATION_REPORT_DETAILS_MISSING until it is recorded). A file already attached to that patent as
    that kind is left as it is. `progress(done, total)` returning False cancels: nothing is kept.
    `in_transaction(session, numbers_by_id)` runs last inside the transaction (consents recorded with the files)."""
    for p in planned:
        _check_kind(p.kind, p.conclusion, p.report_no, p.claims, pending_details=True)
    total = len(planned) + 1
    written: list[store.Checked] = []
    out: list[AttachmentInfo] = []
    try:
        stored: list[store.Checked] = []
        seen: dict[Path, store.Checked] = {}  # one letter attached to many patents is read once
        for i, p in enumerate(planned):
            checked = seen.get(p.path)
            if checked is None:
                checked = store.check_file(p.path)
                if checked.sha256 != p.sha256:
                    raise InputError("ATTACHMENT_CHANGED_SINCE_PREVIEW", name=checked.name)
                if store.put(checked)[1]:
                    written.append(checked)
                checked = seen[p.path] = replace(checked, data=b"")  # the bytes are on disk: keep memory flat
            stored.append(checked)
            if progress is not None and not progress(i + 1, total):
                raise InterruptedError("cancelled")
        with ws.session() as session:
            numbers = dict(resolve_ids(session, sorted({p.patent_id for p in planned})))
            have = {(pid, kind, sha) for pid, kind, sha in session.execute(
                select(Attachment.patent_id, Attachment.kind, Attachment.sha256)
                .where(Attachment.patent_id.in_(list(numbers))))} if numbers else set()
            for p, checked in zip(planned, stored, strict=True):
                key = (p.patent_id, p.kind, checked.sha256)
                if key in have:
                    continue
                have.add(key)
                row = _insert(session, ws, p.patent_id, numbers[p.patent_id], p.kind, checked, p.conclusion,
                              p.report_no, p.report_date, p.claims, source)
                out.append(_info(row, numbers[p.patent_id], "ok"))
            if in_transaction is not None:
                in_transaction(session, numbers)
            if progress is not None and not progress(total, total):
                raise InterruptedError("cancelled")
    except BaseException:
        for checked in written:
            if not _referenced(ws, checked.sha256):
                store.remove_if_unused(checked.sha256, checked.file_type)
        raise
    return out


def _referenced(ws: Workspace, sha256: str) -> bool:
    with ws.reading() as session:
        return bool(session.execute(select(func.count(Attachment.id)).where(Attachment.sha256 == sha256))
                    .scalar_one())


def remove_attachment(ws: Workspace, attachment_id: int, source: str | None = None) -> AttachmentInfo:
    """Detach (the stored copy stays while another row uses it; removed when the last one goes)."""
    with ws.session() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFoundError("ATTACHMENT_NOT_FOUND", value=str(attachment_id))
        number = session.execute(select(Patent.application_number).where(Patent.id == row.patent_id)).scalar_one()
        info = _info(row, number)
        session.delete(row)
        audit.append(session, ws.user, source or ws.source, [audit.AuditEntry(
            "patent", info.patent_id, number, "detach", info.kind, f"{info.name} sha256={info.sha256}", None)])
    if not _referenced(ws, info.sha256):
        store.remove_if_unused(info.sha256, info.file_type)
    return info


@dataclass(frozen=True)
class ReportDetails:
    """What a report says of itself: number, date, conclusion, the claims with defects."""

    report_no: str = ""
    report_date: date | None = None
    conclusion: str | None = None
    claims: str = ""


def update_report_details(ws: Workspace, attachment_id: int, details: ReportDetails,
                          source: str | None = None) -> ReportDetails:
    """Correct the details of an attached report (typed wrong, or not known when it was attached); returns the
    details as they were, for an undo. Audited as "attachment_update"; a report's details are part of what a
    sign-off covers, so a signed-off patent shows its sign-off stale afterwards."""
    with ws.session() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFoundError("ATTACHMENT_NOT_FOUND", value=str(attachment_id))
        if row.kind not in REPORT_KINDS:
            raise InputError("BAD_ARGUMENT", reason="details belong to evaluation and search reports")
        if details.conclusion not in CONCLUSIONS:
            raise InputError("REPORT_CONCLUSION_REQUIRED")
        old = ReportDetails(row.report_no or "", row.report_date, row.conclusion, row.claims or "")
        new = ReportDetails(details.report_no.strip(), details.report_date, details.conclusion,
                            details.claims.strip())
        if new == old:
            return old
        number = session.execute(select(Patent.application_number).where(Patent.id == row.patent_id)).scalar_one()
        row.report_no, row.report_date, row.conclusion, row.claims = (new.report_no, new.report_date,
                                                                      new.conclusion, new.claims)
        audit.append(session, ws.user, source or ws.source, [audit.AuditEntry(
            "patent", row.patent_id, number, "attachment_update", row.kind, _details_text(old), _details_text(new))])
    return old


def _details_text(details: ReportDetails) -> str:
    return (f"no={details.report_no} date={details.report_date or ''} conclusion={details.conclusion or ''} "
            f"claims={details.claims}")


def list_attachments(ws: Workspace, patent_id: int, verify: bool = True, quick: bool = False) -> list[AttachmentInfo]:
    """`quick`: for the editor, which lists after every edit (see attachment_store.state)."""
    with ws.reading() as session:
        (pid, number), = resolve_ids(session, [patent_id])
        rows = list(session.execute(select(Attachment).where(Attachment.patent_id == pid)
                                    .order_by(Attachment.id)).scalars())
        return [_info(r, number, store.state(r.sha256, r.file_type, quick) if verify else "unchecked")
                for r in rows]


def attachments_for(ws: Workspace, patent_ids: Sequence[int], verify: bool = True) -> dict[int, list[AttachmentInfo]]:
    """Every attachment of these patents, verified on disk (for packages: check `state` before packing)."""
    out: dict[int, list[AttachmentInfo]] = {pid: [] for pid in patent_ids}
    with ws.reading() as session:
        for start in range(0, len(patent_ids), 900):
            part = list(patent_ids[start:start + 900])
            for row, number in session.execute(select(Attachment, Patent.application_number)
                                               .join(Patent, Patent.id == Attachment.patent_id)
                                               .where(Attachment.patent_id.in_(part)).order_by(Attachment.id)):
                state = store.state(row.sha256, row.file_type) if verify else "unchecked"
                out[row.patent_id].append(_info(row, number, state))
    return out


def verified_path(ws: Workspace, attachment_id: int) -> Path:
    """The stored file, after checking its bytes still hash to its name; refuses a missing or changed file."""
    with ws.reading() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFoundError("ATTACHMENT_NOT_FOUND", value=str(attachment_id))
        sha, file_type, name = row.sha256, row.file_type, row.original_name
    state = store.state(sha, file_type)
    if state == "missing":
        raise OpenLicError("STORED_FILE_MISSING", name=name, sha256=sha[:12])
    if state == "changed":
        raise OpenLicError("STORED_FILE_CHANGED", name=name, sha256=sha[:12])
    return store.stored_path(sha, file_type)


def copy_out(ws: Workspace, attachment_id: int, target: str | Path) -> Path:
    """Copy a verified attachment to `target` atomically (what a package builder calls)."""
    source = verified_path(ws, attachment_id)
    target = Path(target)
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
    if store.file_sha256(target) != source.stem:  # changed between the check and the copy
        target.unlink(missing_ok=True)
        raise OpenLicError("STORED_FILE_CHANGED", name=target.name, sha256=source.stem[:12])
    return target


def mark_states(records: Iterable[ReadinessRecord]) -> None:
    """Replace each record's attachments with their on-disk state (for `check --verify`)."""
    types: dict[str, str] = {}
    for record in records:
        if not record.attachments:
            continue
        fixed = []
        for a in record.attachments:
            file_type = types.get(a.sha256)
            if file_type is None:
                file_type = _file_type_of(a.sha256)
                types[a.sha256] = file_type
            fixed.append(replace(a, state=store.state(a.sha256, file_type) if file_type else "missing"))
        record.attachments = fixed


def _file_type_of(sha256: str) -> str:
    for file_type in store.EXTENSIONS:
        if store.stored_path(sha256, file_type).exists():
            return file_type
    return ""
