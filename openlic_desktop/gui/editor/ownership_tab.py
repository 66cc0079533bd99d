"""The Ownership & encumbrances tab: each co-owner's written consent (a check box each) and the encumbrances
(licences, pledges, disputes, preservation, transfers, other obstacles) with a form to add one.

Every change is one undoable command. Thread rule: GUI thread; the read runs on the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.domain.readiness import ENCUMBRANCE_KINDS
from openlic_desktop.gui import ops, words
from openlic_desktop.gui.editor.editor_tabs import EditorTab, ReadContext
from openlic_desktop.gui.widgets import plain_table, selected_key, two_column_form
from openlic_desktop.services import encumbrances
from openlic_desktop.support.errors import InputError, OpenLicError


@dataclass(frozen=True)
class OwnershipData:
    consents: list[encumbrances.ConsentState]
    encumbrances: list[encumbrances.EncumbranceInfo]


def date_of(edit: QLineEdit) -> date | None:
    """The date typed in `edit` (None when empty); InputError BAD_DATE when it is not one."""
    text = edit.text().strip()
    if not text:
        return None
    value = parse_date(text)
    if value is None:
        raise InputError("BAD_DATE", value=text)
    return value


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


class OwnershipTab(EditorTab):
    KEY = "ownership"
    ASPECTS = frozenset({ops.FACTS, ops.CONSENTS, ops.ENCUMBRANCES})

    def __init__(self, editor) -> None:
        super().__init__(editor)
        layout = QVBoxLayout(self)
        self.consent_box = QGroupBox(self.tr("Patentees and consents"), self)
        self.consent_box.setObjectName("consents")
        self.consent_layout = QVBoxLayout(self.consent_box)
        self.consent_checks: dict[str, QCheckBox] = {}
        layout.addWidget(self.consent_box)

        box = QGroupBox(self.tr("Encumbrances"), self)
        inner = QVBoxLayout(box)
        self.table = plain_table(self, "encumbranceTable", [
            self.tr("Kind"), self.tr("Party"), self.tr("Registration no."), self.tr("Start"), self.tr("End"),
            self.tr("Pledgee consented"), self.tr("Note")])
        self.table.setAccessibleName(self.tr("Encumbrances"))
        inner.addWidget(self.table, 1)
        self.kind = QComboBox(box)
        self.kind.setObjectName("encKind")
        for kind in ENCUMBRANCE_KINDS:
            self.kind.addItem(words.word(words.ENCUMBRANCE_KINDS, kind), kind)
        self.party = QLineEdit(box)
        self.party.setObjectName("encParty")
        self.registration = QLineEdit(box)
        self.registration.setObjectName("encRegistration")
        self.start = QLineEdit(box)
        self.start.setObjectName("encStart")
        self.start.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.end = QLineEdit(box)
        self.end.setObjectName("encEnd")
        self.end.setPlaceholderText(self.tr("YYYY-MM-DD, empty: open-ended"))
        self.note = QLineEdit(box)
        self.note.setObjectName("encNote")
        self.consent = QCheckBox(self.tr("Pledgee consented in writing"), box)
        form = two_column_form(box, (
            ((self.tr("Kind"), self.kind), (self.tr("Party"), self.party)),
            ((self.tr("Start"), self.start), (self.tr("End"), self.end)),
            ((self.tr("Registration no."), self.registration), (self.tr("Note"), self.note))))
        inner.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.consent)
        buttons.addStretch(1)
        add = QPushButton(self.tr("Add encumbrance"), box)
        add.setObjectName("addEncumbrance")
        add.clicked.connect(self.add_encumbrance)
        remove = QPushButton(self.tr("Remove selected"), box)
        remove.setObjectName("removeEncumbrance")
        remove.clicked.connect(self.remove_encumbrance)
        # the pledgee's signed consent, stored like a co-owner's letter and carried in the declaration package
        self.pledgee_button = QPushButton(self.tr("Attach the pledgee's consent…"), box)
        self.pledgee_button.setObjectName("attachPledgeeConsent")
        self.pledgee_button.clicked.connect(self.choose_pledgee_consent)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addWidget(self.pledgee_button)
        inner.addLayout(buttons)
        layout.addWidget(box, 1)
        self.encumbrances: list[encumbrances.EncumbranceInfo] = []
        self.table.itemSelectionChanged.connect(self._pledge_actions)
        self._pledge_actions()

    def title(self) -> str:
        return self.tr("Ownership && encumbrances")

    @staticmethod
    def read(ctx: ReadContext) -> Any:
        return OwnershipData(encumbrances.consent_states(ctx.ws, ctx.patent_id),
                             encumbrances.list_encumbrances(ctx.ws, ctx.patent_id))

    def show(self, data: OwnershipData) -> None:
        for check in self.consent_checks.values():
            self.consent_layout.removeWidget(check)
            check.deleteLater()
        self.consent_checks = {}
        for state in data.consents:
            label = state.owner if state.needed else state.owner + " " + self.tr("(the office)")
            check = QCheckBox(label, self.consent_box)
            check.setObjectName("consent_" + state.owner)
            check.setChecked(state.on_file)
            check.setEnabled(state.needed or state.on_file)
            check.setToolTip(self.tr("Written consent on file"))
            check.toggled.connect(lambda on, owner=state.owner: self.set_consent(owner, on))
            self.consent_layout.addWidget(check)
            self.consent_checks[state.owner] = check
        self.encumbrances = list(data.encumbrances)
        self.table.setRowCount(len(data.encumbrances))
        for row, e in enumerate(data.encumbrances):
            values = (words.word(words.ENCUMBRANCE_KINDS, e.kind), e.party, e.registration_no, iso(e.start),
                      iso(e.end), "✓" if e.consent else "", e.note)
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self._pledge_actions()

    def focus_field(self, name: str) -> None:
        (self.consent_box if name in ("consents", "coowners") else self.table).setFocus()

    # --- edits --------------------------------------------------------------------------------------------------
    def _changes(self, aspect: str) -> ops.Changes:
        return ops.Changes.of([self.editor.patent_id], aspect)

    def set_consent(self, owner: str, on: bool) -> None:
        ws, pid = self.editor.ws, self.editor.patent_id
        record = lambda *_: encumbrances.record_consent(ws, pid, owner, source="gui")
        withdraw = lambda *_: encumbrances.withdraw_consent(ws, pid, owner, source="gui")
        if on:
            self.editor.edit(self.tr("Record consent of %1").replace("%1", owner), record, withdraw,
                             self._changes(ops.CONSENTS))
        else:
            self.editor.edit(self.tr("Withdraw consent of %1").replace("%1", owner), withdraw, record,
                             self._changes(ops.CONSENTS))

    def add_encumbrance(self) -> None:
        try:
            start, end = date_of(self.start), date_of(self.end)
        except OpenLicError as exc:
            self.editor.show_message(exc.message(self.editor.lang), error=True)
            return
        ws, pid = self.editor.ws, self.editor.patent_id
        kind, party, registration, note = (self.kind.currentData(), self.party.text(), self.registration.text(),
                                           self.note.text().strip())
        consent = self.consent.isChecked() and kind == "pledge"

        def do():
            return encumbrances.add_encumbrance(ws, pid, kind, party, registration, start, end, consent, note,
                                                source="gui")

        def added(_info) -> None:
            for edit in (self.party, self.registration, self.start, self.end, self.note):
                edit.clear()
            self.consent.setChecked(False)

        self.editor.edit(self.tr("Add encumbrance"), do,
                         lambda info: encumbrances.remove_encumbrance(ws, info.id, source="gui"),
                         self._changes(ops.ENCUMBRANCES), on_done=added)

    def selected_pledge(self) -> encumbrances.EncumbranceInfo | None:
        key = selected_key(self.table)
        return next((e for e in self.encumbrances if e.id == key and e.kind == "pledge"), None)

    def _pledge_actions(self) -> None:
        """The pledgee's consent is attached to a pledge: without one selected the button is off, and says why."""
        pledge = self.selected_pledge()
        self.pledgee_button.setEnabled(pledge is not None)
        self.pledgee_button.setToolTip(
            self.tr("Attach the pledgee's signed consent (PDF, OFD, JPEG or PNG) to the selected pledge")
            if pledge is not None else self.tr("Select a pledge in the list above first"))

    def choose_pledgee_consent(self) -> None:
        if self.selected_pledge() is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("The pledgee's signed consent"), "",
                                              self.tr("PDF, OFD, JPEG or PNG files (*.pdf *.ofd *.jpg *.jpeg *.png)"))
        if name:
            self.attach_pledgee_consent(Path(name))

    def attach_pledgee_consent(self, path: Path) -> bool:
        pledge = self.selected_pledge()
        if pledge is None:
            return False
        ws, pledge_id = self.editor.ws, pledge.id
        self.editor.edit(self.tr("Attach the pledgee's consent %1").replace("%1", path.name),
                         lambda: encumbrances.attach_pledgee_consent(ws, pledge_id, path, source="gui"),
                         lambda done: encumbrances.undo_pledgee_consent(ws, done, source="gui"),
                         ops.Changes.of([self.editor.patent_id], ops.ENCUMBRANCES, ops.ATTACHMENTS))
        return True

    def remove_encumbrance(self) -> None:
        enc_id = selected_key(self.table)
        if enc_id is None:
            return
        ws = self.editor.ws
        holder: dict[str, Any] = {"id": enc_id}

        def do():  # a redo removes the row the undo put back, which has a new id
            return encumbrances.remove_encumbrance(ws, holder["id"], source="gui")

        def undo(info):
            holder["id"] = encumbrances.restore_encumbrance(ws, info, source="gui").id

        self.editor.edit(self.tr("Remove encumbrance"), do, undo, self._changes(ops.ENCUMBRANCES))
