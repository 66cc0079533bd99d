"""E-mail for a package: .eml drafts (stdlib `email`), split into numbered mails, and SMTP sending.

Drafts: To the bureau, From the office, a Chinese subject and a body that summarises the batch, the attachments.
When the attachments do not fit the profile's size limit in one mail, they are spread over several mails whose
subjects end in （1/3）, （2/3）… The limit counts the base64-encoded size (4/3 of the bytes, plus line breaks)
and a margin for headers and body, because that is what a mailbox measures.

Header injection: every header value is checked — no CR/LF or other control characters, addresses must parse as
exactly one address — and refused with EMAIL_HEADER_INVALID; the stdlib policy would also refuse, but with an
English ValueError the user cannot act on.

SMTP: `send(messages, server, password)` over implicit TLS (SMTP_SSL, port 465), STARTTLS (587) or, for a
loopback test server only, plain. The password is passed in by the caller (services take it from the OS keyring)
and never logged or stored.
"""

from __future__ import annotations

import email.policy
import email.utils
import mimetypes
import re
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from openlic_desktop.support.errors import InputError, OpenLicError

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
HEADER_MARGIN = 64 * 1024  # headers, body and MIME boundaries of one mail


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes | None = None
    source: Path | None = None

    def size(self) -> int:
        return len(self.data) if self.data is not None else self.source.stat().st_size  # type: ignore[union-attr]

    def read(self) -> bytes:
        return self.data if self.data is not None else self.source.read_bytes()  # type: ignore[union-attr]


def encoded_size(size: int) -> int:
    """Bytes an attachment of `size` bytes takes in a mail: base64 (4/3) in 76-character lines with CRLF."""
    b64 = 4 * ((size + 2) // 3)
    return b64 + 2 * (b64 // 76 + 1)


def clean_header(name: str, value: str) -> str:
    if _CONTROL.search(value):
        raise InputError("EMAIL_HEADER_INVALID", field=name, value=value.encode("unicode_escape").decode()[:80])
    return value.strip()


def parse_address(name: str, value: str, display: str = "") -> Address:
    value = clean_header(name, value)
    display = clean_header(name, display)
    real, addr = email.utils.parseaddr(value)
    if not addr or "@" not in addr or "," in value or addr.count("@") != 1:
        raise InputError("EMAIL_HEADER_INVALID", field=name, value=value[:80])
    user, _, domain = addr.partition("@")
    if not user or not domain or " " in addr:
        raise InputError("EMAIL_HEADER_INVALID", field=name, value=value[:80])
    return Address(display or real, user, domain)


def split_attachments(attachments: Sequence[Attachment], limit_bytes: int) -> list[list[Attachment]]:
    """Attachments in order, packed into mails that each stay under `limit_bytes` once encoded.
    A single attachment bigger than the limit is refused (ATTACHMENT_TOO_LARGE): it cannot travel by mail."""
    budget = limit_bytes - HEADER_MARGIN
    groups: list[list[Attachment]] = []
    current: list[Attachment] = []
    used = 0
    for item in attachments:
        size = encoded_size(item.size())
        if size > budget:
            raise OpenLicError("ATTACHMENT_TOO_LARGE", name=item.name, size_mb=f"{item.size() / 1048576:.1f}",
                               limit_mb=f"{limit_bytes / 1048576:.0f}")
        if current and used + size > budget:
            groups.append(current)
            current, used = [], 0
        current.append(item)
        used += size
    if current or not groups:
        groups.append(current)
    return groups


def build_messages(*, sender: str, sender_name: str, recipient: str, subject: str, body: str,
                   attachments: Sequence[Attachment], limit_mb: int, day: date,
                   message_id_domain: str = "openlic.local") -> list[EmailMessage]:
    """The mail(s) for one package. Deterministic for the same inputs and day (Date and Message-ID derive from
    them), so a re-export produces the same .eml files."""
    from_addr = parse_address("From", sender, sender_name)
    # no recipient: a draft with To left empty, for the user to fill in before sending
    to_addr = parse_address("To", recipient) if recipient.strip() else None
    subject = clean_header("Subject", subject)
    groups = split_attachments(attachments, limit_mb * 1024 * 1024)
    total = len(groups)
    stamp = datetime.combine(day, time(9, 0), tzinfo=UTC)
    out = []
    for index, group in enumerate(groups, start=1):
        msg = EmailMessage(policy=email.policy.SMTP)
        msg["From"] = from_addr
        if to_addr is not None:
            msg["To"] = to_addr
        msg["Subject"] = subject + (f"（{index}/{total}）" if total > 1 else "")
        msg["Date"] = email.utils.format_datetime(stamp)
        msg["Message-ID"] = f"<openlic-{day:%Y%m%d}-{abs(hash_text(subject + sender + recipient))}-{index}" \
                            f"@{message_id_domain}>"
        msg["X-Unsent"] = "1"  # Outlook opens an .eml with this header as a draft ready to send
        part_note = f"\n本邮件为第{index}封，共{total}封。\n" if total > 1 else ""
        listing = "\n".join(f"  {a.name}（{a.size() / 1048576:.2f} MB）" for a in group)
        msg.set_content(f"{body.rstrip()}\n{part_note}\n本邮件附件：\n{listing}\n", charset="utf-8")
        for item in group:
            ctype, _ = mimetypes.guess_type(item.name)
            maintype, subtype = (ctype or "application/octet-stream").split("/", 1)
            msg.add_attachment(item.read(), maintype=maintype, subtype=subtype, filename=item.name)
        if msg.is_multipart():  # a fixed boundary: the stdlib draws a random one at each serialisation
            msg.set_boundary(f"=_openlic_{hash_text(subject + str(index)):x}_{index}")
        out.append(msg)
    return out


def hash_text(text: str) -> int:
    """A stable (not per-process salted) number for Message-IDs."""
    import hashlib

    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:12], 16)


def message_size(msg: EmailMessage) -> int:
    return len(msg.as_bytes())


# ------------------------------------------------------------------------------------------------ SMTP
@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    security: str = "starttls"   # ssl | starttls | none (loopback test servers only)
    username: str = ""
    timeout: float = 60.0
    ca_file: str | None = None   # extra CA (e.g. a test certificate); None = the system's trust store

    def context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_file)


def send(messages: Sequence[EmailMessage], server: SmtpServer, password: str | None,
         progress: Callable[[int, int], bool] | None = None) -> list[str]:
    """Send every message over one connection; returns their Message-IDs. Refusals: SMTP_FAILED with the
    server's reason (never the password)."""
    if server.security not in ("ssl", "starttls", "none"):
        raise InputError("BAD_ARGUMENT", reason=f"security {server.security}")
    if server.security == "none" and server.host not in ("127.0.0.1", "localhost", "::1"):
        raise InputError("BAD_ARGUMENT", reason="unencrypted SMTP is only allowed to a loopback test server")
    sent: list[str] = []
    client: smtplib.SMTP | None = None
    try:
        if server.security == "ssl":
            client = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=server.context())
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
        client.ehlo()
        if server.security == "starttls":
            client.starttls(context=server.context())
            client.ehlo()
        if server.username:
            client.login(server.username, password or "")
        for i, msg in enumerate(messages, 1):
            client.send_message(msg)
            sent.append(str(msg["Message-ID"]))
            if progress is not None and not progress(i, len(messages)):
                break
        client.quit()
        client = None
    except smtplib.SMTPAuthenticationError as exc:
        raise OpenLicError("SMTP_FAILED", reason=f"authentication refused ({exc.smtp_code})") from None
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        raise OpenLicError("SMTP_FAILED", reason=f"{type(exc).__name__}: {exc}") from None
    finally:
        if client is not None:  # after an error: drop the connection, no QUIT that would wait for a dead peer
            client.close()
    return sent
