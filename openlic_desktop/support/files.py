"""Atomic file writing: a temporary file in the target folder, then one rename. A failed job leaves nothing.

The file gets the mode any new file of the user gets (0644 under the usual umask 022): `mkstemp` makes its
temporary files 0600, which the rename would otherwise carry to every document, package and e-mail we write.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask. Linux tells it in /proc without changing it; elsewhere it can only be read by setting
    it, so it is set to the common 022 for that instant (a file another thread creates meanwhile gets 0644-like
    modes, never wider) and put back."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode `open()` would give a new file now: 0666 less the umask."""
    return 0o666 & ~current_umask()


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target`, on error it is removed."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix or ".part", dir=target.parent)
    try:
        if hasattr(os, "fchmod"):  # POSIX; Windows files have no such modes
            os.fchmod(fd, new_file_mode())
    finally:
        os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "wb", **kwargs) -> Iterator[IO]:
    with atomic_path(target) as tmp, open(tmp, mode, **kwargs) as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_open(target, "wb") as handle:
        handle.write(data)


def atomic_write_text(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(target, text.encode(encoding))
