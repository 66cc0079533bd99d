"""Hermetic tests: Qt offscreen, data/config/log dirs in tmp, no user database touched."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
os.environ.pop("OPENLIC_DB", None)
# a real keyring backend that runs anywhere: keyrings.alt's plain file, in each test's own folder (XDG_DATA_HOME,
# set per test below) — never the developer's OS keyring. Subprocesses (the CLI) inherit the choice.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"

import keyring
import keyrings.alt.file
import pytest

keyring.set_keyring(keyrings.alt.file.PlaintextKeyring())


@pytest.fixture(autouse=True)
def _hermetic_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("openlic_home")
    monkeypatch.setenv("OPENLIC_HOME", str(home))
    monkeypatch.delenv("OPENLIC_DB", raising=False)
    monkeypatch.setenv("OPENLIC_LANG", "zh")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))  # where the file keyring keeps its secrets
    yield home


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.sqlite3"


@pytest.fixture
def ws(db_path):
    from openlic_desktop.services.workspace import open_workspace

    workspace = open_workspace(db_path, user="tester", source="cli")
    yield workspace
    workspace.close()


@pytest.fixture
def demo_ws(ws):
    """The demo's patents without the office's work on a dozen of them: the tests using it do that work."""
    from datetime import date

    from openlic_desktop.services import demo

    demo.load_demo(ws, 200, seed=7, today=date(2026, 11, 26), office_work=False)
    return ws


@pytest.fixture(scope="module")
def pg_cluster():
    """A private PostgreSQL cluster for the module (tests/pg_cluster.py); `pg_cluster.create(name)` makes a
    database and gives its address. Skipped where the server is not installed."""
    import pg_cluster as pg

    if not pg.AVAILABLE:
        pytest.skip(pg.MISSING)
    pytest.importorskip("psycopg")
    with pg.private_cluster() as cluster:
        yield cluster
