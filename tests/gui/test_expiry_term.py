"""The GUI names the expiry day by its legal term, 专利权期限届满日, as the documents and the workbook do: the main
table's header and the details pane said 有效期至."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from openlic_desktop.gui.app import install_translators
from openlic_desktop.gui.main_window import MainWindow


@pytest.fixture
def chinese():
    install_translators("zh")
    yield
    install_translators("en")


def test_header_and_details_say_the_legal_term(qtbot, demo_ws, chinese):
    window = MainWindow(demo_ws, lang="zh")
    qtbot.addWidget(window)
    window.show()
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())]
    assert "专利权期限届满日" in headers and not any("有效期" in (h or "") for h in headers)
    header = window.table.horizontalHeader()
    column = headers.index("专利权期限届满日")
    assert header.sectionSize(column) >= header.sectionSizeHint(column)  # the longer words are not clipped
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "专利权期限届满日" in window.detail.toPlainText())
    assert "有效期" not in window.detail.toPlainText()
    window.ws = None
