"""Parties: the patentee book, licensees who are people, contract numbers, what a licence brought, withdrawals.

* `patentees`: each patentee (co-owner) with its identifier, legal representative, address and bank account, so a
  contract's licensor block is its own and not the office's.
* `licensees.id_type`: a licensee may be a person (Patent Law Arts 50–51); the identifier column (first named
  `uscc`, kept so SQLite does not copy the table under the licences' foreign keys) then holds a resident ID or
  passport number. Existing rows are organisations with a USCC.
* `contracts`: every contract drafted, with its unique number (year and sequence).
* `licences.implemented/products/new_sales/jobs/effect_as_of`: the licence's effect for the follow-up report.
* `offer_withdrawals`, `withdrawal_consents`: a withdrawn offer stays marked; every co-owner consents to withdraw.

Revision ID: 0010_parties
Revises: 0009_declarations
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_parties"
down_revision = "0009_declarations"
branch_labels = None
depends_on = None

_LICENCE_COLUMNS = (("implemented", sa.Boolean), ("products", sa.Text), ("new_sales", sa.String(32)),
                    ("jobs", sa.Integer), ("effect_as_of", sa.Date))


def upgrade() -> None:
    # plain ALTER TABLE … ADD COLUMN: batch mode would copy the tables on SQLite
    op.add_column("licensees", sa.Column("id_type", sa.String(16), nullable=False, server_default="uscc"))
    for name, kind in _LICENCE_COLUMNS:
        default = {"server_default": ""} if name == "products" else {}
        op.add_column("licences", sa.Column(name, kind, nullable=name != "products", **default))
    op.create_table(
        "patentees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("id_type", sa.String(16), nullable=False, server_default="uscc"),
        sa.Column("identifier", sa.String(18), nullable=False, server_default=""),
        sa.Column("legal_representative", sa.Text, nullable=False, server_default=""),
        sa.Column("address", sa.Text, nullable=False, server_default=""),
        sa.Column("bank_name", sa.Text, nullable=False, server_default=""),
        sa.Column("bank_account", sa.Text, nullable=False, server_default=""),
        sa.Column("contact", sa.Text, nullable=False, server_default=""),
        sa.Column("phone", sa.Text, nullable=False, server_default=""),
        sa.Column("email", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("licensee_id", sa.Integer, sa.ForeignKey("licensees.id", ondelete="SET NULL"), index=True),
        sa.Column("licensee_name", sa.Text, nullable=False, server_default=""),
        sa.Column("licensors", sa.JSON, nullable=False),
        sa.Column("patents", sa.JSON, nullable=False),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("template_version", sa.Text, nullable=False, server_default=""),
        sa.Column("data_sha256", sa.String(64), nullable=False, server_default=""),
        sa.Column("file_name", sa.Text, nullable=False, server_default=""),
        sa.Column("drafted_by", sa.Text, nullable=False, server_default=""),
        sa.Column("drafted_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("year", "seq", name="uq_contract_year_seq"),
    )
    op.create_table(
        "offer_withdrawals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("kind", sa.String(16), nullable=False, server_default="withdrawn"),
        sa.Column("withdrawn_on", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("transferee", sa.Text, nullable=False, server_default=""),
        sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id", ondelete="SET NULL")),
        sa.Column("reoffered_on", sa.Date),
        sa.Column("recorded_by", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "withdrawal_consents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patent_id", sa.Integer, sa.ForeignKey("patents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("patentee", sa.Text, nullable=False),
        sa.Column("consent_date", sa.Date),
        sa.Column("attachment_id", sa.Integer, sa.ForeignKey("attachments.id", ondelete="SET NULL")),
        sa.Column("withdrawal_id", sa.Integer, sa.ForeignKey("offer_withdrawals.id", ondelete="CASCADE")),
        sa.Column("recorded_by", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("withdrawal_consents")
    op.drop_table("offer_withdrawals")
    op.drop_table("contracts")
    op.drop_table("patentees")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, name in [*(("licences", n) for n, _ in reversed(_LICENCE_COLUMNS)), ("licensees", "id_type")]:
        if sqlite:  # ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35); batch mode would copy the table
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
        else:
            op.drop_column(table, name)
