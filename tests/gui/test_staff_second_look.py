"""What a technology-transfer officer notices on a second look at some windows, in Chinese at their default size:
an intro whose last character or two sit alone on a line, a heading with nothing under it, a button that does
nothing and says nothing, a form whose labels do not line up, a count that does not say what it counts, a bar
worth 0 with no number, a history table whose columns are too narrow to read.

Each window is also saved as a PNG (OPENLIC_SCREENSHOTS, else the test's folder) to be looked at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidgetItem, QWidget
from window_walk import lone_tails

from openlic_desktop.gui.app import install_translators


@pytest.fixture
def chinese():
    install_translators("zh")
    yield
    install_translators("en")


def picture(widget: QWidget, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("OPENLIC_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(folder / f"{name}.png"), "PNG")


def test_the_office_and_restore_intros_end_on_a_full_line(qtbot, demo_ws, tmp_path, chinese):
    from openlic_desktop.gui.dialogs.backup_dialog import RestoreBackupDialog
    from openlic_desktop.gui.dialogs.office_dialog import OfficeDialog
    from openlic_desktop.services import backup

    backup.daily_backup(demo_ws)
    for name, dialog in (("office", OfficeDialog()),
                         ("restore_backup", RestoreBackupDialog(backup.list_backups(Path(demo_ws.path))))):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        picture(dialog, tmp_path, name)
        assert not lone_tails(dialog), name


@pytest.fixture
def zh_window(qtbot, demo_ws, chinese):
    from openlic_desktop.gui.main_window import MainWindow

    window = MainWindow(demo_ws, lang="zh")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.tasks.wait(30000)
    window.ws = None


def test_the_contract_form_lines_up_and_says_what_the_count_is(qtbot, zh_window, tmp_path):
    from PySide6.QtWidgets import QFormLayout

    from openlic_desktop.gui.licensing.contract_dialog import ContractDialog
    from openlic_desktop.services import portfolio

    first = portfolio.query_ids(zh_window.ws)[0]
    dialog = ContractDialog(zh_window, [first])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picture(dialog, tmp_path, "contract")
    form = dialog.findChild(QFormLayout)
    labels = {}
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and item.widget() is not None and item.widget().text():
            labels[item.widget().text()] = item.widget().mapTo(dialog, item.widget().rect().topLeft()).x()
    # 专利, 许可人, 许可依据, 阻碍事项, 合同模板… all start at the same margin
    assert {"专利", "许可人", "许可依据", "阻碍事项"} <= set(labels), labels
    assert len(set(labels.values())) == 1, labels
    line = dialog.options.sets_list.item(0).text()
    assert line.endswith("（本合同涉及1件专利）"), line


def _zeros(view) -> list:
    return [item for item in view.scene().items() if item.data(0) == "zero"]


def test_a_bar_worth_nothing_shows_its_0_and_the_legend_stays(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from openlic_desktop.gui.dashboard.charts import build_chart, chart_view
    from openlic_desktop.gui.dashboard.figures import Card, FigureRow

    def shown(card: Card):
        view = chart_view(build_chart(card, QApplication.palette(), lambda _row: None))
        qtbot.addWidget(view)
        view.resize(600, 360)
        view.show()
        qtbot.waitUntil(lambda: view.chart().plotArea().height() > 0)
        QApplication.processEvents()
        picture(view, tmp_path, f"zeros_{card.key}")
        return view, view.chart().mapRectToScene(view.chart().plotArea())

    funnel = Card("funnel", "阶段", ("阶段", "专利"), (
        FigureRow("全部", (10,), None), FigureRow("可申报", (0,), None), FigureRow("已许可", (0,), None)), "funnel")
    view, plot = shown(funnel)
    zeros = _zeros(view)
    assert len(zeros) == 2 and all(z.text() == "0" and z.isVisible() for z in zeros)
    band = plot.height() / 3  # the first row on top: 可申报 in the middle band, 已许可 in the lowest
    middles = sorted(z.sceneBoundingRect().center().y() for z in zeros)
    assert plot.top() + band < middles[0] < plot.top() + 2 * band < middles[1] < plot.bottom()
    assert all(plot.left() <= z.sceneBoundingRect().left() < plot.left() + 10 for z in zeros)  # at the bar's start

    # every department with 0 licensed: each 已许可 bar shows its 0, the legend still names both
    departments = Card("department", "学院", ("学院", "专利", "已许可"), (
        FigureRow("机械学院", (5, 0), None), FigureRow("材料学院", (3, 0), None)), "bars")
    view, plot = shown(departments)
    assert len(_zeros(view)) == 2
    assert [marker.label() for marker in view.chart().legend().markers()] == ["专利", "已许可"]

    years = Card("year", "年份", ("年份", "专利", "已许可"), (
        FigureRow("2024", (4, 1), None), FigureRow("2025", (2, 0), None)), "columns")
    view, plot = shown(years)
    [zero] = _zeros(view)
    assert zero.sceneBoundingRect().center().x() > plot.center().x()  # 2025's, on the right
    assert plot.bottom() - 30 < zero.sceneBoundingRect().bottom() <= plot.bottom()  # just above the axis

    # quarters: where the income line's own 0 stands on the same spot, one 0, not two over each other
    quarters = Card("quarters", "季度", ("季度", "许可（项）", "已收（元）"), (
        FigureRow("2026 Q1", (2, "5,000.00"), None), FigureRow("2026 Q2", (0, "0.00"), None),
        FigureRow("2026 Q3", (0, "1,200.00"), None)), "quarters")
    view, plot = shown(quarters)
    [zero] = _zeros(view)
    assert zero.sceneBoundingRect().center().x() > plot.left() + plot.width() * 2 / 3  # Q3's


def test_the_history_columns_read_empty_and_full_and_are_remembered(qtbot, demo_ws, tmp_path, chinese):
    from openlic_desktop.gui.editor.patent_editor import PatentEditor
    from openlic_desktop.services import portfolio

    number = portfolio.list_patents(demo_ws)[0].number.canonical
    portfolio.set_fields(demo_ws, number, {"title": "一种用于桥梁墩柱连接的预制拼装节点及其快速施工与检测方法"})
    pid = portfolio.detail(demo_ws, number).id

    def opened():
        editor = PatentEditor(demo_ws, pid, lang="zh")
        qtbot.addWidget(editor)
        table = editor.tab("history").table
        return editor, table

    def shown(editor):
        editor.show()
        qtbot.waitUntil(lambda: editor.pending == 0 and not editor.history.busy and editor.tasks.idle(),
                        timeout=20000)
        editor.tabs.setCurrentIndex(editor.tab_keys["history"])
        qtbot.waitUntil(lambda: editor.tab("history").table.rowCount() > 0)

    def needs(table, column: int) -> int:
        header = table.horizontalHeader()
        return header.fontMetrics().horizontalAdvance(table.horizontalHeaderItem(column).text())

    editor, table = opened()
    header = table.horizontalHeader()
    assert table.rowCount() == 0  # before the read: the columns already as wide as a reader needs
    assert header.sectionSize(0) >= table.fontMetrics().horizontalAdvance("2026-12-07 18:01")
    char = table.fontMetrics().horizontalAdvance("中")
    for column in range(1, 6):
        assert header.sectionSize(column) >= max(needs(table, column), 3 * char), column
    shown(editor)
    picture(editor, tmp_path, "history")
    # with the demo's records: the time and who whole, and the old and new values in sight without scrolling
    assert header.sectionSize(0) >= table.sizeHintForColumn(0) - 1
    assert header.sectionSize(1) >= table.sizeHintForColumn(1) - 1
    assert header.sectionPosition(6) + 4 * char <= table.viewport().width(), \
        [header.sectionSize(c) for c in range(7)]
    assert header.length() <= table.viewport().width() + 1
    cut = [table.item(r, 4) for r in range(table.rowCount())
           if table.item(r, 4).text() and table.sizeHintForColumn(4) > header.sectionSize(4)]
    assert all(item.toolTip() == item.text() for item in cut)

    # the editor made wider stretches the new value: the other columns are not taken for the user's
    before = header.sectionSize(6)
    editor.resize(editor.width() + 200, editor.height())
    qtbot.waitUntil(lambda: header.sectionSize(6) > before + 100)
    assert not editor.tab("history").columns.user_sized
    # a width the user drags to is kept, in the next editor too, over its contents
    header.resizeSection(5, 260)
    editor.close()
    editor.tasks.wait()
    editor, table = opened()
    shown(editor)
    assert table.horizontalHeader().sectionSize(5) == 260
    editor.close()
    editor.tasks.wait()


def test_every_history_action_is_whole_in_its_column(qtbot, chinese):
    """The action column cut 起草开放许可声明 to 起草开放许可… with room to spare: the longest action a history can
    show (nine characters) fits the column's widest."""
    from openlic_desktop.gui import words
    from openlic_desktop.gui.editor.history_tab import WIDTHS
    from openlic_desktop.gui.widgets import fit_columns_in_chars, plain_table

    actions = [words.word(words.ACTIONS, key) for key in words.ACTIONS]
    table = plain_table(None, "history", ["时间", "操作人", "来源", "操作", "事项", "原值", "新值"])
    qtbot.addWidget(table)
    table.setRowCount(len(actions))
    for row, text in enumerate(actions):
        table.setItem(row, 3, QTableWidgetItem(text))
    fit_columns_in_chars(table, WIDTHS)
    assert max(map(len, actions)) >= 9
    assert table.horizontalHeader().sectionSize(3) >= table.sizeHintForColumn(3)


def test_a_demo_patent_says_in_its_history_where_it_came_from(qtbot, demo_ws, tmp_path, chinese):
    """A patent of the demo portfolio, never edited: its 修改记录 is not empty (a staff member would think nothing
    was recorded) but says it was created as demo data, when and by whom — as an imported patent's says it was
    created by its import. A demo loaded again over the first shows its own record only."""
    from openlic_desktop.gui.editor.patent_editor import PatentEditor
    from sqlalchemy import text

    from openlic_desktop.services import audit_trail, demo, portfolio

    item = portfolio.list_patents(demo_ws)[5]
    pid = portfolio.detail(demo_ws, item.number.canonical).id
    editor = PatentEditor(demo_ws, pid, lang="zh")
    qtbot.addWidget(editor)
    editor.resize(1100, 600)
    editor.show()
    qtbot.waitUntil(lambda: editor.pending == 0 and editor.tasks.idle(), timeout=20000)
    editor.tabs.setCurrentIndex(editor.tab_keys["history"])
    table = editor.tab("history").table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=20000)
    picture(editor, tmp_path, "demo_history")
    rows = [[table.item(r, c).text() for c in range(7)] for r in range(table.rowCount())]
    assert len(rows) == 1, rows
    when, user, source, action, fact, old, new = rows[0]
    assert (user, source, action, fact, old, new) == ("tester", "演示数据", "新建", "", "", "")
    assert when.startswith("20")
    editor.close()
    editor.tasks.wait()
    assert audit_trail.verify(demo_ws).intact
    demo.load_demo(demo_ws, 200, seed=7, force=True)  # the same numbers again: two records name this one
    with demo_ws.reading() as session:
        named = session.execute(text("SELECT count(*) FROM audit_log WHERE entity = 'demo' AND new LIKE :n"),
                                {"n": f'%"{item.number.canonical}"%'}).scalar()
    again = portfolio.detail(demo_ws, item.number.canonical).id
    [line] = audit_trail.history(demo_ws, again)
    assert named == 2 and (line.action, line.source) == ("create", "demo")
