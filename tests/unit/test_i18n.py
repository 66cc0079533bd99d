"""The committed translations are complete and match the code: lupdate over today's sources finds no string
without Chinese and nothing the committed .ts lacks, and the committed .qm is what lrelease makes of the .ts."""

from __future__ import annotations

import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import i18n


def _messages(ts: Path) -> set[tuple[str, str, str]]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name", ""), m.findtext("source", ""), m.findtext("translation", "") or "")
            for c in root.iter("context") for m in c.iter("message")}


def test_every_gui_string_has_chinese_and_ts_is_current(tmp_path):
    fresh = tmp_path / "openlic_zh_CN.ts"
    shutil.copy(i18n.TS, fresh)
    i18n.lupdate(fresh)
    missing = i18n.fill(fresh, i18n.zh_dictionary())
    assert missing == [], f"strings without Chinese (add them to a ZH dict, run tools/i18n.py): {missing}"
    assert _messages(fresh) == _messages(i18n.TS), "openlic_desktop/resources/i18n is stale: run python tools/i18n.py"


def test_committed_qm_matches_ts(tmp_path):
    built = tmp_path / "built.qm"
    i18n.lrelease(i18n.TS, built)
    assert built.read_bytes() == i18n.QM.read_bytes(), "run python tools/i18n.py to rebuild the .qm"


def test_chinese_is_loaded_by_default(qtbot, demo_ws):
    from openlic_desktop.gui.app import install_translators
    from openlic_desktop.gui.main_window import MainWindow

    install_translators("zh")
    try:
        window = MainWindow(demo_ws, lang="zh")
        qtbot.addWidget(window)
        assert window.menus["file"].title() == "文件(&F)"
        assert window.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "申请号"
        window.ws = None
    finally:
        install_translators("en")
