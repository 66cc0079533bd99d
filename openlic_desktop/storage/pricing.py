"""Pricing rows ↔ `PricingTerms`, presets, batch applications, fee notes and the industry reference table.

Session lifetime belongs to the services (and to the readiness engine, which calls `load_terms` for the whole
portfolio at once); nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from openlic_desktop.domain.pricing import Frequency, PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_pricing import (
    FeeNote,
    IndustryReference,
    PricingApplication,
    PricingPreset,
    PricingTermsRow,
)

_CHUNK = 900  # below SQLite's bound-parameter limit
_T = PricingTermsRow
_COLUMNS = (_T.patent_id, _T.mode, _T.amount, _T.entry_fee, _T.rate, _T.base, _T.term_months, _T.free_months,
            _T.pay_after_trial, _T.trial_months, _T.frequency, _T.territory, _T.until_expiry)
# interning the enum members once keeps building 10,000 values cheap
_MODES = {m.value: m for m in PricingMode}
_BASES = {b.value: b for b in RoyaltyBase}
_FREQS = {f.value: f for f in Frequency}


def _terms(row: Any) -> PricingTerms:
    (_pid, mode, amount, entry_fee, rate, base, term, free, pat, trial, freq, territory, until_expiry) = row
    return PricingTerms(
        mode=_MODES[mode],
        amount=Decimal(amount) if amount is not None else None,
        entry_fee=Decimal(entry_fee) if entry_fee is not None else None,
        rate=Decimal(rate) if rate is not None else None,
        base=_BASES[base] if base else None,
        term_months=term,
        free_months=free or 0,
        pay_after_trial=bool(pat),
        trial_months=trial or 0,
        frequency=_FREQS.get(freq or "yearly", Frequency.YEARLY),
        territory=territory or "中国境内",
        until_expiry=bool(until_expiry),
    )


def load_terms(session: Session, patent_ids: Iterable[int]) -> dict[int, PricingTerms]:
    """Terms of the given patents (patents without terms are absent). One query per 900 ids; for large
    selections one scan of the table, filtered in Python, which is faster than many IN lists.

    Patents priced from a preset share identical rows; `PricingTerms` is immutable, so one value is built per
    distinct row and shared.
    """
    ids = list(patent_ids)
    if not ids:
        return {}
    out: dict[int, PricingTerms] = {}
    built: dict[tuple, PricingTerms] = {}

    def value(row: Any) -> PricingTerms:
        key = tuple(row[1:])
        terms = built.get(key)
        if terms is None:
            terms = built[key] = _terms(row)
        return terms

    if len(ids) > 4 * _CHUNK:
        wanted = set(ids)
        for row in session.execute(select(*_COLUMNS)):
            if row[0] in wanted:
                out[row[0]] = value(row)
        return out
    for i in range(0, len(ids), _CHUNK):
        for row in session.execute(select(*_COLUMNS).where(_T.patent_id.in_(ids[i:i + _CHUNK]))):
            out[row[0]] = value(row)
    return out


def _values(terms: PricingTerms) -> dict[str, Any]:
    c = terms.canonical()
    return {"mode": c["mode"], "amount": c["amount"], "entry_fee": c["entry_fee"], "rate": c["rate"],
            "base": c["base"], "term_months": c["term_months"], "free_months": c["free_months"],
            "pay_after_trial": c["pay_after_trial"], "trial_months": c["trial_months"],
            "frequency": c["frequency"], "territory": c["territory"], "until_expiry": bool(c.get("until_expiry"))}


def save_terms(session: Session, changes: dict[int, PricingTerms | None], preset: str = "") -> None:
    """Write (or, for None, remove) the terms of each patent id."""
    now = datetime.now(UTC)
    ids = list(changes)
    for i in range(0, len(ids), _CHUNK):
        session.execute(delete(_T).where(_T.patent_id.in_(ids[i:i + _CHUNK])))
    values: dict[int, dict[str, Any]] = {}  # one dict per distinct terms value (a batch shares one)
    rows = []
    for pid, t in changes.items():
        if t is None:
            continue
        base = values.get(id(t))
        if base is None:
            base = values[id(t)] = _values(t)
        rows.append(dict(base, patent_id=pid, preset=preset, updated_at=now))
    if rows:
        # Core insert on the table: the ORM bulk path costs ~3× more for 10,000 rows and adds nothing here
        session.connection().execute(insert(_T.__table__), rows)


def numbers_of(session: Session, patent_ids: Sequence[int]) -> dict[int, str]:
    """id → application number for the ids that exist (for audit entries and existence checks)."""
    ids = list(patent_ids)
    out: dict[int, str] = {}
    for i in range(0, len(ids), _CHUNK):
        for pid, number in session.execute(select(Patent.id, Patent.application_number)
                                           .where(Patent.id.in_(ids[i:i + _CHUNK]))):
            out[pid] = number
    return out


def presets_of(session: Session, terms_by_patent: dict[int, Any]) -> dict[int, str]:
    ids = list(terms_by_patent)
    out: dict[int, str] = {}
    for i in range(0, len(ids), _CHUNK):
        for pid, name in session.execute(select(_T.patent_id, _T.preset).where(_T.patent_id.in_(ids[i:i + _CHUNK]))):
            out[pid] = name
    return out


# --- presets -------------------------------------------------------------------------------------------------

def list_presets(session: Session) -> list[tuple[str, PricingTerms]]:
    rows = session.execute(select(PricingPreset.name, PricingPreset.terms).order_by(PricingPreset.id))
    return [(name, PricingTerms.from_canonical(terms)) for name, terms in rows]


def get_preset(session: Session, name: str) -> PricingTerms | None:
    data = session.execute(select(PricingPreset.terms).where(PricingPreset.name == name)).scalar_one_or_none()
    return PricingTerms.from_canonical(data) if data is not None else None


def put_preset(session: Session, name: str, terms: PricingTerms) -> None:
    existing = session.execute(select(PricingPreset.id).where(PricingPreset.name == name)).scalar_one_or_none()
    if existing is None:
        session.execute(insert(PricingPreset).values(name=name, terms=terms.canonical(),
                                                      created_at=datetime.now(UTC)))
    else:
        session.execute(update(PricingPreset).where(PricingPreset.id == existing).values(terms=terms.canonical()))


def delete_preset(session: Session, name: str) -> bool:
    return session.execute(delete(PricingPreset).where(PricingPreset.name == name)).rowcount > 0


# --- batch applications --------------------------------------------------------------------------------------

def record_application(session: Session, user: str, label: str, terms: PricingTerms,
                       before: dict[int, PricingTerms | None], own_months: dict[int, int] | None = None) -> int:
    """`own_months`: the term each patent was given when it ran to the patent's own expiry (`terms` has none)."""
    canonical = terms.canonical()
    if own_months is not None:
        canonical["own_months"] = {str(pid): months for pid, months in own_months.items()}
    result = session.execute(insert(PricingApplication).values(
        at=datetime.now(UTC), user=user, label=label, terms=canonical,
        before={str(pid): (t.canonical() if t is not None else None) for pid, t in before.items()}, undone=False))
    return int(result.inserted_primary_key[0])


def last_application(session: Session) -> PricingApplication | None:
    return session.execute(select(PricingApplication).where(PricingApplication.undone.is_(False))
                           .order_by(PricingApplication.id.desc()).limit(1)).scalar_one_or_none()


def mark_undone(session: Session, application_id: int) -> None:
    session.execute(update(PricingApplication).where(PricingApplication.id == application_id).values(undone=True))


# --- fee notes -----------------------------------------------------------------------------------------------

def get_note(session: Session, patent_id: int) -> tuple[str, dict, str] | None:
    row = session.get(FeeNote, patent_id)
    return (row.method, dict(row.inputs or {}), row.text) if row is not None else None


def put_note(session: Session, patent_id: int, method: str, inputs: dict, text: str) -> None:
    now = datetime.now(UTC)
    row = session.get(FeeNote, patent_id)
    if row is None:
        session.add(FeeNote(patent_id=patent_id, method=method, inputs=inputs, text=text, updated_at=now))
    else:
        row.method, row.inputs, row.text, row.updated_at = method, inputs, text, now
    session.flush()


def notes_for(session: Session, patent_ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    ids = list(patent_ids)
    for i in range(0, len(ids), _CHUNK):
        for pid, text in session.execute(select(FeeNote.patent_id, FeeNote.text)
                                         .where(FeeNote.patent_id.in_(ids[i:i + _CHUNK]))):
            out[pid] = text
    return out


# --- industry reference --------------------------------------------------------------------------------------

def replace_reference(session: Session, rows: list[dict[str, Any]]) -> int:
    """Replace the whole loaded table (a new copy of the statistics supersedes the old one)."""
    session.execute(delete(IndustryReference))
    now = datetime.now(UTC)
    if rows:
        session.execute(insert(IndustryReference), [dict(r, loaded_at=now) for r in rows])
    return len(rows)


def reference_rows(session: Session) -> list[dict[str, Any]]:
    cols = (IndustryReference.industry, IndustryReference.code, IndustryReference.contracts,
            IndustryReference.avg_amount, IndustryReference.median_amount, IndustryReference.avg_rate,
            IndustryReference.source)
    return [dict(r._mapping) for r in session.execute(select(*cols).order_by(IndustryReference.id))]
