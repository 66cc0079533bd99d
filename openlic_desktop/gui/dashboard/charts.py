"""Charts for the dashboard cards (QtCharts): bars, columns, a funnel, quarters with income, pies.

Colours: the Okabe–Ito palette (mid-tone hues, told apart also by colour-blind readers) on the window's own
background; titles, labels, axes and grid take the palette's text colours, so a chart reads the same in a light and a
dark theme. Every bar and slice carries its value as a label: the numbers are on the chart, and in the table beside.
A bar worth 0 carries its 0 too, and a bar chart's legend names every bar set even when all its bars are 0: the
legend stays the same from one portfolio to the next, and each of those bars shows its 0 beside the axis.
A click on a bar, point or slice calls `on_click(row)` with the index of the figure row it shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from openlic_desktop.gui import palette as colours
from openlic_desktop.gui.dashboard.figures import Card, number


def _style(chart: QChart, palette: QPalette) -> None:
    text = palette.color(QPalette.ColorRole.WindowText)
    chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setTitleBrush(text)
    chart.legend().setLabelColor(text)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    for axis in chart.axes():
        axis.setTruncateLabels(False)  # a department's name in full, not "…"
        axis.setLabelsColor(text)
        axis.setLinePenColor(palette.color(QPalette.ColorRole.Mid))
        axis.setGridLineColor(palette.color(QPalette.ColorRole.Midlight))


# a category's name on a bar chart's axis is cut to this many characters' width ("…"), the full name in the
# bar's tooltip and in the table beside: a long department name would otherwise squeeze the bars
LABEL_CHARACTERS = 12


def _short_names(names: Sequence[str]) -> list[str]:
    """The names cut to LABEL_CHARACTERS' width; a name stays whole where cutting would make two alike (the axis
    takes each category once)."""
    font = QFont()
    metrics = QFontMetrics(font)
    width = LABEL_CHARACTERS * QFontInfo(font).pixelSize()  # a Chinese character is one em wide
    short = [metrics.elidedText(name, Qt.TextElideMode.ElideRight, width) for name in names]
    return [s if short.count(s) == 1 else name for s, name in zip(short, names)]


# the width a column chart has at the least (the window's default size): names wider than their share are turned
COLUMN_CHART_WIDTH = 600


def _crowded(names: Sequence[str], bars: int) -> bool:
    """Whether a column chart's names, side by side, or its bars' numbers would run into each other."""
    metrics = QFontMetrics(QFont())
    share = COLUMN_CHART_WIDTH / max(1, len(names))
    return any(metrics.horizontalAdvance(name) + 8 > share for name in names) or \
        metrics.horizontalAdvance("000") > share / max(1, bars)


def minimum_height(card: Card) -> int:
    """How tall a card's chart must be for each horizontal bar's name to show on the axis (QtCharts hides every
    other name when they would overlap) and its bars to be told apart: a line and a half of text or a few pixels
    per bar, whichever is more, per category, and the title, legend and value axis above and below."""
    line = QFontMetrics(QFont()).height()
    rows = len(card.rows) if card.chart_rows is None else min(card.chart_rows, len(card.rows))
    if card.chart not in ("funnel", "bars"):
        columns = len(card.series) if card.chart == "columns" and card.series else 1
        upright = card.chart != "pie" and _crowded([row.text for row in card.rows[:rows]], columns)
        return 330 if upright else 260
    bars = len(card.series or card.heads[1:]) if card.chart == "bars" else 1
    return max(260, 7 * line + 24 + rows * max(int(line * 1.5), bars * 10 + 8))


def _value_axis(top: float) -> QValueAxis:
    """0 to a round number above `top` (room for the value labels over the tallest bar), ticks on whole steps:
    counts never show a tick at 0.5."""
    step = 1.0
    while top * 1.15 / step > 6:
        step *= 2.5 if str(int(step)).startswith("2") else 2
    axis = QValueAxis()
    axis.setRange(0, step * max(1, math.ceil(top * 1.15 / step)))
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%.0f")
    return axis


def _bars(series: QAbstractBarSeries, card: Card, order: Sequence[int], columns: Sequence[int], on_click,
          text: QColor) -> float:
    """One bar set per value column over the rows in `order`; a click reports the row, not the bar's place."""
    top = 0.0
    for i, col in enumerate(columns):
        bar_set = QBarSet(card.heads[col])
        bar_set.setColor(colours.series(i))
        bar_set.setBorderColor(colours.series(i))
        bar_set.setLabelColor(text)
        for row in order:
            value = number(card.rows[row].values[col - 1])
            bar_set.append(value)
            top = max(top, value)
        series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.clicked.connect(lambda index, _set: on_click(order[index]))
    return top


def _number_the_zeros(chart: QChart, series: QAbstractBarSeries, already: frozenset[int] = frozenset()) -> None:
    """A bar worth 0 carries its 0 like the others (QtCharts draws no label for it, and a stage or a department
    with nothing in it then read as missing). The 0 stands where the bar starts, in its bar set's label colour (a
    set whose numbers are not drawn gets none), placed again whenever the plot area moves. `already`: the
    categories where another series' 0 stands on that very spot (a quarter's income line at 0): one 0 there."""
    horizontal = isinstance(series, QHorizontalBarSeries)
    sets = series.barSets()
    zeros = []
    for j, bar_set in enumerate(sets):
        if bar_set.labelColor().alpha() == 0:
            continue
        for index in range(bar_set.count()):
            if bar_set.at(index) == 0 and index not in already:
                item = QGraphicsSimpleTextItem("0", chart)
                item.setBrush(bar_set.labelColor())
                item.setRotation(series.labelsAngle())
                item.setData(0, "zero")  # a test tells these from the axes' labels
                zeros.append((item, index, j))

    def place() -> None:
        width = series.barWidth() / max(1, len(sets))
        for item, index, j in zeros:
            middle = index - series.barWidth() / 2 + (j + 0.5) * width
            at = chart.mapToPosition(QPointF(0, middle) if horizontal else QPointF(middle, 0), series)
            box = item.boundingRect()
            if horizontal:
                item.setPos(at.x() + 3, at.y() - box.height() / 2)
            elif item.rotation():
                item.setPos(at.x() - box.height() / 2, at.y() - 3)  # upright, reading upwards from the axis
            else:
                item.setPos(at.x() - box.width() / 2, at.y() - box.height() - 2)

    if zeros:
        chart.plotAreaChanged.connect(lambda _area: place())


def _tell_names(chart: QChart, series: QAbstractBarSeries, card: Card, order: Sequence[int]) -> None:
    """A bar under the pointer says its row's full name and its value in the chart's tooltip (the axis may show the
    name cut); off the bars the chart has none."""
    def hovered(status: bool, index: int, bar_set: QBarSet) -> None:
        chart.setToolTip(f"{card.rows[order[index]].text}\n{bar_set.label()}: {bar_set.at(index):g}" if status
                         else "")
    series.hovered.connect(hovered)


def build_chart(card: Card, palette: QPalette, on_click: Callable[[int], None]) -> QChart:
    chart = QChart()
    chart.setTitle(card.title)
    title_font = QFont(chart.titleFont())
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    rows = len(card.rows) if card.chart_rows is None else min(card.chart_rows, len(card.rows))
    categories = [row.text for row in card.rows[:rows]]
    columns = [card.heads.index(h) for h in card.series] if card.series else list(range(1, len(card.heads)))
    text = palette.color(QPalette.ColorRole.WindowText)

    if card.chart == "pie":
        series = QPieSeries()
        for i, row in enumerate(card.rows[:rows]):
            value = number(row.values[0])
            piece = series.append(f"{row.text} {int(value)}", value)
            piece.setColor(colours.series(i))
            piece.setBorderColor(palette.color(QPalette.ColorRole.Base))
            piece.setLabelVisible(value > 0)
            piece.setLabelColor(text)
            piece.clicked.connect(lambda _checked=False, index=i: on_click(index))
        series.setPieSize(0.6)
        chart.addSeries(series)
        chart.legend().setVisible(False)
    elif card.chart in ("funnel", "bars"):
        # horizontal bars, the first row on top
        # the category axis runs upwards: the rows go in reversed, so that the first is on top
        order = list(range(rows))[::-1]
        series = QHorizontalBarSeries()
        top = _bars(series, card, order, columns if card.chart == "bars" else [1], on_click, text)
        _tell_names(chart, series, card, order)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append(_short_names([categories[i] for i in order]))
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_x = _value_axis(top)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        chart.legend().setVisible(card.chart == "bars")
        _number_the_zeros(chart, series)
    else:
        series = QBarSeries()
        top = _bars(series, card, list(range(rows)),
                    columns[:1] if card.chart in ("months", "quarters") else columns, on_click, text)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(categories)
        if _crowded(categories, len(series.barSets())):
            # many years: the names and numbers stand upright, and only the first bar of each (the patents) is
            # numbered, the others' numbers would lie over it (the table beside has them all)
            axis_x.setLabelsAngle(-90)
            series.setLabelsAngle(-90)
            unseen = QColor(text)
            unseen.setAlpha(0)  # the palette's text, not drawn
            for bar_set in series.barSets()[1:]:
                bar_set.setLabelColor(unseen)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = _value_axis(top)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        if card.chart == "quarters" and rows:
            line = QLineSeries()
            line.setName(card.heads[2])
            line.setPen(QPen(colours.series(1), 2))
            line.setPointsVisible(True)
            line.setPointLabelsVisible(True)
            line.setPointLabelsColor(text)
            line.setPointLabelsFormat("@yPoint")
            received = [number(row.values[1]) for row in card.rows[:rows]]
            for i, value in enumerate(received):
                line.append(i, value)
            chart.addSeries(line)
            money_axis = _value_axis(max(received))
            chart.addAxis(money_axis, Qt.AlignmentFlag.AlignRight)
            line.attachAxis(axis_x)
            line.attachAxis(money_axis)
            line.clicked.connect(lambda point: on_click(round(point.x())))
        chart.legend().setVisible(len(series.barSets()) > 1 or card.chart == "quarters")
        line_zeros = frozenset(i for i, row in enumerate(card.rows[:rows])
                               if card.chart == "quarters" and number(row.values[1]) == 0)
        _number_the_zeros(chart, series, line_zeros)
    _style(chart, palette)
    return chart


def chart_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(360, 260)
    view.setCursor(Qt.CursorShape.PointingHandCursor)
    return view
