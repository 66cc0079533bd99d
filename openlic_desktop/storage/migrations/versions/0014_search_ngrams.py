"""A token that names the current state of the patents' search texts, so that a copy held in memory knows when
it is stale.

The search box looks for any piece of text in every patent's `search_text`. The GUI keeps those texts in memory
(storage/search.py: a scan of 100,000 texts in Python takes 3–13 ms; the covering-index scan it replaces took
25–30 ms on a quiet machine and up to 220 ms under load). The one writer of search texts (storage/patents.py, the
import's undo, deleting patents) sets a new random token in the same transaction as its change; a reader compares
the token with its copy's before every search and reads the texts again when they differ — whichever process or
restored backup made the change. An n-gram table was measured and not chosen: at 100,000 patents it doubled the
database (+100 MB) and its one-statement build took ~11 s at the end of an import.

A later migration that rewrites `search_text` must set a new token too.

Revision ID: 0014_search_ngrams
Revises: 0012_term_until_expiry
Create Date: 2026-12-07
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0014_search_ngrams"
down_revision = "0012_term_until_expiry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "search_text_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token", sa.String(32), nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "token": secrets.token_hex(16)}])


def downgrade() -> None:
    op.drop_table("search_text_version")
