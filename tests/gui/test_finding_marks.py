"""The marks before readiness and pricing findings are characters an installed font can draw (an emoji like ⛔
showed as an empty box on Linux without a colour-emoji font), and the detail pane uses them."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from openlic_desktop.gui.widgets import BLOCKER_MARK, WARNING_MARK, finding_mark_html


def _drawable(char: str) -> bool:
    return any(QFontMetrics(QFont(family)).inFontUcs4(ord(char)) for family in QFontDatabase.families())


def test_finding_marks_have_a_glyph(qtbot):
    assert _drawable(BLOCKER_MARK) and _drawable(WARNING_MARK)


def test_detail_pane_marks_blockers_with_the_drawable_mark(qtbot, demo_ws):
    from openlic_desktop.gui.readiness.readiness_actions import detail_section
    from openlic_desktop.services import portfolio

    pid = portfolio.query_ids(demo_ws)[0]
    text = detail_section(demo_ws, pid, "zh")
    assert "\u26d4" not in text
    assert finding_mark_html(True) in text  # a demo patent is never ready: it has blockers


def test_detail_pane_heads_the_findings_in_chinese_with_a_full_width_colon(qtbot, demo_ws):
    """The heading said 申报条件: 不可申报（5 项）, an English colon and space in a Chinese line."""
    from openlic_desktop.gui.app import install_translators
    from openlic_desktop.gui.readiness.readiness_actions import detail_section
    from openlic_desktop.services import portfolio

    pid = portfolio.query_ids(demo_ws)[0]
    install_translators("zh")
    try:
        assert detail_section(demo_ws, pid, "zh").startswith("<h4>申报条件：不可申报（")
    finally:
        install_translators("en")
    assert detail_section(demo_ws, pid, "en").startswith("<h4>Readiness: Not ready (")


def test_editor_readiness_panel_marks_blockers_in_colour(qtbot, demo_ws):
    """The patent window's readiness panel drew its ✖ in black where the declaration tab and the detail pane
    draw it red: the same mark, in its colour, before each finding (the message escaped, never markup)."""
    import html

    from PySide6.QtWidgets import QLabel

    from openlic_desktop.gui.editor.patent_editor import PatentEditor
    from openlic_desktop.services import portfolio, readiness

    pid = portfolio.query_ids(demo_ws)[0]
    editor = PatentEditor(demo_ws, pid, lang="en")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.panel.result is not None and editor.pending == 0, timeout=20000)
    texts = [row.findChild(QLabel).text() for row in editor.panel.rows]
    findings = editor.panel.result.findings
    assert texts and len(texts) == len(findings)
    for text, finding in zip(texts, findings):
        assert text == (f"{finding_mark_html(finding.is_blocker)} "
                        f"{html.escape(readiness.finding_message(finding, 'en'))}")
    assert any(finding_mark_html(True) in text for text in texts)
    editor.tasks.wait()
