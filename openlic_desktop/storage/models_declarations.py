"""Tables of the statutory regime: declarations (开放许可声明), the patentees' consents to withdraw one, and the
annual-fee reductions the office records for a patent (migration 0009_declarations).

A patent has at most one declaration that is not withdrawn — a partial unique index says so in the database
itself (SQLite and PostgreSQL both have them). `terms` is the snapshot taken when the declaration is filed: from
then on it is what the declaration says, whatever the patent's pricing becomes.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from openlic_desktop.storage.models import Base, utcnow

OPEN_CONDITION = "state != 'withdrawn'"  # a declaration that is not withdrawn is open
# one open declaration per patent; the condition is given here for SQLite only: naming a PostgreSQL option in a
# model loads SQLAlchemy's PostgreSQL dialect (and asyncio with it, ~25 ms) in every process that imports the
# models. On PostgreSQL it is added when the index is made (below); the migration (0009) states both.
_ONE_OPEN = Index("uq_declarations_open", "patent_id", unique=True, sqlite_where=text(OPEN_CONDITION))


class Declaration(Base):
    __tablename__ = "declarations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    regime: Mapped[str] = mapped_column(String(16), default="statutory")
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    contact_person: Mapped[str] = mapped_column(Text, default="")
    contact_phone: Mapped[str] = mapped_column(Text, default="")
    contact_email: Mapped[str] = mapped_column(Text, default="")
    contact_address: Mapped[str] = mapped_column(Text, default="")
    agency_name: Mapped[str] = mapped_column(Text, default="")
    agency_code: Mapped[str] = mapped_column(Text, default="")
    other_terms: Mapped[str] = mapped_column(Text, default="")
    territory: Mapped[str] = mapped_column(Text, default="中国境内")
    source_batch: Mapped[str] = mapped_column(Text, default="")   # the pilot batch it was converted from
    terms: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # snapshot at filing
    filed_on: Mapped[date | None] = mapped_column(Date)
    route: Mapped[str] = mapped_column(String(16), default="")
    reference: Mapped[str] = mapped_column(Text, default="")
    announced_on: Mapped[date | None] = mapped_column(Date)
    announcement: Mapped[str] = mapped_column(Text, default="")
    withdrawal_filed_on: Mapped[date | None] = mapped_column(Date)
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdrawal_announcement: Mapped[str] = mapped_column(Text, default="")
    prepared_by: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (_ONE_OPEN,)


@event.listens_for(_ONE_OPEN, "before_create")
def _open_condition_on_postgresql(index: Index, connection: Any, **_kw: Any) -> None:
    """The partial unique index made through the models on PostgreSQL (whose dialect is loaded by then) gets the
    condition it has on SQLite."""
    if connection.dialect.name == "postgresql":
        index.dialect_kwargs["postgresql_where"] = text(OPEN_CONDITION)


class DeclarationConsent(Base):
    """A patentee's written consent to an act on a declaration (so far: its withdrawal)."""

    __tablename__ = "declaration_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(16), default="withdrawal")
    owner: Mapped[str] = mapped_column(Text)
    consent_date: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("declaration_id", "purpose", "owner", name="uq_declaration_consent"),)


class FeeReduction(Base):
    """An annual-fee reduction recorded for a patent (费减…): a percentage for the fees due in a period.
    Stored as decimal text like the other money columns."""

    __tablename__ = "fee_reductions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    percent: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
