"""The dashboard as a PDF drawn by Qt's PDF writer: A4 landscape, two cards a page, each chart drawn from its scene
(vector) with its numbers beside it as a table of text.

A printed table is read on paper, where no tooltip tells the rest of a cut name: every department's name is whole.
The words' column is as wide as its longest words (a name still too long for the page's column wraps onto a second
line), each figure's column as wide as its head and its numbers; rows run in blocks side by side where the room
allows, and what does not fit beside the chart continues below it across the page (or on the next page) under
the card's title marked "continued", its heads repeated.

Thread rule: GUI thread (it paints the charts' scenes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from openlic_desktop.gui.dashboard.figures import Card, FigureRow

GAP = 24            # between blocks of rows, in the writer's pixels (150 dpi: about 4 mm)
PAD = 12            # inside each cell, left and right together
SLACK = 4           # a text measured exactly as wide as its room may still wrap (the advance is rounded)
LINE_SPACING = 1.35
WRAP = int(Qt.TextFlag.TextWrapAnywhere)  # Chinese names break between any two characters


def write_pdf(path: str, heading: str, cards: Iterable[tuple[Any, Card | None]], font: QFont) -> None:
    """`cards`: (the chart's view, its card) in the dashboard's order; `font`: the dashboard's font (its family)."""
    writer = QPdfWriter(path)
    writer.setTitle(QCoreApplication.translate("DashboardView", "Portfolio dashboard"))
    writer.setCreator("OpenLic Desktop")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12)))
    page = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    painter = QPainter(writer)
    try:
        base = QFont(font)
        base.setPointSizeF(9)
        base.setBold(False)
        title = QFont(base)
        title.setPointSizeF(13)
        title.setBold(True)
        painter.setFont(title)
        head = painter.fontMetrics().height() * 1.6
        painter.drawText(QRectF(0, 0, page.width(), head), Qt.AlignmentFlag.AlignLeft,
                         QCoreApplication.translate("DashboardView", "Portfolio dashboard: %1").replace("%1", heading))
        band = (page.height() - head) / 2
        top, slot = head, 0
        for view, card in cards:
            if slot == 2:
                writer.newPage()
                top, slot = 0.0, 0
            chart = QRectF(0, top, page.width() * 0.58, band - 16)
            view.render(painter, chart, view.viewport().rect(), Qt.AspectRatioMode.KeepAspectRatio)
            rest: Sequence[FigureRow] = card.rows if card is not None else ()
            if card is not None:
                rest = rest[draw_table(painter, card, rest, QRectF(page.width() * 0.6, top, page.width() * 0.4,
                                                                   band - 16), base):]
            top, slot = top + band, slot + 1
            while card is not None and rest:  # the rest of a long table below, across the page, or on the next
                if slot == 2:
                    writer.newPage()
                    top, slot = 0.0, 0
                painter.setFont(title)
                painter.drawText(QRectF(0, top, page.width(), head), Qt.AlignmentFlag.AlignLeft,
                                 QCoreApplication.translate("DashboardView", "%1 (continued)").replace("%1", card.title))
                rest = rest[draw_table(painter, card, rest, QRectF(0, top + head, page.width(),
                                                                   page.height() - top - head), base):]
                slot = 2  # the next card starts on a fresh page
    finally:
        painter.end()


def column_widths(painter: QPainter, card: Card, rows: Sequence[FigureRow], room: float, font: QFont) -> list[float]:
    """The words' column as wide as its longest words, each figure's as its head and its numbers; the words'
    column narrower (its long names wrapping) only when one block would not fit in `room`."""
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    heads = [painter.fontMetrics().horizontalAdvance(str(h)) for h in card.heads]
    painter.setFont(font)
    metrics = painter.fontMetrics()
    figures = [max([heads[c], *(metrics.horizontalAdvance(str(r.values[c - 1])) for r in rows
                                 if c - 1 < len(r.values))]) + PAD + SLACK for c in range(1, len(card.heads))]
    words = max([heads[0], *(metrics.horizontalAdvance(r.text) for r in rows)]) + PAD + SLACK
    return [min(words, max(room - sum(figures), room * 0.3)), *figures]


def draw_table(painter: QPainter, card: Card, rows: Sequence[FigureRow], rect: QRectF, font: QFont) -> int:
    """Draw the card's heads and as many of `rows` as fit in `rect`, in blocks side by side; returns how many."""
    bold = QFont(font)
    bold.setBold(True)
    widths = column_widths(painter, card, rows, rect.width(), font)
    block = sum(widths)
    blocks = max(1, int((rect.width() + GAP) // (block + GAP)))
    painter.setFont(font)
    line = painter.fontMetrics().height() * LINE_SPACING
    done = 0
    for b in range(blocks):
        left = rect.left() + b * (block + GAP)
        y = _draw_row(painter, card.heads, widths, left, rect.top(), line, bold)
        first = True
        while done < len(rows):
            row = rows[done]
            height = _row_height(painter, row.text, widths[0], line, font)
            if not first and y + height > rect.bottom():
                break
            y = _draw_row(painter, (row.text, *map(str, row.values)), widths, left, y, line, font, height)
            done, first = done + 1, False
        if done == len(rows):
            break
    return done


def _row_height(painter: QPainter, text: str, width: float, line: float, font: QFont) -> float:
    painter.setFont(font)
    lines = painter.fontMetrics().boundingRect(QRect(0, 0, int(width - PAD), 10_000), WRAP, text).height()
    return line * max(1, round(lines / painter.fontMetrics().lineSpacing()))


def _draw_row(painter: QPainter, cells: Sequence[str], widths: Sequence[float], left: float, y: float, line: float,
              face: QFont, height: float | None = None) -> float:
    """One row (its words wrapping within their column); returns where the next begins."""
    height = height or line
    painter.setFont(face)
    x = left
    for column, (cell, width) in enumerate(zip(cells, widths)):
        align = Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignRight
        painter.drawText(QRectF(x + PAD / 2, y, width - PAD, height), int(align | Qt.AlignmentFlag.AlignVCenter) | WRAP,
                         str(cell))
        x += width
    painter.drawLine(QPointF(left, y + height), QPointF(left + sum(widths), y + height))
    return y + height
