"""Help → About: the version, the open database, and the third-party notices (Qt's LGPL among them).

The notices come from support/notices.py: the file the frozen build wrote, or worked out from the installed
distributions' metadata; they are read when their tab is first shown, and shown as written (licence texts are legal
texts in their own language). Thread rule: GUI thread only.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop import __version__
from openlic_desktop.support import notices


class AboutDialog(QDialog):
    """The About box: one tab about the program, one with the third-party notices."""

    def __init__(self, parent: QWidget | None, database: str) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About OpenLic Desktop"))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)

        lines = [self.tr("OpenLic Desktop"), self.tr("Version %1").replace("%1", __version__),
                 self.tr("Desktop tool for preparing patent open-licensing submissions to provincial IP bureaus."),
                 self.tr("Database: %1").replace("%1", database),
                 self.tr("This program uses Qt and other software by others under their own licences; the tab "
                         "Third-party licences lists them with their licence texts.")]
        self.about_text = QLabel(self)
        self.about_text.setObjectName("aboutText")
        self.about_text.setWordWrap(True)
        self.about_text.setTextFormat(Qt.TextFormat.RichText)
        self.about_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.about_text.setText(f"<h3>{html.escape(lines[0])}</h3>"
                                + "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:]))
        self.tabs.addTab(self.about_text, self.tr("About"))

        self.notices = QPlainTextEdit(self)
        self.notices.setObjectName("thirdPartyNotices")
        self.notices.setReadOnly(True)
        self.notices.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tabs.addTab(self.notices, self.tr("Third-party licences"))
        self.tabs.currentChanged.connect(self._load_notices)

        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(760, 520)

    def _load_notices(self, index: int) -> None:
        if self.tabs.widget(index) is self.notices and not self.notices.toPlainText():
            self.notices.setPlainText(notices.notices_text())
