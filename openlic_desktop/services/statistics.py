"""The portfolio's statistics (domain.statistics): one computation that the dashboard, `openlic stats` and the
statistics workbook all read.

`compute` reads back a count of exactly the same data by the same rules when one was saved
(services.statistics_store), and otherwise counts (services.statistics_count, imported only then: reading a
saved count needs none of the rules). `refresh` judges again the patents an operation changed and keeps the
rest; `brought_up_to_date` finds them in the audit trail.
Plain values out; thread rule: any thread, each call opens its own read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from openlic_desktop.domain.readiness import RuleContext
from openlic_desktop.domain.statistics import PortfolioStatistics
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.services import readiness
from openlic_desktop.services import statistics_store as store
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import statistics as repo
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError, OpenLicError
from openlic_desktop.support.files import atomic_write_bytes
from openlic_desktop.support.gc_pause import collector_paused

HORIZON_DAYS = 90
log = logging.getLogger(__name__)


def active_profile_code() -> str:
    return settings_module.load().active_profile or "general"


def compute(ws: Workspace, today: date | None = None, profile_code: str | None = None,
            horizon_days: int = HORIZON_DAYS, *, saves: list[Callable[[], None]] | None = None,
            cancelled: Callable[[], bool] | None = None) -> PortfolioStatistics:
    """Every figure, as of `today` (default: today), by the readiness rules of the profile (default: the active
    one). A count of exactly the same data by the same rules is read back (services.statistics_store).

    A fresh count is saved before it is returned; given `saves`, the save is appended there instead, for the
    caller to run once it has used the figures (the dashboard draws them first: saving 100,000 standings takes
    a quarter of a second). `cancelled` is asked between the count's steps: once it says yes, InterruptedError
    (STATISTICS_CANCELLED) is raised and nothing is saved."""
    code = profile_code or active_profile_code()
    profile = profile_service.get_profile(code)
    ctx = readiness.rule_context(profile, today)
    with ws.reading() as session:  # before counting: a change made meanwhile gives the next call another key
        count_key = store.key(session, ctx, code, horizon_days)
    # 100,000 standings are made either way: no cycle collection passes meanwhile, nor after (promote)
    with collector_paused(promote=True):
        saved = store.load(count_key)
        if saved is not None:
            return saved
        stats = PortfolioStatistics(ctx.today, code, horizon_days, {}, profile.name)
        stop_if(cancelled)
        counting().fill(ws, stats, ctx, None, cancelled)
    save = partial(_save, ws, ctx, horizon_days, count_key, stats)
    if saves is None:
        save()
    else:
        saves.append(save)
    return stats


def stop_if(cancelled: Callable[[], bool] | None) -> None:
    """Stop a count that is no longer wanted (the dashboard's count ahead, once another database is open)."""
    if cancelled is not None and cancelled():
        raise InterruptedError("STATISTICS_CANCELLED")


def _save(ws: Workspace, ctx: RuleContext, horizon_days: int, count_key: str,
          stats: PortfolioStatistics) -> None:
    """Save a fresh count under the key taken before counting — unless the data changed meanwhile (another user of
    a shared database, the command line beside the window): the count may then hold some of that change, and a
    database holding the data of the key (a copy or backup taken before it) would read back figures not its own."""
    try:
        with ws.reading() as session:
            now = store.key(session, ctx, stats.profile, horizon_days)
    except (OSError, OpenLicError, DBAPIError) as exc:  # only the saving is lost: the figures were given
        log.warning("statistics not saved: the database could not be read again: %s", exc)
        return
    if now != count_key:
        log.info("statistics not saved: the data changed while they were counted")
        return
    with collector_paused():
        store.save(count_key, stats)


def refresh(ws: Workspace, stats: PortfolioStatistics, patent_ids: Iterable[int]) -> PortfolioStatistics:
    """The same statistics after an operation changed these patents: only they are judged again; licences,
    payments and offers (small tables) are read again whole. Returns `stats`, updated in place."""
    ids = sorted(set(patent_ids))
    profile = profile_service.get_profile(stats.profile)
    ctx = readiness.rule_context(profile, stats.as_of)
    with collector_paused(promote=True):
        counting().fill(ws, stats, ctx, ids)
    return stats


# What an audit record's entity says about the figures: these change nothing the statistics count (licences and
# licensees are read again whole on every refresh); the patent-level ones name the patents; any other entity
# (an import, the demo, one not known here) means counting everything again.
NEUTRAL_ENTITIES = frozenset({"batch", "licensee", "pricing_preset", "pricing_reference"})
REFRESH_AT_MOST = 5000  # audit records; past this, counting everything again is as quick


def changed_patents(ws: Workspace, mark: int) -> tuple[int, set[int] | None]:
    """(the latest audit mark, the patents changed since `mark`) — None when what changed is not a set of patents
    (an import, the demo, a change too large): then everything is counted again. Every change goes to the audit
    trail, so this also sees changes made by the command line or another user of a shared database."""
    with ws.reading() as session:
        now = repo.audit_mark(session)
        rows = repo.audit_since(session, mark, REFRESH_AT_MOST)
        if rows is None:
            return now, None
        ids: set[int] = set()
        licences: set[int] = set()
        submissions: set[int] = set()
        for entity, entity_id in rows:
            if entity in NEUTRAL_ENTITIES:
                continue
            if entity_id is None or entity not in ("patent", "licence", "submission"):
                return now, None
            {"patent": ids, "licence": licences, "submission": submissions}[entity].add(entity_id)
        if licences:
            ids |= repo.patents_of_licences(session, sorted(licences))
        if submissions:
            ids |= repo.patents_of_submissions(session, sorted(submissions))
    return now, ids


def brought_up_to_date(ws: Workspace, stats: PortfolioStatistics, *, saves: list[Callable[[], None]] | None = None
                       ) -> PortfolioStatistics:
    """The statistics after whatever changed since they were counted (read from the audit trail): the same object
    when nothing did, a refreshed copy when some patents did, counted anew otherwise (or on a new day; `saves` as
    for `compute`)."""
    if stats.as_of != date.today():
        return compute(ws, profile_code=stats.profile, horizon_days=stats.horizon_days, saves=saves)
    mark, ids = changed_patents(ws, stats.audit_mark)
    if mark == stats.audit_mark:
        return stats
    if ids is None:
        return compute(ws, today=stats.as_of, profile_code=stats.profile, horizon_days=stats.horizon_days,
                       saves=saves)
    fresh = refresh(ws, stats.copy(), ids)
    fresh.audit_mark = mark
    return fresh


def write_workbook(stats: PortfolioStatistics, out: str | Path) -> Path:
    """The statistics workbook (documents.statistics_workbook), written atomically: a failure leaves no file."""
    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise InputError("STATS_OUT_NOT_XLSX", path=str(target))
    from openlic_desktop.documents.statistics_workbook import workbook_bytes

    atomic_write_bytes(target, workbook_bytes(stats, settings_module.load().office.name.strip()))
    return target



def counting():
    """The counting module, imported when a count is made (its rules and services cost a tenth of a second to
    import, which `openlic stats` on a saved count does not pay)."""
    from openlic_desktop.services import statistics_count

    return statistics_count
