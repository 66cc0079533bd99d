"""The audit trail's head (count, last record id, last hash) of each database, kept outside it in the user config
folder: `audit_anchors/<key>.json` per database, {"location", "count", "last_id", "last_hash", "at"}, where the
location is the database file's absolute path (or its URL, password masked) and the key a hash of it.

A database whose trail no longer holds its anchored head was cut, emptied or rewritten behind the app's back.
`record` only moves an anchor forward (a smaller head never replaces a larger one: that would be the cut itself);
`replace` puts one back (a restore, which rightly goes back to an older head). Each file is read and written in
place under a file lock (processes writing the same database at once each leave a head the trail really had) and
without fsync: it is written after every commit that appends, and a crash can only leave it behind — an older
head the trail still holds — never ahead.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openlic_desktop.support import paths
from openlic_desktop.support.files import file_lock

FOLDER = "audit_anchors"


def _file(location: str) -> Path:
    folder = paths.config_dir() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{hashlib.sha256(location.encode('utf-8', 'surrogateescape')).hexdigest()[:24]}.json"


def _read(path: Path, location: str) -> dict[str, Any] | None:
    try:
        raw = json.loads(path.read_bytes().decode("utf-8") or "null")
    except (OSError, ValueError):
        return None
    return raw if isinstance(raw, dict) and raw.get("location") == location else None


def get(location: str) -> dict[str, Any] | None:
    return _read(_file(location), location)


def _write(location: str, head: dict[str, Any], forward_only: bool) -> None:
    path = _file(location)
    with file_lock(path):
        old = _read(path, location)
        if forward_only and old is not None and int(old.get("count", 0)) > int(head["count"]):
            return
        body = json.dumps(dict(head, location=location, at=datetime.now(UTC).isoformat(timespec="seconds")),
                          ensure_ascii=True, sort_keys=True).encode("ascii")
        with open(path, "r+b") as handle:
            handle.write(body)
            handle.truncate()


def record(location: str, head: dict[str, Any]) -> None:
    """Anchor a head the database reached (ignored when an anchor further on is already there)."""
    _write(location, head, forward_only=True)


def replace(location: str, head: dict[str, Any]) -> None:
    """Anchor this head whatever was anchored before (after a restore)."""
    _write(location, head, forward_only=False)


def location_of(path: str | os.PathLike[str]) -> str:
    return str(os.path.abspath(path))
