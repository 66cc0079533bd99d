"""The used ranges of worksheets already checked, remembered by the file's content: a file opened again unchanged
is not scanned again.

Before python-calamine may allocate a sheet, its used range is read from the sheet's XML and checked
(support.archive_limits.sheet_used_range): the whole part is inflated and scanned, ~0.1 s of a 50,000-row sheet,
paid again by every re-import of the same file. The answer depends only on the part's bytes and on the code that
scans them, so it is remembered under

* the SHA-256 of the whole file (which the import history records anyway: `Spreadsheet.sha256` computes it once),
* the worksheet part, and
* a fingerprint of the scanning code: the release and, in a source install, archive_limits' own source — a new
  release, or any edit of the scan, forgets everything.

What is remembered is the range the scan found, never a verdict: archive_limits.check_used_range's limits are
applied to a remembered range exactly as to a scanned one. A range is remembered only once its sheet has passed
them (a refused file leaves nothing here), and only if the file did not change while it was hashed and scanned
(same size, inode, mtime and ctime after the scan as before the hash), so a range is never filed under bytes it
was not read from. At most KEEP files, the most recently checked; an unreadable, malformed or foreign file here
is a miss, and a folder that cannot be written to remembers nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from openlic_desktop import __version__
from openlic_desktop.support import archive_limits, paths
from openlic_desktop.support.archive_limits import UsedRange
from openlic_desktop.support.files import atomic_path

FILE_NAME = "checked_sheets.json"
KEEP = 32  # files; ~120 bytes each


def file_state(path: Path) -> tuple[int, ...]:
    """What changes when the file's bytes may have: size, inode, mtime and ctime (the last one no program sets)."""
    st = os.stat(path)
    return st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns


@functools.cache
def scanner_fingerprint() -> str:
    """The release and, where it can be read, the source of the scan (a frozen build has none: the release
    decides)."""
    digest = hashlib.blake2b(f"openlic-checked-sheets-1/{__version__}".encode(), digest_size=16)
    with contextlib.suppress(OSError, TypeError):
        digest.update(Path(archive_limits.__file__ or "").read_bytes())
    return digest.hexdigest()


def _store() -> Path:
    return paths.data_dir() / FILE_NAME


def _load() -> dict[str, dict[str, Any]]:
    """{file SHA-256: {part: [rows, cols]}}, oldest first; {} when there is nothing usable."""
    try:
        data = json.loads(_store().read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("scanner") != scanner_fingerprint():
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def recall(sha256: str, part: str) -> UsedRange | None:
    """The range remembered for this part of the file with this SHA-256 (None: scan it)."""
    entry = _load().get(sha256)
    found = entry.get(part) if isinstance(entry, dict) else None
    if isinstance(found, list) and len(found) == 2 and _count(found[0]) and _count(found[1]):
        return UsedRange(found[0], found[1])
    return None


def remember(sha256: str, ranges: dict[str, UsedRange]) -> None:
    """Remember the parts' ranges found in the file with this SHA-256 (it becomes the most recent of KEEP)."""
    files = _load()
    entry = files.pop(sha256, None)
    entry = dict(entry) if isinstance(entry, dict) else {}
    entry.update({part: [used.rows, used.cols] for part, used in ranges.items()})
    files[sha256] = entry
    for old in list(files)[:-KEEP]:
        del files[old]
    text = json.dumps({"scanner": scanner_fingerprint(), "files": files}, separators=(",", ":"))
    with contextlib.suppress(OSError), atomic_path(_store()) as tmp:  # a cache: no fsync, and optional
        tmp.write_text(text, encoding="ascii")
