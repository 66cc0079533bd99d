"""The patent editor and the readiness batch actions, driven through their widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import ClassVar

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QDropEvent
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton

from openlic_desktop.gui.editor import editor_tabs
from openlic_desktop.gui.editor.patent_editor import PatentEditor
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import attachments, encumbrances, portfolio, readiness

PDF = b"%PDF-1.4\n%%EOF\n"


def _pick(ws, coowned=False, patent_type="invention"):
    from datetime import date

    for facts in portfolio.list_patents(ws, status="in_force"):
        if facts.expiry_date is not None and facts.expiry_date <= date.today():
            continue  # recorded in force but past its last day (the demo is made for a fixed day): expired
        if (len(facts.patentees) > 1) == coowned and facts.patent_type.value == patent_type:
            return portfolio.detail(ws, facts.number.canonical).id, facts
    raise AssertionError("no patent")


def settle(qtbot, dlg) -> None:
    """Wait until the editor's reads and edits (ops on its worker) are done and shown."""
    qtbot.waitUntil(lambda: dlg.pending == 0 and not dlg.history.busy and dlg.tasks.idle(), timeout=20000)


def open_editor(qtbot, ws, pid) -> PatentEditor:
    dlg = PatentEditor(ws, pid, lang="en")
    qtbot.addWidget(dlg)
    dlg.show()
    settle(qtbot, dlg)
    return dlg


@pytest.fixture
def editor(qtbot, demo_ws):
    pid, _facts = _pick(demo_ws)
    dlg = open_editor(qtbot, demo_ws, pid)
    yield dlg
    dlg.tasks.wait()


def _finding_codes(dlg) -> list[str]:
    return [f.code for f in dlg.readiness.findings]


def click(qtbot, dlg, name: str) -> None:
    dlg.findChild(QPushButton, name).click()
    settle(qtbot, dlg)


def undo(qtbot, dlg) -> None:
    assert dlg.history.undo(dlg)
    settle(qtbot, dlg)


def test_tabs_and_fix_buttons_jump_to_the_tab(editor):
    titles = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert titles[:5] == ["Facts", "Ownership && encumbrances", "Reports && attachments", "Commitments && sign-off",
                          "History"]
    assert editor.windowTitle() == "Patent " + editor.number
    assert "COMMITMENTS_INCOMPLETE" in _finding_codes(editor)
    editor.findChild(QPushButton, "fix_COMMITMENTS_INCOMPLETE").click()
    assert editor.tabs.currentIndex() == editor.tab_keys["commitments"]
    editor.findChild(QPushButton, "fix_NOT_SIGNED_OFF").click()
    assert editor.tabs.currentIndex() == editor.tab_keys["commitments"]
    editor.jump_to("facts.contact_phone")
    assert editor.tabs.currentIndex() == editor.tab_keys["facts"]


def _history(dlg):
    return dlg.tab("history").table


def test_edit_facts_is_audited_and_undoable(qtbot, editor, demo_ws):
    before = editor.tab("facts").facts.title
    history_rows = _history(editor).rowCount()
    editor.findChild(QLineEdit, "fact_title").setText("新的专利名称")
    editor.findChild(QLineEdit, "fact_contact_email").setText("tto@example.edu.cn")
    click(qtbot, editor, "saveFacts")
    facts = portfolio.detail_by_id(demo_ws, editor.patent_id).facts
    assert facts.title == "新的专利名称" and facts.contact_email == "tto@example.edu.cn"
    assert _history(editor).rowCount() == history_rows + 2
    assert _history(editor).item(0, 2).text() == "App"  # source "gui", in words
    editor.undo_button.click()
    settle(qtbot, editor)
    facts = portfolio.detail_by_id(demo_ws, editor.patent_id).facts
    assert facts.title == before and facts.contact_email == ""
    assert editor.findChild(QLineEdit, "fact_title").text() == before


def test_history_shows_a_value_of_several_lines_on_one_marked_line(qtbot, editor, demo_ws):
    from PySide6.QtWidgets import QPlainTextEdit

    editor.findChild(QPlainTextEdit, "fact_description").setPlainText("一种电池包。\n\n  包括壳体和电芯。\n")
    click(qtbot, editor, "saveFacts")
    new = _history(editor).item(0, 6)
    assert new.text() == "一种电池包。 ⏎ 包括壳体和电芯。"  # not only the first line: the cell says there is more
    stored = portfolio.detail_by_id(demo_ws, editor.patent_id).facts.description
    assert "\n" in stored and new.toolTip() == stored  # the whole, its lines as stored


def test_bad_date_is_refused_inline(qtbot, editor, demo_ws):
    editor.findChild(QLineEdit, "fact_fees_paid_until").setText("not a date")
    click(qtbot, editor, "saveFacts")
    assert "not a date" in editor.message.text().lower() or "Not a date" in editor.message.text()
    assert editor.history.stack.count() == 0


def test_names_are_editable_and_the_type_follows_the_number(qtbot, editor, demo_ws):
    from PySide6.QtWidgets import QComboBox, QPlainTextEdit

    editor.findChild(QPlainTextEdit, "fact_patentees").setPlainText("甲大学\n乙公司")
    editor.findChild(QPlainTextEdit, "fact_inventors").setPlainText("张三\n李四")
    click(qtbot, editor, "saveFacts")
    facts = portfolio.detail_by_id(demo_ws, editor.patent_id).facts
    assert facts.patentees == ["甲大学", "乙公司"] and facts.inventors == ["张三", "李四"]
    combo = editor.findChild(QComboBox, "fact_patent_type")
    combo.setCurrentIndex(combo.findData("design"))
    click(qtbot, editor, "saveFacts")
    assert "kind digit" in editor.message.text()
    assert portfolio.detail_by_id(demo_ws, editor.patent_id).facts.patent_type.value == "invention"
    assert combo.currentData() == "invention"  # the refused edit is taken back on screen too


def _commit_table(dlg):
    return dlg.tab("commitments").table


def test_confirm_all_then_undo(qtbot, editor, demo_ws):
    click(qtbot, editor, "confirmAll")
    assert "COMMITMENTS_INCOMPLETE" not in _finding_codes(editor)
    table = _commit_table(editor)
    assert all(table.item(r, 0).checkState() == Qt.CheckState.Checked for r in range(table.rowCount()))
    undo(qtbot, editor)
    assert "COMMITMENTS_INCOMPLETE" in _finding_codes(editor)
    # one item by its check box
    _commit_table(editor).item(0, 0).setCheckState(Qt.CheckState.Checked)
    settle(qtbot, editor)
    states = readiness.commitments(demo_ws, editor.patent_id)
    assert [s.confirmed for s in states[:2]] == [True, False]


def test_encumbrance_add_remove_and_consent(qtbot, demo_ws):
    pid, facts = _pick(demo_ws, coowned=True)
    dlg = open_editor(qtbot, demo_ws, pid)
    assert "COOWNER_CONSENT_MISSING" in _finding_codes(dlg)
    owner = facts.patentees[1]
    dlg.findChild(QCheckBox, "consent_" + owner).setChecked(True)
    settle(qtbot, dlg)
    assert "COOWNER_CONSENT_MISSING" not in _finding_codes(dlg)
    tab = dlg.tab("ownership")
    tab.kind.setCurrentIndex(tab.kind.findData("exclusive-licence"))
    tab.party.setText("甲公司")
    tab.start.setText("2025-01-01")
    click(qtbot, dlg, "addEncumbrance")
    assert tab.table.rowCount() == 1 and "EXCLUSIVE_LICENCE" in _finding_codes(dlg)
    assert tab.party.text() == ""  # the form is cleared for the next one
    tab.table.selectRow(0)
    click(qtbot, dlg, "removeEncumbrance")
    assert tab.table.rowCount() == 0 and "EXCLUSIVE_LICENCE" not in _finding_codes(dlg)
    undo(qtbot, dlg)  # puts the encumbrance back
    assert len(encumbrances.list_encumbrances(demo_ws, pid)) == 1
    undo(qtbot, dlg)  # removes it again (undo of the add)
    undo(qtbot, dlg)  # withdraws the consent
    assert encumbrances.list_encumbrances(demo_ws, pid) == []
    assert "COOWNER_CONSENT_MISSING" in _finding_codes(dlg)


def test_attach_the_pledgees_consent_to_a_pledge_and_undo(qtbot, demo_ws, tmp_path):
    pid, _facts = _pick(demo_ws)
    dlg = open_editor(qtbot, demo_ws, pid)
    tab = dlg.tab("ownership")
    dlg.tabs.setCurrentWidget(tab)
    for kind, party in (("dispute", "甲公司"), ("pledge", "某银行")):
        tab.kind.setCurrentIndex(tab.kind.findData(kind))
        tab.party.setText(party)
        click(qtbot, dlg, "addEncumbrance")
    assert "PLEDGE_WITHOUT_CONSENT" in _finding_codes(dlg)
    assert not tab.pledgee_button.isEnabled() and tab.pledgee_button.toolTip()   # nothing selected: says why
    tab.table.selectRow(0)   # the dispute: no pledgee to consent
    assert not tab.pledgee_button.isEnabled()
    tab.table.selectRow(1)
    assert tab.pledgee_button.isEnabled()
    scan = tmp_path / "质权人同意书.pdf"
    scan.write_bytes(PDF + b"pledgee")
    assert tab.attach_pledgee_consent(scan)
    settle(qtbot, dlg)
    assert "PLEDGE_WITHOUT_CONSENT" not in _finding_codes(dlg)
    assert tab.table.item(1, 5).text() == "✓"
    assert [a.kind for a in attachments.list_attachments(demo_ws, pid)].count("pledgee-consent") == 1
    tab.table.selectRow(1)
    dlg.resize(1000, 640)
    dlg.grab().save(str(tmp_path / "pledgee_consent.png"))
    undo(qtbot, dlg)   # the file and the consent go again
    assert "PLEDGE_WITHOUT_CONSENT" in _finding_codes(dlg)
    assert "pledgee-consent" not in [a.kind for a in attachments.list_attachments(demo_ws, pid)]
    # the Reports tab does not offer it: loose, it would be tied to no pledge and mark none consented
    reports = dlg.tab("reports")
    offered = [reports.kind.itemData(i) for i in range(reports.kind.count())]
    assert "pledgee-consent" not in offered and "consent" in offered and "evaluation-report" in offered
    assert reports.kind.itemText(offered.index("consent")) == "Co-owner's written consent"  # whose, said
    dlg.tasks.wait()


class _UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url):
        self.urls.append(url)


def test_drop_a_report_then_open_it(qtbot, demo_ws, tmp_path):
    pid, _facts = _pick(demo_ws, patent_type="utility_model")
    dlg = open_editor(qtbot, demo_ws, pid)
    assert "EVALUATION_REPORT_MISSING" in _finding_codes(dlg)
    tab = dlg.tab("reports")
    report = tmp_path / "评价报告.pdf"
    report.write_bytes(PDF)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png")
    tab.kind.setCurrentIndex(tab.kind.findData("evaluation-report"))
    tab.report_no.setText("PJ-2026-1")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report)), QUrl.fromLocalFile(str(bad))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    dlg.dropEvent(event)
    settle(qtbot, dlg)
    assert dlg.tabs.currentIndex() == dlg.tab_keys["reports"]
    assert tab.table.rowCount() == 1  # the fake PNG was refused
    assert "bad.png" in dlg.message.text()
    assert "EVALUATION_REPORT_MISSING" not in _finding_codes(dlg)
    # the details typed wrong (or not known when attaching) are corrected afterwards, undoably
    tab.table.selectRow(0)
    assert tab.report_no.text() == "PJ-2026-1"
    tab.report_no.setText("PJ-2026-7")
    tab.report_date.setText("2026-05-01")
    click(qtbot, dlg, "saveReportDetails")
    info = attachments.list_attachments(demo_ws, pid)[0]
    assert (info.report_no, str(info.report_date)) == ("PJ-2026-7", "2026-05-01")
    assert tab.table.item(0, 2).text() == "PJ-2026-7"
    undo(qtbot, dlg)
    assert attachments.list_attachments(demo_ws, pid)[0].report_no == "PJ-2026-1"
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    try:
        tab.table.selectRow(0)
        assert tab.open_attachment()
        info = attachments.list_attachments(demo_ws, pid)[0]
        assert catcher.urls and catcher.urls[0].toLocalFile() == str(info.path)
        info.path.write_bytes(PDF + b"changed")
        dlg.reload()
        settle(qtbot, dlg)
        tab.table.selectRow(0)
        assert not tab.open_attachment() and "changed" in dlg.message.text()
        assert tab.table.item(0, 6).text() == "Changed outside the app"
    finally:
        QDesktopServices.unsetUrlHandler("file")


def test_sign_off_in_the_editor_refuses_the_same_reviewer(qtbot, editor, demo_ws):
    click(qtbot, editor, "confirmAll")
    signoff = editor.tab("commitments").signoff_label
    demo_ws.user = "alice"
    click(qtbot, editor, "signoff_preparer")
    assert "alice" in signoff.text()
    click(qtbot, editor, "signoff_reviewer")
    assert "different reviewer" in editor.message.text()
    demo_ws.user = "bob"
    click(qtbot, editor, "signoff_reviewer")
    assert "NOT_SIGNED_OFF" not in _finding_codes(editor)
    editor.findChild(QLineEdit, "fact_title").setText("改名")
    click(qtbot, editor, "saveFacts")
    assert "SIGNOFF_STALE" in _finding_codes(editor)
    assert "stale" in signoff.text()
    undo(qtbot, editor)  # the title back: the sign-offs are current again
    assert "SIGNOFF_STALE" not in _finding_codes(editor)
    undo(qtbot, editor)  # the reviewer's sign-off revoked
    assert "NOT_SIGNED_OFF" in _finding_codes(editor)
    target = editor.ws.path.parent / "letter.docx"
    editor.tab("commitments").write_letter(target)
    settle(qtbot, editor)
    assert target.exists()


class _ExtraTab(editor_tabs.EditorTab):
    KEY = "pricing"
    loaded: ClassVar[list[tuple[object, int]]] = []

    def title(self):
        return "Extra"

    @staticmethod
    def read(ctx):
        _ExtraTab.loaded.append((ctx.ws, ctx.patent_id))
        return ctx.patent_id

    def show(self, data):
        self.shown = data


def test_registered_tabs_are_added_and_loaded(qtbot, demo_ws, monkeypatch):
    import openlic_desktop.gui.editor.patent_editor as module

    monkeypatch.setattr(module, "EDITOR_TABS", [_ExtraTab])
    pid, _facts = _pick(demo_ws)
    dlg = open_editor(qtbot, demo_ws, pid)
    assert dlg.tabs.tabText(dlg.tabs.count() - 1) == "Extra"
    assert _ExtraTab.loaded[-1] == (demo_ws, pid) and dlg.tab("pricing").shown == pid
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
    from gui_helpers import cell

    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())]
    assert "Readiness" in headers
    col = headers.index("Readiness")
    # on a quiet machine the first page's readiness may have arrived already since the window was shown: drop what
    # was computed, so the cell asked now must answer "…" at once and leave the computing to the worker
    window.model.refresh_rows()
    assert window.model.index(0, col).data() == "…"  # computed on the worker, never while painting
    assert cell(qtbot, window, 0, col).startswith(("Not ready", "Ready"))
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


def test_batch_commitment_letter(window, qtbot, tmp_path, monkeypatch):
    """One letter per patentee set; patents with blockers only after the user gives a reason to draft anyway."""
    from PySide6.QtWidgets import QInputDialog

    from openlic_desktop.gui.readiness import readiness_actions

    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(a[2]) or ("先行起草供核对", True))
    ids = [window.model.id_at(r) for r in range(3)]
    _select(window, ids)
    readiness_actions.letter_for_selected(window, tmp_path / "batch.docx")
    qtbot.waitUntil(lambda: getattr(window, "readiness_last_letter", None) is not None, timeout=20000)
    from docx import Document

    letters = list(tmp_path.glob("batch*.docx"))
    rows = sum(len(Document(str(p)).tables[0].rows) - 1 for p in letters)  # every patent in one letter
    assert rows == 3 and len(letters) >= 1
    if asked:  # some of the first three had blockers: they were drafted on the reason given, printed first
        assert any(Document(str(p)).paragraphs[0].text == "起草说明" for p in letters)


def test_readiness_filter(window, demo_ws, qtbot):
    from gui_helpers import settle

    numbers = [r.application_number for r in readiness.check(demo_ws, None)]
    window.readiness_filter_actions["ready"].trigger()
    qtbot.waitUntil(lambda: getattr(window, "readiness_filter_key", "") == "ready")
    settle(qtbot, window)
    assert window.model.rowCount() == 0  # nothing priced or signed in the demo
    window.readiness_filter_actions["not_ready"].trigger()
    qtbot.waitUntil(lambda: window.readiness_filter_key == "not_ready")
    settle(qtbot, window)
    assert window.model.rowCount() == len(numbers)
    window.readiness_filter_actions["all"].trigger()
    settle(qtbot, window)
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
    assert "commitment(s) of the pilot listing not yet confirmed" in window.detail.toPlainText()


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


def test_multiline_description_survives_an_unrelated_save(qtbot, editor, demo_ws):
    from PySide6.QtWidgets import QPlainTextEdit

    portfolio.set_fields(demo_ws, editor.number, {"description": "第一行\n第二行"})
    editor.reload()
    settle(qtbot, editor)
    assert editor.findChild(QPlainTextEdit, "fact_description").toPlainText() == "第一行\n第二行"
    editor.findChild(QLineEdit, "fact_industry").setText("制造业")
    click(qtbot, editor, "saveFacts")
    facts = portfolio.detail_by_id(demo_ws, editor.patent_id).facts
    assert facts.description == "第一行\n第二行" and facts.industry == "制造业"
