"""Build the shipped contract template(s) in openlic_desktop/resources/templates/ with python-docx — reproducibly.

    /work/venv/bin/python tools/make_templates.py            # writes openlic_desktop/resources/templates/open_licence_contract.docx

The template follows the pilot's contract sample (专利开放许可（试点）合同样本) article by article and carries docxtpl
(Jinja) fields. Every field sits in ONE run (one `add_run` per piece of text), so Word never splits a tag here;
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
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TEMPLATE_VERSION = "2026.11-1"
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
    return para(doc, title, bold=True, indent=False, font=TITLE_FONT, space_after=2)


def _cell(cell, text: str, bold: bool = False, size: float = 10.5) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(p.add_run(text), BODY_FONT, size, bold)


def build() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.3)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(footer.add_run("合同编号：{{ contract.number }}　模板版本：{{ template_version }}"), BODY_FONT, 9)

    para(doc, "专利开放许可合同", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=18,
         font=TITLE_FONT, space_after=6)
    para(doc, "（依据专利开放许可声明／专利开放许可试点订立）", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, size=10.5)
    para(doc, "合同编号：", "{{ contract.number }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, size=10.5)

    para(doc, ("许可人（专利权人）：", True), "{{ patentee.name }}", indent=False)
    para(doc, "住所：", "{{ patentee.address }}", indent=False)
    para(doc, "联系人：", "{{ patentee.contact_person }}", "　电话：", "{{ patentee.contact_phone }}",
         "　电子邮箱：", "{{ patentee.contact_email }}", indent=False)
    para(doc, ("被许可人：", True), "{{ licensee.name }}", indent=False)
    para(doc, "统一社会信用代码：", "{{ licensee.uscc }}", indent=False)
    para(doc, "住所：", "{{ licensee.address }}", indent=False)
    para(doc, "法定代表人：", "{{ licensee.legal_representative }}", "　联系方式：", "{{ licensee.contact }}",
         indent=False, space_after=8)

    para(doc, "许可人依据《中华人民共和国专利法》第五十条至第五十二条及《专利法实施细则》的有关规定，就下列专利"
              "作出开放许可声明（或参加专利开放许可试点）并公布了许可使用费支付方式和标准；被许可人书面通知许可人"
              "接受该许可条件。为明确双方权利义务，双方根据《中华人民共和国民法典》订立本合同，共同遵守。")

    article(doc, "第一条　许可专利")
    para(doc, "本合同许可实施的专利共 ", "{{ patents|length }}", " 件，详见下列专利清单：")
    table = doc.add_table(rows=4, cols=8)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heads = ("序号", "专利号", "专利名称", "类型", "申请日", "有效期至", "许可期限", "许可使用费")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell(cell, text, bold=True)
    _cell(table.rows[1].cells[0], "{%tr for p in patents %}")
    data = ("{{ loop.index }}", "{{ p.patent_number }}", "{{ p.title }}", "{{ p.type_zh }}", "{{ p.filing_date }}",
            "{{ p.expiry_date }}", "{{ p.term_start }}至{{ p.term_end }}", "{{ p.fee_text }}")
    for cell, text in zip(table.rows[2].cells, data, strict=True):
        _cell(cell, text, size=9)
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    para(doc, "", indent=False, space_after=2)

    article(doc, "第二条　许可方式")
    para(doc, "本合同的许可为普通许可（非独占、非排他）。许可人在许可期限内仍可自行实施上述专利，并可依开放许可"
              "声明许可任何其他单位或者个人实施。被许可人无权允许本合同以外的任何单位或者个人实施上述专利。")

    article(doc, "第三条　许可范围")
    para(doc, "地域范围：", "{{ licence.territory }}", "。")
    para(doc, "实施方式：制造、使用、许诺销售、销售、进口专利产品，或者使用专利方法以及使用、许诺销售、销售、进口依照"
              "该专利方法直接获得的产品（外观设计专利为制造、许诺销售、销售、进口其外观设计产品）。")

    article(doc, "第四条　许可期限")
    para(doc, "本合同自 ", "{{ contract.effective_date }}", " 起生效。各专利的许可期限见第一条专利清单，"
              "自本合同生效之日起计算，最长不超过 ", "{{ licence.term_months }}", " 个月，且任何专利的许可期限"
              "均不超过该专利权的有效期限。")

    article(doc, "第五条　许可使用费及支付方式")
    para(doc, "被许可人按照许可人公布的开放许可条件，就各专利分别支付许可使用费如下：")
    tag(doc, "{%p for p in patents %}")
    para(doc, "{{ loop.index }}", ". 专利", "{{ p.patent_number }}", "（", "{{ p.title }}", "）：")
    tag(doc, "{%p if p.terms.mode == 'free' %}")
    para(doc, "免费许可：被许可人在许可期限内实施该专利无需支付许可使用费。")
    tag(doc, "{%p elif p.terms.mode == 'lump_sum' %}")
    para(doc, "一次性支付：许可使用费总额为人民币 ", "{{ p.terms.amount }}", " 元（大写：", "{{ p.terms.amount_words }}",
         "），被许可人应于 ", "{{ p.pay_from }}", " 起 30 日内一次性支付。")
    tag(doc, "{%p elif p.terms.mode == 'royalty' %}")
    para(doc, "提成支付：被许可人按实施该专利所得", "{{ p.terms.base_zh }}", "的 ", "{{ p.terms.rate }}",
         "% 支付提成费，自 ", "{{ p.pay_from }}", " 起计；按年度结算，每一年度结束后 3 个月内提交实施情况报告并支付。")
    tag(doc, "{%p elif p.terms.mode == 'entry_plus_royalty' %}")
    para(doc, "入门费加提成：被许可人于 ", "{{ p.pay_from }}", " 起 30 日内支付入门费人民币 ",
         "{{ p.terms.entry_fee }}", " 元，并按实施该专利所得", "{{ p.terms.base_zh }}", "的 ", "{{ p.terms.rate }}",
         "% 支付提成费，按年度结算。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.terms.free_months %}")
    para(doc, "阶段性免费许可：自本合同生效之日起 ", "{{ p.terms.free_months }}", " 个月内（至 ", "{{ p.free_end }}",
         "）为免费许可期，被许可人在此期间实施该专利无需付费；免费期届满后按上述标准支付许可使用费。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.terms.pay_after_trial %}")
    para(doc, "先试用后付费：自本合同生效之日起 ", "{{ p.terms.trial_months }}", " 个月为试用期（至 ",
         "{{ p.trial_end }}", "）。试用期内被许可人无需付费；试用期届满前 15 日内，被许可人应书面告知许可人是否继续"
         "实施：继续实施的，自试用期届满次日起按上述标准付费；不再实施的，本合同就该专利于试用期届满时终止。")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if fees_payable %}")
    para(doc, "许可使用费以人民币支付，汇入许可人指定的银行账户；许可人收款后开具合法票据。逾期付款的，"
              "每逾期一日按应付金额的万分之五支付违约金。")
    tag(doc, "{%p endif %}")

    article(doc, "第六条　许可人的保证")
    for text in (
        "（一）许可人是上述专利的合法权利人；专利为共有的，已取得全体共有人的书面同意；",
        "（二）上述专利在许可期限内处于有效状态，许可人将按时缴纳年费，维持专利权有效；",
        "（三）上述专利在许可期限内未实施也不会实施独占许可或排他许可；",
        "（四）上述专利不存在权属纠纷、中止或保全；已质押的，已取得质权人的书面同意；",
        "（五）许可人提供的专利信息真实、完整；专利权转让的，许可人将及时告知被许可人。",
    ):
        para(doc, text)

    article(doc, "第七条　被许可人的义务")
    for text in (
        "（一）在本合同约定的范围和期限内实施专利，按约定支付许可使用费；",
        "（二）不得允许本合同以外的任何单位或者个人实施上述专利；",
        "（三）在专利产品或其包装上依法标注专利标识；",
        "（四）按许可人或知识产权管理部门的要求，如实报告专利实施情况及效果；",
        "（五）对许可人提供的未公开技术资料负保密义务。",
    ):
        para(doc, text)

    article(doc, "第八条　合同备案")
    para(doc, "许可人应当自本合同生效之日起 3 个月内（即 ", "{{ recording_deadline }}",
         " 前）向国家知识产权局办理专利实施许可合同备案，被许可人予以配合。未办理备案的，不影响本合同的效力。")

    article(doc, "第九条　专利权被宣告无效")
    para(doc, "许可期限内专利权被宣告无效的，本合同就该专利自无效宣告决定生效之日起终止。宣告无效的决定对此前已经"
              "履行的许可使用费不具有追溯力；但因许可人的恶意给被许可人造成损失，或者不返还许可使用费明显违反"
              "公平原则的，许可人应当全部或者部分返还。")

    article(doc, "第十条　违约责任")
    para(doc, "任何一方违反本合同约定的，应当承担继续履行、采取补救措施或者赔偿损失等违约责任。被许可人超出许可"
              "范围实施专利的，按侵犯专利权处理。")

    article(doc, "第十一条　争议解决")
    para(doc, "因本合同发生的争议，双方应当协商解决；协商不成的，可以请求 ", "{{ disputes.mediator }}",
         " 进行调解；调解不成或者不愿调解的，任何一方可以向 ", "{{ disputes.court }}", " 提起诉讼。")

    article(doc, "第十二条　其他")
    para(doc, "本合同自双方签字（盖章）之日起生效。本合同一式 ", "{{ contract.copies }}",
         " 份，双方各执一份，其余用于备案，具有同等法律效力。本合同未尽事宜，双方可另行签订补充协议。")
    para(doc, "", indent=False, space_after=10)

    sig = doc.add_table(rows=4, cols=2)
    rows = (
        ("许可人（盖章）：", "被许可人（盖章）："),
        ("{{ patentee.name }}", "{{ licensee.name }}"),
        ("法定代表人或授权代表（签字）：", "法定代表人或授权代表（签字）："),
        ("日期：　　年　　月　　日", "日期：　　年　　月　　日"),
    )
    for row, (left, right) in zip(sig.rows, rows, strict=True):
        for cell, text in zip(row.cells, (left, right), strict=True):
            cell.text = ""
            _fonts(cell.paragraphs[0].add_run(text), BODY_FONT, 12)

    props = doc.core_properties
    props.title = "专利开放许可合同"
    props.subject = "专利开放许可合同模板（开放许可声明／试点）"
    props.author = "OpenLic Desktop"
    props.last_modified_by = "OpenLic Desktop"
    props.version = TEMPLATE_VERSION
    props.keywords = "专利开放许可; open licence; docxtpl"
    props.comments = "Generated by tools/make_templates.py"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    return doc


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
