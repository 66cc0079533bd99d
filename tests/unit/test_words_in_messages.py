"""Messages say things in words: no internal codes, field names or English in a Chinese message, no blank dates."""

from __future__ import annotations

import re
from datetime import date

from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.services import encumbrances
from openlic_desktop.services.readiness import finding_message
from openlic_desktop.support.messages import in_words, render

_LATIN = re.compile(r"[A-Za-z]{2,}")


def test_a_lapse_known_from_the_status_has_no_blank_dates():
    text = finding_message(Finding("LAPSED", Severity.BLOCKER, {"due": "", "grace_end": "", "variant": "recorded"},
                                   "facts.status"), "zh")
    assert text == "专利已失效（法律状态记录为失效）"
    dated = render("LAPSED", "zh", due="2025-03-01", grace_end="2025-09-01")
    assert "2025-03-01" in dated and "2025-09-01" in dated


def test_commitments_left_are_counted_not_listed_by_code():
    text = render("COMMITMENTS_INCOMPLETE", "zh", items="C1, C2, C3", count=3)
    assert "3" in text and "C1" not in text
    assert "C1" not in render("SIGNOFF_COMMITMENTS", "zh", items="C1", count=1)


def test_the_promises_left_are_named_in_words():
    from openlic_desktop.domain.identifiers import check_character, parse_application_number
    from openlic_desktop.domain.patent import PatentFacts
    from openlic_desktop.domain.readiness import ReadinessRecord, RuleContext, rule_commitments
    from openlic_desktop.services.profiles import get_profile

    facts = PatentFacts(parse_application_number(f"202110123456.{check_character('202110123456')}"), title="一种方法")
    profile = get_profile("statutory")
    [finding] = rule_commitments(ReadinessRecord(1, facts, commitments={}), RuleContext(profile, date(2026, 12, 7)))
    zh, en = finding_message(finding, "zh"), finding_message(finding, "en")
    assert "本专利权合法有效" in zh and "不含商业性宣传用语" in zh
    assert not re.search(r"\bP\d", zh) and not re.search(r"\bP\d", en), (zh, en)
    assert finding.params["items"].startswith("P1")  # --json keeps the codes


def test_roles_statuses_and_reasons_in_words():
    assert render("SIGNOFF_NOT_STAFF", "zh", user="王伟", role="reviewer") == "王伟 不在人员名单中，或不是名单中的复核人"
    assert "审查中" in render("NOT_GRANTED", "zh", status="pending")
    for reason, detail in (("uscc_length", ""), ("uscc_character", "I"), ("uscc_check", "Y")):
        text = render("USCC_INVALID", "zh", value="91350100M000100Y3", reason=reason, detail=detail)
        assert not _LATIN.search(text.replace("91350100M000100Y3", "")), text


def test_changed_fields_and_encumbrances_said_in_words():
    assert in_words("title, contact_person, patentees", "zh") == "专利名称、联系人、专利权人"
    info = encumbrances.EncumbranceInfo(1, 1, "pledge", "某银行", "Z2026-1", date(2025, 1, 1), None, True, "")
    zh = info.summary("zh")
    assert zh.startswith("质押 某银行 Z2026-1 2025-01-01") and "质权人已书面同意" in zh
    assert "pledge" not in zh and info.summary("en").startswith("pledge 某银行")
    assert info.describe().startswith("pledge")  # the audit trail keeps the code


def test_an_exclusive_licence_reads_as_english_too():
    """The English finding said "A exclusive licence (…) is in force": the kind's own article does not fit."""
    for kind in ("exclusive licence", "sole licence"):
        text = render("EXCLUSIVE_LICENCE", "en", kind=kind, party="X Co.", end="2028-12-31")
        assert f"A {kind}" not in text and kind in text and "X Co." in text
