"""Sending from the GUI: the SMTP dialog stores the password in the keyring only, and the export wizard sends the
drafts to a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import sys
from pathlib import Path

import keyring
import pytest
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_packages_email import MemoryKeyring, controller_factory  # noqa: F401  (fixture)
from test_packages_gui import _walk_to_build, _Window, ready_ids  # noqa: F401  (fixture)

from openlic_desktop.gui.export.export_wizard import ExportWizard
from openlic_desktop.gui.export.smtp_dialog import SmtpDialog
from openlic_desktop.services import mailer
from openlic_desktop.support import paths, settings


@pytest.fixture
def memory_keyring():
    backend = MemoryKeyring.make()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_smtp_dialog_keeps_the_password_out_of_settings(qtbot, memory_keyring):
    dialog = SmtpDialog(lang="en")
    qtbot.addWidget(dialog)
    dialog.save()
    assert "Server name is required" in dialog.error_label.text()
    dialog.host.setText("smtp.example.edu.cn")
    dialog.security.setCurrentIndex(dialog.security.findData("ssl"))
    assert dialog.port.value() == 465
    dialog.username.setText("tto")
    dialog.password.setText("s3cret")
    dialog.save()
    assert dialog.result() == SmtpDialog.DialogCode.Accepted
    assert "s3cret" not in settings.settings_path().read_text(encoding="utf-8")
    assert memory_keyring.store[(mailer.KEYRING_SERVICE, "tto@smtp.example.edu.cn")] == "s3cret"
    again = SmtpDialog(lang="en")
    qtbot.addWidget(again)
    assert again.host.text() == "smtp.example.edu.cn" and again.password.text() == ""
    again.save()  # empty password field: the stored one stays
    assert memory_keyring.store[(mailer.KEYRING_SERVICE, "tto@smtp.example.edu.cn")] == "s3cret"


def test_wizard_sends_the_drafts_over_smtp(ready_ids, qtbot, tmp_path, memory_keyring, controller_factory,  # noqa: F811
                                          monkeypatch):
    ws, _numbers, ids, _bad = ready_ids
    folder = paths.data_dir() / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zj.toml").write_text('code = "zhejiang"\nname = "浙江（本单位副本）"\nprovince = "浙江省"\n'
                                    'email = "kfxk@zj.example.cn"\n', encoding="utf-8")
    controller, sink = controller_factory(auth_require_tls=False)
    mailer.configure("127.0.0.1", controller.port, "none", "tto", password="s3cret")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win = _Window(ws, ids)
    qtbot.addWidget(win)
    wizard = ExportWizard(ws, ids, win, win.tasks)
    wizard.profile_page.select("zhejiang")
    _walk_to_build(wizard, qtbot, tmp_path)
    wizard.next()  # → options
    wizard.options_page.out_dir.setText(str(tmp_path / "out"))
    assert wizard.options_page.email.isChecked()  # the profile has a recipient
    wizard.next()  # → build
    wizard.build_page.build_button.click()
    qtbot.waitUntil(lambda: wizard.result is not None or bool(wizard.error), timeout=60000)
    assert wizard.result is not None, wizard.error
    assert wizard.build_page.send_email.isEnabled()
    wizard.build_page.send_email.click()
    qtbot.waitUntil(lambda: len(sink.envelopes) == len(wizard.result.emails), timeout=30000)
    qtbot.waitUntil(lambda: "Sent" in wizard.build_page.status.text(), timeout=10000)
    _mail_from, rcpts, content, authenticated = sink.envelopes[0]
    assert rcpts == ["kfxk@zj.example.cn"] and authenticated
    got = email.message_from_bytes(content, policy=email.policy.default)
    assert got["X-Unsent"] is None
    assert any(part.get_filename("").endswith(".zip") for part in got.iter_attachments())
    win.tasks.wait()
