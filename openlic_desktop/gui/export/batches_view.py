"""Submission batches (申报批次) and their submissions (报送记录).

Left: the batches. Right, for the chosen batch: its patents with their readiness for the batch's bureau and what
is left to do (first blocker), with add-the-selection / remove / export; below, its submissions with status,
bureau reference, notes and what changed since the previous submission.
Thread rule: GUI thread only; the lists are small (batches of a few hundred patents), read synchronously.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.gui import words
from openlic_desktop.gui.models.packages_models import RowsModel
from openlic_desktop.gui.widgets import plain_titles
from openlic_desktop.services import batches
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support import settings
from openlic_desktop.support.errors import OpenLicError
from openlic_desktop.support.messages import render

translate = QCoreApplication.translate

def _table(model: RowsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    plain_titles(view)
    return view


class BatchesDialog(QDialog):
    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.ws = window.ws
        self.lang = getattr(window, "lang", None) or settings.load().language or "zh"
        self.setWindowTitle(self.tr("Submission batches"))
        self.batch_model = RowsModel([self.tr("Batch"), self.tr("Profile"), self.tr("Patents"), self.tr("Submissions"),
                                      self.tr("Last status")], self)
        self.patent_model = RowsModel([self.tr("Application No."), self.tr("Ready"), self.tr("What is left to do")], self)
        self.sub_model = RowsModel([self.tr("No."), self.tr("Kind"), self.tr("Date"), self.tr("Status"),
                                    self.tr("Published by the bureau on"), self.tr("Bureau reference"),
                                    self.tr("Patents"), self.tr("Notes")], self)
        self.batch_view = _table(self.batch_model, self)
        # the name takes what is left, elided with the whole in its tooltip: a long name no longer pushes the
        # counts and the last status out of sight, the last column's title cut at the pane's edge
        self.batch_view.horizontalHeader().setStretchLastSection(False)
        self.batch_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.patent_view = _table(self.patent_model, self)
        self.sub_view = _table(self.sub_model, self)
        self.batch_view.setAccessibleName(self.tr("Batch"))
        self.patent_view.setAccessibleName(self.tr("Patents"))
        self.sub_view.setAccessibleName(self.tr("Submissions"))
        self.new_button = QPushButton(self.tr("New batch from selection…"), self)
        self.add_button = QPushButton(self.tr("Add selected patents"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.export_button = QPushButton(self.tr("Export this batch…"), self)
        self.withdraw_button = QPushButton(self.tr("Withdraw selected…"), self)
        self.status_combo = QComboBox(self)
        for s in batches.STATUSES:
            self.status_combo.addItem(words.word(words.SUBMISSION_STATUSES, s), s)
        # the bureau's own publication day (公开日) the contracts recite; unticked, the day it is marked published
        self.published_check = QCheckBox(self.tr("Published by the bureau on"), self)
        self.published_on = QDateEdit(self)
        self.published_on.setObjectName("publishedOn")
        self.published_on.setCalendarPopup(True)
        self.published_on.setDisplayFormat("yyyy-MM-dd")
        self.published_on.setAccessibleName(self.tr("Published by the bureau on"))
        self.published_on.setDate(QDate.currentDate())
        self.published_on.setMaximumDate(QDate.currentDate())
        self.reference = QLineEdit(self)
        self.notes = QLineEdit(self)
        self.save_status = QPushButton(self.tr("Save status"), self)
        self.diff_label = QLabel(self)
        self.diff_label.setWordWrap(True)
        self.message = QLabel(self)

        buttons = QHBoxLayout()
        for b in (self.new_button, self.add_button, self.remove_button, self.export_button, self.withdraw_button):
            buttons.addWidget(b)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.addLayout(buttons)
        rl.addWidget(self.patent_view, 2)
        rl.addWidget(QLabel(self.tr("Submissions"), self))
        rl.addWidget(self.sub_view, 1)
        form = QFormLayout()
        form.addRow(self.tr("Status"), self.status_combo)
        published = QHBoxLayout()
        published.addWidget(self.published_check)
        published.addWidget(self.published_on)
        published.addStretch(1)
        form.addRow(self.tr("Publication date"), published)
        form.addRow(self.tr("Bureau reference"), self.reference)
        form.addRow(self.tr("Notes"), self.notes)
        rl.addLayout(form)
        rl.addWidget(self.save_status)
        rl.addWidget(QLabel(self.tr("Changes since the previous submission"), self))
        rl.addWidget(self.diff_label)
        splitter = QSplitter(self)
        splitter.addWidget(self.batch_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        # the batches' names and profiles whole on the left (a profile's name is long), the row of buttons right
        splitter.setSizes([480, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(self.message)

        self.batch_view.selectionModel().selectionChanged.connect(self._batch_chosen)
        self.sub_view.selectionModel().selectionChanged.connect(self._submission_chosen)
        self.patent_view.selectionModel().selectionChanged.connect(lambda *_: self._patent_actions())
        self.new_button.clicked.connect(self.new_batch)
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button.clicked.connect(self.remove_chosen)
        self.export_button.clicked.connect(self.export_batch)
        self.save_status.clicked.connect(self.apply_status)
        self.status_combo.currentIndexChanged.connect(lambda *_: self._publication_fields())
        self.published_check.toggled.connect(lambda *_: self._publication_fields())
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.reload()

    # --- data ---------------------------------------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        items = batches.list_batches(self.ws)
        profiles = profile_service.load_profiles()
        self.batch_model.set_rows(
            [(b.name, profiles[b.profile_code].name if b.profile_code in profiles else b.profile_code, b.patents,
              b.submissions,
              words.word(words.SUBMISSION_STATUSES, b.last_status) or "—")
             for b in items], [b.id for b in items])
        if items:
            row = self.batch_model.keys.index(keep) if keep in self.batch_model.keys else 0
            self.batch_view.selectRow(row)
        else:
            self._show_batch(None)

    def current_batch(self) -> int | None:
        rows = self.batch_view.selectionModel().selectedRows()
        return self.batch_model.keys[rows[0].row()] if rows else None

    def current_submission(self) -> int | None:
        rows = self.sub_view.selectionModel().selectedRows()
        return self.sub_model.keys[rows[0].row()] if rows else None

    def _batch_chosen(self, *_args: Any) -> None:
        self._show_batch(self.current_batch())

    def _show_batch(self, batch_id: int | None) -> None:
        if batch_id is None:
            self.patent_model.set_rows([])
            self.sub_model.set_rows([])
            self.diff_label.setText(self.tr("Choose a batch, then one of its submissions."))
            self._patent_actions()
            self._submission_fields(False)
            return
        results = batches.batch_readiness(self.ws, batch_id)
        self.patent_model.set_rows(
            [(r.application_number, self.tr("yes") if r.ready else self.tr("no"),
              "；".join(render(f.code, self.lang, **f.params) for f in r.blockers)) for r in results],
            [r.application_number for r in results], ["ok" if r.ready else "bad" for r in results])
        self._patent_actions()  # the reset dropped the selection without a signal
        subs = batches.list_submissions(self.ws, batch_id)
        self.sub_model.set_rows(
            [(s.seq, words.word(words.SUBMISSION_KINDS, s.kind), s.submitted_on.isoformat(),
              words.word(words.SUBMISSION_STATUSES, s.status),
              s.published_on.isoformat() if s.published_on else "", s.bureau_reference, len(s.patents),
              s.notes) for s in subs], [s.id for s in subs])
        if subs:
            self.sub_view.selectRow(len(subs) - 1)
        else:
            self.diff_label.setText(self.tr("This batch has not been submitted yet."))
            self._submission_fields(False)

    def _patent_actions(self) -> None:
        """Withdraw and remove act on the patents selected in the batch: without one they are off, and say why."""
        chosen = bool(self.patent_view.selectionModel().selectedRows())
        for button in (self.withdraw_button, self.remove_button):
            button.setEnabled(chosen)
        if chosen:
            self.withdraw_button.setToolTip(
                self.tr("Write the withdrawal notice for the patents selected in this batch"))
            self.remove_button.setToolTip(self.tr("Take the selected patents out of this batch"))
        else:
            why = self.tr("Select one or more of this batch's patents in the list below first")
            self.withdraw_button.setToolTip(why)
            self.remove_button.setToolTip(why)

    def _submission_fields(self, chosen: bool) -> None:
        """The status, reference and notes belong to one submission: without one chosen they are off, and say
        why (saving did nothing)."""
        why = "" if chosen else self.tr("Choose a submission in the list above first")
        for widget in (self.status_combo, self.reference, self.notes, self.save_status):
            widget.setEnabled(chosen)
            widget.setToolTip(why)
        self._publication_fields()

    def _publication_fields(self) -> None:
        """The bureau's publication day belongs to a submission marked published."""
        can = self.status_combo.isEnabled() and self.status_combo.currentData() == "published"
        self.published_check.setEnabled(can)
        self.published_on.setEnabled(can and self.published_check.isChecked())
        self.published_check.setToolTip("" if can else self.tr("Only a submission marked published has one"))

    def publication_day(self):
        """The day entered for the bureau's publication, or None (not ticked, or not marked published)."""
        if not self.published_check.isEnabled() or not self.published_check.isChecked():
            return None
        return self.published_on.date().toPython()

    def _submission_chosen(self, *_args: Any) -> None:
        sid = self.current_submission()
        self._submission_fields(sid is not None)
        if sid is None:
            self.diff_label.setText(self.tr("Choose a submission to see what changed since the one before."))
            return
        info = batches.get_submission(self.ws, sid)
        self.status_combo.setCurrentIndex(self.status_combo.findData(info.status))
        self.reference.setText(info.bureau_reference)
        self.notes.setText(info.notes)
        self.published_check.setChecked(info.published_on is not None)
        if info.published_on is not None:
            self.published_on.setDate(QDate(info.published_on.year, info.published_on.month, info.published_on.day))
        self._publication_fields()
        diff = batches.diff_with_previous(self.ws, sid)
        if diff.previous_id is None:
            self.diff_label.setText(self.tr("first submission"))
        elif diff.empty:
            self.diff_label.setText(self.tr("no change"))
        else:
            parts = []
            if diff.added:
                parts.append(self.tr("added: %1").replace("%1", "、".join(diff.added)))
            if diff.removed:
                parts.append(self.tr("removed: %1").replace("%1", "、".join(diff.removed)))
            if diff.changed:
                parts.append(self.tr("changed: %1").replace(
                    "%1", "；".join(f"{n}（{', '.join(f)}）" for n, f in diff.changed.items())))
            self.diff_label.setText("\n".join(parts))

    # --- actions -------------------------------------------------------------------------------------------
    def _guard(self, fn, *args: Any) -> Any:
        try:
            result = fn(*args)
        except OpenLicError as exc:
            self.message.setText(exc.message(self.lang))
            return None
        self.message.setText("")
        return result

    def new_batch(self, name: str | None = None, profile_code: str | None = None) -> None:
        if name is None:  # a new batch asks for its name and its bureau profile
            from openlic_desktop.gui.batchwork.profile_dialog import NewBatchDialog

            dialog = NewBatchDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            name, profile_code = dialog.name.text(), dialog.code()
        code = profile_code or settings.load().active_profile or "general"
        if code not in profile_service.load_profiles():
            code = "general"
        info = self._guard(batches.create_batch, self.ws, name, code, self.window_.selected_patent_ids())
        if info is not None:
            self.reload(info.id)

    def add_selected(self) -> None:
        bid = self.current_batch()
        if bid is not None and self._guard(batches.add_patents, self.ws, bid,
                                           self.window_.selected_patent_ids()) is not None:
            self.reload(bid)

    def remove_chosen(self) -> None:
        bid = self.current_batch()
        rows = self.patent_view.selectionModel().selectedRows()
        numbers = [self.patent_model.keys[r.row()] for r in rows]
        if bid is not None and numbers and self._guard(batches.remove_patents, self.ws, bid, numbers) is not None:
            self.reload(bid)

    def apply_status(self) -> None:
        sid, bid = self.current_submission(), self.current_batch()
        if sid is None:
            return
        if self._guard(batches.set_status, self.ws, sid, str(self.status_combo.currentData()),
                       self.reference.text().strip(), self.notes.text().strip(),
                       self.publication_day()) is not None:
            self.reload(bid)

    def ask_withdraw(self) -> None:
        rows = self.patent_view.selectionModel().selectedRows()
        numbers = [self.patent_model.keys[r.row()] for r in rows]
        if not numbers:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Withdraw…"), self.tr("Reason for the withdrawal"))
        if not ok or not reason.strip():
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder for the notice"))
        if folder:
            self.withdraw(numbers, reason.strip(), Path(folder))

    def withdraw(self, numbers: list[str], reason: str, out_dir: Path) -> Path | None:
        """撤回函 for these patents of the batch (refused with words when a co-owner's consent is missing)."""
        bid = self.current_batch()
        if bid is None:
            return None
        from openlic_desktop.services import withdrawals

        result = self._guard(withdrawals.withdraw, self.ws, bid, numbers, reason, out_dir)
        if result is None:
            return None
        self.reload(bid)
        self.message.setText(self.tr("Withdrawal notice written: %1").replace("%1", str(result.notice)))
        return result.notice

    def export_batch(self):
        from openlic_desktop.gui.export.export_wizard import ExportWizard

        bid = self.current_batch()
        if bid is None:
            return None
        info = batches.get_batch(self.ws, bid)
        wizard = ExportWizard(self.ws, batches.batch_patent_ids(self.ws, bid), self,
                              getattr(self.window_, "tasks", None))
        wizard.profile_page.select(info.profile_code)
        wizard.options_page.batch.setText(info.name)
        wizard.show()
        return wizard


def open_batches(window: Any) -> BatchesDialog | None:
    if getattr(window, "ws", None) is None:
        return None
    dialog = BatchesDialog(window, window)
    dialog.resize(1240, 640)
    dialog.show()
    return dialog
