"""Each readiness code with a case that triggers it and one that does not (pure domain, no database)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.profiles import BureauProfile
from openlic_desktop.domain.readiness import (
    AttachmentValue,
    EncumbranceValue,
    ReadinessRecord,
    RuleContext,
    SignOffValue,
    evaluate,
    fingerprint,
    is_ready,
)
from openlic_desktop.domain.status import Status

TODAY = date(2026, 11, 26)
PROFILE = BureauProfile(code="t", name="test")
CTX = RuleContext(PROFILE, TODAY)
ALL_ITEMS = {c: "" for c in PROFILE.commitment_codes()}


def _facts(number: str = "202110123456.7", **changes) -> PatentFacts:
    base = {"number": parse_application_number(number), "title": "一种测试方法", "filing_date": date(2021, 3, 10),
                "grant_date": date(2023, 5, 1), "status": Status.IN_FORCE, "patentees": ["浙江大学"],
                "fees_paid_until": date(2027, 3, 9), "contact_person": "王伟", "contact_phone": "0571-88888888"}
    base.update(changes)
    return PatentFacts(**base)


def _signed(record: ReadinessRecord) -> ReadinessRecord:
    fp = fingerprint(record)
    record.signoffs = {"preparer": SignOffValue("preparer", "alice", fp),
                       "reviewer": SignOffValue("reviewer", "bob", fp)}
    record._fingerprint = None
    return record


def ready_record(facts: PatentFacts | None = None, **changes) -> ReadinessRecord:
    record = ReadinessRecord(1, facts or _facts(), commitments=dict(ALL_ITEMS), **changes)
    return _signed(record)


def codes(record: ReadinessRecord, ctx: RuleContext = CTX) -> list[str]:
    return [f.code for f in evaluate(record, ctx)]


def test_baseline_is_ready():
    findings = evaluate(ready_record(), CTX)
    assert findings == [] and is_ready(findings)


# a utility-model number: 2021 2 ...; check digit computed by the identifiers module
def _um_number() -> str:
    from openlic_desktop.domain.identifiers import check_character

    digits = "202120123456"
    return f"{digits}.{check_character(digits)}"


CASES = [
    # code, record that triggers it, record that does not
    ("NOT_GRANTED", lambda: ready_record(_facts(status=Status.PENDING, grant_date=None)), ready_record),
    ("EXPIRED", lambda: ready_record(_facts(filing_date=date(2005, 1, 1), fees_paid_until=date(2024, 12, 31))),
     ready_record),
    ("LAPSED", lambda: ready_record(_facts(fees_paid_until=date(2025, 3, 9))), ready_record),
    ("LAPSED", lambda: ready_record(_facts(status=Status.LAPSED)), ready_record),
    ("FEE_IN_GRACE", lambda: ready_record(_facts(filing_date=date(2021, 10, 1), fees_paid_until=date(2026, 9, 30))),
     lambda: ready_record(_facts(filing_date=date(2021, 10, 1), fees_paid_until=date(2027, 9, 30)))),
    ("EXCLUSIVE_LICENCE", lambda: ready_record(encumbrances=[EncumbranceValue("exclusive-licence", "甲公司",
                                                                              start=date(2025, 1, 1),
                                                                              end=date(2027, 1, 1))]),
     lambda: ready_record(encumbrances=[EncumbranceValue("exclusive-licence", "甲公司", start=date(2020, 1, 1),
                                                         end=date(2025, 12, 31)),
                                        EncumbranceValue("ordinary-licence", "乙公司")])),
    ("EXCLUSIVE_LICENCE", lambda: ready_record(encumbrances=[EncumbranceValue("sole-licence", "丙",
                                                                              start=date(2027, 6, 1))]),
     lambda: ready_record(encumbrances=[EncumbranceValue("sole-licence", "丙", start=date(2028, 6, 1))])),
    ("PLEDGE_WITHOUT_CONSENT", lambda: ready_record(encumbrances=[EncumbranceValue("pledge", "某银行")]),
     lambda: ready_record(encumbrances=[EncumbranceValue("pledge", "某银行", consent=True),
                                        EncumbranceValue("pledge", "旧银行", end=date(2024, 1, 1))])),
    ("SUSPENDED", lambda: ready_record(encumbrances=[EncumbranceValue("dispute", "某人", start=date(2026, 1, 1))]),
     lambda: ready_record(encumbrances=[EncumbranceValue("preservation", "法院", start=date(2020, 1, 1),
                                                         end=date(2021, 1, 1))])),
    ("SUSPENDED", lambda: ready_record(encumbrances=[EncumbranceValue("preservation", "某法院")]), ready_record),
    ("TRANSFERRED", lambda: ready_record(encumbrances=[EncumbranceValue("transfer", "丁公司", start=date(2026, 2, 1))]),
     lambda: ready_record(encumbrances=[EncumbranceValue("transfer", "丁公司", start=date(2027, 2, 1))])),
    ("EVALUATION_REPORT_MISSING", lambda: ready_record(_facts(_um_number())),
     lambda: ready_record(_facts(_um_number()), attachments=[AttachmentValue("evaluation-report", "a" * 64,
                                                                             conclusion="favourable")])),
    ("EVALUATION_REPORT_UNFAVOURABLE",
     lambda: ready_record(_facts(_um_number()), attachments=[AttachmentValue("evaluation-report", "a" * 64,
                                                                             conclusion="unfavourable",
                                                                             claims="1-3")]),
     lambda: ready_record(_facts(_um_number()), attachments=[
         AttachmentValue("evaluation-report", "a" * 64, conclusion="unfavourable"),
         AttachmentValue("search-report", "b" * 64, conclusion="favourable")])),
    ("COOWNER_CONSENT_MISSING", lambda: ready_record(_facts(patentees=["浙江大学", "比亚迪股份有限公司"])),
     lambda: ready_record(_facts(patentees=["浙江大学", "比亚迪股份有限公司"]), consents={"比亚迪股份有限公司"})),
    ("COMMITMENTS_INCOMPLETE", lambda: _signed(ReadinessRecord(1, _facts(), commitments={"C1": ""})), ready_record),
    ("NOT_SIGNED_OFF", lambda: ReadinessRecord(1, _facts(), commitments=dict(ALL_ITEMS)), ready_record),
    ("CONTACT_MISSING", lambda: ready_record(_facts(contact_person="", contact_phone="")), ready_record),
    ("CONTACT_MISSING", lambda: ready_record(_facts(contact_phone="")),
     lambda: ready_record(_facts(contact_phone="", contact_email="tto@zju.edu.cn"))),
]


@pytest.mark.parametrize(("code", "triggers", "clean"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_triggers_and_not(code, triggers, clean):
    assert code in codes(triggers())
    assert code not in codes(clean())


def test_fee_in_grace_is_a_warning_only():
    record = ready_record(_facts(filing_date=date(2021, 10, 1), fees_paid_until=date(2026, 9, 30)))
    findings = evaluate(record, CTX)
    assert [f.code for f in findings] == ["FEE_IN_GRACE"]
    assert findings[0].severity is Severity.WARNING and is_ready(findings)
    assert findings[0].params["grace_end"] == "2027-03-31"


def test_search_report_counts_only_where_the_profile_allows_it():
    record = ready_record(_facts(_um_number()), attachments=[AttachmentValue("search-report", "b" * 64,
                                                                             conclusion="favourable")])
    assert "EVALUATION_REPORT_MISSING" not in codes(record)
    strict = RuleContext(dataclasses.replace(PROFILE, search_report_allowed=False), TODAY)
    assert "EVALUATION_REPORT_MISSING" in codes(record, strict)


def test_invention_needs_no_evaluation_report():
    assert "EVALUATION_REPORT_MISSING" not in codes(ready_record())


def test_signoff_stale_after_any_signed_fact_changes():
    record = ready_record()
    assert "SIGNOFF_STALE" not in codes(record)
    for change in (lambda r: setattr(r.facts, "title", "改过的名称"),
                   lambda r: r.encumbrances.append(EncumbranceValue("ordinary-licence", "某公司")),
                   lambda r: r.commitments.__setitem__("C1", "new note"),
                   lambda r: setattr(r, "pricing_canonical", {"mode": "free", "term_months": 12}),
                   lambda r: r.attachments.append(AttachmentValue("other", "c" * 64))):
        changed = ready_record()
        change(changed)
        changed._fingerprint = None
        assert "SIGNOFF_STALE" in codes(changed)


def test_profile_commitments_are_data():
    from openlic_desktop.domain.profiles import Commitment

    profile = dataclasses.replace(PROFILE, commitments=(Commitment("Z1", "甲", "A"),))
    record = ReadinessRecord(1, _facts(), commitments={"C1": ""})
    assert "COMMITMENTS_INCOMPLETE" in codes(record, RuleContext(profile, TODAY))
    record.commitments["Z1"] = ""
    assert "COMMITMENTS_INCOMPLETE" not in codes(record, RuleContext(profile, TODAY))


def test_office_name_decides_who_is_a_co_owner():
    facts = _facts(patentees=["比亚迪股份有限公司", "浙江大学"])
    ctx = RuleContext(PROFILE, TODAY, own_names=frozenset({"浙江大学"}))
    record = ready_record(facts, consents={"浙江大学"})
    assert "COOWNER_CONSENT_MISSING" in codes(record, ctx)
    record = ready_record(facts, consents={"比亚迪股份有限公司"})
    assert "COOWNER_CONSENT_MISSING" not in codes(record, ctx)


def test_office_contact_is_the_default():
    record = ready_record(_facts(contact_person="", contact_phone=""))
    ctx = RuleContext(PROFILE, TODAY, default_contact=("技术转移中心", "0571-1", ""))
    assert "CONTACT_MISSING" not in codes(record, ctx)


def test_pricing_findings_pass_through_and_term_widens_exclusive_window():
    record = ready_record(pricing_findings=[Finding("PRICING_MISSING", Severity.BLOCKER, {"fields": "mode"})])
    assert "PRICING_MISSING" in codes(record)
    enc = [EncumbranceValue("exclusive-licence", "甲", start=date(2028, 6, 1))]
    assert "EXCLUSIVE_LICENCE" not in codes(ready_record(encumbrances=enc))
    assert "EXCLUSIVE_LICENCE" in codes(ready_record(encumbrances=enc, pricing_term_months=36))


def test_every_code_has_both_languages():
    from openlic_desktop.domain.readiness import CODES
    from openlic_desktop.support.messages import catalogue

    for code in CODES:
        zh, en = catalogue()[code]
        assert zh and en


def test_messages_name_roles_and_kinds_in_the_language_asked():
    from openlic_desktop.services.readiness import finding_message

    record = ReadinessRecord(1, _facts(), commitments=dict(ALL_ITEMS),
                             encumbrances=[EncumbranceValue("exclusive-licence", "甲公司")])
    findings = {f.code: f for f in evaluate(record, CTX)}
    assert finding_message(findings["NOT_SIGNED_OFF"], "zh") == "尚未签核：经办人、复核人"
    assert finding_message(findings["NOT_SIGNED_OFF"], "en") == "Not signed off by: preparer, reviewer"
    assert "独占许可" in finding_message(findings["EXCLUSIVE_LICENCE"], "zh")
    assert "exclusive licence" in finding_message(findings["EXCLUSIVE_LICENCE"], "en")
