"""A workspace: one open database plus who is acting and through which face. Services take it as first argument.

The faces hold a Workspace without knowing what is inside; only services reach its database. Thread rule: a
Workspace may be shared between threads, each call opens its own session.
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from openlic_desktop.services import server_passwords
from openlic_desktop.services.audit_keys import KeyringKeys
from openlic_desktop.storage import audit
from openlic_desktop.storage.engine import Database, begin_writing, open_database
from openlic_desktop.support import anchors, debris, paths, settings
from openlic_desktop.support.errors import OpenLicError, system_refusal

log = logging.getLogger(__name__)


def default_user() -> str:
    try:
        return getpass.getuser()
    # no user name on some locked-down systems: no account for the uid (KeyError; OSError from Python 3.13), or
    # no pwd module where the variables are unset (Windows)
    except (KeyError, OSError, ImportError):
        return os.environ.get("USERNAME", "user")


def acting_user(given: str | None = None) -> str:
    """Who the audit trail, sign-offs and documents name: `given` (--user) when there is one; else the staff member
    chosen as the current user (Tools → Staff), else the office's contact person (the staff member its letters
    name: settings are per computer login, so this is the person at this login); the computer login ("root",
    "admin") only when the settings name nobody."""
    if given and given.strip():
        return given.strip()
    prefs = settings.load()
    for name in (prefs.current_user, prefs.office.contact_person):
        if name and name.strip():
            return name.strip()
    return default_user()


@dataclass
class Workspace:
    db: Database
    user: str
    source: str = "cli"  # gui | cli | import
    keys: KeyringKeys = field(default_factory=KeyringKeys, repr=False)  # the audit chain's keys (OS keyring)
    # set inside `one_job`: the one transaction every session of the job is part of
    job: Session | None = field(default=None, repr=False, compare=False)

    @property
    def location(self) -> str:
        return str(self.db.path) if self.db.path else self.db.url

    @property
    def path(self) -> Path | None:
        return self.db.path

    @property
    def backup_path(self) -> Path | None:
        return self.db.backup_path

    @property
    def sqlite(self) -> bool:
        return self.db.is_sqlite

    @contextmanager
    def one_job(self) -> Iterator[Workspace]:
        """A workspace whose sessions are all one transaction: committed when the block ends, rolled back whole on
        any error, cancel or Ctrl-C — for work made of many service calls that must land together or not at all
        (the demo's patents and the office's work on them). Each service call inside is a savepoint (a refusal it
        raises undoes its own part only) and leaves its objects detached, as a session of its own would. The
        write lock is held throughout; one thread only."""
        if self.job is not None:
            yield self
            return
        with self.session() as session:
            yield replace(self, job=session)

    @contextmanager
    def _within_job(self, job: Session, writing: bool) -> Iterator[Session]:
        try:
            if writing:
                with job.begin_nested():
                    yield job
            else:
                yield job
        except BaseException as exc:
            self._refuse_plainly(exc)
            raise
        finally:
            job.expunge_all()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A writing session: it holds the database's write lock from its first statement (what it reads is what
        it overwrites: no other writer commits in between) and commits on success, rolls back on any error."""
        if self.job is not None:
            with self._within_job(self.job, writing=True) as session:
                yield session
            return
        session = self.db.session()
        session.info[audit.KEYS] = self.keys
        try:
            begin_writing(session)
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            self._refuse_plainly(exc)
            raise
        finally:
            session.close()
        appended = session.info.get(audit.APPENDED)
        if appended:
            self.anchor_head(appended=appended)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        if self.job is not None:  # what the job wrote so far is what it reads
            with self._within_job(self.job, writing=False) as session:
                yield session
            return
        session = self.db.session()
        session.info[audit.KEYS] = self.keys
        try:
            yield session
        except BaseException as exc:
            self._refuse_plainly(exc)
            raise
        finally:
            session.rollback()
            session.close()

    def anchor_head(self, replace: bool = False, appended: tuple[str, int, str] | None = None) -> None:
        """Anchor the audit trail's head outside the database (support.anchors), after a commit that moved it.
        The change is committed whatever happens here: a config folder that cannot be written is logged."""
        try:
            with self.reading() as session:
                if appended is not None:
                    head = audit.head_after(session, audit.Head.from_json(anchors.get(self.location)), appended)
                else:
                    head = audit.head(session)
            (anchors.replace if replace else anchors.record)(self.location, head.to_json())
        except (OSError, OpenLicError, DBAPIError) as exc:
            log.warning("could not anchor the audit trail of %s: %s", self.location, exc)

    def _refuse_plainly(self, exc: BaseException) -> None:
        """A database error the computer caused (another writer past the wait, a full disk, a read-only file)
        becomes its refusal — the transaction was rolled back, so it also says nothing was saved."""
        if isinstance(exc, DBAPIError):
            refusal = system_refusal(exc, self.location)
            if refusal is not None:
                raise refusal from exc

    def close(self) -> None:
        self.db.dispose()


def open_workspace(target: str | os.PathLike[str] | None = None, user: str | None = None,
                   source: str = "cli") -> Workspace:
    """Open the database at `target` (path or URL; default: OPENLIC_DB or the user data dir). Every start sweeps
    what interrupted work left behind first (support.debris)."""
    debris.sweep()
    location = str(target if target is not None else paths.default_database())
    db = open_database(server_passwords.with_password(location))
    server_passwords.remember(location)
    ws = Workspace(db, acting_user(user), source)
    if db.created:  # a new database where an older one may have been: its anchor starts again
        ws.anchor_head(replace=True)
    return ws
