"""Tools → Office details… (and once at first start): the office's name, address, contact, phone, e-mail and seal
holder, kept in the settings (`settings.Office`) and written into tables, letters and contracts. Saved through
`services.office.update`, the CLI's `openlic office set`: one writer, one set of checks and refusals.
Thread rule: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.services import office as office_service
from openlic_desktop.services.workspace import acting_user
from openlic_desktop.support import settings
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls


class OfficeDialog(QDialog):
    """Edits the office's details; OK saves them through the office service or shows why it refused them."""

    FIELDS = (
        ("name", QT_TRANSLATE_NOOP("Welcome", "Office name")),
        ("address", QT_TRANSLATE_NOOP("Welcome", "Address")),
        ("contact_person", QT_TRANSLATE_NOOP("Welcome", "Contact person")),
        ("contact_phone", QT_TRANSLATE_NOOP("Welcome", "Phone")),
        ("contact_email", QT_TRANSLATE_NOOP("Welcome", "E-mail")),
        ("seal_holder", QT_TRANSLATE_NOOP("Welcome", "Seal holder")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeDialog")
        self.setWindowTitle(translate("Welcome", "Office details"))
        layout = QVBoxLayout(self)
        note = QLabel(translate(
            "Welcome",
            # two sentences, two lines: wrapped as one paragraph the last word sat alone on the second line
            "These details go into the information tables, commitment letters and contracts.\n"
            "You can change them later under Tools → Office details…."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        office = settings.load().office
        self.edits: dict[str, QLineEdit] = {}
        for key, label in self.FIELDS:
            edit = QLineEdit(getattr(office, key), self)
            edit.setObjectName(f"office_{key}")
            edit.setMaxLength(200)
            form.addRow(translate("Welcome", label), edit)
            self.edits[key] = edit
        self.edits["name"].setPlaceholderText(
            translate("Welcome", "e.g. Technology Transfer Centre, Zhejiang University"))
        layout.addLayout(form)
        buttons = QDialogButtonBox.StandardButton
        self.button_box = QDialogButtonBox(buttons.Ok | buttons.Cancel, self)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        self.setMinimumWidth(480)

    def values(self) -> dict[str, str]:
        """The fields as typed, under the settings' names; the service cleans and checks them."""
        return {key: edit.text() for key, edit in self.edits.items()}

    def accept(self) -> None:
        refusal = self.save()
        if refusal is not None:
            QMessageBox.warning(self, translate("Welcome", "Office details"), refusal.message(self._lang()))
            self.edits.get(refusal.params.get("attr", ""), self.edits["name"]).setFocus()
            return
        super().accept()

    def save(self) -> OpenLicError | None:
        """Saves the details, or returns the service's refusal (then nothing was saved)."""
        before = acting_user()
        try:
            office_service.update(self.values())
        except OpenLicError as exc:
            return exc
        name_acting_user_again(self.parentWidget(), before)
        return None

    def _lang(self) -> str:
        host = self.parentWidget()
        while host is not None and not hasattr(host, "lang"):
            host = host.parentWidget()
        return getattr(host, "lang", None) or settings.load().language or "zh"


def name_acting_user_again(host: QWidget | None, before: str) -> None:
    """The settings that name the acting user changed (the office's contact person, the current staff member):
    the open workspace of `host`'s window now acts as the person they name, unless it acted as someone else than
    they named `before` (started with --user); the status bar says who."""
    while host is not None and getattr(host, "ws", None) is None:
        host = host.parentWidget()
    ws = getattr(host, "ws", None)
    if ws is None:
        return
    if ws.user == before:
        ws.user = acting_user()
    while host is not None and not hasattr(host, "update_status_bar"):
        host = host.parentWidget()
    if host is not None:
        host.update_status_bar()
