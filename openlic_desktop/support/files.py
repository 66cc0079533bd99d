"""Atomic file writing: a temporary file in the target folder, then one rename. A failed job leaves nothing. And
the one hash of a file's content (attachments and imported spreadsheets are both known by it).

The file gets the mode any new file of the user gets (0644 under the usual umask 022): `mkstemp` makes its
temporary files 0600, which the rename would otherwise carry to every document, package and e-mail we write.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_UMASK_LOCK = threading.Lock()


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The file's SHA-256, read in 1 MB blocks (hashlib lets the GIL go while it hashes each)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


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
    tmp_path = target.parent / f".{target.name}.{uuid.uuid4().hex[:10]}{suffix or '.part'}"
    from openlic_desktop.support import debris  # its markers are plain files, never written through here

    # marked before it exists: a crash at any point after leaves it to the next start's sweep
    with debris.tracked(tmp_path):
        # 0666 less the umask, as open() gives any new file (mkstemp's 0600 would reach every document we write)
        os.close(os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
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


_LOCK_OFFSET = 1 << 30


@contextlib.contextmanager
def file_lock(path: str | os.PathLike[str], wait: bool = True) -> Iterator[bool]:
    """An exclusive advisory lock on `path` (created if missing) for as long as the block runs; yields whether it
    was had (with `wait=False` another holder makes it False at once). Released by the OS if the process dies, so
    a lock that can be taken proves its last holder is gone (the debris sweep relies on that)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    got = False
    try:
        if os.name == "nt":
            import msvcrt

            try:
                # one byte far past any content: Windows locks are mandatory, and the holder writes the file
                os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
                got = True
            except OSError:
                if wait:
                    raise
        else:
            import fcntl

            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
                got = True
            except BlockingIOError:
                pass
        yield got
    finally:
        if got and os.name == "nt":
            import msvcrt

            with contextlib.suppress(OSError):
                os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)
