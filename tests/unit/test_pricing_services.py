"""Pricing services on a real SQLite workspace: audited terms, presets on a selection with preview and undo,
bulk loading, schedule, industry reference (real xlsx / GB18030 csv files) and the fee-estimation note."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from openlic_desktop.domain.pricing import Frequency, PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.services import portfolio, pricing
from openlic_desktop.storage import audit
from openlic_desktop.storage import pricing as repo
from openlic_desktop.support.errors import InputError, NotFoundError, OpenLicError

TODAY = date(2026, 11, 26)
TRIAL = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36,
                     pay_after_trial=True, trial_months=12)
LUMP = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(80000), term_months=24)


def ids(ws, n=None):
    found = portfolio.query_ids(ws)
    return found[:n] if n else found


def pricing_audit(ws):
    with ws.reading() as s:
        from sqlalchemy import select

        from openlic_desktop.storage.models import AuditRecord

        return list(s.execute(select(AuditRecord.entity_id, AuditRecord.field, AuditRecord.old, AuditRecord.new)
                              .where(AuditRecord.field == "pricing").order_by(AuditRecord.id)))


def test_set_terms_audits_old_and_new(demo_ws):
    pid = ids(demo_ws, 1)[0]
    assert pricing.set_terms(demo_ws, [pid], TRIAL) == [pid]
    assert pricing.get_terms(demo_ws, pid) == TRIAL
    assert pricing.set_terms(demo_ws, [pid], TRIAL) == []  # nothing changed, nothing recorded
    pricing.set_terms(demo_ws, [pid], LUMP)
    trail = pricing_audit(demo_ws)
    assert len(trail) == 2
    assert trail[0].old is None and json.loads(trail[0].new)["rate"] == "3"
    assert json.loads(trail[1].old) == TRIAL.canonical() and json.loads(trail[1].new) == LUMP.canonical()
    with demo_ws.reading() as s:
        assert audit.verify(s)[1] == []


def test_set_terms_refuses_inconsistent_and_unknown(demo_ws):
    pid = ids(demo_ws, 1)[0]
    with pytest.raises(InputError):
        pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(-1), term_months=12))
    with pytest.raises(NotFoundError):
        pricing.set_terms(demo_ws, [pid, 999999], LUMP)
    assert pricing.get_terms(demo_ws, pid) is None  # the whole call changed nothing


def test_set_terms_for_numbers_accepts_any_number_form(demo_ws):
    number = portfolio.rows(demo_ws, ids(demo_ws, 1))[ids(demo_ws, 1)[0]].application_number
    assert pricing.set_terms_for_numbers(demo_ws, ["ZL" + number], LUMP) == [number]
    with pytest.raises(NotFoundError):
        pricing.set_terms_for_numbers(demo_ws, ["202110123456.7"], LUMP)


def test_load_terms_bulk_returns_only_priced(demo_ws):
    all_ids = ids(demo_ws)
    pricing.set_terms(demo_ws, all_ids[:150], TRIAL)
    with demo_ws.reading() as s:
        small = repo.load_terms(s, all_ids[:10] + all_ids[-5:])
        big = repo.load_terms(s, all_ids * 20)  # large id lists take the scan path
    assert set(small) == set(all_ids[:10]) and all(t == TRIAL for t in small.values())
    assert set(big) == set(all_ids[:150])


def test_presets_shipped_saved_and_deleted(ws):
    names = [p.name for p in pricing.list_presets(ws)]
    assert "一年免费试用后按净销售额3%提成，许可期3年" in names
    shipped = pricing.get_preset(ws, "一年免费试用后按净销售额3%提成，许可期3年")
    assert shipped.terms.pay_after_trial and shipped.terms.trial_months == 12 and shipped.terms.rate == 3
    pricing.save_preset(ws, "  固定5万两年 ", LUMP)
    assert pricing.get_preset(ws, "固定5万两年").terms == LUMP
    pricing.delete_preset(ws, "固定5万两年")
    with pytest.raises(NotFoundError):
        pricing.get_preset(ws, "固定5万两年")
    with pytest.raises(InputError):
        pricing.save_preset(ws, " ", LUMP)


def test_preview_names_the_breakers_and_why(demo_ws):
    selection = ids(demo_ws)
    rows = portfolio.rows(demo_ws, selection)
    long_terms = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(1000), term_months=12 * 12)
    found = pricing.preview(demo_ws, selection, long_terms, today=TODAY, start=TODAY)
    expiring = {pid for pid, r in rows.items() if r.expiry_date and r.expiry_date < date(2038, 11, 25)}
    assert {r.patent_id for r in found} == expiring and expiring
    assert all("TERM_BEYOND_EXPIRY" in [f.code for f in r.findings] for r in found)
    too_high = PricingTerms(PricingMode.ROYALTY, rate=Decimal(25), base=RoyaltyBase.NET_SALES, term_months=12)
    breakers = pricing.preview(demo_ws, selection[:5], too_high, today=TODAY)
    assert [r.patent_id for r in breakers] == selection[:5]
    assert all("FEE_ABOVE_CAP" in [f.code for f in r.findings] for r in breakers)


def test_apply_to_selection_and_undo(demo_ws):
    selection = ids(demo_ws, 30)
    pricing.set_terms(demo_ws, selection[:3], LUMP)  # some had terms before
    result = pricing.apply_to_selection(demo_ws, selection, TRIAL, label="试用3%")
    assert result.changed == 30
    assert all(t == TRIAL for t in pricing.terms_for(demo_ws, selection).values())
    assert pricing.last_application_label(demo_ws) == "试用3%"
    undone = pricing.undo_last_application(demo_ws)
    assert undone.restored == 30 and undone.label == "试用3%"
    after = pricing.terms_for(demo_ws, selection)
    assert set(after) == set(selection[:3]) and all(t == LUMP for t in after.values())
    with pytest.raises(OpenLicError) as info:
        pricing.undo_last_application(demo_ws)
    assert info.value.code == "PRICING_NOTHING_TO_UNDO"
    with demo_ws.reading() as s:
        assert audit.verify(s)[1] == []


def test_undo_refused_after_a_later_edit(demo_ws):
    selection = ids(demo_ws, 5)
    pricing.apply_to_selection(demo_ws, selection, TRIAL, label="a")
    pricing.set_terms(demo_ws, [selection[0]], LUMP)
    with pytest.raises(OpenLicError) as info:
        pricing.undo_last_application(demo_ws)
    assert info.value.code == "PRICING_UNDO_CONFLICT" and info.value.params["count"] == 1
    assert pricing.get_terms(demo_ws, selection[1]) == TRIAL  # nothing was undone


def test_undo_takes_the_last_application_first(demo_ws):
    selection = ids(demo_ws, 4)
    pricing.apply_to_selection(demo_ws, selection, TRIAL, label="first")
    pricing.apply_to_selection(demo_ws, selection[:2], LUMP, label="second")
    assert pricing.undo_last_application(demo_ws).label == "second"
    assert all(t == TRIAL for t in pricing.terms_for(demo_ws, selection).values())
    assert pricing.undo_last_application(demo_ws).label == "first"
    assert pricing.terms_for(demo_ws, selection) == {}


def test_schedule_for_patent(demo_ws):
    pid = ids(demo_ws, 1)[0]
    number = portfolio.rows(demo_ws, [pid])[pid].application_number
    with pytest.raises(InputError) as info:
        pricing.schedule_for(demo_ws, number, Decimal(1000))
    assert info.value.code == "PRICING_NOT_SET"
    pricing.set_terms(demo_ws, [pid], TRIAL)
    canonical, schedule = pricing.schedule_for(demo_ws, number, Decimal(1000000), start=date(2027, 1, 1))
    assert canonical == number and schedule.total == Decimal("60000.00")


def test_industry_from_ipc_longest_prefix():
    assert pricing.industry_from_ipc("A61K 31/00") == "医药制造业"
    assert pricing.industry_from_ipc("A61B5/00; G06N") == "专用设备制造业"
    assert pricing.industry_from_ipc("g06n 3/08") == "软件和信息技术服务业"
    assert pricing.industry_from_ipc("") == "" and pricing.industry_from_ipc("Z99") == ""


def test_national_statistics_have_sources():
    data = pricing.national_statistics()
    assert {p["key"] for p in data["period"]} == {"2016-2020", "2022", "2024"}
    assert all(p["source"] for p in data["period"])
    assert pricing.latest_national()["avg_fixed_amount"] == "1711000.00"
    assert data["caps"]["fixed_fee"] == "20000000.00"


def write_reference_xlsx(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["“十三五”专利许可使用费分行业统计"])
    sheet.append(["行业代码", "行业名称", "合同数量", "平均合同金额（万元）", "平均提成比例"])
    sheet.append(["27", "医药制造业", 320, 85.5, 0.045])
    sheet.append(["65", "软件和信息技术服务业", 410, "40", "3%"])
    sheet.append([None, None, None, None, None])
    sheet.append(["99", None, 12, 1, 1])
    sheet.append(["38", "电气机械和器材制造业", "n/a", 1, 1])
    book.save(path)


def test_load_reference_xlsx_and_view(demo_ws, tmp_path):
    path = tmp_path / "行业统计.xlsx"
    write_reference_xlsx(path)
    result = pricing.load_reference_table(demo_ws, path)
    assert result.loaded == 2
    assert [r for r, _ in result.rejected] == [6, 7]  # no industry name; contracts not a number
    lines = {line.industry: line for line in pricing.reference_lines(demo_ws)}
    pharma = lines["医药制造业"]
    assert pharma.avg_amount == Decimal("855000.00") and pharma.avg_rate == Decimal("4.5")
    assert pharma.contracts == 320 and pharma.code == "27"
    assert lines["软件和信息技术服务业"].avg_rate == Decimal(3)

    # a patent whose recorded industry is the pharma line; terms far above its average
    facts = portfolio.list_patents(demo_ws)
    target = next(f for f in facts if f.industry == "医药制造业")
    pid = pricing.ids_for_numbers(demo_ws, [target.number.canonical])[target.number.canonical]
    pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(3000000),
                                                   term_months=12))
    view = pricing.reference_view(demo_ws, pid)
    assert view.industry == "医药制造业" and view.industry_source == "recorded"
    assert view.line == pharma
    assert [w.code for w in view.warnings] == ["PRICING_FAR_ABOVE_REFERENCE"]
    pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(2000000),
                                                   term_months=12))
    assert pricing.reference_view(demo_ws, pid).warnings == ()
    # the user corrects the industry: the reference follows; cleared, the IPC decides
    portfolio.set_fields(demo_ws, target.number.canonical, {"industry": "软件和信息技术服务业"})
    assert pricing.reference_view(demo_ws, pid).line.industry == "软件和信息技术服务业"
    portfolio.set_fields(demo_ws, target.number.canonical, {"industry": ""})
    view = pricing.reference_view(demo_ws, pid)
    assert view.industry_source == "ipc" and view.industry == pricing.industry_from_ipc(target.ipc)


def test_load_reference_gb18030_csv_replaces_previous(ws, tmp_path):
    xlsx = tmp_path / "a.xlsx"
    write_reference_xlsx(xlsx)
    pricing.load_reference_table(ws, xlsx)
    csv_path = tmp_path / "b.csv"
    csv_path.write_bytes("行业,合同数,平均许可费,平均提成率\n通用设备制造业,\"1,200\",\"150,000\",2.8\n"
                         .encode("gb18030"))
    result = pricing.load_reference_table(ws, csv_path)
    assert result.loaded == 1 and result.rejected == ()
    [line] = pricing.reference_lines(ws)
    assert line.industry == "通用设备制造业" and line.contracts == 1200
    assert line.avg_amount == Decimal("150000.00") and line.avg_rate == Decimal("2.8")


def test_load_reference_refusals_change_nothing(ws, tmp_path):
    xlsx = tmp_path / "a.xlsx"
    write_reference_xlsx(xlsx)
    pricing.load_reference_table(ws, xlsx)
    no_header = tmp_path / "c.csv"
    no_header.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        pricing.load_reference_table(ws, no_header)
    assert info.value.code == "REFERENCE_NO_COLUMNS"
    broken = tmp_path / "d.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError) as info:
        pricing.load_reference_table(ws, broken)
    assert info.value.code == "FILE_NOT_SPREADSHEET"  # intake's reader and its refusals
    assert len(pricing.reference_lines(ws)) == 2


def test_national_reference_warns_without_industry_table(demo_ws):
    pid = ids(demo_ws, 1)[0]
    pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(6000000),
                                                   term_months=12))
    view = pricing.reference_view(demo_ws, pid)
    assert view.line is None
    assert [w.params["reference"] for w in view.warnings] == ["1,711,000.00"]


def test_fee_note_draft_store_edit(demo_ws):
    pid = ids(demo_ws, 1)[0]
    pricing.set_terms(demo_ws, [pid], TRIAL)
    draft = pricing.draft_note_for(demo_ws, pid, "own_revenue", {"annual_revenue": "2,000,000",
                                                                 "profit_share": "25"})
    assert "估算依据和方法" in draft and "2,000,000" in draft and "按净销售额的3%提成" in draft
    assert "先试用12个月，试用期满后继续实施的" in draft
    stats = pricing.draft_note_for(demo_ws, pid, "industry_statistics", {})
    # no industry table loaded: the national average is given as such, never as same-industry data
    assert "171.1万元（全部行业合计，并非同行业数据）" in stats and "尚未取得所属行业" in stats
    assert pricing.save_note(demo_ws, pid, "own_revenue", {"annual_revenue": "2,000,000"}, draft + "\n补充。")
    assert not pricing.save_note(demo_ws, pid, "own_revenue", {"annual_revenue": "2,000,000"}, draft + "\n补充。")
    note = pricing.get_note(demo_ws, pid)
    assert note.text.endswith("补充。") and note.method == "own_revenue"
    assert pricing.notes_for(demo_ws, [pid]) == {pid: note.text}
    with pytest.raises(InputError):
        pricing.draft_note_for(demo_ws, pid, "astrology", {})


def test_frequency_is_kept(ws):
    from openlic_desktop.domain.identifiers import parse_application_number
    from openlic_desktop.domain.patent import PatentFacts
    from openlic_desktop.storage import patents as patent_repo

    with ws.session() as s:
        patent_repo.insert_many(s, [PatentFacts(parse_application_number("201710601862.3"), title="t",
                                                filing_date=date(2017, 7, 20))])
    pid = portfolio.query_ids(ws)[0]
    terms = TRIAL.with_changes(frequency=Frequency.QUARTERLY, territory="浙江省内")
    pricing.set_terms(ws, [pid], terms)
    assert pricing.get_terms(ws, pid) == terms


@pytest.mark.parametrize("method", list(pricing.NOTE_METHODS))
def test_every_note_input_key_reaches_the_draft(demo_ws, method):
    pid = ids(demo_ws, 1)[0]
    assert set(pricing.NOTE_INPUT_KEYS) == set(pricing.NOTE_METHODS)
    inputs = {key: f"《{key}值》" for key in pricing.NOTE_INPUT_KEYS[method]}
    draft = pricing.draft_note_for(demo_ws, pid, method, inputs)
    assert pricing.NOTE_METHODS[method][0] in draft
    assert all(value in draft for value in inputs.values())
    assert "（尚未设置）" in draft  # no terms yet: said so, not invented
