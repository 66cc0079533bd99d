"""Licensing services on a real migrated SQLite workspace: licensees (USCC validation, xlsx import), licences with
their terms snapshot and payments, deadlines at month ends and leap days, drafting, the bureau report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from announced_declarations import announce

from openlic_desktop.documents import ooxml
from openlic_desktop.documents.contracts import render
from openlic_desktop.domain.identifiers import parse_application_number, uscc_check_character
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.domain.status import Status
from openlic_desktop.services import pricing
from openlic_desktop.services.licensing import deadlines, drafting, follow_up, licences, licensees, patentees
from openlic_desktop.storage import audit
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.support import settings
from openlic_desktop.support.errors import InputError, NotFoundError, OpenLicError

USCC_A = "91350100M000100Y30"


def uscc(seed: str) -> str:
    first = ("9111" + seed).ljust(17, "0")[:17]
    return first + uscc_check_character(first)


USCC_B = uscc("0108MA01")
USCC_C = uscc("0105XYW9")

N1, N2, N3 = "202110123456.7", "201710601862.3", "200510113767.6"


def add_patent(ws, number, filing, title="测试专利", paid_until=None, status=Status.IN_FORCE, patentees=("示例大学",),
               grant=date(2022, 3, 8)):
    facts = PatentFacts(parse_application_number(number), title=title, filing_date=filing, status=status,
                        patentees=list(patentees), fees_paid_until=paid_until, grant_date=grant)
    with ws.session() as session:
        patent_repo.insert_many(session, [facts])
        return patent_repo.ids_by_number(session, [facts.number.canonical])[facts.number.canonical]


BOOK = {
    "示例大学": {"identifier": "12100000400000000W", "legal_representative": "张校长", "address": "示例市大学路1号",
             "bank_name": "示例银行大学路支行", "bank_account": "6222000000000000"},
    "合作院": {"identifier": "91350100M000100Y30", "legal_representative": "赵院长", "address": "示例市科学城2号"},
}


def fill_book(ws):
    """The patentee book filled from the portfolio, then completed as an office would."""
    patentees.fill_from_portfolio(ws)
    for name, details in BOOK.items():
        if any(e.name == name for e in patentees.list_patentees(ws)):
            patentees.update_patentee(ws, name, **details)


def price(ws, pid, mode, **kw):
    defaults = {"free": {}, "lump_sum": {"amount": Decimal(50000)},
                "royalty": {"rate": Decimal(3), "base": RoyaltyBase.NET_SALES},
                "entry_plus_royalty": {"entry_fee": Decimal(10000), "rate": Decimal(2),
                                       "base": RoyaltyBase.NET_SALES}}[mode]
    terms = PricingTerms(PricingMode(mode), term_months=kw.pop("term_months", 36), **defaults, **kw)
    pricing.set_terms(ws, [pid], terms)
    return terms


# --- licensees ---------------------------------------------------------------------------------------------------

def test_uscc_is_validated_and_normalised(ws):
    rec = licensees.add_licensee(ws, " 示例科技有限公司 ", "９１３５０１００ｍ０００１００ｙ３０", contact="0591-1",
                           size="小型")
    assert rec.uscc == USCC_A and rec.name == "示例科技有限公司" and rec.size == "small"
    for bad, reason in [("91350100M000100Y31", "校验位"), ("91350100M000100Y3", "18"),
                        ("91350100M000100I30", "I"), ("91350100O000100Y30", "O"), ("", "18")]:
        with pytest.raises(InputError) as err:
            licensees.add_licensee(ws, "X", bad)
        assert err.value.code == "USCC_INVALID" and reason in err.value.message("zh")
    with pytest.raises(InputError) as err:
        licensees.add_licensee(ws, "另一家", USCC_A.lower())
    assert err.value.code == "LICENSEE_EXISTS"
    with pytest.raises(InputError) as err:
        licensees.add_licensee(ws, "  ", USCC_B)
    assert err.value.code == "LICENSEE_NAME_MISSING"
    with pytest.raises(InputError) as err:
        licensees.add_licensee(ws, "Y", USCC_B, size="巨型")
    assert err.value.code == "LICENSEE_BAD_SIZE"
    assert [r.name for r in licensees.list_licensees(ws)] == ["示例科技有限公司"]


def test_find_licensee_by_uscc_or_name(ws):
    a = licensees.add_licensee(ws, "甲公司", USCC_A)
    licensees.add_licensee(ws, "乙公司", USCC_B)
    licensees.add_licensee(ws, "乙公司", USCC_C)
    assert licensees.find_licensee(ws, "甲公司").id == a.id
    assert licensees.find_licensee(ws, USCC_A.lower()).id == a.id
    assert licensees.find_licensee(ws, USCC_C).name == "乙公司"
    with pytest.raises(InputError) as err:
        licensees.find_licensee(ws, "乙公司")
    assert err.value.code == "LICENSEE_AMBIGUOUS"
    with pytest.raises(NotFoundError):
        licensees.find_licensee(ws, "丙公司")


def test_update_licensee_is_audited(ws):
    a = licensees.add_licensee(ws, "甲公司", USCC_A)
    b = licensees.add_licensee(ws, "乙公司", USCC_B)
    rec = licensees.update_licensee(ws, a.id, address="新地址", legal_representative="张三")
    assert rec.address == "新地址"
    with pytest.raises(InputError):
        licensees.update_licensee(ws, a.id, uscc=b.uscc)
    with ws.reading() as session:
        fields = [r.field for r in audit.history(session, "licensee", a.id)]
        assert "address" in fields and "legal_representative" in fields
        assert audit.verify(session)[1] == []


def write_book(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_licensees_from_xlsx(ws, tmp_path):
    path = write_book(tmp_path / "licensees.xlsx", [
        ["被许可人名单（2026年）"],
        [],
        ["序号", "企业名称", "统一社会信用代码", "住所", "法定代表人", "联系电话", "企业规模"],
        [1, "甲公司", USCC_A, "福州市", "张三", "0591-1", "小型"],
        [2, "乙公司", USCC_B.lower(), "北京市", "李四", 13800000000, "medium"],
        [3, "坏代码公司", "91350100M000100Y31", "", "", "", ""],
        [],
        [4, "", USCC_C, "", "", "", ""],
        [5, "甲公司重复", USCC_A, "", "", "", ""],
        [6, "规模错", USCC_C, "", "", "", "巨型"],
    ])
    dry = licensees.import_licensees(ws, path, dry_run=True)
    assert (dry.rows_read, dry.created, dry.rejected) == (6, 2, 4)
    assert licensees.list_licensees(ws) == []
    result = licensees.import_licensees(ws, path)
    assert (result.created, result.updated, result.unchanged, result.rejected) == (2, 0, 0, 4)
    assert [(r["row"], r["code"]) for r in result.rejections] == [
        (6, "USCC_INVALID"), (8, "LICENSEE_NAME_MISSING"), (9, "LICENSEE_EXISTS"), (10, "LICENSEE_BAD_SIZE")]
    b = licensees.find_licensee(ws, USCC_B)
    assert (b.contact, b.size, b.legal_representative) == ("13800000000", "medium", "李四")
    again = licensees.import_licensees(ws, path)
    assert (again.created, again.unchanged) == (0, 2)
    path2 = write_book(tmp_path / "l2.xlsx", [["名称", "统一社会信用代码", "地址"], ["甲公司", USCC_A, "厦门市"]])
    assert licensees.import_licensees(ws, path2).updated == 1
    assert licensees.find_licensee(ws, USCC_A).address == "厦门市"
    with pytest.raises(InputError) as err:
        licensees.import_licensees(ws, write_book(tmp_path / "none.xlsx", [["a", "b"], [1, 2]]))
    assert err.value.code == "LICENSEE_IMPORT_NO_HEADER"


# --- licences and payments ---------------------------------------------------------------------------------------

def test_licence_needs_terms_and_snapshots_them(ws):
    pid = add_patent(ws, N1, date(2021, 1, 15))
    licensees.add_licensee(ws, "甲公司", USCC_A)
    with pytest.raises(OpenLicError) as err:
        licences.add_licence(ws, N1, "甲公司", date(2026, 1, 10))
    assert err.value.code == "LICENCE_NO_TERMS" and not isinstance(err.value, InputError)
    price(ws, pid, "lump_sum", pay_after_trial=True, trial_months=6, term_months=24)
    rec = licences.add_licence(ws, "ZL" + N1, USCC_A, date(2026, 1, 10))
    assert rec.trial_end == date(2026, 7, 9) and rec.free_end is None
    assert rec.term_end == date(2028, 1, 9)
    assert rec.recording_deadline == date(2026, 4, 10)
    [pay] = rec.payments
    assert (pay.kind, pay.amount_due, pay.due_date) == ("lump-sum", Decimal("50000.00"), date(2026, 8, 9))
    price(ws, pid, "free")  # repricing later does not change a licence already reached
    [again] = licences.list_licences(ws)
    assert again.terms.mode is PricingMode.LUMP_SUM and again.amount_due == Decimal("50000.00")
    with pytest.raises(InputError) as err:
        licences.add_licence(ws, N1, USCC_A, date(2026, 1, 10))
    assert err.value.code == "LICENCE_DUPLICATE"


def test_royalty_payments_follow_the_pricing_schedule(ws):
    pid = add_patent(ws, N1, date(2021, 1, 15))
    licensees.add_licensee(ws, "甲公司", USCC_A)
    price(ws, pid, "entry_plus_royalty", free_months=12, term_months=36)
    rec = licences.add_licence(ws, N1, "甲公司", date(2024, 2, 29))
    kinds = [(p.kind, p.period_start, p.period_end, p.due_date, p.amount_due) for p in rec.payments]
    assert kinds[0] == ("entry-fee", date(2025, 2, 28), date(2025, 2, 28), date(2025, 3, 30), Decimal("10000.00"))
    assert kinds[1][:4] == ("royalty", date(2025, 2, 28), date(2026, 2, 27), date(2026, 5, 27))
    assert kinds[1][4] is None  # known when sales are reported
    assert len(kinds) == 3 and kinds[2][2] == date(2027, 2, 27)
    assert rec.free_end == date(2025, 2, 27)


def test_licence_stops_at_patent_expiry(ws):
    # a utility model filed 2016-09-30 is in force until 2026-09-29
    pid = add_patent(ws, N3, date(2005, 9, 30))  # an invention filed 2005-09-30 is in force until 2025-09-29
    licensees.add_licensee(ws, "甲公司", USCC_A)
    price(ws, pid, "royalty", term_months=36)
    rec = licences.add_licence(ws, N3, "甲公司", date(2024, 1, 1))
    assert rec.term_end == date(2025, 9, 29)
    assert all(p.period_start <= date(2025, 9, 29) for p in rec.payments)
    assert rec.payments[-1].period_end == date(2025, 9, 29)


# --- deadlines ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("effective, recording", [
    (date(2024, 2, 29), date(2024, 5, 29)),
    (date(2023, 11, 30), date(2024, 2, 29)),
    (date(2024, 11, 30), date(2025, 2, 28)),
    (date(2024, 8, 31), date(2024, 11, 30)),
    (date(2025, 12, 31), date(2026, 3, 31)),
])
def test_recording_deadline_at_month_ends_and_leap_days(ws, effective, recording):
    pid = add_patent(ws, N1, date(2021, 1, 15))
    licensees.add_licensee(ws, "甲公司", USCC_A)
    price(ws, pid, "free")
    rec = licences.add_licence(ws, N1, "甲公司", effective)
    items = deadlines.deadlines(ws, today=effective, kinds=["recording"])
    assert [(d.kind, d.due, d.days_left) for d in items] == [("recording", recording, (recording - effective).days)]
    late = deadlines.deadlines(ws, today=date(2027, 1, 1), kinds=["recording"])
    assert late[0].overdue  # an open action stays listed when overdue
    licences.mark_recorded(ws, rec.id, recording)
    assert deadlines.deadlines(ws, today=effective, kinds=["recording"]) == []


def test_deadlines_free_period_trial_term_payments_and_window(ws):
    p1 = add_patent(ws, N1, date(2021, 1, 15))
    p2 = add_patent(ws, N2, date(2017, 8, 1))
    licensees.add_licensee(ws, "甲公司", USCC_A)
    price(ws, p1, "royalty", free_months=12, term_months=24)
    price(ws, p2, "lump_sum", pay_after_trial=True, trial_months=3, term_months=12)
    licences.add_licence(ws, N1, "甲公司", date(2024, 2, 29))
    rec2 = licences.add_licence(ws, N2, "甲公司", date(2024, 2, 29))
    today = date(2024, 3, 1)
    items = deadlines.deadlines(ws, today=today)
    got = {(d.kind, d.application_number): d.due for d in items}
    assert got[("free_period_end", N1)] == date(2025, 2, 27)
    assert got[("trial_end", N2)] == date(2024, 5, 28)
    assert got[("term_end", N1)] == date(2026, 2, 27)
    assert got[("term_end", N2)] == date(2025, 2, 27)
    assert got[("payment_due", N2)] == date(2024, 6, 28)  # 30 days after payment starts (2024-05-29)
    assert got[("evaluation_report", N1)] == date(2025, 2, 28)
    assert items == sorted(items, key=lambda d: (d.due, d.kind, d.application_number, d.licensee))
    window = deadlines.deadlines(ws, today=today, within=90)
    assert {d.kind for d in window} == {"recording", "trial_end"}
    assert all(d.days_left <= 90 for d in window)
    # passive dates vanish once passed; open payments stay, until received
    later = deadlines.deadlines(ws, today=date(2024, 7, 1))
    assert ("trial_end", N2) not in {(d.kind, d.application_number) for d in later}
    [pay] = [d for d in later if d.kind == "payment_due" and d.application_number == N2]
    assert pay.overdue and pay.amount == Decimal("50000.00")
    licences.record_payment(ws, rec2.payments[0].id, date(2024, 7, 2), Decimal(50000))
    assert not [d for d in deadlines.deadlines(ws, today=date(2024, 7, 1)) if d.kind == "payment_due"
                and d.application_number == N2]
    assert licences.list_licences(ws, patent_id=p2)[0].amount_received == Decimal("50000.00")


def test_annual_fee_deadline_with_the_reduction_that_applies(ws):
    from openlic_desktop.services import annual_fees

    # invention filed 2020-02-29 (leap day), fees paid through patent year 5 (until 2025-02-27)
    pid = add_patent(ws, N1, date(2020, 2, 29), paid_until=date(2025, 2, 27))
    price(ws, pid, "free")
    [fee] = deadlines.deadlines(ws, today=date(2025, 1, 1), kinds=["annual_fee"])
    assert fee.due == date(2025, 2, 28)  # anniversary of 29 Feb in a common year
    # published terms (a pilot listing) bring no reduction: only an announced declaration does (domain.md §3)
    assert fee.amount == Decimal("1200.00") and fee.detail == "第6年度"
    annual_fees.record_reduction(ws, [N1], 85, basis="费减备案")
    [fee] = deadlines.deadlines(ws, today=date(2025, 1, 1), kinds=["annual_fee"])
    assert fee.amount == Decimal("180.00") and fee.detail == "第6年度；减缴85%"
    # a patent without published terms or licences is not under the open licence: no reduction listed
    add_patent(ws, N2, date(2017, 8, 1), paid_until=date(2024, 7, 31))
    assert [d.application_number for d in deadlines.deadlines(ws, today=date(2024, 7, 1), kinds=["annual_fee"])] == [N1]


def test_annual_fee_not_listed_past_expiry_or_for_lapsed(ws):
    pid = add_patent(ws, N3, date(2005, 9, 30), paid_until=date(2025, 9, 29))  # the last year is paid
    price(ws, pid, "free", term_months=12)
    assert deadlines.deadlines(ws, today=date(2025, 1, 1), kinds=["annual_fee"]) == []
    pid2 = add_patent(ws, N2, date(2017, 8, 1), paid_until=date(2023, 7, 31), status=Status.LAPSED)
    price(ws, pid2, "free")
    assert deadlines.deadlines(ws, today=date(2024, 1, 1), kinds=["annual_fee"]) == []


# --- drafting ----------------------------------------------------------------------------------------------------

def test_draft_one_contract_for_several_patents(ws, tmp_path):
    settings.save(settings.Settings(office=settings.Office(name="示例大学技术转移中心", address="大学路1号",
                                                           contact_person="王老师", contact_phone="010-1")))
    p1 = add_patent(ws, N1, date(2021, 1, 15), title="一种装置")
    p2 = add_patent(ws, N2, date(2017, 8, 1), title="一种方法")
    licensees.add_licensee(ws, "甲公司", USCC_A, legal_representative="张三", address="甲市1号")
    fill_book(ws)
    price(ws, p1, "royalty", free_months=6)
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(ws, [N1, N2], "甲公司", tmp_path / "c.docx")
    assert err.value.code == "CONTRACT_NO_TERMS"
    assert not (tmp_path / "c.docx").exists()
    price(ws, p2, "free")
    announce(ws, [N1, N2])   # a statutory contract recites the announced declarations (the terms then frozen)
    [done] = drafting.draft_contract(ws, [N1, N2], "甲公司", tmp_path / "c.docx", effective=date(2026, 12, 1))
    text = ooxml.document_text(done.path)
    assert "许可人（专利权人）：示例大学" in text and "住所：示例市大学路1号" in text and "法定代表人：张三" in text
    assert "大学路1号" in text and "示例市大学路1号" in text and "住所：大学路1号" not in text  # not the office's
    assert "ZL202110123456.7" in text and "ZL201710601862.3" in text and "阶段性免费许可" in text
    assert "免费许可：被许可人在许可期限内" in text and "先试用后付费" not in text
    assert done.contract_number == "KF2026-0001" and "合同编号：KF2026-0001" in text
    stamp = render.read_stamp(done.path)
    assert stamp[render.PROP_DATA_SHA] == done.data_sha256
    assert stamp[render.PROP_TEMPLATE_VERSION] == done.template_version == "2026.12-8"
    with pytest.raises(InputError):
        drafting.draft_contract(ws, [N1], "甲公司", tmp_path / "c.pdf")


def test_draft_batch_for_many_licensees(ws, tmp_path):
    pid = add_patent(ws, N1, date(2021, 1, 15))
    price(ws, pid, "lump_sum")
    announce(ws, [N1])
    ids = [licensees.add_licensee(ws, name, code, address="某地", legal_representative="某人").id
           for name, code in [("甲/公司", USCC_A), ("..乙公司", USCC_B), ("丙公司", USCC_C)]]
    fill_book(ws)
    out = tmp_path / "out"
    seen = []
    done = drafting.draft_batch(ws, [pid], ids, out, effective=date(2026, 12, 1),
                           progress=lambda d, t: seen.append((d, t)) or True)
    assert seen[-1] == (3, 3)
    assert sorted(p.name for p in out.iterdir()) == sorted(d.path.name for d in done)
    assert all(d.path.parent == out for d in done)  # no path traversal through names
    assert "甲_公司" in done[0].path.name
    texts = [ooxml.document_text(d.path) for d in done]
    assert "甲/公司" in texts[0] and "丙公司" in texts[2]
    assert len({d.data_sha256 for d in done}) == 3
    assert [d.contract_number for d in done] == ["KF2026-0001", "KF2026-0002", "KF2026-0003"]
    # cancel leaves the folder as it was
    out2 = tmp_path / "out2"
    with pytest.raises(InterruptedError):
        drafting.draft_batch(ws, [pid], ids, out2, progress=lambda d, t: d < 1)
    assert not out2.exists()


def test_office_template_is_checked_before_drafting(ws, tmp_path):
    from docx import Document

    pid = add_patent(ws, N1, date(2021, 1, 15))
    price(ws, pid, "free")
    licensees.add_licensee(ws, "甲公司", USCC_A, address="某地", legal_representative="某人")
    fill_book(ws)
    doc = Document()
    doc.add_paragraph("{{ licensee.name }} {{ licensee.nmae }}")
    doc.save(str(tmp_path / "office.docx"))
    with pytest.raises(InputError) as err:
        drafting.draft_contract(ws, [N1], "甲公司", tmp_path / "c.docx", template=tmp_path / "office.docx")
    assert err.value.code == "CONTRACT_TEMPLATE_CHECK_FAILED" and "licensee.nmae" in err.value.message("en")
    assert not (tmp_path / "c.docx").exists()


def test_preview_text(ws):
    pid = add_patent(ws, N1, date(2021, 1, 15), title="预览专利")
    price(ws, pid, "royalty")
    text = drafting.preview_text(ws, [pid], None, effective=date(2026, 12, 1))
    assert "预览专利" in text and "提成支付" in text


# --- the bureau report -------------------------------------------------------------------------------------------

def test_follow_up_report(ws, tmp_path):
    p1 = add_patent(ws, N1, date(2021, 1, 15), title="=HYPERLINK(\"http://x\")")
    p2 = add_patent(ws, N2, date(2017, 8, 1), title="一种方法")
    licensees.add_licensee(ws, "=1+1 公司", USCC_A)
    licensees.add_licensee(ws, "乙公司", USCC_B)
    price(ws, p1, "lump_sum")
    price(ws, p2, "free")
    licences.add_licence(ws, N1, USCC_A, date(2026, 1, 1))
    r2 = licences.add_licence(ws, N1, USCC_B, date(2026, 2, 1))
    licences.add_licence(ws, N2, USCC_B, date(2026, 2, 1))
    licences.record_payment(ws, r2.payments[0].id, date(2026, 3, 1), Decimal(50000))
    licences.record_effect(ws, r2.id, implemented=True, products="光催化净化器", new_sales=Decimal(1200000),
                           jobs=8, as_of=date(2026, 12, 31))
    from packages_helpers import set_office

    set_office()
    out = follow_up.follow_up_report(ws, tmp_path / "report.xlsx", today=date(2027, 1, 5))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "许可明细", "按专利汇总"]
    detail = book["许可明细"]
    rows = list(detail.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "专利号", "专利名称", "被许可人") and len(rows) == 4
    assert [r[1] for r in rows[1:]] == ["ZL" + N2, "ZL" + N1, "ZL" + N1]
    assert rows[2][3] == "=1+1 公司" and rows[2][2] == "=HYPERLINK(\"http://x\")"
    assert detail["D3"].data_type == "s" and detail["C3"].data_type == "s"  # text, not a formula
    header = rows[0]
    by_licensee = {r[3]: dict(zip(header, r)) for r in rows[2:]}
    effect = by_licensee["乙公司"]
    assert (effect["是否实施"], effect["实施产品"], effect["新增销售额（元）"], effect["新增就业（人）"]) == (
        "是", "光催化净化器", 1200000, 8)
    assert by_licensee["=1+1 公司"]["是否实施"] == "未报告"
    sheet = list(book["汇总"].iter_rows(values_only=True))
    # who reports and when (the day as Chinese texts write it), above the figures; the unit's seal below them
    assert sheet[1][0] == "填报单位：测试大学　　填报日期：2027年1月5日" and sheet[2] == ("项目", "数量")
    labels = [r[0] for r in sheet if r[0]]
    assert labels[-3:] == ["填报单位（盖章）：", "联系人：王老师　联系电话：0571-88888888", "日期：　　　　年　　月　　日"]
    assert book["汇总"].print_title_rows == "$1:$3"
    summary = dict(r for r in sheet[3:] if r[1] is not None)
    assert summary["达成许可（项）"] == 3 and summary["已实施（项）"] == 1 and summary["新增就业（人）"] == 8
    assert summary["新增销售额（元）"] == 1200000 and summary["已收许可使用费（元）"] == 50000
    totals = list(book["按专利汇总"].iter_rows(values_only=True))
    by_number = {r[0]: r for r in totals[1:]}
    assert by_number["ZL" + N1][2:6] == (2, "=1+1 公司、乙公司", 100000, 50000)
    assert by_number["ZL" + N2][2] == 1
    # no licence of the patent has reported its effect: not a sales figure of 0
    assert by_number["ZL" + N2][6] == "未报告" and by_number["ZL" + N1][6] == 1200000
    assert detail.page_setup.orientation == "landscape" and detail.print_title_rows == "$1:$1"
    # the dates are date cells with a date format, not text; a date not known is blank, 未备案 is said in words
    columns = {title: i + 1 for i, title in enumerate(header)}
    for row in (2, 3, 4):
        cell = detail.cell(row, columns["合同生效日"])
        assert cell.is_date and cell.data_type == "d" and cell.number_format == "yyyy-mm-dd", cell.value
    implemented_row = next(r for r in (2, 3, 4) if detail.cell(r, columns["被许可人"]).value == "乙公司"
                           and detail.cell(r, columns["专利号"]).value == "ZL" + N1)
    as_of = detail.cell(implemented_row, columns["实施情况截至"])
    assert as_of.is_date and as_of.value.date() == date(2026, 12, 31) and as_of.number_format == "yyyy-mm-dd"
    assert detail.cell(implemented_row, columns["合同生效日"]).value.date() == date(2026, 2, 1)
    other = next(r for r in (2, 3, 4) if r != implemented_row)
    assert detail.cell(other, columns["实施情况截至"]).value is None
    assert detail.cell(other, columns["备案日期"]).value == "未备案"
    term_end = [detail.cell(r, columns["许可期限至"]) for r in (2, 3, 4)]
    assert all(c.value is None or (c.is_date and c.number_format == "yyyy-mm-dd") for c in term_end)
    assert any(c.value is not None for c in term_end)
    licences.mark_recorded(ws, r2.id, date(2026, 4, 1))
    again = openpyxl.load_workbook(follow_up.follow_up_report(ws, tmp_path / "again.xlsx", today=date(2027, 1, 5)))
    recorded = again["许可明细"].cell(implemented_row, columns["备案日期"])
    assert recorded.is_date and recorded.value.date() == date(2026, 4, 1)


def test_deadline_export(ws, tmp_path):
    pid = add_patent(ws, N1, date(2021, 1, 15))
    licensees.add_licensee(ws, "甲公司", USCC_A)
    price(ws, pid, "free")
    licences.add_licence(ws, N1, "甲公司", date(2024, 2, 29))
    items = deadlines.deadlines(ws, today=date(2024, 3, 1))
    out = deadlines.export_deadlines(items, tmp_path / "d.xlsx")
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][0] == "2024-05-29" and rows[1][2].startswith("合同备案")
    assert len(rows) == len(items) + 1


def test_deadline_export_says_a_fees_kind_in_words(ws, tmp_path):
    pid = add_patent(ws, N2, date(2017, 8, 1))
    licensees.add_licensee(ws, "甲公司", USCC_A)
    price(ws, pid, "entry_plus_royalty", term_months=24)
    p2 = add_patent(ws, N1, date(2021, 1, 15))
    price(ws, p2, "lump_sum", term_months=12)
    licences.add_licence(ws, N2, "甲公司", date(2024, 2, 29))
    licences.add_licence(ws, N1, "甲公司", date(2024, 2, 29))
    for lang, words in (("zh", {"入门费", "一次性支付", "提成支付"}), ("en", {"Entry fee", "Lump sum", "Royalty"})):
        items = deadlines.deadlines(ws, today=date(2024, 3, 1), kinds=["payment_due"], lang=lang)
        out = deadlines.export_deadlines(items, tmp_path / f"d_{lang}.xlsx", lang)
        sheet = openpyxl.load_workbook(out).active
        rows = list(sheet.iter_rows(values_only=True))
        assert sheet.title == ("期限" if lang == "zh" else "Deadlines") and rows[0][7] == ("说明" if lang == "zh" else "Detail")
        assert {r[7] for r in rows[1:]} == words, rows
    # --json keeps the code beside the words
    [lump] = [d for d in items if d.application_number == N1]
    assert lump.to_json()["payment_kind"] == "lump-sum" and lump.to_json()["detail"] == "Lump sum"


def test_migration_matches_models(ws):
    from openlic_desktop.storage.models import Base

    mine = {"licensees", "licences", "licence_payments", "patentees", "contracts", "offer_withdrawals",
            "withdrawal_consents"}
    with ws.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    relevant = [d for d in diff if any(t in repr(d) for t in mine)]
    assert relevant == []


def test_failed_pdf_step_leaves_no_contract_behind(ws, tmp_path, monkeypatch):
    pid = add_patent(ws, N1, date(2021, 1, 15))
    price(ws, pid, "free")
    announce(ws, [N1])
    licensees.add_licensee(ws, "甲公司", USCC_A, address="某地", legal_representative="某人")
    fill_book(ws)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    assert drafting.pdf_available() is False
    with pytest.raises(OpenLicError) as err:
        drafting.draft_contract(ws, [N1], "甲公司", tmp_path / "c.docx", pdf=True)
    assert err.value.code == "PDF_NO_LIBREOFFICE" and not (tmp_path / "c.docx").exists()
    # an soffice that produces nothing (as two instances sharing a profile do): refused, nothing left
    fake = bin_dir / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    assert drafting.pdf_available() is True
    out = tmp_path / "batch"
    with pytest.raises(OpenLicError) as err:
        drafting.draft_batch(ws, [pid], [licensees.find_licensee(ws, USCC_A).id], out, pdf=True)
    assert err.value.code == "PDF_FAILED"
    assert not out.exists() or list(out.iterdir()) == []
    with ws.reading() as session:  # no contract number was used up
        from openlic_desktop.storage import licensing as repo

        assert repo.next_contract_seq(session, date.today().year) == 1
