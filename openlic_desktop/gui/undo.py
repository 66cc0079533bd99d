"""Undo: one QUndoStack per open database, holding commands that call services.

    window.undo_history.push(parent, tr("Confirm all commitments"),
                             do=lambda: readiness.confirm_commitments(ws, ids, source="gui"),
                             undo=lambda outcome: withdraw_what(outcome),
                             changes=Changes.of(ids, ops.COMMITMENTS),
                             on_done=show_summary)

`do()` runs as an op (gui.ops) on the worker (tried again while another program holds the database, see
gui.database_wait); only when it succeeds is the command put on the stack, with its
result: `undo(result)` and a redo (`do()` again; its new result replaces the old) run as ops too, and the stack
moves only once the service call succeeded — a refused undo leaves everything where it was and says why. Each
run announces the command's `changes`, so the views redraw what it touched. The editor's edits and the main
window's batch actions share the window's stack: Edit → Undo (Ctrl+Z) undoes the latest, wherever it was made.
A new database empties it (its commands belong to the old one).

Thread rule: GUI thread; do/undo get and return plain values (they run on the worker).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from openlic_desktop.gui.database_wait import BusyWait
from openlic_desktop.gui.ops import Changes, Op


class ServiceCommand(QUndoCommand):
    """A command whose service calls have already run when the stack calls redo()/undo(): those only keep the
    stack's books (UndoHistory runs the calls first, as ops)."""

    def __init__(self, text: str, do: Callable[[], Any], undo: Callable[[Any], Any], changes: Changes,
                 result: Any) -> None:
        super().__init__(text)
        self.do_call, self.undo_call, self.changes, self.result = do, undo, changes, result

    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


class UndoHistory(QObject):
    """The window's undo stack and the ops that move it. `busy` while an undo or redo runs (no second one)."""

    failed = Signal(str)  # an undo or redo the services refused, in words

    def __init__(self, parent: QWidget, lang: str = "zh") -> None:
        super().__init__(parent)
        self.owner = parent
        self.lang = lang
        self.stack = QUndoStack(self)
        self.busy = False

    # --- recording ------------------------------------------------------------------------------------------------
    def push(self, parent: QWidget, text: str, do: Callable[[], Any], undo: Callable[[Any], Any],
             changes: Changes | Callable[[Any], Changes], *, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException, str], None] | None = None, label: str | None = None,
             keep: Callable[[Any], bool] | None = None):
        """Run `do` as an op; when it succeeds, record it (unless `keep(result)` says it changed nothing) and call
        `on_done(result)`."""

        # a database another program is writing: tried again until free or the user stops waiting
        wait = BusyWait(parent, on_error or self._refused)

        def succeeded(result: Any) -> None:
            wait.finished()
            if keep is None or keep(result):
                fixed = changes(result) if callable(changes) else changes
                self.stack.push(ServiceCommand(text, do, undo, fixed, result))
            if on_done is not None:
                on_done(result)

        def attempt() -> None:
            Op(parent, do, changes=changes, label=label, runner=self._runner(), cancellable=False) \
                .success(succeeded).failure(wait.failed).run()

        wait.retry = attempt
        attempt()

    # --- moving -------------------------------------------------------------------------------------------------
    def undo(self, parent: QWidget | None = None) -> bool:
        """Undo the latest command (False when there is none or one is running)."""
        if self.busy or not self.stack.canUndo():
            return False
        command: ServiceCommand = self.stack.command(self.stack.index() - 1)
        result = command.result
        self._move(parent, lambda: command.undo_call(result), command.changes, lambda _r: self.stack.undo())
        return True

    def redo(self, parent: QWidget | None = None) -> bool:
        if self.busy or not self.stack.canRedo():
            return False
        command: ServiceCommand = self.stack.command(self.stack.index())

        def moved(result: Any) -> None:
            command.result = result
            self.stack.redo()

        self._move(parent, command.do_call, command.changes, moved)
        return True

    def _move(self, parent: QWidget | None, call: Callable[[], Any], changes: Changes,
              then: Callable[[Any], None]) -> None:
        self.busy = True

        def done(result: Any) -> None:
            self.busy = False
            then(result)

        def failed(exc: BaseException, trace: str) -> None:
            self.busy = False
            self._refused(exc, trace)

        Op(parent or self.owner, call, changes=changes, runner=self._runner(), cancellable=False) \
            .success(done).failure(failed).run()

    def clear(self) -> None:
        self.stack.clear()

    # --- actions ----------------------------------------------------------------------------------------------
    def actions(self, parent: QWidget) -> tuple[QAction, QAction]:
        """Undo and Redo actions for a menu or a window (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y), named after the command."""
        undo = QAction(parent)
        undo.setObjectName("undoAction")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(lambda _checked=False: self.undo(parent))
        redo = QAction(parent)
        redo.setObjectName("redoAction")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        redo.triggered.connect(lambda _checked=False: self.redo(parent))

        def update() -> None:
            if not (shiboken6.isValid(self.stack) and shiboken6.isValid(undo) and shiboken6.isValid(redo)):
                return  # the stack (or the window holding the actions) is being destroyed
            undo.setEnabled(self.stack.canUndo())
            redo.setEnabled(self.stack.canRedo())
            undo.setText(self.tr("Undo %1").replace("%1", self.stack.undoText()).strip()
                         if self.stack.canUndo() else self.tr("Undo"))
            redo.setText(self.tr("Redo %1").replace("%1", self.stack.redoText()).strip()
                         if self.stack.canRedo() else self.tr("Redo"))

        self.stack.indexChanged.connect(lambda _i: update())
        self.stack.cleanChanged.connect(lambda _c: update())
        update()
        return undo, redo

    # --- helpers ------------------------------------------------------------------------------------------------
    def _runner(self):
        return self.owner.window().tasks

    def _refused(self, exc: BaseException, trace: str) -> None:
        from openlic_desktop.support.errors import OpenLicError

        if isinstance(exc, OpenLicError):
            self.failed.emit(exc.message(self.lang))
            return
        show = getattr(self.owner.window(), "show_error", None)
        if show is None:
            raise exc
        show(exc, trace)
