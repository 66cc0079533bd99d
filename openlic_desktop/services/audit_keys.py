"""The keys that seal the audit chain, kept in the OS keyring (never in the database, a file or a log line).

Each computer has its own signing key, made on first use and stored under the service `OpenLicDesktop-Audit`:
account "signing-key" holds it, and every key this computer knows is also stored under its id (the first 16 hex
digits of its SHA-256), so a key brought over from another computer (`import_key`) is found by the id the database
names. Without a keyring (keyring's "fail" backend) there is no key: records are sealed with plain SHA-256 and the
anchors outside the database are the only protection.

Thread rule: a `KeyringKeys` belongs to one workspace; it caches what it read, so the keyring is asked once.
"""

from __future__ import annotations

import logging
import secrets
import threading

from openlic_desktop.support.errors import InputError

log = logging.getLogger(__name__)

SERVICE = "OpenLicDesktop-Audit"
SIGNING = "signing-key"


# the thread loading the keyring ahead of its first use (load_keyring_ahead), until that use waits for it
_ahead: threading.Thread | None = None
_ahead_lock = threading.Lock()


def load_keyring_ahead() -> None:
    """Begin loading the keyring package and finding this computer's backend on a thread: 0.2 s of the first
    keyring read (importing keyring 0.1 s, finding its backend by entry points 0.1 s; the read itself then takes
    milliseconds), which a writer that is about to spend time elsewhere — an import loading its sheet without the
    GIL — need not wait for. Nothing is read or created: the keys are asked for when a record is sealed, as
    without it; that first ask waits for this thread."""
    global _ahead
    with _ahead_lock:
        if _ahead is not None:
            return
        _ahead = threading.Thread(target=_load_keyring, name="openlic-keyring-ahead", daemon=True)
        _ahead.start()


def _load_keyring() -> None:
    try:
        import keyring

        keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 — no keyring, or one that fails to load: its first use says so again
        log.info("keyring not loaded ahead: %s", exc)


def _keyring_loaded() -> None:
    """Wait for load_keyring_ahead's thread, if one was started (one backend lookup at a time)."""
    thread = _ahead
    if thread is not None and thread is not threading.current_thread():
        thread.join()


class KeyringKeys:
    """`storage.audit.ChainKeys` over the OS keyring."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._signing: tuple[str, bytes] | None | bool = False  # False: not looked up yet
        self._known: dict[str, bytes | None] = {}

    def signing(self) -> tuple[str, bytes] | None:
        with self._lock:
            if self._signing is False:
                self._signing = _own_key(create=True)
                if self._signing is not None:
                    self._known[self._signing[0]] = self._signing[1]
            return self._signing  # type: ignore[return-value]

    def get(self, key_id: str) -> bytes | None:
        with self._lock:
            if self._known.get(key_id) is None:  # a miss is asked again: the key may be imported meanwhile
                self._known[key_id] = _read(key_id)
            return self._known[key_id]


def _read(account: str) -> bytes | None:
    _keyring_loaded()
    import keyring  # here, not at the top: a command that writes nothing never pays for loading it

    try:
        text = keyring.get_password(SERVICE, account)
    except Exception as exc:  # noqa: BLE001 — no keyring, or one that fails to load: the chain goes on unkeyed
        log.info("no audit key from the OS keyring: %s", exc)
        return None
    try:
        return bytes.fromhex(text) if text else None
    except ValueError:
        return None


def _own_key(create: bool) -> tuple[str, bytes] | None:
    _keyring_loaded()
    import keyring

    from openlic_desktop.storage.audit import key_id_of  # here: `openlic import` loads this module early

    key = _read(SIGNING)
    if key is None and create:
        key = secrets.token_bytes(32)
        try:
            keyring.set_password(SERVICE, key_id_of(key), key.hex())
            keyring.set_password(SERVICE, SIGNING, key.hex())
        except Exception as exc:  # noqa: BLE001 — as in _read
            log.info("cannot keep an audit key in the OS keyring: %s", exc)
            return None
    return (key_id_of(key), key) if key is not None else None


def export_key() -> str:
    """This computer's signing key as text, to bring to another computer that shares the database."""
    own = _own_key(create=True)
    if own is None:
        raise InputError("KEYRING_UNAVAILABLE")
    return own[1].hex()


def import_key(text: str) -> str:
    """Keep a key from another computer (by its id) so that records it sealed can be checked here; its id."""
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        raise InputError("AUDIT_KEY_BAD") from None
    if len(key) < 16:
        raise InputError("AUDIT_KEY_BAD")
    _keyring_loaded()
    import keyring
    import keyring.errors

    from openlic_desktop.storage.audit import key_id_of

    try:
        keyring.set_password(SERVICE, key_id_of(key), key.hex())
    except keyring.errors.KeyringError as exc:
        raise InputError("KEYRING_UNAVAILABLE") from exc
    return key_id_of(key)
