"""The table of the Declarations view: one row per statutory declaration (plain values from services.declarations).

A few thousand rows at most (an office's declarations, not its whole portfolio), so the list is held whole and
sorted in Python. Thread rule: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from openlic_desktop.gui.widgets import ReadOnlyRowsModel
from openlic_desktop.gui.words import DECLARATION_STATES, FILING_ROUTES, word
from openlic_desktop.services.declarations import DeclarationInfo
from openlic_desktop.services.readiness import finding_message


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def lacking_text(item: DeclarationInfo, lang: str, first: int | None = None) -> str:
    """What the statutory rules still find against a declaration not yet filed, in words: all of it, or how many
    and the first `first`."""
    shown = [finding_message(f, lang) for f in item.lacking]
    if first is None or not shown:
        return "；".join(shown)
    return (QCoreApplication.translate("DeclarationsModel", "%1 to do: %2").replace("%1", str(len(shown)))
            .replace("%2", "；".join(shown[:first])))


LACKING = 3   # the column of what is still lacking (its words depend on the model's language)


COLUMNS: tuple[tuple[str, Callable[[DeclarationInfo], Any]], ...] = (
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Patent No."), lambda i: "ZL" + i.application_number),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Title"), lambda i: i.title),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "State"), lambda i: word(DECLARATION_STATES, i.state.value)),
    (QT_TRANSLATE_NOOP("DeclarationsModel", "Still lacking"), lambda i: len(i.lacking)),
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

    def __init__(self, parent=None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.lang = lang   # the findings' words (services.readiness.finding_message)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index)
        if item is None or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == LACKING:
                return lacking_text(item, self.lang, first=1)
            return COLUMNS[index.column()][1](item)
        if role == self.PATENT_ID_ROLE:
            return item.patent_id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return item.title
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == LACKING and item.lacking:
            return "\n".join(finding_message(f, self.lang) for f in item.lacking)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        getter = COLUMNS[column][1]

        def key(item: DeclarationInfo):
            if column == 2:
                return _STATE_ORDER.get(item.state.value, 99)
            if column == LACKING:
                return len(item.lacking)
            return str(getter(item) or "")

        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def patent_ids(self, rows: list[int]) -> list[int]:
        return [self._rows[r].patent_id for r in rows if 0 <= r < len(self._rows)]
