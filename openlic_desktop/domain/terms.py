"""Patent term, last day in force and where the annual fees stand (domain.md §3). One function owns each rule;
the fees themselves — schedule, surcharge, reductions — are domain.annual_fees'."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from openlic_desktop.domain.annual_fees import HUNDRED, grace_end, patent_year, surcharge_percent
from openlic_desktop.domain.dates import add_years, day_before
from openlic_desktop.domain.identifiers import PatentType

__all__ = ["FeePosition", "FeeState", "fee_position", "last_day_in_force", "next_due_date",
           "patent_year", "term_years"]

DESIGN_15_YEAR_CUTOFF = date(2021, 6, 1)


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
    surcharge_rate: Decimal = Decimal(0)  # a fraction of the full fee (annual_fees.surcharge_percent / 100)


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
    last = grace_end(due)
    percent = surcharge_percent(due, on)
    if percent is not None:
        return FeePosition(FeeState.IN_GRACE, due, last, percent / HUNDRED)
    return FeePosition(FeeState.LAPSED, due, last)
