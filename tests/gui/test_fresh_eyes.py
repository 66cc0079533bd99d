"""What a member of a technology-transfer office met walking the demo's windows: a batch list cut at its right
edge, counts set like words, an input that did not say what it was for. Each is held here as it now reads."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from window_registry import FACTORIES, Env, prepare

from openlic_desktop.gui.app import install_translators
from openlic_desktop.gui.models.packages_models import RowsModel


@pytest.fixture
def chinese():
    install_translators("zh")
    yield
    install_translators("en")


@pytest.fixture
def env(qtbot, demo_ws, tmp_path, chinese):
    from openlic_desktop.gui.main_window import MainWindow

    ready, blocked = prepare(demo_ws, tmp_path)
    window = MainWindow(demo_ws, lang="zh")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield Env(window, qtbot, tmp_path, ready, blocked)
    window.tasks.wait(30000)
    window.ws = None


def test_the_batch_list_shows_each_batch_and_its_profile_whole(env):
    scenes = FACTORIES["BatchesDialog"](env)
    _name, dialog = next(scenes)
    env.qtbot.waitExposed(dialog)
    view = dialog.batch_view
    header = view.horizontalHeader()
    assert view.model().rowCount() == 1
    texts = [view.model().index(0, c).data() for c in range(view.model().columnCount())]
    assert texts[0] == "2026年第一批" and texts[1].startswith("通用")
    # every column as wide as its contents asks, and all of them inside the list: nothing cut at the right
    for column in range(header.count()):
        assert header.sectionSize(column) >= view.sizeHintForColumn(column), texts[column]
    assert header.length() <= view.viewport().width()
    # the withdrawal acts on the patents selected in the batch: with none selected it is off and says why
    assert dialog.withdraw_button.text() == "撤回所选专利…"
    assert not dialog.patent_view.selectionModel().selectedRows()
    assert not dialog.withdraw_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert dialog.withdraw_button.toolTip() == "请先在下方列表中选择本批次的一件或多件专利"
    dialog.patent_view.selectRow(0)
    assert dialog.withdraw_button.isEnabled() and dialog.remove_button.isEnabled()
    assert dialog.withdraw_button.toolTip() == "为本批次中选中的专利生成撤回函"
    assert dialog.withdraw_button.width() >= dialog.withdraw_button.sizeHint().width()
    # the changes since the previous submission: a batch not yet submitted says so under the heading
    assert dialog.sub_model.rowCount() == 0 and dialog.diff_label.isVisibleTo(dialog)
    assert dialog.diff_label.text() == "本批次尚未报送。"
    # and its status, reference and notes, which belong to a submission, are off and say why
    assert not dialog.save_status.isEnabled() and not dialog.reference.isEnabled()
    assert dialog.save_status.toolTip() == "请先在上方列表中选择一次报送"
    next(scenes, None)


def test_counts_and_amounts_in_plain_tables_line_up_on_the_right(qtmodeltester):
    model = RowsModel(["共有人", "共有专利", "金额", "已确认"])
    model.set_rows([("清源环保科技股份有限公司", 10, Decimal("1200.00"), True)])
    align = [model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole) for c in range(4)]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert align == [None, right, right, None]  # words and yes/no as before
    qtmodeltester.check(model)


def test_the_export_says_what_the_batch_field_is_for(env):
    scenes = FACTORIES["ExportWizard"](env)
    for name, wizard in scenes:
        if name == "export_options":
            field = wizard.options_page.batch
            assert field.placeholderText() == "可选：批次名称，如“2026年第一批”（新名称即新建批次）；留空则不记录"
            # the whole hint fits in the empty field
            assert field.fontMetrics().horizontalAdvance(field.placeholderText()) < field.width() - 8
            # without a bureau template, no gap where its columns would go: the check boxes follow its row
            page = wizard.options_page
            spacing = page.layout().verticalSpacing()
            assert page.email.geometry().top() - page.template.geometry().bottom() <= 2 * spacing + 2
            # a template that cannot be read says so under its row; its columns stay hidden
            page.template.setText(str(env.tmp / "无此模板.xlsx"))
            page.load_mapping()
            assert page.mapping_error.isVisibleTo(page) and page.mapping_error.text()
            assert not page.mapping_table.isVisibleTo(page) and not page.remember_mapping.isVisibleTo(page)
            page.template.setText("")
            page.load_mapping()
            assert not page.mapping_error.isVisibleTo(page)
            break
    scenes.close()


def test_the_pricing_reference_says_where_its_industry_comes_from(env):
    scenes = FACTORIES["PatentEditor"](env)
    _name, editor = next(scenes)
    editor.tabs.setCurrentIndex(editor.tab_keys["pricing"])
    tab = editor.tab("pricing")
    env.qtbot.waitUntil(lambda: tab.data is not None, timeout=30000)
    env.settle()
    # the demo's patents carry their industry; no office table is loaded, the national figure is shipped
    assert tab.industry_source.text() == "行业取自著录项目"
    assert tab.reference_label.text().startswith("尚未载入分行业统计表。\n全国")
    scenes.close()
