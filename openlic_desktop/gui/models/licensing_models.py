"""Table models for the licensee book, the licences reached and the deadlines.

Each holds a short list of plain values from `services.licensing` (hundreds of rows, not 100,000: sorting in
Python is fine here) and is refreshed by `set_items`. Thread rule: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from openlic_desktop.gui import palette
from openlic_desktop.gui.words import SIZES, word

if TYPE_CHECKING:  # the services behind these pull in the contract tools: imported when a dialog opens
    from openlic_desktop.services.licensing.deadlines import Deadline

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


class _ListModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of values; columns are (title, getter) pairs, each title an English source
    marked with QT_TRANSLATE_NOOP("LicensingModels", …) and translated when shown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def columns(self) -> list[tuple[str, Callable[[T], Any]]]:
        raise NotImplementedError

    # --- data ------------------------------------------------------------------------------------------------
    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items) or index.column() >= self.columnCount():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(self.columns()[index.column()][1](item))
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole of a name or address its column cuts short
            return _text(self.columns()[index.column()][1](item)) or None
        if role == Qt.ItemDataRole.UserRole:
            return self.columns()[index.column()][1](item)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:  # counts, days and amounts right-aligned: their digits line up
            value = self.columns()[index.column()][1](item)
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def foreground(self, item: T) -> QBrush | None:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            cols = self.columns()
            return QCoreApplication.translate("LicensingModels", cols[section][0]) if 0 <= section < len(cols) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort(column, order)
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        getter = self.columns()[column][1]

        def key(item: T):
            value = getter(item)
            return (value is None, value if isinstance(value, (int, Decimal, date)) else _text(value))

        try:
            self._items.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        except TypeError:  # mixed kinds in one column: compare as text
            self._items.sort(key=lambda i: _text(getter(i)), reverse=order == Qt.SortOrder.DescendingOrder)


class LicenseeModel(_ListModel["LicenseeRecord"]):
    # the columns' widths (gui.widgets.fit_columns_in_chars), least and most in Chinese characters, the code as
    # wide as an 18-character one: a company's full name, its code, representative and contact whole; a longer
    # name or address elided with the whole in its tooltip; size and licences as wide as their titles
    WIDTHS: tuple[tuple[int, int] | str, ...] = (
        (6, 18), "91350100MA00000000", (3, 5), (5, 12), (6, 14), (2, 3), (2, 2))

    def columns(self):
        return [
            (QT_TRANSLATE_NOOP("LicensingModels", "Name"), lambda r: r.name),
            (QT_TRANSLATE_NOOP("LicensingModels", "USCC / ID No."), lambda r: r.identifier),
            (QT_TRANSLATE_NOOP("LicensingModels", "Legal representative"), lambda r: r.legal_representative),
            (QT_TRANSLATE_NOOP("LicensingModels", "Contact"), lambda r: r.contact),
            (QT_TRANSLATE_NOOP("LicensingModels", "Address"), lambda r: r.address),
            (QT_TRANSLATE_NOOP("LicensingModels", "Size"), lambda r: word(SIZES, r.size) if r.size else ""),
            (QT_TRANSLATE_NOOP("LicensingModels", "Licences"), lambda r: r.licences),
        ]


class LicenceModel(_ListModel["LicenceRecord"]):
    def __init__(self, parent=None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.lang = lang

    def columns(self):
        return [
            (QT_TRANSLATE_NOOP("LicensingModels", "Patent No."), lambda r: "ZL" + r.application_number),
            (QT_TRANSLATE_NOOP("LicensingModels", "Title"), lambda r: r.title),
            (QT_TRANSLATE_NOOP("LicensingModels", "Licensee"), lambda r: r.licensee),
            (QT_TRANSLATE_NOOP("LicensingModels", "Effective"), lambda r: r.effective_date),
            (QT_TRANSLATE_NOOP("LicensingModels", "Terms"), lambda r: r.terms.summary(self.lang)),
            (QT_TRANSLATE_NOOP("LicensingModels", "Term ends"), lambda r: r.term_end),
            (QT_TRANSLATE_NOOP("LicensingModels", "Record by"), lambda r: r.recording_deadline),
            (QT_TRANSLATE_NOOP("LicensingModels", "Recorded"), lambda r: r.recorded_on),
            (QT_TRANSLATE_NOOP("LicensingModels", "Due (CNY)"), lambda r: r.amount_due),
            (QT_TRANSLATE_NOOP("LicensingModels", "Received (CNY)"), lambda r: r.amount_received),
        ]


class DeadlineModel(_ListModel["Deadline"]):
    def __init__(self, parent=None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.lang = lang

    def columns(self):
        return [
            (QT_TRANSLATE_NOOP("LicensingModels", "Due"), lambda d: d.due),
            (QT_TRANSLATE_NOOP("LicensingModels", "Days left"), lambda d: d.days_left),
            (QT_TRANSLATE_NOOP("LicensingModels", "What"), lambda d: d.label(self.lang)),
            (QT_TRANSLATE_NOOP("LicensingModels", "Patent No."), lambda d: "ZL" + d.application_number),
            (QT_TRANSLATE_NOOP("LicensingModels", "Title"), lambda d: d.title),
            (QT_TRANSLATE_NOOP("LicensingModels", "Licensee"), lambda d: d.licensee),
            (QT_TRANSLATE_NOOP("LicensingModels", "Amount (CNY)"), lambda d: d.amount),
            # in words from the service (why a patent lapsed, a fee's kind), the same text the export writes
            (QT_TRANSLATE_NOOP("LicensingModels", "Detail"), lambda d: d.detail),
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if (item is not None and item.lapsed and index.column() == 1
                and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)):
            return item.left_words(self.lang)  # no days to count: the patent lapsed
        return super().data(index, role)

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        super()._apply_sort(column, order)
        self._items.sort(key=lambda d: d.lapsed)  # stable: in either order the lapsed patents come after the actions

    def foreground(self, item: Deadline):
        if item.lapsed:  # a fact, not a late action: not in the colour of the overdue
            return None
        if item.overdue:
            return QBrush(palette.error())
        if item.days_left <= 30:
            return QBrush(palette.warning())
        return None
