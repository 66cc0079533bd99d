"""Annual fees (年费): the schedule, the reductions and the late-payment surcharge (domain.md §3, §10).

The one engine for annual fees: the readiness rules, the deadlines, `openlic fees` and the declaration views all
ask it. Pure: dates are passed in, nothing is read.

Conventions
- A fee's `due` day is the anniversary of the filing date that starts the patent year it pays for: the fee is
  paid *before* it, and from it the patent is no longer covered (`terms.next_due_date`).
- Surcharge (滞纳金) [law: Implementing Regulations; CNIPA fee schedule, domain.md §3]: paid within the first
  month after the due day, none; then 5 % of the full annual fee (当年全额年费, before any reduction) for each
  month started after the first — 5 % in the 2nd month … 25 % in the 6th. After six months the fee can no longer
  be paid and the patent lapses from the due day.
- Reductions: the 15 % open-licence reduction [财政部 国家发展改革委 2024 fee notice] applies to a fee whose due day
  falls inside an announced, not withdrawn, statutory declaration (announcement day → the day before the
  withdrawal's announcement); never for pilot listings or unfiled drafts. Other reductions the office records
  (费减 for universities, …) are periods with a percentage. Reductions are not combined: the most favourable one
  covering the due day applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from openlic_desktop.domain.dates import add_months, add_years, day_before
from openlic_desktop.domain.identifiers import PatentType

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
GRACE_MONTHS = 6
SURCHARGE_PERCENT_PER_MONTH = Decimal(5)
OPEN_LICENCE_REDUCTION_PERCENT = Decimal(15)

OPEN_LICENCE = "open-licence"   # the source of the reduction inside an announced declaration
RECORDED = "recorded"           # a reduction the office recorded for the patent

# (first year, last year, CNY per year) [law: CNIPA fee schedule]
FEE_SCHEDULE: dict[PatentType, tuple[tuple[int, int, int], ...]] = {
    PatentType.INVENTION: ((1, 3, 900), (4, 6, 1200), (7, 9, 2000), (10, 12, 4000), (13, 15, 6000), (16, 20, 8000)),
    PatentType.UTILITY_MODEL: ((1, 3, 600), (4, 5, 900), (6, 8, 1200), (9, 10, 2000)),
    PatentType.DESIGN: ((1, 3, 600), (4, 5, 900), (6, 8, 1200), (9, 10, 2000), (11, 15, 3000)),
}


def full_fee(patent_type: PatentType, year: int) -> Decimal:
    """The full annual fee for the `year`-th patent year (1-based), before any reduction."""
    for first, last, amount in FEE_SCHEDULE[patent_type]:
        if first <= year <= last:
            return Decimal(amount).quantize(CENT)
    raise ValueError(f"no annual fee for year {year} of a {patent_type.value}")


def patent_year(filing_date: date, on: date) -> int:
    """Which patent year (1-based) `on` falls in, counted from the filing date."""
    years = on.year - filing_date.year
    if add_years(filing_date, years) > on:
        years -= 1
    return years + 1


def grace_end(due: date) -> date:
    """The last day a fee due on `due` can still be paid (with the surcharge)."""
    return day_before(add_months(due, GRACE_MONTHS))


def months_late(due: date, paid_on: date) -> int:
    """0 when paid before the due day; otherwise which month after the due day `paid_on` falls in (1 = the first
    month: from the due day up to the day before the same day a month later)."""
    if paid_on < due:
        return 0
    months = 1
    while add_months(due, months) <= paid_on:
        months += 1
    return months


def surcharge_percent(due: date, paid_on: date) -> Decimal | None:
    """The surcharge in percent of the full fee for paying on `paid_on`; None when it can no longer be paid."""
    late = months_late(due, paid_on)
    if late > GRACE_MONTHS:
        return None
    return SURCHARGE_PERCENT_PER_MONTH * max(late - 1, 0)


@dataclass(frozen=True)
class Reduction:
    """A fee reduction covering the fees due from `start` to `end` (both inclusive; None: open)."""

    percent: Decimal
    source: str                  # OPEN_LICENCE | RECORDED
    start: date | None = None
    end: date | None = None
    basis: str = ""              # what the office recorded it for (费减备案号…), or the announcement

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def open_licence_reduction(announced_on: date | None, withdrawn_on: date | None,
                           announcement: str = "") -> Reduction | None:
    """The reduction a statutory declaration gives: from its announcement until the day before its withdrawal is
    announced. None while it is not announced (drafts, filed but not yet announced)."""
    if announced_on is None:
        return None
    end = day_before(withdrawn_on) if withdrawn_on is not None else None
    if end is not None and end < announced_on:
        return None
    return Reduction(OPEN_LICENCE_REDUCTION_PERCENT, OPEN_LICENCE, announced_on, end, announcement)


def best_reduction(due: date, reductions: Iterable[Reduction]) -> Reduction | None:
    """The most favourable reduction covering the due day (they are never stacked). On a tie the open-licence
    reduction is named, as it is the one the declaration brings."""
    covering = [r for r in reductions if r.covers(due) and r.percent > 0]
    if not covering:
        return None
    return max(covering, key=lambda r: (r.percent, r.source == OPEN_LICENCE))


@dataclass(frozen=True)
class AnnualFee:
    """One annual fee ahead: what is payable on time, and what a late payment adds."""

    year: int
    due: date
    full: Decimal                         # the schedule's fee
    reduction: Reduction | None = None

    @property
    def reduction_percent(self) -> Decimal:
        return self.reduction.percent if self.reduction else Decimal(0)

    @property
    def amount(self) -> Decimal:
        """Payable before the due day."""
        factor = (HUNDRED - self.reduction_percent) / HUNDRED
        return (self.full * factor).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def grace_end(self) -> date:
        return grace_end(self.due)

    def lapsed_by(self, today: date) -> bool:
        """Unpaid on `today` past its grace period: the patent lapsed from the due day, the fee cannot be paid."""
        return today > self.grace_end

    def surcharge_on(self, paid_on: date) -> Decimal | None:
        """The surcharge (on the full fee) when paid on `paid_on`; None past the grace period."""
        percent = surcharge_percent(self.due, paid_on)
        if percent is None:
            return None
        return (self.full * percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)

    def surcharge_steps(self) -> list[tuple[date, date, Decimal, Decimal]]:
        """(first day, last day, percent, surcharge) for each month of the grace period."""
        out = []
        for month in range(GRACE_MONTHS):
            first = add_months(self.due, month)
            last = day_before(add_months(self.due, month + 1))
            percent = SURCHARGE_PERCENT_PER_MONTH * max(month, 0)
            out.append((first, last, percent, (self.full * percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)))
        return out


def fee_due_on(patent_type: PatentType, filing_date: date, due: date,
               reductions: Sequence[Reduction] = ()) -> AnnualFee:
    """The fee that falls due on the anniversary `due` (it pays for the patent year starting that day)."""
    year = patent_year(filing_date, due)
    return AnnualFee(year, due, full_fee(patent_type, year), best_reduction(due, reductions))


def fees_ahead(patent_type: PatentType, filing_date: date, fees_paid_until: date | None, last_day: date | None,
               reductions: Sequence[Reduction] = (), count: int | None = None) -> list[AnnualFee]:
    """The annual fees still to pay: from the first anniversary not covered by the fees paid, up to the patent's
    last day in force (`count` limits how many). Nothing is listed when the fees paid are not known."""
    if fees_paid_until is None:
        return []
    out: list[AnnualFee] = []
    years = patent_year(filing_date, fees_paid_until)
    while count is None or len(out) < count:
        due = add_years(filing_date, years)
        if last_day is not None and due > last_day:
            break
        try:
            out.append(fee_due_on(patent_type, filing_date, due, reductions))
        except ValueError:
            break
        years += 1
    return out


def lapsed_for_fee(patent_type: PatentType, filing_date: date, fees_paid_until: date | None, last_day: date | None,
                   today: date, reductions: Sequence[Reduction] = ()) -> AnnualFee | None:
    """The unpaid fee whose grace period ended before `today` — the patent lapsed from its due day and nothing can
    be paid any more — or None while the next fee can still be paid (or the fees paid are not known)."""
    first = fees_ahead(patent_type, filing_date, fees_paid_until, last_day, reductions, count=1)
    return first[0] if first and first[0].lapsed_by(today) else None
