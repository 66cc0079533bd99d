"""Consents by co-owner: one co-owner's consent for every patent it shares with the office (or a selection), its
signed letter attached once per patent, in one transaction; the consent letter for all of them; and consent
letters dropped as a folder, matched to their co-owner by name."""

from __future__ import annotations

from datetime import date, timedelta

import print_checks
import pytest
from docx import Document
from evidence_pdfs import text_pdf

from openlic_desktop.cli.main import main
from openlic_desktop.documents.date_lines import seal_block
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.services import coowner_consents, evidence, office, readiness
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.support.errors import InputError

OFFICE = "示例大学"
BYD = "比亚迪股份有限公司"
HW = "华为技术有限公司（深圳）"


def number(i: int) -> str:
    digits = f"2021101{i:05d}"
    return f"{digits}.{check_character(digits)}"


N = [number(i) for i in range(1, 7)]


@pytest.fixture
def shared(ws):
    office.update({"name": OFFICE})
    owners = {0: [OFFICE, BYD], 1: [OFFICE, BYD], 2: [BYD, OFFICE, HW], 3: [OFFICE, HW], 4: [OFFICE], 5: [BYD]}
    filing = date.today() - timedelta(days=2000)
    facts = [PatentFacts(parse_application_number(N[i]), title=f"一种电池{i}", filing_date=filing,
                         grant_date=filing + timedelta(days=500), status=Status.IN_FORCE, patentees=owners[i])
             for i in range(6)]
    with ws.session() as session:
        patent_repo.insert_many(session, facts)
    price(ws, N[:5])  # the consent letter lists only patents with licence fee terms
    return ws


def price(ws, numbers):
    from decimal import Decimal

    from openlic_desktop.domain.pricing import PricingMode, PricingTerms
    from openlic_desktop.services import pricing

    terms = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=36)
    pricing.set_terms(ws, list(pricing.ids_for_numbers(ws, numbers).values()), terms)


def codes(ws, numbers):
    return {r.application_number: r.codes for r in readiness.check(ws, numbers)}


def test_who_co_owns_what(shared):
    found = {c.name: [n for _pid, n in c.patents] for c in coowner_consents.co_owners_of(shared)}
    # patent 5 is BYD's alone (the first patentee counts as the holder when the office is not among them)
    assert found == {BYD: [N[0], N[1], N[2]], HW: [N[2], N[3]]}


def test_all_owned_in_one_step_with_the_letter(shared, tmp_path):
    letter = tmp_path / "比亚迪同意书.pdf"
    letter.write_bytes(text_pdf(["同意书", BYD]))
    out = coowner_consents.record_owner_consent(shared, " 比亚迪股份有限公司", None, date(2026, 11, 1), letter)
    assert (out.owner, sorted(out.done), out.attached) == (BYD, [N[0], N[1], N[2]], 3)
    found = codes(shared, N[:4])
    assert "COOWNER_CONSENT_MISSING" not in found[N[0]] and "COOWNER_CONSENT_MISSING" not in found[N[1]]
    assert "COOWNER_CONSENT_MISSING" in found[N[2]]  # HW has not consented yet
    again = coowner_consents.record_owner_consent(shared, BYD, None, date(2026, 11, 1), letter)
    assert again.done == [] and sorted(again.unchanged) == [N[0], N[1], N[2]] and again.attached == 0


def test_a_selection_and_refusals_change_nothing(shared):
    with pytest.raises(InputError) as err:
        coowner_consents.record_owner_consent(shared, HW, [N[2], N[0]])
    assert err.value.code == "CONSENT_NOT_COOWNER"
    assert "COOWNER_CONSENT_MISSING" in codes(shared, [N[2]])[N[2]]
    with pytest.raises(InputError) as err:
        coowner_consents.record_owner_consent(shared, "比亚迪", None)
    assert err.value.code == "OWNER_NOT_CO_OWNER" and BYD in err.value.message("zh")
    out = coowner_consents.record_owner_consent(shared, "华为技术有限公司(深圳)", [N[3]])  # either bracket
    assert out.done == [N[3]] and out.owner == HW


def test_consent_letter_lists_every_shared_patent(shared, tmp_path):
    target = coowner_consents.consent_letter(shared, BYD, tmp_path / "同意书.docx", day=date(2026, 11, 2),
                                             profile_code="zhejiang").path
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    cells = [c.text for t in Document(str(target)).tables for row in t.rows for c in row.cells]
    assert "专利开放许可共有人同意书" in text and "浙江省知识产权局" in text
    assert f"{BYD}系下列3件专利的共同专利权人" in text and f"同意{OFFICE}将下列专利实行开放许可" in text
    assert f"共同专利权人：{BYD}（盖章）" in text and "2026年11月2日" in text
    assert {f"ZL{n}" for n in N[:3]} <= set(cells) and f"ZL{N[3]}" not in cells
    for code in ("C1", "C7", "invention", "None"):
        assert code not in text + "".join(cells)
    # printed: the table within the margins, each patent number on one line, the seal block on one page
    doc = Document(str(target))
    print_checks.assert_tables_fit(doc)
    print_checks.assert_number_fits(doc.tables[0], 1, 10.5)
    print_checks.assert_kept_together([p for p in doc.paragraphs if p.text][-1:])
    assert [p for p in doc.paragraphs if p.text][-1].text.splitlines()[0] == f"共同专利权人：{BYD}（盖章）"
    # the seal block ends as every letter a patentee signs: the signatory's line, then 日期：…, never a bare date
    assert [p for p in doc.paragraphs if p.text][-1].text.splitlines() == seal_block("共同专利权人", BYD,
                                                                                      date(2026, 11, 2))
    assert "日期：2026年11月2日" in text and "\n2026年11月2日" not in text


def test_cli_consent_owner_all_owned_and_letter(capsys, shared, db_path, tmp_path):
    code = main(["--db", str(db_path), "--lang", "en", "consent", "--owner", BYD, "--all-owned", "--date",
                 "2026-11-01"])
    assert code == 0 and f"{BYD}: consent recorded for 3" in capsys.readouterr().out
    assert main(["--db", str(db_path), "consent", N[3], N[2], "--owner", HW]) == 0
    assert all("COOWNER_CONSENT_MISSING" not in c for c in codes(shared, N[:4]).values())
    assert main(["--db", str(db_path), "consent", "--owner", HW]) == 2  # neither numbers nor --all-owned
    target = tmp_path / "hw.docx"
    assert main(["--db", str(db_path), "consent-letter", "--owner", HW, "--all-owned", "--out", str(target)]) == 0
    assert target.stat().st_size > 0
    # the old one-patent form still works as before
    assert main(["--db", str(db_path), "consent", N[0], "--owner", BYD, "--date", "2026-12-01"]) == 0


def test_the_letter_lists_only_priced_patents_and_says_which_it_left_out(shared, db_path, tmp_path, capsys):
    unpriced = number(8)
    filing = date.today() - timedelta(days=2000)
    with shared.session() as session:
        patent_repo.insert_many(session, [PatentFacts(parse_application_number(unpriced), title="一种电池8",
                                                      filing_date=filing, grant_date=filing + timedelta(days=500),
                                                      status=Status.IN_FORCE, patentees=[OFFICE, BYD])])
    letter = coowner_consents.consent_letter(shared, BYD, tmp_path / "byd.docx", day=date(2026, 11, 2))
    assert letter.listed == tuple(N[:3]) and letter.left_out == (unpriced,)
    doc = Document(str(letter.path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert f"ZL{unpriced}" not in cells and {f"ZL{n}" for n in N[:3]} <= set(cells)
    assert f"{BYD}系下列3件专利的共同专利权人" in "\n".join(p.text for p in doc.paragraphs)
    # named without terms: refused, nothing written
    with pytest.raises(InputError) as err:
        coowner_consents.consent_letter(shared, BYD, tmp_path / "named.docx", [N[0], unpriced])
    assert err.value.code == "CONSENT_LETTER_NOT_PRICED" and unpriced in err.value.message("zh")
    assert not (tmp_path / "named.docx").exists()
    # the command says which patents it left out and why, with the code, and how many it listed
    shared.close()
    target = tmp_path / "cli.docx"
    assert main(["--db", str(db_path), "consent-letter", "--owner", BYD, "--all-owned", "--out", str(target)]) == 0
    out, err_text = capsys.readouterr()
    assert f"已生成共有人同意书（3 件专利）：{target}" in out
    assert err_text == (f"专利 {unpriced} 尚未设置许可使用费条款，同意书以报送的许可信息为准，不能列入"
                        " [CONSENT_LETTER_NOT_PRICED]\n")
    assert main(["--db", str(db_path), "consent-letter", "--owner", BYD, unpriced, "--out",
                 str(tmp_path / "x.docx")]) == 2
    assert "[CONSENT_LETTER_NOT_PRICED]" in capsys.readouterr().err


def test_no_letter_when_none_of_the_co_owners_patents_is_priced(ws, tmp_path):
    office.update({"name": OFFICE})
    filing = date.today() - timedelta(days=2000)
    with ws.session() as session:
        patent_repo.insert_many(session, [PatentFacts(parse_application_number(N[0]), title="一种电池",
                                                      filing_date=filing, grant_date=filing + timedelta(days=500),
                                                      status=Status.IN_FORCE, patentees=[OFFICE, BYD])])
    with pytest.raises(InputError) as err:
        coowner_consents.consent_letter(ws, BYD, tmp_path / "none.docx")
    assert err.value.code == "CONSENT_LETTER_NOTHING_PRICED"
    assert err.value.message("en") == (f"None of the 1 patents {BYD} co-owns has licence fee terms yet; no letter "
                                       "was drafted")
    assert not (tmp_path / "none.docx").exists()


def test_a_folder_of_consent_letters_named_by_co_owner(shared, tmp_path):
    folder = tmp_path / "同意书"
    folder.mkdir()
    (folder / f"{BYD}_同意书.pdf").write_bytes(text_pdf(["共有人同意书", f"{BYD}同意开放许可"]))
    (folder / f"华为技术有限公司(深圳)_{N[3]}.pdf").write_bytes(text_pdf(["同意书"]))
    plan = evidence.preview(shared, folder, "consent")
    by = {f.name: f for f in plan.files}
    byd = by[f"{BYD}_同意书.pdf"]
    assert (byd.status, byd.owner, byd.how) == ("matched", BYD, "owner")
    assert sorted(n for _pid, n in byd.patents) == [N[0], N[1], N[2]]
    hw = by[f"华为技术有限公司(深圳)_{N[3]}.pdf"]
    assert (hw.owner, [n for _pid, n in hw.patents]) == (HW, [N[3]])
    result = evidence.attach(shared, plan)
    assert sorted(result.consents[BYD]) == [N[0], N[1], N[2]] and result.consents[HW] == [N[3]]
    found = codes(shared, N[:4])
    assert "COOWNER_CONSENT_MISSING" not in found[N[0]] and "COOWNER_CONSENT_MISSING" in found[N[2]]


def test_a_co_owner_who_is_a_person_signs_for_himself(shared, tmp_path):
    from openlic_desktop.services.licensing import patentees as patentee_book

    person = "张伟"
    filing = date.today() - timedelta(days=2000)
    with shared.session() as session:
        patent_repo.insert_many(session, [PatentFacts(parse_application_number(number(7)), title="一种电池7",
                                                      filing_date=filing, grant_date=filing + timedelta(days=500),
                                                      status=Status.IN_FORCE, patentees=[OFFICE, person])])
    price(shared, [number(7)])
    patentee_book.fill_from_portfolio(shared)
    patentee_book.update_patentee(shared, person, id_type="resident_id")
    target = coowner_consents.consent_letter(shared, person, tmp_path / "同意书.docx", day=date(2026, 11, 2)).path
    doc = Document(str(target))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"{person}系下列1件专利的共同专利权人。本人同意{OFFICE}将下列专利实行开放许可" in text
    assert "本人确认对上述专利享有的权利无争议" in text
    assert "本单位" not in text and "盖章" not in text and "法定代表人" not in text
    assert [p for p in doc.paragraphs if p.text][-1].text.splitlines() == [f"共同专利权人：{person}（签字）",
                                                                            "日期：2026年11月2日"]
    # an organisation the book records by its USCC (or not at all) still seals, after deliberation
    byd = "\n".join(p.text for p in Document(str(coowner_consents.consent_letter(
        shared, BYD, tmp_path / "byd.docx", day=date(2026, 11, 2)).path)).paragraphs)
    assert "经本单位研究" in byd and f"{BYD}（盖章）" in byd and "法定代表人或者授权代表（签字）：" in byd
