"""The fees ahead as `openlic stats --json` and the dashboard give them, held field by field to each fee: money as
domain.statistics.money writes every amount (zero with its sign, amounts written with more or fewer places), a
fee's month as its due day's "%Y-%m", and a month's patents as those of its fees."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import statistics_samples as S
from hypothesis import given, settings
from hypothesis import strategies as st

from openlic_desktop.domain.statistics import FeeDue, PortfolioStatistics, money
from openlic_desktop.services import statistics

# amounts as the fee engine and a saved count give them, and the ones that compare equal but are written apart
AMOUNTS = st.one_of(
    st.sampled_from([Decimal(0), Decimal("-0"), Decimal("0.00"), Decimal("-0.00"), Decimal("0E+2"),
                     Decimal(900), Decimal("900.00"), Decimal("900.000"), Decimal("135.005"), Decimal("1E+3")]),
    st.decimals(min_value=-10_000, max_value=100_000, allow_nan=False, allow_infinity=False, places=3),
    st.decimals(min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False))

FEES = st.lists(st.builds(
    FeeDue, st.integers(1, 40), st.sampled_from(["2019100012345", "2020200054321", "2021300067890"]),
    st.sampled_from(["一种装置", "", "方法"]), st.sampled_from(["invention", "utility_model", "design"]),
    st.dates(date(2024, 1, 1), date(2028, 12, 31)), st.integers(1, 20), AMOUNTS, AMOUNTS,
    st.sampled_from(["", "open-licence", "recorded"]), AMOUNTS, st.booleans()), max_size=60)


def _expected_items(stats: PortfolioStatistics) -> list[dict]:
    return [{"application_number": f.application_number, "patent_number": "ZL" + f.application_number,
             "title": f.title, "type": f.patent_type, "due": f.due.isoformat(), "year": f.year,
             "fee": money(f.fee), "reduction": money(f.reduction), "reduction_source": f.reduction_source or None,
             "surcharge": money(f.surcharge), "amount": money(f.amount), "overdue": f.overdue}
            for f in stats.fees_due]


def _check(stats: PortfolioStatistics) -> None:
    part = stats.to_json()["fees_due"]
    assert part["items"] == _expected_items(stats)
    assert part["total"] == money(stats.fees_total())
    months = sorted({f.due.strftime("%Y-%m") for f in stats.fees_due})
    assert stats.fees_by_month() == [
        (m, sum(1 for f in stats.fees_due if f.due.strftime("%Y-%m") == m),
         sum((f.amount for f in stats.fees_due if f.due.strftime("%Y-%m") == m), Decimal("0.00"))) for m in months]
    for m in months:
        assert stats.patent_ids("fees_due", m) == sorted(
            {f.patent_id for f in stats.fees_due if f.due.strftime("%Y-%m") == m})


@settings(max_examples=150, deadline=None)
@given(FEES)
def test_fees_ahead_carry_each_fee_as_it_is(fees):
    stats = PortfolioStatistics(date(2026, 11, 26), "general", 90, {}, fees_due=fees)
    _check(stats)
    # zero and minus zero compare equal, yet each keeps its own sign where it stands
    signed = [money(f.reduction) for f in fees]
    assert [item["reduction"] for item in stats.to_json()["fees_due"]["items"]] == signed


def test_fees_ahead_of_the_sample(ws, tmp_path):
    S.build(ws, tmp_path)
    _check(statistics.compute(ws, today=S.TODAY))


def test_fees_ahead_of_the_demo(demo_ws):
    for day in (date(2026, 11, 26), date(2027, 6, 30)):
        stats = statistics.compute(demo_ws, today=day, horizon_days=366)
        assert len({f.due.strftime("%Y-%m") for f in stats.fees_due}) > 3
        _check(stats)
