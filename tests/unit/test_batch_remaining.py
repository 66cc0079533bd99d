"""What is left for a batch (`batch todo`, the GUI's view): open findings grouped by kind with the step that fixes
each group, in the order to take them; and the fee-estimation notes a profile wants, said once as a group by the
pre-flight instead of once per patent."""

from __future__ import annotations

import json

from openlic_desktop.cli.main import main
from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import batches, export, office, pricing, readiness, remaining
from openlic_desktop.services.remaining import ORDER, STEP_OF


def _batch(ws, size=30):
    ids = [r.patent_id for r in readiness.check(ws, None, "zhejiang")][:size]
    batches.create_batch(ws, "第一批", "zhejiang", ids)
    return ids


def test_groups_cover_every_blocker_once_per_step(demo_ws):
    ids = _batch(demo_ws)
    left = remaining.what_is_left(demo_ws, "第一批")
    results = readiness.check(demo_ws, ids, "zhejiang")
    assert (left.total, left.ready) == (30, sum(r.ready for r in results))
    # every blocker of every patent is in exactly the group of its step
    for r in results:
        for f in r.blockers:
            step = STEP_OF.get(f.code, "obstacle")
            holders = [g for g in left.groups if g.step == step and r.patent_id in g.ids and f.code in g.codes]
            assert holders, (r.application_number, f.code)
    assert [ORDER.index(g.step) for g in left.groups] == sorted(ORDER.index(g.step) for g in left.groups)
    signoffs = [g.role for g in left.groups if g.step == "signoff"]
    assert signoffs == ["preparer", "reviewer"]
    assert left.groups[-1].step in ("obstacle", "signoff")
    notes = [g for g in left.groups if g.step == "fee_note"]
    assert notes and len(notes[0].ids) == 30 and not notes[0].blocking  # the package could go without them


def test_a_step_taken_removes_its_group(demo_ws):
    ids = _batch(demo_ws)
    before = {g.step for g in remaining.what_is_left(demo_ws, "第一批").groups}
    assert {"price", "commit"} <= before
    pricing.set_terms(demo_ws, ids, PricingTerms(PricingMode.FREE, term_months=12))
    refused = readiness.confirm_commitments(demo_ws, ids, None, "zhejiang").refused
    office.update({"contact": "王老师", "phone": "0571-1"})
    after = remaining.what_is_left(demo_ws, "第一批")
    assert "office_contact" not in {g.step for g in after.groups}
    # what is left to commit is only what the record contradicts (a lapsed right is not kept in force: C2)
    number_of = {r.patent_id: r.application_number for r in readiness.check(demo_ws, ids, "zhejiang")}
    commit = [g for g in after.groups if g.step == "commit"]
    assert {number_of[i] for g in commit for i in g.ids} == {r.application_number for r in refused}
    assert all(r.code == "COMMITMENT_CONTRADICTED" for r in refused)
    price = [g for g in after.groups if g.step == "price"]
    assert not price or set(price[0].codes) <= {"TERM_BEYOND_EXPIRY"}  # only the ones whose term is too long


def test_batch_todo_cli(capsys, demo_ws, db_path):
    _batch(demo_ws, 10)
    code = main(["--db", str(db_path), "--lang", "en", "batch", "todo", "第一批", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["batch"] == "第一批" and data["patents"] == 10
    commit = next(g for g in data["groups"] if g["step"] == "commit")
    assert commit["count"] == 10 and commit["command"].startswith("openlic commit") and len(commit["patents"]) == 10
    assert main(["--db", str(db_path), "batch", "todo", "第一批"]) == 1
    out = capsys.readouterr().out
    # the list named as the patent's panel names it: the batch's profile is a pilot listing
    assert "10 件试点承诺事项未全部确认 → 确认全部承诺事项" in out and "openlic commit NUMBER… --all" in out


def test_preflight_groups_missing_fee_notes(capsys, demo_ws, db_path, tmp_path):
    from packages_helpers import make_ready
    from sqlalchemy import delete

    from openlic_desktop.storage.models_pricing import FeeNote

    ready = make_ready(demo_ws, tmp_path, inventions=3, utility=0)
    with demo_ws.session() as session:  # notes were written by the helper: take them away again
        session.execute(delete(FeeNote))
    pre = export.preflight(demo_ws, ready, "zhejiang")
    assert [n for _p, n in pre.included] == ready
    assert pre.profile.fee_note and pre.fee_notes_missing == ready
    assert "3 patents have none yet" in pre.fee_notes_message("en")
    assert pre.fee_notes_message("zh").count("其中 3 件尚未撰写") == 1
    assert not export.preflight(demo_ws, ready, "general").fee_notes_missing or \
        export.preflight(demo_ws, ready, "general").profile.fee_note
    code = main(["--db", str(db_path), "--lang", "en", "export", *ready, "--profile", "zhejiang", "--out",
                 str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count("fee-estimation notes") == 1 and "FEE_NOTE_MISSING" not in out


def test_missing_patentee_numbers_are_a_step_per_patentee(capsys):
    from types import SimpleNamespace

    from openlic_desktop.cli.commands.batch import step_command
    from openlic_desktop.domain.findings import Finding, Severity
    from openlic_desktop.support.messages import render

    def result(pid, names):
        return SimpleNamespace(patent_id=pid, application_number=f"20211012345{pid}", findings=[
            Finding("PATENTEE_ID_MISSING", Severity.BLOCKER, {"names": names}, "patentee_book")])

    groups = remaining.group_findings([result(1, "甲公司、乙大学"), result(2, "甲公司")])
    assert sorted((g.step, g.owner, g.ids, g.blocking) for g in groups) == sorted([
        ("patentee_ids", "甲公司", [1, 2], True), ("patentee_ids", "乙大学", [1], True)])
    assert ORDER.index("patentee_ids") < ORDER.index("signoff")
    first = next(g for g in groups if g.owner == "甲公司")
    assert step_command(first).startswith('openlic patentee set "甲公司"')
    text = render("LEFT_patentee_ids", "zh", count=2, owner="甲公司", role="", codes="")
    assert "专利权人名录" in text and "甲公司" in text and "PATENTEE" not in text


def test_an_unfinished_fee_note_is_the_fee_note_step():
    from types import SimpleNamespace

    from openlic_desktop.domain.findings import Finding, Severity

    r = SimpleNamespace(patent_id=1, application_number="2021101234561", findings=[
        Finding("FEE_NOTE_UNFINISHED", Severity.BLOCKER, {"number": "2021101234561"}, "pricing.fee_note")])
    assert [(g.step, g.blocking) for g in remaining.group_findings([r])] == [("fee_note", True)]
