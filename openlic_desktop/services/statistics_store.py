"""Counted statistics kept between calls: a whole count of the portfolio, saved under a key made of everything it
was counted from, so that `openlic stats`, the dashboard and the workbook read it back instead of judging 100,000
patents again while nothing has changed.

The key: the day counted for, the profile and the rule context (office names and contact, promotional words), the
horizon, this program's version and the modification stamps of the code that counts (so a changed rule is never
answered from an old count), and the database's data signature (storage.statistics.data_signature: per table its
rows, highest id and latest `updated_at`, and the last audit record's hash). Any write changes the signature, so a
saved count is only ever read back for exactly the data it counted; a copy of the database, holding the same data,
finds it too. Only whole counts are saved (never one refreshed after a change), and the signature is read before
counting: a change made while counting gives the next call a new key.

Files: JSON (never pickle: nothing read back can run code) in the user's data folder, `statistics/<key>.json`,
written atomically; the newest few are kept. A file that cannot be read or written is only a cache miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from sqlalchemy.orm import Session

from openlic_desktop import __version__
from openlic_desktop.domain.readiness import RuleContext
from openlic_desktop.domain.statistics import PortfolioStatistics
from openlic_desktop.storage import statistics as repo
from openlic_desktop.support import paths
from openlic_desktop.support.files import atomic_write_bytes

log = logging.getLogger(__name__)

FORMAT = 3   # of the saved file: a program whose snapshot differs changes this (2: codes as text; 3: the
             # standings as combinations of their values)
KEEP = 6     # saved counts kept (several profiles, days or databases)
FOLDER = "statistics"
# the code that decides a figure: a change to any module here makes earlier saved counts unused
_PACKAGE = Path(__file__).resolve().parents[1]
_CODE_FOLDERS = ("domain", "services", "storage")
_code_stamp: str | None = None


def folder() -> Path:
    return paths.data_dir() / FOLDER


def code_stamp() -> str:
    """Name, size and modification time of every module of the counting code (read once per process)."""
    global _code_stamp
    if _code_stamp is None:
        digest = hashlib.sha256(__version__.encode())
        for name in _CODE_FOLDERS:
            for root, dirs, files in os.walk(_PACKAGE / name):
                dirs.sort()
                for file in sorted(files):
                    if file.endswith(".py"):
                        st = os.stat(os.path.join(root, file))
                        digest.update(f"{root}/{file}:{st.st_size}:{st.st_mtime_ns};".encode())
        _code_stamp = digest.hexdigest()
    return _code_stamp


def key(session: Session, ctx: RuleContext, profile_code: str, horizon_days: int) -> str:
    """The key of a count of the data `session` sees, as of ctx.today, by these rules."""
    body = {
        "format": FORMAT, "code": code_stamp(), "as_of": ctx.today.isoformat(), "profile": profile_code,
        "horizon_days": horizon_days,
        # the profile as loaded (a repr: a dataclass of plain values), the office's names sorted
        "context": [repr(ctx.profile), sorted(ctx.own_names), list(ctx.default_contact),
                    list(ctx.promotional_words)],
        "data": repo.data_signature(session),
    }
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(count_key: str) -> PortfolioStatistics | None:
    """The count saved under this key, or None (also for a file changed or cut short: it is only a cache miss;
    JSON nested past the parser's depth raises RecursionError)."""
    try:
        data = json.loads((folder() / f"{count_key}.json").read_bytes())
        return PortfolioStatistics.from_snapshot(data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, IndexError, ArithmeticError, RecursionError) as exc:
        log.warning("saved statistics %s not read: %s", count_key, exc)
        return None


def save(count_key: str, stats: PortfolioStatistics) -> None:
    """Save a whole count under its key and drop all but the newest KEEP."""
    try:
        target = folder() / f"{count_key}.json"
        text = json.dumps(stats.to_snapshot(), ensure_ascii=False, separators=(",", ":"))
        atomic_write_bytes(target, text.encode("utf-8"))
        saved = sorted((p for p in folder().glob("*.json") if not p.name.startswith(".")),
                       key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in saved[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("statistics not saved for later: %s", exc)
