"""The main window as a daily tool: a hundred patents through the batch actions without the selection changing,
the Edit menu (undo, copy as TSV, select all, find), Enter opens the patent, the selection count, adding and
deleting a patent, and the notice when no Chinese font is installed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from gui_helpers import settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtTest import QTest

from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.gui import fonts
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import portfolio, pricing, readiness


@pytest.fixture
def window(qtbot, demo_ws):
    win = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(win)
    win.resize(1280, 700)
    win.show()
    qtbot.waitExposed(win)
    settle(qtbot, win)
    yield win
    # pytest-qt has closed and deleteLater'd the window by now: wait for the workers without an event loop
    import shiboken6

    if shiboken6.isValid(win):
        win.tasks.wait(20000)
        win.model.search_tasks.wait(20000)
        win.model.texts_tasks.wait(20000)
    win.ws = None


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def test_a_hundred_patents_through_the_batch_actions_keep_their_selection(window, qtbot, demo_ws):
    ids = window.model.ids()[40:140]
    window.select_patents(ids, ids[0])
    assert sorted(window.selected_patent_ids()) == sorted(ids)
    assert "100" in window.selection_label.text()

    def run(name: str) -> None:
        window.readiness_last_outcome = None
        action(window, name).trigger()
        qtbot.waitUntil(lambda: getattr(window, "readiness_last_outcome", None) is not None, timeout=30000)
        window.readiness_summary.close()
        settle(qtbot, window)
        assert sorted(window.selected_patent_ids()) == sorted(ids), name  # never collapses to one row
        assert window.current_patent_id() == ids[0]

    run("confirmCommitmentsAction")
    assert len(window.readiness_last_outcome.done) == 100
    # a lapsed patent is not kept in force: its C2 is refused, and it is not signed off without it
    lapsed = {r.application_number for r in window.readiness_last_outcome.refused}
    assert {r.params["item"] for r in window.readiness_last_outcome.refused} <= {"C2"}
    demo_ws.user = "alice"
    run("signPreparerAction")
    assert len(window.readiness_last_outcome.done) == 100 - len(lapsed)
    demo_ws.user = "bob"
    run("signReviewerAction")
    assert len(window.readiness_last_outcome.done) == 100 - len(lapsed)
    # batch pricing for the same hundred: the dialog applies, the rows are redrawn in place
    action(window, "batchPricingAction").trigger()
    from openlic_desktop.gui.pricing.batch_pricing_dialog import PricingBatchDialog

    dialog = window.findChild(PricingBatchDialog)
    dialog.form.set_terms(PricingTerms(PricingMode.FREE, term_months=12))
    dialog.skip_breakers.setChecked(False)
    dialog.apply()
    settle(qtbot, window)
    dialog.close()
    assert len(pricing.terms_for(demo_ws, ids)) == 100
    assert sorted(window.selected_patent_ids()) == sorted(ids)
    # Edit → Undo takes back the pricing, then the reviewer's sign-offs: the selection stays through both
    history = window.undo_history
    assert history.stack.count() == 4
    action(window, "undoAction").trigger()
    settle(qtbot, window)
    assert pricing.terms_for(demo_ws, ids) == {}
    action(window, "undoAction").trigger()
    settle(qtbot, window)
    assert [s.role for s in readiness.signoff_states(demo_ws, ids[0])] == ["preparer"]
    assert sorted(window.selected_patent_ids()) == sorted(ids)
    assert history.stack.index() == 2 and history.stack.canRedo()


def test_copy_rows_as_tsv_with_headers(window, qtbot):
    window.select_patents(window.model.ids()[:3])
    action(window, "copyRowsAction").trigger()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 4
    header = lines[0].split("\t")
    assert header[:3] == ["Application No.", "Title", "Type"]
    first = lines[1].split("\t")
    assert first[0] == window.model.index(0, 0).data() and len(first) == len(header)
    assert all("\n" not in cell for line in lines for cell in line.split("\t"))


def test_select_all_find_and_enter(window, qtbot):
    action(window, "selectAllAction").trigger()
    assert len(window.selected_patent_ids()) == 200
    assert "200" in window.selection_label.text()
    window.table.setFocus()
    action(window, "findAction").trigger()
    assert window.search_edit.hasFocus()
    window.select_patents([window.model.id_at(2)], window.model.id_at(2))
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.patent_editor.patent_id == window.model.id_at(2)
    window.patent_editor.close()


def test_add_a_patent_then_delete_it_and_undo(window, qtbot, demo_ws):
    from openlic_desktop.gui.dialogs.add_patent_dialog import delete_selected

    action(window, "addPatentAction").trigger()
    dialog = window.add_patent_dialog
    dialog.number_edit.setText("ZL 2021 1 0123456.7")
    dialog.title_edit.setText("一种新加的专利")
    dialog.add()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: portfolio.count(demo_ws) == 201)
    pid = portfolio.detail(demo_ws, "202110123456.7").id
    qtbot.waitUntil(lambda: window.current_patent_id() == pid)
    qtbot.waitUntil(lambda: getattr(window, "patent_editor", None) is not None
                    and window.patent_editor.patent_id == pid)  # its editor opens for the rest of the facts
    window.patent_editor.close()
    assert "201" in window.count_label.text()
    # the same number again is refused in the dialog, which stays open
    action(window, "addPatentAction").trigger()
    again = window.add_patent_dialog
    again.number_edit.setText("202110123456.7")
    again.add()
    settle(qtbot, window)
    assert "already" in again.error_label.text() and again.isVisible()
    again.reject()
    # deleted after a question; Edit → Undo puts it back
    window.select_patents([pid], pid)
    assert delete_selected(window, confirm=lambda text: "1" in text)
    settle(qtbot, window)
    assert portfolio.count(demo_ws) == 200
    action(window, "undoAction").trigger()
    settle(qtbot, window)
    assert portfolio.detail(demo_ws, "202110123456.7").facts.title == "一种新加的专利"


def test_a_patent_with_records_is_not_deleted(window, qtbot, demo_ws):
    from openlic_desktop.gui.dialogs.add_patent_dialog import delete_selected

    pid = window.model.id_at(0)
    pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(1000), term_months=12))
    window.select_patents([pid], pid)
    warned = []
    import openlic_desktop.gui.dialogs.add_patent_dialog as module

    original = module.QMessageBox.warning
    module.QMessageBox.warning = staticmethod(lambda *args: warned.append(args[-1]))
    try:
        delete_selected(window, confirm=lambda _text: True)
        settle(qtbot, window)
    finally:
        module.QMessageBox.warning = original
    assert warned and "pricing" in warned[0]
    assert portfolio.count(demo_ws) == 200 and window.undo_history.stack.count() == 0


def test_the_missing_chinese_font_is_explained():
    assert fonts.missing_font_notice(["Noto Sans CJK SC"]) is None
    text = fonts.missing_font_notice([], platform="linux")
    assert "fonts-noto-cjk" in text and "empty boxes" in text
    assert "PingFang" in fonts.missing_font_notice([], platform="darwin")
    assert "Microsoft YaHei" in fonts.missing_font_notice([], platform="win32")


def test_a_chinese_font_is_chosen_when_installed(qapp):
    families = fonts.chinese_families()
    if not families:
        pytest.skip("no Chinese font on this machine (the notice test covers that case)")
    before = qapp.font()
    try:
        chosen = fonts.choose_font(qapp)
        assert chosen in fonts.PREFERRED or chosen is None
        if chosen:
            assert qapp.font().family() == chosen
    finally:
        qapp.setFont(before)


def test_lists_open_soonest_first_and_the_guide_at_its_top(window, qtbot, demo_ws):
    from datetime import date as day

    from openlic_desktop.gui.dialogs.guide_dialog import GuideDialog
    from openlic_desktop.services.licensing import licences, licensees

    ids = portfolio.query_ids(demo_ws, status="in_force", sort="expiry_date", descending=True)[:2]
    pricing.set_terms(demo_ws, ids, PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(10000), term_months=24))
    number_a, number_b = (portfolio.rows(demo_ws, ids)[pid].application_number for pid in ids)
    licensees.add_licensee(demo_ws, "乙公司", "91350100M000100Y30")
    licensees.add_licensee(demo_ws, "甲公司", "91110000100000000R")
    licences.add_licence(demo_ws, number_a, "91350100M000100Y30", day(2025, 6, 1))
    licences.add_licence(demo_ws, number_b, "91350100M000100Y30", day(2024, 1, 1))
    for name in ("licenseeBookAction", "licencesAction", "deadlinesAction"):
        action(window, name).trigger()
    settle(qtbot, window)
    dialogs = {type(d).__name__: d for d in window.licensing_dialogs}
    book = dialogs["LicenseesDialog"].model
    names = [book.index(r, 0).data() for r in range(book.rowCount())]
    assert names == sorted(names)  # by name, from the top
    found = dialogs["LicencesDialog"].model
    record_by = [found.index(r, 6).data() for r in range(found.rowCount())]
    assert record_by == sorted(record_by)  # the next recording deadline first
    due = dialogs["DeadlinesDialog"]
    due.within_check.setChecked(False)
    dates = [due.model.index(r, 0).data() for r in range(due.model.rowCount())]
    assert dates and dates == sorted(dates)  # the most urgent at the top, not the bottom
    for dialog in dialogs.values():
        dialog.close()
    action(window, "userGuideAction").trigger()
    guide = next(w for w in window.findChildren(GuideDialog) if w.isVisible())
    qtbot.waitExposed(guide)
    assert guide.browser.verticalScrollBar().value() == 0  # opens at its beginning
    guide.close()
