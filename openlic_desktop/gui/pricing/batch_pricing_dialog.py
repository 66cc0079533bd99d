"""Batch pricing: one set of terms (a preset or typed) for the selected patents, with a preview of the patents that
would break a rule and why, and apply (undone with Edit → Undo). Also installs the pricing columns of the
portfolio table and registers the pricing tab of the patent editor.

Thread rule: GUI thread; preview and apply run as ops on the window's worker.
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

from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.gui import ops
from openlic_desktop.gui.editor.editor_tabs import register_tab
from openlic_desktop.gui.models.portfolio_model import Column, register_column
from openlic_desktop.gui.ops import Op
from openlic_desktop.gui.pricing.pricing_tab import PricingTab, active_profile, finding_text, ui_lang
from openlic_desktop.gui.pricing.terms_form import TermsForm
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
    """Terms for a selection: pick a preset or type terms, preview the rule breakers, apply. Preview and apply
    run as ops on the window's worker (about two seconds for 10,000 patents, bench_pricing.py); applying is a
    command on the window's undo history (Edit → Undo puts every patent's terms back)."""

    applied = Signal()

    def __init__(self, window, patent_ids: Sequence[int], parent: QWidget | None = None, lang: str | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.ws = window.ws
        self.patent_ids = list(patent_ids)
        self.lang = lang or ui_lang(window)
        self.today = today or date.today()
        self.setObjectName("batchPricingDialog")
        self.setWindowTitle(self.tr("Batch pricing"))
        layout = QVBoxLayout(self)
        self.count_label = QLabel(self.tr("%1 patents selected").replace("%1", str(len(self.patent_ids))), self)
        layout.addWidget(self.count_label)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Preset"), self))
        self.preset = QComboBox(self)
        self.preset.setObjectName("pricingPreset")
        self.preset.setAccessibleName(self.tr("Preset"))
        row.addWidget(self.preset, 1)
        layout.addLayout(row)
        self.form = TermsForm(self, with_until_expiry=True)
        layout.addWidget(self.form)
        save_row = QHBoxLayout()
        self.preset_name = QLineEdit(self)
        self.preset_name.setPlaceholderText(self.tr("Preset name"))
        self.preset_name.setAccessibleName(self.tr("Preset name"))
        self.save_preset_button = QPushButton(self.tr("Save as preset"), self)
        self.save_preset_button.clicked.connect(self.save_preset)
        save_row.addWidget(self.preset_name, 1)
        save_row.addWidget(self.save_preset_button)
        layout.addLayout(save_row)
        self.skip_breakers = QCheckBox(self.tr("Skip patents that break a rule"), self)
        self.skip_breakers.setChecked(True)
        layout.addWidget(self.skip_breakers)
        self.preview_model = PreviewModel(self.lang, self)
        self.preview_view = QTableView(self)
        self.preview_view.setObjectName("pricingPreview")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setAccessibleName(self.tr("Patents that would break a rule"))
        self.preview_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.preview_view, 1)
        self.message = QLabel(self)
        self.message.setObjectName("pricingMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = buttons.addButton(self.tr("Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.setObjectName("applyPricing")
        self.preview_button.clicked.connect(lambda: self.run_preview())
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._presets: list[pricing.Preset] = []
        self._fill_presets()
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.form.edited.connect(self._form_edited)
        self._preset_chosen()
        self.resize(760, 640)

    # --- presets ------------------------------------------------------------------------------------------
    def _fill_presets(self, select: str | None = None) -> None:
        self._presets = pricing.list_presets(self.ws)  # a handful of rows, read once when the dialog opens
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
        self.form.blockSignals(True)
        self.form.set_terms(preset.terms if preset is not None else
                            PricingTerms(PricingMode.FREE, term_months=active_profile().min_term_months or 12),
                            keep_until_expiry=True)
        self.form.blockSignals(False)
        self.preview_model.set_rows([])

    def _form_edited(self) -> None:
        """Typing into the form makes the terms custom (the preset itself is not changed)."""
        name = self.preset.currentData()
        preset = next((p for p in self._presets if p.name == name), None)
        try:
            kept = preset.terms if preset is not None and not self.form.runs_until_expiry() else (
                preset.terms.with_changes(term_months=None) if preset is not None else None)
            same = preset is not None and self.form.terms() == kept  # "until expiry" keeps the preset's name
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
        """The terms typed; without a term when each patent's runs until it expires (a preset needs one)."""
        try:
            return self.form.terms().check_consistent(complete=not self.form.runs_until_expiry())
        except OpenLicError as exc:
            self.message.setText(exc.message(self.lang))
            return None

    def save_preset(self) -> None:
        terms = self.terms()
        if terms is None:
            return
        if terms.term_months is None:
            self.message.setText(self.tr("A preset keeps a term in months: untick “Until the patent expires” "
                                         "to save one."))
            return
        ws, name = self.ws, self.preset_name.text()

        def saved(preset) -> None:
            self._fill_presets(select=preset.name)
            self.message.setText(self.tr("Preset saved."))

        Op(self, lambda: pricing.save_preset(ws, name, terms)).success(saved).failure(self._failed).run()

    def _failed(self, exc: BaseException, trace: str) -> None:
        if isinstance(exc, OpenLicError):
            self.message.setText(exc.message(self.lang))
        else:
            self.window_.show_error(exc, trace)

    # --- preview, apply -----------------------------------------------------------------------------------
    def run_preview(self, then=None) -> None:
        """The rule breakers of the selection under these terms, read on the worker; `then(rows)` after."""
        terms = self.terms()
        if terms is None:
            return
        ws, ids, profile, today = self.ws, list(self.patent_ids), active_profile(), self.today
        until_expiry = self.form.runs_until_expiry()

        def shown(rows: list[PreviewRow]) -> None:
            self.preview_model.set_rows(rows)
            if rows:
                self.message.setText(self.tr("%1 of %2 patents would break a rule").replace("%1", str(len(rows)))
                                     .replace("%2", str(len(ids))))
            else:
                self.message.setText(self.tr("No patent would break a rule."))
            if then is not None:
                then(rows)

        Op(self, lambda: pricing.preview(ws, ids, terms, profile=profile, today=today, until_expiry=until_expiry),
           label=self.tr("Checking the terms…")).success(shown).failure(self._failed).run()

    def apply(self) -> None:
        """Preview first (the breakers may be skipped), then apply as one undoable command."""
        terms = self.terms()
        if terms is None:
            return
        self.run_preview(then=lambda rows: self._apply(terms, rows))

    def _apply(self, terms: PricingTerms, rows: list[PreviewRow]) -> None:
        ws, today, until_expiry = self.ws, self.today, self.form.runs_until_expiry()
        targets = list(self.patent_ids)
        if self.skip_breakers.isChecked():
            blocked = {r.patent_id for r in rows if r.blocked}
            targets = [pid for pid in targets if pid not in blocked]
        label = self.current_label() or terms.summary(self.lang)
        if until_expiry:
            label += self.tr("; until each patent expires")

        def done(result: pricing.ApplyResult) -> None:
            self.message.setText(self.message.text() + "\n" + self.tr(
                "Applied to %1 patents. Edit → Undo puts their terms back.").replace("%1", str(result.changed)))
            self.applied.emit()

        self.window_.undo_history.push(
            self, self.tr("Batch pricing “%1”").replace("%1", label),
            lambda: pricing.apply_to_selection(ws, targets, terms, label=label, until_expiry=until_expiry,
                                               today=today),
            lambda _result: pricing.undo_last_application(ws),
            ops.Changes.of(targets, ops.PRICING), on_done=done, on_error=self._failed,
            label=self.tr("Applying the terms…"), keep=lambda result: result.changed > 0)


# --- portfolio columns and installation ------------------------------------------------------------------------

def _lang() -> str:
    return settings.load().language or "zh"


def _payment_column(ws, ids: Sequence[int]) -> dict[int, str]:
    """The payment standard in the words every document uses (the term has its own column)."""
    from openlic_desktop.domain.pricing_words import terms_in_words

    lang = _lang()
    return {pid: terms_in_words(t, lang).standard for pid, t in pricing.terms_for(ws, ids).items()}


def _term_column(ws, ids: Sequence[int]) -> dict[int, str]:
    return {pid: translate("PricingColumns", "%1 months").replace("%1", str(t.term_months))
            for pid, t in pricing.terms_for(ws, ids).items() if t.term_months}


def open_dialog(window) -> PricingBatchDialog | None:
    ids = window.selected_patent_ids()
    if window.ws is None or not ids:
        window.statusBar().showMessage(translate("PricingBatch", "Select patents in the table first."), 5000)
        return None
    dialog = PricingBatchDialog(window, ids, lang=getattr(window, "lang", None))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def install(window) -> None:
    register_tab(PricingTab)
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
