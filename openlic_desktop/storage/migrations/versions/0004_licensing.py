"""Licensing: licensees, licences reached, licence payments.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "licensees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, index=True),
        sa.Column("uscc", sa.String(18), nullable=False, unique=True),
        sa.Column("address", sa.Text, nullable=False, server_default=""),
        sa.Column("legal_representative", sa.Text, nullable=False, server_default=""),
        sa.Column("contact", sa.Text, nullable=False, server_default=""),
        sa.Column("size", sa.String(8), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "licences",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("licensee_id", sa.Integer, sa.ForeignKey("licensees.id", ondelete="RESTRICT"), nullable=False,
                  index=True),
        sa.Column("effective_date", sa.Date, nullable=False, index=True),
        sa.Column("contract_number", sa.Text, nullable=False, server_default=""),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("term_end", sa.Date),
        sa.Column("free_end", sa.Date),
        sa.Column("trial_end", sa.Date),
        sa.Column("recorded_on", sa.Date),
        sa.Column("report_submitted_on", sa.Date),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("patent_id", "licensee_id", "effective_date", name="uq_licence"),
    )
    op.create_table(
        "licence_payments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("licence_id", sa.Integer, sa.ForeignKey("licences.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("period_start", sa.Date),
        sa.Column("period_end", sa.Date),
        sa.Column("due_date", sa.Date, nullable=False, index=True),
        sa.Column("amount_due", sa.String(32)),
        sa.Column("received_on", sa.Date),
        sa.Column("amount_received", sa.String(32)),
    )


def downgrade() -> None:
    op.drop_table("licence_payments")
    op.drop_table("licences")
    op.drop_table("licensees")
