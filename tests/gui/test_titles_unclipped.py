"""Column titles and texts whole at a dialog's default size, in Chinese and in English: the deadlines (its detail
wraps, a lapse said in words included), the consents by co-owner, the submission batches. A title is measured as
the header draws it: bold when the header highlights a selected row's sections, the sort mark beside the sorted
one, the style's margins either side."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from openlic_desktop.gui.batchwork.consent_dialog import ConsentsDialog
from openlic_desktop.gui.export.batches_view import open_batches
from openlic_desktop.gui.licensing.deadlines_view import DeadlinesDialog
from openlic_desktop.services import demo


@pytest.fixture(params=["zh", "en"])
def lang(request):
    from openlic_desktop.gui.app import install_translators

    install_translators(request.param)
    yield request.param
    install_translators("en")


@pytest.fixture
def office_ws(ws):
    """The demo with the office's work done: licences (fees due, lapses), co-owners, batches and submissions."""
    demo.load_demo(ws, 60, seed=1, today=date(2026, 11, 26))
    return ws


class Host(QWidget):
    """What the dialogs ask of the main window: its workspace, language and (no) worker."""

    def __init__(self, ws, lang: str) -> None:
        super().__init__()
        self.ws, self.lang, self.tasks = ws, lang, None


def clipped_titles(view) -> list[str]:
    header = view.horizontalHeader()
    model = view.model()
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    mark = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    font = header.font()
    font.setBold(header.highlightSections())  # the title of a selected row's section is drawn bold
    metrics = QFontMetrics(font)
    out = []
    for section in range(header.count()):
        title = str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
        need = metrics.horizontalAdvance(title) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            need += mark
        if need > header.sectionSize(section):
            out.append(f"{title}: {need} > {header.sectionSize(section)}")
    return out


def shown(qtbot, dialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()


def on_host(qtbot, ws, lang: str, opener, table_of, png):
    """The dialog `opener` makes for a main window, shown at its default size with a row selected, saved to `png`."""
    host = Host(ws, lang)
    qtbot.addWidget(host)
    dialog = opener(host)
    shown(qtbot, dialog)
    table = table_of(dialog)
    assert table.model().rowCount() > 0 and table.selectionModel().selectedRows()  # titles as a selection draws them
    dialog.grab().save(str(png))
    return dialog


def test_deadline_titles_and_details_whole(qtbot, office_ws, lang, tmp_path):
    dialog = DeadlinesDialog(office_ws, lang=lang, today=date(2027, 12, 20))
    qtbot.addWidget(dialog)
    dialog.within_check.setChecked(False)
    shown(qtbot, dialog)
    dialog.table.selectRow(0)
    dialog.grab().save(str(tmp_path / f"deadlines_{lang}.png"))
    table, model = dialog.table, dialog.model
    assert any(model.item(r).lapsed for r in range(model.rowCount()))  # a lapse in words among the details
    assert clipped_titles(table) == []
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # every column in sight, the detail too
    detail = model.columnCount() - 1
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        text = model.index(row, detail).data()
        room = QRect(0, 0, header.sectionSize(detail) - 8, 10000)
        needed = metrics.boundingRect(room, int(Qt.TextFlag.TextWordWrap), text).height()
        assert needed <= table.rowHeight(row), (text, needed, table.rowHeight(row))


def test_deadline_columns_are_remembered(qtbot, office_ws):
    dialog = DeadlinesDialog(office_ws, lang="zh", today=date(2027, 12, 20))
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    dialog.table.horizontalHeader().resizeSection(2, 300)   # as a drag does
    dialog.done(0)
    again = DeadlinesDialog(office_ws, lang="zh", today=date(2027, 12, 20))
    qtbot.addWidget(again)
    shown(qtbot, again)
    assert again.table.horizontalHeader().sectionSize(2) == 300


def test_consent_titles_whole(qtbot, office_ws, lang, tmp_path):
    dialog = on_host(qtbot, office_ws, lang, ConsentsDialog, lambda d: d.view, tmp_path / f"consents_{lang}.png")
    titles = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert titles == (["共有人", "共有专利", "尚缺同意"] if lang == "zh" else
                      ["Co-owner", "Shared patents", "Consent missing"])
    assert clipped_titles(dialog.view) == []
    dialog.close()


def test_batch_titles_whole(qtbot, office_ws, lang, tmp_path):
    from openlic_desktop.services import batches

    # a name and a profile as long as an office gives them: they no longer squeeze the last status off its title
    batches.create_batch(office_ws, "2026年第二批专利开放许可试点申报（材料学院、机械学院合并报送）", "shandong")
    dialog = on_host(qtbot, office_ws, lang, open_batches, lambda d: d.batch_view, tmp_path / f"batches_{lang}.png")
    for view in (dialog.batch_view, dialog.patent_view, dialog.sub_view):
        assert clipped_titles(view) == []
    # every batch column in sight, its last status too (not cut at the pane's edge)
    assert dialog.batch_view.horizontalHeader().length() <= dialog.batch_view.viewport().width()
    dialog.close()
