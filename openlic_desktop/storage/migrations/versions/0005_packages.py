"""Packages: batches (申报批次), their patents, submissions and the patents of each submission.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("profile_code", sa.String(64), nullable=False),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "batch_patents",
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), primary_key=True,
                  index=True),
        sa.Column("added_by", sa.Text, nullable=False, server_default=""),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id", ondelete="RESTRICT"), nullable=False,
                  index=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, server_default="submission"),
        sa.Column("submitted_on", sa.Date, nullable=False),
        sa.Column("profile_code", sa.String(64), nullable=False),
        sa.Column("package_path", sa.Text, nullable=False, server_default=""),
        sa.Column("package_sha256", sa.String(64), nullable=False, server_default=""),
        sa.Column("package_size", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
        sa.Column("bureau_reference", sa.Text, nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("batch_id", "seq", name="uq_submissions_batch_seq"),
    )
    op.create_table(
        "submission_patents",
        sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("application_number", sa.String(16), primary_key=True),
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="SET NULL"), index=True),
        sa.Column("row_json", sa.Text, nullable=False, server_default="{}"),
    )


def downgrade() -> None:
    op.drop_table("submission_patents")
    op.drop_table("submissions")
    op.drop_table("batch_patents")
    op.drop_table("batches")
