"""Sending the .eml drafts over SMTP. Server settings live in settings.extra["smtp"] (host, port, security,
username); the password lives only in the OS keyring (keyring package), under service "OpenLicDesktop-SMTP" and
"user@host" — never in the database, the settings file or a log line.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable, Sequence
from pathlib import Path

import keyring
import keyring.errors

from openlic_desktop.documents.email import SmtpServer, send
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError

KEYRING_SERVICE = "OpenLicDesktop-SMTP"
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


def _account(server: SmtpServer) -> str:
    return f"{server.username}@{server.host}"


def smtp_server() -> SmtpServer:
    raw = settings_module.load().extra.get("smtp") or {}
    if not raw.get("host"):
        raise InputError("SMTP_NOT_CONFIGURED")
    security = raw.get("security", "starttls")
    return SmtpServer(str(raw["host"]), int(raw.get("port") or DEFAULT_PORTS.get(security, 587)), security,
                      str(raw.get("username", "")), ca_file=raw.get("ca_file") or None)


def keyring_available() -> bool:
    """Whether an OS keyring answers here (keyring's "fail" backend, chosen when there is none, raises)."""
    try:
        keyring.get_password(KEYRING_SERVICE, "-probe-")
    except Exception:  # noqa: BLE001 — NoKeyringError, or a configured backend that fails to load
        return False
    return True


def configure(host: str, port: int | None, security: str, username: str, password: str | None = None,
              ca_file: str | None = None) -> SmtpServer:
    """Save the server in the settings and, when given, the password in the OS keyring.

    A server that needs a log-in is refused, before anything is saved, where there is no OS keyring: its password
    has nowhere else to go (never the settings file), so it could never send."""
    if security not in DEFAULT_PORTS:
        raise InputError("BAD_ARGUMENT", reason=f"security must be one of {', '.join(DEFAULT_PORTS)}")
    if (username or password) and not keyring_available():
        raise InputError("KEYRING_UNAVAILABLE")
    cfg = settings_module.load()
    cfg.extra["smtp"] = {"host": host, "port": port or DEFAULT_PORTS[security], "security": security,
                         "username": username, "ca_file": ca_file or ""}
    server = SmtpServer(host, int(cfg.extra["smtp"]["port"]), security, username, ca_file=ca_file or None)
    if password is not None:  # the password first: a keyring that fails now leaves the old settings as they were
        try:
            keyring.set_password(KEYRING_SERVICE, _account(server), password)
        except keyring.errors.KeyringError as exc:
            raise InputError("KEYRING_UNAVAILABLE") from exc
    settings_module.save(cfg)
    return smtp_server()


def password_for(server: SmtpServer) -> str | None:
    if not server.username:
        return None
    try:
        secret = keyring.get_password(KEYRING_SERVICE, _account(server))
    except keyring.errors.KeyringError:
        secret = None
    if secret is None:
        raise InputError("SMTP_PASSWORD_MISSING", user=server.username, host=server.host)
    return secret


def send_drafts(paths: Sequence[Path], progress: Callable[[int, int], bool] | None = None) -> list[str]:
    """Send .eml drafts made by the export (in order, over one connection); returns the Message-IDs."""
    messages = []
    for path in paths:
        msg = email.message_from_bytes(Path(path).read_bytes(), policy=email.policy.SMTP)
        if not msg["To"]:  # a draft made without the bureau's address: the user fills it in first
            raise InputError("EMAIL_RECIPIENT_MISSING", profile="—", path=str(path))
        del msg["X-Unsent"]
        messages.append(msg)
    server = smtp_server()
    return send(messages, server, password_for(server), progress)
