"""Walking the GUI's windows: what a window shows as text, what of it is not Chinese, what is clipped, and a
picture of it.

`visible_texts(top)` collects what a user reads: window titles, labels, buttons, group and tab titles, place-
holders, combo entries, table headers and the first rows of every table, list items, menus, wizard titles and
buttons, read-only text panes. `not_chinese(text)` says whether a text is one a Chinese user could not read: after
taking out what is allowed in any language (numbers, dates, patent numbers, file names and paths, e-mail
addresses and URLs, a short list of product and format names), no Latin word of two letters or more may remain.
That catches an English sentence and also half-translated text ("已登记：pledge", "缺少：mode").

`clipped(top)` lists the widgets a user cannot read whole: a window larger than a 1366×768 screen, a label or
button narrower (or a wrapped label lower) than its text, a table header narrower than its title.

`lone_tails(top)` lists the wrapped labels of prose (plain, or rich with inline marks only) whose last line holds only a character or two (punctuation aside): a
word left alone under a full line reads as an accident; reword or resize.

`odd_dates(top)` lists the date fields that do not show dates as the rest of the application does (2026-12-07;
the platform's default reads "7 12 2026").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)

# a screen this office software must fit on: the common 1366×768 laptop less a taskbar and the title bar
MAX_WIDTH, MAX_HEIGHT = 1366, 768 - 40 - 30

ALLOWED_WORDS = {
    # product, format and protocol names, the same in Chinese text
    "OpenLic", "Desktop", "Excel", "WPS", "Word", "PDF", "OFD", "JPEG", "PNG", "CSV", "SMTP", "SSL", "TLS",
    "STARTTLS", "IPC", "SHA", "LibreOffice", "UTF", "GBK", "GB", "SQLite", "PostgreSQL", "xlsx", "xlsm", "xls",
    "ods", "csv", "txt", "tsv", "docx", "pdf", "ofd", "jpg", "jpeg", "png", "eml", "zip", "sqlite3", "sqlite", "db",
    "ini", "json", "toml", "CNY", "ZL", "CN", "Linux", "Windows", "macOS", "fonts", "noto", "cjk", "Qt",
    # each language is named in its own language (Tools → Language)
    "English",
    # data, not wording: the user names the shared test helpers sign off with (tests/unit/packages_helpers.py),
    # and the one tests/conftest.py's `ws` records as (a demo patent's History: who made the demo portfolio)
    "alice", "bob", "tester",
}
_ALLOWED = [
    re.compile(r"https?://\S+"),
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    re.compile(r"(?:[A-Za-z]:)?[\\/][^\s，。；、）)]*"),            # paths
    re.compile(r"[\w\u4e00-\u9fff().-]+\.(?:xlsx|xlsm|xls|ods|csv|txt|docx|pdf|zip|eml|sqlite3|png|json)\b", re.IGNORECASE),
    re.compile(r"\b[0-9A-Z]{15,18}\b"),                           # unified social credit codes
    re.compile(r"\b[0-9A-Z]+(?:-[0-9A-Z]+)+\b"),                   # a code or number as typed (2021-ABC)
    re.compile(r"\b\d+(?:\.\d+)?\s?(?:KB|MB|GB)\b"),                 # file sizes
    re.compile(r"\b(?:ZL|CN)?\s?\d[\d .X]*\b"),                   # numbers, patent numbers
    re.compile(r"\b[C]\d\b"),                                      # commitment item numbers shown beside their words
    re.compile(r"\b[A-Z]{1,3}\d+\b"),                              # spreadsheet cells, report numbers
    re.compile(r"%\d"),
    re.compile(r"\b[0-9a-f]{8,}\b"),                              # a SHA-256 shown where it is asked for
]
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def not_chinese(text: str) -> bool:
    """A text a Chinese reader could not read (see the module's note)."""
    rest = text.replace("&&", "&").replace("&", "")
    for pattern in _ALLOWED:
        rest = pattern.sub(" ", rest)
    return any(word not in ALLOWED_WORDS for word in _LATIN_WORD.findall(rest))


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) or widget is top


TABLE_ROWS = 40  # rows of each table read: the data a user sees first


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where, menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield f"{where} → {action.text()}", action.text()
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} → {action.text()}")


def _view_texts(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    header = getattr(view, "horizontalHeader", lambda: None)()
    for column in range(model.columnCount()):
        if header is not None and header.isSectionHidden(column):
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if title:
            yield f"{where} header {column}", str(title)
    for row in range(min(model.rowCount(), TABLE_ROWS)):
        for column in range(model.columnCount()):
            value = model.index(row, column, QModelIndex()).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str) and value:
                yield f"{where} cell {row},{column}", value


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything `top` shows as text (see the module's note)."""
    out: list[tuple[str, str]] = [(f"{type(top).__name__} title", top.windowTitle())]
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            if action.menu() is not None:
                out.extend(_menu_texts(action.menu(), "menu"))
    if isinstance(top, QWizard):
        page = top.currentPage()
        if page is not None:
            out += [("wizard page title", _plain(page.title())), ("wizard page subtitle", _plain(page.subTitle()))]
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton,
                      QWizard.WizardButton.CancelButton):
            button = top.button(which)
            if button is not None and button.isVisible():
                out.append((f"wizard button {which.name}", button.text()))
    for widget in [top, *top.findChildren(QWidget)]:
        if not _shown(widget, top):
            continue
        name = f"{type(widget).__name__}({widget.objectName()})"
        if widget.objectName() in NOT_WALKED:
            continue
        if isinstance(widget, QLabel):
            out.append((name, _plain(widget.text())))
        elif isinstance(widget, QAbstractButton):
            out.append((name, widget.text()))
        elif isinstance(widget, QGroupBox):
            out.append((name, widget.title()))
        elif isinstance(widget, QTabWidget):
            out += [(f"{name} tab {i}", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            out.append((f"{name} placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            out += [(f"{name} item {i}", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QSpinBox):
            out += [(f"{name} suffix", widget.suffix()), (f"{name} prefix", widget.prefix()),
                    (f"{name} special", widget.specialValueText())]
        elif isinstance(widget, QListWidget):
            out += [(f"{name} item {i}", widget.item(i).text()) for i in range(min(widget.count(), TABLE_ROWS))]
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            out.extend(_view_texts(widget, name))
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)) and widget.isReadOnly():
            out += [(f"{name} line", line) for line in widget.toPlainText().splitlines()]
    return [(where, text) for where, text in out if text and text.strip()]


# panes whose text is not the GUI's wording: the guide (commands and file names in Chinese prose, checked by its
# own test), a crash report (a Python traceback, meant for whoever supports the office) and the third-party notices
# (licence texts are legal texts, shown as their authors wrote them)
NOT_WALKED = {"guideBrowser", "crashReport", "thirdPartyNotices"}


def english(top: QWidget) -> list[tuple[str, str]]:
    return [(where, text) for where, text in visible_texts(top) if not_chinese(text)]


def clipped(top: QWidget) -> list[str]:
    """Widgets of `top` a user cannot read whole (see the module's note)."""
    problems = []
    if top.isWindow() and (top.width() > MAX_WIDTH or top.height() > MAX_HEIGHT):
        problems.append(f"{type(top).__name__} is {top.width()}×{top.height()}, larger than {MAX_WIDTH}×{MAX_HEIGHT}")
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.objectName() in NOT_WALKED:
            continue
        name = f"{type(widget).__name__}({widget.objectName() or getattr(widget, 'text', lambda: '')()})"
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 1:
                    problems.append(f"{name}: {widget.height()} px high, its lines need {need}")
            elif widget.width() + 1 < widget.minimumSizeHint().width():
                problems.append(f"{name}: {widget.width()} px wide, its text needs {widget.minimumSizeHint().width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() + 1 < widget.minimumSizeHint().width():
                problems.append(f"{name}: {widget.width()} px wide, its text needs {widget.minimumSizeHint().width()}")
        elif isinstance(widget, QAbstractSpinBox):
            if widget.width() + 1 < widget.minimumSizeHint().width():
                problems.append(f"{name}: {widget.width()} px wide, its value needs {widget.minimumSizeHint().width()}")
        elif isinstance(widget, (QLineEdit, QComboBox)) and widget.objectName() != "qt_spinbox_lineedit":
            if widget.width() + 1 < min(widget.sizeHint().width(), 120):
                problems.append(f"{name}: {widget.width()} px wide, too narrow to read")
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            header = getattr(widget, "horizontalHeader", lambda: None)()
            model = widget.model()
            if header is None or model is None or not header.isVisible():
                continue
            for section in range(header.count()):
                if header.isSectionHidden(section):
                    continue
                title = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                if not title:
                    continue
                need = header.fontMetrics().horizontalAdvance(str(title)) + 2 * header.style().pixelMetric(
                    header.style().PixelMetric.PM_HeaderMargin, None, header)
                if header.sectionSize(section) + 1 < need:
                    problems.append(f"{name} column “{title}”: {header.sectionSize(section)} px wide, needs {need}")
    return problems


def save_picture(widget: QWidget, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    widget.grab().save(str(path), "PNG")
    return path


def unnamed(top: QWidget) -> list[str]:
    """Controls a screen reader cannot name: an input, list or table with neither an accessible name nor a
    label pointing at it (a form's label is its buddy), nor its own text (a button, a check box)."""
    buddies = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None}
    problems = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.objectName() in NOT_WALKED:
            continue
        if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
            continue  # Qt's own parts (a spin box's line edit, a scroll area's viewport…)
        if isinstance(widget, QAbstractButton):
            if not widget.text() and not widget.accessibleName():
                problems.append(f"{type(widget).__name__}({widget.objectName()}) has no text")
            continue
        if not isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit,
                                   QAbstractItemView)):
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin box or an editable combo box: its owner is named
        if widget.accessibleName() or id(widget) in buddies:
            continue
        problems.append(f"{type(widget).__name__}({widget.objectName()}) has no accessible name")
    return problems


def odd_dates(top: QWidget) -> list[str]:
    """Visible date fields whose display format is not yyyy-MM-dd."""
    return [f"{type(w).__name__}({w.objectName() or w.accessibleName()}) shows dates as {w.displayFormat()!r}"
            for w in top.findChildren(QDateEdit) if w.isVisibleTo(top) and w.displayFormat() != "yyyy-MM-dd"]


def label_lines(label: QLabel) -> list[str]:
    """The lines a word-wrapped label shows its plain text in, at its present width."""
    lines: list[str] = []
    for paragraph in _plain(label.text()).splitlines():  # a coloured mark's markup takes no room
        layout = QTextLayout(paragraph, label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(label.contentsRect().width())
            lines.append(paragraph[line.textStart():line.textStart() + line.textLength()].strip())
        layout.endLayout()
    return lines


_BLOCKS = re.compile(r"<(?:p|br|li|ul|ol|table|tr|div|h\d)\b", re.IGNORECASE)
PUNCTUATION = re.compile(r"[\s。，、；：！？…“”（）.,;:!?()\"]")


def lone_tails(top: QWidget) -> list[str]:
    """Word-wrapped labels of `top` whose last line holds only one or two characters (its punctuation aside)."""
    problems = []
    for label in top.findChildren(QLabel):
        if not label.isVisibleTo(top) or not label.wordWrap() or not label.text() or _BLOCKS.search(label.text()):
            continue  # prose only: a rich-text label with paragraphs, breaks, lists or tables lays them out itself
        lines = label_lines(label)
        if len(lines) > 1 and len(PUNCTUATION.sub("", lines[-1])) <= 2:
            problems.append(f"{label.text()!r} ends on a line of its own: {lines[-1]!r} ({lines})")
    return problems
