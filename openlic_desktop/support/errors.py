"""Refusals with stable codes.

Domain, storage and services raise `OpenLicError(code, **params)`; the faces turn the code into words with
`support.messages.render`. The code never changes once published; the words may.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from typing import Any


class OpenLicError(Exception):
    """A refusal the user should see: a stable code plus the parameters its message needs."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "zh") -> str:
        from openlic_desktop.support.messages import render

        return render(self.code, lang, **self.params)

    def __str__(self) -> str:  # English in logs and tracebacks
        return f"{self.code}: {self.message('en')}"


class InputError(OpenLicError):
    """Bad arguments or unreadable input (CLI exit code 2); nothing was changed."""


class NotFoundError(InputError):
    """A patent, licensee or file that the user named does not exist."""


# errno values that say the same thing on every platform we ship for (the numbers differ, the names do not)
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def _shown(path: object) -> str:
    """A path for a message: bytes the file system took but UTF-8 cannot show become �, never an error."""
    text = os.fsdecode(path) if isinstance(path, bytes) else str(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def system_refusal(exc: BaseException, where: str = "") -> OpenLicError | None:
    """What the computer refused, as a refusal with a stable code, or None for anything else (a bug: let it be
    reported as one). `where` names the database or file when the error does not (SQLite's "disk is full").

    Looks through the causes (SQLAlchemy wraps the driver's error in `orig`, services chain with `from`)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _one(current, where)
        if found is not None:
            return found
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return None


def _one(exc: BaseException, where: str) -> OpenLicError | None:
    if isinstance(exc, OpenLicError):  # already said in words: one of ours when it is about the computer
        return exc if exc.code in SYSTEM_CODES else None
    if isinstance(exc, OSError) and exc.errno is not None:
        path = _shown(exc.filename) if exc.filename is not None else (where or "output_location")
        if exc.errno in _DISK_FULL:
            return InputError("DISK_FULL", path=path)
        if exc.errno == errno.ENAMETOOLONG:
            name = os.path.basename(os.fsdecode(exc.filename)) if exc.filename is not None else path
            return InputError("NAME_TOO_LONG", name=_shown(name)[:60] + "…",
                              size=len(os.fsencode(name)))
        if exc.errno in _READ_ONLY:
            return InputError("FOLDER_READ_ONLY", path=path)
        return None
    if isinstance(exc, UnicodeError) and "surrogates not allowed" in str(exc):
        text = getattr(exc, "object", None)
        return InputError("PATH_NOT_UTF8", path=_shown(text) if isinstance(text, str) else (where or "?"))
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        if "database is locked" in text or "database is busy" in text or "database table is locked" in text:
            return InputError("DB_BUSY", path=where, seconds=f"{BUSY_SECONDS:g}")
        if "disk is full" in text or ("disk i/o error" in text and _nearly_full(where)):
            return InputError("DISK_FULL", path=where or "output_location")
        if "readonly database" in text or "read-only" in text:
            return InputError("DB_READ_ONLY", path=where)
        return None
    state = getattr(exc, "sqlstate", None)  # psycopg: the SQLSTATE of a server error
    if state == "53100":  # disk_full
        return InputError("DISK_FULL", path=where)
    if state in ("55P03", "40P01"):  # lock_not_available, deadlock_detected: nothing of it was committed
        return InputError("DB_BUSY", path=where, seconds=f"{BUSY_SECONDS:g}")
    return None


def _nearly_full(where: str) -> bool:
    """SQLite reports a file system too full for its journal files as a plain I/O error: look at the folder."""
    if not where or "://" in where:
        return False
    try:
        return shutil.disk_usage(os.path.dirname(os.path.abspath(where)) or ".").free < 1_000_000
    except OSError:
        return False


# the codes system_refusal gives: nothing was changed, for a reason outside the program — the user may try again
SYSTEM_CODES = frozenset({"DB_BUSY", "DISK_FULL", "FOLDER_READ_ONLY", "NAME_TOO_LONG", "PATH_NOT_UTF8",
                          "DB_READ_ONLY"})

BUSY_SECONDS = 5.0  # how long a writer waits for another one before giving up (storage.engine's busy_timeout)
