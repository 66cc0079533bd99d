"""The GUI's one translation mechanism holds: lupdate over today's sources finds exactly the messages of the
committed .ts, each has its Chinese there, the committed .qm is what lrelease makes of it, and no Chinese is
written in the GUI's sources (it lives in the .ts only)."""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import i18n

# a language is named in its own language in Tools → Language
OWN_NAMES = {"中文（简体）"}
_CJK = re.compile(r"[\u3400-\u9fff]")  # ideographs; 、；（） as separators read in both languages


def _keys(ts: Path) -> set[tuple[str, str]]:
    return {(context, source) for context, source, _text, _done in i18n.messages(ts)}


def test_ts_is_current_and_every_message_has_chinese(tmp_path):
    fresh = tmp_path / "openlic_zh_CN.ts"
    shutil.copy(i18n.TS, fresh)
    i18n.lupdate(fresh)
    assert _keys(fresh) == _keys(i18n.TS), "openlic_desktop/resources/i18n is stale: run python tools/i18n.py"
    assert fresh.read_text(encoding="utf-8") == i18n.TS.read_text(encoding="utf-8"), \
        "openlic_desktop/resources/i18n/openlic_zh_CN.ts is not in lupdate's layout: run python tools/i18n.py"
    assert i18n.missing(fresh) == [], "messages without Chinese: python tools/i18n.py --todo, then --apply"


def test_committed_qm_matches_ts(tmp_path):
    built = tmp_path / "built.qm"
    i18n.lrelease(i18n.TS, built)
    assert built.read_bytes() == i18n.QM.read_bytes(), "run python tools/i18n.py to rebuild the .qm"


def test_apply_writes_chinese_and_reports_unknown_messages(tmp_path):
    ts = tmp_path / "t.ts"
    shutil.copy(i18n.TS, ts)
    unknown = i18n.apply(ts, {"MainWindow": {"Refresh": "重新载入", "No such text": "无"}})
    assert unknown == [("MainWindow", "No such text")]
    assert ("MainWindow", "Refresh", "重新载入", True) in i18n.messages(ts)


def test_no_chinese_in_the_gui_sources():
    """Chinese in a GUI source file would show whatever the language (and bypass the .ts)."""
    found = []
    for path in sorted((ROOT / "openlic_desktop" / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                    and _CJK.search(node.value) and node.value not in OWN_NAMES:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_chinese_is_loaded_by_default(qtbot, demo_ws):
    from PySide6.QtCore import Qt

    from openlic_desktop.gui.app import install_translators
    from openlic_desktop.gui.main_window import MainWindow

    install_translators("zh")
    try:
        window = MainWindow(demo_ws, lang="zh")
        qtbot.addWidget(window)
        assert window.menus["file"].title() == "文件(&F)"
        assert window.model.headerData(0, Qt.Orientation.Horizontal) == "申请号"
        window.ws = None
    finally:
        install_translators("en")
