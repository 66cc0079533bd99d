"""The declarations tables: the migration matches the models, an older database upgrades with its patents kept,
and the revision can be taken back."""

from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from schema_at import migrate

from openlic_desktop.services import declarations
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage import engine

MINE = {"declarations", "declaration_consents", "fee_reductions"}


def test_migration_matches_models(ws):
    from openlic_desktop.storage.models import Base

    with ws.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diff if any(t in repr(d) for t in MINE)] == []


def test_an_older_database_upgrades_and_keeps_its_patents(db_path):
    from declaration_helpers import TODAY, add, number, set_office

    migrate(db_path, "0008")
    con = sqlite3.connect(db_path)
    assert con.execute("select name from sqlite_master where name='declarations'").fetchone() is None
    con.close()
    ws = open_workspace(db_path, user="t")
    try:
        assert ws.db.backup_path is not None  # copied before migrating
        set_office()
        add(ws, [number("1", 7)])
        assert declarations.prepare(ws, [number("1", 7)], today=TODAY)[0].created
    finally:
        ws.close()
    con = sqlite3.connect(db_path)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == engine.head_revision()
    con.close()


def test_the_revision_can_be_taken_back(db_path):
    migrate(db_path, "head")
    migrate(db_path, "0008", down=True)
    con = sqlite3.connect(db_path)
    names = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    con.close()
    assert not (MINE & names) and "patents" in names
