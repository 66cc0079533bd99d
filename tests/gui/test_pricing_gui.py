"""The pricing tab and the batch pricing dialog, driven by pytest-qt on a real demo database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from openlic_desktop.domain.pricing import Frequency, PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.gui.editor import editor_tabs
from openlic_desktop.gui.pricing.batch_pricing_dialog import PreviewModel, PricingBatchDialog, install
from openlic_desktop.gui.pricing.pricing_tab import PricingTab, ScheduleModel
from openlic_desktop.services import portfolio, pricing

TODAY = date(2026, 11, 26)


def first_in_force(ws) -> int:
    ids = portfolio.query_ids(ws, status="in_force", sort="expiry_date", descending=True)
    return ids[0]


@pytest.fixture
def tab(qtbot, demo_ws):
    widget = PricingTab()
    qtbot.addWidget(widget)
    widget.load(demo_ws, first_in_force(demo_ws))
    widget.show()
    return widget


def test_tab_starts_free_and_saves_royalty_with_trial(tab, demo_ws, qtbot):
    assert tab.form.current_mode() is PricingMode.FREE
    assert "PRICING" not in tab.findings_label.text()
    tab.form.mode.setCurrentIndex(tab.form.mode.findData("royalty"))
    assert tab.form.rate.isEnabled() and not tab.form.amount.isEnabled()
    qtbot.keyClicks(tab.form.rate, "3")
    tab.form.term.setValue(36)
    tab.form.trial_box.setChecked(True)
    assert tab.form.trial.isEnabled()
    tab.form.trial.setValue(12)
    with qtbot.waitSignal(tab.changed):
        assert tab.save_terms()
    saved = pricing.get_terms(demo_ws, tab.patent_id)
    assert saved == PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36,
                                 pay_after_trial=True, trial_months=12)
    assert tab.save_terms()  # nothing changed: no second audit entry
    assert tab.status.text() == "Nothing changed."
    history = portfolio.detail_by_id(demo_ws, tab.patent_id).history
    assert [h["field"] for h in history].count("pricing") == 1


def test_findings_shown_live_and_incomplete_not_saved(tab, demo_ws, qtbot):
    tab.form.mode.setCurrentIndex(tab.form.mode.findData("royalty"))
    assert "提成比例" in tab.findings_label.text()  # PRICING_MISSING names the missing field, in words
    qtbot.keyClicks(tab.form.rate, "25")
    assert "一般标准" in tab.findings_label.text() and "指导性" in tab.findings_label.text()  # guidance, not a cap
    tab.form.term.setValue(6)
    assert "minimum" in tab.findings_label.text() or "最短" in tab.findings_label.text()
    tab.form.rate.setText("")
    assert not tab.save_terms()
    assert pricing.get_terms(demo_ws, tab.patent_id) is None


def test_schedule_table_chart_and_modeltester(tab, qtbot, qtmodeltester):
    tab.form.set_terms(PricingTerms(PricingMode.ENTRY_PLUS_ROYALTY, entry_fee=Decimal(10000), rate=Decimal("2.5"),
                                    base=RoyaltyBase.NET_SALES, term_months=14, free_months=6,
                                    frequency=Frequency.QUARTERLY))
    tab.start_edit.setDate(QDate(2026, 1, 1))
    assert tab.schedule_model.rowCount() == 0  # no annual figures yet
    tab.sales_edit.setText("1200000")
    model = tab.schedule_model
    assert model.rowCount() == 5
    assert [model.index(r, 2).data(Qt.ItemDataRole.UserRole) for r in range(5)] == [
        "free", "entry-fee", "royalty", "royalty", "royalty"]
    assert model.index(4, 3).data() == "5,000.00"
    assert "30,000.00" in tab.total_label.text()
    qtmodeltester.check(model)
    series = tab.chart.series()
    assert len(series) == 1 and series[0].barSets()[0].count() == 5
    tab.sales_edit.setText("abc")
    assert model.rowCount() == 0 and "abc" in tab.total_label.text()


def test_schedule_model_empty_passes_modeltester(qtmodeltester):
    qtmodeltester.check(ScheduleModel())


def test_reference_warning_industry_correction_and_table(tab, demo_ws, tmp_path):
    tab.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(9000000), term_months=12))
    assert "1,711,000.00" in tab.reference_warning.text()  # far above the national average
    book = openpyxl.Workbook()
    book.active.append(["行业名称", "平均合同金额（万元）", "平均提成比例"])
    book.active.append(["医药制造业", 500, 4])
    book.active.append(["软件和信息技术服务业", 20, 3])
    path = tmp_path / "industries.xlsx"
    book.save(path)
    tab.load_reference_file(str(path))
    assert "2" in tab.status.text()
    tab.industry_edit.setText("医药制造业")
    tab.save_industry()
    assert portfolio.detail_by_id(demo_ws, tab.patent_id).facts.industry == "医药制造业"
    assert "5,000,000.00" in tab.reference_label.text()
    assert tab.reference_warning.text() == ""  # 9 million is below 3 × 5 million
    tab.industry_edit.setText("软件和信息技术服务业")
    tab.save_industry()
    assert "200,000.00" in tab.reference_warning.text()


def test_fee_note_draft_edit_save_reload(tab, demo_ws, qtbot):
    tab.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24))
    tab.save_terms()
    tab.method.setCurrentIndex(tab.method.findData("valuation"))
    assert "valuer=" in tab.note_inputs.placeholderText()
    tab.note_inputs.setPlainText("valuation=800000\nvaluer=某资产评估有限公司")
    qtbot.mouseClick(tab.draft_button, Qt.MouseButton.LeftButton)
    text = tab.note_text.toPlainText()
    assert "评估价值800000元" in text and "一次性支付5万元" in text
    tab.note_text.setPlainText(text + "\n（已人工核对）")
    assert tab.save_note()
    other = PricingTab()
    qtbot.addWidget(other)
    other.load(demo_ws, tab.patent_id)
    assert other.note_text.toPlainText().endswith("（已人工核对）")
    assert other.method.currentData() == "valuation"
    assert other.form.terms().amount == Decimal("50000.00")


# --- batch dialog --------------------------------------------------------------------------------------------

@pytest.fixture
def dialog(qtbot, demo_ws):
    ids = portfolio.query_ids(demo_ws)[:40]
    dlg = PricingBatchDialog(demo_ws, ids, lang="en", today=TODAY)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_batch_preset_preview_apply_undo(dialog, demo_ws, qtbot, qtmodeltester):
    name = "一年免费试用后按净销售额3%提成，许可期3年"
    dialog.preset.setCurrentIndex(dialog.preset.findData(name))
    assert dialog.form.terms().trial_months == 12
    rows = dialog.run_preview()
    qtmodeltester.check(dialog.preview_model)
    breakers = {r.patent_id for r in rows if r.blocked}
    assert dialog.preview_model.rowCount() == len(rows)
    assert breakers  # the demo holds patents ending within three years
    reasons = [dialog.preview_model.index(r, 2).data() for r in range(len(rows))]
    assert all("last day in force" in why for why in reasons)
    with qtbot.waitSignal(dialog.applied):
        assert dialog.apply()
    priced = pricing.terms_for(demo_ws, dialog.patent_ids)
    assert set(priced) == set(dialog.patent_ids) - breakers
    assert all(t.pay_after_trial for t in priced.values())
    assert dialog.undo_button.isEnabled()
    with qtbot.waitSignal(dialog.applied):
        assert dialog.undo()
    assert pricing.terms_for(demo_ws, dialog.patent_ids) == {}
    assert not dialog.undo_button.isEnabled()
    assert not dialog.undo()  # nothing left: a message, not an exception
    assert "no batch pricing" in dialog.message.text()


def test_batch_custom_terms_show_breakers_and_can_apply_to_all(dialog, demo_ws, qtbot):
    dialog.form.set_terms(PricingTerms(PricingMode.ROYALTY, rate=Decimal(30), base=RoyaltyBase.NET_SALES,
                                       term_months=12))
    assert dialog.preset.currentData() is None  # typed terms are custom
    rows = dialog.run_preview()
    assert len(rows) == len(dialog.patent_ids)
    assert all("cap" in dialog.preview_model.index(r, 2).data() for r in range(len(rows)))
    dialog.skip_breakers.setChecked(True)
    assert dialog.apply()
    assert pricing.terms_for(demo_ws, dialog.patent_ids) == {}  # every patent was skipped
    dialog.skip_breakers.setChecked(False)
    assert dialog.apply()
    assert len(pricing.terms_for(demo_ws, dialog.patent_ids)) == len(dialog.patent_ids)


def test_batch_save_preset_and_refuse_bad_terms(dialog, demo_ws):
    dialog.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(30000), term_months=24))
    dialog.preset_name.setText("固定3万两年")
    dialog.save_preset()
    assert dialog.preset.currentData() == "固定3万两年"
    assert pricing.get_preset(demo_ws, "固定3万两年").terms.amount == Decimal("30000.00")
    dialog.form.amount.setText("-5")
    assert dialog.run_preview() is None and "negative" in dialog.message.text()
    assert not dialog.apply()


def test_preview_model_empty_passes_modeltester(qtmodeltester):
    qtmodeltester.check(PreviewModel("en"))


class _Window(QMainWindow):
    """The part of the main window a feature uses (the real MainWindow is exercised below)."""

    def __init__(self, ws, ids):
        super().__init__()
        self.ws, self._ids, self.lang = ws, ids, "en"
        self.menus = {"batch": QMenu("Batch", self)}
        self.refreshed = 0

    def selected_patent_ids(self):
        return list(self._ids)

    def refresh(self):
        self.refreshed += 1


def test_install_adds_menu_tab_and_columns(qtbot, demo_ws):
    ids = portfolio.query_ids(demo_ws)[:3]
    win = _Window(demo_ws, ids)
    qtbot.addWidget(win)
    install(win)
    assert ("Pricing", PricingTab) in editor_tabs.EDITOR_TABS
    assert win.pricing_action in win.menus["batch"].actions()
    win.pricing_action.trigger()
    dialogs = [d for d in win.findChildren(PricingBatchDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].patent_ids == ids
    dialogs[0].form.set_terms(PricingTerms(PricingMode.FREE, term_months=12))
    dialogs[0].skip_breakers.setChecked(False)
    dialogs[0].apply()
    assert win.refreshed == 1
    dialogs[0].close()


def test_main_window_columns_show_terms(qtbot, demo_ws, qtmodeltester):
    from openlic_desktop.gui.main_window import MainWindow

    pid = portfolio.query_ids(demo_ws)[0]
    pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.ROYALTY, rate=Decimal(3),
                                                   base=RoyaltyBase.NET_SALES, term_months=36))
    win = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(win)
    headers = [c.header for c in win.model.columns]
    assert "Payment terms" in headers and "Licence term" in headers
    col_pay, col_term = headers.index("Payment terms"), headers.index("Licence term")
    row = win.model.row_of(pid)
    assert "3%" in win.model.index(row, col_pay).data()
    assert "36" in win.model.index(row, col_term).data()
    assert not win.model.columns[col_pay].sortable
    qtmodeltester.check(win.model)
    assert any(a.text() == "Pricing…" for a in win.menus["batch"].actions())
    win.ws = None


def test_tab_embedded_in_the_patent_editor(qtbot, demo_ws):
    from openlic_desktop.gui.main_window import MainWindow
    from openlic_desktop.gui.editor.patent_editor import open_editor

    win = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(win)
    pid = first_in_force(demo_ws)
    editor = open_editor(win, pid)
    assert editor is not None
    tab = next(w for w in editor.extra_tabs if isinstance(w, PricingTab))
    assert tab.patent_id == pid and tab.lang == "en"
    tab.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(60000), term_months=24))
    assert tab.save_terms()  # the editor reloads its tabs on `changed`: the saved terms come back
    assert tab.form.terms().amount == Decimal("60000.00")
    editor.close()
    win.ws = None
