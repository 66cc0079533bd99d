"""The commitment letter (承诺函): the patents, the profile's commitments, a seal/signature block per patentee.

Plain values in (no database, no profile object needed), a .docx out, written atomically: the issue-6 package
builder calls `write_commitment_letter` directly. Built with python-docx (a fixed, simple layout; no template).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from openlic_desktop.support.files import atomic_path

TYPE_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}
FONT = "宋体"


@dataclass(frozen=True)
class LetterPatent:
    application_number: str
    title: str
    patent_type: str              # invention | utility_model | design (or already a Chinese label)
    patentees: tuple[str, ...]


def all_patentees(patents: Sequence[LetterPatent]) -> list[str]:
    """Every patentee once, in order of first appearance: each must seal or sign."""
    seen: dict[str, None] = {}
    for p in patents:
        for name in p.patentees:
            if name.strip():
                seen.setdefault(name.strip(), None)
    return list(seen)


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


def _para(doc, text: str = "", size: float = 12, bold: bool = False, align=None, space_after: float = 6):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        _font(paragraph.add_run(text), size, bold)
    return paragraph


def build_commitment_letter(patents: Sequence[LetterPatent], commitments: Sequence[tuple[str, str]], *,
                            bureau: str = "", on: date | None = None):
    """A python-docx Document. `commitments`: (code, Chinese text) in the profile's order."""
    if not patents:
        raise ValueError("a commitment letter needs at least one patent")
    doc = Document()
    _para(doc, "专利开放许可承诺函", 18, True, WD_ALIGN_PARAGRAPH.CENTER, 12)
    _para(doc, f"{bureau or '国家知识产权局'}：")
    holders = all_patentees(patents)
    _para(doc, f"    我方（{'、'.join(holders)}）作为下列 {len(patents)} 件专利的专利权人，自愿就其实行开放许可，"
               "并郑重承诺如下：")
    for index, (code, text) in enumerate(commitments, start=1):
        _para(doc, f"    {index}. {text}（{code}）")
    _para(doc, "    如有违反，我方愿承担相应法律责任。", space_after=12)

    _para(doc, "专利清单", 12, True)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("序号", "专利号", "专利名称", "类型", "专利权人"), strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), 10.5, True)
    for index, p in enumerate(patents, start=1):
        cells = table.add_row().cells
        values = (str(index), "ZL" + p.application_number, p.title, TYPE_ZH.get(p.patent_type, p.patent_type),
                  "；".join(p.patentees))
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), 10.5)

    _para(doc, "", space_after=12)
    for name in holders:
        _para(doc, f"专利权人：{name}", 12, True, space_after=2)
        _para(doc, "（盖章）", space_after=2)
        _para(doc, "法定代表人或授权代表（签字）：____________________", space_after=2)
        when = on.strftime("%Y 年 %m 月 %d 日") if on else "______ 年 ____ 月 ____ 日"
        _para(doc, f"日期：{when}", space_after=14)
    return doc


def write_commitment_letter(target: str | Path, patents: Sequence[LetterPatent],
                            commitments: Sequence[tuple[str, str]], *, bureau: str = "",
                            on: date | None = None) -> Path:
    """Write the letter to `target` (.docx) atomically; returns the path."""
    doc = build_commitment_letter(patents, commitments, bureau=bureau, on=on)
    target = Path(target)
    with atomic_path(target, suffix=".docx") as tmp:
        doc.save(str(tmp))
    return target
