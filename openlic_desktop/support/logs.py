"""Logging to a rotating file in the log folder. Never log passwords: nothing here receives them.

A native crash — an illegal instruction on a CPU that lacks one a library uses, a segmentation fault in a compiled
extension, an abort — kills the process before Python can log anything, and the GUI window just vanishes. So
`faulthandler` writes its report (the signal and every thread's Python stack) into the same log file: a crash is
never silent. After the log rotates, the report goes to the new file.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from typing import IO

from openlic_desktop.support import paths

_configured = False


class _Handler(logging.handlers.RotatingFileHandler):
    """The log file, with the crash report following it through rotation."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.crash_file: IO[bytes] | None = None
        self._follow()

    def _follow(self) -> None:
        """faulthandler writes to a file descriptor of its own: one opened on the current log file."""
        previous = self.crash_file
        self.crash_file = open(self.baseFilename, "ab", buffering=0)  # noqa: SIM115 — kept open for the process
        faulthandler.enable(file=self.crash_file, all_threads=True)
        if previous is not None:
            previous.close()

    def doRollover(self) -> None:
        super().doRollover()
        self._follow()


def configure(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    handler = _Handler(paths.log_dir() / "openlic.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("openlic_desktop")
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
