"""The background worker: results and errors come back on the GUI thread; cancel stops the job."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from openlic_desktop.gui.tasks import TaskRunner


def test_result_arrives_on_gui_thread(qtbot):
    runner = TaskRunner()
    got = []
    gui_thread = QThread.currentThread()

    def job(progress):
        assert QThread.currentThread() is not gui_thread
        for i in range(3):
            progress(i + 1, 3)
        return 42

    runner.run(job, on_done=lambda r: got.append((r, QThread.currentThread() is gui_thread)))
    qtbot.waitUntil(lambda: got == [(42, True)], timeout=5000)
    assert runner.wait()
    assert runner._live == []


def test_cancel_stops_the_job_and_reports_interruption(qtbot):
    runner = TaskRunner()
    started = threading.Event()
    errors = []

    def job(progress):
        started.set()
        for i in range(10_000_000):
            if not progress(i, 10_000_000):
                raise InterruptedError("cancelled")
        return "finished"

    cancel = runner.run(job, on_done=lambda r: errors.append(r), on_error=lambda exc, tb: errors.append(exc))
    assert started.wait(5)
    cancel.set()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], InterruptedError)
    runner.wait()


def test_errors_come_back_with_traceback(qtbot):
    runner = TaskRunner()
    errors = []

    def job(progress):
        raise ValueError("boom")

    runner.run(job, on_done=lambda r: None, on_error=lambda exc, tb: errors.append((exc, tb)))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    exc, tb = errors[0]
    assert isinstance(exc, ValueError) and "boom" in tb
    runner.wait()


def test_a_job_that_exits_still_reports_back_and_closes_its_dialog(qtbot):
    """A job ending in SystemExit (a library calling sys.exit) is not an Exception: it still comes back to the GUI
    thread as an error, and the progress dialog goes away instead of blocking the window for good."""
    from PySide6.QtWidgets import QProgressDialog, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    runner = TaskRunner(window)
    errors = []

    def job(progress):
        raise SystemExit(2)

    runner.run(job, on_done=lambda r: None, on_error=lambda exc, tb: errors.append((exc, tb)), label="…",
               parent=window)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    exc, tb = errors[0]
    assert isinstance(exc, SystemExit) and exc.code == 2 and "SystemExit" in tb
    assert runner.idle() and not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    runner.wait()


def test_many_jobs_in_a_row_release_their_objects(qtbot):
    runner = TaskRunner()
    results = []
    for i in range(50):
        runner.run(lambda progress, i=i: i, on_done=results.append)
    qtbot.waitUntil(lambda: len(results) == 50, timeout=10000)
    assert results == list(range(50))  # one worker: in order
    runner.wait()
    assert runner._live == []


def test_unknown_total_shows_a_busy_indicator(qtbot):
    from PySide6.QtWidgets import QProgressDialog, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner()
    seen, release = threading.Event(), threading.Event()
    got = []

    def job(progress):
        progress(5, 10)
        progress(7, 0)  # from here on the job cannot say how much is left
        seen.set()
        release.wait(5)
        return "done"

    runner.run(job, on_done=got.append, label="…", parent=parent)
    assert seen.wait(5)
    dialog = parent.findChild(QProgressDialog)
    qtbot.waitUntil(lambda: dialog.maximum() == 0, timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: got == ["done"], timeout=5000)
    runner.wait()


def test_the_users_work_runs_before_work_ahead_and_that_before_housekeeping(qtbot):
    """One worker: what the user asked for first, then work done ahead of being asked (the dashboard's count),
    then housekeeping (the daily backup, the audit check); first come first served within each kind, none left."""
    from openlic_desktop.gui.tasks import AHEAD, HOUSEKEEPING

    runner = TaskRunner()
    release = threading.Event()
    ran: list[str] = []
    runner.run(lambda _p: release.wait(10), on_done=lambda _r: None)  # holds the worker while the rest is queued
    queued = (("backup", HOUSEKEEPING), ("count", AHEAD), ("detail", None), ("audit", HOUSEKEEPING),
              ("op", None), ("count again", AHEAD))
    for name, priority in queued:
        kind = {} if priority is None else {"priority": priority}
        runner.run(lambda _p, n=name: ran.append(n), on_done=lambda _r: None, **kind)
    assert runner.pending() == 7 and runner.user_pending() == 3  # the held job and two of the user's
    release.set()
    qtbot.waitUntil(runner.idle, timeout=10000)
    assert ran == ["detail", "op", "count", "count again", "backup", "audit"]
    assert runner.user_pending() == 0
    runner.wait()
