"""The parties in the GUI: the patentee book (fill, edit, refusals kept in the dialog), a person as licensee, and the
contract dialog's options — the patentee sets it drafts per, the regime, the explicit override of blockers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from announced_declarations import publish
from PySide6.QtCore import Qt

from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.gui.licensing.contract_dialog import ContractDialog
from openlic_desktop.gui.licensing.licensees_view import LicenseesDialog
from openlic_desktop.gui.licensing.parties_view import PatenteesDialog
from openlic_desktop.services import demo, encumbrances, portfolio, pricing, readiness
from openlic_desktop.services.licensing import licensees

PERSON_ID = "11010519491231002X"


def test_patentee_book_fills_edits_and_keeps_refusals_in_the_dialog(qtbot, demo_ws):
    book = PatenteesDialog(demo_ws, lang="en")
    qtbot.addWidget(book)
    book.show()
    assert book.model.rowCount() == 1 + len(demo.PARTNERS)  # the demo filled the book
    assert book.fill() == []  # nothing new in the portfolio
    row = next(r for r in range(book.model.rowCount()) if book.model.row_at(book.model.index(r, 0)).name
               == demo.PARTNERS[0])
    book.table.selectRow(row)
    editor = book.edit_current()
    editor.identity.number_edit.setText("91330100000000002X")
    editor.save()
    assert editor.isVisible() and "check character" in editor.error_label.text()
    editor.identity.number_edit.setText("")
    editor.address_edit.setText("")
    editor.save()
    assert not editor.isVisible()
    assert book.model.index(row, 5).data() == "identifier、address"
    assert "1 of them incomplete" in book.status_label.text()


def test_a_person_as_licensee_has_no_legal_representative(qtbot, ws):
    book = LicenseesDialog(ws, lang="en")
    qtbot.addWidget(book)
    editor = book.add()
    editor.name_edit.setText("王五")
    editor.identity.kind_combo.setCurrentIndex(editor.identity.kind_combo.findData("resident_id"))
    assert not editor.legal_edit.isEnabled() and not editor.size_combo.isEnabled()
    editor.identity.number_edit.setText(PERSON_ID.lower())
    editor.address_edit.setText("示例市幸福里3号")
    editor.save()
    assert not editor.isVisible()
    [person] = licensees.list_licensees(ws)
    assert person.is_person and person.identifier == PERSON_ID and person.id_type == "resident_id"
    assert book.model.index(0, 1).data() == PERSON_ID


def _two_sets_and_a_blocker(ws):
    """One patent of the office alone, one co-owned; the co-owned one carries a pledge without consent."""
    rows = portfolio.list_patents(ws)
    good = [r for r in readiness.check(ws) if not r.blockers or {f.code for f in r.blockers}
            <= {"NOT_SIGNED_OFF", "COMMITMENTS_INCOMPLETE", "PRICING_MISSING", "EVALUATION_REPORT_MISSING",
                "COOWNER_CONSENT_MISSING", "CONTACT_MISSING", "FEES_UNKNOWN"}]
    facts = {f.number.canonical: f for f in rows}
    solo = next(r for r in good if len(facts[r.application_number].patentees) == 1)
    joint = next(r for r in good if len(facts[r.application_number].patentees) == 2)
    ids = [solo.patent_id, joint.patent_id]
    pricing.set_terms(ws, ids, PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(30000), term_months=24))
    encumbrances.add_encumbrance(ws, joint.application_number, "pledge", "东海银行", "Z-9", date(2025, 1, 1))
    return ids, facts[joint.application_number].patentees


def test_contract_dialog_drafts_per_patentee_set_and_overrides_only_when_told(qtbot, demo_window, tmp_path):
    window = demo_window
    ws = window.ws
    ids, joint_owners = _two_sets_and_a_blocker(ws)
    publish(ws, ids)   # the pilot contract recites the bureau's published listing
    licensees.add_licensee(ws, "王五", id_number=PERSON_ID, address="示例市幸福里3号")
    dialog = ContractDialog(window, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.options.set_count == 2
    sets = dialog.options.sets_list
    assert any("、".join(joint_owners) in sets.item(i).text() for i in range(sets.count()))
    dialog.options.regime_combo.setCurrentIndex(dialog.options.regime_combo.findData("pilot"))
    dialog.options.bureau_edit.setText("东海省知识产权局")
    dialog.options.bureau_edit.editingFinished.emit()
    assert "可以请求东海省知识产权局进行调解" in dialog.preview_text.toPlainText()
    dialog.licensee_table.selectRow(0)
    dialog.out_edit.setText(str(tmp_path / "out"))

    dialog.draft()  # the pledge blocks the co-owned patent: refused, nothing written
    qtbot.waitUntil(lambda: dialog.draft_button.isEnabled(), timeout=60000)
    assert "东海银行" in dialog.error_label.text() and not (tmp_path / "out").exists()

    dialog.options.override_check.setChecked(True)
    dialog.draft()  # no reason given: refused in the dialog
    assert dialog.draft_button.isEnabled() and dialog.error_label.text()
    dialog.options.reason_edit.setText("质押解除手续办理中，先行起草供核对")
    with qtbot.waitSignal(dialog.drafted, timeout=60000) as done:
        dialog.draft()
    drafted = done.args[0]
    assert [len(d.licensors) for d in drafted] == [1, 2]
    joint_text = document_text(drafted[1].path)
    assert joint_text.startswith("起草说明") and "东海银行" in joint_text.splitlines()[2]
    assert "专利实施许可合同（开放许可试点）" in joint_text and "被许可人：王五" in joint_text
    assert not document_text(drafted[0].path).startswith("起草说明")
    assert len({d.contract_number for d in drafted}) == 2


def test_both_books_are_the_same_window(qtbot, demo_ws):
    """The patentee book and the licensee book share one set-up: a search line that filters, the table named
    for its book that opens the editor on a double click, a status line that can be copied, Close."""
    from PySide6.QtCore import Qt

    licensees.add_licensee(demo_ws, name="示例科技有限公司", uscc="91110108MA01AAAA55")
    for book_class, title, found in ((PatenteesDialog, "Patentee book", demo.PARTNERS[0]),
                                     (LicenseesDialog, "Licensee book", "示例科技有限公司")):
        book = book_class(demo_ws, lang="en")
        qtbot.addWidget(book)
        book.show()
        assert book.windowTitle() == book.table.accessibleName() == title
        assert book.search_edit.accessibleName() == book.search_edit.placeholderText() != ""
        book.search_edit.setText(found[:4])
        assert book.model.rowCount() >= 1
        book.search_edit.setText("没有这样的名称")
        assert book.model.rowCount() == 0
        book.search_edit.clear()
        assert book.status_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        assert book.status_label.wordWrap()
        book.table.selectRow(0)
        book.table.doubleClicked.emit(book.table.currentIndex())
        assert book.editor is not None and book.editor.isVisible()
        book.editor.reject()
        book.close()


def test_the_books_show_every_header_whole_in_both_languages(qtbot, demo_ws):
    """A column is never narrower than its header (法定代表人, "Legal representative"), in Chinese as in English,
    with the book empty or filled; the last column takes the rest."""
    from openlic_desktop.gui.app import install_translators

    licensees.add_licensee(demo_ws, name="示例科技有限公司", uscc="91110108MA01AAAA55")
    try:
        for lang in ("en", "zh"):
            install_translators(lang)
            for book_class in (PatenteesDialog, LicenseesDialog):
                book = book_class(demo_ws, lang=lang)
                qtbot.addWidget(book)
                book.show()
                for search in ("", "没有这样的名称"):
                    book.search_edit.setText(search)
                    header = book.table.horizontalHeader()
                    clipped = [book.model.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count() - 1)
                               if header.sectionSize(c) < header.sectionSizeHint(c)]
                    assert clipped == [], (lang, book_class.__name__)
                book.close()
    finally:
        install_translators("en")


def test_both_books_save_an_entry_the_same_way(qtbot, demo_ws, tmp_path):
    """The patentee and licensee editors save through one helper: a refusal shown in the dialog in the window's
    language, the dialog left open with what was typed and `saved` not sent; once it is right, the entry is
    stored, `saved` carries it, the dialog closes and its book shows it."""
    from openlic_desktop.gui.app import install_translators
    from openlic_desktop.gui.licensing.book_entry import BookEntrySaving
    from openlic_desktop.services.licensing import patentees

    licensees.add_licensee(demo_ws, name="示例科技有限公司", uscc="91110108MA01AAAA55")
    install_translators("zh")
    try:
        for book_class, name, right in ((PatenteesDialog, demo.PARTNERS[0], ""),
                                        (LicenseesDialog, "示例科技有限公司", "91110108MA01AAAA55")):
            book = book_class(demo_ws, lang="zh")
            qtbot.addWidget(book)
            book.show()
            row = next(r for r in range(book.model.rowCount()) if book.model.row_at(book.model.index(r, 0)).name
                       == name) if book_class is PatenteesDialog else 0
            book.table.selectRow(row)
            editor = book.edit_current()
            assert isinstance(editor, BookEntrySaving) and book.editor is editor
            sent: list = []
            editor.saved.connect(sent.append)
            editor.identity.number_edit.setText("91330100000000002X")
            editor.address_edit.setText("示例市新路8号")
            editor.save()
            editor.grab().save(str(tmp_path / f"{book_class.__name__}_refused.png"))
            assert editor.isVisible() and "校验" in editor.error_label.text() and sent == []
            assert editor.identity.number_edit.text() == "91330100000000002X"  # what was typed stays
            editor.identity.number_edit.setText(right)
            editor.save()
            assert not editor.isVisible() and editor.error_label.text() == "" and len(sent) == 1
            assert sent[0].name == name and sent[0].address == "示例市新路8号"
            stored = (patentees.list_patentees(demo_ws, name) if book_class is PatenteesDialog
                      else licensees.list_licensees(demo_ws, name))
            assert [e.address for e in stored] == ["示例市新路8号"]
            assert "示例市新路8号" in [book.model.index(r, c).data() for r in range(book.model.rowCount())
                                      for c in range(book.model.columnCount())]
            book.close()
    finally:
        install_translators("en")
