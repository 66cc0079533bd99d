"""A database server's password lives in the OS keyring, never in the settings file, a log line or on screen.

Opening a server database with a password in its URL puts the password in the keyring under the URL without it;
what is remembered and shown (the recent-databases list, the status bar) carries `***` in its place
(storage.engine.safe_url). Opening such a URL again, or one with no password at all, takes the password from the
keyring, so a server database reopens from the recent list. Without a keyring the password is used for this
session only and a remembered URL asks for it again (DB_PASSWORD_MISSING), rather than sending `***` to the server.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from openlic_desktop.support.errors import InputError

log = logging.getLogger(__name__)

SERVICE = "OpenLicDesktop-Database"
MASK = "***"  # what storage.engine.safe_url puts in place of a password


def _server_url(target: str) -> URL | None:
    if "://" not in target or target.startswith("sqlite"):
        return None
    try:
        return make_url(target)
    except ArgumentError:  # not a URL SQLAlchemy can parse: the engine refuses it in its own words
        return None


def _account(url: URL) -> str:
    # URL.set(password=None) leaves the password as it is; the URL is a named tuple, so replace the field
    return url._replace(password=None).render_as_string(hide_password=False)


def with_password(target: str) -> str:
    """`target` ready to connect: a server URL without its password, or with the mask, gets the keyring's."""
    url = _server_url(target)
    if url is None or not url.username or (url.password is not None and url.password != MASK):
        return target
    import keyring
    import keyring.errors

    try:
        secret = keyring.get_password(SERVICE, _account(url))
    except Exception as exc:  # noqa: BLE001 — NoKeyringError, or a backend that fails to load
        log.info("no database password from the OS keyring: %s", exc)
        secret = None
    if secret is None:
        if url.password == MASK:  # a remembered URL whose password was never kept: ask for it, never send ***
            raise InputError("DB_PASSWORD_MISSING", location=url.render_as_string(hide_password=True))
        return target  # the driver's own store may know it (~/.pgpass, PGPASSWORD)
    return url.set(password=secret).render_as_string(hide_password=False)


def remember(target: str) -> None:
    """Keep the password of a server URL that just opened in the OS keyring (nothing when there is none)."""
    url = _server_url(target)
    if url is None or not url.username or url.password in (None, "", MASK):
        return
    import keyring

    try:
        keyring.set_password(SERVICE, _account(url), str(url.password))
    except Exception as exc:  # noqa: BLE001 — no keyring: the password serves this session only
        log.info("database password not kept, no OS keyring: %s", type(exc).__name__)
