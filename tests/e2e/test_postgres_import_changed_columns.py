"""On PostgreSQL too, a re-import writing only the facts that changed (and their derived columns, from the stored
facts they are computed from) leaves every stored column as the one facts→row function makes it. Uses the private
cluster of test_postgres (skipped without the server)."""

from __future__ import annotations

import sys
from pathlib import Path

from test_postgres import pg_url, pytestmark  # noqa: F401  (the fixture and the skip mark)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "unit"))
from test_import_changed_facts_columns import reimport_changing_one_fact_each


def test_a_changed_fact_rewrites_its_derived_columns_on_postgres(pg_url, tmp_path):  # noqa: F811
    from openlic_desktop.services.workspace import open_workspace

    ws = open_workspace(pg_url, user="tester")
    try:
        reimport_changing_one_fact_each(ws, tmp_path)
    finally:
        ws.close()
