"""One fact, one wording: the licence term reads the same in every document of a package — the declaration, the
patentees' consent to it, the fee-estimation note attached to it, the entry sheet typed into CNIPA's form and the
bureau's information table — with its day as Chinese texts write it, never as 2041-07-03."""

from __future__ import annotations

import io
import re
from datetime import date
from types import SimpleNamespace

import openpyxl
import pytest
from docx import Document

from openlic_desktop.documents import declarations as decl_docs
from openlic_desktop.domain import fee_notes
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.domain.pricing_words import terms_in_words
from openlic_desktop.services.export import table_row

TODAY = date(2026, 12, 7)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DIGITS = "202110576874"
FACTS = PatentFacts(parse_application_number(f"{DIGITS}.{check_character(DIGITS)}"),
                    title="一种轻量化卷积神经网络的模型压缩方法", filing_date=date(2021, 7, 4),
                    grant_date=date(2025, 3, 12), patentees=["东海理工大学"], industry="软件和信息技术服务业")
MONTHS = PricingTerms(PricingMode.LUMP_SUM, amount=200000, term_months=24)
UNTIL_EXPIRY = PricingTerms(PricingMode.FREE, term_months=174, until_expiry=True)
STATED = {
    MONTHS: "24个月（自许可生效之日起计算，最长不超过专利权期限届满日2041年7月3日）",
    UNTIL_EXPIRY: "自许可生效之日起至专利权期限届满日（2041年7月3日）止",
}


def _text(terms: PricingTerms) -> decl_docs.DeclarationText:
    words = terms_in_words(terms, expiry=FACTS.expiry_date)
    return decl_docs.DeclarationText(
        patent_number=FACTS.number.patent_number, title=FACTS.title, patent_type="发明",
        filing_date=FACTS.filing_date, grant_date=FACTS.grant_date, expiry=FACTS.expiry_date, patentees=[],
        mode=words.mode, standard=words.standard, term=words.term, term_until_expiry=words.until_expiry)


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


@pytest.mark.parametrize("terms", [MONTHS, UNTIL_EXPIRY], ids=["months", "until-expiry"])
def test_every_document_states_the_term_in_the_declarations_words(terms):
    stated = STATED[terms]
    text = _text(terms)
    declaration = _docx_text(decl_docs.declaration_docx(text, TODAY))
    assert f"许可期限：{stated}" in declaration
    consent = _docx_text(decl_docs.consent_docx(text, TODAY))
    assert f"许可期限为{stated}，" in consent
    entry = openpyxl.load_workbook(io.BytesIO(decl_docs.entry_sheet([decl_docs.EntryRow(text)], TODAY))).active
    heads = [c.value for c in entry[1]]
    assert entry.cell(2, heads.index("许可期限") + 1).value == stated
    note = fee_notes.draft(FACTS, terms, "royalty-rate", {"common_rate": "3"})
    assert f"许可期限为{stated}；" in note
    office = SimpleNamespace(contact_person="", contact_phone="", contact_email="", address="")
    assert table_row(1, FACTS, terms, [], None, office, TODAY)["licence_term"] == stated
    for document in (declaration, consent, note, stated):
        assert not ISO_DAY.search(document), document
