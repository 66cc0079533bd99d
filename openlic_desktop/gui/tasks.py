"""One background worker for database and file work; results come back to the GUI thread as plain values.

    runner.run(job, on_done=..., on_error=..., label=self.tr("Importing…"), parent=window)

Most callers go through `gui.ops.Op`, which adds what the work changed: the runner announces it with its
`changed` signal, to which the views of the window listen.

`job(progress)` runs on the worker thread; it calls `progress(done, total)` and must stop (raising
`InterruptedError`) when that returns False — the user pressed Cancel; `progress.note(text)` puts `text` in the
progress dialog in place of its label (a job that has to wait says what for, at once). Services make cancel leave nothing
half-done (one transaction, atomic files). A modal QProgressDialog is shown when `label` is given.
Thread rule: only the GUI thread touches widgets; jobs get and return plain values.

Order: what the user asked for (`USER`, the default) runs before work done ahead for them (`AHEAD`, the dashboard's
count), and housekeeping (`HOUSEKEEPING`: the daily backup, the audit check, saving a count) only once neither is
left, their results handed over too — so that work ahead which gave way and is queued again from its callback still
goes before it. Jobs of one kind run in the order they were queued. A running job is never stopped for another: a
long job of a lower kind asks `user_pending()` between its steps and gives way itself. `wait()` runs everything.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

USER = 2          # an op, the detail pane, a dialog's work: someone waits for it
AHEAD = 1         # counted ahead of being asked for (the dashboard's figures): after the user's work
HOUSEKEEPING = 0  # the daily backup, the audit check, saving a count: when nothing else waits


class _Signals(QObject):
    progress = Signal(int, int)
    note = Signal(str)
    done = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], bool]], Any], signals: _Signals,
                 cancel: threading.Event, ended: Callable[[], None]) -> None:
        super().__init__()
        self.fn, self.signals, self.cancel, self.ended = fn, signals, cancel, ended
        # Python owns the job (TaskRunner._live keeps it until its result is handled; the runner's queue hands it
        # to the worker, never the pool's): with auto-delete the C++ object would be freed while its wrapper lives.
        self.setAutoDelete(False)

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(int(done), int(total))
        return not self.cancel.is_set()

    def run(self) -> None:
        try:
            try:
                result = self.fn(Progress(self))
            finally:
                self.ended()  # on the worker, before the next job starts (that one may ask user_pending())
        # BaseException, not Exception: this is the worker thread's last frame, and whatever ends the job — a
        # library's sys.exit() (SystemExit) included — must reach the GUI thread, which decides how to show it.
        # Let through, it would vanish on the worker thread and leave the modal progress dialog up for good.
        except BaseException as exc:  # noqa: BLE001 — see above
            self._send("failed", exc, traceback.format_exc())
        else:
            self._send("done", result)

    def _send(self, signal: str, *args: Any) -> None:
        try:
            getattr(self.signals, signal).emit(*args)
        except RuntimeError:  # the runner went with its window (the application is closing): nobody to tell
            pass


class Progress:
    """What a job is given: `progress(done, total)` (False: stop), `progress.note(text)` (the dialog's new label)."""

    def __init__(self, job: _Job) -> None:
        self._job = job

    def __call__(self, done: int, total: int) -> bool:
        return self._job._progress(done, total)

    def note(self, text: str) -> None:
        self._job._send("note", text)


class TaskRunner(QObject):
    """Runs jobs one at a time on a single worker thread. `changed(Changes)` is emitted after an op that changed
    something succeeded (gui.ops); each view of the window listens and redraws what the changes name."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._live: list[tuple[_Signals, _Job]] = []
        self._finished: list[tuple[_Signals, _Job]] = []
        self._undelivered = 0  # jobs whose result or error has not been handed to their callback yet
        self._before_housekeeping = 0  # of which USER and AHEAD: housekeeping waits until there are none
        self._held: list[tuple[_Job, int]] = []  # housekeeping not given to the pool yet
        self._user_lock = threading.Lock()
        self._user_unfinished = 0  # USER jobs queued or running (the worker counts them down)
        # The order jobs run in is kept here, not in the pool's queue: QThreadPool queues a job it hands to a
        # waiting worker thread at the lowest priority, so on a busy machine (the thread slow to wake) the next
        # job queued overtook it — two edits of one drop were saved, and reported, the wrong way round. A job
        # queued while the worker is idle goes to it at once; the others wait here and the worker takes them,
        # one after the other, by kind and then in the order queued.
        self._queue: list[tuple[int, int, _Job]] = []
        self._queue_lock = threading.Lock()
        self._order = itertools.count()
        self._worker_busy = False
    def idle(self) -> bool:
        """No job is queued, running, or waiting to deliver its result (a job started by another's callback
        counts before the first one is done: tests wait for this)."""
        return self._undelivered == 0

    def pending(self) -> int:
        """Jobs queued, running, or waiting to deliver their result (a low-priority job that counts more than
        itself has work waiting behind it: any thread may ask)."""
        return self._undelivered

    def user_pending(self) -> int:
        """The user's jobs (USER) queued or running: what work done ahead gives way to (any thread may ask)."""
        return self._user_unfinished

    def _user_ended(self) -> None:
        with self._user_lock:
            self._user_unfinished -= 1

    def _release_housekeeping(self) -> None:
        if self._before_housekeeping == 0 and self._held:
            held, self._held = self._held, []
            for job, priority in held:
                self._submit(job, priority)

    def _submit(self, job: _Job, priority: int) -> None:
        with self._queue_lock:
            if self._worker_busy:
                heapq.heappush(self._queue, (-priority, next(self._order), job))
                return
            self._worker_busy = True
        self.pool.start(lambda: self._work_through(job))

    def _work_through(self, job: _Job | None) -> None:
        """On the worker: this job, then the queued ones until none is left."""
        while job is not None:
            job.run()
            with self._queue_lock:
                if self._queue:
                    job = heapq.heappop(self._queue)[2]
                else:
                    job, self._worker_busy = None, False

    def _purge(self) -> None:
        if self.pool.activeThreadCount() == 0:
            for entry in self._finished:
                if entry in self._live:
                    self._live.remove(entry)
            self._finished.clear()

    def run(self, fn: Callable[[Callable[[int, int], bool]], Any], *, on_done: Callable[[Any], None],
            on_error: Callable[[BaseException, str], None] | None = None, label: str | None = None,
            parent: QWidget | None = None, cancellable: bool = True, priority: int = USER) -> threading.Event:
        """Queue `fn`; `priority` says its kind (USER, AHEAD, HOUSEKEEPING: see the module's note)."""
        self._purge()
        self._undelivered += 1
        housekeeping = priority <= HOUSEKEEPING
        if not housekeeping:
            self._before_housekeeping += 1
        ended: Callable[[], None] = lambda: None
        if priority >= USER:
            with self._user_lock:
                self._user_unfinished += 1
            ended = self._user_ended
        cancel = threading.Event()
        signals = _Signals()
        job = _Job(fn, signals, cancel, ended)
        entry = (signals, job)
        self._live.append(entry)
        dialog: QProgressDialog | None = None
        if label is not None:
            dialog = QProgressDialog(label, self.tr("Cancel") if cancellable else "", 0, 0, parent)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if not cancellable:
                dialog.setCancelButton(None)
            dialog.canceled.connect(cancel.set)

        @Slot(int, int)
        def on_progress(done: int, total: int) -> None:
            if dialog is None or not shiboken6.isValid(dialog):
                return
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))
            else:  # a total the job cannot know (a sheet that does not say its size): a busy indicator
                dialog.setMaximum(0)

        @Slot(str)
        def on_note(text: str) -> None:
            if dialog is None or not shiboken6.isValid(dialog):
                return
            label = dialog.findChild(QLabel)
            if label is not None:  # a note is a sentence or two (with a path): wrapped, not one line screen-wide
                label.setWordWrap(True)
                label.setMinimumWidth(min(label.fontMetrics().horizontalAdvance(text), 520))
            dialog.setLabelText(text)
            dialog.show()  # at once, not after the dialog's minimum duration: the note says why nothing moves

        def finish() -> bool:
            """False when the runner (and its window) went away while the job ran: then nobody is left to
            take the result."""
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.reset()
                dialog.hide()
                dialog.deleteLater()
            if not shiboken6.isValid(self):
                return False
            # Released later, never inside a slot of the object being released, and only once the worker thread
            # has left the job's run() (see _purge). The runner is the timer's receiver: deleted with its window,
            # the timer is dropped instead of calling into a pool that is gone ("QThreadPool already deleted").
            self._finished.append(entry)
            QTimer.singleShot(0, self, self._purge)
            return True

        def delivered() -> None:  # after the callback, which may have queued work ahead again
            self._undelivered -= 1
            if not housekeeping:
                self._before_housekeeping -= 1
                self._release_housekeeping()

        def done(result: Any) -> None:
            if finish():
                try:
                    on_done(result)
                finally:
                    delivered()

        def failed(exc: BaseException, trace: str) -> None:
            if not finish():
                return
            try:
                if on_error is not None:
                    on_error(exc, trace)
                else:
                    raise exc
            finally:
                delivered()

        signals.progress.connect(on_progress)
        signals.note.connect(on_note)
        signals.done.connect(done)
        signals.failed.connect(failed)
        if housekeeping and self._before_housekeeping:
            self._held.append((job, priority))
        else:
            self._submit(job, priority)
        return cancel

    def wait(self, msecs: int = 30000) -> bool:
        """Run every job queued, housekeeping held back included, and wait for them (a restore, the window
        closing)."""
        held, self._held = self._held, []
        for job, priority in held:
            self._submit(job, priority)
        done = self.pool.waitForDone(msecs)
        self._purge()
        return done
