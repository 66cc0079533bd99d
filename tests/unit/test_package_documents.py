"""The letters and table rows a package carries, read back as text: addressee, figures in the official order of
types, the report conclusion in the report's own words, encumbrances and contact address, the withdrawal notice's
consents and seal blocks, print setup — and never an internal code or a stand-in text."""

from __future__ import annotations

import io
import re
from datetime import date
from types import SimpleNamespace

import print_checks
from docx import Document

from openlic_desktop.documents.letters import (
    LetterContext,
    LetterPatent,
    cover_letter,
    notes_document,
    type_breakdown,
    withdrawal_notice,
)
from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.domain.readiness import EncumbranceValue
from openlic_desktop.services.export import table_row

DAY = date(2026, 12, 1)
CTX = LetterContext("浙江省知识产权局", "东海理工大学", DAY, "王老师", "0571-87000000", "tto@example.edu.cn",
                    "东海市学府路18号", "2026年浙江第一批")
CODES = re.compile(r"\b(C\d|[A-Z]{3,}_[A-Z_]+|in_force|utility_model|lump_sum|net_sales)\b")


def a4(data: bytes) -> bool:
    section = Document(io.BytesIO(data)).sections[0]
    return (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_types_are_named_in_their_official_order():
    assert type_breakdown(["外观设计", "发明", "实用新型", "发明"]) == "发明2件、实用新型1件、外观设计1件"


def test_cover_letter():
    patents = [LetterPatent("ZL202130123456.8", "台灯", "外观设计", "东海理工大学"),
               LetterPatent("ZL202110123456.7", "一种方法", "发明", "东海理工大学、江南新能源科技股份有限公司")]
    data = cover_letter(CTX, patents)
    text = document_text(data)
    lines = text.splitlines()
    assert lines[0] == "关于报送专利开放许可信息的函" and lines[1] == "浙江省知识产权局："
    assert "拟对以下2件专利（发明1件、外观设计1件）实行开放许可（2026年浙江第一批）" in text
    assert "东海理工大学（盖章）" in lines and "2026年12月1日" in lines and "通讯地址：东海市学府路18号" in lines
    assert not CODES.search(text) and a4(data)
    unknown = document_text(cover_letter(LetterContext("", "东海理工大学", DAY), patents)).splitlines()[1]
    assert unknown == "＿＿＿＿＿＿＿＿＿＿＿＿：" and "知识产权局：" != unknown


def test_withdrawal_notice_lists_who_agreed_and_every_patentee_seals():
    patents = [LetterPatent("ZL202110123456.7", "一种方法", reason="专利权已转让")]
    data = withdrawal_notice(CTX, patents, {"ZL202110123456.7": ["东海理工大学", "江南新能源科技股份有限公司"]},
                             reference="ZJ-2026-001", patentees=["东海理工大学", "江南新能源科技股份有限公司", "钱发明"],
                             people=frozenset({"钱发明"}), transferee="海港智能装备有限公司")
    text = document_text(data)
    assert "因专利权已转让给海港智能装备有限公司，申请撤回开放许可" in text and "原报送编号：ZJ-2026-001" in text
    assert "撤回已取得全体专利权人的书面同意。撤回前已经达成的专利实施许可，不受撤回影响。" in text
    assert "序号 | 专利号 | 专利名称 | 撤回原因 | 同意撤回的专利权人" in text
    assert "1 | ZL202110123456.7 | 一种方法 | 专利权已转让 | 东海理工大学、江南新能源科技股份有限公司" in text
    lines = text.splitlines()
    assert "专利权人：江南新能源科技股份有限公司（盖章）" in lines and "专利权人：钱发明（签字）" in lines
    assert "专利权人：东海理工大学（盖章）" not in lines and "东海理工大学（盖章）" in lines  # the office seals once
    assert not CODES.search(text) and a4(data)


def test_letters_print_whole_numbers_and_whole_seal_blocks():
    """Seen in LibreOffice: the cover letter's and the withdrawal notice's tables split the page evenly, broke every
    patent number over two lines, and the sender's seal and date could start a page of their own."""
    patents = [LetterPatent("ZL202110123456.7", "一种方法", "发明", "东海理工大学", reason="专利权已转让")]
    cover = Document(io.BytesIO(cover_letter(CTX, patents)))
    notice = Document(io.BytesIO(withdrawal_notice(CTX, patents, {"ZL202110123456.7": ["东海理工大学", "乙公司"]},
                                                   patentees=["东海理工大学", "乙公司"])))
    for doc in (cover, notice):
        print_checks.assert_tables_fit(doc)
        print_checks.assert_number_fits(doc.tables[0], 1, 10.5)
        paragraphs = doc.paragraphs
        start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("联系人："))
        print_checks.assert_kept_together(paragraphs[start:])       # contact, seal and date on one page
        assert paragraphs[-1].text.splitlines()[0] == "东海理工大学（盖章）"
    paragraphs = notice.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("专利权人：乙公司（盖章）"))
    print_checks.assert_kept_together(paragraphs[start:start + 1])  # the co-owner's seal block
    assert paragraphs[start].text.splitlines()[-1].startswith("日期：")


def test_notes_document_is_set_up_for_print():
    data = notes_document("许可使用费估算依据和方法", [("ZL202110123456.7　一种方法", "第一行\n第二行")], DAY)
    assert document_text(data).splitlines()[:3] == ["许可使用费估算依据和方法", "ZL202110123456.7　一种方法", "第一行"]
    assert a4(data)


def _report(kind, conclusion, claims="", no="PJ-1", day=date(2026, 5, 1)):
    return SimpleNamespace(kind=kind, conclusion=conclusion, claims=claims, report_no=no, report_date=day)


def test_table_row_says_what_the_bureau_reads():
    office = SimpleNamespace(contact_person="王老师", contact_phone="0571-87000000", contact_email="tto@x.cn",
                             address="东海市学府路18号")
    facts = PatentFacts(parse_application_number("202120123456.2"), title="一种电池包泄压防爆阀",
                        filing_date=date(2021, 3, 1), grant_date=date(2021, 9, 1), patentees=["东海理工大学"])
    record = SimpleNamespace(encumbrances=[
        EncumbranceValue("pledge", "东海银行", "Z-1", date(2025, 1, 1), None, True),
        EncumbranceValue("ordinary-licence", "甲公司", "", date(2024, 1, 1), date(2025, 12, 31))])  # ended
    terms = PricingTerms(PricingMode.ROYALTY, rate=3, base=RoyaltyBase.NET_SALES, term_months=36)
    row = table_row(1, facts, terms, [_report("evaluation-report", "favourable")], record, office, DAY)
    assert row["evaluation_report"] == ("专利权评价报告（编号PJ-1，2026年5月1日作出，初步结论：全部权利要求未发现存在不符合授予"
                                        "专利权条件的缺陷）")
    assert row["encumbrance"] == "质押（质权人书面同意）"
    assert row["contact_address"] == "东海市学府路18号" and row["patent_type"] == "实用新型"
    bad = table_row(1, facts, terms, [_report("evaluation-report", "unfavourable", claims="1-3")], None, office, DAY)
    assert bad["evaluation_report"].endswith("初步结论：权利要求1-3不符合授予专利权条件）")
    search = table_row(1, facts, terms, [_report("search-report", "favourable", no="")], None, office, DAY)
    assert search["evaluation_report"] == "检索分析报告（2026年5月1日作出，检索结论：未发现影响新颖性、创造性的对比文件）"
    for value in row.values():
        assert not (isinstance(value, str) and CODES.search(value)), value


def test_a_design_report_concludes_on_the_design_and_terms_end_on_the_expiry_day():
    """A design patent has no claims: its evaluation report concludes on the design. The term says the same
    专利权期限届满日 the contract and the declaration say."""
    office = SimpleNamespace(contact_person="", contact_phone="", contact_email="", address="")
    design = PatentFacts(parse_application_number("202130123456.8"), title="台灯", filing_date=date(2021, 3, 1),
                         grant_date=date(2021, 9, 1), patentees=["东海理工大学"])
    terms = PricingTerms(PricingMode.ROYALTY, rate=3, base=RoyaltyBase.NET_SALES, term_months=36)
    good = table_row(1, design, terms, [_report("evaluation-report", "favourable")], None, office, DAY)
    assert good["evaluation_report"] == ("专利权评价报告（编号PJ-1，2026年5月1日作出，初步结论：全部外观设计未发现存在不符合"
                                         "授予专利权条件的缺陷）")
    bad = table_row(1, design, terms, [_report("evaluation-report", "unfavourable", claims="设计2")], None, office, DAY)
    assert bad["evaluation_report"].endswith("初步结论：外观设计（设计2）不符合授予专利权条件）")
    for row in (good, bad):
        assert "权利要求" not in row["evaluation_report"]
    # filed before 2021-06-01: 10 years; the day as the declaration writes it
    assert good["licence_term"] == "36个月（自许可生效之日起计算，最长不超过专利权期限届满日2031年2月28日）"
    assert "有效期" not in good["licence_term"]
