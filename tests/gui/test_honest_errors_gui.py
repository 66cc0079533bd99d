"""The GUI tells the truth about a failed change: an edit refused because another program holds the database says
it was NOT saved and keeps what the user typed; an unexpected error never claims "your data is safe"; a failure the
computer caused (busy, disk full) is shown as that, not as a bug report."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressDialog, QPushButton

from openlic_desktop.gui import crash
from openlic_desktop.gui.editor.patent_editor import PatentEditor
from openlic_desktop.services import portfolio
from openlic_desktop.support import logs


@pytest.fixture(autouse=True)
def _quiet_crash_hook(monkeypatch):
    monkeypatch.setitem(crash._state, "previous", None)
    root = logging.getLogger("openlic_desktop")
    handlers = list(root.handlers)
    monkeypatch.setattr(logs, "_configured", logs._configured)  # the log file of this test's home, then put back
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    crash.uninstall()
    dialog = crash.current_dialog()
    if dialog is not None:
        dialog.close()
    for box in crash.open_notices():
        box.close()


def _hold_write_lock(db_file):
    holder = subprocess.Popen([sys.executable, "-c", ("import sqlite3, sys\n"
                                                      f"c = sqlite3.connect({str(db_file)!r}, isolation_level=None)\n"
                                                      "c.execute('BEGIN IMMEDIATE')\nprint('held', flush=True)\n"
                                                      "sys.stdin.read()")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def _settled(qtbot, editor):
    qtbot.waitUntil(lambda: editor.pending == 0 and not editor.history.busy and
                    editor.tasks.pool.activeThreadCount() == 0, timeout=30000)


def _editor(qtbot, ws):
    facts = portfolio.list_patents(ws)[0]
    editor = PatentEditor(ws, portfolio.detail(ws, facts.number.canonical).id, lang="en")
    qtbot.addWidget(editor)
    editor.show()
    _settled(qtbot, editor)
    return editor, facts


def _waiting(editor):
    return next((d for d in editor.findChildren(QProgressDialog, "waitingForDatabase") if d.isVisible()), None)


def _save_and_wait(qtbot, editor, title):
    title.setText("另一个窗口里改的名称")
    editor.findChild(QPushButton, "saveFacts").click()
    qtbot.waitUntil(lambda: _waiting(editor) is not None, timeout=30000)


def test_an_edit_while_another_program_writes_waits_with_progress_and_is_saved_after(qtbot, demo_ws):
    """A long write elsewhere (an import holds the database for its whole run) does not cost the edit: it waits,
    saying so, and is saved as soon as the database is free — no second click."""
    editor, facts = _editor(qtbot, demo_ws)
    title = editor.findChild(QLineEdit, "fact_title")
    holder = _hold_write_lock(demo_ws.path)
    try:
        _save_and_wait(qtbot, editor, title)
        assert "not saved yet" in _waiting(editor).labelText()
        assert portfolio.detail(demo_ws, facts.number.canonical).facts.title == facts.title
        assert editor.history.stack.count() == 0
    finally:
        holder.stdin.close()
        holder.wait(60)
    qtbot.waitUntil(lambda: portfolio.detail(demo_ws, facts.number.canonical).facts.title == "另一个窗口里改的名称",
                    timeout=30000)
    # the window follows once the saved edit's result is back on its thread
    qtbot.waitUntil(lambda: _waiting(editor) is None and editor.history.stack.count() == 1, timeout=30000)
    _settled(qtbot, editor)  # (undoable like any edit: on the stack)
    assert "NOT saved" not in editor.message.text()


def test_an_edit_given_up_while_another_program_writes_says_not_saved_and_keeps_the_input(qtbot, demo_ws):
    editor, facts = _editor(qtbot, demo_ws)
    title = editor.findChild(QLineEdit, "fact_title")
    holder = _hold_write_lock(demo_ws.path)
    try:
        _save_and_wait(qtbot, editor, title)
        _waiting(editor).cancel()  # "Stop waiting"
        qtbot.waitUntil(lambda: "NOT saved" in editor.message.text(), timeout=30000)
        _settled(qtbot, editor)
        assert "in use by another program" in editor.message.text()
        assert title.text() == "另一个窗口里改的名称"  # the typed value is still there to save again
        assert editor.history.stack.count() == 0
    finally:
        holder.stdin.close()
        holder.wait(60)
    assert portfolio.detail(demo_ws, facts.number.canonical).facts.title == facts.title
    editor.findChild(QPushButton, "saveFacts").click()
    qtbot.waitUntil(lambda: portfolio.detail(demo_ws, facts.number.canonical).facts.title == "另一个窗口里改的名称",
                    timeout=30000)
    _settled(qtbot, editor)


def test_the_crash_report_never_claims_the_data_is_safe(qtbot):
    try:
        {}["missing key"]
    except KeyError:
        crash.handle_exception(*sys.exc_info())
    dialog = crash.current_dialog()
    assert dialog is not None
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "safe" not in text.lower() and "may not have been saved" in text.lower(), text


def test_a_failure_the_computer_caused_is_shown_as_not_saved_not_as_a_bug(qtbot, tmp_path):
    con = sqlite3.connect(tmp_path / "x.sqlite3", timeout=0)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    other = sqlite3.connect(tmp_path / "x.sqlite3", timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        con.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError:
        crash.handle_exception(*sys.exc_info())
    finally:
        other.execute("ROLLBACK")
        con.close()
        other.close()
    assert crash.current_dialog() is None  # no bug report for a busy database
    notices = crash.open_notices()
    assert len(notices) == 1 and "DB_BUSY" in notices[0].text()
    assert "未保存" in notices[0].text() or "NOT saved" in notices[0].text()
