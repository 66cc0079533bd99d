"""Readiness rows: bulk loading of everything the rules need, and the small writes behind the services.

Loading is a handful of queries for any number of patents (chunks of 900 ids, or whole tables when `ids` is None),
so the readiness of 10,000 patents costs a few table scans. Functions take a session and never commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from openlic_desktop.domain.readiness import AttachmentValue, EncumbranceValue, ReadinessRecord, SignOffValue
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_readiness import (
    Attachment,
    CommitmentConfirmation,
    CoownerConsent,
    Encumbrance,
    SignOff,
)
from openlic_desktop.storage.patents import FACT_COLUMNS, row_to_facts

CHUNK = 900
_PATENT_COLUMNS = [Patent.id, Patent.application_number, *(getattr(Patent, c) for c in FACT_COLUMNS)]


def _chunks(stmt_for: Any, ids: Sequence[int] | None, session: Session):
    if ids is None:
        yield from session.execute(stmt_for(None))
        return
    for i in range(0, len(ids), CHUNK):
        yield from session.execute(stmt_for(list(ids[i:i + CHUNK])))


def _where(stmt: Select, column: Any, part: list[int] | None) -> Select:
    return stmt if part is None else stmt.where(column.in_(part))


def load_records(session: Session, ids: Sequence[int] | None) -> dict[int, ReadinessRecord]:
    """Records (without pricing) for these patent ids, or for every patent when `ids` is None."""
    records: dict[int, ReadinessRecord] = {}
    for row in _chunks(lambda part: _where(select(*_PATENT_COLUMNS), Patent.id, part), ids, session):
        records[row.id] = ReadinessRecord(row.id, row_to_facts(row))
    if not records:
        return records
    wanted = None if ids is None else list(records)

    enc_cols = (Encumbrance.patent_id, Encumbrance.kind, Encumbrance.party, Encumbrance.registration_no,
                Encumbrance.start_date, Encumbrance.end_date, Encumbrance.consent)
    for r in _chunks(lambda part: _where(select(*enc_cols).order_by(Encumbrance.id), Encumbrance.patent_id, part),
                     wanted, session):
        rec = records.get(r.patent_id)
        if rec is not None:
            rec.encumbrances.append(EncumbranceValue(r.kind, r.party or "", r.registration_no or "", r.start_date,
                                                     r.end_date, bool(r.consent)))
    att_cols = (Attachment.patent_id, Attachment.kind, Attachment.sha256, Attachment.report_no,
                Attachment.report_date, Attachment.conclusion, Attachment.claims, Attachment.original_name)
    for r in _chunks(lambda part: _where(select(*att_cols).order_by(Attachment.id), Attachment.patent_id, part),
                     wanted, session):
        rec = records.get(r.patent_id)
        if rec is not None:
            rec.attachments.append(AttachmentValue(r.kind, r.sha256, r.report_no or "", r.report_date, r.conclusion,
                                                   r.claims or "", name=r.original_name or ""))
    for r in _chunks(lambda part: _where(select(CoownerConsent.patent_id, CoownerConsent.owner),
                                         CoownerConsent.patent_id, part), wanted, session):
        rec = records.get(r.patent_id)
        if rec is not None:
            rec.consents.add(r.owner)
    for r in _chunks(lambda part: _where(select(CommitmentConfirmation.patent_id, CommitmentConfirmation.item,
                                                CommitmentConfirmation.note),
                                         CommitmentConfirmation.patent_id, part), wanted, session):
        rec = records.get(r.patent_id)
        if rec is not None:
            rec.commitments[r.item] = r.note or ""
    so_cols = (SignOff.patent_id, SignOff.role, SignOff.user, SignOff.fingerprint, SignOff.signed_at)
    for r in _chunks(lambda part: _where(select(*so_cols).order_by(SignOff.id), SignOff.patent_id, part),
                     wanted, session):
        rec = records.get(r.patent_id)
        if rec is not None:  # ordered by id: the latest per role wins
            rec.signoffs[r.role] = SignOffValue(r.role, r.user, r.fingerprint,
                                                r.signed_at.isoformat() if r.signed_at else "")
    return records


