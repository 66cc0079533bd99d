"""`openlic-desktop PATH` opens that database; a file that is not ours is refused, untouched; macOS's FileOpen
event (a Finder double-click) opens the database in the running window."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent

from openlic_desktop.gui import app as gui_app
from openlic_desktop.support import settings


@pytest.fixture
def own_database(tmp_path):
    from openlic_desktop.services import demo
    from openlic_desktop.services.workspace import open_workspace

    path = tmp_path / "本单位专利.openlic"
    ws = open_workspace(path, user="tester")
    demo.load_demo(ws, 12, seed=2)
    ws.close()
    return path


def _run(qtbot, argv):
    code = gui_app.main(argv)
    for window in list(gui_app._windows):
        gui_app._windows.remove(window)
        window.deleteLater()
    return code


def test_a_path_opens_that_database(qtbot, own_database, tmp_path):
    shot = tmp_path / "shot.png"
    assert _run(qtbot, [str(own_database), "--screenshot", str(shot), "--lang", "en"]) == 0
    assert shot.stat().st_size > 10_000
    assert settings.load().recent_databases[0] == str(own_database)


def test_a_sqlite_file_that_is_not_ours_is_refused_and_left_as_it_was(qtbot, tmp_path, capsys):
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as con:
        con.execute("create table accounts (id integer primary key, name text)")
        con.execute("insert into accounts (name) values ('x')")
    con.close()
    before = foreign.read_bytes()
    assert _run(qtbot, [str(foreign), "--screenshot", str(tmp_path / "no.png"), "--lang", "en"]) == 2
    assert "not an OpenLic database" in capsys.readouterr().err
    assert foreign.read_bytes() == before
    assert not (tmp_path / "no.png").exists()


def test_a_file_that_is_not_sqlite_and_a_missing_file_are_refused(qtbot, tmp_path, capsys):
    text = tmp_path / "notes.openlic"
    text.write_text("not a database", encoding="utf-8")
    assert _run(qtbot, [str(text), "--screenshot", str(tmp_path / "a.png"), "--lang", "en"]) == 2
    missing = tmp_path / "typo.openlic"
    assert _run(qtbot, [str(missing), "--screenshot", str(tmp_path / "b.png"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "File not found" in err and not missing.exists()  # opening never creates a file


def test_path_and_db_together_are_refused(qtbot, own_database):
    with pytest.raises(SystemExit) as exit_:
        gui_app._parse([str(own_database), "--db", str(own_database)])
    assert exit_.value.code == 2


def test_a_file_open_event_opens_the_database_in_the_window(qtbot, ws, own_database):
    from openlic_desktop.gui.file_open import FileOpenEvents
    from openlic_desktop.gui.main_window import MainWindow

    app = QCoreApplication.instance()
    events = FileOpenEvents(app)
    try:
        QCoreApplication.sendEvent(app, QFileOpenEvent(str(own_database)))
        assert events.pending == str(own_database)  # before the window exists: kept for the start-up
        window = MainWindow(ws, lang="en")
        qtbot.addWidget(window)
        events.window = window
        QCoreApplication.sendEvent(app, QFileOpenEvent(str(own_database)))
        assert window.ws.location == str(own_database)
        assert window.model.rowCount() == 12
    finally:
        app.removeEventFilter(events)
        events.deleteLater()
