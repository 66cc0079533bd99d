"""The licensee book: a table with search, add, edit and import from xlsx.

Errors of the user's input (bad USCC, duplicate) are shown inside the dialogs, not as pop-ups, so the dialog
stays open with what was typed. Thread rule: GUI thread only; services are quick here (a few hundred rows).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from openlic_desktop.gui import words
from openlic_desktop.gui.licensing.book_entry import BookEntrySaving, open_entry_editor
from openlic_desktop.gui.licensing.parties_view import IdentityFields
from openlic_desktop.gui.models.licensing_models import LicenseeModel
from openlic_desktop.gui.widgets import (
    book_dialog_layout,
    finish_form_dialog,
    fit_columns_in_chars,
    sorted_table,
)
from openlic_desktop.services.licensing import licensees
from openlic_desktop.services.licensing.licensees import LicenseeRecord
from openlic_desktop.support.errors import OpenLicError


class LicenseeEditDialog(BookEntrySaving, QDialog):
    """Add or edit one licensee; `saved` carries the stored record."""

    saved = Signal(object)

    def __init__(self, ws, record: LicenseeRecord | None = None, parent: QWidget | None = None,
                 lang: str = "zh") -> None:
        super().__init__(parent)
        self.ws, self.record, self.lang = ws, record, lang
        self.setWindowTitle(self.tr("Licensee"))
        self.setMinimumWidth(520)  # an 18-character code and a full address readable without scrolling
        form = QFormLayout()
        self.name_edit = QLineEdit(record.name if record else "")
        # an organisation by its USCC, a person by an ID or passport number (parties_view.IdentityFields)
        self.identity = IdentityFields(record.id_type if record else "uscc", record.identifier if record else "")
        self.uscc_edit = self.identity.number_edit
        self.address_edit = QLineEdit(record.address if record else "")
        self.legal_edit = QLineEdit(record.legal_representative if record else "")
        self.contact_edit = QLineEdit(record.contact if record else "")
        self.size_combo = QComboBox()
        self.size_combo.addItem(self.tr("(not given)"), "")
        for key, label in words.choices(words.SIZES):
            self.size_combo.addItem(label, key)
        if record and record.size:
            self.size_combo.setCurrentIndex(max(self.size_combo.findData(record.size), 0))
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Identity"), self.identity)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("Legal representative"), self.legal_edit)
        form.addRow(self.tr("Contact"), self.contact_edit)
        form.addRow(self.tr("Enterprise size"), self.size_combo)
        for widget in (self.legal_edit, self.size_combo):  # a person has neither
            self.identity.personChanged.connect(widget.setDisabled)
            widget.setDisabled(self.identity.is_person)
        self.error_label = finish_form_dialog(self, form, self.save)

    def values(self) -> dict[str, str]:
        return {"name": self.name_edit.text(), **self.identity.licensee_values(), "address": self.address_edit.text(),
                "legal_representative": self.legal_edit.text(), "contact": self.contact_edit.text(),
                "size": self.size_combo.currentData() or ""}

    def write(self) -> LicenseeRecord:
        if self.record is None:
            return licensees.add_licensee(self.ws, **self.values())
        return licensees.update_licensee(self.ws, self.record.id, **self.values())


class LicenseesDialog(QDialog):
    """The licensee book."""

    def __init__(self, ws, parent: QWidget | None = None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.ws, self.lang = ws, lang
        self.resize(1000, 480)  # every column in sight: the licences count was past the edge at 900
        self.model = LicenseeModel(self)
        self.table = sorted_table(self.model, 0, "licenseeTable")  # by name
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_current)
        self.import_button = QPushButton(self.tr("Import from xlsx…"))
        self.import_button.clicked.connect(self.choose_import)
        self.search_edit, self.status_label = book_dialog_layout(
            self, self.table, title=self.tr("Licensee book"), search_hint=self.tr("Search name, code or contact"),
            buttons=(self.add_button, self.edit_button, self.import_button))
        self.editor: LicenseeEditDialog | None = None
        self.reload()

    def reload(self) -> None:
        items = licensees.list_licensees(self.ws, self.search_edit.text())
        self.model.set_items(items)
        fit_columns_in_chars(self.table, LicenseeModel.WIDTHS)
        self.status_label.setText(self.tr("%1 licensees").replace("%1", str(len(items))))

    def current_record(self) -> LicenseeRecord | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _open_editor(self, record: LicenseeRecord | None) -> LicenseeEditDialog:
        return open_entry_editor(self, LicenseeEditDialog(self.ws, record, self, self.lang))

    def add(self) -> LicenseeEditDialog:
        return self._open_editor(None)

    def edit_current(self) -> LicenseeEditDialog | None:
        record = self.current_record()
        return self._open_editor(record) if record is not None else None

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import licensees"), "",
                                              self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.csv)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> licensees.LicenseeImport | None:
        try:
            result = licensees.import_licensees(self.ws, path, lang=self.lang)
        except OpenLicError as exc:
            self.status_label.setText(exc.message(self.lang))
            return None
        lines = [self.tr("Imported: %1 new, %2 updated, %3 unchanged, %4 refused")
                 .replace("%1", str(result.created)).replace("%2", str(result.updated))
                 .replace("%3", str(result.unchanged)).replace("%4", str(result.rejected))]
        for r in result.rejections[:20]:
            lines.append(self.tr("Row %1: %2").replace("%1", str(r["row"])).replace("%2", r["message"]))
        self.reload()
        self.status_label.setText("\n".join(lines))
        return result
