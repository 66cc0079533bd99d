"""Licensing rules (domain.md §7–§8): the parties of a licence, its days and the payments it creates.

Pure: no database, no files, no clock. The services (services/licensing/) and the contract documents
(documents/contracts/) both take these rules from here, so a date or a payment is computed one way only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.identifiers import parse_uscc
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, payment_schedule, term_end
from openlic_desktop.support.errors import InputError

RECORDING_MONTHS = 3  # recording with CNIPA within 3 months of the contract taking effect (domain.md §8)
# The contract's "于 X 起 30 日内" for lump sums and entry fees; the first day is not counted (Civil Code art. 201).
LUMP_SUM_DAYS = 30
ROYALTY_SETTLE_MONTHS = 3  # royalties settled within 3 months after each period
REPORT_MONTHS = 12  # the follow-up report on a licence's effect is asked for a year after it took effect [ours]


# --- parties -----------------------------------------------------------------------------------------------------

SIZES: dict[str, str] = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}
_SIZE_WORDS = {**{v: k for k, v in SIZES.items()}, **{k: k for k in SIZES},
               "大": "large", "中": "medium", "小": "small", "微": "micro",
               "大型企业": "large", "中型企业": "medium", "小型企业": "small", "微型企业": "micro"}


def parse_size(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    size = _SIZE_WORDS.get(text.lower()) or _SIZE_WORDS.get(text)
    if size is None:
        raise InputError("LICENSEE_BAD_SIZE", value=text)
    return size


def clean_licensee(values: dict[str, Any]) -> dict[str, str]:
    """A licensee's details as stored: a name, a valid USCC, the size as a code; refused otherwise."""
    name = re.sub(r"\s+", " ", str(values.get("name") or "")).strip()
    if not name:
        raise InputError("LICENSEE_NAME_MISSING")
    return {
        "name": name,
        "uscc": parse_uscc(str(values.get("uscc") or "")),
        "address": str(values.get("address") or "").strip(),
        "legal_representative": str(values.get("legal_representative") or "").strip(),
        "contact": str(values.get("contact") or "").strip(),
        "size": parse_size(values.get("size")),
    }


@dataclass(frozen=True)
class Party:
    """A licensee (or any party) as the contract names it."""

    name: str
    uscc: str = ""
    address: str = ""
    legal_representative: str = ""
    contact: str = ""
    size: str = ""


# --- the days of a licence ---------------------------------------------------------------------------------------

def recording_deadline(effective: date) -> date:
    """Last day to record the contract with CNIPA: the same day 3 months on (a missing day → the month's end)."""
    return add_months(effective, RECORDING_MONTHS)


def licence_end(effective: date, terms: PricingTerms, expiry: date | None) -> date | None:
    """Last day of the licence of one patent: the term from the effective date, never past the patent's expiry."""
    if not terms.term_months:
        return expiry
    end = term_end(effective, terms.term_months)
    return min(end, expiry) if expiry else end


def contract_number(effective: date, uscc: str) -> str:
    return f"KF{effective:%Y%m%d}-{uscc[-6:]}"


# --- payments ----------------------------------------------------------------------------------------------------

def payments_due(terms: PricingTerms, effective: date, last_day: date | None) -> list[dict[str, Any]]:
    """The payments a licence on `terms` creates, from the pricing schedule's arithmetic: entry fee and
    lump sum due within 30 days of payment starting; each royalty period settled within 3 months after it ends
    (its amount known only when sales are reported). Periods after the licence's last day are dropped."""
    if terms.mode is PricingMode.FREE or terms.missing_fields():
        return []
    schedule = payment_schedule(terms, effective, annual_sales=Decimal(0), annual_profit=Decimal(0))
    out = []
    for period in schedule.periods:
        if last_day is not None and period.start > last_day:
            continue
        end = min(period.end, last_day) if last_day else period.end
        kind = period.kind.value
        if kind == "free":
            continue
        if kind in ("entry-fee", "lump-sum"):
            out.append({"kind": kind, "period_start": period.start, "period_end": end,
                        "due_date": period.start + timedelta(days=LUMP_SUM_DAYS),
                        "amount_due": str(period.amount)})
        else:
            out.append({"kind": kind, "period_start": period.start, "period_end": end,
                        "due_date": add_months(end, ROYALTY_SETTLE_MONTHS), "amount_due": None})
    return out
