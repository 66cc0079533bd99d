"""The pricing tab and the batch pricing dialog, driven by pytest-qt on a real demo database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from openlic_desktop.domain.pricing import Frequency, PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.gui.editor import editor_tabs
from openlic_desktop.gui.editor.patent_editor import PatentEditor
from openlic_desktop.gui.pricing.batch_pricing_dialog import PreviewModel, PricingBatchDialog, install
from openlic_desktop.gui.pricing.pricing_tab import PricingTab, ScheduleModel
from openlic_desktop.services import portfolio, pricing

TODAY = date(2026, 11, 26)


def first_in_force(ws) -> int:
    ids = portfolio.query_ids(ws, status="in_force", sort="expiry_date", descending=True)
    return ids[0]


def settle(qtbot, editor) -> None:
    qtbot.waitUntil(lambda: editor.pending == 0 and not editor.history.busy and editor.tasks.idle(), timeout=20000)


@pytest.fixture
def editor(qtbot, demo_ws, monkeypatch):
    import openlic_desktop.gui.editor.patent_editor as module

    monkeypatch.setattr(module, "EDITOR_TABS", [PricingTab])
    dlg = PatentEditor(demo_ws, first_in_force(demo_ws), lang="en")
    qtbot.addWidget(dlg)
    dlg.show()
    settle(qtbot, dlg)
    yield dlg
    dlg.tasks.wait()


@pytest.fixture
def tab(editor):
    return editor.tab("pricing")


def test_tab_starts_unpriced_and_saves_royalty_with_trial(tab, editor, demo_ws, qtbot):
    # an unpriced patent says so: no made-up "free" mode, no "nothing to object to"
    assert tab.form.current_mode() is None and tab.form.mode.currentText() == "(not priced yet)"
    assert "No terms are saved" in tab.findings_label.text()
    assert not tab.form.term.isEnabled()
    tab.form.mode.setCurrentIndex(tab.form.mode.findData("royalty"))
    assert tab.form.mode.findData("") < 0  # a mode chosen: "not priced yet" is gone from the list
    assert tab.form.rate.isEnabled() and not tab.form.amount.isEnabled()
    qtbot.keyClicks(tab.form.rate, "3")
    tab.form.term.setValue(36)
    tab.form.trial_box.setChecked(True)
    assert tab.form.trial.isEnabled()
    tab.form.trial.setValue(12)
    tab.save_terms()
    settle(qtbot, editor)
    saved = pricing.get_terms(demo_ws, editor.patent_id)
    assert saved == PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36,
                                 pay_after_trial=True, trial_months=12)
    assert editor.history.stack.count() == 1
    tab.save_terms()  # nothing changed: no second audit entry, nothing to undo
    settle(qtbot, editor)
    assert editor.history.stack.count() == 1
    history = portfolio.detail_by_id(demo_ws, editor.patent_id).history
    assert [h["field"] for h in history].count("pricing") == 1
    assert editor.history.undo(editor)
    settle(qtbot, editor)
    assert pricing.get_terms(demo_ws, editor.patent_id) is None
    assert tab.form.current_mode() is None  # the tab shows it unpriced again


def test_findings_shown_live_and_incomplete_not_saved(tab, editor, demo_ws, qtbot):
    tab.form.mode.setCurrentIndex(tab.form.mode.findData("royalty"))
    assert "royalty rate" in tab.findings_label.text()  # PRICING_MISSING names the missing field, in words
    qtbot.keyClicks(tab.form.rate, "25")
    assert "general standard" in tab.findings_label.text() and "guidance" in tab.findings_label.text()
    tab.form.term.setValue(6)
    assert "minimum" in tab.findings_label.text() or "最短" in tab.findings_label.text()
    tab.form.rate.setText("")
    tab.save_terms()
    settle(qtbot, editor)
    assert pricing.get_terms(demo_ws, editor.patent_id) is None


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
    view = tab.schedule_view  # five periods in view, not a row and a half
    assert view.minimumHeight() >= view.horizontalHeader().height() + 5 * view.verticalHeader().defaultSectionSize()
    qtmodeltester.check(model)
    series = tab.chart_view.chart().series()
    assert len(series) == 1 and series[0].barSets()[0].count() == 5
    first_chart = tab.chart_view.chart()
    tab.sales_edit.setText("1300000")
    assert tab.chart_view.chart() is not first_chart  # a new chart: no old axis labels left under the new ones
    assert len(tab.chart_view.chart().axes()) == 2
    tab.sales_edit.setText("abc")
    assert model.rowCount() == 0 and "abc" in tab.total_label.text()


def test_schedule_model_empty_passes_modeltester(qtmodeltester):
    qtmodeltester.check(ScheduleModel())


def test_reference_warning_industry_correction_and_table(tab, editor, demo_ws, tmp_path, qtbot):
    tab.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(9000000), term_months=12))
    assert "1,711,000.00" in tab.reference_warning.text()  # far above the national average
    book = openpyxl.Workbook()
    book.active.append(["行业名称", "平均合同金额（万元）", "平均提成比例"])
    book.active.append(["医药制造业", 500, 4])
    book.active.append(["软件和信息技术服务业", 20, 3])
    path = tmp_path / "industries.xlsx"
    book.save(path)
    tab.load_reference_file(str(path))
    settle(qtbot, editor)
    assert "2" in editor.message.text()
    tab.industry_edit.setText("医药制造业")
    tab.save_industry()
    settle(qtbot, editor)
    assert portfolio.detail_by_id(demo_ws, editor.patent_id).facts.industry == "医药制造业"
    tab.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(9000000), term_months=12))
    assert "5,000,000.00" in tab.reference_label.text()
    assert tab.reference_warning.text() == ""  # 9 million is below 3 × 5 million
    tab.industry_edit.setText("软件和信息技术服务业")
    tab.save_industry()
    settle(qtbot, editor)
    tab.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(9000000), term_months=12))
    assert "200,000.00" in tab.reference_warning.text()


def test_fee_note_draft_edit_save_reload(tab, editor, demo_ws, qtbot, monkeypatch):
    tab.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24))
    tab.save_terms()
    settle(qtbot, editor)
    tab.method.setCurrentIndex(tab.method.findData("valuation"))
    # one labelled field per figure the method uses: no key=value lines to type
    assert set(tab.note_edits) == {"valuation", "valuer", "remarks"}
    tab.note_edits["valuation"].setText("800000")
    tab.note_edits["valuer"].setText("某资产评估有限公司")
    qtbot.mouseClick(tab.draft_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
    text = tab.note_text.toPlainText()
    assert "评估价值800000元" in text and "一次性支付5万元" in text
    tab.note_text.setPlainText(text + "\n（已人工核对）")
    tab.save_note()
    settle(qtbot, editor)
    import openlic_desktop.gui.editor.patent_editor as module

    monkeypatch.setattr(module, "EDITOR_TABS", [PricingTab])
    other = PatentEditor(demo_ws, editor.patent_id, lang="en")
    qtbot.addWidget(other)
    settle(qtbot, other)
    other_tab = other.tab("pricing")
    assert other_tab.note_text.toPlainText().endswith("（已人工核对）")
    assert other_tab.method.currentData() == "valuation"
    assert other_tab.note_edits["valuer"].text() == "某资产评估有限公司"
    assert other_tab.form.terms().amount == Decimal("50000.00")
    other.tasks.wait()


# --- batch dialog --------------------------------------------------------------------------------------------

@pytest.fixture
def window(qtbot, demo_ws):
    from openlic_desktop.gui.main_window import MainWindow

    win = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(win)
    yield win
    win.tasks.wait()
    win.ws = None


def wait_idle(qtbot, win) -> None:
    from gui_helpers import settle

    settle(qtbot, win)


@pytest.fixture
def dialog(qtbot, window, demo_ws):
    # patents in force for years and old ones ending soon: some would break the rules, some not
    ids = portfolio.query_ids(demo_ws, status="in_force", sort="expiry_date", descending=True)[:20] \
        + portfolio.query_ids(demo_ws)[:20]
    dlg = PricingBatchDialog(window, ids, lang="en", today=TODAY)
    dlg.show()
    return dlg


def preview(qtbot, dialog):
    got = []
    dialog.run_preview(then=got.append)
    wait_idle(qtbot, dialog.window_)
    return got[0] if got else None


def test_batch_preset_preview_apply_undo(dialog, demo_ws, qtbot, qtmodeltester):
    name = "一年免费试用后按净销售额3%提成，许可期3年"
    dialog.preset.setCurrentIndex(dialog.preset.findData(name))
    assert dialog.form.terms().trial_months == 12
    rows = preview(qtbot, dialog)
    qtmodeltester.check(dialog.preview_model)
    breakers = {r.patent_id for r in rows if r.blocked}
    assert dialog.preview_model.rowCount() == len(rows)
    assert breakers and breakers != set(dialog.patent_ids)  # some patents end within three years
    reasons = [dialog.preview_model.index(r, 2).data() for r in range(len(rows))]
    assert all("last day in force" in why for why in reasons)
    with qtbot.waitSignal(dialog.applied, timeout=20000):
        dialog.apply()
    wait_idle(qtbot, dialog.window_)
    priced = pricing.terms_for(demo_ws, dialog.patent_ids)
    assert set(priced) == set(dialog.patent_ids) - breakers
    assert all(t.pay_after_trial for t in priced.values())
    history = dialog.window_.undo_history  # the batch pricing is undone like any edit: Edit → Undo
    assert history.stack.count() == 1 and name in history.stack.undoText()
    assert history.undo()
    wait_idle(qtbot, dialog.window_)
    assert pricing.terms_for(demo_ws, dialog.patent_ids) == {}
    assert history.redo()
    wait_idle(qtbot, dialog.window_)
    assert set(pricing.terms_for(demo_ws, dialog.patent_ids)) == set(dialog.patent_ids) - breakers


def test_batch_custom_terms_show_breakers_and_can_apply_to_all(dialog, demo_ws, qtbot):
    dialog.form.set_terms(PricingTerms(PricingMode.ROYALTY, rate=Decimal(30), base=RoyaltyBase.NET_SALES,
                                       term_months=12))
    assert dialog.preset.currentData() is None  # typed terms are custom
    rows = preview(qtbot, dialog)
    assert len(rows) == len(dialog.patent_ids)
    assert all("cap" in dialog.preview_model.index(r, 2).data() for r in range(len(rows)))
    dialog.skip_breakers.setChecked(True)
    dialog.apply()
    wait_idle(qtbot, dialog.window_)
    assert pricing.terms_for(demo_ws, dialog.patent_ids) == {}  # every patent was skipped
    assert dialog.window_.undo_history.stack.count() == 0  # nothing changed: nothing to undo
    dialog.skip_breakers.setChecked(False)
    dialog.apply()
    wait_idle(qtbot, dialog.window_)
    assert len(pricing.terms_for(demo_ws, dialog.patent_ids)) == len(dialog.patent_ids)


def test_batch_until_expiry_gives_each_patent_its_own_term(dialog, demo_ws, qtbot):
    from openlic_desktop.domain.pricing import term_until_expiry
    from openlic_desktop.storage import patents as patent_repo

    with demo_ws.reading() as session:
        expiry = {pid: row.expiry_date for pid, row in patent_repo.list_rows(session, dialog.patent_ids).items()}
    fits = {pid: term_until_expiry(TODAY, day) for pid, day in expiry.items() if day is not None}
    fits = {pid: months for pid, months in fits.items() if months >= 1}
    assert len(set(fits.values())) > 1 and len(fits) < len(dialog.patent_ids)  # own terms; some none fits
    dialog.form.set_terms(PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES,
                                       term_months=36))
    assert dialog.form.until_expiry.isVisible() and dialog.form.term.isEnabled()
    dialog.form.until_expiry.setChecked(True)
    assert not dialog.form.term.isEnabled() and dialog.form.terms().term_months is None
    rows = preview(qtbot, dialog)
    too_close = set(dialog.patent_ids) - set(fits)
    assert too_close <= {r.patent_id for r in rows if r.blocked}  # no term fits: blocked, and said why
    reasons = {dialog.preview_model.index(r, 2).data() for r in range(len(rows))
               if dialog.preview_model.index(r, 2).data(Qt.ItemDataRole.UserRole) in too_close}
    assert reasons and all("month" in why or "unknown" in why for why in reasons), reasons
    dialog.preset_name.setText("至届满")
    dialog.save_preset()  # a preset keeps a term in months
    assert "Until the patent expires" in dialog.message.text() and dialog.preset.findData("至届满") < 0
    with qtbot.waitSignal(dialog.applied, timeout=20000):
        dialog.apply()
    wait_idle(qtbot, dialog.window_)
    priced = pricing.terms_for(demo_ws, dialog.patent_ids)
    kept = set(dialog.patent_ids) - {r.patent_id for r in rows if r.blocked}  # breakers skipped, as ticked
    fits = {pid: months for pid, months in fits.items() if pid in kept}
    assert fits and {pid: t.term_months for pid, t in priced.items()} == fits
    # the stored terms record that each runs until expiry (not only the months that fit)
    assert {t.with_changes(term_months=None) for t in priced.values()} == {
        dialog.form.terms().with_changes(until_expiry=True)}
    history = dialog.window_.undo_history
    assert "until each patent expires" in history.stack.undoText()
    assert history.undo()
    wait_idle(qtbot, dialog.window_)
    assert pricing.terms_for(demo_ws, dialog.patent_ids) == {}
    assert history.redo()
    wait_idle(qtbot, dialog.window_)
    assert {pid: t.term_months for pid, t in pricing.terms_for(demo_ws, dialog.patent_ids).items()} == fits


def test_the_editor_has_no_until_expiry(tab):
    assert not tab.form.until_expiry.isVisible() and not tab.form.runs_until_expiry()


def test_batch_save_preset_and_refuse_bad_terms(dialog, demo_ws, qtbot):
    dialog.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(30000), term_months=24))
    dialog.preset_name.setText("固定3万两年")
    dialog.save_preset()
    wait_idle(qtbot, dialog.window_)
    assert dialog.preset.currentData() == "固定3万两年"
    assert pricing.get_preset(demo_ws, "固定3万两年").terms.amount == Decimal("30000.00")
    dialog.form.amount.setText("-5")
    assert preview(qtbot, dialog) is None and "negative" in dialog.message.text()
    dialog.apply()
    wait_idle(qtbot, dialog.window_)
    assert dialog.window_.undo_history.stack.count() == 0


def test_preview_model_empty_passes_modeltester(qtmodeltester):
    qtmodeltester.check(PreviewModel("en"))


def test_install_adds_menu_tab_and_columns(qtbot, window, demo_ws):
    ids = portfolio.query_ids(demo_ws)[:3]
    install(window)  # a second install changes nothing
    assert PricingTab in editor_tabs.EDITOR_TABS and editor_tabs.EDITOR_TABS.count(PricingTab) == 1
    assert window.pricing_action in window.menus["batch"].actions()
    window.select_patents(ids)
    window.pricing_action.trigger()
    dialogs = [d for d in window.findChildren(PricingBatchDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].patent_ids == sorted(ids, key=window.model.row_of)
    dialogs[0].form.set_terms(PricingTerms(PricingMode.FREE, term_months=12))
    dialogs[0].skip_breakers.setChecked(False)
    dialogs[0].apply()
    wait_idle(qtbot, window)
    assert sorted(window.selected_patent_ids()) == sorted(ids)  # the selection stays after a batch action
    dialogs[0].close()


def test_main_window_columns_show_terms(qtbot, demo_ws, qtmodeltester):
    from openlic_desktop.gui.main_window import MainWindow

    pid = portfolio.query_ids(demo_ws)[0]
    pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.ROYALTY, rate=Decimal(3),
                                                   base=RoyaltyBase.NET_SALES, term_months=36))
    win = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(win)
    headers = [c.header for c in win.model.columns]  # the English sources
    assert "Payment terms" in headers and "Licence term" in headers
    col_pay, col_term = headers.index("Payment terms"), headers.index("Licence term")
    row = win.model.row_of(pid)
    from gui_helpers import cell

    assert "3%" in cell(qtbot, win, row, col_pay)
    assert "36" in cell(qtbot, win, row, col_term)
    assert not win.model.columns[col_pay].sortable
    qtmodeltester.check(win.model)
    assert any(a.text() == "Pricing…" for a in win.menus["batch"].actions())
    win.ws = None


def test_tab_embedded_in_the_patent_editor(qtbot, window, demo_ws):
    from openlic_desktop.gui.editor.patent_editor import open_editor

    pid = first_in_force(demo_ws)
    editor = open_editor(window, pid)
    assert editor is not None
    settle(qtbot, editor)
    tab = editor.tab("pricing")
    assert isinstance(tab, PricingTab) and tab.lang == "en"
    tab.form.set_terms(PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(60000), term_months=24))
    tab.save_terms()  # the op names the pricing of this patent: the tab (and the table's row) read it again
    settle(qtbot, editor)
    assert tab.data.terms.amount == Decimal("60000.00")
    row = window.model.row_of(pid)
    col = [c.header for c in window.model.columns].index("Payment terms")
    from gui_helpers import cell

    assert cell(qtbot, window, row, col) not in ("", "…")  # the table's row shows the new terms
    editor.close()


def editor_on_a_lump_sum_until_expiry(qtbot, demo_ws, monkeypatch, priced: PricingTerms | None = None):
    """The patent editor (its pricing tab alone) on a patent whose lump sum (or `priced`) runs until it expires;
    returns the patent's id, today, its expiry day, the recorded terms and the editor."""
    import openlic_desktop.gui.editor.patent_editor as module

    monkeypatch.setattr(module, "EDITOR_TABS", [PricingTab])
    pid, today = first_in_force(demo_ws), date.today()
    expiry = portfolio.detail_by_id(demo_ws, pid).facts.expiry_date
    recorded = pricing.own_terms(priced or PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000)), expiry, today)
    pricing.set_terms(demo_ws, [pid], recorded)
    editor = PatentEditor(demo_ws, pid, lang="en")
    qtbot.addWidget(editor)
    editor.show()
    settle(qtbot, editor)
    return pid, today, expiry, recorded, editor


def test_editor_keeps_a_term_until_expiry_and_can_set_one(qtbot, demo_ws, monkeypatch):
    """Saving the editor's terms keeps "until expiry" as recorded; ticking it makes the term follow the expiry."""
    from openlic_desktop.domain.licensing import licence_end
    from openlic_desktop.domain.pricing import term_until_expiry

    pid, today, expiry, recorded, editor = editor_on_a_lump_sum_until_expiry(qtbot, demo_ws, monkeypatch)
    tab = editor.tab("pricing")
    box = tab.form.until_expiry
    assert not box.isHidden() and box.isChecked() and not tab.form.term.isEnabled()
    assert box.accessibleName() == "Until the patent expires"

    tab.form.amount.setText("60000")  # an unrelated field
    tab.save_terms()
    settle(qtbot, editor)
    saved = pricing.get_terms(demo_ws, pid)
    assert saved.amount == Decimal(60000) and saved.until_expiry
    assert saved.term_months == term_until_expiry(today, expiry)
    assert licence_end(today, saved, expiry) == expiry
    assert editor.history.undo(editor)
    settle(qtbot, editor)
    assert pricing.get_terms(demo_ws, pid) == recorded and tab.form.until_expiry.isChecked()

    box.setChecked(False)  # a month count again
    assert tab.form.term.isEnabled()
    tab.form.term.setValue(24)
    tab.save_terms()
    settle(qtbot, editor)
    saved = pricing.get_terms(demo_ws, pid)
    assert not saved.until_expiry and saved.term_months == 24 and licence_end(today, saved, expiry) < expiry
    assert not tab.form.until_expiry.isChecked()

    tab.form.until_expiry.setChecked(True)  # ticked: the term follows the patent's expiry
    tab.save_terms()
    settle(qtbot, editor)
    saved = pricing.get_terms(demo_ws, pid)
    assert saved.until_expiry and saved.term_months == term_until_expiry(today, expiry)
    assert licence_end(today, saved, expiry) == expiry
    assert tab.form.term.value() == saved.term_months
    editor.tasks.wait()


def test_the_editors_schedule_runs_a_term_until_expiry_to_the_expiry_day(qtbot, demo_ws, monkeypatch):
    """The payment table of a lump sum until expiry ends on the patent's last day in force, as the licence does."""
    from openlic_desktop.domain.licensing import licence_end

    _pid, today, expiry, terms, editor = editor_on_a_lump_sum_until_expiry(qtbot, demo_ws, monkeypatch)
    model = editor.tab("pricing").schedule_model
    assert model.rowCount() == 1
    last = model.index(model.rowCount() - 1, 1)
    assert model.data(last, Qt.ItemDataRole.UserRole) == expiry == licence_end(today, terms, expiry)
    assert model.data(last) == expiry.isoformat()
    editor.tasks.wait()


def test_the_editors_royalty_estimate_until_expiry_is_the_schedule_commands(qtbot, demo_ws, monkeypatch):
    """The editor's table and total for a royalty until expiry are `openlic schedule`'s (pricing.schedule_for),
    the days after the last whole month counted in both."""
    from openlic_desktop.gui.pricing.pricing_tab import money_text

    royalty = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES)
    pid, today, expiry, _terms, editor = editor_on_a_lump_sum_until_expiry(qtbot, demo_ws, monkeypatch, royalty)
    tab = editor.tab("pricing")
    tab.sales_edit.setText("1000000")
    qtbot.waitUntil(lambda: tab.schedule_model.rowCount() > 0)
    number = portfolio.detail_by_id(demo_ws, pid).facts.number.canonical
    _number, schedule = pricing.schedule_for(demo_ws, number, Decimal(1_000_000), None, start=today)
    model = tab.schedule_model
    shown = [(model.data(model.index(r, 1), Qt.ItemDataRole.UserRole),
              model.data(model.index(r, 3), Qt.ItemDataRole.UserRole)) for r in range(model.rowCount())]
    assert shown == [(p.end, p.amount) for p in schedule.periods] and shown[-1][0] == expiry
    assert money_text(schedule.total) in tab.total_label.text()
    editor.tasks.wait()
