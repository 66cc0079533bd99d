"""The Reports & attachments tab: evaluation and search reports (with number, date, conclusion, claims with
defects), sealed commitment letters, consents and other files. Files are attached by the button or dropped on the
editor; a report's details can be typed before or corrected after (select it, change them, "Save details").

Every change is one undoable command, except removing a file: its stored copy goes with its last use, so there is
nothing to put back. Thread rule: GUI thread; the read runs on the worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from openlic_desktop.domain.readiness import LOOSE_ATTACHMENT_KINDS, REPORT_KINDS
from openlic_desktop.gui import ops, words
from openlic_desktop.gui.editor.editor_tabs import EditorTab, ReadContext
from openlic_desktop.gui.editor.ownership_tab import date_of, iso
from openlic_desktop.gui.widgets import plain_table, selected_key, two_column_form
from openlic_desktop.services import attachments
from openlic_desktop.support.errors import OpenLicError


class ReportsTab(EditorTab):
    KEY = "reports"
    ASPECTS = frozenset({ops.ATTACHMENTS, ops.CONSENTS})

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.items: list[attachments.AttachmentInfo] = []
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Drop PDF, OFD, JPEG or PNG files on this window to attach them."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = plain_table(self, "attachmentTable", [
            self.tr("Kind"), self.tr("File name"), self.tr("Report no."), self.tr("Report date"),
            self.tr("Conclusion"), self.tr("Claims with defects"), self.tr("Stored file")])
        self.table.setAccessibleName(self.tr("Attachments"))
        self.table.doubleClicked.connect(lambda _index: self.open_attachment())
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)
        self.kind = QComboBox(self)
        self.kind.setObjectName("attKind")
        for kind in LOOSE_ATTACHMENT_KINDS:  # a pledgee's consent is added on the Ownership tab, to its pledge
            self.kind.addItem(words.word(words.ATTACHMENT_KINDS, kind), kind)
        self.conclusion = QComboBox(self)
        self.conclusion.setObjectName("attConclusion")
        for value, label in words.choices(words.CONCLUSIONS):
            self.conclusion.addItem(label, value)
        self.report_no = QLineEdit(self)
        self.report_no.setObjectName("attReportNo")
        self.report_date = QLineEdit(self)
        self.report_date.setObjectName("attDate")
        self.report_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.claims = QLineEdit(self)
        self.claims.setObjectName("attClaims")
        self.claims.setPlaceholderText(self.tr("e.g. 3, 5–7"))
        form = two_column_form(self, (
            ((self.tr("Kind"), self.kind), (self.tr("Conclusion"), self.conclusion)),
            ((self.tr("Report no."), self.report_no), (self.tr("Report date"), self.report_date)),
            ((self.tr("Claims with defects"), self.claims),)))
        layout.addLayout(form)
        buttons = QHBoxLayout()
        attach = QPushButton(self.tr("Attach file…"), self)
        attach.setObjectName("attachFile")
        attach.clicked.connect(self.choose_files)
        self.save_details_button = QPushButton(self.tr("Save details"), self)
        self.save_details_button.setObjectName("saveReportDetails")
        self.save_details_button.setToolTip(self.tr("Correct the details of the selected report"))
        self.save_details_button.clicked.connect(self.save_details)
        open_button = QPushButton(self.tr("Open"), self)
        open_button.setObjectName("openAttachment")
        open_button.clicked.connect(self.open_attachment)
        remove = QPushButton(self.tr("Remove selected"), self)
        remove.setObjectName("removeAttachment")
        remove.clicked.connect(self.remove_attachment)
        buttons.addStretch(1)
        for button in (attach, self.save_details_button, open_button, remove):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self._selected()

    def title(self) -> str:
        return self.tr("Reports && attachments")

    @staticmethod
    def read(ctx: ReadContext) -> Any:
        return attachments.list_attachments(ctx.ws, ctx.patent_id, verify=True, quick=True)

    def show(self, items: list[attachments.AttachmentInfo]) -> None:
        selected = selected_key(self.table)
        self.items = list(items)
        self.table.setRowCount(len(items))
        for row, a in enumerate(items):
            values = (words.word(words.ATTACHMENT_KINDS, a.kind), a.name, a.report_no, iso(a.report_date),
                      words.word(words.CONCLUSIONS, a.conclusion), a.claims, words.word(words.FILE_STATES, a.state))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.table.setItem(row, col, item)
            if a.id == selected:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self._selected()

    def focus_field(self, name: str) -> None:
        self.kind.setFocus()

    def _kind_changed(self, *_args: Any) -> None:
        report = self.kind.currentData() in REPORT_KINDS
        for widget in (self.conclusion, self.report_no, self.report_date, self.claims):
            widget.setEnabled(report)

    def selected(self) -> attachments.AttachmentInfo | None:
        key = selected_key(self.table)
        return next((a for a in self.items if a.id == key), None)

    def _selected(self) -> None:
        """Selecting a report shows its details in the fields, ready to be corrected."""
        info = self.selected()
        self.save_details_button.setEnabled(info is not None and info.kind in REPORT_KINDS)
        if info is None or info.kind not in REPORT_KINDS:
            return
        self.kind.setCurrentIndex(max(0, self.kind.findData(info.kind)))
        self.conclusion.setCurrentIndex(max(0, self.conclusion.findData(info.conclusion)))
        self.report_no.setText(info.report_no)
        self.report_date.setText(iso(info.report_date))
        self.claims.setText(info.claims)

    def _details(self) -> attachments.ReportDetails:
        return attachments.ReportDetails(self.report_no.text(), date_of(self.report_date),
                                         self.conclusion.currentData(), self.claims.text())

    # --- edits --------------------------------------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach file…"), "",
                                                self.tr("PDF, OFD, JPEG or PNG files (*.pdf *.ofd *.jpg *.jpeg *.png)"))
        for name in files:
            self.attach(Path(name))

    def attach(self, path: Path) -> bool:
        kind = self.kind.currentData()
        report = kind in REPORT_KINDS
        try:
            details = self._details() if report else attachments.ReportDetails()
        except OpenLicError as exc:
            self.editor.show_message(exc.message(self.editor.lang), error=True)
            return False
        ws, pid = self.editor.ws, self.editor.patent_id

        def do():
            return attachments.add_attachment(ws, pid, path, kind, details.conclusion if report else None,
                                              details.report_no, details.report_date, details.claims, source="gui")

        def undo(info):
            if not info.duplicate:
                attachments.remove_attachment(ws, info.id, source="gui")

        self.editor.edit(self.tr("Attach %1").replace("%1", path.name), do, undo,
                         ops.Changes.of([pid], ops.ATTACHMENTS), keep=lambda info: not info.duplicate)
        return True

    def save_details(self) -> None:
        info = self.selected()
        if info is None or info.kind not in REPORT_KINDS:
            return
        try:
            details = self._details()
        except OpenLicError as exc:
            self.editor.show_message(exc.message(self.editor.lang), error=True)
            return
        ws, att_id = self.editor.ws, info.id
        self.editor.edit(self.tr("Correct the details of %1").replace("%1", info.name),
                         lambda: attachments.update_report_details(ws, att_id, details, source="gui"),
                         lambda old: attachments.update_report_details(ws, att_id, old, source="gui"),
                         ops.Changes.of([self.editor.patent_id], ops.ATTACHMENTS))

    def remove_attachment(self) -> None:
        info = self.selected()
        if info is None:
            return
        ws, att_id = self.editor.ws, info.id
        self.editor.run(lambda: attachments.remove_attachment(ws, att_id, source="gui"),
                        ops.Changes.of([self.editor.patent_id], ops.ATTACHMENTS))

    def open_attachment(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        try:  # a hash of a file on disk: quick enough here, and the answer is needed before opening it
            path = attachments.verified_path(self.editor.ws, info.id)
        except OpenLicError as exc:
            self.editor.show_message(exc.message(self.editor.lang), error=True)
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
