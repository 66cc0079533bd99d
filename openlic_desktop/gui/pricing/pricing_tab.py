"""The pricing tab of the patent editor: terms, the payment schedule (table and chart), the industry reference
with a warning when far above it, and the fee-estimation note.

`TermsForm` (the terms fields) is shared with the batch pricing dialog. All database work goes through
services.pricing as short calls on the GUI thread (one patent at a time); values shown are plain values.
Thread rule: GUI thread only.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.domain.findings import Finding
from openlic_desktop.domain.pricing import (
    DEFAULT_TERRITORY,
    MAX_TERM_MONTHS,
    Frequency,
    PricingMode,
    PricingTerms,
    RoyaltyBase,
    Schedule,
    money,
    payment_schedule,
    percent,
    pricing_findings,
)
from openlic_desktop.gui import palette, words
from openlic_desktop.gui.widgets import BLOCKER_MARK, WARNING_MARK, ReadOnlyRowsModel
from openlic_desktop.services import portfolio, pricing
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support import settings
from openlic_desktop.support.errors import OpenLicError
from openlic_desktop.support.messages import render

METHODS = [("own_revenue", QT_TRANSLATE_NOOP("PricingTab", "Own exploitation revenue")),
           ("earlier_fees", QT_TRANSLATE_NOOP("PricingTab", "Earlier fees")),
           ("industry_statistics", QT_TRANSLATE_NOOP("PricingTab", "Industry statistics")),
           ("common_rates", QT_TRANSLATE_NOOP("PricingTab", "Common royalty rates")),
           ("valuation", QT_TRANSLATE_NOOP("PricingTab", "Valuation"))]


def ui_lang(widget: QWidget | None) -> str:
    """The face language: the main window's, else the saved preference."""
    while widget is not None:
        lang = getattr(widget, "lang", None)
        if isinstance(lang, str):
            return lang
        widget = widget.parentWidget()
    return settings.load().language or "zh"


def active_profile():
    """The bureau profile chosen in the settings (the one the readiness check uses), else the general one."""
    code = settings.load().active_profile or None
    try:
        return profile_service.get_profile(code)
    except OpenLicError:
        return profile_service.get_profile(None)


def finding_text(finding: Finding, lang: str) -> str:
    return render(finding.code, lang, **finding.params)


def money_text(value: Decimal) -> str:
    return f"{value:,.2f}"


class TermsForm(QWidget):
    """The fields of `PricingTerms`; only the fields the mode uses are enabled."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.mode = QComboBox()
        for mode, label in words.choices(words.PAYMENT_MODES):
            self.mode.addItem(label, mode)
        self.amount = QLineEdit()
        self.entry_fee = QLineEdit()
        self.rate = QLineEdit()
        self.base = QComboBox()
        self.base.addItem(self.tr("Net sales"), RoyaltyBase.NET_SALES.value)
        self.base.addItem(self.tr("Profit"), RoyaltyBase.PROFIT.value)
        self.term = QSpinBox()
        self.term.setRange(1, MAX_TERM_MONTHS)
        self.term.setValue(12)
        self.free = QSpinBox()
        self.free.setRange(0, MAX_TERM_MONTHS)
        self.trial_box = QCheckBox(self.tr("Use first, pay later"))
        self.trial = QSpinBox()
        self.trial.setRange(0, MAX_TERM_MONTHS)
        self.frequency = QComboBox()
        self.frequency.addItem(self.tr("Yearly"), Frequency.YEARLY.value)
        self.frequency.addItem(self.tr("Quarterly"), Frequency.QUARTERLY.value)
        self.territory = QLineEdit(DEFAULT_TERRITORY)
        form.addRow(self.tr("Payment"), self.mode)
        form.addRow(self.tr("Amount (CNY)"), self.amount)
        form.addRow(self.tr("Entry fee (CNY)"), self.entry_fee)
        form.addRow(self.tr("Royalty rate (%)"), self.rate)
        form.addRow(self.tr("Royalty base"), self.base)
        form.addRow(self.tr("Licence term (months)"), self.term)
        form.addRow(self.tr("Free months at the start"), self.free)
        form.addRow(self.trial_box)
        form.addRow(self.tr("Trial (months)"), self.trial)
        form.addRow(self.tr("Royalty payment"), self.frequency)
        form.addRow(self.tr("Territory"), self.territory)
        for combo in (self.mode, self.base, self.frequency):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.amount, self.entry_fee, self.rate, self.territory):
            edit.textChanged.connect(self._changed)
        for spin in (self.term, self.free, self.trial):
            spin.valueChanged.connect(self._changed)
        self.trial_box.toggled.connect(self._changed)
        self._update_enabled()

    def _changed(self, *_args: Any) -> None:
        self._update_enabled()
        self.edited.emit()

    def current_mode(self) -> PricingMode:
        return PricingMode(self.mode.currentData())

    def _update_enabled(self) -> None:
        mode = self.current_mode()
        self.amount.setEnabled(mode is PricingMode.LUMP_SUM)
        self.entry_fee.setEnabled(mode is PricingMode.ENTRY_PLUS_ROYALTY)
        for w in (self.rate, self.base, self.frequency):
            w.setEnabled(mode.has_royalty)
        for w in (self.free, self.trial_box):
            w.setEnabled(mode.is_paid)
        self.trial.setEnabled(mode.is_paid and self.trial_box.isChecked())

    def set_terms(self, terms: PricingTerms | None) -> None:
        blockers = [w.blockSignals(True) for w in self._inputs()]
        try:
            terms = terms or PricingTerms(PricingMode.FREE, term_months=12)
            self.mode.setCurrentIndex(self.mode.findData(terms.mode.value))
            self.amount.setText(str(terms.amount) if terms.amount is not None else "")
            self.entry_fee.setText(str(terms.entry_fee) if terms.entry_fee is not None else "")
            self.rate.setText(format(terms.rate.normalize(), "f") if terms.rate is not None else "")
            self.base.setCurrentIndex(self.base.findData((terms.base or RoyaltyBase.NET_SALES).value))
            self.term.setValue(terms.term_months or 12)
            self.free.setValue(terms.free_months)
            self.trial_box.setChecked(terms.pay_after_trial)
            self.trial.setValue(terms.trial_months)
            self.frequency.setCurrentIndex(self.frequency.findData(terms.frequency.value))
            self.territory.setText(terms.territory)
        finally:
            for w, was in zip(self._inputs(), blockers):
                w.blockSignals(was)
        self._update_enabled()
        self.edited.emit()

    def _inputs(self) -> list[QWidget]:
        return [self.mode, self.amount, self.entry_fee, self.rate, self.base, self.term, self.free,
                self.trial_box, self.trial, self.frequency, self.territory]

    def terms(self) -> PricingTerms:
        """The terms typed (fields the mode does not use are ignored). Raises InputError for unreadable numbers."""
        mode = self.current_mode()
        text = lambda edit: edit.text().strip() or None
        trial = mode.is_paid and self.trial_box.isChecked()
        return PricingTerms(
            mode=mode,
            amount=money(text(self.amount)) if mode is PricingMode.LUMP_SUM and text(self.amount) else None,
            entry_fee=(money(text(self.entry_fee)) if mode is PricingMode.ENTRY_PLUS_ROYALTY
                       and text(self.entry_fee) else None),
            rate=percent(text(self.rate)) if mode.has_royalty and text(self.rate) else None,
            base=RoyaltyBase(self.base.currentData()) if mode.has_royalty else None,
            term_months=self.term.value(),
            free_months=self.free.value() if mode.is_paid else 0,
            pay_after_trial=trial,
            trial_months=self.trial.value() if trial else 0,
            frequency=Frequency(self.frequency.currentData()) if mode.has_royalty else Frequency.YEARLY,
            territory=self.territory.text().strip() or DEFAULT_TERRITORY,
        )


class ScheduleModel(ReadOnlyRowsModel):
    """The periods of a schedule: start, end, kind, amount."""

    HEADERS = (QT_TRANSLATE_NOOP("ScheduleModel", "Start"), QT_TRANSLATE_NOOP("ScheduleModel", "End"),
               QT_TRANSLATE_NOOP("ScheduleModel", "Kind"), QT_TRANSLATE_NOOP("ScheduleModel", "Amount (CNY)"))
    CONTEXT = "ScheduleModel"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._schedule: Schedule | None = None

    def set_schedule(self, schedule: Schedule | None) -> None:
        self._schedule = schedule
        self.set_rows(schedule.periods if schedule is not None else [])

    @property
    def schedule(self) -> Schedule | None:
        return self._schedule

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        period = self.row_at(index)
        if period is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (period.start.isoformat(), period.end.isoformat(), words.word(words.PERIOD_KINDS, period.kind.value),
                    money_text(period.amount))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return (period.start, period.end, period.kind.value, period.amount)[index.column()]
        return None


class PricingTab(QWidget):
    """Embedded by the patent editor (gui/editor/editor_tabs.py): `load(ws, patent_id)`; emits `changed` after a save."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = None
        self.patent_id: int | None = None
        self.number = ""
        self.expiry: date | None = None
        self.today = date.today()
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        right = QVBoxLayout()
        outer.addLayout(left, 2)
        outer.addLayout(right, 3)

        terms_box = QGroupBox(self.tr("Terms"))
        box = QVBoxLayout(terms_box)
        self.form = TermsForm()
        self.form.edited.connect(self._terms_edited)
        box.addWidget(self.form)
        self.findings_label = QLabel()
        self.findings_label.setWordWrap(True)
        box.addWidget(self.findings_label)
        self.save_button = QPushButton(self.tr("Save terms"))
        self.save_button.clicked.connect(self.save_terms)
        box.addWidget(self.save_button)
        self.status = QLabel()
        box.addWidget(self.status)
        left.addWidget(terms_box)

        ref_box = QGroupBox(self.tr("Reference"))
        grid = QGridLayout(ref_box)
        self.industry_edit = QLineEdit()
        self.industry_source = QLabel()
        self.set_industry_button = QPushButton(self.tr("Set industry"))
        self.set_industry_button.clicked.connect(self.save_industry)
        grid.addWidget(QLabel(self.tr("Industry")), 0, 0)
        grid.addWidget(self.industry_edit, 0, 1)
        grid.addWidget(self.set_industry_button, 0, 2)
        grid.addWidget(self.industry_source, 1, 1, 1, 2)
        self.reference_label = QLabel()
        self.reference_label.setWordWrap(True)
        grid.addWidget(self.reference_label, 2, 0, 1, 3)
        self.reference_warning = QLabel()
        self.reference_warning.setWordWrap(True)
        self.reference_warning.setStyleSheet(palette.warning_style())
        grid.addWidget(self.reference_warning, 3, 0, 1, 3)
        self.load_table_button = QPushButton(self.tr("Load industry table…"))
        self.load_table_button.clicked.connect(self._choose_reference_file)
        grid.addWidget(self.load_table_button, 4, 0, 1, 3)
        left.addWidget(ref_box)
        left.addStretch(1)

        sched_box = QGroupBox(self.tr("Schedule"))
        sched = QVBoxLayout(sched_box)
        inputs = QFormLayout()
        self.sales_edit = QLineEdit()
        self.profit_edit = QLineEdit()
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setDate(QDate(self.today.year, self.today.month, self.today.day))
        inputs.addRow(self.tr("Annual net sales (CNY)"), self.sales_edit)
        inputs.addRow(self.tr("Annual profit (CNY)"), self.profit_edit)
        inputs.addRow(self.tr("Licence start"), self.start_edit)
        sched.addLayout(inputs)
        self.schedule_model = ScheduleModel(self)
        self.schedule_view = QTableView()
        self.schedule_view.setModel(self.schedule_model)
        self.schedule_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        sched.addWidget(self.schedule_view, 1)
        self.total_label = QLabel()
        sched.addWidget(self.total_label)
        self.chart = QChart()
        self.chart.legend().hide()
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(200)
        sched.addWidget(self.chart_view, 1)
        for edit in (self.sales_edit, self.profit_edit):
            edit.textChanged.connect(self.update_schedule)
        self.start_edit.dateChanged.connect(self.update_schedule)
        right.addWidget(sched_box, 3)

        note_box = QGroupBox(self.tr("Fee-estimation note"))
        note = QVBoxLayout(note_box)
        row = QHBoxLayout()
        self.method = QComboBox()
        for key, label in METHODS:
            self.method.addItem(QCoreApplication.translate("PricingTab", label), key)
        self.draft_button = QPushButton(self.tr("Draft"))
        self.draft_button.clicked.connect(self.draft_note)
        row.addWidget(QLabel(self.tr("Method")))
        row.addWidget(self.method, 1)
        row.addWidget(self.draft_button)
        self.method.currentIndexChanged.connect(self._method_changed)
        note.addLayout(row)
        note.addWidget(QLabel(self.tr("Figures (key=value, one a line)")))
        self.note_inputs = QPlainTextEdit()
        self.note_inputs.setMaximumHeight(70)
        note.addWidget(self.note_inputs)
        self.note_text = QPlainTextEdit()
        note.addWidget(self.note_text, 1)
        self.save_note_button = QPushButton(self.tr("Save note"))
        self.save_note_button.clicked.connect(self.save_note)
        note.addWidget(self.save_note_button)
        right.addWidget(note_box, 2)
        self._method_changed()
        self.setEnabled(False)

    # --- loading ------------------------------------------------------------------------------------------
    def load(self, ws, patent_id: int) -> None:
        self.ws, self.patent_id = ws, patent_id
        detail = portfolio.detail_by_id(ws, patent_id)
        self.number = detail.facts.number.canonical
        self.expiry = detail.facts.expiry_date
        self.profile = active_profile()
        self.form.set_terms(pricing.get_terms(ws, patent_id))
        note = pricing.get_note(ws, patent_id)
        if note is not None:
            self.method.setCurrentIndex(max(self.method.findData(note.method), 0))
            self.note_inputs.setPlainText("\n".join(f"{k}={v}" for k, v in note.inputs.items()))
            self.note_text.setPlainText(note.text)
        else:
            self.note_inputs.clear()
            self.note_text.clear()
        self.status.clear()
        self.setEnabled(True)
        self.refresh_reference()
        self._terms_edited()

    @property
    def lang(self) -> str:
        parent = self.parentWidget()
        return ui_lang(parent) if parent is not None else settings.load().language or "zh"

    # --- terms --------------------------------------------------------------------------------------------
    def _form_terms(self) -> PricingTerms | None:
        try:
            return self.form.terms()
        except OpenLicError as exc:
            self.findings_label.setText(exc.message(self.lang))
            return None

    def _terms_edited(self) -> None:
        terms = self._form_terms()
        if terms is None or self.ws is None:
            return
        problems = terms.inconsistencies()
        findings = pricing_findings(terms, self.expiry, self.profile, self.today)
        lines = [render("PRICING_INCONSISTENT", self.lang, reason=p) for p in problems]
        lines += [f"{BLOCKER_MARK if f.is_blocker else WARNING_MARK} {finding_text(f, self.lang)}" for f in findings]
        self.findings_label.setText("\n".join(lines) if lines else self.tr("The rules find nothing to object to."))
        self.update_schedule()
        self.refresh_reference(terms)

    def save_terms(self) -> bool:
        terms = self._form_terms()
        if terms is None or self.ws is None or self.patent_id is None:
            return False
        try:
            changed = pricing.set_terms(self.ws, [self.patent_id], terms, source="gui")
        except OpenLicError as exc:
            self.status.setText(exc.message(self.lang))
            return False
        self.status.setText(self.tr("Saved.") if changed else self.tr("Nothing changed."))
        if changed:
            self.changed.emit()
        return True

    # --- schedule -----------------------------------------------------------------------------------------
    def _decimal(self, edit: QLineEdit) -> Decimal | None:
        text = edit.text().strip()
        return money(text) if text else None

    def update_schedule(self, *_args: Any) -> None:
        schedule = None
        message = ""
        try:
            terms = self.form.terms()
            sales, profit = self._decimal(self.sales_edit), self._decimal(self.profit_edit)
            qd = self.start_edit.date()
            start = date(qd.year(), qd.month(), qd.day())
            if terms.mode.has_royalty and sales is None and profit is None:
                message = self.tr("Enter the expected annual figures to see the schedule.")
            else:
                schedule = payment_schedule(terms, start, sales, profit)
        except OpenLicError as exc:
            message = exc.message(self.lang)
        self.schedule_model.set_schedule(schedule)
        self.total_label.setText(self.tr("Total: %1 CNY").replace("%1", money_text(schedule.total))
                                 if schedule is not None else message)
        self._update_chart(schedule)

    def _update_chart(self, schedule: Schedule | None) -> None:
        self.chart.removeAllSeries()
        for axis in list(self.chart.axes()):
            self.chart.removeAxis(axis)
        if schedule is None or not schedule.periods:
            return
        bars = QBarSet(self.tr("Amount"))
        categories = []
        for p in schedule.periods:
            bars.append(float(p.amount))  # drawing only: the money itself stays Decimal
            categories.append(p.start.isoformat())
        series = QBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(categories)
        y_axis = QValueAxis()
        top = float(max(p.amount for p in schedule.periods))
        if top <= 0:
            y_axis.setRange(0, 1)  # a free licence: one clean 0 … 1 scale rather than repeated rounded labels
            y_axis.setTickCount(2)
        else:
            y_axis.setRange(0, top * 1.1)
            y_axis.applyNiceNumbers()
        y_axis.setLabelFormat("%.0f")
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    # --- reference ----------------------------------------------------------------------------------------
    def refresh_reference(self, terms: PricingTerms | None = None) -> None:
        if self.ws is None or self.patent_id is None:
            return
        view = pricing.reference_view(self.ws, self.patent_id, terms)
        if not self.industry_edit.hasFocus():
            self.industry_edit.setText(view.industry)
        self.industry_source.setText({"recorded": self.tr("recorded"), "ipc": self.tr("from the IPC class")}.get(
            view.industry_source, self.tr("unknown")))
        lines = []
        if view.line is not None:
            line = view.line
            lines.append(self.tr("Industry line: %1 contracts, average amount %2 CNY, average rate %3%")
                         .replace("%1", str(line.contracts if line.contracts is not None else "—"))
                         .replace("%2", money_text(line.avg_amount) if line.avg_amount is not None else "—")
                         .replace("%3", format(line.avg_rate.normalize(), "f") if line.avg_rate is not None
                                  else "—"))
        else:
            lines.append(self.tr("No industry table loaded.") if not pricing.reference_lines(self.ws) else "")
        if view.national.get("avg_fixed_amount"):
            lines.append(self.tr("National (%1): average fixed amount %2 CNY")
                         .replace("%1", str(view.national.get("key", "")))
                         .replace("%2", money_text(Decimal(view.national["avg_fixed_amount"]))))
        self.reference_label.setText("\n".join(x for x in lines if x))
        self.reference_warning.setText("\n".join("⚠ " + finding_text(w, self.lang) for w in view.warnings))

    def save_industry(self) -> None:
        if self.ws is None:
            return
        try:
            portfolio.set_fields(self.ws, self.number, {"industry": self.industry_edit.text().strip()})
        except OpenLicError as exc:
            self.status.setText(exc.message(self.lang))
            return
        self.industry_edit.clearFocus()
        self.refresh_reference(self._form_terms())
        self.changed.emit()

    def _choose_reference_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load industry table…"), "",
                                              self.tr("Spreadsheets (*.xlsx *.xls *.csv)"))
        if path:
            self.load_reference_file(path)

    def load_reference_file(self, path: str) -> None:
        try:
            result = pricing.load_reference_table(self.ws, path)
        except OpenLicError as exc:
            self.status.setText(exc.message(self.lang))
            return
        self.status.setText(self.tr("Loaded %1 industries.").replace("%1", str(result.loaded)))
        self.refresh_reference(self._form_terms())

    # --- note ---------------------------------------------------------------------------------------------
    def note_input_values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for line in self.note_inputs.toPlainText().splitlines():
            if "=" in line:
                key, value = line.split("=", 1)
                if key.strip():
                    out[key.strip()] = value.strip()
        return out

    def _method_changed(self, *_args: Any) -> None:
        keys = pricing.NOTE_INPUT_KEYS.get(self.method.currentData(), ())
        self.note_inputs.setPlaceholderText("\n".join(f"{k}=" for k in keys))

    def draft_note(self) -> None:
        if self.ws is None or self.patent_id is None:
            return
        try:
            text = pricing.draft_note_for(self.ws, self.patent_id, self.method.currentData(),
                                          self.note_input_values())
        except OpenLicError as exc:
            self.status.setText(exc.message(self.lang))
            return
        self.note_text.setPlainText(text)

    def save_note(self) -> bool:
        if self.ws is None or self.patent_id is None:
            return False
        try:
            changed = pricing.save_note(self.ws, self.patent_id, self.method.currentData(),
                                        self.note_input_values(), self.note_text.toPlainText())
        except OpenLicError as exc:
            self.status.setText(exc.message(self.lang))
            return False
        self.status.setText(self.tr("Saved.") if changed else self.tr("Nothing changed."))
        return True
