"""Calendar arithmetic the rules share: anniversaries and month steps that survive month ends and 29 February."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= 28:  # a day every month has (most calls: the fee and term dates of a whole portfolio)
        return date(year, month, day.day)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def day_before(day: date) -> date:
    return day - timedelta(days=1)


def months_between(start: date, end_exclusive: date) -> int:
    """Whole months from `start` up to `end_exclusive` (how many add_months steps fit)."""
    months = (end_exclusive.year - start.year) * 12 + end_exclusive.month - start.month
    while months > 0 and add_months(start, months) > end_exclusive:
        months -= 1
    return max(months, 0)


def zh_date(day: date) -> str:
    """A day as Chinese official texts write it: 2030年9月21日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
