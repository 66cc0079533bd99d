"""Patent term, last day in force and annual fees (domain.md §3). One function owns each rule."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from openlic_desktop.domain.dates import add_months, add_years, day_before
from openlic_desktop.domain.identifiers import PatentType

DESIGN_15_YEAR_CUTOFF = date(2021, 6, 1)
GRACE_MONTHS = 6
SURCHARGE_PER_MONTH = Decimal("0.05")
OPEN_LICENCE_FEE_REDUCTION = Decimal("0.15")  # [practice] 2024 fee notice


def term_years(patent_type: PatentType, filing_date: date) -> int:
    if patent_type is PatentType.INVENTION:
        return 20
    if patent_type is PatentType.UTILITY_MODEL:
        return 10
    return 15 if filing_date >= DESIGN_15_YEAR_CUTOFF else 10


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked for every patent of an import or a table page
def last_day_in_force(patent_type: PatentType, filing_date: date) -> date:
    """The day before the term's anniversary of the filing date: the last day the patent can be in force."""
    return day_before(add_years(filing_date, term_years(patent_type, filing_date)))


# (first year, last year, CNY per year)
_FEES: dict[PatentType, tuple[tuple[int, int, int], ...]] = {
    PatentType.INVENTION: ((1, 3, 900), (4, 6, 1200), (7, 9, 2000), (10, 12, 4000), (13, 15, 6000), (16, 20, 8000)),
    PatentType.UTILITY_MODEL: ((1, 3, 600), (4, 5, 900), (6, 8, 1200), (9, 10, 2000)),
    PatentType.DESIGN: ((1, 3, 600), (4, 5, 900), (6, 8, 1200), (9, 10, 2000), (11, 15, 3000)),
}


def annual_fee(patent_type: PatentType, year: int, open_licence: bool = False) -> Decimal:
    """The annual fee for the `year`-th patent year (1-based), with the open-licence reduction if asked."""
    for first, last, amount in _FEES[patent_type]:
        if first <= year <= last:
            fee = Decimal(amount)
            if open_licence:
                fee = fee * (1 - OPEN_LICENCE_FEE_REDUCTION)
            return fee.quantize(Decimal("0.01"))
    raise ValueError(f"no annual fee for year {year} of a {patent_type.value}")


def patent_year(filing_date: date, on: date) -> int:
    """Which patent year (1-based) `on` falls in, counted from the filing date."""
    years = on.year - filing_date.year
    if add_years(filing_date, years) > on:
        years -= 1
    return years + 1


class FeeState(str, Enum):
    PAID = "paid"          # fees cover the day asked about
    IN_GRACE = "in_grace"  # unpaid, within 6 months after the due date: payable with a surcharge
    LAPSED = "lapsed"      # unpaid past the grace period: the patent lapses from the due date
    UNKNOWN = "unknown"    # nothing recorded


@dataclass(frozen=True)
class FeePosition:
    state: FeeState
    due_date: date | None = None        # the first anniversary not covered
    grace_end: date | None = None       # last day on which it can still be paid
    surcharge_rate: Decimal = Decimal(0)  # 5 % per month late, on the fee


def next_due_date(filing_date: date, fees_paid_until: date) -> date:
    """The first anniversary of the filing date after the paid period (the day the next fee falls due)."""
    years = patent_year(filing_date, fees_paid_until)
    return add_years(filing_date, years)


def fee_position(filing_date: date | None, fees_paid_until: date | None, on: date) -> FeePosition:
    """Where the annual fees stand on `on`, given the last day covered by fees paid."""
    if filing_date is None or fees_paid_until is None:
        return FeePosition(FeeState.UNKNOWN)
    if fees_paid_until >= on:
        return FeePosition(FeeState.PAID, due_date=next_due_date(filing_date, fees_paid_until))
    due = next_due_date(filing_date, fees_paid_until)
    if due > on:
        return FeePosition(FeeState.PAID, due_date=due)
    grace_end = day_before(add_months(due, GRACE_MONTHS))
    if on <= grace_end:
        months_late = 0
        while add_months(due, months_late) <= on:
            months_late += 1
        return FeePosition(FeeState.IN_GRACE, due, grace_end, SURCHARGE_PER_MONTH * months_late)
    return FeePosition(FeeState.LAPSED, due, grace_end)
