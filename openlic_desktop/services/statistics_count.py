"""Counting the portfolio for its statistics (services.statistics, which reads a saved count instead when the
data has not changed, and imports this module only to count).

Where each patent stands is decided by the readiness engine's own rules (domain.readiness) on records that hold
what those rules read, loaded for the whole portfolio in a few table reads: the patents in force and not yet
listed go through the rules of what may be offered; the eligible ones through the commitments rule; those with
sign-offs through the sign-off rule on their full records (a sign-off is judged by its fingerprint of everything).
Annual fees come from the one fee engine (domain.annual_fees) with the reductions services.annual_fees finds;
declaration states from the declarations service. Licences and payments as recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from itertools import compress, repeat
from operator import add, is_, itemgetter
from typing import Any

from sqlalchemy.orm import Session

from openlic_desktop.domain import readiness as rules
from openlic_desktop.domain.annual_fees import fees_ahead
from openlic_desktop.domain.blocker_override import FACT_BLOCKERS
from openlic_desktop.domain.declarations import DeclarationState
from openlic_desktop.domain.findings import Severity
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.readiness import ReadinessRecord, RuleContext
from openlic_desktop.domain.statistics import (
    NOT_IN_FORCE,
    STAGES,
    ZERO,
    Expiring,
    FeeDue,
    LicenceFact,
    Offer,
    PortfolioStatistics,
    Receipt,
    Standing,
)
from openlic_desktop.domain.status import Status
from openlic_desktop.services import annual_fees as annual_fee_service
from openlic_desktop.services import declarations as declaration_service
from openlic_desktop.services import readiness
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import declarations as declaration_repo
from openlic_desktop.storage import readiness as readiness_repo
from openlic_desktop.storage import readiness_sql as rule_sql
from openlic_desktop.storage import statistics as repo

# Eligible: no blocker among the facts that keep a patent from being offered at all (domain.md §4; the same codes
# that make a document untrue, domain.blocker_override). The rest — commitments, sign-off, pricing, contact, the
# stored files — is the office's own work on an eligible patent, counted by the later stages; those rules are left
# out here (any other rule, also one added later, is run).
OFFICE_WORK_RULES = frozenset({rules.rule_commitments, rules.rule_signoff, rules.rule_pricing, rules.rule_contact,
                               rules.rule_attachment_files})
# a statutory declaration counts as declared once filed with CNIPA, as announced once CNIPA announced it — until
# its withdrawal is announced
DECLARED = frozenset({DeclarationState.FILED, DeclarationState.ANNOUNCED, DeclarationState.WITHDRAWAL_FILED})
ANNOUNCED_STATES = frozenset({DeclarationState.ANNOUNCED, DeclarationState.WITHDRAWAL_FILED})
# stage numbers (domain.statistics): 1 + the index in STAGES
IN_FORCE, ELIGIBLE, COMMITTED, SIGNED, LISTED, ANNOUNCED, LICENSED = range(1, len(STAGES) + 1)
# past this many patents a whole-table read filtered in Python beats IN lists
SCAN_ABOVE = 3000

_IN_FORCE_VALUE = Status.IN_FORCE.value


def eligibility_rules(regime: str) -> tuple[Any, ...]:
    """The regime's rules (domain.readiness.rules_for) but the office's own steps."""
    return tuple(rule for rule in rules.rules_for(regime) if rule not in OFFICE_WORK_RULES)


def fill(ws: Workspace, stats: PortfolioStatistics, ctx: RuleContext, only: Sequence[int] | None,
         cancelled: Callable[[], bool] | None = None) -> None:
    """Count into `stats`: every patent (`only` None: the standings, fees and expiries replaced), or only these
    patents (their standings, fees and expiries replaced, the rest kept); licences, payments and offers are read
    again whole either way. `cancelled`: as for services.statistics.compute, asked between the steps."""
    from openlic_desktop.services.statistics import stop_if

    stop_if(cancelled)
    if only is None:
        with ws.reading() as session:  # first: a change made while counting is seen again next time
            stats.audit_mark = repo.audit_mark(session)
    declarations = _declarations(ws, ctx.today, only)
    with ws.reading() as session:
        licences, receipts = _licences(repo.licence_rows(session), repo.payment_rows(session))
        rule_set = eligibility_rules(ctx.profile.regime)
        stop_if(cancelled)
        rows = repo.standing_rows(session, (rule_set, (rules.rule_commitments,)), ctx,
                                  ctx.today + timedelta(days=stats.horizon_days), only)
        stop_if(cancelled)
        offer_rows = repo.offer_rows(session)
        offers = {pid: Offer(pid, mode, free, pat) for pid, mode, _term, free, pat in offer_rows}
        terms = {pid: term for pid, _mode, term, _free, _pat in offer_rows}
        listed, announced = _pilot_outcomes(repo.submission_rows(session))
        listed |= {pid for pid, state in declarations.items() if state in DECLARED}
        announced |= {pid for pid, state in declarations.items() if state in ANNOUNCED_STATES}
        licensed = {lic.patent_id for lic in licences}
        standings, facts = _standings(session, rows, ctx, rule_set, terms, listed, announced, licensed,
                                      declarations)
        stop_if(cancelled)
        fees, expiring = _ahead(session, facts, ctx.today, stats.horizon_days)
    if only is None:
        stats.standings, stats._combos = standings, None
        stats.fees_due, stats.expiring = fees, expiring
    else:
        stats.replace({pid: standings.get(pid) for pid in only})
        changed = set(only)
        stats.fees_due = [f for f in stats.fees_due if f.patent_id not in changed] + fees
        stats.expiring = [e for e in stats.expiring if e.patent_id not in changed] + expiring
    stats.fees_due.sort(key=lambda f: (f.due, f.application_number))
    stats.expiring.sort(key=lambda e: (e.last_day, e.application_number))
    stats.offers, stats.licences, stats.receipts = offers, licences, receipts


def _declarations(ws: Workspace, today: date, only: Sequence[int] | None) -> dict[int, DeclarationState]:
    """The state of each patent's statutory declaration (its open one, else its last withdrawn one), as the
    declarations service reads it (a draft is signed while its sign-offs are current)."""
    with ws.reading() as session:
        ids = repo.declared_patent_ids(session)
    if only is not None:
        ids &= set(only)
    return declaration_service.states_for(ws, sorted(ids), today) if ids else {}


def _pilot_outcomes(rows: Sequence[tuple[int, int, int, str, str]]) -> tuple[set[int], set[int]]:
    """Patents listed with a bureau (sent, acknowledged or published, not returned) and those the bureau
    published — each unless a later withdrawal in the same batch has left the office."""
    listed_at: dict[tuple[int, int], int] = {}
    published_at: dict[tuple[int, int], int] = {}
    withdrawn_at: dict[tuple[int, int], int] = {}
    for pid, batch, seq, kind, status in rows:
        key = (pid, batch)
        if kind == "withdrawal":
            withdrawn_at[key] = max(seq, withdrawn_at.get(key, 0))
        elif status in ("sent", "acknowledged", "published"):
            listed_at[key] = max(seq, listed_at.get(key, 0))
            if status == "published":
                published_at[key] = max(seq, published_at.get(key, 0))
    listed = {pid for (pid, batch), seq in listed_at.items() if seq > withdrawn_at.get((pid, batch), 0)}
    announced = {pid for (pid, batch), seq in published_at.items() if seq > withdrawn_at.get((pid, batch), 0)}
    return listed, announced


class _Facts:
    """The facts of a patent in force kept for the fees and expiries ahead."""

    __slots__ = ("expiry", "filing", "number", "paid", "patent_id", "patent_type", "title")

    def __init__(self, patent_id: int, number: str, patent_type: str, filing: date | None, paid: Any,
                 expiry: date | None, title: str) -> None:
        self.patent_id, self.number, self.patent_type = patent_id, number, patent_type
        self.filing, self.paid, self.expiry, self.title = filing, paid, expiry, title


# storage.statistics.standing_rows: what a Standing is made of (its declaration filled in afterwards), the rule sets'
# verdicts, whether fees or expiry may fall due
_STANDING = itemgetter(0, 1, 2, 3, 4)
_VERDICTS = itemgetter(4, 5, 6)
_AHEAD = itemgetter(7)
# the stage the verdicts settle, by (effective status, eligibility verdict, commitments verdict); a combination not
# listed is settled by the rules (domain.readiness) or by what was listed, announced or licensed
_SETTLED: dict[tuple[str, Any, Any], int] = {
    (status.value, v0, v1): NOT_IN_FORCE for status in Status if status is not Status.IN_FORCE
    for v0 in (rule_sql.BLOCKED, rule_sql.CLEAR, None) for v1 in (rule_sql.BLOCKED, rule_sql.CLEAR, None)}
_SETTLED.update({(_IN_FORCE_VALUE, rule_sql.BLOCKED, v1): IN_FORCE
                 for v1 in (rule_sql.BLOCKED, rule_sql.CLEAR, None)})
_SETTLED[(_IN_FORCE_VALUE, rule_sql.CLEAR, rule_sql.BLOCKED)] = ELIGIBLE


def _standings(session: Session, rows: list[Sequence[Any]], ctx: RuleContext, rule_set: tuple[Any, ...],
               terms: dict[int, int | None], listed: set[int], announced: set[int], licensed: set[int],
               declarations: dict[int, DeclarationState]) -> tuple[dict[int, Standing], list[_Facts]]:
    """Each patent's standing; `rows` are storage.statistics.standing_rows of the eligibility rules and of the
    commitments rule. The columns the database worked out make most standings whole without a line of Python
    per patent (C-level maps over the rows); the rest — listed, announced or licensed, or not settled by the
    verdicts — are judged here."""
    stages = list(map(_SETTLED.get, map(_VERDICTS, rows)))
    standing = partial(tuple.__new__, Standing)  # the named tuple's own __new__ is Python, 100,000 calls
    standings: dict[int, Standing] = dict(zip(map(itemgetter(0), rows), map(
        standing, map(add, map(_STANDING, rows), zip(stages, repeat(""))))))
    # patents in force that were listed, announced or licensed count so, whatever their verdicts
    for stage, marked in ((LISTED, listed), (ANNOUNCED, announced), (LICENSED, licensed)):
        for pid in marked:
            s = standings.get(pid)
            if s is not None and s.status == _IN_FORCE_VALUE:
                standings[pid] = s._replace(stage=stage)
    for pid, state in declarations.items():
        s = standings.get(pid)
        if s is not None:
            standings[pid] = s._replace(declaration=state.value)
    # the rest in force: judged by the rules (storage.readiness_sql's verdicts where they settle a step)
    verdicts = {row[0]: row[5:7] for row in compress(rows, map(is_, stages, repeat(None)))
                if row[4] == _IN_FORCE_VALUE and standings[row[0]].stage is None}
    facts = {row[0]: row for row in readiness_repo.rule_fact_rows(session, sorted(verdicts))}
    for pid, reached in _judge(session, facts, verdicts, ctx, rule_set, terms).items():
        standings[pid] = standings[pid]._replace(stage=reached)
    day = readiness_repo.stored_date
    in_force = [_Facts(pid, number, ptype, day(filing), day(paid), day(expiry), title or "")
                for pid, number, ptype, filing, paid, expiry, title
                in repo.ahead_rows(session, [row[0] for row in compress(rows, map(_AHEAD, rows))])]
    return standings, in_force


def _scope(ids: Sequence[int]) -> list[int] | None:
    return None if len(ids) > SCAN_ABOVE else list(ids)


def _blocked(record: ReadinessRecord, ctx: RuleContext, rule_set: Sequence[Any],
             codes: frozenset[str] | None = None) -> bool:
    """Whether a rule of `rule_set` finds a blocker (one of `codes`, when given): the rules are pure, so the
    first such finding settles it and the rules after it are not run."""
    for rule in rule_set:
        for finding in rule(record, ctx):
            if finding.severity is Severity.BLOCKER and (codes is None or finding.code in codes):
                return True
    return False


def _judge(session: Session, rows: dict[int, tuple[Any, ...]], verdicts: dict[int, tuple[Any, ...]],
           ctx: RuleContext, rule_set: tuple[Any, ...], terms: dict[int, int | None]) -> dict[int, int]:
    """The stage reached by each patent in force not yet listed: eligible, committed, signed — by the rules.
    Where the SQL forms of the rules settle eligibility (storage.readiness_sql; `verdicts`: the eligibility rules'
    verdict and the commitments rule's), no record is built; the rest are judged by the rules themselves."""
    if not rows:
        return {}
    eligible = _passing(session, rows, {pid: v[0] for pid, v in verdicts.items()}, ctx, rule_set, terms,
                        FACT_BLOCKERS, ("encumbrances", "attachments", "consents"))
    committed = _passing(session, {pid: rows[pid] for pid in eligible}, {pid: verdicts[pid][1] for pid in eligible},
                         ctx, (rules.rule_commitments,), terms, None, ("commitments",))
    # a sign-off is current only if its fingerprint matches everything signed: judged on the full record
    with_signoffs = sorted(rule_sql.signed_by_every_role(session, sorted(committed)))
    full: dict[int, ReadinessRecord] = {}
    for start in range(0, len(with_signoffs), readiness_repo.CHUNK):
        full.update(readiness.load_records(session, with_signoffs[start:start + readiness_repo.CHUNK],
                                           ctx.profile, ctx.today))
    reached = dict.fromkeys(rows, IN_FORCE)
    reached.update(dict.fromkeys(eligible, ELIGIBLE))
    reached.update(dict.fromkeys(committed, COMMITTED))
    reached.update({pid: SIGNED for pid, r in full.items() if not _blocked(r, ctx, (rules.rule_signoff,))})
    return reached


def _passing(session: Session, rows: dict[int, tuple[Any, ...]], verdicts: dict[int, int | None],
             ctx: RuleContext, rule_set: tuple[Any, ...], terms: dict[int, int | None],
             codes: frozenset[str] | None, parts: tuple[str, ...]) -> set[int]:
    """Those of these patents that no rule of `rule_set` finds a blocker against (one of `codes`, when given):
    as the rule set's SQL verdict says (storage.readiness_sql), and where it is undecided, as the rules
    themselves find on records holding what they read (the facts, and the related rows named by `parts`)."""
    passing = {pid for pid, verdict in verdicts.items() if verdict == rule_sql.CLEAR}
    undecided = [pid for pid, verdict in verdicts.items() if verdict is None]
    if not undecided:
        return passing
    records = {}
    for pid in undecided:
        record = readiness_repo.rule_facts(rows[pid])
        record.pricing_term_months = terms.get(pid)
        records[pid] = record
    readiness_repo.fill(session, records, _scope(undecided), parts)
    for pid, value in declaration_repo.load_open(session, _scope(undecided)).items():
        if pid in records:  # a declaration in force turns some facts into obstacles (an exclusive licence…)
            records[pid].declaration = value
    return passing | {pid for pid, r in records.items() if not _blocked(r, ctx, rule_set, codes)}


def _ahead(session: Session, in_force: list[_Facts], today: date, horizon_days: int,
           ) -> tuple[list[FeeDue], list[Expiring]]:
    """Annual fees falling due within the horizon (or overdue and still payable) and patents whose term ends
    within it. The fees come from the fee engine (domain.annual_fees) with the reductions that really apply
    (services.annual_fees: an announced declaration's 15 %, the office's recorded ones; never stacked)."""
    horizon = today + timedelta(days=horizon_days)
    ending = [f for f in in_force if f.expiry is not None and today <= f.expiry <= horizon]
    # a fee falls due on an anniversary after the fees paid: none within the horizon when they cover it
    candidates = [f for f in in_force if f.filing is not None and f.paid is not None and f.paid < horizon]
    # reductions are read only for the patents that have any: one recorded, or a declaration (the rest, nearly
    # all, would cost two dozen empty IN-list reads)
    some = repo.reduced_patent_ids(session) | repo.declared_patent_ids(session) if candidates else set()
    reduced = [f.patent_id for f in candidates if f.patent_id in some]
    reductions = annual_fee_service.reductions_for(session, reduced) if reduced else {}
    # the fee engine asked once for each distinct set of everything it reads (type, filing date, fees paid, last
    # day, reductions; the day and the horizon are the same for all): patents filed on the same day with the same
    # fees paid share their fee ahead, and a large portfolio has many such
    answers: dict[tuple[Any, ...], tuple[Any, ...] | None] = {}
    fees = []
    for f in candidates:
        reduced = tuple(reductions.get(f.patent_id, ()))
        key = (f.patent_type, f.filing, f.paid, f.expiry, reduced)
        answer = answers.get(key, _UNASKED)
        if answer is _UNASKED:
            answer = answers[key] = _fee_ahead(f.patent_type, f.filing, f.paid, f.expiry, reduced, today, horizon)
        if answer is not None:
            fees.append(FeeDue(f.patent_id, f.number, f.title, f.patent_type, *answer))
    expiring = [Expiring(f.patent_id, f.number, f.title, f.patent_type, f.expiry) for f in ending]
    return fees, expiring


_UNASKED = object()


def _fee_ahead(patent_type: str, filing: date, paid: date, expiry: date | None, reductions: tuple[Any, ...],
               today: date, horizon: date) -> tuple[Any, ...] | None:
    """(due, year, full fee, reduction, its source, surcharge, overdue) of the next annual fee when it falls due
    within the horizon and can still be paid, else None (domain.annual_fees: the one fee engine)."""
    ahead = fees_ahead(PatentType(patent_type), filing, paid, expiry, reductions, count=1)
    if not ahead or ahead[0].due > horizon:
        return None
    fee = ahead[0]
    overdue = fee.due < today
    surcharge = fee.surcharge_on(today) if overdue else ZERO
    if surcharge is None:  # past the grace period: the patent has lapsed and nothing can be paid
        return None
    return (fee.due, fee.year, fee.full, fee.full - fee.amount, fee.reduction.source if fee.reduction else "",
            surcharge, overdue)


def _licences(rows: Sequence[tuple], payments: Sequence[tuple]) -> tuple[list[LicenceFact], list[Receipt]]:
    """Licences with the amounts due (those known: a royalty counts once reported) and received under each, and
    every payment received."""
    due: dict[int, Decimal] = {}
    received: dict[int, Decimal] = {}
    receipts = []
    for licence_id, amount_due, received_on, amount_received in payments:
        if amount_due is not None:
            due[licence_id] = due.get(licence_id, ZERO) + Decimal(amount_due)
        if amount_received is not None:
            received[licence_id] = received.get(licence_id, ZERO) + Decimal(amount_received)
            if received_on is not None:
                receipts.append(Receipt(licence_id, received_on, Decimal(amount_received)))
    licences = [LicenceFact(lid, pid, number, title or "", licensee, size or "", effective, term_end,
                            (terms or {}).get("mode", ""), recorded, reported, due.get(lid, ZERO),
                            received.get(lid, ZERO))
                for lid, pid, number, title, licensee, size, effective, term_end, terms, recorded, reported in rows]
    receipts.sort(key=lambda r: (r.received_on, r.licence_id))
    return licences, receipts
