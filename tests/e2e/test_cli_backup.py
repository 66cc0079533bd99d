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
