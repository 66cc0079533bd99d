"""Patents → Open-licence declarations…: every declaration with its state, filtered by state, and the batch steps on
the ones selected — prepare (for the portfolio's selection or a whole pilot batch), sign off, write the documents,
mark filed, mark announced (one by one or from CNIPA's published list), withdraw.

Each step runs on the window's worker and ends in a summary of what was done and what was refused, and why
(services.declarations: a refused step changes nothing; here the user has already seen the refusals, so the others
go ahead). Thread rule: GUI thread only; jobs get and return plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from openlic_desktop.domain.blocker_override import Override
from openlic_desktop.gui import ops
from openlic_desktop.gui.declarations.step_dialog import DeclarationStepDialog, StepValues
from openlic_desktop.gui.models.declarations_model import DeclarationsModel
from openlic_desktop.gui.ops import Op
from openlic_desktop.gui.words import DECLARATION_STATES, choices
from openlic_desktop.services import batches, declaration_export, declarations, readiness
from openlic_desktop.services.readiness import BatchOutcome
from openlic_desktop.support import paths
from openlic_desktop.support.errors import OpenLicError


class DeclarationsDialog(QDialog):
    """The Declarations view of one main window (its workspace, worker and portfolio selection)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.ws = window.ws
        self.lang = getattr(window, "lang", "zh")
        self.setObjectName("declarationsDialog")
        self.setWindowTitle(self.tr("Open-licence declarations"))
        self.last_summary = ""
        self.last_result: Any = None

        self.state_combo = QComboBox()
        self.state_combo.setObjectName("declarationStateFilter")
        self.state_combo.setAccessibleName(self.tr("State"))
        self.state_combo.addItem(self.tr("All not withdrawn"), None)
        for code, label in choices(DECLARATION_STATES):
            self.state_combo.addItem(label, code)
        self.state_combo.currentIndexChanged.connect(self.reload)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("State")))
        top.addWidget(self.state_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.model = DeclarationsModel(self, self.lang)
        self.table = QTableView()
        self.table.setObjectName("declarationsTable")
        self.table.setAccessibleName(self.tr("Open-licence declarations"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 240, 80, 260, 90, 150, 100, 90, 110, 90)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda index: self.open_patent(index.row()))

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        layout_rows = (
            (("prepare", self.tr("Prepare for the portfolio's selection"), self.prepare_selection),
             ("convert", self.tr("Convert a pilot batch…"), self.convert_batch),
             ("preparer", self.tr("Sign off as preparer"), lambda: self.sign("preparer")),
             ("reviewer", self.tr("Sign off as reviewer"), lambda: self.sign("reviewer")),
             ("export", self.tr("Documents and entry sheet…"), self.export)),
            (("file", self.tr("Mark filed…"), lambda: self.step("file")),
             ("announce", self.tr("Mark announced…"), lambda: self.step("announce")),
             ("list", self.tr("Announcements from CNIPA's list…"), self.from_list),
             ("withdraw", self.tr("Withdrawal filed…"), lambda: self.step("withdraw")),
             ("withdrawn", self.tr("Withdrawal announced…"), lambda: self.step("announce-withdrawal"))),
        )
        for r, row in enumerate(layout_rows):
            for c, (key, text, slot) in enumerate(row):
                button = QPushButton(text)
                button.setObjectName(f"declaration_{key}")
                button.clicked.connect(lambda _checked=False, s=slot: s())
                grid.addWidget(button, r, c)
                self.buttons[key] = button
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        hint = QLabel(self.tr("Double-click a declaration to open its patent."))
        bottom.addWidget(hint, 1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(grid)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Refresh, self, activated=self.reload)
        QShortcut(QKeySequence("Ctrl+A"), self.table, activated=self.table.selectAll)
        self._restore_layout()
        self.reload()

    # --- data --------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        if self.ws is None:
            return
        state = self.state_combo.currentData()
        try:
            items = declarations.list_declarations(self.ws, state)
        except OpenLicError as exc:
            self.count_label.setText(exc.message(self.lang))
            return
        keep = set(self.selected_patent_ids())
        self.model.set_rows(items)
        self._reselect(keep)
        self.count_label.setText(self.tr("%1 declarations").replace("%1", str(len(items))))

    def _reselect(self, patent_ids: set[int]) -> None:
        """Keep the selection across a reload: a step is often followed by the next one on the same patents."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        for row, item in enumerate(self.model.rows()):
            if item.patent_id in patent_ids:
                selection.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_patent_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return self.model.patent_ids(rows)

    def open_patent(self, row: int) -> None:
        ids = self.model.patent_ids([row])
        if ids and self.window_.open_patent_editor is not None:
            self.window_.open_patent_editor(ids[0])

    # --- running a step ----------------------------------------------------------------------------------------
    def _run(self, title: str, job: Callable[[Any], Any], summary: Callable[[Any], str], label: str | None = None,
             changes: Any = None) -> None:
        """Run a step on the window's worker; its changes are announced (the table redraws those rows), then the
        list is read again and the summary shown."""

        def done(result: Any) -> None:
            self.last_result = result
            self.reload()
            self._show(title, summary(result))

        def failed(exc: BaseException, _trace: str) -> None:
            self.reload()
            if isinstance(exc, InterruptedError):
                self._show(title, self.tr("Cancelled: nothing was changed."))
            elif isinstance(exc, declarations.DeclarationRefused):
                self._show(title, self._outcome_text(exc.outcome))
            elif isinstance(exc, OpenLicError):
                self._show(title, exc.message(self.lang))
            else:
                self.window_.show_error(exc, _trace)

        Op(self, job, changes=changes or ops.NO_CHANGES, label=label, progress=True, runner=self.window_.tasks) \
            .success(done).failure(failed).run()

    def _outcome_text(self, outcome: BatchOutcome) -> str:
        head = (self.tr("Done: %1, unchanged: %2, refused: %3").replace("%1", str(len(outcome.done)))
                .replace("%2", str(len(outcome.unchanged))).replace("%3", str(len(outcome.refused))))
        return "\n".join([head] + [f"ZL{r.application_number}: {r.message(self.lang)}" for r in outcome.refused])

    def _show(self, title: str, text: str) -> None:
        self.last_summary = text
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("declarationSummary")
        self.summary_box = box
        box.open()

    def _need_selection(self) -> list[int] | None:
        ids = self.selected_patent_ids()
        if not ids:
            self._show(self.windowTitle(), self.tr("Select one or more declarations first."))
            return None
        return ids

    # --- the steps ---------------------------------------------------------------------------------------------
    def prepare_selection(self) -> None:
        ids = self.window_.selected_patent_ids()
        if not ids:
            self._show(self.tr("Prepare declarations"), self.tr("Select patents in the portfolio first."))
            return
        ws = self.ws
        self._run(self.tr("Prepare declarations"), lambda _p: declarations.prepare(ws, ids), self._prepared_text,
                  changes=ops.Changes.of(ids, ops.DECLARATIONS))

    def convert_batch(self, name: str | None = None) -> None:
        if name is None:
            names = [b.name for b in batches.list_batches(self.ws)]
            if not names:
                self._show(self.tr("Convert a pilot batch…"), self.tr("There are no submission batches."))
                return
            name, ok = QInputDialog.getItem(self, self.tr("Convert a pilot batch…"), self.tr("Batch"), names, 0, False)
            if not ok:
                return
        ws = self.ws
        self._run(self.tr("Convert a pilot batch…"), lambda _p: declarations.prepare(ws, from_batch=name),
                  self._prepared_text, changes=ops.Changes.of([], ops.DECLARATIONS, every_patent=True))

    def _prepared_text(self, results: list[declarations.PrepareResult]) -> str:
        made = sum(r.created for r in results)
        lines = [self.tr("Drafted: %1, already declared: %2").replace("%1", str(made))
                 .replace("%2", str(len(results) - made))]
        for r in results:
            blockers = [f for f in r.findings if f.is_blocker and f.code not in ("NOT_SIGNED_OFF", "SIGNOFF_STALE")]
            if blockers:
                lines.append(f"ZL{r.application_number}: " + "；".join(readiness.finding_message(f, self.lang)
                                                                     for f in blockers))
        return "\n".join(lines)

    def sign(self, role: str) -> None:
        ids = self._need_selection()
        if ids is None:
            return
        ws = self.ws
        title = self.tr("Sign off as preparer") if role == "preparer" else self.tr("Sign off as reviewer")
        self._run(title, lambda _p: readiness.sign_off(ws, ids, role, "statutory", source="gui"),
                  self._outcome_text, changes=ops.Changes.of(ids, ops.SIGNOFFS, ops.DECLARATIONS))

    def ask(self, action: str, count: int, then: Callable[[StepValues], None]) -> DeclarationStepDialog:
        """Open the step's form (window-modal, not blocking); `then(values)` runs when it is accepted."""
        dialog = DeclarationStepDialog(action, count, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: then(dialog.values) if dialog.values is not None else None)
        self.step_dialog = dialog
        dialog.open()
        return dialog

    def step(self, action: str, values: StepValues | None = None) -> None:
        ids = self._need_selection()
        if ids is None:
            return
        if values is None:
            self.ask(action, len(ids), lambda v: self.step(action, v))
            return
        ws = self.ws
        override = Override(ws.user, values.override_reason, values.day) if values.override_reason else None
        jobs = {
            "file": lambda _p: declarations.file(ws, ids, values.day, values.route, values.text, override,
                                                 partial=True),
            "announce": lambda _p: declarations.announce(ws, ids, values.day, values.text, partial=True),
            "withdraw": lambda _p: declarations.withdraw(ws, ids, values.day, values.text,
                                                         consent_all=values.consent_all, partial=True),
            "announce-withdrawal": lambda _p: declarations.announce_withdrawal(ws, ids, values.day, values.text,
                                                                               partial=True),
        }
        self._run(self.windowTitle(), jobs[action], self._outcome_text,
                  changes=ops.Changes.of(ids, ops.DECLARATIONS))

    def export(self, values: StepValues | None = None) -> None:
        ids = self._need_selection()
        if ids is None:
            return
        if values is None:
            self.ask("export", len(ids), self.export)
            return
        if values.folder is None:
            return
        ws = self.ws
        override = Override(ws.user, values.override_reason, values.day) if values.override_reason else None

        def job(progress):
            return declaration_export.export(ws, ids, values.folder, override=override, withdrawal=values.withdrawal,
                                             reason=values.text, day=values.day, progress=progress)

        self._run(self.tr("Declaration documents"), job, self._exported_text,
                  label=self.tr("Writing the declaration documents…"))  # changes nothing recorded

    def _exported_text(self, result: declaration_export.DeclarationExport) -> str:
        lines = [self.tr("Written: %1 (%2 patents)").replace("%1", str(result.package))
                 .replace("%2", str(len(result.patents)))]
        if result.overridden:
            lines.append(self.tr("Drafted despite blockers (noted on their first page): %1")
                         .replace("%1", "、".join("ZL" + n for n in result.overridden)))
        for e in result.excluded:
            lines.append(f"ZL{e.application_number}: " + "；".join(e.messages))
        return "\n".join(lines)

    def from_list(self, path: str | Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Announcements from CNIPA's list…"), "",
                                                  self.tr("Spreadsheets (*.xlsx *.xls *.csv *.ods)"))
            if not name:
                return
            path = name
        ws = self.ws
        self._run(self.tr("Announcements from CNIPA's list…"), lambda _p: declarations.announcement_file(ws, path),
                  self._list_text, changes=ops.Changes.of([], ops.DECLARATIONS, every_patent=True))

    def _list_text(self, result) -> str:
        lines = [self.tr("Announced: %1, withdrawn: %2, already recorded: %3, rows not matched: %4")
                 .replace("%1", str(len(result.announced))).replace("%2", str(len(result.withdrawn)))
                 .replace("%3", str(len(result.unchanged))).replace("%4", str(len(result.unmatched)))]
        lines += [self.tr("Row %1: %2").replace("%1", str(u.row)).replace("%2", u.message(self.lang))
                  for u in result.unmatched]
        return "\n".join(lines)

    # --- layout ------------------------------------------------------------------------------------------------
    def _settings(self) -> QSettings:
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        stored = self._settings()
        geometry = stored.value("declarations/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 560)
        header = stored.value("declarations/columns")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)

    def done(self, result: int) -> None:
        stored = self._settings()
        stored.setValue("declarations/geometry", self.saveGeometry())
        stored.setValue("declarations/columns", self.table.horizontalHeader().saveState())
        stored.sync()
        super().done(result)

    def closeEvent(self, event) -> None:
        self.done(0)
        event.accept()


def open_view(window) -> DeclarationsDialog | None:
    if window.ws is None:
        return None
    dialog = getattr(window, "declarations_view", None)
    if dialog is not None:
        try:
            dialog.reload()
            dialog.show()
            dialog.raise_()
            return dialog
        except RuntimeError:  # closed and deleted
            pass
    dialog = DeclarationsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda *_: setattr(window, "declarations_view", None))
    window.declarations_view = dialog
    dialog.show()
    return dialog

