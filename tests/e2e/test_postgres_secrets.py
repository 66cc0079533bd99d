"""Personal data stays out of error messages, logs and crash reports on PostgreSQL too: the server's own message
adds the failing row ("DETAIL: Failing row contains (…)", "Key (name)=(…) already exists"), values and all, which
hiding the bound parameters alone does not cover."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_postgres import BIN, pg_url  # noqa: F401  (the private cluster fixture)

from openlic_desktop.services.workspace import open_workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_secrets_kept_out import _failed_statement_keeps_personal_data_out


@pytest.mark.skipif(not BIN, reason="PostgreSQL server binaries not installed")
def test_a_failed_statement_on_postgresql_names_no_personal_data(pg_url, monkeypatch):  # noqa: F811
    ws = open_workspace(pg_url, user="setup")
    try:
        _failed_statement_keeps_personal_data_out(ws, monkeypatch)
    finally:
        ws.close()
