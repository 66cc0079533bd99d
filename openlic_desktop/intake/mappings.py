"""Remembered column mappings: when the user corrects how columns were recognised, the correction is reused for
the next file with the same header row.

Kept as a JSON file in the user data dir (`import_mappings.json`), not in the database: a mapping describes the
office's spreadsheets, not its patents, so it should follow the user across databases (a test copy, a shared
server, a fresh demo) and needs no schema migration. Keyed by `headers.headers_signature` (normalised header
texts in order); the value is {column index: field}. Written atomically; a damaged file is ignored, not fatal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from openlic_desktop.support import paths
from openlic_desktop.support.files import atomic_write_text

FILE_NAME = "import_mappings.json"
MAX_ENTRIES = 200  # the oldest are dropped beyond this


def _path() -> Path:
    return paths.data_dir() / FILE_NAME


def _load_all() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def recall(signature: str) -> dict[int, str] | None:
    """The mapping the user chose last time for these headers, or None."""
    entry = _load_all().get(signature)
    if not isinstance(entry, dict):
        return None
    try:
        return {int(col): str(fld) for col, fld in entry.items()}
    except (TypeError, ValueError):
        return None


def remember(signature: str, mapping: Mapping[int, str]) -> None:
    data = _load_all()
    data.pop(signature, None)
    data[signature] = {str(col): fld for col, fld in sorted(mapping.items())}
    while len(data) > MAX_ENTRIES:
        data.pop(next(iter(data)))
    atomic_write_text(_path(), json.dumps(data, ensure_ascii=False, indent=1))


def forget(signature: str) -> None:
    data = _load_all()
    if data.pop(signature, None) is not None:
        atomic_write_text(_path(), json.dumps(data, ensure_ascii=False, indent=1))
