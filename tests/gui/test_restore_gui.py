"""File → Restore backup… does its work off the GUI thread: the backup is checked in full and the database may be
held by another program for a while, so the window keeps answering (with a progress note) instead of freezing
until the restore is done or refused.

The other program here lets the database go only when the window's own event loop tells it to: a window frozen by
the restore could not, and the restore would be refused as busy after its wait.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from test_honest_errors_gui import _hold_write_lock

from openlic_desktop.gui import crash
from openlic_desktop.gui.dialogs import first_start
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import backup, portfolio


@pytest.fixture(autouse=True)
def _quiet_crash_hook():
    yield
    crash.uninstall()


def _restore_while_held(qtbot, win, db_file, chosen, while_held) -> list[bool]:
    """Restore `chosen` into the window while another process holds the database's write lock; `while_held(holder)`
    runs once the restore has started and lets the lock go (closing the holder's stdin). Returns on_finished's
    answers once the restore is over."""
    holder = _hold_write_lock(db_file)
    try:
        finished: list[bool] = []
        first_start.restore_into_window(win, db_file, chosen, on_finished=finished.append)
        while_held(holder)
        qtbot.waitUntil(lambda: bool(finished), timeout=60000)
    finally:
        if not holder.stdin.closed:
            holder.stdin.close()
        holder.wait(60)
    return finished


def _close(win) -> None:
    win.tasks.wait(10000)
    win.ws.close()
    win.ws = None


def test_a_restore_waits_for_another_program_with_the_window_answering(qtbot, demo_ws, monkeypatch):
    db_file = demo_ws.path
    taken = backup.daily_backup(demo_ws)
    number = portfolio.list_patents(demo_ws)[0].number.canonical
    original = portfolio.detail(demo_ws, number).facts.title
    portfolio.set_fields(demo_ws, number, {"title": "恢复前改过的名称"})
    win = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(win)
    win.show()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: warnings.append(text))

    # the lock goes only when the window's event loop runs the timer
    finished = _restore_while_held(qtbot, win, db_file, taken.path,
                                   lambda holder: QTimer.singleShot(0, holder.stdin.close))
    try:
        assert warnings == [] and finished == [True]
        assert portfolio.detail(win.ws, number).facts.title == original
        assert win.model.rowCount() == 200
        assert sorted(b.kind for b in backup.list_backups(db_file)) == ["before-restore", "daily"]
    finally:
        _close(win)


def test_a_restore_that_waits_says_so_in_its_progress_dialog(qtbot, ws, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    db_file = ws.path
    taken = backup.daily_backup(ws)
    win = MainWindow(ws, lang="zh")
    qtbot.addWidget(win)
    win.show()
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: pytest.fail("the restore was refused"))

    def notice() -> str:
        shown = [d.labelText() for d in win.findChildren(QProgressDialog) if d.isVisible()]
        return next((text for text in shown if "正被其他程序使用" in text), "")

    def said_then_let_go(holder) -> None:
        # another program holds the write lock: the restore waits for it, and the dialog says so in Chinese
        qtbot.waitUntil(lambda: bool(notice()), timeout=30000)
        assert str(db_file) in notice() and "最多等待 10 秒" in notice()
        holder.stdin.close()

    finished = _restore_while_held(qtbot, win, db_file, taken.path, said_then_let_go)
    try:
        assert finished == [True] and notice() == ""
        assert sorted(b.kind for b in backup.list_backups(db_file)) == ["before-restore", "daily"]
    finally:
        _close(win)
