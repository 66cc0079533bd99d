"""The one annual-fee engine (domain.annual_fees): the schedule, the surcharge by the day paid, and reductions —
the 15 % open-licence reduction only inside an announced, not withdrawn declaration, never stacked."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openlic_desktop.domain.annual_fees import (
    OPEN_LICENCE,
    RECORDED,
    Reduction,
    best_reduction,
    fee_due_on,
    fees_ahead,
    full_fee,
    grace_end,
    months_late,
    open_licence_reduction,
    surcharge_percent,
)
from openlic_desktop.domain.dates import add_months, add_years
from openlic_desktop.domain.identifiers import PatentType

INV = PatentType.INVENTION


def test_schedule():
    assert full_fee(INV, 1) == Decimal("900.00") and full_fee(INV, 20) == Decimal("8000.00")
    assert full_fee(PatentType.UTILITY_MODEL, 9) == Decimal("2000.00")
    assert full_fee(PatentType.DESIGN, 15) == Decimal("3000.00")
    with pytest.raises(ValueError):
        full_fee(PatentType.UTILITY_MODEL, 11)


def test_surcharge_steps_by_the_day_paid():
    due = date(2025, 3, 10)
    assert surcharge_percent(due, date(2025, 3, 9)) == 0          # on time
    assert surcharge_percent(due, due) == 0                       # first month after the due day: none
    assert surcharge_percent(due, date(2025, 4, 9)) == 0
    assert surcharge_percent(due, date(2025, 4, 10)) == 5         # the second month
    assert surcharge_percent(due, date(2025, 8, 10)) == 25        # the sixth
    assert surcharge_percent(due, date(2025, 9, 9)) == 25 and grace_end(due) == date(2025, 9, 9)
    assert surcharge_percent(due, date(2025, 9, 10)) is None      # lapsed: can no longer be paid
    fee = fee_due_on(INV, date(2020, 3, 10), due)
    assert fee.year == 6 and fee.surcharge_on(date(2025, 5, 1)) == Decimal("60.00")  # 5 % of 1,200
    assert [(s[2], s[3]) for s in fee.surcharge_steps()] == [(Decimal(p), Decimal(p * 12).quantize(Decimal("0.01")))
                                                           for p in (0, 5, 10, 15, 20, 25)]


@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)), st.integers(0, 400))
def test_surcharge_is_five_percent_per_started_month_after_the_first(due, days):
    paid = due + timedelta(days=days)
    late = months_late(due, paid)
    assert add_months(due, late - 1) <= paid < add_months(due, late)
    percent = surcharge_percent(due, paid)
    if late > 6:
        assert percent is None and paid > grace_end(due)
    else:
        assert percent == 5 * (late - 1) and paid <= grace_end(due)


@given(st.dates(date(2010, 1, 1), date(2035, 12, 31)), st.integers(-800, 800), st.integers(0, 800))
def test_open_licence_reduction_covers_announcement_to_withdrawal(due, start_offset, length):
    announced = due + timedelta(days=start_offset)
    withdrawn = announced + timedelta(days=length)
    r = open_licence_reduction(announced, withdrawn)
    covers = announced <= due < withdrawn
    assert (r is not None and r.covers(due)) == covers
    fee = fee_due_on(INV, date(2005, 1, 1), add_years(date(2005, 1, 1), 6), [r] if r else [])
    if r is not None and r.covers(fee.due):
        assert fee.amount == (fee.full * Decimal("0.85")).quantize(Decimal("0.01"))
    # never while only filed (not announced)
    assert open_licence_reduction(None, None) is None


def test_reductions_are_not_stacked_the_more_favourable_applies():
    due = date(2026, 5, 1)
    ol = open_licence_reduction(date(2026, 1, 1), None)
    fee_cut = Reduction(Decimal(85), RECORDED, date(2020, 1, 1), date(2029, 12, 31), "费减备案")
    assert best_reduction(due, [ol, fee_cut]) is fee_cut
    small = Reduction(Decimal(10), RECORDED)
    assert best_reduction(due, [ol, small]) is ol
    fee = fee_due_on(INV, date(2021, 5, 1), due, [ol, fee_cut])
    assert fee.reduction_percent == 85 and fee.amount == Decimal("180.00")  # 1,200 less 85 %, not less 100 %
    tie = Reduction(Decimal(15), RECORDED)
    assert best_reduction(due, [tie, ol]).source == OPEN_LICENCE


def test_fees_ahead_up_to_the_last_day_in_force():
    filed = date(2021, 3, 10)
    fees = fees_ahead(PatentType.UTILITY_MODEL, filed, date(2026, 3, 9), date(2031, 3, 9))
    assert [f.year for f in fees] == [6, 7, 8, 9, 10]
    assert fees[0].due == date(2026, 3, 10) and fees[-1].full == Decimal("2000.00")
    assert fees_ahead(INV, filed, None, None) == []
    assert len(fees_ahead(INV, filed, date(2026, 3, 9), None, count=2)) == 2
