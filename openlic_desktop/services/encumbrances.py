"""Encumbrances (earlier licences, pledges, disputes, preservation, transfers) and co-owner consents, audited.

Plain values in and out; every change is one audit entry on the patent (entity "patent", so the history tab of a
patent shows it). Thread rule: any thread; each call opens its own session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from openlic_desktop.domain.readiness import ENCUMBRANCE_KINDS, co_owners
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
                    source: str | None = None) -> EncumbranceInfo:
    if kind not in ENCUMBRANCE_KINDS:
        raise InputError("BAD_ENCUMBRANCE", reason=f"kind must be one of {', '.join(ENCUMBRANCE_KINDS)}")
    if start and end and end < start:
        raise InputError("BAD_ENCUMBRANCE", reason=f"end {end} before start {start}")
    if consent and kind != "pledge":
        raise InputError("BAD_ENCUMBRANCE", reason="--consent applies to a pledge")
    with ws.session() as session:
        (pid, number), = resolve_ids(session, [patent])
        if kind in ("exclusive-licence", "sole-licence"):
            # Art 51(3): no exclusive or sole licence while a declaration to CNIPA is filed or announced
            from openlic_desktop.domain.declarations import state_token
            from openlic_desktop.services.declarations import in_force_for

            state = in_force_for(session, pid)
            if state is not None:
                raise OpenLicError("DECLARATION_IN_FORCE", value=number, state=state_token(state))
        row = Encumbrance(patent_id=pid, kind=kind, party=party.strip(), registration_no=registration_no.strip(),
                          start_date=start, end_date=end, consent=consent, note=note,
                          created_at=datetime.now(UTC))
        session.add(row)
        session.flush()
        info = _info(row)
        audit.append(session, ws.user, source or ws.source,
                     [audit.AuditEntry("patent", pid, number, "encumbrance_add", kind, None, info.describe())])
    return info


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
