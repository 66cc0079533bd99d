"""The table of the Declarations view: one row per statutory declaration (plain values from services.declarations).

A few thousand rows at most (an office's declarations, not its whole portfolio), so the list is held whole and
sorted in Python. Thread rule: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt

from openlic_desktop.gui.widgets import ReadOnlyRowsModel
from openlic_desktop.gui.words import DECLARATION_STATES, FILING_ROUTES, word
from openlic_desktop.services.declarations import DeclarationInfo


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


COLUMNS: tuple[tuple[str, Callable[[DeclarationInfo], Any]], ...] = (
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Patent No."), lambda i: "ZL" + i.application_number),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Title"), lambda i: i.title),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "State"), lambda i: word(DECLARATION_STATES, i.state.value)),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Filed on"), lambda i: _day(i.value.filed_on)),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Route"), lambda i: word(FILING_ROUTES, i.value.route or None)),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Reference"), lambda i: i.value.reference),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Announced on"), lambda i: _day(i.value.announced_on)),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Announcement"), lambda i: i.value.announcement),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Withdrawn on"), lambda i: _day(i.value.withdrawn_on)),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "From pilot batch"), lambda i: i.value.source_batch),
)
# the state's position in the life of a declaration, so that sorting by state follows it
_STATE_ORDER = {state: n for n, state in enumerate(DECLARATION_STATES)}


class DeclarationsModel(ReadOnlyRowsModel):
    HEADERS = tuple(title for title, _getter in COLUMNS)
    CONTEXT = "DeclarationsModel"
    PATENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index)
        if item is None or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](item)
        if role == self.PATENT_ID_ROLE:
            return item.patent_id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return item.title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        getter = COLUMNS[column][1]

        def key(item: DeclarationInfo):
            if column == 2:
                return _STATE_ORDER.get(item.state.value, 99)
            return str(getter(item) or "")

        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def patent_ids(self, rows: list[int]) -> list[int]:
        return [self._rows[r].patent_id for r in rows if 0 <= r < len(self._rows)]
