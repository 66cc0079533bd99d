"""The small forms of a declaration's steps: filed (date, route, reference), announced (date, issue), withdrawal
filed (date, reason, the co-owners' consent), withdrawal announced, and the export's options (folder, date, an
explicit override with its reason). The dialog only collects values; the Declarations view runs the step.

Thread rule: GUI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from openlic_desktop.gui.widgets import finish_form_dialog
from openlic_desktop.gui.words import FILING_ROUTES, choices

ACTIONS = ("file", "announce", "withdraw", "announce-withdrawal", "export")


@dataclass(frozen=True)
class StepValues:
    action: str
    day: date
    route: str = ""
    text: str = ""                 # reference, announcement, or the withdrawal's reason
    consent_all: bool = False
    folder: Path | None = None
    override_reason: str = ""      # empty: no override
    withdrawal: bool = False       # export: the withdrawal documents


class DeclarationStepDialog(QDialog):
    """Asks what a step needs for the `count` declarations selected; `values` after OK."""

    def __init__(self, action: str, count: int, parent: QWidget | None = None, withdrawal: bool = False) -> None:
        super().__init__(parent)
        if action not in ACTIONS:
            raise ValueError(action)
        self.action = action
        self.values: StepValues | None = None
        self.setObjectName("declarationStepDialog")
        titles = {"file": self.tr("Mark filed with CNIPA"), "announce": self.tr("Mark announced by CNIPA"),
                  "withdraw": self.tr("Withdrawal filed"), "announce-withdrawal": self.tr("Withdrawal announced"),
                  "export": self.tr("Declaration documents")}
        self.setWindowTitle(titles[action])
        form = QFormLayout()
        form.addRow(self.tr("Declarations"), QLabel(self.tr("%1 selected").replace("%1", str(count))))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate.currentDate())
        date_label = {"file": self.tr("Filed on"), "announce": self.tr("Announced on"),
                      "withdraw": self.tr("Withdrawal filed on"), "announce-withdrawal": self.tr("Withdrawal announced on"),
                      "export": self.tr("Date on the documents")}[action]
        form.addRow(date_label, self.date_edit)
        self.route_combo = QComboBox()
        for code, label in choices(FILING_ROUTES):
            self.route_combo.addItem(label, code)
        self.text_edit = QLineEdit()
        self.consent_box = QCheckBox(self.tr("Every co-owner has consented in writing"))
        self.withdrawal_box = QCheckBox(self.tr("Withdrawal documents instead of declarations"))
        self.withdrawal_box.setChecked(withdrawal)
        self.folder_edit = QLineEdit(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                                     or str(Path.home()))
        self.folder_edit.setAccessibleName(self.tr("Output folder"))
        self.override_box = QCheckBox(self.tr("Draft even where recorded facts block it"))
        self.override_edit = QLineEdit()
        self.override_edit.setPlaceholderText(self.tr("Why (printed on the first page and kept in the audit trail)"))
        self.override_edit.setEnabled(False)
        self.override_box.toggled.connect(self.override_edit.setEnabled)
        if action == "file":
            form.addRow(self.tr("Route"), self.route_combo)
            self.text_edit.setPlaceholderText(self.tr("e.g. the online submission's receipt number"))
            form.addRow(self.tr("Reference"), self.text_edit)
            # filing writes no document: the override is kept in the audit trail only
            self.override_box.setText(self.tr("Record as filed even where recorded facts block it"))
            self.override_edit.setPlaceholderText(self.tr("Why (kept in the audit trail)"))
            form.addRow("", self.override_box)
            form.addRow(self.tr("Reason"), self.override_edit)
        elif action in ("announce", "announce-withdrawal"):
            self.text_edit.setPlaceholderText(self.tr("e.g. volume 41, issue 50"))
            form.addRow(self.tr("Announcement"), self.text_edit)
        elif action == "withdraw":
            self.text_edit.setPlaceholderText(self.tr("e.g. the patent is to be transferred"))
            form.addRow(self.tr("Reason"), self.text_edit)
            form.addRow("", self.consent_box)
        else:
            row = QHBoxLayout()
            row.addWidget(self.folder_edit, 1)
            browse = QPushButton(self.tr("Choose…"))
            browse.clicked.connect(self._browse)
            row.addWidget(browse)
            form.addRow(self.tr("Folder"), row)
            form.addRow("", self.withdrawal_box)
            self.text_edit.setPlaceholderText(self.tr("Only for withdrawals not yet recorded"))
            form.addRow(self.tr("Reason for withdrawing"), self.text_edit)
            form.addRow("", self.override_box)
            form.addRow(self.tr("Reason"), self.override_edit)
        self.error_label = finish_form_dialog(self, form, self.accept_values)
        self.setMinimumWidth(520)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def accept_values(self) -> None:
        qd = self.date_edit.date()
        day = date(qd.year(), qd.month(), qd.day())
        text = self.text_edit.text().strip()
        if self.action == "withdraw" and not text:
            self.error_label.setText(self.tr("Give the reason for the withdrawal."))
            return
        override = self.override_edit.text().strip() if self.override_box.isChecked() else ""
        if self.override_box.isChecked() and not override:
            self.error_label.setText(self.tr("Give the reason for drafting despite the blockers."))
            return
        folder = Path(self.folder_edit.text().strip()) if self.action == "export" else None
        if self.action == "export" and not self.folder_edit.text().strip():
            self.error_label.setText(self.tr("Choose a folder."))
            return
        self.values = StepValues(self.action, day, self.route_combo.currentData() or "", text,
                                 self.consent_box.isChecked(), folder, override, self.withdrawal_box.isChecked())
        self.accept()
