"""Each rule of the statutory regime (domain.md §10) with a case that triggers it and one that does not, and what
stays as in the pilot (pure domain, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openlic_desktop.domain import fee_notes
from openlic_desktop.domain.declarations import PROMISES, DeclarationContent, DeclarationValue
from openlic_desktop.domain.findings import Severity
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase, pricing_findings
from openlic_desktop.domain.profiles import profile_from_toml
from openlic_desktop.domain.readiness import (
    AttachmentValue,
    EncumbranceValue,
    ReadinessRecord,
    RuleContext,
    SignOffValue,
    evaluate,
    fingerprint,
)
from openlic_desktop.domain.status import Status
from openlic_desktop.domain.statutory_rules import STATUTORY_CODES, find_words
from openlic_desktop.services.promotional_words import shipped_file

TODAY = date(2026, 11, 26)
STATUTORY = profile_from_toml(
    'code = "statutory"\nname = "s"\nregime = "statutory"\nsearch_report_allowed = false\n'
    '[pricing]\ncap_severity = "warning"\n')
PILOT = profile_from_toml('code = "general"\nname = "g"\n')
WORDS = ("国际领先", "国内首创", "最佳", "欢迎洽谈")
CTX = RuleContext(STATUTORY, TODAY, frozenset({"浙江大学"}), promotional_words=WORDS)
PILOT_CTX = RuleContext(PILOT, TODAY, frozenset({"浙江大学"}))
TERMS = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36)


def _number(kind: str = "1") -> str:
    digits = f"2021{kind}0123456"
    return f"{digits}.{check_character(digits)}"


def _facts(**changes) -> PatentFacts:
    base = {"number": parse_application_number(_number()), "title": "一种锂电池正极材料的制备方法",
            "filing_date": date(2021, 3, 10), "grant_date": date(2023, 5, 1), "status": Status.IN_FORCE,
            "patentees": ["浙江大学"], "fees_paid_until": date(2027, 3, 9), "contact_person": "王伟",
            "contact_phone": "0571-88888888"}
    base.update(changes)
    return PatentFacts(**base)


def record(facts: PatentFacts | None = None, terms: PricingTerms | None = TERMS, note: str | None = "说明",
           declaration: DeclarationValue | None = None, profile=STATUTORY, **changes) -> ReadinessRecord:
    r = ReadinessRecord(1, facts or _facts(), commitments={c.code: "" for c in profile.commitments},
                        pricing_canonical=terms.canonical() if terms else None,
                        pricing_term_months=terms.term_months if terms else None,
                        pricing_findings=pricing_findings(terms, date(2041, 3, 9), profile, TODAY),
                        fee_note=note, declaration=declaration, **changes)
    fp = fingerprint(r)
    r.signoffs = {"preparer": SignOffValue("preparer", "alice", fp), "reviewer": SignOffValue("reviewer", "bob", fp)}
    r._fingerprint = None
    return r


def codes(r: ReadinessRecord, ctx: RuleContext = CTX) -> list[str]:
    return [f.code for f in evaluate(r, ctx)]


def decl(**content) -> DeclarationValue:
    return DeclarationValue(1, 1, "draft", DeclarationContent(**content))


def filed(state: str = "announced") -> DeclarationValue:
    return DeclarationValue(1, 1, state, DeclarationContent(), filed_on=date(2026, 11, 20),
                            announced_on=date(2026, 11, 25) if state != "filed" else None)


def test_the_statutory_profile_promises_the_declaration_form():
    assert [c.code for c in STATUTORY.commitments] == [p[0] for p in PROMISES]
    assert STATUTORY.regime == "statutory" and PILOT.regime == "pilot"
    assert codes(record()) == []


UM = parse_application_number(_number("2"))
CASES = [
    ("FEE_UNPAID", lambda: record(_facts(filing_date=date(2021, 10, 10), fees_paid_until=date(2026, 10, 9))),
     record),
    ("FEE_UNPAID", lambda: record(_facts(fees_paid_until=None)), record),
    ("OTHER_OBSTACLE", lambda: record(encumbrances=[EncumbranceValue("other-obstacle", note="许可人正在进行重组")]),
     lambda: record(encumbrances=[EncumbranceValue("other-obstacle", end=date(2026, 1, 1))])),
    ("EVALUATION_REPORT_REQUIRED",
     lambda: record(_facts(number=UM), attachments=[AttachmentValue("search-report", "a" * 64,
                                                                    conclusion="favourable")]),
     lambda: record(_facts(number=UM), attachments=[AttachmentValue("evaluation-report", "b" * 64,
                                                                    conclusion="favourable")])),
    ("EVALUATION_REPORT_UNFAVOURABLE",
     lambda: record(_facts(number=UM), attachments=[AttachmentValue("evaluation-report", "b" * 64, "PJ-1",
                                                                    conclusion="unfavourable", claims="1-3")]),
     lambda: record(_facts(number=UM), attachments=[AttachmentValue("evaluation-report", "b" * 64,
                                                                    conclusion="favourable")])),
    ("TERRITORY_NOT_NATIONWIDE", lambda: record(terms=TERMS.with_changes(territory="浙江省内")), record),
    ("TERRITORY_NOT_NATIONWIDE", lambda: record(declaration=decl(territory="长三角地区")),
     lambda: record(declaration=decl())),
    ("PROMOTIONAL_WORDING", lambda: record(_facts(title="一种国际领先的锂电池")), record),
    ("PROMOTIONAL_WORDING", lambda: record(_facts(description="本技术国内首创，欢迎洽谈")), record),
    ("PROMOTIONAL_WORDING", lambda: record(declaration=decl(other_terms="最佳方案，ｗ")),
     lambda: record(declaration=decl(other_terms="许可人提供技术资料"))),
    ("FEE_NOTE_MISSING", lambda: record(note=None), record),
    ("PATENTEE_ID_MISSING", lambda: record(patentee_ids={}),
     lambda: record(patentee_ids={"浙江大学": ("uscc", "12330000470003281K")})),
    ("FEE_NOTE_MISSING", lambda: record(note="  \n"), record),
    ("FEE_NOTE_UNFINISHED", lambda: record(note="一、估算方法：参照同领域许可费\n二、估算依据：（待补充）"),
     lambda: record(note="一、估算方法：参照同领域许可费\n二、估算依据：本领域通常的提成比例约为3%。")),
    # a note drafted for a lump sum, the price since changed to the royalty the declaration states
    ("FEE_NOTE_CONTRADICTS_TERMS",
     lambda: record(note=fee_notes.draft(_facts(), PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(200000),
                                                                term_months=36), "royalty-rate", {"common_rate": "3"})),
     lambda: record(note=fee_notes.draft(_facts(), TERMS, "royalty-rate", {"common_rate": "3"}))),
    ("PATENTEE_CONSENT_MISSING", lambda: record(_facts(patentees=["浙江大学", "甲公司"])),
     lambda: record(_facts(patentees=["浙江大学", "甲公司"]), consents={"甲公司"})),
    ("EXCLUSIVE_LICENCE", lambda: record(encumbrances=[EncumbranceValue("sole-licence", "甲公司")]), record),
    ("DECLARATION_IN_FORCE",
     lambda: record(declaration=filed(), encumbrances=[EncumbranceValue("exclusive-licence", "甲公司",
                                                                         start=date(2027, 1, 1))]),
     lambda: record(declaration=filed(), encumbrances=[EncumbranceValue("exclusive-licence", "甲公司",
                                                                         end=date(2026, 11, 19))])),
    ("PLEDGE_WITHOUT_CONSENT", lambda: record(encumbrances=[EncumbranceValue("pledge", "某银行")]),
     lambda: record(encumbrances=[EncumbranceValue("pledge", "某银行", consent=True)])),
    ("SUSPENDED", lambda: record(encumbrances=[EncumbranceValue("dispute", "某人")]), record),
    ("PRICING_MISSING", lambda: record(terms=None), record),
    ("COMMITMENTS_INCOMPLETE", lambda: _without_commitments(), record),
]


def _without_commitments() -> ReadinessRecord:
    r = record()
    r.commitments = {}
    return r


@pytest.mark.parametrize(("code", "bad", "good"), CASES, ids=[c[0] for c in CASES])
def test_each_rule(code, bad, good):
    found = evaluate(bad(), CTX)
    assert code in [f.code for f in found]
    assert all(f.severity is Severity.BLOCKER for f in found if f.code == code)
    assert code not in codes(good())


def test_every_statutory_code_has_a_case_and_words():
    from openlic_desktop.support.messages import catalogue

    assert set(STATUTORY_CODES) <= {c[0] for c in CASES}
    for code in STATUTORY_CODES:
        assert code in catalogue()


def test_an_exclusive_licence_into_a_filed_declaration_blocks_every_document():
    from openlic_desktop.domain.blocker_override import DOCUMENT_BLOCKERS, blocking

    found = evaluate(record(declaration=filed(), encumbrances=[
        EncumbranceValue("exclusive-licence", "甲公司", start=date(2027, 1, 1))]), CTX)
    assert "DECLARATION_IN_FORCE" in [f.code for f in found] and "EXCLUSIVE_LICENCE" not in [f.code for f in found]
    for document, codes in DOCUMENT_BLOCKERS.items():
        assert [f.code for f in blocking(found, codes)] == ["DECLARATION_IN_FORCE"], document


def test_an_unfinished_fee_note_is_said_in_words_naming_the_patent():
    finding = next(f for f in evaluate(record(note="二、估算依据：（待补充）"), CTX) if f.code == "FEE_NOTE_UNFINISHED")
    from openlic_desktop.services.readiness import finding_message

    text = finding_message(finding, "zh")
    assert "（待补充）" in text and record().facts.number.canonical in text and "FEE_NOTE" not in text


def test_grace_and_unknown_fees_block_here_but_only_warn_in_the_pilot():
    in_grace = _facts(filing_date=date(2021, 10, 10), fees_paid_until=date(2026, 10, 9))
    assert codes(record(in_grace)) == ["FEE_UNPAID"]
    assert codes(record(in_grace, profile=PILOT), PILOT_CTX) == ["FEE_IN_GRACE"]
    finding = evaluate(record(in_grace), CTX)[0]
    from openlic_desktop.services.readiness import finding_message

    assert "处于滞纳期" in finding_message(finding, "zh") and "2026-10-10" in finding_message(finding, "zh")
    unknown = evaluate(record(_facts(fees_paid_until=None)), CTX)[0]
    assert "未记录缴费情况" in finding_message(unknown, "zh")


def test_a_search_report_counts_in_the_pilot_only():
    r = record(_facts(number=UM), attachments=[AttachmentValue("search-report", "a" * 64, conclusion="favourable")])
    assert "EVALUATION_REPORT_REQUIRED" in codes(r)
    assert "EVALUATION_REPORT_MISSING" not in codes(record(r.facts, attachments=r.attachments, profile=PILOT),
                                                     PILOT_CTX)


def test_fees_above_the_general_standard_are_a_warning_not_a_refusal():
    high = TERMS.with_changes(rate=Decimal(25))
    found = [f for f in evaluate(record(terms=high), CTX) if f.code == "FEE_ABOVE_CAP"]
    assert found and all(f.severity is Severity.WARNING for f in found)


def test_promotional_words_are_named_and_matched_across_widths():
    finding = next(f for f in evaluate(record(_facts(title="ＡＢＣ国际领先的最佳电池")), CTX)
                   if f.code == "PROMOTIONAL_WORDING")
    assert finding.params["words"] == "国际领先、最佳" and finding.params["fields"] == "title"
    assert find_words("Best 国内首创", ["国内首创", "best"]) == ["国内首创", "best"]
    shipped = shipped_file().read_text(encoding="utf-8")
    assert "国际领先" in shipped and "欢迎洽谈" in shipped


def test_the_office_extends_and_trims_the_word_list(_hermetic_home):
    from openlic_desktop.services.promotional_words import promotional_words, user_file

    user_file().write_text("# 本单位补充\n行业标杆\n-最优\n", encoding="utf-8")
    words = promotional_words()
    assert "行业标杆" in words and "最优" not in words and "国际领先" in words


def test_other_obstacle_blocks_in_both_regimes():
    r = record(encumbrances=[EncumbranceValue("other-obstacle", note="许可人正在进行重组")])
    assert "OTHER_OBSTACLE" in codes(r) and "OTHER_OBSTACLE" in codes(record(
        encumbrances=r.encumbrances, profile=PILOT), PILOT_CTX)


def test_the_declaration_contact_comes_first():
    r = record(_facts(contact_person="", contact_phone=""), declaration=decl(contact_person="李老师",
                                                                           contact_email="li@example.edu.cn"))
    assert "CONTACT_MISSING" not in codes(r)
    assert "CONTACT_MISSING" in codes(record(_facts(contact_person="", contact_phone="")))


def test_an_exclusive_licence_into_a_filed_declaration_contradicts_it():
    """Art 51(3): from filing on, an exclusive or sole licence over any part of the declaration's time is
    DECLARATION_IN_FORCE (not also EXCLUSIVE_LICENCE); before filing it is the pilot's EXCLUSIVE_LICENCE."""
    running = [EncumbranceValue("sole-licence", "甲公司", start=date(2025, 1, 1), end=date(2026, 12, 31))]
    assert codes(record(declaration=decl(), encumbrances=running)) == ["EXCLUSIVE_LICENCE"]
    for state in ("filed", "announced", "withdrawal-filed"):
        found = [f for f in evaluate(record(declaration=filed(state), encumbrances=running), CTX)]
        assert [f.code for f in found] == ["DECLARATION_IN_FORCE"], state
        assert "不得给予独占许可或排他许可" in _words(found[0])
    # one that ended before the filing contradicts nothing
    ended = [EncumbranceValue("exclusive-licence", "乙公司", start=date(2010, 1, 1), end=date(2026, 11, 19))]
    assert codes(record(declaration=filed(), encumbrances=ended)) == []
    assert len([c for c in codes(record(declaration=filed(), encumbrances=running + ended))]) == 1


def _words(finding) -> str:
    from openlic_desktop.services.readiness import finding_message

    return finding_message(finding, "zh")
