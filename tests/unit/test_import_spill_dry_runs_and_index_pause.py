"""Dry runs and cancels after the numbers seen spilled to a temporary table (SeenSpill, blocks and batched
lookups) leave nothing behind; random files import the same spilled or in memory; when the secondary indexes are
paused; a digest stamped on a later day is not trusted; audit.append's DB-API path on SQLite writes what
SQLAlchemy writes.

Real SQLite files, real spreadsheets (csv/xlsx written by the tests); nothing mocked but the clock where two
writes must be compared byte for byte."""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime

import intake_samples as S
import pytest
from sqlalchemy import insert, inspect, text

from openlic_desktop.services import importing
from openlic_desktop.services.importing import judge
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage import audit, import_bulk
from openlic_desktop.storage.models import AuditRecord

TODAY = date(2026, 11, 26)
_VOLATILE = {"created_at", "updated_at", "imported_at", "at", "prev_hash", "hash", "undone_at",
             "token"}  # the search texts' token (storage.search) is random, new at each change


def _row(seq, number, title, department="计算机学院", kind="发明"):
    return [seq, number, title, kind, "2020-03-05", "", "某某大学", "张三", "有效", "", department, "", ""]


def _temp_tables_on_every_pooled_connection(ws) -> list[list[str]]:
    """The temporary tables of each connection the pool holds."""
    return S.on_every_pooled_connection(ws, lambda conn: [r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_temp_master WHERE type = 'table'")])


def _spilling_file(tmp_path, name="many.xlsx"):
    rows = [_row(i, S.number(2019, 1, 6000 + i), f"题目{i}") for i in range(30)]
    rows.append(_row(30, rows[3][1], "题目3"))                # a harmless duplicate after the spill
    rows.append(_row(31, rows[5][1], "不同的题目"))             # a contradicting one
    return S.write_xlsx(tmp_path / name, [S.HEADER, *rows])


# ---- 1. a dry run's spill table ---------------------------------------------------------------------------------

def test_a_dry_run_leaves_no_spill_table_on_the_pooled_connection(ws, tmp_path, monkeypatch):
    """A dry run reads in ws.reading(): pysqlite had no transaction open when SeenSpill made its table (it begins
    one only before DML), so CREATE TEMPORARY TABLE committed at once and the rollback at the end of the reading
    session took back the DROP instead: the (empty) table stayed on the pooled connection that the GUI's other
    threads use next — against the spill's own rule ('a spill table outlived the import')."""
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 4)
    path = _spilling_file(tmp_path)
    result = importing.run(ws, path, dry_run=True, today=TODAY)
    assert (result.created, result.rejected, result.skipped["duplicate"]) == (30, 1, 1)
    assert _temp_tables_on_every_pooled_connection(ws) == [[]]
    with ws.reading() as s:  # and the dry run wrote nothing
        assert s.execute(text("SELECT (SELECT count(*) FROM patents), (SELECT count(*) FROM import_sources), "
                              "(SELECT count(*) FROM audit_log)")).one() == (0, 0, 0)


def test_a_cancelled_dry_run_after_the_spill_leaves_no_spill_table(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 4)
    path = _spilling_file(tmp_path)
    cancel_at_the_fourth_chunk, calls = S.cancel_at(4)
    with pytest.raises(InterruptedError):
        importing.run(ws, path, dry_run=True, today=TODAY, chunk_rows=4, progress=cancel_at_the_fourth_chunk)
    assert calls[-1] > 10  # cancelled well after the spill began
    assert _temp_tables_on_every_pooled_connection(ws) == [[]]
    # the next (real) import on that connection is as if nothing had happened
    result = importing.run(ws, path, today=TODAY)
    assert (result.created, result.rejected, result.skipped["duplicate"]) == (30, 1, 1)
    assert _temp_tables_on_every_pooled_connection(ws) == [[]]


def test_a_dry_run_after_the_spill_does_not_hold_the_write_lock(ws, tmp_path, monkeypatch):
    """The transaction a dry run now has for its spill table writes the temporary database only: another
    connection (an edit in the GUI while the preview runs) still writes at once, not after busy_timeout."""
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 4)
    path = _spilling_file(tmp_path)
    waits = []

    def edit_meanwhile(done, total):
        started = time.monotonic()
        with ws.session() as s:
            import_bulk.add_source(s, f"edit-{done}.xlsx", "0" * 64, "", "someone")
        waits.append(time.monotonic() - started)
        return True

    result = importing.run(ws, path, dry_run=True, today=TODAY, chunk_rows=4, progress=edit_meanwhile)
    assert result.created == 30 and len(waits) >= 5
    assert max(waits) < 2.0  # busy_timeout is 5 s
    with ws.reading() as s:
        assert s.execute(text("SELECT count(*) FROM import_sources")).scalar_one() == len(waits)


# ---- 2. spilled = in memory, on random files --------------------------------------------------------------------

_POOL = [S.number(2020, 1, 7000 + i) for i in range(10)]


def _random_rows(rng, n):
    rows = []
    for i in range(n):
        k, number = rng.random(), rng.choice(_POOL)
        if k < 0.05:
            rows.append([])
            continue
        if k < 0.1:
            number = S.wrong_check(number)
        rows.append(_row(i, number, rng.choice(["甲", "乙"]), rng.choice(["", "计算机学院", "化学院"]),
                         rng.choice(["发明", "发明", "实用新型"])))
    return rows


def _state(ws):
    with ws.reading() as s:
        conn = s.connection()
        out = {}
        for table in sorted(inspect(conn).get_table_names()):
            columns = [c["name"] for c in inspect(conn).get_columns(table) if c["name"] not in _VOLATILE]
            out[table] = sorted((tuple(r) for r in conn.execute(text(f'SELECT {", ".join(columns)} FROM "{table}"'))),
                                key=repr)
    return out, _temp_tables_on_every_pooled_connection(ws)


@pytest.mark.parametrize("seed", range(12))
def test_random_files_import_the_same_spilled_or_in_memory(tmp_path, monkeypatch, seed):
    """Files drawn from ten numbers (duplicates harmless and contradicting, rows known by digest and their later
    repeats, bad check characters, blank rows), imported five times with random chunk sizes, dry runs and
    previews — once with every number in memory, once spilling beyond 1–6 numbers in blocks of 1–6 rows. Every
    result, every table, and the temporary tables left on the pool (none) must be the same."""
    rng = random.Random(seed)
    files = [S.write_csv(tmp_path / f"f{j}.csv", [S.HEADER, *_random_rows(rng, rng.randint(3, 30))])
             for j in range(3)]
    steps = []
    for path in [*files, files[0], files[1]]:
        options = {"chunk_rows": rng.randint(1, 6)}
        if rng.random() < 0.3:
            options["dry_run"] = True
        if rng.random() < 0.5:
            options["details"] = True
        steps.append((path, options))
    steps.append((files[1], {"dry_run": True, "details": True}))  # a dry run last: nothing may stay behind

    def run_all(name):
        ws = open_workspace(tmp_path / f"{name}.sqlite3", user="tester")
        try:
            out = []
            for p, o in steps:
                calls: list[tuple[int, int]] = []
                result = importing.run(ws, p, today=TODAY, progress=lambda d, t, c=calls: c.append((d, t)) or True,
                                      **o)
                out.append((result, calls))
            return out, _state(ws)
        finally:
            ws.close()

    expected, expected_state = run_all("memory")
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", rng.randint(1, 6))
    monkeypatch.setattr(judge, "SEEN_BLOCK", rng.randint(1, 6))
    got, state = run_all("spilled")
    for (g, g_calls), (e, e_calls) in zip(got, expected, strict=True):
        assert g == e
        assert g_calls == e_calls  # progress: the same calls, in order
        # every row read counted exactly once
        assert g.rows_read == (g.created + g.updated + g.unchanged + g.rejected + g.skipped["footer"]
                               + g.skipped["header"] + g.skipped["duplicate"])
        done = [d for d, _ in g_calls]
        assert done == sorted(done) and g_calls[-1][0] == g_calls[-1][1] and g_calls[-1][1] >= g.rows_read + 1
    assert state == expected_state
    assert state[1] == [[]]


# ---- 3. the index pause's estimate ------------------------------------------------------------------------------

def test_the_index_pause_is_not_taken_for_a_re_import_changing_one_row_in_ten(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(import_bulk.IndexPause, "MIN_ROWS", 10)
    numbers = [S.number(2020, 1, 10000 + i) for i in range(600)]  # filed in 2020 as _row says: no warnings
    first = S.write_csv(tmp_path / "a.csv", [S.HEADER, *(_row(i, n, f"题目{i}") for i, n in enumerate(numbers))])
    importing.run(ws, first, today=TODAY)
    second = S.write_csv(tmp_path / "b.csv", [S.HEADER, *(_row(i, n, f"题目{i}" + ("（改）" if i % 10 == 0 else ""))
                                                           for i, n in enumerate(numbers))])
    asked = []
    real = import_bulk.IndexPause.pause_if_worth_it

    def spy(self, rows_to_write, rows_in_table):
        asked.append((rows_to_write, rows_in_table))
        return real(self, rows_to_write, rows_in_table)

    monkeypatch.setattr(import_bulk.IndexPause, "pause_if_worth_it", spy)
    result = importing.run(ws, second, today=TODAY, chunk_rows=20)
    assert (result.updated, result.unchanged) == (60, 540)
    estimate, table = asked[0]
    # 60 rows written into a table of 600: a tenth, below the seventh where the pause starts to pay
    assert estimate * 6 < table, asked


# ---- 4. audit.append and update_many straight to the DB-API -----------------------------------------------------

class _Clock(datetime):
    """datetime with a fixed now(), so that two writes can be compared byte for byte."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 11, 26, 9, 8, 7, 654321, tzinfo=UTC).astimezone(tz)


def _typed_rows(session, table, where=""):
    columns = [c["name"] for c in inspect(session.connection()).get_columns(table)]
    select_list = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
    return [tuple(r) for r in session.execute(text(f'SELECT {select_list} FROM "{table}" {where} ORDER BY id'))]


def test_audit_records_are_byte_identical_to_sqlalchemys_insert(ws, monkeypatch):
    """Every column of every record (value and SQLite storage class), written by append's DB-API path and by
    SQLAlchemy's own insert of the same rows, in the same state of the chain."""
    monkeypatch.setattr(audit, "datetime", _Clock)
    entries = [audit.AuditEntry("patent", 7, "202110123456.7", "update", "title", "旧\"名\\称\n\t😀𠀀", ""),
               audit.AuditEntry("import", None, "清单.xlsx", "create", "patents", None, '["x", "\\u4e00"]'),
               audit.AuditEntry("patent", 0, "", "delete")]
    with ws.session() as s:
        audit.append(s, "前一位", "gui", [audit.AuditEntry("patent", 1, "k", "update", "x", "1", "2")])
    with ws.reading() as s:  # rolled back
        assert audit.append(s, "张老师", "import", entries) == 3
        fast = _typed_rows(s, "audit_log", "WHERE id > 1")
    with ws.reading() as s:
        at = _Clock.now(UTC).replace(microsecond=0)
        prev, rows = audit.last_hash(s), []
        for e in entries:
            digest = audit.seal(prev, audit._body(at, "张老师", "import", e), ws.keys.signing()[1])
            rows.append({"at": at, "user": "张老师", "source": "import", "entity": e.entity,
                         "entity_id": e.entity_id, "entity_key": e.entity_key, "action": e.action, "field": e.field,
                         "old": e.old, "new": e.new, "prev_hash": prev, "hash": digest})
            prev = digest
        s.execute(insert(AuditRecord), rows)
        orm = _typed_rows(s, "audit_log", "WHERE id > 1")
    assert fast == orm


def test_the_chain_verifies_across_records_written_both_ways(ws):
    with ws.session() as s:
        audit.append(s, "a", "gui", [audit.AuditEntry("patent", 1, "k", "update", "title", "旧", "新")])
        # a record as the ORM path wrote them before (SQLAlchemy's insert), chained properly
        at = datetime.now(UTC).replace(microsecond=0)
        entry = audit.AuditEntry("patent", 2, "k2", "update", "ipc", None, "H01M")
        prev = audit.last_hash(s)
        digest = audit.seal(prev, audit._body(at, "b", "cli", entry), ws.keys.signing()[1])  # the chain's key
        s.execute(insert(AuditRecord), [{"at": at, "user": "b", "source": "cli", "entity": "patent", "entity_id": 2,
                                         "entity_key": "k2", "action": "update", "field": "ipc", "old": None,
                                         "new": "H01M", "prev_hash": prev, "hash": digest}])
        audit.append(s, "c", "import", [audit.AuditEntry("patent", 3, "k3", "update", "title", "甲", "乙"),
                                        audit.AuditEntry("patent", 3, "k3", "update", "ipc", "", None)])
    with ws.reading() as s:
        assert audit.verify(s) == (4, [])
        s.execute(text("UPDATE audit_log SET new = '丙' WHERE id = 3"))
        assert [b.record_id for b in audit.verify(s)[1]] == [3]


def test_no_spill_when_the_file_ends_on_a_block_boundary(ws, tmp_path, monkeypatch):
    """A file ending exactly on a block boundary with the numbers seen near SEEN_IN_MEMORY must not spill them
    all (up to 100,000 INSERTs into the temporary table) just before finding that the file has ended: a block's
    first row is read before room is made."""
    monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 4)
    monkeypatch.setattr(judge, "SEEN_BLOCK", 2)
    made = []
    real = import_bulk.SeenSpill.__init__

    def spy(self, session):
        made.append(1)
        real(self, session)

    monkeypatch.setattr(import_bulk.SeenSpill, "__init__", spy)
    path = S.write_csv(tmp_path / "four.csv", [S.HEADER, *(_row(i, S.number(2020, 1, 9000 + i), f"题目{i}")
                                                          for i in range(4))])
    assert importing.run(ws, path, today=TODAY).created == 4
    assert made == []  # four numbers fit in memory, and no fifth row ever came


def test_a_digest_does_not_accept_a_row_the_day_would_reject(ws, tmp_path):
    """A row accepted on one day must not be recognised unchanged, by its digest, on an earlier day (a
    clock set back, two machines with clocks apart) where parsing it would reject it: digests stamped by an import
    that judged dates against a later day are not trusted (import_sources.parsed_on)."""
    row = _row(1, S.number(2020, 1, 9900), "题目")
    row[5] = "2026-11-20"  # granted a week before TODAY
    path = S.write_csv(tmp_path / "g.csv", [S.HEADER, row])
    assert importing.run(ws, path, today=TODAY).created == 1
    earlier = date(2026, 11, 10)
    preview = importing.run(ws, path, today=earlier, dry_run=True)
    with ws.session() as s:
        s.execute(text("UPDATE patents SET import_digest = NULL"))
    parsed = importing.run(ws, path, today=earlier, dry_run=True)
    assert [r.code for r in parsed.rejections] == ["DATE_IMPOSSIBLE"]
    assert (preview.unchanged, preview.rejected) == (parsed.unchanged, parsed.rejected)


def test_the_index_pause_is_still_taken_when_the_changes_come_late(ws, tmp_path, monkeypatch):
    """The estimate is asked again at every chunk that writes: a re-import whose changes all come in the second
    half is first estimated small (no pause), then large enough — the pause is taken then, not never."""
    monkeypatch.setattr(import_bulk.IndexPause, "MIN_ROWS", 10)
    numbers = [S.number(2020, 1, 20000 + i) for i in range(600)]
    first = S.write_csv(tmp_path / "a.csv", [S.HEADER, *(_row(i, n, f"题目{i}") for i, n in enumerate(numbers))])
    importing.run(ws, first, today=TODAY)
    second = S.write_csv(tmp_path / "b.csv", [S.HEADER, *(_row(i, n, f"题目{i}" + ("（改）" if i >= 300 else ""))
                                                           for i, n in enumerate(numbers))])
    paused = []
    real = import_bulk.IndexPause.pause_if_worth_it

    def spy(self, rows_to_write, rows_in_table):
        real(self, rows_to_write, rows_in_table)
        paused.append(bool(self.dropped))

    monkeypatch.setattr(import_bulk.IndexPause, "pause_if_worth_it", spy)
    result = importing.run(ws, second, today=TODAY, chunk_rows=20)
    assert (result.updated, result.unchanged) == (300, 300)
    assert paused[0] is False and paused[-1] is True
    with ws.reading() as session:  # built again before the commit
        names = {r[0] for r in session.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' "
                                                      "AND tbl_name = 'patents'"))}
    assert {"ix_patents_title", "ix_patents_status", "ix_patents_number_sort"} <= names
