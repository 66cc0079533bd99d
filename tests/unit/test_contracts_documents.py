"""Contract templates: clauses per payment mode, the batch engine against docxtpl, stamping, the checker, the
sandbox against hostile templates, atomic batches, the optional PDF step. Real .docx files throughout."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import print_checks
import pytest
from docx import Document

from openlic_desktop.documents import ooxml, print_setup
from openlic_desktop.documents.contracts import check, context, pdf, render
from openlic_desktop.documents.date_lines import SIGNATORY, signing_date
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.licensing import Party, Regime, recording_deadline
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import Frequency, PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.support.errors import InputError, OpenLicError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = render.default_template_path()
# the contract is signed as every letter is: the signatory's line and a date line with room for a four-digit year
DATE_LINE = signing_date(None)

PATENT = PatentFacts(parse_application_number("202110123456.7"), title="一种高效光催化降解装置",
                     filing_date=date(2021, 1, 15), grant_date=date(2022, 3, 8), patentees=["示例大学"])
PATENT2 = PatentFacts(parse_application_number("201710601862.3"), title="一种灌溉<控制>方法 & 系统",
                      filing_date=date(2017, 8, 1), patentees=["示例大学", "合作研究院"])
UNIVERSITY = Party("示例大学", "12100000400000000W", "示例市大学路1号", "张三", "王老师", phone="010-12345678",
                   email="tto@example.edu.cn", bank_name="示例银行大学路支行", bank_account="6222000000000000")
INSTITUTE = Party("合作研究院", "91350100M000100Y30", "示例市科学城2号", "赵六", "钱工")
LICENSEE = Party("示例科技有限公司", "91110108MA01AAAA55", "示例市创新路8号", "李四", "0591-87654321")
PERSON = Party("王五", "11010519491231002X", "示例市幸福里3号", contact="13800000000", id_type="resident_id")


def terms(mode: str, **kw) -> PricingTerms:
    defaults = {
        "free": {},
        "lump_sum": {"amount": Decimal(50000)},
        "royalty": {"rate": Decimal("3.5"), "base": RoyaltyBase.NET_SALES},
        "entry_plus_royalty": {"entry_fee": Decimal(10000), "rate": Decimal(2), "base": RoyaltyBase.PROFIT},
    }[mode]
    return PricingTerms(PricingMode(mode), term_months=kw.pop("term_months", 36), **defaults, **kw)


def contract_ctx(*patent_terms: tuple[PatentFacts, PricingTerms], effective=date(2026, 12, 1),
                 licensors=(UNIVERSITY,), licensee=LICENSEE, regime=Regime()) -> dict:
    return context.build_context(number="KF2026-0001", licensors=list(licensors), licensee=licensee,
                                 patents=[context.ContractPatent(f, t) for f, t in patent_terms],
                                 effective=effective, template_version="2026.12-1", regime=regime)


def text_of(data: bytes) -> str:
    """Read the document back with python-docx: every paragraph and table row, then the footer."""
    return ooxml.document_text(data)


MODE_MARKERS = {
    "free": "免费许可：被许可人在许可期限内实施该专利无需支付许可使用费",
    "lump_sum": "一次性支付：许可使用费总额为人民币",
    "royalty": "提成支付：被许可人按照实施该专利所得",
    "entry_plus_royalty": "入门费加提成：被许可人应当自",
}
STAGED = "阶段性免费许可："
TRIAL = "先试用后付费："
PAYABLE = "许可使用费以人民币支付"
ACCOUNTING = "提成费的计算和核查"
# clauses every contract has, whatever the terms (the list of what was missing, and the fixed articles)
ALWAYS = (
    "本合同的许可为普通许可", "许可人的保证", "被许可人的义务", "未给予且在许可期限内不会给予独占许可或者排他许可",
    "专利权被宣告无效", "违约责任", "税费", "不可抗力", "第三人侵权", "通知", "合同的解除",
    "被许可人可以提前三十日书面通知许可人解除本合同", "开放许可的撤回",
    "3个月内（即最迟于2027年3月1日）向国家知识产权局办理", "中国境内", "本合同自2026年12月1日起生效",
    "专利权期限届满日",
)
# what a contract must never say: codes, enum names, template syntax, the other regime's alternative
NEVER = ("／试点", "/试点", "C1", "lump_sum", "net_sales", "entry_plus_royalty", "{{", "{%", "None", "KF-",
         " 元", " 个月", "（ ", " ）")


def assert_clean(text: str) -> None:
    for bad in NEVER:
        assert bad not in text, bad


# a free licence has no free period or trial (pricing rules), so it appears once
@pytest.mark.parametrize("mode, extra", [(m, e) for m in MODE_MARKERS for e in ("plain", "staged", "trial")
                                         if m != "free" or e == "plain"])
def test_clauses_per_mode(mode, extra):
    kw = {"plain": {}, "staged": {"free_months": 12}, "trial": {"pay_after_trial": True, "trial_months": 6}}[extra]
    data = render.render_docx(TEMPLATE, contract_ctx((PATENT, terms(mode, **kw))))
    text = text_of(data)
    for other, marker in MODE_MARKERS.items():
        assert (marker in text) == (other == mode), (mode, other)
    assert (STAGED in text) == (extra == "staged")
    assert (TRIAL in text) == (extra == "trial")
    assert (PAYABLE in text) == (mode != "free")
    assert (ACCOUNTING in text) == (mode in ("royalty", "entry_plus_royalty"))
    assert ("本合同所称净销售额" in text) == (mode == "royalty")
    assert ("本合同所称利润" in text) == (mode == "entry_plus_royalty")
    for clause in ALWAYS:
        assert clause in text, clause
    assert_clean(text)
    if extra == "staged":
        assert "12个月内（至2027年11月30日）" in text
    if extra == "trial":
        assert "6个月为试用期（至2027年5月31日）" in text
    if mode == "lump_sum":
        assert "50,000.00元（大写：伍万元整）" in text
    if mode == "entry_plus_royalty":
        assert "入门费人民币10,000.00元（大写：壹万元整），另按照实施该专利所得利润的2%支付提成费" in text
    if mode in ("royalty", "entry_plus_royalty"):
        start = {"plain": "2026年12月1日", "staged": "2027年12月1日", "trial": "2027年6月1日"}[extra]
        assert (f"{start}起计算，按年度结算（自提成费起算之日起每12个月为一个结算期间）：被许可人应当于每一结算期间"
                "结束后30日内") in text


def test_payment_frequency_chosen_appears_in_the_text():
    quarterly = terms("royalty", frequency=Frequency.QUARTERLY)
    text = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, quarterly))))
    # the periods are the payment plan's: counted from the day royalties start, not calendar quarters
    assert ("按季度结算（自提成费起算之日起每3个月为一个结算期间）：被许可人应当于每一结算期间结束后30日内向许可人"
            "提交该期间的实施情况报告") in text
    assert "每一季度结束后" not in text
    assert "按年度结算" not in text


def test_articles_are_numbered_without_gaps():
    import re

    for mode in ("free", "royalty"):
        text = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms(mode)))))
        numbers = re.findall(r"^第([一二三四五六七八九十]+)条　", text, re.MULTILINE)
        expected = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
                    "十五", "十六", "十七", "十八", "十九"][:len(numbers)]
        assert numbers == expected and len(numbers) == (19 if mode == "royalty" else 18)


def test_every_licensor_has_its_own_party_block_and_signature_row():
    text = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT2, terms("royalty")),
                                                                licensors=(UNIVERSITY, INSTITUTE))))
    lines = text.splitlines()
    assert "许可人（专利权人）（一）：示例大学" in lines and "许可人（专利权人）（二）：合作研究院" in lines
    first = lines.index("许可人（专利权人）（一）：示例大学")
    second = lines.index("许可人（专利权人）（二）：合作研究院")
    assert lines[first + 1:first + 6] == ["统一社会信用代码：12100000400000000W", "法定代表人：张三",
                                          "住所：示例市大学路1号", "联系人：王老师　电话：010-12345678　电子邮箱：tto@example.edu.cn",
                                          "开户银行：示例银行大学路支行　账号：6222000000000000"]
    assert lines[second + 1:second + 5] == ["统一社会信用代码：91350100M000100Y30", "法定代表人：赵六",
                                            "住所：示例市科学城2号", "联系人：钱工"]
    assert f"许可人（一）：示例大学（盖章） | {SIGNATORY} | {DATE_LINE}" in lines
    assert f"许可人（二）：合作研究院（盖章） | {SIGNATORY} | {DATE_LINE}" in lines
    assert f"被许可人：示例科技有限公司（盖章） | {SIGNATORY} | {DATE_LINE}" in lines
    assert "汇入示例大学的下列账户：开户银行示例银行大学路支行，账号6222000000000000" in text
    assert "本合同一式四份" in text  # a fixed expression: Chinese numerals, as every contract writes it
    assert_clean(text)


def test_a_person_as_licensee_signs_and_shows_the_id_number():
    text = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("free")), licensee=PERSON)))
    lines = text.splitlines()
    at = lines.index("被许可人：王五")
    assert lines[at + 1:at + 4] == ["居民身份证号码：11010519491231002X", "住所：示例市幸福里3号",
                                    "联系方式：13800000000"]
    assert "法定代表人：" not in "\n".join(lines[at:at + 4])
    assert f"被许可人：王五 | 签字： | {DATE_LINE}" in lines
    assert "统一社会信用代码：11010519491231002X" not in text


def test_the_regime_is_chosen_once():
    statutory = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("free")))))
    assert statutory.startswith("专利开放许可实施合同")
    assert "依照《中华人民共和国专利法》第五十条的规定，就下列专利向国家知识产权局提出开放许可声明" in statutory
    assert "可以请求国家知识产权局进行调解" in statutory
    assert "办理专利开放许可实施合同备案" in statutory
    assert "许可人撤回开放许可声明的，不影响本合同的效力（《中华人民共和国专利法》第五十条第二款）" in statutory
    assert "试点" not in statutory
    pilot = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("free")),
                                                               regime=Regime("pilot", "浙江省知识产权局"))))
    assert pilot.startswith("专利实施许可合同（开放许可试点）")
    assert "下列专利的许可信息已经浙江省知识产权局公开" in pilot
    assert "可以请求浙江省知识产权局进行调解" in pilot and "国家知识产权局进行调解" not in pilot
    assert "办理专利实施许可合同备案" in pilot and "开放许可声明" not in pilot
    for text in (statutory, pilot):
        assert_clean(text)
        assert text.count("生效") >= 1 and "自双方签字" not in text  # one effective-date rule


def test_agreements_between_licensors_are_mentioned_only_where_there_are_several():
    alone = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("lump_sum")))))
    assert "汇入示例大学的下列账户：开户银行示例银行大学路支行，账号6222000000000000。" in alone
    assert "许可人之间" not in alone
    together = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT2, terms("lump_sum")),
                                                                  licensors=(UNIVERSITY, INSTITUTE))))
    assert "许可人之间另有约定并书面通知被许可人的，从其约定。" in together


@pytest.mark.parametrize("regime", [Regime(), Regime("pilot", "浙江省知识产权局")], ids=["statutory", "pilot"])
def test_the_parties_are_both_parties_when_two_and_all_parties_when_more(regime):
    two = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("royalty")), regime=regime)))
    assert "为明确双方的权利义务，双方依照《中华人民共和国民法典》" in two
    assert "由双方依照国家有关税收法律" in two and "由双方协商解决" in two and "双方可以另行订立补充协议" in two
    assert "应当及时通知对方，以减轻可能给对方造成的损失" in two and "十日内书面通知对方；" in two
    assert "各方" not in two
    three = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT2, terms("royalty")), regime=regime,
                                                               licensors=(UNIVERSITY, INSTITUTE))))
    assert "为明确各方的权利义务，各方依照《中华人民共和国民法典》" in three
    assert "由各方依照国家有关税收法律" in three and "由各方协商解决" in three and "各方可以另行订立补充协议" in three
    assert "应当及时通知其他各方，以减轻可能给其他各方造成的损失" in three and "十日内书面通知其他各方；" in three
    assert "双方" not in three and "对方" not in three  # two licensors and a licensee are three parties
    for text in (two, three):
        assert_clean(text)


def test_a_free_licence_is_not_said_to_be_paid_for():
    free = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("free")), (PATENT2, terms("free")))))
    assert "许可人按照其公布的开放许可条件，就下列专利给予被许可人免费许可：" in free
    assert "支付许可使用费：" not in free
    mixed = text_of(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("free")),
                                                               (PATENT2, terms("lump_sum")))))
    assert "被许可人按照许可人公布的开放许可条件，就各专利分别支付许可使用费：" in mixed


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def test_contract_prints_on_a4_without_broken_numbers_headings_or_signature_rows():
    """What LibreOffice showed: a patent number broken over two lines in the schedule, article headings alone at a
    page's foot, a co-owner's signature row split over two pages, page numbers in another size than the footer."""

    data = render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("royalty")), (PATENT2, terms("lump_sum")),
                                                     licensors=(UNIVERSITY, INSTITUTE)))
    doc = Document(__import__("io").BytesIO(data))
    schedule, signatures = doc.tables
    print_checks.assert_tables_fit(doc)
    print_checks.assert_number_fits(schedule, 1, 9)
    headings = [p for p in doc.paragraphs if p.text.startswith("第") and "条　" in p.text[:6]]
    assert len(headings) >= 15
    assert all(p.paragraph_format.keep_with_next for p in headings), [p.text for p in headings
                                                                     if not p.paragraph_format.keep_with_next]
    rows = signatures.rows
    assert len(rows) == 3  # two licensors and the licensee
    for row in rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(_w("cantSplit")) is not None
    for row in rows[:-1]:
        assert all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)
    assert doc.paragraphs[-1].text == "（以下无正文）" or any(p.text == "（以下无正文）" for p in doc.paragraphs[-3:])
    footer = doc.sections[0].footer.paragraphs[0]._p
    for run in footer.findall(_w("r")):
        size = run.find(_w("rPr")).find(_w("sz"))
        assert size is not None and size.get(_w("val")) == "18"
        assert len(run.findall(_w("fldChar"))) <= 1  # each field character in a run of its own


def test_schedule_table_lists_every_patent_and_escapes_text():
    data = render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("royalty", free_months=6)),
                                                     (PATENT2, terms("lump_sum", term_months=12))))
    doc = Document(__import__("io").BytesIO(data))
    schedule = doc.tables[0]
    rows = [[cell.text for cell in row.cells] for row in schedule.rows]
    assert rows[0] == ["序号", "专利号\n专利类型", "专利名称", "申请日\n专利权期限届满日", "许可期限"]
    assert len(rows) == 5  # header + two rows per patent; the {%tr %} rows are gone
    assert rows[1] == ["1", "ZL202110123456.7\n发明", "一种高效光催化降解装置", "2021年1月15日\n2041年1月14日",
                       "2026年12月1日\n至\n2029年11月30日"]
    assert rows[3][1] == "ZL201710601862.3\n发明"
    assert rows[3][2] == "一种灌溉<控制>方法 & 系统"  # XML special characters survive as text
    assert rows[3][4] == "2026年12月1日\n至\n2027年11月30日"
    # the fee on a row of its own across the columns, in domain.pricing_words as every document says it; the
    # index spans both rows of its patent
    assert rows[2] == ["1"] + ["许可使用费：前6个月免费，此后按净销售额的3.5%提成"] * 4
    assert rows[4] == ["2"] + ["许可使用费：一次性支付5万元"] * 4
    assert "本合同许可实施的专利共2件" in text_of(data)


def test_schedule_table_fits_a4_with_room_for_its_lines():
    """Eight columns in 14.6 cm broke every date over three lines: five columns now, each wide enough for its
    longest line at 9 pt (a date: three ideographs and eight digits, digits up to 0.64 em in a fallback font)."""
    doc = Document(__import__("io").BytesIO(render.render_docx(TEMPLATE, contract_ctx((PATENT, terms("free"))))))
    schedule = doc.tables[0]
    widths = print_checks.grid(schedule)
    assert len(widths) == 5 and sum(widths) <= print_setup.TEXT_WIDTH_TWIPS
    print_checks.assert_number_fits(schedule, 1, 9)
    date_line = round((3 * 9 + 8 * 9 * 0.64) * 20) + print_checks.CELL_MARGINS_TWIPS
    heading = round(len("专利权期限届满日") * 9 * 20) + print_checks.CELL_MARGINS_TWIPS
    assert widths[3] >= max(date_line, heading) and widths[4] >= date_line, (widths, date_line, heading)
    assert widths[2] >= widths[3]  # the title, which wraps, has the most room left
    # no date breaks at a change of script: autospace is off in the list's cells
    for cell in schedule.rows[1].cells:
        ppr = cell.paragraphs[0]._p.pPr
        assert ppr.find(_w("autoSpaceDE")).get(_w("val")) == "0"


def test_licence_never_runs_past_the_patent_expiry():
    old = PatentFacts(parse_application_number("201710601862.3"),
                      title="x", filing_date=date(2007, 1, 10))  # invention filed 2007 → last day 2027-01-09
    ctx = contract_ctx((old, terms("free", term_months=60)))
    assert ctx["patents"][0]["term_end"] == "2027年1月9日"


def test_batch_engine_gives_the_docxtpl_document_and_stamps_both():
    ctx = contract_ctx((PATENT, terms("royalty", free_months=12)),
                       (PATENT2, terms("lump_sum", pay_after_trial=True, trial_months=3)),
                       licensors=(UNIVERSITY, INSTITUTE))
    reference = render.render_docx(TEMPLATE, ctx)
    prepared = render.PreparedTemplate(TEMPLATE)
    batch = prepared.render(ctx)
    assert ooxml.document_text(batch) == ooxml.document_text(reference)
    assert "合同编号：KF2026-0001　第1页　共1页" in ooxml.document_text(batch)  # the footer is rendered too
    for data in (reference, batch):
        stamp = render.read_stamp(data)
        assert stamp[render.PROP_TEMPLATE_VERSION] == "2026.12-8"
        assert stamp[render.PROP_DATA_SHA] == context.data_sha256(ctx)
        assert stamp[render.PROP_TEMPLATE_SHA] == render.template_info(TEMPLATE).sha256
        assert Document(__import__("io").BytesIO(data)).core_properties.version == "2026.12-8"
    other = dict(ctx, contract=dict(ctx["contract"], number="KF2026-0002"))
    assert render.read_stamp(prepared.render(other))[render.PROP_DATA_SHA] != context.data_sha256(ctx)


def test_data_hash_is_canonical():
    a = {"x": 1, "y": ["一", 2]}
    b = {"y": ["一", 2], "x": 1}
    assert context.data_sha256(a) == context.data_sha256(b)
    assert len(context.data_sha256(a)) == 64


def test_recording_deadline_month_ends_and_leap_days():
    assert recording_deadline(date(2024, 2, 29)) == date(2024, 5, 29)
    assert recording_deadline(date(2023, 11, 30)) == date(2024, 2, 29)
    assert recording_deadline(date(2024, 11, 30)) == date(2025, 2, 28)
    assert recording_deadline(date(2024, 8, 31)) == date(2024, 11, 30)
    assert recording_deadline(date(2024, 12, 31)) == date(2025, 3, 31)


def test_shipped_template_is_clean_and_reproducible(tmp_path):
    found = check.check_template(TEMPLATE)
    assert found.ok, found.defects
    assert found.version == "2026.12-8"
    assert "patents[].terms.free_months" in found.fields_used and "licensors[].bank_account" in found.fields_used
    assert "示例研究院有限公司" in found.preview and "阶段性免费许可" in found.preview
    out = tmp_path / "again.docx"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_templates.py"), str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == TEMPLATE.read_bytes()


# --- the checker -------------------------------------------------------------------------------------------------

def make_docx(path: Path, paragraphs: list[list[str]], footer: list[str] | None = None) -> Path:
    """A .docx whose paragraphs are made of the given runs (one run per string), like Word splits them."""
    doc = Document()
    for runs in paragraphs:
        p = doc.add_paragraph()
        for text in runs:
            p.add_run(text)
    if footer:
        p = doc.sections[0].footer.paragraphs[0]
        for text in footer:
            p.add_run(text)
    doc.save(str(path))
    return path


def test_checker_finds_unknown_fields(tmp_path):
    t = make_docx(tmp_path / "t.docx", [["甲方：{{ licensee.name }}"], ["乙方：{{ licensee.nmae }}"],
                                        ["{% for p in patents %}{{ p.titel }}{{ p.title }}{% endfor %}"],
                                        ["{{ fee_total }}"]])
    found = check.check_template(t)
    unknown = sorted(d.detail for d in found.of_kind("unknown_field"))
    assert unknown == ["fee_total", "licensee.nmae", "patents[].titel"]
    assert {d.code for d in found.defects} == {"CONTRACT_TEMPLATE_UNKNOWN_FIELD"}


def test_checker_finds_tags_split_across_runs(tmp_path):
    t = make_docx(tmp_path / "t.docx", [["甲方：{{ licensee.", "name }}"], ["{", "{ contract.number }}"],
                                        ["完好：{{ licensee.identifier }}"]],
                  footer=["{% if fees_payable ", "%}付费{% endif %}"])
    found = check.check_template(t)
    split = found.of_kind("split_tag")
    assert [d.detail for d in split] == ["{{ licensee.name }}", "{{ contract.number }}",
                                         "{% if fees_payable %}"]
    assert split[0].where == "document.xml ¶1" and split[2].where.startswith("footer")


def test_checker_finds_unclosed_tag_in_a_paragraph(tmp_path):
    t = make_docx(tmp_path / "t.docx", [["甲方：{{ licensee.name"], ["}}"]])
    found = check.check_template(t)
    assert found.of_kind("split_tag") and not found.ok


@pytest.mark.parametrize("paragraphs, fragment", [
    ([["{% if fees_payable %}"], ["付费"]], "{% if fees_payable %} 未结束"),
    ([["{% for p in patents %}"], ["{{ p.title }}"]], "{% for p in patents %} 未结束"),
    ([["付费"], ["{% endif %}"]], "{% endif %} 无对应的开始标记"),
    ([["{% for p in patents %}{% if p.title %}"], ["{% endfor %}"]], "{% if p.title %} 未结束"),
    ([["{% else %}"]], "{% else %} 无对应的开始标记"),
    ([["{%p if staged_free %}"], ["x"], ["{%p endfor %}"]], "{%p endfor %} 无对应的开始标记"),
])
def test_checker_finds_unbalanced_if_and_for(tmp_path, paragraphs, fragment):
    found = check.check_template(make_docx(tmp_path / "t.docx", paragraphs))
    details = [d.detail for d in found.of_kind("unbalanced")]
    assert any(fragment in d for d in details), details
    assert found.preview == ""  # no preview of a broken template


def test_checker_accepts_balanced_blocks_and_previews(tmp_path):
    t = make_docx(tmp_path / "t.docx", [["{%p if staged_free %}"], ["阶段性免费"], ["{%p else %}"], ["无"],
                                        ["{%p endif %}"],
                                        ["{% for p in patents %}{{ loop.index }}{{ p.title }}{% endfor %}"]])
    found = check.check_template(t)
    assert found.ok, found.defects
    assert "阶段性免费" in found.preview and "一种高效光催化降解装置" in found.preview


# --- the sandbox -------------------------------------------------------------------------------------------------

HOSTILE = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__ }}",
    "{% include '/etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
    "{% import '/etc/passwd' as x %}",
    "{% from '/etc/passwd' import x %}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ range.__self__ }}",
    "{{ licensee.name.__class__.__base__.__subclasses__() }}",
    "{{ licensee.__class__ }}",
    "{{ patents.pop() }}",
    "{{ 'x' * 100000000 }}",
    "{% for i in range(100000000) %}{% endfor %}",
    "{{ 9 ** 999999999 }}",
    "{{ licensee.name.format.__globals__ }}",
    "{{ '{0.__class__}'.format(licensee) }}",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_template_cannot_run_code_or_read_files(tmp_path, hostile, monkeypatch):
    monkeypatch.chdir(tmp_path)
    t = make_docx(tmp_path / "evil.docx", [["合同 {{ licensee.name }}"], [hostile]])
    ctx = contract_ctx((PATENT, terms("free")))
    for make in (lambda: render.render_docx(t, ctx), lambda: render.PreparedTemplate(t).render(ctx)):
        try:
            data = make()
        except InputError as exc:
            assert exc.code in ("CONTRACT_TEMPLATE_FORBIDDEN", "CONTRACT_TEMPLATE_RENDER_FAILED"), exc.code
        else:
            text = ooxml.document_text(data)
            assert "root:" not in text and "class" not in text and "function" not in text, text
    assert not (tmp_path / "PWNED").exists()
    found = check.check_template(t)
    assert not found.ok or "root:" not in found.preview


def test_self_reference_renders_nothing_useful(tmp_path):
    t = make_docx(tmp_path / "t.docx", [["[{{ self }}]"]])
    text = ooxml.document_text(render.render_docx(t, contract_ctx((PATENT, terms("free")))))
    assert "passwd" not in text and "globals" not in text


# --- batches ------------------------------------------------------------------------------------------------------

def test_batch_writes_all_or_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    good = contract_ctx((PATENT, terms("free")))
    jobs = [render.BatchJob(good, out / f"c{i}.docx") for i in range(3)]
    outputs = render.render_batch(TEMPLATE, jobs)
    assert [o.docx.name for o in outputs] == ["c0.docx", "c1.docx", "c2.docx"] and outputs[0].pdf is None
    assert sorted(p.name for p in out.iterdir()) == ["c0.docx", "c1.docx", "c2.docx", "keep.txt"]
    assert render.read_stamp(out / "c1.docx")[render.PROP_DATA_SHA] == context.data_sha256(good)

    out2 = tmp_path / "out2"
    out2.mkdir()
    bad = dict(good)
    del bad["licensee"]  # StrictUndefined: the third contract fails
    with pytest.raises(InputError) as err:
        render.render_batch(TEMPLATE, [render.BatchJob(good, out2 / "a.docx"), render.BatchJob(good, out2 / "b.docx"),
                                  render.BatchJob(bad, out2 / "c.docx")])
    assert err.value.code == "CONTRACT_TEMPLATE_RENDER_FAILED"
    assert list(out2.iterdir()) == []

    calls = []

    def cancel_at_two(done, total):
        calls.append(done)
        return done < 2

    with pytest.raises(InterruptedError):
        render.render_batch(TEMPLATE, [render.BatchJob(good, out2 / f"{i}.docx") for i in range(5)], cancel_at_two)
    assert list(out2.iterdir()) == []
    fresh = tmp_path / "new" / "deeper"
    with pytest.raises(InterruptedError):
        render.render_batch(TEMPLATE, [render.BatchJob(good, fresh / f"{i}.docx") for i in range(5)], cancel_at_two)
    assert not (tmp_path / "new").exists()  # folders the batch made are gone again


def test_batch_refuses_two_contracts_into_one_file(tmp_path):
    good = contract_ctx((PATENT, terms("free")))
    with pytest.raises(InputError) as err:
        render.render_batch(TEMPLATE, [render.BatchJob(good, tmp_path / "a.docx"), render.BatchJob(good, tmp_path / "a.docx")])
    assert err.value.code == "CONTRACT_DUPLICATE_OUTPUT"


def test_unreadable_template_is_refused(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError) as err:
        render.render_docx(bad, {})
    assert err.value.code == "CONTRACT_TEMPLATE_UNREADABLE"
    with pytest.raises(InputError) as err:
        check.check_template(tmp_path / "missing.docx")
    assert err.value.code == "FILE_NOT_FOUND"


# --- PDF (optional) ----------------------------------------------------------------------------------------------

def test_pdf_is_optional_and_detected(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf.find_soffice() is None
    with pytest.raises(OpenLicError) as err:
        pdf.convert_to_pdf([tmp_path / "x.docx"], tmp_path)
    assert err.value.code == "PDF_NO_LIBREOFFICE"


@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice not installed (PDF is optional)")
def test_pdf_conversion_with_libreoffice(tmp_path):
    docx = render.render_to_file(TEMPLATE, contract_ctx((PATENT, terms("free"))), tmp_path / "c.docx")
    [made] = pdf.convert_to_pdf([docx], tmp_path / "pdf")
    assert made.read_bytes().startswith(b"%PDF")
