"""The Commitments & sign-off tab: the bureau profile's commitment items, each confirmed by a check box (with an
optional note), "Confirm all", the sign-off as preparer and as reviewer, and the commitment letter.

Confirmations are undoable commands; a sign-off is too (its undo revokes it). Thread rule: GUI thread; the read
runs on the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from openlic_desktop.gui import ops, words
from openlic_desktop.gui.editor.editor_tabs import EditorTab, ReadContext
from openlic_desktop.gui.widgets import local_time, plain_table
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.services import readiness


@dataclass(frozen=True)
class CommitmentsData:
    commitments: list[readiness.CommitmentState]
    signoffs: list[readiness.SignOffState]
    regime: str  # the profile's: its commitments are a pilot listing's or the statutory declaration's promises
    profile_name: str


class CommitmentsTab(EditorTab):
    KEY = "commitments"
    ASPECTS = frozenset({ops.COMMITMENTS, ops.SIGNOFFS, ops.FACTS, ops.ENCUMBRANCES, ops.CONSENTS, ops.ATTACHMENTS,
                         ops.PRICING})  # what a sign-off covers: any of it makes the sign-off stale

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.states: list[readiness.CommitmentState] = []
        layout = QVBoxLayout(self)
        # which list this is: the declaration tab and the side panel count other lists (6 promises, 8 commitments)
        self.heading = QLabel(self)
        self.heading.setObjectName("commitmentsHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = plain_table(self, "commitmentTable", [
            self.tr("Confirmed"), self.tr("Commitment"), self.tr("Note"), self.tr("Confirmed by"), self.tr("When")])
        self.table.setAccessibleName(self.tr("Commitments"))
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._item_changed)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.note = QLineEdit(self)
        self.note.setObjectName("commitNote")
        self.note.setPlaceholderText(self.tr("Note (kept with the confirmations made now)"))
        self.note.setAccessibleName(self.tr("Note"))
        confirm_all = QPushButton(self.tr("Confirm all"), self)
        confirm_all.setObjectName("confirmAll")
        confirm_all.clicked.connect(self.confirm_all)
        row.addWidget(self.note, 1)
        row.addWidget(confirm_all)
        layout.addLayout(row)
        box = QGroupBox(self.tr("Sign-off"), self)
        box.setObjectName("signoffBox")
        inner = QVBoxLayout(box)
        self.signoff_label = QLabel(box)
        self.signoff_label.setObjectName("signoffLabel")
        self.signoff_label.setWordWrap(True)
        self.signoff_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(self.signoff_label)
        buttons = QHBoxLayout()
        for role, label in (("preparer", self.tr("Sign off as preparer")), ("reviewer", self.tr("Sign off as reviewer"))):
            button = QPushButton(label, box)
            button.setObjectName(f"signoff_{role}")
            button.clicked.connect(lambda _c=False, r=role: self.sign_off(r))
            buttons.addWidget(button)
        buttons.addStretch(1)
        letter = QPushButton(self.tr("Commitment letter…"), box)
        letter.setObjectName("commitmentLetter")
        letter.clicked.connect(lambda: self.write_letter())
        buttons.addWidget(letter)
        inner.addLayout(buttons)
        layout.addWidget(box)

    def title(self) -> str:
        return self.tr("Commitments && sign-off")

    @staticmethod
    def read(ctx: ReadContext) -> Any:
        profile = profile_service.get_profile(ctx.profile_code)
        return CommitmentsData(readiness.commitments(ctx.ws, ctx.patent_id, ctx.profile_code),
                               readiness.signoff_states(ctx.ws, ctx.patent_id, ctx.profile_code),
                               profile.regime, profile.name)

    def show(self, data: CommitmentsData) -> None:
        self.states = list(data.commitments)
        heading = (self.tr("Promises of the open-licence declaration · %1") if data.regime == "statutory"
                   else self.tr("Commitments of the pilot listing · %1"))
        self.heading.setText(heading.replace("%1", data.profile_name))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.states))
        for row, s in enumerate(self.states):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Checked if s.confirmed else Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, s.code)
            self.table.setItem(row, 0, check)
            text = s.zh if self.editor.lang == "zh" else s.en  # the profile's own wording, in both languages
            for col, value in enumerate((text, s.note, s.by, local_time(s.at)), start=1):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.table.blockSignals(False)
        if not data.signoffs:
            self.signoff_label.setText(self.tr("Not signed off yet."))
        else:
            lines = [self.tr("%1: %2 at %3 (%4)").replace("%1", words.word(words.ROLES, s.role))
                     .replace("%2", s.user).replace("%3", local_time(s.at))
                     .replace("%4", self.tr("current") if s.current else self.tr("stale — sign again"))
                     for s in data.signoffs]
            self.signoff_label.setText("\n".join(lines))

    def focus_field(self, name: str) -> None:
        self.table.setFocus()

    # --- edits --------------------------------------------------------------------------------------------------
    def _changes(self, *aspects: str) -> ops.Changes:
        return ops.Changes.of([self.editor.patent_id], *aspects)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        ws, pid, profile = self.editor.ws, self.editor.patent_id, self.editor.profile_code
        code, note = item.data(Qt.ItemDataRole.UserRole), self.note.text().strip()
        wording = self.table.item(item.row(), 1).text() if self.table.item(item.row(), 1) else ""

        def confirm(*_):
            return readiness.confirm_commitments(ws, [pid], [code], profile, note, source="gui")

        def withdraw(*_):
            return readiness.withdraw_commitment(ws, pid, code, source="gui")

        if item.checkState() == Qt.CheckState.Checked:
            self.editor.edit(self.tr("Confirm “%1”").replace("%1", wording), confirm, withdraw,
                             self._changes(ops.COMMITMENTS))
        else:
            self.editor.edit(self.tr("Withdraw “%1”").replace("%1", wording), withdraw, confirm,
                             self._changes(ops.COMMITMENTS))

    def confirm_all(self) -> None:
        ws, pid, profile = self.editor.ws, self.editor.patent_id, self.editor.profile_code
        note = self.note.text().strip()
        before = {s.code for s in self.states if s.confirmed}
        codes = [s.code for s in self.states]
        self.editor.edit(self.tr("Confirm all"),
                         lambda: readiness.confirm_commitments(ws, [pid], None, profile, note, source="gui"),
                         lambda outcome: [readiness.withdraw_commitment(ws, pid, c, source="gui")
                                          for c in codes if c not in before],
                         self._changes(ops.COMMITMENTS), keep=lambda outcome: bool(outcome.done))

    def sign_off(self, role: str) -> None:
        ws, pid, profile = self.editor.ws, self.editor.patent_id, self.editor.profile_code
        user = ws.user

        def done(outcome: readiness.BatchOutcome) -> None:
            if outcome.refused:
                self.editor.show_message(outcome.refused[0].message(self.editor.lang), error=True)
            elif outcome.done:
                self.editor.show_message(self.tr("Signed by %1 as %2").replace("%1", user)
                                         .replace("%2", words.word(words.ROLES, role)))

        self.editor.edit(self.tr("Sign off as %1").replace("%1", words.word(words.ROLES, role)),
                         lambda: readiness.sign_off(ws, [pid], role, profile, source="gui"),
                         lambda _outcome: readiness.revoke_signoff(ws, pid, role, source="gui"),
                         self._changes(ops.SIGNOFFS), keep=lambda outcome: bool(outcome.done), on_done=done)

    def write_letter(self, target: str | Path | None = None) -> None:
        if target is None:
            suggested = self.tr("Commitment letter %1.docx").replace("%1", self.editor.number)
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Commitment letter…"), suggested,
                                                  self.tr("Word documents (*.docx)"))
            if not name:
                return
            target = name
        from openlic_desktop.services import commitment_letters  # python-docx loads when a letter is written

        ws, pid, profile = self.editor.ws, self.editor.patent_id, self.editor.profile_code

        def written(paths: list[Path]) -> None:  # one patent: one patentee set, one letter
            [path] = paths
            self.letter_path = path
            self.editor.show_message(self.tr("Written %1").replace("%1", str(path)))

        self.editor.run(lambda: commitment_letters.draft_letters(ws, [pid], target, profile), ops.NO_CHANGES,
                        on_done=written, label=self.tr("Writing the commitment letter…"))
