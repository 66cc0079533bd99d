"""Bureau profiles without editing files: the profile editor (bureau name, e-mail, e-mail size limit, minimum
term → the user copy of the profile) with the active profile, and the new-batch dialog that asks for the batch's
profile (and for the bureau's e-mail when the profile has none yet).

Thread rule: GUI thread only (profiles and settings are small files).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate

def _profile_label(code: str, name: str, active: str) -> str:
    mark = translate("BureauProfiles", "(active)") if code == active else ""
    return f"{name}{mark}"  # the name only: the code is for the command line


class ProfilesDialog(QDialog):
    """Tools → Bureau profiles…: edit a profile's bureau details (written to the user copy) and choose the active
    one (readiness, export and new batches use it)."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.lang = getattr(window, "lang", "zh")
        self.setObjectName("profilesDialog")
        self.setWindowTitle(translate("BureauProfiles", "Bureau profiles"))
        self.list = QListWidget(self)
        self.list.setObjectName("profileList")
        self.list.setAccessibleName(translate("BureauProfiles", "Bureau profiles"))
        self.list.setMinimumWidth(340)
        self.bureau = QLineEdit(self)
        self.email = QLineEdit(self)
        self.email.setObjectName("profileEmail")
        self.limit = QSpinBox(self)
        self.limit.setRange(1, 1000)
        self.min_term = QSpinBox(self)
        self.min_term.setRange(1, 300)
        form = QFormLayout()
        form.addRow(translate("BureauProfiles", "Bureau name"), self.bureau)
        form.addRow(translate("BureauProfiles", "Bureau e-mail"), self.email)
        form.addRow(translate("BureauProfiles", "E-mail size limit (megabytes)"), self.limit)
        form.addRow(translate("BureauProfiles", "Minimum licence term (months)"), self.min_term)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.save_button = QPushButton(translate("BureauProfiles", "Save"), self)
        self.use_button = QPushButton(translate("BureauProfiles", "Use this profile"), self)
        self.save_button.clicked.connect(self.save)
        self.use_button.clicked.connect(self.use)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.use_button)
        row.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(row)
        right.addWidget(self.message)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(lambda *_a: self._show())
        self.reload(profile_service.active_code())
        self.resize(900, 440)

    def reload(self, select: str) -> None:
        active = profile_service.active_code()
        self.profiles = profile_service.load_profiles()
        self.list.blockSignals(True)
        self.list.clear()
        for code, p in sorted(self.profiles.items(), key=lambda kv: (kv[0] != "general", kv[0])):
            item = QListWidgetItem(_profile_label(code, p.name, active))
            item.setData(256, code)
            self.list.addItem(item)
            if code == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show()

    def code(self) -> str:
        item = self.list.currentItem()
        return str(item.data(256)) if item is not None else ""

    def _show(self) -> None:
        p = self.profiles.get(self.code())
        if p is None:
            return
        self.bureau.setText(p.bureau)
        self.email.setText(p.email)
        self.limit.setValue(p.email_limit_mb)
        self.min_term.setValue(p.min_term_months)

    def save(self) -> bool:
        code = self.code()
        try:
            path = profile_service.edit_profile(code, {"bureau_name": self.bureau.text(), "email": self.email.text(),
                                                       "email_limit_mb": self.limit.value(),
                                                       "min_term_months": self.min_term.value()})
        except OpenLicError as exc:
            self.message.setText(exc.message(self.lang))
            return False
        self.message.setText(translate("BureauProfiles", "Saved to %1").replace("%1", str(path)))
        self.reload(code)
        return True

    def use(self) -> None:
        code = self.code()
        try:
            profile = profile_service.use_profile(code)
        except OpenLicError as exc:
            self.message.setText(exc.message(self.lang))
            return
        self.message.setText(translate("BureauProfiles", "Active profile: %1").replace("%1", profile.name))
        self.reload(code)
        if hasattr(self.window_, "refresh"):
            self.window_.refresh()  # the readiness column follows the active profile


class NewBatchDialog(QDialog):
    """A new batch asks for its name and its bureau profile (the active one first); when that profile has no
    bureau e-mail yet, it asks for it too and writes it to the profile's user copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newBatchDialog")
        self.setWindowTitle(translate("BureauProfiles", "New batch"))
        self.name = QLineEdit(self)
        self.name.setObjectName("batchName")
        self.profile = QComboBox(self)
        self.profile.setObjectName("batchProfile")
        self.profiles = profile_service.load_profiles()
        active = profile_service.active_code()
        for code, p in sorted(self.profiles.items(), key=lambda kv: (kv[0] != active, kv[0] != "general", kv[0])):
            self.profile.addItem(p.name, code)
        self.email = QLineEdit(self)
        self.email.setObjectName("batchBureauEmail")
        self.email_note = QLabel(translate(
            "BureauProfiles", "The bureau's e-mail is not known yet; fill it in to write the e-mail drafts."), self)
        self.email_note.setWordWrap(True)
        self.message = QLabel(self)
        form = QFormLayout()
        form.addRow(translate("BureauProfiles", "Batch name"), self.name)
        form.addRow(translate("BureauProfiles", "Bureau profile"), self.profile)
        form.addRow(translate("BureauProfiles", "Bureau e-mail"), self.email)
        form.addRow("", self.email_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.profile.currentIndexChanged.connect(lambda _i: self._show())
        self._show()
        self.setMinimumWidth(460)

    def code(self) -> str:
        return str(self.profile.currentData())

    def _show(self) -> None:
        p = self.profiles.get(self.code())
        self.email.setText(p.email if p else "")
        missing = p is not None and not p.email
        self.email_note.setVisible(missing)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.message.setText(translate("BureauProfiles", "Give the batch a name."))
            return
        p = self.profiles.get(self.code())
        typed = self.email.text().strip()
        if p is not None and typed != p.email:
            try:
                profile_service.edit_profile(p.code, {"email": typed})
            except OpenLicError as exc:
                self.message.setText(exc.message(getattr(self.parent(), "lang", "zh")))
                return
        super().accept()
