"""`backup restore` while another process imports: every committed row survives, in the database or in the
safety copy.

The import is a real process that pauses after writing its first chunk (inside its transaction) until the test
lets it go; the restore is the real `openlic backup restore`. Whatever the restore does — wait for the import and
then put the backup back, or refuse because the database is busy — the rows the import reported as created must
be somewhere: in the database (restore refused) or in the restore's safety copy (restore done).
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date

from openlic_desktop.domain.identifiers import check_character
from openlic_desktop.services import backup, demo
from openlic_desktop.services.workspace import open_workspace

ROWS = 3000

IMPORTER = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path
    from openlic_desktop.services import importing
    from openlic_desktop.services.workspace import open_workspace
    db, table, flags = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    ws = open_workspace(db, user="importer")
    state = {"first": True}

    def progress(done, total):
        if state["first"]:  # the first chunk is written, not committed: hold the transaction open
            state["first"] = False
            (flags / "writing").touch()
            deadline = time.monotonic() + 120
            while not (flags / "go").exists() and time.monotonic() < deadline:
                time.sleep(0.02)
        return True

    result = importing.run(ws, table, chunk_rows=500, progress=progress)
    ws.close()
    print(json.dumps({"created": result.created}))
""")


def _number(serial: int) -> str:
    digits = f"2024{1}{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def _numbers(db) -> set[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT application_number FROM patents")}
    finally:
        con.close()


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_restore_racing_an_import_loses_no_committed_row(tmp_path, _hermetic_home):
    db = tmp_path / "office.sqlite3"
    ws = open_workspace(db, user="setup")
    demo.load_demo(ws, 20, seed=3)
    taken = backup.daily_backup(ws, today=date(2026, 11, 26))
    ws.close()
    table = tmp_path / "many.csv"
    with open(table, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["申请号", "发明名称", "专利类型", "申请日", "专利权人", "法律状态"])
        for i in range(ROWS):
            writer.writerow([_number(500000 + i), f"导入的专利{i}", "发明", "2024-03-05", "测试大学", "有效"])
    new_numbers = {_number(500000 + i) for i in range(ROWS)}
    flags = tmp_path / "flags"
    flags.mkdir()

    env = {**os.environ, "OPENLIC_HOME": str(_hermetic_home)}
    importing = subprocess.Popen([sys.executable, "-c", IMPORTER, str(db), str(table), str(flags)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: (flags / "writing").exists() or importing.poll() is not None, 120)
        assert importing.poll() is None, importing.communicate()[1]
        restoring = subprocess.Popen([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "backup",
                                      "restore", str(taken.path), "--json"], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8")
        # let the restore get going (it may copy, wait for the lock, or refuse) before the import commits
        _wait_for(lambda: restoring.poll() is not None
                  or any("before-restore" in p.name for p in backup.backups_dir().iterdir()), 5)
    finally:
        (flags / "go").touch()
    out, err = importing.communicate(timeout=300)
    assert importing.returncode == 0, err[-3000:]
    assert json.loads(out.strip().splitlines()[-1])["created"] == ROWS
    r_out, r_err = restoring.communicate(timeout=300)

    if restoring.returncode == 0:  # the backup is back; the import's rows are in the safety copy
        safety = json.loads(r_out)["safety_copy"]
        assert new_numbers <= _numbers(safety), "the safety copy lost rows the import had committed"
        assert _numbers(db) == _numbers(taken.path)
    else:  # refused while busy: nothing replaced, the import's rows are in the database
        assert restoring.returncode == 2, r_err
        assert new_numbers <= _numbers(db)
