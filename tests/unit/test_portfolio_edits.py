"""Editing what the import brought: patentees and inventors (searched, shown, audited), the type (it follows the
number's kind digit), and a report's details corrected after it was attached."""

from __future__ import annotations

import json
from datetime import date

import pytest

from openlic_desktop.services import attachments, audit_trail, portfolio, readiness
from openlic_desktop.support.errors import InputError

PDF = b"%PDF-1.4\n%%EOF\n"


def _utility(ws):
    return next(f for f in portfolio.list_patents(ws, status="in_force") if f.patent_type.value == "utility_model")


def test_patentees_and_inventors_are_edited_searched_and_audited(demo_ws):
    facts = portfolio.list_patents(demo_ws)[0]
    number = facts.number.canonical
    names = portfolio.parse_field_value("patentees", "甲大学；乙有限公司\n甲大学")
    assert names == ["甲大学", "乙有限公司"]  # split, trimmed, no repeats, order kept
    assert portfolio.set_fields(demo_ws, number, {"patentees": names,
                                                  "inventors": portfolio.parse_field_value("inventors", ["张三"])}) \
        == ["patentees", "inventors"]
    pid = portfolio.detail(demo_ws, number).id
    assert portfolio.rows(demo_ws, [pid])[pid].patentees == "甲大学；乙有限公司"
    assert pid in portfolio.query_ids(demo_ws, "乙有限公司")
    line = [h for h in audit_trail.history(demo_ws, pid) if h.field == "patentees"][-1]
    assert json.loads(line.old) == facts.patentees and json.loads(line.new) == names


def test_the_type_follows_the_number(demo_ws):
    facts = portfolio.list_patents(demo_ws)[0]
    number = facts.number.canonical
    same = portfolio.parse_field_value("patent_type", "发明" if facts.patent_type.value == "invention" else "实用新型")
    assert portfolio.parse_field_value("patent_type", facts.patent_type.value) is facts.patent_type
    if same is facts.patent_type:
        assert portfolio.set_fields(demo_ws, number, {"patent_type": same}) == []
    other = next(t for t in ("invention", "utility_model", "design") if t != facts.patent_type.value)
    with pytest.raises(InputError) as refused:
        portfolio.set_fields(demo_ws, number, {"patent_type": portfolio.parse_field_value("patent_type", other)})
    assert refused.value.code == "TYPE_NOT_NUMBER_KIND" and number in refused.value.message("en")
    with pytest.raises(InputError):
        portfolio.parse_field_value("patent_type", "不知道")


def test_report_details_are_corrected_and_make_a_sign_off_stale(demo_ws, tmp_path):
    facts = _utility(demo_ws)
    number = facts.number.canonical
    report = tmp_path / "report.pdf"
    report.write_bytes(PDF)
    info = attachments.add_attachment(demo_ws, number, report, "evaluation-report", conclusion="favourable",
                                       report_no="PJ-1")
    readiness.confirm_commitments(demo_ws, [number])
    demo_ws.user = "alice"
    assert readiness.sign_off(demo_ws, [number], "preparer").done
    new = attachments.ReportDetails("PJ-2", date(2026, 5, 1), "favourable", "")
    old = attachments.update_report_details(demo_ws, info.id, new)
    assert old == attachments.ReportDetails("PJ-1", None, "favourable", "")
    stored = attachments.list_attachments(demo_ws, info.patent_id)[0]
    assert (stored.report_no, stored.report_date) == ("PJ-2", date(2026, 5, 1))
    assert "SIGNOFF_STALE" in readiness.check_one(demo_ws, info.patent_id).codes
    assert [h.action for h in audit_trail.history(demo_ws, info.patent_id)][-1] == "attachment_update"
    assert attachments.update_report_details(demo_ws, info.id, new) == new  # no change: nothing written
    with pytest.raises(InputError):
        attachments.update_report_details(demo_ws, info.id, attachments.ReportDetails("PJ-3", None, None, ""))
