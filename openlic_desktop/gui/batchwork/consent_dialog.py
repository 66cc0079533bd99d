"""Consents by co-owner: each co-owner with the patents it shares with the office and how many still lack its
consent; record one co-owner's consent for all of them (its signed letter attached to each) and draft its consent
letter for all of them at once.

Thread rule: GUI thread; the lists are small (co-owners of one office), the recording runs on the window's worker.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.gui.models.packages_models import RowsModel
from openlic_desktop.gui.widgets import plain_titles
from openlic_desktop.services import coowner_consents
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate

class ConsentsDialog(QDialog):
    """`recorded` is emitted with the ConsentOutcome after each recording."""

    recorded = Signal(object)

    def __init__(self, window: Any, owner: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_, self.ws, self.tasks = window, window.ws, getattr(window, "tasks", None)
        self.lang = getattr(window, "lang", "zh")
        self.setObjectName("consentsDialog")
        self.setWindowTitle(translate("Consents", "Consents by co-owner"))
        self.model = RowsModel([translate("Consents", "Co-owner"), translate("Consents", "Shared patents"),
                                translate("Consents", "Consent missing")], self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(translate("Consents", "Co-owner"))
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # the counts as wide as their titles
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        plain_titles(self.view)
        self.letter = QLineEdit(self)
        self.letter.setObjectName("consentLetterFile")
        self.letter.setAccessibleName(translate("Consents", "Signed letter (optional)"))
        choose = QPushButton(translate("Consents", "Choose…"), self)
        choose.clicked.connect(self.choose_letter)
        self.use_date = QCheckBox(translate("Consents", "Record the date"), self)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")  # the form every other date of the application takes
        self.day.setAccessibleName(translate("Consents", "Date of consent"))
        self.day.setEnabled(False)
        self.use_date.toggled.connect(self.day.setEnabled)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.letter, 1)
        row.addWidget(choose)
        form.addRow(translate("Consents", "Signed letter (optional)"), row)
        row2 = QHBoxLayout()
        row2.addWidget(self.use_date)
        row2.addWidget(self.day)
        row2.addStretch(1)
        form.addRow(translate("Consents", "Date of consent"), row2)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("consentsMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.record_button = buttons.addButton(translate("Consents", "Record consent for all its patents"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.record_button.setObjectName("recordConsentButton")
        self.letter_button = buttons.addButton(translate("Consents", "Draft consent letter…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.record_button.clicked.connect(self.record)
        self.letter_button.clicked.connect(lambda: self.draft_letter())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.reload(owner)
        self.resize(720, 460)

    def reload(self, select: str = "") -> None:
        owners = coowner_consents.co_owners_of(self.ws)
        self.model.set_rows([(c.name, len(c.patents), len(c.missing)) for c in owners], [c.name for c in owners],
                            ["bad" if c.missing else "ok" for c in owners])
        if not owners:
            self.message.setText(translate("Consents", "No patent is shared with another patentee."))
        keys = self.model.keys
        row = keys.index(select) if select in keys else (0 if keys else -1)
        if row >= 0:
            self.view.selectRow(row)
        self._update()

    def owner(self) -> str:
        rows = self.view.selectionModel().selectedRows()
        return self.model.keys[rows[0].row()] if rows else ""

    def _update(self) -> None:
        has = bool(self.owner())
        self.record_button.setEnabled(has)
        self.letter_button.setEnabled(has)

    def choose_letter(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("Consents", "Signed letter (optional)"), "",
                                              translate("Consents", "PDF, OFD or images (*.pdf *.ofd *.jpg *.jpeg *.png)"))
        if path:
            self.letter.setText(path)

    def _failed(self, exc: BaseException, _trace: str = "") -> None:
        reason = exc.message(self.lang) if isinstance(exc, OpenLicError) else f"{type(exc).__name__}: {exc}"
        self.message.setText(translate("Consents", "Failed: %1").replace("%1", reason))

    def record(self) -> None:
        owner, ws = self.owner(), self.ws
        if not owner:
            return
        day = self.day.date().toPython() if self.use_date.isChecked() else None
        letter = self.letter.text().strip() or None

        def job(_progress):
            return coowner_consents.record_owner_consent(ws, owner, None, day, letter, source="gui")

        def done(outcome: coowner_consents.ConsentOutcome) -> None:
            self.message.setText(translate("Consents", "%1: consent recorded for %2 patents (%3 already on file).")
                                 .replace("%1", outcome.owner).replace("%2", str(len(outcome.done)))
                                 .replace("%3", str(len(outcome.unchanged))))
            self.letter.clear()
            self.reload(outcome.owner)
            self.recorded.emit(outcome)
            if hasattr(self.window_, "refresh"):
                self.window_.refresh()

        if self.tasks is None:
            try:
                done(job(None))
            except OpenLicError as exc:
                self._failed(exc)
            return
        self.tasks.run(job, on_done=done, on_error=self._failed)

    def draft_letter(self, target: str | None = None) -> str | None:
        owner = self.owner()
        if not owner:
            return None
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, translate("Consents", "Draft consent letter…"),
                                                    coowner_consents.letter_file_name(owner),
                                                    translate("Consents", "Word documents (*.docx)"))
            if not target:
                return None
        try:
            letter = coowner_consents.consent_letter(self.ws, owner, target, day=date.today())
        except OpenLicError as exc:
            self._failed(exc)
            return None
        text = translate("Consents", "Consent letter written (%1 patents): %2").replace(
            "%1", str(len(letter.listed))).replace("%2", str(letter.path))
        if letter.left_out:  # the letter agrees to the terms as filed: patents without terms are not in it
            text += "\n" + translate("Consents", "Left out, no licence fee terms yet: %1").replace(
                "%1", "、".join(letter.left_out))
        self.message.setText(text)
        return str(letter.path)
