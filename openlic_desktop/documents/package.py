"""The submission package: one zip with the information table, letters, reports, 清单.xlsx and manifest.json.

Deterministic: the same files and the same day give a byte-identical zip — entries sorted by name (then 清单.xlsx,
then manifest.json, which lists the SHA-256 of every other entry), every entry stamped with the package day at
00:00, permissions 0644, made on "Unix". Names are UTF-8 with the language-encoding flag (bit 11) and also an
Info-ZIP Unicode Path extra field (0x7075), so Windows Explorer, macOS Finder/Archive Utility and 7-Zip show the
Chinese names instead of mojibake.

Compression: PDFs, images, Office files and zips are stored (ZIP_STORED) — they are compressed already, deflating
them again gains well under 1 % and is most of the CPU time of a big package (see tests/benchmarks/bench_package.py);
text (json, csv, txt, xml) is deflated.

Written atomically (support/files.atomic_path): a cancel or an error leaves no zip and no temp file. Files from the
attachment store carry their expected SHA-256 and are verified while they stream into the zip.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openlic_desktop.support.errors import InputError, OpenLicError
from openlic_desktop.support.files import atomic_path

CHUNK = 1 << 20
MAX_COMPONENT_BYTES = 180   # well below the 255-byte file-name limit of ext4/APFS/NTFS after unpacking
MAX_PATH_CHARS = 200        # inside the zip; leaves room under Windows' 260 for the folder it is unpacked into
STORED_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".zip", ".7z",
                             ".rar", ".gz", ".docx", ".xlsx", ".pptx", ".ofd", ".heic"})
MANIFEST_NAME = "manifest.json"
CHECKLIST_NAME = "清单.xlsx"
_WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                               *(f"LPT{i}" for i in range(1, 10)), "CONIN$", "CONOUT$"})
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]')
_DOTS = re.compile(r"\.{2,}")
_SPACES = re.compile(r"\s+")

Progress = Callable[[int, int], bool]


# ------------------------------------------------------------------------------------------------ file names
def sanitise_component(text: str, max_bytes: int = MAX_COMPONENT_BYTES) -> str:
    """One safe file or folder name from any text (a title, a patentee's name, a report number).

    No path separators, no `..`, no characters Windows forbids, no control or bidi-override characters, no
    reserved device names (CON, NUL.txt …), no trailing dot or space, at most `max_bytes` UTF-8 bytes with the
    extension kept. Never empty."""
    value = unicodedata.normalize("NFC", str(text))
    value = _BAD_CHARS.sub("_", value)
    value = _SPACES.sub(" ", value)
    value = _DOTS.sub(".", value)
    value = value.strip(" .")
    stem, dot, ext = value.rpartition(".")
    if not dot or not stem or len(ext) > 8 or " " in ext:
        stem, ext = value, ""
    if stem.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    ext_part = ("." + ext) if ext else ""
    budget = max_bytes - len(ext_part.encode("utf-8"))
    encoded = stem.encode("utf-8")
    if len(encoded) > budget:
        stem = encoded[:budget].decode("utf-8", errors="ignore").rstrip(" .")
    value = (stem + ext_part).strip(" .")
    return value or "_"


def join_name(*parts: str) -> str:
    """A path inside the zip made of sanitised components joined by '/'."""
    return "/".join(sanitise_component(p) for p in parts if p is not None)


def check_entry_name(name: str) -> str:
    """Refuse a name inside the zip that is absolute, climbs out (`..`), or has an unsafe component."""
    parts = name.split("/")
    if (not name or name.startswith("/") or len(name) > MAX_PATH_CHARS
            or any(p != sanitise_component(p) for p in parts)):
        raise InputError("PACKAGE_NAME_INVALID", name=name)
    return name


# ------------------------------------------------------------------------------------------------ entries
@dataclass(frozen=True)
class PackageFile:
    """One file of the package: bytes in memory or a file on disk (streamed), plus what it is for."""

    name: str                        # path inside the zip, '/'-separated, sanitised components
    data: bytes | None = None
    source: Path | None = None
    expected_sha256: str | None = None  # from the attachment store: verified on the way out
    description: str = ""            # shown in 清单.xlsx
    patent: str = ""                 # application number it belongs to, "" for the whole package

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.source is not None
        return self.source.stat().st_size


@dataclass(frozen=True)
class EntryRecord:
    name: str
    size: int
    sha256: str
    description: str = ""
    patent: str = ""


@dataclass
class PackageResult:
    path: Path
    sha256: str
    size: int
    entries: list[EntryRecord] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries]


def _zipinfo(name: str, day: date, stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, datetime.combine(day, time()).timetuple()[:6])
    info.create_system = 3  # Unix: external_attr carries the mode
    info.external_attr = (0o100644 << 16)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    raw = name.encode("utf-8")
    if not name.isascii():
        info.flag_bits |= 0x800
        # Info-ZIP Unicode Path extra field: version 1, CRC-32 of the header name, the UTF-8 name
        body = struct.pack("<BI", 1, zlib.crc32(raw)) + raw
        info.extra = struct.pack("<HH", 0x7075, len(body)) + body
    return info


def is_stored(name: str) -> bool:
    return Path(name).suffix.lower() in STORED_SUFFIXES


def _write_entry(zf: zipfile.ZipFile, item: PackageFile, day: date, on_bytes: Callable[[int], None]) -> EntryRecord:
    info = _zipinfo(item.name, day, is_stored(item.name))
    digest = hashlib.sha256()
    size = item.size()
    info.file_size = size
    with zf.open(info, "w", force_zip64=size > 0x7FFF0000) as dst:
        if item.data is not None:
            digest.update(item.data)
            dst.write(item.data)
            on_bytes(len(item.data))
        else:
            with open(item.source, "rb") as src:  # type: ignore[arg-type]
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                    on_bytes(len(chunk))
    sha = digest.hexdigest()
    if item.expected_sha256 and sha != item.expected_sha256.lower():
        raise OpenLicError("ATTACHMENT_CHANGED", name=item.name)
    return EntryRecord(item.name, size, sha, item.description, item.patent)


def checklist_xlsx(entries: Sequence[EntryRecord], moment: datetime) -> bytes:
    """清单.xlsx: every file of the package with its size and SHA-256."""
    import xlsxwriter

    from openlic_desktop.documents import print_setup
    from openlic_desktop.documents.ooxml import reproducible

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    book.set_properties({"title": "材料清单", "created": moment.replace(microsecond=0, tzinfo=None)})
    sheet = book.add_worksheet("清单")
    head = book.add_format({"bold": True, "border": 1, "bg_color": "#D9E1F2"})
    cell = book.add_format({"border": 1, "num_format": "@"})
    num = book.add_format({"border": 1})
    for c, (title, width) in enumerate((("序号", 6), ("文件", 60), ("说明", 30), ("申请号", 18),
                                         ("大小（字节）", 14), ("SHA-256", 68))):
        sheet.write_string(0, c, title, head)
        sheet.set_column(c, c, width)
    for r, e in enumerate(entries, start=1):
        sheet.write_number(r, 0, r, num)
        sheet.write_string(r, 1, e.name, cell)
        sheet.write_string(r, 2, e.description, cell)
        sheet.write_string(r, 3, e.patent, cell)
        sheet.write_number(r, 4, e.size, num)
        sheet.write_string(r, 5, e.sha256, cell)
    print_setup.xlsxwriter_sheet(sheet, 1)
    book.close()
    return reproducible(buffer.getvalue(), moment)


def manifest_json(entries: Sequence[EntryRecord], meta: dict[str, Any]) -> bytes:
    """The manifest: format, the package's `meta` (profile, bureau, office, patents, batch, date, and `audit` — the
    office's audit-trail head {count, last_id, last_hash} when the package was made, an anchor `openlic audit
    verify --against` checks the database with), then every file with its size and SHA-256."""
    body = {"format": "openlic-package/1", **meta,
            "files": [{"name": e.name, "size": e.size, "sha256": e.sha256, "description": e.description,
                       "application_number": e.patent or None} for e in entries]}
    return (json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n").encode("utf-8")


def build_package(target: str | Path, files: Sequence[PackageFile], day: date, meta: dict[str, Any] | None = None,
                  progress: Progress | None = None) -> PackageResult:
    """Write the zip at `target` atomically. `progress(done_bytes, total_bytes)` returning False cancels
    (InterruptedError; nothing is left behind)."""
    target = Path(target)
    items = sorted(files, key=lambda f: f.name)
    seen: set[str] = set()
    for item in items:
        check_entry_name(item.name)
        key = item.name.casefold()  # Windows and macOS file systems ignore case: 'A.pdf' and 'a.pdf' collide
        if key in seen or item.name in (MANIFEST_NAME, CHECKLIST_NAME):
            raise InputError("PACKAGE_DUPLICATE_ENTRY", name=item.name)
        seen.add(key)
    total = sum(f.size() for f in items) or 1
    done = 0

    def on_bytes(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None and not progress(done, total):
            raise InterruptedError("cancelled")

    moment = datetime.combine(day, time())
    if progress is not None and not progress(0, total):
        raise InterruptedError("cancelled")
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as raw, zipfile.ZipFile(raw, "w") as zf:
            records = [_write_entry(zf, item, day, on_bytes) for item in items]
            checklist = checklist_xlsx(records, moment)
            checklist_record = _write_entry(zf, PackageFile(CHECKLIST_NAME, checklist, description="材料清单"),
                                            day, lambda n: None)
            all_records = [*records, checklist_record]
            manifest = manifest_json(all_records, dict(meta or {}) | {"date": day.isoformat()})
            _write_entry(zf, PackageFile(MANIFEST_NAME, manifest), day, lambda n: None)
        digest = hashlib.sha256()
        with open(tmp, "rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        size = tmp.stat().st_size
    return PackageResult(target, digest.hexdigest(), size, all_records)
