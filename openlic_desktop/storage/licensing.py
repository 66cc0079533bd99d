"""Patentee-book, licensee, contract, licence and payment rows. Session lifetime belongs to the services; nothing
here commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_licensing import (
    ContractRecord,
    Licence,
    LicencePayment,
    Licensee,
    PatenteeRecord,
)
from openlic_desktop.storage.models_pricing import PricingTermsRow

LICENSEE_FIELDS = ("name", "id_type", "identifier", "address", "legal_representative", "contact", "size")


def list_licensees(session: Session, search: str = "") -> list[Licensee]:
    query = select(Licensee).order_by(Licensee.name, Licensee.id)
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(or_(Licensee.name.like(like), Licensee.identifier.like(like),
                                 Licensee.contact.like(like)))
    return list(session.execute(query).scalars())


def get_licensee(session: Session, licensee_id: int) -> Licensee | None:
    return session.get(Licensee, licensee_id)


def by_identifier(session: Session, identifier: str) -> Licensee | None:
    return session.execute(select(Licensee).where(Licensee.identifier == identifier)).scalar_one_or_none()


def by_name(session: Session, name: str) -> list[Licensee]:
    return list(session.execute(select(Licensee).where(Licensee.name == name)).scalars())


def all_by_identifier(session: Session) -> dict[str, Licensee]:
    return {row.identifier: row for row in session.execute(select(Licensee)).scalars()}


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
    """Rows of (Licence, application number, title, patent type, licensee name, licensee identifier, licensee
    id type, licensee size)."""
    query = (select(Licence, Patent.application_number, Patent.title, Patent.patent_type, Licensee.name,
                    Licensee.identifier, Licensee.id_type, Licensee.size)
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


# --- the patentee book ---------------------------------------------------------------------------------------

PATENTEE_FIELDS = ("name", "id_type", "identifier", "legal_representative", "address", "bank_name", "bank_account",
                   "contact", "phone", "email")


def list_patentees(session: Session, search: str = "") -> list[PatenteeRecord]:
    query = select(PatenteeRecord).order_by(PatenteeRecord.name, PatenteeRecord.id)
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(or_(PatenteeRecord.name.like(like), PatenteeRecord.identifier.like(like)))
    return list(session.execute(query).scalars())


def patentees_by_name(session: Session, names: Sequence[str]) -> dict[str, PatenteeRecord]:
    wanted = list(dict.fromkeys(names))
    out: dict[str, PatenteeRecord] = {}
    for i in range(0, len(wanted), 900):
        for row in session.execute(select(PatenteeRecord).where(PatenteeRecord.name.in_(wanted[i:i + 900]))).scalars():
            out[row.name] = row
    return out


def get_patentee(session: Session, patentee_id: int) -> PatenteeRecord | None:
    return session.get(PatenteeRecord, patentee_id)


def add_patentee(session: Session, values: dict[str, Any]) -> PatenteeRecord:
    now = datetime.now(UTC)
    row = PatenteeRecord(**{k: values.get(k, "") for k in PATENTEE_FIELDS}, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    return row


def touch_patentee(row: PatenteeRecord) -> None:
    row.updated_at = datetime.now(UTC)


def portfolio_patentee_names(session: Session) -> list[str]:
    """Every patentee name on a patent, once (the portfolio keeps them as JSON lists on the patent rows)."""
    seen: dict[str, None] = {}
    for names in session.execute(select(Patent.patentees)).scalars():
        for name in names or ():
            if name and name.strip():
                seen.setdefault(name.strip(), None)
    return list(seen)


# --- contract numbers ------------------------------------------------------------------------------------------

def next_contract_seq(session: Session, year: int) -> int:
    """The next free sequence number of `year`. Called inside the writing transaction that inserts the contract
    rows (SQLite: the write lock; a server: the writers are serialised), so two drafts never share a number; the
    unique constraint is the last guard."""
    last = session.execute(select(func.max(ContractRecord.seq)).where(ContractRecord.year == year)).scalar()
    return (last or 0) + 1


def add_contracts(session: Session, rows: Sequence[dict[str, Any]]) -> list[ContractRecord]:
    now = datetime.now(UTC)
    out = [ContractRecord(**row, drafted_at=now) for row in rows]
    session.add_all(out)
    session.flush()
    return out


def contract_by_number(session: Session, number: str) -> ContractRecord | None:
    return session.execute(select(ContractRecord).where(ContractRecord.number == number)).scalar_one_or_none()


def contracts_for(session: Session, licensee_id: int) -> list[ContractRecord]:
    return list(session.execute(select(ContractRecord).where(ContractRecord.licensee_id == licensee_id)
                                .order_by(ContractRecord.drafted_at.desc(), ContractRecord.id.desc())).scalars())
