"""Pricing terms in words (domain.pricing_words): natural order, 万元, no internal codes — the one wording the
table, the contract, the declaration and the note share."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openlic_desktop.domain.pricing import Frequency, PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.domain.pricing_words import money_words, terms_in_words

ROYALTY = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36)
ENTRY = PricingTerms(PricingMode.ENTRY_PLUS_ROYALTY, entry_fee=Decimal(50000), rate=Decimal(2),
                     base=RoyaltyBase.PROFIT, term_months=24, frequency=Frequency.QUARTERLY)


@pytest.mark.parametrize(("terms", "mode", "standard"), [
    (ROYALTY, "提成支付（按年支付）", "按净销售额的3%提成"),
    (ENTRY, "入门费加提成支付（按季度支付）", "入门费5万元，另按利润的2%提成"),
    (PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(80000), term_months=24), "一次性支付", "一次性支付8万元"),
    (PricingTerms(PricingMode.LUMP_SUM, amount=Decimal("8500.50"), term_months=24), "一次性支付", "一次性支付8500.50元"),
    (PricingTerms(PricingMode.FREE, term_months=12), "免费", "免费"),
    (ROYALTY.with_changes(free_months=12), "提成支付（按年支付）", "前12个月免费，此后按净销售额的3%提成"),
    (ROYALTY.with_changes(pay_after_trial=True, trial_months=6, rate=Decimal("3.50")), "提成支付（按年支付）",
     "先试用6个月，试用期满后继续实施的，按净销售额的3.5%提成"),
])
def test_natural_order(terms, mode, standard):
    words = terms_in_words(terms)
    assert (words.mode, words.standard) == (mode, standard)
    assert words.summary == f"{standard}；许可期限{terms.term_months}个月" == terms.summary("zh")


def test_money_in_wan_yuan_only_when_it_reads_cleanly():
    assert [money_words(Decimal(v)) for v in ("50000", "125000", "1234500", "9999", "8000", "20000000")] == [
        "5万元", "12.5万元", "123.45万元", "9999元", "8000元", "2000万元"]
    assert money_words(Decimal(10050)) == "10050元"


@given(st.sampled_from(list(PricingMode)), st.integers(0, 10**7), st.integers(0, 4000), st.integers(1, 240),
       st.integers(0, 12), st.booleans(), st.sampled_from(list(RoyaltyBase)))
def test_no_codes_or_stray_spaces_in_any_wording(mode, amount, rate_bp, term, free, trial, base):
    kwargs = {"mode": mode, "term_months": term}
    if mode is PricingMode.LUMP_SUM:
        kwargs["amount"] = Decimal(amount)
    if mode is PricingMode.ENTRY_PLUS_ROYALTY:
        kwargs["entry_fee"] = Decimal(amount)
    if mode.has_royalty:
        kwargs.update(rate=Decimal(rate_bp) / 100, base=base)
    if mode.is_paid and free:
        if trial:
            kwargs.update(pay_after_trial=True, trial_months=free)
        else:
            kwargs["free_months"] = free
    words = terms_in_words(PricingTerms(**kwargs))
    for text in (words.mode, words.standard, words.summary):
        assert not re.search(r"[A-Za-z_]", text) and " " not in text, text
