"""A licence term that runs until the patent's expiry is a recorded fact, not a month count.

`pricing_terms.until_expiry` is true when the term runs to the patent's own last day in force (专利权期限届满日):
the documents then print the expiry day as the end of the licence. A whole-month count cannot say that — a design
patent expiring on the 21st would otherwise end on the 6th. Existing rows keep their month counts (false).

Revision ID: 0012_term_until_expiry
Revises: 0011_audit_key
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_term_until_expiry"
down_revision = "0011_audit_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pricing_terms") as batch:
        batch.add_column(sa.Column("until_expiry", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("pricing_terms") as batch:
        batch.drop_column("until_expiry")
