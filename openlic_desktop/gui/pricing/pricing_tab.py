"""The pricing tab of the patent editor: the terms (with the rules' findings as they are typed), the industry
reference (with a warning when far above it), what one licensee pays period by period (table and chart), and the
fee-estimation note (a form per estimation method, a draft, the text as the office edits it).

The tab's data is read with the rest of the editor (one op on the worker); while the user types, the findings,
the schedule and the reference warnings are computed from that data and the typed terms, without reading the
database. Saving is an undoable command. QtCharts (a large module) is loaded when the chart is first drawn, not
at start. Thread rule: GUI thread; the read runs on the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.domain.findings import Finding
from openlic_desktop.domain.pricing import PricingTerms, Schedule, money, payment_schedule, pricing_findings
from openlic_desktop.domain.profiles import BureauProfile
from openlic_desktop.gui import ops, palette, words
from openlic_desktop.gui.editor.editor_tabs import EditorTab, ReadContext
from openlic_desktop.gui.pricing.terms_form import TermsForm
from openlic_desktop.gui.widgets import BLOCKER_MARK, WARNING_MARK, ReadOnlyRowsModel, fill_with_scrolling
from openlic_desktop.services import portfolio, pricing
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support import settings
from openlic_desktop.support.errors import InputError, OpenLicError
from openlic_desktop.support.messages import render

METHODS = {"own_revenue": QT_TRANSLATE_NOOP("PricingTab", "Own exploitation revenue"),
           "earlier_fees": QT_TRANSLATE_NOOP("PricingTab", "Earlier fees for this patent"),
           "industry_statistics": QT_TRANSLATE_NOOP("PricingTab", "Same-industry statistics"),
           "common_rates": QT_TRANSLATE_NOOP("PricingTab", "Common royalty rates"),
           "valuation": QT_TRANSLATE_NOOP("PricingTab", "Valuation")}
# the figures a method's draft uses (domain.fee_notes.INPUT_KEYS), as the form asks for them
NOTE_INPUTS = {"annual_revenue": QT_TRANSLATE_NOOP("PricingTab", "Annual revenue from own exploitation (CNY)"),
               "profit_share": QT_TRANSLATE_NOOP("PricingTab", "Share of it due to the patent (%)"),
               "earlier_fee": QT_TRANSLATE_NOOP("PricingTab", "Earlier licence fee (CNY)"),
               "earlier_date": QT_TRANSLATE_NOOP("PricingTab", "When that licence was agreed"),
               "common_rate": QT_TRANSLATE_NOOP("PricingTab", "Common royalty rate (%)"),
               "valuation": QT_TRANSLATE_NOOP("PricingTab", "Appraised value (CNY)"),
               "valuer": QT_TRANSLATE_NOOP("PricingTab", "Appraised by"),
               "remarks": QT_TRANSLATE_NOOP("PricingTab", "Remarks")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PricingTab", text)


def ui_lang(widget: QWidget | None) -> str:
    """The face language: the main window's, else the saved preference."""
    while widget is not None:
        lang = getattr(widget, "lang", None)
        if isinstance(lang, str):
            return lang
        widget = widget.parentWidget()
    return settings.load().language or "zh"


def active_profile() -> BureauProfile:
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
            return (period.start.isoformat(), period.end.isoformat(),
                    words.word(words.PERIOD_KINDS, period.kind.value), money_text(period.amount))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return (period.start, period.end, period.kind.value, period.amount)[index.column()]
        return None


@dataclass(frozen=True)
class PricingData:
    number: str
    expiry: date | None
    terms: PricingTerms | None
    note: pricing.FeeNote | None
    reference: pricing.ReferenceView
    has_reference_table: bool
    profile: BureauProfile


class PricingTab(EditorTab):
    KEY = "pricing"
    ASPECTS = frozenset({ops.PRICING, ops.FACTS})

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.data: PricingData | None = None
        self.today = date.today()
        self.chart_view = None
        self.note_edits: dict[str, QLineEdit] = {}
        inner = QWidget(self)
        grid = QGridLayout(inner)

        terms_box = QGroupBox(self.tr("Terms"), inner)
        box = QVBoxLayout(terms_box)
        self.form = TermsForm(terms_box, with_until_expiry=True)
        # recorded as a fact: saving the terms again must not turn "until expiry" back into a month count
        self.form.until_expiry.setToolTip(self.tr("The licence term runs to this patent's last day in force"))
        self.form.edited.connect(self._terms_edited)
        box.addWidget(self.form)
        self.findings_label = QLabel(terms_box)
        self.findings_label.setObjectName("pricingFindings")
        self.findings_label.setWordWrap(True)
        box.addWidget(self.findings_label)
        self.save_button = QPushButton(self.tr("Save terms"), terms_box)
        self.save_button.setObjectName("saveTerms")
        self.save_button.clicked.connect(self.save_terms)
        box.addWidget(self.save_button)
        grid.addWidget(terms_box, 0, 0)

        ref_box = QGroupBox(self.tr("Reference"), inner)
        ref = QGridLayout(ref_box)
        self.industry_edit = QLineEdit(ref_box)
        self.industry_edit.setObjectName("pricingIndustry")
        self.industry_edit.setAccessibleName(self.tr("Industry"))
        self.industry_source = QLabel(ref_box)
        self.set_industry_button = QPushButton(self.tr("Set industry"), ref_box)
        self.set_industry_button.clicked.connect(self.save_industry)
        ref.addWidget(QLabel(self.tr("Industry"), ref_box), 0, 0)
        ref.addWidget(self.industry_edit, 0, 1)
        ref.addWidget(self.set_industry_button, 0, 2)
        ref.addWidget(self.industry_source, 1, 1, 1, 2)
        self.reference_label = QLabel(ref_box)
        self.reference_label.setWordWrap(True)
        ref.addWidget(self.reference_label, 2, 0, 1, 3)
        self.reference_warning = QLabel(ref_box)
        self.reference_warning.setWordWrap(True)
        self.reference_warning.setStyleSheet(palette.warning_style())
        ref.addWidget(self.reference_warning, 3, 0, 1, 3)
        self.load_table_button = QPushButton(self.tr("Load industry table…"), ref_box)
        self.load_table_button.clicked.connect(self._choose_reference_file)
        ref.addWidget(self.load_table_button, 4, 0, 1, 3)
        ref.setColumnStretch(1, 1)
        ref.setRowStretch(5, 1)
        grid.addWidget(ref_box, 0, 1)

        sched_box = QGroupBox(self.tr("What one licensee pays"), inner)
        sched = QGridLayout(sched_box)
        inputs = QFormLayout()
        self.sales_edit = QLineEdit(sched_box)
        self.profit_edit = QLineEdit(sched_box)
        self.start_edit = QDateEdit(sched_box)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setDate(QDate(self.today.year, self.today.month, self.today.day))
        for label, widget in ((self.tr("Annual net sales (CNY)"), self.sales_edit),
                              (self.tr("Annual profit (CNY)"), self.profit_edit),
                              (self.tr("Licence start"), self.start_edit)):
            widget.setAccessibleName(label)
            inputs.addRow(label, widget)
        sched.addLayout(inputs, 0, 0)
        self.schedule_model = ScheduleModel(self)
        self.schedule_view = QTableView(sched_box)
        self.schedule_view.setObjectName("scheduleTable")
        self.schedule_view.setModel(self.schedule_model)
        self.schedule_view.setAccessibleName(self.tr("What one licensee pays"))
        self.schedule_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.schedule_view.verticalHeader().setVisible(False)
        # room for five periods: a schedule squeezed to a row and a half hides what it is for
        self.schedule_view.setMinimumHeight(self.schedule_view.horizontalHeader().sizeHint().height()
                                            + 5 * self.schedule_view.verticalHeader().defaultSectionSize() + 4)
        sched.addWidget(self.schedule_view, 1, 0)
        self.total_label = QLabel(sched_box)
        self.total_label.setWordWrap(True)
        sched.addWidget(self.total_label, 2, 0)
        self.chart_holder = QVBoxLayout()
        sched.addLayout(self.chart_holder, 0, 1, 3, 1)
        sched.setColumnStretch(0, 1)
        sched.setColumnStretch(1, 1)
        for edit in (self.sales_edit, self.profit_edit):
            edit.textChanged.connect(self.update_schedule)
        self.start_edit.dateChanged.connect(self.update_schedule)
        grid.addWidget(sched_box, 1, 0, 1, 2)

        note_box = QGroupBox(self.tr("Fee-estimation note"), inner)
        note = QGridLayout(note_box)
        self.method = QComboBox(note_box)
        self.method.setObjectName("noteMethod")
        for key, label in METHODS.items():
            self.method.addItem(_tr(label), key)
        self.method.setAccessibleName(self.tr("Method"))
        self.method.currentIndexChanged.connect(self._method_changed)
        self.draft_button = QPushButton(self.tr("Draft"), note_box)
        self.draft_button.setObjectName("draftNote")
        self.draft_button.clicked.connect(self.draft_note)
        note.addWidget(QLabel(self.tr("Method"), note_box), 0, 0)
        note.addWidget(self.method, 0, 1)
        note.addWidget(self.draft_button, 0, 2)
        self.note_form = QFormLayout()
        note.addLayout(self.note_form, 1, 0, 1, 3)
        self.note_text = QPlainTextEdit(note_box)
        self.note_text.setObjectName("noteText")
        self.note_text.setAccessibleName(self.tr("Fee-estimation note"))
        self.note_text.setMinimumHeight(140)
        note.addWidget(self.note_text, 2, 0, 1, 3)
        self.save_note_button = QPushButton(self.tr("Save note"), note_box)
        self.save_note_button.setObjectName("saveNote")
        self.save_note_button.clicked.connect(self.save_note)
        note.addWidget(self.save_note_button, 3, 2)
        note.setColumnStretch(1, 1)
        grid.addWidget(note_box, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        fill_with_scrolling(self, inner)
        self._method_changed()
        self.setEnabled(False)

    def title(self) -> str:
        return self.tr("Pricing")

    @property
    def lang(self) -> str:
        return self.editor.lang

    # --- reading and showing ----------------------------------------------------------------------------------
    @staticmethod
    def read(ctx: ReadContext) -> PricingData:
        facts = portfolio.detail_by_id(ctx.ws, ctx.patent_id).facts
        return PricingData(facts.number.canonical, facts.expiry_date, pricing.get_terms(ctx.ws, ctx.patent_id),
                           pricing.get_note(ctx.ws, ctx.patent_id), pricing.reference_view(ctx.ws, ctx.patent_id),
                           bool(pricing.reference_lines(ctx.ws)), active_profile())

    def show(self, data: PricingData) -> None:
        self.data = data
        self.form.set_terms(data.terms)
        if data.note is not None:
            self.method.setCurrentIndex(max(self.method.findData(data.note.method), 0))
            for key, edit in self.note_edits.items():
                edit.setText(data.note.inputs.get(key, ""))
            self.note_text.setPlainText(data.note.text)
        else:
            for edit in self.note_edits.values():
                edit.clear()
            self.note_text.clear()
        self.setEnabled(True)
        self._terms_edited()

    def focus_field(self, name: str) -> None:
        target = {"amount": self.form.amount, "rate": self.form.rate, "term": self.form.term,
                  "fee_note": self.note_text, "note": self.note_text}.get(name, self.form.mode)
        target.setFocus()

    # --- terms --------------------------------------------------------------------------------------------------
    def typed_terms(self) -> PricingTerms:
        """The terms typed; when they run until expiry, with the whole months from today to this patent's last day
        in force (InputError EXPIRY_UNKNOWN / EXPIRY_TOO_CLOSE when no term fits)."""
        terms = self.form.terms()
        if not self.form.runs_until_expiry() or self.data is None:
            return terms
        own = pricing.own_terms(terms, self.data.expiry, self.today)
        if isinstance(own, str):
            raise InputError(own)
        self.form.term.blockSignals(True)
        self.form.term.setValue(own.term_months or self.form.term.value())  # the months it runs, shown greyed
        self.form.term.blockSignals(False)
        return own

    def _form_terms(self) -> PricingTerms | None:
        try:
            return self.typed_terms()
        except OpenLicError as exc:
            self.findings_label.setText(exc.message(self.lang))
            return None

    def _terms_edited(self) -> None:
        if self.data is None:
            return
        if self.form.current_mode() is None:
            self.findings_label.setText(self.tr("No terms are saved for this patent yet: choose the payment mode."))
            self.refresh_reference(None)
            self.update_schedule()
            return
        terms = self._form_terms()
        if terms is None:
            return
        lines = [render("PRICING_INCONSISTENT", self.lang, reason=p) for p in terms.inconsistencies()]
        lines += [f"{BLOCKER_MARK if f.is_blocker else WARNING_MARK} {finding_text(f, self.lang)}"
                  for f in pricing_findings(terms, self.data.expiry, self.data.profile, self.today)]
        self.findings_label.setText("\n".join(lines) if lines else self.tr("The rules find nothing to object to."))
        self.update_schedule()
        self.refresh_reference(terms)

    def save_terms(self) -> None:
        terms = self._form_terms()
        if terms is None or self.data is None:
            return
        ws, pid, old = self.editor.ws, self.editor.patent_id, self.data.terms
        self.editor.edit(self.tr("Set the licence terms"),
                         lambda: pricing.set_terms(ws, [pid], terms, source="gui"),
                         lambda _changed: pricing.set_terms(ws, [pid], old, source="gui"),
                         ops.Changes.of([pid], ops.PRICING), keep=bool)

    # --- schedule -----------------------------------------------------------------------------------------------
    def _decimal(self, edit: QLineEdit) -> Decimal | None:
        text = edit.text().strip()
        return money(text) if text else None

    def update_schedule(self, *_args: Any) -> None:
        schedule = None
        message = ""
        try:
            terms = self.typed_terms() if self.form.current_mode() is not None else None
            sales, profit = self._decimal(self.sales_edit), self._decimal(self.profit_edit)
            qd = self.start_edit.date()
            start = date(qd.year(), qd.month(), qd.day())
            if terms is None:
                message = self.tr("No terms yet.")
            elif terms.mode.has_royalty and sales is None and profit is None:
                message = self.tr("Enter the expected annual figures to see the schedule.")
            else:
                schedule = payment_schedule(terms, start, sales, profit,
                                            expiry=self.data.expiry if self.data is not None else None)
        except OpenLicError as exc:
            message = exc.message(self.lang)
        self.schedule_model.set_schedule(schedule)
        self.total_label.setText(self.tr("Total: %1 CNY").replace("%1", money_text(schedule.total))
                                 if schedule is not None else message)
        self._update_chart(schedule)

    def _update_chart(self, schedule: Schedule | None) -> None:
        """A new chart each time: re-using one and swapping its axes leaves the old axis labels drawn under the
        new ones (QtCharts)."""
        if schedule is None or not schedule.periods:
            if self.chart_view is not None:
                self.chart_view.hide()
            return
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
        from PySide6.QtGui import QPainter

        if self.chart_view is None:
            self.chart_view = QChartView(self)
            self.chart_view.setObjectName("scheduleChart")
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumHeight(220)
            self.chart_holder.addWidget(self.chart_view)
        chart = QChart()
        chart.legend().hide()
        bars = QBarSet(self.tr("Amount (CNY)"))
        categories = []
        for p in schedule.periods:
            bars.append(float(p.amount))  # drawing only: the money itself stays Decimal
            categories.append(p.start.isoformat())
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
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
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.chart_view.show()

    # --- reference ----------------------------------------------------------------------------------------------
    def refresh_reference(self, terms: PricingTerms | None) -> None:
        if self.data is None:
            return
        view = self.data.reference
        if not self.industry_edit.hasFocus():
            self.industry_edit.setText(view.industry)
        self.industry_source.setText({"recorded": self.tr("as recorded"), "ipc": self.tr("from the IPC class")}.get(
            view.industry_source, self.tr("not known")))
        lines = []
        if view.line is not None:
            line = view.line
            lines.append(self.tr("Industry line: %1 contracts, average amount %2 CNY, average rate %3%")
                         .replace("%1", str(line.contracts if line.contracts is not None else "—"))
                         .replace("%2", money_text(line.avg_amount) if line.avg_amount is not None else "—")
                         .replace("%3", format(line.avg_rate.normalize(), "f") if line.avg_rate is not None
                                  else "—"))
        elif not self.data.has_reference_table:
            lines.append(self.tr("No industry table loaded."))
        if view.national.get("avg_fixed_amount"):
            lines.append(self.tr("National (%1, all industries): average fixed amount %2 CNY")
                         .replace("%1", str(view.national.get("key", "")))
                         .replace("%2", money_text(Decimal(view.national["avg_fixed_amount"]))))
        self.reference_label.setText("\n".join(lines))
        warnings = pricing.compare_with_reference(terms, view.industry, view.line, view.national)
        self.reference_warning.setText("\n".join(f"{WARNING_MARK} " + finding_text(w, self.lang) for w in warnings))

    def save_industry(self) -> None:
        if self.data is None:
            return
        ws, number, pid = self.editor.ws, self.data.number, self.editor.patent_id
        new, old = self.industry_edit.text().strip(), self.data.reference.industry
        if self.data.reference.industry_source != "recorded":
            old = ""
        self.industry_edit.clearFocus()
        self.editor.edit(self.tr("Set the industry"),
                         lambda: portfolio.set_fields(ws, number, {"industry": new}, source="gui"),
                         lambda _f: portfolio.set_fields(ws, number, {"industry": old}, source="gui"),
                         ops.Changes.of([pid], ops.FACTS), keep=bool)

    def _choose_reference_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load industry table…"), "",
                                              self.tr("Spreadsheets (*.xlsx *.xls *.ods *.csv)"))
        if path:
            self.load_reference_file(path)

    def load_reference_file(self, path: str | Path) -> None:
        ws = self.editor.ws

        def loaded(result) -> None:
            self.editor.show_message(self.tr("Loaded %1 industries.").replace("%1", str(result.loaded)))

        # every patent's reference may change: the pricing of all of them is re-read where shown
        self.editor.run(lambda: pricing.load_reference_table(ws, path),
                        ops.Changes.of((), ops.PRICING, every_patent=True), on_done=loaded,
                        label=self.tr("Loading the industry table…"))

    # --- note ---------------------------------------------------------------------------------------------------
    def _method_changed(self, *_args: Any) -> None:
        """The form of the chosen method: one labelled field per figure its draft uses."""
        kept = {key: edit.text() for key, edit in self.note_edits.items()}
        while self.note_form.rowCount():
            self.note_form.removeRow(0)
        self.note_edits = {}
        for key in pricing.NOTE_INPUT_KEYS.get(self.method.currentData(), ()):
            edit = QLineEdit(kept.get(key, ""), self)
            edit.setObjectName(f"note_{key}")
            label = _tr(NOTE_INPUTS.get(key, key))
            edit.setAccessibleName(label)
            self.note_form.addRow(label, edit)
            self.note_edits[key] = edit

    def note_input_values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.note_edits.items() if edit.text().strip()}

    def draft_note(self) -> None:
        ws, pid, method, inputs = (self.editor.ws, self.editor.patent_id, self.method.currentData(),
                                   self.note_input_values())
        self.editor.run(lambda: pricing.draft_note_for(ws, pid, method, inputs), ops.NO_CHANGES,
                        on_done=self.note_text.setPlainText)

    def save_note(self) -> None:
        if self.data is None:
            return
        ws, pid = self.editor.ws, self.editor.patent_id
        method, inputs, text = self.method.currentData(), self.note_input_values(), self.note_text.toPlainText()
        old = self.data.note
        self.editor.edit(self.tr("Save the fee-estimation note"),
                         lambda: pricing.save_note(ws, pid, method, inputs, text),
                         lambda _changed: pricing.save_note(ws, pid, old.method, old.inputs, old.text)
                         if old is not None else None,
                         ops.Changes.of([pid], ops.PRICING), keep=bool)
