"""Waiting for the GUI's background work in tests: searches and feature columns run on the portfolio model's
worker, reads and edits on the window's (gui/ops.py); a test looks once they are done and shown."""

from __future__ import annotations


def settle(qtbot, window, timeout: int = 20000) -> None:
    """Until the window's model has its ids and columns, and the window's ops are done."""
    model = window.model

    def idle() -> bool:
        return (not model.busy() and not model.columns_pending() and model.search_tasks.idle()
                and model.texts_tasks.idle()
                and window.tasks.idle() and not window.undo_history.busy)

    qtbot.waitUntil(idle, timeout=timeout)
    qtbot.wait(5)
    qtbot.waitUntil(idle, timeout=timeout)


def cell(qtbot, window, row: int, column: int):
    """A cell's text once its feature column has been computed (a column shows "…" until then)."""
    index = window.model.index(row, column)
    index.data()
    settle(qtbot, window)
    return window.model.index(row, column).data()


def drain(window, timeout: float = 30.0) -> None:
    """`settle` without qtbot (a fixture's teardown, a module's own helper): wait on the workers and deliver their
    results until the window is idle."""
    import time

    from PySide6.QtWidgets import QApplication

    model, deadline = window.model, time.monotonic() + timeout
    while True:
        window.tasks.wait(int(timeout * 1000))
        model.search_tasks.wait(int(timeout * 1000))
        model.texts_tasks.wait(int(timeout * 1000))
        for _ in range(5):
            QApplication.processEvents()
        if (not model.busy() and not model.columns_pending() and model.search_tasks.idle()
                and model.texts_tasks.idle() and window.tasks.idle()
                and not window.undo_history.busy):
            return
        assert time.monotonic() < deadline, "the window did not settle"
