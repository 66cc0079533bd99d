"""Opening the spreadsheets offices really have: .xlsx/.xlsm/.xls (python-calamine), .csv/.txt (UTF-8 with or
without BOM, GB18030/GBK; comma or tab), and the ".xls" files research-management systems export that are really
an HTML table or an XML Spreadsheet 2003 (stdlib parsers; XML with entity declarations is refused).

Chosen by measurement (pitfalls §6): calamine reads 50,000 rows about ten times faster than openpyxl's read-only
mode, and it reads .xls too, so one reader serves every workbook. It gives dates as `date`/`datetime`, numbers as
floats and formulas without a cached value as ''. Cells arrive as `''` for blank; callers treat '' and None alike.

Everything that makes a file unreadable is an `InputError` with a stable code, raised before anything is written:
FILE_NOT_FOUND, FILE_NOT_SPREADSHEET, FILE_ENCRYPTED, FILE_CORRUPT, FILE_TOO_LARGE, SHEET_NOT_FOUND, SHEET_EMPTY.
The limits live in support.archive_limits (documents apply the same ones to templates): the file size, zip bombs,
and each sheet's used range, read from its cells before python-calamine allocates it (intake.binary_ranges for
.xls and .xlsb). A sheet whose range is too large to hold but not absurd is streamed row by row by openpyxl.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import threading
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Self
from xml.etree import ElementTree

import python_calamine

from openlic_desktop.intake import binary_ranges, checked_sheets
from openlic_desktop.support import archive_limits, files
from openlic_desktop.support.archive_limits import UsedRange
from openlic_desktop.support.errors import InputError

# python-calamine holds a whole .xlsx/.xlsm sheet up to this many cells of used range (about 90 bytes a cell
# with its text: 4 million ≈ 360 MB, a 200,000-row portfolio of 20 columns), and while the sheet part and the
# shared strings decompress to at most STREAM_ABOVE_BYTES; beyond either, openpyxl's read-only mode streams the
# sheet row by row (memory flat, about a tenth of the speed). Sheets above archive_limits.MAX_SHEET_CELLS are
# refused. (The other formats are always held: .xls stops at 65,536 rows, .ods and .xlsb are rare.)
HOLD_MAX_CELLS = archive_limits.FAST_BOUND_CELLS
STREAM_ABOVE_BYTES = 256 * 1024 * 1024

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
SUFFIXES = WORKBOOK_SUFFIXES | TEXT_SUFFIXES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class SheetInfo:
    name: str
    rows: int  # rows in the sheet's used range (including leading blank rows), a progress total


class Spreadsheet(ABC):
    """An opened file: its sheet names and, per sheet, an iterator of rows (lists of cell values, '' for blank).

    `rows(sheet)` yields every row from the sheet's first row (index 0 = sheet row 1), so a row's index + 1 is the
    row number the user sees in Excel. Not thread-safe; open one per job.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current_height = 0  # rows in the sheet last opened by rows(): the progress total
        self._sha256: str | None = None
        self._hashed_state: tuple[int, ...] = ()  # checked_sheets.file_state when it was hashed

    def sha256(self) -> str:
        """The file's SHA-256, computed once: the import history records it, and the sheets' checked ranges are
        remembered under it (intake.checked_sheets)."""
        if self._sha256 is None:
            self._hashed_state = checked_sheets.file_state(self.path)
            self._sha256 = files.file_sha256(self.path)
        return self._sha256

    @abstractmethod
    def sheets(self) -> list[SheetInfo]:
        """Every sheet with its height (may load each sheet)."""

    def sheet_names(self) -> list[str]:
        """The sheet names without loading any sheet (`sheets()` loads each one to count its rows)."""
        return [s.name for s in self.sheets()]

    @abstractmethod
    def rows(self, sheet: str | None = None) -> Iterator[list[Any]]:
        """The rows of a sheet (default: the first), see the class docstring."""

    def load_ahead(self, sheet: str | None = None) -> None:
        """Begin loading a sheet (default: the first) that its first read will want; a reader that has nothing to
        gain from it does nothing."""

    def streams(self, sheet: str | None = None) -> bool:
        """Whether the sheet's rows come from a streaming reader (openpyxl, whose rows leave reference cycles
        behind) rather than from one held in memory."""
        return False

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def reader_error(exc: BaseException) -> bool:
    """What a reader may raise on a broken or strange file, refused as FILE_CORRUPT and never a crash: any
    Exception, and a Rust panic inside python-calamine (pyo3's PanicException derives from
    BaseException, and is not importable by name). KeyboardInterrupt and SystemExit are not."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


class _Workbook(Spreadsheet):
    """A workbook python-calamine reads (.xlsx .xlsm .xls .xlsb .ods). Before a sheet is loaded its used range is
    read from the file and checked (archive_limits); an .xlsx/.xlsm sheet too large to hold is streamed by
    openpyxl instead (HOLD_MAX_CELLS, STREAM_ABOVE_BYTES)."""

    def __init__(self, path: Path, infos: list[zipfile.ZipInfo] | None = None) -> None:
        super().__init__(path)
        self._infos = {info.filename: info for info in infos or []}
        self._ooxml = path.suffix.lower() in {".xlsx", ".xlsm"}
        self._ranges: dict[str, UsedRange] = {}
        self._scanned_parts: dict[str, UsedRange] = {}  # parts scanned for the range being checked (to remember)
        self._scanned: dict[str, UsedRange] | None = None  # .xls .xlsb .ods: every sheet's range, read at once
        if path.suffix.lower() in {".xls", ".ods"}:
            # python-calamine reads every sheet of these when it opens the file: all are checked first
            self._scan_all()
        try:
            self._book = python_calamine.CalamineWorkbook.from_path(str(path))
        except python_calamine.PasswordError as exc:
            raise InputError("FILE_ENCRYPTED", path=path.name) from exc
        except BaseException as exc:  # calamine raises several types (CalamineError, ZipError, XmlError…)
            if not reader_error(exc):
                raise
            raise InputError("FILE_CORRUPT", path=path.name, reason=_reason(exc)) from exc
        self._names = [m.name for m in self._book.sheets_metadata
                       if str(getattr(m, "typ", "")).endswith("WorkSheet")] or list(self._book.sheet_names)
        self._loaded: tuple[str, Any] | None = None  # the sheet last read, kept for reading its rows again
        self._parts: dict[str, str] | None = None  # .xlsx/.xlsm: sheet name → worksheet part
        self._streamed: Any = None  # openpyxl's read-only workbook, once a sheet needs it
        # load_ahead: (sheet name, the loading thread, [the sheet or None, what loading it raised or None])
        self._ahead: tuple[str, threading.Thread, list[Any]] | None = None

    def _name(self, sheet: str | None) -> str:
        name = sheet if sheet is not None else (self._names[0] if self._names else None)
        if name is None or name not in self._names:
            raise InputError("SHEET_NOT_FOUND", sheet=str(sheet), sheets="、".join(self._names))
        return name

    def used_range(self, sheet: str | None = None) -> UsedRange:
        """The sheet's used range, read from the file without loading the sheet; FILE_TOO_LARGE naming it when
        it is absurd (archive_limits.check_used_range)."""
        name = self._name(sheet)
        found = self._ranges.get(name)
        if found is None:
            try:
                found = archive_limits.check_used_range(self.path, name, self._read_range(name))
                # remembered once passed, and only if the file is still the one hashed (checked_sheets)
                if self._scanned_parts and checked_sheets.file_state(self.path) == self._hashed_state:
                    checked_sheets.remember(self.sha256(), self._scanned_parts)
            finally:
                self._scanned_parts = {}
            self._ranges[name] = found
        return found

    def _part_range(self, part: str) -> UsedRange:
        """An .xlsx/.xlsm worksheet part's range: remembered from an earlier check of the same bytes, or scanned."""
        sha256 = self.sha256()
        found = checked_sheets.recall(sha256, part)
        if found is None:
            found = self._scanned_parts[part] = archive_limits.sheet_used_range(self.path, part)
        return found

    def _read_range(self, name: str) -> UsedRange:
        if self._ooxml:
            if self._parts is None:
                try:
                    self._parts = archive_limits.workbook_sheet_parts(self.path)
                except Exception as exc:  # a broken workbook.xml: python-calamine has read it, so refuse
                    raise InputError("FILE_CORRUPT", path=self.path.name, reason=_reason(exc)) from exc
            part = self._parts.get(name)
            if part is not None:
                return self._part_range(part)
            found = {n: self._part_range(p) for n, p in self._parts.items()}
        else:
            found = self._scan_all()
            if name in found:
                return found[name]
        # a sheet the scan could not name as python-calamine does: the largest of the file's ranges bounds it
        return UsedRange(max((r.rows for r in found.values()), default=0),
                         max((r.cols for r in found.values()), default=0))

    def _scan_all(self) -> dict[str, UsedRange]:
        """Every sheet's range of an .xls/.xlsb/.ods, each checked, and together no more than one sheet may hold
        (python-calamine holds all the sheets of an .xls or .ods at once)."""
        if self._scanned is None:
            suffix = self.path.suffix.lower()
            found = (binary_ranges.xls_used_ranges(self.path) if suffix == ".xls" else
                     binary_ranges.xlsb_used_ranges(self.path) if suffix == ".xlsb" else
                     archive_limits.ods_used_ranges(self.path))
            for name, used in found.items():
                archive_limits.check_used_range(self.path, name, used)
            total = sum(used.cells for used in found.values())
            if suffix != ".xlsb" and total > archive_limits.MAX_SHEET_CELLS:
                limit = archive_limits.MAX_SHEET_CELLS
                raise InputError("FILE_TOO_LARGE", path=self.path.name,
                                 reason=f"{len(found)} sheets: {total:,} cells, at most {limit:,} / "
                                        f"各工作表共 {total:,} 个单元格，上限 {limit:,} 个")
            self._scanned = found
        return self._scanned

    def holds(self, sheet: str | None = None) -> bool:
        """Whether python-calamine holds the sheet whole (else openpyxl streams it)."""
        name = self._name(sheet)
        if not self._ooxml:
            return True
        if self.used_range(name).cells > HOLD_MAX_CELLS:
            return False
        part = (self._parts or {}).get(name, "")
        info, strings = self._infos.get(part), self._infos.get("xl/sharedStrings.xml")
        size = (info.file_size if info else 0) + (strings.file_size if strings else 0)
        return size <= STREAM_ABOVE_BYTES

    def load_ahead(self, sheet: str | None = None) -> None:
        """Load a sheet python-calamine will hold on a thread of its own, once its used range has passed the
        guards (here, in the caller's thread): python-calamine releases the GIL while it loads (0.5 s for 50,000
        rows), so the caller may do other work meanwhile — `openlic import` loads the portfolio's modules. The
        sheet's first read waits for the thread and takes its sheet, or raises what loading it raised, refused
        exactly as a load in that read would be. A sheet this cannot name or check, or one that is streamed, is
        left to its first read, which refuses or streams it as usual."""
        if self._ahead is not None or self._loaded is not None:
            return
        try:
            name = self._name(sheet)
            self.used_range(name)  # the guard, before python-calamine allocates anything
            if not self.holds(name):
                return
        except InputError:
            return
        box: list[Any] = [None, None]

        def load() -> None:
            # Broad on purpose: a Rust panic is a BaseException (reader_error). Whatever the load raised, this
            # thread hands it on unjudged to the sheet's first read, which re-raises it in the caller's thread,
            # where it is refused (or let through, as KeyboardInterrupt is) exactly as a load in that read would be;
            # a narrower catch would let a panic end the thread unseen and the first read load the sheet again.
            try:
                box[0] = self._book.get_sheet_by_name(name)
            except BaseException as exc:  # noqa: BLE001
                box[1] = exc

        # a daemon: a command interrupted while the sheet loads ends without waiting for it
        thread = threading.Thread(target=load, name="openlic-sheet-load", daemon=True)
        self._ahead = (name, thread, box)
        thread.start()

    def _loaded_ahead(self, name: str) -> Any:
        """The sheet load_ahead loaded, if it is `name` (None otherwise); waits for the thread. Raises what
        loading it raised."""
        if self._ahead is None:
            return None
        ahead_name, thread, box = self._ahead
        thread.join()
        self._ahead = None
        if ahead_name != name:
            return None  # another sheet than the one read first: let go
        if box[1] is not None:
            raise box[1]
        return box[0]

    def streams(self, sheet: str | None = None) -> bool:
        return not self.holds(sheet)

    def _sheet(self, name: str):
        if self._loaded is not None and self._loaded[0] == name:
            return self._loaded[1]
        try:
            data = self._loaded_ahead(name)
            if data is None:
                data = self._book.get_sheet_by_name(name)
            self._loaded = (name, data)
            return data
        except python_calamine.PasswordError as exc:
            raise InputError("FILE_ENCRYPTED", path=self.path.name) from exc
        except BaseException as exc:
            if not reader_error(exc):
                raise
            raise InputError("FILE_CORRUPT", path=self.path.name, reason=_reason(exc)) from exc

    def sheet_names(self) -> list[str]:
        return list(self._names)

    def sheets(self) -> list[SheetInfo]:
        return [SheetInfo(name, self.used_range(name).rows) for name in self._names]

    def rows(self, sheet: str | None = None) -> Iterator[list[Any]]:
        name = self._name(sheet)
        self.current_height = self.used_range(name).rows
        if not self.holds(name):
            yield from self._streamed_rows(name)
            return
        data = self._sheet(name)
        try:
            yield from data.iter_rows()
        except BaseException as exc:
            if not reader_error(exc):
                raise
            raise InputError("FILE_CORRUPT", path=self.path.name, reason=_reason(exc)) from exc
        # every row has been read: the sheet python-calamine holds (300 MB for 200,000 rows) is let go now, not
        # when the file is closed, so the import's last stages (indexes, audit, commit) run without it
        if self._loaded is not None and self._loaded[1] is data:
            self._loaded = None

    def _streamed_rows(self, name: str) -> Iterator[list[Any]]:
        """The rows of a sheet too large to hold, by openpyxl's read-only mode, one row at a time. Cells come as
        python-calamine gives them where it matters: '' for blank; dates as datetime (parse_date takes both)."""
        import openpyxl

        if self._streamed is None:
            try:
                self._streamed = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            except Exception as exc:  # zipfile, XML and openpyxl's own errors
                raise InputError("FILE_CORRUPT", path=self.path.name, reason=_reason(exc)) from exc
        try:
            for row in self._streamed[name].iter_rows(values_only=True):
                yield ["" if value is None else value for value in row]
        except Exception as exc:
            raise InputError("FILE_CORRUPT", path=self.path.name, reason=_reason(exc)) from exc

    def close(self) -> None:
        self._loaded = None
        if self._ahead is not None:  # python-calamine's book is not closed under a load in flight
            self._ahead[1].join()
            self._ahead = None
        with contextlib.suppress(Exception):  # already closed: nothing to release
            self._book.close()
        if self._streamed is not None:
            with contextlib.suppress(Exception):
                self._streamed.close()
            self._streamed = None


# A CSV record no spreadsheet program writes: a cell longer than Excel's own limit, or one record over more lines
# than any cell's text has. Both are what an unterminated quote does: it swallows every following row into one
# cell (a 64,000-character title). Refused, naming the line where the record began.
MAX_CELL_CHARS = 32_767
MAX_LINES_PER_RECORD = 100


class _TextTable(Spreadsheet):
    """A CSV or tab-separated text file; its one 'sheet' is named after the file."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        raw = path.read_bytes()
        if _looks_binary(raw):
            raise InputError("FILE_NOT_SPREADSHEET", path=path.name)
        self.encoding, text = decode_text(raw)
        self.delimiter = sniff_delimiter(text[:65536])
        self._text = text
        self.name = path.stem

    def sheets(self) -> list[SheetInfo]:
        return [SheetInfo(self.name, self._text.count("\n") + 1)]

    def rows(self, sheet: str | None = None) -> Iterator[list[Any]]:
        if sheet is not None and sheet != self.name:
            raise InputError("SHEET_NOT_FOUND", sheet=sheet, sheets=self.name)
        self.current_height = self._text.count("\n") + 1
        reader = csv.reader(io.StringIO(self._text, newline=""), delimiter=self.delimiter)
        start = last = 1  # the line where the next record begins, and where the last one read began
        longest = 0
        try:
            for row in reader:
                last, longest = start, max(map(len, row), default=0)
                if reader.line_num - start >= MAX_LINES_PER_RECORD or longest > MAX_CELL_CHARS:
                    raise self._swallowed(start, longest)
                yield row
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError("FILE_CORRUPT", path=self.path.name, reason=str(exc)) from exc
        # An open quote in the last record swallows the rest of the file without a word from python's csv. The
        # quotes of a well-formed file pair up, so only an odd count needs the strict look at that record.
        if self._text.count('"') % 2 and self._open_quote(last):
            raise self._swallowed(last, longest)

    def _open_quote(self, first_line: int) -> bool:
        """Whether the file's last record, from `first_line`, ends inside a quote that is never closed."""
        lines = io.StringIO(self._text, newline="").readlines()[first_line - 1:]
        try:
            for _row in csv.reader(lines, delimiter=self.delimiter, strict=True):
                pass
        except csv.Error as exc:
            return "unexpected end of data" in str(exc)
        return False

    def _swallowed(self, line: int, longest: int) -> InputError:
        return InputError("FILE_CORRUPT", path=self.path.name,
                          reason=f"line {line}: a quote that is never closed? one cell of {longest:,} characters / "
                                 f"第 {line} 行的引号未闭合？一个单元格长 {longest:,} 个字符")


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes in a text file that is not UTF-16: a binary file given a text name — unless they are a stray few
    in readable text (a broken export; the import drops them with the other control characters)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    head = raw[:65536]
    return head.count(b"\x00") * 100 > len(head)


class _RowsTable(Spreadsheet):
    """Rows already extracted from a markup file (HTML table or XML Spreadsheet 2003): one sheet per table."""

    def __init__(self, path: Path, sheets: list[tuple[str, list[list[Any]]]]) -> None:
        super().__init__(path)
        self._sheets = sheets

    def sheet_names(self) -> list[str]:
        return [name for name, _ in self._sheets]

    def sheets(self) -> list[SheetInfo]:
        return [SheetInfo(name, len(rows)) for name, rows in self._sheets]

    def rows(self, sheet: str | None = None) -> Iterator[list[Any]]:
        names = self.sheet_names()
        name = sheet if sheet is not None else (names[0] if names else None)
        if name not in names:
            raise InputError("SHEET_NOT_FOUND", sheet=str(sheet), sheets="、".join(names))
        data = dict(self._sheets)[name]
        self.current_height = len(data)
        yield from data


class _HtmlTables(HTMLParser):
    """Cell texts of every <table>; a cell spanning n columns is followed by n-1 blank cells to keep columns."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) <= 100 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._row.extend([""] * (self._span - 1))
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _xml_spreadsheet(text: str, path: Path) -> list[tuple[str, list[list[Any]]]]:
    if "<!ENTITY" in text[:65536].upper():  # no entity tricks (expansion bombs) in a data file
        raise InputError("FILE_CORRUPT", path=path.name, reason="XML entities / XML 实体")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise InputError("FILE_CORRUPT", path=path.name, reason=str(exc)) from exc
    sheets = []
    for ws in root.iter(f"{_SS}Worksheet"):
        rows: list[list[Any]] = []
        for row in ws.iter(f"{_SS}Row"):
            index = row.get(f"{_SS}Index")
            while index and index.isdigit() and len(rows) < int(index) - 1:
                rows.append([])
            cells: list[Any] = []
            for cell in row.iter(f"{_SS}Cell"):
                at = cell.get(f"{_SS}Index")
                if at and at.isdigit():
                    cells.extend([""] * (int(at) - 1 - len(cells)))
                data = cell.find(f"{_SS}Data")
                value: Any = "".join(data.itertext()) if data is not None else ""
                if data is not None and data.get(f"{_SS}Type") == "Number":
                    try:
                        value = float(value)
                    except ValueError:
                        pass
                cells.append(value)
            rows.append(cells)
        sheets.append((ws.get(f"{_SS}Name") or f"Sheet{len(sheets) + 1}", rows))
    return sheets


def _markup_table(path: Path) -> _RowsTable | None:
    """An .xls that is really HTML or XML Spreadsheet 2003, as rows; None if it is neither."""
    raw = path.read_bytes()
    try:
        _encoding, text = decode_text(raw)
    except InputError:
        return None
    start = text.lstrip()[:65536].lower()
    if "urn:schemas-microsoft-com:office:spreadsheet" in start and "<workbook" in start:
        return _RowsTable(path, _xml_spreadsheet(text, path))
    if "<table" in start or "<html" in start:
        parser = _HtmlTables()
        parser.feed(text)
        parser.close()
        tables = [t for t in parser.tables if t]
        if not tables:
            return None
        return _RowsTable(path, [(f"{path.stem}" if i == 0 else f"{path.stem} ({i + 1})", t)
                                 for i, t in enumerate(tables)])
    return None


def decode_text(raw: bytes) -> tuple[str, str]:
    """(encoding, text): UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GB18030 (a superset of GBK,
    which is what Chinese Excel writes as 'CSV'). Anything else is refused rather than garbled."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return "utf-8-sig", raw[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("FILE_CORRUPT", path="", reason=f"UTF-8: {exc.reason}") from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", raw.decode("utf-16")
    try:
        return "utf-8", raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return "gb18030", raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError("FILE_NOT_SPREADSHEET", path="") from exc


def sniff_delimiter(sample: str) -> str:
    """Tab when the first lines hold more tabs than commas (Excel's 'Unicode text'), else comma."""
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    tabs = sum(ln.count("\t") for ln in lines)
    commas = sum(ln.count(",") for ln in lines)
    return "\t" if tabs > commas else ","


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def open_spreadsheet(path: str | Path) -> Spreadsheet:
    """Open a spreadsheet for reading, or raise `InputError` (nothing is written either way)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("FILE_NOT_FOUND", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError("FILE_NOT_SPREADSHEET", path=path.name)
    size = archive_limits.check_file_size(path)
    if size == 0:
        raise InputError("FILE_CORRUPT", path=path.name, reason="empty file / 空文件")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if suffix in TEXT_SUFFIXES:
        if head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
            raise InputError("FILE_NOT_SPREADSHEET", path=path.name)
        try:
            return _TextTable(path)
        except InputError as exc:
            if "path" in exc.params and not exc.params["path"]:
                exc.params["path"] = path.name
            raise
    if head.startswith(_OLE_MAGIC) and suffix in {".xlsx", ".xlsm", ".xlsb"}:
        # An OOXML workbook saved with a password is wrapped in an OLE container (EncryptionInfo + package).
        raise InputError("FILE_ENCRYPTED", path=path.name)
    if suffix in {".xlsx", ".xlsm", ".xlsb", ".ods"}:
        if not head.startswith(_ZIP_MAGIC):
            raise InputError("FILE_NOT_SPREADSHEET", path=path.name)
        return _Workbook(path, archive_limits.check_zip(path))
    elif not head.startswith(_OLE_MAGIC):  # a real .xls is an OLE compound file
        # Research-management systems often export an HTML table or an "XML Spreadsheet 2003" named .xls
        table = _markup_table(path)
        if table is None:
            raise InputError("FILE_NOT_SPREADSHEET", path=path.name)
        return table
    return _Workbook(path)
