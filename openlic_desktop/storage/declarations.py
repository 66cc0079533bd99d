"""Declaration rows, withdrawal consents and recorded fee reductions: the one writer of their tables, and bulk
readers that give plain values (domain.declarations / domain.annual_fees). Functions take a session and never
commit; the services hold the transactions and write the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from openlic_desktop.domain.annual_fees import RECORDED, Reduction
from openlic_desktop.domain.declarations import DeclarationContent, DeclarationValue
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_declarations import Declaration, DeclarationConsent, FeeReduction

CHUNK = 900


def _now() -> datetime:
    return datetime.now(UTC)


def value_of(row: Declaration) -> DeclarationValue:
    content = DeclarationContent(**{name: getattr(row, name) or "" for name in DeclarationContent.FIELDS})
    return DeclarationValue(
        id=row.id, patent_id=row.patent_id, stored_state=row.state, content=content, snapshot=row.terms,
        source_batch=row.source_batch or "", prepared_by=row.prepared_by or "",
        prepared_at=row.created_at.isoformat() if row.created_at else "", filed_on=row.filed_on,
        route=row.route or "", reference=row.reference or "", announced_on=row.announced_on,
        announcement=row.announcement or "", withdrawal_filed_on=row.withdrawal_filed_on,
        withdrawal_reason=row.withdrawal_reason or "", withdrawn_on=row.withdrawn_on,
        withdrawal_announcement=row.withdrawal_announcement or "")


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


def open_rows(session: Session, patent_ids: Sequence[int] | None) -> dict[int, Declaration]:
    """The one declaration not withdrawn per patent (rows, for the writers), of these patents or all."""
    stmt = select(Declaration).where(Declaration.state != "withdrawn")
    if patent_ids is None:
        return {row.patent_id: row for row in session.execute(stmt).scalars()}
    out: dict[int, Declaration] = {}
    for part in _chunks(list(patent_ids)):
        for row in session.execute(stmt.where(Declaration.patent_id.in_(part))).scalars():
            out[row.patent_id] = row
    return out


def load_open(session: Session, patent_ids: Sequence[int] | None) -> dict[int, DeclarationValue]:
    """The current declaration (not withdrawn) of each patent that has one."""
    return {pid: value_of(row) for pid, row in open_rows(session, patent_ids).items()}


def latest(session: Session, patent_ids: Sequence[int]) -> dict[int, DeclarationValue]:
    """Each patent's current declaration, or else its last withdrawn one (what the portfolio column shows)."""
    out: dict[int, DeclarationValue] = {}
    for part in _chunks(list(patent_ids)):
        for row in session.execute(select(Declaration).where(Declaration.patent_id.in_(part))
                                   .order_by(Declaration.id)).scalars():
            current = out.get(row.patent_id)
            if current is None or current.stored_state == "withdrawn":
                out[row.patent_id] = value_of(row)
    return out


def history(session: Session, patent_id: int) -> list[DeclarationValue]:
    """Every declaration of a patent, oldest first (withdrawn ones and the current one)."""
    return [value_of(r) for r in session.execute(select(Declaration).where(Declaration.patent_id == patent_id)
                                                 .order_by(Declaration.id)).scalars()]


def listing(session: Session, stored_states: Sequence[str] | None = None,
            patent_ids: Sequence[int] | None = None) -> list[tuple[DeclarationValue, str, str]]:
    """(declaration, application number, title), by application number; withdrawn ones only when asked for."""
    stmt = (select(Declaration, Patent.application_number, Patent.title)
            .join(Patent, Patent.id == Declaration.patent_id).order_by(Patent.number_sort, Declaration.id))
    if stored_states is not None:
        stmt = stmt.where(Declaration.state.in_(list(stored_states)))
    if patent_ids is not None:
        out = []
        for part in _chunks(list(patent_ids)):
            out += [(value_of(d), n, t or "") for d, n, t in session.execute(
                stmt.where(Declaration.patent_id.in_(part)))]
        return out
    return [(value_of(d), n, t or "") for d, n, t in session.execute(stmt)]


def counts(session: Session) -> dict[str, int]:
    """How many declarations are stored in each state (signed is not a stored state: see the service)."""
    return {state: n for state, n in session.execute(select(Declaration.state, func.count())
                                                     .group_by(Declaration.state))}


def create(session: Session, patent_id: int, content: DeclarationContent, user: str,
           source_batch: str = "") -> Declaration:
    now = _now()
    row = Declaration(patent_id=patent_id, regime="statutory", state="draft", source_batch=source_batch,
                      prepared_by=user, created_at=now, updated_at=now, terms=None, route="", reference="",
                      announcement="", withdrawal_reason="", withdrawal_announcement="",
                      **content.canonical())
    session.add(row)
    return row


def update(session: Session, row: Declaration, changes: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the fields that differ; returns field → (old, new) of what changed."""
    changed: dict[str, tuple[Any, Any]] = {}
    for name, value in changes.items():
        old = getattr(row, name)
        if old != value:
            changed[name] = (old, value)
            setattr(row, name, value)
    if changed:
        row.updated_at = _now()
    return changed


def remove(session: Session, row: Declaration) -> None:
    session.delete(row)


# --- consents to withdraw --------------------------------------------------------------------------------------

def consents(session: Session, declaration_ids: Sequence[int], purpose: str = "withdrawal") -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for part in _chunks(list(declaration_ids)):
        for did, owner in session.execute(select(DeclarationConsent.declaration_id, DeclarationConsent.owner)
                                          .where(DeclarationConsent.declaration_id.in_(part),
                                                 DeclarationConsent.purpose == purpose)):
            out.setdefault(did, set()).add(owner)
    return out


def add_consents(session: Session, declaration_id: int, owners: Iterable[str], day: date | None, user: str,
                 purpose: str = "withdrawal") -> list[str]:
    """Record consents not yet on file; returns the owners added."""
    have = consents(session, [declaration_id], purpose).get(declaration_id, set())
    added = []
    for owner in owners:
        if owner in have or owner in added:
            continue
        session.add(DeclarationConsent(declaration_id=declaration_id, purpose=purpose, owner=owner,
                                       consent_date=day, recorded_by=user, recorded_at=_now()))
        added.append(owner)
    return added


# --- recorded fee reductions ---------------------------------------------------------------------------------

def reductions(session: Session, patent_ids: Sequence[int]) -> dict[int, list[tuple[int, Reduction]]]:
    """(id, reduction) recorded per patent, in the order recorded."""
    out: dict[int, list[tuple[int, Reduction]]] = {}
    for part in _chunks(list(patent_ids)):
        for row in session.execute(select(FeeReduction).where(FeeReduction.patent_id.in_(part))
                                   .order_by(FeeReduction.id)).scalars():
            out.setdefault(row.patent_id, []).append(
                (row.id, Reduction(Decimal(row.percent), RECORDED, row.start_date, row.end_date, row.basis or "")))
    return out


def add_reduction(session: Session, patent_id: int, reduction: Reduction, user: str) -> int:
    row = FeeReduction(patent_id=patent_id, percent=format(reduction.percent.normalize(), "f"),
                       start_date=reduction.start, end_date=reduction.end, basis=reduction.basis, recorded_by=user,
                       recorded_at=_now())
    session.add(row)
    session.flush()
    return row.id


def remove_reduction(session: Session, reduction_id: int) -> tuple[int, Reduction] | None:
    row = session.get(FeeReduction, reduction_id)
    if row is None:
        return None
    value = (row.patent_id, Reduction(Decimal(row.percent), RECORDED, row.start_date, row.end_date, row.basis))
    session.execute(delete(FeeReduction).where(FeeReduction.id == reduction_id))
    return value
