"""Withdrawn offers and the patentees' consents to withdraw. Session lifetime belongs to the services."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from openlic_desktop.storage.models_packages import OfferWithdrawal, WithdrawalConsent


def _chunks(ids: Sequence[int]):
    ids = list(ids)
    for i in range(0, len(ids), 900):
        yield ids[i:i + 900]


def pending_consents(session: Session, patent_ids: Sequence[int]) -> dict[int, dict[str, WithdrawalConsent]]:
    """Consents to withdraw not yet used by a withdrawal: patent id → patentee → consent."""
    out: dict[int, dict[str, WithdrawalConsent]] = {}
    for chunk in _chunks(patent_ids):
        for row in session.execute(select(WithdrawalConsent).where(WithdrawalConsent.patent_id.in_(chunk),
                                                                   WithdrawalConsent.withdrawal_id.is_(None))
                                   .order_by(WithdrawalConsent.id)).scalars():
            out.setdefault(row.patent_id, {})[row.patentee] = row
    return out


def add_consent(session: Session, values: dict[str, Any]) -> WithdrawalConsent:
    row = WithdrawalConsent(**values)
    session.add(row)
    session.flush()
    return row


def in_force(session: Session, patent_ids: Sequence[int] | None = None) -> dict[int, OfferWithdrawal]:
    """Withdrawals not followed by a new offer: patent id → the latest withdrawal."""
    query = select(OfferWithdrawal).where(OfferWithdrawal.reoffered_on.is_(None)).order_by(OfferWithdrawal.id)
    out: dict[int, OfferWithdrawal] = {}
    if patent_ids is None:
        for row in session.execute(query).scalars():
            out[row.patent_id] = row
        return out
    for chunk in _chunks(patent_ids):
        for row in session.execute(query.where(OfferWithdrawal.patent_id.in_(chunk))).scalars():
            out[row.patent_id] = row
    return out


def add_withdrawal(session: Session, values: dict[str, Any]) -> OfferWithdrawal:
    row = OfferWithdrawal(**values)
    session.add(row)
    session.flush()
    return row


def mark_reoffered(session: Session, rows: Sequence[OfferWithdrawal], on: date) -> None:
    for row in rows:
        row.reoffered_on = on
