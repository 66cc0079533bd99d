"""Bulk paths for importing a portfolio: read existing facts by number, update many rows, the import history.

Core statements with executemany, never ORM objects per row (pitfalls §8: ORM add_all of 50k rows 6.8 s, Core
0.86 s). Inserts go through `patents.insert_many`. Functions take a session and never commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.storage.models import ImportSource, Patent
from openlic_desktop.storage.patents import facts_to_row, row_to_facts

_FACT_SELECT = (Patent.id, Patent.application_number, Patent.title, Patent.patent_type, Patent.filing_date,
                Patent.grant_date, Patent.status, Patent.patentees, Patent.inventors, Patent.fees_paid_until,
                Patent.ipc, Patent.department, Patent.contact_person, Patent.contact_phone, Patent.contact_email,
                Patent.description, Patent.industry)
_CHUNK = 900  # SQLite's bound-parameter limit is 999 on old builds


def facts_by_numbers(session: Session, numbers: Sequence[str]) -> dict[str, tuple[int, PatentFacts]]:
    """{canonical number: (id, facts)} for the numbers already in the database (Core rows, no ORM objects)."""
    out: dict[str, tuple[int, PatentFacts]] = {}
    for i in range(0, len(numbers), _CHUNK):
        part = numbers[i:i + _CHUNK]
        for row in session.execute(select(*_FACT_SELECT).where(Patent.application_number.in_(part))):
            out[row.application_number] = (row.id, row_to_facts(row))
    return out


_UPDATABLE = ("title", "patent_type", "filing_date", "grant_date", "status", "patentees", "inventors",
              "fees_paid_until", "ipc", "department", "contact_person", "contact_phone", "contact_email",
              "description", "industry", "expiry_date", "patentees_display", "search_text")


def update_many(session: Session, items: Sequence[tuple[int, PatentFacts]], source_id: int | None) -> None:
    """Rewrite the facts of existing patents in one executemany (the FTS trigger follows search_text)."""
    if not items:
        return
    now = datetime.now(timezone.utc)
    table = Patent.__table__
    stmt = (update(table).where(table.c.id == bindparam("_id"))
            .values({name: bindparam(f"_{name}") for name in (*_UPDATABLE, "source_id", "updated_at")}))
    rows: list[dict[str, Any]] = []
    for pid, facts in items:
        row = facts_to_row(facts)
        params = {f"_{name}": row[name] for name in _UPDATABLE}
        params.update(_id=pid, _source_id=source_id, _updated_at=now)
        rows.append(params)
    session.execute(stmt, rows)


def add_source(session: Session, file_name: str, sha256: str, sheet: str, user: str) -> int:
    result = session.execute(insert(ImportSource).values(
        file_name=file_name, sha256=sha256, sheet=sheet, user=user, imported_at=datetime.now(timezone.utc)))
    return int(result.inserted_primary_key[0])


def finish_source(session: Session, source_id: int, **counts: int) -> None:
    session.execute(update(ImportSource).where(ImportSource.id == source_id).values(**counts))


def history(session: Session, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports, newest first, as plain dicts."""
    rows = session.execute(select(ImportSource).order_by(ImportSource.id.desc()).limit(limit)).scalars()
    return [dict(id=r.id, file_name=r.file_name, sha256=r.sha256, sheet=r.sheet, rows_read=r.rows_read,
                 created=r.created, updated=r.updated, unchanged=r.unchanged, rejected=r.rejected, user=r.user,
                 imported_at=r.imported_at) for r in rows]
