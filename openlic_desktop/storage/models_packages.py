"""Batches (申报批次) and submissions (报送记录) — issue 6.

A batch is a named working set of patents for one bureau. A submission is one package sent (or drafted) for a
batch: its number within the batch, date, the package's SHA-256, status and the bureau's reference, and for each
patent the information-table row as sent (JSON), so a resubmission can show what changed since the last one.
A withdrawal (撤回) is a submission of kind "withdrawal" listing the patents withdrawn; each patent withdrawn gets
an `OfferWithdrawal` (so it is not offered again unnoticed), and every co-owner's consent to that withdrawal is a
`WithdrawalConsent` of its own (consent to offer is not consent to withdraw).
"""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlic_desktop.storage.models import Base, utcnow


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    profile_code: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BatchPatent(Base):
    __tablename__ = "batch_patents"

    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)
    added_by: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Submission(Base):
    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id", ondelete="RESTRICT"), index=True)
    seq: Mapped[int] = mapped_column(Integer)                       # 1, 2, … within the batch
    kind: Mapped[str] = mapped_column(String(16), default="submission")  # submission | withdrawal
    submitted_on: Mapped[date] = mapped_column(Date)
    profile_code: Mapped[str] = mapped_column(String(64))
    package_path: Mapped[str] = mapped_column(Text, default="")
    package_sha256: Mapped[str] = mapped_column(String(64), default="")
    package_size: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft|sent|acknowledged|returned|published
    bureau_reference: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # the day the bureau itself published it (公开日), as entered when marked published; NULL on older records
    published_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (UniqueConstraint("batch_id", "seq", name="uq_submissions_batch_seq"),)


class SubmissionPatent(Base):
    __tablename__ = "submission_patents"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True)
    application_number: Mapped[str] = mapped_column(String(16), primary_key=True)
    patent_id: Mapped[int | None] = mapped_column(ForeignKey("patents.id", ondelete="SET NULL"), index=True)
    row_json: Mapped[str] = mapped_column(Text, default="{}")   # the table row as sent (withdrawal: the reason)


class OfferWithdrawal(Base):
    """A patent's open offer withdrawn (or the patent transferred). In force until `reoffered_on` is set."""

    __tablename__ = "offer_withdrawals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="withdrawn")  # withdrawn | transferred
    withdrawn_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    transferee: Mapped[str] = mapped_column(Text, default="")
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"))
    reoffered_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WithdrawalConsent(Base):
    """A patentee's written consent to withdraw a patent's open offer. Pending until a withdrawal uses it."""

    __tablename__ = "withdrawal_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patents.id", ondelete="CASCADE"), index=True)
    patentee: Mapped[str] = mapped_column(Text)
    consent_date: Mapped[date | None] = mapped_column(Date)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="SET NULL"))
    withdrawal_id: Mapped[int | None] = mapped_column(ForeignKey("offer_withdrawals.id", ondelete="CASCADE"))
    recorded_by: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
