"""File → Import history… and "Undo this import", driven by pytest-qt on real files and a real database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S

from openlic_desktop.gui.importing.import_history_dialog import ImportHistoryDialog
from openlic_desktop.services import importing, portfolio
from openlic_desktop.services.importing import undo as import_undo


def _row(seq, number, title):
    return [seq, number, title, "", "", "", "某某大学", "张三", "有效"]


def _two_imports(ws, tmp_path):
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲"), _row(2, S.N2, "乙")]))
    importing.run(ws, S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, _row(1, S.N1, "甲（修订）"), _row(2, S.N4, "丙")]))


def test_history_lists_every_import_and_undoes_the_latest(qtbot, ws, runner, tmp_path):
    _two_imports(ws, tmp_path)
    changed = []
    dialog = ImportHistoryDialog(ws, runner, "en", on_changed=lambda: changed.append(1))
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    assert table.rowCount() == 2
    assert [table.item(r, 2).text() for r in range(2)] == ["b.xlsx", "a.xlsx"]
    assert table.item(0, 5).text() == "1" and table.item(0, 6).text() == "1"  # new, changed
    assert table.item(0, 9).text() == "can be undone" and table.item(1, 9).text() == ""
    assert table.item(0, 2).toolTip().startswith("SHA-256: ")
    assert dialog.selected().file_name == "b.xlsx" and dialog.undo_button.isEnabled()
    table.selectRow(1)
    assert not dialog.undo_button.isEnabled()  # not the latest
    table.selectRow(0)

    asked = []
    dialog.undo_selected(confirm=lambda text: asked.append(text) or False)  # the user says no
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    runner.wait(20000)
    assert "1 patents it created will be deleted and 1 facts" in asked[0]
    assert portfolio.count(ws) == 3

    assert dialog.undo_selected(confirm=lambda text: True)
    qtbot.waitUntil(lambda: bool(changed), timeout=20000)
    assert portfolio.count(ws) == 2 and portfolio.detail(ws, S.N1).facts.title == "甲"
    assert "1 patents deleted, 1 facts put back" in dialog.message.text()
    assert table.item(0, 9).text().startswith("undone ")
    assert table.item(1, 9).text() == "can be undone"


def test_undo_refused_over_later_work_shows_the_patents(qtbot, ws, runner, tmp_path):
    _two_imports(ws, tmp_path)
    portfolio.set_fields(ws, S.N1, {"title": "人工修改"})
    dialog = ImportHistoryDialog(ws, runner, "en")
    qtbot.addWidget(dialog)
    dialog.undo_selected(confirm=lambda text: pytest.fail("must not ask"))
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=20000)
    text = dialog.message.text()
    assert "cannot be undone" in text and S.N1 in text and "“title” was changed again" in text
    assert portfolio.detail(ws, S.N1).facts.title == "人工修改" and portfolio.count(ws) == 3


def test_empty_history(qtbot, ws, runner):
    dialog = ImportHistoryDialog(ws, runner, "en")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.undo_button.isEnabled()
    assert dialog.message.text() == "No imports yet."


def test_wizard_offers_undo_of_the_import_just_made(qtbot, ws, runner, tmp_path):
    from openlic_desktop.gui.importing.import_wizard import ImportWizard

    path = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())
    imported = []
    wizard = ImportWizard(ws, runner, path, lang="en", on_imported=imported.append)
    qtbot.addWidget(wizard)
    wizard.show()
    for _ in range(3):
        wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    wizard.next()
    page = wizard.result_page
    qtbot.waitUntil(lambda: page.finished, timeout=20000)
    assert portfolio.count(ws) == len(S.EXPECTED_CREATED) and page.undo_button.isEnabled()
    asked = []
    page.undo_import(confirm=lambda text: asked.append(text) or False)  # the user says no: the button comes back
    assert not page.undo_button.isEnabled()
    qtbot.waitUntil(page.undo_button.isEnabled, timeout=20000)
    assert asked and portfolio.count(ws) == len(S.EXPECTED_CREATED)
    assert page.undo_import(confirm=lambda text: True)
    assert not page.undo_button.isEnabled()  # not twice while it runs
    qtbot.waitUntil(lambda: "Undid" in page.saved.text(), timeout=20000)
    assert not page.undo_button.isEnabled()
    assert portfolio.count(ws) == 0 and len(imported) == 2  # the window is refreshed after the undo too
    assert "Undid the import of “清单.xlsx”" in page.saved.text()
    assert import_undo.runs(ws)[0].undone_at is not None


def test_menu_entry(history_window):
    _window, dialog = history_window()
    assert dialog.isVisible() and dialog.table.rowCount() == 0
    dialog.close()


def test_patent_history_shows_codes_in_words_and_local_time(qtbot, ws, tmp_path):
    """The editor's history tab: source, action and fact in words (Chinese with the translator), status values
    in words, times in local time — an undone import shows as "撤销导入"."""
    from datetime import UTC, datetime

    from openlic_desktop.gui.app import install_translators
    from openlic_desktop.gui.editor.history_tab import history_cells
    from openlic_desktop.services import audit_trail

    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲")]))
    importing.run(ws, S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, [1, S.N1, "甲（修订）", "", "", "", "某某大学", "张三",
                                                               "未缴年费终止"]]))
    import_undo.undo(ws)
    lines = audit_trail.history(ws, portfolio.detail(ws, S.N1).id)
    install_translators("zh")
    try:
        cells = [history_cells(line, {}, "zh") for line in lines]
    finally:
        install_translators("en")
    assert [c[2:5] for c in cells] == [
        ("导入", "新建", ""), ("导入", "修改", "专利名称"), ("导入", "修改", "法律状态"),
        ("命令行", "撤销导入", "专利名称"), ("命令行", "撤销导入", "法律状态")]
    assert cells[2][5:] == ("有效", "失效") and cells[4][5:] == ("失效", "有效")
    stored = datetime.fromisoformat(lines[0].at).replace(tzinfo=UTC)
    assert cells[0][0] == stored.astimezone().strftime("%Y-%m-%d %H:%M")


def test_the_question_says_which_sign_offs_the_undo_makes_stale(qtbot, ws, runner, tmp_path):
    from openlic_desktop.services import readiness

    _two_imports(ws, tmp_path)
    readiness.confirm_commitments(ws, [S.N1])
    assert not readiness.sign_off(ws, [S.N1], "preparer").refused
    dialog = ImportHistoryDialog(ws, runner, "en")
    qtbot.addWidget(dialog)
    asked = []
    dialog.undo_selected(confirm=lambda text: asked.append(text) or False)
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    assert "1 of the patents whose facts go back were signed off after the import" in asked[0]
