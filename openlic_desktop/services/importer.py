"""Importing the portfolio from a spreadsheet: preview and import, in one transaction.

    result = importer.run(ws, path, sheet=None, mapping=None, dry_run=False, details=False, progress=None,
                          errors_out=None)

* Reads the file as a stream (intake), normalises each row, and processes rows in chunks: for each chunk the
  existing patents are fetched by canonical number (one query per 900 numbers), compared field by field, and
  written with DB-API executemany (`storage.import_bulk.insert_rows` / `update_many`). Memory therefore grows
  with the chunk, not the file. The numbers already seen (to catch duplicates anywhere in the file, ~0.25 KB a
  row) stay in memory up to SEEN_IN_MEMORY; beyond that they spill to a temporary table on the import's own
  connection (`storage.import_bulk.SeenSpill`, SQLite and PostgreSQL; other dialects keep them all in memory)
  and each block of SEEN_BLOCK rows is then looked up there in one batch — same results, bounded memory. Not
  bounded: when `details=True` (the GUI preview), the lists shown; and the stored row digests of the table
  (one per patent that has one, loaded to recognise unchanged rows).
* Row digests (SQLite): each patent keeps a keyed digest of the cells it last came from and which facts they
  stated. A row whose cell digest is stored is unchanged without being normalised at all (a re-import of 50,000
  rows then costs little more than reading the file); the stated-facts mask lets a later duplicate of it be judged
  exactly as if both rows had been parsed. Any other change of a patent's facts clears its digest (trigger,
  migration 0007); rows with warnings get none, so their warnings are reported on every import.
* A load that is large for the table drops the secondary indexes of `patents` and builds them once before the
  commit (`storage.import_bulk.IndexPause`); the cyclic garbage collector is paused meanwhile.
* Upsert by canonical application number; a row only changes the facts it states (blank cells never erase).
  Re-importing the same file changes nothing and says so (`unchanged`).
* Every change goes to the audit trail with source "import": one "create" record per chunk naming the numbers
  it created (each patent's history shows it), one "update" record per changed field (old → new). The run is
  recorded in `import_sources` (file, SHA-256, counts, who).
* One transaction: any error, or `progress(done, total)` returning False (cancel), rolls everything back
  (`InterruptedError` is raised on cancel). `dry_run` writes nothing at all (it reads in a read-only session).
* `errors_out`: an .xlsx of the rejected rows with their original cells, the row number and the reason, written
  atomically before the commit (a failure there rolls the import back).

Thread rule: a job may run on the GUI's worker thread; it opens its own session and returns plain values.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any, Self

from openlic_desktop import __version__
from openlic_desktop.intake import columnar
from openlic_desktop.intake import mappings as remembered_mappings
from openlic_desktop.intake.headers import HEADER_SEARCH_ROWS
from openlic_desktop.intake.readers import open_spreadsheet, reader_error
from openlic_desktop.intake.records import (
    IMPORTED_FIELDS,
    Issue,
    ParsedRow,
    RowParser,
    cell_text,
    row_signature,
)
from openlic_desktop.intake.table import Layout, layout_from_head, open_table
from openlic_desktop.services.portfolio import audit_value
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit, import_stage
from openlic_desktop.storage import import_bulk as bulk
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.files import atomic_path
from openlic_desktop.support.gc_pause import collector_paused

ProgressFn = Callable[[int, int], bool]
CHUNK_ROWS = 2000
# Numbers seen (to catch duplicate rows) kept in memory, ~0.25 KB each; beyond that they spill to a temporary
# table (storage.import_bulk.SeenSpill) on SQLite and PostgreSQL. Once spilled, rows are read in blocks of
# SEEN_BLOCK and each block's numbers are looked up there in one batch.
SEEN_IN_MEMORY = 100_000
SEEN_BLOCK = 2000


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


def _rules_fingerprint() -> bytes:
    """What turns cells into facts: this release, and the source of the normalisers where it can be read (a
    source install). A new release — or, in development, any edit of a normaliser — therefore makes every stored
    digest miss once: the next import parses every row again and stamps new digests."""
    from openlic_desktop.domain import identifiers, parsing, status
    from openlic_desktop.intake import headers, records

    parts = [f"openlic-import-rows-1/{__version__}".encode()]
    for module in (records, parsing, identifiers, status, headers):
        with contextlib.suppress(OSError, TypeError):  # frozen build: no source files, the release decides
            parts.append(Path(module.__file__ or "").read_bytes())
    return hashlib.blake2b(b"\0".join(parts), digest_size=32).digest()


RULES = _rules_fingerprint()


def digest_key(mapping: Mapping[int, str]) -> bytes:
    """The key of this import's row digests: the column mapping and the rules (see RULES). A row digest
    therefore says 'these cells, read with this mapping by these rules'."""
    text = repr(sorted((int(col), fld) for col, fld in mapping.items())).encode()
    return hashlib.blake2b(RULES + text, digest_size=32).digest()


# a row's digest from its sheet row number and cells (None: the row gets no digest)
DigestFn = Callable[[int, list[Any]], str | None]


def row_digest(cells: list[Any], key: bytes) -> str:
    """A keyed 128-bit digest of a row's cells exactly as the reader gave them (3 µs per row)."""
    return hashlib.blake2b(repr(cells).encode(), digest_size=16, key=key).hexdigest()


_FIELD_BITS = {name: 1 << i for i, name in enumerate(IMPORTED_FIELDS)}
_MASKS: dict[tuple[str, ...], int | None] = {}


def stated_mask(fields: Mapping[str, Any]) -> int | None:
    """Which facts a row states, as a bit mask over IMPORTED_FIELDS (None if it states anything else). Stored with
    the row digest: a later duplicate of a row recognised by digest is judged against the stored values of exactly
    the facts that row stated — which are its own values, since the digest proves nothing changed since."""
    names = tuple(fields)
    try:
        return _MASKS[names]
    except KeyError:
        mask = None if any(n not in _FIELD_BITS for n in names) else sum(_FIELD_BITS[n] for n in names)
        if len(_MASKS) < 4096:  # one entry per shape of row: a handful per file
            _MASKS[names] = mask
        return mask


def stated_fields(stored: bulk.StoredFacts, mask: int) -> dict[str, Any]:
    """The facts a row recognised by digest stated, from the stored patent (see stated_mask)."""
    return {name: stored.get(name) for name, bit in _FIELD_BITS.items() if mask & bit}


class _Run:
    """The state of one import run (counts, duplicates seen, details) and the chunk processor."""

    def __init__(self, ws: Workspace, result: ImportResult, details: bool, write: bool,
                 session, source_id: int | None, file_name: str, today: date) -> None:
        self.ws, self.result, self.details, self.write = ws, result, details, write
        self.session, self.source_id, self.file_name = session, source_id, file_name
        # canonical → (first row, signature) or, for a row recognised by digest (not parsed), (first row, None, mask):
        # at most SEEN_IN_MEMORY of them; the others are in `spill` (see make_room)
        self.seen: dict[str, tuple[Any, ...]] = {}
        self.spill: bulk.SeenSpill | None = None
        self.can_spill = bulk.SeenSpill.supported(session)
        self.spilled: dict[str, tuple[Any, ...]] = {}  # this block's numbers found in the spill (look_ahead)
        self.asked: set[str] = set()  # this block's numbers looked up there
        # row repeating a number first seen on a digest row → (that row's mask, that row)
        self.recheck: dict[int, tuple[int, int]] = {}
        self.fast_rows: list[tuple[int, str]] = []  # details only: (row, number) found unchanged by digest
        # digests are kept where a trigger clears them on any other change of the facts (SQLite, migration 0007)
        self.use_digests = bulk.supports_digests(session)
        # digests stamped by an import that judged dates against a later day than this one are not trusted: a row
        # accepted then may have a date after today (DATE_IMPOSSIBLE now) — every row is parsed instead
        self.known = bulk.stored_digests(session) if self.use_digests and bulk.digests_hold_on(session, today) \
            else {}
        self.table_was_empty = bulk.count_patents(session) == 0
        self.existing = 0 if self.table_was_empty else bulk.count_patents(session)
        self.indexes = bulk.IndexPause(session)
        self.writes_done = 0  # rows created or updated so far (the index pause's estimate)
        # writes not made at the rate of the sheet rows read: the columnar lane's, made for the whole sheet before
        # its other rows go through process() (the estimate's rate leaves them out)
        self.writes_ahead = 0

    def unchanged_by_digest(self, row: int, digest: str | None) -> bool:
        """True (and counted) when the row's digest is the one stored on its patent: same cells, same mapping,
        same rules, no other change since — so it would parse to exactly the stored facts."""
        found = self.known.get(digest) if digest is not None else None
        if found is None:
            return False
        number, mask = found
        if number in self.seen or (self.spill is not None and self._spilled(number) is not None):
            return False  # a repeat of a number already seen: parsed and judged as usual
        res = self.result
        res.rows_read += 1
        res.unchanged += 1
        self.seen[number] = (row, None, mask)
        if self.details:
            self.fast_rows.append((row, number))
        return True

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
        first = self.seen.get(number)
        if first is None and self.spill is not None:
            first = self._spilled(number)
        if first is not None and first[1] is None:
            # the first row was recognised by digest, not parsed: judged in process() against the stored values
            self.recheck[parsed.row] = (first[2], first[0])
            return parsed
        signature = row_signature(parsed)
        if first is not None:
            if first[1] == signature:
                res.skipped["duplicate"] += 1
            else:
                self._conflict(parsed, number, first[0])
            return None
        self.seen[number] = (parsed.row, signature)
        for w in parsed.warnings:
            res.warnings.append(RowNote(parsed.row, w.code, w.params, [], number))
        return parsed

    def make_room(self, rows: int) -> None:
        """Before `rows` more rows are read: if the numbers seen might then not fit in SEEN_IN_MEMORY, move them
        all to the spill table (made on first need). Spills happen only between blocks, so the spill stays the
        same while a block is judged and look_ahead's batched answers hold for the whole block."""
        if len(self.seen) + rows <= SEEN_IN_MEMORY or not self.seen or not self.can_spill:
            return
        if self.spill is None:
            self.spill = bulk.SeenSpill(self.session)
        self.spill.add(self.seen.items())
        self.seen.clear()
        self.spilled, self.asked = {}, set()

    def look_ahead(self, block: list[tuple[int, list[Any]]], parser: RowParser,
                   digest_of: DigestFn) -> list[tuple[str | None, ParsedRow | None]]:
        """Once numbers have spilled: each row's digest and, unless the digest is known, its parse (the order of
        parsing does not matter: a parse depends on the cells alone); then one batched lookup of the block's
        numbers that are not in memory. A row known by digest is parsed later, only if its number was seen."""
        ahead: list[tuple[str | None, ParsedRow | None]] = []
        numbers: set[str] = set()
        known, seen = self.known, self.seen
        for row_number, cells in block:
            digest = digest_of(row_number, cells)
            found = known.get(digest)
            if found is not None:
                ahead.append((digest, None))
                number = found[0]
            else:
                parsed = parser.parse(cells, row_number)
                ahead.append((digest, parsed))
                if not parsed.ok or parsed.number is None:
                    continue
                number = parsed.number.canonical
            if number not in seen:
                numbers.add(number)
        assert self.spill is not None
        self.spilled, self.asked = self.spill.lookup(numbers), numbers
        return ahead

    def _spilled(self, number: str | None) -> tuple[Any, ...] | None:
        """The entry of a number in the spill: from this block's batched lookup, or — for a number look_ahead
        could not foresee (none is expected; kept so that the answer is always exact) — by a query of its own."""
        first = self.spilled.get(number)  # type: ignore[arg-type]
        if first is None and number is not None and number not in self.asked:
            assert self.spill is not None
            first = self.spill.lookup([number]).get(number)
        return first

    def stamp(self, parsed: ParsedRow, digest: str | None) -> tuple[str | None, int | None]:
        """(row digest, stated-fields mask) to store for a parsed row: none for rows with warnings (parsed again
        every time, so that the warnings are reported again) and none where digests are not used."""
        mask = stated_mask(parsed.fields) if self.use_digests and not parsed.warnings and digest else None
        return (digest, mask) if mask is not None else (None, None)

    def _conflict(self, parsed: ParsedRow, number: str, first_row: int) -> None:
        self.result.rejected += 1
        self.result.rejections.append(RowNote(parsed.row, "DUPLICATE_CONFLICT",
                                              {"number": number, "first_row": first_row}, parsed.values, number))

    def process(self, chunk: list[tuple[ParsedRow, str | None]], rows_left: int, rows_done: int) -> None:
        """Compare, count and write one chunk of parsed rows. `rows_done`/`rows_left`: sheet rows read so far (rows
        recognised by digest and skipped ones included) and still to come (0 when the sheet does not say)."""
        res, session = self.result, self.session
        numbers = [p.number.canonical for p, _ in chunk]
        existing = {} if self.table_was_empty else bulk.stored_by_numbers(session, numbers)
        new: list[bulk.NewRow] = []
        updates: list[bulk.Update] = []
        stamps: list[bulk.Stamp] = []  # unchanged rows whose stored digest is missing or different
        entries: list[audit.AuditEntry] = []
        for parsed, cells_digest in chunk:
            canonical = parsed.number.canonical
            hit = existing.get(canonical)
            again = self.recheck.pop(parsed.row, None)
            if again is not None:
                mask, first_row = again
                first = ParsedRow(0, [], fields=stated_fields(hit, mask)) if hit else None
                if first is not None and row_signature(first) == row_signature(parsed):
                    res.skipped["duplicate"] += 1
                else:
                    self._conflict(parsed, canonical, first_row)
                continue
            digest, signature = self.stamp(parsed, cells_digest)
            if hit is None:
                new.append((parsed.number, parsed.fields, digest, signature))
                res.created += 1
                if self.details:
                    res.new_rows.append(RowChange(parsed.row, canonical, parsed.fields.get("title", "")))
                continue
            changes = [FieldChange(name, audit_value(hit.get(name)), audit_value(value))
                       for name, value in parsed.fields.items() if hit.get(name) != value]
            if not changes:
                res.unchanged += 1
                if digest != hit.digest:
                    stamps.append((hit.id, digest, signature))
                if self.details:
                    res.unchanged_rows.append(RowChange(parsed.row, canonical, hit.get("title")))
                continue
            res.updated += 1
            updates.append((hit.id, replace(hit.facts(), **parsed.fields), digest, signature))
            if self.details:
                res.changed_rows.append(RowChange(parsed.row, canonical,
                                                  parsed.fields.get("title", hit.get("title")), changes))
            entries.extend(audit.AuditEntry("patent", hit.id, canonical, "update", c.field, c.old, c.new)
                           for c in changes)
        if self.write:
            self.writes_done += len(new) + len(updates)
            # the rows this import will write: those written so far, and the rest of the sheet at the rate of the
            # sheet rows read so far (rows known by digest never reach a chunk: a rate per chunk row took a
            # re-import changing one row in ten for one rewriting them all). Asked again at each chunk, so a
            # load whose changes come late, or a sheet that does not say its height, still gets the pause.
            rate = self.writes_done - self.writes_ahead
            expected = self.writes_done + rate * max(rows_left, 0) // max(rows_done, 1)
            self._write(new, updates, stamps, entries, expected)

    def _write(self, new: list[bulk.NewRow], updates: list[bulk.Update], stamps: list[bulk.Stamp],
               entries: list[audit.AuditEntry], expected_writes: int) -> None:
        """One chunk's writes. (Measured: handing them to a writer thread while this one normalises the next
        chunk made the import slower, 3.44 s against 3.15 s for 50,000 rows — the GIL, not SQLite, is the limit.)"""
        session = self.session
        if new or updates:
            # a load that is large for the table: drop the secondary indexes now and build them once at the end
            self.indexes.pause_if_worth_it(expected_writes, self.existing)
        if new:
            bulk.insert_rows(session, new, self.source_id)
            # creations are audited per chunk: one record naming every number this import created
            entries.append(audit.AuditEntry("import", self.source_id, self.file_name, "create", "patents", None,
                                            json.dumps([row[0].canonical for row in new])))
        bulk.update_many(session, updates, self.source_id)
        bulk.stamp_digests(session, stamps)
        if entries:
            audit.append(session, self.ws.user, "import", entries)

    def finish(self) -> None:
        """Rebuild paused indexes, drop the spill table, and (details) the titles of rows found unchanged by
        digest."""
        self.indexes.resume()
        if self.spill is not None:
            self.spill.drop()
            self.spill = None
        if self.fast_rows:
            titles = bulk.titles_by_numbers(self.session, [n for _, n in self.fast_rows])
            self.result.unchanged_rows.extend(RowChange(r, n, titles.get(n, "")) for r, n in self.fast_rows)
            self.result.unchanged_rows.sort(key=lambda c: c.row)


def _read_rows(state: _Run, rows, parser: RowParser, digest_of: DigestFn, total: int, chunk_rows: int,
               progress: ProgressFn | None, last_row: int, only: list[int] | None = None) -> int:
    """Every data row: recognised by digest, or normalised, classified and processed in chunks. Returns the
    last sheet row read. Raises InterruptedError when `progress` says stop. `only`: the sheet rows `rows` holds,
    in order, when it holds some rows only (the columnar lane's others): the index pause's estimate then counts
    these rows, not the sheet's.

    Rows are read in blocks: before each, `make_room` may spill the numbers seen to the database; once it has,
    each block is read ahead (`look_ahead`: digests, parses, one batched lookup of its numbers) and then judged
    row by row exactly as before. Until then rows go straight from the reader, as they always did."""
    chunk: list[tuple[ParsedRow, str | None]] = []
    rows = iter(rows)
    start = last_row  # the header row: sheet rows read so far are counted from it

    def left_and_done(row_number: int) -> tuple[int, int]:
        if only is None:
            return total - row_number, row_number - start
        done = bisect.bisect_right(only, row_number)
        return len(only) - done, done

    size = max(1, min(SEEN_BLOCK, SEEN_IN_MEMORY))
    while True:
        head = list(islice(rows, 1))  # no spill for a block that would be empty (a file ending on a boundary)
        if not head:
            break
        state.make_room(size)
        ahead: list[tuple[str | None, ParsedRow | None]] | None = None
        if state.spill is None:
            block: Iterable[tuple[int, list[Any]]] = chain(head, islice(rows, size - 1))
        else:
            block = [*head, *islice(rows, size - 1)]
            ahead = state.look_ahead(block, parser, digest_of)
        read = 0
        for row_number, cells in block:
            if ahead is None:
                digest, parsed = digest_of(row_number, cells), None
            else:
                digest, parsed = ahead[read]
            read += 1
            last_row = row_number
            if state.unchanged_by_digest(row_number, digest):
                continue
            kept = state.classify(parser.parse(cells, row_number) if parsed is None else parsed)
            if kept is not None:
                chunk.append((kept, digest))
            if len(chunk) >= chunk_rows:
                state.process(chunk, *left_and_done(row_number))
                chunk = []
                # the collector is paused for the run; a young-generation pass per chunk frees what a reader
                # leaves in reference cycles (openpyxl's streamed rows do) at ~1 ms, so memory stays flat
                gc.collect(0)
                if progress is not None and not progress(row_number, total):
                    raise InterruptedError("IMPORT_CANCELLED")
            elif progress is not None and row_number % 5000 == 0 and not progress(row_number, total):
                raise InterruptedError("IMPORT_CANCELLED")
        if read < size:
            break
    if chunk:
        state.process(chunk, 0, left_and_done(last_row)[1])
    return last_row


class PreparedImport:
    """A spreadsheet opened and its table found. Everything that can refuse a file (unreadable, no sheet, no
    header, a mapping without the number) happens when it is made — before any database is opened or created.
    Use as a context manager; `run` once."""

    def __init__(self, path: str | Path, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
                 header_index: int | None = None) -> None:
        self.path = Path(path)
        self.used = False
        self.book = open_spreadsheet(self.path)
        self.frame: Any = None  # the sheet as text (columnar lane), or None: python-calamine's rows
        self.rows: Any = None
        try:
            found = self._lane_table(sheet, mapping, header_index)
            if found is not None:
                self.layout, self.frame = found
            else:
                self.layout, self.rows = open_table(self.book, sheet, mapping, header_index)
        except BaseException:
            self.book.close()
            raise

    def _lane_table(self, sheet: str | None, mapping: Mapping[int, str] | None,
                    header_index: int | None) -> tuple[Layout, Any] | None:
        """The layout and the sheet read as text, for the columnar lane; None where the lane does not apply or
        cannot read the file (python-calamine then reads it, and refuses it properly if it must)."""
        if not getattr(self.book, "lane_ok", False) or not columnar.usable(self.path):
            return None
        names = self.book.sheet_names()
        if sheet is not None and sheet not in names:
            return None
        for name in [sheet] if sheet is not None else names:
            try:
                frame = columnar.read_sheet(self.path, name)
            except BaseException as exc:  # fastexcel refused it (or panicked): python-calamine decides
                if not reader_error(exc):
                    raise
                return None
            head = columnar.head_rows(frame, max(HEADER_SEARCH_ROWS, (header_index or 0) + 1))
            layout = layout_from_head(name, head, mapping, header_index, True)
            if layout is not None:
                # the lane reads the mapped columns of a plain header in a sheet without durations (see columnar)
                if not RowParser(layout.mapping).fast or max(layout.mapping) >= frame.width or \
                        not columnar.header_is_plain(frame, layout.header_index) or \
                        columnar.may_hold_durations(self.path):
                    return None
                return layout, frame
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.book.close()

    def _calamine_rows(self) -> Any:
        """The data rows as python-calamine gives them (read now if the lane read the sheet)."""
        if self.rows is None:
            layout = self.layout
            _layout, self.rows = open_table(self.book, layout.sheet, layout.mapping, layout.header_index)
        return self.rows

    def _rows_of(self, rows: list[int], typed: set[int]) -> Iterator[tuple[int, list[Any]]]:
        """(sheet row, cells) of these rows (ascending), as python-calamine gives them: from the lane's texts where
        a row holds text cells only (columnar.text_rows), else — and always for the rows in `typed` — from
        python-calamine, which then reads the sheet (once: it stays loaded). In blocks: memory stays flat."""
        calamine: Iterator[tuple[int, list[Any]]] | None = None
        for start in range(0, len(rows), _ROWS_OF_BLOCK):
            block = rows[start:start + _ROWS_OF_BLOCK]
            texts = columnar.text_rows(self.frame, [row for row in block if row not in typed])
            for row in block:
                cells = texts.get(row)
                if cells is not None:
                    yield row, cells
                    continue
                if calamine is None:
                    self.rows = None
                    calamine = iter(self._calamine_rows())
                for found, read in calamine:
                    if found == row:
                        yield row, read
                        break
                else:  # the readers disagree on the sheet's rows: stop (the import rolls back) rather than guess
                    raise RuntimeError(f"sheet row {row} not found by python-calamine")

    def _run_lane(self, state: _Run, parser: RowParser, key: bytes, total: int, chunk_rows: int,
                  progress: ProgressFn | None) -> int:
        """The columnar lane (intake.columnar): its plain rows in bulk, then the others row by row. Returns the
        last sheet row."""
        layout, session, res = self.layout, state.session, state.result
        first = layout.header_index + 1
        is_new: Callable[[Any], Any] | None = None  # None: the portfolio was empty, every number is new
        if not state.table_was_empty:
            import polars as pl

            stored = pl.Series(bulk.all_numbers(session), dtype=pl.String).implode()

            def missing(numbers: Any) -> Any:
                return ~numbers.is_in(stored)

            is_new = missing

        numbered = columnar.numbers(self.frame, layout.mapping, first)
        unread = [first + 1 + i for i in numbered["unread"].arg_true().to_list()]
        # Rows the lane reads no number in, yet not blank: a cell fastexcel cannot render shows as blank, so their
        # numbers are python-calamine's (read first, before any row is taken; judged on its cells later)
        if unread:
            found = set()
            for _row, cells in self._rows_of(unread, set(unread)):
                number = parser.number_of(cells)
                if number is not None:
                    found.add(number.canonical)
            numbered = columnar.also_repeated(numbered, found)
        rest: list[int] = []
        digests: dict[int, str | None] = {}
        with import_stage.Stage(session) as stage:
            for plan in columnar.plans(self.frame, layout.mapping, first, parser.today, key, state.known, is_new,
                                       numbered=numbered):
                self._lane_chunk(state, stage, plan, chunk_rows, total - plan.last_row, plan.last_row - first + 1)
                rest += plan.rest
                digests.update(plan.digests)
                # progress counts the sheet rows done: those planned, less the rest rows still to go the row path
                # (they follow; reported as sheet rows, progress would go back to the first of them)
                if progress is not None and not progress(plan.last_row - len(rest), total):
                    raise InterruptedError("IMPORT_CANCELLED")
        last_row = self.frame.height  # the frame holds the sheet from its first row
        state.writes_ahead = state.writes_done
        if rest:
            def digest_of(row: int, _cells: list[Any]) -> str | None:
                return digests.get(row)

            rows = self._rows_of(rest, set(unread))
            rest_progress = progress
            if progress is not None:
                def rest_progress(done: int, total: int, report: ProgressFn = progress) -> bool:
                    return report(total - len(rest) + bisect.bisect_right(rest, done), total)

            _read_rows(state, rows, parser, digest_of, total, chunk_rows, rest_progress, layout.header_row, rest)
        if state.details:
            res.new_rows.sort(key=lambda c: c.row)
            res.changed_rows.sort(key=lambda c: c.row)
        return last_row

    @staticmethod
    def _lane_chunk(state: _Run, stage: import_stage.Stage, plan: columnar.Plan, chunk_rows: int, rows_left: int,
                    rows_done: int) -> None:
        """Count and write one chunk of the lane's rows (its rest goes the row path later). `rows_left`,
        `rows_done`: sheet rows after and up to this chunk (the index pause's estimate, as in _Run.process)."""
        res = state.result
        res.skipped["blank"] += plan.blank
        # Lane rows have numbers found once in the whole sheet: no row of the row path repeats them, so they are
        # not entered in the numbers seen.
        res.rows_read += len(plan.known)
        res.unchanged += len(plan.known)
        if state.details:
            state.fast_rows.extend((row, number) for row, number, _mask in plan.known)
        created = len(plan.rows)
        if not created:
            return
        numbers = plan.insert["application_number"].to_list()
        res.rows_read += created
        res.created += created
        if state.write:
            state.writes_done += created
            expected = state.writes_done + state.writes_done * max(rows_left, 0) // max(rows_done, 1)
            state.indexes.pause_if_worth_it(expected, state.existing)
            stage.insert(plan.insert, state.source_id)
            audit.append(state.session, state.ws.user, "import", [
                audit.AuditEntry("import", state.source_id, state.file_name, "create", "patents", None,
                                 json.dumps(numbers[i:i + chunk_rows]))
                for i in range(0, created, chunk_rows)])
        if state.details:
            titles = plan.insert["title"].to_list()
            res.new_rows.extend(RowChange(r, n, t) for r, n, t in zip(plan.rows, numbers, titles, strict=True))

    def run(self, ws: Workspace, *, dry_run: bool = False, details: bool = False,
            progress: ProgressFn | None = None, errors_out: str | Path | None = None,
            remember_mapping: bool = False, today: date | None = None,
            chunk_rows: int = CHUNK_ROWS) -> ImportResult:
        """Import (or with `dry_run`, preview) the table. See the module docstring.

        Raises InterruptedError when cancelled (everything rolled back)."""
        if self.used:
            raise RuntimeError("a PreparedImport runs once: its rows have been read")
        self.used = True
        path, layout = self.path, self.layout
        # 0: the sheet does not say (progress is then busy)
        total = self.frame.height if self.frame is not None else getattr(self.book, "current_height", 0)
        result = ImportResult(path.name, file_sha256(path), layout.sheet, layout.header_row, layout.headers,
                              dict(layout.mapping), dry_run)
        parser = RowParser(layout.mapping, today)
        key = digest_key(layout.mapping)
        context = ws.reading() if dry_run else ws.session()
        with collector_paused(), context as session, bulk.bulk_settings(session):
            source_id = None
            if not dry_run:
                source_id = bulk.add_source(session, path.name, result.sha256, layout.sheet, ws.user,
                                            parsed_on=parser.today)
                result.source_id = source_id
                # this transaction holds the write lock now: the records from here on are this import's (undo)
                audit_from = audit.last_id(session) + 1
            state = _Run(ws, result, details, not dry_run, session, source_id, path.name, parser.today)
            if self.frame is not None and state.use_digests:
                last_row = self._run_lane(state, parser, key, total, chunk_rows, progress)
            else:
                def digest_of(_row: int, cells: list[Any]) -> str | None:
                    return row_digest(cells, key)

                last_row = _read_rows(state, self._calamine_rows(), parser, digest_of, total, chunk_rows, progress,
                                      layout.header_row)
            self.frame = None
            state.finish()
            # in sheet order (a duplicate first seen on a row known by its digest is judged when its chunk is
            # written, after later rows; the columnar lane's other rows come after its chunks)
            result.rejections.sort(key=lambda note: note.row)
            result.warnings.sort(key=lambda note: note.row)
            if progress is not None and not progress(max(last_row, total), max(last_row, total)):
                raise InterruptedError("IMPORT_CANCELLED")
            if not dry_run:
                bulk.finish_source(session, source_id, rows_read=result.rows_read, created=result.created,
                                   updated=result.updated, unchanged=result.unchanged, rejected=result.rejected,
                                   audit_from=audit_from, audit_to=audit.last_id(session))
                if errors_out is not None and result.rejections:
                    write_rejections(result, errors_out)
                    result.errors_file = str(errors_out)
        if dry_run and errors_out is not None and result.rejections:
            write_rejections(result, errors_out)
            result.errors_file = str(errors_out)
        if remember_mapping and not dry_run and layout.mapping != layout.detected:
            remembered_mappings.remember(layout.signature, layout.mapping)
        return result


_ROWS_OF_BLOCK = 2000  # rows whose cells PreparedImport._rows_of picks from the lane's texts at a time


def prepare(path: str | Path, *, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
            header_index: int | None = None) -> PreparedImport:
    """Open a spreadsheet and find its table, or raise InputError (nothing anywhere is touched)."""
    return PreparedImport(path, sheet, mapping, header_index)


def run(ws: Workspace, path: str | Path, *, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
        header_index: int | None = None, **options: Any) -> ImportResult:
    """Import (or preview) a spreadsheet in one call: `prepare(...)` then `PreparedImport.run(ws, **options)`.

    Raises InputError for an unreadable file (nothing written) and InterruptedError when cancelled (rolled back).
    """
    with prepare(path, sheet=sheet, mapping=mapping, header_index=header_index) as job:
        return job.run(ws, **options)


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
