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
