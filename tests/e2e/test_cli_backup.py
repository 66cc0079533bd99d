"""`openlic backup list|now|restore` as a subprocess on a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def run(db, *args, home):
    env = {**os.environ, "OPENLIC_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), *args],
                          capture_output=True, check=False, text=True, encoding="utf-8", env=env, timeout=120)


def test_backup_now_list_restore(tmp_path, _hermetic_home):
    db = tmp_path / "office.sqlite3"
    assert run(db, "demo", "--patents", "15", home=_hermetic_home).returncode == 0
    made = run(db, "backup", "now", "--json", home=_hermetic_home)
    assert made.returncode == 0, made.stderr
    taken = json.loads(made.stdout)
    assert taken["kind"] == "daily"
    again = run(db, "backup", "now", "--json", home=_hermetic_home)
    assert json.loads(again.stdout) is None  # once a day
    assert run(db, "demo", "--patents", "3", "--force", home=_hermetic_home).returncode == 0

    restored = run(db, "backup", "restore", taken["path"], "--json", home=_hermetic_home)
    assert restored.returncode == 0, restored.stderr
    safety = json.loads(restored.stdout)["safety_copy"]
    listed = json.loads(run(db, "backup", "list", "--json", home=_hermetic_home).stdout)
    assert {item["kind"] for item in listed} == {"daily", "before-restore"}
    assert safety in {item["path"] for item in listed}
    patents = json.loads(run(db, "patents", "--json", home=_hermetic_home).stdout)
    assert len(patents) == 15


def test_restore_refuses_a_non_database(tmp_path, _hermetic_home):
    db = tmp_path / "office.sqlite3"
    assert run(db, "demo", "--patents", "5", home=_hermetic_home).returncode == 0
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello", encoding="utf-8")
    before = db.read_bytes()
    result = run(db, "backup", "restore", str(junk), home=_hermetic_home)
    assert result.returncode == 2
    assert "BACKUP" in result.stderr or "备份" in result.stderr
    assert db.read_bytes() == before


def test_restore_says_what_it_waits_for(tmp_path, _hermetic_home):
    """A restore that has to wait for another writer says so at once, and for what, rather than sit silent."""
    import sqlite3

    db = tmp_path / "office.sqlite3"
    assert run(db, "demo", "--patents", "5", home=_hermetic_home).returncode == 0
    taken = json.loads(run(db, "backup", "now", "--json", home=_hermetic_home).stdout)
    env = {**os.environ, "OPENLIC_HOME": str(_hermetic_home)}
    for as_json in (False, True):
        writer = sqlite3.connect(str(db), isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
        writer.execute("UPDATE patents SET title = title")
        args = [sys.executable, "-m", "openlic_desktop.cli", "--lang", "en", "--db", str(db), "backup", "restore",
                taken["path"], "--wait", "60", *(["--json"] if as_json else [])]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                env=env)
        try:
            notice = proc.stderr.readline()  # written before the wait: it comes while the writer still holds on
            writer.execute("COMMIT")
            writer.close()
            out, rest = proc.communicate(timeout=90)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, notice + rest
        if as_json:
            event = json.loads(notice)
            assert event["event"] == "RESTORE_WAITING" and event["seconds"] == 60
            assert event["database"] == str(db.resolve()) and "another program" in event["message"]
            assert json.loads(out)["waited"] is True  # stdout stays the one JSON document
        else:
            assert "waiting up to 60 s" in notice and str(db.resolve()) in notice
            assert "an import, another window or a command" in notice
            assert "Restored" in out
    # nobody else holding the database: no notice, and the result says it did not wait
    quiet = run(db, "backup", "restore", taken["path"], "--json", home=_hermetic_home)
    assert quiet.returncode == 0 and quiet.stderr == "" and json.loads(quiet.stdout)["waited"] is False
