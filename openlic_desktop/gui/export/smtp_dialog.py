"""Tools → Outgoing mail server (SMTP)…: the server in settings, the password only in the OS keyring.

The password field starts empty and is never filled back in: leaving it empty keeps the stored password.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox, QWidget

from openlic_desktop.gui.widgets import finish_form_dialog
from openlic_desktop.support import settings
from openlic_desktop.support.errors import OpenLicError


class SmtpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, lang: str = "zh") -> None:
        # here, not at the top: the mailer loads the OS keyring (~50 ms), which the main window's start does not need
        from openlic_desktop.services import mailer

        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(self.tr("Outgoing mail server (SMTP)"))
        raw = settings.load().extra.get("smtp") or {}
        self.host = QLineEdit(str(raw.get("host", "")))
        self.security = QComboBox()
        for label, value in ((self.tr("STARTTLS"), "starttls"), (self.tr("SSL/TLS"), "ssl"),
                             (self.tr("None (not recommended)"), "none")):
            self.security.addItem(label, value)
        self.security.setCurrentIndex(max(0, self.security.findData(raw.get("security", "starttls"))))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(raw.get("port") or mailer.DEFAULT_PORTS[self.security.currentData()]))
        self.security.currentIndexChanged.connect(
            lambda _i: self.port.setValue(mailer.DEFAULT_PORTS[self.security.currentData()]))
        self.username = QLineEdit(str(raw.get("username", "")))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Leave empty to keep the stored password"))
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Security"), self.security)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.error_label = finish_form_dialog(self, form, self.save)
        self.resize(420, self.sizeHint().height())

    def save(self) -> None:
        from openlic_desktop.services import mailer

        host = self.host.text().strip()
        if not host:
            self.error_label.setText(self.tr("Server name is required"))
            return
        try:
            mailer.configure(host, self.port.value(), self.security.currentData(), self.username.text().strip(),
                             self.password.text() or None)
        except OpenLicError as exc:
            self.error_label.setText(exc.message(self.lang))
            return
        self.password.clear()
        self.accept()


def open_smtp_dialog(window: Any) -> SmtpDialog:
    """Window-modal, not blocking: the main window keeps painting while it is open."""
    dialog = SmtpDialog(window, getattr(window, "lang", "zh"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install(window: Any) -> None:
    action = QAction(QCoreApplication.translate("SmtpDialog", "Outgoing mail server (SMTP)…"), window)
    action.setObjectName("smtpAction")
    action.triggered.connect(lambda _checked=False: open_smtp_dialog(window))
    window.menus["tools"].addAction(action)
    window.smtp_action = action
