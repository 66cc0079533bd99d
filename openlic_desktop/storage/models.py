"""SQLAlchemy 2 typed models. Each issue adds its tables here and by an Alembic migration.

Patentees and inventors are ordered name lists kept as JSON on the patent: nothing refers to them by id (co-owner
consents are keyed by name), and keeping them on the row makes a 50,000-row import one insert per patent.
"""

# No `from __future__ import annotations` in the model modules: SQLAlchemy would then compile and evaluate
# every `Mapped[...]` annotation from its text (~600 in all, ~25-50 ms of each process that imports the models);
# evaluated by Python as the classes are made, they cost a fraction of that (tests/unit/test_models_annotations.py).
from datetime import UTC, date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Patent(Base):
    __tablename__ = "patents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_number: Mapped[str] = mapped_column(String(16), unique=True)
    search_key: Mapped[str] = mapped_column(String(16), index=True)  # digits + check, no dot: prefix search
    number_sort: Mapped[str] = mapped_column(String(16), index=True)  # 4-digit year first: old and new in order
    patent_type: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    filing_date: Mapped[date | None] = mapped_column(Date, index=True)
    grant_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date, index=True)  # last day in force
    status: Mapped[str] = mapped_column(String(16), index=True, default="unknown")
    patentees: Mapped[list[str]] = mapped_column(JSON, default=list)
    patentees_display: Mapped[str] = mapped_column(Text, default="", index=True)
    inventors: Mapped[list[str]] = mapped_column(JSON, default=list)
    fees_paid_until: Mapped[date | None] = mapped_column(Date)
    ipc: Mapped[str] = mapped_column(String(64), default="")
    department: Mapped[str] = mapped_column(Text, default="")
    contact_person: Mapped[str] = mapped_column(Text, default="")
    contact_phone: Mapped[str] = mapped_column(Text, default="")
    contact_email: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str] = mapped_column(Text, default="")
    # what the search box looks in: number forms, title, patentees, inventors, lower-cased (storage/search.py;
    # not indexed since migration 0015: the search box answers from a copy held in memory)
    search_text: Mapped[str] = mapped_column(Text, default="")
    # digest of the spreadsheet row this patent last came from, and which facts that row stated (a bit mask over
    # intake.records.IMPORTED_FIELDS); the digest is cleared when a fact changes otherwise (0007).
    # created_source_id: the import that created the patent (its history shows that import's record)
    import_digest: Mapped[str | None] = mapped_column(String(32), nullable=True)
    import_fields: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_source_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("import_sources.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # indexed (0016): the statistics' data signature reads its latest value
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    __table_args__ = (Index("ix_patents_title", "title"),)


class ImportSource(Base):
    """One import run: the file, its hash and what it did."""

    __tablename__ = "import_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    sheet: Mapped[str] = mapped_column(Text, default="")
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    user: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # the audit records this import appended (migration 0008; NULL before it: cannot be undone)
    audit_from: Mapped[int | None] = mapped_column(Integer)
    audit_to: Mapped[int | None] = mapped_column(Integer)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(Text)
    parsed_on: Mapped[date | None] = mapped_column(Date)  # the day dates were judged against (row digests)


class AuditRecord(Base):
    """Append-only, hash-chained trail of changes. `hash` = HMAC-SHA-256 (under the key of its segment, see
    AuditKey) or plain SHA-256 of the previous hash and this record's body."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # gui | cli | import | system
    entity: Mapped[str] = mapped_column(String(32))  # patent | ...
    entity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity_key: Mapped[str] = mapped_column(Text, default="")  # e.g. the application number
    action: Mapped[str] = mapped_column(String(32))  # create | update | delete | ...
    field: Mapped[str] = mapped_column(Text, default="")
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditKey(Base):
    """Where the key sealing new audit records changed: records with an id above `after_id` are sealed with the key
    `key_id` (None: plain SHA-256) until the next row. The key itself is only in the OS keyring (migration 0011)."""

    __tablename__ = "audit_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    after_id: Mapped[int] = mapped_column(Integer)
    key_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
