"""The content-addressed attachment store: `<data dir>/attachments/<aa>/<sha256>.<ext>`, one copy per content.

Files are checked on the way in by their bytes (PDF, OFD, JPEG, PNG; a size limit) and verified on the way out
(the SHA-256 of what is on disk must still be the name). Writes are atomic. No database here: the rows that point
at stored files are in models_readiness.Attachment.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openlic_desktop.support import paths
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.files import atomic_write_bytes, file_sha256

MAX_BYTES = 50 * 1024 * 1024   # [ours] generous for scanned reports, well under a mailbox limit
EXTENSIONS = {"pdf": ("pdf",), "ofd": ("ofd",), "jpeg": ("jpg", "jpeg"), "png": ("png",)}


def store_dir() -> Path:
    return paths.data_dir() / "attachments"


def sniff(data: bytes) -> str | None:
    """The file type the bytes say, or None. OFD (GB/T 33190) is a zip whose root holds OFD.xml."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = {n.lower() for n in archive.namelist()}
        except (zipfile.BadZipFile, ValueError):
            return None
        if "ofd.xml" in names:
            return "ofd"
    return None


@dataclass(frozen=True)
class Checked:
    data: bytes
    sha256: str
    file_type: str
    size: int
    name: str


def check_file(path: Path, max_bytes: int = MAX_BYTES) -> Checked:
    """Read and check a file the user gave; InputError with the reason when it is refused."""
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError("ATTACHMENT_UNREADABLE", name=name, reason="not a file")
        if size > max_bytes:
            raise InputError("ATTACHMENT_OVERSIZE", name=name, size_mb=f"{size / 1048576:.1f}",
                             limit_mb=f"{max_bytes / 1048576:.0f}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("FILE_NOT_FOUND", path=str(path)) from None
    except OSError as exc:
        raise InputError("ATTACHMENT_UNREADABLE", name=name, reason=exc.strerror or str(exc)) from None
    if len(data) > max_bytes:  # it grew while we looked
        raise InputError("ATTACHMENT_OVERSIZE", name=name, size_mb=f"{len(data) / 1048576:.1f}",
                         limit_mb=f"{max_bytes / 1048576:.0f}")
    if not data:
        raise InputError("ATTACHMENT_EMPTY", name=name)
    file_type = sniff(data)
    if file_type is None:
        raise InputError("ATTACHMENT_TYPE", name=name)
    suffix = path.suffix.lower().lstrip(".")
    if suffix and suffix not in EXTENSIONS[file_type]:
        raise InputError("ATTACHMENT_NAME_MISMATCH", name=name, actual=file_type.upper())
    return Checked(data, hashlib.sha256(data).hexdigest(), file_type, len(data), name)


def stored_path(sha256: str, file_type: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")  # never let a stored value become a path elsewhere
    return store_dir() / sha256[:2] / f"{sha256}.{EXTENSIONS[file_type][0]}"


def put(checked: Checked) -> tuple[Path, bool]:
    """Store the bytes (once per content). Returns (path, newly_written)."""
    target = stored_path(checked.sha256, checked.file_type)
    if target.exists() and file_sha256(target) == checked.sha256:
        return target, False
    atomic_write_bytes(target, checked.data)
    return target, True


_SEEN: dict[tuple[str, int, int], str] = {}  # (path, mtime_ns, size) -> state, for display only


def state(sha256: str, file_type: str, quick: bool = False) -> str:
    """ok | missing | changed — what is on disk now. `quick` (for screens that refresh after every edit) trusts
    an earlier full hash while the file's size and modification time are unchanged; the way out (packing,
    opening) always hashes the bytes."""
    path = stored_path(sha256, file_type)
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if quick and key in _SEEN:
            return _SEEN[key]
        result = "ok" if file_sha256(path) == sha256 else "changed"
    except OSError:  # gone, or unreadable: either way it cannot be packed
        return "missing"
    if len(_SEEN) > 10_000:
        _SEEN.clear()
    _SEEN[key] = result
    return result


def remove_if_unused(sha256: str, file_type: str) -> None:
    path = stored_path(sha256, file_type)
    path.unlink(missing_ok=True)
