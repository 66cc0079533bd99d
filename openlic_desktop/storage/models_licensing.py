"""Licensing tables: the patentee and licensee books, contracts drafted (their unique numbers), licences reached
under the open offer, and their payments.

Money is stored as decimal TEXT ("12000.00"), as in pricing: SQLite has no decimal type and REAL loses the fen.
A licence keeps a snapshot of the terms it was reached on (`PricingTerms.canonical()`): later repricing of the
patent does not change a licence already reached.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlic_desktop.storage.models import Base, utcnow


class Licensee(Base):
    __tablename__ = "licensees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    # The party's identifier, validated: a USCC for an organisation, a resident ID or passport number for a
    # person (id_type says which). The column keeps its first name "uscc" (0004): renaming it would copy the
    # table on SQLite under the licences' foreign keys.
    identifier: Mapped[str] = mapped_column("uscc", String(18), unique=True)
    id_type: Mapped[str] = mapped_column(String(16), default="uscc")  # uscc | resident_id | passport
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
    # what the licence brought, as the licensee reported it for the follow-up report (许可实施情况报告)
    implemented: Mapped[bool | None] = mapped_column(Boolean)       # None: not reported yet
    products: Mapped[str] = mapped_column(Text, default="")         # products or processes made with it
    new_sales: Mapped[str | None] = mapped_column(String(32))       # new sales, CNY (decimal text)
    jobs: Mapped[int | None] = mapped_column(Integer)               # jobs created
    effect_as_of: Mapped[date | None] = mapped_column(Date)         # the day these figures were reported
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


class PatenteeRecord(Base):
    """The patentee book: each patentee (co-owner) as a contract's licensor names it. Patents keep patentees
    as names (storage.models.Patent.patentees); the book is keyed by the same name."""

    __tablename__ = "patentees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    id_type: Mapped[str] = mapped_column(String(16), default="uscc")   # uscc | resident_id | passport
    identifier: Mapped[str] = mapped_column(String(18), default="")    # "" until known
    legal_representative: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    bank_name: Mapped[str] = mapped_column(Text, default="")            # where licence fees are paid
    bank_account: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ContractRecord(Base):
    """A contract drafted: its number (unique: CNIPA's recording and the licence register key on it), the
    licensor set, the licensee and the patents, and the fingerprint of the data it was rendered from."""

    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    licensee_id: Mapped[int | None] = mapped_column(ForeignKey("licensees.id", ondelete="SET NULL"), index=True)
    licensee_name: Mapped[str] = mapped_column(Text, default="")
    licensors: Mapped[list] = mapped_column(JSON, default=list)        # patentee names
    patents: Mapped[list] = mapped_column(JSON, default=list)          # application numbers
    effective_date: Mapped[date] = mapped_column(Date)
    template_version: Mapped[str] = mapped_column(Text, default="")
    data_sha256: Mapped[str] = mapped_column(String(64), default="")
    file_name: Mapped[str] = mapped_column(Text, default="")
    drafted_by: Mapped[str] = mapped_column(Text, default="")
    drafted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("year", "seq", name="uq_contract_year_seq"),)
