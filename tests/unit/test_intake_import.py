"""The import service on real files: counts, every rejection code, skipped rows, upsert, audit, history,
idempotent re-import, dry run, cancel, rejected-rows file, remembered mappings. Real SQLite throughout."""

from __future__ import annotations

import json
from datetime import date

import intake_samples as S
import pytest
from sqlalchemy import func, select, text

from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.intake import mappings as remembered_mappings
from openlic_desktop.services import importing, portfolio
from openlic_desktop.storage.models import AuditRecord, ImportSource, Patent

TODAY = date(2026, 11, 26)


def _counts(ws):
    with ws.reading() as s:
        return (s.execute(select(func.count(Patent.id))).scalar_one(),
                s.execute(select(func.count(AuditRecord.id))).scalar_one(),
                s.execute(select(func.count(ImportSource.id))).scalar_one())


def _dump(ws):
    with ws.reading() as s:
        return [tuple(r) for r in s.execute(text("SELECT * FROM patents ORDER BY id"))]


@pytest.fixture
def messy(tmp_path):
    return S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())


def _check_messy_result(result):
    assert result.header_row == S.HEADER_ROW
    assert result.created == len(S.EXPECTED_CREATED)
    assert result.updated == 0 and result.unchanged == 0
    assert {r.row: r.code for r in result.rejections} == S.EXPECTED_REJECTED
    assert result.rejected == len(S.EXPECTED_REJECTED)
    assert result.skipped == S.EXPECTED_SKIPPED
    assert result.rows_read == 15


def test_messy_xlsx(ws, messy):
    result = importing.run(ws, messy, today=TODAY, details=True)
    _check_messy_result(result)
    assert [r.number for r in result.new_rows] == list(S.EXPECTED_CREATED.values())
    first = portfolio.detail(ws, S.N1)
    f = first.facts
    assert f.title == "一种基于深度学习的图像识别方法"
    assert f.filing_date == date(2021, 3, 5) and f.grant_date == date(2023, 4, 1)
    assert f.patentees == ["某某大学", "杭州某某科技有限公司"] and f.inventors == ["张三", "李四", "王五"]
    assert f.status.value == "in_force" and f.fees_paid_until == date(2026, 3, 4)
    assert f.department == "计算机学院" and f.contact_phone == "0571-88888888"
    assert first.source_file == "清单.xlsx"
    assert first.history[0]["source"] == "import" and first.history[0]["action"] == "create"
    design = portfolio.detail(ws, S.N3).facts  # number typed as a number, dates as serial and 20220801
    assert design.patent_type.value == "design"
    assert design.filing_date == date(2022, 2, 8) and design.grant_date == date(2022, 8, 1)
    assert portfolio.detail(ws, S.N2).facts.filing_date == date(2020, 1, 5)
    with ws.reading() as s:
        src = s.execute(select(ImportSource)).scalar_one()
        assert (src.file_name, src.rows_read, src.created, src.rejected, src.user) == ("清单.xlsx", 15, 4, 7, "tester")
        assert len(src.sha256) == 64 and src.sheet == "专利清单"
    # the search index follows the bulk insert
    assert [p.number.canonical for p in portfolio.list_patents(ws, search="深度学习")] == [S.N1]


def test_reimport_is_unchanged_and_writes_no_facts(ws, messy):
    importing.run(ws, messy, today=TODAY)
    before = _dump(ws)
    patents, audits, sources = _counts(ws)
    again = importing.run(ws, messy, today=TODAY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(S.EXPECTED_CREATED))
    assert again.rejected == len(S.EXPECTED_REJECTED)
    assert _dump(ws) == before
    assert _counts(ws) == (patents, audits, sources + 1)  # only the history grows


def test_update_records_old_and_new_and_blank_cells_never_erase(ws, tmp_path, messy):
    importing.run(ws, messy, today=TODAY)
    changed = [S.HEADER, [1, S.N1, "一种基于深度学习的图像识别方法", "发明", "", "", "", "", "失效", "", "", "钱老师", ""]]
    path = S.write_xlsx(tmp_path / "更新.xlsx", changed)
    result = importing.run(ws, path, today=TODAY, details=True)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    change = result.changed_rows[0]
    assert {(c.field, c.old, c.new) for c in change.changes} == {("status", "in_force", "lapsed"),
                                                                  ("contact_person", "赵老师", "钱老师")}
    facts = portfolio.detail(ws, S.N1).facts
    assert facts.status.value == "lapsed" and facts.contact_person == "钱老师"
    assert facts.contact_phone == "0571-88888888" and facts.inventors == ["张三", "李四", "王五"]  # kept
    with ws.reading() as s:
        rows = s.execute(select(AuditRecord).where(AuditRecord.action == "update")).scalars().all()
        assert {(r.field, r.old, r.new, r.source, r.entity_key) for r in rows} == {
            ("status", "in_force", "lapsed", "import", S.N1), ("contact_person", "赵老师", "钱老师", "import", S.N1)}
    from openlic_desktop.services import audit_trail  # noqa: F401  (the trail stays verifiable)
    from openlic_desktop.storage import audit
    with ws.reading() as s:
        assert audit.verify(s)[1] == []


def test_dry_run_writes_nothing(ws, messy, tmp_path):
    before = _counts(ws)
    result = importing.run(ws, messy, today=TODAY, dry_run=True, details=True)
    _check_messy_result(result)
    assert _counts(ws) == before and result.source_id is None


@pytest.mark.parametrize("stop_after", [1, 3])
def test_cancel_midway_rolls_everything_back(ws, messy, stop_after):
    importing.run(ws, S.write_xlsx(messy.with_name("one.xlsx"), [S.HEADER, [1, S.N7, "旧名称"]]), today=TODAY)
    before, dump = _counts(ws), _dump(ws)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return len(calls) < stop_after

    with pytest.raises(InterruptedError):
        importing.run(ws, messy, today=TODAY, progress=progress, chunk_rows=1)
    assert len(calls) == stop_after and calls[0][1] >= 20
    assert _counts(ws) == before and _dump(ws) == dump


def test_errors_out_keeps_original_values_and_can_be_fixed_and_reimported(ws, messy, tmp_path):
    import openpyxl

    out = tmp_path / "rejected.xlsx"
    result = importing.run(ws, messy, today=TODAY, errors_out=out)
    assert result.errors_file == str(out)
    sheet = openpyxl.load_workbook(out).active
    rows = [[c if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:len(S.HEADER)] == S.HEADER and rows[0][-3:] == ["原行号 / Row", "错误代码 / Code", "原因 / Reason"]
    by_row = {r[-3]: r for r in rows[1:]}
    assert set(by_row) == set(S.EXPECTED_REJECTED)
    assert by_row[10][1] == S.wrong_check(S.N4) and by_row[10][-2] == "BAD_CHECK_DIGIT"
    assert by_row[14][4] == "2018-02-30" and "2018-02-30" in by_row[14][-1]
    # the user fixes two rows in the file and imports it again: those two come in, the rest is rejected again
    book = openpyxl.load_workbook(out)
    ws_ = book.active
    for r in range(2, ws_.max_row + 1):
        if ws_.cell(r, len(S.HEADER) + 1).value == 10:
            ws_.cell(r, 2).value = S.N4
        if ws_.cell(r, len(S.HEADER) + 1).value == 14:
            ws_.cell(r, 5).value = "2018-02-28"
    book.save(out)
    again = importing.run(ws, out, today=TODAY)
    # the contradicting duplicate of N1 is no duplicate in this file, but it would overwrite the row that was kept:
    # held back until confirmed (test_import_rejected_rows_again.py)
    assert (again.created, again.updated, again.rejected) == (2, 0, len(S.EXPECTED_REJECTED) - 2)
    confirmed = importing.run(ws, out, today=TODAY, confirm_conflicts=True)
    assert (confirmed.updated, confirmed.rejected) == (1, len(S.EXPECTED_REJECTED) - 3)


def test_no_errors_file_without_rejections(ws, tmp_path):
    path = S.write_xlsx(tmp_path / "ok.xlsx", [S.HEADER, [1, S.N1, "x"]])
    out = tmp_path / "rejected.xlsx"
    assert importing.run(ws, path, errors_out=out).errors_file is None and not out.exists()


def test_first_sheet_with_a_header_is_chosen_and_sheet_can_be_named(ws, tmp_path):
    path = S.write_xlsx(tmp_path / "多表.xlsx", [S.HEADER, [1, S.N1, "表二"]], sheet="数据",
                        before={"说明": [["本工作簿说明"], ["各列含义见第二页"]]})
    assert importing.run(ws, path, dry_run=True).sheet == "数据"
    from openlic_desktop.support.errors import InputError
    with pytest.raises(InputError) as err:
        importing.run(ws, path, sheet="说明")
    assert err.value.code == "HEADER_NOT_FOUND"
    with pytest.raises(InputError) as err:
        importing.run(ws, path, sheet="不存在")
    assert err.value.code == "SHEET_NOT_FOUND"
    assert importing.run(ws, path, sheet="数据").created == 1


def test_corrected_mapping_is_used_and_remembered(ws, tmp_path):
    header = ["申请号", "名称", "负责老师", "备用号码"]  # the last two are not recognised
    rows = [header, [S.N1, "一种方法", "吴老师", "13900000000"]]
    path = S.write_xlsx(tmp_path / "a.xlsx", rows)
    sheets = importing.inspect_file(path)
    layout = sheets[0].layout
    assert layout.mapping == {0: "number", 1: "title"} and not layout.remembered
    corrected = dict(layout.mapping) | {2: "contact_person", 3: "contact_phone"}
    importing.run(ws, path, mapping=corrected, remember_mapping=True)
    assert portfolio.detail(ws, S.N1).facts.contact_person == "吴老师"
    stored = json.loads((remembered_mappings._path()).read_text(encoding="utf-8"))
    assert len(stored) == 1
    # next month's file with the same headers: the correction applies without asking, also in the CLI path
    path2 = S.write_xlsx(tmp_path / "b.xlsx", [header, [S.N2, "另一种", "郑老师", "13700000000"]])
    again = importing.inspect_file(path2)[0].layout
    assert again.remembered and again.mapping == corrected
    importing.run(ws, path2)
    assert portfolio.detail(ws, S.N2).facts.contact_phone == "13700000000"


def test_history(ws, messy):
    importing.run(ws, messy, today=TODAY)
    importing.run(ws, messy, today=TODAY)
    runs = importing.history(ws)
    assert [(r["created"], r["unchanged"]) for r in runs] == [(0, 4), (4, 0)]
    assert runs[0]["sha256"] == runs[1]["sha256"]


def test_json_keys_are_the_contract(ws, messy):
    data = importing.run(ws, messy, today=TODAY).to_json("en")
    assert list(data) == ["rows_read", "created", "updated", "unchanged", "rejected", "rejections"]
    assert set(data["rejections"][0]) == {"row", "code", "message"}


def test_imported_patents_are_searchable_and_a_cancelled_import_leaves_no_trace(ws, messy, tmp_path):
    importing.run(ws, messy, today=TODAY)
    titles = [p.title for p in portfolio.list_patents(ws)]
    for title in titles:
        assert title in [f.title for f in portfolio.list_patents(ws, search=title[1:4])]
    with pytest.raises(InterruptedError):
        importing.run(ws, S.write_xlsx(tmp_path / "more.xlsx", [S.HEADER, [1, S.N4, "一种高熵合金涂层"],
                                                                [2, S.N5, "另一种高熵合金"]]),
                     progress=lambda d, t: False, chunk_rows=1)
    assert portfolio.list_patents(ws, search="高熵合金") == []
    assert sorted(p.title for p in portfolio.list_patents(ws)) == sorted(titles)


def _search_text_plan(db_path, needle):
    """(indexes of patents on search_text, the plan of the database's text search) of the file, read raw."""
    import sqlite3

    from sqlalchemy.dialects import sqlite as sqlite_dialect

    from openlic_desktop.storage.search import search_plan

    stmt = select(Patent.id).where(search_plan(needle, sqlite=True).clause)
    compiled = stmt.compile(dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True})
    con = sqlite3.connect(db_path)
    try:
        indexes = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                             "AND tbl_name = 'patents' AND sql LIKE '%search_text%'")]
        plan = " ".join(str(r[-1]) for r in con.execute(f"EXPLAIN QUERY PLAN {compiled}"))
    finally:
        con.close()
    return indexes, plan


def test_search_texts_are_not_indexed_and_going_back_down_indexes_them_again(ws, db_path, messy):
    """Imports no longer build an index on the search texts (the search box answers from a copy held in memory);
    the database's own answer scans the table and finds what the copy finds. Going back down to 0014 restores
    the covering index its search read, and coming up again drops it."""
    from schema_at import migrate

    from openlic_desktop.storage.search import search_texts, text_matches

    importing.run(ws, messy, today=TODAY)
    with ws.reading() as session:
        from_database = text_matches(session, "深度学习")
        held = search_texts(session)
        from_memory = held.matching("深度学习", held.ids)
    assert from_database and sorted(from_database) == sorted(from_memory)
    ws.close()
    indexes, plan = _search_text_plan(db_path, "深度学习")
    assert indexes == [] and "COVERING INDEX" not in plan, plan
    migrate(db_path, "0014_search_ngrams", down=True)
    indexes, plan = _search_text_plan(db_path, "深度学习")
    assert indexes == ["ix_patents_search_text"] and "COVERING INDEX ix_patents_search_text" in plan, plan
    migrate(db_path, "head")
    assert _search_text_plan(db_path, "深度学习")[0] == []


def test_raw_stored_facts_decode_as_the_orm_does(demo_ws):
    """The re-import compares against raw SQLite values; they must decode to exactly what SQLAlchemy gives."""
    from openlic_desktop.storage import import_bulk
    from openlic_desktop.storage import patents as repo

    with demo_ws.reading() as s:
        ids = dict(s.execute(text("SELECT application_number, id FROM patents")).all())
        numbers = list(ids)
        orm = {f.number.canonical: (pid, f) for pid, f in repo.get_facts_by_ids(s, list(ids.values())).items()}
        raw = import_bulk.stored_by_numbers(s, numbers)
    assert len(raw) == len(orm) == 200
    for number, (pid, facts) in orm.items():
        number_value, values = raw[number].written({})
        assert raw[number].id == pid and PatentFacts(number=number_value, **values) == facts


def test_two_row_header_sub_row_is_skipped(ws, tmp_path):
    rows = [["申请号", "专利名称", "联系人", ""], ["", "", "姓名", "电话"], [S.N1, "一种方法", "吴老师", "139"]]
    result = importing.run(ws, S.write_xlsx(tmp_path / "two.xlsx", rows), today=TODAY)
    assert (result.created, result.rejected, result.skipped["header"]) == (1, 0, 1)
    assert portfolio.detail(ws, S.N1).facts.contact_person == "吴老师"


def test_stored_facts_compare_in_their_stored_form_exactly_as_decoded(demo_ws):
    """A re-import compares each stated fact in its stored form (ISO text, JSON, enum value) before decoding it:
    `same` must answer what comparing the decoded value answers — for every fact of every stored patent, against
    its own value and another, and for stored forms another writer may have left (unescaped or spaced JSON, blank
    status, a driver's own date and list)."""
    from dataclasses import replace

    from openlic_desktop.domain.identifiers import PatentType
    from openlic_desktop.domain.status import Status
    from openlic_desktop.storage import import_bulk
    from openlic_desktop.storage.patents import FACT_COLUMNS

    with demo_ws.reading() as s:
        numbers = [n for (n,) in s.execute(text("SELECT application_number FROM patents"))]
        stored = import_bulk.stored_by_numbers(s, numbers)
    other = {"title": "另一名称", "patent_type": PatentType.DESIGN, "filing_date": date(1999, 1, 2),
             "grant_date": date(2000, 3, 4), "status": Status.LAPSED, "patentees": ["某某大学", "某公司"],
             "inventors": [], "fees_paid_until": None, "ipc": "G06F", "department": "", "contact_person": "王老师",
             "contact_phone": "139", "contact_email": "a@b.cn", "description": "说明", "industry": ""}
    compared = 0
    for facts in stored.values():
        number, values = facts.written({})
        decoded = PatentFacts(number=number, **values)
        for name in FACT_COLUMNS:
            for value in (getattr(decoded, name), other[name]):
                assert facts.same(name, value) is (getattr(decoded, name) == value), (facts.number, name, value)
                compared += 1
    assert compared == len(stored) * len(FACT_COLUMNS) * 2 == 6000

    written_otherwise = [("patentees", '["某某大学"]', ["某某大学"]), ("patentees", '["a","b"]', ["a", "b"]),
                         ("patentees", '["a", "b"]', ["b", "a"]), ("patentees", None, []), ("patentees", "", []),
                         ("patentees", ["a"], ["a"]), ("inventors", "[]", []), ("status", "", Status.UNKNOWN),
                         ("status", None, Status.UNKNOWN), ("status", "lapsed", Status.IN_FORCE),
                         ("filing_date", date(2021, 3, 5), date(2021, 3, 5)), ("filing_date", "", None),
                         ("filing_date", "2021-03-05", date(2021, 3, 6)), ("title", None, ""), ("title", "甲", "乙")]
    for name, raw, value in written_otherwise:
        facts = import_bulk.StoredFacts(1, "202110001234.5", {name: raw})
        assert facts.same(name, value) is (facts.get(name) == value), (name, raw, value)
    # the facts of a changed patent: the row's facts over the stored ones, the others decoded as before
    changed = {"title": "新名称", "status": Status.LAPSED, "patentees": ["甲"], "filing_date": None}
    for facts in stored.values():
        number, values = facts.written(changed)
        number_before, before = facts.written({})
        assert number == number_before and values == {**before, **changed}
        assert replace(PatentFacts(number=number, **before), **changed) == PatentFacts(number=number, **values)
