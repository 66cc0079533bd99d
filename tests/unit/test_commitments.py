"""`commit` never confirms what the record contradicts: the item is refused naming the fact, the others confirmed."""

from __future__ import annotations

from datetime import date, timedelta

from openlic_desktop.domain.commitments import CONTRADICTED_BY, contradictions, letter_promises
from openlic_desktop.domain.declarations import PROMISES
from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.profiles import DEFAULT_COMMITMENTS, Commitment
from openlic_desktop.domain.status import Status
from openlic_desktop.services import encumbrances, portfolio, readiness
from openlic_desktop.storage import patents as patent_repo

N1, N2, N3 = "202110123456.7", "201710601862.3", "202120234567.0"


def add(ws, number, patentees=("东海理工大学",)) -> int:
    facts = PatentFacts(parse_application_number(number), title="一种测试装置", filing_date=date(2021, 1, 15),
                        grant_date=date(2022, 3, 8), status=Status.IN_FORCE, patentees=list(patentees),
                        fees_paid_until=date.today().replace(year=date.today().year + 1))
    with ws.session() as session:
        patent_repo.insert_many(session, [facts])
        return patent_repo.ids_by_number(session, [number])[number]


def confirmed(ws, number) -> set[str]:
    with ws.reading() as session:
        pid = patent_repo.ids_by_number(session, [number])[number]
    return {s.code for s in readiness.commitments(ws, pid) if s.confirmed}


def test_the_rule_maps_items_to_the_facts_against_them():
    exclusive = Finding("EXCLUSIVE_LICENCE", Severity.BLOCKER)
    grace = Finding("FEE_IN_GRACE", Severity.WARNING)
    assert contradictions(["C1", "C3"], [exclusive, grace]) == {"C1": [exclusive]}
    # FEE_UNPAID is a fact against paying on time only for a fee in its grace period, not for one not recorded
    overdue = Finding("FEE_UNPAID", Severity.BLOCKER, {"state": "fee_in_grace"})
    unrecorded = Finding("FEE_UNPAID", Severity.BLOCKER, {"state": "fee_not_recorded"})
    assert contradictions(["P3"], [overdue, unrecorded]) == {"P3": [overdue]}
    assert contradictions(["P3"], [unrecorded]) == {}
    assert contradictions(["C3", "C8"], [exclusive]) == {}
    assert set(CONTRADICTED_BY) <= {c[0] for c in DEFAULT_COMMITMENTS} | {p[0] for p in PROMISES}
    commitments = [Commitment(*c) for c in DEFAULT_COMMITMENTS]
    solo = letter_promises(commitments, has_coowners=False, needs_report=False)
    assert not any("共有人" in p for p in solo) and all("C" not in p for p in solo)


def test_exclusive_licence_and_unconsented_pledge_are_refused_naming_the_fact(ws):
    add(ws, N1)
    encumbrances.add_encumbrance(ws, N1, "exclusive-licence", "甲公司", "", date(2025, 1, 1), date(2030, 12, 31))
    encumbrances.add_encumbrance(ws, N1, "pledge", "东海银行", "Z-1", date(2025, 1, 1))
    outcome = readiness.confirm_commitments(ws, [N1])
    refused = {r.params["item"]: r for r in outcome.refused}
    assert set(refused) == {"C1", "C6"} and outcome.done == [N1]
    assert "甲公司" in refused["C1"].message("zh") and "独占许可" in refused["C1"].message("zh")
    assert "东海银行" in refused["C6"].message("zh") and refused["C6"].code == "COMMITMENT_CONTRADICTED"
    # the promise in the profile's words, never its code
    assert "C6" not in refused["C6"].message("zh") and "质押" in refused["C6"].message("zh").split("与已登记")[0]
    assert "C1" not in refused["C1"].message("en")
    assert confirmed(ws, N1) == {"C2", "C3", "C4", "C5", "C7", "C8"}
    # the pledgee consents in writing: now C6 may be confirmed; C1 still may not
    [pledge] = [e for e in encumbrances.list_encumbrances_by_number(ws, N1) if e.kind == "pledge"]
    encumbrances.remove_encumbrance(ws, pledge.id)
    encumbrances.add_encumbrance(ws, N1, "pledge", "东海银行", "Z-1", date(2025, 1, 1), consent=True)
    again = readiness.confirm_commitments(ws, [N1], ["C1", "C6"])
    assert [r.params["item"] for r in again.refused] == ["C1"] and again.done == [N1]
    assert "C6" in confirmed(ws, N1) and "C1" not in confirmed(ws, N1)


def test_a_consent_not_yet_recorded_is_no_fact_against_c7(ws):
    add(ws, N2, ("东海理工大学", "江南新能源科技股份有限公司"))
    outcome = readiness.confirm_commitments(ws, [N2], ["C7"])
    assert outcome.done == [N2] and outcome.refused == []


def add_statutory(ws, number, title="一种测试装置", filing=date(2021, 1, 15), paid=None) -> str:
    facts = PatentFacts(parse_application_number(number), title=title, filing_date=filing,
                        grant_date=date(2022, 3, 8), status=Status.IN_FORCE, patentees=["东海理工大学"],
                        fees_paid_until=paid)
    with ws.session() as session:
        patent_repo.insert_many(session, [facts])
    return number


def test_statutory_promises_are_refused_against_what_the_record_knows(ws):
    next_year = date.today().replace(year=date.today().year + 1)
    licensed = add_statutory(ws, N1, paid=next_year)
    encumbrances.add_encumbrance(ws, N1, "sole-licence", "甲公司", "", date(2025, 1, 1), date(2030, 12, 31))
    encumbrances.add_encumbrance(ws, N1, "pledge", "东海银行", "Z-1", date(2025, 1, 1))
    outcome = readiness.confirm_commitments(ws, [licensed], profile_code="statutory")
    refused = {r.params["item"]: r for r in outcome.refused}
    assert set(refused) == {"P1", "P2"} and outcome.done == [N1]
    assert "甲公司" in refused["P2"].message("zh") and "排他许可" in refused["P2"].message("zh")
    assert "东海银行" in refused["P1"].message("zh") and "P1" not in refused["P1"].message("zh")
    assert confirmed_in(ws, N1, "statutory") == {"P3", "P4", "P5", "P6"}

    # promotional words are a fact against P5; a fee in its grace period one against P3: its due day has passed
    # unpaid, so it was not paid as required (Rule 86(3)) — the surcharge runs — and "annual fees paid on time"
    # is already untrue
    due = date.today() - timedelta(days=9)
    worded = add_statutory(ws, N2, title="一种国际领先的测试装置", filing=due.replace(year=2021),
                           paid=due - timedelta(days=1))
    [found] = readiness.check(ws, [N2], regime="statutory")
    assert any(f.code == "FEE_UNPAID" and f.params["state"] == "fee_in_grace" for f in found.findings)
    outcome = readiness.confirm_commitments(ws, [worded], profile_code="statutory")
    refused = {r.params["item"]: r for r in outcome.refused}
    assert set(refused) == {"P3", "P5"} and all(r.code == "COMMITMENT_CONTRADICTED" for r in refused.values())
    assert "国际领先" in refused["P5"].message("zh")
    assert "年费未按规定缴纳（处于滞纳期" in refused["P3"].message("zh") and "P3" not in refused["P3"].message("zh")
    assert "按时缴纳专利年费" in refused["P3"].message("zh")  # the promise in its words
    assert "in its grace period" in refused["P3"].message("en") and due.isoformat() in refused["P3"].message("en")
    assert "P3" not in confirmed_in(ws, N2, "statutory")
    # once the fee is paid and recorded, the promise can be made
    portfolio.set_fields(ws, N2, {"fees_paid_until": due.replace(year=due.year + 1) - timedelta(days=1)})
    again = readiness.confirm_commitments(ws, [worded], ["P3"], profile_code="statutory")
    assert again.done == [N2] and again.refused == []

    # a fee position simply not recorded blocks the declaration too, but is no recorded fact against the promise
    unknown = add_statutory(ws, "202210345678.8", paid=None)
    [found] = readiness.check(ws, [unknown], regime="statutory")
    assert any(f.code == "FEE_UNPAID" and f.params["state"] == "fee_not_recorded" for f in found.findings)
    assert readiness.confirm_commitments(ws, [unknown], ["P3"], profile_code="statutory").refused == []

    # a right lapsed for an unpaid fee: neither valid (P1) nor kept in force by paying on time (P3)
    lapsed = add_statutory(ws, N3, filing=date(2021, 1, 15), paid=date(2024, 1, 14))
    outcome = readiness.confirm_commitments(ws, [lapsed], profile_code="statutory")
    assert {r.params["item"] for r in outcome.refused} == {"P1", "P3"}
    assert confirmed_in(ws, N3, "statutory") == {"P2", "P4", "P5", "P6"}


def confirmed_in(ws, number, profile_code) -> set[str]:
    with ws.reading() as session:
        pid = patent_repo.ids_by_number(session, [number])[number]
    return {s.code for s in readiness.commitments(ws, pid, profile_code) if s.confirmed}


def test_keeping_the_patent_in_force_is_refused_where_the_profile_makes_grace_block(ws):
    from openlic_desktop.services import profiles as profile_service

    # the pilot's C2 (按时缴纳年费，维持专利权有效) is the statutory P3 in other words: the same facts refuse it
    overdue = Finding("FEE_UNPAID", Severity.BLOCKER, {"state": "fee_in_grace"})
    lapsed = Finding("LAPSED", Severity.BLOCKER)
    assert CONTRADICTED_BY["C2"] == CONTRADICTED_BY["P3"]
    assert contradictions(["C2"], [overdue, lapsed]) == {"C2": [overdue, lapsed]}
    # a pilot profile makes grace a warning: no fact against the promise (refusing it would block the listing
    # through the commitments the profile lets through)
    assert contradictions(["C2"], [Finding("FEE_IN_GRACE", Severity.WARNING, {"due": "2026-01-15"})]) == {}

    due = date.today() - timedelta(days=9)
    in_grace = add_statutory(ws, N2, filing=due.replace(year=2021), paid=due - timedelta(days=1))
    outcome = readiness.confirm_commitments(ws, [in_grace], ["C2"], profile_code="zhejiang")
    assert outcome.done == [N2] and outcome.refused == []
    # a right lapsed for an unpaid fee is not kept in force, under any profile
    gone = add_statutory(ws, N3, filing=date(2021, 1, 15), paid=date(2024, 1, 14))
    [refusal] = readiness.confirm_commitments(ws, [gone], ["C2"], profile_code="zhejiang").refused
    assert refusal.code == "COMMITMENT_CONTRADICTED" and "按时缴纳年费" in refusal.message("zh")
    assert "C2" not in confirmed_in(ws, N3, "zhejiang")

    # a profile that files the declaration (grace blocks) but words its promises as the pilot's C items
    folder = profile_service.user_profile_dir()
    folder.mkdir(parents=True, exist_ok=True)
    items = "\n".join(f'[[commitments]]\ncode = "{code}"\nzh = "{zh}"\nen = "{en}"' for code, zh, en in DEFAULT_COMMITMENTS)
    (folder / "declared.toml").write_text(f'code = "declared"\nname = "按声明"\nregime = "statutory"\n{items}\n',
                                          encoding="utf-8")
    other = add_statutory(ws, "202210345678.8", filing=due.replace(year=2022), paid=due - timedelta(days=1))
    [refusal] = readiness.confirm_commitments(ws, [other], ["C2"], profile_code="declared").refused
    assert "年费未按规定缴纳（处于滞纳期" in refusal.message("zh") and "C2" not in refusal.message("zh")
    # once the fee is paid and recorded, the promise can be made
    portfolio.set_fields(ws, other, {"fees_paid_until": due.replace(year=due.year + 1) - timedelta(days=1)})
    assert readiness.confirm_commitments(ws, [other], ["C2"], profile_code="declared").done == [other]
