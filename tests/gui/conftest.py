"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest

from openlic_desktop.gui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    """A task runner whose worker is waited for at the end of the test (no job outlives it)."""
    tasks = TaskRunner()
    yield tasks
    tasks.wait(20000)


@pytest.fixture
def history_window(qtbot, ws):
    """Open the main window on `ws` (in English) and File → Import history…: returns (window, dialog)."""
    def open_history():
        from openlic_desktop.gui.main_window import MainWindow

        window = MainWindow(ws, lang="en")
        qtbot.addWidget(window)
        [action] = [a for a in window.menus["file"].actions() if a.text() == "Import history…"]
        action.trigger()
        return window, window._import_history
    return open_history


@pytest.fixture
def demo_window(qtbot, demo_ws):
    """The main window (in English) on the demo portfolio, shown; its jobs are waited for at the end."""
    from openlic_desktop.gui.main_window import MainWindow

    window = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(window)
    window.show()
    yield window
    window.tasks.wait()
    window.ws = None


@pytest.fixture
def chinese():
    """The GUI in Chinese for the test (as a user meets it), English again after it."""
    from openlic_desktop.gui.app import install_translators

    install_translators("zh")
    yield
    install_translators("en")
