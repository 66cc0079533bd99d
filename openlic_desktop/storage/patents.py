"""Patent rows: turning `PatentFacts` into rows and back, bulk upserts, and the id queries behind the big table.

Session lifetime belongs to the services; functions here take a session and never commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, insert, literal_column, select, update
from sqlalchemy.orm import Session

from openlic_desktop.domain.identifiers import ApplicationNumber, PatentType, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.search import build_search_text, search_plan

# columns the table view can sort by, by the names the services use
SORT_COLUMNS: dict[str, Any] = {
    "application_number": Patent.number_sort,
    "title": Patent.title,
    "type": Patent.patent_type,
    "patentees": Patent.patentees_display,
    "filing_date": Patent.filing_date,
    "expiry_date": Patent.expiry_date,
    "status": Patent.status,
}

FACT_COLUMNS = ("title", "patent_type", "filing_date", "grant_date", "status", "patentees", "inventors",
                "fees_paid_until", "ipc", "department", "contact_person", "contact_phone", "contact_email",
                "description", "industry")


def facts_to_row(facts: PatentFacts) -> dict[str, Any]:
    number = facts.number
    row = {name: getattr(facts, name) for name in FACT_COLUMNS}
    row["patent_type"] = facts.patent_type.value if facts.patent_type else number.patent_type.value
    row["status"] = facts.status.value
    row["patentees"] = list(facts.patentees)
    row["inventors"] = list(facts.inventors)
    row.update(
        application_number=number.canonical,
        search_key=number.search_key,
        number_sort=number.sort_key,
        expiry_date=facts.expiry_date,
        patentees_display="；".join(facts.patentees),
        search_text=build_search_text(number.canonical, facts.title, facts.patentees, facts.inventors),
    )
    return row


def row_to_facts(row: Any) -> PatentFacts:
    number = parse_application_number(row.application_number)
    return PatentFacts(
        number=number,
        title=row.title or "",
        patent_type=PatentType(row.patent_type),
        filing_date=row.filing_date,
        grant_date=row.grant_date,
        status=Status(row.status),
        patentees=list(row.patentees or []),
        inventors=list(row.inventors or []),
        fees_paid_until=row.fees_paid_until,
        ipc=row.ipc or "",
        department=row.department or "",
        contact_person=row.contact_person or "",
        contact_phone=row.contact_phone or "",
        contact_email=row.contact_email or "",
        description=row.description or "",
        industry=row.industry or "",
    )


def insert_many(session: Session, facts: Iterable[PatentFacts], source_id: int | None = None) -> None:
    now = datetime.now(UTC)
    rows = [dict(facts_to_row(f), source_id=source_id, created_at=now, updated_at=now) for f in facts]
    if rows:
        session.execute(insert(Patent), rows)


def update_one(session: Session, patent_id: int, facts: PatentFacts, source_id: int | None = None) -> None:
    values = dict(facts_to_row(facts), updated_at=datetime.now(UTC))
    if source_id is not None:
        values["source_id"] = source_id
    session.execute(update(Patent).where(Patent.id == patent_id).values(**values))


# stored columns computed from facts: an edit of the fact rewrites them too
_DERIVED = {"title": ("search_text",), "patentees": ("patentees_display", "search_text"),
            "inventors": ("search_text",), "filing_date": ("expiry_date",), "patent_type": ("expiry_date",)}


def update_fields(session: Session, patent_id: int, facts: PatentFacts, names: Iterable[str]) -> None:
    """Write only the named facts (and the columns derived from them): a concurrent edit of another field of
    the same patent is never overwritten with the value this edit happened to read."""
    row = facts_to_row(facts)
    columns: dict[str, Any] = {}
    for name in names:
        for column in (name, *_DERIVED.get(name, ())):
            columns[column] = row[column]
    if columns:
        session.execute(update(Patent).where(Patent.id == patent_id).values(**columns, updated_at=datetime.now(UTC)))


def ids_by_number(session: Session, numbers: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    chunk = 900  # stay under SQLite's bound-parameter limit
    for i in range(0, len(numbers), chunk):
        part = numbers[i:i + chunk]
        for number, pid in session.execute(
                select(Patent.application_number, Patent.id).where(Patent.application_number.in_(part))):
            out[number] = pid
    return out


def get_by_number(session: Session, number: ApplicationNumber) -> Patent | None:
    return session.execute(select(Patent).where(Patent.application_number == number.canonical)).scalar_one_or_none()


def get_facts_by_ids(session: Session, ids: Sequence[int]) -> dict[int, PatentFacts]:
    out: dict[int, PatentFacts] = {}
    table = Patent.__table__
    for i in range(0, len(ids), 900):
        # Core rows, not ORM objects: building 20,000 instances took half of an import undo's plan
        for row in session.execute(select(table).where(table.c.id.in_(ids[i:i + 900]))):
            out[row.id] = row_to_facts(row)
    return out


@dataclass(frozen=True)
class PatentFilter:
    search: str = ""
    patent_type: str | None = None  # PatentType value
    status: str | None = None       # Status value
    extra_ids: frozenset[int] | None = None  # restrict to these ids (e.g. a batch), None = all


def filter_clause(flt: PatentFilter, sqlite: bool) -> ColumnElement[bool]:
    return _filter(flt, sqlite)[0]


def _filter(flt: PatentFilter, sqlite: bool) -> tuple[ColumnElement[bool], bool]:
    plan = search_plan(flt.search, sqlite=sqlite)
    clauses: list[ColumnElement[bool]] = [plan.clause]
    if flt.patent_type:
        clauses.append(Patent.patent_type == flt.patent_type)
    if flt.status:
        clauses.append(Patent.status == flt.status)
    if flt.extra_ids is not None:
        clauses.append(Patent.id.in_(list(flt.extra_ids)))
    return and_(*clauses), plan.sort_matches


def query_ids(session: Session, flt: PatentFilter, sort: str = "application_number", descending: bool = False,
              sqlite: bool = True) -> list[int]:
    """The ids matching the filter, in display order: the filtering and sorting are done by the database."""
    column = SORT_COLUMNS.get(sort, Patent.number_sort)
    where, sort_matches = _filter(flt, sqlite)
    if sort_matches and sqlite:
        # '+column' keeps SQLite from walking the sort index row by row (see search.SearchPlan)
        column = literal_column(f"+patents.{column.key}")
    order = [column.desc() if descending else column.asc(), Patent.id.desc() if descending else Patent.id.asc()]
    stmt: Select = select(Patent.id).where(where).order_by(*order)
    # ids only: the Core connection is several times faster than ORM rows for 100,000 integers
    return [row[0] for row in session.connection().execute(stmt)]


LIST_COLUMNS = (Patent.id, Patent.application_number, Patent.title, Patent.patent_type, Patent.patentees_display,
                Patent.filing_date, Patent.grant_date, Patent.expiry_date, Patent.status, Patent.fees_paid_until)


def list_rows(session: Session, ids: Sequence[int]) -> dict[int, Any]:
    """The table columns for these ids (one query per 900 ids)."""
    out: dict[int, Any] = {}
    for i in range(0, len(ids), 900):
        for row in session.execute(select(*LIST_COLUMNS).where(Patent.id.in_(ids[i:i + 900]))):
            out[row.id] = row
    return out


def count_all(session: Session) -> int:
    return session.execute(select(func.count(Patent.id))).scalar_one()


def counts_by(session: Session, column: str) -> dict[str, int]:
    col = getattr(Patent, column)
    return {key: n for key, n in session.execute(select(col, func.count(Patent.id)).group_by(col))}


def delete_all(session: Session) -> None:
    session.query(Patent).delete()

