"""Import: a flag table that lets a bulk import fill the FTS5 search index in one statement.

The insert trigger of 0001 becomes conditional: it indexes each new patent unless `import_fts_defer` holds a
row, which only an import's own transaction ever does. (Both went in 0007.)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_INDEX_ROW = "INSERT INTO patent_fts(rowid, search_text) VALUES (new.id, new.search_text);"


def upgrade() -> None:
    op.create_table("import_fts_defer", sa.Column("id", sa.Integer, primary_key=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS patents_fts_ai")
        op.execute("CREATE TRIGGER patents_fts_ai AFTER INSERT ON patents "
                   "WHEN NOT EXISTS (SELECT 1 FROM import_fts_defer) BEGIN " + _INDEX_ROW + " END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS patents_fts_ai")
        op.execute("CREATE TRIGGER patents_fts_ai AFTER INSERT ON patents BEGIN " + _INDEX_ROW + " END")
    op.drop_table("import_fts_defer")
