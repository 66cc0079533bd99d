"""The portfolio table: a thin QAbstractTableModel over ids that the database filtered and sorted.

The model holds the ordered id list for the current filter (cheap even for 100,000 patents) and fetches the
visible rows a page at a time into a small cache. Sorting and filtering are new id queries, never a proxy model.
Thread rule: GUI thread only; queries are short reads on the workspace.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from openlic_desktop.gui.words import PATENT_TYPES, STATUSES, word
from openlic_desktop.services import portfolio
from openlic_desktop.services.portfolio import PatentRow

PAGE = 200
MAX_CACHED_PAGES = 50

@dataclass(frozen=True)
class Column:
    """A table column. `header` is the English source marked where it is written with
    QT_TRANSLATE_NOOP(context, "…"), so that lupdate files it under `context`; it is translated when shown."""

    key: str                      # sort key understood by services.portfolio (or "" if not sortable)
    header: str                   # English source text, marked with QT_TRANSLATE_NOOP(context, …)
    value: Callable[[PatentRow, date], Any] | None = None  # for built-in columns
    fetch: Callable[[Any, Sequence[int]], dict[int, str]] | None = None  # extra columns: (ws, ids) -> texts
    sortable: bool = True
    context: str = "PortfolioModel"

    def title(self) -> str:
        return QCoreApplication.translate(self.context, self.header)


BASE_COLUMNS: list[Column] = [
    Column("application_number", QT_TRANSLATE_NOOP("PortfolioModel", "Application No."),
           lambda r, t: r.application_number),
    Column("title", QT_TRANSLATE_NOOP("PortfolioModel", "Title"), lambda r, t: r.title),
    Column("type", QT_TRANSLATE_NOOP("PortfolioModel", "Type"), lambda r, t: word(PATENT_TYPES, r.patent_type)),
    Column("patentees", QT_TRANSLATE_NOOP("PortfolioModel", "Patentees"), lambda r, t: r.patentees),
    Column("filing_date", QT_TRANSLATE_NOOP("PortfolioModel", "Filing date"),
           lambda r, t: r.filing_date.isoformat() if r.filing_date else ""),
    Column("expiry_date", QT_TRANSLATE_NOOP("PortfolioModel", "Last day in force"),
           lambda r, t: r.expiry_date.isoformat() if r.expiry_date else ""),
    Column("status", QT_TRANSLATE_NOOP("PortfolioModel", "Status"), lambda r, t: word(STATUSES, r.effective_status(t))),
]

EXTRA_COLUMNS: list[Column] = []


def register_column(column: Column) -> None:
    """Features add columns (readiness, pricing…) computed per page by `column.fetch(ws, ids)`."""
    if all(c.header != column.header for c in EXTRA_COLUMNS):
        EXTRA_COLUMNS.append(column)


def row_runs(rows: list[int]) -> Iterator[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows."""
    start = prev = None
    for row in rows:
        if start is None:
            start = prev = row
        elif row == prev + 1:
            prev = row
        else:
            yield start, prev
            start = prev = row
    if start is not None:
        yield start, prev


class PortfolioModel(QAbstractTableModel):
    """Rows = ids of the current query; data fetched per page of 200 rows."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.ws = None
        self.columns: list[Column] = list(BASE_COLUMNS) + list(EXTRA_COLUMNS)
        self._ids: list[int] = []
        self._rows_by_id: dict[int, int] | None = None
        self._pages: OrderedDict[int, dict[int, PatentRow]] = OrderedDict()
        self._extra: dict[tuple[int, str], dict[int, str]] = {}
        self.search = ""
        self.patent_type: str | None = None
        self.status: str | None = None
        self.restrict_to: list[int] | None = None
        self.sort_key = "application_number"
        self.descending = False
        self.today = date.today()

    # --- queries -------------------------------------------------------------------------------------------
    def set_workspace(self, ws) -> None:
        self.ws = ws
        self.reload()

    def set_filter(self, search: str | None = None, patent_type: str | None = "", status: str | None = "") -> None:
        if search is not None:
            self.search = search
        if patent_type != "":
            self.patent_type = patent_type
        if status != "":
            self.status = status
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.columns = list(BASE_COLUMNS) + list(EXTRA_COLUMNS)
        self._pages.clear()
        self._extra.clear()
        self.today = date.today()
        if self.ws is None:
            self._ids = []
        else:
            self._ids = portfolio.query_ids(self.ws, self.search, self.patent_type, self.status, self.sort_key,
                                            self.descending, self.restrict_to)
        self._rows_by_id = None
        self.endResetModel()

    def refresh_rows(self, patent_ids: Iterable[int] | None = None) -> None:
        """Drop the cached data of these patents' rows (all rows when None) and redraw just those rows, without
        re-querying the ids: the rows stay where they are and so does the selection."""
        if patent_ids is None:
            self._pages.clear()
            self._extra.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))
            return
        rows = sorted(r for r in (self.row_of(pid) for pid in patent_ids) if r >= 0)
        pages = {r // PAGE for r in rows}
        for page_no in pages:
            self._pages.pop(page_no, None)
        for key in [k for k in self._extra if k[0] in pages]:
            del self._extra[key]
        last = len(self.columns) - 1
        for first, end in row_runs(rows):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, patent_id: int) -> int:
        if self._rows_by_id is None:  # built on first use after a query: 100,000 ids take a few milliseconds
            self._rows_by_id = {pid: row for row, pid in enumerate(self._ids)}
        return self._rows_by_id.get(patent_id, -1)

    def rows_of(self, patent_ids: Iterable[int]) -> list[int]:
        return sorted(r for r in (self.row_of(pid) for pid in patent_ids) if r >= 0)

    def number_of(self, patent_id: int) -> str:
        """The application number of a patent shown (from the row cache; '' when its page is not loaded)."""
        row = self.row_of(patent_id)
        if row < 0:
            return ""
        page = self._pages.get(row // PAGE)
        record = page.get(patent_id) if page is not None else None
        return record.application_number if record is not None else ""

    def _page(self, row: int) -> dict[int, PatentRow]:
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE:(page_no + 1) * PAGE]
            page = portfolio.rows(self.ws, ids) if self.ws is not None else {}
            self._pages[page_no] = page
            if len(self._pages) > MAX_CACHED_PAGES:
                old, _ = self._pages.popitem(last=False)
                for key in [k for k in self._extra if k[0] == old]:
                    del self._extra[key]
        else:
            self._pages.move_to_end(page_no)
        return page

    def _extra_value(self, row: int, column: Column) -> str:
        page_no = row // PAGE
        key = (page_no, column.header)
        values = self._extra.get(key)
        if values is None:
            ids = self._ids[page_no * PAGE:(page_no + 1) * PAGE]
            values = column.fetch(self.ws, ids) if (column.fetch and self.ws is not None) else {}
            self._extra[key] = values
        return values.get(self._ids[row], "")

    # --- Qt model interface -------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        row, column = index.row(), self.columns[index.column()]
        if role == self.ID_ROLE:
            return self._ids[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column.value is not None:
                record = self._page(row).get(self._ids[row])
                if record is None:
                    return None
                return column.value(record, self.today)
            return self._extra_value(row, column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                return self.columns[section].title()
            return None
        return section + 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or not self.columns[column].sortable or not self.columns[column].key:
            return
        self.sort_key = self.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self._ids = (portfolio.query_ids(self.ws, self.search, self.patent_type, self.status, self.sort_key,
                                         self.descending, self.restrict_to) if self.ws else [])
        self._rows_by_id = None
        self._pages.clear()
        self._extra.clear()
        self.changePersistentIndexList(self.persistentIndexList(), [QModelIndex()] * len(self.persistentIndexList()))
        self.layoutChanged.emit()
