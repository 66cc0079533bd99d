"""Limits on what a file may make a reader do, checked cheaply before any parser touches it.

Three kinds of hostile or broken file are stopped here, each with FILE_TOO_LARGE (or FILE_CORRUPT) naming what
was found, and nothing read or written:

* too big on disk (`check_file_size`);
* a zip (xlsx, docx, ods) whose entries would decompress to an absurd size — a zip bomb — or that has absurdly
  many entries (`check_zip`); `unsafe_entry_names` lists entries whose names climb out of a folder;
* a spreadsheet sheet whose used range is absurd. python-calamine allocates a sheet's whole used range up front
  (about 56 bytes a cell): one value at XFD1048576 in a 2 KB file asks for 512 GB and aborts the process, and
  openpyxl walks every row and column of it. `sheet_used_range` reads the cell references themselves — a sheet's
  <dimension> can say anything — and `check_used_range` refuses a range above MAX_SHEET_CELLS.

Reading the references costs one pass over the decompressed sheet. The usual file takes the fast path: one
regular expression over each block of the sheet, which also proves that every cell tag is written the way Excel,
WPS, LibreOffice and the Python writers write it (<c r="A1" …>); anything else — other attribute orders or quotes,
cells without a reference, prefixed names — is read exactly by expat instead, as is any sheet whose fast bound
is above FAST_BOUND_CELLS (the fast path counts empty styled cells, which python-calamine skips). The limits are
module constants, so installers and tests can tune them. Only the standard library: intake (the import) and
documents (bureau table templates, contract templates) apply the same limits.
"""

from __future__ import annotations

import queue
import re
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree import ElementTree
from xml.parsers import expat

from openlic_desktop.support.errors import InputError

MAX_FILE_BYTES = 200 * 1024 * 1024          # on disk
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024     # all entries of a zip together, decompressed
MAX_PART_RATIO = 200                         # decompressed/compressed for one entry larger than RATIO_MIN_BYTES
RATIO_MIN_BYTES = 16 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# A used range above this is refused: about 560 MB in python-calamine, and more rows and columns than any
# portfolio or provincial list has (200,000 rows of 50 columns). Z1048576 (27 million cells) is refused.
MAX_SHEET_CELLS = 10_000_000
# Above this fast bound a sheet is read exactly (see the module notes) before a decision is made.
FAST_BOUND_CELLS = 4_000_000
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384

_BLOCK = 1 << 18  # bytes of decompressed sheet read at a time
_RUN_MAX = 1 << 20  # bytes of a sheet without a '>' (see _blocks)


def _mb(size: int) -> str:
    return f"{size / 1_048_576:,.0f} MB"


def check_file_size(path: Path, limit: int | None = None) -> int:
    """The file's size; FILE_TOO_LARGE above `limit` (default MAX_FILE_BYTES)."""
    size = path.stat().st_size
    if size > (MAX_FILE_BYTES if limit is None else limit):
        raise InputError("FILE_TOO_LARGE", path=path.name, reason=_mb(size))
    return size


def check_zip(path: Path) -> list[zipfile.ZipInfo]:
    """The entries of a zip, refused (FILE_TOO_LARGE) when they are too many, when one of them decompresses more
    than MAX_PART_RATIO times its compressed size (beyond RATIO_MIN_BYTES: small parts compress well legitimately),
    or when all of them together would decompress beyond MAX_UNZIPPED_BYTES; FILE_CORRUPT when it is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError("FILE_CORRUPT", path=path.name, reason=str(exc)[:200] or type(exc).__name__) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InputError("FILE_TOO_LARGE", path=path.name, reason=f"{len(infos):,} parts")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_PART_RATIO * max(info.compress_size, 1):
            raise InputError("FILE_TOO_LARGE", path=path.name,
                             reason=f"{info.filename}: {_mb(info.file_size)} from {info.compress_size // 1024:,} KB")
    if total > MAX_UNZIPPED_BYTES:
        raise InputError("FILE_TOO_LARGE", path=path.name, reason=f"{_mb(total)} decompressed")
    return infos


def unsafe_entry_names(infos: list[zipfile.ZipInfo]) -> list[str]:
    """Entries whose names would land outside the folder they are unpacked into: absolute paths, drive letters,
    `..` parts (either slash)."""
    bad = []
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in parts:
            bad.append(info.filename)
    return bad


# ---- used ranges ---------------------------------------------------------------------------------------------

def column_name(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA, 16384 → XFD."""
    name = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name or "A"


def column_number(letters: str) -> int:
    """A → 1, XFD → 16384 (either case)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


@dataclass(frozen=True)
class UsedRange:
    """The cells a reader would hold for a sheet: from A1 to column `cols`, row `rows` (1-based; 0 × 0 empty)."""

    rows: int
    cols: int

    @property
    def cells(self) -> int:
        return self.rows * self.cols

    @property
    def ref(self) -> str:
        return f"A1:{column_name(self.cols)}{self.rows}" if self.cells else ""


def check_used_range(path: Path, sheet: str, used: UsedRange, limit: int | None = None) -> UsedRange:
    """`used`, or FILE_TOO_LARGE naming the range when it holds more than `limit` (default MAX_SHEET_CELLS) cells
    or goes past Excel's last row or column."""
    limit = MAX_SHEET_CELLS if limit is None else limit
    if used.cells > limit or used.rows > EXCEL_MAX_ROWS or used.cols > EXCEL_MAX_COLS:
        raise InputError("FILE_TOO_LARGE", path=path.name,
                         reason=f"{sheet}!{used.ref}: {used.cells:,} cells, at most {limit:,} / "
                                f"已用区域共 {used.cells:,} 个单元格，上限 {limit:,} 个")
    return used


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _blocks(stream: IO[bytes]):
    """The stream in blocks that end after a '>' (a tag is never split between two blocks). A run longer than
    _RUN_MAX without a '>' is refused (ValueError): Excel holds at most 32,767 characters in a cell, about 200 KB
    written even escaped, so no spreadsheet program writes such a run, and carrying it would hold the whole run
    in memory (a 900 MB cell compresses into a few MB) before python-calamine would hold it again."""
    carry = b""
    while True:
        data = stream.read(_BLOCK)
        if not data:
            if carry:
                yield carry
            return
        cut = data.rfind(b">") + 1  # only the new bytes are searched: the carry holds no '>'
        if cut == 0:
            carry += data
            if len(carry) > _RUN_MAX:
                raise ValueError(f"more than {_mb(_RUN_MAX)} of a sheet without a tag's end")
            continue
        yield carry + data[:cut]
        carry = data[cut:]


def _rows_above(limit: int) -> bytes:
    """A regular expression for the decimal numbers (leading zeros allowed) above `limit`."""
    digits = str(limit)
    size = len(digits)
    parts = [f"[1-9][0-9]{{{size},}}"]  # more digits
    for i, char in enumerate(digits):
        if char != "9":  # the digits before the same, this one higher, any after it
            parts.append(f"{digits[:i]}[{int(char) + 1}-9][0-9]{{{size - i - 1}}}")
    return f"0*(?:{'|'.join(parts)})".encode()


_CELLS: dict[tuple[int, int], re.Pattern[bytes]] = {}


def _lead(top: int) -> tuple[int, int]:
    """(digits, first two digits) of a row; the pattern holds references of a block to these (see _within)."""
    digits = str(top)
    return len(digits), int(digits[:2]) if len(digits) > 5 else 0


def _within(top: int) -> int:
    """The largest row `_cells_pattern(*_lead(top))` lets through: up to 99,999 rows any number of as many digits
    (a cheaper pattern: 99,999 rows of 40 columns stay below FAST_BOUND_CELLS), beyond that 10 % at most above
    the block's last row: 200,004 → 209,999."""
    size, lead = _lead(top)
    return int(str(lead) + "9" * (size - 2)) if lead else 10 ** size - 1


def _cells_pattern(size: int, lead: int) -> re.Pattern[bytes]:
    """Every cell start tag of a block: group 1 is the column letters of a tag written <c r="A1"… whose row is at
    most the number of `size` digits starting with the two `lead` digits followed by nines; b'' for a cell tag
    written any other way or with a larger row (the sheet then goes to expat)."""
    found = _CELLS.get((size, lead))
    if found is None:
        found = _CELLS[(size, lead)] = re.compile(rb'<c(?: r="([A-Z]+)(?=0*(?:' + _rows_within(size, lead) +
                                                  rb')")|[\s/>])')
    return found


def _rows_within(size: int, lead: int) -> bytes:
    """A regular expression for the rows `_within` lets through (see _cells_pattern)."""
    if not lead:
        return b"[0-9]{1,%d}" % size
    first, second = divmod(lead, 10)
    rows = b"[0-9]{1,%d}|%d[0-%d][0-9]{%d}" % (size - 1, first, second, size - 2)
    if first > 1:
        rows += b"|[1-%d][0-9]{%d}" % (first - 1, size - 1)
    return rows


_LAST_REF = re.compile(rb'<c r="[A-Z]+([0-9]{1,9})"')
_STRAYS: dict[tuple[int, int, frozenset[bytes]], re.Pattern[bytes]] = {}
_STRAY_MAX_COLUMNS = 200  # a wider sheet lists every reference of every block, as before


def _stray_pattern(size: int, lead: int, letters: frozenset[bytes]) -> re.Pattern[bytes]:
    """A cell start tag of a block that `_cells_pattern(size, lead)` would not pass with one of `letters` as its
    column: one written any other way, with a larger row, or in a column not seen yet. A block without one adds
    nothing to what the blocks before it found, so one search replaces listing every reference of it (a
    50,000-row sheet: 0.05 s instead of 0.085 s — the scan is a third of what the guard adds to a re-import)."""
    found = _STRAYS.get((size, lead, letters))
    if found is None:
        if len(_STRAYS) >= 64:  # a few letter sets per file: the compiled patterns stay few
            _STRAYS.clear()
        rows = _rows_within(size, lead)
        columns = b"|".join(sorted(letters, key=lambda item: (-len(item), item)))
        found = _STRAYS[(size, lead, letters)] = re.compile(
            rb'<c(?=[\s/>])(?! r="(?:' + columns + rb')(?=0*(?:' + rows + rb')"))')
    return found


@dataclass
class _FastScan:
    """What one pass over a sheet written <c r="A1"… found (empty styled cells included)."""

    rows: int       # the largest row of a block's last reference
    cols: int       # exact
    coarse: int     # no row is above this (proved by the pattern): at most 10 % above `rows`
    tops: list[int]  # each block's last row, for the second pass (_proved_rows)


def _fast_range(stream: IO[bytes]) -> _FastScan | None:
    """One pass (module notes), or None when a cell tag is written any other way. Rows come in order in such
    files: each block's last reference has its largest row, and the pattern checks that every other reference is
    within 10 % of it (`_within`); `_proved_rows` checks, when that matters, that none passes that last row."""
    rows = cols = 0
    coarse = 0  # the rows every reference is proved to be within so far
    tops: list[int] = []
    seen: frozenset[bytes] = frozenset()  # the column letters of the references found so far
    first = True
    for block in _blocks(stream):
        if first:
            if _DTD.search(block, 0, 4096):
                raise ValueError("a DTD in a sheet")
            first = False
        # a colon (found by memchr) is rare outside the root's declarations; a two-byte search is a pass of its
        # own over the block: 0.04 s of a 50,000-row sheet when every block was searched
        if b":" in block and b":c" in block and re.search(rb":c[\s/>]", block):
            return None  # a namespace-prefixed cell
        last = block.rfind(b'<c r="')
        mark = _LAST_REF.match(block, last) if last >= 0 else None
        top = int(mark.group(1)) if mark else 0
        tops.append(top)
        if not seen or len(seen) > _STRAY_MAX_COLUMNS or \
                _stray_pattern(*_lead(top), seen).search(block) is not None:
            letters = set(_cells_pattern(*_lead(top)).findall(block))
            if b"" in letters:
                return None
            for item in letters:
                cols = max(cols, column_number(item.decode()))
            seen = seen | letters
        rows = max(rows, top)
        coarse = max(coarse, _within(top) if top else 0)
    return _FastScan(rows, cols, coarse, tops)


def _proved_rows(stream: IO[bytes], tops: list[int]) -> bool:
    """Whether no reference of a block passes the row of the block's last reference (blocks as in _fast_range)."""
    for block, top in zip(_blocks(stream), tops, strict=False):
        if re.search(rb'<c r="[A-Z]+' + _rows_above(top) + rb'"', block):
            return False
    return True


_REFERENCE = re.compile(r"([A-Za-z]*)([0-9]*)")


class _ExactSheet:
    """An OOXML sheet read by expat, as python-calamine reads it: a cell counts when it holds a value (<v>) or an
    inline string (<is>); its position is its reference, or, without one, the next column of its row, whose
    number is the row's own reference or the next row."""

    def __init__(self) -> None:
        self.rows = self.cols = 0
        self.row = 0
        self.col = 0
        self.cell: tuple[int, int] | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "row":
            given = attrs.get("r")
            self.row = int(given) if given and given.strip().isdigit() else self.row + 1
            self.col = 0
        elif local == "c":
            given = attrs.get("r")
            if given is not None:
                match = _REFERENCE.fullmatch(given.strip())
                if match is None or not match.group(1) or not match.group(2):
                    raise ValueError(f"cell reference {given[:20]!r}")
                self.col = column_number(match.group(1))
                self.cell = (int(match.group(2)), self.col)
            else:
                self.col += 1
                self.cell = (self.row, self.col)
        elif local in ("v", "is") and self.cell is not None:
            self.rows, self.cols = max(self.rows, self.cell[0]), max(self.cols, self.cell[1])

    def end(self, name: str) -> None:
        if name.rpartition(" ")[2] == "c":
            self.cell = None


def _expat(stream: IO[bytes], handler: _ExactSheet | _OdsTables) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.EntityDeclHandler = _no_entities
    for block in iter(lambda: stream.read(_BLOCK), b""):
        parser.Parse(block, False)
    parser.Parse(b"", True)


def _no_entities(*_args: object) -> None:
    raise ValueError("an entity declaration")


def _exact_range(stream: IO[bytes]) -> UsedRange:
    sheet = _ExactSheet()
    _expat(stream, sheet)
    return UsedRange(sheet.rows, sheet.cols)


def _open(book: zipfile.ZipFile | Path) -> zipfile.ZipFile:
    return book if isinstance(book, zipfile.ZipFile) else zipfile.ZipFile(book)


class _Inflated:
    """A deflated zip entry read with zlib directly, as a stream of at most its declared size. zipfile's own
    stream also checks the CRC and copies each block through its buffers: 0.12 s instead of 0.06 s for the 45 MB
    sheet of a 50,000-row file — a fifth of what the guard adds to a re-import. Nothing is lost: the reader
    that follows (python-calamine) checks the entry itself, and this pass only looks for cell references."""

    _CHUNK = 1 << 16  # compressed bytes fed at a time

    def __init__(self, handle: IO[bytes], info: zipfile.ZipInfo, chunk: int = _CHUNK) -> None:
        self._chunk = chunk
        handle.seek(info.header_offset)
        header = handle.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"{info.filename}: bad local header")
        name_length, extra_length = int.from_bytes(header[26:28], "little"), int.from_bytes(header[28:30], "little")
        handle.seek(info.header_offset + 30 + name_length + extra_length)
        self._handle, self._compressed, self._left = handle, info.compress_size, info.file_size
        self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)

    @staticmethod
    def fits(info: zipfile.ZipInfo) -> bool:
        """Deflated and not encrypted: the entries zlib reads alone."""
        return info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x1

    def read(self, size: int) -> bytes:
        out: list[bytes] = []
        want = min(size, self._left)
        inflate = self._inflate
        while want > 0:
            if inflate.unconsumed_tail:
                data = inflate.decompress(inflate.unconsumed_tail, want)
            elif self._compressed > 0 and not inflate.eof:
                chunk = self._handle.read(min(self._chunk, self._compressed))
                if not chunk:
                    raise EOFError("the entry ends early")
                self._compressed -= len(chunk)
                data = inflate.decompress(chunk, want)
            else:
                break
            out.append(data)
            want -= len(data)
        data = b"".join(out)
        self._left -= len(data)
        return data


class _InflatedAhead:
    """An _Inflated stream decompressed on a thread of its own, a few MB ahead of the reader: zlib releases the
    GIL while it inflates, so the inflating and the pattern search over the blocks already inflated overlap on
    two cores (a 50,000-row sheet, 45 MB: 0.16 s for both in turn, about 0.1 s overlapped). Whatever the
    inflating raises is raised by the `read` that reaches it; `close` stops the thread and waits for it, so the
    file it reads is never closed under it."""

    # Decompressed bytes handed over at a time, from compressed chunks of a quarter of that: each return from
    # zlib waits for the GIL (up to the 5 ms switch interval while the reader searches), so they must be few —
    # 64 KB chunks and 1 MB slices overlapped nothing
    SLICE = 4 << 20
    _QUEUED = 2  # slices inflated ahead at most

    def __init__(self, inner: _Inflated) -> None:
        self._queue: queue.Queue[bytes | BaseException] = queue.Queue(self._QUEUED)
        self._stop = threading.Event()
        self._data, self._at, self._ended = b"", 0, False
        self._thread = threading.Thread(target=self._inflate, args=(inner,), name="openlic-inflate", daemon=True)
        self._thread.start()

    def _inflate(self, inner: _Inflated) -> None:
        try:
            while not self._stop.is_set():
                data = inner.read(self.SLICE)
                self._queue.put(data)
                if not data:
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the reader's thread, which raises it there
            self._queue.put(exc)

    def read(self, size: int) -> bytes:
        # the GIL is let go for a moment: the inflating thread, back from zlib, would otherwise wait out the
        # switch interval while this thread searches — the two then took turns instead of overlapping
        time.sleep(0)
        if self._at >= len(self._data):
            if self._ended:
                return b""
            item = self._queue.get()
            if isinstance(item, BaseException):
                self._ended = True
                raise item
            if not item:
                self._ended = True
                return b""
            self._data, self._at = item, 0
        out = self._data[self._at:self._at + size]
        self._at += len(out)
        return out

    def close(self) -> None:
        self._stop.set()
        while self._thread.is_alive():  # a put waiting for room is let through, then the thread sees the stop
            try:
                self._queue.get(timeout=0.01)
            except queue.Empty:
                pass
        self._thread.join()


# Entries decompressing to more than this are inflated on a thread (_InflatedAhead); smaller ones (templates, the
# usual small sheet) are not worth a thread
INFLATE_AHEAD_BYTES = 4 * 1024 * 1024


@contextmanager
def _member(archive: zipfile.ZipFile, part: str) -> Iterator[IO[bytes]]:
    """An entry of the archive as a stream (see _Inflated, _InflatedAhead); zipfile's own stream for other kinds
    of entry."""
    info = archive.getinfo(part)
    if not _Inflated.fits(info) or archive.filename is None:
        with archive.open(info) as stream:
            yield stream
        return
    with open(archive.filename, "rb") as handle:
        if info.file_size <= INFLATE_AHEAD_BYTES:
            yield _Inflated(handle, info)  # type: ignore[misc]
            return
        try:
            ahead = _InflatedAhead(_Inflated(handle, info, _InflatedAhead.SLICE // 4))
        except RuntimeError:  # no thread to be had (the process at its limit): inflate in this one, as below 4 MB
            yield _Inflated(handle, info)  # type: ignore[misc]
            return
        try:
            yield ahead  # type: ignore[misc]
        finally:
            ahead.close()


def sheet_used_range(book: zipfile.ZipFile | Path, part: str, precise_above: int | None = None) -> UsedRange:
    """The used range of one OOXML worksheet part (e.g. xl/worksheets/sheet1.xml) of an .xlsx/.xlsm, as
    python-calamine would hold it (see the module notes), exact wherever the answer could decide something: above
    `precise_above` cells (default FAST_BOUND_CELLS; a reader's choice between holding and streaming) and above
    MAX_SHEET_CELLS (a refusal). FILE_CORRUPT when the part cannot be read."""
    precise_above = FAST_BOUND_CELLS if precise_above is None else precise_above
    archive = _open(book)
    name = Path(archive.filename or "").name
    try:
        with _member(archive, part) as stream:
            scan = _fast_range(stream)
        found = None
        if scan is not None:
            found = UsedRange(scan.rows, scan.cols)
            if scan.coarse * scan.cols > precise_above:  # the rows' digits alone do not settle it: prove them
                with _member(archive, part) as stream:
                    found = found if _proved_rows(stream, scan.tops) else None
        if found is not None and found.cells <= MAX_SHEET_CELLS:
            return found
        # cells written otherwise, or a range to refuse: read exactly (empty styled cells do not count)
        with _member(archive, part) as stream:
            return _exact_range(stream)
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, expat.ExpatError, EOFError, zlib.error) as exc:
        raise InputError("FILE_CORRUPT", path=name, reason=f"{part}: {str(exc)[:160]}") from exc
    finally:
        if archive is not book:
            archive.close()


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _small_xml(archive: zipfile.ZipFile, part: str) -> ElementTree.Element:
    data = archive.read(part)
    if _DTD.search(data):
        raise ValueError(f"a DTD in {part}")
    return ElementTree.fromstring(data)


def workbook_sheet_parts(book: zipfile.ZipFile | Path) -> dict[str, str]:
    """{sheet name: worksheet part} of an .xlsx/.xlsm, in the workbook's order (chart sheets left out)."""
    archive = _open(book)
    try:
        rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG}Relationship")
                   if rel.get("Type", "").endswith("/worksheet")}
        out: dict[str, str] = {}
        for sheet in _small_xml(archive, "xl/workbook.xml").iter(f"{_MAIN}sheet"):
            target = targets.get(sheet.get(f"{_REL}id"))
            if target is None:
                continue
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            out[sheet.get("name", "")] = str(PurePosixPath(part))
        return out
    finally:
        if archive is not book:
            archive.close()


def workbook_used_ranges(path: Path) -> dict[str, UsedRange]:
    """The used range of every worksheet of an .xlsx/.xlsm (FILE_CORRUPT when its parts cannot be read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = workbook_sheet_parts(archive)
            return {name: sheet_used_range(archive, part) for name, part in parts.items()}
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise InputError("FILE_CORRUPT", path=path.name, reason=str(exc)[:200] or type(exc).__name__) from exc


# ---- OpenDocument ----------------------------------------------------------------------------------------------

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


class _OdsTables:
    """Each table of an OpenDocument content.xml with its used range, repeats counted: a cell counts when it has a
    value type or content; repeated rows and columns of such cells count in full."""

    def __init__(self) -> None:
        self.ranges: dict[str, UsedRange] = {}
        self.name = ""
        self.rows = self.cols = 0
        self.row = 0          # rows before the current one
        self.row_repeat = 1
        self.col = 0          # columns before the current cell
        self.cell: tuple[int, bool] | None = None  # (columns repeated, counted already)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        space, _sep, local = name.rpartition(" ")
        if space == _TABLE:
            if local == "table":
                self.name, self.rows, self.cols, self.row = attrs.get(f"{_TABLE} name", ""), 0, 0, 0
            elif local == "table-row":
                self.row_repeat = _count(attrs.get(f"{_TABLE} number-rows-repeated"))
                self.col = 0
            elif local in ("table-cell", "covered-table-cell"):
                repeat = _count(attrs.get(f"{_TABLE} number-columns-repeated"))
                self.cell = (repeat, False)
                if f"{_OFFICE} value-type" in attrs:
                    self._count_cell()
                return
        if self.cell is not None and not self.cell[1]:  # content inside a cell (text:p …)
            self._count_cell()

    def _count_cell(self) -> None:
        assert self.cell is not None
        repeat, _counted = self.cell
        self.cell = (repeat, True)
        self.rows = max(self.rows, self.row + self.row_repeat)
        self.cols = max(self.cols, self.col + repeat)

    def end(self, name: str) -> None:
        space, _sep, local = name.rpartition(" ")
        if space != _TABLE:
            return
        if local in ("table-cell", "covered-table-cell") and self.cell is not None:
            self.col += self.cell[0]
            self.cell = None
        elif local == "table-row":
            self.row += self.row_repeat
            self.row_repeat = 1
        elif local == "table":
            self.ranges[self.name] = UsedRange(self.rows, self.cols)


def _count(value: str | None) -> int:
    if value is None:
        return 1
    value = value.strip()
    if not value.isdigit():
        raise ValueError(f"repeat count {value[:20]!r}")
    return max(int(value), 1)


def ods_used_ranges(path: Path) -> dict[str, UsedRange]:
    """The used range of every table of an .ods (FILE_CORRUPT when content.xml cannot be read)."""
    tables = _OdsTables()
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            _expat(stream, tables)
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, expat.ExpatError, EOFError, zlib.error) as exc:
        raise InputError("FILE_CORRUPT", path=path.name, reason=f"content.xml: {str(exc)[:160]}") from exc
    return tables.ranges
