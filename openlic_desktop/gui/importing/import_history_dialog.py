"""File → Import history…: every import (when, who, file, sheet, counts, SHA-256) and undoing the latest one.

Undo (services.importing.undo) deletes the patents the import created and puts back every fact it changed. The plan
is shown first — how many patents go, how many facts come back — and, when later work on its patents stands in
the way, which patents and why (nothing is then written). The undo itself runs on the task runner (one
transaction; a busy indicator, no cancel: it either happens whole or not at all).

`install(window)` adds the menu entry; `offer_undo(parent, ws, tasks, source_id, lang, on_done)` is also what the
import wizard's last page calls ("Undo this import").

Thread rule: GUI thread only; the undo job opens its own session on the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from openlic_desktop.services.importing import undo as import_undo
from openlic_desktop.support.errors import OpenLicError
from openlic_desktop.support.messages import in_words

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls


def record_kinds(detail: str, lang: str) -> str:
    """A has-records conflict's detail (the tables that refer to the patent, joined by 、) in words: the same
    words every refusal naming such records uses (support.messages TERMS); a table added later and not yet named
    there is shown by its name."""
    return str(in_words(", ".join(name for name in detail.split("、") if name), lang))


_SHOWN = 20  # conflicts listed


def conflicts_text(plan: import_undo.UndoPlan, lang: str = "zh") -> str:
    """Why the undo is refused: the patents in the way (the first few) and the reason for each."""
    lines = [translate("ImportHistory", "This import cannot be undone: work was done on %1 of its patents since. Nothing was changed.")
             .replace("%1", str(len({c.number for c in plan.conflicts})))]
    for c in plan.conflicts[:_SHOWN]:
        if c.reason == "edited-since":
            why = translate("ImportHistory", "changed since the import (%1 records)").replace("%1", c.detail)
        elif c.reason == "has-records":
            why = translate("ImportHistory", "has records added since the import: %1").replace(
                "%1", record_kinds(c.detail, lang))
        else:
            why = translate("ImportHistory", "“%1” was changed again since the import").replace("%1", c.detail)
        lines.append(f"{c.number}  {why}")
    if len(plan.conflicts) > _SHOWN:
        lines.append("…")
    return "\n".join(lines)


def _ask(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, translate("ImportHistory", "Undo this import"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def offer_undo(parent: QWidget, ws, tasks, source_id: int | None, lang: str,
               on_done: Callable[[str], None], on_refused: Callable[[str], None],
               confirm: Callable[[str], bool] | None = None,
               on_declined: Callable[[], None] | None = None) -> None:
    """Plan the undo on `tasks` (a second or so for 50,000 patents), show what it would do and ask (`confirm`,
    default a Yes/No box), then run it on `tasks`. `on_done(message)` after it ran; `on_refused(message)` when it
    cannot be done, is refused over later work, or failed; `on_declined()` when the user said no or cancelled the
    check. Exactly one of the three is called."""
    from openlic_desktop.services.importing import (
        undo as import_undo,  # the import lane: loaded when asked for
    )

    def failed(exc: BaseException, _trace: str) -> None:
        on_refused(exc.message(lang) if isinstance(exc, OpenLicError) else str(exc))

    def done(result: import_undo.UndoResult) -> None:
        on_done(translate("ImportHistory", "Undid the import of “%1”: %2 patents deleted, %3 facts put back.")
                .replace("%1", result.file_name).replace("%2", str(result.deleted))
                .replace("%3", str(result.restored)))

    def planned(plan: import_undo.UndoPlan) -> None:
        if cancelled.is_set():  # Cancel pressed while checking: the plan job cannot stop, its answer is dropped
            if on_declined is not None:
                on_declined()
            return
        if not plan.ok:
            on_refused(conflicts_text(plan, lang))
            return
        question = translate(
            "ImportHistory", "Undo the import of “%1” (%2)?\n\n%3 patents it created will be deleted and %4 facts it "
            "changed will be put back. The undo is recorded in the audit trail.").replace("%1", plan.file_name) \
            .replace("%2", plan.imported_at.astimezone().strftime("%Y-%m-%d %H:%M")) \
            .replace("%3", str(len(plan.delete))).replace("%4", str(len(plan.restore)))
        if plan.signed_since:
            question += "\n\n" + translate(
                "ImportHistory", "%1 of the patents whose facts go back were signed off after the import: those "
                "sign-offs will have to be given again.").replace("%1", str(len(plan.signed_since)))
        if not (confirm or (lambda text: _ask(parent, text)))(question):
            if on_declined is not None:
                on_declined()
            return
        target = plan.source_id
        tasks.run(lambda _progress: import_undo.undo(ws, target), on_done=done, on_error=failed,
                  label=translate("ImportHistory", "Undoing the import…"), parent=parent, cancellable=False)

    cancelled = tasks.run(lambda _progress: import_undo.plan(ws, source_id), on_done=planned, on_error=failed,
                          label=translate("ImportHistory", "Checking what the undo would change…"), parent=parent)


class ImportHistoryDialog(QDialog):
    """The import history with "Undo this import…" for the run an undo acts on."""

    def __init__(self, ws, tasks, lang: str = "zh", parent: QWidget | None = None,
                 on_changed: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.ws, self.tasks, self.lang, self.on_changed = ws, tasks, lang, on_changed
        self.setObjectName("importHistoryDialog")
        self.setWindowTitle(translate("ImportHistory", "Import history"))
        layout = QVBoxLayout(self)
        note = QLabel(translate("ImportHistory", "Every import into this database, newest first. The latest import that changed anything "
                         "can be undone: the patents it created are deleted and every fact it changed is put "
                         "back."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        headers = [translate("ImportHistory", "When"), translate("ImportHistory", "User"),
                   translate("ImportHistory", "File"), translate("ImportHistory", "Sheet"),
                   translate("ImportHistory", "Read"), translate("ImportHistory", "New"),
                   translate("ImportHistory", "Changed"), translate("ImportHistory", "Unchanged"),
                   translate("ImportHistory", "Rejected"), translate("ImportHistory", "State")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setAccessibleName(translate("ImportHistory", "Import history"))
        self.table.setObjectName("importHistoryTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.message = QLabel(self)
        self.message.setObjectName("importHistoryMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.undo_button = QPushButton(translate("ImportHistory", "Undo this import…"), self)
        self.undo_button.setObjectName("undoImportButton")
        box.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.rejected.connect(self.reject)
        self.undo_button.clicked.connect(lambda _checked=False: self.undo_selected())
        layout.addWidget(box)
        self.table.itemSelectionChanged.connect(self._update)
        self.runs: list[import_undo.ImportRun] = []
        self.reload()
        self.resize(900, 420)

    def reload(self) -> None:
        from openlic_desktop.services.importing import undo as import_undo

        self.runs = import_undo.runs(self.ws)
        self.table.setRowCount(len(self.runs))
        for row, run in enumerate(self.runs):
            if run.undone_at is not None:
                when = run.undone_at.astimezone().strftime("%Y-%m-%d %H:%M")
                state = translate("ImportHistory", "undone %1 by %2").replace("%1", when) \
                    .replace("%2", run.undone_by or "")
            else:
                state = translate("ImportHistory", "can be undone") if run.undoable else ""
            cells = (run.imported_at.astimezone().strftime("%Y-%m-%d %H:%M"), run.user, run.file_name, run.sheet,
                     run.rows_read, run.created, run.updated, run.unchanged, run.rejected, state)
            for col, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 2:
                    item.setToolTip(translate("ImportHistory", "SHA-256: %1").replace("%1", run.sha256))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        if not self.runs:
            self.message.setText(translate("ImportHistory", "No imports yet."))
        undoable = next((i for i, r in enumerate(self.runs) if r.undoable), 0 if self.runs else None)
        if undoable is not None:
            self.table.selectRow(undoable)
        self._update()

    def selected(self) -> import_undo.ImportRun | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.runs[rows.pop()] if len(rows) == 1 else None

    def _update(self) -> None:
        run = self.selected()
        self.undo_button.setEnabled(run is not None and run.undoable)

    def undo_selected(self, confirm: Callable[[str], bool] | None = None) -> bool:
        """Offer to undo the selected import (see offer_undo); False when none is selected."""
        run = self.selected()
        if run is None:
            return False
        self.message.clear()

        def finished(message: str) -> None:
            self.reload()
            self.message.setText(message)
            if self.on_changed is not None:
                self.on_changed()

        offer_undo(self, self.ws, self.tasks, run.id, self.lang, on_done=finished, on_refused=self.message.setText,
                   confirm=confirm)
        return True


def install(window) -> None:
    def open_history() -> None:
        if window.ws is None:
            return
        dialog = ImportHistoryDialog(window.ws, window.tasks, getattr(window, "lang", "zh"), window,
                                     on_changed=window.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window._import_history = dialog  # the tests find it here
        # not modal: another database opened meanwhile would leave it listing (and undoing) the closed one's imports
        window.workspace_changed.connect(dialog.close)
        dialog.show()

    text = translate("ImportHistory", "Import history…")
    if hasattr(window, "add_file_action"):
        window.add_file_action(text, open_history, name="importHistoryAction")
    else:
        window.menus["file"].addAction(text).triggered.connect(lambda _checked=False: open_history())
