"""Operations: a piece of work for the window's one worker, what it changed, and what happens after it.

    Op(window, lambda: readiness.confirm_commitments(ws, ids, source="gui"),
       changes=Changes(patents=ids, aspects={"commitments"}), label=tr("Confirming…")) \\
        .success(show_summary).failure(show_error).run()

The work runs on `window.tasks` (a TaskRunner: one worker thread, results back on the GUI thread) and gets and
returns plain values. When it succeeds, the runner announces its `Changes` (`window.tasks.changed`) before the
success handler runs, and every view redraws what the changes say and nothing else: the portfolio table the rows
of the patents named (the selection stays), the detail pane its patent if named, an editor the tabs that show a
changed aspect of its patent. `Changes` may also be a function of the work's result (an import names the patents
it created). A read-only op (no changes) is how a view reads off the GUI thread.

Undoable edits go through `gui.undo.UndoHistory`, which runs their do and undo as ops.

Thread rule: construct and run ops on the GUI thread; the work function runs on the worker and touches no widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtWidgets import QWidget

# The aspects of a patent an op may change; a view names the ones it shows. Features may add their own words.
FACTS = "facts"                  # recorded facts (title, dates, patentees…); also the table's rows and columns
ENCUMBRANCES = "encumbrances"
CONSENTS = "consents"            # co-owners' written consents
ATTACHMENTS = "attachments"      # reports and other files
COMMITMENTS = "commitments"
SIGNOFFS = "signoffs"
PRICING = "pricing"              # terms, the fee-estimation note
DECLARATIONS = "declarations"
LICENSING = "licensing"          # licensees, licences, payments, deadlines (not tied to one patent's row)
BATCHES = "batches"              # submission batches and submissions
SETTINGS = "settings"            # active profile, staff, office: every readiness may change


@dataclass(frozen=True)
class Changes:
    """What an op changed. `patents`: the ids whose data changed (`every_patent` when too many to name);
    `id_list`: patents were added or deleted, or facts the filter or sort looks at changed (the table re-queries
    its ids, keeping the selection); `aspects`: which kinds of data."""

    patents: frozenset[int] = frozenset()
    aspects: frozenset[str] = frozenset()
    every_patent: bool = False
    id_list: bool = False

    @classmethod
    def of(cls, patents: Iterable[int] = (), *aspects: str, every_patent: bool = False,
           id_list: bool = False) -> Changes:
        return cls(frozenset(patents), frozenset(aspects), every_patent, id_list)

    def touches(self, patent_id: int | None) -> bool:
        """Whether the data of this patent may have changed."""
        return patent_id is not None and (self.every_patent or patent_id in self.patents)

    def any_of(self, aspects: Iterable[str]) -> bool:
        return not self.aspects.isdisjoint(aspects) or SETTINGS in self.aspects

    @property
    def empty(self) -> bool:
        return not (self.patents or self.aspects or self.every_patent or self.id_list)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.patents | other.patents, self.aspects | other.aspects,
                       self.every_patent or other.every_patent, self.id_list or other.id_list)


NO_CHANGES = Changes()


@dataclass
class Op:
    """One operation (see the module's note). `parent` is the widget it belongs to (its progress dialog's parent);
    the runner is the window's (`parent.window().tasks`) unless given."""

    parent: QWidget
    work: Callable[[], Any] | Callable[[Callable[[int, int], bool]], Any]
    changes: Changes | Callable[[Any], Changes] = NO_CHANGES
    label: str | None = None           # a progress dialog with this text (after 300 ms), else none
    cancellable: bool = True
    progress: bool = False             # work takes `progress(done, total) -> keep_going`
    runner: Any = None
    _success: Callable[[Any], None] | None = field(default=None, repr=False)
    _failure: Callable[[BaseException, str], None] | None = field(default=None, repr=False)

    def success(self, handler: Callable[[Any], None]) -> Op:
        self._success = handler
        return self

    def failure(self, handler: Callable[[BaseException, str], None]) -> Op:
        self._failure = handler
        return self

    def _runner(self):
        if self.runner is not None:
            return self.runner
        window = self.parent.window()
        runner = getattr(window, "tasks", None)
        if runner is None and window.parentWidget() is not None:  # a dialog of a dialog: the main window's
            runner = getattr(window.parentWidget().window(), "tasks", None)
        if runner is None:
            raise RuntimeError(f"no task runner for {type(self.parent).__name__}: pass runner=")
        return runner

    def run(self):
        """Start the work; returns the cancel event (set it to ask the work to stop)."""
        runner = self._runner()
        work, parent = self.work, self.parent
        job = work if self.progress else (lambda _progress: work())

        def done(result: Any) -> None:
            changes = self.changes(result) if callable(self.changes) else self.changes
            if not changes.empty:
                runner.changed.emit(changes)  # the change happened even if the widget that asked is gone
            if self._success is not None and shiboken6.isValid(parent):
                self._success(result)

        def failed(exc: BaseException, trace: str) -> None:
            if not shiboken6.isValid(parent):
                return
            if self._failure is not None:
                self._failure(exc, trace)
            else:
                show = getattr(parent.window(), "show_error", None)
                if show is None:
                    raise exc
                show(exc, trace)

        return runner.run(job, on_done=done, on_error=failed, label=self.label,
                          parent=parent if self.label else None, cancellable=self.cancellable)
