"""Batch → Fee-estimation notes… (许可使用费估算说明…): the first drafts of the notes for the selected patents, with
the method and its input, from their pricing and the reference data (services.fee_notes). Each note is edited
afterwards in the patent editor's Pricing tab. Existing notes are kept unless the user asks to draft them again.

Thread rule: GUI thread; the drafting runs on the window's worker with progress and Cancel (nothing is written
when cancelled: the notes go in one transaction at the end).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from openlic_desktop.gui import ops
from openlic_desktop.gui.ops import Changes, Op
from openlic_desktop.gui.widgets import finish_form_dialog
from openlic_desktop.gui.words import FEE_NOTE_METHODS, choices
from openlic_desktop.services import fee_notes
from openlic_desktop.support.errors import OpenLicError


class FeeNoteDialog(QDialog):
    """Method, basis and whether to replace existing notes; OK drafts them for `patent_ids` on `tasks`."""

    def __init__(self, ws, patent_ids: list[int], tasks, parent: QWidget | None = None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.ws, self.patent_ids, self.tasks, self.lang = ws, list(patent_ids), tasks, lang
        self.outcome: fee_notes.NotesOutcome | None = None
        self.setObjectName("feeNoteDialog")
        self.setWindowTitle(self.tr("Fee-estimation notes"))
        self.method_combo = QComboBox()
        for code, label in choices(FEE_NOTE_METHODS):
            self.method_combo.addItem(label, code)
        self.basis_edit = QLineEdit()
        self.basis_edit.setPlaceholderText(self.tr("Added to every note's basis, e.g. our earlier licences of similar patents"))
        self.replace_box = QCheckBox(self.tr("Draft again where a note exists (replaces the edited text)"))
        form = QFormLayout()
        form.addRow(self.tr("Patents"), QLabel(self.tr("%1 selected").replace("%1", str(len(self.patent_ids)))))
        form.addRow(self.tr("Method"), self.method_combo)
        form.addRow(self.tr("Basis"), self.basis_edit)
        form.addRow("", self.replace_box)
        hint = QLabel(self.tr("Each note can be edited afterwards in the patent's Pricing tab."))
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.error_label = finish_form_dialog(self, form, self.run)
        self.setMinimumWidth(560)
        if not self.patent_ids:
            self.error_label.setText(self.tr("Select patents in the portfolio first."))

    def run(self) -> None:
        if not self.patent_ids:
            return
        ws, ids = self.ws, self.patent_ids
        method, basis, replace = self.method_combo.currentData(), self.basis_edit.text(), self.replace_box.isChecked()

        def done(outcome: fee_notes.NotesOutcome) -> None:
            self.outcome = outcome
            self.accept()

        def failed(exc: BaseException, _trace: str) -> None:
            if isinstance(exc, InterruptedError):
                self.error_label.setText(self.tr("Cancelled: nothing was written."))
                return
            self.error_label.setText(exc.message(self.lang) if isinstance(exc, OpenLicError) else str(exc))

        Op(self, lambda progress: fee_notes.draft_many(ws, ids, method, basis, replace, progress),
           changes=lambda outcome: Changes.of([], ops.PRICING, every_patent=bool(outcome.done)),
           label=self.tr("Drafting the fee-estimation notes…"), progress=True, runner=self.tasks) \
            .success(done).failure(failed).run()
