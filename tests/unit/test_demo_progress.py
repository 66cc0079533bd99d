"""The demo takes a dozen of its patents through the office's work, through the real services, so a new user's
dashboard shows every stage and a contract drafts for an announced or a published patent without an override."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from openlic_desktop.documents import ooxml
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.licensing import Regime
from openlic_desktop.domain.pricing import PricingMode
from openlic_desktop.services import batches, declarations, demo, demo_progress, pricing, statistics
from openlic_desktop.services.licensing import drafting, licences, licensees
from openlic_desktop.storage.models import AuditRecord

TODAY = date(2026, 11, 26)


@pytest.fixture
def loaded(ws):
    demo.load_demo(ws, 300, seed=1, today=TODAY)
    return ws


def test_every_funnel_stage_has_the_patents_taken_there(loaded):
    taken = demo_progress.candidates(demo.generate(300, 1, TODAY), TODAY, 1, 36)
    assert len(taken) == len(demo_progress.STEPS) == 12
    funnel = dict(statistics.compute(loaded, today=TODAY).funnel())
    # the funnel counts the furthest stage each reached: 12 committed, 10 of them signed, 8 listed or declared
    # (4 pilot, 4 statutory), 6 published or announced, 2 licensed
    assert funnel["committed"] == 12 and funnel["signed"] == 10
    assert (funnel["listed_or_declared"], funnel["announced"], funnel["licensed"]) == (8, 6, 2)
    assert funnel["eligible"] > funnel["committed"]


def test_the_same_patents_for_a_seed_and_dated_before_today(loaded):
    facts = demo.generate(300, 1, TODAY)
    first = demo_progress.candidates(facts, TODAY, 1, 36)
    assert first == demo_progress.candidates(facts, TODAY, 1, 36)
    assert first != demo_progress.candidates(demo.generate(300, 2, TODAY), TODAY, 2, 36)
    states = Counter(d.state for d in declarations.list_declarations(loaded))
    assert {s.value: n for s, n in states.items()} == {"filed": 1, "announced": 3}
    for d in declarations.list_declarations(loaded):
        v = d.value
        assert v.filed_on < TODAY and (v.announced_on is None or v.filed_on < v.announced_on < TODAY)
    subs = batches.list_submissions(loaded)
    assert [(s.status, s.package_path) for s in subs] == [("sent", ""), ("published", "")]
    assert all(s.submitted_on < TODAY for s in subs)
    done = licences.list_licences(loaded)
    assert len(done) == 2 and {r.licensee for r in done} == {e["name"] for e in demo_progress.LICENSEES}
    for record in done:
        assert record.effective_date < TODAY
        received = [p for p in record.payments if p.received_on is not None]
        assert len(received) == 1 and received[0].amount_received == received[0].amount_due > 0
        assert received[0].received_on < TODAY


def test_prices_of_every_kind(loaded):
    numbers = [f.number.canonical for f in demo_progress.candidates(demo.generate(300, 1, TODAY), TODAY, 1, 36)]
    terms = list(pricing.terms_for(loaded, drafting.patent_ids_of(loaded, numbers)).values())
    assert {t.mode for t in terms} == set(PricingMode)
    assert any(t.free_months for t in terms) and any(t.pay_after_trial for t in terms)


def test_contracts_draft_without_override_for_an_announced_and_a_published_patent(loaded, tmp_path):
    numbers = [f.number.canonical for f in demo_progress.candidates(demo.generate(300, 1, TODAY), TODAY, 1, 36)]
    announced, published = numbers[demo_progress.STEPS.index("announced")], numbers[
        demo_progress.STEPS.index("published")]
    buyer = demo_progress.licensee_uscc(0)
    [done] = drafting.draft_contract(loaded, [announced], buyer, tmp_path / "s.docx", effective=TODAY)
    text = ooxml.document_text(done.path)
    assert "ZL" + announced in text and "该声明已经国家知识产权局公告" in text
    assert licensees.find_licensee(loaded, buyer).name in text
    [done] = drafting.draft_contract(loaded, [published], buyer, tmp_path / "p.docx", effective=TODAY,
                                     regime=Regime("pilot", "浙江省知识产权局"))
    assert "ZL" + published in ooxml.document_text(done.path)


def test_the_work_is_audited_as_the_users(loaded):
    with loaded.reading() as session:
        fields = dict(session.execute(select(AuditRecord.field, func.count()).group_by(AuditRecord.field)).all())
        users = set(session.execute(select(AuditRecord.user)).scalars())
    assert fields.get("fee_note") == 12 and fields.get("received_on") == 2
    # the preparer is the user who loaded the demo; a colleague reviewed
    assert users == {loaded.user, demo_progress.REVIEWER}


def test_again_with_force_and_designs_have_a_real_industry(ws):
    demo.load_demo(ws, 200, seed=3, today=TODAY)
    demo.load_demo(ws, 200, seed=3, today=TODAY, force=True)
    assert dict(statistics.compute(ws, today=TODAY).funnel())["licensed"] == 2
    assert len(licensees.list_licensees(ws)) == len(demo_progress.LICENSEES)
    designs = [f for f in demo.generate(400, 5, TODAY) if f.patent_type is PatentType.DESIGN]
    assert designs and all(f.industry.endswith("业") and f.industry != "产品外观设计" for f in designs)


def test_a_small_demo_takes_what_fits(ws):
    # 20 patents hold 4 that can be offered at once: the first steps only, nothing refused on the way
    assert len(demo_progress.candidates(demo.generate(20, 1, TODAY), TODAY, 1, 36)) == 4
    demo.load_demo(ws, 20, seed=1, today=TODAY)
    funnel = dict(statistics.compute(ws, today=TODAY).funnel())
    assert (funnel["committed"], funnel["signed"], funnel["listed_or_declared"]) == (4, 2, 0)
    assert licences.list_licences(ws) == []


def test_without_the_office_work_only_the_patents_and_books(ws):
    demo.load_demo(ws, 300, seed=1, today=TODAY, office_work=False)
    funnel = dict(statistics.compute(ws, today=TODAY).funnel())
    assert (funnel["committed"], funnel["licensed"]) == (0, 0) and funnel["eligible"] > 0
    assert licensees.list_licensees(ws) == [] and declarations.list_declarations(ws) == []


def test_openlic_demo_twice_then_force_and_patents_only(db_path, capsys):
    from openlic_desktop.cli.main import main
    from openlic_desktop.services.workspace import open_workspace

    assert main(["--db", str(db_path), "demo", "--patents", "150"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "demo", "--patents", "150"]) != 0
    assert "DB_NOT_EMPTY" in capsys.readouterr().err
    assert main(["--db", str(db_path), "demo", "--patents", "150", "--force"]) == 0
    ws = open_workspace(db_path)
    try:
        assert len(licences.list_licences(ws)) == 2 and len(licensees.list_licensees(ws)) == 2
    finally:
        ws.close()
    assert main(["--db", str(db_path), "demo", "--patents", "150", "--force", "--patents-only"]) == 0
    ws = open_workspace(db_path)
    try:
        assert licences.list_licences(ws) == [] and declarations.list_declarations(ws) == []
        assert dict(statistics.compute(ws).funnel())["committed"] == 0
    finally:
        ws.close()


def test_evaluated_utility_models_and_designs_are_eligible(loaded):
    """A share of the utility models and designs in force hold a 专利权评价报告 (a few unfavourable): those with a
    favourable one and nothing else in the way count as eligible, and the full readiness check agrees."""
    from openlic_desktop.domain.blocker_override import FACT_BLOCKERS
    from openlic_desktop.services import demo_reports, readiness

    facts = demo.generate(300, 1, TODAY)
    reports = {r.number: r for r in demo_reports.reports_for(facts, 1, TODAY)}
    assert {r.favourable for r in reports.values()} == {True, False}
    stats = statistics.compute(loaded, today=TODAY)
    full = {r.patent_id: r for r in readiness.check(loaded, None, today=TODAY)}
    ids = pricing.ids_for_numbers(loaded, [f.number.canonical for f in facts])
    eligible_by_type: Counter = Counter()
    for f in facts:
        if f.patent_type is PatentType.INVENTION or stats.standings[ids[f.number.canonical]].stage == 0:
            continue
        pid = ids[f.number.canonical]
        eligible = stats.standings[pid].stage >= 2
        assert eligible == (not any(x.is_blocker and x.code in FACT_BLOCKERS for x in full[pid].findings))
        report = reports.get(f.number.canonical)
        if eligible:  # only with a favourable report
            assert report is not None and report.favourable
            eligible_by_type[f.patent_type] += 1
        elif report is None:
            assert "EVALUATION_REPORT_MISSING" in full[pid].codes
        elif not report.favourable:
            assert "EVALUATION_REPORT_UNFAVOURABLE" in full[pid].codes
    assert eligible_by_type[PatentType.UTILITY_MODEL] > 0 and eligible_by_type[PatentType.DESIGN] > 0
    by_type = {row.value: row.reached[1] for row in stats.groups("type")}
    assert by_type[PatentType.UTILITY_MODEL] == eligible_by_type[PatentType.UTILITY_MODEL]


def test_each_report_is_a_pdf_that_says_what_it_records(loaded):
    from pypdf import PdfReader

    from openlic_desktop.services import attachments, demo_reports, portfolio

    facts = {f.number.canonical: f for f in demo.generate(300, 1, TODAY)}
    report = demo_reports.reports_for(list(facts.values()), 1, TODAY)[0]
    patent = portfolio.detail(loaded, report.number)
    [attached] = [a for a in attachments.list_attachments(loaded, patent.id) if a.kind == "evaluation-report"]
    assert (attached.report_no, attached.report_date, attached.state) == (report.report_no, report.report_date, "ok")
    assert attached.conclusion == ("favourable" if report.favourable else "unfavourable")
    assert facts[report.number].grant_date < report.report_date < TODAY
    text = PdfReader(attachments.verified_path(loaded, attached.id)).pages[0].extract_text()
    for words in ("专利权评价报告", facts[report.number].number.patent_number, facts[report.number].title,
                  report.report_no, report.report_date.isoformat(), "并非国家知识产权局出具"):
        assert words in text
    assert (demo_reports.FAVOURABLE_WORDS if report.favourable else demo_reports.UNFAVOURABLE_WORDS) in text
