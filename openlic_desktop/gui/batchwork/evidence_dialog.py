"""Evidence from a folder: choose (or drop) a folder, see what each file would become — matched, ambiguous,
unmatched, duplicate, already attached, refused — and attach the matched ones in one go, with progress and cancel.

Thread rule: GUI thread; the preview and the attaching run on the window's TaskRunner (plain values back).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from openlic_desktop.services import evidence
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate

KINDS = (("evaluation-report", "Evaluation reports"), ("search-report", "Search reports"),
         ("consent", "Consent letters"), ("sealed-commitment", "Sealed commitment letters"))


def _labels() -> None:
    """Literal translate() calls so that lupdate sees the words used through _t()."""
    translate("EvidenceFolder", "Evaluation reports")
    translate("EvidenceFolder", "Search reports")
    translate("EvidenceFolder", "Consent letters")
    translate("EvidenceFolder", "Sealed commitment letters")
    translate("EvidenceFolder", "matched")
    translate("EvidenceFolder", "ambiguous")
    translate("EvidenceFolder", "unmatched")
    translate("EvidenceFolder", "duplicate")
    translate("EvidenceFolder", "already")
    translate("EvidenceFolder", "refused")
    translate("EvidenceFolder", "favourable")
    translate("EvidenceFolder", "unfavourable")


def _t(text: str) -> str:
    return translate("EvidenceFolder", text)


class EvidenceFolderDialog(QDialog):
    """`attached` is emitted with the FolderResult once the files are attached."""

    attached = Signal(object)

    def __init__(self, window: Any, folder: str | Path | None = None, kind: str = "evaluation-report",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_, self.ws, self.tasks = window, window.ws, getattr(window, "tasks", None)
        self.lang = getattr(window, "lang", "zh")
        self.plan: evidence.FolderPreview | None = None
        self.result: evidence.FolderResult | None = None
        self.setObjectName("evidenceFolderDialog")
        self.setWindowTitle(translate("EvidenceFolder", "Attach a folder"))
        self.folder = QLineEdit(str(folder or ""), self)
        self.folder.setObjectName("evidenceFolder")
        self.folder.setAccessibleName(translate("EvidenceFolder", "Folder"))
        choose = QPushButton(translate("EvidenceFolder", "Choose…"), self)
        choose.clicked.connect(self.choose_folder)
        self.kind = QComboBox(self)
        for key, label in KINDS:
            self.kind.addItem(_t(label), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.setAccessibleName(translate("EvidenceFolder", "Kind"))
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("EvidenceFolder", "Folder"), self))
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        row.addWidget(QLabel(translate("EvidenceFolder", "Kind"), self))
        row.addWidget(self.kind)
        self.model = RowsModel([translate("EvidenceFolder", "File"), translate("EvidenceFolder", "Result"),
                                translate("EvidenceFolder", "Patent"), translate("EvidenceFolder", "Details")], self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(translate("EvidenceFolder", "What each file becomes"))
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("evidenceSummary")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.attach_button = self.buttons.addButton(translate("EvidenceFolder", "Attach %1 files").replace("%1", "0"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.attach_button.setObjectName("attachFolderButton")
        self.attach_button.setEnabled(False)
        self.attach_button.clicked.connect(self.attach)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.folder.editingFinished.connect(self.refresh)
        self.resize(900, 560)
        if folder:
            self.refresh()

    # --- preview ----------------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, translate("EvidenceFolder", "Choose the folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.refresh()

    def _run(self, job, done, label: str) -> None:
        if self.tasks is None:
            try:
                done(job(lambda _d, _t: True))
            except (OpenLicError, InterruptedError) as exc:
                self._failed(exc, "")
            return
        self.tasks.run(job, on_done=done, on_error=self._failed, label=label, parent=self)

    def refresh(self) -> None:
        folder, kind, ws = self.folder.text().strip(), str(self.kind.currentData()), self.ws
        self.plan = None
        self.attach_button.setEnabled(False)
        if not folder:
            return
        self.summary.setText(translate("EvidenceFolder", "Looking at the folder…"))
        self._run(lambda progress: evidence.preview(ws, folder, kind, progress), self._shown,
                  translate("EvidenceFolder", "Looking at the folder…"))

    def _details(self, f: evidence.EvidenceFile) -> str:
        parts = []
        if f.details is not None:
            d = f.details
            parts += [d.report_no, d.report_date.isoformat() if d.report_date else "",
                      _t(d.conclusion) if d.conclusion else translate("EvidenceFolder", "conclusion to fill in")]
        if f.owner:
            parts.append(translate("EvidenceFolder", "consent of %1").replace("%1", f.owner))
        if f.duplicate_of:
            parts.append(translate("EvidenceFolder", "same as %1").replace("%1", f.duplicate_of))
        if f.code:
            parts.append(f.reason(self.lang))
        return "  ".join(p for p in parts if p)

    def _shown(self, plan: evidence.FolderPreview) -> None:
        self.plan = plan
        tone = {"matched": "ok", "ambiguous": "bad", "unmatched": "bad", "refused": "bad"}
        self.model.set_rows([(f.name, _t(f.status), "、".join(n for _p, n in f.patents) or "、".join(f.candidates),
                              self._details(f)) for f in plan.files], [f.name for f in plan.files],
                            [tone.get(f.status, "") for f in plan.files])
        count = {s: len(plan.of(s)) for s in evidence.folder.STATUSES}
        text = translate("EvidenceFolder", "%1 files: %2 matched, %3 ambiguous, %4 unmatched, %5 duplicates, %6 already "
                                           "attached, %7 refused.")
        for i, value in enumerate((len(plan.files), count["matched"], count["ambiguous"], count["unmatched"],
                                   count["duplicate"], count["already"], count["refused"]), 1):
            text = text.replace(f"%{i}", str(value))
        self.summary.setText(text)
        self.attach_button.setText(translate("EvidenceFolder", "Attach %1 files").replace("%1", str(count["matched"])))
        self.attach_button.setEnabled(count["matched"] > 0)

    # --- attach -----------------------------------------------------------------------------------------------
    def attach(self) -> None:
        if self.plan is None or not self.plan.to_attach:
            return
        plan, ws = self.plan, self.ws
        self.attach_button.setEnabled(False)
        self._run(lambda progress: evidence.attach(ws, plan, progress, source="gui"), self._done,
                  translate("EvidenceFolder", "Attaching…"))

    def _done(self, result: evidence.FolderResult) -> None:
        self.result = result
        patents = len({a.patent_id for a in result.attached})
        self.summary.setText(translate("EvidenceFolder", "Attached %1 files to %2 patents.")
                             .replace("%1", str(len(self.plan.of("matched")) if self.plan else 0))
                             .replace("%2", str(patents)))
        self.attached.emit(result)
        if hasattr(self.window_, "refresh"):
            self.window_.refresh()
        if hasattr(self.window_, "statusBar"):
            self.window_.statusBar().showMessage(self.summary.text(), 10000)
        self.accept()

    def _failed(self, exc: BaseException, _trace: str) -> None:
        if isinstance(exc, InterruptedError):
            text = translate("EvidenceFolder", "Cancelled; nothing was attached.")
        else:
            reason = exc.message(self.lang) if isinstance(exc, OpenLicError) else f"{type(exc).__name__}: {exc}"
            text = translate("EvidenceFolder", "Failed: %1").replace("%1", reason)
        self.summary.setText(text)
        self.attach_button.setEnabled(self.plan is not None and self.plan.to_attach > 0)
