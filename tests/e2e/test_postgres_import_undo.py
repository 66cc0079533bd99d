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


def test_two_imports_at_once_on_postgres_undo_independently(pg_url, tmp_path):  # noqa: F811
    import threading

    from openlic_desktop.services import importing, portfolio
    from openlic_desktop.services.importing import undo as import_undo
    from openlic_desktop.services.workspace import open_workspace
    from openlic_desktop.storage import audit

    base = _csv(tmp_path / "base.csv", [[N1, "甲", "发明", "2021-01-05", "测试大学", "有效"],
                                        [N2, "乙", "实用新型", "2020-02-05", "测试大学", "有效"]])
    x = _csv(tmp_path / "x.csv", [[N1, "甲（x）", "发明", "2021-01-05", "测试大学", "有效"],
                                  [N4, "丙", "发明", "2019-03-05", "测试大学", "有效"]])
    y = _csv(tmp_path / "y.csv", [[N2, "乙（y）", "实用新型", "2020-02-05", "测试大学", "有效"]])
    ws_x, ws_y = open_workspace(pg_url, user="xiao"), open_workspace(pg_url, user="yang")
    try:
        importing.run(ws_x, base)
        started, go, failed = threading.Event(), threading.Event(), []

        def slow(done, total):  # called after each chunk of one row has been written
            started.set()
            return go.wait(60)

        def run_x():
            try:
                importing.run(ws_x, x, chunk_rows=1, progress=slow)
            except BaseException as exc:  # noqa: BLE001
                failed.append(exc)
                started.set()

        def run_y():
            try:
                importing.run(ws_y, y)
            except BaseException as exc:  # noqa: BLE001
                failed.append(exc)

        worker = threading.Thread(target=run_x)
        worker.start()
        assert started.wait(60)
        second = threading.Thread(target=run_y)  # while x has written its first row and not committed:
        second.start()                           # y waits for x (one writer at a time), then runs
        go.set()
        worker.join(60)
        second.join(60)
        assert not failed, failed
        assert import_undo.runs(ws_y)[0].file_name == "y.csv"
        import_undo.undo(ws_y)  # y: only 乙's title goes back
        assert portfolio.detail(ws_y, N2).facts.title == "乙"
        assert portfolio.detail(ws_y, N1).facts.title == "甲（x）"
        with ws_y.reading() as session:
            assert audit.verify(session)[1] == []
    finally:
        ws_x.close()
        ws_y.close()
