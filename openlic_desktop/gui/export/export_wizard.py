"""The export wizard: profile → patents → pre-flight (blockers shown, those patents left out) → options → build with
progress and cancel → open the folder or the e-mail draft. Also installs the package menu actions (feature module).

Thread rule: GUI thread only; the pre-flight and the build run on the window's TaskRunner when there is one
(`window.tasks`), else inline (tests of the dialog on its own). Services return plain values only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from openlic_desktop.gui.models.packages_models import RowsModel
from openlic_desktop.gui.widgets import fit_columns
from openlic_desktop.services import batches, export, mailer
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support import settings
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate

def _lang(widget: QWidget | None) -> str:
    while widget is not None:
        lang = getattr(widget, "lang", None)
        if isinstance(lang, str):
            return lang
        widget = widget.parentWidget()
    return settings.load().language or "zh"


class ProfilePage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Bureau profile"))
        self.combo = QComboBox(self)
        self.bureau = QLabel(self)
        self.email = QLabel(self)
        form = QFormLayout(self)
        form.addRow(self.tr("Bureau profile"), self.combo)
        form.addRow(self.tr("Bureau"), self.bureau)
        form.addRow(self.tr("Recipient e-mail"), self.email)
        self.profiles = profile_service.load_profiles()
        for code, p in sorted(self.profiles.items(), key=lambda kv: (kv[0] != "general", kv[0])):
            self.combo.addItem(p.name, code)
        self.combo.currentIndexChanged.connect(self._show)
        self._show()

    def select(self, code: str) -> None:
        index = self.combo.findData(code)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def code(self) -> str:
        return str(self.combo.currentData())

    def _show(self) -> None:
        p = self.profiles.get(self.code())
        self.bureau.setText(p.bureau if p and p.bureau else "—")
        self.email.setText(p.email if p and p.email else self.tr("(not set)"))


class PatentsPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Patents"))
        self.wiz = wizard
        self.selected = QRadioButton(self.tr("Selected patents (%1)").replace("%1", str(len(wizard.patent_ids))), self)
        self.all_ready = QRadioButton(self.tr("Every ready patent"), self)
        self.from_batch = QRadioButton(self.tr("Patents of a batch"), self)
        self.batch_combo = QComboBox(self)
        self.batch_combo.setAccessibleName(self.tr("Patents of a batch"))
        self.group = QButtonGroup(self)
        for b in (self.selected, self.all_ready, self.from_batch):
            self.group.addButton(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.selected)
        layout.addWidget(self.all_ready)
        row = QHBoxLayout()
        row.addWidget(self.from_batch)
        row.addWidget(self.batch_combo, 1)
        layout.addLayout(row)
        for info in batches.list_batches(wizard.ws):
            self.batch_combo.addItem(info.name, info.id)
        self.from_batch.setEnabled(self.batch_combo.count() > 0)
        self.selected.setEnabled(bool(wizard.patent_ids))
        (self.selected if wizard.patent_ids else self.all_ready).setChecked(True)

    def items(self) -> list[int] | None:
        if self.all_ready.isChecked():
            return None
        if self.from_batch.isChecked():
            return batches.batch_patent_ids(self.wiz.ws, int(self.batch_combo.currentData()))
        return list(self.wiz.patent_ids)

    def batch_name(self) -> str:
        return self.batch_combo.currentText() if self.from_batch.isChecked() else ""


class PreflightPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Pre-flight"))
        self.wiz = wizard
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = RowsModel([self.tr("Application No."), self.tr("Result"), self.tr("Blockers / warnings")], self)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Pre-flight"))
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._open_patent)
        self.again = QPushButton(self.tr("Check again"), self)
        self.again.clicked.connect(self.initializePage)
        hint = QLabel(self.tr("Double-click a patent to fix it in the editor, then check again."), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.again)
        layout.addLayout(row)
        self.pre: export.Preflight | None = None
        self.ids: dict[str, int] = {}

    def initializePage(self) -> None:
        self.pre = None
        self.summary.setText(self.tr("Checking…"))
        self.model.set_rows([])
        self.completeChanged.emit()
        self.wiz.run_preflight(self._shown)

    def _shown(self, pre: export.Preflight) -> None:
        from openlic_desktop.support.messages import render

        self.pre = pre
        self.ids = {e.application_number: e.patent_id for e in pre.excluded} | {n: p for p, n in pre.included}
        lang = _lang(self)
        rows, tones, keys = [], [], []
        for e in pre.excluded:
            rows.append((e.application_number, self.tr("left out"), "；".join(e.messages) or " ".join(e.codes)))
            tones.append("bad")
            keys.append(e.application_number)
        for _pid, number in pre.included:
            warn = pre.warnings.get(number, [])
            rows.append((number, self.tr("included"), "；".join(pre.said.get(f"{c}:{number}") or render(c, lang) for c in warn)))
            tones.append("ok")
            keys.append(number)
        self.model.set_rows(rows, keys, tones)
        fit_columns(self.view)  # application numbers whole, the reasons take the rest
        self.view.resizeRowsToContents()  # a long list of reasons wraps instead of ending in "…"
        text = (self.tr("%1 patents will be packaged; %2 are left out because of blockers.")
                .replace("%1", str(len(pre.included))).replace("%2", str(len(pre.excluded))))
        if pre.fee_notes_missing:  # one grouped line: the package would go without them
            text += "\n" + pre.fee_notes_message(lang)
        self.summary.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.pre is not None and bool(self.pre.included)

    def _open_patent(self, index) -> None:
        """The patent editor (when the wizard belongs to the main window) to fix what blocks this patent."""
        window = self.wiz.parentWidget()
        number = self.model.keys[index.row()] if index.isValid() else None
        if window is None or number not in self.ids or not hasattr(window, "selected_patent_ids"):
            return
        from openlic_desktop.gui.editor.patent_editor import open_editor

        open_editor(window, self.ids[number])


class OptionsPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Options"))
        self.wiz = wizard
        self.out_dir = QLineEdit(str(Path.home() / "OpenLic"), self)
        self.out_dir.setAccessibleName(self.tr("Output folder"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse_out)
        self.template = QLineEdit(self)
        self.template.setAccessibleName(self.tr("Bureau table template (optional)"))
        browse_t = QPushButton(self.tr("Browse…"), self)
        browse_t.clicked.connect(self._browse_template)
        self.email = QCheckBox(self.tr("Write e-mail drafts (.eml)"), self)
        self.fee_notes = QCheckBox(self.tr("Include the fee-estimation notes"), self)
        self.contract = QCheckBox(self.tr("Include the contract sample"), self)
        self.batch = QLineEdit(self)
        self.batch.setAccessibleName(self.tr("Record as a submission of batch"))
        self.batch.setPlaceholderText(self.tr("Optional: a batch's name, e.g. 2026 first batch (a new name starts "
                                              "a batch); empty: no record"))
        # the bureau template's columns and what fills them: found by the import's synonyms, correctable here
        self.mapping_table = QTableWidget(0, 2, self)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Template column"), self.tr("Filled with")])
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.setVisible(False)
        self.remember_mapping = QCheckBox(self.tr("Remember this mapping in the profile"), self)
        self.remember_mapping.setVisible(False)
        self.mapping_error = QLabel(self)
        self.mapping_error.setWordWrap(True)
        self.template.editingFinished.connect(self.load_mapping)
        form = QFormLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.out_dir, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Output folder"), row)
        row2 = QHBoxLayout()
        row2.addWidget(self.template, 1)
        row2.addWidget(browse_t)
        form.addRow(self.tr("Bureau table template (optional)"), row2)
        form.addRow(self.mapping_table)
        form.addRow("", self.remember_mapping)
        form.addRow("", self.mapping_error)
        self.form = form
        self._show_mapping(False, "")
        form.addRow("", self.email)
        form.addRow("", self.fee_notes)
        form.addRow("", self.contract)
        form.addRow(self.tr("Record as a submission of batch"), self.batch)
        self.out_dir.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        profile = self.wiz.profile()
        self.email.setChecked(bool(profile.email))
        self.fee_notes.setChecked(profile.fee_note)
        self.contract.setChecked(profile.contract_sample)
        if not self.batch.text():
            self.batch.setText(self.wiz.patents_page.batch_name())

    def isComplete(self) -> bool:
        return bool(self.out_dir.text().strip())

    def _browse_out(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the output folder"), self.out_dir.text())
        if folder:
            self.out_dir.setText(folder)

    def _browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the bureau's blank table"), "",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.template.setText(path)
            self.load_mapping()

    def _show_mapping(self, shown: bool, error: str) -> None:
        """The template's columns (and the remember box) when a template is chosen, its error when it has one; a
        hidden row takes no room (an empty page would otherwise open with a gap above the check boxes)."""
        self.mapping_error.setText(error)
        for widget, visible in ((self.mapping_table, shown), (self.remember_mapping, shown),
                                (self.mapping_error, bool(error))):
            self.form.setRowVisible(widget, visible)

    def load_mapping(self) -> None:
        """Show the template's header columns with the field each is filled with (a combo box per column)."""
        from openlic_desktop.domain.profiles import TABLE_FIELDS

        self.mapping_table.setRowCount(0)
        text = self.template.text().strip()
        self._show_mapping(bool(text), "")
        if not text:
            return
        try:
            mapping = export.inspect_template(Path(text), self.wiz.profile().template_mapping)
        except OpenLicError as exc:
            self._show_mapping(False, exc.message(_lang(self)))
            return
        zh = _lang(self) == "zh"
        self.mapping_table.setRowCount(len(mapping.headers))
        for row, (col, header) in enumerate(sorted(mapping.headers.items())):
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping_table.setItem(row, 0, item)
            combo = QComboBox(self.mapping_table)
            combo.addItem(self.tr("(leave empty)"), "")
            for fld, (label_zh, label_en, _fmt) in TABLE_FIELDS.items():
                combo.addItem(label_zh if zh else label_en, fld)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(col, ""))))
            self.mapping_table.setCellWidget(row, 1, combo)

    def corrected_mapping(self) -> dict[str, str]:
        """header text → field as shown (and possibly corrected) in the table."""
        out = {}
        for row in range(self.mapping_table.rowCount()):
            combo = self.mapping_table.cellWidget(row, 1)
            out[self.mapping_table.item(row, 0).text()] = str(combo.currentData() or "")
        return out

    def options(self) -> export.ExportOptions:
        template = self.template.text().strip()
        return export.ExportOptions(Path(self.out_dir.text().strip()), Path(template) if template else None,
                                    self.email.isChecked(), fee_notes=self.fee_notes.isChecked(),
                                    contract_sample=self.contract.isChecked(), batch_name=self.batch.text().strip())


class BuildPage(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Build"))
        self.wiz = wizard
        self.build_button = QPushButton(self.tr("Build"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("Open folder"), self)
        self.open_email = QPushButton(self.tr("Open e-mail"), self)
        self.send_email = QPushButton(self.tr("Send e-mail now"), self)
        self.send_email.setToolTip(self.tr("Send the drafts over the server set in Tools → Outgoing mail server"))
        self.open_folder.setEnabled(False)
        self.open_email.setEnabled(False)
        self.send_email.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.build_button)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.open_folder)
        row.addWidget(self.open_email)
        row.addWidget(self.send_email)
        layout.addLayout(row)
        self.build_button.clicked.connect(self.wiz.build)
        self.open_folder.clicked.connect(lambda: self._open(self.wiz.result.package.parent))
        self.open_email.clicked.connect(lambda: self._open(self.wiz.result.emails[0]))
        self.send_email.clicked.connect(self.wiz.send)

    @staticmethod
    def _open(path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def isComplete(self) -> bool:
        return self.wiz.result is not None


class ExportWizard(QWizard):
    """Holds the choices; `result` is the ExportResult once built (None before and after a cancel)."""

    def __init__(self, ws, patent_ids: list[int], parent: QWidget | None = None, tasks=None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ws, self.patent_ids, self.tasks = ws, list(patent_ids), tasks
        self.today = today
        self.result: export.ExportResult | None = None
        self.error: str = ""
        self.setWindowTitle(self.tr("Export package"))
        self.profile_page = ProfilePage(self)
        self.patents_page = PatentsPage(self)
        self.preflight_page = PreflightPage(self)
        self.options_page = OptionsPage(self)
        self.build_page = BuildPage(self)
        for page in (self.profile_page, self.patents_page, self.preflight_page, self.options_page,
                     self.build_page):
            self.addPage(page)
        self.profile_page.select(settings.load().active_profile or "general")
        self.resize(860, 580)  # the pre-flight's reasons readable without widening the window

    def profile(self):
        return self.profile_page.profiles[self.profile_page.code()]

    def _run(self, job, on_done, label: str | None = None) -> None:
        if self.tasks is None:
            try:
                on_done(job(lambda done, total: True))
            except (OpenLicError, InterruptedError, OSError) as exc:
                self._failed(exc, "")
            return
        self.tasks.run(job, on_done=on_done, on_error=self._failed, label=label, parent=self)

    def run_preflight(self, on_done) -> None:
        items, code, today, lang = self.patents_page.items(), self.profile_page.code(), self.today, _lang(self)
        ws = self.ws
        self._run(lambda progress: export.preflight(ws, items, code, today, lang), on_done)

    def build(self) -> None:
        pre = self.preflight_page.pre
        if pre is None:
            return
        options = self.options_page.options()
        if options.table_template is not None and self.options_page.mapping_table.rowCount():
            mapping = self.options_page.corrected_mapping()
            if self.options_page.remember_mapping.isChecked():
                try:
                    profile_service.save_template_mapping(self.profile_page.code(), mapping)
                except OpenLicError as exc:
                    self._failed(exc, "")
                    return
            options.template_mapping = mapping
        self.result = None
        self.build_page.build_button.setEnabled(False)
        ws, lang = self.ws, _lang(self)  # read on the GUI thread; the job gets plain values only
        self._run(lambda progress: export.build(ws, pre, options, progress, lang), self._built,
                  label=self.tr("Building the package…"))

    def _built(self, result: export.ExportResult) -> None:
        self.result = result
        text = self.tr("Package written: %1").replace("%1", str(result.package))
        if result.emails:
            text += "\n" + self.tr("%1 e-mail drafts").replace("%1", str(len(result.emails)))
        self.build_page.status.setText(text)
        self.build_page.open_folder.setEnabled(True)
        self.build_page.open_email.setEnabled(bool(result.emails))
        self.build_page.send_email.setEnabled(bool(result.emails))
        self.build_page.build_button.setEnabled(True)
        self.build_page.completeChanged.emit()

    def send(self) -> None:
        """Send the drafts over SMTP (password from the OS keyring), on the worker with progress and cancel."""
        if self.result is None or not self.result.emails:
            return
        answer = QMessageBox.question(self, self.tr("Send e-mail now"), self.tr("Send %1 e-mails to %2 now?")
                                      .replace("%1", str(len(self.result.emails)))
                                      .replace("%2", self.profile().email or "—"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        paths = list(self.result.emails)
        self.build_page.send_email.setEnabled(False)
        self._run(lambda progress: mailer.send_drafts(paths, progress), self._sent, label=self.tr("Sending…"))

    def _sent(self, message_ids: list[str]) -> None:
        self.build_page.status.setText(self.build_page.status.text() + "\n"
                                       + self.tr("Sent %1 e-mails").replace("%1", str(len(message_ids))))
        self.build_page.send_email.setEnabled(True)

    def _failed(self, exc: BaseException, _trace: str) -> None:
        if isinstance(exc, InterruptedError):
            self.error = self.tr("Cancelled; nothing was written.")
        elif isinstance(exc, OpenLicError):
            self.error = self.tr("Failed: %1").replace("%1", exc.message(_lang(self)))
        else:
            self.error = self.tr("Failed: %1").replace("%1", f"{type(exc).__name__}: {exc}")
        self.build_page.status.setText(self.error)
        self.build_page.build_button.setEnabled(True)
        self.build_page.send_email.setEnabled(self.result is not None and bool(self.result.emails))
        if self.preflight_page.pre is None:
            self.preflight_page.summary.setText(self.error)
