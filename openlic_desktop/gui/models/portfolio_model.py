"""The portfolio table: a thin QAbstractTableModel over ids that the database filtered and sorted.

The model holds the ordered id list for the current filter (cheap even for 100,000 patents) and fetches the
visible rows a page at a time into a small cache. Sorting and filtering are new id queries, never a proxy model.
Thread rule: GUI thread only; queries are short reads on the workspace.
"""

from __future__ import annotations

import logging
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
    QTimer,
    Signal,
)

from openlic_desktop.gui.tasks import TaskRunner
from openlic_desktop.gui.words import PATENT_TYPES, STATUSES, word
from openlic_desktop.services import portfolio
from openlic_desktop.services.portfolio import PatentRow

log = logging.getLogger(__name__)

PAGE = 200
MAX_CACHED_PAGES = 50
KEPT_ANSWERS = 8  # a word typed and backspaced: each of its prefixes

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


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_ROLES = frozenset({_DISPLAY, int(Qt.ItemDataRole.ToolTipRole), _ID_ROLE})
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


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
    """Rows = ids of the current query; data fetched per page of 200 rows.

    The first query (`set_workspace`, `reload`) runs at once, so the first rows show as soon as the window does.
    A search, a filter or a refresh (`requery`) runs on the model's own worker: the table keeps showing the
    previous ids until the new ones arrive (`queried` is emitted then), with the rows of their first page read
    alongside; a newer request supersedes one still running (its answer is dropped); a request that cannot
    change what is shown ("Z" after "") queries nothing. A click on a column header sorts the same way.
    Once the first rows are painted, the search texts are read into memory (storage.search.SearchTexts) on a
    worker of their own (`texts_tasks`), so that no search waits for them: text searches look there while the
    copy is current, and ask the database meanwhile. They are checked again after a change the model is told
    of and beside each text search (a write elsewhere changes their token)."""

    ID_ROLE = _ID_ROLE
    queried = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.ws = None
        self.columns: list[Column] = list(BASE_COLUMNS) + list(EXTRA_COLUMNS)
        self._titles: list[str] | None = None
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
        self.search_tasks = TaskRunner(self)  # searches do not wait behind the window's edits and reports
        self.texts_tasks = TaskRunner(self)   # nor behind reading the search texts into memory
        self._texts_pending = False
        self._generation = 0           # of the newest request; an answer of an older one is dropped
        self._asked: tuple | None = None  # what the newest request asks for
        self._running = False
        self._recount = False
        self._extra_pending: set[tuple[int, str]] = set()
        self._data_generation = 0      # bumped when cached rows are dropped: late column answers are ignored
        # the last few answers (request → ids) read from the data as it is now: a search that narrows one of
        # them takes its ids from them instead of searching and sorting everything again; emptied when data
        # changes
        self._answers: OrderedDict[tuple, list[int]] = OrderedDict()
        self._answers_epoch = 0        # bumped when they are emptied: an answer read before is not kept
        self._shown_generation = 0     # of the request whose ids are shown
        self._texts_wanted = False     # read the search texts into memory once the first rows are painted
        self.total = 0                 # patents in the database (the status bar's "of N")

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
        self.requery()

    def _request(self) -> tuple:
        restrict = tuple(self.restrict_to) if self.restrict_to is not None else None
        return (portfolio.search_signature(self.search), self.patent_type, self.status, self.sort_key,
                self.descending, restrict)

    def _query(self) -> list[int]:
        return portfolio.query_ids(self.ws, self.search, self.patent_type, self.status, self.sort_key,
                                   self.descending, self.restrict_to) if self.ws is not None else []

    def reload(self) -> None:
        """Query the ids now (the first rows of a window; tests) and show them."""
        self._generation += 1
        self._asked = self._request()
        self._forget_answers()
        ids = self._query()
        self._remember(self._asked, self._answers_epoch, ids)
        self.total = len(ids) if self._unfiltered() else (portfolio.count(self.ws) if self.ws is not None else 0)
        self._shown_generation = self._generation
        self._texts_wanted = self.ws is not None
        self._show_ids(ids)

    def _unfiltered(self) -> bool:
        return self._request()[:3] == (("all", ""), None, None) and self.restrict_to is None

    def requery(self, force: bool = False) -> None:
        """Query the ids on the worker (see the class note); `force` when the data changed, not the filter: then
        the number of patents in the database is counted again too."""
        request = self._request()
        if not force and request == self._asked:
            return
        self._generation += 1
        self._asked = request
        self._recount = self._recount or force
        if force:
            self._forget_answers()
        if force or request[0][0] == "text":  # the texts may have changed: check their token beside the query
            self._read_search_texts()
        if not self._running:
            self._launch()

    def busy(self) -> bool:
        """A query is on its way (the rows shown are the previous query's)."""
        return self._running

    def _forget_answers(self) -> None:
        self._answers.clear()
        self._answers_epoch += 1

    def _remember(self, request: tuple | None, epoch: int, ids: list[int]) -> None:
        if request is None or epoch != self._answers_epoch:
            return
        self._answers[request] = ids
        self._answers.move_to_end(request)
        while len(self._answers) > KEPT_ANSWERS:
            # the oldest first, but all patents last: every search narrows that
            oldest = next((r for r in self._answers if r[0] != ("all", "")), next(iter(self._answers)))
            del self._answers[oldest]

    def _narrowest_known(self, request: tuple) -> list[int] | None:
        """The fewest ids of a kept answer that holds every id this request can find (same filters and sort, a
        search it narrows), or None."""
        best = None
        for known, ids in self._answers.items():
            if known[1:] == request[1:] and portfolio.narrows(request[0], known[0]) \
                    and (best is None or len(ids) < len(best)):
                best = ids
        return best

    def _launch(self) -> None:
        generation, ws, recount, unfiltered = self._generation, self.ws, self._recount, self._unfiltered()
        args = (self.search, self.patent_type, self.status, self.sort_key, self.descending, self.restrict_to)
        request, epoch = self._asked, self._answers_epoch
        known = self._answers.get(request) if request is not None else None
        within = None if known is not None or request is None else self._narrowest_known(request)
        self._running = True

        def job(_progress) -> tuple[list[int], int | None, dict[int, PatentRow]]:
            if ws is None:
                return [], 0, {}
            if known is not None and not recount:  # asked and answered before, in the same data
                ids, total = known, None
            else:
                ids = portfolio.query_ids(ws, *args, within=within)
                total = len(ids) if unfiltered else (portfolio.count(ws) if recount else None)
            # the first page's rows here rather than while the table paints them
            return ids, total, portfolio.rows(ws, ids[:PAGE])

        def arrived(answer: tuple[list[int], int | None, dict[int, PatentRow]]) -> None:
            self._running = False
            if generation != self._generation:  # superseded while it ran: ask again, show nothing stale
                self._launch_if_unanswered()
                return
            ids, total, first_page = answer
            if total is not None:
                self.total = total
                self._recount = False
            self._remember(request, epoch, ids)
            self._shown_generation = generation
            self._show_ids(ids, first_page)

        def failed(exc: BaseException, trace: str) -> None:
            self._running = False
            log.error("portfolio query failed: %s", trace or exc)
            if generation != self._generation:
                self._launch_if_unanswered()

        self.search_tasks.run(job, on_done=arrived, on_error=failed)

    def _launch_if_unanswered(self) -> None:
        """Ask for the newest request unless it was answered meanwhile (by `reload`, on the GUI thread)."""
        if self._shown_generation != self._generation:
            self._launch()

    def _read_search_texts(self) -> None:
        """Bring the copy of the search texts up to date on their own worker (read when a writer changed them —
        storage.search — else one small query), unless that is under way."""
        ws = self.ws
        if ws is None or self._texts_pending:
            return
        self._texts_pending = True

        def done(_count: int) -> None:
            self._texts_pending = False

        def failed(exc: BaseException, trace: str) -> None:
            self._texts_pending = False
            log.error("reading the search texts failed: %s", trace or exc)

        self.texts_tasks.run(lambda _progress: portfolio.hold_search_texts(ws), on_done=done, on_error=failed)

    def _show_ids(self, ids: list[int], first_page: dict[int, PatentRow] | None = None) -> None:
        self.beginResetModel()
        self.columns = list(BASE_COLUMNS) + list(EXTRA_COLUMNS)
        self._titles = None
        self._pages.clear()
        if first_page is not None and ids:
            self._pages[0] = first_page
        self._extra.clear()
        self._data_generation += 1
        self.today = date.today()
        self._ids = ids
        self._rows_by_id = None
        self.endResetModel()
        self.queried.emit()

    def refresh_rows(self, patent_ids: Iterable[int] | None = None) -> None:
        """Drop the cached data of these patents' rows (all rows when None) and redraw just those rows, without
        re-querying the ids: the rows stay where they are and so does the selection."""
        self._forget_answers()  # the facts a search looks at may have changed
        self._read_search_texts()
        if patent_ids is None:
            self._pages.clear()
            self._extra.clear()
            self._data_generation += 1
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))
            return
        rows = sorted(r for r in (self.row_of(pid) for pid in patent_ids) if r >= 0)
        pages = {r // PAGE for r in rows}
        for page_no in pages:
            self._pages.pop(page_no, None)
        for key in [k for k in self._extra if k[0] in pages]:
            del self._extra[key]
        self._data_generation += 1
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
            if self._texts_wanted:  # the first rows are being painted: read the texts when that is done
                self._texts_wanted = False
                QTimer.singleShot(0, self, self._read_search_texts)
            if len(self._pages) > MAX_CACHED_PAGES:
                old, _ = self._pages.popitem(last=False)
                for key in [k for k in self._extra if k[0] == old]:
                    del self._extra[key]
        else:
            self._pages.move_to_end(page_no)
        return page

    def _extra_value(self, row: int, column: Column) -> str:
        """A feature column's text. Computed per page on the model's worker (readiness takes ~0.1 s a page: never
        while painting); "…" until it arrives, then the page's cells are redrawn."""
        page_no = row // PAGE
        key = (page_no, column.header)
        values = self._extra.get(key)
        if values is None:
            if key not in self._extra_pending and column.fetch is not None and self.ws is not None:
                self._fetch_extra(page_no, column)
            return "…"
        return values.get(self._ids[row], "")

    def _fetch_extra(self, page_no: int, column: Column) -> None:
        key = (page_no, column.header)
        self._extra_pending.add(key)
        ws, ids, generation = self.ws, self._ids[page_no * PAGE:(page_no + 1) * PAGE], self._data_generation

        def arrived(values: dict[int, str]) -> None:
            self._extra_pending.discard(key)
            if generation == self._data_generation:
                self._extra[key] = values
            # else new ids or changed data since: redrawing the cells asks again for the current ones
            col = self.columns.index(column) if column in self.columns else -1
            first, last = page_no * PAGE, min(len(self._ids), (page_no + 1) * PAGE) - 1
            if col >= 0 and last >= first:
                self.dataChanged.emit(self.index(first, col), self.index(last, col))

        def failed(exc: BaseException, trace: str) -> None:
            self._extra_pending.discard(key)
            log.error("column %s failed: %s", column.header, trace or exc)
            self._extra[key] = {}

        self.search_tasks.run(lambda _progress: column.fetch(ws, ids), on_done=arrived, on_error=failed)

    def columns_pending(self) -> bool:
        """A feature column's page is being computed."""
        return bool(self._extra_pending)

    # --- Qt model interface -------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for about eight roles of every visible cell on every paint; all but two are answered
        # "nothing" here before anything else is looked at (a third of a keystroke's time went to them).
        if role not in _ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._ids) or not index.isValid():
            return None
        if role == _ID_ROLE:
            return self._ids[row]
        column = self.columns[index.column()]
        if column.value is not None:
            record = self._page(row).get(self._ids[row])
            return None if record is None else column.value(record, self.today)
        return self._extra_value(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        titles = self._titles
        if titles is None or len(titles) != len(self.columns):  # translated once per set of columns
            titles = self._titles = [c.title() for c in self.columns]
        return titles[section]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A new id query in the new order, on the worker like a search (sorting 100,000 patents by title is not
        done on the GUI thread); before a workspace is set (the saved header restored), only the order is kept
        for its first query."""
        if not (0 <= column < len(self.columns)) or not self.columns[column].sortable or not self.columns[column].key:
            return
        self.sort_key = self.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.ws is not None:
            self.requery()
