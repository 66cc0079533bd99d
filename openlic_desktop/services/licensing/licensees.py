"""The licensee book: companies (and, by their ID, people) who took a licence, with an xlsx/csv import."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openlic_desktop.domain.identifiers import parse_uscc
from openlic_desktop.domain.licensing import SIZES, Party, clean_licensee
from openlic_desktop.intake.headers import normalise_header
from openlic_desktop.intake.readers import open_spreadsheet
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import licensing as repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.support.errors import InputError, NotFoundError


@dataclass(frozen=True)
class LicenseeRecord:
    id: int
    name: str
    uscc: str
    address: str = ""
    legal_representative: str = ""
    contact: str = ""
    size: str = ""
    licences: int = 0

    @property
    def party(self) -> Party:
        return Party(self.name, self.uscc, self.address, self.legal_representative, self.contact,
                     SIZES.get(self.size, ""))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "uscc": self.uscc, "address": self.address,
                "legal_representative": self.legal_representative, "contact": self.contact, "size": self.size,
                "licences": self.licences}


def _record(row, licences: int = 0) -> LicenseeRecord:
    return LicenseeRecord(row.id, row.name, row.uscc, row.address or "", row.legal_representative or "",
                          row.contact or "", row.size or "", licences)



def list_licensees(ws: Workspace, search: str = "") -> list[LicenseeRecord]:
    with ws.reading() as session:
        counts = repo.licence_counts(session)
        return [_record(r, counts.get(r.id, 0)) for r in repo.list_licensees(session, search)]


def add_licensee(ws: Workspace, name: str, uscc: str, address: str = "", legal_representative: str = "",
                 contact: str = "", size: str = "") -> LicenseeRecord:
    values = clean_licensee({"name": name, "uscc": uscc, "address": address,
                              "legal_representative": legal_representative, "contact": contact, "size": size})
    with ws.session() as session:
        existing = repo.by_uscc(session, values["uscc"])
        if existing is not None:
            raise InputError("LICENSEE_EXISTS", uscc=values["uscc"], name=existing.name)
        row = repo.add_licensee(session, values)
        audit.append(session, ws.user, ws.source, [
            AuditEntry("licensee", row.id, row.uscc, "create", k, None, v) for k, v in values.items() if v])
        return _record(row)


def update_licensee(ws: Workspace, licensee_id: int, **changes: Any) -> LicenseeRecord:
    with ws.session() as session:
        row = repo.get_licensee(session, licensee_id)
        if row is None:
            raise NotFoundError("LICENSEE_NOT_FOUND", value=str(licensee_id))
        current = {k: getattr(row, k) for k in repo.LICENSEE_FIELDS}
        values = clean_licensee({**current, **changes})
        if values["uscc"] != row.uscc:
            other = repo.by_uscc(session, values["uscc"])
            if other is not None:
                raise InputError("LICENSEE_EXISTS", uscc=values["uscc"], name=other.name)
        entries = []
        for k, v in values.items():
            if current[k] != v:
                entries.append(AuditEntry("licensee", row.id, values["uscc"], "update", k, current[k], v))
                setattr(row, k, v)
        if entries:
            repo.touch(row)
            audit.append(session, ws.user, ws.source, entries)
        return _record(row, repo.licence_counts(session).get(row.id, 0))


def find_licensee(ws: Workspace, name_or_uscc: str) -> LicenseeRecord:
    """By USCC (any spelling) first, then by exact name; a name shared by several licensees is refused."""
    text = (name_or_uscc or "").strip()
    with ws.reading() as session:
        try:
            row = repo.by_uscc(session, parse_uscc(text))
        except InputError:
            row = None
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
    "address": ("地址", "住所", "单位地址", "通讯地址", "注册地址", "address"),
    "legal_representative": ("法定代表人", "法人代表", "法人", "legalrepresentative"),
    "contact": ("联系方式", "联系人", "联系电话", "电话", "contact", "phone"),
    "size": ("企业规模", "规模", "企业类型", "size", "enterprisesize"),
}
_HEADER_LOOKUP = {normalise_header(w): key for key, words in _IMPORT_HEADERS.items() for w in words}


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
    """Read a licensee list (xlsx/xls/csv): the header row is found among the first 20 rows by its column names;
    each row is created, updated (same USCC, different details) or left as is; bad rows are reported with their
    sheet row number and code, never dropped silently. One transaction: all rows or none."""
    result = LicenseeImport()
    with open_spreadsheet(path) as book:
        rows = book.rows(sheet)
        mapping: dict[int, str] | None = None
        header_row = 0
        for index, cells in enumerate(rows):
            mapped = {i: _HEADER_LOOKUP[normalise_header(c)] for i, c in enumerate(cells)
                      if normalise_header(c) in _HEADER_LOOKUP}
            if "name" in mapped.values() and "uscc" in mapped.values():
                mapping, header_row = mapped, index
                break
            if index >= 20:
                break
        if mapping is None:
            raise InputError("LICENSEE_IMPORT_NO_HEADER", path=Path(path).name)
        parsed: list[tuple[int, dict[str, str]]] = []
        seen: dict[str, int] = {}
        for offset, cells in enumerate(rows, start=header_row + 2):
            values = {key: _cell_text(cells[i]) if i < len(cells) else "" for i, key in mapping.items()}
            if not any(values.values()):
                continue
            result.rows_read += 1
            try:
                clean = clean_licensee(values)
            except InputError as exc:
                result.rejected += 1
                result.rejections.append({"row": offset, "code": exc.code, "message": exc.message(lang)})
                continue
            if clean["uscc"] in seen:
                result.rejected += 1
                result.rejections.append({"row": offset, "code": "LICENSEE_EXISTS", "message": InputError(
                    "LICENSEE_EXISTS", uscc=clean["uscc"], name=f"row {seen[clean['uscc']]}").message(lang)})
                continue
            seen[clean["uscc"]] = offset
            parsed.append((offset, clean))
    with ws.session() as session:
        existing = repo.all_by_uscc(session)
        entries: list[AuditEntry] = []
        for _, values in parsed:
            row = existing.get(values["uscc"])
            if row is None:
                if not dry_run:
                    new = repo.add_licensee(session, values)
                    entries.extend(AuditEntry("licensee", new.id, new.uscc, "create", k, None, v)
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
                    entries.append(AuditEntry("licensee", row.id, row.uscc, "update", k, getattr(row, k), v))
                    setattr(row, k, v)
                repo.touch(row)
        if entries:
            audit.append(session, ws.user, "import", entries)
        if dry_run:
            session.rollback()
    return result
