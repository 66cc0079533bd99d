"""The few portfolio-wide reads behind the statistics that the readiness loader does not already give: what was
sent to the bureaus (and withdrawn), the offers' terms, the licences reached and their payments, the facts of the
patents whose fees or expiry fall due. Plain rows, read in the statistics' one snapshot; functions take a session and never commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from openlic_desktop.domain.readiness import RuleContext
from openlic_desktop.domain.status import Status
from openlic_desktop.storage import all_models  # noqa: F401  (every table, for the data signature)
from openlic_desktop.storage import readiness as readiness_repo
from openlic_desktop.storage import readiness_sql as rule_sql
from openlic_desktop.storage.models import AuditRecord, Base, Patent
from openlic_desktop.storage.models_declarations import Declaration, FeeReduction
from openlic_desktop.storage.models_licensing import Licence, LicencePayment, Licensee
from openlic_desktop.storage.models_packages import Submission, SubmissionPatent
from openlic_desktop.storage.models_pricing import PricingTermsRow

_CHUNK = 900  # below SQLite's bound-parameter limit


def standing_rows(session: Session, rule_sets: Sequence[Sequence[Any]], ctx: RuleContext, horizon: date,
                  ids: Sequence[int] | None = None) -> list[Sequence[Any]]:
    """Per patent (every one, or these ids) what its standing is made of, worked out by the database: (id, type,
    filing year, department ("" none), effective status (storage.readiness_sql.effective_status), the verdict of
    each rule set (readiness_sql.verdict), 1 when fees or expiry may fall within `horizon` (in force, and a last
    day between ctx.today and it, or fees paid until a day before it) else 0). Only these few columns: every
    column more read for 100,000 patents costs more than the verdicts; the facts of the few patents that need
    them are read with storage.readiness.rule_fact_rows."""
    dialect = session.get_bind().dialect.name
    status = rule_sql.effective_status(ctx)
    p = Patent
    ahead = case((and_(status == Status.IN_FORCE.value,
                       or_(p.expiry_date.between(ctx.today, horizon),
                           and_(p.filing_date.is_not(None), p.fees_paid_until < horizon))), 1), else_=0)
    columns = [p.id, p.patent_type, rule_sql.filing_year(dialect), func.coalesce(p.department, ""), status]

    def statement(part: list[int] | None) -> Any:
        return rule_sql.verdicts(columns, rule_sets, ctx, dialect, part).add_columns(ahead)

    # the driver's rows as they come (sequences like tuples): copying 100,000 of them into tuples cost ~20 ms
    return list(readiness_repo.chunks(statement, None if ids is None else list(ids), session))


def submission_rows(session: Session) -> list[tuple[int, int, int, str, str]]:
    """(patent id, batch id, seq, kind, status) for every patent in a submission that left the office (drafts are
    left out, and so are rows of patents deleted since)."""
    stmt = (select(SubmissionPatent.patent_id, Submission.batch_id, Submission.seq, Submission.kind,
                   Submission.status)
            .join(Submission, Submission.id == SubmissionPatent.submission_id)
            .where(Submission.status != "draft", SubmissionPatent.patent_id.is_not(None)))
    return [tuple(row) for row in session.execute(stmt)]


def offer_rows(session: Session) -> list[tuple[int, str, int | None, int, bool]]:
    """(patent id, mode, term months, free months, pay after trial) of every priced patent."""
    t = PricingTermsRow
    stmt = select(t.patent_id, t.mode, t.term_months, t.free_months, t.pay_after_trial)
    return [(pid, mode, term, free or 0, bool(pat)) for pid, mode, term, free, pat in session.execute(stmt)]


def ahead_rows(session: Session, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """(id, application number, type, filing date, fees paid until, last day, title) of these patents — what the
    fees and expiries ahead are worked out from and shown with (dates as stored: SQLite's ISO text)."""
    raw = readiness_repo.RULE_FACT_COLUMNS
    columns = (raw[0], raw[1], raw[3], raw[4], raw[7], raw[2], Patent.title)
    return [tuple(row) for row in readiness_repo.chunks(
        lambda part: readiness_repo.where(select(*columns), Patent.id, part), list(ids), session)]


def licence_rows(session: Session) -> list[tuple]:
    """(licence id, patent id, application number, title, licensee, licensee size, effective date, last day,
    terms (the snapshot), recorded on, follow-up report submitted on) of every licence reached."""
    stmt = (select(Licence.id, Licence.patent_id, Patent.application_number, Patent.title, Licensee.name,
                   Licensee.size, Licence.effective_date, Licence.term_end, Licence.terms, Licence.recorded_on,
                   Licence.report_submitted_on)
            .join(Patent, Patent.id == Licence.patent_id).join(Licensee, Licensee.id == Licence.licensee_id)
            .order_by(Licence.effective_date, Patent.application_number, Licence.id))
    return [tuple(row) for row in session.execute(stmt)]


def payment_rows(session: Session) -> list[tuple]:
    """(licence id, amount due or None, received on or None, amount received or None) — money as stored text."""
    stmt = select(LicencePayment.licence_id, LicencePayment.amount_due, LicencePayment.received_on,
                  LicencePayment.amount_received).order_by(LicencePayment.id)
    return [tuple(row) for row in session.execute(stmt)]


def declared_patent_ids(session: Session) -> set[int]:
    """Patents with a statutory declaration in any state (withdrawn ones too)."""
    return set(session.execute(select(Declaration.patent_id).distinct()).scalars())


def reduced_patent_ids(session: Session) -> set[int]:
    """Patents with an annual-fee reduction recorded."""
    return set(session.execute(select(FeeReduction.patent_id).distinct()).scalars())


def audit_mark(session: Session) -> int:
    """The id of the latest audit record (0 when none): every change since comes after it."""
    return session.execute(select(func.max(AuditRecord.id))).scalar() or 0


def audit_since(session: Session, mark: int, limit: int) -> list[tuple[str, int | None]] | None:
    """(entity, entity id) of the audit records after `mark`, or None when there are more than `limit`."""
    rows = session.execute(select(AuditRecord.entity, AuditRecord.entity_id).where(AuditRecord.id > mark)
                           .order_by(AuditRecord.id).limit(limit + 1)).all()
    return None if len(rows) > limit else [(entity, entity_id) for entity, entity_id in rows]


def patents_of_licences(session: Session, licence_ids: Sequence[int]) -> set[int]:
    return set(session.execute(select(Licence.patent_id).where(Licence.id.in_(list(licence_ids)))).scalars())


def patents_of_submissions(session: Session, submission_ids: Sequence[int]) -> set[int]:
    return {pid for pid in session.execute(select(SubmissionPatent.patent_id).where(
        SubmissionPatent.submission_id.in_(list(submission_ids)))).scalars() if pid is not None}


def data_signature(session: Session) -> list[Any]:
    """What the database holds, in a few numbers read in one statement: per table its rows, its highest id and its
    latest `updated_at` (where it has those columns), and the hash of the last audit record. Any write this program
    makes changes it: an insert or a delete changes a count or an id, an edit of a patent (and of the other rows
    that keep `updated_at`) its stamp, and every change is also written to the audit trail, whose last hash names
    the whole history before it."""
    values = session.connection().exec_driver_sql(_signature_sql(session.get_bind().dialect.name)).one()
    return [value if isinstance(value, (int, str)) or value is None else str(value) for value in values]


_SIGNATURE_SQL: dict[str, str] = {}


def _signature_sql(dialect: str) -> str:
    """The signature's statement as text, made once: compiling its ~60 subqueries through SQLAlchemy cost more
    than running them. The names are the tables' and columns' own, quoted."""
    sql = _SIGNATURE_SQL.get(dialect)
    if sql is None:
        parts = []
        for table in Base.metadata.sorted_tables:
            name = f'"{table.name}"'
            parts.append(f"(SELECT count(*) FROM {name})")
            if "id" in table.c:
                parts.append(f"(SELECT max(id) FROM {name})")
            if "updated_at" in table.c:  # as stored: no per-value conversion
                parts.append(f"(SELECT max(updated_at) FROM {name})")
        parts.append(f'(SELECT hash FROM "{AuditRecord.__tablename__}" ORDER BY id DESC LIMIT 1)')
        sql = _SIGNATURE_SQL[dialect] = "SELECT " + ", ".join(parts)
    return sql
