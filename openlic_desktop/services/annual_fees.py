"""Annual fees ahead, with the reductions that really apply: `openlic fees`, the deadlines and the declaration
views ask here (the arithmetic is domain.annual_fees).

A patent's reductions are the open-licence periods of its statutory declarations (announced → the day before the
withdrawal's announcement) and the reductions the office recorded (费减…). Audited like every change.
Plain values out; thread rule: any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from openlic_desktop.domain.annual_fees import (
    OPEN_LICENCE,
    AnnualFee,
    Reduction,
    fees_ahead,
    lapsed_for_fee,
    open_licence_reduction,
)
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.services.readiness import resolve_ids
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import declarations as repo
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.support.errors import InputError, NotFoundError


def reductions_for(session, patent_ids: Sequence[int]) -> dict[int, list[Reduction]]:
    """Every reduction of these patents: recorded ones and those their announced declarations give."""
    out: dict[int, list[Reduction]] = {pid: [r for _id, r in pairs]
                                       for pid, pairs in repo.reductions(session, patent_ids).items()}
    for value, _number, _title in repo.listing(session, ["announced", "withdrawal-filed", "withdrawn"],
                                               list(patent_ids)):
        found = open_licence_reduction(value.announced_on, value.withdrawn_on, value.announcement)
        if found is not None:
            out.setdefault(value.patent_id, []).append(found)
    return out


def declared_patent_ids(session) -> set[int]:
    """Patents with a statutory declaration (any state): their annual fees are followed too."""
    return {value.patent_id for value, _n, _t in repo.listing(session, None)}


def fee_detail(fee: AnnualFee, lang: str = "zh") -> str:
    """第6年度；开放许可减缴15% — which year, and the reduction applied (if any)."""
    zh = lang.startswith("zh")
    text = f"第{fee.year}年度" if zh else f"year {fee.year}"
    if fee.reduction is not None:
        percent = format(fee.reduction.percent.normalize(), "f")
        if fee.reduction.source == OPEN_LICENCE:
            text += f"；开放许可减缴{percent}%" if zh else f"; open-licence reduction {percent}%"
        else:
            text += f"；减缴{percent}%" if zh else f"; reduction {percent}%"
    return text


def lapse_words(fee: AnnualFee, lang: str = "zh") -> str:
    """The lapse in words: which year's fee went unpaid, when its grace period ended, from when the patent lapsed."""
    if lang.startswith("zh"):
        return (f"第{fee.year}年度年费应在 {fee.due.isoformat()} 前缴纳，滞纳期已于 {fee.grace_end.isoformat()} 届满"
                f"未缴：专利权自 {fee.due.isoformat()} 起终止")
    return (f"the year {fee.year} fee was due before {fee.due.isoformat()} and not paid by the end of its grace "
            f"period on {fee.grace_end.isoformat()}: the patent lapsed from {fee.due.isoformat()}")


@dataclass(frozen=True)
class FeesAhead:
    application_number: str
    fees: tuple[AnnualFee, ...]
    paid_on: date | None = None
    lapsed: AnnualFee | None = None   # the fee not paid within its grace period: the patent lapsed, nothing payable

    def to_json(self) -> dict[str, Any]:
        items = []
        for fee in self.fees:
            item: dict[str, Any] = {
                "due": fee.due.isoformat(), "year": fee.year, "full": str(fee.full), "amount": str(fee.amount),
                "reduction": (None if fee.reduction is None else {
                    "percent": format(fee.reduction.percent.normalize(), "f"), "source": fee.reduction.source,
                    "basis": fee.reduction.basis or None}),
                "grace_end": fee.grace_end.isoformat(),
                "surcharge_if_paid_on": [
                    {"from": first.isoformat(), "to": last.isoformat(), "percent": format(pct.normalize(), "f"),
                     "surcharge": str(amount), "total": str(fee.amount + amount)}
                    for first, last, pct, amount in fee.surcharge_steps()],
            }
            if self.paid_on is not None:
                surcharge = fee.surcharge_on(self.paid_on)
                item["paid_on"] = {"date": self.paid_on.isoformat(),
                                   "surcharge": None if surcharge is None else str(surcharge),
                                   "total": None if surcharge is None else str(fee.amount + surcharge),
                                   "payable": surcharge is not None}
            items.append(item)
        return {"application_number": self.application_number, "fees": items}


def fees_for(ws: Workspace, item: int | str, count: int | None = None, paid_on: date | None = None, *,
             today: date) -> FeesAhead:
    """The annual fees still to pay for one patent, each with the reduction that applies on its due day. A patent
    whose unpaid fee's grace period ended before `today` has lapsed: no fees, and `lapsed` names that fee. `today`
    is the day the caller works with (a command's --date, a view's date), never silently the clock's."""
    with ws.reading() as session:
        (pid, number), = resolve_ids(session, [item])
        facts = patent_repo.get_facts_by_ids(session, [pid])[pid]
        reductions = reductions_for(session, [pid]).get(pid, [])
    if facts.filing_date is None or facts.fees_paid_until is None or facts.patent_type is None:
        raise InputError("FEES_NOT_KNOWN", value=number)
    lapsed = lapsed_for_fee(facts.patent_type, facts.filing_date, facts.fees_paid_until, facts.expiry_date,
                            today, reductions)
    if lapsed is not None:
        return FeesAhead(number, (), paid_on, lapsed)
    fees = fees_ahead(facts.patent_type, facts.filing_date, facts.fees_paid_until, facts.expiry_date,
                      reductions, count)
    return FeesAhead(number, tuple(fees), paid_on)


def next_fees(ws: Workspace, rows: Sequence[Any]) -> dict[int, AnnualFee]:
    """The next unpaid fee of each patent row (id, patent_type, filing_date, fees_paid_until, expiry_date) — for
    the deadlines list, in one query for the reductions. A fee that `lapsed_by` the caller's day is no longer
    payable: the patent lapsed from its due day (the caller says so; `lapse_words`)."""
    with ws.reading() as session:
        reductions = reductions_for(session, [r.id for r in rows])
    out: dict[int, AnnualFee] = {}
    for r in rows:
        if r.filing_date is None or r.fees_paid_until is None:
            continue
        found = fees_ahead(PatentType(r.patent_type), r.filing_date, r.fees_paid_until, r.expiry_date,
                           reductions.get(r.id, []), count=1)
        if found:
            out[r.id] = found[0]
    return out


# --- recorded reductions ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RecordedReduction:
    id: int
    application_number: str
    reduction: Reduction

    def to_json(self) -> dict[str, Any]:
        r = self.reduction
        return {"id": self.id, "application_number": self.application_number,
                "percent": format(r.percent.normalize(), "f"), "start": r.start.isoformat() if r.start else None,
                "end": r.end.isoformat() if r.end else None, "basis": r.basis}


def _describe(r: Reduction) -> str:
    return f"{format(r.percent.normalize(), 'f')}% {r.start or '…'}–{r.end or '…'} {r.basis}".strip()


def record_reduction(ws: Workspace, items: Sequence[int | str], percent: Any, start: date | None = None,
                     end: date | None = None, basis: str = "") -> list[RecordedReduction]:
    """Record a fee reduction (percent off the annual fees due from `start` to `end`) for each patent."""
    try:
        value = Decimal(str(percent).strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        raise InputError("FEE_REDUCTION_BAD", value=str(percent)) from None
    if not value.is_finite() or not (0 < value <= 100):
        raise InputError("FEE_REDUCTION_BAD", value=str(percent))
    if start and end and end < start:
        raise InputError("BAD_ARGUMENT", reason=f"end {end} before start {start}")
    reduction = Reduction(value, "recorded", start, end, basis.strip())
    out = []
    with ws.session() as session:
        pairs = resolve_ids(session, list(items))
        entries = []
        for pid, number in pairs:
            rid = repo.add_reduction(session, pid, reduction, ws.user)
            out.append(RecordedReduction(rid, number, reduction))
            entries.append(AuditEntry("patent", pid, number, "fee_reduction_add", "fee_reduction", None,
                                      _describe(reduction)))
        audit.append(session, ws.user, ws.source, entries)
    return out


def remove_reduction(ws: Workspace, reduction_id: int) -> None:
    with ws.session() as session:
        found = repo.remove_reduction(session, reduction_id)
        if found is None:
            raise NotFoundError("FEE_REDUCTION_NOT_FOUND", value=str(reduction_id))
        pid, reduction = found
        (_pid, number), = resolve_ids(session, [pid])
        audit.append(session, ws.user, ws.source, [AuditEntry("patent", pid, number, "fee_reduction_remove",
                                                              "fee_reduction", _describe(reduction), None)])


def list_reductions(ws: Workspace, item: int | str) -> list[RecordedReduction]:
    with ws.reading() as session:
        (pid, number), = resolve_ids(session, [item])
        return [RecordedReduction(rid, number, r) for rid, r in repo.reductions(session, [pid]).get(pid, [])]
