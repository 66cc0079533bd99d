"""SQL forms of the readiness rules that read only columns (status, dates, type, patentees) or only whether rows
exist (encumbrances of a kind, reports, confirmed commitments): the portfolio-wide statistics ask the database
which patents a rule certainly blocks or certainly clears, and build records and run the rule itself
(domain.readiness) only for the rest.

Each form is keyed by the rule function it stands for and is a column, per patent, of BLOCKED (the rule finds one
of the fact blockers, domain.blocker_override.FACT_BLOCKERS), CLEAR (it finds none) or NULL (undecided here: the
Python rule judges). A form decides only where the rule's outcome follows from what it reads in SQL; the Python
rule stays the one definition, and tests/unit/test_readiness_sql.py holds every form to its rule over a
hypothesis-built portfolio. A rule without a form (any rule added later, the statutory regime's own) is undecided
for every patent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Integer, Select, and_, case, cast, func, literal, null, or_, select
from sqlalchemy.orm import Session

from openlic_desktop.domain import readiness as rules
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.readiness import RuleContext
from openlic_desktop.domain.status import Status
from openlic_desktop.storage import readiness as readiness_repo
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_readiness import (
    Attachment,
    CommitmentConfirmation,
    CoownerConsent,
    Encumbrance,
    SignOff,
)

BLOCKED, CLEAR = 1, 0

_UNDECIDED = null()
# as the rules read a stored status: anything not known is Status.UNKNOWN
_STATUS = func.coalesce(Patent.status, Status.UNKNOWN.value)
# a stored status as domain.status.Status reads it: anything not known is UNKNOWN
_KNOWN_STATUS = case((Patent.status.in_([s.value for s in Status]), Patent.status), else_=Status.UNKNOWN.value)
# the statuses the rules treat as "in force or unknown" are any stored value but these three
_NOT_RUNNING = (Status.PENDING.value, Status.LAPSED.value, Status.EXPIRED.value)
# the encumbrance kinds each encumbrance rule looks at (domain.readiness)
_ENCUMBRANCE_KINDS: dict[str, tuple[str, ...]] = {
    "exclusive": ("exclusive-licence", "sole-licence"), "pledge": ("pledge",),
    "suspended": ("dispute", "preservation"), "other_obstacle": ("other-obstacle",), "transferred": ("transfer",),
}


class Joined:
    """What the forms read beside the patent's own columns, aggregated per patent and outer-joined once (one
    grouped scan per table: a correlated subquery per patent and rule cost three times as much)."""

    def __init__(self, ctx: RuleContext, ids: list[int] | None = None) -> None:
        """For every patent, or (`ids`) only these: then the related rows are read for them alone."""
        def only(stmt: Select, column: Any) -> Select:
            return stmt if ids is None else stmt.where(column.in_(ids))

        e = Encumbrance
        self.encumbrances = only(select(e.patent_id, *[func.max(case((e.kind.in_(kinds), 1), else_=0)).label(name)
                                                       for name, kinds in _ENCUMBRANCE_KINDS.items()]),
                                 e.patent_id).group_by(e.patent_id).subquery("rule_encumbrances")
        kinds = rules.REPORT_KINDS if ctx.profile.search_report_allowed else ("evaluation-report",)
        self.reports = (only(select(Attachment.patent_id, func.count().label("n")).where(Attachment.kind.in_(kinds)),
                             Attachment.patent_id).group_by(Attachment.patent_id).subquery("rule_reports"))
        c = CommitmentConfirmation
        self.codes = set(ctx.profile.commitment_codes())
        self.commitments = (only(select(c.patent_id, func.count(func.distinct(c.item)).label("n"))
                                 .where(c.item.in_(sorted(self.codes))), c.patent_id).group_by(c.patent_id)
                            .subquery("rule_commitments"))

    def source(self) -> Any:
        return (Patent.__table__
                .outerjoin(self.encumbrances, self.encumbrances.c.patent_id == Patent.id)
                .outerjoin(self.reports, self.reports.c.patent_id == Patent.id)
                .outerjoin(self.commitments, self.commitments.c.patent_id == Patent.id))


def _expired(ctx: RuleContext) -> Any:
    """domain.readiness._expired, where the stored last day decides it (NULL: the rule computes one)."""
    return or_(_STATUS == Status.EXPIRED.value,
               and_(Patent.expiry_date.is_not(None), Patent.expiry_date < ctx.today, _STATUS.not_in(_NOT_RUNNING)))


def _not_expired(ctx: RuleContext) -> Any:
    return and_(_STATUS != Status.EXPIRED.value,
                or_(_STATUS.in_(_NOT_RUNNING), and_(Patent.expiry_date.is_not(None),
                                                    Patent.expiry_date >= ctx.today)))


def effective_status(ctx: RuleContext) -> Any:
    """domain.status.effective_status of the stored status and last day, as of ctx.today: the status (anything
    not known: unknown), except that a patent in force or unknown past its last day is expired."""
    return case((and_(_KNOWN_STATUS.in_((Status.IN_FORCE.value, Status.UNKNOWN.value)),
                      Patent.expiry_date < ctx.today), Status.EXPIRED.value), else_=_KNOWN_STATUS)


def filing_year(dialect: str) -> Any:
    """The year of the filing date (NULL without one): SQLite stores the date as ISO text."""
    if dialect == "postgresql":
        return cast(func.extract("year", Patent.filing_date), Integer)
    return cast(func.substr(Patent.filing_date, 1, 4), Integer)


def granted(ctx: RuleContext, j: Joined, dialect: str) -> Any:
    """rule_granted: NOT_GRANTED when pending, or without a grant date unless lapsed or expired."""
    return case((or_(_STATUS == Status.PENDING.value,
                     and_(Patent.grant_date.is_(None),
                          _STATUS.not_in((Status.LAPSED.value, Status.EXPIRED.value)))), BLOCKED), else_=CLEAR)


def expired(ctx: RuleContext, j: Joined, dialect: str) -> Any:
    """rule_expired on the stored last day; undecided when none is stored (the rule computes it)."""
    return case((_expired(ctx), BLOCKED), (_not_expired(ctx), CLEAR), else_=_UNDECIDED)


def fees(ctx: RuleContext, j: Joined, dialect: str) -> Any:
    """rule_fees: LAPSED when recorded so; nothing when pending, expired or paid beyond today. Fees unpaid today
    need the anniversary arithmetic of domain.terms.fee_position: undecided."""
    return case((_STATUS == Status.LAPSED.value, BLOCKED),
                (_STATUS == Status.PENDING.value, CLEAR),
                (_expired(ctx), CLEAR),
                (and_(Patent.fees_paid_until.is_not(None), Patent.fees_paid_until >= ctx.today), CLEAR),
                else_=_UNDECIDED)


def _without_encumbrance(name: str) -> Callable[[RuleContext, Joined, str], Any]:
    """An encumbrance rule finds nothing without an encumbrance of its kinds; with one, the rule weighs its dates
    (and the intended term): undecided."""
    def form(ctx: RuleContext, j: Joined, dialect: str) -> Any:
        return case((j.encumbrances.c[name] == 1, _UNDECIDED), else_=CLEAR)
    return form


def evaluation_report(ctx: RuleContext, j: Joined, dialect: str) -> Any:
    """rule_evaluation_report: nothing for an invention; EVALUATION_REPORT_MISSING for a utility model or design
    with no report of a kind the profile accepts; with one, the rule reads its conclusion and details."""
    return case((Patent.patent_type.not_in((PatentType.UTILITY_MODEL.value, PatentType.DESIGN.value)), CLEAR),
                (j.reports.c.n.is_not(None), _UNDECIDED), else_=BLOCKED)


def coowners(ctx: RuleContext, j: Joined, dialect: str) -> Any:
    """rule_coowners: no co-owner needs to consent with fewer than two patentees. With more and no consent on
    file, COOWNER_CONSENT_MISSING whenever domain.readiness.co_owners names anyone: a patentee not the office's
    own when one is, else one other than the first. With consents, the rule compares their names: undecided.
    Anything but a stored JSON array: undecided."""
    kind = (func.json_typeof if dialect == "postgresql" else func.json_type)(Patent.patentees)
    own = sorted(ctx.own_names)

    def some_patentee(condition: Callable[[Any], Any]) -> Any:
        names = (func.json_array_elements_text if dialect == "postgresql" else func.json_each)(
            Patent.patentees).table_valued("value").alias("names")
        return select(literal(1)).select_from(names).where(condition(names.c.value)).exists()

    no_consent = ~select(CoownerConsent.id).where(CoownerConsent.patent_id == Patent.id).exists()
    names_someone = and_(some_patentee(lambda name: name.not_in(own)),
                         or_(some_patentee(lambda name: name.in_(own)),
                             some_patentee(lambda name: name != Patent.patentees[0].as_string())))
    return case((Patent.patentees.is_(None), CLEAR),
                (kind != "array", _UNDECIDED),  # checked first: json_array_length takes only an array
                (func.json_array_length(Patent.patentees) < 2, CLEAR),
                (and_(no_consent, names_someone), BLOCKED), else_=_UNDECIDED)


def commitments(ctx: RuleContext, j: Joined, dialect: str) -> Any:
    """rule_commitments: COMMITMENTS_INCOMPLETE unless every item of the profile is confirmed."""
    if not j.codes:
        return literal(CLEAR)
    return case((func.coalesce(j.commitments.c.n, 0) == len(j.codes), CLEAR), else_=BLOCKED)


FORMS: dict[Any, Callable[[RuleContext, Joined, str], Any]] = {
    rules.rule_granted: granted,
    rules.rule_expired: expired,
    rules.rule_fees: fees,
    rules.rule_exclusive: _without_encumbrance("exclusive"),
    rules.rule_pledge: _without_encumbrance("pledge"),
    rules.rule_suspended: _without_encumbrance("suspended"),
    rules.rule_other_obstacle: _without_encumbrance("other_obstacle"),
    rules.rule_transferred: _without_encumbrance("transferred"),
    rules.rule_evaluation_report: evaluation_report,
    rules.rule_coowners: coowners,
    rules.rule_commitments: commitments,
}


def formed(rule_set: Sequence[Any]) -> list[Any]:
    """The rules of `rule_set` that have an SQL form, in its order."""
    return [rule for rule in rule_set if rule in FORMS]


def verdict(rule_set: Sequence[Any], ctx: RuleContext, j: Joined, dialect: str) -> Any:
    """The rule set's verdict: BLOCKED when the form of one of its rules blocks, CLEAR when every one of its rules
    has a form and each clears, else NULL (SQL's three-valued logic: an undecided form neither blocks nor
    clears)."""
    forms = [FORMS[rule](ctx, j, dialect) for rule in formed(rule_set)]
    if not forms:
        return _UNDECIDED
    whens = [(or_(*[form == BLOCKED for form in forms]), BLOCKED)]
    if len(forms) == len(rule_set):
        whens.append((and_(*[form == CLEAR for form in forms]), CLEAR))
    return case(*whens, else_=_UNDECIDED)


def verdicts(columns: Sequence[Any], rule_sets: Sequence[Sequence[Any]], ctx: RuleContext, dialect: str,
             ids: list[int] | None = None) -> Select:
    """SELECT `columns`, then the verdict of each rule set, for every patent (or these ids)."""
    j = Joined(ctx, ids)
    stmt = (select(*columns, *[verdict(rule_set, ctx, j, dialect).label(f"verdict_{i}")
                               for i, rule_set in enumerate(rule_sets)])
            .select_from(j.source()))
    return stmt if ids is None else stmt.where(Patent.id.in_(ids))


def judged_rows(session: Session, rule_sets: Sequence[Sequence[Any]], ctx: RuleContext,
                ids: Sequence[int] | None = None) -> list[tuple[Any, ...]]:
    """storage.readiness.rule_fact_rows (for every patent, or these ids), each followed by the verdict of each
    rule set (BLOCKED, CLEAR or None: undecided)."""
    dialect = session.get_bind().dialect.name
    return [tuple(row) for row in readiness_repo.chunks(
        lambda part: verdicts(readiness_repo.RULE_FACT_COLUMNS, rule_sets, ctx, dialect, part),
        None if ids is None else list(ids), session)]


def signed_by_every_role(session: Session, ids: Sequence[int]) -> set[int]:
    """Those of these patents with a sign-off of every role (rule_signoff finds NOT_SIGNED_OFF for the others)."""
    out: set[int] = set()
    ids = list(ids)
    for i in range(0, len(ids), readiness_repo.CHUNK):
        stmt = (select(SignOff.patent_id).where(SignOff.patent_id.in_(ids[i:i + readiness_repo.CHUNK]),
                                                SignOff.role.in_(rules.ROLES))
                .group_by(SignOff.patent_id).having(func.count(func.distinct(SignOff.role)) == len(rules.ROLES)))
        out.update(session.execute(stmt).scalars())
    return out
