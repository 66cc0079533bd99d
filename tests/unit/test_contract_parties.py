"""The parties of a contract are real: the patentee book, licensors per patentee set (never merged), licensees who
are people, unique contract numbers, and the blocker gate with its override. Real SQLite, real .docx read back."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from announced_declarations import announce, publish
from docx import Document
from sqlalchemy import select

from openlic_desktop.documents import ooxml
from openlic_desktop.domain.blocker_override import Override
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.licensing import Regime, parse_resident_id
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.domain.status import Status
from openlic_desktop.services import declarations, encumbrances, pricing
from openlic_desktop.services.licensing import drafting, licences, licensees, patentees
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.models import AuditRecord
from openlic_desktop.support import settings
from openlic_desktop.support.errors import InputError, OpenLicError

N1, N2, N3 = "202110123456.7", "201710601862.3", "200510113767.6"
USCC_UNI, USCC_INST, USCC_CO = "12100000400000000W", "91350100M000100Y30", "91110108MA01AAAA55"
PERSON_ID = "11010519491231002X"
DAY = date(2026, 12, 1)


def add_patent(ws, number, patentees_=("示例大学",), title="一种测试装置", announced: bool = True) -> int:
    facts = PatentFacts(parse_application_number(number), title=title, filing_date=date(2017, 8, 1),
                        grant_date=date(2019, 5, 10), status=Status.IN_FORCE, patentees=list(patentees_),
                        fees_paid_until=date(2027, 7, 31))
    with ws.session() as session:
        patent_repo.insert_many(session, [facts])
        pid = patent_repo.ids_by_number(session, [facts.number.canonical])[facts.number.canonical]
    pricing.set_terms(ws, [pid], PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES,
                                              term_months=36))
    if announced:   # the statutory contract recites the announced declaration
        announce(ws, [number])
    return pid


@pytest.fixture
def office(ws):
    settings.save(settings.Settings(office=settings.Office(
        name="示例大学", address="示例市大学路1号", contact_person="王老师", contact_phone="010-12345678",
        contact_email="tto@example.edu.cn")))
    return ws


def complete_book(ws):
    patentees.fill_from_portfolio(ws)
    patentees.update_patentee(ws, "示例大学", identifier=USCC_UNI, legal_representative="张校长",
                              bank_name="示例银行大学路支行", bank_account="6222000000000000")
    if any(e.name == "合作研究院" for e in patentees.list_patentees(ws)):
        patentees.update_patentee(ws, "合作研究院", identifier=USCC_INST, legal_representative="赵院长",
                                  address="示例市科学城2号", contact="钱工", phone="010-87654321")


def company(ws):
    return licensees.add_licensee(ws, "示例科技有限公司", USCC_CO, address="示例市创新路8号",
                                  legal_representative="李四", contact="0591-87654321", size="small")


# --- the patentee book ---------------------------------------------------------------------------------------------

def test_book_is_filled_from_the_portfolio_and_the_office_starts_from_its_settings(office):
    add_patent(office, N1)
    add_patent(office, N2, ("示例大学", "合作研究院"))
    assert patentees.fill_from_portfolio(office) == ["示例大学", "合作研究院"]
    assert patentees.fill_from_portfolio(office) == []  # once
    book = {e.name: e for e in patentees.list_patentees(office)}
    assert book["示例大学"].address == "示例市大学路1号" and book["示例大学"].phone == "010-12345678"
    assert book["合作研究院"].address == "" and book["合作研究院"].missing == ["identifier", "address",
                                                                           "legal_representative"]
    with pytest.raises(InputError) as err:
        patentees.update_patentee(office, "合作研究院", identifier="91350100M000100Y31")
    assert err.value.code == "USCC_INVALID"
    entry = patentees.update_patentee(office, "合作研究院", identifier=USCC_INST, address="示例市科学城2号",
                                      legal_representative="赵院长")
    assert entry.missing == []
    person = patentees.add_patentee(office, "钱发明", id_type="resident_id", identifier=PERSON_ID.lower(),
                                    legal_representative="ignored", address="某地")
    assert person.identifier == PERSON_ID and person.legal_representative == "" and person.missing == []
    with pytest.raises(InputError) as err:
        patentees.add_patentee(office, "钱发明")
    assert err.value.code == "PATENTEE_EXISTS"


def test_resident_id_numbers_are_checked():
    assert parse_resident_id(" 11010519491231002x ") == PERSON_ID
    for bad in ("11010519491231002Y", "110105194912310021", "11010519490231002X", "1101051949123100"):
        with pytest.raises(InputError) as err:
            parse_resident_id(bad)
        assert err.value.code == "PERSON_ID_INVALID"


# --- licensors ----------------------------------------------------------------------------------------------------

def test_a_licensor_missing_from_the_book_is_named_and_nothing_is_written(office, tmp_path):
    add_patent(office, N2, ("示例大学", "合作研究院"))
    company(office)
    patentees.fill_from_portfolio(office)
    patentees.update_patentee(office, "示例大学", identifier=USCC_UNI, legal_representative="张校长")
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(office, [N2], USCC_CO, tmp_path / "c.docx", effective=DAY)
    assert err.value.code == "CONTRACT_PARTY_INCOMPLETE" and err.value.params["party"] == "合作研究院"
    assert "许可人「合作研究院」" in err.value.message("zh") and "住所" in err.value.message("zh")
    assert not (tmp_path / "c.docx").exists()


def test_patents_of_different_patentee_sets_are_never_merged(office, tmp_path):
    add_patent(office, N1)
    add_patent(office, N2, ("示例大学", "合作研究院"))
    add_patent(office, N3, ("合作研究院", "示例大学"), title="一种另一装置")  # the same set, other order
    company(office)
    complete_book(office)
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(office, [N1, N2], USCC_CO, tmp_path / "c.docx", effective=DAY)
    assert err.value.code == "CONTRACT_MIXED_PATENTEES" and err.value.params["count"] == 2
    assert not (tmp_path / "c.docx").exists()

    done = drafting.draft_contract(office, [N1, N2, N3], USCC_CO, tmp_path / "out", effective=DAY)
    assert [d.licensors for d in done] == [("示例大学",), ("示例大学", "合作研究院")]
    assert [d.patents for d in done] == [(N1,), (N2, N3)]
    solo, joint = (ooxml.document_text(d.path) for d in done)
    assert "许可人（专利权人）：示例大学" in solo and "合作研究院" not in solo
    assert "ZL201710601862.3" not in solo and "ZL202110123456.7" in solo
    assert "许可人（专利权人）（一）：示例大学" in joint and "许可人（专利权人）（二）：合作研究院" in joint
    assert "住所：示例市科学城2号" in joint and "住所：示例市大学路1号" in joint
    assert "许可人（二）：合作研究院（盖章）" in joint and "ZL202110123456.7" not in joint
    assert "统一社会信用代码：91350100M000100Y30" in joint and "法定代表人：赵院长" in joint
    for text in (solo, joint):  # the licensee's block in full; no stand-in text, no code, no template syntax
        assert ("被许可人：示例科技有限公司\n统一社会信用代码：91110108MA01AAAA55\n法定代表人：李四\n"
                "住所：示例市创新路8号\n联系方式：0591-87654321") in text
        for bad in ("None", "（被许可人）", "{{", "{%", "uscc", "resident_id", "statutory", "EXCLUSIVE", "C1"):
            assert bad not in text, bad


def test_batch_drafts_one_contract_per_licensee_and_set_with_unique_numbers(office, tmp_path):
    ids = [add_patent(office, N1), add_patent(office, N2, ("示例大学", "合作研究院"))]
    who = [company(office).id,
           licensees.add_licensee(office, "王五", id_number=PERSON_ID, address="示例市幸福里3号").id]
    complete_book(office)
    first = drafting.draft_batch(office, ids, who, tmp_path / "a", effective=DAY)
    second = drafting.draft_batch(office, ids[:1], who[:1], tmp_path / "b", effective=DAY)
    numbers = [d.contract_number for d in first + second]
    assert numbers == ["KF2026-0001", "KF2026-0002", "KF2026-0003", "KF2026-0004", "KF2026-0005"]
    assert len({d.path for d in first}) == 4
    for d in first + second:
        assert f"合同编号：{d.contract_number}" in ooxml.document_text(d.path)
    person = [d for d in first if d.licensee == "王五"]
    text = ooxml.document_text(person[0].path)
    assert "居民身份证号码：11010519491231002X" in text and "被许可人：王五 | 签字：" in text
    assert drafting.draft_batch(office, ids[:1], who[:1], tmp_path / "c",
                                effective=date(2027, 1, 5))[0].contract_number == "KF2027-0001"
    # a licence reached on a drafted contract carries its number
    lic = licences.add_licence(office, N1, USCC_CO, DAY)
    assert lic.contract_number == "KF2026-0005"  # the latest contract drafted for it that took effect that day
    other = licences.add_licence(office, N2, PERSON_ID, DAY)
    assert other.contract_number == "KF2026-0004"


def test_a_licence_without_a_drafted_contract_takes_a_fresh_number(office):
    add_patent(office, N1)
    company(office)
    lic = licences.add_licence(office, N1, USCC_CO, DAY)
    assert lic.contract_number == "KF2026-0001"
    complete_book(office)
    assert drafting.preview_text(office, [patent_id(office, N1)], None, effective=DAY).count("KF2026-0002") >= 1


def patent_id(ws, number):
    with ws.reading() as session:
        return patent_repo.ids_by_number(session, [number])[number]


def test_natural_person_licensee(office):
    rec = licensees.add_licensee(office, "王五", id_number="11010519491231002x", address="示例市幸福里3号",
                                 legal_representative="ignored", size="small")
    assert rec.is_person and rec.identifier == PERSON_ID and rec.uscc == ""
    assert rec.legal_representative == "" and rec.size == ""
    assert rec.to_json()["id_number"] == PERSON_ID and rec.to_json()["uscc"] is None
    passport = licensees.add_licensee(office, "John Smith", id_number="E12345678")
    assert passport.id_type == "passport"
    assert licensees.find_licensee(office, "11010519491231002x").id == rec.id
    with pytest.raises(InputError) as err:
        licensees.add_licensee(office, "赵六", id_number="110105194912310021")
    assert err.value.code == "PERSON_ID_INVALID"
    with pytest.raises(InputError) as err:
        licensees.add_licensee(office, "两证", USCC_CO, id_number=PERSON_ID)
    assert err.value.code == "LICENSEE_TWO_IDENTIFIERS"


# --- blockers -------------------------------------------------------------------------------------------------------

def test_a_patent_with_a_blocker_needs_an_explicit_override(office, tmp_path):
    add_patent(office, N1, announced=False)   # an exclusive licence and an announced declaration cannot meet
    company(office)
    complete_book(office)
    encumbrances.add_encumbrance(office, N1, "exclusive-licence", "甲公司", "", date(2026, 1, 1),
                                 date(2030, 12, 31))
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "c.docx", effective=DAY)
    assert err.value.code == "DOCUMENT_BLOCKED" and not (tmp_path / "c.docx").exists()
    override = Override("王老师", "独占许可协商解除中，先行起草供核对", DAY)
    [done] = drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "c.docx", effective=DAY, override=override)
    assert done.overridden == (N1,)
    lines = ooxml.document_text(done.path).splitlines()
    assert lines[0] == "起草说明" and "王老师于2026年12月1日明确指示" in lines[1]
    assert lines[2].startswith("ZL202110123456.7：许可期限内存在独占许可（甲公司，至2030年12月31日）")
    assert "专利开放许可实施合同" in lines[3:]
    assert "EXCLUSIVE_LICENCE" not in "\n".join(lines) and "exclusive-licence" not in "\n".join(lines)
    with office.reading() as session:
        trail = session.execute(select(AuditRecord.field, AuditRecord.old, AuditRecord.new)
                                .where(AuditRecord.action == "override-blockers")).all()
    # no declaration was announced either: the statutory contract's recital of one is overridden with it
    assert "尚未提出开放许可声明" in lines[2]
    assert trail == [("contract", "EXCLUSIVE_LICENCE,DECLARATION_NOT_IN_FORCE", override.reason)]


def done_id(ws) -> int:
    with ws.reading() as session:
        return patent_repo.ids_by_number(session, [N1])[N1]


def test_a_contract_needs_the_offer_it_recites_on_record(office, tmp_path):
    """The statutory contract recites 该声明已经国家知识产权局公告 and that the licensee notified the licensor
    under Art 51; the pilot one that 许可信息已经浙江省知识产权局公开. For a patent whose record has no announced
    declaration, or no published listing (or one withdrawn since), that is untrue, and refused as the other facts
    are."""
    add_patent(office, N1, announced=False)
    company(office)
    complete_book(office)
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "c.docx", effective=DAY)
    assert err.value.code == "DOCUMENT_BLOCKED" and "DECLARATION_NOT_IN_FORCE" in err.value.params["codes"]
    assert "尚未提出开放许可声明" in err.value.message("zh") and not (tmp_path / "c.docx").exists()
    declarations.prepare(office, [N1], today=DAY)   # a draft is not an announcement either
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "c.docx", effective=DAY)
    assert "开放许可声明尚未经国家知识产权局公告（当前：" in err.value.message("zh")
    # the pilot's contract recites the bureau's listing, not a declaration: a listing published on record
    pilot = Regime("pilot", "浙江省知识产权局")
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "p.docx", effective=DAY, regime=pilot)
    assert "OFFER_NOT_PUBLISHED" in err.value.params["codes"] and "已公开" in err.value.message("zh")
    publish(office, [N1])
    [done] = drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "p.docx", effective=DAY, regime=pilot)
    assert "国家知识产权局公告" not in ooxml.document_text(done.path)
    with office.session() as session:   # the offer withdrawn through the bureau since: no longer published
        from openlic_desktop.storage.models_packages import OfferWithdrawal

        session.add(OfferWithdrawal(patent_id=done_id(office), kind="withdrawn", withdrawn_on=DAY, reason="自行实施"))
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "q.docx", effective=DAY, regime=pilot)
    assert "开放许可已经撤回" in err.value.message("zh")
    declarations.discard(office, [N1])
    announce(office, [N1])
    [done] = drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "c.docx", effective=DAY)
    assert "该声明已经国家知识产权局公告" in ooxml.document_text(done.path) and done.overridden == ()


def recital(path) -> str:
    lines = ooxml.document_text(path).splitlines()
    return next(line for line in lines if line.startswith(("许可人已依照", "许可人参加")))


def test_the_statutory_recital_names_the_announcement_on_record(office, tmp_path):
    """该声明已经国家知识产权局公告 names which announcement: its day (as the other documents write days) and the
    gazette's issue where recorded; a part not recorded is left out, never made up."""
    add_patent(office, N1, announced=False)
    announce(office, [N1], on=date(2026, 12, 7), issue="第42卷第49期")
    company(office)
    complete_book(office)
    [done] = drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "a.docx", effective=DAY)
    assert "该声明已经国家知识产权局公告（公告日：2026年12月7日，公告卷期：第42卷第49期）。被许可人已依照" \
        in recital(done.path)
    add_patent(office, N2, announced=False)
    announce(office, [N2], on=date(2026, 12, 14), issue="")    # the issue not recorded: the day alone
    [done] = drafting.draft_contract(office, [N2], USCC_CO, tmp_path / "b.docx", effective=DAY)
    text = recital(done.path)
    assert "该声明已经国家知识产权局公告（公告日：2026年12月14日）。被许可人" in text and "卷期" not in text
    # two announcements in one contract: each names its patents
    [done] = drafting.draft_contract(office, [N1, N2], USCC_CO, tmp_path / "c.docx", effective=DAY)
    assert ("该声明已经国家知识产权局公告（ZL202110123456.7，公告日：2026年12月7日，公告卷期：第42卷第49期；"
            "ZL201710601862.3，公告日：2026年12月14日）。") in recital(done.path)
    preview = drafting.preview_text(office, drafting.patent_ids_of(office, [N1]), None, effective=DAY)
    assert "公告（公告日：2026年12月7日，公告卷期：第42卷第49期）。" in preview


def test_an_overridden_contract_names_no_announcement_the_record_lacks(office, tmp_path):
    """Drafted on an override for a patent with no announced declaration (the cover says why), the recital
    states no day or issue for it; beside an announced patent, only that one's announcement is named."""
    add_patent(office, N1, announced=False)
    add_patent(office, N2)
    company(office)
    complete_book(office)
    override = Override("王老师", "声明公告在即，先行起草供核对", DAY)
    [done] = drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "a.docx", effective=DAY,
                                     override=override)
    assert "尚未提出开放许可声明" in ooxml.document_text(done.path).splitlines()[2]
    text = recital(done.path)
    assert "该声明已经国家知识产权局公告。被许可人" in text and "公告日" not in text and "卷期" not in text
    [done] = drafting.draft_contract(office, [N1, N2], USCC_CO, tmp_path / "b.docx", effective=DAY,
                                     override=override)
    text = recital(done.path)
    assert "该声明已经国家知识产权局公告（ZL201710601862.3，公告日：2026年1月10日，公告卷期：第42卷第2期）。" in text
    assert "ZL202110123456.7" not in text


def test_the_pilot_recital_names_the_bureau_publication_on_record(office, tmp_path):
    from openlic_desktop.storage.models_packages import Submission

    add_patent(office, N1)
    publish(office, [N1])
    with office.session() as session:   # marked published at noon UTC: the same calendar day in any office
        for sub in session.execute(select(Submission)).scalars():
            sub.status_changed_at = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    company(office)
    complete_book(office)
    [done] = drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "p.docx", effective=DAY,
                                     regime=Regime("pilot", "浙江省知识产权局"))
    assert (f"下列专利的许可信息已经浙江省知识产权局公开（公开日：2026年12月7日，报送批次：已公开批次1-{N1}）。"
            "被许可人已以书面方式通知许可人") in recital(done.path)


def test_the_pilot_recital_names_the_day_the_bureau_published_when_entered(office, tmp_path):
    """公开日 is the bureau's own publication day when the office entered it on marking the submission published;
    the day it was marked stays the 公开日 of a record without one (above)."""
    from openlic_desktop.services import batches
    from openlic_desktop.storage.models_packages import Submission

    add_patent(office, N1)
    publish(office, [N1])
    with office.session() as session:
        sub = session.execute(select(Submission)).scalar_one()
        sub.status_changed_at, sid = datetime(2026, 12, 7, 12, 0, tzinfo=UTC), sub.id
    batches.set_status(office, sid, "published", published_on=date(2026, 11, 27))
    company(office)
    complete_book(office)
    [done] = drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "p.docx", effective=DAY,
                                     regime=Regime("pilot", "浙江省知识产权局"))
    assert f"公开（公开日：2026年11月27日，报送批次：已公开批次1-{N1}）。" in recital(done.path)


def test_pilot_contract_names_the_bureau_and_the_print_setup_is_a4(office, tmp_path):
    add_patent(office, N1)
    publish(office, [N1])   # the pilot contract recites the bureau's published listing
    company(office)
    complete_book(office)
    [done] = drafting.draft_contract(office, [N1], USCC_CO, tmp_path / "c.docx", effective=DAY,
                                     regime=Regime("pilot", "浙江省知识产权局"))
    text = ooxml.document_text(done.path)
    assert "可以请求浙江省知识产权局进行调解" in text and "专利实施许可合同备案" in text
    doc = Document(io.BytesIO(done.path.read_bytes()))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    lang = doc.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "zh-CN"
