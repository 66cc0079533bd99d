"""Search without FTS5, and import row digests.

* The FTS5 trigram index goes. Measured on this machine (50,000 patents): filling it cost 0.54 s of an import's
  ~1.4 s budget, while a scan of a covering index on the lower-cased `search_text` answers any substring — one
  character or ten, Chinese or not — in 8 ms per 50,000 rows (`instr`, see storage/search.py). One search path
  instead of three, no triggers to keep in step, and a smaller file.
* `patents.import_digest`: a digest of the spreadsheet row the patent last came from (cells, column mapping,
  parser version), and `import_fields`, which facts that row stated (a bit mask). A re-import that finds the same
  row digest knows the row is unchanged without normalising it. Any later change of an imported fact by other
  means clears the row digest (trigger below on SQLite; other databases do not use digests), so a digest never
  hides an edit.
* `patents.created_source_id`: the import that created the patent (its history shows that import's record).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# the facts an import writes; changing any of them outside an import makes the stored row digest stale
_FACT_COLUMNS = ("title", "patent_type", "filing_date", "grant_date", "status", "patentees", "inventors",
                 "fees_paid_until", "ipc", "department", "contact_person", "contact_phone", "contact_email",
                 "description", "industry")

_STALE_TRIGGER = (
    f"CREATE TRIGGER patents_import_digest_stale AFTER UPDATE OF {', '.join(_FACT_COLUMNS)} ON patents "
    "WHEN old.import_digest IS NOT NULL AND new.import_digest IS old.import_digest "
    "BEGIN UPDATE patents SET import_digest = NULL WHERE id = new.id; END"
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for trigger in ("patents_fts_ai", "patents_fts_ad", "patents_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS patent_fts")
    op.drop_table("import_fts_defer")
    # plain ALTER TABLE … ADD COLUMN (batch mode would copy the table on SQLite)
    op.add_column("patents", sa.Column("import_digest", sa.String(32), nullable=True))
    op.add_column("patents", sa.Column("import_fields", sa.Integer, nullable=True))
    op.add_column("patents", sa.Column("created_source_id", sa.Integer, nullable=True))
    if sqlite:
        op.create_index("ix_patents_search_text", "patents", ["search_text"])
        op.execute(_STALE_TRIGGER)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS patents_import_digest_stale")
        op.drop_index("ix_patents_search_text", "patents")
    # ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): batch mode would copy the table and drop the old one, and with
    # foreign keys on, ON DELETE CASCADE would empty every table that refers to patents
    for column in ("created_source_id", "import_fields", "import_digest"):
        if sqlite:
            op.execute(f"ALTER TABLE patents DROP COLUMN {column}")
        else:
            op.drop_column("patents", column)
    op.create_table("import_fts_defer", sa.Column("id", sa.Integer, primary_key=True))
    if sqlite:
        op.execute("CREATE VIRTUAL TABLE patent_fts USING fts5(search_text, content='patents', content_rowid='id', "
                   "tokenize='trigram')")
        op.execute("INSERT INTO patent_fts(patent_fts) VALUES ('rebuild')")
        op.execute("CREATE TRIGGER patents_fts_ai AFTER INSERT ON patents "
                   "WHEN NOT EXISTS (SELECT 1 FROM import_fts_defer) BEGIN "
                   "INSERT INTO patent_fts(rowid, search_text) VALUES (new.id, new.search_text); END")
        op.execute("CREATE TRIGGER patents_fts_ad AFTER DELETE ON patents BEGIN "
                   "INSERT INTO patent_fts(patent_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END")
        op.execute("CREATE TRIGGER patents_fts_au AFTER UPDATE OF search_text ON patents BEGIN "
                   "INSERT INTO patent_fts(patent_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
                   "INSERT INTO patent_fts(rowid, search_text) VALUES (new.id, new.search_text); END")
