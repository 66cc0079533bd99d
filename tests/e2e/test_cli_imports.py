"""`openlic imports list|undo` end to end: the CLI as a subprocess on a real database and real files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S


def openlic(db, *args, lang="zh"):
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--user", "e2e",
                           "--lang", lang, *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          check=False, timeout=120)


def _titles(db):
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("select application_number, title from patents").fetchall())
    finally:
        con.close()


def _row(seq, number, title):
    return [seq, number, title, "", "", "", "某某大学", "张三", "有效", "", "", "", ""]


def test_list_and_undo(tmp_path):
    db = tmp_path / "p.sqlite3"
    a = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    b = S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, _row(1, S.N1, "甲（修订）"), _row(2, S.N4, "丙")])
    assert openlic(db, "import", a).returncode == 0
    assert openlic(db, "import", b).returncode == 0
    listed = openlic(db, "imports", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    runs = json.loads(listed.stdout)
    assert [(r["file_name"], r["created"], r["updated"], r["undoable"]) for r in runs] == [
        ("b.xlsx", 1, 1, True), ("a.xlsx", 2, 0, False)]
    text = openlic(db, "imports", "list", lang="en")
    assert "b.xlsx" in text.stdout and "can be undone" in text.stdout

    # the first import is not the latest: refused, exit 1, nothing written
    refused = openlic(db, "imports", "undo", runs[1]["id"])
    assert refused.returncode == 1 and "请先撤销" in refused.stderr
    preview = openlic(db, "imports", "undo", "--dry-run", "--json")
    assert preview.returncode == 0
    plan = json.loads(preview.stdout)
    assert plan["delete"] == [S.N4] and plan["restore"] == [
        {"application_number": S.N1, "field": "title", "current": "甲（修订）", "old": "甲"}]
    assert _titles(db) == {S.N1: "甲（修订）", S.N2: "乙", S.N4: "丙"}

    done = openlic(db, "imports", "undo", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"id": runs[0]["id"], "file_name": "b.xlsx", "deleted": 1,
                                       "restored_facts": 1, "restored_patents": 1}
    assert _titles(db) == {S.N1: "甲", S.N2: "乙"}
    again = openlic(db, "imports", "undo", runs[0]["id"], lang="en")
    assert again.returncode == 1 and "already undone" in again.stderr
    assert openlic(db, "audit", "verify").returncode == 0


def test_undo_over_later_work_is_refused_with_the_numbers(tmp_path):
    db = tmp_path / "p.sqlite3"
    a = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    assert openlic(db, "import", a).returncode == 0
    assert openlic(db, "set", S.N2, "contact_person=王老师").returncode == 0
    run = openlic(db, "imports", "undo", lang="en")
    assert run.returncode == 1
    assert S.N2 in run.stdout and "changed since the import" in run.stdout
    assert "Cannot undo" in run.stderr
    assert set(_titles(db)) == {S.N1, S.N2}


def test_nothing_to_undo(tmp_path):
    run = openlic(tmp_path / "p.sqlite3", "imports", "undo")
    assert run.returncode == 1 and "没有可以撤销的导入" in run.stderr
    assert openlic(tmp_path / "p.sqlite3", "imports", "list").stdout.strip() == "还没有导入记录"
