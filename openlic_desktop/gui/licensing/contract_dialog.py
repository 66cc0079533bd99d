"""The contract dialog: the patents selected in the portfolio, one or more licensees, a template (the shipped one
or the office's own), the template check, a text preview, and drafting to a folder on the window's worker with
progress and cancel (all-or-nothing: cancel leaves the folder as it was).

Thread rule: the widgets live on the GUI thread; the drafting job gets plain values (ids, paths, a date) and
returns a list of `Drafted` values.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.gui.licensing.parties_view import ContractOptions
from openlic_desktop.gui.models.licensing_models import LicenseeModel
from openlic_desktop.gui.widgets import RememberedColumns, fit_columns_in_chars, patent_list
from openlic_desktop.services.licensing import drafting, licensees
from openlic_desktop.services.portfolio import rows as patent_rows
from openlic_desktop.support.errors import OpenLicError

LICENSEE_COLUMNS_SETTING = "contract/licensee_columns"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ContractDialog(QDialog):
    drafted = Signal(object)  # list[Drafted]

    def __init__(self, window, patent_ids: list[int] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ref = window
        self.ws = window.ws
        self.lang = getattr(window, "lang", "zh")
        self.patent_ids = list(patent_ids if patent_ids is not None else window.selected_patent_ids())
        self.setWindowTitle(self.tr("Draft contracts"))
        self.resize(1120, 640)
        self.result_paths: list[Path] = []

        rows = patent_rows(self.ws, self.patent_ids) if self.patent_ids else {}
        self.patents_label = patent_list(self, rows, self.patent_ids)
        self.patents_label.setAccessibleName(self.tr("Patents"))
        if not self.patent_ids:
            self.patents_label.addItem(self.tr("Select patents in the portfolio first."))

        self.licensee_model = LicenseeModel(self)
        self.licensee_model.set_items(licensees.list_licensees(self.ws))
        self.licensee_table = QTableView()
        self.licensee_table.setAccessibleName(self.tr("Licensees (select one or more)"))
        self.licensee_table.setModel(self.licensee_model)
        self.licensee_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.licensee_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.licensee_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.licensee_table.horizontalHeader().setStretchLastSection(True)
        self.licensee_columns = RememberedColumns(self.licensee_table, LICENSEE_COLUMNS_SETTING, self.finished)
        if not self.licensee_columns.restore():
            self.licensee_columns.place(lambda: fit_columns_in_chars(self.licensee_table, LicenseeModel.WIDTHS))
        rows_shown = self.licensee_table.verticalHeader().defaultSectionSize() * 4  # four licensees, then scroll
        self.licensee_table.setMinimumHeight(rows_shown + self.licensee_table.horizontalHeader().sizeHint().height()
                                             + self.licensee_table.horizontalScrollBar().sizeHint().height() + 4)
        self.licensee_table.selectionModel().selectionChanged.connect(lambda *_: self.update_preview())

        self.template_edit = QLineEdit()
        self.template_edit.setAccessibleName(self.tr("Template"))
        self.template_edit.setPlaceholderText(self.tr("Shipped template"))
        self.template_edit.editingFinished.connect(self.check_template)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.choose_template)
        shipped = QPushButton(self.tr("Use shipped"))
        shipped.clicked.connect(lambda: self.set_template(""))
        self.check_button = QPushButton(self.tr("Check template"))
        self.check_button.clicked.connect(self.check_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit, 1)
        for b in (browse, shipped, self.check_button):
            template_row.addWidget(b)

        self.date_edit = QDateEdit(_qdate(date.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.dateChanged.connect(lambda _d: self.update_preview())
        self.out_edit = QLineEdit()
        self.out_edit.setAccessibleName(self.tr("Output folder"))
        out_browse = QPushButton(self.tr("Browse…"))
        out_browse.clicked.connect(self.choose_folder)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(out_browse)
        self.pdf_check = QCheckBox(self.tr("Also PDF (LibreOffice)"))
        if not drafting.pdf_available():
            self.pdf_check.setEnabled(False)
            self.pdf_check.setToolTip(self.tr("PDF needs LibreOffice, which was not found"))

        self.options = ContractOptions(self.ws, self.patent_ids, self)  # licensors per set, regime, override
        self.options.changed.connect(self.update_preview)
        form = QFormLayout()
        form.addRow(self.tr("Patents"), self.patents_label)
        for label, field in self.options.rows:
            form.addRow(label, field)
        form.addRow(self.tr("Template"), template_row)
        form.addRow(self.tr("Contract takes effect on"), self.date_edit)
        form.addRow(self.tr("Output folder"), out_row)
        form.addRow("", self.pdf_check)

        self.check_text = QPlainTextEdit()
        self.check_text.setAccessibleName(self.tr("Check template"))
        self.check_text.setReadOnly(True)
        self.check_text.setMaximumBlockCount(500)
        self.check_text.setMinimumHeight(3 * self.check_text.fontMetrics().lineSpacing() + 12)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setAccessibleName(self.tr("Preview"))
        self.preview_text.setReadOnly(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Licensees (select one or more)")))
        left_layout.addWidget(self.licensee_table, 3)
        left_layout.addWidget(QLabel(self.tr("Check template")))
        left_layout.addWidget(self.check_text, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Preview")))
        right_layout.addWidget(self.preview_text)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        # the licensees are what the user chooses here: their table gets the wider side, the preview the rest
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([680, 420])

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.draft_button = self.buttons.addButton(self.tr("Draft"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.draft_button.clicked.connect(self.draft)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.check_template()
        self.update_preview()

    # --- template ------------------------------------------------------------------------------------------
    def template_path(self) -> Path:
        text = self.template_edit.text().strip()
        return Path(text) if text else drafting.default_template_path()

    def set_template(self, path: str) -> None:
        self.template_edit.setText(path)
        self.check_template()
        self.update_preview()

    def choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a contract template"), "",
                                              self.tr("Word documents (*.docx)"))
        if path:
            self.set_template(path)

    def check_template(self) -> bool:
        try:
            check = drafting.check_template(self.template_path())
        except OpenLicError as exc:
            self.check_text.setPlainText(exc.message(self.lang))
            return False
        if check.ok:
            self.check_text.setPlainText(self.tr("Template version %1: no problems found.")
                                         .replace("%1", check.version))
            return True
        lines = [self.tr("Template version %1: %2 problem(s):").replace("%1", check.version)
                 .replace("%2", str(len(check.defects)))]
        from openlic_desktop.support.messages import render

        for d in check.defects:
            lines.append("• " + render(d.code, self.lang, where=d.where or "—", detail=d.detail))
        self.check_text.setPlainText("\n".join(lines))
        return False

    # --- licensees, preview --------------------------------------------------------------------------------
    def selected_licensee_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.licensee_table.selectionModel().selectedRows()})
        return [rec.id for rec in (self.licensee_model.item(r) for r in rows) if rec is not None]

    def effective(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def update_preview(self) -> None:
        if not self.patent_ids:
            self.preview_text.clear()
            return
        ids = self.selected_licensee_ids()
        try:
            text = drafting.preview_text(self.ws, self.patent_ids, ids[0] if ids else None, self.template_path(),
                                         self.effective(), regime=self.options.regime())
        except OpenLicError as exc:
            text = exc.message(self.lang)
        self.preview_text.setPlainText(text)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the output folder"))
        if path:
            self.out_edit.setText(path)

    # --- drafting ------------------------------------------------------------------------------------------
    def draft(self) -> None:
        if not self.patent_ids:
            self.error_label.setText(self.tr("Select patents in the portfolio first."))
            return
        licensee_ids = self.selected_licensee_ids()
        if not licensee_ids:
            self.error_label.setText(self.tr("Choose at least one licensee."))
            return
        folder = self.out_edit.text().strip()
        if not folder:
            self.error_label.setText(self.tr("Choose an output folder."))
            return
        try:
            regime, override = self.options.regime(), self.options.override(self.ws.user)
        except OpenLicError as exc:
            self.error_label.setText(exc.message(self.lang))
            return
        self.error_label.clear()
        self.draft_button.setEnabled(False)
        ws, patent_ids, template = self.ws, list(self.patent_ids), self.template_edit.text().strip() or None
        effective, pdf = self.effective(), self.pdf_check.isChecked()

        def job(progress):
            return drafting.draft_batch(ws, patent_ids, licensee_ids, folder, template=template,
                                        effective=effective, pdf=pdf, progress=progress, regime=regime,
                                        override=override)

        self.window_ref.tasks.run(job, on_done=self._done, on_error=self._failed,
                                  label=self.tr("Drafting contracts…"), parent=self)

    def _done(self, drafted) -> None:
        self.draft_button.setEnabled(True)
        self.result_paths = [d.path for d in drafted]
        message = (self.tr("%1 contract(s) written to %2").replace("%1", str(len(drafted)))
                   .replace("%2", self.out_edit.text().strip()))
        self.error_label.setText(message)
        status = getattr(self.window_ref, "statusBar", None)
        if callable(status):
            status().showMessage(message, 10000)
        self.drafted.emit(drafted)

    def _failed(self, exc: BaseException, trace: str) -> None:
        self.draft_button.setEnabled(True)
        if isinstance(exc, InterruptedError):
            self.error_label.setText(self.tr("Cancelled: nothing was written."))
        elif isinstance(exc, OpenLicError):
            self.error_label.setText(exc.message(self.lang))
        else:
            self.error_label.setText(f"{type(exc).__name__}: {exc}")
