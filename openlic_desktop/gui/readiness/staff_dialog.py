"""Tools → Staff and current user…: who may sign off as preparer or reviewer, and who is acting now.

Both live in settings (Settings.staff, Settings.current_user). Saving sets the acting user of the open workspace,
so the audit trail and sign-offs record the person chosen here. Thread rule: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.gui import ops, words
from openlic_desktop.gui.dialogs.office_dialog import name_acting_user_again
from openlic_desktop.services.workspace import acting_user
from openlic_desktop.support import settings

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls


class StaffDialog(QDialog):
    def __init__(self, current_user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffDialog")
        self.setWindowTitle(self.tr("Staff and current user"))
        self.prefs = settings.load()
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("With a staff list, only its preparers sign as preparer and only "
                                               "its reviewers as reviewer."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(self.tr("Staff and current user"))
        self.table.setObjectName("staffTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.setObjectName("staffName")
        self.name_edit.setPlaceholderText(self.tr("Name"))
        add = QPushButton(self.tr("Add"), self)
        add.setObjectName("addStaff")
        add.clicked.connect(lambda: self.add_member(self.name_edit.text()))
        remove = QPushButton(self.tr("Remove selected"), self)
        remove.setObjectName("removeStaff")
        remove.clicked.connect(self.remove_selected)
        row.addWidget(self.name_edit, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout.addLayout(row)
        form = QFormLayout()
        self.user_combo = QComboBox(self)
        self.user_combo.setObjectName("actingUser")
        self.user_combo.setEditable(True)
        form.addRow(self.tr("Acting as"), self.user_combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for member in self.prefs.staff:
            self.add_member(member.name, member.role)
        self.user_combo.setCurrentText(self.prefs.current_user or current_user)

    def add_member(self, name: str, role: str = "preparer") -> None:
        name = name.strip()
        if not name or name in self.names():
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        combo = QComboBox(self.table)
        combo.setAccessibleName(self.tr("Role of %1").replace("%1", name))
        for value, label in words.choices(words.ROLES):
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(role)))
        self.table.setCellWidget(row, 1, combo)
        self.name_edit.clear()
        self._fill_users()

    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True):
            self.table.removeRow(index)
        self._fill_users()

    def names(self) -> list[str]:
        return [self.table.item(r, 0).text().strip() for r in range(self.table.rowCount())
                if self.table.item(r, 0) is not None]

    def members(self) -> list[settings.StaffMember]:
        out = []
        for r in range(self.table.rowCount()):
            item, combo = self.table.item(r, 0), self.table.cellWidget(r, 1)
            if item is not None and item.text().strip():
                out.append(settings.StaffMember(item.text().strip(), combo.currentData()))
        return out

    def _fill_users(self) -> None:
        current = self.user_combo.currentText()
        self.user_combo.clear()
        self.user_combo.addItems(self.names())
        self.user_combo.setCurrentText(current)

    def save(self) -> None:
        self.acting_before = acting_user()
        prefs = settings.load()  # fresh: other dialogs may have saved meanwhile
        prefs.staff = self.members()
        prefs.current_user = self.user_combo.currentText().strip()
        settings.save(prefs)
        self.prefs = prefs
        self.accept()


def open_staff_dialog(window) -> StaffDialog:
    dialog = StaffDialog(window.ws.user if window.ws else "", window)

    def saved() -> None:
        user = dialog.prefs.current_user
        if window.ws is not None and user:
            window.ws.user = user
        name_acting_user_again(window, dialog.acting_before)  # no one chosen: the office's contact, or the login
        # who may sign changed: every readiness shown may say something else now
        window.tasks.changed.emit(ops.Changes.of((), ops.SETTINGS))

    dialog.accepted.connect(saved)
    window.staff_dialog = dialog
    dialog.open()
    return dialog


def install(window) -> None:
    action = window.menus["tools"].addAction(translate("StaffDialog", "Staff and current user…"))
    action.setObjectName("staffAction")
    action.triggered.connect(lambda _checked=False: open_staff_dialog(window))
