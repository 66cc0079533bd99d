"""Tables for readiness (issue 4): encumbrances, attachments (with report metadata), co-owner consents,
commitment confirmations and sign-offs. Every row belongs to one patent and goes with it (ON DELETE CASCADE).

Attachments hold metadata only; the bytes live in the content-addressed store (`storage/attachments.py`).
Sign-offs are never updated: a new sign-off is a new row, and the latest row per role counts.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlic_desktop.domain.readiness import ATTACHMENT_KINDS, ENCUMBRANCE_KINDS  # noqa: F401  (the kinds)
from openlic_desktop.storage.models import Base, utcnow


class Encumbrance(Base):
    __tablename__ = "encumbrances"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    party: Mapped[str] = mapped_column(Text, default="")
    registration_no: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)  # pledge: the pledgee agreed in writing
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Attachment(Base):
    """A file attached to a patent. `sha256` names the stored copy; report fields are set for report kinds."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_type: Mapped[str] = mapped_column(String(8))   # pdf | ofd | jpeg | png
    size: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(Text, default="")
    report_no: Mapped[str] = mapped_column(Text, default="")
    report_date: Mapped[date | None] = mapped_column(Date)
    conclusion: Mapped[str | None] = mapped_column(String(16))  # favourable | unfavourable
    claims: Mapped[str] = mapped_column(Text, default="")         # claim numbers with defects, e.g. "1,3-5"
    added_by: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("patent_id", "kind", "sha256", name="uq_attachment_content"),)


class CoownerConsent(Base):
    __tablename__ = "coowner_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    owner: Mapped[str] = mapped_column(Text)
    consent_date: Mapped[date | None] = mapped_column(Date)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="SET NULL"))
    recorded_by: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("patent_id", "owner", name="uq_consent_owner"),)


class CommitmentConfirmation(Base):
    __tablename__ = "commitment_confirmations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    confirmed_by: Mapped[str] = mapped_column(Text, default="")
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("patent_id", "item", name="uq_commitment_item"),)


class SignOff(Base):
    __tablename__ = "signoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))  # preparer | reviewer
    user: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    fingerprint: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_signoffs_patent_role", "patent_id", "role"),)
