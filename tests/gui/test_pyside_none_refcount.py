"""Regression guard for PySide6 6.12.0 on Python 3.11: each void Qt call dropped a reference to None and the
interpreter aborted after ~10,000 calls (shared/docs/pitfalls.md §1). The dependency spec keeps 3.11 below 6.12;
this test fails if a build that leaks None references is installed."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_leak_none_references(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    label.setText("warm-up")
    before = sys.getrefcount(None)
    for i in range(1000):
        label.setText(str(i))
    after = sys.getrefcount(None)
    if sys.version_info >= (3, 12):
        return  # None is immortal: its count is a constant and says nothing
    assert before - after < 100, f"None lost {before - after} references over 1,000 setText calls"
