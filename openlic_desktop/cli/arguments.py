"""Reading the values of command-line options that several commands share (dates); a bad value is exit 2."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.domain.pricing import money
from openlic_desktop.support.errors import InputError


def date_arg(value: str | None, default: date | None = None) -> date | None:
    """A date typed in any form domain.parsing reads (2026-11-26, 2026/11/26, 2026年11月26日…); `default` when the
    option was not given; refused with BAD_DATE when it cannot be read."""
    if value is None or value == "":
        return default
    parsed = parse_date(value)
    if parsed is None:
        raise InputError("BAD_DATE", value=value)
    return parsed


def money_arg(value: str | None, option: str) -> Decimal | None:
    """An amount in CNY (`--amount 80000`); None when not given; a negative amount is inconsistent (exit 2)."""
    if value is None:
        return None
    amount = money(value)
    if amount < 0:
        raise InputError("PRICING_INCONSISTENT", reason=f"--{option} is negative")
    return amount


def owned_selection(args) -> list[str] | None:
    """`NUMBER…` or `--all-owned` (None: every patent a co-owner shares with the office), exactly one of them."""
    if bool(args.numbers) == bool(args.all_owned):
        raise InputError("BAD_ARGUMENT", reason="give patent numbers or --all-owned (not both)")
    return None if args.all_owned else list(args.numbers)
