"""Licensing tables: the licensee book, licences reached under the open offer, and their payments.

Money is stored as decimal TEXT ("12000.00"), as in pricing: SQLite has no decimal type and REAL loses the fen.
A licence keeps a snapshot of the terms it was reached on (`PricingTerms.canonical()`): later repricing of the
patent does not change a licence already reached.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlic_desktop.storage.models import Base, utcnow


class Licensee(Base):
    __tablename__ = "licensees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    uscc: Mapped[str] = mapped_column(String(18), unique=True)  # unified social credit code, validated
    address: Mapped[str] = mapped_column(Text, default="")
    legal_representative: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[str] = mapped_column(String(8), default="")  # large | medium | small | micro | ""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Licence(Base):
    """A licence reached: one patent, one licensee, the date the contract took effect, the terms then."""

    __tablename__ = "licences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    licensee_id: Mapped[int] = mapped_column(ForeignKey("licensees.id", ondelete="RESTRICT"), index=True)
    effective_date: Mapped[date] = mapped_column(Date, index=True)
    contract_number: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[dict] = mapped_column(JSON)  # PricingTerms.canonical() at the time
    term_end: Mapped[date | None] = mapped_column(Date)   # last day of the licence (never past the expiry)
    free_end: Mapped[date | None] = mapped_column(Date)   # last day of the staged free period
    trial_end: Mapped[date | None] = mapped_column(Date)  # last day of the trial (pay after trial)
    recorded_on: Mapped[date | None] = mapped_column(Date)  # recorded with CNIPA (备案) on
    report_submitted_on: Mapped[date | None] = mapped_column(Date)  # follow-up report to the bureau
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("patent_id", "licensee_id", "effective_date", name="uq_licence"),)


class LicencePayment(Base):
    """A payment due under a licence (from the terms' schedule) and what was received."""

    __tablename__ = "licence_payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("licences.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # entry-fee | lump-sum | royalty
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    amount_due: Mapped[str | None] = mapped_column(String(32))  # None: a royalty, known when sales are reported
    received_on: Mapped[date | None] = mapped_column(Date)
    amount_received: Mapped[str | None] = mapped_column(String(32))
