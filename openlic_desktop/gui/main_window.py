"""The main window: the portfolio table with search and filters, a detail pane, menus, and the feature hooks.

Owns the current Workspace (`self.ws`) and the TaskRunner. Feature modules (gui/features.py) install their menu
actions, columns, editors and drop handlers through the attributes documented in `install_features`.
Thread rule: GUI thread only.
"""

from __future__ import annotations

import html
import importlib
import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
)

from openlic_desktop.gui import ops, words
from openlic_desktop.gui.features import FEATURES
from openlic_desktop.gui.models.portfolio_model import PortfolioModel, row_runs
from openlic_desktop.gui.ops import Op
from openlic_desktop.gui.tasks import TaskRunner
from openlic_desktop.gui.undo import UndoHistory
from openlic_desktop.services import demo, portfolio
from openlic_desktop.services.workspace import Workspace, default_user, open_workspace
from openlic_desktop.support import paths, settings
from openlic_desktop.support.errors import OpenLicError

log = logging.getLogger(__name__)

# the detail pane's facts, in order (words.FACTS names them)
DETAIL_FACTS = ("number", "patent_number", "patent_type", "status", "patentees", "inventors", "filing_date",
                "grant_date", "expiry_date", "fees_paid_until", "ipc", "industry", "department", "contact_person",
                "contact_phone", "contact_email", "description")


def detail_html(item: portfolio.PatentDetail) -> str:
    """The detail pane's facts of one patent: its title, then each fact in words (— when not recorded)."""
    facts = item.facts
    values = {
        "number": facts.number.canonical, "patent_number": facts.number.patent_number,
        "patent_type": words.word(words.PATENT_TYPES, facts.patent_type.value if facts.patent_type else None),
        "status": words.word(words.STATUSES, facts.effective_status(date.today()).value),
        "patentees": "；".join(facts.patentees), "inventors": "、".join(facts.inventors),
    }
    rows = []
    for key in DETAIL_FACTS:
        value = values[key] if key in values else getattr(facts, key)
        shown = html.escape(str(value)) if value not in (None, "") else "—"
        rows.append(f"<tr><td style='padding-right:8px;white-space:nowrap'>{html.escape(words.word(words.FACTS, key))}"
                    f"</td><td>{shown}</td></tr>")
    source = ""
    if item.source_file:
        label = QCoreApplication.translate("MainWindow", "Imported from")
        source = f"<p>{html.escape(label)}: {html.escape(item.source_file)}</p>"
    return f"<h3>{html.escape(facts.title)}</h3><table>{''.join(rows)}</table>{source}"


class MainWindow(QMainWindow):
    workspace_changed = Signal()

    def __init__(self, ws: Workspace | None, *, lang: str = "zh", offer_first_start: bool = False) -> None:
        super().__init__()
        self.ws = ws
        self.lang = lang
        self.tasks = TaskRunner(self)
        self.undo_history = UndoHistory(self, lang)
        self.menus: dict[str, QMenu] = {}
        self.drop_handlers: list[Callable[[list[Path]], bool]] = []
        # more of the detail pane: section(ws, patent_id) -> HTML, called on the worker (services only, no widgets)
        self.detail_sections: list[Callable[[Workspace, int], str]] = []
        self._detail_wanted: int | None = None
        self.open_patent_editor: Callable[[int], None] | None = None
        self.first_start_handler: Callable[[], None] = self._offer_demo
        self.restriction_reason = ""  # why the table shows only some patents (show_only)
        self.setWindowTitle(self.tr("OpenLic Desktop"))
        self.setAcceptDrops(True)
        self.model = PortfolioModel(self)
        self._build_toolbar()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self.install_features()
        # the saved column order and sort come first, so that the ids are queried once, already in that order
        self._restore_layout()
        self.model.set_workspace(ws)
        self.update_status_bar()
        self._keep_selection: tuple[list[int], int | None] | None = None
        self._open_when_shown: int | None = None
        self.model.queried.connect(self._queried)
        self.tasks.changed.connect(self.on_changes)
        self.undo_history.failed.connect(lambda text: self.statusBar().showMessage(text, 10000))
        if offer_first_start:
            QTimer.singleShot(0, self._first_start)

    # --- construction ---------------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Search"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Search: number, title, patentee…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.search_edit.setMinimumWidth(320)
        self.search_edit.textChanged.connect(self._on_search)
        self.toolbar.addWidget(self.search_edit)
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("typeFilter")
        self.type_combo.setAccessibleName(self.tr("Type"))
        self.type_combo.addItem(self.tr("All types"), None)
        for value, label in words.choices(words.PATENT_TYPES):
            self.type_combo.addItem(label, value)
        self.type_combo.currentIndexChanged.connect(self._on_filters)
        self.toolbar.addWidget(self.type_combo)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.setAccessibleName(self.tr("Status"))
        self.status_combo.addItem(self.tr("All statuses"), None)
        for value, label in words.choices(words.STATUSES):
            self.status_combo.addItem(label, value)
        self.status_combo.currentIndexChanged.connect(self._on_filters)
        self.toolbar.addWidget(self.status_combo)

    def _build_central(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("portfolioTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # no row numbers: the application number is the patent's name, and a 100,000-row header is relaid on
        # every new search
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        for column, width in enumerate((130, 280, 70, 210, 90, 90, 70)):  # the first screen, detail pane beside
            # never narrower than the header's own words (专利权期限届满日 is wider than its dates)
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        self.table.doubleClicked.connect(lambda index: self._open_editor(self.model.id_at(index.row())))
        self.table.activated.connect(lambda index: self._open_editor(self.model.id_at(index.row())))  # Enter
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_detail())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selection_count())
        self.table.setAccessibleName(self.tr("Patents"))
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("detailPane")
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName(self.tr("Details of the current patent"))
        self.detail.setMinimumWidth(260)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([960, 320])
        self.setCentralWidget(self.splitter)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for key, title in (("file", self.tr("&File")), ("edit", self.tr("&Edit")), ("view", self.tr("&View")),
                           ("patents", self.tr("&Patents")), ("batch", self.tr("&Batch")), ("tools", self.tr("&Tools")),
                           ("help", self.tr("&Help"))):
            self.menus[key] = bar.addMenu(title)
        file_menu = self.menus["file"]
        self._action(file_menu, self.tr("&New database…"), self.new_database, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Open database…"), self.choose_database, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(self.tr("Recent databases"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._file_tail = file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit = self.menus["edit"]
        undo, redo = self.undo_history.actions(self)
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        self._action(edit, self.tr("&Copy rows"), self.copy_selection, QKeySequence.StandardKey.Copy,
                     name="copyRowsAction")
        self._action(edit, self.tr("Select &all"), self.table.selectAll, QKeySequence.StandardKey.SelectAll,
                     name="selectAllAction")
        self._action(edit, self.tr("&Find…"), self._focus_search, QKeySequence.StandardKey.Find, name="findAction")
        view = self.menus["view"]
        self._action(view, self.tr("Clear filters"), self.clear_filters, QKeySequence("Ctrl+Shift+L"))
        self._action(view, self.tr("Refresh"), self.refresh, QKeySequence.StandardKey.Refresh)
        self._action(self.menus["patents"], self.tr("Open patent"),
                     lambda: self._open_editor(self.current_patent_id()), QKeySequence("Ctrl+Return"),
                     name="openPatentAction")
        language = self.menus["tools"].addMenu(self.tr("Language"))
        for code, label in (("zh", "中文（简体）"), ("en", "English")):
            act = language.addAction(label)
            act.setCheckable(True)
            act.setChecked(code == self.lang)
            act.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
        self._action(self.menus["help"], self.tr("&About OpenLic Desktop"), self.about, name="aboutAction")

    def _action(self, menu: QMenu, text: str, slot: Callable, shortcut=None, name: str = "") -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(lambda _checked=False: slot())
        menu.addAction(act)
        return act

    def add_file_action(self, text: str, slot: Callable, shortcut=None, name: str = "") -> QAction:
        """Features add File-menu actions above Quit with this."""
        act = QAction(text, self)
        act.setObjectName(name)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(lambda _checked=False: slot())
        self.menus["file"].insertAction(self._file_tail, act)
        return act

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("selectionLabel")
        self.user_label = QLabel(self)
        self.db_label = QLabel(self)
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addWidget(self.selection_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)

    def install_features(self) -> None:
        for name in FEATURES:
            try:
                importlib.import_module(name).install(self)
            except Exception:  # one broken feature must not take the whole window down
                log.exception("feature %s failed to install", name)
                raise

    # --- feature-facing API ---------------------------------------------------------------------------------
    def selected_patent_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [pid for pid in (self.model.id_at(r) for r in rows) if pid is not None]

    def current_patent_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def refresh(self) -> None:
        """Re-query the ids after a change (patents added or deleted, or facts the filter looks at), keeping the
        selected patents selected and the current one current when they are still shown (on the model's worker:
        the table shows the old rows until the new ids arrive)."""
        if self._keep_selection is None:
            self._keep_selection = (self.selected_patent_ids(), self.current_patent_id())
        self.model.requery(force=True)

    def _queried(self) -> None:
        """New ids are shown: the counts, and the selection a refresh keeps."""
        self.update_status_bar()
        if self._keep_selection is not None:
            selected, current = self._keep_selection
            self._keep_selection = None
            self.select_patents(selected, current)
        if self._open_when_shown is not None:
            patent_id, self._open_when_shown = self._open_when_shown, None
            if self.model.row_of(patent_id) >= 0:
                self.select_patents([patent_id], patent_id)
                self.table.scrollTo(self.model.index(self.model.row_of(patent_id), 0))
            self._open_editor(patent_id)

    def open_after_refresh(self, patent_id: int) -> None:
        """Select a patent just added (once the refresh that follows shows it) and open its editor."""
        self._open_when_shown = patent_id
        if not self.model.busy():
            self._queried()

    def select_patents(self, patent_ids: list[int], current: int | None = None) -> None:
        """Select these patents' rows (those shown), as one selection; `current` becomes the current row."""
        rows = self.model.rows_of(patent_ids)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for first, end in row_runs(rows):
            selection.select(self.model.index(first, 0), self.model.index(end, last))
        chooser = self.table.selectionModel()
        chooser.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        row = self.model.row_of(current) if current is not None else (rows[0] if rows else -1)
        if row >= 0:
            chooser.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        self._show_detail()
        self._show_selection_count()

    def on_changes(self, changes: ops.Changes) -> None:
        """An op changed something: redraw what it names (gui/ops.py), nothing more."""
        if self.ws is None:
            return
        if changes.id_list:
            self.refresh()
            return
        if changes.every_patent or ops.SETTINGS in changes.aspects:
            self.model.refresh_rows(None)
        elif changes.patents:
            self.model.refresh_rows(changes.patents)
        if changes.touches(self.current_patent_id()) or ops.SETTINGS in changes.aspects:
            self._show_detail()

    def current_user(self) -> str:
        return self.ws.user if self.ws else ""

    def show_only(self, patent_ids: list[int] | None, reason: str = "") -> None:
        """Restrict the table to these patents (None: all again), saying why beside the count; Clear filters
        lifts it. Features filter the table through this (e.g. a dashboard figure opened as its patents)."""
        self.model.restrict_to = None if patent_ids is None else list(patent_ids)
        self.restriction_reason = reason if patent_ids is not None else ""
        self.refresh()

    # --- behaviour ------------------------------------------------------------------------------------------
    def _on_search(self, text: str) -> None:
        self.model.set_filter(search=text)

    def _on_filters(self) -> None:
        self.model.set_filter(patent_type=self.type_combo.currentData(), status=self.status_combo.currentData())

    def clear_filters(self) -> None:
        for widget in (self.search_edit, self.type_combo, self.status_combo):
            widget.blockSignals(True)
        self.search_edit.clear()
        self.type_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        for widget in (self.search_edit, self.type_combo, self.status_combo):
            widget.blockSignals(False)
        self.model.restrict_to = None
        self.restriction_reason = ""
        self.model.set_filter(search="", patent_type=None, status=None)

    def _show_selection_count(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.selection_label.setText(self.tr("%1 selected").replace("%1", str(count)) if count > 1 else "")

    def copy_selection(self) -> str:
        """Edit → Copy: the selected rows with the column titles, tab-separated, for Excel and WPS."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        header = self.table.horizontalHeader()
        columns = [header.logicalIndex(v) for v in range(header.count()) if not header.isSectionHidden(
            header.logicalIndex(v))]

        def cell(value) -> str:
            text = "" if value is None else str(value)
            return " ".join(text.replace("\t", " ").splitlines())

        lines = ["\t".join(cell(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)]
        lines += ["\t".join(cell(self.model.index(r, c).data()) for c in columns) for r in rows]
        text = "\n".join(lines) + "\n"
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("Copied %1 rows").replace("%1", str(len(rows))), 4000)
        return text

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def update_status_bar(self) -> None:
        count = (self.tr("Showing %1 of %2 patents").replace("%1", str(self.model.rowCount()))
                 .replace("%2", str(self.model.total)))
        reason = self.restriction_reason if self.model.restrict_to is not None else ""
        self.count_label.setText(f"{count} — {reason}" if reason else count)
        login = self.ws is not None and self.ws.user == default_user()  # the settings name no one yet
        self.user_label.setText((self.tr("User: %1 (computer login)") if login else self.tr("User: %1"))
                                .replace("%1", self.current_user()))
        self.user_label.setToolTip(self.tr(
            "New records and documents name the person shown here. Choose your name in Tools → Staff and current "
            "user…, or give the office's contact person in Tools → Office details…") if login else "")
        self.db_label.setText(self.ws.location if self.ws else self.tr("No database open"))
        self._show_detail()

    def _show_detail(self) -> None:
        """The detail pane of the current patent, read on the worker; a newer request supersedes an older one
        (moving through the table with the arrow keys reads only where the cursor stops)."""
        pid = self.current_patent_id()
        self._detail_wanted = pid
        if pid is None or self.ws is None:
            hint = self.tr("Select a patent to see its details.")
            self.detail.setHtml(f"<p>{html.escape(hint)}</p>")
            return
        ws, sections = self.ws, list(self.detail_sections)

        def read() -> str:
            if self._detail_wanted != pid:  # superseded while waiting for the worker
                return ""
            return detail_html(portfolio.detail_by_id(ws, pid)) + "".join(section(ws, pid) for section in sections)

        def shown(text: str) -> None:
            if self._detail_wanted == pid and text:
                self.detail.setHtml(text)

        def failed(exc: BaseException, _trace: str) -> None:
            if self._detail_wanted == pid:
                self.detail.clear()

        Op(self, read).success(shown).failure(failed).run()

    def _open_editor(self, patent_id: int | None) -> None:
        if patent_id is not None and self.open_patent_editor is not None:
            self.open_patent_editor(patent_id)

    # --- databases ------------------------------------------------------------------------------------------
    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("&Open database…"), str(paths.data_dir()),
                                              self.tr("OpenLic databases (*.openlic *.sqlite3 *.sqlite *.db);;All files (*)"))
        if path:
            self.open_database(path)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("&New database…"), str(paths.data_dir() / f"portfolio{paths.DATABASE_SUFFIX}"),
                                              self.tr("OpenLic databases (*.openlic *.sqlite3 *.sqlite *.db);;All files (*)"))
        if path:
            self.open_database(path, offer_demo=True)

    def open_database(self, target: str, offer_demo: bool = False) -> bool:
        user = self.ws.user if self.ws else None
        try:
            new_ws = open_workspace(target, user=user, source="gui")
        except OpenLicError as exc:
            QMessageBox.critical(self, self.tr("Cannot open the database"), exc.message(self.lang))
            return False
        if self.ws is not None:
            self.ws.close()
        self.ws = new_ws
        prefs = settings.load()
        prefs.remember_database(new_ws.location)
        settings.save(prefs)
        self.undo_history.clear()  # its commands belong to the database that was open
        self.model.set_workspace(new_ws)
        self.update_status_bar()
        self.workspace_changed.emit()
        if new_ws.backup_path:
            self.statusBar().showMessage(self.tr("The database was backed up before it was upgraded: %1")
                                         .replace("%1", str(new_ws.backup_path)), 10000)
        if offer_demo:
            self._offer_demo()
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in settings.load().recent_databases:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _checked=False, p=path: self.open_database(p))

    def _first_start(self) -> None:
        self.first_start_handler()

    def _offer_demo(self) -> None:
        if self.ws is None or portfolio.count(self.ws) > 0:
            return
        answer = QMessageBox.question(self, self.tr("Empty portfolio"), self.tr(
            "This database has no patents yet. Load a demo portfolio of 300 patents to look around?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.load_demo()

    def load_demo(self, count: int = 300) -> threading.Event:
        """Load the demo under a progress dialog with Cancel (the first start's offer and the welcome's choice come
        here): one job, so a cancel or a failure leaves the database as it was, and the window says so."""
        ws = self.ws

        def failed(exc: BaseException, trace: str) -> None:
            if isinstance(exc, InterruptedError):
                self.statusBar().showMessage(self.tr("Demo cancelled; the database was not changed"), 10000)
            self.show_error(exc, trace)

        return self.tasks.run(lambda progress: demo.load_demo(ws, count, progress=progress),
                              on_done=lambda _n: self.refresh(), on_error=failed,
                              label=self.tr("Loading the demo portfolio…"), parent=self)

    def show_error(self, exc: BaseException, trace: str = "") -> None:
        if isinstance(exc, InterruptedError):
            return
        if isinstance(exc, OpenLicError):
            QMessageBox.warning(self, self.tr("OpenLic Desktop"), exc.message(self.lang))
            return
        log.error("background job failed: %s", trace or exc)
        QMessageBox.critical(self, self.tr("OpenLic Desktop"), f"{type(exc).__name__}: {exc}")

    # --- language, about, layout ----------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        prefs = settings.load()
        prefs.language = code
        settings.save(prefs)
        from openlic_desktop.gui.app import install_translators, rebuild_main_window

        install_translators(code)
        rebuild_main_window(self, code)

    def about(self):
        """Help → About: a window-modal dialog that does not block (the walk of every window looks at it too)."""
        from openlic_desktop.gui.dialogs.about_dialog import AboutDialog

        box = AboutDialog(self, self.ws.location if self.ws else "—")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_box = box
        box.open()
        return box

    def _layout_settings(self) -> QSettings:
        return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        stored = self._layout_settings()
        geometry = stored.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        for key, target in (("state", self.restoreState), ("splitter", self.splitter.restoreState),
                            ("header", self.table.horizontalHeader().restoreState)):
            value = stored.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                target(value)

    def save_layout(self) -> None:
        stored = self._layout_settings()
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("state", self.saveState())
        stored.setValue("splitter", self.splitter.saveState())
        stored.setValue("header", self.table.horizontalHeader().saveState())
        stored.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.tasks.wait(10000)
        self.model.search_tasks.wait(10000)
        self.model.texts_tasks.wait(10000)
        super().closeEvent(event)

    # --- drag and drop --------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if isinstance(u, QUrl) and u.isLocalFile()]
        if files and self.handle_dropped_files(files):
            event.acceptProposedAction()

    def handle_dropped_files(self, files: list[Path]) -> bool:
        return any(handler(files) for handler in self.drop_handlers)
