"""Fixtures shared by the unit tests of the import."""

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
