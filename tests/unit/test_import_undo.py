"""Undoing an import (services.importing.undo): back to exactly the portfolio before it, never over later work."""

from __future__ import annotations

from datetime import date

import intake_samples as S
import pytest
from sqlalchemy import select

from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import importing, portfolio, pricing, readiness
from openlic_desktop.services.importing import undo as import_undo
from openlic_desktop.storage import audit
from openlic_desktop.storage.models import ImportSource, Patent
from openlic_desktop.support.errors import NotFoundError, OpenLicError

TODAY = date(2026, 11, 26)


def _row(seq, number, title, department="计算机学院", status="有效"):
    filed = f"{parse_application_number(number).filing_year}-03-05"
    return [seq, number, title, "发明" if number[4] == "1" else "实用新型", filed, "", "某某大学；某某公司", "张三、李四",
            status, "", department, "", ""]


def _snapshot(ws) -> dict[str, dict]:
    """Every patent's facts and where it was last imported from, by number."""
    with ws.reading() as session:
        rows = session.execute(select(Patent)).scalars().all()
        return {r.application_number: {"title": r.title, "department": r.department, "status": r.status,
                                        "patentees": list(r.patentees), "inventors": list(r.inventors),
                                        "filing_date": r.filing_date, "source_id": r.source_id,
                                        "search_text": r.search_text}
                for r in rows}


def _import(ws, tmp_path, name, rows):
    return importing.run(ws, S.write_xlsx(tmp_path / name, [S.HEADER, *rows]), today=TODAY)


def test_undo_of_the_first_import_empties_the_portfolio(ws, tmp_path):
    result = _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    assert result.created == 2
    [run] = import_undo.runs(ws)
    assert run.undoable and run.undone_at is None
    plan = import_undo.plan(ws)
    assert plan.ok and sorted(plan.delete) == sorted([S.N1, S.N2]) and plan.restore == []
    done = import_undo.undo(ws)
    assert (done.deleted, done.restored) == (2, 0)
    assert portfolio.count(ws) == 0
    [run] = import_undo.runs(ws)
    assert run.undone_at is not None and run.undone_by == "tester" and not run.undoable
    with ws.reading() as session:
        assert audit.verify(session)[1] == []
    with pytest.raises(OpenLicError) as caught:
        import_undo.undo(ws)
    assert caught.value.code == "IMPORT_UNDO_NOTHING"
    with pytest.raises(OpenLicError) as caught:
        import_undo.undo(ws, run.id)
    assert caught.value.code == "IMPORT_UNDO_ALREADY"


def test_undo_of_a_second_import_puts_back_every_changed_fact_and_deletes_what_it_created(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙"), _row(3, S.N4, "丙")])
    before = _snapshot(ws)
    second = _import(ws, tmp_path, "b.xlsx", [
        _row(1, S.N1, "甲（修订）", department="机械学院"),  # two facts changed
        _row(2, S.N2, "乙"),                                  # unchanged
        _row(3, S.N4, "丙", status="未缴年费终止"),              # status changed
        _row(4, S.N5, "丁"),                                  # created
    ])
    assert (second.created, second.updated, second.unchanged) == (1, 2, 1)
    assert _snapshot(ws) != before
    plan = import_undo.plan(ws)
    assert plan.ok and plan.delete == [S.N5]
    assert sorted((r.number, r.field, r.current, r.old) for r in plan.restore) == sorted([
        (S.N1, "title", "甲（修订）", "甲"), (S.N1, "department", "机械学院", "计算机学院"),
        (S.N4, "status", "lapsed", "in_force")])
    done = import_undo.undo(ws)
    assert (done.deleted, done.restored, done.patents_restored) == (1, 3, 2)
    assert _snapshot(ws) == before  # facts, search text and "imported from" exactly as before
    # the history of a restored patent shows the undo
    detail = portfolio.detail(ws, S.N1)
    assert [(h["action"], h["field"], h["old"], h["new"]) for h in detail.history if h["action"] == "undo-import"] == [
        ("undo-import", "title", "甲（修订）", "甲"), ("undo-import", "department", "机械学院", "计算机学院")]
    # now the first import is the one an undo acts on, and the same file imports again as it did
    assert [r.undoable for r in import_undo.runs(ws)] == [False, True]
    again = _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（修订）", department="机械学院"), _row(4, S.N5, "丁")])
    assert (again.created, again.updated) == (1, 1)


def test_a_fact_changed_again_since_blocks_the_undo_and_nothing_is_written(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（修订）"), _row(3, S.N4, "丙")])
    portfolio.set_fields(ws, S.N1, {"title": "甲（人工修改）"})
    after_edit = _snapshot(ws)
    plan = import_undo.plan(ws)
    assert [(c.number, c.reason, c.detail) for c in plan.conflicts] == [(S.N1, "changed-since", "title")]
    with pytest.raises(OpenLicError) as caught:
        import_undo.undo(ws)
    assert caught.value.code == "IMPORT_UNDO_CONFLICT" and S.N1 in caught.value.message("zh")
    assert _snapshot(ws) == after_edit
    assert import_undo.runs(ws)[0].undone_at is None
    # an edit of another fact does not stand in the way: only the facts the import changed are put back
    portfolio.set_fields(ws, S.N1, {"title": "甲（修订）", "department": "设计学院"})
    import_undo.undo(ws)
    snap = _snapshot(ws)
    assert (snap[S.N1]["title"], snap[S.N1]["department"]) == ("甲", "设计学院") and S.N4 not in snap


def test_work_done_on_a_created_patent_blocks_the_undo(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙"), _row(3, S.N4, "丙")])
    ids = pricing.ids_for_numbers(ws, [S.N1, S.N2])
    pricing.set_terms(ws, [ids[S.N1]], PricingTerms(mode=PricingMode.FREE, term_months=36))
    readiness.confirm_commitments(ws, [S.N2])
    plan = import_undo.plan(ws)
    reasons = {c.number: c.reason for c in plan.conflicts}
    assert reasons == {S.N1: "has-records", S.N2: "has-records"}
    assert plan.delete == [S.N4]
    with pytest.raises(OpenLicError):
        import_undo.undo(ws)
    assert portfolio.count(ws) == 3


def test_an_edit_of_a_created_patent_blocks_the_undo(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    portfolio.set_fields(ws, S.N2, {"contact_person": "王老师"})
    plan = import_undo.plan(ws)
    assert [(c.number, c.reason) for c in plan.conflicts] == [(S.N2, "edited-since")]


def test_only_the_latest_import_that_changed_something_can_be_undone(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲")])
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N2, "乙")])
    first, second = sorted(r.id for r in import_undo.runs(ws))
    with pytest.raises(OpenLicError) as caught:
        import_undo.plan(ws, first)
    assert caught.value.code == "IMPORT_UNDO_NOT_LATEST"
    # a later import that changed nothing is no obstacle, and cannot itself be undone
    unchanged = _import(ws, tmp_path, "b.xlsx", [_row(1, S.N2, "乙")])
    assert unchanged.unchanged == 1
    with pytest.raises(OpenLicError) as caught:
        import_undo.undo(ws, unchanged.source_id)
    assert caught.value.code == "IMPORT_UNDO_EMPTY"
    assert import_undo.undo(ws, second).deleted == 1
    # a later import that was undone no longer counts: the first can be undone now, even though the second
    # import's records mention... nothing of it here, but its range is skipped when looking for later work
    assert import_undo.undo(ws, first).deleted == 1
    assert portfolio.count(ws) == 0
    with pytest.raises(NotFoundError):
        import_undo.plan(ws, 999)


def test_an_undone_later_import_does_not_count_as_later_work_on_a_created_patent(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲")])
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（修订）")])  # updates the patent import a created
    import_undo.undo(ws)  # b: the title goes back
    plan = import_undo.plan(ws)  # a: b's update and b's undo are not later work
    assert plan.ok and plan.delete == [S.N1]


def test_imports_made_before_undo_was_recorded_cannot_be_undone(ws, tmp_path):
    result = _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲")])
    with ws.session() as session:
        row = session.get(ImportSource, result.source_id)
        row.audit_from = row.audit_to = None
    with pytest.raises(OpenLicError) as caught:
        import_undo.undo(ws)
    assert caught.value.code == "IMPORT_UNDO_UNAVAILABLE"


def test_dry_runs_leave_no_history(ws, tmp_path):
    path = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲")])
    importing.run(ws, path, dry_run=True, today=TODAY)
    assert import_undo.runs(ws) == []


def test_history_json(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲")])
    [run] = import_undo.runs(ws)
    data = run.to_json()
    assert data["file_name"] == "a.xlsx" and data["created"] == 1 and data["undoable"] is True
    assert data["undone_at"] is None and len(data["sha256"]) == 64


def test_the_plan_names_patents_signed_off_since_whose_sign_offs_will_go_stale(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    readiness.confirm_commitments(ws, [S.N1, S.N2])
    assert not readiness.sign_off(ws, [S.N2], "preparer").refused  # before the undone import: current again after
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（修订）"), _row(2, S.N2, "乙（修订）")])
    outcome = readiness.sign_off(ws, [S.N1], "preparer")
    assert not outcome.refused, outcome.refused
    plan = import_undo.plan(ws)
    assert plan.ok and plan.signed_since == [S.N1] and plan.to_json()["signed_since"] == [S.N1]
    import_undo.undo(ws)
    pid = {n: portfolio.detail(ws, n).id for n in (S.N1, S.N2)}
    assert [s.current for s in readiness.signoff_states(ws, pid[S.N1])] == [False]
    assert [s.current for s in readiness.signoff_states(ws, pid[S.N2])] == [True]
