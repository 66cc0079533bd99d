"""The parties of a contract in the GUI: the patentee book, a party's identity (an organisation's USCC or a
person's ID or passport number), and the contract options that decide who the licensors are and under which
regime the contract is drafted.

- `IdentityFields`: the kind of party and its number, for the licensee and the patentee editors.
- `PatenteeEditDialog` / `PatenteesDialog`: the patentee book (Tools → Patentee book…), filled from the portfolio.
- `ContractOptions`: in the contract dialog — the patentee sets the selection splits into (one contract each per
  licensee: sets are never merged), the regime (statutory / pilot and its bureau), and the explicit override of
  blockers with its reason.
Errors of the user's input are shown inside the dialogs. Thread rule: GUI thread only; the book is small.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from openlic_desktop.domain.blocker_override import Override
from openlic_desktop.domain.licensing import Regime
from openlic_desktop.gui.licensing.book_entry import BookEntrySaving, open_entry_editor
from openlic_desktop.gui.widgets import (
    ReadOnlyRowsModel,
    book_dialog_layout,
    finish_form_dialog,
    fit_columns,
    short_list,
)
from openlic_desktop.services.licensing import drafting, patentees
from openlic_desktop.services.licensing.patentees import PatenteeEntry
from openlic_desktop.support.errors import OpenLicError

ID_TYPES = {
    "uscc": QT_TRANSLATE_NOOP("Parties", "Organisation: unified social credit code"),
    "resident_id": QT_TRANSLATE_NOOP("Parties", "Person: resident ID number"),
    "passport": QT_TRANSLATE_NOOP("Parties", "Person: passport number"),
}
FIELD_WORDS = {
    "identifier": QT_TRANSLATE_NOOP("Parties", "identifier"),
    "address": QT_TRANSLATE_NOOP("Parties", "address"),
    "legal_representative": QT_TRANSLATE_NOOP("Parties", "legal representative"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Parties", text)


def missing_words(fields: list[str]) -> str:
    return "、".join(_t(FIELD_WORDS.get(f, f)) for f in fields)


class IdentityFields(QWidget):
    """The kind of party and its identifier. `personChanged(bool)` lets the editor grey out what a person lacks
    (a legal representative, an enterprise size)."""

    personChanged = Signal(bool)

    def __init__(self, id_type: str = "uscc", identifier: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_combo = QComboBox()
        for code, source in ID_TYPES.items():
            self.kind_combo.addItem(_t(source), code)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(id_type), 0))
        self.kind_combo.setAccessibleName(self.tr("Kind of party"))
        self.number_edit = QLineEdit(identifier)
        self.number_edit.setMaxLength(40)
        self.number_edit.setMinimumWidth(self.number_edit.fontMetrics().horizontalAdvance("0" * 22))  # 18 + room
        self.number_edit.setAccessibleName(self.tr("Identifier"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind_combo)
        layout.addWidget(self.number_edit, 1)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.personChanged.emit(self.is_person))

    @property
    def id_type(self) -> str:
        return self.kind_combo.currentData() or "uscc"

    @property
    def is_person(self) -> bool:
        return self.id_type != "uscc"

    def licensee_values(self) -> dict[str, str]:
        """For the licensee services: `uscc` for an organisation, `id_number` and `id_type` for a person."""
        number = self.number_edit.text()
        if self.is_person:
            return {"uscc": "", "id_number": number, "id_type": self.id_type}
        return {"uscc": number, "id_number": "", "id_type": ""}


# --- the patentee book ---------------------------------------------------------------------------------------------

class PatenteeEditDialog(BookEntrySaving, QDialog):
    """One entry of the patentee book; `saved` carries the stored entry."""

    saved = Signal(object)

    def __init__(self, ws, entry: PatenteeEntry, parent: QWidget | None = None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.ws, self.entry, self.lang = ws, entry, lang
        self.setWindowTitle(self.tr("Patentee"))
        self.name_edit = QLineEdit(entry.name)
        self.identity = IdentityFields(entry.id_type, entry.identifier)
        self.legal_edit = QLineEdit(entry.legal_representative)
        self.address_edit = QLineEdit(entry.address)
        self.bank_edit = QLineEdit(entry.bank_name)
        self.account_edit = QLineEdit(entry.bank_account)
        self.contact_edit = QLineEdit(entry.contact)
        self.phone_edit = QLineEdit(entry.phone)
        self.email_edit = QLineEdit(entry.email)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Identity"), self.identity)
        form.addRow(self.tr("Legal representative"), self.legal_edit)
        form.addRow(self.tr("Address"), self.address_edit)
        form.addRow(self.tr("Bank"), self.bank_edit)
        form.addRow(self.tr("Account for licence fees"), self.account_edit)
        form.addRow(self.tr("Contact"), self.contact_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)
        form.addRow(self.tr("E-mail"), self.email_edit)
        self.identity.personChanged.connect(self.legal_edit.setDisabled)
        self.legal_edit.setDisabled(self.identity.is_person)
        self.error_label = finish_form_dialog(self, form, self.save)
        self.setMinimumWidth(560)

    def values(self) -> dict[str, str]:
        return {"name": self.name_edit.text(), "id_type": self.identity.id_type,
                "identifier": self.identity.number_edit.text(), "legal_representative": self.legal_edit.text(),
                "address": self.address_edit.text(), "bank_name": self.bank_edit.text(),
                "bank_account": self.account_edit.text(), "contact": self.contact_edit.text(),
                "phone": self.phone_edit.text(), "email": self.email_edit.text()}

    def write(self) -> PatenteeEntry:
        return patentees.update_patentee(self.ws, self.entry.id, **self.values())


class PatenteeModel(ReadOnlyRowsModel):
    CONTEXT = "Parties"
    HEADERS = (QT_TRANSLATE_NOOP("Parties", "Name"), QT_TRANSLATE_NOOP("Parties", "USCC / ID No."),
               QT_TRANSLATE_NOOP("Parties", "Legal representative"), QT_TRANSLATE_NOOP("Parties", "Address"),
               QT_TRANSLATE_NOOP("Parties", "Account for licence fees"), QT_TRANSLATE_NOOP("Parties", "Missing"))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        entry: PatenteeEntry | None = self.row_at(index)
        if entry is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        account = " ".join(x for x in (entry.bank_name, entry.bank_account) if x)
        return (entry.name, entry.identifier, entry.legal_representative, entry.address, account,
                missing_words(entry.missing))[index.column()]


class PatenteesDialog(QDialog):
    """The patentee book: every patentee as a contract's licensor names it."""

    def __init__(self, ws, parent: QWidget | None = None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.ws, self.lang = ws, lang
        self.resize(1180, 480)
        self.model = PatenteeModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.fill_button = QPushButton(self.tr("Add the portfolio's patentees"))
        self.fill_button.clicked.connect(self.fill)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_current)
        self.search_edit, self.status_label = book_dialog_layout(
            self, self.table, title=self.tr("Patentee book"), search_hint=self.tr("Search name or code"),
            buttons=(self.fill_button, self.edit_button))
        self.editor: PatenteeEditDialog | None = None
        self.reload()

    def reload(self) -> None:
        items = patentees.list_patentees(self.ws, self.search_edit.text())
        self.model.set_rows(items)
        fit_columns(self.table)  # as the licensee book: its contents and its header, in either language
        incomplete = sum(1 for e in items if e.missing)
        self.status_label.setText(self.tr("%1 patentees, %2 of them incomplete for contracts")
                                  .replace("%1", str(len(items))).replace("%2", str(incomplete)))

    def fill(self) -> list[str]:
        added = patentees.fill_from_portfolio(self.ws)
        self.reload()
        self.status_label.setText(self.tr("%1 patentees added from the portfolio; fill in their details.")
                                  .replace("%1", str(len(added))))
        return added

    def edit_current(self) -> PatenteeEditDialog | None:
        entry = self.model.row_at(self.table.currentIndex())
        if entry is None:
            return None
        return open_entry_editor(self, PatenteeEditDialog(self.ws, entry, self, self.lang))


# --- the contract's options -----------------------------------------------------------------------------------

class ContractOptions(QObject):
    """Who the licensors are (the selection's patentee sets: one contract per set and licensee), the regime, and
    the explicit override of blockers. `changed` when something that shows in the preview changes.

    Not a widget of its own: `rows` are (label, field) pairs the dialog puts in its own form, so that their labels
    line up with the dialog's other labels (a form inside a form's field column stood indented)."""

    changed = Signal()

    def __init__(self, ws, patent_ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        sets = drafting.patentee_sets_of(ws, patent_ids) if patent_ids else []
        # the count says what it counts: the patents of this licensor set, each of its contracts covers them all
        lines = [self.tr("%1 (this contract covers %2 patent(s))").replace("%1", "、".join(owners))
                 .replace("%2", str(len(numbers))) for owners, numbers in sets]
        # a hundred patents may come in dozens of sets: three show, the rest scroll
        self.sets_list = short_list(parent, lines, 3, "licensorSets")
        self.sets_list.setAccessibleName(self.tr("Licensors"))
        self.sets_list.setToolTip(self.tr("Patents of different patentees are never merged into one licensor: "
                                           "each set gets a contract of its own for every licensee."))
        self.set_count = len(sets)
        self.regime_combo = QComboBox()
        self.regime_combo.addItem(self.tr("Statutory declaration (announced by CNIPA)"), "statutory")
        self.regime_combo.addItem(self.tr("Provincial pilot listing"), "pilot")
        self.regime_combo.setAccessibleName(self.tr("Regime"))
        self.bureau_edit = QLineEdit()
        self.bureau_edit.setPlaceholderText(self.tr("The bureau that published the offer, full name"))
        self.bureau_edit.setEnabled(False)
        self.bureau_edit.setAccessibleName(self.tr("The bureau that published the offer, full name"))
        self.regime_combo.currentIndexChanged.connect(self._regime_changed)
        self.bureau_edit.editingFinished.connect(self.changed.emit)
        self.override_check = QCheckBox(self.tr("Draft even for patents with blockers, because:"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason (printed on the first page and kept in the audit "
                                                    "trail)"))
        self.reason_edit.setEnabled(False)
        self.reason_edit.setAccessibleName(self.tr("Reason for drafting despite blockers"))
        self.override_check.toggled.connect(self.reason_edit.setEnabled)
        regime_row = QHBoxLayout()
        regime_row.addWidget(self.regime_combo)
        regime_row.addWidget(self.bureau_edit, 1)
        override_row = QHBoxLayout()
        override_row.addWidget(self.override_check)
        override_row.addWidget(self.reason_edit, 1)
        self.rows: list[tuple[str, QWidget | QHBoxLayout]] = [
            (self.tr("Licensors"), self.sets_list), (self.tr("Regime"), regime_row),
            (self.tr("Blockers"), override_row)]

    def _regime_changed(self, _index: int) -> None:
        self.bureau_edit.setEnabled(self.regime_combo.currentData() == "pilot")
        self.changed.emit()

    def regime(self) -> Regime:
        code = self.regime_combo.currentData() or "statutory"
        return Regime(code, self.bureau_edit.text().strip() if code == "pilot" else "")

    def override(self, user: str) -> Override | None:
        """The override the user gave (None when the box is not ticked); refused without a reason."""
        if not self.override_check.isChecked():
            return None
        return Override(user, self.reason_edit.text(), date.today())


def ask_override(parent: QWidget, refusal: OpenLicError, user: str, lang: str = "zh") -> Override | None:
    """After DOCUMENT_BLOCKED: show the blockers and ask whether to draft anyway, and why. None when the user
    declines or gives no reason; the override otherwise (its reason goes on the document's first page)."""
    label = QCoreApplication.translate("Parties", "%1\n\nDraft it anyway? Give the reason (it is printed on the "
                                                  "first page and kept in the audit trail):")
    reason, ok = QInputDialog.getText(parent, QCoreApplication.translate("Parties", "Blockers"),
                                      label.replace("%1", refusal.message(lang)))
    if not ok or not reason.strip():
        return None
    return Override(user, reason, date.today())
