"""The numbers an import has seen spill to a temporary table beyond `judge.SEEN_IN_MEMORY`, and the import
means exactly the same: every file below is imported twice into fresh databases — with the default threshold
(everything stays in memory) and with a threshold of a few numbers (nearly every lookup goes to the spill) — and
the results (counts, rejections with their first rows, skips, warnings, the preview lists) and every table of the
database must be equal. Real .xlsx files (openpyxl), real SQLite."""

from __future__ import annotations

from datetime import date

import intake_samples as S
import pytest
from sqlalchemy import inspect, text

from openlic_desktop.services import importing
from openlic_desktop.services.importing import judge
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage import import_bulk

TODAY = date(2026, 11, 26)



N = [S.number(2020, 1, 3000 + i) for i in range(16)]
# columns that hold the time of the run, or hashes over it: they differ between any two runs
_VOLATILE = {"created_at", "updated_at", "imported_at", "at", "prev_hash", "hash", "undone_at",
             "token"}  # the search texts' token (storage.search) is random, new at each change


def _row(seq, number, title, department="计算机学院", kind="发明", status="有效"):
    filed = f"{number.removeprefix('ZL')[:4]}-03-05"
    return [seq, number, title, kind, filed, "", "某某大学", "张三；李四", status, "", department, "", ""]


def _first_file(tmp_path):
    """14 numbers, then duplicates of them further down (harmless ones, contradicting ones, one right after its
    first row), a warning row, a rejected row, a blank row and a footer."""
    rows = [_row(i, n, f"题目{i}") for i, n in enumerate(N[:13])]
    rows[6] = _row(6, N[6], "类型与号码不符", kind="实用新型")  # TYPE_CONFLICT warning, kept
    rows += [
        _row(13, N[13], "题目13"), _row(14, N[13], "题目13"),     # sheet rows 15, 16: the same cells at once
        _row(15, "ZL" + N[0], "题目0"),                            # 17: harmless duplicate of row 2
        _row(16, N[1], "另一个题目"),                               # 18: contradicts row 3
        [],                                                        # 19: blank
        _row(17, S.wrong_check(N[14]), "校验位错误"),               # 20: BAD_CHECK_DIGIT
        _row(18, N[2], "题目2", department=""),                    # 21: states less than row 4: contradicts
        _row(19, N[2], "题目2"),                                   # 22: harmless duplicate of row 4
        _row(20, N[11], "又一个题目"),                              # 23: contradicts row 13
        _row(21, N[6], "类型与号码不符", kind="实用新型"),          # 24: harmless duplicate of the warning row
        ["合计：14 件"],                                            # 25: footer
    ]
    return S.write_xlsx(tmp_path / "first.xlsx", [S.HEADER, *rows])


def _second_file(tmp_path):
    """The first file's first rows again (same cells: recognised by their stored digests), one changed, one new,
    then later duplicates of rows recognised by digest: judged against the stored facts."""
    rows = [_row(i, n, f"题目{i}") for i, n in enumerate(N[:13])]
    rows[6] = _row(6, N[6], "类型与号码不符", kind="实用新型")
    rows[8] = _row(8, N[8], "题目8（修改后）")                     # sheet row 10: updated
    rows += [
        _row(15, N[15], "新的一件"),                                # 15: created
        _row(3, N[3], "题目3"),                                     # 16: the very cells of row 5 again
        _row(30, "ZL" + N[4], "题目4"),                             # 17: other cells, same facts as row 6
        _row(31, N[5], "题目5", department=""),                    # 18: contradicts row 7 (known by digest)
        _row(32, N[9], "题目9", status="未缴年费终止"),              # 19: contradicts row 11 (known by digest)
        _row(33, N[15], "新的一件"),                                # 20: harmless duplicate of a new row
        _row(34, N[8], "题目8"),                                    # 21: contradicts the changed row 10
        _row(35, N[0], "题目0"),                                    # 22: harmless duplicate (digest row 2)
    ]
    return S.write_xlsx(tmp_path / "second.xlsx", [S.HEADER, *rows])


def _state(ws) -> dict[str, list[tuple]]:
    """Every table's rows in id order, without the columns that hold the time of the run."""
    with ws.reading() as s:
        conn = s.connection()
        out = {}
        for table in sorted(inspect(conn).get_table_names()):
            if table == "alembic_version":
                continue
            columns = [c["name"] for c in inspect(conn).get_columns(table) if c["name"] not in _VOLATILE]
            rows = conn.execute(text(f'SELECT {", ".join(columns)} FROM "{table}"')).all()
            out[table] = sorted((tuple(r) for r in rows), key=repr)
        if conn.dialect.name == "sqlite":
            temp = conn.execute(text("SELECT name FROM sqlite_temp_master WHERE type = 'table'")).all()
        else:
            temp = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname LIKE 'pg_temp%'")).all()
        assert temp == [], "a spill table outlived the import"
    return out


def _steps(tmp_path):
    first, second = _first_file(tmp_path), _second_file(tmp_path)
    return [
        (first, {"details": True}),
        (first, {"dry_run": True, "details": True}),
        (first, {"chunk_rows": 4}),                      # a re-import: rows recognised by digest
        (second, {"dry_run": True, "details": True, "chunk_rows": 3}),
        (second, {"details": True, "chunk_rows": 4}),
        (second, {}),
    ]


def _run_all(tmp_path, name, steps, url=None):
    ws = open_workspace(url or tmp_path / f"{name}.sqlite3", user="tester")
    try:
        results = [importing.run(ws, path, today=TODAY, **options) for path, options in steps]
        return results, _state(ws)
    finally:
        ws.close()


@pytest.fixture
def spill_watch(monkeypatch):
    """How often numbers spilled, and the most numbers `_Run.seen` held after any row (real methods wrapped)."""
    watch = {"spills": 0, "most_in_memory": 0}
    real_add, real_classify = import_bulk.SeenSpill.add, judge.Judge.classify

    def add(self, entries):
        watch["spills"] += 1
        return real_add(self, entries)

    def classify(self, parsed):
        kept = real_classify(self, parsed)
        watch["most_in_memory"] = max(watch["most_in_memory"], len(self.seen))
        return kept

    monkeypatch.setattr(import_bulk.SeenSpill, "add", add)
    monkeypatch.setattr(judge.Judge, "classify", classify)
    return watch


def _summary(result):
    """Counts, rejections in row order (their order in the result is compared with the in-memory run's), and
    duplicates skipped."""
    return ((result.created, result.updated, result.unchanged, result.rejected, result.rows_read),
            sorted((r.row, r.code, r.params.get("first_row")) for r in result.rejections), result.skipped["duplicate"])


@pytest.mark.parametrize("threshold", [1, 3, 5])
def test_spilled_numbers_give_the_same_import_as_numbers_in_memory(tmp_path, monkeypatch, spill_watch, threshold):
    steps = _steps(tmp_path)
    expected, expected_state = _run_all(tmp_path, "memory", steps)
    assert spill_watch["spills"] == 0  # the default threshold: nothing spilled
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", threshold)
    spill_watch["most_in_memory"] = 0
    results, state = _run_all(tmp_path, "spilled", steps)
    assert spill_watch["spills"] >= 6 and spill_watch["most_in_memory"] <= threshold
    for got, want in zip(results, expected, strict=True):
        assert got == want
    assert state == expected_state
    # and what they are (so that both cannot be wrong in the same way)
    first, dry, again, dry_second, second, third = results
    assert _summary(first) == ((14, 0, 0, 4, 23), [(18, "DUPLICATE_CONFLICT", 3), (20, "BAD_CHECK_DIGIT", None),
                                                  (21, "DUPLICATE_CONFLICT", 4), (23, "DUPLICATE_CONFLICT", 13)], 4)
    assert [(w.row, w.code) for w in first.warnings] == [(8, "TYPE_CONFLICT")]
    assert _summary(dry) == ((0, 0, 14, 4, 23), _summary(first)[1], 4)
    assert _summary(again) == _summary(dry)
    conflicts = [(18, "DUPLICATE_CONFLICT", 7), (19, "DUPLICATE_CONFLICT", 11), (21, "DUPLICATE_CONFLICT", 10)]
    assert _summary(dry_second) == ((1, 1, 12, 3, 21), conflicts, 4)
    assert _summary(second) == _summary(dry_second)
    assert [c.row for c in second.unchanged_rows] == [r for r in range(2, 15) if r != 10]
    assert ([c.row for c in second.changed_rows], [c.row for c in second.new_rows]) == ([10], [15])
    assert _summary(third) == ((0, 0, 14, 3, 21), conflicts, 4)


def test_spilled_lookups_are_batched_per_block(tmp_path, monkeypatch):
    """Beyond the threshold the numbers of a block are looked up together: one query per ≤ 900 numbers, not one
    per row."""
    rows = [_row(i, S.number(2019, 1, 5000 + i), f"题目{i}") for i in range(60)]
    path = S.write_xlsx(tmp_path / "many.xlsx", [S.HEADER, *rows, _row(60, rows[0][1], "题目0")])
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 20)
    monkeypatch.setattr(judge, "SEEN_BLOCK", 10)
    asked: list[int] = []
    real = import_bulk.SeenSpill.lookup

    def lookup(self, numbers):
        asked.append(len(numbers))
        return real(self, numbers)

    monkeypatch.setattr(import_bulk.SeenSpill, "lookup", lookup)
    ws = open_workspace(tmp_path / "db.sqlite3", user="tester")
    try:
        result = importing.run(ws, path, today=TODAY)
    finally:
        ws.close()
    assert (result.created, result.skipped["duplicate"]) == (60, 1)
    # blocks of 10 rows; the first spill comes before the third block (20 numbers + 10 would not fit)
    assert asked == [10, 10, 10, 10, 1]


def test_a_cancel_after_the_spill_leaves_everything_as_it_was(tmp_path, monkeypatch):
    """The spill table is made inside the import's transaction: a cancel rolls it back with the rest, and the
    next import on the same connection spills again and imports as if nothing had happened."""
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 3)
    first = _first_file(tmp_path)
    ws = open_workspace(tmp_path / "db.sqlite3", user="tester")
    try:
        before = _state(ws)
        cancel_at_the_third_chunk, _ = S.cancel_at(3)
        with pytest.raises(InterruptedError):
            importing.run(ws, first, today=TODAY, chunk_rows=3, progress=cancel_at_the_third_chunk)
        assert _state(ws) == before
        result = importing.run(ws, first, today=TODAY)
        assert _summary(result)[0] == (14, 0, 0, 4, 23)
    finally:
        ws.close()


def test_the_spill_works_on_postgresql_too(tmp_path, monkeypatch, spill_watch, pg_cluster):
    """PostgreSQL keeps no row digests (every row is parsed), so its duplicates are all judged in classify; the
    spilled run must still equal the in-memory one, and the temporary table must be gone after each import."""
    steps = _steps(tmp_path)
    expected, expected_state = _run_all(tmp_path, "memory", steps, pg_cluster.create("memory"))
    assert spill_watch["spills"] == 0
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 3)
    spill_watch["most_in_memory"] = 0
    results, state = _run_all(tmp_path, "spilled", steps, pg_cluster.create("spilled"))
    assert spill_watch["spills"] >= 6 and spill_watch["most_in_memory"] <= 3
    for got, want in zip(results, expected, strict=True):
        assert got == want
    assert state == expected_state
    assert _summary(results[0])[1:] == _summary(expected[0])[1:]
    assert _summary(results[-1]) == ((0, 0, 14, 3, 21), [(18, "DUPLICATE_CONFLICT", 7),
                                                          (19, "DUPLICATE_CONFLICT", 11),
                                                          (21, "DUPLICATE_CONFLICT", 10)], 4)
