"""The fee-estimation note goes to CNIPA beside the declaration: once the price changes after the note was drafted,
the note restates the old terms (一次性支付20万元 beside a declaration of 按净销售额的4%提成). Such a note is said
to contradict the terms, by part, and the statutory rules refuse it; an office's own wording is not second-guessed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openlic_desktop.domain.fee_notes import contradictions, draft
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase

DIGITS = "202110576874"
FACTS = PatentFacts(parse_application_number(f"{DIGITS}.{check_character(DIGITS)}"), title="一种模型压缩方法",
                    filing_date=date(2021, 7, 4), grant_date=date(2025, 3, 12), patentees=["东海理工大学"])
LUMP = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(200000), term_months=24)
ROYALTY = PricingTerms(PricingMode.ROYALTY, rate=Decimal(4), base=RoyaltyBase.NET_SALES, term_months=24)


def note(terms: PricingTerms) -> str:
    return draft(FACTS, terms, "royalty-rate", {"common_rate": "4"})


def test_a_note_agrees_with_the_terms_it_was_drafted_for():
    for terms in (LUMP, ROYALTY, ROYALTY.with_changes(until_expiry=True, term_months=None),
                  ROYALTY.with_changes(free_months=12)):
        assert contradictions(note(terms), FACTS, terms) == [], terms


def test_a_changed_price_is_named_by_what_changed():
    assert contradictions(note(LUMP), FACTS, ROYALTY) == ["支付方式", "支付标准"]
    assert contradictions(note(LUMP), FACTS, LUMP.with_changes(amount=Decimal(300000))) == ["支付标准"]
    assert contradictions(note(LUMP), FACTS, LUMP.with_changes(term_months=36)) == ["许可期限"]
    assert contradictions(note(ROYALTY), FACTS, ROYALTY.with_changes(term_months=240)) == ["许可期限"]


def test_a_price_moved_above_the_general_standard_contradicts_within_it():
    above = LUMP.with_changes(amount=Decimal(30_000_000))
    said = contradictions(note(LUMP), FACTS, above)
    assert said[-1] == "与一般标准的比较" and "支付标准" in said


def test_an_offices_own_text_is_not_judged():
    assert contradictions("本专利参照同类技术转让价格估算，约20万元。", FACTS, ROYALTY) == []
    assert contradictions(note(LUMP), FACTS, None) == []
