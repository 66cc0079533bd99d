"""Fixtures shared by the unit tests: the rows the import parsed, a database as the first release made it."""

from __future__ import annotations

import pytest

from openlic_desktop.intake import records


@pytest.fixture
def parsed_rows(monkeypatch):
    """The sheet rows the importer really normalised (RowParser.parse is wrapped, not replaced)."""
    seen: list[int] = []
    real = records.RowParser.parse

    def spy(self, cells, row_number):
        seen.append(row_number)
        return real(self, cells, row_number)

    monkeypatch.setattr(records.RowParser, "parse", spy)
    return seen


@pytest.fixture
def first_release_db(db_path):
    """The database file at `db_path` at the first revision (0001), as the first release made it: what an upgrade,
    the copy taken before it and the sweep after a killed one start from."""
    from alembic import command

    from openlic_desktop.storage import engine

    db = engine.open_database(db_path, migrate=False)
    cfg = engine._alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    db.dispose()
    return db_path
