"""First start: the welcome dialog (demo / import my spreadsheet / open a database), the office's details and
the guide.

`WelcomeDialog` only records the user's choice; `first_start.py` acts on it. `OfficeDialog` edits
`settings.Office` (asked once at first start, later from Tools → Office details…). `GuideDialog` shows
`resources/guide/guide_zh.md` rendered from Markdown. Thread rule: GUI thread only.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap, QTextCursor
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.support import paths, settings

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls

CHOICE_DEMO, CHOICE_IMPORT, CHOICE_OPEN, CHOICE_LATER = "demo", "import", "open", "later"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
             QT_TRANSLATE_NOOP("Welcome", "Your office's patent list in Excel (xlsx, xls) or CSV.")),
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


class OfficeDialog(QDialog):
    """Edits the office's details; `save()` writes them to the settings file (done on OK)."""

    FIELDS = (
        ("name", QT_TRANSLATE_NOOP("Welcome", "Office name")),
        ("address", QT_TRANSLATE_NOOP("Welcome", "Address")),
        ("contact_person", QT_TRANSLATE_NOOP("Welcome", "Contact person")),
        ("contact_phone", QT_TRANSLATE_NOOP("Welcome", "Phone")),
        ("contact_email", QT_TRANSLATE_NOOP("Welcome", "E-mail")),
        ("seal_holder", QT_TRANSLATE_NOOP("Welcome", "Seal holder")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeDialog")
        self.setWindowTitle(translate("Welcome", "Office details"))
        layout = QVBoxLayout(self)
        note = QLabel(translate(
            "Welcome",
            "These details go into the information tables, commitment letters and contracts. You can change them later "
            "under Tools → Office details…."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        office = settings.load().office
        self.edits: dict[str, QLineEdit] = {}
        for key, label in self.FIELDS:
            edit = QLineEdit(getattr(office, key), self)
            edit.setObjectName(f"office_{key}")
            edit.setMaxLength(200)
            form.addRow(_t(label), edit)
            self.edits[key] = edit
        self.edits["name"].setPlaceholderText(
            translate("Welcome", "e.g. Technology Transfer Centre, Zhejiang University"))
        layout.addLayout(form)
        buttons = QDialogButtonBox.StandardButton
        self.button_box = QDialogButtonBox(buttons.Ok | buttons.Cancel, self)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        self.setMinimumWidth(480)

    def values(self) -> settings.Office:
        return settings.Office(**{key: " ".join(edit.text().split()) for key, edit in self.edits.items()})

    def problem(self) -> str | None:
        email = self.values().contact_email
        if email and not EMAIL.match(email):
            text = translate("Welcome", "The e-mail address does not look right: %1")
            return text.replace("%1", email)
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            QMessageBox.warning(self, translate("Welcome", "Office details"), problem)
            self.edits["contact_email"].setFocus()
            return
        self.save()
        super().accept()

    def save(self) -> None:
        prefs = settings.load()
        prefs.office = self.values()
        settings.save(prefs)


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
