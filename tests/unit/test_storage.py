from __future__ import annotations

import contextlib
import os
import sqlite3

import pytest

from openlic_desktop.services import portfolio
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage import engine
from openlic_desktop.support.errors import InputError


def test_new_database_is_migrated_with_wal_and_foreign_keys(db_path):
    ws = open_workspace(db_path, user="t")
    with ws.reading() as s:
        assert s.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    ws.close()
    con = sqlite3.connect(db_path)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == engine.head_revision()


def test_single_migration_head():
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(engine._alembic_config()).get_heads()
    assert len(heads) == 1, heads


def test_not_sqlite_refused_untouched(tmp_path):
    f = tmp_path / "x.sqlite3"
    f.write_text("hello, not a database")
    with pytest.raises(InputError) as info:
        open_workspace(f)
    assert info.value.code == "DB_NOT_SQLITE"
    assert f.read_text() == "hello, not a database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.sqlite3"]


def test_read_only_refused_via_access_check(db_path, monkeypatch):
    """A file we may not write is refused untouched. CI runs as root, which ignores permission bits, so the
    answer of os.access is what we control here; the refusal path is the same as for a real read-only file."""
    open_workspace(db_path).close()
    before = db_path.read_bytes()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real(p, mode))
    with pytest.raises(InputError) as info:
        open_workspace(db_path)
    assert info.value.code == "DB_READ_ONLY"
    assert db_path.read_bytes() == before


def test_newer_database_refused_untouched(db_path):
    open_workspace(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("update alembic_version set version_num='9999_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(InputError) as info:
        open_workspace(db_path)
    assert info.value.code == "DB_TOO_NEW"
    assert "9999_future" in info.value.message("en")
    assert db_path.read_bytes() == before


def test_foreign_sqlite_file_refused(tmp_path):
    f = tmp_path / "other.db"
    con = sqlite3.connect(f)
    con.execute("create table notes(x)")
    con.commit()
    con.close()
    with pytest.raises(InputError) as info:
        open_workspace(f)
    assert info.value.code == "DB_UNREADABLE"


def test_the_first_release_database_is_at_revision_0001(first_release_db):
    with contextlib.closing(sqlite3.connect(first_release_db)) as con:
        assert [con.execute(q).fetchone()[0] for q in ("select version_num from alembic_version",
                                                         "PRAGMA integrity_check")] == ["0001", "ok"]


def test_backup_taken_before_migrating_an_older_schema(first_release_db):
    db_path = first_release_db
    db = engine.open_database(db_path)
    if engine.head_revision() == "0001":
        assert db.backup_path is None
    else:
        assert db.backup_path is not None and db.backup_path.exists()
        con = sqlite3.connect(db.backup_path)
        assert con.execute("select version_num from alembic_version").fetchone()[0] == "0001"
    db.dispose()


def test_search_index_follows_updates(demo_ws):
    pid = portfolio.query_ids(demo_ws)[0]
    number = portfolio.detail_by_id(demo_ws, pid).facts.number.canonical
    portfolio.set_fields(demo_ws, number, {"title": "一种量子纠缠光源的制备方法"})
    assert portfolio.query_ids(demo_ws, "量子纠缠光源") == [pid]
    assert portfolio.query_ids(demo_ws, "纠缠") == [pid]  # two characters: the portable LIKE path


def test_audit_chain_records_edits_and_verifies(demo_ws):
    from openlic_desktop.storage import audit

    number = portfolio.list_patents(demo_ws)[0].number.canonical
    portfolio.set_fields(demo_ws, number, {"contact_person": "张老师"})
    with demo_ws.reading() as s:
        count, breaks = audit.verify(s)
    assert count >= 2 and breaks == []
    detail = portfolio.detail(demo_ws, number)
    assert detail.history[-1]["field"] == "contact_person" and detail.history[-1]["new"] == "张老师"


def test_server_password_never_shown_or_remembered():
    assert engine.safe_url("postgresql+psycopg://tto:s3cret@db.example.edu.cn/openlic") == \
        "postgresql+psycopg://tto:***@db.example.edu.cn/openlic"
    assert engine.safe_url("sqlite:////tmp/x.sqlite3") == "sqlite:////tmp/x.sqlite3"
    # a URL SQLAlchemy cannot parse was shown as typed, password and all
    assert engine.safe_url("postgresql+psycopg://tto:s3cret@db.example.edu.cn:54x2/openlic") == \
        "postgresql+psycopg://tto:***@db.example.edu.cn:54x2/openlic"
    assert engine.safe_url("postgresql://tto:s3cret@[::1/openlic") == "postgresql://tto:***@[::1/openlic"
    assert engine.safe_url("postgresql://[::1/openlic") == "postgresql://[::1/openlic"  # no password to hide


def test_sqlite_url_form_accepted(tmp_path):
    ws = open_workspace(f"sqlite:///{tmp_path / 'u.sqlite3'}", user="t")
    assert ws.path == tmp_path / "u.sqlite3" and portfolio.count(ws) == 0
    ws.close()


def test_audit_records_are_stored_as_the_orm_stores_them(ws):
    """audit.append writes DB-API rows on SQLite; they must be what SQLAlchemy's own insert writes (the text of
    the timestamp above all: verify() hashes the value read back), and the chain must verify across both."""
    from datetime import UTC, datetime

    from sqlalchemy import insert, text

    from openlic_desktop.storage import audit
    from openlic_desktop.storage.models import AuditRecord

    entries = [audit.AuditEntry("patent", 7, "202110123456.7", "update", "title", "旧\"名\\称", None),
               audit.AuditEntry("import", None, "清单.xlsx", "create", "patents", None, '["x"]')]
    with ws.session() as s:
        assert audit.append(s, "张老师", "gui", entries) == 2
        at = s.execute(text("SELECT at FROM audit_log ORDER BY id")).scalars().all()
        moment = datetime.now(UTC).replace(microsecond=0)
        s.execute(insert(AuditRecord), [{"at": moment, "user": "u", "source": "gui", "entity": "patent",
                                          "entity_id": 1, "entity_key": "k", "action": "a", "field": "", "old": None,
                                          "new": None, "prev_hash": "0" * 64, "hash": "0" * 64}])
        orm_at = s.execute(text("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1")).scalar_one()
        s.execute(text("DELETE FROM audit_log WHERE user = 'u'"))
    assert len(at[0]) == len(orm_at) and at[0][:10] == orm_at[:10] and at[0] == at[1]
    with ws.reading() as s:
        count, breaks = audit.verify(s)
        rows = s.execute(text("SELECT entity, entity_id, entity_key, action, field, old, new, user, source "
                              "FROM audit_log ORDER BY id")).all()
    assert (count, breaks) == (2, [])
    assert [tuple(r) for r in rows] == [
        ("patent", 7, "202110123456.7", "update", "title", "旧\"名\\称", None, "张老师", "gui"),
        ("import", None, "清单.xlsx", "create", "patents", None, '["x"]', "张老师", "gui")]


def test_a_system_without_a_user_name_acts_as_user(monkeypatch):
    """getpass finds no name (no variable set, no account for the uid): the audit trail says "user"."""
    pwd = pytest.importorskip("pwd")  # POSIX; Windows has USERNAME or nothing
    from openlic_desktop.services.workspace import default_user

    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)

    def no_account(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", no_account)
    assert default_user() == "user"
    monkeypatch.setenv("USERNAME", "王老师")
    assert default_user() == "王老师"
