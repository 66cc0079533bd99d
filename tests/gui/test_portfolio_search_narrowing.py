"""The table's search narrows what it has read instead of searching everything again, and forgets what it read
when the data changes."""

from __future__ import annotations

import pytest
from gui_helpers import settle
from PySide6.QtCore import Qt

from openlic_desktop.services import portfolio
from openlic_desktop.storage import search as search_index


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def queries(monkeypatch):
    """Every id query the table asks for: its search text and the ids it narrows (None: a plain query)."""
    calls: list[tuple[str, list[int] | None]] = []
    real = portfolio.query_ids

    def counted(ws, search="", *args, within=None, **kwargs):
        calls.append((search, None if within is None else list(within)))
        return real(ws, search, *args, within=within, **kwargs)

    monkeypatch.setattr(portfolio, "query_ids", counted)
    return calls


plain = portfolio.query_ids  # the tests' own reference queries, not counted

def test_typing_narrows_the_previous_answer_and_shows_the_plain_one(window, qtbot, queries, demo_ws):
    shown = {}
    for text in ("锂", "锂离", "锂离子"):
        window.search_edit.setText(text)
        settle(qtbot, window)
        shown[text] = window.model.ids()
        assert shown[text] == plain(demo_ws, text)  # the plain query: same ids, same order
    assert shown["锂离子"]
    asked = queries[:3]
    assert [text for text, _ in asked] == ["锂", "锂离", "锂离子"]
    assert asked[0][1] == plain(demo_ws)  # all patents, as the window showed them first
    assert asked[1][1] == shown["锂"] and asked[2][1] == shown["锂离"]
    del queries[:]
    window.search_edit.setText("锂离")  # backspace: answered before, from the same data
    settle(qtbot, window)
    assert queries == [] and window.model.ids() == shown["锂离"]


def test_a_sorted_table_narrows_in_its_order(window, qtbot, queries, demo_ws):
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by title, last first
    settle(qtbot, window)
    for text in ("电", "电池"):
        window.search_edit.setText(text)
        settle(qtbot, window)
    assert window.model.sort_key == "title" and queries[-1][1] is not None
    expected = plain(demo_ws, "电池", sort=window.model.sort_key, descending=True)
    assert expected and window.model.ids() == expected


def test_an_edit_is_found_by_the_next_keystroke(window, qtbot, queries, demo_ws):
    window.search_edit.setText("锂")
    settle(qtbot, window)
    other = next(pid for pid in plain(demo_ws) if pid not in window.model.ids())
    number = portfolio.detail_by_id(demo_ws, other).facts.number.canonical
    portfolio.set_fields(demo_ws, number, {"title": "锂离子测试装置"})
    window.model.refresh_rows([other])  # what the window does after an op changed this patent's facts
    window.search_edit.setText("锂离")
    settle(qtbot, window)
    assert other in window.model.ids()  # not narrowed from the answer read before the edit
    assert window.model.ids() == plain(demo_ws, "锂离")


def test_typing_a_number_takes_its_run_of_the_answer_before(window, qtbot, queries, demo_ws):
    for text in ("Z", "ZL", "ZL2", "ZL20", "ZL201"):
        window.search_edit.setText(text)
        settle(qtbot, window)
        assert window.model.ids() == plain(demo_ws, text)
    assert [(text, within is not None) for text, within in queries] == [("ZL2", True), ("ZL20", True),
                                                                         ("ZL201", True)]
    assert window.model.ids()


def test_the_search_texts_are_read_on_the_worker_once_the_first_rows_are_painted(qtbot, demo_ws, monkeypatch):
    import threading

    from openlic_desktop.gui.main_window import MainWindow

    read = []
    real = portfolio.hold_search_texts
    monkeypatch.setattr(portfolio, "hold_search_texts",
                        lambda ws: read.append(threading.current_thread()) or real(ws))
    window = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(window)
    assert read == []  # not while the window is built
    window.show()
    qtbot.waitUntil(lambda: bool(read))
    assert read[0] is not threading.main_thread()
    settle(qtbot, window)
    assert len(read) == 1
    window.ws = None


def test_a_text_written_behind_the_tables_back_is_found(window, qtbot, demo_ws):
    """Another process (or the CLI) renames a patent: the writer gave the search texts a new token, so the table's
    next search asks the database instead of its stale copy, and the copy is read again beside it."""
    settle(qtbot, window)
    pid = window.model.id_at(5)
    number = portfolio.detail_by_id(demo_ws, pid).facts.number.canonical
    window.search_edit.setText("电池")
    settle(qtbot, window)  # the texts are held now
    window.search_edit.clear()
    settle(qtbot, window)
    portfolio.set_fields(demo_ws, number, {"title": "一种独角兽探测装置"})
    window.search_edit.setText("独角兽")
    settle(qtbot, window)
    assert window.model.ids() == [pid]
    with demo_ws.reading() as session:
        assert search_index.held_texts(session) is not None  # current again
