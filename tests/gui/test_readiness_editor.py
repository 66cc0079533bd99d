"""The patent editor and the readiness batch actions, driven through their widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import ClassVar

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QDropEvent
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton, QWidget

from openlic_desktop.gui.editor import editor_tabs
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.gui.editor.patent_editor import PatentEditor
from openlic_desktop.services import attachments, encumbrances, portfolio, readiness

PDF = b"%PDF-1.4\n%%EOF\n"


def _pick(ws, coowned=False, patent_type="invention"):
    for facts in portfolio.list_patents(ws, status="in_force"):
        if (len(facts.patentees) > 1) == coowned and facts.patent_type.value == patent_type:
            return portfolio.detail(ws, facts.number.canonical).id, facts
    raise AssertionError("no patent")


@pytest.fixture
def editor(qtbot, demo_ws):
    pid, _facts = _pick(demo_ws)
    dlg = PatentEditor(demo_ws, pid, lang="en")
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _finding_codes(dlg) -> list[str]:
    return [f.code for f in dlg.readiness.findings]


def test_tabs_and_fix_buttons_jump_to_the_tab(editor):
    titles = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert titles[:5] == ["Facts", "Ownership && encumbrances", "Reports && attachments", "Commitments && sign-off",
                          "History"]
    assert "COMMITMENTS_INCOMPLETE" in _finding_codes(editor)
    editor.findChild(QPushButton, "fix_COMMITMENTS_INCOMPLETE").click()
    assert editor.tabs.currentIndex() == editor.tab_keys["commitments"]
    editor.findChild(QPushButton, "fix_NOT_SIGNED_OFF").click()
    assert editor.tabs.currentIndex() == editor.tab_keys["commitments"]
    editor.jump_to("facts.contact_phone")
    assert editor.tabs.currentIndex() == editor.tab_keys["facts"]


def test_edit_facts_is_audited_and_undoable(editor, demo_ws):
    before = editor.detail.facts.title
    history_rows = editor.history_table.rowCount()
    editor.findChild(QLineEdit, "fact_title").setText("新的专利名称")
    editor.findChild(QLineEdit, "fact_contact_email").setText("tto@example.edu.cn")
    editor.findChild(QPushButton, "saveFacts").click()
    facts = portfolio.detail_by_id(demo_ws, editor.patent_id).facts
    assert facts.title == "新的专利名称" and facts.contact_email == "tto@example.edu.cn"
    assert editor.history_table.rowCount() == history_rows + 2
    assert editor.history_table.item(0, 2).text() == "App"  # source "gui", in words
    editor.undo_button.click()
    facts = portfolio.detail_by_id(demo_ws, editor.patent_id).facts
    assert facts.title == before and facts.contact_email == ""
    assert editor.findChild(QLineEdit, "fact_title").text() == before


def test_bad_date_is_refused_inline(editor, demo_ws):
    editor.findChild(QLineEdit, "fact_fees_paid_until").setText("not a date")
    editor.findChild(QPushButton, "saveFacts").click()
    assert "not a date" in editor.message.text().lower() or "Not a date" in editor.message.text()
    assert editor.undo_stack.count() == 0


def test_confirm_all_then_undo(editor, demo_ws):
    editor.findChild(QPushButton, "confirmAll").click()
    assert "COMMITMENTS_INCOMPLETE" not in _finding_codes(editor)
    assert all(editor.commit_table.item(r, 0).checkState() == Qt.CheckState.Checked
               for r in range(editor.commit_table.rowCount()))
    editor.undo_stack.undo()
    assert "COMMITMENTS_INCOMPLETE" in _finding_codes(editor)
    # one item by its check box
    editor.commit_table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    states = readiness.commitments(demo_ws, editor.patent_id)
    assert [s.confirmed for s in states[:2]] == [True, False]


def test_encumbrance_add_remove_and_consent(qtbot, demo_ws):
    pid, facts = _pick(demo_ws, coowned=True)
    dlg = PatentEditor(demo_ws, pid, lang="en")
    qtbot.addWidget(dlg)
    assert "COOWNER_CONSENT_MISSING" in _finding_codes(dlg)
    owner = facts.patentees[1]
    dlg.findChild(QCheckBox, "consent_" + owner).setChecked(True)
    assert "COOWNER_CONSENT_MISSING" not in _finding_codes(dlg)
    dlg.enc_kind.setCurrentIndex(dlg.enc_kind.findData("exclusive-licence"))
    dlg.enc_party.setText("甲公司")
    dlg.enc_start.setText("2025-01-01")
    dlg.findChild(QPushButton, "addEncumbrance").click()
    assert dlg.enc_table.rowCount() == 1 and "EXCLUSIVE_LICENCE" in _finding_codes(dlg)
    dlg.enc_table.selectRow(0)
    dlg.findChild(QPushButton, "removeEncumbrance").click()
    assert dlg.enc_table.rowCount() == 0 and "EXCLUSIVE_LICENCE" not in _finding_codes(dlg)
    dlg.undo_stack.undo()  # puts the encumbrance back
    assert len(encumbrances.list_encumbrances(demo_ws, pid)) == 1
    dlg.undo_stack.undo()  # removes it again (undo of the add)
    dlg.undo_stack.undo()  # withdraws the consent
    assert encumbrances.list_encumbrances(demo_ws, pid) == []
    assert "COOWNER_CONSENT_MISSING" in _finding_codes(dlg)


class _UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url):
        self.urls.append(url)


def test_drop_a_report_then_open_it(qtbot, demo_ws, tmp_path):
    pid, _facts = _pick(demo_ws, patent_type="utility_model")
    dlg = PatentEditor(demo_ws, pid, lang="en")
    qtbot.addWidget(dlg)
    dlg.show()
    assert "EVALUATION_REPORT_MISSING" in _finding_codes(dlg)
    report = tmp_path / "评价报告.pdf"
    report.write_bytes(PDF)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png")
    dlg.att_kind.setCurrentIndex(dlg.att_kind.findData("evaluation-report"))
    dlg.att_report_no.setText("PJ-2026-1")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report)), QUrl.fromLocalFile(str(bad))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    dlg.dropEvent(event)
    assert dlg.tabs.currentIndex() == dlg.tab_keys["reports"]
    assert dlg.att_table.rowCount() == 1  # the fake PNG was refused
    assert "bad.png" in dlg.message.text()
    assert "EVALUATION_REPORT_MISSING" not in _finding_codes(dlg)
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    try:
        dlg.att_table.selectRow(0)
        assert dlg.open_attachment()
        info = attachments.list_attachments(demo_ws, pid)[0]
        assert catcher.urls and catcher.urls[0].toLocalFile() == str(info.path)
        info.path.write_bytes(PDF + b"changed")
        dlg.reload()
        dlg.att_table.selectRow(0)
        assert not dlg.open_attachment() and "changed" in dlg.message.text()
        assert dlg.att_table.item(0, 6).text() == "Changed outside the app"
    finally:
        QDesktopServices.unsetUrlHandler("file")


def test_sign_off_in_the_editor_refuses_the_same_reviewer(editor, demo_ws):
    editor.findChild(QPushButton, "confirmAll").click()
    demo_ws.user = "alice"
    editor.findChild(QPushButton, "signoff_preparer").click()
    assert "alice" in editor.signoff_label.text()
    editor.findChild(QPushButton, "signoff_reviewer").click()
    assert "different reviewer" in editor.message.text()
    demo_ws.user = "bob"
    editor.findChild(QPushButton, "signoff_reviewer").click()
    assert "NOT_SIGNED_OFF" not in _finding_codes(editor)
    editor.findChild(QLineEdit, "fact_title").setText("改名")
    editor.findChild(QPushButton, "saveFacts").click()
    assert "SIGNOFF_STALE" in _finding_codes(editor)
    assert "stale" in editor.signoff_label.text()
    path = editor.write_letter(editor.ws.path.parent / "letter.docx")
    assert path is not None and path.exists()


class _ExtraTab(QWidget):
    loaded: ClassVar[list[tuple[object, int]]] = []

    def load(self, ws, patent_id):
        _ExtraTab.loaded.append((ws, patent_id))


def test_registered_tabs_are_added_and_loaded(qtbot, demo_ws, monkeypatch):
    monkeypatch.setattr(editor_tabs, "EDITOR_TABS", [])
    import openlic_desktop.gui.editor.patent_editor as module

    monkeypatch.setattr(module, "EDITOR_TABS", [("Pricing", _ExtraTab)])
    pid, _facts = _pick(demo_ws)
    dlg = PatentEditor(demo_ws, pid, lang="en")
    qtbot.addWidget(dlg)
    assert dlg.tabs.tabText(dlg.tabs.count() - 1) == "Pricing"
    assert _ExtraTab.loaded[-1] == (demo_ws, pid)
    assert "PRICING_MISSING" in _finding_codes(dlg)
    dlg.findChild(QPushButton, "fix_PRICING_MISSING").click()
    assert dlg.tabs.currentIndex() == dlg.tabs.count() - 1


# --- the main window: column, filter, batch actions, audit warning ----------------------------------------------
@pytest.fixture
def window(qtbot, demo_ws):
    win = MainWindow(demo_ws, lang="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.tasks.pool.activeThreadCount() == 0)
    yield win
    win.tasks.wait()
    win.ws = None


def _select(window, ids):
    window.table.clearSelection()
    for pid in ids:
        window.table.selectRow(window.model.row_of(pid))
    from PySide6.QtCore import QItemSelectionModel

    sel = window.table.selectionModel()
    sel.clearSelection()
    for pid in ids:
        index = window.model.index(window.model.row_of(pid), 0)
        sel.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert sorted(window.selected_patent_ids()) == sorted(ids)


def test_readiness_column_and_editor_hook(window, qtbot):
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())]
    assert "Readiness" in headers
    col = headers.index("Readiness")
    assert window.model.index(0, col).data().startswith(("Not ready", "Ready"))
    pid = window.model.id_at(0)
    window.open_patent_editor(pid)
    assert window.patent_editor.patent_id == pid
    window.patent_editor.close()


def test_batch_confirm_and_sign_off_with_summary(window, qtbot, demo_ws):
    ids = [window.model.id_at(r) for r in range(5)]
    _select(window, ids)
    window.findChild(QAction, "confirmCommitmentsAction").trigger()
    qtbot.waitUntil(lambda: getattr(window, "readiness_last_outcome", None) is not None)
    assert len(window.readiness_last_outcome.done) == 5
    assert "Done: 5" in window.readiness_summary_text
    window.readiness_summary.close()
    _select(window, ids)
    demo_ws.user = "alice"
    window.readiness_last_outcome = None
    window.findChild(QAction, "signPreparerAction").trigger()
    qtbot.waitUntil(lambda: window.readiness_last_outcome is not None)
    assert len(window.readiness_last_outcome.done) == 5
    window.readiness_summary.close()
    _select(window, ids)
    window.readiness_last_outcome = None
    window.findChild(QAction, "signReviewerAction").trigger()
    qtbot.waitUntil(lambda: window.readiness_last_outcome is not None)
    outcome = window.readiness_last_outcome
    assert outcome.done == [] and len(outcome.refused) == 5
    assert "refused: 5" in window.readiness_summary_text and "different reviewer" in window.readiness_summary_text
    window.readiness_summary.close()


def test_batch_commitment_letter(window, qtbot, tmp_path):
    from openlic_desktop.gui.readiness import readiness_actions

    ids = [window.model.id_at(r) for r in range(3)]
    _select(window, ids)
    readiness_actions.letter_for_selected(window, tmp_path / "batch.docx")
    qtbot.waitUntil(lambda: getattr(window, "readiness_last_letter", None) is not None)
    from docx import Document

    assert len(Document(str(tmp_path / "batch.docx")).tables[0].rows) == 4


def test_readiness_filter(window, demo_ws, qtbot):
    numbers = [r.application_number for r in readiness.check(demo_ws, None)]
    window.readiness_filter_actions["ready"].trigger()
    qtbot.waitUntil(lambda: getattr(window, "readiness_filter_key", "") == "ready")
    assert window.model.rowCount() == 0  # nothing priced or signed in the demo
    window.readiness_filter_actions["not_ready"].trigger()
    qtbot.waitUntil(lambda: window.readiness_filter_key == "not_ready")
    assert window.model.rowCount() == len(numbers)
    window.readiness_filter_actions["all"].trigger()
    assert window.model.rowCount() == 200


def test_audit_warning_when_the_chain_is_broken(window, qtbot, demo_ws):
    assert window.audit_warning.isHidden()
    encumbrances.add_encumbrance(demo_ws, window.model.id_at(0), "pledge", party="银行", start=date(2025, 1, 1))
    con = sqlite3.connect(demo_ws.path)
    con.execute("UPDATE audit_log SET new='x' WHERE id=(SELECT max(id) FROM audit_log)")
    con.commit()
    con.close()
    window.workspace_changed.emit()
    qtbot.waitUntil(lambda: not window.audit_warning.isHidden())
    assert "Audit" in window.audit_warning.text()


def test_detail_pane_lists_findings(window, qtbot):
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Readiness" in window.detail.toPlainText())
    assert "Commitments not yet confirmed" in window.detail.toPlainText()


def test_staff_dialog_sets_staff_and_acting_user(window, qtbot, demo_ws):
    from openlic_desktop.support import settings

    window.findChild(QAction, "staffAction").trigger()
    dialog = window.staff_dialog
    dialog.name_edit.setText("张三")
    dialog.findChild(QPushButton, "addStaff").click()
    dialog.add_member("李四", "reviewer")
    dialog.add_member("张三")  # no duplicates
    assert dialog.names() == ["张三", "李四"]
    dialog.user_combo.setCurrentText("李四")
    dialog.save()
    prefs = settings.load()
    assert [(m.name, m.role) for m in prefs.staff] == [("张三", "preparer"), ("李四", "reviewer")]
    assert prefs.current_user == "李四" and demo_ws.user == "李四"
    assert "李四" in window.user_label.text()
    number = portfolio.list_patents(demo_ws)[0].number.canonical
    readiness.confirm_commitments(demo_ws, [number])
    assert readiness.sign_off(demo_ws, [number], "preparer").refused[0].code == "SIGNOFF_NOT_STAFF"


def test_multiline_description_survives_an_unrelated_save(editor, demo_ws):
    from PySide6.QtWidgets import QPlainTextEdit

    portfolio.set_fields(demo_ws, editor.number, {"description": "第一行\n第二行"})
    editor.reload()
    assert editor.findChild(QPlainTextEdit, "fact_description").toPlainText() == "第一行\n第二行"
    editor.findChild(QLineEdit, "fact_industry").setText("制造业")
    editor.findChild(QPushButton, "saveFacts").click()
    facts = portfolio.detail_by_id(demo_ws, editor.patent_id).facts
    assert facts.description == "第一行\n第二行" and facts.industry == "制造业"
