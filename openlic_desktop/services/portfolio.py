"""Browsing the portfolio: id queries for the big table, rows as plain values, one patent in full, edits.

Everything returned is a plain value (dataclass, str, date): ORM objects never leave this module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openlic_desktop.domain.identifiers import (
    PatentType,
    is_number_lead_in,
    parse_application_number,
    search_prefix,
)
from openlic_desktop.domain.parsing import clean_text
from openlic_desktop.domain.patent import EDITABLE_FIELDS, PatentFacts
from openlic_desktop.domain.status import Status, parse_status
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import patents as repo
from openlic_desktop.storage import search as search_index
from openlic_desktop.storage.patents import PatentFilter
from openlic_desktop.support.errors import InputError, NotFoundError

SORT_KEYS = tuple(repo.SORT_COLUMNS)


@dataclass(frozen=True)
class PatentRow:
    """One line of the portfolio table."""

    id: int
    application_number: str
    title: str
    patent_type: str
    patentees: str
    filing_date: date | None
    grant_date: date | None
    expiry_date: date | None
    status: str
    fees_paid_until: date | None

    @property
    def patent_number(self) -> str:
        return "ZL" + self.application_number

    def effective_status(self, today: date) -> str:
        if self.expiry_date and today > self.expiry_date and self.status in ("in_force", "unknown"):
            return Status.EXPIRED.value
        return self.status


@dataclass
class PatentDetail:
    id: int
    facts: PatentFacts
    source_file: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self, today: date | None = None) -> dict[str, Any]:
        return patent_json(self.facts, today) | {
            "inventors": self.facts.inventors,
            "grant_date": _iso(self.facts.grant_date),
            "fees_paid_until": _iso(self.facts.fees_paid_until),
            "ipc": self.facts.ipc,
            "department": self.facts.department,
            "contact_person": self.facts.contact_person,
            "contact_phone": self.facts.contact_phone,
            "contact_email": self.facts.contact_email,
            "description": self.facts.description,
            "industry": self.facts.industry,
            "recorded_status": self.facts.status.value,
            "source_file": self.source_file,
            "history": self.history,
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def patent_json(facts: PatentFacts, today: date | None = None) -> dict[str, Any]:
    """The keys cli.md promises for a patent in a list."""
    today = today or date.today()
    return {
        "application_number": facts.number.canonical,
        "patent_number": facts.number.patent_number,
        "type": facts.patent_type.value if facts.patent_type else None,
        "title": facts.title,
        "patentees": list(facts.patentees),
        "filing_date": _iso(facts.filing_date),
        "grant_date": _iso(facts.grant_date),
        "expiry_date": _iso(facts.expiry_date),
        "status": facts.effective_status(today).value,
    }


def search_signature(search: str) -> tuple[str, str]:
    """What a search text asks for, so that texts asking the same share one answer: ('all', '') for nothing or
    the lead-in of a number ('Z', 'ZL', 'CN'), ('number', prefix) for any written form of (the start of) a number,
    ('text', lower-cased text) otherwise. Typing 'Z' then 'ZL' changes nothing and needs no query."""
    text = (search or "").strip()
    if not text or is_number_lead_in(text):
        return ("all", "")
    prefix = search_prefix(text)
    if prefix is not None:
        return ("number", prefix)
    return ("text", text.lower())


def narrows(signature: tuple[str, str], earlier: tuple[str, str]) -> bool:
    """Whether every patent a search (by its `search_signature`) finds is among those an earlier search found:
    the earlier asked for everything, or for a piece of text this one contains (typed one more character, or
    pasted around it), or for the start of this number."""
    kind, text = signature
    if kind == "all" or earlier == ("all", ""):
        return kind != "all"
    return kind == earlier[0] and (earlier[1] in text if kind == "text" else text.startswith(earlier[1]))


def query_ids(ws: Workspace, search: str = "", patent_type: str | None = None, status: str | None = None,
              sort: str = "application_number", descending: bool = False,
              restrict_to: Sequence[int] | None = None, within: Sequence[int] | None = None) -> list[int]:
    """The ids of the patents shown for this search, filters and sort, in their order.

    `within`: the answer, read from the same data, of an earlier query with the same filters and sort whose
    search this one `narrows` (the caller knows both). The answer is then taken from those ids, in
    their order: for text, the ids that match, without sorting the matches again — found in the search texts
    held in memory (storage.search.SearchTexts, read by `hold_search_texts`) when the copy held is current, else
    by the database's own scan; for the start of a 12-digit number in number order, the run of them between its
    first and last patent — without reading tens of thousands of ids again."""
    signature = search_signature(search)
    extra = frozenset(restrict_to) if restrict_to is not None else None
    if within is not None and signature[0] == "text":
        if not within:
            return []
        with ws.reading() as session:
            texts = search_index.held_texts(session)
            if texts is not None:
                return texts.matching(signature[1], among=within)
            found = search_index.text_matches(session, signature[1], among=within)
        return [pid for pid in within if pid in found]
    flt = PatentFilter(search=search, patent_type=patent_type, status=status, extra_ids=extra)
    if within is not None and search_index.number_sort_range(search) is not None and sort == "application_number":
        with ws.reading() as session:
            ends = search_index.run_ends(session, repo.filter_clause(flt, sqlite=ws.sqlite))
        if ends is None:
            return []
        first, last = sorted((within.index(ends[0]), within.index(ends[1])))
        return list(within[first:last + 1])
    with ws.reading() as session:
        return repo.query_ids(session, flt, sort, descending, sqlite=ws.sqlite)


def hold_search_texts(ws: Workspace) -> int:
    """Read the search texts into memory (or check that the copy held is current), so that text searches find
    them there; returns how many patents they cover. Takes ~0.15 s at 100,000 patents when they are read: run it
    beside the searches, not before them."""
    with ws.reading() as session:
        return len(search_index.search_texts(session).ids)


def rows(ws: Workspace, ids: Sequence[int]) -> dict[int, PatentRow]:
    with ws.reading() as session:
        found = repo.list_rows(session, ids)
    return {pid: PatentRow(r.id, r.application_number, r.title, r.patent_type, r.patentees_display, r.filing_date,
                           r.grant_date, r.expiry_date, r.status, r.fees_paid_until) for pid, r in found.items()}


def count(ws: Workspace) -> int:
    with ws.reading() as session:
        return repo.count_all(session)


def counts_by_status(ws: Workspace) -> dict[str, int]:
    with ws.reading() as session:
        return repo.counts_by(session, "status")


def list_patents(ws: Workspace, search: str = "", patent_type: str | None = None,
                 status: str | None = None) -> list[PatentFacts]:
    if patent_type is not None:
        PatentType(patent_type)  # ValueError for a bad type; the CLI checks choices first
    with ws.reading() as session:
        ids = repo.query_ids(session, PatentFilter(search, patent_type, status), sqlite=ws.sqlite)
        facts = repo.get_facts_by_ids(session, ids)
    return [facts[i] for i in ids]


def resolve_number(value: str):
    try:
        return parse_application_number(value)
    except InputError as exc:
        raise InputError(exc.code, **exc.params) from None


def detail(ws: Workspace, number: str) -> PatentDetail:
    parsed = resolve_number(number)
    with ws.reading() as session:
        row = repo.get_by_number(session, parsed)
        if row is None:
            raise NotFoundError("PATENT_NOT_FOUND", value=parsed.canonical)
        facts = repo.row_to_facts(row)
        history = [
            {"at": r.at, "user": r.user, "source": r.source, "action": r.action, "field": r.field,
             "old": r.old, "new": r.new}
            for r in audit.patent_history(session, row.id)
        ]
        source = None
        if row.source_id is not None:
            from openlic_desktop.storage.models import ImportSource

            src = session.get(ImportSource, row.source_id)
            source = src.file_name if src else None
        return PatentDetail(row.id, facts, source, history)


def detail_by_id(ws: Workspace, patent_id: int) -> PatentDetail:
    with ws.reading() as session:
        from openlic_desktop.storage.models import Patent

        row = session.get(Patent, patent_id)
        if row is None:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(patent_id))
        number = row.application_number
    return detail(ws, number)


def audit_value(value: Any) -> str | None:
    """How a fact is written in the audit trail: ISO dates, enum values, JSON lists."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Status, PatentType)):
        return value.value
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def parse_field_value(field_name: str, raw: str | list[str]) -> Any:
    """A typed value for an editable fact: dates, a status, a type (in words or as its code), names (a list, or
    one text split on ；; ，, 、 / and line breaks)."""
    from openlic_desktop.domain.parsing import parse_date, parse_type, split_names

    if field_name not in EDITABLE_FIELDS:
        raise InputError("BAD_ARGUMENT", reason=f"unknown field {field_name}; one of {', '.join(EDITABLE_FIELDS)}")
    kind = EDITABLE_FIELDS[field_name]
    if kind == "names":
        return split_names("\n".join(raw)) if isinstance(raw, list) else split_names(raw)
    raw = raw.strip()
    if kind == "type":
        try:
            return PatentType(raw)
        except ValueError:
            parsed_type = parse_type(raw)
        if parsed_type is None:
            raise InputError("BAD_ARGUMENT", reason=f"unknown patent type {raw}")
        return parsed_type
    if kind == "date":
        if raw == "":
            return None
        parsed = parse_date(raw)
        if parsed is None:
            raise InputError("BAD_DATE", value=raw)
        return parsed
    if kind == "status":
        status = parse_status(raw)
        if status is None:
            raise InputError("BAD_ARGUMENT", reason=f"unknown status {raw}")
        return status
    return raw


def set_fields(ws: Workspace, number: str, changes: dict[str, Any], source: str | None = None) -> list[str]:
    """Edit recorded facts; returns the fields that really changed. Each change goes to the audit trail."""
    parsed = resolve_number(number)
    with ws.session() as session:
        row = repo.get_by_number(session, parsed)
        if row is None:
            raise NotFoundError("PATENT_NOT_FOUND", value=parsed.canonical)
        facts = repo.row_to_facts(row)
        entries = []
        for name, value in changes.items():
            if name not in EDITABLE_FIELDS:
                raise InputError("BAD_ARGUMENT", reason=f"unknown field {name}")
            # the one door for typed text: nothing an export could not write gets in
            # (text fields only: a patent type or status is a str enum whose identity the checks below rely on)
            if EDITABLE_FIELDS[name] in ("text", "lines") and isinstance(value, str):
                value = clean_text(value, lines=EDITABLE_FIELDS[name] == "lines")
            elif EDITABLE_FIELDS[name] == "names" and isinstance(value, list):
                value = [name_ for name_ in map(clean_text, value) if name_]
            old = getattr(facts, name)
            if old == value:
                continue
            if name == "patent_type" and value is not parsed.patent_type:
                # the kind digit of the number says the type (the import follows it too): a different one is a typo
                raise InputError("TYPE_NOT_NUMBER_KIND", number=parsed.canonical, kind=parsed.patent_type.value)
            setattr(facts, name, value)
            entries.append(audit.AuditEntry("patent", row.id, parsed.canonical, "update", name,
                                            audit_value(old), audit_value(value)))
        if entries:
            repo.update_fields(session, row.id, facts, [e.field for e in entries])
            audit.append(session, ws.user, source or ws.source, entries)
        return [e.field for e in entries]


# --- adding and deleting one patent ----------------------------------------------------------------------------
def add_patent(ws: Workspace, number: str, title: str = "", source: str | None = None) -> int:
    """Record a patent by hand (any written form of its number; the rest is filled in later). Audited as
    "create"; refused PATENT_EXISTS when the number is already recorded. Returns its id."""
    return restore_patent(ws, PatentFacts(number=resolve_number(number), title=title.strip()), source)


def restore_patent(ws: Workspace, facts: PatentFacts, source: str | None = None) -> int:
    """Write a patent with these facts (a new one, or one deleted and put back by an undo); returns its id."""
    canonical = facts.number.canonical
    with ws.session() as session:
        if repo.get_by_number(session, facts.number) is not None:
            raise InputError("PATENT_EXISTS", value=canonical)
        repo.insert_many(session, [facts])
        pid = repo.ids_by_number(session, [canonical])[canonical]
        audit.append(session, ws.user, source or ws.source,
                     [audit.AuditEntry("patent", pid, canonical, "create", "title", None, facts.title or None)])
    return pid


def delete_patent(ws: Workspace, patent_id: int, source: str | None = None) -> PatentFacts:
    """Delete a patent recorded by mistake; returns its facts (what an undo writes back). Refused
    PATENT_HAS_RECORDS while other records refer to it (pricing, sign-offs, licences, batches…): deleting it
    would take that work along."""
    from openlic_desktop.storage import import_undo as undo_repo

    with ws.session() as session:
        found = repo.get_facts_by_ids(session, [patent_id])
        if patent_id not in found:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(patent_id))
        facts = found[patent_id]
        records = undo_repo.dependent_rows(session, [patent_id]).get(patent_id)
        if records:
            raise InputError("PATENT_HAS_RECORDS", value=facts.number.canonical, records=", ".join(records))
        undo_repo.delete_patents(session, [patent_id])
        audit.append(session, ws.user, source or ws.source,
                     [audit.AuditEntry("patent", patent_id, facts.number.canonical, "delete", "title",
                                       facts.title or None, None)])
    return facts
