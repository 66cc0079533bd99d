"""A term "until expiry" is a recorded fact of the terms, not a month count: every document prints the patent's
专利权期限届满日 as the end of the licence, not the last whole month that fits before it."""

from __future__ import annotations

import io
from datetime import date, timedelta
from itertools import pairwise
from types import SimpleNamespace

from docx import Document

from openlic_desktop.documents import declarations as decl_docs
from openlic_desktop.documents.contracts.context import ContractPatent, build_context
from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.licensing import Party
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.domain.pricing_words import terms_in_words
from openlic_desktop.services import pricing
from openlic_desktop.services.export import table_row
from openlic_desktop.storage import patents as patent_repo

TODAY = date(2026, 12, 7)


def design() -> PatentFacts:
    digits = "202030123456"  # a design filed 2020-09-22: ten years, last day in force 2030-09-21
    return PatentFacts(parse_application_number(f"{digits}.{check_character(digits)}"), title="茶具（外观设计）",
                       filing_date=date(2020, 9, 22), grant_date=date(2021, 3, 2), patentees=["示例大学"],
                       fees_paid_until=None)


def priced(ws) -> tuple[PatentFacts, PricingTerms]:
    facts = design()
    with ws.session() as session:
        patent_repo.insert_many(session, [facts])
    number = facts.number.canonical
    outcome = pricing.price_patents(ws, [number], PricingTerms(PricingMode.FREE), until_expiry=True, today=TODAY)
    assert outcome.changed == [number]
    return facts, pricing.get_terms(ws, pricing.ids_for_numbers(ws, [number])[number])


def test_the_stored_terms_say_until_expiry(ws):
    facts, terms = priced(ws)
    assert facts.expiry_date == date(2030, 9, 21)
    assert terms.until_expiry is True
    # the whole months that fit end on the 6th: the fact that the term runs to the 21st is what must survive
    assert add_months(TODAY, terms.term_months) - timedelta(days=1) == date(2030, 9, 6)
    assert terms.canonical()["until_expiry"] is True
    assert "until_expiry" not in PricingTerms(PricingMode.FREE, term_months=36).canonical()


def test_the_contract_ends_on_the_expiry_day(ws):
    facts, terms = priced(ws)
    party = Party(name="示例大学", identifier="12100000400000624D")
    licensee = Party(name="某某科技有限公司", identifier="91110000100000000X")
    fields = build_context(number="KF2026-0001", licensors=[party], licensee=licensee,
                           patents=[ContractPatent(facts, terms)], effective=TODAY, template_version="t")
    assert fields["patents"][0]["term_end"] == "2030年9月21日"
    assert fields["licence"]["until_expiry"] is True
    # "at most N months, and not past the expiry day" must not read shorter than the term runs
    assert add_months(TODAY, fields["licence"]["term_months"]) - timedelta(days=1) >= date(2030, 9, 21)


def test_the_declaration_names_the_expiry_day_as_the_end(ws):
    facts, terms = priced(ws)
    words = terms_in_words(terms, expiry=facts.expiry_date).to_json()
    text = decl_docs.DeclarationText(
        patent_number="ZL" + facts.number.canonical, title=facts.title, patent_type="外观设计",
        filing_date=facts.filing_date, grant_date=facts.grant_date, expiry=facts.expiry_date, patentees=[],
        mode=words["mode"], standard=words["standard"], term=words["term"],
        term_until_expiry=bool(words.get("until_expiry")))
    body = "\n".join(p.text for p in Document(io.BytesIO(decl_docs.declaration_docx(text, TODAY))).paragraphs)
    line = next(p for p in body.splitlines() if p.startswith("许可期限"))
    assert "自许可生效之日起至专利权期限届满日（2030年9月21日）止" in line
    assert "个月" not in line and "2030年9月6日" not in body
    consent = "\n".join(p.text for p in Document(io.BytesIO(decl_docs.consent_docx(text, TODAY))).paragraphs)
    assert "许可期限为自许可生效之日起至专利权期限届满日（2030年9月21日）止" in consent


def test_the_information_table_names_the_expiry_day_as_the_end(ws):
    facts, terms = priced(ws)
    office = SimpleNamespace(contact_person="", contact_phone="", contact_email="", address="")
    row = table_row(1, facts, terms, [], None, office, TODAY)
    assert row["licence_term"] == "自许可生效之日起至专利权期限届满日（2030年9月21日）止"
    month_row = table_row(1, facts, PricingTerms(PricingMode.FREE, term_months=36), [], None, office, TODAY)
    assert month_row["licence_term"].startswith("36个月")


def test_the_last_royalty_period_runs_to_the_expiry_day(ws):
    from decimal import Decimal

    from openlic_desktop.domain.licensing import licence_end, payments_due
    from openlic_desktop.domain.pricing import RoyaltyBase

    facts, _terms = priced(ws)
    royalty = pricing.own_terms(PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES),
                                facts.expiry_date, TODAY)
    last = licence_end(TODAY, royalty, facts.expiry_date)
    assert last == date(2030, 9, 21)
    due = payments_due(royalty, TODAY, last)
    assert due[-1]["period_end"] == date(2030, 9, 21)  # the days after the last whole month are not left unpaid
    assert all(a["period_end"] < b["period_start"] for a, b in pairwise(due))


def test_a_lump_sum_until_expiry_is_one_period_to_the_expiry_day(ws):
    """The schedule (`openlic schedule`, the editor's table), the licence's payments and the contract agree: a
    lump sum until expiry covers the licence to 专利权期限届满日, not to the last whole month before it."""
    from decimal import Decimal

    from openlic_desktop.domain.licensing import licence_end, payments_due
    from openlic_desktop.domain.pricing import payment_schedule

    facts, _terms = priced(ws)
    lump = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), free_months=6)
    pricing.set_terms(ws, list(pricing.ids_for_numbers(ws, [facts.number.canonical]).values()),
                      pricing.own_terms(lump, facts.expiry_date, TODAY))
    _number, schedule = pricing.schedule_for(ws, facts.number.canonical, None, start=TODAY)
    assert schedule.end == date(2030, 9, 21) and schedule.periods[-1].end == date(2030, 9, 21)
    assert [p.kind.value for p in schedule.periods] == ["free", "lump-sum"] and schedule.total == Decimal(50000)
    terms = pricing.get_terms(ws, pricing.ids_for_numbers(ws, [facts.number.canonical])[facts.number.canonical])
    last = licence_end(TODAY, terms, facts.expiry_date)
    [due] = payments_due(terms, TODAY, last)
    assert (due["period_start"], due["period_end"]) == (date(2027, 6, 7), date(2030, 9, 21))
    # a licence starting later runs to the same day: the term is counted from its own start, not from pricing day
    later = payment_schedule(terms, date(2027, 3, 1), expiry=facts.expiry_date)
    assert later.periods[-1].end == date(2030, 9, 21) and later.periods[0].end == date(2027, 8, 31)
    # a month count stays a month count: the expiry only trims, never stretches
    counted = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24)
    assert payment_schedule(counted, TODAY, expiry=facts.expiry_date).end == date(2028, 12, 6)


def test_a_royalty_until_expiry_estimates_the_days_after_its_whole_months(ws, db_path, capsys):
    """The last royalty period runs 15 days past the whole months (2030-09-07 … 2030-09-21, half of that 30-day
    month): the estimate counts them, in `openlic schedule` as in the engine the editor's table is drawn by."""
    import json
    from decimal import Decimal

    from openlic_desktop.cli.main import main
    from openlic_desktop.domain.pricing import RoyaltyBase, payment_schedule

    facts, _terms = priced(ws)
    royalty = pricing.own_terms(PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES),
                                facts.expiry_date, TODAY)
    pricing.set_terms(ws, list(pricing.ids_for_numbers(ws, [facts.number.canonical]).values()), royalty)
    schedule = payment_schedule(royalty, TODAY, Decimal(1_000_000), expiry=facts.expiry_date)
    # 30,000 a year: three whole years, then 9 months and 15 of September's days to the expiry day
    assert [(p.end, p.amount) for p in schedule.periods][-2:] == [(date(2029, 12, 6), Decimal("30000.00")),
                                                                  (date(2030, 9, 21), Decimal("23750.00"))]
    assert schedule.total == Decimal("113750.00") == Decimal(30000) * Decimal("45.5") / 12
    assert main(["--db", str(db_path), "schedule", facts.number.canonical, "--annual-sales", "1000000",
                 "--start", TODAY.isoformat(), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert Decimal(shown["total"]) == schedule.total and shown["periods"][-1]["end"] == "2030-09-21"
    assert shown["periods"][-1]["amount"] == "23750.00"
    # a term of whole months has no days over: its amounts are as before
    counted = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=24)
    assert payment_schedule(counted, TODAY, Decimal(1_000_000), expiry=facts.expiry_date).total == Decimal("60000.00")


def test_the_contract_says_until_the_expiry_day_not_a_month_count(ws, tmp_path):
    """第四条 said 最长为46个月 for a term the record states as until the expiry day (45 months and 14 days
    here): a number no declared term has. A contract whose every patent runs to its expiry day says so."""
    from openlic_desktop.documents import ooxml
    from openlic_desktop.documents.contracts import render

    facts, terms = priced(ws)
    party = Party(name="示例大学", identifier="12100000400000624D", address="示例市大学路1号",
                  legal_representative="张校长")
    licensee = Party(name="某某科技有限公司", identifier="91110000100000000X", address="某市1号",
                     legal_representative="李四")
    fields = build_context(number="KF2026-0001", licensors=[party], licensee=licensee,
                           patents=[ContractPatent(facts, terms)], effective=TODAY, template_version="t")
    out = tmp_path / "c.docx"
    render.render_to_file(render.default_template_path(), fields, out)
    text = ooxml.document_text(out)
    assert "各专利的许可期限自本合同生效之日起计算，见第一条专利清单，至该专利的专利权期限届满日止。" in text
    assert "最长为" not in text
    months = PricingTerms(PricingMode.FREE, term_months=36)
    fields = build_context(number="KF2026-0002", licensors=[party], licensee=licensee,
                           patents=[ContractPatent(facts, months)], effective=TODAY, template_version="t")
    render.render_to_file(render.default_template_path(), fields, out)
    assert "最长为36个月，且不超过该专利的专利权期限届满日。" in ooxml.document_text(out)
