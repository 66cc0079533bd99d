"""The licensee book: companies (and, by their ID, people) who took a licence, with an xlsx/csv import."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from openlic_desktop.domain.identifiers import normalise_text
from openlic_desktop.domain.licensing import SIZES, Party, clean_licensee, guess_id_type
from openlic_desktop.intake.headers import HeaderNotFound, find_columns
from openlic_desktop.intake.readers import open_spreadsheet
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import licensing as repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.support.errors import InputError, NotFoundError


@dataclass(frozen=True)
class LicenseeRecord:
    """A licensee: an organisation (known by its USCC) or a person (by a resident ID or passport number)."""

    id: int
    name: str
    identifier: str
    address: str = ""
    legal_representative: str = ""
    contact: str = ""
    size: str = ""
    licences: int = 0
    id_type: str = "uscc"

    @property
    def is_person(self) -> bool:
        return self.id_type != "uscc"

    @property
    def uscc(self) -> str:
        """The USCC of an organisation ("" for a person)."""
        return "" if self.is_person else self.identifier

    @property
    def party(self) -> Party:
        return Party(self.name, self.identifier, self.address, self.legal_representative, self.contact,
                     SIZES.get(self.size, ""), self.id_type)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "person": self.is_person, "uscc": self.uscc or None,
                "id_type": self.id_type, "id_number": self.identifier if self.is_person else None,
                "address": self.address, "legal_representative": self.legal_representative,
                "contact": self.contact, "size": self.size, "licences": self.licences}


def _record(row, licences: int = 0) -> LicenseeRecord:
    return LicenseeRecord(row.id, row.name, row.identifier, row.address or "", row.legal_representative or "",
                          row.contact or "", row.size or "", licences, row.id_type or "uscc")


def list_licensees(ws: Workspace, search: str = "") -> list[LicenseeRecord]:
    with ws.reading() as session:
        counts = repo.licence_counts(session)
        return [_record(r, counts.get(r.id, 0)) for r in repo.list_licensees(session, search)]


def licensee_values(name: str, uscc: str = "", id_number: str = "", id_type: str = "", **details: Any,
                    ) -> dict[str, Any]:
    """The raw values of a licensee from the faces: a USCC (an organisation) or an ID number (a person, its
    kind guessed from the number unless given), never both."""
    if uscc.strip() and id_number.strip():
        raise InputError("LICENSEE_TWO_IDENTIFIERS")
    if id_number.strip():
        kind = id_type or guess_id_type(id_number)
        return {"name": name, "id_type": kind, "identifier": id_number, **details}
    return {"name": name, "id_type": "uscc", "identifier": uscc, **details}


def add_licensee(ws: Workspace, name: str, uscc: str = "", address: str = "", legal_representative: str = "",
                 contact: str = "", size: str = "", id_number: str = "", id_type: str = "") -> LicenseeRecord:
    """A licensee: an organisation with its USCC, or a person with `id_number` (resident ID or passport)."""
    values = clean_licensee(licensee_values(name, uscc, id_number, id_type, address=address,
                                            legal_representative=legal_representative, contact=contact,
                                            size=size))
    with ws.session() as session:
        existing = repo.by_identifier(session, values["identifier"])
        if existing is not None:
            raise InputError("LICENSEE_EXISTS", identifier=values["identifier"], name=existing.name)
        row = repo.add_licensee(session, values)
        audit.append(session, ws.user, ws.source, [
            AuditEntry("licensee", row.id, row.identifier, "create", k, None, v) for k, v in values.items() if v])
        return _record(row)


def update_licensee(ws: Workspace, licensee_id: int, **changes: Any) -> LicenseeRecord:
    with ws.session() as session:
        row = repo.get_licensee(session, licensee_id)
        if row is None:
            raise NotFoundError("LICENSEE_NOT_FOUND", value=str(licensee_id))
        current = {k: getattr(row, k) for k in repo.LICENSEE_FIELDS}
        if "uscc" in changes or "id_number" in changes:  # the faces say which identifier; the row has one
            given = licensee_values(changes.pop("name", current["name"]), changes.pop("uscc", ""),
                                    changes.pop("id_number", ""), changes.pop("id_type", ""))
            changes.update(given)
        values = clean_licensee({**current, **changes})
        if values["identifier"] != row.identifier:
            other = repo.by_identifier(session, values["identifier"])
            if other is not None:
                raise InputError("LICENSEE_EXISTS", identifier=values["identifier"], name=other.name)
        entries = []
        for k, v in values.items():
            if current[k] != v:
                entries.append(AuditEntry("licensee", row.id, values["identifier"], "update", k, current[k], v))
                setattr(row, k, v)
        if entries:
            repo.touch(row)
            audit.append(session, ws.user, ws.source, entries)
        return _record(row, repo.licence_counts(session).get(row.id, 0))


def find_licensee(ws: Workspace, name_or_identifier: str) -> LicenseeRecord:
    """By USCC or ID number (any spelling) first, then by exact name; a name shared by several is refused."""
    text = (name_or_identifier or "").strip()
    with ws.reading() as session:
        row = repo.by_identifier(session, normalise_text(text)) if text else None
        if row is None:
            rows = repo.by_name(session, re.sub(r"\s+", " ", text))
            if len(rows) > 1:
                raise InputError("LICENSEE_AMBIGUOUS", value=text)
            row = rows[0] if rows else None
        if row is None:
            raise NotFoundError("LICENSEE_NOT_FOUND", value=text)
        return _record(row, repo.licence_counts(session).get(row.id, 0))


def get_licensee(ws: Workspace, licensee_id: int) -> LicenseeRecord:
    with ws.reading() as session:
        row = repo.get_licensee(session, licensee_id)
        if row is None:
            raise NotFoundError("LICENSEE_NOT_FOUND", value=str(licensee_id))
        return _record(row, repo.licence_counts(session).get(row.id, 0))


_IMPORT_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("名称", "被许可人", "被许可人名称", "单位名称", "企业名称", "公司名称", "name", "licensee"),
    "uscc": ("统一社会信用代码", "信用代码", "社会信用代码", "uscc", "unifiedsocialcreditcode", "creditcode"),
    "id_number": ("身份证号码", "身份证号", "居民身份证号码", "证件号码", "护照号码", "idnumber", "passport"),
    "address": ("地址", "住所", "单位地址", "通讯地址", "注册地址", "address"),
    "legal_representative": ("法定代表人", "法人代表", "法人", "legalrepresentative"),
    "contact": ("联系方式", "联系人", "联系电话", "电话", "contact", "phone"),
    "size": ("企业规模", "规模", "企业类型", "size", "enterprisesize"),
}


@dataclass
class LicenseeImport:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"rows_read": self.rows_read, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected, "rejections": self.rejections}


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def import_licensees(ws: Workspace, path: str | Path, sheet: str | None = None, dry_run: bool = False,
                     lang: str = "zh") -> LicenseeImport:
    """Read a licensee list (xlsx/xls/csv) through intake's reader: the header row is found among the first 21 rows
    by its column names, matched as the import matches its own; each row is created, updated (same USCC or ID
    number, different details) or left as is; bad rows are reported with their
    sheet row number and code, never dropped silently. One transaction: all rows or none."""
    result = LicenseeImport()
    with open_spreadsheet(path) as book:  # the one reader: its guards refuse what cannot be read
        rows = book.rows(sheet)
        head = list(islice(rows, 21))
        try:
            header_row, mapping = find_columns(head, _IMPORT_HEADERS, ("name",), search_rows=21,
                                               one_of=("uscc", "id_number"))
        except HeaderNotFound:
            raise InputError("LICENSEE_IMPORT_NO_HEADER", path=Path(path).name) from None
        rows = chain(head[header_row + 1:], rows)
        parsed: list[tuple[int, dict[str, str]]] = []
        seen: dict[str, int] = {}
        for offset, cells in enumerate(rows, start=header_row + 2):
            values = {key: _cell_text(cells[i]) if i < len(cells) else "" for i, key in mapping.items()}
            if not any(values.values()):
                continue
            result.rows_read += 1
            try:
                clean = clean_licensee(licensee_values(**values))
            except InputError as exc:
                result.rejected += 1
                result.rejections.append({"row": offset, "code": exc.code, "message": exc.message(lang)})
                continue
            key = clean["identifier"]
            if key in seen:
                result.rejected += 1
                result.rejections.append({"row": offset, "code": "LICENSEE_EXISTS", "message": InputError(
                    "LICENSEE_EXISTS", identifier=key, name=f"row {seen[key]}").message(lang)})
                continue
            seen[key] = offset
            parsed.append((offset, clean))
    with ws.session() as session:
        existing = repo.all_by_identifier(session)
        entries: list[AuditEntry] = []
        for _, values in parsed:
            row = existing.get(values["identifier"])
            if row is None:
                if not dry_run:
                    new = repo.add_licensee(session, values)
                    entries.extend(AuditEntry("licensee", new.id, new.identifier, "create", k, None, v)
                                   for k, v in values.items() if v)
                result.created += 1
                continue
            changed = {k: v for k, v in values.items() if v and getattr(row, k) != v}
            if not changed:
                result.unchanged += 1
                continue
            result.updated += 1
            if not dry_run:
                for k, v in changed.items():
                    entries.append(AuditEntry("licensee", row.id, row.identifier, "update", k, getattr(row, k), v))
                    setattr(row, k, v)
                repo.touch(row)
        if entries:
            audit.append(session, ws.user, "import", entries)
        if dry_run:
            session.rollback()
    return result
