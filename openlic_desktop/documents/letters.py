"""The letters that travel with a package: the cover letter (报送函) and the withdrawal notice (撤回函).

Built with python-docx (no template needed; an office that wants its letterhead can later give a docxtpl template).
Plain values in, reproducible .docx bytes out.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from openlic_desktop.documents import print_setup
from openlic_desktop.documents.date_lines import seal_block
from openlic_desktop.documents.ooxml import clean_text, reproducible
from openlic_desktop.domain.dates import zh_date

TYPE_ORDER = ("发明", "实用新型", "外观设计")   # the order types are named in: 发明、实用新型、外观设计
BLANK = "＿" * 12                               # an addressee not known yet, to be written in by hand


def type_breakdown(types: Sequence[str]) -> str:
    """"发明3件、实用新型1件" — the kinds in their official order, then any other label."""
    counts: dict[str, int] = {}
    for kind in types:
        counts[kind or "其他"] = counts.get(kind or "其他", 0) + 1
    order = [k for k in TYPE_ORDER if k in counts] + sorted(k for k in counts if k not in TYPE_ORDER)
    return "、".join(f"{k}{counts[k]}件" for k in order)


@dataclass(frozen=True)
class LetterPatent:
    patent_number: str
    title: str
    patent_type: str = ""          # Chinese label
    patentees: str = ""
    reason: str = ""               # withdrawal: why


@dataclass(frozen=True)
class LetterContext:
    bureau: str
    office: str
    day: date
    contact_person: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    address: str = ""
    batch_name: str = ""
    attachments: Sequence[str] = field(default_factory=tuple)  # what is enclosed, one line each


def _document():
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.language = "zh-CN"
    print_setup.docx_document(doc)
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "宋体")
    return doc


def _title(doc, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(clean_text(text))
    run.bold = True
    run.font.size = Pt(16)


def _table(doc, header: Sequence[str], rows: Sequence[Sequence[str]], widths_cm: tuple[float, ...]) -> None:
    """A bordered table in 10.5 pt with the given column widths (they fit A4 between the margins and keep a
    patent number on one line; python-docx's even split broke it over two)."""
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for c, text in enumerate(header):
        table.rows[0].cells[c].paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for c, text in enumerate(row):
            cells[c].paragraphs[0].add_run(clean_text(str(text)))
    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(10.5)
    print_setup.table_widths(table, widths_cm)


def _block(doc, lines: Sequence[str]):
    """Lines that stay on one page together (a patentee's seal block)."""
    return print_setup.kept_lines(doc.add_paragraph(), [clean_text(line) for line in lines])


def _sign(doc, ctx: LetterContext) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.add_paragraph()
    contact = [line for line in (f"联系人：{ctx.contact_person}", f"联系电话：{ctx.contact_phone}",
                                 f"电子邮箱：{ctx.contact_email}", f"通讯地址：{ctx.address}")
               if line.split("：", 1)[1]]
    # the sender's contact, seal and date on one page: a seal alone at the top of a page is not accepted
    if contact:
        _block(doc, contact).paragraph_format.keep_with_next = True
    _block(doc, [f"{ctx.office}（盖章）", zh_date(ctx.day)]).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _bytes(doc, day: date) -> bytes:
    doc.core_properties.author = "OpenLic Desktop"
    moment = datetime.combine(day, time())
    doc.core_properties.created = moment
    doc.core_properties.modified = moment
    doc.core_properties.last_modified_by = "OpenLic Desktop"
    buffer = io.BytesIO()
    doc.save(buffer)
    return reproducible(buffer.getvalue(), moment)


def cover_letter(ctx: LetterContext, patents: Sequence[LetterPatent]) -> bytes:
    """报送函: to the bureau, what is submitted and what is enclosed."""
    doc = _document()
    _title(doc, "关于报送专利开放许可信息的函")
    doc.add_paragraph(clean_text(f"{ctx.bureau or BLANK}："))
    breakdown = type_breakdown([p.patent_type for p in patents])
    batch = f"（{ctx.batch_name}）" if ctx.batch_name else ""
    doc.add_paragraph(clean_text(
        f"　　根据专利开放许可工作安排，{ctx.office}拟对以下{len(patents)}件专利（{breakdown}）实行开放许可{batch}。"
        "我单位已对上述专利的法律状态、权利负担及共有人意见进行核查，并承诺所提供信息真实、完整。"
        "现将专利许可信息表及相关材料报送贵局，请予审核。"))
    _table(doc, ("序号", "专利号", "专利名称", "类型", "专利权人"),
           [(str(i), p.patent_number, p.title, p.patent_type, p.patentees) for i, p in enumerate(patents, 1)],
           (1.1, 3.8, 4.1, 1.9, 3.7))
    if ctx.attachments:
        doc.add_paragraph("附件：")
        for i, line in enumerate(ctx.attachments, 1):
            doc.add_paragraph(clean_text(f"　　{i}. {line}"))
    _sign(doc, ctx)
    return _bytes(doc, ctx.day)


def withdrawal_notice(ctx: LetterContext, patents: Sequence[LetterPatent], consents: dict[str, Sequence[str]],
                      reference: str = "", patentees: Sequence[str] = (), people: frozenset[str] = frozenset(),
                      transferee: str = "") -> bytes:
    """撤回函: withdraw published open-licence offers. `consents`: patent number → the patentees who agreed to
    this withdrawal in writing (every one of them, listed by name); `patentees`: every patentee of the patents,
    each with a seal block (people sign instead); `transferee`: the patents were transferred to it."""
    doc = _document()
    _title(doc, "关于撤回专利开放许可的函")
    doc.add_paragraph(clean_text(f"{ctx.bureau or BLANK}："))
    ref = f"（原报送编号：{reference}）" if reference else ""
    why = f"因专利权已转让给{transferee}，" if transferee else "因下述原因，"
    doc.add_paragraph(clean_text(
        f"　　{ctx.office}此前报送并经贵局公开的下列{len(patents)}件专利{ref}，{why}申请撤回开放许可。"
        "撤回已取得全体专利权人的书面同意。撤回前已经达成的专利实施许可，不受撤回影响。"))
    _table(doc, ("序号", "专利号", "专利名称", "撤回原因", "同意撤回的专利权人"),
           [(str(i), p.patent_number, p.title, p.reason, "、".join(consents.get(p.patent_number, ())))
            for i, p in enumerate(patents, 1)],
           (1.1, 3.8, 3.2, 2.6, 3.9))
    doc.add_paragraph()
    for name in patentees:
        if name == ctx.office:
            continue  # the office seals the letter itself, below
        _block(doc, seal_block("专利权人", name, None, person=name in people))
    _sign(doc, ctx)
    return _bytes(doc, ctx.day)


def notes_document(title: str, sections: Sequence[tuple[str, str]], day: date) -> bytes:
    """Stored texts in one document (the fee-estimation notes 许可使用费估算说明): a title, then per section a
    heading kept with its text and one paragraph per non-blank line of the text."""
    doc = _document()
    _title(doc, title)
    for heading, text in sections:
        p = doc.add_paragraph()
        p.add_run(clean_text(heading)).bold = True
        p.paragraph_format.keep_with_next = True
        for line in text.splitlines():
            if line.strip():
                doc.add_paragraph(clean_text(line))
    return _bytes(doc, day)
