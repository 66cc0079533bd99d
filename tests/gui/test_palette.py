"""Colours readable in light and dark mode: the few the GUI adds come from gui/palette.py, in a shade picked for
the background of the palette in use, and no other module writes a colour of its own."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from openlic_desktop.gui import palette

GUI = Path(__file__).resolve().parents[2] / "openlic_desktop" / "gui"


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_shades_follow_the_background(qapp):
    original = qapp.palette()
    try:
        for base in ("#ffffff", "#1e1e1e"):
            custom = QPalette(original)
            custom.setColor(QPalette.ColorRole.Base, QColor(base))
            custom.setColor(QPalette.ColorRole.Window, QColor(base))
            QGuiApplication.setPalette(custom)
            assert palette.dark() == (base == "#1e1e1e")
            for colour in (palette.error(), palette.warning(), palette.ok()):
                assert _contrast(colour, QColor(base)) >= 4.5, (base, colour.name())  # readable text (WCAG AA)
    finally:
        QGuiApplication.setPalette(original)


def test_no_colour_is_written_outside_the_palette():
    found = []
    for path in GUI.rglob("*.py"):
        if path.name == "palette.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"#[0-9a-fA-F]{6}\b|QColor\(\s*[\"']|Qt\.GlobalColor|color:\s*(?:red|gray|grey|black)", line):
                found.append(f"{path.relative_to(GUI)}:{number}: {line.strip()}")
    assert found == []
