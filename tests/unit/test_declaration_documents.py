"""The declaration's documents read as a CNIPA clerk reads them: every field, every patentee's seal block, the
terms in words, A4 and zh-CN, no internal code — opened with python-docx and openpyxl."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import openpyxl
from docx import Document

from openlic_desktop.documents import declarations as docs
from openlic_desktop.documents import print_setup
from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.domain.declarations import PROMISES, Patentee

DAY = date(2026, 11, 26)
PATENTEES = [Patentee("浙江示范大学", "uscc", "12330000470003281K"), Patentee("示范科技有限公司", "", "")]
TEXT = docs.DeclarationText(
    patent_number="ZL202110123456.7", title="一种锂电池正极材料的制备方法", patent_type="发明",
    filing_date=date(2021, 3, 10), grant_date=date(2023, 5, 1), expiry=date(2041, 3, 9), patentees=PATENTEES,
    mode="入门费加提成支付（按年支付）", standard="入门费5万元，另按利润的2%提成", term="36个月",
    other_terms="许可人提供必要的技术资料", promises=[p[1] for p in PROMISES], contact_person="王老师",
    contact_phone="0571-88880000", contact_email="tto@example.edu.cn", contact_address="杭州市西湖区示范路1号",
    agency_name="杭州示范专利代理事务所", agency_code="33100",
    attachments=["全体专利权人同意书", "许可使用费估算依据和方法说明", "专利代理委托书"])
# internal codes that must never reach a document: rule codes, enum values, our state tokens, promise codes
CODE = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?:entry_plus_royalty|net_sales|lump_sum|decl_\w+|P[1-6]|"
                  r"statutory|draft|cnipa-online|via-bureau)\b")


def _doc(data: bytes):
    return Document(io.BytesIO(data))


def _assert_a4_zh(data: bytes) -> None:
    doc = _doc(data)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.left_margin.twips == print_setup.MARGINS_TWIPS["left"]
    assert f'w:eastAsia="{print_setup.LANGUAGE}"' in doc.styles.element.xml


def test_the_declaration_says_everything_rule_85_asks_for():
    data = docs.declaration_docx(TEXT, DAY)
    text = document_text(data)
    for expected in ("专利开放许可声明", "国家知识产权局：", "第五十条", "第八十五条", "专利号：ZL202110123456.7",
                     "专利名称：一种锂电池正极材料的制备方法", "专利类型：发明", "申请日：2021年3月10日",
                     "授权公告日：2023年5月1日", "专利权期限届满日：2041年3月9日", "专利权人（共2个）",
                     "12330000470003281K", "统一社会信用代码", "代理机构名称：杭州示范专利代理事务所",
                     "代理机构代码：33100", "许可方式：普通许可", "许可使用费支付方式：入门费加提成支付（按年支付）",
                     "许可使用费支付标准：入门费5万元，另按利润的2%提成", "许可期限：36个月（自许可生效之日起计算，",
                     "最长不超过专利权期限届满日2041年3月9日", "许可地域范围：中国境内",
                     "其他需要明确的事项：许可人提供必要的技术资料", "四、许可人承诺", "联系人：王老师",
                     "联系电话：0571-88880000", "电子邮箱：tto@example.edu.cn", "通讯地址：杭州市西湖区示范路1号",
                     "1. 全体专利权人同意书", "3. 专利代理委托书"):
        assert expected in text, expected
    for _code, promise, _en in PROMISES:
        assert promise in text
    # a seal block for every patentee; an unknown identity number is asked for, not left blank
    for p in PATENTEES:
        assert f"专利权人：{p.name}（签章）" in text
    assert text.count("法定代表人或者授权代表（签字）") == 2 and "（待补充）" in text
    assert not CODE.search(text), CODE.search(text)
    # the term runs from the licence, as in the contract and the information table: never from a payment, which a
    # free licence, a free first year or a trial does not begin with
    assert "支付许可使用费之日起" not in text
    _assert_a4_zh(data)


def test_without_an_agency_and_other_terms_it_says_so():
    from dataclasses import replace

    text = document_text(docs.declaration_docx(replace(TEXT, agency_name="", agency_code="", other_terms=""), DAY))
    assert "未委托专利代理机构。" in text and "其他需要明确的事项：无" in text


def test_same_values_same_bytes():
    assert docs.declaration_docx(TEXT, DAY) == docs.declaration_docx(TEXT, DAY)


def test_consent_of_every_patentee():
    data = docs.consent_docx(TEXT, DAY)
    text = document_text(data)
    assert "全体专利权人同意书" in text and "其专利权人为浙江示范大学、示范科技有限公司（共2个）" in text
    assert "支付标准为入门费5万元，另按利润的2%提成" in text and "许可地域范围为中国境内" in text
    assert text.count("（签章）") == 2 and not CODE.search(text)
    _assert_a4_zh(data)


def test_fee_note_document_keeps_the_office_text():
    note = ("专利“一种锂电池正极材料的制备方法”（专利号ZL202110123456.7）许可使用费估算依据和方法\n\n"
            "一、估算方法：依据通常的提成比例估算。\n二、估算依据：本领域通常的提成比例约为2%。")
    text = document_text(docs.fee_note_docx("ZL202110123456.7", TEXT.title, note, DAY))
    assert text.startswith("许可使用费估算依据和方法说明") and "一、估算方法：依据通常的提成比例估算。" in text
    assert text.count("ZL202110123456.7") == 1  # the note's own heading line is not repeated


def test_withdrawal_names_every_patentee_who_agrees():
    w = docs.WithdrawalText("ZL202110123456.7", TEXT.title, PATENTEES, date(2026, 9, 1), "第2026-35期", "专利权拟转让。")
    data = docs.withdrawal_docx(w, DAY)
    text = document_text(data)
    assert "撤回专利开放许可声明" in text and "已于2026年9月1日公告（第2026-35期）" in text
    assert "因专利权拟转让，全体专利权人同意撤回" in text and "第五十条第二款" in text
    assert "不影响在先给予的开放许可的效力" in text
    for p in PATENTEES:
        assert f"同意撤回的专利权人：{p.name}（签章）" in text
    assert not CODE.search(text)
    _assert_a4_zh(data)


def test_an_override_puts_the_blockers_on_the_first_page():
    from dataclasses import replace

    cover = ["起草说明", "下列专利存在……", "ZL202110123456.7：年费未按规定缴纳"]
    doc = _doc(docs.declaration_docx(replace(TEXT, cover=cover), DAY))
    first = [p.text for p in doc.paragraphs[:4]]
    assert first[0] == "起草说明" and "年费未按规定缴纳" in first[2]


def test_entry_sheet_in_the_form_order_text_only_and_printable():
    from dataclasses import replace

    risky = replace(TEXT, other_terms="=HYPERLINK(\"http://x\")")
    data = docs.entry_sheet([docs.EntryRow(TEXT, ("专利开放许可声明.docx",)), docs.EntryRow(risky)], DAY)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["录入表"]
    header = [c.value for c in sheet[1]]
    assert header == [h for h, _k, _w in docs.ENTRY_COLUMNS]
    assert header[:5] == ["序号", "专利号", "专利名称", "专利类型", "专利权人"]
    assert header.index("许可使用费支付方式") < header.index("许可使用费支付标准") < header.index("许可期限") \
        < header.index("其他需要明确的事项") < header.index("联系人")
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["专利号"] == "ZL202110123456.7" and row["专利权人"] == "浙江示范大学；示范科技有限公司"
    assert row["专利权人证件号码"] == "浙江示范大学：12330000470003281K；示范科技有限公司：（待补充）"
    assert row["许可使用费支付标准"] == "入门费5万元，另按利润的2%提成" and row["附件"] == "专利开放许可声明.docx"
    formula_cell = sheet.cell(3, header.index("其他需要明确的事项") + 1)
    assert formula_cell.data_type == "s" and formula_cell.value.startswith("=HYPERLINK")
    assert formula_cell.quotePrefix
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$1:$1" and sheet.print_options.gridLines


def test_declaration_documents_print_whole_identity_numbers_and_seal_blocks():
    """Printed through LibreOffice, a co-owned declaration's last patentee lost its date line to a page of its own,
    and the patentee table's even columns broke the unified social credit code over two lines."""
    import print_checks

    w = docs.WithdrawalText("ZL202110123456.7", TEXT.title, PATENTEES, date(2026, 9, 1), "第2026-35期", "专利权拟转让。")
    for data, role in ((docs.declaration_docx(TEXT, DAY), "专利权人"), (docs.consent_docx(TEXT, DAY), "专利权人"),
                       (docs.withdrawal_docx(w, DAY), "同意撤回的专利权人")):
        doc = _doc(data)
        print_checks.assert_tables_fit(doc)
        table = doc.tables[-1]
        assert table.rows[1].cells[3].text == "12330000470003281K"
        print_checks.assert_number_fits(table, 3, 10.5, chars=18)
        for p in PATENTEES:
            block = [x for x in doc.paragraphs if x.text.startswith(f"{role}：{p.name}（签章）")]
            assert len(block) == 1, p.name
            print_checks.assert_kept_together(block)
            # as the letters write it: no underscored blank after the colon
            assert block[0].text.splitlines()[1:] == ["法定代表人或者授权代表（签字）：", "日期：　　　　年　　月　　日"]


def test_a_patentee_who_is_a_person_signs_without_a_signatory():
    """A natural person (the book holds a resident ID) signs (签字) the declaration, the consent and the
    withdrawal himself: no 法定代表人 line under his name; an organisation still seals with its signatory."""
    person = Patentee("张伟", "resident_id", "11010519491231002X")
    both = [PATENTEES[0], person]
    texts = [document_text(docs.declaration_docx(replace(TEXT, patentees=both), DAY)),
             document_text(docs.consent_docx(replace(TEXT, patentees=both), DAY)),
             document_text(docs.withdrawal_docx(docs.WithdrawalText("ZL202110123456.7", TEXT.title, both,
                                                                    date(2026, 9, 1), "", "专利权拟转让。"), DAY))]
    for text in texts:
        assert "张伟（签字）" in text and "张伟（签章）" not in text and f"{PATENTEES[0].name}（签章）" in text
        assert text.count("法定代表人或者授权代表（签字）") == 1
