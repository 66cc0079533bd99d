"""A submission records the day the bureau itself published it (公开日).

`submissions.published_on` is the bureau's publication date as the user enters it when marking the submission
published; the pilot contract's recital names it as 公开日. Existing rows (and any submission marked published
without it) keep it NULL: their 公开日 stays the day the office marked them published, as before.

Revision ID: 0017_submission_bureau_date
Revises: 0015_search_text_unindexed
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_submission_bureau_date"
down_revision = "0015_search_text_unindexed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("published_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("published_on")
