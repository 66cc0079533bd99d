"""The blocker gate every patent document passes: refused with the facts named, or drafted on an explicit override
that puts the blockers on the first page and in the audit trail. Real SQLite workspace, real .docx files."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from sqlalchemy import select

from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.documents.override_notice import with_cover
from openlic_desktop.domain.blocker_override import (
    FACT_BLOCKERS,
    BlockedPatent,
    Override,
    blocking,
    cover_lines,
    gate,
)
from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.services import document_gate, encumbrances
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.models import AuditRecord
from openlic_desktop.support.errors import InputError, OpenLicError

N1, N2 = "202110123456.7", "201710601862.3"
TODAY = date(2026, 11, 26)
OVERRIDE = Override("王老师", "质押解除前先行起草，供共有人核对", TODAY)


def blocked(number: str = N1) -> BlockedPatent:
    return BlockedPatent(number, ("EXCLUSIVE_LICENCE",), ("许可期限内存在独占许可（甲公司，至2027-12-31）",))


def test_nothing_blocked_passes_without_override():
    assert gate("contract", [], None) == ()
    assert gate("contract", [BlockedPatent(N1, (), ())], None) == ()


def test_blocked_without_override_is_refused_naming_patent_and_fact():
    with pytest.raises(OpenLicError) as err:
        gate("commitment_letter", [blocked(), blocked(N2)], None)
    exc = err.value
    assert exc.code == "DOCUMENT_BLOCKED"
    assert exc.params["count"] == 2 and exc.params["number"] == "ZL" + N1
    assert exc.params["codes"] == "EXCLUSIVE_LICENCE"
    zh = exc.message("zh")
    assert "承诺函" in zh and "独占许可" in zh and "--override-blockers" in zh
    assert "commitment letter" in exc.message("en")


def test_override_returns_the_blocked_patents_and_needs_a_reason():
    assert gate("contract", [blocked()], OVERRIDE) == (blocked(),)
    with pytest.raises(InputError) as err:
        Override("王老师", "  ", TODAY)
    assert err.value.code == "OVERRIDE_REASON_MISSING"
    with pytest.raises(ValueError):
        gate("memo", [blocked()], OVERRIDE)


def test_only_facts_block_a_document_not_the_offices_own_steps():
    findings = [Finding("NOT_SIGNED_OFF", Severity.BLOCKER), Finding("PLEDGE_WITHOUT_CONSENT", Severity.BLOCKER),
                Finding("FEE_IN_GRACE", Severity.WARNING), Finding("COMMITMENTS_INCOMPLETE", Severity.BLOCKER)]
    assert [f.code for f in blocking(findings)] == ["PLEDGE_WITHOUT_CONSENT"]
    assert [f.code for f in blocking(findings, frozenset({"NOT_SIGNED_OFF"}))] == ["NOT_SIGNED_OFF"]
    assert "NOT_SIGNED_OFF" not in FACT_BLOCKERS and "EXCLUSIVE_LICENCE" in FACT_BLOCKERS


def _docx(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_cover_comes_first_in_words_and_keeps_the_document():
    lines = cover_lines("许可合同", [blocked()], OVERRIDE)
    data = with_cover(_docx("专利开放许可合同", "第一条　许可专利"), lines)
    text = document_text(data).splitlines()
    assert text[0] == "起草说明"
    assert "王老师于2026年11月26日明确指示" in text[1] and "质押解除前先行起草" in text[1]
    # the finding's day as the document's other days are written
    assert text[2] == "ZL202110123456.7：许可期限内存在独占许可（甲公司，至2027年12月31日）"
    assert text.index("专利开放许可合同") > 2 and "第一条　许可专利" in text
    assert "EXCLUSIVE_LICENCE" not in "\n".join(text)
    body = Document(io.BytesIO(data)).element.body
    assert body.xpath(".//w:br[@w:type='page']"), "the cover is a page of its own"
    plain = _docx("x")
    assert with_cover(plain, []) is plain


def _add(ws, number: str, patentees=("示例大学",)) -> int:
    facts = PatentFacts(parse_application_number(number), title="一种测试装置", filing_date=date(2021, 1, 15),
                        grant_date=date(2022, 3, 8), status=Status.IN_FORCE, patentees=list(patentees),
                        fees_paid_until=date(2027, 1, 14))
    with ws.session() as session:
        patent_repo.insert_many(session, [facts])
        return patent_repo.ids_by_number(session, [number])[number]


def _audit(ws) -> list[tuple]:
    with ws.reading() as session:
        return list(session.execute(
            select(AuditRecord.entity_key, AuditRecord.field, AuditRecord.old, AuditRecord.new, AuditRecord.user,
                   AuditRecord.entity_id).where(AuditRecord.action == "override-blockers")))


def test_service_gate_reads_the_record_and_audits_an_override(ws, tmp_path):
    clean, pledged = _add(ws, N1), _add(ws, N2)
    encumbrances.add_encumbrance(ws, N2, "pledge", "某银行", "Z2026-1", date(2025, 1, 1), None, False)
    assert document_gate.gate(ws, [clean], "contract", None) == ()
    with pytest.raises(OpenLicError) as err:
        document_gate.gate(ws, [clean, pledged], "contract", None)
    assert err.value.params["number"] == "ZL" + N2 and "某银行" in err.value.params["facts"]

    found = document_gate.gate(ws, [clean, pledged], "contract", OVERRIDE)
    assert [b.application_number for b in found] == [N2] and found[0].codes == ("PLEDGE_WITHOUT_CONSENT",)
    out = tmp_path / "c.docx"
    with document_gate.recorded(ws, "contract", found, OVERRIDE, written=[out]):
        out.write_bytes(b"x")
    assert _audit(ws) == [(N2, "contract", "PLEDGE_WITHOUT_CONSENT", OVERRIDE.reason, "王老师", pledged)]


def test_a_failed_write_leaves_neither_file_nor_record(ws, tmp_path):
    pledged = _add(ws, N2)
    encumbrances.add_encumbrance(ws, N2, "pledge", "某银行", "Z2026-1", date(2025, 1, 1), None, False)
    found = document_gate.gate(ws, [pledged], "commitment_letter", OVERRIDE)
    out = tmp_path / "letter.docx"
    with pytest.raises(OSError), document_gate.recorded(ws, "commitment_letter", found, OVERRIDE, written=[out]):
        out.write_bytes(b"half")
        raise OSError("disk full")
    assert not out.exists() and _audit(ws) == []
