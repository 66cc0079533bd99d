"""The co-owner's consent letter (共有人同意书): one letter per co-owner for every patent it shares with the office.

A co-owner signs once for all its patents, instead of once per patent. Built with the letter machinery of
documents/letters.py (the same A4 layout, fonts and reproducible bytes). Plain values in, .docx bytes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openlic_desktop.documents.date_lines import seal_block
from openlic_desktop.documents.letters import _block, _bytes, _document, _table, _title
from openlic_desktop.documents.ooxml import clean_text


@dataclass(frozen=True)
class SharedPatent:
    patent_number: str      # ZL…
    title: str
    patent_type: str        # Chinese label
    patentees: str          # every patentee, joined with 、


def consent_letter(owner: str, office: str, bureau: str, patents: Sequence[SharedPatent], day: date, *,
                   person: bool = False) -> bytes:
    """同意书 of `owner` that `office` offers these jointly held patents for open licensing and files for them.
    `person`: the co-owner is a natural person, who agrees for himself (本人) and signs, where an organisation
    agrees after deliberation (经本单位研究) and seals."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _document()
    _title(doc, "专利开放许可共有人同意书")
    doc.add_paragraph(clean_text(f"{bureau or '知识产权局'}："))
    agrees, confirms = ("本人同意", "本人确认") if person else ("经本单位研究，同意", "本单位确认")
    doc.add_paragraph(clean_text(
        f"　　{owner}系下列{len(patents)}件专利的共同专利权人。{agrees}{office or '共同专利权人'}"
        "将下列专利实行开放许可，许可使用费支付方式、标准和许可期限以报送的专利许可信息为准，"
        f"并同意由{office or '共同专利权人'}办理申报、报送及后续撤回等相关手续。"
        f"{confirms}对上述专利享有的权利无争议，在开放许可期间不另行给予独占许可或排他许可。"))
    _table(doc, ("序号", "专利号", "专利名称", "专利类型", "全体专利权人"),
           [(str(i), p.patent_number, p.title, p.patent_type, p.patentees) for i, p in enumerate(patents, 1)],
           (1.1, 3.8, 4.1, 1.9, 3.7))
    doc.add_paragraph()
    # the seal, the signature and the date on one page: a seal alone at the top of a page is not accepted
    _block(doc, seal_block("共同专利权人", owner, day, person=person)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _bytes(doc, day)
