"""Licensee, licence and payment rows. Session lifetime belongs to the services; nothing here commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_licensing import Licence, LicencePayment, Licensee
from openlic_desktop.storage.models_pricing import PricingTermsRow

LICENSEE_FIELDS = ("name", "uscc", "address", "legal_representative", "contact", "size")


def list_licensees(session: Session, search: str = "") -> list[Licensee]:
    query = select(Licensee).order_by(Licensee.name, Licensee.id)
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(or_(Licensee.name.like(like), Licensee.uscc.like(like), Licensee.contact.like(like)))
    return list(session.execute(query).scalars())


def get_licensee(session: Session, licensee_id: int) -> Licensee | None:
    return session.get(Licensee, licensee_id)


def by_uscc(session: Session, uscc: str) -> Licensee | None:
    return session.execute(select(Licensee).where(Licensee.uscc == uscc)).scalar_one_or_none()


def by_name(session: Session, name: str) -> list[Licensee]:
    return list(session.execute(select(Licensee).where(Licensee.name == name)).scalars())


def all_by_uscc(session: Session) -> dict[str, Licensee]:
    return {row.uscc: row for row in session.execute(select(Licensee)).scalars()}


def add_licensee(session: Session, values: dict[str, Any]) -> Licensee:
    now = datetime.now(UTC)
    row = Licensee(**{k: values.get(k, "") for k in LICENSEE_FIELDS}, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    return row


def touch(row: Licensee) -> None:
    row.updated_at = datetime.now(UTC)


def add_licence(session: Session, values: dict[str, Any], payments: Sequence[dict[str, Any]]) -> Licence:
    row = Licence(**values, created_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    for p in payments:
        session.add(LicencePayment(licence_id=row.id, **p))
    session.flush()
    return row


def find_licence(session: Session, patent_id: int, licensee_id: int, effective) -> Licence | None:
    return session.execute(select(Licence).where(
        Licence.patent_id == patent_id, Licence.licensee_id == licensee_id,
        Licence.effective_date == effective)).scalar_one_or_none()


def licences(session: Session, patent_id: int | None = None, licensee_id: int | None = None) -> list[Any]:
    """Rows of (Licence, application number, title, patent type, licensee name, licensee USCC)."""
    query = (select(Licence, Patent.application_number, Patent.title, Patent.patent_type, Licensee.name,
                    Licensee.uscc)
             .join(Patent, Patent.id == Licence.patent_id)
             .join(Licensee, Licensee.id == Licence.licensee_id)
             .order_by(Licence.effective_date.desc(), Licence.id.desc()))
    if patent_id is not None:
        query = query.where(Licence.patent_id == patent_id)
    if licensee_id is not None:
        query = query.where(Licence.licensee_id == licensee_id)
    return list(session.execute(query))


def payments_of(session: Session, licence_ids: Sequence[int]) -> dict[int, list[LicencePayment]]:
    out: dict[int, list[LicencePayment]] = {i: [] for i in licence_ids}
    ids = list(licence_ids)
    for i in range(0, len(ids), 900):
        query = (select(LicencePayment).where(LicencePayment.licence_id.in_(ids[i:i + 900]))
                 .order_by(LicencePayment.due_date, LicencePayment.id))
        for row in session.execute(query).scalars():
            out[row.licence_id].append(row)
    return out


def get_licence(session: Session, licence_id: int) -> Licence | None:
    return session.get(Licence, licence_id)


def get_payment(session: Session, payment_id: int) -> LicencePayment | None:
    return session.get(LicencePayment, payment_id)


def licence_counts(session: Session) -> dict[int, int]:
    """Licences per licensee id."""
    rows = session.execute(select(Licence.licensee_id, func.count()).group_by(Licence.licensee_id))
    return {lid: n for lid, n in rows}


def priced_patent_ids(session: Session) -> list[int]:
    """Patents with published open-licence terms (the open offer applies to them)."""
    return list(session.execute(select(PricingTermsRow.patent_id)).scalars())


def fee_rows(session: Session, patent_ids: Sequence[int]) -> list[Any]:
    """(id, application number, title, type, filing date, expiry date, fees paid until, status) per patent."""
    out = []
    ids = list(patent_ids)
    for i in range(0, len(ids), 900):
        out.extend(session.execute(
            select(Patent.id, Patent.application_number, Patent.title, Patent.patent_type, Patent.filing_date,
                   Patent.expiry_date, Patent.fees_paid_until, Patent.status)
            .where(Patent.id.in_(ids[i:i + 900]))))
    return out
