"""Logging to a rotating file in the log folder. Never log passwords: nothing here receives them."""

from __future__ import annotations

import logging
import logging.handlers

from openlic_desktop.support import paths

_configured = False


def configure(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    handler = logging.handlers.RotatingFileHandler(
        paths.log_dir() / "openlic.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("openlic_desktop")
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
