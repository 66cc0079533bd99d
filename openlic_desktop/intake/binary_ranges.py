"""The used range of each sheet of the binary workbooks python-calamine reads — .xls (BIFF8 in an OLE file) and
.xlsb (BIFF12 records in a zip) — read from their cell records before the reader allocates the sheet.

A 6 KB .xls with a value at IV65536 costs python-calamine about 1 GB: the sheet's whole range is held. The
records are walked once in Python (about 0.5 µs a record): .xls files stop at 65,536 rows and .xlsb files are
rare, so this stays a fraction of the time the reader itself takes. The .xlsx and .ods scans, which documents need
too, live in support.archive_limits.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from openlic_desktop.support.archive_limits import UsedRange
from openlic_desktop.support.errors import InputError

# BIFF8 records (MS-XLS 2.3): cell records start with row (u16) and column (u16)
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_CELLS = frozenset((0x00FD, 0x0204, 0x0203, 0x027E, 0x0205, 0x0006, 0x00D6))  # LABELSST LABEL NUMBER RK BOOLERR
#                                                                            FORMULA RSTRING (BLANK: nothing)
_MULRK = 0x00BD  # row, first column, …, last column (u16 at the end)
_U16X2 = struct.Struct("<HH")
_U32 = struct.Struct("<I")


def _sheet_names(data: bytes) -> dict[int, str]:
    """{stream offset of a sheet's BOF: its name} from the workbook globals' BOUNDSHEET records."""
    names: dict[int, str] = {}
    pos, size = 0, len(data)
    while pos + 4 <= size:
        kind, length = _U16X2.unpack_from(data, pos)
        body = data[pos + 4:pos + 4 + length]
        if kind == _BOUNDSHEET and len(body) >= 8:
            offset = _U32.unpack_from(body)[0]
            chars, wide = body[6], body[7] & 1
            raw = body[8:8 + chars * (2 if wide else 1)]
            names[offset] = raw.decode("utf-16-le" if wide else "latin-1", "replace")
        elif kind == _EOF:
            break
        pos += 4 + length
    return names


def xls_used_ranges(path: Path) -> dict[str, UsedRange]:
    """{sheet name: used range} of an .xls (values only: blank cells hold nothing). FILE_CORRUPT when its OLE
    container or records cannot be read."""
    from xlrd.compdoc import CompDoc

    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        doc = CompDoc(raw, logfile=io.StringIO())
        data = None
        for stream in ("Workbook", "Book"):
            with contextlib.suppress(Exception):
                mem, base, size = doc.locate_named_stream(stream)
                if mem is not None:
                    data = bytes(mem[base:base + size])
                    break
        if data is None:
            raise ValueError("no Workbook stream")
    except InputError:
        raise
    except Exception as exc:  # xlrd's CompDocError and friends: a broken container
        raise InputError("FILE_CORRUPT", path=path.name, reason=str(exc)[:200] or type(exc).__name__) from exc
    names = _sheet_names(data)
    ranges: dict[str, UsedRange] = {name: UsedRange(0, 0) for name in names.values()}
    pos, size = 0, len(data)
    sheet: str | None = None
    rows = cols = 0
    while pos + 4 <= size:
        kind, length = _U16X2.unpack_from(data, pos)
        if kind == _BOF:
            sheet, rows, cols = names.get(pos), 0, 0
        elif sheet is not None:
            if kind in _CELLS and length >= 4:
                row, col = _U16X2.unpack_from(data, pos + 4)
                rows, cols = max(rows, row + 1), max(cols, col + 1)
            elif kind == _MULRK and length >= 6:
                row = _U16X2.unpack_from(data, pos + 4)[0]
                last = _U16X2.unpack_from(data, pos + 4 + length - 4)[1] if length >= 8 else 0
                rows, cols = max(rows, row + 1), max(cols, last + 1)
            elif kind == _EOF:
                ranges[sheet] = UsedRange(rows, cols)
                sheet = None
        pos += 4 + length
    return ranges


def _varint(data: bytes, pos: int, most: int) -> tuple[int, int]:
    value = shift = 0
    for i in range(most):
        byte = data[pos + i]
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos + i + 1
    return value, pos + most


# BIFF12 records (MS-XLSB 2.1): BrtRowHdr gives the row; cell records start with their column (u32). The cells
# python-calamine keeps: BrtCellRk … BrtFmlaBool (2–10); it skips blanks (1) and stops at a row past Excel's last.
_ROW_HEADER = 0
_VALUE_CELLS = frozenset(range(2, 11))
_LAST_ROW_INDEX = 0x100000
_BUNDLE_SHEET = 0x9C


def _records(data: bytes):
    """(record type, offset of its body, body length) of each BIFF12 record."""
    pos, size = 0, len(data)
    while pos < size:
        kind, pos = _varint(data, pos, 2)
        length, pos = _varint(data, pos, 4)
        yield kind, pos, length
        pos += length


def _wide_string(body: bytes, pos: int) -> tuple[str, int]:
    chars = _U32.unpack_from(body, pos)[0]
    end = pos + 4 + 2 * chars
    return body[pos + 4:end].decode("utf-16-le", "replace"), end


def _xlsb_sheet_range(data: bytes) -> UsedRange:
    rows = cols = 0
    row = -1
    for kind, at, length in _records(data):
        if kind == _ROW_HEADER and length >= 4:
            row = _U32.unpack_from(data, at)[0]
            if row > _LAST_ROW_INDEX:
                break
        elif kind in _VALUE_CELLS and length >= 4:
            col = _U32.unpack_from(data, at)[0]
            rows, cols = max(rows, row + 1), max(cols, col + 1)
    return UsedRange(rows, cols)


_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def xlsb_used_ranges(path: Path) -> dict[str, UsedRange]:
    """{sheet name: used range} of an .xlsb. FILE_CORRUPT when its parts cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.bin.rels"))
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG}Relationship")}
            book = archive.read("xl/workbook.bin")
            out: dict[str, UsedRange] = {}
            for kind, at, length in _records(book):
                if kind != _BUNDLE_SHEET or length < 12:
                    continue
                body = book[at:at + length]
                rel, end = _wide_string(body, 8)
                name, _end = _wide_string(body, end)
                target = targets.get(rel)
                if not target or not target.endswith(".bin"):
                    continue
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                out[name] = _xlsb_sheet_range(archive.read(str(PurePosixPath(part))))
            return out
    except InputError:
        raise
    except Exception as exc:  # zip, XML and record errors alike: the file is broken
        raise InputError("FILE_CORRUPT", path=path.name, reason=str(exc)[:200] or type(exc).__name__) from exc
