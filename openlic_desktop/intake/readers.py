"""Opening the spreadsheets offices really have: .xlsx/.xlsm/.xls (python-calamine), .csv/.txt (UTF-8 with or
without BOM, GB18030/GBK; comma or tab), and the ".xls" files research-management systems export that are really
an HTML table or an XML Spreadsheet 2003 (stdlib parsers; XML with entity declarations is refused).

Chosen by measurement (pitfalls §6): calamine reads 50,000 rows about ten times faster than openpyxl's read-only
mode, and it reads .xls too, so one reader serves every workbook. It gives dates as `date`/`datetime`, numbers as
floats and formulas without a cached value as ''. Cells arrive as `''` for blank; callers treat '' and None alike.

Everything that makes a file unreadable is an `InputError` with a stable code, raised before anything is written:
FILE_NOT_FOUND, FILE_NOT_SPREADSHEET, FILE_ENCRYPTED, FILE_CORRUPT, FILE_TOO_LARGE, SHEET_NOT_FOUND, SHEET_EMPTY.
Limits (module constants, so tests and installers can tune them) guard against zip bombs: the file size, the
total decompressed size of an .xlsx and the compression ratio of any part.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Self
from xml.etree import ElementTree

import python_calamine

from openlic_desktop.support.errors import InputError

MAX_FILE_BYTES = 200 * 1024 * 1024          # on disk
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024     # all parts of an .xlsx together, decompressed
MAX_PART_RATIO = 200                         # decompressed/compressed for one part larger than RATIO_MIN_BYTES
RATIO_MIN_BYTES = 16 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# A worksheet part larger than this (decompressed, with the shared strings, where Excel keeps the text) is streamed
# row by row with openpyxl's read-only mode instead of being loaded whole by calamine: memory stays flat however
# long the sheet, at about a tenth of the speed (50,000 rows here: calamine 0.49 s and +70 MB, openpyxl read-only
# 5.1 s and +5 MB). 64 MB is about 80,000 rows of a typical 15-column portfolio, so everyday files keep calamine's
# speed and the largest ones cannot exhaust memory.
STREAM_ABOVE_BYTES = 64 * 1024 * 1024

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

    @abstractmethod
    def sheets(self) -> list[SheetInfo]:
        """Every sheet with its height (may load each sheet)."""

    def sheet_names(self) -> list[str]:
        """The sheet names without loading any sheet (`sheets()` loads each one to count its rows)."""
        return [s.name for s in self.sheets()]

    @abstractmethod
    def rows(self, sheet: str | None = None) -> Iterator[list[Any]]:
        """The rows of a sheet (default: the first), see the class docstring."""

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def reader_error(exc: BaseException) -> bool:
    """What a reader may raise on a broken or strange file, refused as FILE_CORRUPT and never a crash: any
    Exception, and a Rust panic inside python-calamine or fastexcel (pyo3's PanicException derives from
    BaseException, and is not importable by name). KeyboardInterrupt and SystemExit are not."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


class _Workbook(Spreadsheet):
    lane_ok = True  # held whole by python-calamine: the import's columnar lane may read it instead (.xlsx/.xlsm)

    def __init__(self, path: Path) -> None:
        super().__init__(path)
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

    def _sheet(self, sheet: str | None):
        name = sheet if sheet is not None else (self._names[0] if self._names else None)
        if name is None or name not in self._names:
            raise InputError("SHEET_NOT_FOUND", sheet=str(sheet), sheets="、".join(self._names))
        if self._loaded is not None and self._loaded[0] == name:
            return self._loaded[1]
        try:
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
        out = []
        for name in self._names:
            try:
                end = self._book.get_sheet_by_name(name).end
                height = end[0] + 1 if end else 0
            except BaseException as exc:  # a chart sheet or a broken part: still listed, as empty
                if not reader_error(exc):
                    raise
                height = 0
            out.append(SheetInfo(name, height))
        return out

    def rows(self, sheet: str | None = None) -> Iterator[list[Any]]:
        data = self._sheet(sheet)
        end = data.end  # (last row index, last column index), None for an empty sheet
        self.current_height = end[0] + 1 if end else 0
        try:
            yield from data.iter_rows()
        except BaseException as exc:
            if not reader_error(exc):
                raise
            raise InputError("FILE_CORRUPT", path=self.path.name, reason=_reason(exc)) from exc

    def close(self) -> None:
        self._loaded = None
        with contextlib.suppress(Exception):  # already closed: nothing to release
            self._book.close()


class _StreamedWorkbook(Spreadsheet):
    """An .xlsx/.xlsm too large to hold (see STREAM_ABOVE_BYTES): openpyxl's read-only mode, one row at a time.
    Cells come as calamine gives them where it matters: '' for blank; dates as datetime (parse_date takes both)."""

    def __init__(self, path: Path) -> None:
        import openpyxl

        super().__init__(path)
        try:
            self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # zipfile, XML and openpyxl's own errors
            raise InputError("FILE_CORRUPT", path=path.name, reason=_reason(exc)) from exc
        self._names = [ws.title for ws in self._book.worksheets]

    def sheet_names(self) -> list[str]:
        return list(self._names)

    def sheets(self) -> list[SheetInfo]:
        return [SheetInfo(name, self._book[name].max_row or 0) for name in self._names]

    def rows(self, sheet: str | None = None) -> Iterator[list[Any]]:
        name = sheet if sheet is not None else (self._names[0] if self._names else None)
        if name is None or name not in self._names:
            raise InputError("SHEET_NOT_FOUND", sheet=str(sheet), sheets="、".join(self._names))
        data = self._book[name]
        self.current_height = data.max_row or 0
        try:
            for row in data.iter_rows(values_only=True):
                yield ["" if value is None else value for value in row]
        except Exception as exc:
            raise InputError("FILE_CORRUPT", path=self.path.name, reason=_reason(exc)) from exc

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._book.close()


class _TextTable(Spreadsheet):
    """A CSV or tab-separated text file; its one 'sheet' is named after the file."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        raw = path.read_bytes()
        if b"\x00" in raw[:65536]:
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
        try:
            yield from csv.reader(io.StringIO(self._text, newline=""), delimiter=self.delimiter)
        except csv.Error as exc:
            raise InputError("FILE_CORRUPT", path=self.path.name, reason=str(exc)) from exc


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


def check_zip_limits(path: Path) -> int:
    """Refuse an .xlsx whose parts would decompress to an absurd size (zip bomb) before any parser touches it.
    Returns what a reader would hold for the largest sheet: its part plus the shared strings (decompressed)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError("FILE_CORRUPT", path=path.name, reason=_reason(exc)) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InputError("FILE_TOO_LARGE", path=path.name, reason=f"{len(infos)} parts")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_PART_RATIO * max(info.compress_size, 1):
            raise InputError("FILE_TOO_LARGE", path=path.name,
                             reason=f"{info.filename}: {info.file_size // 1_048_576} MB "
                                    f"from {info.compress_size // 1024} KB")
    if total > MAX_UNZIPPED_BYTES:
        raise InputError("FILE_TOO_LARGE", path=path.name, reason=f"{total // 1_048_576} MB decompressed")
    sheet = max((i.file_size for i in infos if i.filename.startswith("xl/worksheets/")), default=0)
    return sheet + sum(i.file_size for i in infos if i.filename == "xl/sharedStrings.xml")


def open_spreadsheet(path: str | Path) -> Spreadsheet:
    """Open a spreadsheet for reading, or raise `InputError` (nothing is written either way)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("FILE_NOT_FOUND", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError("FILE_NOT_SPREADSHEET", path=path.name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError("FILE_TOO_LARGE", path=path.name, reason=f"{size // 1_048_576} MB")
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
        largest_sheet = check_zip_limits(path)
        if suffix in {".xlsx", ".xlsm"} and largest_sheet > STREAM_ABOVE_BYTES:
            return _StreamedWorkbook(path)
    elif not head.startswith(_OLE_MAGIC):  # a real .xls is an OLE compound file
        # Research-management systems often export an HTML table or an "XML Spreadsheet 2003" named .xls
        table = _markup_table(path)
        if table is None:
            raise InputError("FILE_NOT_SPREADSHEET", path=path.name)
        return table
    return _Workbook(path)
