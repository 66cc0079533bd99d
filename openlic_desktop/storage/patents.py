"""Patent rows: the one writer of the `patents` table (facts → stored row, batched inserts and updates), reading
them back, and the id queries behind the big table.

Session lifetime belongs to the services; functions here take a session and never commit.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, insert, literal_column, select, update
from sqlalchemy.orm import Session

from openlic_desktop.domain.identifiers import ApplicationNumber, PatentType, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.domain.terms import last_day_in_force
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.search import build_search_text, search_plan, texts_changed

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

# The facts a patent row holds, in the order of PatentFacts; every read and write of them uses this one list.
FACT_COLUMNS = ("title", "patent_type", "filing_date", "grant_date", "status", "patentees", "inventors",
                "fees_paid_until", "ipc", "department", "contact_person", "contact_phone", "contact_email",
                "description", "industry")
# The columns a patent's facts fill, in the order `PatentWriter.row` gives them: the number's keys, the facts,
# what is derived from them. The writer adds its bookkeeping (sources, times, import digest) after these.
ROW_COLUMNS = ("application_number", "search_key", "number_sort", *FACT_COLUMNS, "expiry_date", "patentees_display",
               "search_text")
KEEP = object()  # PatentWriter.update: leave this column as it is
# what a fact not given is stored as (PatentFacts' defaults), and the facts picked in FACT_COLUMNS order
_FACT_DEFAULTS: dict[str, Any] = {name: "" for name in FACT_COLUMNS} | {
    "patent_type": None, "filing_date": None, "grant_date": None, "status": None, "patentees": (), "inventors": (),
    "fees_paid_until": None}
_FACTS = operator.itemgetter(*FACT_COLUMNS)
_ROW_INDEX = {name: i for i, name in enumerate(ROW_COLUMNS)}
# stored columns computed from facts: a write of a fact rewrites them too
_DERIVED = {"title": ("search_text",), "patentees": ("patentees_display", "search_text"),
            "inventors": ("search_text",), "filing_date": ("expiry_date",), "patent_type": ("expiry_date",)}


def json_names(names: Sequence[str]) -> str:
    """Exactly `json.dumps(names)` for a list of strings — what SQLAlchemy's JSON type stores — by the stdlib's
    own C string escaper, without building an encoder per call (0.3 µs instead of 1.35 µs, twice a row)."""
    return "[" + ", ".join(map(encode_basestring_ascii, names)) + "]"


class _IsoDates(dict):
    """`iso[day]`: date → the text SQLite stores for it (SQLAlchemy's Date on SQLite is ISO 8601), None → None;
    memoised, since an import's dates repeat (15,000 distinct days in 50,000 rows)."""

    def __missing__(self, day: date | None) -> str | None:
        text = self[day] = None if day is None else day.isoformat()
        return text


def facts_fields(facts: PatentFacts) -> dict[str, Any]:
    """The facts of a PatentFacts by column name, as `PatentWriter.row` takes them."""
    return {name: getattr(facts, name) for name in FACT_COLUMNS}


class PatentWriter:
    """The one writer of the `patents` table. `row()` — the one facts→row function — turns a patent's facts into
    the values stored (ROW_COLUMNS); `insert` and `update` write such rows in executemany batches. Every write of
    patents goes through here: the import, the demo, edits, undoing an import.

    On SQLite the values go straight to the DB-API as SQLAlchemy itself would store them (ISO dates, JSON text,
    its datetime text), built without its per-value bind processing: the ORM's bulk path leaves out None values
    and so splits a batch into one statement per distinct set of blank columns (a real portfolio with blank grant
    and fee dates made 3,700 statements of 10,000 rows: 5 s instead of 0.5 s), and SQLAlchemy's parameter
    processing cost 0.8 s of a re-import that changed 20,000 patents. `test_the_writer_stores_what_sqlalchemy
    _stores` holds the two representations together. Other databases get Python values through Core."""

    def __init__(self, session: Session, *, native: bool | None = None) -> None:
        self.session = session
        dialect = session.get_bind().dialect
        # native: the DB-API values of SQLite (None: whenever the database is SQLite)
        self.native = dialect.name == "sqlite" if native is None else native
        self._iso = _IsoDates()
        self._expiry: dict[tuple[PatentType, date], date] = {}
        self._now: Any = None

    def row(self, number: ApplicationNumber, facts: Mapping[str, Any]) -> tuple[Any, ...]:
        """The stored values (ROW_COLUMNS) of a patent with these facts (by column name; a fact not given takes
        PatentFacts' default, and the type follows the number's kind digit unless given)."""
        # one C-level merge and pick instead of a lookup per column: this runs for every row an import writes
        (title, kind, filing, grant, status, patentees, inventors, paid, ipc, department, person, phone, email,
         description, industry) = _FACTS({**_FACT_DEFAULTS, **facts})
        digits, check = number.digits, number.check
        canonical = f"{digits}.{check}"
        kind = kind or number.patent_type
        expiry = None
        if filing is not None:  # the same few thousand filing days recur across a portfolio
            expiry = self._expiry.get((kind, filing))
            if expiry is None:
                expiry = self._expiry[kind, filing] = last_day_in_force(kind, filing)
        if self.native:
            iso = self._iso
            filing, grant, paid, expiry = iso[filing], iso[grant], iso[paid], iso[expiry]
            stored_patentees, stored_inventors = json_names(patentees), json_names(inventors)
        else:
            stored_patentees, stored_inventors = list(patentees), list(inventors)
        key = digits + check
        return (canonical, key, key if len(digits) == 12 else number.sort_key, title, kind.value, filing, grant,
                status.value if status is not None else "unknown", stored_patentees, stored_inventors, paid, ipc,
                department, person, phone, email, description, industry, expiry, "；".join(patentees),
                build_search_text(canonical, title, patentees, inventors))

    def facts_row(self, facts: PatentFacts) -> tuple[Any, ...]:
        return self.row(facts.number, facts_fields(facts))

    def _stamp(self) -> Any:
        """This write's time as the column stores it (one per writer: a batch is written at one moment)."""
        if self._now is None:
            now = datetime.now(UTC)
            if self.native:
                dialect = self.session.get_bind().dialect
                now = Patent.__table__.c.updated_at.type.dialect_impl(dialect).bind_processor(dialect)(now)
            self._now = now
        return self._now

    def insert(self, rows: Sequence[tuple[Any, ...]], source_id: int | None = None,
               digests: Sequence[tuple[str | None, int | None]] | None = None) -> None:
        """New patents: `rows` from `row()`, created by import `source_id` (None: by none), with the row digest and
        stated-fields mask of each (`digests`, None: none)."""
        if not rows:
            return
        now = self._stamp()
        names = (*ROW_COLUMNS, "source_id", "created_source_id", "created_at", "updated_at", "import_digest",
                 "import_fields")
        tail = (source_id, source_id, now, now)
        params = [(*row, *tail, None, None) for row in rows] if digests is None else \
            [(*row, *tail, *digest) for row, digest in zip(rows, digests, strict=True)]
        self._execute(f"INSERT INTO patents ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", names,
                      params, insert(Patent.__table__))
        texts_changed(self.session)

    def update(self, items: Sequence[tuple[int, tuple[Any, ...]]], source_id: Any = KEEP,
               digests: Sequence[tuple[str | None, int | None]] | Any = KEEP,
               fields: Iterable[str] | None = None) -> None:
        """Rewrite the facts of existing patents: (id, `row()`) each; `source_id` the import writing them (KEEP:
        where each was imported from stays); `digests` their new row digests and masks (KEEP: untouched — the
        digest trigger of migration 0007 then clears a stored digest, since the facts changed otherwise).
        `fields`: only these facts changed — only they and the columns derived from them are written (None:
        the whole row). A column set is an index and trigger update even to the same value: a re-import changing
        titles and statuses of 5,000 of 50,000 patents spent 0.37 s CPU rewriting whole rows."""
        if not items:
            return
        if fields is None:
            names = [*ROW_COLUMNS, "updated_at"]
        else:
            written = {c for name in fields for c in (name, *_DERIVED.get(name, ()))}
            names = [*(c for c in ROW_COLUMNS if c in written), "updated_at"]
            if len(names) == 1:
                return
            at = [_ROW_INDEX[c] for c in names[:-1]]
            items = [(pid, tuple([row[i] for i in at])) for pid, row in items]
        tail: tuple[Any, ...] = (self._stamp(),)
        if source_id is not KEEP:
            names.append("source_id")
            tail += (source_id,)
        if digests is not KEEP:
            names += ["import_digest", "import_fields"]
            params = [(*row, *tail, *digest, pid) for (pid, row), digest in zip(items, digests, strict=True)]
        else:
            params = [(*row, *tail, pid) for pid, row in items]
        table = Patent.__table__
        # Core's parameters are named apart from the columns (a bind parameter may not take a column's name)
        self._execute(f"UPDATE patents SET {', '.join(f'{name} = ?' for name in names)} WHERE id = ?",
                      [f"_{name}" for name in (*names, "id")], params,
                      update(table).where(table.c.id == bindparam("_id"))
                      .values({name: bindparam(f"_{name}") for name in names}))
        if "search_text" in names:
            texts_changed(self.session)

    def update_fields(self, patent_id: int, facts: PatentFacts, names: Iterable[str]) -> None:
        """An edit of one patent: the named facts and the columns derived from them, nothing else."""
        self.update([(patent_id, self.facts_row(facts))], fields=names)

    def stamp(self, items: Sequence[tuple[int, str | None, int | None]]) -> None:
        """Record the row digest and stated-fields mask of unchanged patents: (id, digest, mask) each. Their facts
        are untouched, so the digest trigger stays quiet."""
        if not items:
            return
        table = Patent.__table__
        self._execute("UPDATE patents SET import_digest = ?, import_fields = ? WHERE id = ?",
                      ("_import_digest", "_import_fields", "_id"), [(d, m, pid) for pid, d, m in items],
                      update(table).where(table.c.id == bindparam("_id"))
                      .values(import_digest=bindparam("_import_digest"), import_fields=bindparam("_import_fields")))

    def _execute(self, sql: str, keys: Sequence[str], params: list[tuple[Any, ...]], statement: Any) -> None:
        if self.native:
            self.session.connection().exec_driver_sql(sql, params)
        else:
            self.session.execute(statement, [dict(zip(keys, values, strict=True)) for values in params])


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
    """New patents from their facts (the demo, tests): through the one writer."""
    writer = PatentWriter(session)
    writer.insert([writer.facts_row(f) for f in facts], source_id)


def update_fields(session: Session, patent_id: int, facts: PatentFacts, names: Iterable[str]) -> None:
    """An edit: write only the named facts (and the columns derived from them), so that a concurrent edit of
    another field of the same patent is never overwritten with the value this edit happened to read."""
    PatentWriter(session).update_fields(patent_id, facts, names)


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
    return ids_of(session, stmt)


def ids_of(session: Session, stmt: Select) -> list[int]:
    """The first column of every row of `stmt`, as one list of ints straight from the DB-API driver. Going
    through SQLAlchemy's result rows costs several microseconds a row — most of a 100,000-row search box query;
    sqlite3 with a row factory that keeps the first value builds the list in C."""
    conn = session.connection()
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    raw = conn.connection.driver_connection
    if conn.dialect.name == "sqlite":
        cursor = raw.cursor()
        cursor.row_factory = lambda _cursor, row: row[0]
        params = [compiled.params[name] for name in compiled.positiontup or ()]
        try:
            return cursor.execute(str(compiled), params).fetchall()
        finally:
            cursor.close()
    return [row[0] for row in conn.exec_driver_sql(str(compiled), compiled.params)]


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
    texts_changed(session)

