"""The patentee book: every patentee (co-owner) as a contract's licensor names it — identifier, legal
representative, address, the bank account licence fees go to — kept like the licensee book and filled from the
portfolio's patentee names. Patents keep patentees as names; the book is keyed by the same name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openlic_desktop.domain.licensing import PATENTEE_DETAILS, Party, clean_patentee
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import licensing as repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError, NotFoundError


@dataclass(frozen=True)
class PatenteeEntry:
    id: int
    name: str
    id_type: str = "uscc"
    identifier: str = ""
    legal_representative: str = ""
    address: str = ""
    bank_name: str = ""
    bank_account: str = ""
    contact: str = ""
    phone: str = ""
    email: str = ""

    @property
    def party(self) -> Party:
        return Party(self.name, self.identifier, self.address, self.legal_representative, self.contact,
                     id_type=self.id_type, bank_name=self.bank_name, bank_account=self.bank_account,
                     phone=self.phone, email=self.email)

    @property
    def missing(self) -> list[str]:
        """What a contract needs of this licensor and the book lacks (field names)."""
        return self.party.missing_for_contract()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "id_type": self.id_type, "identifier": self.identifier,
                **{k: getattr(self, k) for k in PATENTEE_DETAILS}, "missing": self.missing}


def _entry(row) -> PatenteeEntry:
    return PatenteeEntry(row.id, row.name, row.id_type or "uscc", row.identifier or "",
                         *(getattr(row, k) or "" for k in PATENTEE_DETAILS))


def list_patentees(ws: Workspace, search: str = "") -> list[PatenteeEntry]:
    with ws.reading() as session:
        return [_entry(r) for r in repo.list_patentees(session, search)]


def _audit_values(row, values: dict[str, str], action: str) -> list[AuditEntry]:
    return [AuditEntry("patentee", row.id, row.name, action, k, None, v) for k, v in values.items() if v]


def add_patentee(ws: Workspace, name: str, **details: Any) -> PatenteeEntry:
    values = clean_patentee({"name": name, **details})
    with ws.session() as session:
        if repo.patentees_by_name(session, [values["name"]]):
            raise InputError("PATENTEE_EXISTS", name=values["name"])
        row = repo.add_patentee(session, values)
        audit.append(session, ws.user, ws.source, _audit_values(row, values, "create"))
        return _entry(row)


def _row(session, key: int | str):
    row = repo.get_patentee(session, key) if isinstance(key, int) else \
        repo.patentees_by_name(session, [str(key).strip()]).get(str(key).strip())
    if row is None:
        raise NotFoundError("PATENTEE_NOT_FOUND", value=str(key))
    return row


def update_patentee(ws: Workspace, key: int | str, **changes: Any) -> PatenteeEntry:
    """Change a book entry (by id or name). A rename must not take another entry's name."""
    with ws.session() as session:
        row = _row(session, key)
        current = {k: getattr(row, k) or "" for k in repo.PATENTEE_FIELDS}
        values = clean_patentee({**current, **changes})
        if values["name"] != row.name and repo.patentees_by_name(session, [values["name"]]):
            raise InputError("PATENTEE_EXISTS", name=values["name"])
        entries = []
        for k, v in values.items():
            if current[k] != v:
                entries.append(AuditEntry("patentee", row.id, values["name"], "update", k, current[k] or None, v))
                setattr(row, k, v)
        if entries:
            repo.touch_patentee(row)
            audit.append(session, ws.user, ws.source, entries)
        return _entry(row)


def fill_from_portfolio(ws: Workspace) -> list[str]:
    """An entry for every patentee name in the portfolio that the book lacks; returns the names added. The
    office's own entry starts from the office details in the settings (its address, contact, phone, e-mail);
    every other entry starts empty: a co-owner's address is its own, never the office's."""
    office = settings_module.load().office
    added = []
    with ws.session() as session:
        names = repo.portfolio_patentee_names(session)
        known = repo.patentees_by_name(session, names)
        entries: list[AuditEntry] = []
        for name in names:
            if name in known:
                continue
            values = clean_patentee({"name": name})
            if office.name and name == office.name.strip():
                values.update(address=office.address, contact=office.contact_person, phone=office.contact_phone,
                              email=office.contact_email)
            row = repo.add_patentee(session, values)
            entries.extend(_audit_values(row, values, "create"))
            added.append(name)
        if entries:
            audit.append(session, ws.user, ws.source, entries)
    return added


def natural_persons(ws: Workspace) -> frozenset[str]:
    """The names the book records as natural persons (an ID or passport number, not a USCC): they sign a letter
    (签字) where an organisation seals it; a name not in the book seals."""
    return frozenset(e.name for e in list_patentees(ws) if e.party.is_person)


def parties(ws: Workspace, names: Sequence[str]) -> list[Party]:
    """The licensors named, in order, from the book (a name not in the book: a party with only its name)."""
    with ws.reading() as session:
        rows = repo.patentees_by_name(session, names)
        return [_entry(rows[n]).party if n in rows else Party(n) for n in names]
