from __future__ import annotations

from datetime import date

import pytest
from gui_helpers import settle
from PySide6.QtCore import Qt

from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.gui.models.portfolio_model import PortfolioModel


@pytest.fixture
def window(qtbot, demo_ws):
    win = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.ws = None  # the fixture closes the workspace


def test_portfolio_model_passes_modeltester(qtmodeltester, qtbot, demo_ws):
    model = PortfolioModel()
    model.set_workspace(demo_ws)
    qtmodeltester.check(model)
    model.set_filter(search="锂离子")
    qtbot.waitUntil(lambda: not model.busy())
    assert 0 < model.rowCount() < 200
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)  # still the search's rows: the sorted ids come from the worker
    qtbot.waitUntil(lambda: not model.busy())
    qtmodeltester.check(model)
    titles = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, reverse=True)


def test_table_shows_all_rows_and_counts(window, demo_ws):
    assert window.model.rowCount() == 200
    assert "200" in window.count_label.text()


def test_search_filters_as_you_type_chinese_and_numbers(window, qtbot):
    window.search_edit.setText("锂离子")  # QTest cannot type non-ASCII keys; textChanged is the same path
    settle(qtbot, window)
    n = window.model.rowCount()
    assert 0 < n < 200
    titles = [window.model.index(r, 1).data() for r in range(n)]
    patentees = [window.model.index(r, 3).data() for r in range(n)]
    assert all("锂离子" in t or "锂离子" in p for t, p in zip(titles, patentees))
    window.search_edit.clear()
    settle(qtbot, window)
    first = window.model.index(0, 0).data()
    qtbot.keyClicks(window.search_edit, "ZL " + first[:6])
    settle(qtbot, window)
    assert window.model.rowCount() >= 1
    assert all(window.model.index(r, 0).data().startswith(first[:6]) for r in range(window.model.rowCount()))


def test_two_character_chinese_search_works_without_trigram(window, qtbot):
    window.search_edit.setText("电池")
    settle(qtbot, window)
    assert window.model.rowCount() > 0


def test_malformed_number_matches_nothing_without_error(window, qtbot):
    window.search_edit.setText("2021x1")
    settle(qtbot, window)
    assert window.model.rowCount() == 0
    window.search_edit.setText("CN112345678A")
    settle(qtbot, window)
    assert window.model.rowCount() == 0


def test_keystrokes_that_cannot_change_the_result_query_nothing(window, qtbot, monkeypatch):
    from openlic_desktop.services import portfolio

    calls = []
    real = portfolio.query_ids
    monkeypatch.setattr(portfolio, "query_ids", lambda *a, **k: calls.append(a[1:2]) or real(*a, **k))
    for text in ("Z", "ZL", "ZL ", "", "CN"):  # the lead-in of a number, or nothing: all patents, as shown
        window.search_edit.setText(text)
        settle(qtbot, window)
    assert calls == [] and window.model.rowCount() == 200
    window.search_edit.setText("ZL2021")
    settle(qtbot, window)
    window.search_edit.setText("CN 2021")  # the same number prefix written another way
    settle(qtbot, window)
    assert len(calls) == 1


def test_a_newer_search_supersedes_an_older_one(window, qtbot):
    shown = []
    window.model.queried.connect(lambda: shown.append(window.model.rowCount()))
    for text in ("锂", "锂离", "锂离子", "电池"):  # typed faster than the queries answer
        window.search_edit.setText(text)
    settle(qtbot, window)
    assert shown and shown[-1] == window.model.rowCount()
    titles = [window.model.index(r, 1).data() + window.model.index(r, 3).data()
              for r in range(window.model.rowCount())]
    assert titles and all("电池" in t for t in titles)  # only the newest search's rows are shown
    assert len(shown) <= 2  # the first query, then at most the newest: no stale result painted in between


def test_type_and_status_filters(window, qtbot):
    window.type_combo.setCurrentIndex(window.type_combo.findData("design"))
    settle(qtbot, window)
    rows = window.model.rowCount()
    assert rows > 0
    assert {window.model.index(r, 2).data() for r in range(rows)} == {"Design"}
    window.clear_filters()
    settle(qtbot, window)
    assert window.model.rowCount() == 200


def test_sort_by_filing_date_descending(window, qtbot):
    window.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # queried on the model's worker
    settle(qtbot, window)
    dates = [window.model.index(r, 4).data() for r in range(window.model.rowCount())]
    dates = [d for d in dates if d]
    assert dates == sorted(dates, reverse=True)


def test_numbers_sort_old_form_by_century(window, qtbot):
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle(qtbot, window)
    numbers = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    old = [i for i, n in enumerate(numbers) if len(n) == 10]
    new = [i for i, n in enumerate(numbers) if len(n) == 14]
    if old and new:
        assert max(old) < min(new)


def test_detail_pane_follows_selection(window, qtbot):
    window.table.selectRow(3)
    number = window.model.index(3, 0).data()
    qtbot.waitUntil(lambda: number in window.detail.toPlainText())  # read on the worker


def test_layout_is_remembered(qtbot, demo_ws):
    first = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(first)
    first.show()
    first.resize(701, 502)  # the offscreen screen is 800×600
    first.splitter.setSizes([500, 200])
    first.close()
    second = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(second)
    second.show()
    assert second.size().width() == 701
    second.ws = None
    first.ws = None


def test_open_bad_database_shows_dialog_and_keeps_file(window, tmp_path, monkeypatch):
    bad = tmp_path / "notes.sqlite3"
    bad.write_bytes(b"this is not a database")
    shown = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert window.open_database(str(bad)) is False
    assert shown and "SQLite" in shown[0]
    assert bad.read_bytes() == b"this is not a database"
    assert window.model.rowCount() == 200  # the old database stays open


def test_drop_handlers_receive_files(window, tmp_path):
    got = []
    window.drop_handlers.append(lambda files: got.extend(files) or True)
    f = tmp_path / "a.xlsx"
    f.write_bytes(b"x")
    assert window.handle_dropped_files([f])
    assert got == [f]


def test_demo_offered_in_background_fills_empty_db(qtbot, ws):
    win = MainWindow(ws, lang="en")
    qtbot.addWidget(win)
    win.load_demo(50)
    qtbot.waitUntil(lambda: win.model.rowCount() == 50, timeout=10000)
    win.ws = None


def test_effective_status_expired_shown(window):
    today = date.today()
    for r in range(window.model.rowCount()):
        expiry = window.model.index(r, 5).data()
        if expiry and expiry < today.isoformat():
            assert window.model.index(r, 6).data() in {"Expired", "Lapsed"}


def test_cancelling_the_demo_in_its_last_stages_leaves_the_database_as_it_was(qtbot, ws, monkeypatch, tmp_path,
                                                                               chinese):
    """The first start's offer and the welcome's choice both load through `load_demo`: Cancel on its progress
    dialog, pressed while the office's work is near its end, takes back the patents and work done so far."""
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from openlic_desktop.services import portfolio
    from openlic_desktop.services.licensing import licensees

    clicked = threading.Event()
    real = licensees.add_licensee

    def held(*args, **kwargs):  # the worker waits here, among the last stages, until Cancel has been pressed
        assert clicked.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(licensees, "add_licensee", held)
    win = MainWindow(ws, lang="zh")
    qtbot.addWidget(win)
    win.show()
    cancel = win.load_demo(300)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in win.findChildren(QProgressDialog)), timeout=10000)
    [dialog] = [d for d in win.findChildren(QProgressDialog) if d.isVisible()]
    dialog.grab().save(str(tmp_path / "demo_progress.png"))
    [button] = dialog.findChildren(QPushButton)
    assert button.text() == "取消"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert cancel.is_set()
    clicked.set()
    qtbot.waitUntil(lambda: "数据库未改动" in win.statusBar().currentMessage(), timeout=20000)
    assert portfolio.count(ws) == 0 and licensees.list_licensees(ws) == [] and win.model.rowCount() == 0
    win.grab().save(str(tmp_path / "demo_cancelled.png"))
    win.tasks.wait(20000)
