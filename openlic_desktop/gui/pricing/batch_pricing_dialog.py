"""Batch pricing: one set of terms (a preset or typed) for the selected patents, with a preview of the patents that
would break a rule and why, apply, and undo of the last application. Also installs the pricing columns of the
portfolio table and registers the pricing tab of the patent editor.

Thread rule: GUI thread only. Preview, apply and undo are short synchronous service calls (one transaction each;
about two seconds for 10,000 patents, see bench_pricing.py), so the dialog does not hand them to the
TaskRunner.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.domain.pricing import PricingTerms
from openlic_desktop.gui.editor.editor_tabs import register_tab
from openlic_desktop.gui.models.portfolio_model import Column, register_column
from openlic_desktop.gui.pricing.pricing_tab import PricingTab, TermsForm, active_profile, finding_text, ui_lang
from openlic_desktop.gui.widgets import ReadOnlyRowsModel
from openlic_desktop.services import pricing
from openlic_desktop.services.pricing import PreviewRow
from openlic_desktop.support import settings
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls


class PreviewModel(ReadOnlyRowsModel):
    """The rule breakers of a preview: number, title, reasons (blockers first)."""

    HEADERS = (QT_TRANSLATE_NOOP("PreviewModel", "Application No."), QT_TRANSLATE_NOOP("PreviewModel", "Title"),
               QT_TRANSLATE_NOOP("PreviewModel", "Why"))
    CONTEXT = "PreviewModel"

    def __init__(self, lang: str = "zh", parent=None) -> None:
        super().__init__(parent)
        self.lang = lang

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: PreviewRow | None = self.row_at(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return row.application_number
            if index.column() == 1:
                return row.title
            ordered = sorted(row.findings, key=lambda f: not f.is_blocker)
            return "；".join(finding_text(f, self.lang) for f in ordered)
        if role == Qt.ItemDataRole.UserRole:
            return row.patent_id
        return None


class PricingBatchDialog(QDialog):
    """Terms for a selection: pick a preset or type terms, preview the rule breakers, apply, undo."""

    applied = Signal()

    def __init__(self, ws, patent_ids: Sequence[int], parent: QWidget | None = None, lang: str | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.patent_ids = list(patent_ids)
        self.lang = lang or ui_lang(parent)
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Batch pricing"))
        layout = QVBoxLayout(self)
        self.count_label = QLabel(self.tr("%1 patents selected").replace("%1", str(len(self.patent_ids))))
        layout.addWidget(self.count_label)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Preset")))
        self.preset = QComboBox()
        row.addWidget(self.preset, 1)
        layout.addLayout(row)
        self.form = TermsForm()
        layout.addWidget(self.form)
        save_row = QHBoxLayout()
        self.preset_name = QLineEdit()
        self.preset_name.setPlaceholderText(self.tr("Preset name"))
        self.save_preset_button = QPushButton(self.tr("Save as preset"))
        self.save_preset_button.clicked.connect(self.save_preset)
        save_row.addWidget(self.preset_name, 1)
        save_row.addWidget(self.save_preset_button)
        layout.addLayout(save_row)
        self.skip_breakers = QCheckBox(self.tr("Skip patents that break a rule"))
        self.skip_breakers.setChecked(True)
        layout.addWidget(self.skip_breakers)
        self.preview_model = PreviewModel(self.lang, self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.preview_view, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = buttons.addButton(self.tr("Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button = buttons.addButton(self.tr("Undo last batch pricing"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.run_preview)
        self.apply_button.clicked.connect(self.apply)
        self.undo_button.clicked.connect(self.undo)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._presets: list[pricing.Preset] = []
        self._fill_presets()
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.form.edited.connect(self._form_edited)
        self._preset_chosen()
        self._update_undo()
        self.resize(760, 640)

    # --- presets ------------------------------------------------------------------------------------------
    def _fill_presets(self, select: str | None = None) -> None:
        self._presets = pricing.list_presets(self.ws)
        self.preset.blockSignals(True)
        self.preset.clear()
        for p in self._presets:
            self.preset.addItem(p.name, p.name)
        self.preset.addItem(self.tr("Custom terms"), None)
        if select is not None:
            self.preset.setCurrentIndex(max(self.preset.findData(select), 0))
        self.preset.blockSignals(False)

    def _preset_chosen(self, *_args: Any) -> None:
        name = self.preset.currentData()
        preset = next((p for p in self._presets if p.name == name), None)
        if preset is not None:
            self.form.blockSignals(True)
            self.form.set_terms(preset.terms)
            self.form.blockSignals(False)
        self.preview_model.set_rows([])

    def _form_edited(self) -> None:
        """Typing into the form makes the terms custom (the preset itself is not changed)."""
        name = self.preset.currentData()
        preset = next((p for p in self._presets if p.name == name), None)
        try:
            same = preset is not None and self.form.terms() == preset.terms
        except OpenLicError:
            same = False
        if preset is not None and not same:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(self.preset.count() - 1)
            self.preset.blockSignals(False)
        self.preview_model.set_rows([])

    def current_label(self) -> str:
        return self.preset.currentData() or ""

    def terms(self) -> PricingTerms | None:
        try:
            return self.form.terms().check_consistent(complete=True)
        except OpenLicError as exc:
            self.message.setText(exc.message(self.lang))
            return None

    def save_preset(self) -> None:
        terms = self.terms()
        if terms is None:
            return
        try:
            preset = pricing.save_preset(self.ws, self.preset_name.text(), terms)
        except OpenLicError as exc:
            self.message.setText(exc.message(self.lang))
            return
        self._fill_presets(select=preset.name)
        self.message.setText(self.tr("Preset saved."))

    # --- preview, apply, undo -----------------------------------------------------------------------------
    def run_preview(self) -> list[PreviewRow] | None:
        terms = self.terms()
        if terms is None:
            return None
        rows = pricing.preview(self.ws, self.patent_ids, terms, profile=active_profile(), today=self.today)
        self.preview_model.set_rows(rows)
        if rows:
            self.message.setText(self.tr("%1 of %2 patents would break a rule").replace("%1", str(len(rows)))
                                 .replace("%2", str(len(self.patent_ids))))
        else:
            self.message.setText(self.tr("No patent would break a rule."))
        return rows

    def apply(self) -> bool:
        rows = self.run_preview()
        if rows is None:
            return False
        terms = self.terms()
        assert terms is not None
        targets = self.patent_ids
        if self.skip_breakers.isChecked():
            blocked = {r.patent_id for r in rows if r.blocked}
            targets = [pid for pid in self.patent_ids if pid not in blocked]
        try:
            result = pricing.apply_to_selection(self.ws, targets, terms, label=self.current_label()
                                                or terms.summary(self.lang))
        except OpenLicError as exc:
            self.message.setText(exc.message(self.lang))
            return False
        self.message.setText(self.message.text() + "\n" + self.tr("Applied to %1 patents.")
                             .replace("%1", str(result.changed)))
        self._update_undo()
        self.applied.emit()
        return True

    def undo(self) -> bool:
        try:
            result = pricing.undo_last_application(self.ws)
        except OpenLicError as exc:
            self.message.setText(exc.message(self.lang))
            return False
        self.message.setText(self.tr("Undid “%1”: %2 patents restored.").replace("%1", result.label)
                             .replace("%2", str(result.restored)))
        self._update_undo()
        self.applied.emit()
        return True

    def _update_undo(self) -> None:
        label = pricing.last_application_label(self.ws)
        self.undo_button.setEnabled(label is not None)
        self.undo_button.setToolTip(label or "")


# --- portfolio columns and installation ------------------------------------------------------------------------

def _lang() -> str:
    return settings.load().language or "zh"


def _payment_column(ws, ids: Sequence[int]) -> dict[int, str]:
    lang = _lang()
    return {pid: t.summary(lang).split("，")[0].split(", ")[0] for pid, t in pricing.terms_for(ws, ids).items()}


def _term_column(ws, ids: Sequence[int]) -> dict[int, str]:
    return {pid: translate("PricingColumns", "%1 months").replace("%1", str(t.term_months))
            for pid, t in pricing.terms_for(ws, ids).items() if t.term_months}


def open_dialog(window) -> PricingBatchDialog | None:
    ids = window.selected_patent_ids()
    if window.ws is None or not ids:
        window.statusBar().showMessage(translate("PricingBatch", "Select patents in the table first."), 5000)
        return None
    dialog = PricingBatchDialog(window.ws, ids, window, lang=getattr(window, "lang", None))
    dialog.applied.connect(window.refresh)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def install(window) -> None:
    register_tab(QT_TRANSLATE_NOOP("EditorTabs", "Pricing"), PricingTab)
    register_column(Column("", QT_TRANSLATE_NOOP("PricingColumns", "Payment terms"), fetch=_payment_column,
                           sortable=False, context="PricingColumns"))
    register_column(Column("", QT_TRANSLATE_NOOP("PricingColumns", "Licence term"), fetch=_term_column,
                           sortable=False, context="PricingColumns"))
    action = QAction(translate("PricingBatch", "Pricing…"), window)
    action.setObjectName("batchPricingAction")
    action.triggered.connect(lambda: open_dialog(window))
    window.menus["batch"].addAction(action)
    window.pricing_action = action
    if hasattr(window, "model"):
        window.model.reload()  # picks up the new columns
