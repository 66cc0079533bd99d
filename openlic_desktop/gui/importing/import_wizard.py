"""The import wizard: choose or drop a file → sheet → the first rows with the recognised field above each column
(correctable) → preview (new / changed old→new / unchanged / rejected) → import with progress and cancel →
summary with "save rejected rows". `install(window)` adds File → Import… (Ctrl+I) and a drop handler.

Everything it shows comes from `services.importing` as plain values; the dry run and the import run on the
window's TaskRunner (one worker thread); cancel makes the import's transaction roll back.
Thread rule: GUI thread only, except the job functions handed to the TaskRunner, which touch no widget.
The menu entry and the drop handler are in import_menu.py (this module loads the import lane when opened).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from openlic_desktop.gui import palette, words
from openlic_desktop.gui.widgets import fit_columns
from openlic_desktop.services import importing
from openlic_desktop.support.errors import OpenLicError

PREVIEW_ROWS = 20

# what a column can be mapped to, in the order of the combo box ("" = not imported): the facts in their usual words,
# then the columns a sheet may hold that are recognised but not imported
FIELD_KEYS = ("number", "patent_number", "title", "patent_type", "filing_date", "grant_date", "status", "patentees",
              "inventors", "fees_paid_until", "ipc", "department", "contact_person", "contact_phone", "contact_email",
              "description", "industry")
NOT_IMPORTED = {
    "": QT_TRANSLATE_NOOP("ImportWizard", "(not imported)"),
    "publication_number": QT_TRANSLATE_NOOP("ImportWizard", "Publication No. (not imported)"),
    "expiry_date": QT_TRANSLATE_NOOP("ImportWizard", "Last day in force (computed)"),
    "seq": QT_TRANSLATE_NOOP("ImportWizard", "Row No. (not imported)"),
    "remarks": QT_TRANSLATE_NOOP("ImportWizard", "Remarks (not imported)"),
    "rejection_code": QT_TRANSLATE_NOOP("ImportWizard", "Rejection code (not imported)"),
}


def field_choices() -> list[tuple[str, str]]:
    """(field, words) for the combo box above each column."""
    translated = {key: QCoreApplication.translate("ImportWizard", text) for key, text in NOT_IMPORTED.items()}
    return ([("", translated[""])] + [(key, words.word(words.FACTS, key)) for key in FIELD_KEYS]
            + [(key, text) for key, text in translated.items() if key])


def field_words(key: str) -> str:
    return dict(field_choices()).get(key, key)


_ROOT = QModelIndex()  # the invalid index: the default "parent" of a flat table


def _column_letter(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


class RowsModel(QAbstractTableModel):
    """A read-only table of text rows (sheet preview and result lists). Headers are given already translated."""

    def __init__(self, headers: Sequence[str] = (), rows: Sequence[Sequence[str]] = (),
                 row_labels: Sequence[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self._labels = list(row_labels) if row_labels is not None else None

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
                 row_labels: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self._labels = list(row_labels) if row_labels is not None else None
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        if self._labels is not None and 0 <= section < len(self._labels):
            return self._labels[section]
        return str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_texts(self, row: int) -> list[str]:
        return list(self._rows[row])


def _table(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(200)  # fit columns on the first rows: a 50,000-row preview is not measured
    header.setStretchLastSection(True)
    return view


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr(
            "An Excel workbook (.xlsx, .xls) or a CSV/text file (UTF-8 or GBK). You can also drop it here."))
        self.path_edit = QLineEdit(self)
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(palette.error_style())
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.setAcceptDrops(True)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the file"), self.path_edit.text(),
                                              self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv)"))
        if name:
            self.path_edit.setText(name)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.path_edit.setText(files[0])
            event.acceptProposedAction()

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        try:
            self.wiz.load_file(Path(self.path_edit.text().strip()))
        except OpenLicError as exc:
            self.error.setText(exc.message(self.wiz.lang))
            return False
        self.error.clear()
        return True


class SheetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Choose the sheet"))
        self.setSubTitle(self.tr("The sheet that holds the patent list."))
        self.sheets = QListWidget(self)
        self.sheets.setAccessibleName(self.tr("Choose the sheet"))
        self.sheets.currentRowChanged.connect(self.completeChanged)
        QVBoxLayout(self).addWidget(self.sheets)

    def initializePage(self) -> None:
        self.sheets.clear()
        chosen = 0
        for i, sheet in enumerate(self.wiz.previews):
            if sheet.layout is not None:
                text = self.tr("%1 — header in row %2, %3 columns recognised").replace("%1", sheet.name).replace(
                    "%2", str(sheet.layout.header_row)).replace("%3", str(len(sheet.layout.mapping)))
            else:
                text = self.tr("%1 — no header recognised").replace("%1", sheet.name)
            QListWidgetItem(text, self.sheets)
            if sheet.layout is not None and self.wiz.previews[chosen].layout is None:
                chosen = i
        self.sheets.setCurrentRow(chosen)

    def isComplete(self) -> bool:
        return self.sheets.currentRow() >= 0

    def validatePage(self) -> bool:
        self.wiz.choose_sheet(self.sheets.currentRow())
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr("The field recognised for each column is shown above it. Correct any that are "
                                 "wrong; the correction is remembered for files with the same headers."))
        self.header_spin = QSpinBox(self)
        self.header_spin.setAccessibleName(self.tr("Header row:"))
        self.header_spin.setRange(1, 30)
        self.header_spin.valueChanged.connect(self._header_row_changed)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.model = RowsModel(parent=self)
        self.view = _table(self.model, self)
        self.view.setAccessibleName(self.tr("Check the columns"))
        self.combos: list[QComboBox] = []
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Header row:"), self))
        top.addWidget(self.header_spin)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        self._building = False

    def initializePage(self) -> None:
        self._building = True
        self.header_spin.setValue(self.wiz.table_layout.header_row if self.wiz.table_layout else 1)
        self._building = False
        self._fill()

    def _header_row_changed(self, value: int) -> None:
        if self._building:
            return
        self.wiz.set_header_index(value - 1)
        self._fill()

    def _fill(self) -> None:
        sheet = self.wiz.sheet_preview
        layout = self.wiz.table_layout
        start = layout.header_index if layout else 0
        rows = sheet.rows[start:start + PREVIEW_ROWS + 1]
        width = max([len(r) for r in rows] or [0])
        labels = [self.tr("Field")] + [str(start + 1 + i) for i in range(len(rows))]
        self.model.set_rows([_column_letter(c) for c in range(width)], [[""] * width, *rows], labels)
        self.combos = []
        mapping = self.wiz.mapping
        for col in range(width):
            combo = QComboBox(self.view)
            combo.setAccessibleName(self.tr("Field of column %1").replace("%1", _column_letter(col)))
            for key, label in field_choices():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(col, ""))))
            combo.currentIndexChanged.connect(lambda _i, c=col: self._combo_changed(c))
            self.view.setIndexWidget(self.model.index(0, col), combo)
            self.combos.append(combo)
        self.view.resizeColumnsToContents()
        self._update_note()

    def _combo_changed(self, col: int) -> None:
        key = self.combos[col].currentData()
        self.wiz.set_field(col, key)
        if key:  # a field belongs to one column: the column that had it before goes to "not imported"
            for other, combo in enumerate(self.combos):
                if other != col and combo.currentData() == key:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._update_note()
        self.completeChanged.emit()

    def _update_note(self) -> None:
        if "number" not in self.wiz.mapping.values():
            self.note.setText(self.tr("Choose the column that holds the application numbers."))
        elif self.wiz.table_layout is not None and self.wiz.table_layout.remembered:
            self.note.setText(self.tr("A mapping you corrected earlier for these headers was applied."))
        else:
            self.note.clear()

    def isComplete(self) -> bool:
        return "number" in self.wiz.mapping.values()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("Nothing has been written yet. Check what the import will do."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.models: dict[str, RowsModel] = {}
        for key, title in (("new", self.tr("New")), ("changed", self.tr("Changed")),
                           ("confirm", self.tr("To confirm")), ("unchanged", self.tr("Unchanged")),
                           ("rejected", self.tr("Rejected")), ("notes", self.tr("Notes"))):
            model = RowsModel(parent=self)
            self.models[key] = model
            view = _table(model, self)
            view.setAccessibleName(title)
            view.verticalHeader().hide()  # the sheet row is a column of its own
            self.tabs.addTab(view, title)
        # rows of a rejected-rows file once rejected as conflicting: never written unless the user says so here
        self.confirm = QCheckBox(self)
        self.confirm.setObjectName("confirmConflicts")
        self.confirm.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.confirm)
        self.result: importing.ImportResult | None = None

    def initializePage(self) -> None:
        self.result = None
        self.confirm.setChecked(False)
        self.confirm.hide()
        self.summary.setText(self.tr("Reading the file…"))
        for model in self.models.values():
            model.set_rows([], [])
        self.completeChanged.emit()
        self.wiz.run_preview(self._show, self._failed)

    def _show(self, result: importing.ImportResult) -> None:
        self.result = result
        lang = self.wiz.lang
        skipped = sum(result.skipped.values())
        self.summary.setText(self.tr(
            "%1 rows read: %2 new, %3 changed, %4 unchanged, %5 rejected, %6 skipped (blank, footer or repeated "
            "header rows, identical duplicates).").replace("%1", str(result.rows_read)).replace(
            "%2", str(result.created)).replace("%3", str(result.updated)).replace(
            "%4", str(result.unchanged)).replace("%5", str(result.rejected)).replace("%6", str(skipped)))
        row, number, title = self.tr("Row"), self.tr("Application No."), self.tr("Title")
        self.models["new"].set_rows([row, number, title], [[str(r.row), r.number, r.title] for r in result.new_rows])
        self.models["changed"].set_rows(
            [row, number, self.tr("Field"), self.tr("Old"), self.tr("New value")],
            [[str(r.row), r.number, field_words(c.field), c.old or "", c.new or ""]
             for r in result.changed_rows for c in r.changes])
        self.models["confirm"].set_rows(
            [row, number, self.tr("Field"), self.tr("Old"), self.tr("New value")],
            [[str(r.row), r.number, field_words(c.field), c.old or "", c.new or ""]
             for r in result.unconfirmed_rows for c in r.changes])
        if result.unconfirmed_rows:
            self.confirm.setText(self.tr(
                "Also write the %1 rows under “To confirm”: they were once rejected for contradicting an earlier "
                "row, and would overwrite what was kept.").replace("%1", str(len(result.unconfirmed_rows))))
            self.confirm.show()
        self.models["unchanged"].set_rows([row, number, title],
                                          [[str(r.row), r.number, r.title] for r in result.unchanged_rows])
        # the reasons in words; the stable codes (for support and the CLI) stay out of the user's way
        self.models["rejected"].set_rows([row, self.tr("Reason")],
                                         [[str(n.row), n.message(lang)] for n in result.rejections])
        self.models["notes"].set_rows([row, self.tr("Reason")],
                                      [[str(n.row), n.message(lang)] for n in result.warnings])
        for index in range(self.tabs.count()):
            fit_columns(self.tabs.widget(index))
        # open the first tab with something in it (a re-import has no new rows: show what changed)
        for index, model in enumerate(self.models.values()):
            if model.rowCount():
                self.tabs.setCurrentIndex(index)
                break
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.summary.setText(message)

    def isComplete(self) -> bool:
        return self.result is not None


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Import"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save rejected rows…"), self)
        self.save_button.clicked.connect(self.save_rejected)
        self.save_button.setEnabled(False)
        self.saved = QLabel(self)
        self.saved.setWordWrap(True)
        # the wrong file, a column mapped to the wrong field: put the portfolio back as it was (import_history)
        self.undo_button = QPushButton(self.tr("Undo this import…"), self)
        self.undo_button.setObjectName("undoThisImportButton")
        self.undo_button.clicked.connect(lambda _checked=False: self.undo_import())
        self.undo_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.save_button)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.saved)
        layout.addStretch(1)
        self.result: importing.ImportResult | None = None
        self.finished = False

    def initializePage(self) -> None:
        self.finished = False
        self.result = None
        self.summary.setText(self.tr("Importing…"))
        self.wiz.run_import(self._done, self._failed)

    def _done(self, result: importing.ImportResult) -> None:
        self.result, self.finished = result, True
        self.setTitle(self.tr("Done"))
        self.summary.setText(self.tr("Imported %1: %2 new, %3 changed, %4 unchanged, %5 rejected.").replace(
            "%1", result.file_name).replace("%2", str(result.created)).replace("%3", str(result.updated)).replace(
            "%4", str(result.unchanged)).replace("%5", str(result.rejected)))
        self.save_button.setEnabled(bool(result.rejections))
        self.undo_button.setEnabled(result.source_id is not None and (result.created + result.updated) > 0)
        self.completeChanged.emit()

    def undo_import(self, confirm=None) -> bool:
        """Undo the import just made (see gui.importing.import_history_dialog.offer_undo); `confirm` replaces the Yes/No box."""
        from openlic_desktop.gui.importing.import_history_dialog import offer_undo

        if self.result is None or self.result.source_id is None:
            return False
        result = self.result

        def done(message: str) -> None:
            self.saved.setText(message)
            if self.wiz.on_imported is not None:
                self.wiz.on_imported(result)

        def refused(message: str) -> None:
            self.saved.setText(message)
            self.undo_button.setEnabled(True)

        self.undo_button.setEnabled(False)  # not twice while the check and the undo run
        offer_undo(self, self.wiz.ws, self.wiz.tasks, result.source_id, self.wiz.lang, on_done=done,
                   on_refused=refused, confirm=confirm, on_declined=lambda: self.undo_button.setEnabled(True))
        return True

    def _failed(self, message: str) -> None:
        self.finished = True
        self.summary.setText(message)
        self.completeChanged.emit()

    def save_rejected(self, target: str | Path | None = None,
                      confirm: Callable[[str], bool] | None = None) -> Path | None:
        """Write the rejected rows; an existing file is replaced only when the user confirms (`confirm` replaces
        the Yes/No box), and the file being imported never is."""
        if self.result is None or not self.result.rejections:
            return None
        if not target:
            suggested = Path(self.wiz.path).with_name(Path(self.wiz.path).stem + "-rejected.xlsx")
            # the overwrite question is ours (below), asked the same way on every platform
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Save rejected rows…"), str(suggested),
                                                    self.tr("Excel workbook (*.xlsx)"),
                                                    options=QFileDialog.Option.DontConfirmOverwrite)
            if not target:
                return None
        path, overwrite = Path(target), False
        try:
            importing.check_errors_out(path, self.result.source_path)
        except OpenLicError as exc:
            if exc.code != "ERRORS_OUT_EXISTS":
                self.saved.setText(exc.message(self.wiz.lang))
                return None
            question = self.tr("%1 already exists. Replace it with the rejected rows?").replace("%1", path.name)
            if confirm is not None:
                overwrite = confirm(question)
            else:
                answer = QMessageBox.question(self, self.tr("Save rejected rows…"), question,
                                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                              QMessageBox.StandardButton.No)
                overwrite = answer == QMessageBox.StandardButton.Yes
            if not overwrite:
                self.saved.setText(self.tr("Not saved: %1 was left as it was.").replace("%1", path.name))
                return None
        try:
            written = importing.write_rejections(self.result, path, self.wiz.lang, overwrite=overwrite)
        except (OpenLicError, OSError) as exc:
            self.saved.setText(exc.message(self.wiz.lang) if isinstance(exc, OpenLicError) else str(exc))
            return None
        self.saved.setText(self.tr("Rejected rows saved to %1").replace("%1", str(written)))
        return written

    def isComplete(self) -> bool:
        return self.finished


class ImportWizard(QWizard):
    """The wizard. Holds the choices (file, sheet, layout, mapping) and runs the services' jobs on `tasks`."""

    def __init__(self, ws, tasks, path: str | Path | None = None, parent: QWidget | None = None,
                 on_imported: Callable[[importing.ImportResult], None] | None = None, lang: str = "zh",
                 chunk_rows: int | None = None) -> None:
        super().__init__(parent)
        self.ws, self.tasks, self.on_imported, self.lang = ws, tasks, on_imported, lang
        self.chunk_rows = chunk_rows or importing.CHUNK_ROWS
        self.setWindowTitle(self.tr("Import patents from a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.path: Path | None = None
        self.previews: list[importing.SheetPreview] = []
        self.sheet_preview: importing.SheetPreview | None = None
        self.table_layout: importing.Layout | None = None
        self.mapping: dict[int, str] = {}
        self.cancel_event = threading.Event()
        self.file_page, self.sheet_page = FilePage(self), SheetPage(self)
        self.mapping_page, self.preview_page, self.result_page = MappingPage(self), PreviewPage(self), ResultPage(self)
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.resize(900, 620)
        if path is not None:
            self.file_page.path_edit.setText(str(path))

    # --- state -------------------------------------------------------------------------------------------------
    def load_file(self, path: Path) -> None:
        self.previews = importing.inspect_file(path, rows=30)
        self.path = path

    def choose_sheet(self, index: int) -> None:
        self.sheet_preview = self.previews[index]
        self.table_layout = self.sheet_preview.layout
        self.mapping = dict(self.table_layout.mapping) if self.table_layout else {}

    def set_header_index(self, index: int) -> None:
        self.table_layout = importing.layout_for(self.path, self.sheet_preview.name, index)
        self.mapping = dict(self.table_layout.mapping)

    def set_field(self, col: int, key: str) -> None:
        for other in [c for c, f in self.mapping.items() if f == key and c != col]:
            del self.mapping[other]
        if key:
            self.mapping[col] = key
        else:
            self.mapping.pop(col, None)

    @property
    def corrected(self) -> bool:
        return self.table_layout is None or self.mapping != self.table_layout.detected

    def _header_index(self) -> int:
        return self.table_layout.header_index if self.table_layout else 0

    # --- jobs ----------------------------------------------------------------------------------------------------
    def _message(self, exc: BaseException) -> str:
        if isinstance(exc, InterruptedError):
            return self.tr("Import cancelled; nothing was changed.")
        reason = exc.message(self.lang) if isinstance(exc, OpenLicError) else str(exc)
        return self.tr("The import failed; nothing was changed: %1").replace("%1", reason)

    def run_preview(self, on_done: Callable[[importing.ImportResult], None], on_failed: Callable[[str], None]) -> None:
        ws, path, sheet, mapping, header = self.ws, self.path, self.sheet_preview.name, dict(self.mapping), \
            self._header_index()

        def job(progress):
            return importing.run(ws, path, sheet=sheet, mapping=mapping, header_index=header, dry_run=True,
                                details=True, progress=progress)

        self.tasks.run(job, on_done=on_done, on_error=lambda exc, _t: on_failed(self._message(exc)),
                       label=self.tr("Reading the file…"), parent=self)

    def run_import(self, on_done: Callable[[importing.ImportResult], None], on_failed: Callable[[str], None]) -> None:
        ws, path, sheet, mapping, header = self.ws, self.path, self.sheet_preview.name, dict(self.mapping), \
            self._header_index()
        remember, cancel, chunk = self.corrected, self.cancel_event, self.chunk_rows
        confirm = self.preview_page.confirm.isChecked()

        def job(progress):
            def keep_going(done: int, total: int) -> bool:
                return bool(progress(done, total)) and not cancel.is_set()

            return importing.run(ws, path, sheet=sheet, mapping=mapping, header_index=header, progress=keep_going,
                                remember_mapping=remember, chunk_rows=chunk, confirm_conflicts=confirm)

        def done(result: importing.ImportResult) -> None:
            on_done(result)
            if self.on_imported is not None:
                self.on_imported(result)

        runner_cancel = self.tasks.run(job, on_done=done, on_error=lambda exc, _t: on_failed(self._message(exc)),
                                       label=self.tr("Importing…"), parent=self)
        self._runner_cancel = runner_cancel

    def cancel_import(self) -> None:
        """What the progress dialog's Cancel does; also callable before the import starts."""
        self.cancel_event.set()
