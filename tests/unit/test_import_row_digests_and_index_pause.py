"""The import's fast paths keep its meaning: row digests (an unchanged row is recognised without parsing it,
and never when its facts were changed otherwise since), secondary indexes paused for a large load, creations
audited per chunk and still shown in each patent's history."""

from __future__ import annotations

import json
from datetime import date

import intake_samples as S
import pytest
from sqlalchemy import text

from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.services import audit_trail, importing, portfolio
from openlic_desktop.services.importing import judge
from openlic_desktop.storage import import_bulk

TODAY = date(2026, 11, 26)


def _digests(ws):
    with ws.reading() as s:
        return dict(s.execute(text("SELECT application_number, import_digest FROM patents")).all())


def _sheet(rows):
    return [S.HEADER, *rows]


def _row(seq, number, title, status="有效", patentees="某某大学"):
    filed = f"{parse_application_number(number).filing_year}-03-05"
    return [seq, number, title, "发明", filed, "", patentees, "张三", status, "", "计算机学院", "", ""]


N1, N4, N7 = S.N1, S.N4, S.N7


def test_reimport_recognises_every_unchanged_row_without_parsing_it(ws, tmp_path, parsed_rows):
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([_row(1, N1, "甲"), _row(2, N4, "乙"), _row(3, N7, "丙")]))
    first = importing.run(ws, path, today=TODAY)
    assert first.created == 3 and all(_digests(ws).values())
    parsed_rows.clear()
    again = importing.run(ws, path, today=TODAY, details=True)
    assert (again.created, again.updated, again.unchanged, again.rows_read) == (0, 0, 3, 3)
    assert parsed_rows == []
    # the preview still lists them, with their titles, in sheet order
    assert [(r.row, r.number, r.title) for r in again.unchanged_rows] == [(2, N1, "甲"), (3, N4, "乙"), (4, N7, "丙")]


def test_an_edit_made_elsewhere_clears_the_digest_so_the_reimport_sees_it(ws, tmp_path, parsed_rows):
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([_row(1, N1, "甲"), _row(2, N4, "乙")]))
    importing.run(ws, path, today=TODAY)
    portfolio.set_fields(ws, N4, {"title": "乙（已在软件中修改）"})
    digests = _digests(ws)
    assert digests[N4] is None and digests[N1] is not None
    parsed_rows.clear()
    again = importing.run(ws, path, today=TODAY, details=True)
    assert parsed_rows == [3]  # only the edited patent's row was normalised
    assert (again.updated, again.unchanged) == (1, 1)
    change = again.changed_rows[0].changes[0]
    assert (change.field, change.old, change.new) == ("title", "乙（已在软件中修改）", "乙")
    assert _digests(ws)[N4] is not None  # the import wrote the facts back, with the row's digest


def test_an_unchanged_row_gets_its_digest_on_the_next_import(ws, tmp_path, parsed_rows):
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([_row(1, N1, "甲")]))
    importing.run(ws, path, today=TODAY)
    portfolio.set_fields(ws, N1, {"title": "临时"})
    portfolio.set_fields(ws, N1, {"title": "甲"})  # back as it was: facts equal, digest gone
    assert _digests(ws)[N1] is None
    result = importing.run(ws, path, today=TODAY)
    assert (result.unchanged, result.updated) == (1, 0)
    assert _digests(ws)[N1] is not None
    parsed_rows.clear()
    importing.run(ws, path, today=TODAY)
    assert parsed_rows == []


def test_another_mapping_or_a_changed_cell_is_parsed_again(ws, tmp_path, parsed_rows):
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([_row(1, N1, "甲"), _row(2, N4, "乙")]))
    importing.run(ws, path, today=TODAY)
    parsed_rows.clear()
    # the same cells read with another mapping (department column ignored): digests do not match
    layout = importing.inspect_file(path)[0].layout
    mapping = {c: f for c, f in layout.mapping.items() if f != "department"}
    result = importing.run(ws, path, today=TODAY, mapping=mapping)
    assert sorted(parsed_rows) == [2, 3] and result.unchanged == 2
    parsed_rows.clear()
    changed = S.write_xlsx(tmp_path / "b.xlsx", _sheet([_row(1, N1, "甲"), _row(2, N4, "乙", status="未缴年费终止")]))
    result = importing.run(ws, changed, today=TODAY)
    # both parsed: the stored digests are now those of the other mapping
    assert sorted(parsed_rows) == [2, 3] and (result.updated, result.unchanged) == (1, 1)
    parsed_rows.clear()
    assert importing.run(ws, changed, today=TODAY).unchanged == 2 and parsed_rows == []


def test_new_rules_make_every_stored_digest_miss_once(ws, tmp_path, parsed_rows, monkeypatch):
    """Another release (or another way of digesting a row) changes RULES: the digests stored by the last one
    are not recognised, every row is parsed and judged again — the same outcome — and restamped once."""
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([_row(1, N1, "甲"), _row(2, N4, "乙")]))
    importing.run(ws, path, today=TODAY)
    before = _digests(ws)
    monkeypatch.setattr(judge, "RULES", judge.RULES + b"-next")
    parsed_rows.clear()
    result = importing.run(ws, path, today=TODAY)
    assert sorted(parsed_rows) == [2, 3] and (result.unchanged, result.updated, result.created) == (2, 0, 0)
    after = _digests(ws)
    assert all(after.values()) and all(after[n] != before[n] for n in before)
    parsed_rows.clear()
    assert importing.run(ws, path, today=TODAY).unchanged == 2 and parsed_rows == []


def test_duplicates_of_an_unchanged_row_are_still_judged(ws, tmp_path):
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([_row(1, N1, "甲"), _row(2, N4, "乙")]))
    importing.run(ws, path, today=TODAY)
    twice = S.write_xlsx(tmp_path / "b.xlsx", _sheet([
        _row(1, N1, "甲"), _row(2, N4, "乙"),
        _row(3, "ZL" + N1, "甲"),          # same facts, other cells: a harmless duplicate
        _row(4, N4, "乙（另一个名称）"),      # contradicts row 3 (sheet row): rejected, the first stays
        _row(5, N4, "乙"),                  # the very same cells again
    ]))
    result = importing.run(ws, twice, today=TODAY)
    assert result.unchanged == 2 and result.updated == 0
    assert [(r.row, r.code, r.params["first_row"]) for r in result.rejections] == [(5, "DUPLICATE_CONFLICT", 3)]
    assert result.skipped["duplicate"] == 2
    assert portfolio.detail(ws, N4).facts.title == "乙"


def test_an_unchanged_row_after_a_changed_row_of_its_number_is_a_conflict(ws, tmp_path):
    """Rows are judged in sheet order: a row whose cells are the stored ones, coming after a changed row of the
    same number, repeats a number already seen — it is judged as a duplicate of that row, not taken for
    unchanged by its digest (which would make the earlier row the conflicting one)."""
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([_row(1, N1, "甲"), _row(2, N4, "乙")]))
    importing.run(ws, path, today=TODAY)
    again = S.write_xlsx(tmp_path / "b.xlsx", _sheet([
        _row(1, N1, "甲"), _row(2, N4, "乙（新名称）"), _row(2, N4, "乙")]))  # the last: row 2's cells before
    result = importing.run(ws, again, today=TODAY)
    assert (result.unchanged, result.updated, result.rows_read) == (1, 1, 3)
    assert [(r.row, r.code, r.params["first_row"]) for r in result.rejections] == [(4, "DUPLICATE_CONFLICT", 3)]
    assert portfolio.detail(ws, N4).facts.title == "乙（新名称）"


def test_rows_with_warnings_are_parsed_every_time(ws, tmp_path, parsed_rows):
    row = _row(1, N1, "甲")
    row[3] = "实用新型"  # the kind digit says invention: TYPE_CONFLICT warning, row kept
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([row, _row(2, N4, "乙")]))
    first = importing.run(ws, path, today=TODAY)
    assert [w.code for w in first.warnings] == ["TYPE_CONFLICT"]
    assert _digests(ws)[N1] is None
    parsed_rows.clear()
    again = importing.run(ws, path, today=TODAY)
    assert parsed_rows == [2] and [w.code for w in again.warnings] == ["TYPE_CONFLICT"]


def test_dry_run_uses_digests_and_writes_none(ws, tmp_path, parsed_rows):
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet([_row(1, N1, "甲")]))
    preview = importing.run(ws, path, today=TODAY, dry_run=True)
    assert preview.created == 1 and _digests(ws) == {}
    importing.run(ws, path, today=TODAY)
    parsed_rows.clear()
    assert importing.run(ws, path, today=TODAY, dry_run=True).unchanged == 1 and parsed_rows == []


def _index_sql(ws):
    with ws.reading() as s:
        return sorted(s.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                     "AND tbl_name = 'patents' AND sql IS NOT NULL")).all())


def test_a_large_load_pauses_the_indexes_and_builds_them_again(ws, tmp_path, monkeypatch):
    before = _index_sql(ws)
    assert len(before) >= 8
    monkeypatch.setattr(import_bulk.IndexPause, "MIN_ROWS", 2)
    dropped: list[str] = []
    real = import_bulk.IndexPause.pause_if_worth_it

    def watch(self, rows_to_write, rows_in_table):
        real(self, rows_to_write, rows_in_table)
        if not dropped:
            dropped.extend(self.dropped)

    monkeypatch.setattr(import_bulk.IndexPause, "pause_if_worth_it", watch)
    rows = [_row(i, S.number(2015 + i % 8, 1, 1000 + i), f"专利{i}") for i in range(1, 31)]
    path = S.write_xlsx(tmp_path / "a.xlsx", _sheet(rows))
    # cancelled after the first chunk was written with the indexes dropped: all rolled back, indexes in place
    with pytest.raises(InterruptedError):
        importing.run(ws, path, today=TODAY, chunk_rows=10, progress=lambda done, total: done < 11)
    assert len(dropped) == len(before)
    assert _index_sql(ws) == before and portfolio.list_patents(ws) == []
    dropped.clear()
    assert importing.run(ws, path, today=TODAY, chunk_rows=10).created == 30
    assert len(dropped) == len(before) and _index_sql(ws) == before
    with ws.reading() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    assert "专利2" in [p.title for p in portfolio.list_patents(ws, search="专利2")]


def test_a_small_load_into_a_large_table_keeps_the_indexes(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(import_bulk.IndexPause, "MIN_ROWS", 2)
    rows = [_row(i, S.number(2015 + i % 8, 1, 1000 + i), f"专利{i}") for i in range(1, 31)]
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", _sheet(rows)), today=TODAY)
    paused = []
    monkeypatch.setattr(import_bulk.IndexPause, "resume", lambda self: paused.append(list(self.dropped)))
    importing.run(ws, S.write_xlsx(tmp_path / "b.xlsx", _sheet([_row(1, N1, "甲"), _row(2, N4, "乙")])),
                 today=TODAY)
    assert paused == [[]]


def test_creations_are_audited_per_chunk_and_shown_in_each_patents_history(ws, tmp_path):
    rows = [_row(i, S.number(2016, 1, 2000 + i), f"专利{i}") for i in range(1, 6)]
    importing.run(ws, S.write_xlsx(tmp_path / "清单.xlsx", _sheet(rows)), today=TODAY, chunk_rows=2)
    with ws.reading() as s:
        records = s.execute(text("SELECT entity, action, new FROM audit_log WHERE source = 'import'")).all()
    assert [(r.entity, r.action) for r in records] == [("import", "create")] * 3
    numbers = [S.number(2016, 1, 2000 + i) for i in range(1, 6)]
    assert [n for r in records for n in json.loads(r.new)] == numbers
    for number in numbers:
        detail = portfolio.detail(ws, number)
        assert [(h["action"], h["new"]) for h in detail.history] == [("create", "清单.xlsx")]
        assert [(h.action, h.new) for h in audit_trail.history(ws, detail.id)] == [("create", "清单.xlsx")]
    assert audit_trail.verify(ws).intact


def test_a_0006_database_with_patents_upgrades_to_head_and_back_down(db_path):
    """Migration 0007 on a database that has patents and its FTS5 index: search keeps working, the trigger that
    guards digests is in place, and going back down restores a consistent FTS5 index."""
    from alembic import command

    from openlic_desktop.services import demo
    from openlic_desktop.services.workspace import open_workspace
    from openlic_desktop.storage import engine

    db = engine.open_database(db_path, migrate=False)
    cfg = engine._alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
        conn.exec_driver_sql(
            "INSERT INTO patents (application_number, search_key, number_sort, patent_type, title, status, "
            "patentees, inventors, search_text, created_at, updated_at) VALUES ('202110123456.7', '2021101234567', "
            "'2021101234567', 'invention', '一种量子纠缠光源', 'in_force', '[]', '[]', "
            "'202110123456.7 2021101234567 一种量子纠缠光源', '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    db.dispose()
    ws = open_workspace(db_path, user="tester")
    try:
        assert [p.title for p in portfolio.list_patents(ws, search="纠缠光")] == ["一种量子纠缠光源"]
        demo.load_demo(ws, 20, seed=3, force=True, today=TODAY)
        with ws.reading() as s:
            names = {r[0] for r in s.execute(text("SELECT name FROM sqlite_master"))}
        assert "patents_import_digest_stale" in names
        assert "ix_patents_search_text" not in names  # made by 0007, dropped by 0015: imports no longer keep it
        assert not {"patent_fts", "import_fts_defer"} & names
    finally:
        ws.close()
    db = engine.open_database(db_path, migrate=False)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
        conn.exec_driver_sql("INSERT INTO patent_fts(patent_fts) VALUES ('integrity-check')")
        title = conn.exec_driver_sql("SELECT title FROM patents LIMIT 1").scalar()
        found = conn.exec_driver_sql("SELECT count(*) FROM patent_fts WHERE search_text LIKE ?",
                                     (f"%{title[1:5]}%",)).scalar()
        assert found >= 1
    db.dispose()


def test_digests_belong_to_a_release_and_a_mapping(monkeypatch):
    cells = ["1", N1, "甲", date(2021, 3, 5)]
    key = judge.digest_key({1: "number", 2: "title"})
    assert judge.row_digest(cells, key) == judge.row_digest(list(cells), judge.digest_key({2: "title",
                                                                                                    1: "number"}))
    assert judge.row_digest(cells, key) != judge.row_digest(cells, judge.digest_key({1: "number"}))
    monkeypatch.setattr(judge, "RULES", judge.RULES + b"-next")
    assert judge.row_digest(cells, key) != judge.row_digest(cells, judge.digest_key({1: "number",
                                                                                               2: "title"}))
    # a cell's type counts: a date and its ISO text are different cells
    assert judge.row_digest(cells, key) != judge.row_digest(["1", N1, "甲", "2021-03-05"], key)
