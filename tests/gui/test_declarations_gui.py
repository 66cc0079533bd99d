"""The declaration's main path through the GUI (pytest-qt, offscreen): prepare from the portfolio's selection, the
Declaration column and filter, the Declarations view (sign-off state, documents, filed, announced from CNIPA's
list), the editor's tab with its timeline and Fix buttons, and the batch fee-estimation notes."""

from __future__ import annotations

import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from declaration_helpers import add, ids, make_ready, number, set_office
from gui_helpers import drain

from openlic_desktop.gui.declarations import declarations_menu
from openlic_desktop.gui.declarations.declarations_view import open_view
from openlic_desktop.gui.declarations.step_dialog import DeclarationStepDialog, StepValues
from openlic_desktop.gui.editor.patent_editor import PatentEditor
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import declarations
from openlic_desktop.services import readiness as readiness_service

INV, UM, CO, LATE = number("1", 31), number("2", 32), number("1", 33), number("1", 34)
TODAY = date.today()


def settle(window) -> None:
    drain(window)  # the window's ops, and the table's searches and columns (off the GUI thread)


def select(window, patent_ids) -> None:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    model, selection = window.model, QItemSelection()
    for pid in patent_ids:
        row = model.row_of(pid)
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    window.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


@pytest.fixture
def window(qtbot, ws, tmp_path):
    set_office()
    add(ws, [INV, CO, LATE])
    add(ws, [UM], title="一种折叠式电动车车架")
    win = MainWindow(ws, lang="en")
    win.show()
    yield win
    settle(win)
    # deleted, not only closed: a hidden window left behind would be one more for the next test's window walk
    win.close()
    win.deleteLater()
    QApplication.processEvents()


def column(window, pid) -> str:
    col = next(i for i, c in enumerate(window.model.columns) if c.header == "Declaration")
    settle(window)
    window.model.index(window.model.row_of(pid), col).data()  # asks for the column, computed off the GUI thread
    settle(window)
    return window.model.index(window.model.row_of(pid), col).data()


def test_the_main_path(window, ws, tmp_path, qtbot, qtmodeltester):
    four = ids(ws, [INV, UM, CO, LATE])
    select(window, four[:3])
    window.findChild(type(window.menus["batch"].actions()[0]), "prepareDeclarationsAction").trigger()
    settle(window)
    assert window.declarations_summary_text.startswith("Drafted: 3, already declared: 0")
    assert "evaluation report" in window.declarations_summary_text  # the utility model lacks one here
    assert column(window, four[0]) == "Being drafted" and column(window, four[3]) in ("", None)
    make_ready(ws, [INV, UM, CO], tmp_path=tmp_path)
    window.refresh()
    assert column(window, four[2]) == "Signed off, not filed"

    view = open_view(window)  # a child of the window: closed (and deleted) with it or by view.close()
    qtmodeltester.check(view.model)
    view.state_combo.setCurrentIndex(view.state_combo.findData("signed"))
    assert view.model.rowCount() == 3
    view.table.selectAll()
    view.export(StepValues("export", TODAY, folder=tmp_path / "out"))
    settle(window)
    package = view.last_result.package
    assert sorted(view.last_result.patents) == sorted([INV, UM, CO])
    with zipfile.ZipFile(package) as zf:
        assert "录入表.xlsx" in zf.namelist()
    view.step("file", StepValues("file", TODAY, route="cnipa-online", text="网上提交"))
    settle(window)
    assert view.last_summary.startswith("Done: 3")
    view.state_combo.setCurrentIndex(0)
    assert {i.state.value for i in view.model.rows()} == {"filed"}

    book = openpyxl.Workbook()
    book.active.append(["专利号", "公告日", "卷期"])
    for n in (INV, CO):
        book.active.append(["ZL" + n, TODAY.isoformat(), "第41卷第50期"])
    book.save(tmp_path / "公告.xlsx")
    view.from_list(tmp_path / "公告.xlsx")
    settle(window)
    assert view.last_summary.startswith("Announced: 2, withdrawn: 0")
    rows = {i.application_number: i.state.value for i in view.model.rows()}
    assert rows == {INV: "announced", CO: "announced", UM: "filed"}
    # a step out of order for some is refused for those only, and says why
    view.table.selectAll()
    view.step("announce", StepValues("announce", TODAY, text="第41卷第51期"))
    settle(window)
    assert "refused: 2" in view.last_summary and "only a filed declaration" in view.last_summary
    assert declarations.show(ws, UM).state.value == "announced"

    declarations_menu.set_declaration_filter(window, "announced")
    settle(window)
    assert sorted(window.model.ids()) == sorted(four[:3])
    declarations_menu.set_declaration_filter(window, "none")
    settle(window)
    assert window.model.ids() == [four[3]]
    declarations_menu.set_declaration_filter(window, "all")
    settle(window)
    assert len(window.model.ids()) == 4
    view.close()


def settle_editor(qtbot, editor) -> None:
    """Wait until the editor's reads and edits (ops on its worker) are done and shown."""
    qtbot.waitUntil(lambda: editor.pending == 0 and not editor.history.busy
                    and editor.tasks.pool.activeThreadCount() == 0, timeout=20000)
    editor.tasks.wait()
    qtbot.wait(10)
    qtbot.waitUntil(lambda: editor.pending == 0, timeout=20000)


def editor_on_tab(qtbot, ws, pid: int, key: str, lang: str, profile_code: str | None = None):
    """A patent window shown on tab `key`, its reads done: (editor, tab). It deletes itself when closed, so no
    hidden window is left for the next test's walk."""
    editor = PatentEditor(ws, pid, lang=lang, profile_code=profile_code)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.show()
    settle_editor(qtbot, editor)
    tab = editor.tab(key)
    editor.tabs.setCurrentWidget(tab)
    settle_editor(qtbot, editor)
    return editor, tab


def test_the_editor_tab_timeline_fix_buttons_and_undo(window, ws, qtbot, tmp_path):
    pid = ids(ws, [LATE])[0]
    editor, tab = editor_on_tab(qtbot, ws, pid, "declaration", "en", "statutory")
    assert editor.tabs.tabText(editor.tabs.currentIndex()) == "Open-licence declaration"
    assert tab.state_label.text() == "No open-licence declaration yet" and tab.prepare_button.isVisible()
    tab.prepare()
    settle_editor(qtbot, editor)
    assert tab.view is not None and tab.state_label.text() == "Declaration: Being drafted"
    hints = [hint for hint, _b in tab.fix_buttons]
    assert "pricing.fee_note" in hints
    dict(tab.fix_buttons)["pricing.fee_note"].click()
    assert editor.tabs.tabText(editor.tabs.currentIndex()) == "Pricing"
    # the declaration's own fields: saved, audited, and undone with the window's undo history
    editor.tabs.setCurrentWidget(tab)
    tab.edits["other_terms"].setPlainText("许可人提供必要的技术资料")
    assert tab.save()
    settle_editor(qtbot, editor)
    assert declarations.show(ws, pid).value.content.other_terms == "许可人提供必要的技术资料"
    assert editor.history.undo(editor)
    settle_editor(qtbot, editor)
    assert declarations.show(ws, pid).value.content.other_terms == ""
    assert tab.edits["other_terms"].toPlainText() == ""
    tab.edits["other_terms"].setPlainText("国际领先技术")
    tab.save()
    settle_editor(qtbot, editor)
    assert any(f.code == "PROMOTIONAL_WORDING" for f in tab.view.findings)
    dict(tab.fix_buttons)["declaration.other_terms"].click()
    assert editor.tabs.currentWidget() is tab and editor.focusWidget() in (tab.edits["other_terms"], None)
    # the promises and the sign-off are done here, under the statutory profile
    make_ready(ws, [LATE], tmp_path=tmp_path, sign=False)
    readiness_service.withdraw_commitment(ws, pid, "P1")
    tab.edits["other_terms"].setPlainText("")
    tab.save()
    settle_editor(qtbot, editor)
    assert "COMMITMENTS_INCOMPLETE" in [f.code for f in tab.view.findings]
    dict(tab.fix_buttons)["commitments"].click()
    assert editor.tabs.currentWidget() is tab  # not the Commitments tab: it shows the bureau profile's items
    tab.confirm_promises()
    settle_editor(qtbot, editor)
    assert all(p.confirmed for p in tab.promises)
    for user, role in (("alice", "preparer"), ("bob", "reviewer")):
        ws.user = user
        tab.sign_off(role)
        settle_editor(qtbot, editor)
    assert tab.state_label.text() == "Declaration: Signed off, not filed", tab.view.findings
    # filed: the timeline shows it, the fields are read only, the next fee is shown
    declarations.file(ws, [LATE], TODAY, "via-bureau", "ZJ-7")
    editor.load()
    settle_editor(qtbot, editor)
    assert "Filed with CNIPA" in tab.timeline.text() and "ZJ-7" in tab.timeline.text()
    assert tab.edits["contact_person"].isReadOnly() and not tab.save_button.isEnabled()
    assert "Next annual fee" in tab.terms_label.text()
    assert tab.terms_box.title() == "Terms as filed (frozen until a withdrawal is announced)"
    editor.close()
    QApplication.processEvents()


def test_each_commitment_count_says_which_list(window, ws, qtbot):
    """The declaration tab counts the declaration's promises, the side panel the active pilot profile's
    commitments: two lists of different length for one patent, each count named for its list."""
    from PySide6.QtWidgets import QLabel, QWidget

    pid = ids(ws, [INV])[0]
    declarations.prepare(ws, [pid])
    readiness_service.confirm_commitments(ws, [pid], ["P1"], profile_code="statutory")
    editor, tab = editor_on_tab(qtbot, ws, pid, "declaration", "zh")  # the active profile: the general pilot listing

    def said(host, name: str) -> str:
        return host.findChild(QWidget, name).findChild(QLabel).text()

    in_tab = said(tab, "declarationFinding_COMMITMENTS_INCOMPLETE")
    in_panel = said(editor.panel, "finding_COMMITMENTS_INCOMPLETE")
    assert "开放许可声明承诺事项尚有 5 项未确认" in in_tab and "试点" not in in_tab, in_tab
    assert "试点承诺事项尚有 8 项未确认" in in_panel and "声明" not in in_panel, in_panel
    editor.close()
    QApplication.processEvents()


@pytest.mark.parametrize(("profile", "heading"), [
    (None, "试点承诺事项 · 通用（试点方案最低公开内容）"),
    ("statutory", "开放许可声明承诺事项 · 开放许可声明（国家知识产权局）"),
])
def test_the_commitments_tab_says_which_list_it_shows(window, ws, qtbot, chinese, profile, heading):
    """The commitments tab lists one profile's items, a pilot listing's or the declaration's: its heading names
    the list and the profile, as the counts in the side panel and the declaration tab do."""
    from PySide6.QtWidgets import QLabel

    pid = ids(ws, [INV])[0]
    editor, tab = editor_on_tab(qtbot, ws, pid, "commitments", "zh", profile)
    assert tab.findChild(QLabel, "commitmentsHeading").text() == heading
    assert tab.table.rowCount() == (6 if profile == "statutory" else 8)
    editor.close()
    QApplication.processEvents()


def test_fee_notes_for_the_selection(window, ws, qtbot, tmp_path):
    from declaration_helpers import ROYALTY

    from openlic_desktop.services import pricing

    pricing.set_terms(ws, ids(ws, [INV, CO]), ROYALTY)
    select(window, ids(ws, [INV, CO, UM]))
    dialog = declarations_menu.open_fee_notes(window)  # deletes itself when closed
    dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("common_rates"))
    dialog.basis_edit.setText("参照本单位同类专利以往许可")
    dialog.run()
    settle(window)
    assert "Notes drafted: 2" in window.declarations_summary_text
    assert "No pricing yet" in window.declarations_summary_text  # the utility model has no terms
    assert "参照本单位同类专利以往许可" in pricing.get_note(ws, ids(ws, [INV])[0]).text


@pytest.mark.parametrize("action", ["file", "announce", "withdraw", "announce-withdrawal", "export"])
def test_step_forms_refuse_what_is_missing(qtbot, action):
    dialog = DeclarationStepDialog(action, 3)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if action in ("withdraw",):
        dialog.accept_values()
        assert dialog.values is None and dialog.error_label.text()
        dialog.text_edit.setText("专利权拟转让")
    if action in ("file", "export"):
        dialog.override_box.setChecked(True)
        dialog.accept_values()
        assert dialog.values is None and dialog.error_label.text()
        dialog.override_edit.setText("质押将于下周解除")
    dialog.accept_values()
    assert dialog.values is not None and dialog.values.action == action
    dialog.close()


def test_the_view_says_what_each_draft_still_lacks(window, ws, tmp_path, qtmodeltester):
    from openlic_desktop.gui.models.declarations_model import LACKING

    declarations.prepare(ws, [INV, UM])
    make_ready(ws, [INV], tmp_path=tmp_path)
    view = open_view(window)
    qtmodeltester.check(view.model)
    assert view.model.headerData(LACKING, Qt.Orientation.Horizontal) == "Still lacking"
    by_number = {item.application_number: row for row, item in enumerate(view.model.rows())}
    assert view.model.index(by_number[INV], LACKING).data() == ""   # signed off and nothing lacking
    shown = view.model.index(by_number[UM], LACKING).data()
    assert shown.split(":")[0].endswith("to do") and int(shown.split(" ")[0]) >= 3
    tip = view.model.index(by_number[UM], LACKING).data(Qt.ItemDataRole.ToolTipRole)
    assert "evaluation report" in tip and "fee-estimation note" in tip
    view.model.sort(LACKING, Qt.SortOrder.DescendingOrder)
    assert view.model.rows()[0].application_number == UM
    view.close()
