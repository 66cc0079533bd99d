"""Build the shipped contract template(s) in openlic_desktop/resources/templates/ with python-docx — reproducibly.

    /work/venv/bin/python tools/make_templates.py            # writes openlic_desktop/resources/templates/open_licence_contract.docx

The template follows the pilot's contract sample (专利开放许可（试点）合同样本) and Patent Law Arts 50–52, and carries
docxtpl (Jinja) fields. The regime (statutory declaration or provincial pilot) is chosen once per contract: the
text names one mediator and one recording, never both. Every patentee of the patents is a licensor with its own
party block and signature row. Every field sits in ONE run (one `add_run` per piece of text), so Word never splits a tag here;
paragraph-level `{%p ... %}` and row-level `{%tr ... %}` tags let whole clauses and table rows come and go.
The fields a template may use are listed in `openlic_desktop/documents/contracts/context.py` (FIELDS); a test renders
this file for every payment mode. Bump TEMPLATE_VERSION whenever the wording changes: each produced contract
carries it.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from openlic_desktop.documents import print_setup
from openlic_desktop.documents.date_lines import SIGNATORY, signing_date

TEMPLATE_VERSION = "2026.12-8"
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "openlic_desktop" / "resources" / "templates" / "open_licence_contract.docx"
# Fixed so that two runs of this script give the same document properties.
FIXED_TIME = datetime(2026, 11, 26, tzinfo=UTC)

BODY_FONT = "宋体"
TITLE_FONT = "黑体"


def _fonts(run, east_asian: str, size: float | None = None, bold: bool = False) -> None:
    run.font.name = "Times New Roman"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None


def para(doc, *pieces, bold=False, align=None, indent=True, size=None, font=BODY_FONT, space_after=4):
    """A paragraph of one or more runs; `(text, True)` makes a bold piece."""
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.3
    if indent:
        fmt.first_line_indent = Pt(24)
    if align is not None:
        p.alignment = align
    for piece in pieces:
        text, piece_bold = piece if isinstance(piece, tuple) else (piece, bold)
        _fonts(p.add_run(text), font, size, piece_bold)
    return p


def tag(doc, text: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); docxtpl removes the paragraph itself."""
    return para(doc, text, indent=False, space_after=0)


def article(doc, title: str):
    heading = para(doc, title, bold=True, indent=False, font=TITLE_FONT, space_after=2)
    heading.paragraph_format.keep_with_next = True   # an article's heading never ends a page without its text
    return heading


# the patent list (第一条): each column's lines, and widths that fit A4 between the margins (14.6 cm) at 9 pt — a
# patent number (ZL + 13 characters) needs 3.4 cm; a date (2029年11月30日: three ideographs, eight digits) and the
# header 专利权期限届满日 2.6 cm with the cell's margins, 3.3 cm leaves room for a fallback font's wider digits (the
# term's 至 has a line of its own for that reason); the title wraps
SCHEDULE_HEADS = (("序号",), ("专利号", "专利类型"), ("专利名称",), ("申请日", "专利权期限届满日"), ("许可期限",))
SCHEDULE_WIDTHS_CM = (0.8, 3.4, 3.8, 3.3, 3.3)


def _cell(cell, text: str, bold: bool = False, size: float = 10.5) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(p.add_run(text), BODY_FONT, size, bold)


# the paragraph properties that follow w:autoSpaceDN in CT_PPr (ECMA-376 §17.3.1.26)
_AFTER_AUTOSPACE = {qn("w:" + n) for n in ("bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
                                           "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                                           "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
                                           "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}


def _cell_lines(cell, lines: tuple[str, ...], bold: bool = False, size: float = 9) -> None:
    """A cell of one or more lines (line breaks in one paragraph), each line a run of its own. No extra space
    between ideographs and digits (Word's and LibreOffice's autospace adds a quarter em at each of a date's six
    changes of script, and broke 至2029年11月30日 over two lines): a date reads as the bureau's forms print it."""
    _cell(cell, lines[0], bold, size)
    paragraph = cell.paragraphs[0]
    ppr = paragraph._p.get_or_add_pPr()
    later = [child for child in ppr if child.tag in _AFTER_AUTOSPACE]  # the schema's order, or readers ignore it
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        off = OxmlElement(name)
        off.set(qn("w:val"), "0")
        if later:
            later[0].addprevious(off)
        else:
            ppr.append(off)
    for line in lines[1:]:
        paragraph.runs[-1].add_break()
        _fonts(paragraph.add_run(line), BODY_FONT, size, bold)


def page_numbers(paragraph, size: float) -> None:
    """"第 N 页 共 M 页" with Word's PAGE and NUMPAGES fields."""
    for text, field in (("第", None), (None, "PAGE"), ("页　共", None), (None, "NUMPAGES"), ("页", None)):
        if text is not None:
            _fonts(paragraph.add_run(text), BODY_FONT, size)
            continue
        # one run per field character, each with the footer's font and size: with all of them in one run,
        # LibreOffice prints the page number in the default 12 pt next to the 9 pt text around it
        for kind, instr in (("begin", None), (None, f" {field} "), ("separate", None), (None, "1"),
                            ("end", None)):
            run = paragraph.add_run()
            _fonts(run, BODY_FONT, size)
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif instr.strip() == "1":
                el = OxmlElement("w:t")
                el.text = "1"
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = instr
            run._element.append(el)


def build() -> Document:
    doc = Document()
    section = doc.sections[0]
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(footer.add_run("合同编号：{{ contract.number }}　"), BODY_FONT, 9)
    page_numbers(footer, 9)

    para(doc, "{{ '专利开放许可实施合同' if regime.statutory else '专利实施许可合同（开放许可试点）' }}", bold=True,
         align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=18, font=TITLE_FONT, space_after=6)
    para(doc, "合同编号：", "{{ contract.number }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, size=10.5,
         space_after=8)

    # one block per licensor: every co-owner of the patents is a party in its own right
    tag(doc, "{%p for l in licensors %}")
    para(doc, ("许可人（专利权人）", True), ("{{ '（' ~ l.ordinal ~ '）' if l.ordinal else '' }}", True), ("：", True),
         "{{ l.name }}", indent=False)
    para(doc, "{{ l.id_label }}", "：", "{{ l.identifier }}", indent=False)
    tag(doc, "{%p if not l.is_person %}")
    para(doc, "法定代表人：", "{{ l.legal_representative }}", indent=False)
    tag(doc, "{%p endif %}")
    para(doc, "住所：", "{{ l.address }}", indent=False)
    para(doc, "联系人：", "{{ l.contact }}", "{{ '　电话：' ~ l.phone if l.phone else '' }}",
         "{{ '　电子邮箱：' ~ l.email if l.email else '' }}", indent=False)
    tag(doc, "{%p if l.bank_account %}")
    para(doc, "开户银行：", "{{ l.bank_name }}", "　账号：", "{{ l.bank_account }}", indent=False)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, ("被许可人：", True), "{{ licensee.name }}", indent=False)
    para(doc, "{{ licensee.id_label }}", "：", "{{ licensee.identifier }}", indent=False)
    tag(doc, "{%p if not licensee.is_person %}")
    para(doc, "法定代表人：", "{{ licensee.legal_representative }}", indent=False)
    tag(doc, "{%p endif %}")
    para(doc, "住所：", "{{ licensee.address }}", indent=False)
    para(doc, "联系方式：", "{{ licensee.contact }}", indent=False, space_after=8)

    tag(doc, "{%p if regime.statutory %}")
    para(doc, "许可人已依照《中华人民共和国专利法》第五十条的规定，就下列专利向国家知识产权局提出开放许可声明，"
              "该声明已经国家知识产权局公告", "{{ offer.details }}",
         "。被许可人已依照《中华人民共和国专利法》第五十一条第一款的规定以书面方式通知许可人，"
         "按照公告的许可使用费支付方式、标准实施下列专利。为明确", "{{ parties.all }}", "的权利义务，",
         "{{ parties.all }}",
         "依照《中华人民共和国民法典》《中华人民共和国专利法》和《中华人民共和国专利法实施细则》的规定，订立本合同。")
    tag(doc, "{%p else %}")
    para(doc, "许可人参加专利开放许可试点，下列专利的许可信息已经", "{{ regime.mediator }}",
         "公开", "{{ offer.details }}",
         "。被许可人已以书面方式通知许可人，按照公开的许可使用费支付方式、标准实施下列专利。为明确", "{{ parties.all }}",
         "的权利义务，", "{{ parties.all }}", "依照《中华人民共和国民法典》和《中华人民共和国专利法》的规定，订立本合同。")
    tag(doc, "{%p endif %}")

    article(doc, "第一条　许可专利")
    para(doc, "本合同许可实施的专利共", "{{ patents|length }}", "件，详见下列专利清单：").paragraph_format.keep_with_next = True
    # a list a reviewer can read in A4's 14.6 cm: five columns, what belongs together in one cell, one item a line
    # (the number over its type, the filing day over the expiry day, the term's first day over its last), and
    # the fee on a row of its own under each patent, across the columns; eight columns broke every date and the
    # fee over three to five lines
    table = doc.add_table(rows=5, cols=len(SCHEDULE_WIDTHS_CM))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, lines in zip(table.rows[0].cells, SCHEDULE_HEADS, strict=True):
        _cell_lines(cell, lines, bold=True)
        cell.paragraphs[0].paragraph_format.keep_with_next = True  # the header never ends a page alone
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # and it is printed again on each page the list runs over
    repeat.set(qn("w:val"), "true")
    header_row.append(repeat)
    print_setup.table_widths(table, SCHEDULE_WIDTHS_CM)
    _cell(table.rows[1].cells[0], "{%tr for p in patents %}")
    facts, fee = table.rows[2], table.rows[3]
    data = (("{{ loop.index }}",), ("{{ p.patent_number }}", "{{ p.type_zh }}"), ("{{ p.title }}",),
            ("{{ p.filing_date }}", "{{ p.expiry_date }}"), ("{{ p.term_start }}", "至", "{{ p.term_end }}"))
    for cell, lines in zip(facts.cells, data, strict=True):
        _cell_lines(cell, lines)
        cell.paragraphs[0].paragraph_format.keep_with_next = True  # a patent and its fee on one page
    facts.cells[0].merge(fee.cells[0])  # the index spans the patent's two rows
    fee_cell = fee.cells[1].merge(fee.cells[-1])
    _cell_lines(fee_cell, ("许可使用费：{{ p.fee_text }}",))
    fee_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    for row in (facts, fee):  # neither row is broken over two pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _cell(table.rows[4].cells[0], "{%tr endfor %}")
    para(doc, "", indent=False, space_after=2)

    article(doc, "第二条　许可方式")
    para(doc, "本合同的许可为普通许可。许可人在许可期限内仍可以自行实施上述专利，并可以许可任何其他单位或者个人实施。"
              "被许可人无权允许本合同以外的任何单位或者个人实施上述专利。")

    article(doc, "第三条　许可范围")
    para(doc, "地域范围：", "{{ licence.territory }}", "。")
    para(doc, "实施方式：制造、使用、许诺销售、销售、进口专利产品，或者使用专利方法以及使用、许诺销售、销售、进口依照"
              "该专利方法直接获得的产品；外观设计专利为制造、许诺销售、销售、进口其外观设计产品。")

    article(doc, "第四条　合同生效和许可期限")
    para(doc, "本合同自", "{{ contract.effective_date }}", "起生效。各专利的许可期限自本合同生效之日起计算，"
              "见第一条专利清单，",
         "{{ '至该专利的专利权期限届满日止。' if licence.until_expiry else '最长为' ~ licence.term_months ~ "
         "'个月，且不超过该专利的专利权期限届满日。' }}",
         "本合同约定的免费期、试用期、付款期限和备案期限，均自本合同生效之日起计算。")

    article(doc, "第五条　许可使用费及其支付")
    tag(doc, "{%p if fees_payable %}")
    para(doc, "被许可人按照许可人公布的开放许可条件，就各专利分别支付许可使用费：")
    tag(doc, "{%p else %}")
    para(doc, "许可人按照其公布的开放许可条件，就下列专利给予被许可人免费许可：")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for p in patents %}")
    para(doc, "{{ loop.index }}", ".专利", "{{ p.patent_number }}", "（", "{{ p.title }}", "）：")
    tag(doc, "{%p if p.terms.mode == 'free' %}")
    para(doc, "免费许可：被许可人在许可期限内实施该专利无需支付许可使用费。")
    tag(doc, "{%p elif p.terms.mode == 'lump_sum' %}")
    para(doc, "一次性支付：许可使用费总额为人民币", "{{ p.terms.amount }}", "元（大写：", "{{ p.terms.amount_words }}",
         "），被许可人应当自", "{{ p.pay_from }}", "起30日内一次性支付。")
    tag(doc, "{%p elif p.terms.mode == 'royalty' %}")
    para(doc, "提成支付：被许可人按照实施该专利所得", "{{ p.terms.base_zh }}", "的", "{{ p.terms.rate }}",
         "%支付提成费，自", "{{ p.pay_from }}", "起计算，按", "{{ p.terms.period_zh }}", "结算（自提成费起算之日起",
         "{{ p.terms.period_span_zh }}", "为一个结算期间）：被许可人应当于每一结算期间结束后30日内向许可人提交该期间的"
         "实施情况报告，并于该期间结束后3个月内支付该期间的提成费。")
    tag(doc, "{%p elif p.terms.mode == 'entry_plus_royalty' %}")
    para(doc, "入门费加提成：被许可人应当自", "{{ p.pay_from }}", "起30日内支付入门费人民币", "{{ p.terms.entry_fee }}",
         "元（大写：", "{{ p.terms.entry_fee_words }}", "），另按照实施该专利所得", "{{ p.terms.base_zh }}", "的",
         "{{ p.terms.rate }}", "%支付提成费，提成费自", "{{ p.pay_from }}", "起计算，按", "{{ p.terms.period_zh }}",
         "结算（自提成费起算之日起", "{{ p.terms.period_span_zh }}", "为一个结算期间）：被许可人应当于每一结算期间"
         "结束后30日内向许可人提交该期间的实施情况报告，并于该期间结束后3个月内支付该期间的提成费。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.terms.free_months %}")
    para(doc, "阶段性免费许可：自本合同生效之日起", "{{ p.terms.free_months }}", "个月内（至", "{{ p.free_end }}",
         "）为免费期，被许可人在此期间实施该专利无需付费；免费期届满后按照上述标准支付许可使用费。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.terms.pay_after_trial %}")
    para(doc, "先试用后付费：自本合同生效之日起", "{{ p.terms.trial_months }}", "个月为试用期（至",
         "{{ p.trial_end }}", "）。试用期内被许可人无需付费；试用期届满前15日内，被许可人应当书面告知许可人是否继续"
         "实施：继续实施的，自试用期届满次日起按照上述标准付费；不再实施的，本合同就该专利于试用期届满时终止。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if fees_payable %}")
    tag(doc, "{%p if payee.bank_account %}")
    para(doc, "许可使用费以人民币支付，汇入", "{{ payee.name }}", "的下列账户：开户银行", "{{ payee.bank_name }}",
         "，账号", "{{ payee.bank_account }}", "。",
         "{{ '许可人之间另有约定并书面通知被许可人的，从其约定。' if licensors|length > 1 else '' }}")
    tag(doc, "{%p else %}")
    para(doc, "许可使用费以人民币支付，汇入许可人书面指定的银行账户。")
    tag(doc, "{%p endif %}")
    para(doc, "许可人收到许可使用费后，应当开具合法有效的发票。被许可人逾期付款的，每逾期一日，按照逾期金额的"
              "万分之五支付违约金。")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if royalties %}")
    article(doc, "第六条　提成费的计算和核查")
    tag(doc, "{%p if royalty_on_sales %}")
    para(doc, "本合同所称净销售额，是指被许可人销售专利产品、依照专利方法直接获得的产品所得的销售收入，扣除增值税、"
              "销售退回和销售折让后的金额。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if royalty_on_profit %}")
    para(doc, "本合同所称利润，是指被许可人销售专利产品、依照专利方法直接获得的产品所得的销售收入，扣除该产品的"
              "直接成本、应当分摊的期间费用和相关税金后的金额，以被许可人依法编制的财务会计报告为准。")
    tag(doc, "{%p endif %}")
    para(doc, "实施情况报告应当载明该期间实施各专利的产品名称、产量、销售量、销售收入和提成费的计算过程。被许可人应当"
              "设置与实施上述专利有关的真实、完整的账簿，按专利分别记载，并自有关期间结束之日起保存不少于三年。")
    para(doc, "许可人可以在提前十五日书面通知后，于正常工作时间内自行或者委托会计师事务所查阅、核对前款账簿和凭证，"
              "每年不超过一次。核查发现少付提成费的，被许可人应当补足并按照第五条支付违约金；少付金额超过应付金额"
              "百分之五的，核查费用由被许可人承担。")
    tag(doc, "{%p endif %}")

    article(doc, "{{ '第七条' if royalties else '第六条' }}　税费")
    para(doc, "因履行本合同发生的税费，由", "{{ parties.all }}", "依照国家有关税收法律、行政法规的规定各自承担。")

    article(doc, "{{ '第八条' if royalties else '第七条' }}　许可人的保证")
    for text in (
        "（一）许可人是上述专利的专利权人；专利为共有的，全体共有人均为本合同的许可人；",
        "（二）上述专利在许可期限内有效，许可人将按时缴纳年费，维持专利权有效；",
        "（三）许可人未给予且在许可期限内不会给予独占许可或者排他许可；",
        ("（四）上述专利不存在权属纠纷，有关程序未被中止，专利权未被采取保全措施；已经质押的，已经取得质权人的"
         "书面同意；"),
        "（五）许可人提供的专利信息真实、完整；专利权转让的，许可人将及时书面通知被许可人。",
    ):
        para(doc, text)

    article(doc, "{{ '第九条' if royalties else '第八条' }}　被许可人的义务")
    for text in (
        "（一）在本合同约定的范围和期限内实施专利，按照约定支付许可使用费；",
        "（二）不得允许本合同以外的任何单位或者个人实施上述专利；",
        "（三）依法在专利产品或者其包装上标注专利标识；",
        "（四）按照许可人或者知识产权管理部门的要求，如实报告专利实施情况及其效果；",
        "（五）对许可人提供的未公开技术资料负保密义务。",
    ):
        para(doc, text)

    article(doc, "{{ '第十条' if royalties else '第九条' }}　第三人侵权")
    para(doc, "许可期限内，被许可人发现第三人侵犯上述专利权的，应当及时书面通知许可人，并提供其所知道的证据。"
              "是否起诉或者请求管理专利工作的部门处理，由许可人决定；未经许可人书面授权，被许可人不得以自己的名义"
              "起诉。被许可人因实施上述专利被第三人指控侵权的，应当及时通知许可人，许可人应当提供必要的协助。")

    article(doc, "{{ '第十一条' if royalties else '第十条' }}　专利权被宣告无效")
    para(doc, "许可期限内专利权被宣告无效的，本合同就该专利自宣告无效的决定生效之日起终止。宣告专利权无效的决定，"
              "对此前已经履行的许可使用费不具有追溯力；但是因许可人的恶意给被许可人造成损失的，应当给予赔偿；"
              "不返还许可使用费明显违反公平原则的，许可人应当全部或者部分返还。")

    article(doc, "{{ '第十二条' if royalties else '第十一条' }}　开放许可的撤回")
    tag(doc, "{%p if regime.statutory %}")
    para(doc, "许可人撤回开放许可声明的，不影响本合同的效力（《中华人民共和国专利法》第五十条第二款）。")
    tag(doc, "{%p else %}")
    para(doc, "许可人撤回开放许可的，不影响本合同的效力。")
    tag(doc, "{%p endif %}")

    article(doc, "{{ '第十三条' if royalties else '第十二条' }}　合同的解除")
    para(doc, "被许可人可以提前三十日书面通知许可人解除本合同，或者就其中部分专利解除本合同；解除前已经发生的"
              "许可使用费，仍应当支付。被许可人未按照约定支付许可使用费，经许可人书面催告后三十日内仍未支付的，"
              "许可人可以书面通知解除本合同。")

    article(doc, "{{ '第十四条' if royalties else '第十三条' }}　合同备案")
    # the day named is the last day to record (民法典第二百零三条: the corresponding day ends a period of months);
    # "3月7日前" would read as before it
    para(doc, "许可人应当自本合同生效之日起3个月内（即最迟于", "{{ recording_deadline }}", "）向国家知识产权局办理",
         "{{ regime.recording }}", "，被许可人予以配合。未办理备案的，不影响本合同的效力。")

    article(doc, "{{ '第十五条' if royalties else '第十四条' }}　不可抗力")
    para(doc, "因不可抗力不能履行本合同的，根据不可抗力的影响，部分或者全部免除责任，但是法律另有规定的除外。"
              "一方迟延履行后发生不可抗力的，不免除其违约责任。因不可抗力不能履行本合同的，应当及时通知", "{{ parties.others }}",
         "，以减轻可能给", "{{ parties.others }}", "造成的损失，并应当在合理期限内提供证明。")

    article(doc, "{{ '第十六条' if royalties else '第十五条' }}　通知")
    para(doc, "本合同项下的通知、报告应当以书面形式送达本合同首部载明的住所或者电子邮箱。一方变更住所或者电子邮箱的，"
              "应当自变更之日起十日内书面通知", "{{ parties.others }}", "；未通知的，按照原住所或者电子邮箱送达即视为送达。")

    article(doc, "{{ '第十七条' if royalties else '第十六条' }}　违约责任")
    para(doc, "任何一方违反本合同约定的，应当承担继续履行、采取补救措施或者赔偿损失等违约责任。被许可人超出许可"
              "范围实施专利的，依法承担侵犯专利权的责任。")

    article(doc, "{{ '第十八条' if royalties else '第十七条' }}　争议解决")
    para(doc, "因本合同发生的争议，由", "{{ parties.all }}", "协商解决；不愿协商或者协商不成的，可以请求",
         "{{ disputes.mediator }}",
         "进行调解，也可以向", "{{ disputes.court }}", "起诉。")

    article(doc, "{{ '第十九条' if royalties else '第十八条' }}　其他")
    last = para(doc, "本合同一式", "{{ contract.copies }}", "份，许可人、被许可人各执一份，一份用于备案，具有同等"
                     "法律效力。本合同未尽事宜，", "{{ parties.all }}", "可以另行订立补充协议。")
    # the signature page never stands alone: the last clause goes with it
    print_setup.keep_with_next([last, para(doc, "（以下无正文）", indent=False, space_after=10)])

    # one signature row per party: an organisation seals and its representative signs, a person signs; the
    # signatory's and the date line as every letter writes them (documents.date_lines), the date a blank to fill
    # in by hand: the contract is dated when it is signed
    sig = doc.add_table(rows=4, cols=3)
    sig.style = "Table Grid"
    _cell(sig.rows[0].cells[0], "{%tr for l in licensors %}")
    row = ("许可人{{ '（' ~ l.ordinal ~ '）' if l.ordinal else '' }}：{{ l.name }}{{ '' if l.is_person else '（盖章）' }}",
           "{{ '签字：' if l.is_person else '" + SIGNATORY + "' }}", SIGNING_LINE)
    for cell, text in zip(sig.rows[1].cells, row, strict=True):
        _sign_cell(cell, text)
    _cell(sig.rows[2].cells[0], "{%tr endfor %}")
    row = ("被许可人：{{ licensee.name }}{{ '' if licensee.is_person else '（盖章）' }}",
           "{{ '签字：' if licensee.is_person else '" + SIGNATORY + "' }}", SIGNING_LINE)
    for cell, text in zip(sig.rows[3].cells, row, strict=True):
        _sign_cell(cell, text)
    # within the margins, and no party's row broken over two pages nor the block split between pages
    print_setup.table_widths(sig, (5.0, 3.9, 5.7))
    print_setup.keep_table_together(sig)

    props = doc.core_properties
    props.title = "专利开放许可实施合同"
    props.subject = "专利开放许可实施合同模板"
    props.author = "OpenLic Desktop"
    props.last_modified_by = "OpenLic Desktop"
    props.version = TEMPLATE_VERSION
    props.keywords = "专利开放许可; open licence; docxtpl"
    props.comments = "Generated by tools/make_templates.py"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.language = "zh-CN"
    return print_setup.docx_document(doc)


SIGNING_LINE = signing_date(None)


def _sign_cell(cell, text: str) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.paragraph_format.space_before = Pt(18)
    p.paragraph_format.space_after = Pt(18)
    _fonts(p.add_run(text), BODY_FONT, 11)


def reproducible_bytes(doc: Document) -> bytes:
    """The .docx with fixed zip timestamps, so the committed file only changes when the wording does."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(reproducible_bytes(build()))
    print(f"wrote {out} (template version {TEMPLATE_VERSION})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
