"""A backup is checked in full before it replaces anything: every page and index (integrity_check, not only
quick_check), the schema exactly as its version has it (no trigger, view, table or index of its own), and its
audit trail. A refused restore leaves the database, and the backups folder, as they were."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from openlic_desktop.services import backup, portfolio
from openlic_desktop.support.errors import InputError


@pytest.fixture
def office(demo_ws):
    """(database file, a fresh daily backup of it); the workspace is closed."""
    taken = backup.daily_backup(demo_ws, today=date(2026, 11, 26))
    portfolio.set_fields(demo_ws, portfolio.list_patents(demo_ws)[0].number.canonical, {"title": "恢复前的名称"})
    db_file = demo_ws.path
    demo_ws.close()
    return db_file, taken.path


def _refused(db_file, bad, code="BACKUP_DAMAGED"):
    before = db_file.read_bytes()
    listed = backup.list_backups(db_file)
    with pytest.raises(InputError) as err:
        backup.restore(db_file, bad)
    assert err.value.code == code, err.value
    assert db_file.read_bytes() == before
    assert backup.list_backups(db_file) == listed  # no safety copy either
    assert not [p for p in backup.backups_dir().iterdir() if p.name.endswith(".part")]
    return err.value


def _edit(path, *statements, writable_schema=False):
    con = sqlite3.connect(path)
    try:
        if writable_schema:
            con.execute("PRAGMA writable_schema=ON")
        for sql, *params in statements:
            con.execute(sql, *params)
        con.commit()
    finally:
        con.close()


def test_a_backup_that_passes_quick_check_but_not_integrity_check_is_refused(office):
    db_file, bad = office
    index_sql = "SELECT sql FROM sqlite_master WHERE name = 'ix_patents_title'"
    con = sqlite3.connect(bad)
    original = con.execute(index_sql).fetchone()[0]
    con.close()
    # let the index believe it is on another column while titles change, then put its definition back: the
    # index no longer matches the rows (quick_check does not look, integrity_check does)
    _edit(bad, ("UPDATE sqlite_master SET sql = ? WHERE name = 'ix_patents_title'",
                (original.replace("(title)", "(status)"),)), writable_schema=True)
    _edit(bad, ("UPDATE patents SET title = title || '（改）' WHERE id <= 5",))
    _edit(bad, ("UPDATE sqlite_master SET sql = ? WHERE name = 'ix_patents_title'", (original,)),
          writable_schema=True)
    con = sqlite3.connect(bad)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    con.close()
    _refused(db_file, bad)


@pytest.mark.parametrize("extra", [
    "CREATE TRIGGER wipe_trail AFTER INSERT ON patents BEGIN DELETE FROM audit_log; END",
    "CREATE VIEW everything AS SELECT * FROM patents",
    "CREATE TABLE notes_of_our_own (x TEXT)",
    "CREATE INDEX ix_extra ON patents (industry)",
])
def test_a_backup_with_objects_of_its_own_is_refused(office, extra):
    db_file, bad = office
    _edit(bad, (extra,))
    err = _refused(db_file, bad, "BACKUP_SCHEMA_MISMATCH")
    assert "schema" in err.message("en").lower() or "结构" in err.message("zh")


def test_a_backup_missing_an_object_of_its_version_is_refused(office):
    db_file, bad = office
    _edit(bad, ("DROP INDEX ix_patents_title",))
    _refused(db_file, bad, "BACKUP_SCHEMA_MISMATCH")


def test_a_backup_with_a_broken_audit_trail_is_refused(office):
    db_file, bad = office
    _edit(bad, ("UPDATE audit_log SET new = 'forged' WHERE id = (SELECT max(id) FROM audit_log)",))
    err = _refused(db_file, bad, "BACKUP_AUDIT_BROKEN")
    assert "audit" in err.message("en").lower() or "审计" in err.message("zh")


def test_a_healthy_backup_is_restored(office):
    db_file, good = office
    result = backup.restore(db_file, good)
    assert result.safety_copy is not None
    con = sqlite3.connect(db_file)
    assert con.execute("SELECT count(*) FROM patents WHERE title = '恢复前的名称'").fetchone()[0] == 0
    con.close()
    con = sqlite3.connect(result.safety_copy)
    assert con.execute("SELECT count(*) FROM patents WHERE title = '恢复前的名称'").fetchone()[0] == 1
    con.close()
