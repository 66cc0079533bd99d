"""Undoing an import on a shared PostgreSQL server (the audit range an import records, the restore and the
deletions, `audit verify` afterwards). Uses the private cluster of test_postgres (skipped without the server)."""

from __future__ import annotations

import csv
import json

from test_postgres import ok, pg_url, pytestmark, run  # noqa: F401  (the fixture and the skip mark)

N1, N2, N4 = "202110123456.7", "202020345678.4", "201910765432.4"


def _csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["申请号", "发明名称", "专利类型", "申请日", "专利权人", "法律状态"])
        w.writerows(rows)
    return path


def test_undo_an_import_on_postgres(pg_url, tmp_path):  # noqa: F811
    a = _csv(tmp_path / "a.csv", [[N1, "甲", "发明", "2021-01-05", "测试大学", "有效"],
                                  [N2, "乙", "实用新型", "2020-02-05", "测试大学", "有效"]])
    b = _csv(tmp_path / "b.csv", [[N1, "甲（修订）", "发明", "2021-01-05", "测试大学；另一公司", "有效"],
                                  [N4, "丙", "发明", "2019-03-05", "测试大学", "有效"]])
    ok(pg_url, "import", str(a))
    before = {n: json.loads(ok(pg_url, "show", n, "--json")) for n in (N1, N2)}
    ok(pg_url, "import", str(b))
    runs = json.loads(ok(pg_url, "imports", "list", "--json"))
    assert [r["file_name"] for r in runs][:2] == ["b.csv", "a.csv"] and runs[0]["undoable"]
    plan = json.loads(ok(pg_url, "imports", "undo", "--dry-run", "--json"))
    assert plan["delete"] == [N4] and {(r["application_number"], r["field"]) for r in plan["restore"]} == {
        (N1, "title"), (N1, "patentees")}
    ok(pg_url, "imports", "undo", "--json")
    after = {n: json.loads(ok(pg_url, "show", n, "--json")) for n in (N1, N2)}
    for n in (N1, N2):
        assert {k: v for k, v in after[n].items() if k != "history"} == \
            {k: v for k, v in before[n].items() if k != "history"}
    assert run(pg_url, "show", N4).returncode != 0
    assert json.loads(ok(pg_url, "patents", "--search", "另一公司", "--json")) == []
    assert run(pg_url, "audit", "verify").returncode == 0
    # and the first import after it
    ok(pg_url, "imports", "undo", "--json")
    assert json.loads(ok(pg_url, "patents", "--json")) == []
    assert run(pg_url, "audit", "verify").returncode == 0
