"""An import job: read → judge → write, in chunks, inside one transaction, with progress and cancel.

    with prepare(path, sheet=None, mapping=None, header_index=None) as job:   # read: refuses a bad file first
        result = job.run(ws, dry_run=False, details=False, progress=None, errors_out=None)

* One path for every row and every file: the table is read once as a stream (read.py); each row is recognised
  unchanged by its digest, or normalised and classified (judge.py); every CHUNK_ROWS kept rows are compared with
  the stored patents and written (write.py). Memory grows with the chunk, not the file — not bounded: with
  `details=True` (the GUI preview) the lists shown, and the stored row digests of the table (one per patent).
* Upsert by canonical application number; a row only changes the facts it states (blank cells never erase).
  Re-importing the same file changes nothing and says so (`unchanged`).
* One transaction: any error, or `progress(done, total)` returning False (cancel), rolls everything back
  (`InterruptedError` is raised on cancel). `dry_run` writes nothing at all (it reads in a read-only session).
  The cyclic garbage collector is paused meanwhile (support.gc_pause).
* `confirm_conflicts`: write the rows a rejected-rows file marks as once conflicting (judge.py); without it their
  changes are held back and reported.
* `errors_out`: an .xlsx of the rejected rows with their original cells, the row number and the reason, written
  atomically before the commit (a failure there rolls the import back). Never the file imported; an existing
  file only with `overwrite_errors_out` (rejected.check_target, asked before anything is read).

Thread rule: a job may run on the GUI's worker thread; it opens its own session and returns plain values.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, Self

from openlic_desktop.intake import mappings as remembered_mappings
from openlic_desktop.intake.records import ParsedRow, RowParser
from openlic_desktop.services.audit_keys import load_keyring_ahead
from openlic_desktop.services.importing import judge as judging
from openlic_desktop.services.importing.judge import Judge, digest_key, row_digester
from openlic_desktop.services.importing.read import ReadAhead, Table, digests_ahead
from openlic_desktop.services.importing.rejected import check_target, write_rejections
from openlic_desktop.services.importing.result import ImportResult
from openlic_desktop.services.importing.write import Writer, finish_source, start_source
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import import_bulk as bulk
from openlic_desktop.storage.import_digests_ahead import DigestsAhead
from openlic_desktop.support.gc_pause import collector_paused

ProgressFn = Callable[[int, int], bool]
# Kept rows compared and written at a time: one query for their stored facts, one executemany each for the new
# and the changed. Larger batches cost less per row (50,000 new rows, CPU, median of 3: 2,000 a chunk 3.0 s,
# 5,000 3.0 s, 20,000 2.75 s) and memory grows with the chunk (~2 KB a row).
CHUNK_ROWS = 10_000


class _Stages:
    """The judge and (unless a dry run) the writer of one run, fed chunk by chunk."""

    def __init__(self, judge: Judge, writer: Writer | None) -> None:
        self.judge, self.writer = judge, writer

    def process(self, chunk: list[tuple[ParsedRow, str | None]], rows_left: int, rows_done: int) -> None:
        verdicts = self.judge.compare(chunk)
        if self.writer is not None:
            self.writer.write(verdicts, rows_left, rows_done)


def _read_rows(stages: _Stages, rows: Iterator[tuple[int, list[Any]]], parser: RowParser, key: bytes, total: int,
               chunk_rows: int, progress: ProgressFn | None, header_row: int, streamed: bool = False) -> int:
    """Every data row: recognised by digest, or normalised, classified and processed in chunks. Returns the
    last sheet row read. Raises InterruptedError when `progress` says stop.

    Rows are read in blocks: before each, `make_room` may spill the numbers seen to the database; once it has,
    each block is read ahead (`look_ahead`: digests, parses, one batched lookup of its numbers) and then judged
    row by row exactly as before."""
    judge = stages.judge
    row_digest = row_digester(key)
    chunk: list[tuple[ParsedRow, str | None]] = []
    last_row = header_row
    size = max(1, min(judging.SEEN_BLOCK, judging.SEEN_IN_MEMORY))
    while True:
        head = list(islice(rows, 1))  # no spill for a block that would be empty (a file ending on a boundary)
        if not head:
            break
        judge.make_room(size)
        block = [*head, *islice(rows, size - 1)]
        ahead = None if judge.spill is None else judge.look_ahead(block, parser, row_digest)
        for row_number, cells, digest, parsed in judge.unrecognised(block, row_digest, ahead):
            kept = judge.classify(parser.parse(cells, row_number) if parsed is None else parsed)
            if kept is not None:
                chunk.append((kept, digest))
            if len(chunk) >= chunk_rows:
                stages.process(chunk, total - row_number, row_number - header_row)
                chunk = []
                # the collector is paused for the run; a young-generation pass per chunk frees what a streaming
                # reader leaves in reference cycles (openpyxl's rows do), so memory stays flat. Rows held by
                # python-calamine leave none, and the pass would walk every object made since the last one (the
                # numbers seen among them): 0.16 s of a 50,000-row first import for nothing
                if streamed:
                    gc.collect(0)
                if progress is not None and not progress(row_number, total):
                    raise InterruptedError("IMPORT_CANCELLED")
            elif progress is not None and row_number % 5000 == 0 and not progress(row_number, total):
                raise InterruptedError("IMPORT_CANCELLED")
        last_row = block[-1][0]
        if len(block) < size:
            break
    if chunk:
        stages.process(chunk, 0, last_row - header_row)
    return last_row


class PreparedImport:
    """A spreadsheet opened and its table found (read.Table). Everything that can refuse a file (unreadable, no
    sheet, no header, a mapping without the number) happens when it is made — before any database is opened or
    created. Use as a context manager; `run` once."""

    def __init__(self, path: str | Path, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
                 header_index: int | None = None, *, ahead: ReadAhead | None = None,
                 digests: DigestsAhead | None = None) -> None:
        # `ahead`: the table already being made on a thread (read.ReadAhead), for these same arguments;
        # `digests`: the stored row digests being read meanwhile (read.digests_ahead), let go on a refusal
        self.digests = digests
        try:
            self.table = ahead.table() if ahead is not None else Table(path, sheet, mapping, header_index)
        except BaseException:
            if digests is not None:
                digests.close()
            raise
        self.path, self.layout = self.table.path, self.table.layout
        self.used = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.table.close()
        if self.digests is not None:
            self.digests.close()

    def run(self, ws: Workspace, *, dry_run: bool = False, details: bool = False,
            progress: ProgressFn | None = None, errors_out: str | Path | None = None,
            overwrite_errors_out: bool = False, confirm_conflicts: bool = False, remember_mapping: bool = False,
            today: date | None = None, chunk_rows: int = CHUNK_ROWS) -> ImportResult:
        """Import (or with `dry_run`, preview) the table. See the module docstring.

        Raises InterruptedError when cancelled (everything rolled back)."""
        if self.used:
            raise RuntimeError("a PreparedImport runs once: its rows have been read")
        self.used = True
        path, layout = self.path, self.layout
        if errors_out is not None:
            check_target(errors_out, path, overwrite=overwrite_errors_out)
        result = ImportResult(path.name, self.table.sha256, layout.sheet, layout.header_row, layout.headers,
                              dict(layout.mapping), dry_run, source_path=str(path))
        parser = RowParser(layout.mapping, today)
        key = digest_key(layout.mapping)
        context = ws.reading() if dry_run else ws.session()
        with collector_paused(), context as session, bulk.bulk_settings(session):
            code_column = next((c for c, f in layout.mapping.items() if f == "rejection_code"), None)
            digests = None
            if not dry_run:
                # first, so that the transaction holds the write lock before digests read ahead are trusted:
                # nothing can be committed between their check and this import's commit
                source_id, audit_from = start_source(session, path.name, result.sha256, layout.sheet, ws.user,
                                                     parser.today)
                result.source_id = source_id
                if self.digests is not None:
                    digests = self.digests.take(ws.path)
            judge = Judge(session, result, details, parser.today, code_column, confirm_conflicts, digests)
            writer = None
            if not dry_run:
                writer = Writer(session, ws.user, source_id, path.name, judge.existing)
            total = self.table.height  # 0: the sheet does not say (progress is then busy)
            last_row = _read_rows(_Stages(judge, writer), self.table.rows(), parser, key, total, chunk_rows,
                                  progress, layout.header_row, self.table.streamed)
            if writer is not None:
                writer.finish()
            judge.finish()
            # in sheet order (a duplicate first seen on a row known by its digest is judged when its chunk is
            # written, after later rows)
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
            # what the stages built (the parser's memos, the stored digests, the numbers seen) is let go while the
            # collector is still paused: its first pass after the pause walks every object then alive — 0.1 s of
            # a 50,000-row re-import changing one row in ten when they were
            del judge, writer, parser
        if dry_run and errors_out is not None and result.rejections:
            write_rejections(result, errors_out, overwrite=overwrite_errors_out)
            result.errors_file = str(errors_out)
        if remember_mapping and not dry_run and layout.mapping != layout.detected:
            remembered_mappings.remember(layout.signature, layout.mapping)
        return result


def prepare(path: str | Path, *, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
            header_index: int | None = None, ahead: ReadAhead | None = None,
            digests: DigestsAhead | None = None) -> PreparedImport:
    """Open a spreadsheet and find its table, or raise InputError (nothing anywhere is touched). `ahead`: the
    same, begun earlier on a thread by `read.ReadAhead(path, sheet, mapping, header_index)`; `digests`: the stored
    row digests of the database it will be imported into, read meanwhile (`read.digests_ahead`)."""
    return PreparedImport(path, sheet, mapping, header_index, ahead=ahead, digests=digests)


def run(ws: Workspace, path: str | Path, *, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
        header_index: int | None = None, **options: Any) -> ImportResult:
    """Import (or preview) a spreadsheet in one call: `prepare(...)` then `PreparedImport.run(ws, **options)`.

    Raises InputError for an unreadable file (nothing written) and InterruptedError when cancelled (rolled back).
    """
    if options.get("dry_run"):
        with prepare(path, sheet=sheet, mapping=mapping, header_index=header_index) as job:
            return job.run(ws, **options)
    # the sheet loads on a thread (python-calamine releases the GIL), the stored digests are read on another,
    # and the keyring loads here: the audit trail seals with its key
    ahead = ReadAhead(path, sheet, mapping, header_index)
    digests = digests_ahead(ws.path) if ws.path is not None else None
    load_keyring_ahead()
    with prepare(path, sheet=sheet, mapping=mapping, header_index=header_index, ahead=ahead,
                 digests=digests) as job:
        return job.run(ws, **options)
