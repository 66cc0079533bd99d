"""On PostgreSQL: a dry run (and a cancelled one) that spilled the numbers seen leaves no temporary table
on any pooled connection and writes nothing; the Core paths of update_many / audit.append (a changed re-import and
its undo) keep the chain verifiable. Uses the private cluster of test_postgres (skipped without the server)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from test_postgres import pg_url, pytestmark  # noqa: F401  (the fixture and the skip mark)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S

TODAY = date(2026, 11, 26)


def _row(seq, number, title):
    return [seq, number, title, "发明", "2020-03-05", "", "某某大学", "张三", "有效", "", "计算机学院", "", ""]


def _spill_tables_on_every_pooled_connection(ws) -> list[str | None]:
    return S.on_every_pooled_connection(ws, lambda conn: conn.exec_driver_sql(
        "SELECT to_regclass('pg_temp.openlic_import_seen')::text").scalar())


def test_dry_runs_that_spill_leave_nothing_on_postgres(pg_url, tmp_path, monkeypatch):  # noqa: F811
    from openlic_desktop.services import importing
    from openlic_desktop.services.importing import judge
    from openlic_desktop.services.importing import undo as import_undo
    from openlic_desktop.services.workspace import open_workspace
    from openlic_desktop.storage import audit

    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 4)
    numbers = [S.number(2020, 1, 8000 + i) for i in range(30)]
    rows = [_row(i, n, f"题目{i}") for i, n in enumerate(numbers)]
    path = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, *rows, _row(30, numbers[3], "题目3"),
                                              _row(31, numbers[5], "另一个")])
    ws = open_workspace(pg_url, user="tester")
    try:
        result = importing.run(ws, path, dry_run=True, today=TODAY)
        assert (result.created, result.rejected, result.skipped["duplicate"]) == (30, 1, 1)
        calls = []
        with pytest.raises(InterruptedError):
            importing.run(ws, path, dry_run=True, today=TODAY, chunk_rows=4,
                         progress=lambda done, total: calls.append(done) or len(calls) < 4)
        assert set(_spill_tables_on_every_pooled_connection(ws)) == {None}
        with ws.reading() as s:
            conn = s.connection()
            assert conn.exec_driver_sql("SELECT count(*) FROM patents").scalar() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM import_sources").scalar() == 0
        # a real import, a changed re-import (update_many's Core path, audited) and its undo (KEEP_SOURCE)
        assert importing.run(ws, path, today=TODAY).created == 30
        changed = S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, *(_row(i, n, f"题目{i}（改）" if i % 3 else f"题目{i}")
                                                               for i, n in enumerate(numbers))])
        again = importing.run(ws, changed, today=TODAY)
        assert (again.updated, again.unchanged) == (20, 10)
        assert set(_spill_tables_on_every_pooled_connection(ws)) == {None}
        import_undo.undo(ws)
        with ws.reading() as s:
            conn = s.connection()
            titles = dict(conn.exec_driver_sql("SELECT application_number, title FROM patents").all())
            sources = set(conn.exec_driver_sql("SELECT source_id FROM patents").scalars())
            first_id = conn.exec_driver_sql("SELECT min(id) FROM import_sources").scalar()
            assert titles == {n: f"题目{i}" for i, n in enumerate(numbers)}
            assert sources == {first_id}
            assert audit.verify(s)[1] == []
    finally:
        ws.close()
