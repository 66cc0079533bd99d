"""Pricing tables: terms per patent, named presets, batch applications (for undo), fee-estimation notes and the
per-industry reference table the office loads from its own copy of CNIPA's statistics.

Money and rates are stored as decimal TEXT ("12000.00", "3.5"): SQLite has no decimal type and REAL would lose
the fen. `PricingTermsRow` keeps one column per field so the readiness engine can read 10,000 patents in one
plain select without JSON parsing.
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from openlic_desktop.storage.models import Base, utcnow


class PricingTermsRow(Base):
    __tablename__ = "pricing_terms"

    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(24))
    amount: Mapped[str | None] = mapped_column(String(32))
    entry_fee: Mapped[str | None] = mapped_column(String(32))
    rate: Mapped[str | None] = mapped_column(String(16))
    base: Mapped[str | None] = mapped_column(String(16))
    term_months: Mapped[int | None] = mapped_column(Integer)
    free_months: Mapped[int] = mapped_column(Integer, default=0)
    pay_after_trial: Mapped[bool] = mapped_column(Boolean, default=False)
    trial_months: Mapped[int] = mapped_column(Integer, default=0)
    frequency: Mapped[str] = mapped_column(String(16), default="yearly")
    territory: Mapped[str] = mapped_column(Text, default="中国境内")
    until_expiry: Mapped[bool] = mapped_column(Boolean, default=False)
    preset: Mapped[str] = mapped_column(Text, default="")  # name of the preset last applied, "" if edited by hand
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PricingPreset(Base):
    __tablename__ = "pricing_presets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    terms: Mapped[dict] = mapped_column(JSON)  # PricingTerms.canonical()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PricingApplication(Base):
    """One batch application of terms to a selection: what each patent had before, so it can be undone."""

    __tablename__ = "pricing_applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(Text, default="")
    label: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[dict] = mapped_column(JSON)   # what was applied (canonical)
    before: Mapped[dict] = mapped_column(JSON)  # {str(patent_id): canonical dict or None}
    undone: Mapped[bool] = mapped_column(Boolean, default=False)


class FeeNote(Base):
    """许可使用费估算依据和方法: the method, the inputs it was drafted from, and the (edited) text."""

    __tablename__ = "pricing_fee_notes"

    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), primary_key=True)
    method: Mapped[str] = mapped_column(String(32))
    inputs: Mapped[dict] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IndustryReference(Base):
    """One industry line of the per-industry licence-fee statistics, as loaded from the office's file."""

    __tablename__ = "pricing_reference"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    industry: Mapped[str] = mapped_column(Text, index=True)
    code: Mapped[str] = mapped_column(String(16), default="")
    contracts: Mapped[int | None] = mapped_column(Integer)
    avg_amount: Mapped[str | None] = mapped_column(String(32))     # CNY
    median_amount: Mapped[str | None] = mapped_column(String(32))  # CNY
    avg_rate: Mapped[str | None] = mapped_column(String(16))       # percent
    source: Mapped[str] = mapped_column(Text, default="")          # file name and sheet it came from
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
