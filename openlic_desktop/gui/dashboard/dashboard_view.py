"""The dashboard: the portfolio at a glance, a tab beside the patent table (View → Dashboard, Ctrl+2; the table
is Ctrl+1).

Every figure comes from one services.statistics computation — the figures `openlic stats` prints and the
statistics workbook holds. Each card is a chart with its numbers in a table beside it; a bar, point, slice or table
row opens the table on exactly the patents behind the figure (MainWindow.show_only). The figures are computed on
the window's worker and drawn when they arrive. After an op announces changes (gui/ops.py) they are brought up to
date when the dashboard is next shown: the audit trail names the patents changed, and only those are judged again
(this also sees what the command line or another user of a shared database changed); a change of settings counts
everything again. Export: the statistics workbook (xlsx) and a PDF of the dashboard
drawn by Qt's own PDF writer.
Thread rule: GUI thread only; the statistics come back from the worker as plain values.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.domain.statistics import PortfolioStatistics
from openlic_desktop.gui import ops, tasks
from openlic_desktop.gui.dashboard.charts import build_chart, chart_view, minimum_height
from openlic_desktop.gui.dashboard.dashboard_pdf import write_pdf
from openlic_desktop.gui.dashboard.figures import Card, FigureRow, cards
from openlic_desktop.gui.widgets import ReadOnlyRowsModel
from openlic_desktop.support import paths
from openlic_desktop.support.files import atomic_path

log = logging.getLogger(__name__)


def _statistics():
    """services.statistics, loaded when the figures are first counted or written (on the worker): its storage
    models and workbook writer cost ~35 ms that the main window's start does not need."""
    from openlic_desktop.services import statistics

    return statistics


def _after_drawn(saves: list, still_open: Callable[[], bool]) -> None:
    """On the worker once figures are drawn: save a fresh count — unless its database was closed meanwhile (the
    save reads the data signature again: through a closed workspace it would reconnect to the old file and hold
    it open) — and import the counting rules if a saved count was read back; else the first refresh after a batch
    action would import them (a quarter of its time)."""
    for save in saves:
        if still_open():
            save()
    _statistics().counting()


class FiguresModel(ReadOnlyRowsModel):
    """The numbers beside a chart: one row per figure (its words, then its values)."""

    def set_card(self, card: Card) -> None:
        self.HEADERS = card.heads
        self.set_rows(card.rows)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: FigureRow | None = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text if column == 0 else str(row.values[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.opens is not None:
            return self.tr("Open these patents in the table")
        return None


class CardWidget(QFrame):
    """One card: the chart and, beside it, its numbers. `opened` carries the figure row clicked."""

    opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.card: Card | None = None
        self.model = FiguresModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Figures"))  # the card's title once it is set
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(48)
        self.table.setMinimumWidth(250)
        self.table.clicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.view = chart_view(build_chart(Card("", "", ("",), (), "pie"), self.palette(), lambda _i: None))
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.table, 2)

    def set_card(self, card: Card) -> None:
        self.card = card
        self.setObjectName(f"card_{card.key}")
        old = self.view.chart()
        self.view.setChart(build_chart(card, self.palette(), self._open))
        self.view.setMinimumHeight(minimum_height(card))
        old.deleteLater()
        self.model.set_card(card)
        self.table.setAccessibleName(card.title)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def rebuild(self) -> None:
        if self.card is not None:
            self.set_card(self.card)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark: the chart takes the new colours
            self.rebuild()
        super().changeEvent(event)

    def _open(self, row: int) -> None:
        if self.card is not None and 0 <= row < len(self.card.rows) and self.card.rows[row].opens is not None:
            self.opened.emit(self.card.rows[row])


class DashboardView(QWidget):
    """The dashboard tab of a main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("dashboard")
        self.stats: PortfolioStatistics | None = None
        self.stale = True
        self.recount = False  # settings changed: not a set of patents, count everything again
        self.busy = False
        self._refresh_ready = False  # the counting rules imported on the worker (_after_drawn)
        # counting ahead (count_ahead), on the window's worker: the workspace counted and the event that cancels
        # it, while it runs
        self._ahead: tuple[Any, threading.Event] | None = None
        self._counted_ahead: PortfolioStatistics | None = None  # counted ahead, not yet drawn
        self._waiting = False  # shown while counting ahead: its figures are drawn when they arrive
        self.changes_seen = 0  # ops that announced changes (install.on_changes)
        self.last_export: Path | None = None
        self._laid_out_columns = 0
        self.summary = QLabel(self)
        self.summary.setObjectName("dashboardSummary")
        font = QFont(self.summary.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.summary.setFont(font)
        self.hint = QLabel(self.tr("Click a bar, slice or row to list its patents."), self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.load)
        self.workbook_button = QPushButton(self.tr("Statistics workbook…"), self)
        self.workbook_button.clicked.connect(lambda: self.export_workbook())
        self.pdf_button = QPushButton(self.tr("Dashboard as PDF…"), self)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        head = QHBoxLayout()
        head.addWidget(self.summary)
        head.addStretch(1)
        for button in (self.refresh_button, self.workbook_button, self.pdf_button):
            head.addWidget(button)
        self.content = QWidget()
        self.grid = QGridLayout(self.content)
        self.cards: dict[str, CardWidget] = {}
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        self._show_summary()

    # --- figures ---------------------------------------------------------------------------------------------
    def count_ahead(self, again: bool = False) -> None:
        """Count the figures of the database just opened while the dashboard is not shown, so that the tab draws
        them at once when it is opened (the first count of a day takes a second or more at 100,000 patents).
        On the window's worker — never on a thread of its own: whatever waits for the worker (a restore, a
        backup) must find no job holding the database; the table reads on its own threads and does not wait.
        It starts when none of the user's work waits, before housekeeping (the daily backup, the audit check: they
        wait behind it), and gives way to the user's work queued behind it (the detail pane of a patent clicked, an
        op): it stops at its next step and starts again once that is done. Cancelled when another database is
        opened or the window closes; its figures are drawn when the tab is shown (drawing them hidden would hold up
        the table meanwhile)."""
        ws = self.window_.ws
        if ws is None or self.stats is not None or self.busy or self._counting_ahead(ws):
            return
        # started once the user's work is done; `again` (it gave way): queued at once, behind the user's work
        # and before the housekeeping waiting meanwhile
        if not again and self.window_.tasks.user_pending():
            QTimer.singleShot(50, self, self.count_ahead)
            return
        saves: list = []
        stop = threading.Event()
        seen = self.changes_seen
        mine = (ws, stop)

        def wanted() -> bool:
            return not stop.is_set() and self.window_.ws is ws

        def give_way() -> bool:  # asked on the worker: the user's work waits behind this count, nobody waits for it
            return self.window_.tasks.user_pending() > 0 and not self._waiting

        def done(stats: PortfolioStatistics) -> None:
            if self._ahead is mine:
                self._ahead = None
            if not wanted():
                return
            if self.stats is None:
                self._counted_ahead = stats
                # an op that changed something while this counted: brought up to date when shown (audit trail)
                self.stale = self.changes_seen != seen
            pending = list(saves)
            saves.clear()
            if self._waiting:
                self._waiting = False
                self.draw_counted_ahead()
            if pending or not self._refresh_ready:
                self._refresh_ready = True
                self.window_.tasks.run(lambda _progress: _after_drawn(pending, wanted), on_done=lambda _r: None,
                                       on_error=lambda exc, _trace: log.warning("statistics not saved: %s", exc),
                                       priority=tasks.HOUSEKEEPING)

        def failed(exc: BaseException, _trace: str) -> None:
            if self._ahead is mine:
                self._ahead = None
            if self._waiting and wanted():  # shown meanwhile: count there, where a failure is shown
                self._waiting = False
                self.busy = False
                self.load()
            elif isinstance(exc, InterruptedError):
                if wanted():  # it gave way to the user's work: again once that is done (queued behind it)
                    self.count_ahead(again=True)
            else:
                log.warning("the dashboard's count ahead failed: %s", exc)

        self._ahead = mine
        self.window_.tasks.run(lambda _progress: _statistics().compute(
            ws, saves=saves, cancelled=lambda: not wanted() or give_way()), on_done=done, on_error=failed,
            priority=tasks.AHEAD)

    def _counting_ahead(self, ws) -> bool:
        """This workspace is being counted ahead (and not cancelled)."""
        return self._ahead is not None and self._ahead[0] is ws and not self._ahead[1].is_set()

    def cancel_ahead(self) -> None:
        """Stop counting ahead (another database, the window closing): its figures are not wanted."""
        if self._ahead is not None:
            self._ahead[1].set()
        self._counted_ahead = None
        if self._waiting:
            self._waiting = self.busy = False

    def draw_counted_ahead(self) -> bool:
        """Draw the figures counted ahead, if there are any waiting (the tab is shown)."""
        stats, self._counted_ahead = self._counted_ahead, None
        if stats is None or self.window_.ws is None:
            return False
        self.busy, stale = False, self.stale
        self.show_stats(stats)
        if stale:  # an op announced a change after the count began: brought in from the audit trail
            self.stale = True
            self.update_figures()
        return True

    def load(self) -> None:
        """Compute every figure again, on the worker."""
        self.recount = False
        ws = self.window_.ws
        if ws is None:
            self.stats, self.stale = None, False
            self._show_summary()
            return
        if self._counting_ahead(ws):
            self.busy = self._waiting = True  # being counted ahead: drawn when it arrives
            self._show_summary()
            return
        saves: list = []
        self._run(lambda _progress: _statistics().compute(ws, saves=saves), ws, saves)

    def update_figures(self) -> None:
        """Bring the figures up to date with what changed since they were counted (the audit trail says which
        patents): only those are judged again; an import or the like counts everything again."""
        ws, stats = self.window_.ws, self.stats
        if ws is None or stats is None or self.recount:
            self.load()
            return
        saves: list = []
        self._run(lambda _progress: _statistics().brought_up_to_date(ws, stats, saves=saves), ws, saves)

    def patents_changed(self, patent_ids: Sequence[int]) -> None:
        """An operation changed these patents: judge only them again (the rest of the figures stay)."""
        ws, stats = self.window_.ws, self.stats
        if ws is None or stats is None or stats.as_of != date.today():
            self.load()
            return
        ids = list(patent_ids)
        self._run(lambda _progress: _statistics().refresh(ws, stats.copy(), ids), ws)

    def _run(self, job, ws, saves: list | None = None) -> None:
        """Run `job` on the worker and draw what it returns; a fresh count it left in `saves` is saved on the
        worker after it is drawn (the figures are shown a quarter of a second sooner at 100,000 patents)."""
        self.busy = True
        self._show_summary()

        def done(stats: PortfolioStatistics) -> None:
            self.busy = False
            if self.window_.ws is ws:
                if stats is self.stats:  # nothing changed since: nothing to draw
                    self.stale = False
                    self._show_summary()
                else:
                    self.show_stats(stats)
            # not saved once another database is open: its workspace is closed
            pending = list(saves or ()) if self.window_.ws is ws else []
            if saves:
                saves.clear()
            if pending or not self._refresh_ready:
                self._refresh_ready = True
                self.window_.tasks.run(lambda _progress: _after_drawn(pending, lambda: self.window_.ws is ws),
                                       on_done=lambda _r: None,
                                       on_error=lambda exc, trace: self.window_.show_error(exc, trace))

        def failed(exc: BaseException, trace: str) -> None:
            self.busy = False
            self._show_summary()
            self.window_.show_error(exc, trace)

        self.window_.tasks.run(job, on_done=done, on_error=failed)

    def show_stats(self, stats: PortfolioStatistics) -> None:
        self.stats, self.stale = stats, False
        lang = getattr(self.window_, "lang", "zh")
        for i, card in enumerate(cards(stats, lang)):
            widget = self.cards.get(card.key)
            if widget is None:
                widget = self.cards[card.key] = CardWidget(self.content)
                widget.opened.connect(self.open_figure)
                columns = self._laid_out_columns or self._columns()
                self.grid.addWidget(widget, i // columns, i % columns)
            if widget.card != card:  # after a batch action most cards hold the same figures: drawn as they are
                widget.set_card(card)
        self._show_summary()

    def _show_summary(self) -> None:
        if self.busy:
            self.summary.setText(self.tr("Counting…"))
        elif self.window_.ws is None:
            self.summary.setText(self.tr("No database open"))
        elif self.stats is not None:
            self.summary.setText(self.tr("As of %1 · %2 patents").replace("%1", self.stats.as_of.isoformat())
                                 .replace("%2", str(self.stats.patents)))
        for button in (self.workbook_button, self.pdf_button):
            button.setEnabled(self.stats is not None and not self.busy)

    def open_figure(self, row: FigureRow) -> None:
        """The table, showing exactly the patents behind this figure."""
        if self.stats is None or row.opens is None:
            return
        kind, value = row.opens
        ids = self.stats.patent_ids(kind, value)
        self.window_.show_only(ids, self.tr("Dashboard: %1").replace("%1", row.text))
        tabs = getattr(self.window_, "central_tabs", None)
        if tabs is not None:
            tabs.setCurrentIndex(0)

    # --- exports ---------------------------------------------------------------------------------------------
    def _target(self, title: str, name: str, pattern: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, str(paths.data_dir() / name), pattern)
        return path or None

    def export_workbook(self, target: str | Path | None = None) -> None:
        """The statistics workbook of the figures shown, written on the worker."""
        stats = self.stats
        if stats is None:
            return
        name = self.tr("Open licensing statistics %1.xlsx").replace("%1", stats.as_of.isoformat())
        target = target or self._target(self.tr("Statistics workbook…"), name, self.tr("Excel workbooks (*.xlsx)"))
        if not target:
            return

        def done(path: Path) -> None:
            self.last_export = path
            self.window_.statusBar().showMessage(self.tr("Written: %1").replace("%1", str(path)), 10000)

        self.window_.tasks.run(lambda _progress: _statistics().write_workbook(stats, target), on_done=done,
                               on_error=self.window_.show_error)

    def export_pdf(self, target: str | Path | None = None) -> Path | None:
        """The dashboard as a PDF drawn by Qt's PDF writer (on the GUI thread: it paints the charts), written to a
        temporary file beside the target and renamed, so a failure leaves no half-written file."""
        if self.stats is None:
            return None
        name = self.tr("Portfolio dashboard %1.pdf").replace("%1", self.stats.as_of.isoformat())
        target = target or self._target(self.tr("Dashboard as PDF…"), name, self.tr("PDF files (*.pdf)"))
        if not target:
            return None
        try:
            with atomic_path(target, suffix=".pdf") as tmp:
                self._write_pdf(str(tmp))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Failed"), str(exc))
            return None
        self.last_export = Path(target)
        self.window_.statusBar().showMessage(self.tr("Written: %1").replace("%1", str(target)), 10000)
        return Path(target)

    def _write_pdf(self, path: str) -> None:
        write_pdf(path, self.summary.text(), ((w.view, w.card) for w in self.cards.values()), self.summary.font())

    # --- layout ----------------------------------------------------------------------------------------------
    def _columns(self) -> int:
        """Two cards side by side when there is room for both charts and their tables, else one."""
        return 2 if self.width() >= 1500 else 1

    def _relayout(self) -> None:
        columns = self._columns()
        if columns == self._laid_out_columns:
            return
        self._laid_out_columns = columns
        for widget in self.cards.values():
            self.grid.removeWidget(widget)
        for i, widget in enumerate(self.cards.values()):
            self.grid.addWidget(widget, i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()



# --- installing the tab -------------------------------------------------------------------------------------------
def _settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def install(window) -> None:
    """Put the table and the dashboard in tabs, add View → Patent table (Ctrl+1) / Dashboard (Ctrl+2), keep the
    figures fresh: brought up to date when the dashboard is shown after a change, counted anew for another
    workspace."""
    view = DashboardView(window)
    tabs = QTabWidget(window)
    tabs.setObjectName("centralTabs")
    tabs.setDocumentMode(True)
    tabs.addTab(window.takeCentralWidget(), QCoreApplication.translate("DashboardView", "Patents"))
    tabs.addTab(view, QCoreApplication.translate("DashboardView", "Dashboard"))
    window.setCentralWidget(tabs)
    window.dashboard, window.central_tabs = view, tabs

    def shown(index: int) -> None:
        _settings().setValue("dashboard/tab", index)
        if tabs.widget(index) is view:
            view.draw_counted_ahead()
            if view.stale and not view.busy:
                view.update_figures()

    def changed() -> None:  # another database: count it all
        view.cancel_ahead()
        view.stats, view.stale = None, True
        if tabs.currentWidget() is view:
            view.load()
        else:
            view.count_ahead()

    def closing(event) -> None:  # the window waits for its worker as it closes: a count ahead stops at once
        if event.type() == QEvent.Type.Close:
            view.cancel_ahead()

    tabs.currentChanged.connect(shown)
    window.workspace_changed.connect(changed)
    def on_changes(changes: ops.Changes) -> None:
        """An op changed something. The audit trail says which patents when the dashboard is next shown; settings
        (the office, the active profile, staff) are not in it and may change every patent's readiness."""
        if changes.empty:
            return
        view.stale = True
        view.changes_seen += 1
        if ops.SETTINGS in changes.aspects:
            view.recount = True
        if tabs.currentWidget() is view and not view.busy:
            view.update_figures()

    def reloaded() -> None:  # the table re-read its ids (an import, a refresh): perhaps something changed
        view.stale = True

    window.tasks.changed.connect(on_changes)
    window.model.modelReset.connect(reloaded)
    for text, key, index in ((QCoreApplication.translate("DashboardView", "Patent table"), "Ctrl+1", 0),
                             (QCoreApplication.translate("DashboardView", "Dashboard"), "Ctrl+2", 1)):
        action = window.menus["view"].addAction(text)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False, i=index: tabs.setCurrentIndex(i))
    remembered = _settings().value("dashboard/tab", 0)
    if str(remembered) == "1":
        tabs.setCurrentIndex(1)
    else:  # counted now, drawn when the tab is opened (started once the window has been set up)
        QTimer.singleShot(0, view, view.count_ahead)
    window.installEventFilter(_CloseWatch(window, closing))


class _CloseWatch(QObject):
    """Calls `on_event` with each event of the window it watches (its close ends the count ahead)."""

    def __init__(self, window, on_event) -> None:
        super().__init__(window)
        self._on_event = on_event

    def eventFilter(self, watched, event) -> bool:
        self._on_event(event)
        return False
