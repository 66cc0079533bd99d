"""In Chinese, every menu entry is Chinese: a string lupdate cannot see (translate(ctx, variable), or a free tr()
that lupdate files under another context than the one asked at run time) stays English in the menus. Found
three such entries (Tools → Licensee book… / Licences reached… / Deadlines…) and File → Import patents…."""

from __future__ import annotations

import re

import pytest

from openlic_desktop.gui.app import install_translators
from openlic_desktop.gui.main_window import MainWindow

_CJK = re.compile(r"[\u4e00-\u9fff]")
LANGUAGE_NAMES = {"English"}  # each language is named in its own language


@pytest.fixture
def chinese():
    install_translators("zh")
    yield
    install_translators("en")


def _texts(menu):
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield action.text()
        if action.menu() is not None:
            yield from _texts(action.menu())


def test_every_menu_entry_is_translated(qtbot, ws, chinese):
    window = MainWindow(ws, lang="zh")
    qtbot.addWidget(window)
    untranslated = [text for menu in window.menus.values() for text in [menu.title(), *_texts(menu)]
                    if text not in LANGUAGE_NAMES and not _CJK.search(text)]
    assert untranslated == []
