"""Portfolio statistics as plain values: the funnel, the breakdowns, fees and expiries ahead, licences reached,
who took them and what they brought in.

One `PortfolioStatistics` serves the dashboard, `openlic stats --json` and the statistics workbook: each face reads
its figures through the methods here and counts nothing on its own, so the three always agree.

The funnel covers the patents in force. Each has a *stage*, the furthest it has reached:
in force → eligible (no blocker among the rules of what may be offered: grant, term, fees, licences, pledges,
disputes, transfer, evaluation report, co-owners' consent) → commitments confirmed → signed off (both roles,
current) → listed or declared (sent to a bureau and not withdrawn; a statutory declaration filed) → announced
(published by the bureau; announced by CNIPA) → licensed (a licence reached). A patent that was listed, announced
or licensed counts at the earlier stages too, whatever has changed since; one that is not has to meet each earlier
stage today. A stage's figure is the number of patents that reached it, so the figures never grow down the funnel.
Pure: no database, no clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import partial
from operator import add, attrgetter, itemgetter
from typing import Any, NamedTuple

from openlic_desktop.domain.declarations import DeclarationState
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.pricing import PricingMode
from openlic_desktop.domain.status import Status

STAGES: tuple[str, ...] = ("in_force", "eligible", "committed", "signed", "listed_or_declared", "announced",
                           "licensed")
NOT_IN_FORCE = 0  # a standing's stage when the patent is not in force; otherwise 1 + the index in STAGES
DIMENSIONS: tuple[str, ...] = ("type", "department", "year", "status", "declaration")
SIZES: tuple[str, ...] = ("large", "medium", "small", "micro", "")
SME_SIZES = frozenset({"medium", "small", "micro"})  # 中小微企业
ZERO = Decimal("0.00")

_WORDS: dict[str, dict[Any, tuple[str, str]]] = {
    "stage": {
        "in_force": ("有效专利", "In force"),
        "eligible": ("符合开放许可条件", "Eligible"),
        "committed": ("承诺事项已确认", "Commitments confirmed"),
        "signed": ("已签核", "Signed off"),
        "listed_or_declared": ("已报送或已声明", "Listed or declared"),
        "announced": ("已公布", "Announced"),
        "licensed": ("已达成许可", "Licensed"),
    },
    "size": {"large": ("大型企业", "Large"), "medium": ("中型企业", "Medium"), "small": ("小型企业", "Small"),
             "micro": ("微型企业", "Micro"), "": ("规模未填", "Size not given")},
    "dimension": {"type": ("专利类型", "Type"), "department": ("院系", "Department"),
                  "year": ("申请年度", "Filing year"), "status": ("法律状态", "Legal status"),
                  "declaration": ("开放许可声明", "Statutory declaration")},
}
_MODE_EN = {"free": "Free", "lump_sum": "Lump sum", "royalty": "Royalty", "entry_plus_royalty": "Entry fee + royalty"}
_TYPE_EN = {"invention": "Invention", "utility_model": "Utility model", "design": "Design"}
_STATUS_EN = {"in_force": "In force", "pending": "Pending", "lapsed": "Lapsed", "expired": "Expired",
              "unknown": "Unknown"}


def label(kind: str, value: Any, lang: str = "zh") -> str:
    """The words for a value: kind is stage, size, dimension, mode, quarter or one of DIMENSIONS."""
    zh = lang.startswith("zh")
    if kind == "type":
        return PatentType(value).zh if zh else _TYPE_EN[value]
    if kind == "status":
        return Status(value).zh if zh else _STATUS_EN[value]
    if kind == "mode":
        return PricingMode(value).zh if zh else _MODE_EN[value]
    if kind == "department":
        return value or ("院系未填" if zh else "Department not given")
    if kind == "year":
        return str(value) if value is not None else ("申请日未知" if zh else "Filing date unknown")
    if kind == "declaration":
        if not value:
            return "未作开放许可声明" if zh else "No declaration"
        return DeclarationState(value).zh if zh else DeclarationState(value).en
    if kind == "quarter":
        year, q = value.split("Q")
        return f"{year}年第{q}季度" if zh else f"{year} Q{q}"
    words = _WORDS[kind].get(value)
    if words is None:
        return str(value)
    return words[0] if zh else words[1]


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


_CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    return str(value.quantize(_CENT))


def _money_texts(values: list[Decimal]) -> list[str]:
    """money() of each value, worked out once per distinct value — keyed by the value's own text, which tells
    apart amounts that compare equal but are written differently (0 and -0)."""
    keys = list(map(str, values))
    texts = {key: money(value) for key, value in dict(zip(keys, values, strict=True)).items()}
    return list(map(texts.__getitem__, keys))


def _months_of(fees: Iterable[FeeDue]) -> dict[date, str]:
    """The month ("2027-01") of each day a fee falls due, worked out once per day."""
    return {day: day.strftime("%Y-%m") for day in set(map(_DUE, fees))}


# --- per patent ------------------------------------------------------------------------------------------------
class Standing(NamedTuple):
    """Where one patent stands: what it is grouped by and the furthest funnel stage it reached. A named tuple: one is
    made for every patent of the portfolio, several times faster than a frozen dataclass."""

    patent_id: int
    patent_type: str          # PatentType value
    year: int | None          # filing year
    department: str
    status: str               # effective status (Status value)
    stage: int                # NOT_IN_FORCE, or 1 + index in STAGES
    declaration: str = ""     # the state of its statutory declaration (DeclarationState value), "" none

    def value(self, dimension: str) -> Any:
        if dimension == "type":
            return self.patent_type
        if dimension == "department":
            return self.department
        if dimension == "year":
            return self.year
        if dimension == "status":
            return self.status
        if dimension == "declaration":
            return self.declaration
        raise ValueError(f"unknown dimension {dimension}")


class FeeDue(NamedTuple):
    """An annual fee falling due within the horizon (or due and unpaid, still payable in the grace period), as the
    fee engine (domain.annual_fees) puts it. A named tuple: a large portfolio has ten thousand fees ahead, made
    several times faster than frozen dataclasses (with every count and every read back of a saved one)."""

    patent_id: int
    application_number: str
    title: str
    patent_type: str
    due: date
    year: int                 # the patent year the fee is for
    fee: Decimal              # the schedule's fee, before any reduction
    reduction: Decimal        # taken off: the most favourable reduction covering the due day
    reduction_source: str     # "" none | "open-licence" (an announced declaration) | "recorded" (the office's)
    surcharge: Decimal        # late-payment surcharge if paid today (0 unless overdue)
    overdue: bool

    @property
    def amount(self) -> Decimal:
        return self.fee - self.reduction + self.surcharge


_DUE = attrgetter("due")
_AMOUNT = attrgetter("amount")


@dataclass(frozen=True)
class Expiring:
    patent_id: int
    application_number: str
    title: str
    patent_type: str
    last_day: date


@dataclass(frozen=True)
class LicenceFact:
    licence_id: int
    patent_id: int
    application_number: str
    title: str
    licensee: str
    licensee_size: str        # one of SIZES ("" not given)
    effective: date
    term_end: date | None
    mode: str                 # PricingMode value of the terms the licence was reached on
    recorded_on: date | None
    report_submitted_on: date | None
    amount_due: Decimal       # known amounts due under the licence (royalties count once reported)
    amount_received: Decimal

    @property
    def free(self) -> bool:
        return self.mode == PricingMode.FREE.value


@dataclass(frozen=True)
class Receipt:
    licence_id: int
    received_on: date
    amount: Decimal


@dataclass(frozen=True)
class Offer:
    """The terms a patent is offered on (its pricing)."""

    patent_id: int
    mode: str
    free_months: int = 0
    pay_after_trial: bool = False

    @property
    def free(self) -> bool:
        return self.mode == PricingMode.FREE.value


# --- aggregates ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupRow:
    value: Any
    patents: int
    reached: tuple[int, ...]  # per stage of STAGES: how many of the group's patents reached it


@dataclass(frozen=True)
class QuarterRow:
    quarter: str              # "2026Q1"
    licences: int             # licences that took effect in the quarter
    received: Decimal         # licence fees received in the quarter


@dataclass(frozen=True)
class SizeRow:
    size: str
    licences: int
    licensees: int


@dataclass
class PortfolioStatistics:
    """Everything the faces show, as of one day. `standings` has one entry per patent; the other lists are the
    few patents, licences and payments the figures are made of (so a figure can be opened as its patents)."""

    as_of: date
    profile: str
    horizon_days: int
    standings: dict[int, Standing]
    profile_name: str = ""
    fees_due: list[FeeDue] = field(default_factory=list)
    expiring: list[Expiring] = field(default_factory=list)
    licences: list[LicenceFact] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    offers: dict[int, Offer] = field(default_factory=dict)
    audit_mark: int = 0       # the latest audit record when counted: what changed since is read after it
    _combos: Counter | None = field(default=None, repr=False, compare=False)

    # --- patents ---
    @property
    def patents(self) -> int:
        return len(self.standings)

    def _combo_counts(self) -> Counter:
        """(type, department, year, status, declaration, stage) — DIMENSIONS, then the stage — → patents: every
        breakdown is summed from these few keys."""
        if self._combos is None:
            self._combos = Counter(map(_key, self.standings.values()))
        return self._combos

    def replace(self, changed: dict[int, Standing | None]) -> None:
        """Put new standings in place (None: the patent is gone), keeping the counts up to date."""
        combos = self._combo_counts()
        for pid, new in changed.items():
            old = self.standings.pop(pid, None)
            if old is not None:
                key = _key(old)
                combos[key] -= 1
                if not combos[key]:
                    del combos[key]
            if new is not None:
                self.standings[pid] = new
                combos[_key(new)] += 1

    def funnel(self) -> list[tuple[str, int]]:
        """(stage, patents that reached it) for each stage."""
        at: Counter = Counter()
        for key, n in self._combo_counts().items():
            at[key[-1]] += n
        return [(key, sum(n for stage, n in at.items() if stage >= index + 1)) for index, key in enumerate(STAGES)]

    def groups(self, dimension: str) -> list[GroupRow]:
        """One row per value of the dimension: its patents and how many reached each stage. Types and statuses
        in their usual order, departments by size, years ascending; unknowns last."""
        position = DIMENSIONS.index(dimension)
        totals: Counter = Counter()
        stages: dict[Any, Counter] = {}
        for key, n in self._combo_counts().items():
            value, stage = key[position], key[-1]
            totals[value] += n
            stages.setdefault(value, Counter())[stage] += n
        rows = [GroupRow(value, totals[value],
                         tuple(sum(n for s, n in stages[value].items() if s >= i + 1) for i in range(len(STAGES))))
                for value in totals]
        return sorted(rows, key=_group_order(dimension))

    # --- fees, expiry ---
    def fees_total(self) -> Decimal:
        return sum((f.amount for f in self.fees_due), ZERO)

    def fees_by_month(self) -> list[tuple[str, int, Decimal]]:
        """(month "2027-01", fees due, amount) for each month with a fee due, overdue ones in their own month."""
        months = list(map(_months_of(self.fees_due).__getitem__, map(_DUE, self.fees_due)))
        counts = Counter(months)
        amounts: dict[str, Decimal] = {}
        for month, amount in zip(months, map(_AMOUNT, self.fees_due), strict=True):
            amounts[month] = amounts.get(month, ZERO) + amount
        return [(m, counts[m], amounts[m]) for m in sorted(counts)]

    # --- licences ---
    def licensed_patents(self) -> int:
        return len({lic.patent_id for lic in self.licences})

    def licensees(self) -> int:
        return len({(lic.licensee, lic.licensee_size) for lic in self.licences})

    def amount_due(self) -> Decimal:
        return sum((lic.amount_due for lic in self.licences), ZERO)

    def amount_received(self) -> Decimal:
        return sum((r.amount for r in self.receipts), ZERO)

    def by_quarter(self) -> list[QuarterRow]:
        """Licences reached and fees received per calendar quarter, every quarter from the first to the last with
        either (quarters with neither in between are shown as zero)."""
        reached = Counter(quarter_of(lic.effective) for lic in self.licences)
        received: dict[str, Decimal] = {}
        for r in self.receipts:
            q = quarter_of(r.received_on)
            received[q] = received.get(q, ZERO) + r.amount
        keys = set(reached) | set(received)
        if not keys:
            return []
        return [QuarterRow(q, reached.get(q, 0), received.get(q, ZERO)) for q in _quarters(min(keys), max(keys))]

    def by_size(self) -> list[SizeRow]:
        """Licences and distinct licensees per enterprise size (SIZES order; sizes without licences left out)."""
        licences = Counter(lic.licensee_size for lic in self.licences)
        licensees: dict[str, set[str]] = {}
        for lic in self.licences:
            licensees.setdefault(lic.licensee_size, set()).add(lic.licensee)
        known = [s for s in SIZES if s in licences] + sorted(s for s in licences if s not in SIZES)
        return [SizeRow(s, licences[s], len(licensees[s])) for s in known]

    def sme(self) -> SizeRow:
        """Licences to small and medium-sized enterprises (中小微企业) and how many such licensees."""
        rows = [lic for lic in self.licences if lic.licensee_size in SME_SIZES]
        return SizeRow("sme", len(rows), len({lic.licensee for lic in rows}))

    # --- offers ---
    def offered(self) -> list[Offer]:
        """The offers of patents in force (an offer on a lapsed patent is no offer)."""
        return [o for pid, o in self.offers.items()
                if (s := self.standings.get(pid)) is not None and s.stage != NOT_IN_FORCE]

    def offer_modes(self) -> list[tuple[str, int]]:
        counts = Counter(o.mode for o in self.offered())
        return [(m.value, counts[m.value]) for m in PricingMode if counts[m.value]]

    # --- a figure's patents ---
    def patent_ids(self, kind: str, value: Any = None) -> list[int]:
        """The patents behind a figure: ("stage", key), one of DIMENSIONS with its value, ("fees_due", month),
        ("expiring",), ("quarter", "2026Q1"), ("size", size), ("sme",), ("mode", mode), ("licensed",)."""
        if kind == "stage":
            at = STAGES.index(value) + 1
            ids: Iterable[int] = (pid for pid, s in self.standings.items() if s.stage >= at)
        elif kind in DIMENSIONS:
            ids = (pid for pid, s in self.standings.items() if s.value(kind) == value)
        elif kind == "fees_due":  # value: a month "2027-01", or None for all
            month_of = _months_of(self.fees_due)
            ids = {f.patent_id for f in self.fees_due if value is None or month_of[f.due] == value}
        elif kind == "expiring":
            ids = {e.patent_id for e in self.expiring}
        elif kind == "quarter":
            ids = {lic.patent_id for lic in self.licences if quarter_of(lic.effective) == value}
        elif kind == "size":
            ids = {lic.patent_id for lic in self.licences if lic.licensee_size == value}
        elif kind == "sme":
            ids = {lic.patent_id for lic in self.licences if lic.licensee_size in SME_SIZES}
        elif kind == "licensed":
            ids = {lic.patent_id for lic in self.licences}
        elif kind == "mode":
            ids = (o.patent_id for o in self.offered() if o.mode == value)
        else:
            raise ValueError(f"unknown figure {kind}")
        return sorted(ids)

    def copy(self) -> PortfolioStatistics:
        """A copy whose containers are its own, for `services.statistics.refresh` to update on a worker while the
        face still shows this one."""
        return replace(self, standings=dict(self.standings), fees_due=list(self.fees_due),
                       expiring=list(self.expiring), licences=list(self.licences), receipts=list(self.receipts),
                       offers=dict(self.offers), _combos=Counter(self._combos) if self._combos is not None else None)

    # --- kept between calls (services.statistics_store) ---
    def to_snapshot(self) -> dict[str, Any]:
        """Every value as plain JSON: the standings as the few distinct combinations of their values (the keys of
        `_combo_counts`, which the figures have already worked out) and each patent's combination as one character
        of a text (`_codes`) — one pass over 100,000 patents instead of one per column."""
        combinations = list(self._combo_counts())
        return {
            "as_of": self.as_of.isoformat(), "profile": self.profile, "horizon_days": self.horizon_days,
            "profile_name": self.profile_name, "audit_mark": self.audit_mark,
            "standings": {"ids": list(self.standings), "combinations": list(map(list, combinations)),
                          "codes": _codes(combinations, map(_key, self.standings.values()))},
            "fees_due": [[f.patent_id, f.application_number, f.title, f.patent_type, f.due.isoformat(), f.year,
                          str(f.fee), str(f.reduction), f.reduction_source, str(f.surcharge), f.overdue]
                         for f in self.fees_due],
            "expiring": [[e.patent_id, e.application_number, e.title, e.patent_type, e.last_day.isoformat()]
                         for e in self.expiring],
            "licences": [[lic.licence_id, lic.patent_id, lic.application_number, lic.title, lic.licensee,
                          lic.licensee_size, lic.effective.isoformat(), _day_text(lic.term_end), lic.mode,
                          _day_text(lic.recorded_on), _day_text(lic.report_submitted_on), str(lic.amount_due),
                          str(lic.amount_received)] for lic in self.licences],
            "receipts": [[r.licence_id, r.received_on.isoformat(), str(r.amount)] for r in self.receipts],
            "offers": [[o.patent_id, o.mode, o.free_months, o.pay_after_trial] for o in self.offers.values()],
        }

    @classmethod
    def from_snapshot(cls, data: dict[str, Any]) -> PortfolioStatistics:
        """The statistics `to_snapshot` wrote (KeyError, TypeError or ValueError when it is not such a value)."""
        ids, combinations, codes = (data["standings"][k] for k in ("ids", "combinations", "codes"))
        # a file in the user's folder may have been changed or cut short: what it holds must be what to_snapshot
        # writes (checked on the few distinct combinations and by C-level maps), or it is not read at all
        if type(ids) is not list or set(map(type, ids)) - {int} or len(set(ids)) != len(ids):
            raise ValueError("standings ids are not distinct numbers")
        if (type(combinations) is not list or set(map(type, combinations)) - {list}
                or set(map(len, combinations)) - {len(_KEY_KINDS)}):
            raise ValueError("standings combinations are not rows of their fields")
        for column, allowed in zip(zip(*combinations), _KEY_KINDS, strict=False):
            if not all(map(allowed, column)):
                raise ValueError("a standings combination holds a value of another kind")
        # a Standing's fields after its id, from a combination (_key's order: type, department, year, status,
        # declaration, stage)
        fields = list(map(_KEY_TO_FIELDS, combinations))
        rows = _uncodes(fields, codes)
        if len(rows) != len(ids):
            raise ValueError("standings codes do not match")
        # tuple.__new__ straight from (id,) + the fields: the named tuple's own __new__ is Python, 100,000 calls
        standings = dict(zip(ids, map(partial(tuple.__new__, Standing), map(add, zip(ids), rows))))
        # the figures' counts per combination (_combo_counts), from the codes: counting characters costs a third
        # of making and hashing a key per patent again
        combos: Counter = Counter()
        for code, n in Counter(codes).items():
            combos[tuple(combinations[ord(code) - CODE_BASE if isinstance(code, str) else code])] += n
        day = date.fromisoformat
        fees = _rows(data["fees_due"], _FEE_KINDS)
        expiring = _rows(data["expiring"], _EXPIRING_KINDS)
        licences = _rows(data["licences"], _LICENCE_KINDS)
        receipts = _rows(data["receipts"], _RECEIPT_KINDS)
        offers = _rows(data["offers"], _OFFER_KINDS)
        if not (type(data["profile"]) is type(data["profile_name"]) is str
                and type(data["horizon_days"]) is type(data["audit_mark"]) is int):
            raise ValueError("the count's own values are of another kind")
        return cls(
            day(data["as_of"]), data["profile"], data["horizon_days"], standings, data["profile_name"],
            fees_due=[FeeDue(pid, number, title, ptype, day(due), year, Decimal(fee), Decimal(reduction), source,
                             Decimal(surcharge), overdue)
                      for pid, number, title, ptype, due, year, fee, reduction, source, surcharge, overdue in fees],
            expiring=[Expiring(pid, number, title, ptype, day(last)) for pid, number, title, ptype, last in expiring],
            licences=[LicenceFact(lid, pid, number, title, licensee, size, day(effective), _day(term_end), mode,
                                  _day(recorded), _day(reported), Decimal(due), Decimal(received))
                      for lid, pid, number, title, licensee, size, effective, term_end, mode, recorded, reported,
                      due, received in licences],
            receipts=[Receipt(lid, day(on), Decimal(amount)) for lid, on, amount in receipts],
            offers={pid: Offer(pid, mode, free, pat) for pid, mode, free, pat in offers},
            audit_mark=data["audit_mark"], _combos=combos)

    # --- one form for programs ---
    def to_json(self, dimensions: Iterable[str] = DIMENSIONS, lang: str = "zh") -> dict[str, Any]:
        sme = self.sme()
        licences = self.licences
        offered = self.offered()
        fees = self.fees_due
        amounts = list(map(_AMOUNT, fees))
        # the money texts of every fee, worked out once per distinct amount: a few dozen recur over 10,000 fees
        fee_texts = zip(*map(_money_texts, ([f.fee for f in fees], [f.reduction for f in fees],
                                            [f.surcharge for f in fees], amounts)), strict=True)
        return {
            "as_of": self.as_of.isoformat(),
            "profile": self.profile,
            "profile_name": self.profile_name,
            "horizon_days": self.horizon_days,
            "patents": self.patents,
            "funnel": [{"stage": key, "label": label("stage", key, lang), "patents": n} for key, n in self.funnel()],
            "breakdowns": {d: [_group_json(d, row, lang) for row in self.groups(d)] for d in dimensions},
            "expiring": {"patents": len(self.expiring), "items": [
                {"application_number": e.application_number, "patent_number": "ZL" + e.application_number,
                 "title": e.title, "type": e.patent_type, "last_day": e.last_day.isoformat(),
                 "days_left": (e.last_day - self.as_of).days} for e in self.expiring]},
            "fees_due": {"patents": len({f.patent_id for f in fees}), "total": money(sum(amounts, ZERO)),
                         "reduced": sum(1 for f in fees if f.reduction),
                         "open_licence_reduced": sum(1 for f in fees if f.reduction_source == "open-licence"),
                         "items": [
                {"application_number": f.application_number, "patent_number": "ZL" + f.application_number,
                 "title": f.title, "type": f.patent_type, "due": f.due.isoformat(), "year": f.year,
                 "fee": fee, "reduction": reduction, "reduction_source": f.reduction_source or None,
                 "surcharge": surcharge, "amount": amount, "overdue": f.overdue}
                for f, (fee, reduction, surcharge, amount) in zip(fees, fee_texts, strict=True)]},
            "licences": {
                "licences": len(licences), "patents": self.licensed_patents(), "licensees": self.licensees(),
                "free": sum(1 for lic in licences if lic.free), "paid": sum(1 for lic in licences if not lic.free),
                "amount_due": money(self.amount_due()), "amount_received": money(self.amount_received()),
                "recorded": sum(1 for lic in licences if lic.recorded_on),
                "reports_submitted": sum(1 for lic in licences if lic.report_submitted_on),
                "by_quarter": [{"quarter": q.quarter, "label": label("quarter", q.quarter, lang),
                                "licences": q.licences, "received": money(q.received)} for q in self.by_quarter()],
                "by_size": [{"size": r.size, "label": label("size", r.size, lang), "licences": r.licences,
                             "licensees": r.licensees} for r in self.by_size()],
                "sme": {"licences": sme.licences, "licensees": sme.licensees},
            },
            "offers": {
                "patents": len(offered), "free": sum(1 for o in offered if o.free),
                "paid": sum(1 for o in offered if not o.free),
                "staged_free": sum(1 for o in offered if o.free_months > 0),
                "pay_after_trial": sum(1 for o in offered if o.pay_after_trial),
                "by_mode": [{"mode": m, "label": label("mode", m, lang), "patents": n} for m, n in self.offer_modes()],
            },
        }


# (type, department, year, status, declaration, stage) of a Standing: a C-level getter, since it runs once per
# patent of the portfolio
_key = itemgetter(1, 3, 2, 4, 6, 5)


# a combination's code is written as one character of a text, code i as the character CODE_BASE + i: a string of
# 100,000 characters is written and read as JSON several times faster than 100,000 numbers. From U+0100 on no
# character needs an escape in JSON, and below U+D800 none is a surrogate; more distinct combinations than that
# are written as a list of numbers.
CODE_BASE = 0x100
_TEXT_CODES = 0xD800 - CODE_BASE


def _codes(combinations: list[tuple[Any, ...]], keys: Iterable[tuple[Any, ...]]) -> str | list[int]:
    """The code of each key's combination (its index in `combinations`): the text of CODE_BASE + index, or the
    list of indexes — C-level maps over the keys."""
    if len(combinations) > _TEXT_CODES:
        return list(map({c: i for i, c in enumerate(combinations)}.__getitem__, keys))
    return "".join(map({c: chr(CODE_BASE + i) for i, c in enumerate(combinations)}.__getitem__, keys))


def _uncodes(values: list[Any], codes: Any) -> list[Any]:
    """The value of each code `_codes` wrote (KeyError or ValueError for a code it cannot have written: a list
    index would read a negative number or a boolean as some other value)."""
    if isinstance(codes, str):
        return list(map({chr(CODE_BASE + i): v for i, v in enumerate(values)}.__getitem__, codes))
    if not isinstance(codes, list) or set(map(type, codes)) - {int} or (
            codes and not 0 <= min(codes) <= max(codes) < len(values)):
        raise ValueError("standings codes out of range")
    return list(map(values.__getitem__, codes))


def _is_text(value: Any) -> bool:
    return type(value) is str


def _is_year(value: Any) -> bool:
    return value is None or type(value) is int


def _is_stage(value: Any) -> bool:
    return type(value) is int and NOT_IN_FORCE <= value <= len(STAGES)


# what each field of a saved combination may hold, in _key's order (type, department, year, status, declaration,
# stage), and a Standing's fields after its id from such a combination
_KEY_KINDS = (_is_text, _is_text, _is_year, _is_text, _is_text, _is_stage)
_KEY_TO_FIELDS = itemgetter(0, 2, 1, 3, 5, 4)


# what each saved list's rows hold, field by field (to_snapshot): the type of every value, so that a file changed by
# hand (a title that is a number, an amount that is no number, a flag as text) is not read as other figures or met
# later by the workbook. Days are text read by date.fromisoformat; amounts text that Decimal reads as a finite number.
_TEXT, _INT, _FLAG, _DAY_OR_NONE = frozenset({str}), frozenset({int}), frozenset({bool}), frozenset({str, type(None)})
_MONEY = frozenset({str})  # its own object: `_rows` also checks the column for NaN and Infinity
_FEE_KINDS = (_INT, _TEXT, _TEXT, _TEXT, _TEXT, _INT, _MONEY, _MONEY, _TEXT, _MONEY, _FLAG)
_EXPIRING_KINDS = (_INT, _TEXT, _TEXT, _TEXT, _TEXT)
_LICENCE_KINDS = (_INT, _INT, _TEXT, _TEXT, _TEXT, _TEXT, _TEXT, _DAY_OR_NONE, _TEXT, _DAY_OR_NONE, _DAY_OR_NONE,
                  _MONEY, _MONEY)
_RECEIPT_KINDS = (_INT, _TEXT, _MONEY)
_OFFER_KINDS = (_INT, _TEXT, _INT, _FLAG)


def _rows(rows: Any, kinds: tuple[frozenset[type], ...]) -> list[list[Any]]:
    """`rows` when it is a list of rows of len(kinds) values, each of its field's kinds; else ValueError. Checked
    column by column, C-level: the ten thousand fees ahead of a large portfolio are read back with every count."""
    if type(rows) is not list or set(map(type, rows)) - {list} or set(map(len, rows)) - {len(kinds)}:
        raise ValueError("a saved list is not rows of its fields")
    for column, allowed in zip(zip(*rows), kinds, strict=False):
        if set(map(type, column)) - allowed:
            raise ValueError("a saved list holds a value of another kind")
        # Decimal reads "NaN", "sNaN", "Inf" and "Infinity" in any case, all with an n; no finite number has one
        if allowed is _MONEY and "n" in "".join(column).lower():
            raise ValueError("a saved amount is no number")
    return rows


def _day_text(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _group_json(dimension: str, row: GroupRow, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"value": row.value, "label": label(dimension, row.value, lang), "patents": row.patents}
    out.update(zip(STAGES, row.reached))
    return out


_TYPE_ORDER = {t.value: i for i, t in enumerate(PatentType)}
_STATUS_ORDER = {s.value: i for i, s in enumerate(Status)}
_DECLARATION_ORDER = {s.value: i for i, s in enumerate(DeclarationState)}


def _group_order(dimension: str):
    if dimension == "type":
        return lambda r: _TYPE_ORDER.get(r.value, 99)
    if dimension == "status":
        return lambda r: _STATUS_ORDER.get(r.value, 99)
    if dimension == "year":
        return lambda r: (r.value is None, r.value or 0)
    if dimension == "declaration":
        return lambda r: _DECLARATION_ORDER.get(r.value, 99)
    return lambda r: (r.value == "", -r.patents, r.value)


def _quarters(first: str, last: str) -> list[str]:
    year, q = (int(x) for x in first.split("Q"))
    out = []
    while True:
        key = f"{year}Q{q}"
        out.append(key)
        if key == last:
            return out
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
