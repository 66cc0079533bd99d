"""The 100-patent afternoon in the GUI, click by click (pytest-qt, offscreen), with the clicks counted and printed.

What counts as a click: a mouse click on a button, a menu entry (2: the menu and the entry), a combo box choice
(2), a keyboard shortcut (1), a file or folder dropped on the window (1), a file or folder chosen in the system's
dialog (2). Typing into a field and Tab to the next are not clicks. The same scenario as the CLI walk
(tests/hundred_patents.py); the reviewer signs off in their own window. At most 40 clicks.
"""

from __future__ import annotations

import zipfile

import pytest
from hundred_patents import BATCH, BUREAU_EMAIL, make
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWizard

MAX_CLICKS = 40


class Clicks:
    def __init__(self, qtbot):
        self.qtbot, self.count, self.log = qtbot, 0, []

    def add(self, n: int, what: str) -> None:
        self.count += n
        self.log.append(f"{what} ({n})")

    def click(self, widget, what: str) -> None:
        assert widget.isEnabled() and widget.isVisible(), what
        widget.click()  # QAbstractButton.click: what a mouse click does (pressed, released, clicked)
        self.add(1, what)

    def menu(self, action, what: str) -> None:
        action.trigger()
        self.add(2, what)

    def combo(self, box, data, what: str) -> None:
        box.setCurrentIndex(box.findData(data))
        assert box.currentData() == data
        self.add(2, what)

    def forward(self, wizard, what: str) -> None:
        """The wizard's visible forward button: Next, the commit button (Import) or Finish."""
        for kind in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton,
                     QWizard.WizardButton.FinishButton):
            button = wizard.button(kind)
            if button.isVisible():
                self.click(button, what)
                return
        raise AssertionError(f"no forward button: {what}")

    def type(self, edit, text: str) -> None:  # typing, Tab: not clicks
        edit.clear()
        edit.insert(text)  # as typed (QTest cannot type Chinese through key events)


@pytest.fixture
def chooser(monkeypatch):
    """The system's file dialog answers with the prepared path; each choice is two clicks."""
    answers: list = []

    def folder(*_a, **_k):
        return str(answers.pop(0))

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder))
    return answers


def test_the_hundred_patent_afternoon_in_at_most_40_clicks(qtbot, ws, tmp_path, chooser, monkeypatch, db_path):
    from openlic_desktop.gui.main_window import MainWindow
    from openlic_desktop.services import batches, portfolio
    from openlic_desktop.services.workspace import open_workspace

    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # the export wizard's default output folder
    s = make(tmp_path / "office")
    clicks = Clicks(qtbot)
    window = MainWindow(ws, lang="zh")
    qtbot.addWidget(window)
    window.show()

    # 1. the spreadsheet dropped on the window; the wizard reads it, Next, Next, Import, Finish
    assert window.handle_dropped_files([s.spreadsheet])
    clicks.add(1, "drop the spreadsheet")
    wizard = window._import_wizard
    clicks.forward(wizard, "sheet: next")
    clicks.forward(wizard, "columns: next")
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=60000)
    clicks.forward(wizard, "preview: import")
    qtbot.waitUntil(lambda: wizard.result_page.finished, timeout=60000)
    clicks.forward(wizard, "import: finish")
    assert portfolio.count(ws) == 100

    # 2. all of them into a new batch for the Zhejiang bureau, whose e-mail it asks for
    qtbot.waitUntil(lambda: window.model.rowCount() == 100, timeout=10000)
    # Ctrl+A in the table: what the shortcut does (a QTest key event with Ctrl would leave the application's
    # modifier state held for the tests that follow, offscreen)
    window.table.selectAll()
    clicks.add(1, "Ctrl+A")
    assert len(window.selected_patent_ids()) == 100
    clicks.menu(window.findChild(type(window.menus["batch"].actions()[0]), "newBatchAction"), "Batch → New batch")
    dialog = window.new_batch_dialog
    clicks.type(dialog.name, BATCH)
    clicks.combo(dialog.profile, "zhejiang", "bureau profile")
    assert dialog.email_note.isVisibleTo(dialog)  # the profile has no bureau e-mail yet: it asks
    clicks.type(dialog.email, BUREAU_EMAIL)
    clicks.click(dialog.ok_button, "new batch: OK")
    view = window.remaining_dialog
    assert view.left.total == 100 and view.left.ready == 0

    # 3. what is left, group by group
    clicks.click(view.group_button("office_contact"), "office contact…")
    office = view.children_dialogs[-1]
    for key, text in (("name", "示例理工大学"), ("contact_person", "王老师"), ("contact_phone", "0571-88880000"),
                      ("contact_email", "tto@example.edu.cn")):
        clicks.type(office.edits[key], text)
    clicks.click(office.button_box.button(office.button_box.StandardButton.Ok), "office: OK")

    chooser.append(s.reports)
    clicks.click(view.group_button("attach_reports"), "attach a folder of reports…")
    clicks.add(2, "choose the reports folder")
    evidence_dialog = view.children_dialogs[-1]
    qtbot.waitUntil(lambda: evidence_dialog.plan is not None, timeout=60000)
    assert len(evidence_dialog.plan.of("matched")) == 27 and len(evidence_dialog.plan.of("duplicate")) == 1
    clicks.click(evidence_dialog.attach_button, "attach 27 files")
    qtbot.waitUntil(lambda: evidence_dialog.result is not None, timeout=60000)

    assert window.handle_dropped_files([s.consents])  # the three co-owners' letters, dropped as a folder
    clicks.add(1, "drop the consent letters")
    consents = window.evidence_dialog
    qtbot.waitUntil(lambda: consents.plan is not None, timeout=60000)
    assert {f.owner for f in consents.plan.of("matched")} == set(s.shared)
    clicks.click(consents.attach_button, "attach 3 letters")
    qtbot.waitUntil(lambda: consents.result is not None, timeout=60000)
    assert not [g for g in view.left.groups if g.step in ("consent", "attach_reports", "office_contact")]

    clicks.click(view.group_button("price"), "price them…")
    pricing = view.children_dialogs[-1]
    clicks.combo(pricing.form.mode, pricing.form.mode.itemData(2), "mode: royalty")
    clicks.type(pricing.form.rate, "3")
    pricing.form.term.setValue(36)
    pricing.form.free.setValue(12)
    applied = []
    pricing.applied.connect(lambda: applied.append(True))
    clicks.click(pricing.apply_button, "pricing: apply")
    qtbot.waitUntil(lambda: bool(applied), timeout=60000)
    pricing.close()
    clicks.add(1, "pricing: close")
    qtbot.waitUntil(lambda: not [g for g in view.left.groups if g.step == "price"], timeout=30000)

    clicks.click(view.group_button("fee_note"), "write fee notes…")
    notes = view.children_dialogs[-1]
    clicks.combo(notes.method_combo, notes.method_combo.itemData(notes.method_combo.findText(
        notes.method_combo.itemText(0))), "method")
    ok = notes.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    clicks.click(ok, "fee notes: OK")
    qtbot.waitUntil(lambda: notes.outcome is not None, timeout=60000)
    assert len(notes.outcome.done) == 100
    qtbot.waitUntil(lambda: not [g for g in view.left.groups if g.step == "fee_note"], timeout=30000)

    clicks.click(view.group_button("commit"), "confirm all commitments")
    qtbot.waitUntil(lambda: not [g for g in view.left.groups if g.step == "commit"], timeout=30000)
    clicks.click(view.group_button("signoff", "preparer"), "sign off as preparer")
    qtbot.waitUntil(lambda: not [g for g in view.left.groups if g.role == "preparer"], timeout=30000)

    # 4. the reviewer, in their own window
    bob_ws = open_workspace(db_path, user="bob", source="gui")
    bob = MainWindow(bob_ws, lang="zh")
    qtbot.addWidget(bob)
    bob.show()
    clicks.menu(bob.findChild(type(bob.menus["batch"].actions()[0]), "remainingAction"), "Batch → What is left")
    bob_view = bob.remaining_dialog
    clicks.click(bob_view.group_button("signoff", "reviewer"), "sign off as reviewer")
    qtbot.waitUntil(lambda: not [g for g in bob_view.left.groups if g.blocking], timeout=30000)
    assert bob_view.left.ready == 100, [(g.step, g.codes) for g in bob_view.left.groups]
    grab = tmp_path / "what_is_left_done.png"
    bob_view.grab().save(str(grab))

    # 5. the package with its e-mail, from the batch
    clicks.click(bob_view.export_button, "export this batch…")
    export = bob_view.children_dialogs[-1]
    qtbot.waitUntil(lambda: export.preflight_page.pre is not None, timeout=60000)
    assert len(export.preflight_page.pre.included) == 100
    clicks.forward(export, "pre-flight: next")
    assert export.options_page.email.isChecked() and export.options_page.batch.text() == BATCH
    clicks.forward(export, "options: next")
    clicks.click(export.build_page.build_button, "build")
    qtbot.waitUntil(lambda: export.result is not None or bool(export.error), timeout=120000)
    assert export.result is not None, export.error
    assert len(export.result.patents) == 100 and export.result.emails
    names = zipfile.ZipFile(export.result.package).namelist()
    assert len([n for n in names if n.startswith("03_评价报告/")]) == 27
    assert "04_许可使用费估算说明.docx" in names
    assert batches.list_submissions(bob_ws, BATCH)

    print(f"\nThe 100-patent afternoon in the GUI: {clicks.count} clicks\n  " + "\n  ".join(clicks.log))
    assert clicks.count <= MAX_CLICKS
    for w in (window, bob):
        w.tasks.wait(30000)
    bob_ws.close()
