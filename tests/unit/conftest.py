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
    from schema_at import migrate

    return migrate(db_path, "0001")
