"""Help → User guide (F1): the Chinese guide shipped with the resources, rendered from Markdown, opened at the top.
Thread rule: GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from openlic_desktop.support import paths

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls


def guide_path() -> Path:
    """The Chinese user guide, shipped with the other resources."""
    return paths.resources_dir() / "guide" / "guide_zh.md"


class GuideDialog(QDialog):
    """The Chinese user guide, rendered from Markdown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(translate("Welcome", "User guide"))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        path = guide_path()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            missing = translate("Welcome", "The guide is missing from this installation: %1")
            self.browser.setPlainText(missing.replace("%1", str(path)))
        else:
            self.browser.document().setMarkdown(text)
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)  # open at the top, not where layout left it
        layout.addWidget(self.browser)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(760, 640)
