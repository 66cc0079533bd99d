"""The licensing GUI: models pass qtmodeltester; the licensee book, the contract dialog (check, preview, drafting
on the worker), licences and deadlines dialogs, the menu actions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from announced_declarations import announce
from docx import Document
from PySide6.QtCore import QItemSelectionModel, Qt

from openlic_desktop.documents.contracts import render
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.gui.licensing.contract_dialog import ContractDialog
from openlic_desktop.gui.licensing.deadlines_view import DeadlinesDialog
from openlic_desktop.gui.licensing.licences_view import LicenceAddDialog, LicencesDialog
from openlic_desktop.gui.licensing.licensees_view import LicenseeEditDialog, LicenseesDialog
from openlic_desktop.gui.models.licensing_models import DeadlineModel, LicenceModel, LicenseeModel
from openlic_desktop.services import portfolio, pricing
from openlic_desktop.services.licensing import deadlines, drafting, licences, licensees

USCC_A = "91350100M000100Y30"


def _fix_uscc(first17: str) -> str:
    from openlic_desktop.domain.identifiers import uscc_check_character

    return first17 + uscc_check_character(first17)


USCC_B = _fix_uscc("91110108MA0100000")


@pytest.fixture
def window(demo_window):
    return demo_window


def in_force_ids(ws, n):
    """n of the office's own patents a contract may be drafted for (nothing blocks it), in force well past 2030
    and with their annual fees paid for more than 90 days (so no annual fee falls due in the deadlines tested)."""
    from openlic_desktop.domain.blocker_override import DOCUMENT_BLOCKERS
    from openlic_desktop.services import demo, readiness

    ids = portfolio.query_ids(ws, status="in_force")
    rows = portfolio.rows(ws, ids)
    blocked = {r.patent_id for r in readiness.check(ws, ids)
               if {f.code for f in r.blockers} & DOCUMENT_BLOCKERS["contract"]}
    soon = date.today() + timedelta(days=120)
    good = [i for i in ids if rows[i].expiry_date and rows[i].expiry_date > date(2030, 1, 1) and i not in blocked
            and rows[i].patentees == demo.OFFICE and (rows[i].fees_paid_until or date.min) > soon]
    return good[:n]


def priced(ws, n=2):
    ids = in_force_ids(ws, n)
    pricing.set_terms(ws, ids[:1], PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES,
                                                term_months=36, free_months=12))
    pricing.set_terms(ws, ids[1:], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(80000), term_months=24,
                                                pay_after_trial=True, trial_months=6))
    return ids


def test_models_pass_qtmodeltester(qtmodeltester, demo_ws):
    ids = priced(demo_ws)
    licensees.add_licensee(demo_ws, "甲公司", USCC_A, size="small")
    licensees.add_licensee(demo_ws, "乙公司", USCC_B)
    for pid in ids:
        number = portfolio.rows(demo_ws, [pid])[pid].application_number
        licences.add_licence(demo_ws, number, USCC_A, date(2024, 2, 29))
    licensee_model = LicenseeModel()
    licensee_model.set_items(licensees.list_licensees(demo_ws))
    qtmodeltester.check(licensee_model)
    licensee_model.sort(0, Qt.SortOrder.DescendingOrder)
    assert licensee_model.index(0, 0).data() == "甲公司"
    assert licensee_model.index(0, 5).data() == "Small"  # the English source; Chinese comes from the .ts
    qtmodeltester.check(licensee_model)
    licence_model = LicenceModel()
    licence_model.set_items(licences.list_licences(demo_ws))
    qtmodeltester.check(licence_model)
    assert licence_model.rowCount() == 2
    deadline_model = DeadlineModel(lang="en")
    deadline_model.set_items(deadlines.deadlines(demo_ws, today=date(2024, 3, 1)))
    qtmodeltester.check(deadline_model)
    deadline_model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(deadline_model)
    empty = DeadlineModel()
    qtmodeltester.check(empty)


def test_licensee_book_add_edit_import(qtbot, ws, tmp_path):
    book = LicenseesDialog(ws, lang="en")
    qtbot.addWidget(book)
    book.show()
    assert book.model.rowCount() == 0
    editor = book.add()
    editor.name_edit.setText("甲公司")
    editor.uscc_edit.setText("91350100M000100Y31")
    editor.save()
    assert editor.isVisible() and "check character" in editor.error_label.text()
    editor.uscc_edit.setText(USCC_A.lower())
    editor.size_combo.setCurrentIndex(editor.size_combo.findData("micro"))
    editor.save()
    assert not editor.isVisible()
    assert book.model.rowCount() == 1 and book.model.index(0, 1).data() == USCC_A
    book.table.selectRow(0)
    editor = book.edit_current()
    assert isinstance(editor, LicenseeEditDialog) and editor.name_edit.text() == "甲公司"
    editor.address_edit.setText("福州市")
    editor.save()
    assert book.model.index(0, 4).data() == "福州市"

    path = tmp_path / "l.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["企业名称", "统一社会信用代码", "法定代表人"])
    wb.active.append(["乙公司", USCC_B, "李四"])
    wb.active.append(["坏公司", "123", ""])
    wb.save(path)
    result = book.import_file(str(path))
    assert (result.created, result.rejected) == (1, 1)
    assert book.model.rowCount() == 2 and "Row 3" in book.status_label.text()
    book.search_edit.setText("乙")
    assert book.model.rowCount() == 1


def select_rows(view, rows):
    sm = view.selectionModel()
    for r in rows:
        sm.select(view.model().index(r, 0),
                  QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_contract_dialog_checks_previews_and_drafts(qtbot, window, tmp_path):
    ws = window.ws
    ids = priced(ws)
    announce(ws, ids)   # the statutory contract recites CNIPA's announcement of each declaration
    licensees.add_licensee(ws, "甲公司", USCC_A, address="甲市1号", legal_representative="张三")
    licensees.add_licensee(ws, "乙公司", USCC_B, address="乙市2号", legal_representative="李四")
    dialog = ContractDialog(window, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "no problems found" in dialog.check_text.toPlainText()
    assert "阶段性免费许可" in dialog.preview_text.toPlainText()
    assert "先试用后付费" in dialog.preview_text.toPlainText()
    select_rows(dialog.licensee_table, [1])
    chosen = dialog.licensee_model.item(1).name
    assert chosen in dialog.preview_text.toPlainText()

    dialog.draft()
    assert "output folder" in dialog.error_label.text()
    out = tmp_path / "contracts"
    dialog.out_edit.setText(str(out))
    select_rows(dialog.licensee_table, [0, 1])
    with qtbot.waitSignal(dialog.drafted, timeout=30000) as blocker:
        dialog.draft()
    drafted = blocker.args[0]
    assert len(drafted) == 2 and all(p.exists() for p in dialog.result_paths)
    names = {d.licensee for d in drafted}
    assert names == {"甲公司", "乙公司"}
    doc = Document(str(dialog.result_paths[0]))
    assert len(doc.tables[0].rows) == 1 + 2 * len(ids)  # the header, then each patent's row and its fee row
    assert render.read_stamp(dialog.result_paths[0])[render.PROP_TEMPLATE_VERSION] == "2026.12-8"
    assert "2 contract(s) written" in dialog.error_label.text()


def test_contract_dialog_shows_template_defects(qtbot, window, tmp_path):
    ids = priced(window.ws, 1)
    bad = Document()
    p = bad.add_paragraph()
    p.add_run("{{ licensee.")
    p.add_run("name }}")
    bad.add_paragraph("{% if fees_payable %}")
    bad.add_paragraph("{{ licensee.nmae }}")
    bad.save(str(tmp_path / "bad.docx"))
    dialog = ContractDialog(window, ids)
    qtbot.addWidget(dialog)
    dialog.set_template(str(tmp_path / "bad.docx"))
    text = dialog.check_text.toPlainText()
    assert "split this tag" in text and "unbalanced" in text
    dialog.set_template("")
    assert "no problems found" in dialog.check_text.toPlainText()


def test_contract_dialog_cancel_leaves_nothing(qtbot, window, tmp_path, monkeypatch):
    ids = priced(window.ws, 1)
    announce(window.ws, ids)
    licensees.add_licensee(window.ws, "甲公司", USCC_A, address="甲市1号", legal_representative="张三")
    dialog = ContractDialog(window, ids)
    qtbot.addWidget(dialog)
    out = tmp_path / "c"
    dialog.out_edit.setText(str(out))
    select_rows(dialog.licensee_table, [0])
    original = drafting.draft_batch

    def press_cancel(*args, progress=None, **kwargs):  # as if the user pressed Cancel in the progress dialog
        return original(*args, progress=lambda d, t: False, **kwargs)

    monkeypatch.setattr(drafting, "draft_batch", press_cancel)
    dialog.draft()
    qtbot.waitUntil(lambda: dialog.draft_button.isEnabled(), timeout=30000)
    assert "nothing was written" in dialog.error_label.text()
    assert not out.exists() or list(out.iterdir()) == []


def test_licences_and_dues(qtbot, window, tmp_path):
    ws = window.ws
    ids = priced(ws)
    licensees.add_licensee(ws, "甲公司", USCC_A, address="甲市1号", legal_representative="张三")
    licences_dialog = LicencesDialog(ws, lang="en", patent_ids=ids)
    qtbot.addWidget(licences_dialog)
    add = licences_dialog.add()
    assert isinstance(add, LicenceAddDialog)
    add.date_edit.setDate(add.date_edit.date().addDays(-10))
    add.save()
    assert len(add.recorded) == 2 and licences_dialog.model.rowCount() == 2
    again = licences_dialog.add()
    again.date_edit.setDate(add.date_edit.date())
    again.save()
    assert again.isVisible() and "already recorded" in again.error_label.text()

    due = DeadlinesDialog(ws, lang="en")
    qtbot.addWidget(due)
    assert {due.model.item(r).kind for r in range(due.model.rowCount())} == {"recording"}  # 90 days
    due.within_spin.setValue(365)
    kinds = {due.model.item(r).kind for r in range(due.model.rowCount())}
    assert "recording" in kinds and "trial_end" in kinds
    due.kind_combo.setCurrentIndex(due.kind_combo.findData("recording"))
    assert {due.model.item(r).kind for r in range(due.model.rowCount())} == {"recording"}
    due.overdue_check.setChecked(True)
    assert due.model.rowCount() == 0

    licences_dialog.table.selectRow(0)
    licences_dialog.mark_recorded()
    due.overdue_check.setChecked(False)
    assert due.model.rowCount() == 1
    due.export(str(tmp_path / "d.xlsx"))
    rows = list(openpyxl.load_workbook(tmp_path / "d.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][2] == "Record the contract with CNIPA (3 months)"
    licences_dialog.write_report(str(tmp_path / "r.xlsx"))
    assert (tmp_path / "r.xlsx").exists() and "Report written" in licences_dialog.status_label.text()


def test_menu_actions_open_the_dialogs(qtbot, window):
    from openlic_desktop.gui.licensing import licensing_menu as licensing_feature

    names = {a.objectName() for a in window.menus["tools"].actions()}
    assert {"licenseeBookAction", "licencesAction", "deadlinesAction"} <= names
    assert "draftContractsAction" in {a.objectName() for a in window.menus["batch"].actions()}
    for opener in (licensing_feature.open_licensees, licensing_feature.open_licences,
                   licensing_feature.open_deadlines, licensing_feature.open_contract_dialog):
        dialog = opener(window)
        assert dialog is not None and dialog.isVisible()
        dialog.close()
    assert window.licensing_dialogs == []
    window.ws, ws = None, window.ws
    assert licensing_feature.open_licensees(window) is None
    window.ws = ws


def test_deadline_colours(qtbot, ws):
    model = DeadlineModel(lang="en")
    today = date(2026, 1, 1)
    model.set_items([deadlines.Deadline("recording", today - timedelta(days=1), -1, "202110123456.7", "x"),
                     deadlines.Deadline("term_end", today + timedelta(days=200), 200, "202110123456.7", "x")])
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 2).data() == "Record the contract with CNIPA (3 months)"


def test_payment_and_report_submitted_from_the_licences_dialog(qtbot, ws):
    from openlic_desktop.domain.identifiers import parse_application_number
    from openlic_desktop.domain.patent import PatentFacts
    from openlic_desktop.storage import patents as patent_repo

    facts = PatentFacts(parse_application_number("202110123456.7"), title="x", filing_date=date(2021, 1, 15))
    with ws.session() as session:
        patent_repo.insert_many(session, [facts])
    [pid] = portfolio.query_ids(ws)
    pricing.set_terms(ws, [pid], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24))
    licensees.add_licensee(ws, "甲公司", USCC_A, address="甲市1号", legal_representative="张三")
    licences.add_licence(ws, "202110123456.7", USCC_A, date(2026, 1, 1))
    dialog = LicencesDialog(ws, lang="en")
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    pay = dialog.receive_payment()
    assert pay.amount_edit.text() == "50000.00"
    pay.amount_edit.setText("abc")
    pay.save()
    assert pay.isVisible() and "Not a number" in pay.error_label.text()
    pay.amount_edit.setText("50,000")
    pay.save()
    assert dialog.model.index(0, 9).data() == "50,000.00"
    dialog.table.selectRow(0)
    assert dialog.receive_payment() is None and "No open payment" in dialog.status_label.text()
    dialog.mark_report_submitted()
    assert licences.list_licences(ws)[0].report_submitted_on == date.today()
    assert not [d for d in deadlines.deadlines(ws, today=date(2026, 1, 2)) if d.kind in ("evaluation_report",
                                                                                        "payment_due")]


def shown(qtbot, dialog):
    """The dialog at its default size, on screen."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def all_in_sight(view) -> bool:
    """Every column of the table within its viewport, no scrolling."""
    return view.horizontalHeader().length() <= view.viewport().width() + 1


def test_contract_dialog_licensee_columns_fit_elide_and_are_remembered(qtbot, window, chinese):
    """At the dialog's default size a company's full name, its code, representative and contact show whole
    side by side; a name longer than any column is elided with the whole in its tooltip; widths the user drags
    to are there again in the next contract dialog."""
    ids = priced(window.ws, 1)
    whole = "福建省闽江源新材料科技股份有限公司"  # 17 characters: an ordinary company name
    longest = "中国科学院福建物质结构研究所海西研究院新材料中试基地有限公司"
    licensees.add_licensee(window.ws, whole, USCC_A, address="福建省福州市闽侯县上街镇高新大道8号创新园二期3号楼",
                           legal_representative="欧阳振华", contact="王经理 0591-87654321")
    licensees.add_licensee(window.ws, longest, USCC_B, legal_representative="李四")
    dialog = shown(qtbot, ContractDialog(window, ids))
    view, model = dialog.licensee_table, dialog.licensee_model
    header = view.horizontalHeader()
    row = {model.item(r).name: r for r in range(model.rowCount())}
    for column in (0, 1, 2, 3):  # name, code, representative, contact: each whole and in sight
        need = view.sizeHintForIndex(model.index(row[whole], column)).width()
        assert header.sectionSize(column) >= need, column
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= view.viewport().width()
    cut = model.index(row[longest], 0)
    assert header.sectionSize(0) < view.sizeHintForIndex(cut).width()
    assert cut.data(Qt.ItemDataRole.ToolTipRole) == longest
    assert model.index(row[whole], 4).data(Qt.ItemDataRole.ToolTipRole).endswith("3号楼")

    header.resizeSection(0, 320)
    header.resizeSection(4, 90)
    dialog.reject()
    sizes = shown(qtbot, ContractDialog(window, ids)).licensee_table.horizontalHeader()
    assert (sizes.sectionSize(0), sizes.sectionSize(4)) == (320, 90)


def test_licensing_tables_right_align_counts_days_and_amounts(demo_ws):
    """Days left, amounts and counts line up by their digits (right-aligned); words stay left."""
    ids = priced(demo_ws)
    licensees.add_licensee(demo_ws, "甲公司", USCC_A)
    number = portfolio.rows(demo_ws, ids[:1])[ids[0]].application_number
    licences.add_licence(demo_ws, number, USCC_A, date.today())
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    alignment = Qt.ItemDataRole.TextAlignmentRole
    book = LicenseeModel()
    book.set_items(licensees.list_licensees(demo_ws))
    assert book.index(0, 6).data(alignment) == right and book.index(0, 0).data(alignment) is None
    due = DeadlineModel(lang="zh")
    due.set_items(deadlines.deadlines(demo_ws))
    rows = range(due.rowCount())
    assert rows and all(due.index(r, 1).data(alignment) == right for r in rows)  # days left
    assert all(due.index(r, 2).data(alignment) is None for r in rows)  # what falls due: words
    with_amount = [r for r in rows if due.item(r).amount is not None]
    assert with_amount and all(due.index(r, 6).data(alignment) == right for r in with_amount)


def test_licences_show_every_column_at_the_default_size(qtbot, window, chinese):
    """The amounts due and received were past the right edge of the licences window: at its default size every
    column is now in sight, the number whole, a long title elided with the whole in its tooltip."""
    ws = window.ws
    ids = priced(ws)
    licensees.add_licensee(ws, "福建省闽江源新材料科技股份有限公司", USCC_A)
    for pid in ids:
        licences.add_licence(ws, portfolio.rows(ws, [pid])[pid].application_number, USCC_A, date.today())
    dialog = shown(qtbot, LicencesDialog(ws, lang="zh"))
    view = dialog.table
    assert dialog.model.rowCount() == len(ids) and all_in_sight(view)
    number = dialog.model.index(0, 0)
    assert view.horizontalHeader().sectionSize(0) >= view.sizeHintForIndex(number).width()
    title = dialog.model.index(0, 1)
    assert title.data(Qt.ItemDataRole.ToolTipRole) == title.data()


def test_licensee_book_shows_every_column_at_the_default_size(qtbot, ws, chinese):
    """The licences count was past the right edge of the licensee book: at its default size every column is in
    sight, sized as the contract dialog sizes the same columns."""
    licensees.add_licensee(ws, "福建省闽江源新材料科技股份有限公司", USCC_A, address="福建省福州市闽侯县上街镇高新大道8号",
                           legal_representative="欧阳振华", contact="王经理 0591-87654321", size="small")
    book = shown(qtbot, LicenseesDialog(ws, lang="zh"))
    view = book.table
    assert all_in_sight(view)
    for column in (0, 1, 2, 3):
        assert view.horizontalHeader().sectionSize(column) >= view.sizeHintForIndex(book.model.index(0, column)).width()
