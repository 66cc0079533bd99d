"""The documents of the statutory declaration (domain.md §10), built with python-docx and xlsxwriter:

- 专利开放许可声明 (one per patent): the patent and every patentee with its identity document; the agency, if any;
  the licence terms (payment mode and standard, term, territory 中国境内, other terms); the licensor's promises;
  the contact; the attachments; a signature and seal block for every patentee;
- 全体专利权人同意书 (one per patent): every patentee agrees to the declaration and its terms, each sealing;
- 许可使用费估算依据和方法说明 (one per patent): the note the office wrote;
- 撤回专利开放许可声明 (one per patent): the withdrawal, its reason, the patentees who agree to it;
- 录入表.xlsx: one row per declaration, the columns in the order of the online form, for copying into CNIPA's
  专利业务办理系统 instead of retyping.

A4 portrait in zh-CN as every document of the app (documents/print_setup.py), 宋体. Plain values in (no database), reproducible bytes out: the same values and day give the same file.
No internal codes reach a document: the terms come in words (domain.pricing_words), states and kinds as Chinese.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from openlic_desktop.documents import print_setup
from openlic_desktop.documents.date_lines import seal_block
from openlic_desktop.documents.ooxml import clean_text, looks_like_formula, reproducible
from openlic_desktop.domain import fee_notes
from openlic_desktop.domain.dates import zh_date
from openlic_desktop.domain.declarations import ID_KIND_ZH, TERRITORY, Patentee
from openlic_desktop.domain.pricing_words import term_as_stated

FONT = "宋体"
HEADING_FONT = "黑体"


@dataclass(frozen=True)
class DeclarationText:
    """Everything one declaration prints, in words."""

    patent_number: str                     # ZL…
    title: str
    patent_type: str                       # 发明 / 实用新型 / 外观设计
    filing_date: date | None
    grant_date: date | None
    expiry: date | None                    # 专利权期限届满日 (the last day in force)
    patentees: Sequence[Patentee]
    mode: str                              # 许可使用费支付方式
    standard: str                          # 许可使用费支付标准
    term: str                              # 36个月, or 至专利权期限届满日（…）止
    other_terms: str = ""
    territory: str = TERRITORY
    promises: Sequence[str] = ()
    contact_person: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_address: str = ""
    agency_name: str = ""
    agency_code: str = ""
    attachments: Sequence[str] = ()        # what goes with it, one line each
    cover: Sequence[str] = ()              # an override's notice (domain.blocker_override.cover_lines), or ()
    term_until_expiry: bool = False        # the term already names the expiry day as its end

    @property
    def term_stated(self) -> str:
        """The term in the words every document of the package uses (domain.pricing_words.term_as_stated)."""
        return term_as_stated(self.term, self.term_until_expiry, self.expiry)


@dataclass(frozen=True)
class WithdrawalText:
    patent_number: str
    title: str
    patentees: Sequence[Patentee]
    announced_on: date | None
    announcement: str
    reason: str
    cover: Sequence[str] = ()


# --- python-docx plumbing ---------------------------------------------------------------------------------------

def _document():
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = print_setup.docx_document(Document())  # A4, the margins and zh-CN every document of the app has
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(4)
    style.paragraph_format.line_spacing = 1.25
    return doc


def _run(paragraph, text: str, *, bold: bool = False, size: float | None = None, font: str | None = None):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(clean_text(text))
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _title(doc, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, text, bold=True, size=18, font=HEADING_FONT)


def _heading(doc, text: str) -> None:
    _run(doc.add_paragraph(), text, bold=True, font=HEADING_FONT)


def _para(doc, text: str, indent: bool = True):
    from docx.shared import Pt

    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(24)
    _run(p, text)
    return p


def _field(doc, label: str, value: str) -> None:
    p = doc.add_paragraph()
    _run(p, f"{label}：", bold=True)
    _run(p, value or "无")


def _table(doc, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _run(cell.paragraphs[0], text, bold=True, size=10.5)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _run(cell.paragraphs[0], str(text), size=10.5)
    # the patentees' table: fixed widths within the margins that keep 统一社会信用代码 and an 18-character code
    # on one line (an even split broke it over two)
    print_setup.table_widths(table, (1.2, 4.9, 3.7, 4.8))


def _patentee_rows(patentees: Sequence[Patentee]) -> list[tuple[str, str, str, str]]:
    return [(str(i), p.name, ID_KIND_ZH.get(p.id_kind, "") or "（待补充）", p.id_number or "（待补充）")
            for i, p in enumerate(patentees, 1)]


def _seal_blocks(doc, patentees: Sequence[Patentee], day: date | None, role: str = "专利权人") -> None:
    doc.add_paragraph()
    for p in patentees:
        # one paragraph kept together: a seal block is never split over two pages (LibreOffice does not carry a
        # chain of paragraphs kept with the next over a page break)
        para = doc.add_paragraph()
        named = f"{role}：{p.name}"
        first, *rest = seal_block(role, p.name, day, person=p.is_person, seal="（签章）")
        _run(para, named, bold=True)
        for line in (first[len(named):], *rest[:-1]):
            _run(para, line).add_break()
        _run(para, rest[-1])
        para.paragraph_format.keep_together = True
        doc.add_paragraph()


def _bytes(doc, day: date, cover: Sequence[str] = ()) -> bytes:
    moment = datetime.combine(day, time())
    doc.core_properties.author = "OpenLic Desktop"
    doc.core_properties.last_modified_by = "OpenLic Desktop"
    doc.core_properties.created = moment
    doc.core_properties.modified = moment
    doc.core_properties.language = "zh-CN"
    buffer = io.BytesIO()
    doc.save(buffer)
    data = buffer.getvalue()
    if cover:
        from openlic_desktop.documents.override_notice import with_cover

        data = with_cover(data, cover)
    return reproducible(data, moment)


# --- the documents ----------------------------------------------------------------------------------------------

def declaration_docx(d: DeclarationText, day: date, signed_on: date | None = None) -> bytes:
    """专利开放许可声明 for one patent."""
    doc = _document()
    _title(doc, "专利开放许可声明")
    _para(doc, "国家知识产权局：", indent=False)
    _para(doc, "根据《中华人民共和国专利法》第五十条和《中华人民共和国专利法实施细则》第八十五条的规定，"
               "专利权人声明愿意许可任何单位或者个人实施下列专利，许可使用费支付方式、标准和许可期限等事项如下：")

    _heading(doc, "一、专利及专利权人")
    _field(doc, "专利号", d.patent_number)
    _field(doc, "专利名称", d.title)
    _field(doc, "专利类型", d.patent_type)
    _field(doc, "申请日", zh_date(d.filing_date) if d.filing_date else "")
    _field(doc, "授权公告日", zh_date(d.grant_date) if d.grant_date else "")
    _field(doc, "专利权期限届满日", zh_date(d.expiry) if d.expiry else "")
    _para(doc, f"专利权人（共{len(d.patentees)}个）：", indent=False)
    _table(doc, ("序号", "姓名或名称", "证件类型", "统一社会信用代码或证件号码"), _patentee_rows(d.patentees))

    _heading(doc, "二、代理机构")
    if d.agency_name:
        _field(doc, "代理机构名称", d.agency_name)
        _field(doc, "代理机构代码", d.agency_code)
    else:
        _para(doc, "未委托专利代理机构。", indent=False)

    _heading(doc, "三、许可条件")
    _field(doc, "许可方式", "普通许可")
    _field(doc, "许可使用费支付方式", d.mode)
    _field(doc, "许可使用费支付标准", d.standard)
    _field(doc, "许可期限", d.term_stated)
    _field(doc, "许可地域范围", d.territory or TERRITORY)
    _field(doc, "其他需要明确的事项", d.other_terms)

    _heading(doc, "四、许可人承诺")
    for i, text in enumerate(d.promises, 1):
        _para(doc, f"{i}. {text}。", indent=False)

    _heading(doc, "五、联系方式")
    _field(doc, "联系人", d.contact_person)
    _field(doc, "联系电话", d.contact_phone)
    _field(doc, "电子邮箱", d.contact_email)
    _field(doc, "通讯地址", d.contact_address)

    if d.attachments:
        _heading(doc, "附件")
        for i, line in enumerate(d.attachments, 1):
            _para(doc, f"{i}. {line}", indent=False)
    _seal_blocks(doc, d.patentees, signed_on)
    return _bytes(doc, day, d.cover)


def consent_docx(d: DeclarationText, day: date, signed_on: date | None = None) -> bytes:
    """全体专利权人同意书: every patentee agrees to the declaration of this patent and its terms."""
    doc = _document()
    _title(doc, "全体专利权人同意书")
    _para(doc, "国家知识产权局：", indent=False)
    names = "、".join(p.name for p in d.patentees)
    _para(doc, f"专利号为{d.patent_number}、名称为“{d.title}”的{d.patent_type}专利，其专利权人为{names}"
               f"（共{len(d.patentees)}个）。全体专利权人一致同意就该专利提出开放许可声明，并同意声明所载的许可条件："
               f"许可使用费支付方式为{d.mode}，支付标准为{d.standard}"
               + (f"，许可期限为{d.term_stated}" if d.term else "") + f"，许可地域范围为{d.territory or TERRITORY}"
               + (f"，其他需要明确的事项为：{d.other_terms}" if d.other_terms else "") + "。")
    _para(doc, "全体专利权人确认：在开放许可期间不给予任何单位或者个人独占许可或者排他许可；撤回开放许可声明须经全体专利权人"
               "书面同意。")
    _para(doc, "特此同意。")
    _table(doc, ("序号", "专利权人", "证件类型", "统一社会信用代码或证件号码"), _patentee_rows(d.patentees))
    _seal_blocks(doc, d.patentees, signed_on)
    return _bytes(doc, day, d.cover)


def fee_note_docx(patent_number: str, title: str, text: str, day: date) -> bytes:
    """许可使用费估算依据和方法说明: the office's note for one patent, a paragraph per line."""
    doc = _document()
    _title(doc, "许可使用费估算依据和方法说明")
    _field(doc, "专利号", patent_number)
    _field(doc, "专利名称", title)
    # the draft repeats the patent in its own first line: keep what the office wrote, but not twice
    for line in fee_notes.body_lines(text, patent_number):
        _para(doc, line, indent=not line.startswith(("一、", "二、", "三、", "四、", "五、")))
    return _bytes(doc, day)


def withdrawal_docx(w: WithdrawalText, day: date, signed_on: date | None = None) -> bytes:
    """撤回专利开放许可声明 for one patent, agreed by every patentee."""
    doc = _document()
    _title(doc, "撤回专利开放许可声明")
    _para(doc, "国家知识产权局：", indent=False)
    announced = f"已于{zh_date(w.announced_on)}公告" if w.announced_on else "已公告"
    issue = f"（{w.announcement}）" if w.announcement else ""
    _para(doc, f"专利号为{w.patent_number}、名称为“{w.title}”的专利，其开放许可声明{announced}{issue}。"
               f"因{w.reason.strip().rstrip('。')}，全体专利权人同意撤回该开放许可声明。")
    _para(doc, "依照《中华人民共和国专利法》第五十条第二款，开放许可声明被公告撤回的，不影响在先给予的开放许可的效力。")
    _para(doc, "同意撤回的专利权人：", indent=False)
    _table(doc, ("序号", "同意撤回的专利权人", "证件类型", "统一社会信用代码或证件号码"), _patentee_rows(w.patentees))
    _seal_blocks(doc, w.patentees, signed_on, role="同意撤回的专利权人")
    return _bytes(doc, day, w.cover)


# --- the entry sheet --------------------------------------------------------------------------------------------

# The online form's parts in order (Rule 85: 专利号; 专利权人; 许可使用费支付方式、标准; 许可期限; 其他需要明确的事项;
# then the contact, the agency and the attachments) [ours: the order of the form's parts as the FAQ lists them].
ENTRY_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("序号", "seq", 6), ("专利号", "patent_number", 20), ("专利名称", "title", 30), ("专利类型", "patent_type", 10),
    ("专利权人", "patentees", 28), ("专利权人证件号码", "patentee_ids", 30),
    ("许可使用费支付方式", "mode", 20), ("许可使用费支付标准", "standard", 36), ("许可期限", "term", 30),
    ("许可地域范围", "territory", 10), ("其他需要明确的事项", "other_terms", 30), ("联系人", "contact_person", 10),
    ("联系电话", "contact_phone", 16), ("电子邮箱", "contact_email", 24), ("通讯地址", "contact_address", 30),
    ("代理机构名称", "agency_name", 20), ("代理机构代码", "agency_code", 12), ("附件", "attachments", 40),
)


@dataclass(frozen=True)
class EntryRow:
    text: DeclarationText
    files: Sequence[str] = field(default_factory=tuple)   # the attachment file names in the package

    def values(self, seq: int) -> dict[str, str]:
        d = self.text
        return {
            "seq": str(seq), "patent_number": d.patent_number, "title": d.title, "patent_type": d.patent_type,
            "patentees": "；".join(p.name for p in d.patentees),
            "patentee_ids": "；".join(f"{p.name}：{p.id_number}" if p.id_number else f"{p.name}：（待补充）"
                                     for p in d.patentees),
            "mode": d.mode, "standard": d.standard, "term": d.term_stated, "territory": d.territory or TERRITORY,
            "other_terms": d.other_terms or "无", "contact_person": d.contact_person,
            "contact_phone": d.contact_phone, "contact_email": d.contact_email,
            "contact_address": d.contact_address, "agency_name": d.agency_name, "agency_code": d.agency_code,
            "attachments": "；".join(self.files),
        }


def entry_sheet(rows: Sequence[EntryRow], day: date) -> bytes:
    """录入表.xlsx: one row per declaration; every cell text (never a formula), printable: landscape A4, fit to
    width, the header repeated on every page, gridlines."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    moment = datetime.combine(day, time())
    book.set_properties({"author": "OpenLic Desktop", "created": moment, "title": "专利开放许可声明录入表"})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top",
                            "font_name": FONT})
    base = {"border": 1, "text_wrap": True, "valign": "top", "font_name": FONT, "num_format": "@"}
    cell = book.add_format(base)
    quoted = book.add_format(base | {"quote_prefix": True})  # re-entering the cell in Excel keeps it text
    sheet = book.add_worksheet("录入表")
    print_setup.xlsxwriter_sheet(sheet, header_rows=1)
    sheet.freeze_panes(1, 2)
    for col, (header, _key, width) in enumerate(ENTRY_COLUMNS):
        sheet.write_string(0, col, header, head)
        sheet.set_column(col, col, width)
    for r, row in enumerate(rows, start=1):
        values = row.values(r)
        for col, (_header, key, _width) in enumerate(ENTRY_COLUMNS):
            text = clean_text(values[key])
            sheet.write_string(r, col, text, quoted if looks_like_formula(text) else cell)
    book.close()
    return reproducible(buffer.getvalue(), moment)
