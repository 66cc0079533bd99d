"""The demo's patents taken further, so a new user sees every stage of the work: commitments confirmed, priced in
each mode, signed off by a preparer and a reviewer, pilot submissions sent and published, statutory declarations
filed and announced by CNIPA, and licences reached with a payment received.

All through the services that do this work for the office (one writer per table, each step audited as the user's
own), dated before `today` in the order the work happens. Deterministic: the same patents for the same seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import cast

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.identifiers import PatentType, uscc_check_character
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import Frequency, PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.domain.status import Status
from openlic_desktop.domain.terms import last_day_in_force
from openlic_desktop.services.workspace import Workspace

# the licensees of the demo: companies that took a licence under the open offer (invented names and identifiers)
LICENSEES = [
    {"name": "东海锐创智能科技有限公司", "address": "东海市高新区创业路88号", "legal_representative": "周志远",
     "contact": "周志远 0571-86661234", "size": "small"},
    {"name": "江南恒远新材料有限公司", "address": "江南市经济开发区新材路16号", "legal_representative": "吴晓峰",
     "contact": "吴晓峰 0571-87772345", "size": "medium"},
]
# the people who sign off: the office's preparer (the acting user) and a colleague who reviews
REVIEWER = "审核人（示例）"
# how many demo patents are taken further, and how far each goes (in this order)
STEPS = ("committed", "committed", "signed", "signed", "sent", "published", "published", "published", "filed",
         "announced", "announced", "announced")
# the published pilot and the announced declaration that reach a licence (indices into STEPS)
LICENSED = (5, 9)
STATUTORY = "statutory"
# a submission's package path when no package was built (str(Path("")) would be ".")
NO_PACKAGE = cast(Path, "")
# who answers for the office's declarations (its technology-transfer centre)
CONTACT = (("contact_person", "赵晓琳"), ("contact_phone", "0571-87000000"))


@dataclass(frozen=True)
class Progressed:
    """Which demo patents reached which stage (application numbers, canonical)."""

    committed: tuple[str, ...] = ()
    signed: tuple[str, ...] = ()
    sent: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    filed: tuple[str, ...] = ()
    announced: tuple[str, ...] = ()
    licensed: tuple[str, ...] = ()


def licensee_uscc(index: int) -> str:
    first = f"91330100{900 + index:09d}"
    return first + uscc_check_character(first)


def _terms(index: int, term_months: int) -> PricingTerms:
    """A variety of the modes an office publishes: free, lump sum, royalty, entry fee + royalty, a staged free
    period, pay after a trial. The ones that reach a licence (LICENSED) have a sum due at once."""
    royalty = {"rate": Decimal("3.00"), "base": RoyaltyBase.NET_SALES, "frequency": Frequency.YEARLY}
    variety = [
        PricingTerms(PricingMode.FREE, term_months=term_months),
        PricingTerms(PricingMode.ROYALTY, term_months=term_months, **royalty),
        PricingTerms(PricingMode.ROYALTY, term_months=term_months, free_months=12, **royalty),
        PricingTerms(PricingMode.ROYALTY, term_months=term_months, pay_after_trial=True, trial_months=6, **royalty),
        PricingTerms(PricingMode.ENTRY_PLUS_ROYALTY, entry_fee=Decimal("50000.00"), term_months=term_months,
                     **royalty),
    ]
    if index in LICENSED:
        return (PricingTerms(PricingMode.LUMP_SUM, amount=Decimal("120000.00"), term_months=term_months)
                if index == LICENSED[0] else variety[4])
    return variety[index % len(variety)]


def candidates(facts: list[PatentFacts], today: date, seed: int, term_months: int) -> list[PatentFacts]:
    """Patents the office can offer at once: inventions in force, its own alone (no co-owner's consent to
    collect), fees paid, years of term left; in an order fixed by the seed."""
    far = add_months(today, term_months + 24)
    fit = [f for f in facts
           if f.patent_type is PatentType.INVENTION and f.status is Status.IN_FORCE and len(f.patentees) == 1
           and f.grant_date is not None and f.fees_paid_until is not None and f.fees_paid_until >= today
           and f.number.kind_digit == "1"
           and last_day_in_force(f.patent_type, f.filing_date) > far]
    rng = random.Random(seed * 7919 + 17)
    return rng.sample(fit, min(len(STEPS), len(fit)))


# the stages of that work, in order: a progress callback hears of each as it begins
STAGES = ("pricing", "fee notes", "commitments", "sign-offs", "submissions", "filing", "announcement", "licensees",
          "licences")


def take_further(ws: Workspace, facts: list[PatentFacts], seed: int, today: date,
                 progress: Callable[[int, int], bool] | None = None) -> Progressed:
    """Take a dozen demo patents through the office's work, each as far as STEPS says. `progress(done, total)` is
    called as each of the STAGES begins and once at the end (total: len(STAGES)); False stops the work
    (InterruptedError) — the caller's one transaction (Workspace.one_job) then undoes the stages done."""
    started = iter(range(len(STAGES) + 1))

    def stage() -> None:
        done = next(started)
        if progress is not None and not progress(done, len(STAGES)):
            raise InterruptedError("cancelled")

    progressed = _take_further(ws, facts, seed, today, stage)
    for _rest in started:  # the stages with nothing to do, and the end
        if progress is not None:
            progress(len(STAGES), len(STAGES))
    return progressed


def _take_further(ws: Workspace, facts: list[PatentFacts], seed: int, today: date,
                  stage: Callable[[], None]) -> Progressed:
    from openlic_desktop.services import batches, declarations, fee_notes, pricing, readiness
    from openlic_desktop.services.licensing import licences, licensees
    from openlic_desktop.services.profiles import get_profile

    profile = get_profile(None)
    term_months = max(int(profile.min_term_months or 12), 36)
    chosen = candidates(facts, today, seed, term_months)
    if not chosen:
        return Progressed()
    steps = STEPS[:len(chosen)]
    numbers = [f.number.canonical for f in chosen]
    at = {step: [n for n, s in zip(numbers, steps) if s == step] for step in STEPS}
    pilot = [n for n, s in zip(numbers, steps) if s in ("committed", "signed", "sent", "published")]
    statutory = [n for n, s in zip(numbers, steps) if s in ("filed", "announced")]
    reviewer = replace(ws, user=REVIEWER if ws.user != REVIEWER else REVIEWER + "2")

    stage()  # pricing
    by_terms: dict[PricingTerms, list[str]] = {}
    for index, number in enumerate(numbers):
        by_terms.setdefault(_terms(index, term_months), []).append(number)
    for terms, group in by_terms.items():  # one transaction per kind of terms
        outcome = pricing.price_patents(ws, group, terms, today=today)
        _require(not outcome.skipped, f"pricing: {outcome.skipped}")
    stage()  # fee notes
    # the note of how each fee was estimated (a statutory declaration is filed with it), from the industry's figures
    _done(fee_notes.draft_many(ws, numbers, "industry"), "fee note")
    stage()  # commitments
    for group, code in ((pilot, None), (statutory, STATUTORY)):
        if not group:
            continue
        if code == STATUTORY:
            declarations.prepare(ws, group, today=today)
            # CNIPA publishes whom to contact: the office's technology-transfer centre where the patent names nobody
            lacking = [f.number.canonical for f in chosen
                       if f.number.canonical in group and not (f.contact_person and f.contact_phone)]
            if lacking:
                _done(declarations.update(ws, lacking, dict(CONTACT)), "contact")
        _done(readiness.confirm_commitments(ws, group, None, code), "commit")
    stage()  # sign-offs
    for group, code in ((pilot, None), (statutory, STATUTORY)):
        signing = [n for n in group if n not in at["committed"]]
        if signing:
            _done(readiness.sign_off(ws, signing, "preparer", code, today=today), "preparer")
            _done(readiness.sign_off(reviewer, signing, "reviewer", code, today=today), "reviewer")

    # pilot: a batch sent a hundred days ago that the bureau has not answered yet, and one submitted seventy days
    # ago that it published
    sent_on, published_on = today - timedelta(days=100), today - timedelta(days=70)
    stage()  # submissions
    for seq, (group, status, day) in enumerate(((at["sent"], "sent", sent_on),
                                                (at["published"], "published", published_on)), 1):
        if not group:
            continue
        rows = [(n, json.dumps({"application_number": n}, ensure_ascii=False)) for n in group]
        # no package was built for these (the demo writes no files): the record names none
        sid = batches.record_submission(ws, f"示例批次{seq}", profile.code, day, NO_PACKAGE, "", 0, rows,
                                        notes="示例数据，未生成材料包")
        batches.set_status(ws, sid, "sent")
        if status == "published":
            batches.set_status(ws, sid, "published", reference=f"KF{day.year}-{seq:03d}")

    # statutory: filed with CNIPA four months ago, announced two months later
    filed_on, announced_on = today - timedelta(days=120), today - timedelta(days=60)
    stage()  # filing
    if statutory:
        _done(declarations.file(ws, statutory, filed_on, "cnipa-online", f"KFXK{filed_on.year}0001", today=today),
              "file")
    stage()  # announcement
    if at["announced"]:
        _done(declarations.announce(ws, at["announced"], announced_on, f"第{announced_on.year - 1984}卷第8期",
                                    today=today), "announce")

    # licences reached under the published and the announced offers, the first payment received
    licensed = [numbers[i] for i in LICENSED if i < len(numbers)]
    stage()  # licensees
    known = {e.identifier for e in licensees.list_licensees(ws)}
    for index, entry in enumerate(LICENSEES):
        if licensee_uscc(index) not in known:
            licensees.add_licensee(ws, uscc=licensee_uscc(index), **entry)
    stage()  # licences
    for index, number in enumerate(licensed):
        effective = (published_on if index == 0 else announced_on) + timedelta(days=20)
        record = licences.add_licence(ws, number, licensee_uscc(index), effective)
        first = min(record.payments, key=lambda p: p.due_date)
        licences.record_payment(ws, first.id, min(first.due_date, today - timedelta(days=1)), first.amount_due)
    return Progressed(committed=tuple(at["committed"]), signed=tuple(at["signed"]), sent=tuple(at["sent"]),
                      published=tuple(at["published"]), filed=tuple(at["filed"]),
                      announced=tuple(at["announced"]), licensed=tuple(licensed))


def _done(outcome, step: str) -> None:
    _require(not outcome.refused, f"{step}: " + "; ".join(f"{r.application_number} {r.code}"
                                                           for r in outcome.refused))


def _require(ok: bool, what: str) -> None:
    # the demo's own patents are chosen to pass every rule: a refusal here is a bug in the demo, not the user's
    if not ok:
        raise RuntimeError(f"the demo could not take its patents further: {what}")
