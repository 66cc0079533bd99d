"""Withdrawing published open-licence offers (撤回开放许可) through the bureau.

- Every co-owner consents to the withdrawal in writing, and that consent is its own: consenting to offer is not
  consenting to withdraw (domain.md §8, §10). `record_consent` keeps one per patent and patentee until a
  withdrawal uses it.
- `withdraw` writes the withdrawal notice (撤回函: the patents, why, the patentees who agreed, a seal block per
  patentee), records it as a submission of the batch, and marks each patent withdrawn — or transferred — so it is
  not packaged again unnoticed: the export leaves it out (OFFER_WITHDRAWN / OFFER_TRANSFERRED) until `reoffer`.
Plain values out; every change to the audit trail; thread rule: any thread.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import withdrawals as repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.support.errors import InputError

KINDS = ("withdrawn", "transferred")


@dataclass(frozen=True)
class WithdrawalResult:
    submission_id: int
    notice: Path
    patents: list[str]


@dataclass(frozen=True)
class WithdrawnOffer:
    patent_id: int
    application_number: str
    kind: str                 # withdrawn | transferred
    withdrawn_on: date
    reason: str
    transferee: str = ""

    @property
    def code(self) -> str:
        return "OFFER_TRANSFERRED" if self.kind == "transferred" else "OFFER_WITHDRAWN"

    def to_json(self) -> dict:
        return {"application_number": self.application_number, "kind": self.kind,
                "withdrawn_on": self.withdrawn_on.isoformat(), "reason": self.reason,
                "transferee": self.transferee or None}


def record_consent(ws: Workspace, patents: Sequence[int | str], patentee: str, on: date | None = None,
                   attachment_id: int | None = None) -> list[str]:
    """A patentee's written consent to withdraw these patents' offers; returns the numbers it was recorded for.
    Refused for a name that is not a patentee of the patent."""
    from openlic_desktop.services.readiness import resolve_ids
    from openlic_desktop.storage import patents as patent_repo

    name = patentee.strip()
    done: list[str] = []
    with ws.session() as session:
        pairs = resolve_ids(session, patents)
        facts = patent_repo.get_facts_by_ids(session, [pid for pid, _ in pairs])
        pending = repo.pending_consents(session, [pid for pid, _ in pairs])
        entries = []
        for pid, number in pairs:
            if name not in facts[pid].patentees:
                raise InputError("WITHDRAWAL_NOT_A_PATENTEE", owner=name, number=number)
            if name in pending.get(pid, {}):
                continue
            repo.add_consent(session, {"patent_id": pid, "patentee": name, "consent_date": on,
                                       "attachment_id": attachment_id, "recorded_by": ws.user})
            entries.append(AuditEntry("patent", pid, number, "withdrawal-consent", "patentee", None, name))
            done.append(number)
        if entries:
            audit.append(session, ws.user, ws.source, entries)
    return done


def withdrawn(ws: Workspace, patent_ids: Sequence[int] | None = None) -> dict[int, WithdrawnOffer]:
    """Patents whose offer is withdrawn (or which were transferred) and not offered again."""
    from openlic_desktop.storage.models import Patent

    with ws.reading() as session:
        rows = repo.in_force(session, patent_ids)
        numbers = {pid: number for pid, number in session.execute(
            select(Patent.id, Patent.application_number).where(Patent.id.in_(list(rows))))} if rows else {}
        return {pid: WithdrawnOffer(pid, numbers.get(pid, ""), r.kind, r.withdrawn_on, r.reason, r.transferee)
                for pid, r in rows.items()}


def withdraw(ws: Workspace, batch: int | str, items: Sequence[int | str], reason: str, out_dir: Path,
             today: date | None = None, transferee: str = "") -> WithdrawalResult:
    """The withdrawal notice (撤回函) for patents submitted in this batch, each with every co-owner's consent to
    withdraw; the patents are marked withdrawn (transferred, when `transferee` is given) in the same transaction
    that records the notice, which is written only if all of it succeeds."""
    from openlic_desktop.documents.letters import LetterContext, LetterPatent, withdrawal_notice
    from openlic_desktop.documents.package import sanitise_component
    from openlic_desktop.domain.readiness import co_owners
    from openlic_desktop.services import batches, readiness
    from openlic_desktop.services import profiles as profile_service
    from openlic_desktop.services.licensing import patentees as patentee_book
    from openlic_desktop.storage.models_packages import Batch, Submission, SubmissionPatent
    from openlic_desktop.support import settings as settings_module
    from openlic_desktop.support.files import atomic_write_bytes

    if not reason.strip():
        raise InputError("WITHDRAWAL_REASON_MISSING")
    today = today or date.today()
    office = settings_module.load().office
    own = {office.name.strip()} - {""}
    with ws.reading() as session:
        key = Batch.id == batch if isinstance(batch, int) else Batch.name == str(batch).strip()
        row = session.execute(select(Batch).where(key)).scalar_one_or_none()
        if row is None:
            from openlic_desktop.support.errors import NotFoundError

            raise NotFoundError("BATCH_NOT_FOUND", value=str(batch))
        batch_id, batch_name, code = row.id, row.name, row.profile_code
        pairs = readiness.resolve_ids(session, items)
        submitted = set(session.execute(
            select(SubmissionPatent.application_number).join(Submission)
            .where(Submission.batch_id == batch_id, Submission.kind == "submission",
                   Submission.status != "draft")).scalars())
        profile = profile_service.get_profile(code)
        records = readiness.load_records(session, [p for p, _ in pairs], profile, today)
        pending = repo.pending_consents(session, [p for p, _ in pairs])
        # the bureau's references of the submissions that carried these patents, each once: a returned or a
        # re-sent package of the batch without them is not what the bureau published them under
        refs = list(dict.fromkeys(s for s in session.execute(
            select(Submission.bureau_reference).join(SubmissionPatent)
            .where(Submission.batch_id == batch_id, Submission.kind == "submission", Submission.status != "draft",
                   SubmissionPatent.application_number.in_([n for _, n in pairs]))
            .order_by(Submission.id)).scalars() if s))
    if not pairs:
        raise InputError("BAD_ARGUMENT", reason="no patent to withdraw")
    letters, agreed, holders = [], {}, []
    for pid, number in pairs:
        if number not in submitted:
            raise InputError("WITHDRAWAL_NOT_PUBLISHED", number=number)
        facts = records[pid].facts
        needed = co_owners(facts, frozenset(own))  # the readiness rules' own notion of who must consent
        missing = [n for n in needed if n not in pending.get(pid, {})]
        if missing:
            raise InputError("WITHDRAWAL_CONSENT_MISSING", number=number, owners="、".join(missing))
        letters.append(LetterPatent(facts.number.patent_number, facts.title, reason=reason.strip()))
        # the applicant seals the notice itself; every co-owner has consented to this withdrawal in writing
        agreed[facts.number.patent_number] = list(facts.patentees)
        holders.extend(n for n in facts.patentees if n not in holders)
    people = patentee_book.natural_persons(ws)
    ctx = LetterContext(profile.bureau, office.name, today, office.contact_person, office.contact_phone,
                        office.contact_email, office.address, batch_name)
    kind = "transferred" if transferee.strip() else "withdrawn"
    data = withdrawal_notice(ctx, letters, agreed, reference="、".join(refs), patentees=holders, people=people,
                             transferee=transferee.strip())
    target = Path(out_dir) / sanitise_component(f"撤回函_{batch_name}_{today.isoformat()}.docx")
    sha = hashlib.sha256(data).hexdigest()
    rows = [(number, json.dumps({"reason": reason.strip(), "kind": kind}, ensure_ascii=False))
            for _, number in pairs]

    def mark(session, submission_id: int) -> None:
        used = repo.pending_consents(session, [pid for pid, _ in pairs])
        entries = []
        for pid, number in pairs:
            marked = repo.add_withdrawal(session, {
                "patent_id": pid, "kind": kind, "withdrawn_on": today, "reason": reason.strip(),
                "transferee": transferee.strip(), "submission_id": submission_id, "recorded_by": ws.user})
            for consent in used.get(pid, {}).values():
                consent.withdrawal_id = marked.id
            entries.append(AuditEntry("patent", pid, number, "withdraw-offer", kind, None, reason.strip()))
        audit.append(session, ws.user, ws.source, entries)

    # the notice is written (atomically) inside the transaction: no record without the file, no file without it
    sub_id = batches.record_submission(ws, batch_name, code, today, target, sha, len(data), rows, kind="withdrawal",
                                       notes=reason.strip(), also=mark,
                                       commit_hook=lambda: atomic_write_bytes(target, data))
    return WithdrawalResult(sub_id, target, [n for _, n in pairs])


def reoffer(ws: Workspace, patents: Sequence[int | str], on: date | None = None) -> list[str]:
    """The patents' offers are made again (a new declaration or listing): they may be packaged once more."""
    from openlic_desktop.services.readiness import resolve_ids

    on = on or date.today()
    with ws.session() as session:
        pairs = resolve_ids(session, patents)
        rows = repo.in_force(session, [pid for pid, _ in pairs])
        repo.mark_reoffered(session, list(rows.values()), on)
        done = [number for pid, number in pairs if pid in rows]
        audit.append(session, ws.user, ws.source, [
            AuditEntry("patent", pid, number, "reoffer", "offer", rows[pid].kind, on.isoformat())
            for pid, number in pairs if pid in rows])
    return done
