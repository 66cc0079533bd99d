"""The welcome dialog of the first start: the demo portfolio, importing my spreadsheet, or opening a database.

It only records the user's choice; `first_start.py` acts on it. Thread rule: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.support import paths

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls

CHOICE_DEMO, CHOICE_IMPORT, CHOICE_OPEN, CHOICE_LATER = "demo", "import", "open", "later"


def _t(text: str) -> str:
    """Translate a string marked elsewhere with QT_TRANSLATE_NOOP (lupdate only sees literal calls)."""
    return translate("Welcome", text)


def app_icon() -> QIcon:
    return QIcon(str(paths.resources_dir() / "icons" / "openlic.png"))


class WelcomeDialog(QDialog):
    """Three ways to begin; `choice` holds which one was taken (CHOICE_LATER if the dialog was just closed), and
    `chosen(choice)` is emitted when the dialog closes. Slots are bound methods, so no lambda keeps it alive."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(translate("Welcome", "Welcome to OpenLic Desktop"))
        self.choice = CHOICE_LATER
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        logo = QLabel(self)
        pixmap = QPixmap(str(paths.resources_dir() / "icons" / "openlic-256.png"))
        if not pixmap.isNull():
            logo.setPixmap(pixmap.scaled(72, 72, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        heading = translate("Welcome", "Welcome to OpenLic Desktop")
        title = QLabel(f"<h2>{heading}</h2>", self)
        head.addWidget(title, 1)
        layout.addLayout(head)
        intro = QLabel(translate(
            "Welcome",
            "OpenLic Desktop helps your office list its patents, check which can be offered for open licensing, set the "
            "fees, and prepare the submission to the provincial IP bureau. Everything stays in one database file on "
            "this computer. How would you like to start?"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons: dict[str, QCommandLinkButton] = {}
        for choice, text, detail in (
            (CHOICE_DEMO, QT_TRANSLATE_NOOP("Welcome", "Open the demo portfolio"),
             QT_TRANSLATE_NOOP("Welcome", "300 made-up patents to look around safely.")),
            (CHOICE_IMPORT, QT_TRANSLATE_NOOP("Welcome", "Import my spreadsheet"),
             QT_TRANSLATE_NOOP("Welcome", "Your office's patent list in Excel (xlsx, xls), WPS or LibreOffice (ods), or CSV.")),
            (CHOICE_OPEN, QT_TRANSLATE_NOOP("Welcome", "Open a database"),
             QT_TRANSLATE_NOOP("Welcome", "A database file saved earlier or handed over by a colleague.")),
        ):
            button = QCommandLinkButton(_t(text), _t(detail), self)
            button.setObjectName(f"welcome_{choice}")
            button.setProperty("choice", choice)
            button.clicked.connect(self._on_button)
            layout.addWidget(button)
            self.buttons[choice] = button
        later = QDialogButtonBox(self)
        later_button = later.addButton(translate("Welcome", "Later"),
                                       QDialogButtonBox.ButtonRole.RejectRole)
        later_button.setObjectName("welcome_later")
        later.rejected.connect(self.reject)
        layout.addWidget(later)
        self.setMinimumWidth(520)

    def _on_button(self) -> None:
        self.choose(self.sender().property("choice"))

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def done(self, result: int) -> None:
        super().done(result)
        self.chosen.emit(self.choice)
