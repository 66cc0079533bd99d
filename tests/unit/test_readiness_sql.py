"""The SQL forms of the readiness rules (storage.readiness_sql) against the rules themselves (domain.readiness):
on portfolios drawn by hypothesis, wherever a form decides, it says what the rule finds on the patent's full
record; and the statistics counted with the forms are the statistics counted by the rules alone."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from openlic_desktop.domain import readiness as rules
from openlic_desktop.domain.annual_fees import fees_ahead
from openlic_desktop.domain.blocker_override import FACT_BLOCKERS
from openlic_desktop.domain.dates import add_years
from openlic_desktop.domain.identifiers import PatentType, check_character
from openlic_desktop.domain.readiness import ReadinessRecord, RuleContext
from openlic_desktop.domain.status import Status, effective_status
from openlic_desktop.services import profiles, statistics, statistics_count
from openlic_desktop.storage import readiness as readiness_repo
from openlic_desktop.storage import readiness_sql
from openlic_desktop.storage import statistics as statistics_repo
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_readiness import (
    Attachment,
    CommitmentConfirmation,
    CoownerConsent,
    Encumbrance,
)

TODAY = date(2026, 11, 26)
OWN = "示例大学"
NAMES = (OWN, "某某科技有限公司", "另一大学", "张三")  # the last a natural person
# in force the most often (the rules look further then); the last: a stored value no rule knows
STATUSES = ("in_force", "in_force", "in_force", "pending", "lapsed", "expired", "unknown", "withdrawn")
TYPE_DIGITS = {"invention": "1", "utility_model": "2", "design": "3"}

# days around today and where the rules' comparisons turn (the grace period's six months, a year, a term)
OFFSETS = (-800, -400, -366, -365, -200, -185, -184, -183, -182, -181, -150, -31, -30, -1, 0, 1, 30, 364, 365,
           366, 400, 800, 1100)
days = st.one_of(st.none(), st.sampled_from(OFFSETS), st.integers(-1200, 1200)).map(
    lambda n: None if n is None else TODAY + timedelta(days=n))
encumbrance = st.fixed_dictionaries({"kind": st.sampled_from(rules.ENCUMBRANCE_KINDS), "start_date": days,
                                     "end_date": days, "consent": st.booleans()})
attachment = st.fixed_dictionaries({
    "kind": st.sampled_from(rules.ATTACHMENT_KINDS), "conclusion": st.sampled_from([None, *rules.CONCLUSIONS]),
    "report_no": st.sampled_from(["", "PJ-1"]), "report_date": days})
_patent = st.fixed_dictionaries({
    "patent_type": st.sampled_from(sorted(TYPE_DIGITS)), "status": st.sampled_from(STATUSES),
    "filing_date": st.one_of(st.none(), st.integers(-7500, -30).map(lambda n: TODAY + timedelta(days=n))),
    "grant_date": days, "expiry_date": days, "fees_paid_until": days,
    "patentees": st.lists(st.sampled_from(NAMES), max_size=3),  # a name twice too, as a careless import has it
    "department": st.sampled_from(["", " ", "机械学院", "化学院 "]),  # blank and untrimmed as typed
    "encumbrances": st.lists(encumbrance, max_size=2), "attachments": st.lists(attachment, max_size=2),
    "consents": st.lists(st.sampled_from(NAMES), max_size=2, unique=True),
    "commitments": st.lists(st.sampled_from([f"C{i}" for i in range(1, 10)]), unique=True),
})



@st.composite
def patent(draw) -> dict:
    """A patent; its fees, at times, paid up to around an anniversary near today — where a fee falls due within
    the horizon, or has just fallen due and is in its grace period (days drawn at random rarely land there)."""
    p = draw(_patent)
    if p["filing_date"] is not None and draw(st.booleans()):
        years = TODAY.year - p["filing_date"].year + draw(st.integers(-2, 1))
        p["fees_paid_until"] = add_years(p["filing_date"], years) + timedelta(days=draw(st.integers(-3, 2)))
    return p


def _store(ws, portfolio: list[dict]) -> None:
    now = datetime.now(UTC)
    with ws.session() as session:
        for table in (Encumbrance, Attachment, CoownerConsent, CommitmentConfirmation, Patent):
            session.execute(delete(table))
        for i, p in enumerate(portfolio, start=1):
            digits = f"2015{TYPE_DIGITS[p['patent_type']]}{i:07d}"
            number = f"{digits}.{check_character(digits)}"
            session.execute(insert(Patent), [{
                "id": i, "application_number": number, "search_key": number.replace(".", ""),
                "number_sort": digits, "patent_type": p["patent_type"], "status": p["status"],
                "filing_date": p["filing_date"], "grant_date": p["grant_date"], "expiry_date": p["expiry_date"],
                "fees_paid_until": p["fees_paid_until"], "patentees": p["patentees"], "inventors": [],
                "department": p["department"]}])
            for e in p["encumbrances"]:
                session.execute(insert(Encumbrance), [{"patent_id": i, "party": "某公司", "created_at": now, **e}])
            for n, a in enumerate(p["attachments"]):
                session.execute(insert(Attachment), [{"patent_id": i, "sha256": f"{n:064d}", "file_type": "pdf",
                                                      "size": 1, "original_name": f"{n}.pdf", **a}])
            for owner in p["consents"]:
                session.execute(insert(CoownerConsent), [{"patent_id": i, "owner": owner}])
            for item in p["commitments"]:
                session.execute(insert(CommitmentConfirmation), [{"patent_id": i, "item": item}])


@contextmanager
def _stored(ws, portfolio: list[dict]) -> Iterator[tuple[Session, dict[int, ReadinessRecord]]]:
    """Store the portfolio, then (a read of it, every patent's full record as the readiness check loads it)."""
    _store(ws, portfolio)
    with ws.reading() as session:
        yield session, readiness_repo.load_records(session, None)


def _contexts() -> list[RuleContext]:
    general = profiles.get_profile("general")
    return [RuleContext(general, TODAY, frozenset({OWN})),
            RuleContext(dataclasses.replace(general, search_report_allowed=not general.search_report_allowed),
                        TODAY, frozenset()),
            RuleContext(profiles.get_profile("statutory"), TODAY, frozenset({OWN}))]


def _finds(rule, record, ctx, codes) -> tuple[bool, bool]:
    """(a blocker found, every blocker found one of `codes` (None: any))."""
    blockers = [f.code for f in rule(record, ctx) if f.is_blocker]
    return bool(blockers), all(codes is None or code in codes for code in blockers)


portfolios = st.lists(patent(), min_size=8, max_size=30)
horizons = st.sampled_from([1, 30, 90, 366])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@SETTINGS
@given(portfolio=portfolios)
def test_each_form_says_what_its_rule_finds(ws, portfolio):
    with _stored(ws, portfolio) as (session, records):
        dialect = session.get_bind().dialect.name
        for ctx in _contexts():
            formed = list(readiness_sql.FORMS)
            j = readiness_sql.Joined(ctx)
            stmt = (select(Patent.id, *[readiness_sql.FORMS[rule](ctx, j, dialect) for rule in formed])
                    .select_from(j.source()))
            for pid, *verdicts in session.execute(stmt):
                for rule, verdict in zip(formed, verdicts, strict=True):
                    codes = None if rule is rules.rule_commitments else FACT_BLOCKERS
                    blocked, only_codes = _finds(rule, records[pid], ctx, codes)
                    if verdict == readiness_sql.BLOCKED:
                        assert blocked and only_codes, (rule.__name__, portfolio[pid - 1])
                    elif verdict == readiness_sql.CLEAR:
                        assert not blocked, (rule.__name__, portfolio[pid - 1])
                    else:
                        assert verdict is None


@SETTINGS
@given(portfolio=portfolios)
def test_a_rule_sets_verdict_is_its_rules_verdict(ws, portfolio):
    with _stored(ws, portfolio) as (session, records):
        for ctx in _contexts():
            rule_set = statistics_count.eligibility_rules(ctx.profile.regime)
            rows = readiness_sql.judged_rows(session, (rule_set, (rules.rule_commitments,)), ctx)
            assert sorted(row[0] for row in rows) == sorted(records)
            for row in rows:
                record = records[row[0]]
                eligibility, commitments = row[-2:]
                blocked = statistics_count._blocked(record, ctx, rule_set, FACT_BLOCKERS)
                assert eligibility in (None, readiness_sql.BLOCKED if blocked else readiness_sql.CLEAR)
                committed = not statistics_count._blocked(record, ctx, (rules.rule_commitments,))
                assert commitments == (readiness_sql.CLEAR if committed else readiness_sql.BLOCKED)
            some = sorted(records)[::3]  # read for these patents only (a refresh): the same rows
            assert sorted(readiness_sql.judged_rows(session, (rule_set, (rules.rule_commitments,)), ctx, some)) == \
                sorted(row for row in rows if row[0] in some)
            if ctx.profile.regime == "pilot":  # every rule of the pilot's eligibility has a form
                assert readiness_sql.formed(rule_set) == list(rule_set)


@SETTINGS
@given(portfolio=portfolios)
def test_the_grouping_columns_are_the_facts(ws, portfolio):
    """The standing's columns the database works out (storage.statistics.standing_rows) are what the domain makes
    of the full record: the effective status, the filing year, the department; and "ahead" marks every patent in
    force whose last day or unpaid fees may fall within the horizon."""
    horizon = TODAY + timedelta(days=90)
    with _stored(ws, portfolio) as (session, records):
        for ctx in _contexts():
            rule_set = statistics_count.eligibility_rules(ctx.profile.regime)
            rows = statistics_repo.standing_rows(session, (rule_set, (rules.rule_commitments,)), ctx, horizon)
            assert sorted(row[0] for row in rows) == sorted(records)
            for pid, ptype, year, department, status, _v0, _v1, ahead, *_facts in rows:
                facts, expiry = records[pid].facts, portfolio[pid - 1]["expiry_date"]  # as stored
                now = effective_status(facts.status, expiry, TODAY)
                assert (ptype, year, department, status) == (
                    facts.patent_type.value, facts.filing_date.year if facts.filing_date else None,
                    facts.department, now.value), portfolio[pid - 1]
                paid = facts.fees_paid_until
                may_fall_due = now.value == "in_force" and (
                    (expiry is not None and TODAY <= expiry <= horizon)
                    or (facts.filing_date is not None and paid is not None and paid < horizon))
                assert ahead == may_fall_due, portfolio[pid - 1]


@pytest.mark.parametrize("profile", ["general", "statutory"])
@SETTINGS
@given(portfolio=portfolios)
def test_statistics_with_the_forms_are_the_rules_statistics(ws, monkeypatch, profile, portfolio):
    _store(ws, portfolio)
    with_forms = statistics.compute(ws, today=TODAY, profile_code=profile)
    with monkeypatch.context() as m:
        m.setattr(readiness_sql, "FORMS", {})   # no rule has a form: the rules judge every patent
        m.setattr(statistics.store, "load", lambda key: None)
        by_rules = statistics.compute(ws, today=TODAY, profile_code=profile)
    assert with_forms.standings == by_rules.standings
    assert with_forms == by_rules and with_forms.to_json() == by_rules.to_json()  # fees and last days ahead too


@SETTINGS
@given(portfolio=portfolios, horizon_days=horizons)
def test_no_fee_or_last_day_within_the_horizon_is_left_out(ws, monkeypatch, portfolio, horizon_days):
    """The database's "may fall due" flag only narrows whom the fee engine is asked about: asked about every patent
    in force, the engine finds no fee due within the horizon (nor one overdue and still payable in the grace
    period) and no last day within it that the statistics leave out — and none that they hold besides."""
    monkeypatch.setattr(statistics.store, "load", lambda key: None)
    _store(ws, portfolio)
    stats = statistics.compute(ws, today=TODAY, profile_code="general", horizon_days=horizon_days)
    horizon = TODAY + timedelta(days=horizon_days)
    fees, ending = {}, set()
    for pid, p in enumerate(portfolio, start=1):
        status = Status(p["status"]) if p["status"] in Status._value2member_map_ else Status.UNKNOWN
        if effective_status(status, p["expiry_date"], TODAY) is not Status.IN_FORCE:
            continue
        if p["expiry_date"] is not None and TODAY <= p["expiry_date"] <= horizon:
            ending.add(pid)
        if p["filing_date"] is None:
            continue
        ahead = fees_ahead(PatentType(p["patent_type"]), p["filing_date"], p["fees_paid_until"], p["expiry_date"],
                           count=1)
        if ahead and ahead[0].due <= horizon and (ahead[0].due >= TODAY or ahead[0].surcharge_on(TODAY) is not None):
            fees[pid] = (ahead[0].due, ahead[0].year)
    assert {f.patent_id: (f.due, f.year) for f in stats.fees_due} == fees
    assert {e.patent_id for e in stats.expiring} == ending


@SETTINGS
@given(before=portfolios, after=portfolios)
def test_a_refresh_of_the_changed_patents_is_a_count_from_scratch(ws, monkeypatch, before, after):
    """Refreshing only the patents that changed (standing_rows and the facts ahead read by id) gives every figure a
    whole count gives: standings, fees due and last days ahead; patents gone are dropped, new ones added."""
    monkeypatch.setattr(statistics.store, "load", lambda key: None)
    _store(ws, before)
    stats = statistics.compute(ws, today=TODAY, profile_code="general")
    _store(ws, after)
    changed = [pid for pid in range(1, max(len(before), len(after)) + 1)
               if pid > min(len(before), len(after)) or before[pid - 1] != after[pid - 1]]
    statistics.refresh(ws, stats, changed)
    fresh = statistics.compute(ws, today=TODAY, profile_code="general")
    assert stats == fresh and stats.to_json() == fresh.to_json()
