"""Readiness rows: bulk loading of everything the rules need, and the small writes behind the services.

Loading is a handful of queries for any number of patents (chunks of 900 ids, or whole tables when `ids` is None),
so the readiness of 10,000 patents costs a few table scans. Functions take a session and never commit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, String, select, type_coerce
from sqlalchemy.orm import Session

from openlic_desktop.domain.identifiers import ApplicationNumber, PatentType
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.readiness import AttachmentValue, EncumbranceValue, ReadinessRecord, SignOffValue
from openlic_desktop.domain.status import Status
from openlic_desktop.storage import audit
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_readiness import (
    Attachment,
    CommitmentConfirmation,
    CoownerConsent,
    Encumbrance,
    SignOff,
)

CHUNK = 900
SCAN_ABOVE = 3000  # more ids than this: scan the tables once instead of chunked IN lists


def _raw(column: Any) -> Any:
    """The stored text, without SQLAlchemy's per-value conversion (dates and JSON are decoded below, in C)."""
    return type_coerce(column, String)


# explicit order: _stored_facts unpacks these positionally
_PATENT_COLUMNS = [Patent.id, Patent.application_number, _raw(Patent.expiry_date), Patent.title,
                   Patent.patent_type, _raw(Patent.filing_date), _raw(Patent.grant_date), Patent.status,
                   _raw(Patent.patentees), _raw(Patent.inventors), _raw(Patent.fees_paid_until), Patent.ipc,
                   Patent.department, Patent.contact_person, Patent.contact_phone, Patent.contact_email,
                   Patent.description, Patent.industry]


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


stored_date = _date  # for the callers of rule_fact_rows, which get the dates as stored


def _names(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = json.loads(value)
    return list(value or [])
_TYPES = {t.value: t for t in PatentType}
_STATUSES = {s.value: s for s in Status}


def _stored_facts(row: Any) -> tuple[int, date | None, PatentFacts]:
    """Facts from a row written by this app: the number was checked on the way in, so it is split, not re-parsed
    (re-checking 10,000 check characters would cost a third of the readiness budget). Positional unpacking: a
    plain tuple is several times faster to read than named Row attributes."""
    (pid, number, expiry, title, ptype, filing, grant, status, patentees, inventors, paid, ipc, department,
     person, phone, email, description, industry) = tuple(row)
    digits, _, check = number.partition(".")
    return pid, _date(expiry), PatentFacts(
        number=ApplicationNumber(digits, check), title=title or "", patent_type=_TYPES[ptype],
        filing_date=_date(filing), grant_date=_date(grant), status=_STATUSES.get(status, Status.UNKNOWN),
        patentees=_names(patentees), inventors=_names(inventors), fees_paid_until=_date(paid), ipc=ipc or "",
        department=department or "", contact_person=person or "", contact_phone=phone or "",
        contact_email=email or "", description=description or "", industry=industry or "")


@dataclass(frozen=True)
class IdRange:
    """Patents whose id lies in [first, last]: one indexed range per table instead of IN lists."""

    first: int
    last: int


def chunks(stmt_for: Any, ids: Sequence[int] | IdRange | None, session: Session):
    # Core rows through the session's connection, fetched in blocks: the ORM's result handling cost a fifth of
    # the reading, and so does fetching row by row
    connection = session.connection()
    if ids is None or isinstance(ids, IdRange):
        for block in connection.execute(stmt_for(ids)).partitions(2000):
            yield from block
        return
    for i in range(0, len(ids), CHUNK):
        yield from connection.execute(stmt_for(list(ids[i:i + CHUNK]))).fetchall()


def where(stmt: Select, column: Any, part: list[int] | IdRange | None) -> Select:
    if part is None:
        return stmt
    if isinstance(part, IdRange):
        return stmt.where(column.between(part.first, part.last))
    return stmt.where(column.in_(part))


def all_ids(session: Session) -> list[int]:
    """Every patent id, ascending (for reading the portfolio a slice at a time)."""
    return list(session.execute(select(Patent.id).order_by(Patent.id)).scalars())


def load_records(session: Session, ids: Sequence[int] | None,
                 id_range: IdRange | None = None) -> dict[int, ReadinessRecord]:
    """Records (without pricing) for these patent ids, or for every patent when `ids` is None — or, with
    `id_range`, for the patents whose id lies in it (and, when `ids` is given too, among `ids`):
    one indexed range per table, so the whole portfolio can be read a slice at a time."""
    records: dict[int, ReadinessRecord] = {}
    only: set[int] | None = None
    scope: Sequence[int] | IdRange | None = ids
    if id_range is not None:
        only, scope = (set(ids) if ids is not None else None), id_range
    elif ids is not None and len(ids) > SCAN_ABOVE:
        only, scope = set(ids), None  # one scan filtered here beats a dozen IN lists per table
    for row in chunks(lambda part: where(select(*_PATENT_COLUMNS), Patent.id, part), scope, session):
        if only is not None and row[0] not in only:
            continue
        pid, expiry, facts = _stored_facts(row)
        records[pid] = ReadinessRecord(pid, facts, expiry=expiry)
    if records:
        fill(session, records, list(records) if scope is ids and ids is not None else scope)
    return records


PARTS = ("encumbrances", "attachments", "consents", "commitments", "signoffs")


def fill(session: Session, records: dict[int, ReadinessRecord], scope: Sequence[int] | IdRange | None,
         parts: Sequence[str] = PARTS) -> None:
    """Attach to `records` what the rules read beside the facts (the `parts` named). `scope` says which rows to
    read: these ids (IN lists), an id range, or None (whole tables); rows of other patents are passed over."""
    if "encumbrances" in parts:
        enc_cols = (Encumbrance.patent_id, Encumbrance.kind, Encumbrance.party, Encumbrance.registration_no,
                    Encumbrance.start_date, Encumbrance.end_date, Encumbrance.consent, Encumbrance.note)
        for r in chunks(lambda part: where(select(*enc_cols).order_by(Encumbrance.id), Encumbrance.patent_id,
                                             part), scope, session):
            rec = records.get(r.patent_id)
            if rec is not None:
                rec.encumbrances.append(EncumbranceValue(r.kind, r.party or "", r.registration_no or "",
                                                         r.start_date, r.end_date, bool(r.consent), r.note or ""))
    if "attachments" in parts:
        att_cols = (Attachment.patent_id, Attachment.kind, Attachment.sha256, Attachment.report_no,
                    Attachment.report_date, Attachment.conclusion, Attachment.claims, Attachment.original_name)
        for r in chunks(lambda part: where(select(*att_cols).order_by(Attachment.id), Attachment.patent_id,
                                             part), scope, session):
            rec = records.get(r.patent_id)
            if rec is not None:
                rec.attachments.append(AttachmentValue(r.kind, r.sha256, r.report_no or "", r.report_date,
                                                       r.conclusion, r.claims or "", name=r.original_name or ""))
    if "consents" in parts:
        for r in chunks(lambda part: where(select(CoownerConsent.patent_id, CoownerConsent.owner),
                                             CoownerConsent.patent_id, part), scope, session):
            rec = records.get(r.patent_id)
            if rec is not None:
                rec.consents.add(r.owner)
    if "commitments" in parts:
        for r in chunks(lambda part: where(select(CommitmentConfirmation.patent_id, CommitmentConfirmation.item,
                                                    CommitmentConfirmation.note),
                                             CommitmentConfirmation.patent_id, part), scope, session):
            rec = records.get(r.patent_id)
            if rec is not None:
                rec.commitments[r.item] = r.note or ""
    if "signoffs" in parts:
        so_cols = (SignOff.patent_id, SignOff.role, SignOff.user, SignOff.fingerprint, SignOff.signed_at)
        for r in chunks(lambda part: where(select(*so_cols).order_by(SignOff.id), SignOff.patent_id, part),
                         scope, session):
            rec = records.get(r.patent_id)
            if rec is not None:  # ordered by id: the latest per role wins
                rec.signoffs[r.role] = SignOffValue(r.role, r.user, r.fingerprint,
                                                    r.signed_at.isoformat() if r.signed_at else "")
        _sealed_fingerprints(session, records)


def _sealed_fingerprints(session: Session, records: dict[int, ReadinessRecord]) -> None:
    """A sign-off counts for what its audit record sealed, not for what its row says: a fingerprint re-stamped by
    hand after editing the facts (the row is plain data) does not match the sealed one, so the sign-off shows
    stale. The trail itself is keyed (storage.audit), so its record cannot be re-stamped the same way."""
    signed = [pid for pid, rec in records.items() if rec.signoffs]
    if not signed:
        return
    sealed = audit.audited_signoffs(session, signed)
    for pid in signed:
        rec = records[pid]
        number = rec.facts.number.canonical
        for role, value in list(rec.signoffs.items()):
            record = sealed.get((pid, number, role))
            fingerprint = record[1] if record else None
            if fingerprint != value.fingerprint:
                rec.signoffs[role] = replace(value, fingerprint=fingerprint or "")


# What the patent-level rules read of the facts, and the department (for grouping): the portfolio-wide statistics
# read these few columns for every patent instead of whole records.
RULE_FACT_COLUMNS = [Patent.id, Patent.application_number, _raw(Patent.expiry_date), Patent.patent_type,
                      _raw(Patent.filing_date), _raw(Patent.grant_date), Patent.status, _raw(Patent.fees_paid_until),
                      _raw(Patent.patentees), Patent.department]


def rule_fact_rows(session: Session, ids: Sequence[int] | None = None) -> list[tuple[Any, ...]]:
    """(id, number, expiry, type, filing, grant, status, fees paid until, patentees, department) as stored: for
    every patent, or for these ids. Turn one into facts with `rule_facts`."""
    return [tuple(row) for row in chunks(lambda part: where(select(*RULE_FACT_COLUMNS), Patent.id, part),
                                          None if ids is None else list(ids), session)]


def rule_facts(row: tuple[Any, ...]) -> ReadinessRecord:
    """A record whose facts hold what the patent-level rules read (type, dates, status, fees, patentees); title,
    inventors, contacts and the like are left empty, so such a record is for those rules only — never for a
    fingerprint, the contact rule or display. Related rows are attached with `fill`."""
    pid, number, expiry, ptype, filing, grant, status, paid, patentees, department = row
    digits, _, check = number.partition(".")
    facts = PatentFacts(number=ApplicationNumber(digits, check), patent_type=_TYPES[ptype],
                        filing_date=_date(filing), grant_date=_date(grant),
                        status=_STATUSES.get(status, Status.UNKNOWN), patentees=_names(patentees),
                        fees_paid_until=_date(paid), department=department or "")
    return ReadinessRecord(pid, facts, expiry=_date(expiry))
