"""The patent editor: one window per patent, a tab per subject (facts; ownership and encumbrances; reports and
attachments; commitments and sign-off; history; plus the tabs features register, gui/editor/editor_tabs.py) and the
readiness panel, whose findings each have a button that jumps to the tab and field that fixes it.

Reading: the editor's view-model is what its tabs' `read` functions return; they run together in one op on the
worker when the editor opens, and after an op that changed the patent only the tabs showing a changed aspect
(plus the history and the readiness panel) are read again, again in one op. Nothing reads the database on the GUI
thread. Editing: every edit is an undoable command on the window's undo history (gui/undo.py), calling services
that write the audit trail (source "gui"); refusals are shown inline, never as a box in the middle of an edit.
Thread rule: GUI thread only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.gui import ops, palette
from openlic_desktop.gui.editor.commitments_tab import CommitmentsTab
from openlic_desktop.gui.editor.editor_tabs import EDITOR_TABS, EditorTab, ReadContext
from openlic_desktop.gui.editor.facts_tab import FactsTab
from openlic_desktop.gui.editor.history_tab import HistoryTab
from openlic_desktop.gui.editor.ownership_tab import OwnershipTab
from openlic_desktop.gui.editor.readiness_panel import ReadinessPanel
from openlic_desktop.gui.editor.reports_tab import ReportsTab
from openlic_desktop.gui.ops import Changes, Op
from openlic_desktop.gui.tasks import TaskRunner
from openlic_desktop.gui.undo import UndoHistory
from openlic_desktop.support.errors import NotFoundError, OpenLicError, system_refusal

log = logging.getLogger(__name__)

CORE_TABS: tuple[type[EditorTab], ...] = (FactsTab, OwnershipTab, ReportsTab, CommitmentsTab, HistoryTab)

# the first part of a finding's field hint → the tab (KEY) that fixes it
HINT_TABS = {"facts": "facts", "encumbrances": "ownership", "ownership": "ownership", "consents": "ownership",
             "attachments": "reports", "commitments": "commitments", "signoff": "commitments"}


def read_view(ctx: ReadContext, parts: list[Callable[[ReadContext], Any]]) -> list[Any]:
    """On the worker: the editor's view-model, one part per tab asked for (and the readiness panel)."""
    return [read(ctx) for read in parts]


class PatentEditor(QDialog):
    """Edits one patent. `loaded` is emitted whenever a read has been shown (the tests wait for it)."""

    loaded = Signal()

    def __init__(self, ws, patent_id: int, *, lang: str = "zh", profile_code: str | None = None,
                 parent: QWidget | None = None, tasks: TaskRunner | None = None,
                 history: UndoHistory | None = None, number: str = "", today: date | None = None) -> None:
        super().__init__(parent)
        self.ws, self.patent_id, self.lang, self.profile_code = ws, patent_id, lang, profile_code
        self.number = number
        self.setObjectName("patentEditor")
        self.setAcceptDrops(True)
        # a window of its own (tests, or without a main window) gets its own worker and undo history
        self.tasks = tasks or TaskRunner(self)
        self.history = history or UndoHistory(self, lang)
        self.pending = 0
        self.ctx = ReadContext(ws, patent_id, profile_code, lang, today or date.today())

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editorTabs")
        self.tab_widgets: list[EditorTab] = []
        self.tab_keys: dict[str, int] = {}
        for tab_class in (*CORE_TABS, *EDITOR_TABS):
            tab = tab_class(self)
            self.tab_keys[tab.KEY] = self.tabs.addTab(tab, tab.title())
            self.tab_widgets.append(tab)
        self.panel = ReadinessPanel(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        self.message = QLabel(self)
        self.message.setObjectName("editorMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        undo, redo = self.history.actions(self)
        self.addActions([undo, redo])
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(lambda: self.history.undo(self))
        self.history.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(self.history.stack.canUndo())
        self.history.failed.connect(lambda text: self.show_message(text, error=True))
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("closeEditor")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(1100, 660)
        self._title()
        self.tasks.changed.connect(self._changed)
        self.load()

    def _title(self) -> None:
        self.setWindowTitle(self.tr("Patent %1").replace("%1", self.number) if self.number else self.tr("Patent"))

    # --- reading ------------------------------------------------------------------------------------------------
    @property
    def readiness(self):
        return self.panel.result

    def load(self, tabs: list[EditorTab] | None = None) -> None:
        """Read these tabs (all when None) and the readiness panel in one op, then show them."""
        chosen = list(self.tab_widgets if tabs is None else tabs)
        parts = [type(tab).read for tab in chosen] + [ReadinessPanel.read]
        ctx = self.ctx
        self.pending += 1

        def shown(values: list[Any]) -> None:
            self.pending -= 1
            for tab, value in zip(chosen, values):
                tab.show(value)
            self.panel.show_result(values[-1])
            if not self.number:
                facts_tab = self.tab(FactsTab.KEY)
                if facts_tab is not None and facts_tab.facts is not None:
                    self.number = facts_tab.facts.number.canonical
                    self._title()
            self.loaded.emit()

        def failed(exc: BaseException, trace: str) -> None:
            self.pending -= 1
            if isinstance(exc, NotFoundError):  # the patent was deleted meanwhile (an undone import, say)
                self.close()
                return
            self.show_error(exc, trace)
            self.loaded.emit()

        Op(self, lambda: read_view(ctx, parts), runner=self.tasks).success(shown).failure(failed).run()

    def reload(self) -> None:
        self.load()

    def _changed(self, changes: Changes) -> None:
        if not changes.touches(self.patent_id) and ops.SETTINGS not in changes.aspects:
            return
        # the history and the readiness panel follow every change; the other tabs only their own aspects
        tabs = [t for t in self.tab_widgets if isinstance(t, HistoryTab) or changes.any_of(t.ASPECTS)]
        self.load(tabs)

    def tab(self, key: str) -> EditorTab | None:
        index = self.tab_keys.get(key)
        return self.tab_widgets[index] if index is not None else None

    # --- navigation ---------------------------------------------------------------------------------------------
    def jump_to(self, hint: str) -> None:
        """Show the tab (and focus the field) a finding's `field_hint` names."""
        head, _, name = hint.partition(".")
        key = HINT_TABS.get(head, head)
        tab = self.tab(key)
        if tab is None:
            return
        self.tabs.setCurrentIndex(self.tab_keys[key])
        tab.focus_field(name or head)

    # --- editing ------------------------------------------------------------------------------------------------
    def edit(self, text: str, do: Callable[[], Any], undo: Callable[[Any], Any], changes: Changes, *,
             on_done: Callable[[Any], None] | None = None, keep: Callable[[Any], bool] | None = None) -> None:
        """One undoable edit of this patent (see gui/undo.py); refusals are shown in the editor."""

        def done(result: Any) -> None:
            self.show_message(self.tr("Saved."))
            if on_done is not None:
                on_done(result)

        def refused(exc: BaseException, trace: str) -> None:
            self.show_error(exc, trace)
            if system_refusal(exc) is None:  # busy, disk full…: keep what was typed, to save it again
                self.load()  # put back what the refused edit had typed over (a check box, say)

        self.history.push(self, text, do, undo, changes, on_done=done, on_error=refused, keep=keep)

    def run(self, work: Callable[[], Any], changes: Changes, *, on_done: Callable[[Any], None] | None = None,
            label: str | None = None) -> None:
        """A change that cannot be undone (removing a file), or work that changes nothing (a letter)."""

        op = Op(self, work, changes=changes, runner=self.tasks, label=label).failure(self.show_error)
        if on_done is not None:
            op.success(on_done)
        op.run()

    def show_error(self, exc: BaseException, trace: str = "") -> None:
        """A refusal in its words; anything else (a bug) also goes to the log with its traceback."""
        refusal = exc if isinstance(exc, OpenLicError) else system_refusal(exc)
        if refusal is not None:  # (a full disk, a read-only folder: in words too — the message says not saved)
            self.show_message(refusal.message(self.lang), error=True)
            return
        log.error("editor operation failed: %s", trace or exc)
        self.show_message(f"{type(exc).__name__}: {exc}", error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(palette.error_style() if error else "")

    # --- files dropped on the editor ----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        reports = self.tab(ReportsTab.KEY)
        if files and reports is not None:
            self.tabs.setCurrentIndex(self.tab_keys[ReportsTab.KEY])
            for path in files:
                reports.attach(path)
            event.acceptProposedAction()


# --- feature hook ----------------------------------------------------------------------------------------------
def open_editor(window, patent_id: int) -> PatentEditor | None:
    """Open (non-modally) the editor for one patent on the window's worker and undo history; a second request
    for the same patent raises the one already open."""
    if window.ws is None:
        return None
    from openlic_desktop.support import settings

    for existing in getattr(window, "patent_editors", []):
        if existing.patent_id == patent_id and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            window.patent_editor = existing
            return existing
    number = window.model.number_of(patent_id) if hasattr(window, "model") else ""
    editor = PatentEditor(window.ws, patent_id, lang=getattr(window, "lang", "zh"),
                          profile_code=settings.load().active_profile or None, parent=window, tasks=window.tasks,
                          history=window.undo_history, number=number or "",
                          today=getattr(getattr(window, "model", None), "today", None))
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.patent_editor = editor
    if not hasattr(window, "patent_editors"):
        window.patent_editors = []
    window.patent_editors.append(editor)
    editor.destroyed.connect(lambda _obj=None, e=editor: window.patent_editors.remove(e)
                             if e in window.patent_editors else None)
    editor.show()
    return editor


def install(window) -> None:
    from openlic_desktop.gui.readiness import readiness_actions
    from openlic_desktop.gui.readiness import staff_dialog as readiness_staff

    readiness_actions.install(window, open_editor)
    readiness_staff.install(window)
