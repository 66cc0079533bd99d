"""Secrets and personal data stay out of places they do not belong: the settings file when there is no keyring to
hold a password, and error messages / logs when a statement fails with personal data among its parameters."""

from __future__ import annotations

import logging
import traceback

import keyring
import keyring.backends.fail
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from openlic_desktop.services import mailer
from openlic_desktop.support import logs, settings
from openlic_desktop.support.errors import InputError

PERSONAL = "张三 身份证 110101199003077777"


@pytest.fixture
def no_keyring():
    """keyring's own backend for a system without any OS keyring (every call raises NoKeyringError)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_smtp_setup_without_a_keyring_refuses_before_saving_anything(no_keyring):
    before = settings.load()
    before.extra["smtp"] = {"host": "old.example.cn", "port": 465, "security": "ssl", "username": "old",
                            "ca_file": ""}
    settings.save(before)
    saved = settings.settings_path().read_bytes()
    with pytest.raises(InputError) as err:
        mailer.configure("smtp.example.edu.cn", None, "ssl", "tto", password="s3cret")
    assert err.value.code == "KEYRING_UNAVAILABLE"
    assert settings.settings_path().read_bytes() == saved  # the old server stays, nothing half-saved
    with pytest.raises(InputError) as err:  # a user name without a password: sending would need the keyring too
        mailer.configure("smtp.example.edu.cn", None, "ssl", "tto")
    assert err.value.code == "KEYRING_UNAVAILABLE"
    assert settings.settings_path().read_bytes() == saved
    # an anonymous relay needs no password, so no keyring either
    server = mailer.configure("relay.example.edu.cn", 25, "starttls", "")
    assert server.host == "relay.example.edu.cn"


def test_a_failed_statement_names_no_personal_data_in_its_message_or_the_log(ws, monkeypatch):
    _failed_statement_keeps_personal_data_out(ws, monkeypatch)


def _failed_statement_keeps_personal_data_out(ws, monkeypatch):
    root = logging.getLogger("openlic_desktop")
    before = list(root.handlers)
    monkeypatch.setattr(logs, "_configured", False)  # the rotating log of this test's home, removed after
    logs.configure()
    log = logging.getLogger("openlic_desktop.test")
    with pytest.raises(DBAPIError) as err, ws.session() as session:
        # NOT NULL columns left out: the statement fails with the personal value among its parameters
        session.execute(text("INSERT INTO patents (application_number, title) VALUES (:n, :t)"),
                        {"n": "202110123456.7", "t": PERSONAL})
    assert "110101199003077777" not in str(err.value)
    assert "INSERT INTO patents" in str(err.value)  # the statement itself still helps a supporter
    # a crash report prints the whole chain, the driver's own error too
    assert "110101199003077777" not in "".join(traceback.format_exception(err.value))
    log.error("failed", exc_info=err.value)
    files = [h for h in root.handlers if isinstance(h, logging.FileHandler) and h not in before]
    assert files
    for handler in files:
        handler.flush()
        with open(handler.baseFilename, encoding="utf-8") as logged:
            text_logged = logged.read()
        assert "INSERT INTO patents" in text_logged and "110101199003077777" not in text_logged
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()

