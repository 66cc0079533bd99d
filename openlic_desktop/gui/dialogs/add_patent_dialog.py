"""Patents → Add patent… and Delete patent: a patent the spreadsheet lacked, or one recorded by mistake.

Adding asks for the number (any written form) and the title; the new patent is selected and its editor opened
for the rest. Deleting asks first and is refused, with the records named, while other records refer to the
patent. Both are commands on the window's undo history. Thread rule: GUI thread; the services run as ops.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QMessageBox, QWidget

from openlic_desktop.gui import ops
from openlic_desktop.gui.widgets import finish_form_dialog
from openlic_desktop.services import portfolio
from openlic_desktop.support.errors import OpenLicError


class AddPatentDialog(QDialog):
    """The number and title of a patent to add; `add()` (OK) records it as an undoable command."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setObjectName("addPatentDialog")
        self.setWindowTitle(self.tr("Add patent"))
        self.setMinimumWidth(480)
        form = QFormLayout()
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("newPatentNumber")
        self.number_edit.setPlaceholderText(self.tr("e.g. ZL202110123456.7 or 202110123456.7"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("newPatentTitle")
        for label, edit in ((self.tr("Application No."), self.number_edit), (self.tr("Title"), self.title_edit)):
            edit.setAccessibleName(label)
            form.addRow(label, edit)
        self.error_label = finish_form_dialog(self, form, self.add)

    def add(self) -> None:
        window, ws = self.window_, self.window_.ws
        number, title = self.number_edit.text(), self.title_edit.text()

        def refused(exc: BaseException, trace: str) -> None:
            if isinstance(exc, OpenLicError):
                self.error_label.setText(exc.message(window.lang))
            else:
                window.show_error(exc, trace)

        def added(patent_id: int) -> None:
            self.accept()
            window.open_after_refresh(patent_id)

        holder: dict[str, object] = {}

        def do() -> int:
            patent_id = portfolio.add_patent(ws, number, title, source="gui")
            holder["id"] = patent_id
            return patent_id

        window.undo_history.push(
            self, self.tr("Add patent %1").replace("%1", number.strip()), do,
            lambda patent_id: portfolio.delete_patent(ws, patent_id, source="gui"),
            lambda patent_id: ops.Changes.of([patent_id], ops.FACTS, id_list=True), on_done=added, on_error=refused)


def open_add_dialog(window) -> AddPatentDialog | None:
    if window.ws is None:
        return None
    dialog = AddPatentDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.add_patent_dialog = dialog
    dialog.open()
    return dialog


def delete_selected(window, confirm=None) -> bool:
    """Delete the selected patents after asking (`confirm(text) -> bool` replaces the box); one command."""
    ids = window.selected_patent_ids()
    if window.ws is None or not ids:
        return False
    ws = window.ws
    question = QCoreApplication.translate("AddPatent", "Delete %1 patents? Edit → Undo puts them back.") \
        .replace("%1", str(len(ids)))
    ask = confirm or (lambda text: QMessageBox.question(
        window, QCoreApplication.translate("AddPatent", "Delete patent"), text) == QMessageBox.StandardButton.Yes)
    if not ask(question):
        return False

    def do() -> list:
        return [portfolio.delete_patent(ws, pid, source="gui") for pid in ids]

    def undo(deleted: list) -> None:
        for facts in deleted:
            portfolio.restore_patent(ws, facts, source="gui")

    def refused(exc: BaseException, trace: str) -> None:
        if isinstance(exc, OpenLicError):
            QMessageBox.warning(window, QCoreApplication.translate("AddPatent", "Delete patent"),
                                exc.message(window.lang))
        else:
            window.show_error(exc, trace)

    window.undo_history.push(window, QCoreApplication.translate("AddPatent", "Delete %1 patents")
                             .replace("%1", str(len(ids))), do, undo,
                             ops.Changes.of(ids, ops.FACTS, id_list=True), on_error=refused)
    return True


def install(window) -> None:
    menu = window.menus["patents"]
    add = QAction(QCoreApplication.translate("AddPatent", "Add patent…"), window)
    add.setObjectName("addPatentAction")
    add.setShortcut(QKeySequence("Ctrl+Shift+N"))
    add.triggered.connect(lambda _checked=False: open_add_dialog(window))
    remove = QAction(QCoreApplication.translate("AddPatent", "Delete patent…"), window)
    remove.setObjectName("deletePatentAction")
    remove.setShortcut(QKeySequence.StandardKey.Delete)
    remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Delete in the table, not while typing
    remove.triggered.connect(lambda _checked=False: delete_selected(window))
    window.table.addAction(remove)
    menu.addAction(add)
    menu.addAction(remove)
