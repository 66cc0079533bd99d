"""An import job: the stages run in chunks inside one transaction, with progress and cancel.

    with prepare(path, sheet=None, mapping=None, header_index=None) as job:   # read: refuses a bad file first
        result = job.run(ws, dry_run=False, details=False, progress=None, errors_out=None)

* Reads the file as a stream (intake), then block by block: each row is recognised unchanged by its digest or
  normalised and classified (judge.py); every CHUNK_ROWS kept rows are compared with the stored patents and
  written (write.py). Memory therefore grows with the chunk, not the file — not bounded: with `details=True`
  (the GUI preview) the lists shown, and the stored row digests of the table (one per patent that has one).
* Upsert by canonical application number; a row only changes the facts it states (blank cells never erase).
  Re-importing the same file changes nothing and says so (`unchanged`).
* One transaction: any error, or `progress(done, total)` returning False (cancel), rolls everything back
  (`InterruptedError` is raised on cancel). `dry_run` writes nothing at all (it reads in a read-only session).
  The cyclic garbage collector is paused meanwhile (support.gc_pause).
* `errors_out`: an .xlsx of the rejected rows with their original cells, the row number and the reason, written
  atomically before the commit (a failure there rolls the import back). Never the file imported; an existing
  file only with `overwrite_errors_out` (rejected.check_target, asked before anything is read).

Thread rule: a job may run on the GUI's worker thread; it opens its own session and returns plain values.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any, Self

from openlic_desktop.intake import columnar
from openlic_desktop.intake import mappings as remembered_mappings
from openlic_desktop.intake.headers import HEADER_SEARCH_ROWS
from openlic_desktop.intake.readers import open_spreadsheet, reader_error
from openlic_desktop.intake.records import ParsedRow, RowParser
from openlic_desktop.intake.table import Layout, layout_from_head, open_table
from openlic_desktop.services.importing import judge as judging
from openlic_desktop.services.importing.judge import DigestFn, Judge, digest_key, row_digest
from openlic_desktop.services.importing.rejected import check_target, write_rejections
from openlic_desktop.services.importing.result import ImportResult, RowChange
from openlic_desktop.services.importing.write import Writer, finish_source, start_source
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit, import_stage
from openlic_desktop.storage import import_bulk as bulk
from openlic_desktop.support.gc_pause import collector_paused

ProgressFn = Callable[[int, int], bool]
CHUNK_ROWS = 2000


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Stages:
    """The judge and (unless a dry run) the writer of one run, fed chunk by chunk."""

    def __init__(self, judge: Judge, writer: Writer | None) -> None:
        self.judge, self.writer = judge, writer

    def process(self, chunk: list[tuple[ParsedRow, str | None]], rows_left: int, rows_done: int) -> None:
        verdicts = self.judge.compare(chunk)
        if self.writer is not None:
            self.writer.write(verdicts, rows_left, rows_done)


def _read_rows(stages: _Stages, rows, parser: RowParser, digest_of: DigestFn, total: int, chunk_rows: int,
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

    judge = stages.judge
    size = max(1, min(judging.SEEN_BLOCK, judging.SEEN_IN_MEMORY))
    while True:
        head = list(islice(rows, 1))  # no spill for a block that would be empty (a file ending on a boundary)
        if not head:
            break
        judge.make_room(size)
        ahead: list[tuple[str | None, ParsedRow | None]] | None = None
        if judge.spill is None:
            block: Iterable[tuple[int, list[Any]]] = chain(head, islice(rows, size - 1))
        else:
            block = [*head, *islice(rows, size - 1)]
            ahead = judge.look_ahead(block, parser, digest_of)
        read = 0
        for row_number, cells in block:
            if ahead is None:
                digest, parsed = digest_of(row_number, cells), None
            else:
                digest, parsed = ahead[read]
            read += 1
            last_row = row_number
            if judge.unchanged_by_digest(row_number, digest):
                continue
            kept = judge.classify(parser.parse(cells, row_number) if parsed is None else parsed)
            if kept is not None:
                chunk.append((kept, digest))
            if len(chunk) >= chunk_rows:
                stages.process(chunk, *left_and_done(row_number))
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
        stages.process(chunk, 0, left_and_done(last_row)[1])
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
        holds = getattr(self.book, "holds", None)
        if holds is None or not columnar.usable(self.path):
            return None
        names = self.book.sheet_names()
        if sheet is not None and sheet not in names:
            return None
        for name in [sheet] if sheet is not None else names:
            if not holds(name):  # reads the sheet's used range first: an absurd one is refused here
                return None
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

    def _run_lane(self, stages: _Stages, parser: RowParser, key: bytes, total: int, chunk_rows: int,
                  progress: ProgressFn | None) -> int:
        """The columnar lane (intake.columnar): its plain rows in bulk, then the others row by row. Returns the
        last sheet row."""
        judge = stages.judge
        layout, session, res = self.layout, judge.session, judge.result
        first = layout.header_index + 1
        is_new: Callable[[Any], Any] | None = None  # None: the portfolio was empty, every number is new
        if not judge.table_was_empty:
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
            for plan in columnar.plans(self.frame, layout.mapping, first, parser.today, key, judge.known, is_new,
                                       numbered=numbered):
                self._lane_chunk(stages, stage, plan, chunk_rows, total - plan.last_row, plan.last_row - first + 1)
                rest += plan.rest
                digests.update(plan.digests)
                # progress counts the sheet rows done: those planned, less the rest rows still to go the row path
                # (they follow; reported as sheet rows, progress would go back to the first of them)
                if progress is not None and not progress(plan.last_row - len(rest), total):
                    raise InterruptedError("IMPORT_CANCELLED")
        last_row = self.frame.height  # the frame holds the sheet from its first row
        if stages.writer is not None:
            stages.writer.writes_ahead = stages.writer.writes_done
        if rest:
            def digest_of(row: int, _cells: list[Any]) -> str | None:
                return digests.get(row)

            rows = self._rows_of(rest, set(unread))
            rest_progress = progress
            if progress is not None:
                def rest_progress(done: int, total: int, report: ProgressFn = progress) -> bool:
                    return report(total - len(rest) + bisect.bisect_right(rest, done), total)

            _read_rows(stages, rows, parser, digest_of, total, chunk_rows, rest_progress, layout.header_row, rest)
        if judge.details:
            res.new_rows.sort(key=lambda c: c.row)
            res.changed_rows.sort(key=lambda c: c.row)
        return last_row

    @staticmethod
    def _lane_chunk(stages: _Stages, stage: import_stage.Stage, plan: columnar.Plan, chunk_rows: int, rows_left: int,
                    rows_done: int) -> None:
        """Count and write one chunk of the lane's rows (its rest goes the row path later). `rows_left`,
        `rows_done`: sheet rows after and up to this chunk (the index pause's estimate, as in Writer.write)."""
        judge, writer = stages.judge, stages.writer
        res = judge.result
        res.skipped["blank"] += plan.blank
        # Lane rows have numbers found once in the whole sheet: no row of the row path repeats them, so they are
        # not entered in the numbers seen.
        res.rows_read += len(plan.known)
        res.unchanged += len(plan.known)
        if judge.details:
            judge.fast_rows.extend((row, number) for row, number, _mask in plan.known)
        created = len(plan.rows)
        if not created:
            return
        numbers = plan.insert["application_number"].to_list()
        res.rows_read += created
        res.created += created
        if writer is not None:
            writer.writes_done += created
            expected = writer.writes_done + writer.writes_done * max(rows_left, 0) // max(rows_done, 1)
            writer.indexes.pause_if_worth_it(expected, writer.existing)
            stage.insert(plan.insert, writer.source_id)
            audit.append(writer.session, writer.user, "import", [
                audit.AuditEntry("import", writer.source_id, writer.file_name, "create", "patents", None,
                                 json.dumps(numbers[i:i + chunk_rows]))
                for i in range(0, created, chunk_rows)])
        if judge.details:
            titles = plan.insert["title"].to_list()
            res.new_rows.extend(RowChange(r, n, t) for r, n, t in zip(plan.rows, numbers, titles, strict=True))

    def run(self, ws: Workspace, *, dry_run: bool = False, details: bool = False,
            progress: ProgressFn | None = None, errors_out: str | Path | None = None,
            overwrite_errors_out: bool = False,
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
        if errors_out is not None:
            check_target(errors_out, path, overwrite=overwrite_errors_out)
        result = ImportResult(path.name, file_sha256(path), layout.sheet, layout.header_row, layout.headers,
                              dict(layout.mapping), dry_run, source_path=str(path))
        parser = RowParser(layout.mapping, today)
        key = digest_key(layout.mapping)
        context = ws.reading() if dry_run else ws.session()
        with collector_paused(), context as session, bulk.bulk_settings(session):
            judge = Judge(session, result, details, parser.today)
            writer = None
            if not dry_run:
                source_id, audit_from = start_source(session, path.name, result.sha256, layout.sheet, ws.user,
                                                     parser.today)
                result.source_id = source_id
                writer = Writer(session, ws.user, source_id, path.name, judge.existing)
            stages = _Stages(judge, writer)
            if self.frame is not None and judge.use_digests:
                last_row = self._run_lane(stages, parser, key, total, chunk_rows, progress)
            else:
                def digest_of(_row: int, cells: list[Any]) -> str | None:
                    return row_digest(cells, key)

                last_row = _read_rows(stages, self._calamine_rows(), parser, digest_of, total, chunk_rows, progress,
                                      layout.header_row)
            self.frame = None
            if writer is not None:
                writer.finish()
            judge.finish()
            # in sheet order (a duplicate first seen on a row known by its digest is judged when its chunk is
            # written, after later rows; the columnar lane's other rows come after its chunks)
            result.rejections.sort(key=lambda note: note.row)
            result.warnings.sort(key=lambda note: note.row)
            if progress is not None and not progress(max(last_row, total), max(last_row, total)):
                raise InterruptedError("IMPORT_CANCELLED")
            if writer is not None:
                finish_source(session, writer.source_id, audit_from, rows_read=result.rows_read,
                              created=result.created, updated=result.updated, unchanged=result.unchanged,
                              rejected=result.rejected)
                if errors_out is not None and result.rejections:
                    write_rejections(result, errors_out, overwrite=overwrite_errors_out)
                    result.errors_file = str(errors_out)
        if dry_run and errors_out is not None and result.rejections:
            write_rejections(result, errors_out, overwrite=overwrite_errors_out)
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


