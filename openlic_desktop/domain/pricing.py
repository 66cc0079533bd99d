"""Pricing of an open licence (domain.md §7): the terms, what one licensee pays period by period, and the rules.

Owns `PricingTerms` (a value; `canonical()` is what sign-off fingerprints hash), the payment schedule arithmetic
and `pricing_findings`, the pricing part of the readiness engine. Pure: no storage, no Qt.

Conventions: money is `Decimal` CNY with two places; rates are `Decimal` percent (3 means 3 %); months are whole
months, counted with `dates.add_months` (the 31st becomes the last day of a shorter month; 29 Feb → 28 Feb).

Staged free licence (阶段性免费许可): the first `free_months` of the term cost nothing, then the paid mode applies;
the free months are part of the term. Pay after trial (先试用后付费): the first `trial_months` are a trial, after
which the licensee continues on the paid terms or leaves owing nothing. Both make the start of the term unpaid, so
the schedule's unpaid span is the longer of the two; the entry fee (if any) falls due when payment starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from typing import Any

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.domain.profiles import BureauProfile
from openlic_desktop.support.errors import InputError

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
DEFAULT_TERRITORY = "中国境内"

# 国知发运字〔2024〕19号 (guidance, not a cap): a fixed fee generally not above CNY 20 million; a royalty generally not above
# 20 % of net sales or 40 % of profit. A profile may override them in a [pricing] table (see `caps_from_profile`).
FIXED_FEE_CAP = Decimal(20000000)
ROYALTY_CAP_NET_SALES = Decimal(20)
ROYALTY_CAP_PROFIT = Decimal(40)
# Money above this is refused as input: no licence fee is a trillion yuan; it is a typing error.
MONEY_INPUT_LIMIT = Decimal(1000000000000)
MAX_TERM_MONTHS = 12 * 25  # longer than any patent's term


class PricingMode(str, Enum):
    FREE = "free"
    LUMP_SUM = "lump_sum"
    ROYALTY = "royalty"
    ENTRY_PLUS_ROYALTY = "entry_plus_royalty"

    @property
    def zh(self) -> str:
        return {"free": "免费", "lump_sum": "一次性支付", "royalty": "提成支付",
                "entry_plus_royalty": "入门费+提成"}[self.value]

    @property
    def has_royalty(self) -> bool:
        return self in (PricingMode.ROYALTY, PricingMode.ENTRY_PLUS_ROYALTY)

    @property
    def is_paid(self) -> bool:
        return self is not PricingMode.FREE


class RoyaltyBase(str, Enum):
    NET_SALES = "net_sales"
    PROFIT = "profit"

    @property
    def zh(self) -> str:
        return "净销售额" if self is RoyaltyBase.NET_SALES else "利润"


class Frequency(str, Enum):
    YEARLY = "yearly"
    QUARTERLY = "quarterly"

    @property
    def months(self) -> int:
        return 12 if self is Frequency.YEARLY else 3

    @property
    def zh(self) -> str:
        return "按年" if self is Frequency.YEARLY else "按季度"


def money(value: Any) -> Decimal:
    """A CNY amount as Decimal with two places; floats are refused (they already lost the cents)."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        raise InputError("PRICING_BAD_NUMBER", value=str(value)) from None
    if not amount.is_finite():
        raise InputError("PRICING_BAD_NUMBER", value=str(value))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def percent(value: Any) -> Decimal:
    """A rate in percent as Decimal ("3", "3.5", "3%" all read as 3 / 3.5 percent)."""
    if isinstance(value, float):
        raise TypeError("rates must not be floats")
    text = str(value).strip().rstrip("%").rstrip("％").strip()
    try:
        rate = Decimal(text)
    except (InvalidOperation, ValueError):
        raise InputError("PRICING_BAD_NUMBER", value=str(value)) from None
    if not rate.is_finite():
        raise InputError("PRICING_BAD_NUMBER", value=str(value))
    return rate


def _plain(value: Decimal | None, money_value: bool) -> str | None:
    if value is None:
        return None
    if money_value:
        return str(value.quantize(CENT, rounding=ROUND_HALF_UP))
    normal = value.normalize()
    return format(normal, "f")


@dataclass(frozen=True)
class PricingTerms:
    """The published payment method and standard of one patent (or shared by a group)."""

    mode: PricingMode
    amount: Decimal | None = None          # lump sum, CNY
    entry_fee: Decimal | None = None       # entry fee (入门费), CNY
    rate: Decimal | None = None            # royalty rate, percent
    base: RoyaltyBase | None = None        # royalty base
    term_months: int | None = None         # licence term; the free/trial months are part of it
    # the term runs to the patent's own last day in force (专利权期限届满日): `term_months` is then only the whole
    # months that fit (for the minimum-term rule and the schedule); the licence ends on the expiry day itself
    until_expiry: bool = False
    free_months: int = 0                   # staged free period at the start of the term
    pay_after_trial: bool = False
    trial_months: int = 0                  # trial length when pay_after_trial
    frequency: Frequency = Frequency.YEARLY  # royalty reporting and payment
    territory: str = DEFAULT_TERRITORY

    def __post_init__(self) -> None:
        for name in ("amount", "entry_fee", "rate"):
            value = getattr(self, name)
            if isinstance(value, float):
                raise TypeError(f"{name} must be Decimal, not float")
            if value is not None and not isinstance(value, Decimal):
                object.__setattr__(self, name, money(value) if name != "rate" else percent(value))
        for name in ("amount", "entry_fee"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, value.quantize(CENT, rounding=ROUND_HALF_UP))
        if not isinstance(self.mode, PricingMode):
            object.__setattr__(self, "mode", PricingMode(self.mode))
        if self.base is not None and not isinstance(self.base, RoyaltyBase):
            object.__setattr__(self, "base", RoyaltyBase(self.base))
        if not isinstance(self.frequency, Frequency):
            object.__setattr__(self, "frequency", Frequency(self.frequency))

    # --- values for fingerprints, storage and JSON -----------------------------------------------------------
    def canonical(self) -> dict[str, Any]:
        """Plain JSON-able values; equal terms give equal dicts whatever the input spelling ("3" / "3.00").

        `until_expiry` appears only when set, so terms with a month count keep the fingerprints they were signed
        off with."""
        out = {
            "mode": self.mode.value,
            "amount": _plain(self.amount, True),
            "entry_fee": _plain(self.entry_fee, True),
            "rate": _plain(self.rate, False),
            "base": self.base.value if self.base else None,
            "term_months": self.term_months,
            "free_months": int(self.free_months or 0),
            "pay_after_trial": bool(self.pay_after_trial),
            "trial_months": int(self.trial_months or 0) if self.pay_after_trial else 0,
            "frequency": self.frequency.value,
            "territory": self.territory or DEFAULT_TERRITORY,
        }
        if self.until_expiry:
            out["until_expiry"] = True
        return out

    @classmethod
    def from_canonical(cls, data: dict[str, Any]) -> PricingTerms:
        return cls(
            mode=PricingMode(data["mode"]),
            amount=Decimal(data["amount"]) if data.get("amount") is not None else None,
            entry_fee=Decimal(data["entry_fee"]) if data.get("entry_fee") is not None else None,
            rate=Decimal(data["rate"]) if data.get("rate") is not None else None,
            base=RoyaltyBase(data["base"]) if data.get("base") else None,
            term_months=int(data["term_months"]) if data.get("term_months") is not None else None,
            free_months=int(data.get("free_months") or 0),
            pay_after_trial=bool(data.get("pay_after_trial")),
            trial_months=int(data.get("trial_months") or 0),
            frequency=Frequency(data.get("frequency") or "yearly"),
            territory=data.get("territory") or DEFAULT_TERRITORY,
            until_expiry=bool(data.get("until_expiry")),
        )

    def with_changes(self, **changes: Any) -> PricingTerms:
        return replace(self, **changes)

    # --- derived ---------------------------------------------------------------------------------------------
    @property
    def unpaid_months(self) -> int:
        """Months at the start of the term that cost nothing (staged free period or trial, the longer one)."""
        trial = self.trial_months if self.pay_after_trial else 0
        return max(int(self.free_months or 0), int(trial or 0))

    def missing_fields(self) -> list[str]:
        """Fields the mode needs that are not given (PRICING_MISSING)."""
        missing: list[str] = []
        if self.mode is PricingMode.LUMP_SUM and self.amount is None:
            missing.append("amount")
        if self.mode is PricingMode.ENTRY_PLUS_ROYALTY and self.entry_fee is None:
            missing.append("entry_fee")
        if self.mode.has_royalty:
            if self.rate is None:
                missing.append("rate")
            if self.base is None:
                missing.append("base")
        if self.term_months is None:
            missing.append("term_months")
        if self.pay_after_trial and not self.trial_months:
            missing.append("trial_months")
        return missing

    def inconsistencies(self) -> list[str]:
        """Reasons these terms cannot be meant as given (negative money, a rate on a lump sum, …).

        Each reason is a short English phrase; `check_consistent` turns the first into a refusal.
        """
        out: list[str] = []
        for name in ("amount", "entry_fee"):
            value = getattr(self, name)
            if value is not None and value < 0:
                out.append(f"{name} is negative")
            if value is not None and value >= MONEY_INPUT_LIMIT:
                out.append(f"{name} is implausibly large")
        if self.rate is not None and (self.rate < 0 or self.rate > HUNDRED):
            out.append("rate must be between 0 and 100 percent")
        if self.term_months is not None and not (0 < self.term_months <= MAX_TERM_MONTHS):
            out.append(f"term_months must be between 1 and {MAX_TERM_MONTHS}")
        if self.free_months < 0 or self.trial_months < 0:
            out.append("free/trial months are negative")
        mode = self.mode
        if mode is PricingMode.FREE:
            if self.amount is not None or self.entry_fee is not None or self.rate is not None:
                out.append("a free licence takes no amount, entry fee or rate")
            if self.free_months or self.pay_after_trial:
                out.append("a free licence has no free period or trial: it is free throughout")
        if mode is PricingMode.LUMP_SUM and (self.rate is not None or self.entry_fee is not None
                                             or self.base is not None):
            out.append("a lump sum takes no rate, base or entry fee")
        if mode is PricingMode.ROYALTY and (self.amount is not None or self.entry_fee is not None):
            out.append("a royalty takes no amount or entry fee (use entry-plus-royalty)")
        if mode is PricingMode.ENTRY_PLUS_ROYALTY and self.amount is not None:
            out.append("entry-plus-royalty takes an entry fee, not an amount")
        if not mode.has_royalty and self.base is not None and mode is not PricingMode.LUMP_SUM:
            out.append("a base applies to royalties only")
        if not self.pay_after_trial and self.trial_months:
            out.append("trial months given without pay-after-trial")
        return out

    def check_consistent(self, complete: bool = True) -> PricingTerms:
        """Raise InputError PRICING_INCONSISTENT (or PRICING_INCOMPLETE) unless these terms can be saved."""
        problems = self.inconsistencies()
        if problems:
            raise InputError("PRICING_INCONSISTENT", reason="; ".join(problems))
        if complete:
            missing = self.missing_fields()
            if missing:
                raise InputError("PRICING_INCOMPLETE", fields=", ".join(missing))
        return self

    def summary(self, lang: str = "zh") -> str:
        """One line for tables, in natural word order: 前12个月免费，此后按净销售额的3%提成；许可期限36个月
        (domain.pricing_words says the terms for every face and document)."""
        from openlic_desktop.domain.pricing_words import terms_in_words

        return terms_in_words(self, lang).summary


# --- the payment schedule ------------------------------------------------------------------------------------

class PeriodKind(str, Enum):
    FREE = "free"
    ENTRY_FEE = "entry-fee"
    LUMP_SUM = "lump-sum"
    ROYALTY = "royalty"

    def words(self, lang: str = "zh") -> str:
        """The kind in words, as every face and document says it (never the code)."""
        zh, en = _PERIOD_WORDS[self.value]
        return zh if lang.startswith("zh") else en


_PERIOD_WORDS = {"free": ("免费", "Free"), "entry-fee": ("入门费", "Entry fee"),
                 "lump-sum": ("一次性支付", "Lump sum"), "royalty": ("提成支付", "Royalty")}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    amount: Decimal
    kind: PeriodKind

    def to_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "amount": str(self.amount),
                "kind": self.kind.value}


@dataclass(frozen=True)
class Schedule:
    start: date
    end: date  # last day of the term (inclusive)
    periods: tuple[Period, ...] = field(default_factory=tuple)

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.periods), Decimal("0.00")).quantize(CENT)

    def total_of(self, kind: PeriodKind) -> Decimal:
        return sum((p.amount for p in self.periods if p.kind is kind), Decimal("0.00")).quantize(CENT)

    def to_json(self) -> dict[str, Any]:
        return {"currency": "CNY", "total": str(self.total), "periods": [p.to_json() for p in self.periods]}


def term_end(start: date, term_months: int) -> date:
    """The last day of a term of `term_months` starting on `start`."""
    return add_months(start, term_months) - timedelta(days=1)


def months_covering(start: date, last_day: date) -> int:
    """The fewest whole months from `start` whose term reaches `last_day` (a term until expiry, said as "at most
    N months, and not past the expiry day", must not read shorter than it runs)."""
    from openlic_desktop.domain.dates import months_between

    months = months_between(start, last_day + timedelta(days=1))
    return months if term_end(start, months) >= last_day else months + 1


def term_until_expiry(start: date, expiry: date) -> int:
    """The longest whole-month term starting on `start` whose last day is not after `expiry` (the patent's last
    day in force), capped at MAX_TERM_MONTHS; 0 when not even one month fits."""
    from openlic_desktop.domain.dates import months_between

    return min(months_between(start, expiry + timedelta(days=1)), MAX_TERM_MONTHS)


def payment_schedule(terms: PricingTerms, start: date, annual_sales: Decimal | None = None,
                     annual_profit: Decimal | None = None, *, expiry: date | None = None) -> Schedule:
    """What one licensee pays over the term, period by period.

    Unpaid months first (kind free, amount 0); then the entry fee on the day payment starts; then either one
    lump sum for the paid part of the term or royalty periods of 12 or 3 months (the last one shorter if the term
    ends earlier), each `annual base × rate × months / 12`, rounded to the fen. The total is the sum of the
    periods by construction. Raises InputError when the terms or the base needed are missing.

    `expiry`, the patent's last day in force: a term until expiry then runs from `start` to that day (as the
    licence and the contract do, domain.licensing.licence_end): its whole months are counted from `start`, and
    the last period, whatever its kind, ends on the expiry day itself rather than on the last whole month's eve.
    A royalty's last period counts those days too, as the fraction of the month they fall in (15 days of a
    30-day month: half a month), so the estimate covers every day the licensee pays on.
    Terms with a month count are not changed by `expiry`.
    """
    for value in (annual_sales, annual_profit):
        if isinstance(value, float):
            raise TypeError("annual figures must be Decimal, not float")
    missing = terms.missing_fields()
    if missing:
        raise InputError("PRICING_INCOMPLETE", fields=", ".join(missing))
    assert terms.term_months is not None
    term = terms.term_months
    end = term_end(start, term)
    if terms.until_expiry and expiry is not None:
        term = term_until_expiry(start, expiry)
        if term < 1:
            raise InputError("EXPIRY_TOO_CLOSE")
        end = expiry

    def period_end(months: int) -> date:  # the last period of a term until expiry reaches the expiry day
        return end if months >= term else term_end(start, months)

    periods: list[Period] = []
    if terms.mode is PricingMode.FREE:
        return Schedule(start, end, (Period(start, end, Decimal("0.00"), PeriodKind.FREE),))
    unpaid = min(terms.unpaid_months, term)
    if unpaid:
        periods.append(Period(start, period_end(unpaid), Decimal("0.00"), PeriodKind.FREE))
    if unpaid >= term:
        return Schedule(start, end, tuple(periods))
    paid_start = add_months(start, unpaid)
    if terms.mode is PricingMode.ENTRY_PLUS_ROYALTY and terms.entry_fee is not None:
        periods.append(Period(paid_start, paid_start, terms.entry_fee, PeriodKind.ENTRY_FEE))
    if terms.mode is PricingMode.LUMP_SUM:
        assert terms.amount is not None
        periods.append(Period(paid_start, end, terms.amount, PeriodKind.LUMP_SUM))
        return Schedule(start, end, tuple(periods))
    # royalties
    assert terms.rate is not None and terms.base is not None
    annual = annual_sales if terms.base is RoyaltyBase.NET_SALES else annual_profit
    if annual is None:
        raise InputError("PRICING_BASE_MISSING", base=terms.base.value)
    if annual < 0:
        raise InputError("PRICING_INCONSISTENT", reason="annual figures must not be negative")
    step = terms.frequency.months
    # the days a term until expiry runs past its whole months, as a fraction of the month they start
    days_over = (end - term_end(start, term)).days
    tail = (Decimal(days_over) / (add_months(start, term + 1) - add_months(start, term)).days if days_over > 0
            else Decimal(0))
    offset = unpaid
    while offset < term:
        months = min(step, term - offset)
        p_start = add_months(start, offset)
        p_end = period_end(offset + months)
        counted = months + (tail if offset + months >= term else 0)
        amount = (annual * terms.rate / HUNDRED * counted / 12).quantize(CENT, rounding=ROUND_HALF_UP)
        periods.append(Period(p_start, p_end, amount, PeriodKind.ROYALTY))
        offset += months
    return Schedule(start, end, tuple(periods))


# --- the rules -----------------------------------------------------------------------------------------------

# every code `pricing_findings` can produce
PRICING_RULE_CODES = ("PRICING_MISSING", "TERM_TOO_SHORT", "TERM_BEYOND_EXPIRY", "FEE_ABOVE_CAP",
                      "FREE_PERIOD_TOO_LONG")

@dataclass(frozen=True)
class Caps:
    fixed_fee: Decimal = FIXED_FEE_CAP
    royalty_net_sales: Decimal = ROYALTY_CAP_NET_SALES
    royalty_profit: Decimal = ROYALTY_CAP_PROFIT
    severity: Severity = Severity.BLOCKER


def caps_from_profile(profile: BureauProfile) -> Caps:
    """A profile may carry `[pricing] fixed_fee_cap, royalty_cap_net_sales, royalty_cap_profit,
    cap_severity = "blocker"|"warning"`; otherwise the 2024 CNIPA caps apply as blockers."""
    raw = (profile.raw or {}).get("pricing", {}) if isinstance(profile.raw, dict) else {}
    caps = Caps()
    if not isinstance(raw, dict) or not raw:
        return caps
    return Caps(
        fixed_fee=Decimal(str(raw.get("fixed_fee_cap", caps.fixed_fee))),
        royalty_net_sales=Decimal(str(raw.get("royalty_cap_net_sales", caps.royalty_net_sales))),
        royalty_profit=Decimal(str(raw.get("royalty_cap_profit", caps.royalty_profit))),
        severity=Severity(raw.get("cap_severity", caps.severity.value)),
    )


def pricing_findings(terms: PricingTerms | None, expiry_date: date | None, profile: BureauProfile, today: date,
                     start: date | None = None) -> list[Finding]:
    """The pricing rules for one patent. `start`: when the licence term starts (default: today).

    Codes: PRICING_MISSING, TERM_TOO_SHORT, TERM_BEYOND_EXPIRY, FEE_ABOVE_CAP, FREE_PERIOD_TOO_LONG.
    """
    hint = "pricing"
    if terms is None:
        return [Finding("PRICING_MISSING", Severity.BLOCKER, {"fields": "mode"}, hint)]
    out: list[Finding] = []
    missing = terms.missing_fields()
    if missing:
        out.append(Finding("PRICING_MISSING", Severity.BLOCKER, {"fields": ", ".join(missing)}, hint))
    start = start or today
    term = terms.term_months
    if term is not None:
        minimum = int(profile.min_term_months or 0)
        if term < minimum:
            out.append(Finding("TERM_TOO_SHORT", Severity.BLOCKER, {"months": term, "minimum": minimum},
                               hint + ".term_months"))
        if expiry_date is not None and term > 0:
            last = term_end(start, term)
            if last > expiry_date:
                out.append(Finding("TERM_BEYOND_EXPIRY", Severity.BLOCKER,
                                   {"months": term, "term_end": last.isoformat(),
                                    "expiry": expiry_date.isoformat()}, hint + ".term_months"))
        if terms.mode.is_paid and terms.unpaid_months > term:
            out.append(Finding("FREE_PERIOD_TOO_LONG", Severity.BLOCKER,
                               {"months": terms.unpaid_months, "term": term}, hint + ".free_months"))
    caps = caps_from_profile(profile)
    for name, value in (("amount", terms.amount), ("entry_fee", terms.entry_fee)):
        if value is not None and value > caps.fixed_fee and terms.mode.is_paid:
            out.append(Finding("FEE_ABOVE_CAP", caps.severity,
                               {"what": name, "value": f"{value:,}", "cap": f"{caps.fixed_fee:,.2f}"},
                               f"{hint}.{name}"))
    if terms.mode.has_royalty and terms.rate is not None and terms.base is not None:
        cap = caps.royalty_net_sales if terms.base is RoyaltyBase.NET_SALES else caps.royalty_profit
        if terms.rate > cap:
            out.append(Finding("FEE_ABOVE_CAP", caps.severity,
                               {"what": f"rate_{terms.base.value}", "value": f"{_plain(terms.rate, False)}%",
                                "cap": f"{_plain(cap, False)}%"}, hint + ".rate"))
    return out
