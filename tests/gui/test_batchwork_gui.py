"""The batch-step dialogs on their own: a folder dropped on the window, the co-owners' consents, the profile
editor and the active profile, the new batch that asks for its profile and the bureau's e-mail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from evidence_pdfs import evaluation_report, text_pdf
from PySide6.QtWidgets import QLabel

from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.services import office, readiness
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.storage import patents as patent_repo


def number(i: int, kind: int = 2) -> str:
    digits = f"2022{kind}1{i:06d}"
    return f"{digits}.{check_character(digits)}"


@pytest.fixture
def window(qtbot, ws):
    from openlic_desktop.gui.main_window import MainWindow

    office.update({"name": "示例大学"})
    filing = date.today() - timedelta(days=900)
    facts = [PatentFacts(parse_application_number(number(i)), title=f"一种装置{i}", filing_date=filing,
                         grant_date=filing + timedelta(days=200), status=Status.IN_FORCE,
                         patentees=["示例大学", "某某公司"] if i < 2 else ["示例大学"]) for i in range(4)]
    with ws.session() as session:
        patent_repo.insert_many(session, facts)
    w = MainWindow(ws, lang="en")
    qtbot.addWidget(w)
    yield w
    w.tasks.wait(20000)


def test_a_dropped_folder_opens_the_preview_with_its_kind(qtbot, qtmodeltester, window, tmp_path):
    reports = tmp_path / "评价报告"
    reports.mkdir()
    (reports / f"{number(0)}.pdf").write_bytes(evaluation_report(number(0), "PJ-1", "2026-05-01"))
    (reports / "notes.pdf").write_bytes(text_pdf(["nothing"]))
    assert window.handle_dropped_files([reports])
    dialog = window.evidence_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
    qtmodeltester.check(dialog.model)
    assert dialog.kind.currentData() == "evaluation-report" and dialog.model.rowCount() == 2
    assert dialog.attach_button.isEnabled() and "1" in dialog.attach_button.text()
    dialog.attach_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert len(dialog.result.attached) == 1
    codes = readiness.check(window.ws, [number(0)])[0].codes
    assert "EVALUATION_REPORT_MISSING" not in codes
    consents = tmp_path / "共有人同意书"
    consents.mkdir()
    assert window.handle_dropped_files([consents])
    assert window.evidence_dialog.kind.currentData() == "consent"


def test_consents_by_co_owner(qtbot, qtmodeltester, window, tmp_path):
    from openlic_desktop.gui.batchwork.consent_dialog import ConsentsDialog

    dialog = ConsentsDialog(window, "某某公司")
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.owner() == "某某公司" and dialog.model.rows[0][1:] == (2, 2)
    letter = tmp_path / "同意书.pdf"
    letter.write_bytes(text_pdf(["同意书"]))
    dialog.letter.setText(str(letter))
    dialog.record_button.click()
    qtbot.waitUntil(lambda: dialog.model.rows[0][2] == 0, timeout=20000)
    assert dialog.model.rows[0][2] == 0 and "2" in dialog.message.text()
    assert all("COOWNER_CONSENT_MISSING" not in r.codes for r in readiness.check(window.ws, [number(0), number(1)]))
    # the letter agrees to the terms as filed: nothing to draft while no patent has terms, then only the priced
    assert dialog.draft_letter(str(tmp_path / "none.docx")) is None and not (tmp_path / "none.docx").exists()
    assert "[CONSENT_LETTER_NOTHING_PRICED]" not in dialog.message.text() and "licence fee terms" in \
        dialog.message.text()
    from decimal import Decimal

    from openlic_desktop.domain.pricing import PricingMode, PricingTerms
    from openlic_desktop.services import pricing

    pricing.set_terms(window.ws, list(pricing.ids_for_numbers(window.ws, [number(0)]).values()),
                      PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=36))
    target = dialog.draft_letter(str(tmp_path / "letter.docx"))
    assert target and (tmp_path / "letter.docx").stat().st_size > 0
    assert dialog.message.text() == (f"Consent letter written (1 patents): {target}\n"
                                     f"Left out, no licence fee terms yet: {number(1)}")
    dialog.show()
    dialog.grab().save(str(tmp_path / "consents_dialog.png"))


def test_profile_editor_and_active_profile(qtbot, window):
    from openlic_desktop.gui.batchwork.profile_dialog import ProfilesDialog

    dialog = ProfilesDialog(window)
    qtbot.addWidget(dialog)
    row = next(i for i in range(dialog.list.count()) if dialog.list.item(i).data(256) == "shandong")
    dialog.list.setCurrentRow(row)
    dialog.email.setText("kf@sd.example.cn")
    dialog.limit.setValue(10)
    assert dialog.save()
    assert (profile_service.get_profile("shandong").email, profile_service.get_profile("shandong").email_limit_mb) \
        == ("kf@sd.example.cn", 10)
    dialog.use_button.click()
    assert profile_service.active_code() == "shandong"
    dialog.email.setText("not an address")
    assert not dialog.save() and dialog.message.text()


def test_a_new_batch_asks_for_its_profile_and_the_bureau_email(qtbot, window):
    from openlic_desktop.gui.batchwork import batchwork_menu
    from openlic_desktop.gui.batchwork.profile_dialog import NewBatchDialog
    from openlic_desktop.services import batches

    window.table.selectAll()
    dialog = NewBatchDialog(window)
    batchwork_menu.new_batch(window, dialog)
    dialog.name.setText("第一批")
    dialog.profile.setCurrentIndex(dialog.profile.findData("zhejiang"))
    assert dialog.email_note.isVisibleTo(dialog)
    dialog.email.setText("kf@zj.example.cn")
    dialog.ok_button.click()
    info = batches.get_batch(window.ws, "第一批")
    assert (info.profile_code, info.patents) == ("zhejiang", 4)
    assert profile_service.get_profile("zhejiang").email == "kf@zj.example.cn"
    view = window.remaining_dialog
    assert view.left.total == 4 and view.group_button("commit").isEnabled()
    view.group_button("commit").click()
    qtbot.waitUntil(lambda: not [g for g in view.left.groups if g.step == "commit"], timeout=20000)
    assert not [g for g in view.left.groups if g.step == "commit"] and "4" in view.message.text()


@pytest.fixture
def chinese(qapp):
    from openlic_desktop.gui.app import install_translators

    install_translators("zh")
    yield
    install_translators("en")


def test_what_is_left_names_the_commitment_list_it_counts_on(qtbot, window, chinese, tmp_path):
    """A pilot listing's commitments and the declaration's promises are different lists (8 and 6 items): the
    batch's "what is left" says which one its patents lack, as the patent's own panel and tab do."""
    from openlic_desktop.domain.readiness import commitments_left
    from openlic_desktop.gui.batchwork.remaining_view import RemainingDialog
    from openlic_desktop.services import batches
    from openlic_desktop.support.messages import render

    numbers = [number(i) for i in range(4)]
    batches.create_batch(window.ws, "试点批", "zhejiang", numbers)
    batches.create_batch(window.ws, "声明批", "statutory", numbers)
    window.lang = "zh"
    shown = {}
    for name, words in (("试点批", "4 件试点承诺事项未全部确认"), ("声明批", "4 件开放许可声明承诺事项未全部确认")):
        dialog = RemainingDialog(window, name)
        qtbot.addWidget(dialog)
        dialog.show()
        label = dialog.group_button("commit").parentWidget().findChildren(QLabel)
        texts = [lbl.text() for lbl in label if "承诺事项" in lbl.text()]
        assert len(texts) == 1 and words in texts[0], texts
        shown[name] = texts[0]
        dialog.grab().save(str(tmp_path / f"left_{name}.png"))
        dialog.close()
    # the same words as the patent's side panel for that list
    for code, name in (("zhejiang", "试点批"), ("statutory", "声明批")):
        left = commitments_left(profile_service.get_profile(code), set())
        assert render("COMMITMENTS_INCOMPLETE", "zh", **left).split("尚有")[0] in shown[name]
