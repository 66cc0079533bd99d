"""Leftovers of interrupted work: staging folders and `.part` files a killed process could not remove.

A job that makes such a thing says so first: `with tracked(path):` writes a small marker in
`<data dir>/unfinished/` naming the path and holds an OS lock on the marker for as long as the job runs (the OS
lets go of it when the process dies, however it dies). A finished job removes its own leftovers and its marker.
`sweep()` — run at every start, when a workspace opens — takes each marker it can lock (its job is gone), removes
the paths it names and then the marker; a marker still locked belongs to a job running in another process and is
left alone.

Only names this program makes are ever removed (`.openlic-…`/`openlic-…` folders, `….part` files): a marker that
names anything else — damaged, or written by hand — removes nothing.

Thread rule: plain functions; a marker per job, so threads and processes never share one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from openlic_desktop.support import paths
from openlic_desktop.support.files import file_lock

log = logging.getLogger(__name__)

FOLDER = "unfinished"
_SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")
STALE_EMPTY_SECONDS = 3600  # a marker with nothing in it (its job died while making it) goes after an hour


def _folder() -> Path:
    folder = paths.data_dir() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ours(path: Path) -> bool:
    """A name this program gives to staging folders and partial files — the only things a sweep removes."""
    name = path.name
    return name.endswith(".part") or name.startswith((".openlic-", "openlic-", ".restore-"))


@contextlib.contextmanager
def tracked(*items: str | os.PathLike[str]) -> Iterator[None]:
    """Mark `items` as work in progress of this process until the block ends (see the module docstring)."""
    marker = _folder() / f"{os.getpid()}-{uuid.uuid4().hex}.json"
    # the lock before the content: a sweep that opens the marker between the two finds it empty and leaves it
    try:
        with file_lock(marker):
            with open(marker, "w", encoding="utf-8") as handle:
                # ASCII escapes keep a name the file system took but UTF-8 cannot hold (Linux bytes) intact
                json.dump({"pid": os.getpid(), "paths": [os.fsdecode(os.path.abspath(p)) for p in items]}, handle)
            yield
    finally:  # the job cleaned up after itself (or is failing now and does): the marker goes too
        with contextlib.suppress(OSError):
            marker.unlink()


def sweep() -> list[Path]:
    """Remove what jobs that are gone left behind; returns what was removed."""
    removed: list[Path] = []
    try:
        markers = sorted(_folder().glob("*.json"))
    except OSError:
        return removed
    for marker in markers:
        try:
            with file_lock(marker, wait=False) as free:
                if not free:
                    continue  # its job is still running
                try:
                    raw = json.loads(marker.read_text(encoding="utf-8") or "null")
                except (OSError, ValueError):
                    raw = None
                if raw is None and time.time() - marker.stat().st_mtime < STALE_EMPTY_SECONDS:
                    continue  # being written by a job that has just started
                for item in (raw or {}).get("paths", []) if isinstance(raw, dict) else []:
                    path = Path(item)
                    if not ours(path):
                        continue
                    # an SQLite file being written has companions its job would have removed with it
                    for each in (path, *(path.with_name(path.name + end) for end in _SQLITE_COMPANIONS)):
                        if _remove(each):
                            removed.append(each)
            with contextlib.suppress(OSError):
                marker.unlink()
        except OSError as exc:  # a marker we may not touch: leave it, never fail a start for this
            log.warning("could not sweep %s: %s", marker, exc)
    if removed:
        log.info("swept what interrupted work left: %s", ", ".join(map(str, removed)))
    return removed


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        else:
            return False
    except OSError as exc:
        log.warning("could not remove %s: %s", path, exc)
        return False
    return True


@contextlib.contextmanager
def staging_folder(parent: str | os.PathLike[str] | None, prefix: str) -> Iterator[Path]:
    """A new private folder `<parent>/<prefix>…` (the system's temporary folder when `parent` is None) for work
    that is moved into place when done; tracked before it exists and removed at the end, whatever happens."""
    base = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    folder = base / f"{prefix}{uuid.uuid4().hex[:10]}"
    with tracked(folder):
        folder.mkdir(mode=0o700)
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
