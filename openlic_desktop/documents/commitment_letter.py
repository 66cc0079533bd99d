"""The commitment letter (承诺函): to the bureau, the complete list of promises, the patents, a seal block per patentee.

Plain values in (no database), a python-docx Document out; the package builder and the letter service save it.
The promises are the profile's items in words — never their codes — chosen by domain.commitments: the co-owners'
consent only where there are co-owners, the evaluation report only where a utility model or design is listed.
One letter is sealed by exactly the patentees it names (the services make one per patentee set).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from openlic_desktop.documents import print_setup
from openlic_desktop.documents.date_lines import seal_block, signers
from openlic_desktop.documents.ooxml import clean_text, reproducible
from openlic_desktop.domain.commitments import letter_promises
from openlic_desktop.domain.profiles import Commitment

TYPE_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}
TYPE_ORDER = ("invention", "utility_model", "design")   # 发明、实用新型、外观设计
FONT = "宋体"
BLANK = "＿" * 12
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class LetterPatent:
    application_number: str
    title: str
    patent_type: str              # invention | utility_model | design
    patentees: tuple[str, ...]
    search_report_only: bool = False   # a utility model or design whose report on file is a 检索分析报告


def all_patentees(patents: Sequence[LetterPatent]) -> list[str]:
    """Every patentee once, in order of first appearance: each must seal or sign."""
    return signers(name for p in patents for name in p.patentees)


def _font(run, size: float = 12, bold: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(fonts)
    fonts.set(qn("w:eastAsia"), FONT)


def _para(doc, text: str = "", size: float = 12, bold: bool = False, align=None, space_after: float = 6,
          indent: bool = False):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.line_spacing = 1.3
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(24)
    if text:
        _font(paragraph.add_run(clean_text(text)), size, bold)
    return paragraph


def _ordinal(index: int) -> str:
    if index <= 10:
        return _NUMERALS[index - 1]
    return ("" if index < 20 else _NUMERALS[index // 10 - 1]) + "十" + (_NUMERALS[index % 10 - 1] if index % 10 else "")


def build_commitment_letter(patents: Sequence[LetterPatent], commitments: Sequence[Commitment], *,
                            bureau: str = "", on: date | None = None, people: frozenset[str] = frozenset()):
    """A python-docx Document. `commitments`: the profile's items; `bureau`: the addressee's full name (blank
    lines when unknown); `people`: patentees who are natural persons (they sign instead of sealing)."""
    if not patents:
        raise ValueError("a commitment letter needs at least one patent")
    ordered = sorted(patents, key=lambda p: (TYPE_ORDER.index(p.patent_type) if p.patent_type in TYPE_ORDER
                                            else len(TYPE_ORDER), p.application_number))
    holders = all_patentees(ordered)
    promises = letter_promises(commitments, has_coowners=any(len(p.patentees) > 1 for p in ordered),
                               needs_report=any(p.patent_type in ("utility_model", "design") for p in ordered),
                               search_report=any(p.search_report_only for p in ordered))
    doc = Document()
    _para(doc, "专利开放许可承诺函", 18, True, WD_ALIGN_PARAGRAPH.CENTER, 12)
    _para(doc, f"{bureau.strip() or BLANK}：")
    counts = [f"{TYPE_ZH[k]}专利{n}件" for k in TYPE_ORDER if (n := sum(p.patent_type == k for p in ordered))]
    _para(doc, f"{'、'.join(holders)}作为下列{len(ordered)}件专利（{'、'.join(counts)}）的专利权人，自愿对下列专利"
               "实行开放许可，并郑重承诺：", indent=True)
    for index, text in enumerate(promises, start=1):
        _para(doc, f"（{_ordinal(index)}）{text}{'。' if index == len(promises) else '；'}", indent=True)
    _para(doc, "如违反上述承诺，承诺人愿意承担相应的法律责任。", indent=True, space_after=12)

    _para(doc, "专利清单", 12, True)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("序号", "专利号", "专利名称", "专利类型", "专利权人"), strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), 10.5, True)
    for index, p in enumerate(ordered, start=1):
        cells = table.add_row().cells
        values = (str(index), "ZL" + p.application_number, p.title, TYPE_ZH.get(p.patent_type, p.patent_type),
                  "、".join(p.patentees))
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(clean_text(text)), 10.5)
    # fits A4 between the margins (14.6 cm) with the patent number on one line
    print_setup.table_widths(table, (1.1, 3.8, 4.2, 1.7, 3.8))

    _para(doc, "", space_after=12)
    for name in holders:
        lines = seal_block("承诺人（专利权人）", name, on, person=name in people)
        # a patentee's seal block is never split over two pages
        print_setup.kept_lines(_para(doc, space_after=14), [clean_text(line) for line in lines],
                               lambda run, index: _font(run, 12, index == 0))
    doc.core_properties.title = "专利开放许可承诺函"
    doc.core_properties.language = "zh-CN"
    return print_setup.docx_document(doc)


def letter_bytes(doc, day: date) -> bytes:
    """The letter's .docx bytes, byte-reproducible for the same day."""
    moment = datetime.combine(day, time())
    doc.core_properties.created = moment
    doc.core_properties.modified = moment
    doc.core_properties.author = "OpenLic Desktop"
    doc.core_properties.last_modified_by = "OpenLic Desktop"
    buffer = io.BytesIO()
    doc.save(buffer)
    return reproducible(buffer.getvalue(), moment)
