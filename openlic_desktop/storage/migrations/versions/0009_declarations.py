"""Declarations: the statutory open-licence declaration per patent, the patentees' consents to withdraw one, and
the annual-fee reductions recorded for a patent.

`uq_declarations_open` is a partial unique index: at most one declaration per patent that is not withdrawn.

Revision ID: 0009_declarations
Revises: 0008
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_declarations"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "declarations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("regime", sa.String(16), nullable=False),
        sa.Column("state", sa.String(20), nullable=False, index=True),
        sa.Column("contact_person", sa.Text, nullable=False),
        sa.Column("contact_phone", sa.Text, nullable=False),
        sa.Column("contact_email", sa.Text, nullable=False),
        sa.Column("contact_address", sa.Text, nullable=False),
        sa.Column("agency_name", sa.Text, nullable=False),
        sa.Column("agency_code", sa.Text, nullable=False),
        sa.Column("other_terms", sa.Text, nullable=False),
        sa.Column("territory", sa.Text, nullable=False),
        sa.Column("source_batch", sa.Text, nullable=False),
        sa.Column("terms", sa.JSON, nullable=True),
        sa.Column("filed_on", sa.Date, nullable=True),
        sa.Column("route", sa.String(16), nullable=False),
        sa.Column("reference", sa.Text, nullable=False),
        sa.Column("announced_on", sa.Date, nullable=True),
        sa.Column("announcement", sa.Text, nullable=False),
        sa.Column("withdrawal_filed_on", sa.Date, nullable=True),
        sa.Column("withdrawal_reason", sa.Text, nullable=False),
        sa.Column("withdrawn_on", sa.Date, nullable=True),
        sa.Column("withdrawal_announcement", sa.Text, nullable=False),
        sa.Column("prepared_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("uq_declarations_open", "declarations", ["patent_id"], unique=True,
                    sqlite_where=sa.text("state != 'withdrawn'"), postgresql_where=sa.text("state != 'withdrawn'"))
    op.create_table(
        "declaration_consents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("declaration_id", sa.Integer, sa.ForeignKey("declarations.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("purpose", sa.String(16), nullable=False),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("consent_date", sa.Date, nullable=True),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("declaration_id", "purpose", "owner", name="uq_declaration_consent"),
    )
    op.create_table(
        "fee_reductions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("percent", sa.String(16), nullable=False),
        sa.Column("start_date", sa.Date, nullable=True),
        sa.Column("end_date", sa.Date, nullable=True),
        sa.Column("basis", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fee_reductions")
    op.drop_table("declaration_consents")
    op.drop_index("uq_declarations_open", table_name="declarations")
    op.drop_table("declarations")
