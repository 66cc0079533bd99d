"""Portfolio: patents, import sources, the audit log; on SQLite an FTS5 trigram index for the search box.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("sheet", sa.Text, nullable=False, server_default=""),
        sa.Column("rows_read", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated", sa.Integer, nullable=False, server_default="0"),
        sa.Column("unchanged", sa.Integer, nullable=False, server_default="0"),
        sa.Column("rejected", sa.Integer, nullable=False, server_default="0"),
        sa.Column("user", sa.Text, nullable=False, server_default=""),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "patents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_number", sa.String(16), nullable=False, unique=True),
        sa.Column("search_key", sa.String(16), nullable=False, index=True),
        sa.Column("number_sort", sa.String(16), nullable=False, index=True),
        sa.Column("patent_type", sa.String(16), nullable=False, index=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("filing_date", sa.Date, index=True),
        sa.Column("grant_date", sa.Date),
        sa.Column("expiry_date", sa.Date, index=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="unknown", index=True),
        sa.Column("patentees", sa.JSON, nullable=False),
        sa.Column("patentees_display", sa.Text, nullable=False, server_default="", index=True),
        sa.Column("inventors", sa.JSON, nullable=False),
        sa.Column("fees_paid_until", sa.Date),
        sa.Column("ipc", sa.String(64), nullable=False, server_default=""),
        sa.Column("department", sa.Text, nullable=False, server_default=""),
        sa.Column("contact_person", sa.Text, nullable=False, server_default=""),
        sa.Column("contact_phone", sa.Text, nullable=False, server_default=""),
        sa.Column("contact_email", sa.Text, nullable=False, server_default=""),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("industry", sa.Text, nullable=False, server_default=""),
        sa.Column("search_text", sa.Text, nullable=False, server_default=""),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("import_sources.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_patents_title", "patents", ["title"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.Text, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.Integer, index=True),
        sa.Column("entity_key", sa.Text, nullable=False, server_default=""),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("field", sa.Text, nullable=False, server_default=""),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # The trigram tokenizer lets LIKE '%…%' with 3+ characters use the index (Chinese included).
        op.execute(
            "CREATE VIRTUAL TABLE patent_fts USING fts5(search_text, content='patents', content_rowid='id', "
            "tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER patents_fts_ai AFTER INSERT ON patents BEGIN "
            "INSERT INTO patent_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER patents_fts_ad AFTER DELETE ON patents BEGIN "
            "INSERT INTO patent_fts(patent_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER patents_fts_au AFTER UPDATE OF search_text ON patents BEGIN "
            "INSERT INTO patent_fts(patent_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
            "INSERT INTO patent_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS patent_fts")
    op.drop_table("audit_log")
    op.drop_table("patents")
    op.drop_table("import_sources")
