"""The export wizard, the batches view and their models (pytest-qt, offscreen, real workspace and files)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMenu

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from packages_helpers import blocked_number, make_ready

from openlic_desktop.gui.export.batches_view import BatchesDialog
from openlic_desktop.gui.export.export_menu import install
from openlic_desktop.gui.export.export_wizard import ExportWizard
from openlic_desktop.gui.models.packages_models import RowsModel
from openlic_desktop.gui.tasks import TaskRunner
from openlic_desktop.services import batches, portfolio


class _Window(QMainWindow):
    def __init__(self, ws, ids):
        super().__init__()
        self.ws, self._ids, self.lang = ws, ids, "en"
        self.menus = {"batch": QMenu("Batch", self)}
        self.tasks = TaskRunner(self)

    def selected_patent_ids(self):
        return list(self._ids)

    def refresh(self):
        pass


@pytest.fixture
def ready_ids(demo_ws, tmp_path):
    numbers = make_ready(demo_ws, tmp_path, inventions=2, utility=1)
    ids = [portfolio.detail(demo_ws, n).id for n in numbers]
    bad = portfolio.detail(demo_ws, blocked_number(demo_ws)).id
    return demo_ws, numbers, ids, bad


def test_rows_model_passes_modeltester(qtmodeltester):
    model = RowsModel(["A", "B"])
    qtmodeltester.check(model)
    model.set_rows([("1", "x"), ("2", None)], ["k1", "k2"], ["ok", "bad"])
    qtmodeltester.check(model)


def _walk_to_build(wizard, qtbot, out_dir):
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()  # profile → patents
    wizard.next()  # patents → pre-flight
    page = wizard.preflight_page
    qtbot.waitUntil(lambda: page.pre is not None, timeout=20000)
    return page


def test_wizard_preflight_shows_blockers_and_builds_without_them(ready_ids, qtbot, tmp_path, qtmodeltester):
    ws, numbers, ids, bad = ready_ids
    win = _Window(ws, [*ids, bad])
    qtbot.addWidget(win)
    wizard = ExportWizard(ws, [*ids, bad], win, win.tasks)  # a child of win: closed with it
    page = _walk_to_build(wizard, qtbot, tmp_path)
    qtmodeltester.check(page.model)
    assert len(page.pre.included) == len(ids) and len(page.pre.excluded) == 1
    tones = dict(zip(page.model.keys, page.model.tones, strict=True))
    assert tones[page.pre.excluded[0].application_number] == "bad"
    assert page.isComplete()
    wizard.next()  # → options
    wizard.options_page.out_dir.setText(str(tmp_path / "out"))
    wizard.options_page.batch.setText("GUI批次")
    wizard.next()  # → build
    assert not wizard.build_page.isComplete()
    wizard.build_page.build_button.click()
    qtbot.waitUntil(lambda: wizard.result is not None or bool(wizard.error), timeout=60000)
    assert wizard.result is not None, wizard.error
    assert wizard.build_page.open_folder.isEnabled() and not wizard.build_page.open_email.isEnabled()
    bad_number = page.pre.excluded[0].application_number
    with zipfile.ZipFile(wizard.result.package) as z:
        assert not any(bad_number in n for n in z.namelist())
    assert sorted(wizard.result.patents) == sorted(numbers)
    assert batches.list_submissions(ws, "GUI批次")[0].package_sha256 == wizard.result.sha256
    win.tasks.wait()


def test_wizard_cancel_leaves_nothing(ready_ids, qtbot, tmp_path):
    ws, _numbers, ids, _bad = ready_ids
    wizard = ExportWizard(ws, ids, None, None)
    qtbot.addWidget(wizard)
    _walk_to_build(wizard, qtbot, tmp_path)
    wizard.next()
    out = tmp_path / "cancelled"
    wizard.options_page.out_dir.setText(str(out))
    wizard.next()
    wizard._run = lambda job, on_done, label=None: ExportWizard._run(wizard, lambda p: job(lambda d, t: False),
                                                                      on_done, label)
    wizard.build()
    assert wizard.result is None and "Cancel" in wizard.error
    assert not out.exists() or not any(out.iterdir())


def test_nothing_ready_keeps_wizard_from_going_on(ready_ids, qtbot, tmp_path):
    ws, _numbers, _ids, bad = ready_ids
    wizard = ExportWizard(ws, [bad], None, None)
    qtbot.addWidget(wizard)
    page = _walk_to_build(wizard, qtbot, tmp_path)
    assert not page.isComplete()


def test_install_adds_menu_actions_and_batches_view(ready_ids, qtbot, tmp_path, qtmodeltester):
    ws, _numbers, ids, bad = ready_ids
    win = _Window(ws, ids[:2])
    qtbot.addWidget(win)
    install(win)
    assert win.export_action in win.menus["batch"].actions()
    assert win.batches_action in win.menus["batch"].actions()

    dialog = BatchesDialog(win, win)  # a child of win: closed with it
    dialog.new_batch("2026年测试第一批", "general")
    assert dialog.batch_model.rows[0][0] == "2026年测试第一批" and dialog.batch_model.rows[0][2] == 2
    assert dialog.patent_model.tones == ["ok", "ok"]
    win._ids = [ids[2], bad]
    dialog.add_selected()
    assert dialog.batch_model.rows[0][2] == 4
    assert dialog.patent_model.tones.count("bad") == 1
    for model in (dialog.batch_model, dialog.patent_model, dialog.sub_model):
        qtmodeltester.check(model)
    # remove the blocked one again
    row = dialog.patent_model.tones.index("bad")
    dialog.patent_view.selectRow(row)
    dialog.remove_chosen()
    assert dialog.batch_model.rows[0][2] == 3 and "bad" not in dialog.patent_model.tones
    dialog.new_batch("2026年测试第一批", "general")  # a taken name is refused with words, not an exception
    assert dialog.message.text()

    # export the batch through the wizard it opens, then move the submission on
    wizard = dialog.export_batch()  # a child of the dialog
    assert wizard.options_page.batch.text() == "2026年测试第一批"
    wizard.tasks = None
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preflight_page.pre is not None, timeout=20000)
    wizard.next()
    wizard.options_page.out_dir.setText(str(tmp_path / "b"))
    wizard.next()
    wizard.build()
    assert wizard.result is not None, wizard.error
    wizard.close()
    dialog.reload()
    assert dialog.sub_model.rowCount() == 1
    dialog.sub_view.clearSelection()  # no submission chosen: the changes' heading says what to do
    assert dialog.diff_label.text() == "Choose a submission to see what changed since the one before."
    assert not dialog.save_status.isEnabled() and not dialog.status_combo.isEnabled()
    dialog.sub_view.selectRow(0)
    assert dialog.save_status.isEnabled() and dialog.status_combo.isEnabled() and not dialog.save_status.toolTip()
    assert dialog.diff_label.text() == "first submission"
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("sent"))
    dialog.reference.setText("ZJ-7")
    dialog.apply_status()
    assert batches.list_submissions(ws)[0].status == "sent"
    assert batches.list_submissions(ws)[0].bureau_reference == "ZJ-7"
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("draft"))
    dialog.apply_status()
    assert dialog.message.text()  # sent → draft refused
    # marked published: the bureau's own publication day (公开日) can be entered, and only then
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("sent"))
    assert not dialog.published_check.isEnabled() and dialog.publication_day() is None
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("published"))
    assert dialog.published_check.isEnabled() and not dialog.published_on.isEnabled()
    dialog.published_check.setChecked(True)
    assert dialog.published_on.isEnabled()
    from datetime import date

    from PySide6.QtCore import QDate

    today = date.today()
    dialog.published_on.setDate(QDate(today.year, today.month, today.day))
    dialog.apply_status()
    assert not dialog.message.text(), dialog.message.text()
    assert [(s.status, s.published_on) for s in batches.list_submissions(ws)] == [("published", today)]
    assert dialog.sub_model.rows[0][4] == today.isoformat()
    dialog.sub_view.selectRow(0)   # shown again as recorded
    assert dialog.published_check.isChecked() and dialog.publication_day() == today
    dialog.resize(1240, 640)
    dialog.show()
    dialog.grab().save(str(tmp_path / "batches_published_on.png"))
    dialog.close()


def test_template_mapping_corrected_remembered_and_used(ready_ids, qtbot, tmp_path):
    import openpyxl

    from openlic_desktop.services.profiles import get_profile

    ws, _numbers, ids, _bad = ready_ids
    template = tmp_path / "bureau.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    for c, h in enumerate(["序号", "专利号", "专利名称", "专利权人", "奇怪的列"], 1):
        sheet.cell(1, c, h)
    book.save(template)
    wizard = ExportWizard(ws, ids, None, None)
    qtbot.addWidget(wizard)
    _walk_to_build(wizard, qtbot, tmp_path)
    wizard.next()
    options = wizard.options_page
    options.out_dir.setText(str(tmp_path / "t"))
    options.template.setText(str(template))
    options.load_mapping()
    assert options.mapping_table.rowCount() == 5
    mapping = options.corrected_mapping()
    assert mapping["专利号"] == "patent_number" and mapping["奇怪的列"] == ""
    combo = options.mapping_table.cellWidget(4, 1)
    combo.setCurrentIndex(combo.findData("contact_phone"))
    options.remember_mapping.setChecked(True)
    wizard.next()
    wizard.build()
    assert wizard.result is not None, wizard.error
    assert get_profile("general").template_mapping["奇怪的列"] == "contact_phone"
    import io
    with zipfile.ZipFile(wizard.result.package) as z:
        name = next(n for n in z.namelist() if n.startswith("01_"))
        filled = openpyxl.load_workbook(io.BytesIO(z.read(name))).active
    assert {filled.cell(r, 5).value for r in range(2, 2 + len(ids))} == {"0571-88888888"}


def test_withdrawal_from_the_batches_view(ready_ids, qtbot, tmp_path):
    import docx

    from openlic_desktop.services import export

    ws, numbers, ids, _bad = ready_ids
    win = _Window(ws, ids)
    qtbot.addWidget(win)
    batches.create_batch(ws, "撤回测试", "general", ids)
    pre = export.preflight(ws, numbers, "general")
    result = export.build(ws, pre, export.ExportOptions(tmp_path / "p", batch_name="撤回测试"))
    dialog = BatchesDialog(win, win)
    assert dialog.withdraw([numbers[0]], "专利权已转让", tmp_path / "w") is None  # still a draft: refused
    assert dialog.message.text()
    batches.set_status(ws, result.submission_id, "sent")
    notice = dialog.withdraw([numbers[0]], "专利权已转让", tmp_path / "w")
    assert notice is not None and notice.exists()
    assert "专利权已转让" in docx.Document(notice).tables[0].rows[1].cells[3].text
    assert dialog.sub_model.rowCount() == 2 and dialog.sub_model.rows[1][1] == "Withdrawal"


def test_preflight_check_again_after_a_fix(ready_ids, qtbot, tmp_path):
    from openlic_desktop.services import pricing

    ws, _numbers, ids, _bad = ready_ids
    pricing.set_terms(ws, [ids[0]], None)  # a blocker appears: no pricing
    wizard = ExportWizard(ws, ids, None, None)
    qtbot.addWidget(wizard)
    page = _walk_to_build(wizard, qtbot, tmp_path)
    assert [e.patent_id for e in page.pre.excluded] == [ids[0]]
    assert "PRICING_MISSING" in page.pre.excluded[0].codes
    from openlic_desktop.domain.pricing import PricingMode, PricingTerms
    from openlic_desktop.services import readiness
    pricing.set_terms(ws, [ids[0]], PricingTerms(PricingMode.FREE, term_months=12))
    ws.user = "alice"
    readiness.sign_off(ws, [ids[0]], "preparer")
    ws.user = "bob"
    readiness.sign_off(ws, [ids[0]], "reviewer")
    page.again.click()
    qtbot.waitUntil(lambda: page.pre is not None and not page.pre.excluded, timeout=20000)
    assert len(page.pre.included) == len(ids)
