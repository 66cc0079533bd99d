"""A patent lapsed for an unpaid annual fee, as the window shows it on the day it works with: the declaration tab
says the lapse in words (not a blank fee line), the deadlines list says lapsed with no amount."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from declaration_helpers import ROYALTY, add, ids, number
from gui_helpers import drain
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_declarations_gui import settle_editor

from openlic_desktop.gui.editor import patent_editor
from openlic_desktop.gui.licensing.deadlines_view import DeadlinesDialog
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import pricing

FILING = date(2021, 3, 10)
LAPSED = number("1", 91)   # fees paid up to year 2: year 3 fell due 2023-03-10, grace period ended 2023-09-09


def test_the_declaration_tab_says_the_lapse_on_the_windows_day(qtbot, ws, tmp_path):
    add(ws, [LAPSED], filed=FILING, paid_until=date(2023, 3, 9))
    pid = ids(ws, [LAPSED])[0]
    window = MainWindow(ws, lang="en")
    window.show()
    drain(window)
    try:
        shown = {}
        for day in (date(2023, 9, 9), date(2023, 9, 10)):
            window.model.today = day       # the day the portfolio view works with
            editor = patent_editor.open_editor(window, pid)
            settle_editor(qtbot, editor)
            tab = editor.tab("declaration")
            editor.tabs.setCurrentWidget(tab)
            settle_editor(qtbot, editor)
            shown[day] = tab.terms_label.text()
            if day == date(2023, 9, 10):
                editor.resize(900, 700)
                editor.grab().save(str(tmp_path / "lapsed_declaration_tab.png"))
            editor.close()
            QApplication.processEvents()
        assert "Next annual fee: 900.00 yuan, due 2023-03-10" in shown[date(2023, 9, 9)]
        after = shown[date(2023, 9, 10)]
        assert "Next annual fee" not in after
        assert ("Lapsed; no annual fee can be paid: the year 3 fee was due before 2023-03-10 and not paid by the end "
                "of its grace period on 2023-09-09: the patent lapsed from 2023-03-10") in after
    finally:
        drain(window)
        window.close()
        window.deleteLater()
        QApplication.processEvents()


def test_the_deadlines_dialog_lists_the_lapse_without_an_amount(qtbot, ws, qtmodeltester, tmp_path):
    add(ws, [LAPSED], filed=FILING, paid_until=date(2023, 3, 9))
    pricing.set_terms(ws, ids(ws, [LAPSED]), ROYALTY)
    dialog = DeadlinesDialog(ws, lang="zh", today=date(2023, 9, 10))
    qtbot.addWidget(dialog)
    dialog.within_check.setChecked(False)
    model = dialog.model
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert len(rows) == 1, rows
    row = dict(zip(headers, rows[0], strict=True))
    assert row["What"] == "专利权终止（年费滞纳期届满未缴）" and row["Amount (CNY)"] == ""
    assert row["Detail"].endswith("专利权自 2023-03-10 起终止")
    dialog.resize(1100, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "lapsed_deadlines.png"))


def test_a_lapsed_patent_is_no_overdue_payment(qtbot, ws, tmp_path):
    in_grace = number("1", 92)
    add(ws, [LAPSED], filed=FILING, paid_until=date(2023, 3, 9))
    add(ws, [in_grace], filed=date(2021, 6, 10), paid_until=date(2023, 6, 9))  # due 2023-06-10, still payable
    pricing.set_terms(ws, ids(ws, [LAPSED, in_grace]), ROYALTY)
    dialog = DeadlinesDialog(ws, lang="zh", today=date(2023, 9, 10))
    qtbot.addWidget(dialog)
    dialog.within_check.setChecked(False)
    model = dialog.model

    def shown():
        return [(model.item(r).kind, model.index(r, 1).data()) for r in range(model.rowCount())]

    # the fee still payable is the overdue action, listed first; the lapse (due earlier) after it, said as such
    assert shown() == [("annual_fee", "-92"), ("patent_lapsed", "已终止")]
    assert dialog.status_label.text() == "1 deadlines, 1 overdue; 1 patents lapsed"
    for column in (0, 1):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            dialog.table.sortByColumn(column, order)
            assert [kind for kind, _left in shown()] == ["annual_fee", "patent_lapsed"]
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # not in the colour of the overdue
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    dialog.overdue_check.setChecked(True)
    assert shown() == [("annual_fee", "-92")]
    dialog.overdue_check.setChecked(False)
    dialog.export(str(tmp_path / "d.xlsx"))
    import openpyxl

    rows = list(openpyxl.load_workbook(tmp_path / "d.xlsx").active.iter_rows(values_only=True))
    assert [(r[1], r[2]) for r in rows[1:]] == [(-92, "专利年费"), ("已终止", "专利权终止（年费滞纳期届满未缴）")]
