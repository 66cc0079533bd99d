"""The window's opening audit check runs as housekeeping a chunk of the trail at a time: a click while it runs
stops it at its next chunk (the click does not wait for the whole trail), and it then resumes where it stopped,
still catching a tampered trail; closing the window stops it too, without going on afterwards."""

from __future__ import annotations

import sqlite3
import threading

from openlic_desktop.gui import ops
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import audit_trail
from openlic_desktop.storage import audit

RECORDS = 3 * audit.WALK_CHUNK + 7


def _trail(ws) -> None:
    with ws.session() as session:
        audit.append(session, ws.user, "import", [
            audit.AuditEntry("patent", i, f"2021{i:08d}", "update", "title", f"旧{i}", f"新{i}")
            for i in range(RECORDS)])
    con = sqlite3.connect(ws.path)  # changed behind the app's back, late in the trail
    con.execute(f"UPDATE audit_log SET new='x' WHERE id={RECORDS - 3}")
    con.commit()
    con.close()


def _held_checks(monkeypatch, ended: list, entered: threading.Event, release: threading.Event) -> None:
    """The window's checks as they are, each told when it is first asked whether to stop (after its first chunk),
    and held there until `release`: a click can be queued while a check is certainly walking."""
    real = audit_trail.verify

    def verify(ws, *args, stop=None, **kwargs):
        first = [True]

        def asked() -> bool:
            if first[0]:
                first[0] = False
                entered.set()
                assert release.wait(20)
            return stop()

        try:
            report = real(ws, *args, stop=asked, **kwargs)
        except audit_trail.CheckPaused:
            ended.append("paused")
            raise
        ended.append(report)
        return report

    monkeypatch.setattr(audit_trail, "verify", verify)


def _opened_while_checking(qtbot, ws, monkeypatch):
    """The window opened on `ws`, its check held after its first chunk: (window, ended, release)."""
    ended: list = []
    entered, release = threading.Event(), threading.Event()
    _held_checks(monkeypatch, ended, entered, release)
    window = MainWindow(ws, lang="en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(entered.is_set, timeout=20000)  # the opening check walked its first chunk
    return window, ended, release


def test_a_click_during_the_check_goes_first_and_the_check_resumes(qtbot, ws, monkeypatch):
    _trail(ws)
    whole = audit_trail.verify(ws)  # walked in one go
    window, ended, release = _opened_while_checking(qtbot, ws, monkeypatch)
    ops.Op(window, lambda: ended.append("clicked")).run()  # e.g. a patent's detail pane
    release.set()
    qtbot.waitUntil(lambda: window.tasks.idle() and bool(ended) and not isinstance(ended[-1], str), timeout=20000)
    assert ended[:2] == ["paused", "clicked"]
    report = ended[-1]
    assert report == whole and report.records == RECORDS and (RECORDS - 3, "edited") in report.breaks
    assert not window.audit_warning.isHidden()
    window.tasks.wait(20000)
    window.ws = None


def test_closing_the_window_stops_the_check(qtbot, ws, monkeypatch):
    _trail(ws)
    window, ended, release = _opened_while_checking(qtbot, ws, monkeypatch)
    threading.Timer(0.2, release.set).start()  # as the close waits for the worker
    window.close()
    assert ended == ["paused"]  # stopped at its next chunk, not walked to the end
    qtbot.wait(100)
    assert ended == ["paused"] and window.tasks.idle()  # and not resumed after the window closed
    window.ws = None
