"""Importing the portfolio from a spreadsheet: preview and import, in one transaction.

    result = importer.run(ws, path, sheet=None, mapping=None, dry_run=False, details=False, progress=None,
                          errors_out=None)

* Reads the file as a stream (intake), normalises each row, and processes rows in chunks: for each chunk the
  existing patents are fetched by canonical number (one query per 900 numbers), compared field by field, and
  written with Core executemany (inserts through `storage.patents.insert_many`, updates through
  `storage.import_bulk.update_many`). Memory therefore grows with the chunk, not the file — except for the set of
  numbers already seen (to catch duplicates) and, when `details=True` (the GUI preview), the lists shown.
* Upsert by canonical application number; a row only changes the facts it states (blank cells never erase).
  Re-importing the same file changes nothing and says so (`unchanged`).
* Every change goes to the audit trail with source "import": one "create" entry per new patent, one "update"
  entry per changed field (old → new). The run is recorded in `import_sources` (file, SHA-256, counts, who).
* One transaction: any error, or `progress(done, total)` returning False (cancel), rolls everything back
  (`InterruptedError` is raised on cancel). `dry_run` writes nothing at all (it reads in a read-only session).
* `errors_out`: an .xlsx of the rejected rows with their original cells, the row number and the reason, written
  atomically before the commit (a failure there rolls the import back).

Thread rule: a job may run on the GUI's worker thread; it opens its own session and returns plain values.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.intake import mappings as remembered_mappings
from openlic_desktop.intake.readers import open_spreadsheet
from openlic_desktop.intake.records import Issue, ParsedRow, cell_text, parse_row, row_signature
from openlic_desktop.intake.table import Layout, open_table
from openlic_desktop.services.portfolio import audit_value
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import import_bulk as bulk
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.files import atomic_path

ProgressFn = Callable[[int, int], bool]
CHUNK_ROWS = 2000


@dataclass
class RowNote:
    """A rejected row (or a warning on a kept row): where, which code, and the row as the user typed it."""

    row: int
    code: str
    params: dict[str, Any]
    values: list[Any] = field(default_factory=list)
    number: str | None = None

    def message(self, lang: str = "zh") -> str:
        return Issue(self.code, self.params).message(lang)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None


@dataclass
class RowChange:
    row: int
    number: str
    title: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ImportResult:
    """What an import did (or, dry run, would do). Counts always; row lists only with `details=True`."""

    file_name: str
    sha256: str
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[int, str]
    dry_run: bool
    rows_read: int = 0      # non-blank rows below the header
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: dict[str, int] = field(default_factory=lambda: {"blank": 0, "footer": 0, "header": 0, "duplicate": 0})
    rejections: list[RowNote] = field(default_factory=list)
    warnings: list[RowNote] = field(default_factory=list)
    new_rows: list[RowChange] = field(default_factory=list)       # details only
    changed_rows: list[RowChange] = field(default_factory=list)   # details only
    unchanged_rows: list[RowChange] = field(default_factory=list)  # details only
    source_id: int | None = None
    errors_file: str | None = None

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """Exactly the keys of cli.md (`openlic import --json`)."""
        return {
            "rows_read": self.rows_read, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "rejected": self.rejected,
            "rejections": [{"row": r.row, "code": r.code, "message": r.message(lang)} for r in self.rejections],
        }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _facts_for_new(parsed: ParsedRow) -> PatentFacts:
    return PatentFacts(number=parsed.number, **parsed.fields)


class _Run:
    """The state of one import run (counts, duplicates seen, details) and the chunk processor."""

    def __init__(self, ws: Workspace, result: ImportResult, details: bool, write: bool) -> None:
        self.ws, self.result, self.details, self.write = ws, result, details, write
        self.seen: dict[str, tuple[int, int]] = {}  # canonical → (first row, signature)

    def classify(self, parsed: ParsedRow) -> ParsedRow | None:
        """Count a parsed row; return it if it goes on to the database."""
        res = self.result
        if parsed.skip == "blank":
            res.skipped["blank"] += 1
            return None
        res.rows_read += 1
        if parsed.skip is not None:
            res.skipped[parsed.skip] += 1
            return None
        number = parsed.number.canonical if parsed.number else None
        if parsed.rejection is not None:
            res.rejected += 1
            res.rejections.append(RowNote(parsed.row, parsed.rejection.code, parsed.rejection.params,
                                          parsed.values, number))
            return None
        signature = row_signature(parsed)
        first = self.seen.get(number)
        if first is not None:
            if first[1] == signature:
                res.skipped["duplicate"] += 1
            else:
                res.rejected += 1
                res.rejections.append(RowNote(parsed.row, "DUPLICATE_CONFLICT",
                                              {"number": number, "first_row": first[0]}, parsed.values, number))
            return None
        self.seen[number] = (parsed.row, signature)
        for w in parsed.warnings:
            res.warnings.append(RowNote(parsed.row, w.code, w.params, [], number))
        return parsed

    def process(self, session, chunk: list[ParsedRow], source_id: int | None) -> None:
        res = self.result
        existing = bulk.stored_by_numbers(session, [p.number.canonical for p in chunk])
        new: list[PatentFacts] = []
        updates: list[tuple[int, PatentFacts]] = []
        entries: list[audit.AuditEntry] = []
        for parsed in chunk:
            canonical = parsed.number.canonical
            hit = existing.get(canonical)
            if hit is None:
                facts = _facts_for_new(parsed)
                new.append(facts)
                res.created += 1
                if self.details:
                    res.new_rows.append(RowChange(parsed.row, canonical, facts.title))
                continue
            pid = hit.id
            changes = [FieldChange(name, audit_value(hit.get(name)), audit_value(value))
                       for name, value in parsed.fields.items() if hit.get(name) != value]
            if not changes:
                res.unchanged += 1
                if self.details:
                    res.unchanged_rows.append(RowChange(parsed.row, canonical, hit.get("title")))
                continue
            res.updated += 1
            updates.append((pid, replace(hit.facts(), **parsed.fields)))
            if self.details:
                res.changed_rows.append(RowChange(parsed.row, canonical,
                                                  parsed.fields.get("title", hit.get("title")), changes))
            entries.extend(audit.AuditEntry("patent", pid, canonical, "update", c.field, c.old, c.new)
                           for c in changes)
        if not self.write:
            return
        if new:
            ids = bulk.insert_many(session, new, source_id)
            entries.extend(audit.AuditEntry("patent", ids[f.number.canonical], f.number.canonical, "create",
                                            "", None, f.title) for f in new)
        bulk.update_many(session, updates, source_id)
        if entries:
            audit.append(session, self.ws.user, "import", entries)


def run(ws: Workspace, path: str | Path, *, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
        header_index: int | None = None, dry_run: bool = False, details: bool = False,
        progress: ProgressFn | None = None, errors_out: str | Path | None = None,
        remember_mapping: bool = False, today: date | None = None, chunk_rows: int = CHUNK_ROWS) -> ImportResult:
    """Import (or with `dry_run`, preview) a spreadsheet. See the module docstring.

    Raises InputError for an unreadable file (nothing written) and InterruptedError when cancelled (rolled back).
    """
    path = Path(path)
    with open_spreadsheet(path) as book:
        layout, rows = open_table(book, sheet, mapping, header_index)
        total = max(getattr(book, "current_height", 0), 1)
        result = ImportResult(path.name, file_sha256(path), layout.sheet, layout.header_row, layout.headers,
                              dict(layout.mapping), dry_run)
        state = _Run(ws, result, details, write=not dry_run)
        context = ws.reading() if dry_run else ws.session()
        with context as session, bulk.bulk_settings(session):
            source_id = None
            if not dry_run:
                source_id = bulk.add_source(session, path.name, result.sha256, layout.sheet, ws.user)
                result.source_id = source_id
            chunk: list[ParsedRow] = []
            last_row = layout.header_row
            for row_number, cells in rows:
                last_row = row_number
                kept = state.classify(parse_row(cells, layout.mapping, row_number, today))
                if kept is not None:
                    chunk.append(kept)
                if len(chunk) >= chunk_rows:
                    state.process(session, chunk, source_id)
                    chunk = []
                    if progress is not None and not progress(row_number, total):
                        raise InterruptedError("IMPORT_CANCELLED")
            if chunk:
                state.process(session, chunk, source_id)
            if progress is not None and not progress(max(last_row, total), max(last_row, total)):
                raise InterruptedError("IMPORT_CANCELLED")
            if not dry_run:
                bulk.finish_source(session, source_id, rows_read=result.rows_read, created=result.created,
                                   updated=result.updated, unchanged=result.unchanged, rejected=result.rejected)
                if errors_out is not None and result.rejections:
                    write_rejections(result, errors_out)
                    result.errors_file = str(errors_out)
        if dry_run and errors_out is not None and result.rejections:
            write_rejections(result, errors_out)
            result.errors_file = str(errors_out)
    if remember_mapping and not dry_run and layout.mapping != layout.detected:
        remembered_mappings.remember(layout.signature, layout.mapping)
    return result


def check_file(path: str | Path) -> None:
    """Refuse an unreadable file (InputError) before anything else is opened — the CLI calls it before it opens
    or creates the database, so a bad file leaves no trace at all."""
    with open_spreadsheet(Path(path)):
        pass


def write_rejections(result: ImportResult, target: str | Path, lang: str = "zh") -> Path:
    """The rejected rows as an .xlsx: the original header, the original cells (as text, so that numbers keep
    every digit), then the sheet row, the code and the reason. Fix the cells and import this file again."""
    import xlsxwriter

    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise InputError("BAD_ARGUMENT", reason="--errors-out must name an .xlsx file")
    width = max([len(result.headers), *(len(r.values) for r in result.rejections)])
    headers = list(result.headers) + [""] * (width - len(result.headers))
    extra = ["原行号 / Row", "错误代码 / Code", "原因 / Reason"]
    with atomic_path(target, suffix=".xlsx") as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_numbers": False,
                                              "strings_to_urls": False})
        try:
            sheet = book.add_worksheet("rejected")
            bold = book.add_format({"bold": True})
            for col, text in enumerate([*headers, *extra]):
                sheet.write_string(0, col, text, bold)
            for i, note in enumerate(result.rejections, start=1):
                cells = [cell_text(v) for v in note.values] + [""] * (width - len(note.values))
                for col, text in enumerate(cells):
                    if text:
                        sheet.write_string(i, col, text)
                sheet.write_number(i, width, note.row)
                sheet.write_string(i, width + 1, note.code)
                sheet.write_string(i, width + 2, note.message(lang))
            sheet.freeze_panes(1, 0)
        finally:
            book.close()
    return target


def history(ws: Workspace, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports (file, SHA-256, counts, who, when), newest first."""
    with ws.reading() as session:
        return bulk.history(session, limit)


# The fields a column can be mapped to in the wizard, with their labels (zh, en). "" = ignore the column.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "": ("（不导入）", "(ignore)"),
    "number": ("申请号", "Application No."),
    "patent_number": ("专利号", "Patent No."),
    "title": ("专利名称", "Title"),
    "patent_type": ("专利类型", "Type"),
    "filing_date": ("申请日", "Filing date"),
    "grant_date": ("授权公告日", "Grant date"),
    "status": ("法律状态", "Legal status"),
    "patentees": ("专利权人", "Patentees"),
    "inventors": ("发明人", "Inventors"),
    "fees_paid_until": ("年费缴至", "Fees paid until"),
    "ipc": ("主分类号", "IPC"),
    "department": ("院系", "Department"),
    "contact_person": ("联系人", "Contact person"),
    "contact_phone": ("联系电话", "Contact phone"),
    "contact_email": ("电子邮箱", "Contact e-mail"),
    "description": ("简介", "Description"),
    "industry": ("行业", "Industry"),
    "publication_number": ("公开号（不导入）", "Publication No. (not imported)"),
    "expiry_date": ("有效期至（自动计算）", "Expiry (computed)"),
    "seq": ("序号（不导入）", "Row No. (ignored)"),
    "remarks": ("备注（不导入）", "Remarks (ignored)"),
}


@dataclass
class SheetPreview:
    """One sheet as the wizard shows it: the first rows as text and the layout found (None: no header)."""

    name: str
    rows: list[list[str]]
    total_rows: int
    layout: Layout | None


def inspect_file(path: str | Path, rows: int = 30) -> list[SheetPreview]:
    """Every sheet's first rows and detected (or remembered) layout. Raises InputError for unreadable files."""
    from openlic_desktop.intake.table import layout_from_head, peek

    path = Path(path)
    out: list[SheetPreview] = []
    with open_spreadsheet(path) as book:
        for info in book.sheets():
            head = peek(book, info.name, max(rows, 30))
            layout = layout_from_head(info.name, head, None, None, True)
            out.append(SheetPreview(info.name, [[cell_text(c) for c in r] for r in head[:rows]],
                                    book.current_height or info.rows, layout))
    return out


def remember_mapping(headers: list[str], mapping: Mapping[int, str]) -> None:
    """Remember a corrected mapping for files with these headers (the wizard calls it when the user corrects)."""
    from openlic_desktop.intake.headers import headers_signature

    remembered_mappings.remember(headers_signature(headers), {int(c): f for c, f in mapping.items() if f})


def layout_for(path: str | Path, sheet: str, header_index: int) -> Layout:
    """The layout when the user says which row is the header (detection and memory applied to that row)."""
    from openlic_desktop.intake.headers import map_header_row
    from openlic_desktop.intake.table import peek

    with open_spreadsheet(Path(path)) as book:
        head = peek(book, sheet, header_index + 1)
    if header_index >= len(head):
        raise InputError("HEADER_NOT_FOUND", sheet=sheet)
    headers = [cell_text(c) for c in head[header_index]]
    detected = map_header_row(head[header_index])
    layout = Layout(sheet, header_index, headers, dict(detected), dict(detected))
    recalled = remembered_mappings.recall(layout.signature)
    if recalled:
        layout.mapping, layout.remembered = recalled, True
    return layout
