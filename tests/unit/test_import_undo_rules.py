"""The rules of undoing an import (services.importing.undo), one test each.

Each test names the rule it checks: the portfolio back exactly as before the import, never over later work, the
audit trail verifiable, nothing written on a refusal.
"""

from __future__ import annotations

from datetime import date

import intake_samples as S
import pytest
from sqlalchemy import select

from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.services import importing, portfolio, readiness
from openlic_desktop.services.importing import undo as import_undo
from openlic_desktop.storage import audit
from openlic_desktop.storage.models import Patent
from openlic_desktop.support.errors import OpenLicError

TODAY = date(2026, 11, 26)


def _row(seq, number, title, department="计算机学院", status="有效", patentees="某某大学；某某公司", filed=None):
    filed = filed or f"{parse_application_number(number).filing_year}-03-05"
    return [seq, number, title, "发明" if number[4] == "1" else "实用新型", filed, "", patentees, "张三、李四",
            status, "", department, "", ""]


def _import(ws, tmp_path, name, rows):
    return importing.run(ws, S.write_xlsx(tmp_path / name, [S.HEADER, *rows]), today=TODAY)


def _snapshot(ws) -> dict[str, dict]:
    """Every stored column a user can see (or search by) of every patent, by number."""
    with ws.reading() as session:
        rows = session.execute(select(Patent)).scalars().all()
        return {r.application_number: {
            "title": r.title, "department": r.department, "status": r.status, "patentees": list(r.patentees),
            "patentees_display": r.patentees_display, "inventors": list(r.inventors), "filing_date": r.filing_date,
            "expiry_date": r.expiry_date, "search_text": r.search_text, "source_id": r.source_id,
            "imported_from": portfolio.detail(ws, r.application_number).source_file}
            for r in rows}


def _verified(ws) -> None:
    with ws.reading() as session:
        assert audit.verify(session)[1] == []


# --- "imported from" -------------------------------------------------------------------------------------


def test_undo_puts_back_where_a_patent_was_last_imported_from_not_where_it_was_first(ws, tmp_path):
    """Three imports update the same patent; undoing the third must say it came from the second file again
    (reset_source used the import that *created* the patent)."""
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲")])
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（二）")])
    before = _snapshot(ws)
    assert before[S.N1]["imported_from"] == "b.xlsx"
    _import(ws, tmp_path, "c.xlsx", [_row(1, S.N1, "甲（三）")])
    import_undo.undo(ws)
    assert _snapshot(ws) == before
    _verified(ws)


def test_undo_of_an_import_that_updated_a_patent_not_created_by_an_import(ws, tmp_path):
    """A patent created by a recorded import, then updated by two imports of which the later is undone: back to
    the earlier one — and, after that is undone too, back to the file that created it."""
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    first = _snapshot(ws)
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（二）")])
    second = _snapshot(ws)
    _import(ws, tmp_path, "c.xlsx", [_row(1, S.N1, "甲（三）"), _row(2, S.N2, "乙（三）")])
    import_undo.undo(ws)
    assert _snapshot(ws) == second
    import_undo.undo(ws)
    assert _snapshot(ws) == first
    _verified(ws)


def test_an_undone_import_in_between_is_not_where_a_patent_came_from(ws, tmp_path):
    """a updates, b updates and is undone, c updates: undoing c gives a back (b's update no longer counts)."""
    _import(ws, tmp_path, "base.xlsx", [_row(1, S.N1, "甲")])
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲（a）")])
    after_a = _snapshot(ws)
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（b）")])
    import_undo.undo(ws)
    assert _snapshot(ws) == after_a
    _import(ws, tmp_path, "c.xlsx", [_row(1, S.N1, "甲（c）")])
    import_undo.undo(ws)
    assert _snapshot(ws) == after_a


# --- derived columns and sign-offs ------------------------------------------------------------------------


def test_derived_columns_come_back_with_the_facts(ws, tmp_path):
    """Filing date (→ expiry), patentees (→ display, search text), status: all back, the search finds the old
    patentee again and not the new one."""
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲", patentees="某某大学")])
    before = _snapshot(ws)
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲", patentees="另一大学；某某公司", filed="2021-09-09",
                                          status="未缴年费终止")])
    assert _snapshot(ws)[S.N1]["expiry_date"] != before[S.N1]["expiry_date"]
    import_undo.undo(ws)
    assert _snapshot(ws) == before
    assert portfolio.query_ids(ws, search="另一大学") == []
    assert len(portfolio.query_ids(ws, search="某某大学")) == 1


def test_a_signoff_given_before_the_import_holds_again_after_the_undo_and_one_given_after_goes_stale(ws, tmp_path):
    """Sign-offs are fingerprints of what was signed: the undo restores the facts, so a sign-off made on the
    facts before the import is current again; one made on the imported facts is stale (and says so)."""
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N4, "乙")])
    readiness.confirm_commitments(ws, [S.N1, S.N4])
    assert readiness.sign_off(ws, [S.N1], "preparer").done == [S.N1]
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（修订）"), _row(2, S.N4, "乙（修订）")])
    assert readiness.sign_off(ws, [S.N4], "preparer").done == [S.N4]
    ids = {n: portfolio.detail(ws, n).id for n in (S.N1, S.N4)}
    assert [s.current for s in readiness.signoff_states(ws, ids[S.N1])] == [False]
    plan = import_undo.plan(ws)
    assert plan.ok  # a sign-off on a changed patent is not in the way: the undo is an edit like any other
    import_undo.undo(ws)
    assert [s.current for s in readiness.signoff_states(ws, ids[S.N1])] == [True]
    assert [s.current for s in readiness.signoff_states(ws, ids[S.N4])] == [False]


# --- refusals write nothing; the trail stays verifiable ----------------------------------------------------


def test_a_refused_undo_writes_nothing_at_all(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲")])
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（修订）"), _row(2, S.N2, "乙")])
    portfolio.set_fields(ws, S.N2, {"contact_person": "王老师"})
    with ws.reading() as session:
        last = audit.last_id(session)
    before = _snapshot(ws)
    with pytest.raises(OpenLicError) as caught:
        import_undo.undo(ws)
    assert caught.value.code == "IMPORT_UNDO_CONFLICT"
    assert _snapshot(ws) == before
    with ws.reading() as session:
        assert audit.last_id(session) == last
    assert all(r.undone_at is None for r in import_undo.runs(ws))


def test_imports_with_duplicates_rejections_and_warnings_undo_cleanly(ws, tmp_path):
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲")])
    before = _snapshot(ws)
    result = _import(ws, tmp_path, "b.xlsx", [
        _row(1, S.N1, "甲（修订）"),
        _row(2, S.N2, "乙"),
        _row(3, S.N2, "乙"),                      # duplicate: skipped
        _row(4, S.N4, "丙"),
        _row(5, S.N4, "丙（另一行）"),              # conflicting duplicate: rejected
        _row(6, S.wrong_check(S.N5), "丁", filed="2018-03-05"),  # bad check digit: rejected
        _row(7, S.N6, "戊", status="待定中"),        # an unreadable status: created, with a warning
        _row(8, S.N7, "己", filed="2016-03-05"),   # filed before the year its number says: created, warned
    ])
    assert result.rejected == 2 and result.skipped["duplicate"] == 1
    assert {w.code for w in result.warnings} >= {"STATUS_UNREADABLE", "FILING_YEAR_MISMATCH"}
    plan = import_undo.plan(ws)
    assert plan.ok
    import_undo.undo(ws)
    assert _snapshot(ws) == before
    _verified(ws)


def test_after_an_undo_the_same_file_imports_as_the_first_time(ws, tmp_path):
    """The row digests an undone import stamped must not make its own rows look unchanged next time."""
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    rows_b = [_row(1, S.N1, "甲（修订）"), _row(2, S.N2, "乙")]
    first_b = _import(ws, tmp_path, "b.xlsx", rows_b)
    import_undo.undo(ws)
    again = _import(ws, tmp_path, "b.xlsx", rows_b)
    assert (again.created, again.updated, again.unchanged) == (first_b.created, first_b.updated, first_b.unchanged)
    assert portfolio.detail(ws, S.N1).facts.title == "甲（修订）"


# --- a deleted patent's id -------------------------------------------------------------------------------


def test_a_patent_created_after_an_undo_does_not_inherit_the_deleted_patents_history(ws, tmp_path):
    """SQLite gives a new row the largest rowid + 1, so the patents an undo deletes (the newest) lend their ids
    to the next ones created; a history found by entity_id then shows another patent's records."""
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲")])
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（修订）")])
    import_undo.undo(ws)  # b: N1's title back (patent records about N1)
    import_undo.undo(ws)  # a: N1 deleted
    _import(ws, tmp_path, "c.xlsx", [_row(1, S.N2, "乙")])
    history = portfolio.detail(ws, S.N2).history
    assert [(h["action"], h["field"]) for h in history] == [("create", "")], history


# --- row digests (migration 0007) ------------------------------------------------------------------------


def test_a_later_reimport_that_only_stamped_digests_does_not_hide_the_undo(ws, tmp_path):
    """b changes a title; c is the same table with other row numbers: nothing changes, but c stamps its row
    digests on b's values. b is undone (c changed nothing, so b is the one in force): importing c again must see
    the title differs — a digest left on the patent would call the row unchanged."""
    _import(ws, tmp_path, "a.xlsx", [_row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    before = _snapshot(ws)
    _import(ws, tmp_path, "b.xlsx", [_row(1, S.N1, "甲（修订）"), _row(2, S.N2, "乙")])
    rows_c = [_row(11, S.N1, "甲（修订）"), _row(12, S.N2, "乙")]
    stamped = _import(ws, tmp_path, "c.xlsx", rows_c)
    assert (stamped.updated, stamped.unchanged) == (0, 2)
    with ws.reading() as session:
        assert session.execute(select(Patent.import_digest).where(Patent.application_number == S.N1)).scalar()
    assert import_undo.plan(ws).source_id == 2
    import_undo.undo(ws)
    assert _snapshot(ws) == before
    again = _import(ws, tmp_path, "c.xlsx", rows_c)
    assert (again.updated, again.unchanged) == (1, 1)
    assert portfolio.detail(ws, S.N1).facts.title == "甲（修订）"
