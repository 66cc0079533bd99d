"""The dashboard's PDF holds every department's name whole: a printed table has no tooltip to tell the rest of a
cut name. Long names widen their column (or wrap within it), and rows that do not fit beside the chart continue
below it under the card's title, its heads repeated."""

from __future__ import annotations

import re
import unicodedata

from gui_helpers import settle
from PySide6.QtPdf import QPdfDocument
from test_dashboard_charts import LONG_NAMES

from openlic_desktop.gui.app import install_translators
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import portfolio

# longer than the table's column can hold beside the chart: it wraps onto a second line rather than being cut
LONGEST = "附属第一医院国家口腔疾病临床医学研究中心暨口腔颌面外科研究所"

RADICALS = str.maketrans({"\u2ee2": "马", "\u2ea0": "民"})


def _pdf_text(path) -> list[str]:
    document = QPdfDocument()
    document.load(str(path))
    # NFKC: the PDF's text gives some characters as their radicals' forms (⼯ for 工); 马 and 民 come back as
    # radicals of the supplement (⻢, ⺠), which NFKC leaves alone
    return [unicodedata.normalize("NFKC", document.getAllText(page).text()).translate(RADICALS)
            for page in range(document.pageCount())]


def test_every_long_department_name_whole_in_the_pdf(qtbot, demo_ws, tmp_path):
    names = [*LONG_NAMES, LONGEST]
    ids = portfolio.query_ids(demo_ws)
    rows = portfolio.rows(demo_ws, ids)
    for i, pid in enumerate(ids[:2 * len(names)]):
        portfolio.set_fields(demo_ws, rows[pid].application_number, {"department": names[i % len(names)]})
    install_translators("zh")
    try:
        window = MainWindow(demo_ws, lang="zh")
        qtbot.addWidget(window)
        window.show()
        window.central_tabs.setCurrentIndex(1)
        dashboard = window.dashboard
        qtbot.waitUntil(lambda: dashboard.stats is not None and not dashboard.busy, timeout=30000)
        settle(qtbot, window)
        card = dashboard.cards["department"].card
        assert set(names) <= {row.text for row in card.rows}
        pages = _pdf_text(dashboard.export_pdf(tmp_path / "看板.pdf"))
        text = "\n".join(pages)
        assert "…" not in text
        # each row whole, its figures beside its name (the chart's axis has the names alone, cut); a name too long
        # for its column wraps within its cell: whole once the line break is taken out
        flat = re.sub(r"\s+", "", text)
        missing = [row.text for row in card.rows if "".join((row.text, *map(str, row.values))) not in flat]
        assert missing == []
        # the rows that did not fit beside the chart continue under the card's title, heads repeated (NFKC: “（” is “(”)
        assert any("按院系(续)" in page and "院系" in page.split("按院系(续)", 1)[1] for page in pages)
        window.tasks.wait(20000)
    finally:
        window.ws = None
        install_translators("en")
