"""Readiness: encumbrances, attachments (with report metadata), co-owner consents, commitment confirmations,
sign-offs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _patent_fk() -> sa.Column:
    return sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "encumbrances",
        sa.Column("id", sa.Integer, primary_key=True),
        _patent_fk(),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("party", sa.Text, nullable=False, server_default=""),
        sa.Column("registration_no", sa.Text, nullable=False, server_default=""),
        sa.Column("start_date", sa.Date),
        sa.Column("end_date", sa.Date),
        sa.Column("consent", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_encumbrances_patent_id", "encumbrances", ["patent_id"])
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True),
        _patent_fk(),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_type", sa.String(8), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("original_name", sa.Text, nullable=False, server_default=""),
        sa.Column("report_no", sa.Text, nullable=False, server_default=""),
        sa.Column("report_date", sa.Date),
        sa.Column("conclusion", sa.String(16)),
        sa.Column("claims", sa.Text, nullable=False, server_default=""),
        sa.Column("added_by", sa.Text, nullable=False, server_default=""),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("patent_id", "kind", "sha256", name="uq_attachment_content"),
    )
    op.create_index("ix_attachments_patent_id", "attachments", ["patent_id"])
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])
    op.create_table(
        "coowner_consents",
        sa.Column("id", sa.Integer, primary_key=True),
        _patent_fk(),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("consent_date", sa.Date),
        sa.Column("attachment_id", sa.Integer, sa.ForeignKey("attachments.id", ondelete="SET NULL")),
        sa.Column("recorded_by", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("patent_id", "owner", name="uq_consent_owner"),
    )
    op.create_index("ix_coowner_consents_patent_id", "coowner_consents", ["patent_id"])
    op.create_table(
        "commitment_confirmations",
        sa.Column("id", sa.Integer, primary_key=True),
        _patent_fk(),
        sa.Column("item", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("confirmed_by", sa.Text, nullable=False, server_default=""),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("patent_id", "item", name="uq_commitment_item"),
    )
    op.create_index("ix_commitment_confirmations_patent_id", "commitment_confirmations", ["patent_id"])
    op.create_table(
        "signoffs",
        sa.Column("id", sa.Integer, primary_key=True),
        _patent_fk(),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
    )
    op.create_index("ix_signoffs_patent_role", "signoffs", ["patent_id", "role"])


def downgrade() -> None:
    for table in ("signoffs", "commitment_confirmations", "coowner_consents", "attachments", "encumbrances"):
        op.drop_table(table)
