"""The dashboard's bar charts name every bar: at the window's default size each category drawn has its name shown
on the axis (QtCharts hides every other name when they would overlap), inside the chart, apart from the others; a
long name cut on the axis is told in full by its bar's tooltip; many years stand upright."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

from gui_helpers import settle
from PySide6.QtCore import QRectF

from openlic_desktop.gui.dashboard.charts import LABEL_CHARACTERS
from openlic_desktop.gui.dashboard.dashboard_view import CardWidget
from openlic_desktop.gui.dashboard.figures import TOP_DEPARTMENTS, Card, FigureRow
from openlic_desktop.gui.main_window import MainWindow

# QGraphicsTextItem's type(): the axis's labels are text items, the bars, lines and grid are not
TEXT_ITEM = 8

LONG_NAMES = [f"{name}学院" for name in (
    "机械与动力工程", "人工智能研究院智能感知", "材料科学与工程", "化学化工与生物工程", "生命科学与技术",
    "医学院附属第九人民医院口腔医学", "船舶海洋与建筑工程", "航空航天", "农业与生物", "电子信息与电气工程",
    "计算机科学与技术", "数学科学", "物理与天文", "药学", "安泰经济与管理", "人文", "外国语", "马克思主义",
    "设计", "体育", "智慧能源创新", "集成电路", "环境科学与工程", "海洋装备研究院深海工程",
    "生物医学工程")]


def _category_labels(view, below: bool = False) -> list[QRectF]:
    """Where the category axis's names are drawn and shown: the text left of the plot (the empty axis title is a
    sliver of a few pixels), or below it and above the legend for columns."""
    chart = view.chart()
    plot = chart.mapRectToScene(chart.plotArea())
    legend = chart.legend().sceneBoundingRect()
    shown = []
    for item in view.scene().items():
        rect = item.sceneBoundingRect()
        if below:
            beside = rect.top() >= plot.bottom() - 1 and rect.height() > 4 and rect.bottom() <= legend.top()
        else:
            beside = rect.right() <= plot.left() + 1 and rect.width() > 4
        if item.type() == TEXT_ITEM and item.isVisible() and beside:
            shown.append(rect)
    return shown


def _assert_every_name_shown(view, count: int, below: bool = False) -> None:
    labels = _category_labels(view, below)
    assert len(labels) == count
    inside = QRectF(view.viewport().rect())
    for rect in labels:
        assert inside.contains(view.mapFromScene(rect).boundingRect().toRectF()), rect  # not cut at the edge
    starts = sorted(rect.left() if below else rect.top() for rect in labels)
    size = labels[0].width() if below else labels[0].height()
    assert all(b - a >= size for a, b in pairwise(starts))  # none over another


def test_every_department_named_at_the_default_size(qtbot, demo_ws, tmp_path):
    window = MainWindow(demo_ws, lang="zh")
    qtbot.addWidget(window)
    window.show()  # the default size: 1280 × 800
    window.central_tabs.setCurrentIndex(1)
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.stats is not None and not dashboard.busy, timeout=30000)
    settle(qtbot, window)
    for key in ("funnel", "type", "department", "declaration"):
        card = dashboard.cards[key]
        qtbot.waitUntil(lambda card=card: card.view.chart().plotArea().height() > 0)
        drawn = min(len(card.card.rows), card.card.chart_rows or len(card.card.rows))
        _assert_every_name_shown(card.view, drawn)
    assert len(dashboard.cards["department"].card.rows) > TOP_DEPARTMENTS  # the demo has more than are drawn
    years = dashboard.cards["year"]
    assert len(years.card.rows) > 20  # the demo's filing years: too many to stand side by side
    _assert_every_name_shown(years.view, len(years.card.rows), below=True)
    # only each year's first bar (the patents) numbered: the others' numbers would lie over it
    [columns] = years.view.chart().series()
    assert [bar_set.labelColor().alpha() for bar_set in columns.barSets()] == [255, 0, 0]
    # the PDF's tables too hold every row (in blocks side by side where one column would run off the page)
    from PySide6.QtPdf import QPdfDocument

    pdf = dashboard.export_pdf(tmp_path / "看板.pdf")
    document = QPdfDocument()
    document.load(str(pdf))
    # NFKC: the PDF's text gives some characters as their radicals' forms (⼯ for 工)
    text = unicodedata.normalize("NFKC", "\n".join(document.getAllText(page).text()
                                                   for page in range(document.pageCount())))
    # a table's row: its words and its figures on one line (the chart's axis has the words alone)
    missing = [row.text for key in ("year", "department") for row in dashboard.cards[key].card.rows
               if " ".join((row.text, *map(str, row.values))) not in text]
    assert missing == []
    window.tasks.wait(20000)
    window.ws = None


def test_long_department_names_cut_on_the_axis_and_told_in_full(qtbot):
    rows = tuple(FigureRow(name, (30 - i, 20 - i // 2, 10 - i // 3, i % 2), ("department", name))
                 for i, name in enumerate(LONG_NAMES))
    card = Card("department", "按院系", ("院系", "专利", "有效", "符合条件", "已许可"), rows, "bars",
                ("专利", "有效", "已许可"), TOP_DEPARTMENTS)
    widget = CardWidget()
    qtbot.addWidget(widget)
    widget.set_card(card)
    widget.resize(1228, widget.minimumSizeHint().height())  # as the dashboard's scroll area gives it, no more
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.view.chart().plotArea().height() > 0)
    _assert_every_name_shown(widget.view, TOP_DEPARTMENTS)
    # the axis's names: the long ones cut, each drawn department once
    [axis] = [a for a in widget.view.chart().axes() if hasattr(a, "categories")]
    names = axis.categories()
    assert len(set(names)) == TOP_DEPARTMENTS
    cut = [n for n in names if n.endswith("…")]
    assert cut and all(len(n) <= LABEL_CHARACTERS + 1 for n in cut)
    assert {n for n in names if not n.endswith("…")} <= set(LONG_NAMES)
    # the table lists all 25 in full
    assert [widget.model.index(r, 0).data() for r in range(widget.model.rowCount())] == LONG_NAMES
    # a bar under the pointer tells its department's full name
    [series] = widget.view.chart().series()
    bar_set = series.barSets()[0]
    row = LONG_NAMES.index("医学院附属第九人民医院口腔医学学院")
    index = TOP_DEPARTMENTS - 1 - row  # the first row on top: the bars go in reversed
    series.hovered.emit(True, index, bar_set)
    assert widget.view.chart().toolTip() == f"医学院附属第九人民医院口腔医学学院\n专利: {30 - row}"
    series.hovered.emit(False, index, bar_set)
    assert widget.view.chart().toolTip() == ""
