"""Daily backups and restore, on real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from openlic_desktop.services import backup, portfolio
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.support.errors import InputError, NotFoundError


def _first_number(ws) -> str:
    return portfolio.list_patents(ws)[0].number.canonical


def test_daily_backup_once_per_day_and_in_data_dir(demo_ws, _hermetic_home):
    first = backup.daily_backup(demo_ws, today=date(2026, 11, 26))
    assert first is not None
    assert first.path.parent == _hermetic_home / "data" / "backups"
    assert first.path.name.endswith("-2026-11-26.sqlite3")
    assert backup.daily_backup(demo_ws, today=date(2026, 11, 26)) is None  # once a day
    con = sqlite3.connect(first.path)
    assert con.execute("select count(*) from patents").fetchone()[0] == 200
    assert con.execute("pragma journal_mode").fetchone()[0] == "delete"  # one self-contained file
    con.close()
    second = backup.daily_backup(demo_ws, today=date(2026, 11, 27))
    assert [b.path for b in backup.list_backups(demo_ws.path)] == [second.path, first.path]
    # no temporary files left behind: each copy and its anchor (the audit head, `.head.json`)
    assert sorted(p.name for p in backup.backups_dir().iterdir()) == sorted(
        name + suffix for name in (first.path.name, second.path.name) for suffix in ("", ".head.json"))


def test_rotation_keeps_newest_days(ws):
    for day in range(1, 8):
        backup.daily_backup(ws, today=date(2026, 11, day), keep=3)
    days = [b.taken.date() for b in backup.list_backups(ws.path)]
    assert days == [date(2026, 11, 7), date(2026, 11, 6), date(2026, 11, 5)]


def test_families_do_not_mix(tmp_path):
    a = open_workspace(tmp_path / "a" / "openlic.sqlite3", user="t")
    b = open_workspace(tmp_path / "b" / "openlic.sqlite3", user="t")
    try:
        backup.daily_backup(a, today=date(2026, 1, 1))
        assert backup.list_backups(b.path) == []
        assert backup.daily_backup(b, today=date(2026, 1, 1)) is not None
        assert len(backup.list_backups(a.path)) == 1
    finally:
        a.close()
        b.close()


def test_backup_and_restore_round_trip(demo_ws):
    db_file = demo_ws.path
    number = _first_number(demo_ws)
    original_title = portfolio.detail(demo_ws, number).facts.title
    taken = backup.daily_backup(demo_ws, today=date(2026, 11, 26))
    portfolio.set_fields(demo_ws, number, {"title": "改过的名称"})
    assert portfolio.detail(demo_ws, number).facts.title == "改过的名称"
    demo_ws.close()

    result = backup.restore(db_file, taken.path)

    assert result.safety_copy is not None and result.safety_copy.exists()
    reopened = open_workspace(db_file, user="tester")
    try:
        assert portfolio.detail(reopened, number).facts.title == original_title
        assert portfolio.count(reopened) == 200
    finally:
        reopened.close()
    # the safety copy holds the state just before the restore, and can itself be restored
    kinds = {b.path: b.kind for b in backup.list_backups(db_file)}
    assert kinds[result.safety_copy] == "before-restore"
    backup.restore(db_file, result.safety_copy)
    again = open_workspace(db_file, user="tester")
    try:
        assert portfolio.detail(again, number).facts.title == "改过的名称"
    finally:
        again.close()


def test_damaged_backup_refused_and_database_untouched(demo_ws, tmp_path):
    db_file = demo_ws.path
    demo_ws.close()
    before = db_file.read_bytes()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError) as exc:
        backup.restore(db_file, bad)
    assert exc.value.code == "BACKUP_DAMAGED"
    with pytest.raises(NotFoundError):
        backup.restore(db_file, tmp_path / "missing.sqlite3")
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    with con:
        con.execute("create table t(x)")
    con.close()
    with pytest.raises(InputError) as exc:
        backup.restore(db_file, foreign)
    assert exc.value.code == "BACKUP_DAMAGED"
    assert db_file.read_bytes() == before
    assert backup.list_backups(db_file) == []  # no safety copy for a refused restore


def test_backup_from_newer_version_refused(ws, tmp_path):
    db_file = ws.path
    taken = backup.daily_backup(ws, today=date(2026, 11, 26))
    ws.close()
    con = sqlite3.connect(taken.path)
    with con:
        con.execute("update alembic_version set version_num='9999_future'")
    con.close()
    with pytest.raises(InputError) as exc:
        backup.restore(db_file, taken.path)
    assert exc.value.code == "DB_TOO_NEW"


def test_server_database_not_backed_up():
    with pytest.raises(InputError) as exc:
        backup.database_file("postgresql://host/db")
    assert exc.value.code == "BACKUP_NOT_SQLITE_FILE"
