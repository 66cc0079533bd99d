"""Pricing: terms per patent, presets (with a few shipped ones), batch applications for undo, fee-estimation
notes, the per-industry reference table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SHIPPED_PRESETS = [
    ("一年免费试用后按净销售额3%提成，许可期3年",
     {"mode": "royalty", "amount": None, "entry_fee": None, "rate": "3", "base": "net_sales", "term_months": 36,
      "free_months": 0, "pay_after_trial": True, "trial_months": 12, "frequency": "yearly",
      "territory": "中国境内"}),
    ("前6个月免费，之后按净销售额2%提成，许可期2年",
     {"mode": "royalty", "amount": None, "entry_fee": None, "rate": "2", "base": "net_sales", "term_months": 24,
      "free_months": 6, "pay_after_trial": False, "trial_months": 0, "frequency": "quarterly",
      "territory": "中国境内"}),
    ("免费许可1年",
     {"mode": "free", "amount": None, "entry_fee": None, "rate": None, "base": None, "term_months": 12,
      "free_months": 0, "pay_after_trial": False, "trial_months": 0, "frequency": "yearly",
      "territory": "中国境内"}),
]


def upgrade() -> None:
    op.create_table(
        "pricing_terms",
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("mode", sa.String(24), nullable=False),
        sa.Column("amount", sa.String(32)),
        sa.Column("entry_fee", sa.String(32)),
        sa.Column("rate", sa.String(16)),
        sa.Column("base", sa.String(16)),
        sa.Column("term_months", sa.Integer),
        sa.Column("free_months", sa.Integer, nullable=False, server_default="0"),
        sa.Column("pay_after_trial", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("trial_months", sa.Integer, nullable=False, server_default="0"),
        sa.Column("frequency", sa.String(16), nullable=False, server_default="yearly"),
        sa.Column("territory", sa.Text, nullable=False, server_default="中国境内"),
        sa.Column("preset", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    presets = op.create_table(
        "pricing_presets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "pricing_applications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.Text, nullable=False, server_default=""),
        sa.Column("label", sa.Text, nullable=False, server_default=""),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("before", sa.JSON, nullable=False),
        sa.Column("undone", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "pricing_fee_notes",
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "pricing_reference",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("industry", sa.Text, nullable=False, index=True),
        sa.Column("code", sa.String(16), nullable=False, server_default=""),
        sa.Column("contracts", sa.Integer),
        sa.Column("avg_amount", sa.String(32)),
        sa.Column("median_amount", sa.String(32)),
        sa.Column("avg_rate", sa.String(16)),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    )
    now = datetime.now(UTC)
    op.bulk_insert(presets, [{"name": name, "terms": terms, "created_at": now} for name, terms in _SHIPPED_PRESETS])


def downgrade() -> None:
    op.drop_table("pricing_reference")
    op.drop_table("pricing_fee_notes")
    op.drop_table("pricing_applications")
    op.drop_table("pricing_presets")
    op.drop_table("pricing_terms")
