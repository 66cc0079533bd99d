"""Submission batches (申报批次) and their submissions (报送记录).

Left: the batches. Right, for the chosen batch: its patents with their readiness for the batch's bureau and what
is left to do (first blocker), with add-the-selection / remove / export; below, its submissions with status,
bureau reference, notes and what changed since the previous submission.
Thread rule: GUI thread only; the lists are small (batches of a few hundred patents), read synchronously.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
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

from openlic_desktop.gui.models.packages_models import RowsModel
from openlic_desktop.services import batches
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support import settings
from openlic_desktop.support.errors import OpenLicError
from openlic_desktop.support.messages import render

translate = QCoreApplication.translate

ZH = {
    "Submission batches": "申报批次", "Batch": "批次", "Profile": "报送配置", "Patents": "专利",
    "Submissions": "报送记录", "Last status": "最新状态", "New batch from selection…": "用选中专利新建批次…",
    "Add selected patents": "加入选中专利", "Remove": "移出", "Export this batch…": "导出本批次…",
    "Application No.": "申请号", "Ready": "就绪", "What is left to do": "待处理事项", "yes": "是", "no": "否",
    "No.": "序号", "Kind": "类型", "Date": "日期", "Status": "状态", "Bureau reference": "受理编号",
    "Notes": "备注", "Save status": "保存状态", "Changes since the previous submission": "与上次报送相比的变化",
    "Batch name": "批次名称", "added: %1": "新增：%1", "removed: %1": "移除：%1", "changed: %1": "修改：%1",
    "first submission": "首次报送", "no change": "无变化", "submission": "报送", "withdrawal": "撤回",
    "Withdraw…": "撤回…", "Reason for the withdrawal": "撤回原因", "Choose the folder for the notice": "选择撤回函保存位置",
    "Withdrawal notice written: %1": "已生成撤回函：%1",
}


def _t(text: str) -> str:
    return translate("BatchesView", text)


def _ui_labels() -> None:
    """Literal translate() calls so that lupdate sees every label used through _t()."""
    translate("BatchesView", "Submission batches")
    translate("BatchesView", "Batch")
    translate("BatchesView", "Profile")
    translate("BatchesView", "Patents")
    translate("BatchesView", "Submissions")
    translate("BatchesView", "Last status")
    translate("BatchesView", "New batch from selection…")
    translate("BatchesView", "Add selected patents")
    translate("BatchesView", "Remove")
    translate("BatchesView", "Export this batch…")
    translate("BatchesView", "Application No.")
    translate("BatchesView", "Ready")
    translate("BatchesView", "What is left to do")
    translate("BatchesView", "yes")
    translate("BatchesView", "no")
    translate("BatchesView", "No.")
    translate("BatchesView", "Kind")
    translate("BatchesView", "Date")
    translate("BatchesView", "Status")
    translate("BatchesView", "Bureau reference")
    translate("BatchesView", "Notes")
    translate("BatchesView", "Save status")
    translate("BatchesView", "Changes since the previous submission")
    translate("BatchesView", "Batch name")
    translate("BatchesView", "added: %1")
    translate("BatchesView", "removed: %1")
    translate("BatchesView", "changed: %1")
    translate("BatchesView", "first submission")
    translate("BatchesView", "no change")
    translate("BatchesView", "submission")
    translate("BatchesView", "withdrawal")
    translate("BatchesView", "Withdraw…")
    translate("BatchesView", "Reason for the withdrawal")
    translate("BatchesView", "Choose the folder for the notice")
    translate("BatchesView", "Withdrawal notice written: %1")


def _table(model: RowsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class BatchesDialog(QDialog):
    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.ws = window.ws
        self.lang = getattr(window, "lang", None) or settings.load().language or "zh"
        self.setWindowTitle(_t("Submission batches"))
        self.batch_model = RowsModel([_t("Batch"), _t("Profile"), _t("Patents"), _t("Submissions"),
                                      _t("Last status")], self)
        self.patent_model = RowsModel([_t("Application No."), _t("Ready"), _t("What is left to do")], self)
        self.sub_model = RowsModel([_t("No."), _t("Kind"), _t("Date"), _t("Status"), _t("Bureau reference"),
                                    _t("Patents"), _t("Notes")], self)
        self.batch_view = _table(self.batch_model, self)
        self.patent_view = _table(self.patent_model, self)
        self.sub_view = _table(self.sub_model, self)
        self.new_button = QPushButton(_t("New batch from selection…"), self)
        self.add_button = QPushButton(_t("Add selected patents"), self)
        self.remove_button = QPushButton(_t("Remove"), self)
        self.export_button = QPushButton(_t("Export this batch…"), self)
        self.withdraw_button = QPushButton(_t("Withdraw…"), self)
        self.status_combo = QComboBox(self)
        for s in batches.STATUSES:
            self.status_combo.addItem(batches.STATUS_ZH[s] if self.lang == "zh" else s, s)
        self.reference = QLineEdit(self)
        self.notes = QLineEdit(self)
        self.save_status = QPushButton(_t("Save status"), self)
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
        rl.addWidget(QLabel(_t("Submissions"), self))
        rl.addWidget(self.sub_view, 1)
        form = QFormLayout()
        form.addRow(_t("Status"), self.status_combo)
        form.addRow(_t("Bureau reference"), self.reference)
        form.addRow(_t("Notes"), self.notes)
        rl.addLayout(form)
        rl.addWidget(self.save_status)
        rl.addWidget(QLabel(_t("Changes since the previous submission"), self))
        rl.addWidget(self.diff_label)
        splitter = QSplitter(self)
        splitter.addWidget(self.batch_view)
        splitter.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(self.message)

        self.batch_view.selectionModel().selectionChanged.connect(self._batch_chosen)
        self.sub_view.selectionModel().selectionChanged.connect(self._submission_chosen)
        self.new_button.clicked.connect(self.new_batch)
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button.clicked.connect(self.remove_chosen)
        self.export_button.clicked.connect(self.export_batch)
        self.save_status.clicked.connect(self.apply_status)
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.reload()

    # --- data ---------------------------------------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        items = batches.list_batches(self.ws)
        self.batch_model.set_rows(
            [(b.name, b.profile_code, b.patents, b.submissions,
              (batches.STATUS_ZH.get(b.last_status, "") if self.lang == "zh" else b.last_status) or "—")
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
            return
        results = batches.batch_readiness(self.ws, batch_id)
        self.patent_model.set_rows(
            [(r.application_number, _t("yes") if r.ready else _t("no"),
              "；".join(render(f.code, self.lang, **f.params) for f in r.blockers)) for r in results],
            [r.application_number for r in results], ["ok" if r.ready else "bad" for r in results])
        subs = batches.list_submissions(self.ws, batch_id)
        self.sub_model.set_rows(
            [(s.seq, _t(s.kind), s.submitted_on.isoformat(),
              batches.STATUS_ZH[s.status] if self.lang == "zh" else s.status, s.bureau_reference, len(s.patents),
              s.notes) for s in subs], [s.id for s in subs])
        if subs:
            self.sub_view.selectRow(len(subs) - 1)
        else:
            self.diff_label.setText("")

    def _submission_chosen(self, *_args: Any) -> None:
        sid = self.current_submission()
        if sid is None:
            return
        info = batches.get_submission(self.ws, sid)
        self.status_combo.setCurrentIndex(self.status_combo.findData(info.status))
        self.reference.setText(info.bureau_reference)
        self.notes.setText(info.notes)
        diff = batches.diff_with_previous(self.ws, sid)
        if diff.previous_id is None:
            self.diff_label.setText(_t("first submission"))
        elif diff.empty:
            self.diff_label.setText(_t("no change"))
        else:
            parts = []
            if diff.added:
                parts.append(_t("added: %1").replace("%1", "、".join(diff.added)))
            if diff.removed:
                parts.append(_t("removed: %1").replace("%1", "、".join(diff.removed)))
            if diff.changed:
                parts.append(_t("changed: %1").replace(
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
        if name is None:
            name, ok = QInputDialog.getText(self, _t("New batch from selection…"), _t("Batch name"))
            if not ok or not name.strip():
                return
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
                       self.reference.text().strip(), self.notes.text().strip()) is not None:
            self.reload(bid)

    def ask_withdraw(self) -> None:
        rows = self.patent_view.selectionModel().selectedRows()
        numbers = [self.patent_model.keys[r.row()] for r in rows]
        if not numbers:
            return
        reason, ok = QInputDialog.getText(self, _t("Withdraw…"), _t("Reason for the withdrawal"))
        if not ok or not reason.strip():
            return
        folder = QFileDialog.getExistingDirectory(self, _t("Choose the folder for the notice"))
        if folder:
            self.withdraw(numbers, reason.strip(), Path(folder))

    def withdraw(self, numbers: list[str], reason: str, out_dir: Path) -> Path | None:
        """撤回函 for these patents of the batch (refused with words when a co-owner's consent is missing)."""
        bid = self.current_batch()
        if bid is None:
            return None
        result = self._guard(batches.withdraw, self.ws, bid, numbers, reason, out_dir)
        if result is None:
            return None
        self.reload(bid)
        self.message.setText(_t("Withdrawal notice written: %1").replace("%1", str(result.notice)))
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
    dialog.resize(1000, 640)
    dialog.show()
    return dialog
