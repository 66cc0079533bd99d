"""The statistics service on a portfolio whose figures are known (statistics_samples), the lean rule records
against the full readiness check, and the refresh after a change."""

from __future__ import annotations

from datetime import date

import pytest
import statistics_samples as S

from openlic_desktop.domain.blocker_override import FACT_BLOCKERS
from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.domain.statistics import STAGES
from openlic_desktop.services import batches, demo, encumbrances, portfolio, pricing, readiness, statistics
from openlic_desktop.services.licensing import licences as licence_service


@pytest.fixture
def known(ws, tmp_path):
    numbers = S.build(ws, tmp_path)
    return ws, numbers, statistics.compute(ws, today=S.TODAY)


def test_funnel_and_breakdowns_are_the_known_counts(known):
    _ws, numbers, stats = known
    assert stats.patents == S.EXPECTED["patents"]
    assert dict(stats.funnel()) == S.EXPECTED["funnel"]
    assert {r.value: (r.patents, r.reached[0]) for r in stats.groups("type")} == S.EXPECTED["type"]
    assert {r.value: r.patents for r in stats.groups("department")} == S.EXPECTED["department"]
    assert {r.value: r.patents for r in stats.groups("year")} == S.EXPECTED["year"]
    assert {r.value: r.patents for r in stats.groups("status")} == S.EXPECTED["status"]
    assert {r.value: r.patents for r in stats.groups("declaration")} == S.EXPECTED["declaration"]
    by_number = {numbers[k]: k for k in numbers}
    stage_of = {by_number[portfolio.detail_by_id(_ws, pid).facts.number.canonical]: s.stage
                for pid, s in stats.standings.items()}
    assert stage_of == S.STAGE_OF


def test_each_group_row_reaches_no_more_than_its_patents_and_sums_to_the_funnel(known):
    _ws, _numbers, stats = known
    funnel = dict(stats.funnel())
    for dimension in ("type", "department", "year", "status", "declaration"):
        rows = stats.groups(dimension)
        assert sum(r.patents for r in rows) == stats.patents
        for i, key in enumerate(STAGES):
            assert sum(r.reached[i] for r in rows) == funnel[key]
        for r in rows:
            assert list(r.reached) == sorted(r.reached, reverse=True) and r.reached[0] <= r.patents


def test_fees_due_and_expiring(known):
    _ws, numbers, stats = known
    by_key = {next(k for k, n in numbers.items() if n == f.application_number): f for f in stats.fees_due}
    assert {k: (f.due, f.year, f.fee, f.reduction, f.reduction_source, f.surcharge, f.overdue)
            for k, f in by_key.items()} == S.EXPECTED["fees_due"]
    assert stats.fees_total() == S.EXPECTED["fees_total"]
    assert [e.application_number for e in stats.expiring] == [numbers[k] for k in S.EXPECTED["expiring"]]
    assert stats.expiring[0].title == "统计测试专利P8" and by_key["P1"].title == "统计测试专利P1"


def test_patents_alike_in_all_but_a_reduction_have_each_their_own_fee(ws):
    """The fee engine is asked once for patents alike in everything it reads; a recorded reduction, another type or
    another day paid until makes another answer, and each fee keeps its own patent."""
    from decimal import Decimal

    from openlic_desktop.domain.patent import PatentFacts
    from openlic_desktop.domain.status import Status
    from openlic_desktop.services import annual_fees
    from openlic_desktop.storage import patents as patent_repo

    alike = {"filing_date": date(2020, 2, 2), "grant_date": date(2022, 2, 2), "status": Status.IN_FORCE,
             "patentees": ["示例大学"], "fees_paid_until": date(2027, 2, 1)}
    rows = {"A": ("1", {}), "B": ("1", {}), "C": ("1", {}), "D": ("2", {}),
            "E": ("1", {"fees_paid_until": date(2026, 2, 1)})}
    facts = [PatentFacts(S._number(2020, kind, 2000 + i), title=f"同日申请{key}", **{**alike, **other})
             for i, (key, (kind, other)) in enumerate(rows.items())]
    numbers = {key: f.number.canonical for key, f in zip(rows, facts, strict=True)}
    with ws.session() as session:
        patent_repo.insert_many(session, facts)
    annual_fees.record_reduction(ws, [numbers["C"]], "85", start=date(2026, 1, 1), basis="费减备案")
    stats = statistics.compute(ws, today=S.TODAY)
    fees = {f.title[-1]: f for f in stats.fees_due}
    # E's seventh year fell due on 2026-02-02 and was not paid within the six months of grace: nothing is payable
    assert sorted(fees) == ["A", "B", "C", "D"]
    assert {key: f.application_number for key, f in fees.items()} == {k: numbers[k] for k in "ABCD"}
    assert len({f.patent_id for f in fees.values()}) == 4
    a, b, c, d = (fees[k] for k in "ABCD")
    assert (a.due, a.year, a.fee, a.reduction, a.reduction_source, a.surcharge, a.overdue) == (
        date(2027, 2, 2), 8, Decimal("2000.00"), Decimal("0.00"), "", Decimal("0.00"), False)
    assert b[4:] == a[4:]
    assert (c.fee, c.reduction, c.reduction_source) == (Decimal("2000.00"), Decimal("1700.00"), "recorded")
    assert (d.fee, d.reduction) == (Decimal("1200.00"), Decimal("0.00"))  # a utility model's eighth year


def test_licences_income_sizes_and_offers(known):
    _ws, _numbers, stats = known
    e = S.EXPECTED
    assert len(stats.licences) == e["licences"]
    assert stats.licensed_patents() == e["licensed_patents"] and stats.licensees() == e["licensees"]
    assert sum(lic.free for lic in stats.licences) == e["free_licences"]
    assert stats.amount_due() == e["amount_due"] and stats.amount_received() == e["amount_received"]
    assert [(q.quarter, q.licences, q.received) for q in stats.by_quarter()] == e["by_quarter"]
    assert [(r.size, r.licences, r.licensees) for r in stats.by_size()] == e["by_size"]
    assert (stats.sme().licences, stats.sme().licensees) == e["sme"]
    offers = stats.to_json()["offers"]
    assert {k: offers[k] for k in e["offers"]} == e["offers"]


def test_a_figure_opens_as_exactly_its_patents(known):
    _ws, _numbers, stats = known
    for key, n in stats.funnel():
        assert len(stats.patent_ids("stage", key)) == n
    for dimension in ("type", "department", "year", "status", "declaration"):
        for row in stats.groups(dimension):
            assert len(stats.patent_ids(dimension, row.value)) == row.patents
    assert len(stats.patent_ids("fees_due")) == 3 and len(stats.patent_ids("expiring")) == 1
    assert len(stats.patent_ids("quarter", "2026Q1")) == 1
    assert len(stats.patent_ids("sme")) == 2  # P6 and the lapsed P11 were licensed to the small company
    assert len(stats.patent_ids("mode", "free")) == 1  # P11's free offer does not count: it lapsed


def test_json_carries_the_same_figures(known):
    _ws, _numbers, stats = known
    data = stats.to_json()
    assert {s["stage"]: s["patents"] for s in data["funnel"]} == S.EXPECTED["funnel"]
    assert data["fees_due"]["patents"] == 3 and data["expiring"]["patents"] == 1
    assert data["licences"]["amount_received"] == "50000.00" and data["licences"]["sme"] == {
        "licences": 2, "licensees": 1}
    assert [r["value"] for r in data["breakdowns"]["type"]] == ["invention", "utility_model", "design"]
    assert data["breakdowns"]["department"][-1]["label"] == "院系未填"
    only = stats.to_json(["department"], lang="en")
    assert list(only["breakdowns"]) == ["department"] and only["funnel"][0]["label"] == "In force"


def test_refresh_after_a_change_equals_a_fresh_computation(known):
    ws, numbers, stats = known
    encumbrances.add_encumbrance(ws, numbers["P8"], "pledge", party="某银行")  # P8 no longer eligible
    readiness.confirm_commitments(ws, [numbers["P13"]])                      # P13 now committed
    ids = portfolio.query_ids(ws)
    changed = [pid for pid in ids if portfolio.detail_by_id(ws, pid).facts.number.canonical in
               (numbers["P8"], numbers["P13"])]
    statistics.refresh(ws, stats, changed)
    fresh = statistics.compute(ws, today=S.TODAY)
    assert stats.standings == fresh.standings
    assert stats.funnel() == fresh.funnel()
    assert dict(stats.funnel())["eligible"] == 7 and dict(stats.funnel())["committed"] == 7
    assert stats.groups("department") == fresh.groups("department")
    assert stats.fees_due == fresh.fees_due and stats.expiring == fresh.expiring


def test_a_deleted_patent_leaves_the_statistics_on_refresh(known):
    from openlic_desktop.storage.models import Patent

    ws, numbers, stats = known
    pid = portfolio.detail(ws, numbers["P1"]).id
    with ws.session() as session:
        session.query(Patent).filter(Patent.id == pid).delete()
    statistics.refresh(ws, stats, [pid])
    assert pid not in stats.standings and stats.patents == 12
    assert all(f.patent_id != pid for f in stats.fees_due)
    assert stats.funnel() == statistics.compute(ws, today=S.TODAY).funnel()


def test_lean_records_judge_eligibility_as_the_full_check_does(demo_ws, tmp_path):
    """The statistics read only what the rules of what may be offered look at; on a varied portfolio their
    verdict must be the full readiness check's."""
    ws = demo_ws
    numbers = [f.number.canonical for f in portfolio.list_patents(ws)]
    for i, number in enumerate(numbers[::5]):
        kind = ("exclusive-licence", "pledge", "dispute", "transfer", "ordinary-licence")[i % 5]
        encumbrances.add_encumbrance(ws, number, kind, party="某公司", start=date(2024, 1, 1),
                                     end=date(2027, 6, 1) if i % 2 else None)
    for number in numbers[1::7]:
        facts = portfolio.detail(ws, number).facts
        for owner in facts.patentees[1:]:
            encumbrances.record_consent(ws, number, owner)
    today = date(2026, 11, 26)
    stats = statistics.compute(ws, today=today)
    codes = FACT_BLOCKERS
    full = {r.patent_id: r for r in readiness.check(ws, None, today=today)}
    in_force = [pid for pid, s in stats.standings.items() if s.stage > 0]
    assert 40 < len(in_force) < 200
    for pid in in_force:
        eligible_by_check = not any(f.is_blocker and f.code in codes for f in full[pid].findings)
        assert (stats.standings[pid].stage >= 2) == eligible_by_check, full[pid].codes
    assert {s.stage for s in stats.standings.values()} >= {0, 1, 2}


def test_a_listed_patent_counts_at_the_stages_before(known):
    _ws, _numbers, stats = known
    # P4 (listed without commitments) and P1 (declared without them) count as eligible, committed and signed
    assert stats.funnel()[1:4] == [("eligible", 8), ("committed", 6), ("signed", 5)]


def test_brought_up_to_date_reads_what_changed_from_the_audit_trail(known, tmp_path, monkeypatch):
    ws, numbers, stats = known
    monkeypatch.setattr(statistics, "date", type("D", (), {"today": staticmethod(lambda: S.TODAY)}))
    assert statistics.brought_up_to_date(ws, stats) is stats  # nothing changed: the same figures
    pid = {key: portfolio.detail(ws, n).id for key, n in numbers.items()}

    readiness.confirm_commitments(ws, [numbers["P13"]])
    assert statistics.changed_patents(ws, stats.audit_mark)[1] == {pid["P13"]}
    pricing.set_terms(ws, [pid["P2"]], PricingTerms(PricingMode.FREE, term_months=12))
    licence_service.add_licence(ws, numbers["P2"], S.Y_USCC, date(2026, 11, 1))
    sub = batches.record_submission(ws, "2026年第二批", "general", date(2026, 11, 2), tmp_path / "x.zip", "0" * 64, 1,
                                    [(numbers["P8"], "{}")])
    batches.set_status(ws, sub, "sent")
    mark, ids = statistics.changed_patents(ws, stats.audit_mark)
    assert ids == {pid["P13"], pid["P2"], pid["P8"]}
    updated = statistics.brought_up_to_date(ws, stats)
    assert updated is not stats and updated.audit_mark == mark
    fresh = statistics.compute(ws, today=S.TODAY)
    assert updated.standings == fresh.standings and updated.funnel() == fresh.funnel()
    assert len(updated.licences) == 4 and dict(stats.funnel())["licensed"] == 1  # the old figures stay as they were
    assert statistics.brought_up_to_date(ws, updated) is updated

    demo.load_demo(ws, 20, seed=3, force=True, today=S.TODAY)  # not a set of patents: everything counted again
    assert statistics.changed_patents(ws, updated.audit_mark)[1] is None
    assert statistics.brought_up_to_date(ws, updated).patents == 20
