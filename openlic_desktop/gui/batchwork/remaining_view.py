"""What is left for a batch: its open findings grouped by kind ("27 patents lack an evaluation report"), each
group with one button that takes the batch step fixing it — attach a folder, record a co-owner's consent, price,
confirm the commitments, sign off — and, once nothing blocks, the export of the batch.

Thread rule: GUI thread; the grouping (one readiness check of the batch) is read synchronously after each step,
the steps that write run on the window's TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.services import readiness, remaining
from openlic_desktop.support.errors import OpenLicError
from openlic_desktop.support.messages import render

translate = QCoreApplication.translate

def _labels() -> None:
    """Literal translate() calls so that lupdate sees the button words used through BUTTONS."""
    translate("Remaining", "Fill in the office contact…")
    translate("Remaining", "Attach a folder of reports…")
    translate("Remaining", "Open the first patent…")
    translate("Remaining", "Record the consent…")
    translate("Remaining", "Price them…")
    translate("Remaining", "Write fee notes…")
    translate("Remaining", "Confirm all commitments")
    translate("Remaining", "Sign off as preparer")
    translate("Remaining", "Sign off as reviewer")
    translate("Remaining", "Show these patents")


BUTTONS = {"office_contact": "Fill in the office contact…", "attach_reports": "Attach a folder of reports…",
           "report_details": "Open the first patent…", "consent": "Record the consent…", "price": "Price them…",
           "fee_note": "Write fee notes…", "commit": "Confirm all commitments", "obstacle": "Show these patents",
           "signoff:preparer": "Sign off as preparer", "signoff:reviewer": "Sign off as reviewer"}


class RemainingDialog(QDialog):
    """The groups of one batch; `steps_taken` counts the steps run from here (for the walk and for tests)."""

    def __init__(self, window: Any, batch: int | str, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_, self.ws, self.tasks, self.batch = window, window.ws, getattr(window, "tasks", None), batch
        self.lang = getattr(window, "lang", "zh")
        self.left: remaining.Remaining | None = None
        self.buttons: dict[str, QPushButton] = {}
        self.children_dialogs: list[QDialog] = []
        self.setObjectName("remainingDialog")
        self.setWindowTitle(translate("Remaining", "What is left"))
        self.head = QLabel(self)
        self.head.setObjectName("remainingHead")
        self.head.setWordWrap(True)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("remainingMessage")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = box.addButton(translate("Remaining", "Export this batch…"),
                                           QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportBatchButton")
        refresh = box.addButton(translate("Remaining", "Refresh"), QDialogButtonBox.ButtonRole.ResetRole)
        refresh.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.export)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.resize(860, 520)
        self.reload()

    # --- the groups -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.left = remaining.what_is_left(self.ws, self.batch)
        left = self.left
        self.head.setText(render("LEFT_HEAD", self.lang, batch=left.batch, profile=left.profile_name, total=left.total,
                                 ready=left.ready) + ("\n" + render("LEFT_NOTHING", self.lang)
                                                      if not any(g.blocking for g in left.groups) else ""))
        body = QWidget()
        grid = QGridLayout(body)
        self.buttons = {}
        for row, g in enumerate(left.groups):
            code, params = g.message
            text = render(code, self.lang, **params)
            label = QLabel(("● " if g.blocking else "○ ") + text, body)
            label.setWordWrap(True)
            label.setToolTip("、".join(g.numbers))
            key = f"{g.step}:{g.role}" if g.step == "signoff" else g.step
            button = QPushButton(translate("Remaining", BUTTONS.get(key, "Show these patents")), body)
            name = f"step_{g.step}" + (f"_{g.role}" if g.role else "") + (f"_{row}" if g.owner else "")
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, group=g: self.take(group))
            grid.addWidget(label, row, 0)
            grid.addWidget(button, row, 1)
            self.buttons[name] = button
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(len(left.groups), 1)
        self.area.setWidget(body)
        self.export_button.setEnabled(left.total > 0 and left.ready > 0)

    def group_button(self, step: str, role: str = "", owner: str = "") -> QPushButton:
        """The button of a group (tests, the walk)."""
        assert self.left is not None
        for row, g in enumerate(self.left.groups):
            if g.step == step and (not role or g.role == role) and (not owner or g.owner == owner):
                return self.buttons[f"step_{g.step}" + (f"_{g.role}" if g.role else "") + (f"_{row}" if g.owner else "")]
        raise KeyError(step)

    # --- the steps --------------------------------------------------------------------------------------------
    def _child(self, dialog: QDialog, signal=None) -> QDialog:
        self.children_dialogs.append(dialog)
        (signal or dialog.finished).connect(lambda *_a: self.reload())
        dialog.open()
        return dialog

    def _run(self, job: Callable[[], Any]) -> None:
        def done(outcome: Any) -> None:
            if isinstance(outcome, readiness.BatchOutcome):
                lines = [translate("Remaining", "Done: %1, unchanged: %2, refused: %3")
                         .replace("%1", str(len(outcome.done))).replace("%2", str(len(outcome.unchanged)))
                         .replace("%3", str(len(outcome.refused)))]
                lines += [f"{r.application_number}: {r.message(self.lang)}" for r in outcome.refused[:10]]
                self.message.setText("\n".join(lines))
            if hasattr(self.window_, "refresh"):
                self.window_.refresh()
            self.reload()

        def failed(exc: BaseException, _trace: str = "") -> None:
            reason = exc.message(self.lang) if isinstance(exc, OpenLicError) else f"{type(exc).__name__}: {exc}"
            self.message.setText(translate("Remaining", "Failed: %1").replace("%1", reason))

        if self.tasks is None:
            try:
                done(job())
            except OpenLicError as exc:
                failed(exc)
            return
        self.tasks.run(lambda _progress: job(), on_done=done, on_error=failed)

    def take(self, g: remaining.LeftGroup) -> None:
        ws, ids, profile = self.ws, list(g.ids), self.left.profile if self.left else None
        if g.step == "office_contact":
            from openlic_desktop.gui.dialogs.office_dialog import OfficeDialog

            self._child(OfficeDialog(self))
        elif g.step == "attach_reports":
            from openlic_desktop.gui.batchwork.evidence_dialog import EvidenceFolderDialog

            dialog = EvidenceFolderDialog(self.window_, None, "evaluation-report", self)
            self._child(dialog)
            dialog.choose_folder()
        elif g.step == "consent":
            from openlic_desktop.gui.batchwork.consent_dialog import ConsentsDialog

            self._child(ConsentsDialog(self.window_, g.owner, self))
        elif g.step == "price":
            from openlic_desktop.gui.pricing.batch_pricing_dialog import PricingBatchDialog

            dialog = PricingBatchDialog(self.window_, ids, self, lang=self.lang)
            dialog.applied.connect(self.reload)
            self._child(dialog)
        elif g.step == "fee_note":  # the declarations' batch action: one method for the group's patents
            from openlic_desktop.gui.declarations.fee_note_dialog import FeeNoteDialog

            self._child(FeeNoteDialog(ws, ids, self.tasks, self, self.lang))
        elif g.step == "commit":
            self._run(lambda: readiness.confirm_commitments(ws, ids, None, profile, source="gui"))
        elif g.step == "signoff":
            role = g.role or "preparer"
            self._run(lambda: readiness.sign_off(ws, ids, role, profile, source="gui"))
        elif g.step == "report_details" and getattr(self.window_, "open_patent_editor", None):
            self.window_.open_patent_editor(ids[0])
        else:
            self.window_.model.restrict_to = ids
            self.window_.refresh()

    def export(self):
        from openlic_desktop.gui.export.export_wizard import ExportWizard
        from openlic_desktop.services import batches

        info = batches.get_batch(self.ws, self.batch)
        wizard = ExportWizard(self.ws, batches.batch_patent_ids(self.ws, info.id), self, self.tasks)
        wizard.profile_page.select(info.profile_code)
        wizard.options_page.batch.setText(info.name)
        wizard.setStartId(2)  # the batch says which patents and which bureau: straight to the pre-flight
        self.children_dialogs.append(wizard)
        wizard.show()
        return wizard
