"""The keyed audit chain: which key sealed which records.

`audit_keys` has a row each time the key that seals new audit records changes: records with an id above
`after_id` (up to the next row's `after_id`) are sealed with HMAC-SHA-256 under the key whose id is `key_id`
(the first 16 hex digits of the key's SHA-256; the key itself lives only in the OS keyring), or with plain SHA-256
where `key_id` is NULL (a computer without a keyring).

Existing records are left exactly as they are — plain SHA-256, verifiable as before. The first record appended after
this revision on a computer with a keyring starts a keyed segment; its HMAC covers the hash of the last plain record,
so a later rewrite of the earlier history (even with its plain chain recomputed) breaks the link into the keyed
part, which cannot be recomputed without the key. No row is needed for the plain start: records before the first
row's `after_id` are plain.

Revision ID: 0011_audit_key
Revises: 0010_parties
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_audit_key"
down_revision = "0010_parties"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("after_id", sa.Integer, nullable=False),
        sa.Column("key_id", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("audit_keys")
