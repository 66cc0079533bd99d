"""Pricing terms, the payment schedule (property tests) and each pricing rule."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.pricing import (
    PRICING_RULE_CODES,
    Frequency,
    PeriodKind,
    PricingMode,
    PricingTerms,
    RoyaltyBase,
    payment_schedule,
    pricing_findings,
    term_end,
)
from openlic_desktop.domain.profiles import BureauProfile, profile_from_dict
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.messages import catalogue

PROFILE = BureauProfile(code="general", name="通用", min_term_months=12)
TODAY = date(2026, 11, 26)
FAR_EXPIRY = date(2040, 1, 1)


def royalty(rate="3", base=RoyaltyBase.NET_SALES, **kw) -> PricingTerms:
    kw.setdefault("term_months", 36)
    return PricingTerms(PricingMode.ROYALTY, rate=Decimal(rate), base=base, **kw)


# --- terms -----------------------------------------------------------------------------------------------------

def test_canonical_is_plain_json_and_spelling_independent():
    a = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(12000), term_months=24)
    b = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal("12000.00"), term_months=24)
    assert a.canonical() == b.canonical()
    assert json.loads(json.dumps(a.canonical())) == a.canonical()
    assert a.canonical()["amount"] == "12000.00"
    assert a.canonical()["territory"] == "中国境内"
    r1, r2 = royalty("3"), royalty("3.00")
    assert r1.canonical() == r2.canonical() and r1.canonical()["rate"] == "3"
    assert PricingTerms.from_canonical(r1.canonical()) == r1


def test_canonical_changes_when_terms_change():
    assert royalty("3").canonical() != royalty("3.5").canonical()
    assert royalty(free_months=6).canonical() != royalty().canonical()


def test_floats_are_refused():
    with pytest.raises(TypeError):
        PricingTerms(PricingMode.LUMP_SUM, amount=1.5, term_months=12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        payment_schedule(royalty(), TODAY, annual_sales=1000.0)  # type: ignore[arg-type]


@pytest.mark.parametrize("terms, fragment", [
    (PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(-1), term_months=12), "negative"),
    (PricingTerms(PricingMode.FREE, rate=Decimal(3), term_months=12), "free"),
    (PricingTerms(PricingMode.FREE, free_months=3, term_months=12), "free"),
    (PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(1), rate=Decimal(3), term_months=12), "lump sum"),
    (royalty("120"), "between 0 and 100"),
    (royalty(term_months=0), "term_months"),
])
def test_inconsistent_terms_are_refused(terms, fragment):
    with pytest.raises(InputError) as info:
        terms.check_consistent()
    assert info.value.code == "PRICING_INCONSISTENT"
    assert fragment in info.value.params["reason"]


def test_royalty_without_rate_is_incomplete():
    terms = PricingTerms(PricingMode.ROYALTY, base=RoyaltyBase.NET_SALES, term_months=12)
    with pytest.raises(InputError) as info:
        terms.check_consistent()
    assert info.value.code == "PRICING_INCOMPLETE"
    terms.check_consistent(complete=False)  # an editor may keep it half-filled


def test_summary_mentions_trial():
    text = royalty(pay_after_trial=True, trial_months=12).summary("zh")
    assert "3%" in text and "净销售额" in text and "36个月" in text and "试用12个月" in text


# --- schedule: worked examples -----------------------------------------------------------------------------------

def test_lump_sum_schedule():
    terms = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24)
    s = payment_schedule(terms, date(2026, 1, 1))
    assert [(p.kind, p.amount) for p in s.periods] == [(PeriodKind.LUMP_SUM, Decimal("50000.00"))]
    assert s.periods[0].end == date(2027, 12, 31) and s.total == Decimal("50000.00")


def test_entry_plus_royalty_quarterly_after_free_months():
    terms = PricingTerms(PricingMode.ENTRY_PLUS_ROYALTY, entry_fee=Decimal(10000), rate=Decimal("2.5"),
                         base=RoyaltyBase.NET_SALES, term_months=14, free_months=6,
                         frequency=Frequency.QUARTERLY)
    s = payment_schedule(terms, date(2026, 1, 1), annual_sales=Decimal(1200000))
    kinds = [p.kind for p in s.periods]
    assert kinds == [PeriodKind.FREE, PeriodKind.ENTRY_FEE, PeriodKind.ROYALTY, PeriodKind.ROYALTY,
                     PeriodKind.ROYALTY]
    assert s.periods[0].end == date(2026, 6, 30) and s.periods[0].amount == 0
    assert s.periods[1].start == s.periods[1].end == date(2026, 7, 1)
    # 1,200,000 × 2.5 % = 30,000 a year → 7,500 a quarter; the last period is 2 months → 5,000
    assert [p.amount for p in s.periods[2:]] == [Decimal("7500.00"), Decimal("7500.00"), Decimal("5000.00")]
    assert s.periods[-1].end == date(2027, 2, 28)
    assert s.total == Decimal("30000.00")


def test_royalty_on_profit_needs_profit():
    terms = royalty("10", base=RoyaltyBase.PROFIT)
    with pytest.raises(InputError) as info:
        payment_schedule(terms, TODAY, annual_sales=Decimal(100))
    assert info.value.code == "PRICING_BASE_MISSING"
    s = payment_schedule(terms, TODAY, annual_sales=Decimal(100), annual_profit=Decimal(1000))
    assert s.total == Decimal("300.00")


def test_free_mode_is_one_free_period():
    s = payment_schedule(PricingTerms(PricingMode.FREE, term_months=12), date(2024, 2, 29))
    assert len(s.periods) == 1 and s.periods[0].kind is PeriodKind.FREE and s.total == 0
    assert s.periods[0].end == date(2025, 2, 27)  # 2024-02-29 + 12 months = 2025-02-28, minus a day


def test_month_end_start_keeps_periods_contiguous():
    s = payment_schedule(royalty(term_months=5, frequency=Frequency.QUARTERLY), date(2026, 1, 31),
                         annual_sales=Decimal(100))
    assert s.periods[0].start == date(2026, 1, 31)
    assert s.periods[0].end == date(2026, 4, 29)  # add_months(31 Jan, 3) = 30 Apr, minus a day
    assert s.periods[1].start == date(2026, 4, 30)


# --- schedule: properties --------------------------------------------------------------------------------------

starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
money_values = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def paid_terms(draw):
    mode = draw(st.sampled_from([PricingMode.LUMP_SUM, PricingMode.ROYALTY, PricingMode.ENTRY_PLUS_ROYALTY]))
    term = draw(st.integers(1, 240))
    trial = draw(st.booleans())
    unpaid = draw(st.integers(0, term + 3))
    kw = {"term_months": term, "frequency": draw(st.sampled_from(list(Frequency)))}
    if trial and unpaid:
        kw.update(pay_after_trial=True, trial_months=unpaid)
    else:
        kw.update(free_months=unpaid)
    if mode is PricingMode.LUMP_SUM:
        return PricingTerms(mode, amount=draw(money_values), **kw)
    rate = draw(st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False))
    base = draw(st.sampled_from(list(RoyaltyBase)))
    if mode is PricingMode.ENTRY_PLUS_ROYALTY:
        kw["entry_fee"] = draw(money_values)
    return PricingTerms(mode, rate=rate, base=base, **kw)


@settings(max_examples=300, deadline=None)
@given(terms=paid_terms(), start=starts, sales=money_values, profit=money_values)
def test_schedule_properties(terms, start, sales, profit):
    s = payment_schedule(terms, start, annual_sales=sales, annual_profit=profit)
    # totals equal the sum of the periods, money has two places
    assert s.total == sum((p.amount for p in s.periods), Decimal(0))
    assert all(p.amount.as_tuple().exponent == -2 and p.amount >= 0 for p in s.periods)
    # the term: from the start to the day before the same day N months later
    assert s.end == add_months(start, terms.term_months) - timedelta(days=1)
    assert s.periods[0].start == start
    assert max(p.end for p in s.periods) == s.end
    # spans (everything but the one-day entry fee) tile the term without gaps or overlaps
    spans = [p for p in s.periods if p.kind is not PeriodKind.ENTRY_FEE]
    for a, b in itertools.pairwise(spans):
        assert b.start == a.end + timedelta(days=1)
    assert all(p.start <= p.end for p in s.periods)
    # free months pay nothing, and nothing is paid before they end
    unpaid = min(terms.unpaid_months, terms.term_months)
    paid_from = add_months(start, unpaid)
    for p in s.periods:
        if p.kind is PeriodKind.FREE:
            assert p.amount == 0 and p.end < paid_from
        else:
            assert p.start >= paid_from
    if unpaid >= terms.term_months:
        assert s.total == 0
    # royalty periods: one per started step of the frequency, boundaries anchored on the term's start
    # (so that a 31 Jan or 29 Feb start does not drift to the 28th for the rest of the term)
    royalties = [p for p in s.periods if p.kind is PeriodKind.ROYALTY]
    if terms.mode.has_royalty and unpaid < terms.term_months:
        step = terms.frequency.months
        assert len(royalties) == -(-(terms.term_months - unpaid) // step)
        anchors = {add_months(start, k) for k in range(terms.term_months + 1)}
        assert all(p.start in anchors and p.end + timedelta(days=1) in anchors for p in royalties)
    else:
        assert royalties == []


@settings(max_examples=100, deadline=None)
@given(start=starts, term=st.integers(1, 120), sales=money_values)
def test_yearly_royalty_total_close_to_annual_times_years(start, term, sales):
    terms = royalty("5", term_months=term)
    s = payment_schedule(terms, start, annual_sales=sales)
    exact = sales * Decimal("0.05") * term / 12
    periods = len(s.periods)
    assert abs(s.total - exact) <= Decimal("0.005") * periods + Decimal("0.0001")


@given(start=st.sampled_from([date(2024, 2, 29), date(2028, 2, 29), date(2023, 1, 31), date(2024, 12, 31)]),
       term=st.integers(1, 60))
def test_term_end_on_leap_days_and_month_ends(start, term):
    end = term_end(start, term)
    assert end + timedelta(days=1) == add_months(start, term)
    assert start < end + timedelta(days=1)


# --- rules -------------------------------------------------------------------------------------------------------

def codes(findings):
    return [f.code for f in findings]


def test_every_rule_code_has_messages():
    for code in PRICING_RULE_CODES + ("PRICING_FAR_ABOVE_REFERENCE",):
        assert code in catalogue()


def test_clean_terms_have_no_findings():
    assert pricing_findings(royalty(), FAR_EXPIRY, PROFILE, TODAY) == []


def test_pricing_missing():
    f = pricing_findings(None, FAR_EXPIRY, PROFILE, TODAY)
    assert codes(f) == ["PRICING_MISSING"] and f[0].is_blocker
    half = PricingTerms(PricingMode.ROYALTY, base=RoyaltyBase.NET_SALES, term_months=24)
    f = pricing_findings(half, FAR_EXPIRY, PROFILE, TODAY)
    assert codes(f) == ["PRICING_MISSING"] and "rate" in f[0].params["fields"]
    assert pricing_findings(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(1), term_months=24),
                            FAR_EXPIRY, PROFILE, TODAY) == []


def test_term_too_short_uses_profile_minimum():
    assert codes(pricing_findings(royalty(term_months=11), FAR_EXPIRY, PROFILE, TODAY)) == ["TERM_TOO_SHORT"]
    assert pricing_findings(royalty(term_months=12), FAR_EXPIRY, PROFILE, TODAY) == []
    strict = BureauProfile(code="x", name="x", min_term_months=24)
    f = pricing_findings(royalty(term_months=12), FAR_EXPIRY, strict, TODAY)
    assert codes(f) == ["TERM_TOO_SHORT"] and f[0].params == {"months": 12, "minimum": 24}


def test_term_beyond_expiry_boundary():
    start = date(2026, 1, 1)
    terms = royalty(term_months=12)  # runs to 2026-12-31
    assert pricing_findings(terms, date(2026, 12, 31), PROFILE, TODAY, start=start) == []
    f = pricing_findings(terms, date(2026, 12, 30), PROFILE, TODAY, start=start)
    assert codes(f) == ["TERM_BEYOND_EXPIRY"] and f[0].params["term_end"] == "2026-12-31"
    # without a start the term starts today
    assert codes(pricing_findings(terms, TODAY + timedelta(days=100), PROFILE, TODAY)) == ["TERM_BEYOND_EXPIRY"]
    assert pricing_findings(terms, None, PROFILE, TODAY) == []


@pytest.mark.parametrize("terms, triggers", [
    (PricingTerms(PricingMode.LUMP_SUM, amount=Decimal("20000000.00"), term_months=12), False),
    (PricingTerms(PricingMode.LUMP_SUM, amount=Decimal("20000000.01"), term_months=12), True),
    (PricingTerms(PricingMode.ENTRY_PLUS_ROYALTY, entry_fee=Decimal(25000000), rate=Decimal(1),
                  base=RoyaltyBase.NET_SALES, term_months=12), True),
    (royalty("20"), False),
    (royalty("20.5"), True),
    (royalty("40", base=RoyaltyBase.PROFIT), False),
    (royalty("40.1", base=RoyaltyBase.PROFIT), True),
    (royalty("30", base=RoyaltyBase.PROFIT), False),
])
def test_fee_above_cap(terms, triggers):
    found = codes(pricing_findings(terms, FAR_EXPIRY, PROFILE, TODAY))
    assert found == (["FEE_ABOVE_CAP"] if triggers else [])


def test_caps_configurable_in_profile():
    profile = profile_from_dict({"code": "zj", "name": "浙江", "pricing": {"royalty_cap_net_sales": 10,
                                                                           "cap_severity": "warning"}})
    f = pricing_findings(royalty("12"), FAR_EXPIRY, profile, TODAY)
    assert codes(f) == ["FEE_ABOVE_CAP"] and not f[0].is_blocker


def test_free_period_or_trial_longer_than_term():
    assert codes(pricing_findings(royalty(term_months=12, free_months=13), FAR_EXPIRY, PROFILE, TODAY)) == [
        "FREE_PERIOD_TOO_LONG"]
    assert codes(pricing_findings(royalty(term_months=12, pay_after_trial=True, trial_months=18), FAR_EXPIRY,
                                  PROFILE, TODAY)) == ["FREE_PERIOD_TOO_LONG"]
    assert pricing_findings(royalty(term_months=12, free_months=12), FAR_EXPIRY, PROFILE, TODAY) == []
