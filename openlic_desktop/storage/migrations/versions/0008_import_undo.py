"""Undoing an import: each import run records which audit records it wrote, and whether it was undone.

* `import_sources.audit_from` / `audit_to`: the ids of the first and last audit record the import appended (its
  creations, one record per chunk, and every field it changed, old → new). The import's transaction holds the
  write lock from its first write, so nothing else appends in between. Both NULL for imports made before this
  revision: those cannot be undone. `audit_to < audit_from`: the import changed nothing.
* `import_sources.undone_at` / `undone_by`: when and by whom the import was undone (NULL: in force).
* `import_sources.parsed_on`: the day the import judged dates against (a date after it is DATE_IMPOSSIBLE). The row
  digests it stamped stand for rows read on that day: an import on an earlier day (a clock set back, another
  machine) does not trust them and parses every row.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = (("audit_from", sa.Integer), ("audit_to", sa.Integer), ("undone_at", sa.DateTime(timezone=True)),
            ("undone_by", sa.Text), ("parsed_on", sa.Date))


def upgrade() -> None:
    # plain ALTER TABLE … ADD COLUMN (batch mode would copy the table on SQLite)
    for name, kind in _COLUMNS:
        op.add_column("import_sources", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, _kind in reversed(_COLUMNS):
        if sqlite:  # ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35); batch mode would copy the table
            op.execute(f"ALTER TABLE import_sources DROP COLUMN {name}")
        else:
            op.drop_column("import_sources", name)
