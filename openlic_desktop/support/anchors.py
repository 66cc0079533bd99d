"""The audit trail's head (count, last record id, last hash) of each database, kept outside it in the user config
folder: `audit_anchors.json`, {location: {"count", "last_id", "last_hash", "at"}}, where the location is the
database file's absolute path (or its URL, password masked).

A database whose trail no longer holds its anchored head was cut, emptied or rewritten behind the app's back.
`record` only moves an anchor forward (a smaller head never replaces a larger one: that would be the cut itself);
`replace` puts one back (a restore, which rightly goes back to an older head). Read-modify-write under a file lock:
processes writing the same database at once each leave a head the trail really had.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Any

from openlic_desktop.support import paths
from openlic_desktop.support.files import atomic_write_text, file_lock

FILE = "audit_anchors.json"


def _load() -> dict[str, Any]:
    try:
        raw = json.loads((paths.config_dir() / FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return {}
    return raw if isinstance(raw, dict) else {}


def get(location: str) -> dict[str, Any] | None:
    value = _load().get(location)
    return value if isinstance(value, dict) else None


def _write(location: str, head: dict[str, Any], forward_only: bool) -> None:
    folder = paths.config_dir()
    with file_lock(folder / (FILE + ".lock")):
        anchors = _load()
        old = anchors.get(location)
        if forward_only and isinstance(old, dict) and int(old.get("count", 0)) > int(head["count"]):
            return
        anchors[location] = dict(head, at=datetime.now(UTC).isoformat(timespec="seconds"))
        atomic_write_text(folder / FILE, json.dumps(anchors, ensure_ascii=False, indent=1, sort_keys=True))


def record(location: str, head: dict[str, Any]) -> None:
    """Anchor a head the database reached (ignored when an anchor further on is already there)."""
    _write(location, head, forward_only=True)


def replace(location: str, head: dict[str, Any]) -> None:
    """Anchor this head whatever was anchored before (after a restore)."""
    _write(location, head, forward_only=False)


def location_of(path: str | os.PathLike[str]) -> str:
    return str(os.path.abspath(path))
