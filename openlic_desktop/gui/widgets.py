"""Small building blocks the dialogs and tables share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.gui import palette
from openlic_desktop.support import paths

# Marks before a finding: plain symbols the usual fonts have (DejaVu on Linux, Segoe UI Symbol on Windows, macOS's
# own). An emoji such as ⛔ shows as an empty box wherever no colour-emoji font is installed (most Linux desktops).
BLOCKER_MARK, WARNING_MARK = "✖", "⚠"


def finding_mark_html(is_blocker: bool) -> str:
    """The mark of a finding for rich text: a red ✖ for a blocker, an amber ⚠ for a warning."""
    if is_blocker:
        return f'<span style="color:{palette.css(palette.error())}">{BLOCKER_MARK}</span>'
    return f'<span style="color:{palette.css(palette.warning())}">{WARNING_MARK}</span>'


def local_time(value: str | datetime | None) -> str:
    """A stored moment (ISO text or datetime; UTC when it says no zone) as local time to the minute."""
    if not value:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    except ValueError:
        return str(value)[:16].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def plain_table(parent: QWidget, name: str, headers: Sequence[str]) -> QTableWidget:
    """A read-only table of whole rows (each item's UserRole holds the row's key), headers already translated."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def selected_key(table: QTableWidget) -> Any | None:
    """The key (UserRole of the first cell) of the selected row of a plain_table, or None."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(Qt.ItemDataRole.UserRole) if item else None


def sorted_table(model, sort_column: int, name: str = "") -> QTableView:
    """A table sorted by `sort_column`, soonest or first at the top (Qt's default indicator is descending, which
    put the most urgent item at the bottom)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


def fit_columns(view: QTableView, widest: int = 420) -> None:
    """Columns as wide as their contents (numbers and titles unclipped), none wider than `widest`; the user can
    still drag them, and the last one takes the rest."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for section in range(header.count() - 1):
        if header.sectionSize(section) > widest:
            header.resizeSection(section, widest)


def plain_titles(view: QTableView) -> None:
    """Column titles drawn in the font their sections are sized by: a highlighted (bold) title is wider than the
    size hint Qt measures it with, and its end was cut off once a row was selected."""
    view.horizontalHeader().setHighlightSections(False)


def layout_settings() -> QSettings:
    """Where windows keep their sizes and column widths (beside the other settings, one file for all)."""
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def fit_columns_in_chars(view: QTableView, widths: Sequence[tuple[int, int] | str]) -> None:
    """Each column as wide as its contents and its title need, within its (least, most) in Chinese characters of
    the view's font, or exactly as wide as a sample text (a code of fixed length). Text wider than its column is
    elided by the view; its model says the whole in the tooltip."""
    header = view.horizontalHeader()
    model = view.model()
    pad = 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin, None, header) + 8
    char = QFontInfo(view.font()).pixelSize()  # a Chinese character is one em wide
    for column, width in enumerate(widths):
        title = max(header.sectionSizeHint(column), header.fontMetrics().horizontalAdvance(  # with the sort mark
            str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")) + pad)
        if isinstance(width, str):
            size = view.fontMetrics().horizontalAdvance(width) + pad
        else:
            least, most = width
            size = max(least * char + pad, min(view.sizeHintForColumn(column), most * char + pad))
        header.resizeSection(column, max(title, size))


class RememberedColumns(QObject):
    """The widths a user drags a table's columns to, kept under `key` in the layout settings: `restore()` puts
    them back (False when there are none yet), and they are saved a moment after each drag and when `closing`
    fires (a dialog's `finished`), so the next window of the kind opens as the user left it."""

    def __init__(self, view: QTableView, key: str, closing=None) -> None:
        super().__init__(view)
        self.view = view
        self.key = key
        self.user_sized = False
        self._placing = False
        self._save_soon = QTimer(self)
        self._save_soon.setSingleShot(True)
        self._save_soon.setInterval(300)  # once the drag is over, not at every pixel of it
        self._save_soon.timeout.connect(self.save)
        view.horizontalHeader().sectionResized.connect(self._resized)
        if closing is not None:
            closing.connect(self.flush)

    def restore(self) -> bool:
        stored = layout_settings().value(self.key)
        if not isinstance(stored, QByteArray) or stored.isEmpty():
            return False
        self._placing = True
        try:
            self.user_sized = self.view.horizontalHeader().restoreState(stored)
        finally:
            self._placing = False
        return self.user_sized

    def place(self, fit: Callable[[], None]) -> None:
        """Size the columns by `fit` unless the user has sized them; such placing is not the user's width."""
        if self.user_sized:
            return
        self._placing = True
        try:
            fit()
        finally:
            self._placing = False

    def _resized(self, section: int, *_args: Any) -> None:
        # the last column stretches with the window: only a border the user moves counts as their width
        if not self._placing and section < self.view.horizontalHeader().count() - 1:
            self.user_sized = True
            self._save_soon.start()

    def flush(self, *_args: Any) -> None:
        if self._save_soon.isActive():  # closed within a moment of the drag: kept all the same
            self._save_soon.stop()
            self.save()

    def save(self) -> None:
        stored = layout_settings()
        stored.setValue(self.key, self.view.horizontalHeader().saveState())
        stored.sync()


def patent_list(parent: QWidget, rows: dict, ids: Sequence[int], visible_rows: int = 4) -> QListWidget:
    """The patents a dialog acts on, one a line (ZL number and title), in a list that shows a few rows and
    scrolls: a hundred patents must not make the dialog taller than the screen."""
    lines = [f"ZL{rows[pid].application_number}  {rows[pid].title}" for pid in ids if pid in rows]
    return short_list(parent, lines, visible_rows, "patentList")


def short_list(parent: QWidget, lines: Sequence[str], visible_rows: int, name: str = "") -> QListWidget:
    """Lines to read, not to choose, in a list as tall as `visible_rows` of them (measured on the lines
    themselves: a Chinese fallback font is taller than the primary font's metrics say); more lines scroll."""
    view = QListWidget(parent)
    view.setObjectName(name)
    view.addItems(list(lines))
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    line = view.sizeHintForRow(0) if view.count() else view.fontMetrics().height() + 4
    view.setFixedHeight(min(max(view.count(), 1), visible_rows) * line + 2 * view.frameWidth() + 2)
    return view


def two_column_form(parent: QWidget, rows: Sequence[Sequence[tuple[str, QWidget]]]) -> QGridLayout:
    """Labelled fields two to a row (a long form kept short enough for the screen): each label is its field's
    buddy and its accessible name; the fields take the width."""
    grid = QGridLayout()
    for row, pairs in enumerate(rows):
        for col, (text, field) in enumerate(pairs):
            caption = QLabel(text, parent)
            caption.setBuddy(field)
            field.setAccessibleName(text)
            grid.addWidget(caption, row, col * 2)
            grid.addWidget(field, row, col * 2 + 1)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    return grid


def fill_with_scrolling(widget: QWidget, inner: QWidget) -> None:
    """Lay `inner` out in `widget` inside a frameless scroll area: a tall form scrolls instead of clipping or
    making its window taller than the screen."""
    scroll = QScrollArea(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)


def list_dialog_layout(dialog: QDialog, tools: QHBoxLayout, table: QWidget, status: QLabel) -> None:
    """The layout of a book or list window: its tools on top, the table taking the height, a status line, and
    Close."""
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(tools)
    layout.addWidget(table, 1)
    layout.addWidget(status)
    layout.addWidget(close)


def book_dialog_layout(dialog: QDialog, table: QAbstractItemView, *, title: str, search_hint: str,
                       buttons: Sequence[QPushButton]) -> tuple[QLineEdit, QLabel]:
    """The set-up every book window shares (the licensee book, the patentee book): its title; a search line that
    calls `dialog.reload()`; the table named for the book, opening `dialog.edit_current()` on a double click; the
    book's buttons beside the search; a status line that can be copied; Close (list_dialog_layout). Returns the
    search line and the status line."""
    dialog.setWindowTitle(title)
    search = QLineEdit(dialog)
    search.setPlaceholderText(search_hint)
    search.setAccessibleName(search_hint)
    search.textChanged.connect(dialog.reload)
    table.setAccessibleName(title)
    table.doubleClicked.connect(lambda _i: dialog.edit_current())
    status = QLabel(dialog)
    status.setWordWrap(True)
    status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    row = QHBoxLayout()
    row.addWidget(search, 1)
    for button in buttons:
        row.addWidget(button)
    list_dialog_layout(dialog, row, table, status)
    return search, status


def finish_form_dialog(dialog: QDialog, form: QFormLayout, on_ok: Callable[[], None]) -> QLabel:
    """Lay out a form dialog: the form, an error line (returned; stays empty until something is refused) and
    OK/Cancel, with OK calling `on_ok` (which closes the dialog itself when the input is accepted)."""
    error = QLabel()
    error.setWordWrap(True)
    error.setStyleSheet(palette.error_style())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error


class ReadOnlyRowsModel(QAbstractTableModel):
    """A read-only table over a list of plain values. Subclasses set HEADERS (English sources, each marked with
    QT_TRANSLATE_NOOP(CONTEXT, …)), CONTEXT and `data`; rows, columns, headers and flags are handled here."""

    HEADERS: tuple[str, ...] = ()
    CONTEXT = ""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def translate_header(self, text: str) -> str:
        return QCoreApplication.translate(self.CONTEXT, text) if self.CONTEXT else text

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, index: QModelIndex | QPersistentModelIndex) -> Any | None:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.translate_header(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        return section + 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
