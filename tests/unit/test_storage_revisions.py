"""storage/revisions.py reads the revision chain without Alembic; its answers must be Alembic's own."""

from __future__ import annotations

import sqlite3

from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from openlic_desktop.storage import engine, revisions


def test_head_and_known_revisions_are_alembics():
    script = revisions._alembic_script()
    assert revisions.head() == script.get_current_head()
    assert revisions.known() == {rev.revision for rev in script.walk_revisions()}
    assert engine.head_revision() == script.get_current_head()


def test_the_current_revision_is_alembics(tmp_path):
    new = create_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    with new.connect() as conn:
        assert revisions.current(conn) is None
        assert MigrationContext.configure(conn).get_current_revision() is None
    db = engine.open_database(tmp_path / "made.sqlite3")
    try:
        with db.engine.connect() as conn:
            assert revisions.current(conn) == MigrationContext.configure(conn).get_current_revision()
            assert revisions.current(conn) == revisions.head()
    finally:
        db.dispose()


def test_a_chain_it_cannot_read_is_left_to_alembic(tmp_path, monkeypatch):
    """A script written some other way (no `revision = "…"` line) makes the reader defer, not guess."""
    folder = tmp_path / "versions"
    folder.mkdir()
    for script in revisions.VERSIONS_DIR.glob("*.py"):
        (folder / script.name).write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    odd = next(folder.glob("0001_*.py"))
    odd.write_text(odd.read_text(encoding="utf-8").replace('revision = "0001"', 'revision: str = "0001"'))
    monkeypatch.setattr(revisions, "VERSIONS_DIR", folder)
    revisions.chain.cache_clear()
    try:
        assert "0001" in revisions.chain()  # an annotated assignment still reads
        odd.write_text(odd.read_text(encoding="utf-8").replace('revision: str = "0001"', 'revision = REV'))
        revisions.chain.cache_clear()
        try:
            revisions.chain()
            raise AssertionError("an unreadable script must not be skipped silently")
        except revisions.UnreadableChain:
            pass
    finally:
        revisions.chain.cache_clear()


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path):
    """The CLI's start: a database already at the newest revision is opened without Alembic."""
    import subprocess
    import sys

    db = tmp_path / "db.sqlite3"
    engine.open_database(db).dispose()
    probe = ("import sys\nfrom openlic_desktop.storage.engine import open_database\n"
             f"open_database({str(db)!r}).dispose()\nprint(sorted(m for m in sys.modules if m.startswith('alembic')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"
    with sqlite3.connect(db) as con:
        assert con.execute("select version_num from alembic_version").fetchone()[0] == revisions.head()
