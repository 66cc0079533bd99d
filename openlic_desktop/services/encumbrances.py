"""Encumbrances (earlier licences, pledges, disputes, preservation, transfers) and co-owner consents, audited.

Plain values in and out; every change is one audit entry on the patent (entity "patent", so the history tab of a
patent shows it). Thread rule: any thread; each call opens its own session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from openlic_desktop.domain.readiness import ENCUMBRANCE_KINDS, PLEDGEE_CONSENT, co_owners
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.services.readiness import resolve_ids, rule_context
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_readiness import CoownerConsent, Encumbrance
from openlic_desktop.support.errors import InputError, NotFoundError, OpenLicError
from openlic_desktop.support.messages import in_words, render


@dataclass(frozen=True)
class EncumbranceInfo:
    id: int
    patent_id: int
    kind: str
    party: str
    registration_no: str
    start: date | None
    end: date | None
    consent: bool
    note: str

    def describe(self) -> str:
        """The record as the audit trail keeps it (codes, stable whatever the language)."""
        span = f"{self.start or '…'} – {self.end or '…'}"
        consent = " consent" if self.consent else ""
        return f"{self.kind} {self.party} {self.registration_no} {span}{consent}".replace("  ", " ").strip()

    def summary(self, lang: str = "zh") -> str:
        """The record as a reader says it: its kind in words, the party, the registration, the span."""
        span = f"{self.start or '…'} – {self.end or '…'}"
        consent = render("ENCUMBRANCE_CONSENT", lang) if self.consent else ""
        parts = [in_words(self.kind, lang), self.party, self.registration_no, span]
        return " ".join(p for p in parts if p) + (f"（{consent}）" if lang.startswith("zh") and consent
                                                  else f" ({consent})" if consent else "")


def _info(row: Encumbrance) -> EncumbranceInfo:
    return EncumbranceInfo(row.id, row.patent_id, row.kind, row.party or "", row.registration_no or "",
                           row.start_date, row.end_date, bool(row.consent), row.note or "")


def add_encumbrance(ws: Workspace, patent: int | str, kind: str, party: str = "", registration_no: str = "",
                    start: date | None = None, end: date | None = None, consent: bool = False, note: str = "",
                    source: str | None = None, consent_file: str | Path | None = None) -> EncumbranceInfo:
    """Record an encumbrance. A pledge's `consent_file` (the pledgee's signed consent) is attached with it, in the
    same transaction, and makes the pledge consented (see attach_pledgee_consent)."""
    if kind not in ENCUMBRANCE_KINDS:
        raise InputError("BAD_ENCUMBRANCE", reason=f"kind must be one of {', '.join(ENCUMBRANCE_KINDS)}")
    if start and end and end < start:
        raise InputError("BAD_ENCUMBRANCE", reason=f"end {end} before start {start}")
    if (consent or consent_file is not None) and kind != "pledge":
        raise InputError("BAD_ENCUMBRANCE", reason="--consent applies to a pledge")
    fields = (kind, party, registration_no, start, end, consent or consent_file is not None, note, source)
    if consent_file is not None:
        with ws.reading() as session:
            (pid, _number), = resolve_ids(session, [patent])
        added: list[EncumbranceInfo] = []
        _attach_consent(ws, pid, consent_file, source,
                        lambda session, numbers: added.append(_add_row(session, ws, pid, numbers[pid], *fields)))
        return added[0]
    with ws.session() as session:
        (pid, number), = resolve_ids(session, [patent])
        return _add_row(session, ws, pid, number, *fields)


def _add_row(session, ws: Workspace, pid: int, number: str, kind: str, party: str, registration_no: str,
             start: date | None, end: date | None, consent: bool, note: str, source: str | None) -> EncumbranceInfo:
    if kind in ("exclusive-licence", "sole-licence"):
        # Art 51(3): no exclusive or sole licence while a declaration to CNIPA is filed or announced
        from openlic_desktop.domain.declarations import state_token
        from openlic_desktop.services.declarations import in_force_for

        state = in_force_for(session, pid)
        if state is not None:
            raise OpenLicError("DECLARATION_IN_FORCE", value=number, state=state_token(state))
    row = Encumbrance(patent_id=pid, kind=kind, party=party.strip(), registration_no=registration_no.strip(),
                      start_date=start, end_date=end, consent=consent, note=note, created_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    info = _info(row)
    audit.append(session, ws.user, source or ws.source,
                 [audit.AuditEntry("patent", pid, number, "encumbrance_add", kind, None, info.describe())])
    return info


# --- the pledgee's written consent -----------------------------------------------------------------------------
@dataclass(frozen=True)
class PledgeeConsent:
    """A pledgee's consent file attached to its pledge: what the undo needs to put things back."""

    pledge: EncumbranceInfo
    attachment_id: int | None    # None: this file was already attached to the patent as a pledgee's consent
    was_consented: bool          # the pledge was already recorded as consented (by the flag alone)


def _attach_consent(ws: Workspace, pid: int, file: str | Path, source: str | None, in_transaction) -> list:
    """The file stored and attached as the co-owners' letters are (the same store and size and type limits),
    `in_transaction` run in the same transaction: all of it or nothing."""
    from openlic_desktop.services import attachments
    from openlic_desktop.storage import attachment_store as store

    path = Path(file)
    checked = store.check_file(path)   # refused (too large, not a PDF/OFD/image…) before anything is written
    planned = attachments.PlannedAttachment(pid, path, checked.sha256, PLEDGEE_CONSENT)
    return attachments.add_many(ws, [planned], source=source, in_transaction=in_transaction)


def attach_pledgee_consent(ws: Workspace, encumbrance_id: int, file: str | Path,
                           source: str | None = None) -> PledgeeConsent:
    """Attach the pledgee's signed consent to a recorded pledge (kind pledgee-consent, like a co-owner's letter)
    and record the pledge as consented, in one transaction. The declaration package carries the file; the rules
    still refuse a pledge without consent (PLEDGE_WITHOUT_CONSENT)."""
    with ws.reading() as session:
        row = session.get(Encumbrance, encumbrance_id)
        if row is None:
            raise NotFoundError("ENCUMBRANCE_NOT_FOUND", value=str(encumbrance_id))
        if row.kind != "pledge":
            raise InputError("PLEDGEE_CONSENT_NOT_A_PLEDGE", value=str(encumbrance_id), kind=row.kind)
        pid, was = row.patent_id, bool(row.consent)
    marked: list[EncumbranceInfo] = []

    def mark(session, numbers) -> None:
        pledge = session.get(Encumbrance, encumbrance_id)
        if pledge is None:   # removed meanwhile: nothing is kept
            raise NotFoundError("ENCUMBRANCE_NOT_FOUND", value=str(encumbrance_id))
        if not pledge.consent:
            old = _info(pledge).describe()
            pledge.consent = True
            audit.append(session, ws.user, source or ws.source, [audit.AuditEntry(
                "patent", pid, numbers[pid], "encumbrance_consent", pledge.kind, old, _info(pledge).describe())])
        marked.append(_info(pledge))

    added = _attach_consent(ws, pid, file, source, mark)
    return PledgeeConsent(marked[0], added[0].id if added else None, was)


def undo_pledgee_consent(ws: Workspace, done: PledgeeConsent, source: str | None = None) -> None:
    """Put back what attach_pledgee_consent changed: the file it attached, the flag it set."""
    from openlic_desktop.services import attachments

    if done.attachment_id is not None:
        attachments.remove_attachment(ws, done.attachment_id, source=source)
    if not done.was_consented:
        with ws.session() as session:
            pledge = session.get(Encumbrance, done.pledge.id)
            if pledge is not None and pledge.consent:
                number = session.execute(select(Patent.application_number)
                                         .where(Patent.id == pledge.patent_id)).scalar_one()
                old = _info(pledge).describe()
                pledge.consent = False
                audit.append(session, ws.user, source or ws.source, [audit.AuditEntry(
                    "patent", pledge.patent_id, number, "encumbrance_consent", pledge.kind, old,
                    _info(pledge).describe())])


def remove_encumbrance(ws: Workspace, encumbrance_id: int, source: str | None = None) -> EncumbranceInfo:
    with ws.session() as session:
        row = session.get(Encumbrance, encumbrance_id)
        if row is None:
            raise NotFoundError("ENCUMBRANCE_NOT_FOUND", value=str(encumbrance_id))
        info = _info(row)
        number = session.execute(select(Patent.application_number).where(Patent.id == row.patent_id)).scalar_one()
        session.delete(row)
        audit.append(session, ws.user, source or ws.source,
                     [audit.AuditEntry("patent", info.patent_id, number, "encumbrance_remove", info.kind,
                                       info.describe(), None)])
    return info


def restore_encumbrance(ws: Workspace, info: EncumbranceInfo, source: str | None = None) -> EncumbranceInfo:
    """Put back a removed encumbrance (undo)."""
    return add_encumbrance(ws, info.patent_id, info.kind, info.party, info.registration_no, info.start, info.end,
                           info.consent, info.note, source)


def list_encumbrances(ws: Workspace, patent_id: int) -> list[EncumbranceInfo]:
    with ws.reading() as session:
        return [_info(r) for r in session.execute(select(Encumbrance).where(Encumbrance.patent_id == patent_id)
                                                  .order_by(Encumbrance.id)).scalars()]


def list_encumbrances_by_number(ws: Workspace, patent: int | str) -> list[EncumbranceInfo]:
    with ws.reading() as session:
        (pid, _number), = resolve_ids(session, [patent])
    return list_encumbrances(ws, pid)


# --- co-owner consents -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConsentState:
    owner: str
    needed: bool          # a co-owner whose consent the rules ask for
    on_file: bool
    consent_date: date | None = None
    attachment_id: int | None = None


def record_consent(ws: Workspace, patent: int | str, owner: str, consent_date: date | None = None,
                   attachment_id: int | None = None, source: str | None = None,
                   file: str | Path | None = None) -> bool:
    """A co-owner's written consent is on file (optionally with the scanned letter, attached as kind "consent").
    Returns False when it already was and nothing changed."""
    owner = owner.strip()
    if file is not None:
        with ws.reading() as session:
            (pid, number), = resolve_ids(session, [patent])
            patentees = list(session.execute(select(Patent.patentees).where(Patent.id == pid)).scalar_one() or [])
        if owner not in patentees:  # refuse before storing the file
            raise InputError("CONSENT_NOT_COOWNER", owner=owner, number=number, patentees="；".join(patentees))
        from openlic_desktop.services import attachments

        attachment_id = attachments.add_attachment(ws, patent, file, "consent", source=source).id
    with ws.session() as session:
        (pid, number), = resolve_ids(session, [patent])
        patentees = list(session.execute(select(Patent.patentees).where(Patent.id == pid)).scalar_one() or [])
        if owner not in patentees:
            raise InputError("CONSENT_NOT_COOWNER", owner=owner, number=number, patentees="；".join(patentees))
        existing = session.execute(select(CoownerConsent).where(CoownerConsent.patent_id == pid,
                                                                CoownerConsent.owner == owner)).scalar_one_or_none()
        if existing is not None:
            if attachment_id is not None and existing.attachment_id != attachment_id:
                existing.attachment_id = attachment_id
                if consent_date is None:
                    return True  # the attach was audited already
            if consent_date is None or existing.consent_date == consent_date:
                return False
            old = existing.consent_date.isoformat() if existing.consent_date else None
            existing.consent_date = consent_date
            audit.append(session, ws.user, source or ws.source, [audit.AuditEntry(
                "patent", pid, number, "consent", owner, old, consent_date.isoformat())])
            return True
        session.add(CoownerConsent(patent_id=pid, owner=owner, consent_date=consent_date, attachment_id=attachment_id,
                                   recorded_by=ws.user, recorded_at=datetime.now(UTC)))
        audit.append(session, ws.user, source or ws.source, [audit.AuditEntry(
            "patent", pid, number, "consent", owner, None, consent_date.isoformat() if consent_date else "on file")])
    return True


def withdraw_consent(ws: Workspace, patent_id: int, owner: str, source: str | None = None) -> bool:
    with ws.session() as session:
        (pid, number), = resolve_ids(session, [patent_id])
        row = session.execute(select(CoownerConsent).where(CoownerConsent.patent_id == pid,
                                                           CoownerConsent.owner == owner)).scalar_one_or_none()
        if row is None:
            return False
        session.delete(row)
        audit.append(session, ws.user, source or ws.source, [audit.AuditEntry(
            "patent", pid, number, "consent_withdraw", owner, "on file", None)])
    return True


def consent_states(ws: Workspace, patent_id: int) -> list[ConsentState]:
    ctx = rule_context(profile_service.get_profile(None))
    with ws.reading() as session:
        (pid, _number), = resolve_ids(session, [patent_id])
        patentees = list(session.execute(select(Patent.patentees).where(Patent.id == pid)).scalar_one() or [])
        rows = {r.owner: (r.consent_date, r.attachment_id) for r in session.execute(
            select(CoownerConsent.owner, CoownerConsent.consent_date, CoownerConsent.attachment_id)
            .where(CoownerConsent.patent_id == pid))}
    from openlic_desktop.domain.identifiers import parse_application_number
    from openlic_desktop.domain.patent import PatentFacts

    facts = PatentFacts(parse_application_number(_number), patentees=patentees)
    needed = set(co_owners(facts, ctx.own_names))
    return [ConsentState(p, p in needed, p in rows, *rows.get(p, (None, None))) for p in patentees]
