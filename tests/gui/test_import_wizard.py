"""The import wizard driven by pytest-qt on real files and a real database: choose → sheet → columns →
preview → import → summary; corrections remembered; cancel; unreadable files; File menu and drop on the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S

from openlic_desktop.gui.importing.import_menu import install
from openlic_desktop.gui.importing.import_wizard import ImportWizard, RowsModel
from openlic_desktop.services import importing, portfolio


def make_wizard(qtbot, ws, runner, path=None, **kw):
    imported = []
    wizard = ImportWizard(ws, runner, path, lang="en", on_imported=imported.append, **kw)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.imported = imported
    return wizard


def go_to_preview(qtbot, wizard):
    wizard.next()  # file → sheet
    assert wizard.currentPage() is wizard.sheet_page
    wizard.next()  # sheet → columns
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()  # columns → preview (dry run on the worker)
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)


def test_full_import_with_a_correction(qtbot, qtmodeltester, ws, runner, tmp_path):
    path = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table(), before={"说明": [["填表说明"]]})
    wizard = make_wizard(qtbot, ws, runner, path)
    wizard.next()
    sheets = wizard.sheet_page.sheets
    assert sheets.count() == 2 and sheets.currentRow() == 1  # the sheet with a header is proposed
    assert "row 4" in sheets.item(1).text() and "no header" in sheets.item(0).text()
    wizard.next()

    page = wizard.mapping_page
    qtmodeltester.check(page.model)
    assert page.model.headerData(0, Qt.Orientation.Vertical) == "Field"
    assert page.model.headerData(1, Qt.Orientation.Vertical) == str(S.HEADER_ROW)
    assert [c.currentData() for c in page.combos][:4] == ["seq", "number", "title", "patent_type"]
    assert page.model.row_texts(1)[1].startswith("申请号")  # the header row itself comes first
    contact = S.HEADER.index("联系人")
    assert page.combos[contact].currentData() == "contact_person"
    page.combos[contact].setCurrentIndex(page.combos[contact].findData(""))  # the user says: do not import
    assert contact not in wizard.mapping and wizard.corrected
    # choosing "Title" for a second column takes it away from the first
    page.combos[10].setCurrentIndex(page.combos[10].findData("title"))
    assert page.combos[2].currentData() == "" and wizard.mapping[10] == "title"
    page.combos[10].setCurrentIndex(page.combos[10].findData("department"))
    page.combos[2].setCurrentIndex(page.combos[2].findData("title"))
    assert page.isComplete()

    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(preview.isComplete, timeout=20000)
    for model in preview.models.values():
        qtmodeltester.check(model)
    assert preview.models["new"].rowCount() == len(S.EXPECTED_CREATED)
    assert {int(preview.models["rejected"].row_texts(r)[0]) for r in range(preview.models["rejected"].rowCount())} \
        == set(S.EXPECTED_REJECTED)
    assert "4 new" in preview.summary.text() and "7 rejected" in preview.summary.text()
    assert portfolio.count(ws) == 0  # the preview wrote nothing

    wizard.next()  # commit: import
    result = wizard.result_page
    qtbot.waitUntil(lambda: result.finished, timeout=20000)
    assert result.result is not None and result.result.created == len(S.EXPECTED_CREATED)
    assert wizard.imported and wizard.imported[0].created == 4
    assert portfolio.count(ws) == 4
    assert portfolio.detail(ws, S.N1).facts.contact_person == ""  # the column was not imported
    assert portfolio.detail(ws, S.N1).facts.department == "计算机学院"
    assert wizard.button(QWizard.WizardButton.BackButton).isHidden() or not \
        wizard.button(QWizard.WizardButton.BackButton).isEnabled()

    saved = result.save_rejected(tmp_path / "rejected.xlsx")
    assert saved is not None and saved.exists() and "rejected.xlsx" in result.saved.text()

    # the correction is remembered for the next file with the same headers
    again = importing.inspect_file(path)[1].layout
    assert again.remembered and contact not in again.mapping


def test_preview_shows_old_and_new(qtbot, qtmodeltester, ws, runner, tmp_path):
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, [1, S.N1, "旧名称", "发明", "", "", "某某大学", "",
                                                                    "有效"]]))
    path = S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, [1, S.N1, "新名称", "发明", "", "", "某某大学", "", "失效"],
                                              [2, S.N2, "另一件"]])
    wizard = make_wizard(qtbot, ws, runner, path)
    go_to_preview(qtbot, wizard)
    changed = wizard.preview_page.models["changed"]
    rows = {tuple(changed.row_texts(r)[2:]) for r in range(changed.rowCount())}
    assert rows == {("Title", "旧名称", "新名称"), ("Legal status", "in_force", "lapsed")}
    assert wizard.preview_page.models["new"].rowCount() == 1
    assert changed.headerData(3, Qt.Orientation.Horizontal) == "Old"
    assert wizard.preview_page.tabs.currentIndex() == 0  # new rows first


def test_preview_opens_the_first_tab_with_rows(qtbot, ws, runner, tmp_path):
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, [1, S.N1, "旧名称"]]))
    path = S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, [1, S.N1, "新名称"]])
    wizard = make_wizard(qtbot, ws, runner, path)
    go_to_preview(qtbot, wizard)
    assert wizard.preview_page.tabs.currentIndex() == 1  # nothing new: the changed rows are shown
    view = wizard.preview_page.tabs.widget(1)
    for column, text in ((1, S.N1), (3, "旧名称")):  # number and old value not clipped
        assert view.horizontalHeader().sectionSize(column) >= view.fontMetrics().horizontalAdvance(text)


def test_unchanged_reimport_is_shown_as_unchanged(qtbot, ws, runner, tmp_path):
    path = S.write_xlsx(tmp_path / "a.xlsx", S.messy_table())
    importing.run(ws, path)
    wizard = make_wizard(qtbot, ws, runner, path)
    go_to_preview(qtbot, wizard)
    models = wizard.preview_page.models
    assert (models["new"].rowCount(), models["changed"].rowCount(), models["unchanged"].rowCount()) == (0, 0, 4)
    # recognised by their digests without being parsed, yet listed with their numbers and titles, in sheet order
    unchanged = models["unchanged"]
    listed = [unchanged.row_texts(r) for r in range(unchanged.rowCount())]
    assert [r[1] for r in listed] == list(S.EXPECTED_CREATED.values())
    assert listed[0][2] == "一种基于深度学习的图像识别方法"


def test_cancel_leaves_the_database_unchanged(qtbot, ws, runner, tmp_path):
    path = S.write_xlsx(tmp_path / "a.xlsx", S.messy_table())
    wizard = make_wizard(qtbot, ws, runner, path, chunk_rows=1)
    go_to_preview(qtbot, wizard)
    wizard.cancel_import()  # as the progress dialog's Cancel would, before the first chunk is committed
    wizard.next()
    result = wizard.result_page
    qtbot.waitUntil(lambda: result.finished, timeout=20000)
    assert result.result is None and "cancelled" in result.summary.text()
    assert portfolio.count(ws) == 0 and importing.history(ws) == []
    assert not wizard.imported


def test_unreadable_file_stays_on_the_first_page(qtbot, ws, runner, tmp_path):
    bad = tmp_path / "scan.xlsx"
    bad.write_bytes(b"%PDF-1.4")
    wizard = make_wizard(qtbot, ws, runner, bad)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "scan.xlsx" in wizard.file_page.error.text()


def test_header_row_can_be_chosen_by_hand(qtbot, ws, runner, tmp_path):
    # a header the detector cannot recognise: the user points at row 2 and maps the number column by hand
    path = S.write_xlsx(tmp_path / "odd.xlsx", [["清单"], ["编码", "题目"], [S.N1, "一种方法"]])
    wizard = make_wizard(qtbot, ws, runner, path)
    wizard.next()
    wizard.next()
    page = wizard.mapping_page
    assert not page.isComplete()
    page.header_spin.setValue(2)
    page.combos[0].setCurrentIndex(page.combos[0].findData("number"))
    page.combos[1].setCurrentIndex(page.combos[1].findData("title"))
    assert page.isComplete()
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    assert wizard.preview_page.models["new"].rowCount() == 1
    wizard.next()
    qtbot.waitUntil(lambda: wizard.result_page.finished, timeout=20000)
    assert portfolio.detail(ws, S.N1).facts.title == "一种方法"


def test_rows_model(qtmodeltester):
    model = RowsModel(["A", "B"], [["1", "2"], ["3"]], ["r1", "r2"])
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "" and model.headerData(1, Qt.Orientation.Vertical) == "r2"


def _write_ods(path, rows) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="专利")
    for values in rows:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text="" if value is None else str(value)))
            row.addElement(cell)
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


def test_installed_in_the_main_window_menu_and_drop(qtbot, ws, tmp_path):
    from openlic_desktop.gui.main_window import MainWindow

    window = MainWindow(ws, lang="en")
    qtbot.addWidget(window)
    if not any(getattr(h, "__module__", "").endswith("import_menu") for h in window.drop_handlers):
        install(window)  # features.py lists the module; install by hand if the window did not
    actions = [a for a in window.menus["file"].actions() if a.shortcut().toString() == "Ctrl+I"]
    assert len(actions) == 1
    assert window.handle_dropped_files([tmp_path / "notes.docx"]) is False
    ods = tmp_path / "dropped.ods"  # LibreOffice and WPS users save .ods: accepted by the drop too
    _write_ods(ods, S.messy_table())
    from openlic_desktop.gui.importing.import_menu import accepts

    assert accepts([ods]) == ods
    other = S.write_xlsx(tmp_path / "licensees.xlsx", [["单位名称", "统一社会信用代码"], ["某公司", "x"]])
    assert not any(h([other]) for h in window.drop_handlers if h.__module__.endswith("import_menu"))
    path = S.write_xlsx(tmp_path / "dropped.xlsx", S.messy_table())
    assert window.handle_dropped_files([path]) is True
    wizard = window._import_wizard
    assert wizard.currentPage() is wizard.sheet_page  # the dropped file was read; the sheet is next
    wizard.next()
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.result_page.finished, timeout=20000)
    assert portfolio.count(ws) == 4
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)  # the table was refreshed
    wizard.close()
    window.tasks.wait(20000)


def test_saving_rejected_rows_asks_before_replacing_a_file_and_never_replaces_the_source(qtbot, ws, runner,
                                                                                          tmp_path, monkeypatch):
    path = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())
    wizard = make_wizard(qtbot, ws, runner, path)
    go_to_preview(qtbot, wizard)
    wizard.next()
    result = wizard.result_page
    qtbot.waitUntil(lambda: result.finished, timeout=20000)
    mine = tmp_path / "mine.xlsx"
    mine.write_bytes(b"the user's notes")
    asked: list[str] = []
    assert result.save_rejected(mine, confirm=lambda text: asked.append(text) or False) is None
    assert mine.read_bytes() == b"the user's notes" and asked and "mine.xlsx" in asked[0]
    assert result.save_rejected(mine, confirm=lambda text: True) == mine
    assert mine.read_bytes() != b"the user's notes"
    # from the button (no confirm handed in) the question is a message box; the user says no, then yes
    from PySide6.QtWidgets import QMessageBox

    saved, shown = mine.read_bytes(), []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: shown.append(a[2]) or next(answers))
    assert result.save_rejected(mine) is None and "Not saved" in result.saved.text()
    assert mine.read_bytes() == saved and "mine.xlsx" in shown[0]
    assert result.save_rejected(mine) == mine and len(shown) == 2
    before = path.read_bytes()
    assert result.save_rejected(path, confirm=lambda text: True) is None
    assert path.read_bytes() == before and "being imported" in result.saved.text()


def test_rows_once_conflicting_are_shown_to_confirm_and_written_only_when_confirmed(qtbot, qtmodeltester, ws, runner,
                                                                                     tmp_path):
    """The saved rejected rows imported again: the row once rejected as DUPLICATE_CONFLICT shows old → new under
    "To confirm" with a box; unticked it is not written, ticked it is."""
    rejected = tmp_path / "rejected.xlsx"
    importing.run(ws, S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table()), errors_out=rejected)
    kept = portfolio.detail(ws, S.N1).facts.title
    for tick in (False, True):
        wizard = make_wizard(qtbot, ws, runner, rejected)
        go_to_preview(qtbot, wizard)
        preview = wizard.preview_page
        qtmodeltester.check(preview.models["confirm"])
        assert preview.models["confirm"].row_texts(0)[1:] == [S.N1, "Title", kept, kept + "（改）"]
        assert preview.confirm.isVisible() and "1 rows" in preview.confirm.text()
        preview.confirm.setChecked(tick)
        wizard.next()
        qtbot.waitUntil(lambda w=wizard: w.result_page.finished, timeout=20000)
        assert portfolio.detail(ws, S.N1).facts.title == (kept + "（改）" if tick else kept)
        if not tick:
            wizard.result_page.grab().save(str(tmp_path / "result.png"))
            preview.grab().save(str(tmp_path / "preview.png"))
