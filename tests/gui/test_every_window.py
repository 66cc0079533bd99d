"""Every window and dialog, walked in Chinese as a user meets it (tests/gui/window_registry.py opens each): no text a
Chinese user cannot read, nothing clipped, every control named for a screen reader, and a picture of each (every tab, every wizard page) under
$OPENLIC_SCREENSHOTS or the test's temporary folder."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMainWindow, QTabWidget
from window_registry import FACTORIES, Env, prepare
from window_walk import (
    clipped,
    english,
    has_chinese,
    lone_tails,
    not_chinese,
    odd_dates,
    save_picture,
    unnamed,
)

import openlic_desktop.gui as gui_package
from openlic_desktop.gui.app import install_translators


def gui_windows() -> set[str]:
    """The QDialog and QMainWindow subclasses defined under openlic_desktop/gui."""
    found = set()
    for info in pkgutil.walk_packages(gui_package.__path__, prefix="openlic_desktop.gui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, (QDialog, QMainWindow)):
                found.add(name)
    return found


def test_every_window_has_a_factory():
    missing = gui_windows() - set(FACTORIES)
    assert not missing, f"register these windows in tests/gui/window_registry.py FACTORIES: {sorted(missing)}"


def test_the_text_rule():
    for text in ("选择一件专利查看详情。", "ZL202110123456.7", "2026-01-01", "12", "Excel 工作簿 (*.xlsx)", "—",
                 "SHA-256：ab12cd34ef56", "发信服务器（SMTP）…", "English", "tto@example.edu.cn", "C1 不存在独占许可"):
        assert not not_chinese(text), text
    for text in ("Select a patent to see its details.", "已登记：pledge", "缺少：mode, contact_phone", "reviewer 角色",
                 "Payment terms", "annual_revenue=1000"):
        assert not_chinese(text), text
    assert has_chinese("申请号") and not has_chinese("Name")


@pytest.fixture
def chinese():
    install_translators("zh")
    yield
    install_translators("en")


def _tab_scenes(name, top):
    """The scene itself, then each other tab of each tab widget in it."""
    yield name, top
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisibleTo(top):
            continue
        first = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == first:
                continue
            tabs.setCurrentIndex(index)
            yield f"{name}-{index}", top
        tabs.setCurrentIndex(first)


def test_every_window_in_chinese(qtbot, demo_ws, tmp_path, chinese):
    from openlic_desktop.gui.main_window import MainWindow

    demo_ws.user = "王伟"  # the acting user is shown in the status bar, the history and the import records
    ready, blocked = prepare(demo_ws, tmp_path)
    window = MainWindow(demo_ws, lang="zh")
    qtbot.addWidget(window)
    window.resize(1280, 690)
    window.show()
    qtbot.waitExposed(window)
    env = Env(window, qtbot, tmp_path, ready, blocked)
    folder = Path(os.environ.get("OPENLIC_SCREENSHOTS") or tmp_path / "screens")
    problems: list[str] = []
    seen = 0
    try:
        for scenes in FACTORIES.values():
            for scene, top in scenes(env):
                for name, shown in _tab_scenes(scene, top):
                    env.settle()
                    seen += 1
                    save_picture(shown, folder, name)
                    problems += [f"{name} [{where}]: {text!r}" for where, text in english(shown)]
                    problems += [f"{name}: {p}" for p in clipped(shown)]
                    problems += [f"{name}: {p}" for p in unnamed(shown)]
                    problems += [f"{name}: {p}" for p in odd_dates(shown)]
                    problems += [f"{name}: {p}" for p in lone_tails(shown)]
    finally:
        window.tasks.wait(30000)
        window.ws = None
    assert seen >= len(FACTORIES)
    assert not problems, "\n".join(problems)
