"""Which reduction a stored portfolio really gives a fee, over any due day: the 15 % only inside an announced, not
withdrawn statutory declaration — never for a pilot listing, a draft or a declaration only filed — and never
stacked with a reduction the office recorded (the more favourable applies). The rows are real (SQLite), the due
days are drawn by hypothesis."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from declaration_helpers import TODAY, add, ids, make_ready, number, set_office
from hypothesis import given, settings
from hypothesis import strategies as st

from openlic_desktop.domain.annual_fees import OPEN_LICENCE, RECORDED, fee_due_on
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.services import annual_fees, batches, declarations

PILOT, DRAFT, FILED, ANNOUNCED, WITHDRAWN, RECORDED_TOO = (number("1", 70 + i) for i in range(6))
FILING = date(2021, 3, 10)
ANNOUNCED_ON, WITHDRAWAL_FILED_ON, WITHDRAWN_ON = date(2026, 11, 21), date(2026, 11, 23), date(2026, 11, 25)
CUT = (date(2027, 1, 1), date(2028, 12, 31))   # the office's recorded 85 % reduction covers these due days


def _portfolio(ws, tmp_path) -> dict[str, int]:
    set_office()
    every = [PILOT, DRAFT, FILED, ANNOUNCED, WITHDRAWN, RECORDED_TOO]
    add(ws, every, filed=FILING)
    # a pilot listing: published by the bureau through a recorded submission, no declaration
    sub = batches.record_submission(ws, "2026年试点第一批", "general", date(2026, 10, 1), tmp_path / "p.zip",
                                    "0" * 64, 1, [(PILOT, "{}")])
    batches.set_status(ws, sub, "sent")
    batches.set_status(ws, sub, "published")
    declared = every[1:]
    declarations.prepare(ws, declared, today=TODAY)
    make_ready(ws, declared, tmp_path=tmp_path)
    declarations.file(ws, declared[1:], date(2026, 11, 20), "cnipa-online", today=TODAY)
    declarations.announce(ws, [ANNOUNCED, RECORDED_TOO], ANNOUNCED_ON, "第1期", today=TODAY)
    declarations.announce(ws, [WITHDRAWN], ANNOUNCED_ON, "第1期", today=TODAY)
    declarations.withdraw(ws, [WITHDRAWN], WITHDRAWAL_FILED_ON, "技术已转让", today=TODAY)
    declarations.announce_withdrawal(ws, [WITHDRAWN], WITHDRAWN_ON, "第2期", today=TODAY)
    annual_fees.record_reduction(ws, [RECORDED_TOO], 85, *CUT, basis="费减备案")
    return dict(zip(every, ids(ws, every), strict=True))


def test_the_reduction_a_fee_gets_by_the_state_of_the_declaration(ws, tmp_path):
    pids = _portfolio(ws, tmp_path)
    with ws.reading() as session:
        reductions = annual_fees.reductions_for(session, list(pids.values()))

    def percent(n: str, due: date) -> tuple[Decimal, str]:
        fee = fee_due_on(PatentType.INVENTION, FILING, due, reductions.get(pids[n], []))
        return fee.reduction_percent, fee.reduction.source if fee.reduction else ""

    @settings(max_examples=300, deadline=None)
    @given(st.dates(date(2022, 1, 1), date(2040, 12, 31)))
    def check(due: date) -> None:
        for n in (PILOT, DRAFT, FILED):  # never: a pilot listing, a draft, a declaration not yet announced
            assert percent(n, due) == (0, "")
        inside = due >= ANNOUNCED_ON
        assert percent(ANNOUNCED, due) == ((Decimal(15), OPEN_LICENCE) if inside else (0, ""))
        # withdrawn: from the announcement to the day before the withdrawal's announcement
        assert percent(WITHDRAWN, due) == ((Decimal(15), OPEN_LICENCE) if ANNOUNCED_ON <= due < WITHDRAWN_ON
                                           else (0, ""))
        # not stacked: the recorded 85 % where it covers the due day, else the declaration's 15 %
        if CUT[0] <= due <= CUT[1]:
            assert percent(RECORDED_TOO, due) == (Decimal(85), RECORDED)
        else:
            assert percent(RECORDED_TOO, due) == ((Decimal(15), OPEN_LICENCE) if inside else (0, ""))

    check()
    # the same answer through `openlic fees`' service: the next fee (due 2027-03-10) with what is payable
    first = {n: annual_fees.fees_for(ws, n, count=1, today=TODAY).fees[0] for n in pids}
    assert {n: str(f.amount) for n, f in first.items()} == {
        PILOT: "2000.00", DRAFT: "2000.00", FILED: "2000.00", WITHDRAWN: "2000.00",
        ANNOUNCED: "1700.00", RECORDED_TOO: "300.00"}
    assert first[ANNOUNCED].due == date(2027, 3, 10) and first[ANNOUNCED].full == Decimal("2000.00")
    # and a surcharge is on the full fee, whichever reduction applies
    assert first[ANNOUNCED].surcharge_on(first[ANNOUNCED].due + timedelta(days=40)) == Decimal("100.00")
