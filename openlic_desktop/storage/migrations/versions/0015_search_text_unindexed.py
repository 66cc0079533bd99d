"""The search texts lose their covering index (SQLite).

Migration 0007 made `ix_patents_search_text` so that the search box's `instr` scan read a narrow index instead
of the wide table. Since migration 0014 the search box answers from a copy of the texts held in memory; the
database answers only until that copy is read (~0.2 s after opening, or after another process's write). The index
cost every import: built again at the end of each first import, and about half of an UPDATE's cost when titles
change (50,000-row re-import with one row in ten changed: 0.25 s of UPDATE with it, 0.13 s without). Measured on
100,000 patents, the database's own scan without it: 45 ms median (28–63 ms) against 30 ms (19–41 ms) with it.

Revision ID: 0015_search_text_unindexed
Revises: 0014_search_ngrams
Create Date: 2026-12-07
"""

from alembic import op

revision = "0015_search_text_unindexed"
down_revision = "0014_search_ngrams"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # made on SQLite only (0007)
        op.execute("DROP INDEX IF EXISTS ix_patents_search_text")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_patents_search_text", "patents", ["search_text"])
