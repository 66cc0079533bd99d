"""The statutory declaration's life on a real SQLite workspace: prepare → signed → filed → announced →
withdrawal filed → withdrawn, every refused step (with its code, nothing changed) and the audit trail."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from declaration_helpers import TODAY, add, ids, make_ready, number, set_office
from sqlalchemy.exc import IntegrityError

from openlic_desktop.domain.blocker_override import Override
from openlic_desktop.domain.declarations import DeclarationContent, DeclarationState
from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import declarations, encumbrances, portfolio, pricing, readiness
from openlic_desktop.services.declarations import DeclarationRefused
from openlic_desktop.storage import declarations as repo
from openlic_desktop.support.errors import OpenLicError

A, B, C = number("1", 1), number("1", 2), number("1", 3)


@pytest.fixture
def office_ws(ws):
    set_office()
    return ws


def states(ws, numbers):
    by_id = declarations.states_for(ws, ids(ws, numbers), today=TODAY)
    return [by_id.get(pid) for pid in ids(ws, numbers)]


def refused(exc_info) -> dict[str, str]:
    return {r.application_number: r.code for r in exc_info.value.outcome.refused}


def history_actions(ws, n):
    return [h["action"] for h in declarations.show(ws, n, today=TODAY).history]


def test_prepare_makes_one_draft_per_patent_and_says_what_is_missing(office_ws):
    add(office_ws, [A, B])
    first = declarations.prepare(office_ws, [A, B], today=TODAY)
    assert [(r.application_number, r.state, r.created) for r in first] == [
        (A, DeclarationState.DRAFT, True), (B, DeclarationState.DRAFT, True)]
    codes = {f.code for f in first[0].findings}
    assert {"PRICING_MISSING", "FEE_NOTE_MISSING", "COMMITMENTS_INCOMPLETE", "NOT_SIGNED_OFF",
            "PATENTEE_ID_MISSING"} <= codes
    # the contact is the office's (the patents have none of their own); the territory is all of China
    view = declarations.show(office_ws, A, today=TODAY)
    assert view.value.content.contact_person == "王老师" and view.value.content.territory == "中国境内"
    again = declarations.prepare(office_ws, [A], today=TODAY)
    assert again[0].created is False and len(declarations.list_declarations(office_ws)) == 2
    assert history_actions(office_ws, A) == ["declaration_prepare"]


def test_the_patentee_book_gives_the_identities_and_is_signed_too(office_ws, tmp_path):
    from openlic_desktop.services.licensing import patentees

    add(office_ws, [A], co_owner="示范科技有限公司")
    declarations.prepare(office_ws, [A], today=TODAY)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    view = declarations.show(office_ws, A, today=TODAY)
    assert all(p.id_kind == "uscc" and len(p.id_number) == 18 for p in view.patentees)
    assert states(office_ws, [A]) == [DeclarationState.SIGNED]
    # a changed identity document is a changed declaration: sign again
    from declaration_helpers import uscc

    patentees.update_patentee(office_ws, "示范科技有限公司", identifier=uscc(77))
    assert states(office_ws, [A]) == [DeclarationState.DRAFT]
    patentees.update_patentee(office_ws, "示范科技有限公司", identifier="")
    codes = readiness.check(office_ws, [A], regime="statutory", today=TODAY)[0].codes
    assert "PATENTEE_ID_MISSING" in codes


def test_signed_is_derived_from_current_signoffs(office_ws, tmp_path):
    add(office_ws, [A])
    declarations.prepare(office_ws, [A], today=TODAY)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    assert states(office_ws, [A]) == [DeclarationState.SIGNED]
    assert [i.application_number for i in declarations.list_declarations(office_ws, "signed", today=TODAY)] == [A]
    # the declaration's own content is signed too: editing it makes the sign-off stale
    assert declarations.update(office_ws, [A], {"other_terms": "许可人提供技术资料"}).done == [A]
    assert states(office_ws, [A]) == [DeclarationState.DRAFT]
    assert "SIGNOFF_STALE" in readiness.check(office_ws, [A], regime="statutory", today=TODAY)[0].codes
    # and so is the fee-estimation note
    from declaration_helpers import sign_off

    sign_off(office_ws, [A])
    assert states(office_ws, [A]) == [DeclarationState.SIGNED]
    pricing.save_note(office_ws, ids(office_ws, [A])[0], "common_rates", {}, "改写后的估算说明")
    assert states(office_ws, [A]) == [DeclarationState.DRAFT]


def test_a_patent_without_a_declaration_keeps_its_fingerprint(office_ws, tmp_path):
    add(office_ws, [A])
    make_ready(office_ws, [A], tmp_path=tmp_path)
    before = readiness.current_fingerprint(office_ws, ids(office_ws, [A])[0])
    pricing.save_note(office_ws, ids(office_ws, [A])[0], "common_rates", {}, "另一份说明")
    assert readiness.current_fingerprint(office_ws, ids(office_ws, [A])[0]) == before
    declarations.prepare(office_ws, [A], today=TODAY)
    assert readiness.current_fingerprint(office_ws, ids(office_ws, [A])[0]) != before


def test_the_whole_life_and_the_audit_trail(office_ws, tmp_path):
    add(office_ws, [A], co_owner="示范科技有限公司")
    declarations.prepare(office_ws, [A], today=TODAY)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    done = declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online", "WX-2026-001", today=TODAY)
    assert done.done == [A] and states(office_ws, [A]) == [DeclarationState.FILED]
    declarations.announce(office_ws, [A], date(2026, 11, 25), "第2026-47期", today=TODAY)
    assert states(office_ws, [A]) == [DeclarationState.ANNOUNCED]
    with pytest.raises(DeclarationRefused) as info:
        declarations.withdraw(office_ws, [A], date(2026, 11, 26), "专利权转让", today=TODAY)
    assert refused(info) == {A: "DECLARATION_CONSENT_MISSING"}
    assert "示范科技有限公司" in info.value.outcome.refused[0].message("zh")
    declarations.withdraw(office_ws, [A], date(2026, 11, 26), "专利权转让", consents=["示范科技有限公司"],
                          today=TODAY)
    assert states(office_ws, [A]) == [DeclarationState.WITHDRAWAL_FILED]
    declarations.announce_withdrawal(office_ws, [A], date(2026, 11, 26), "第2026-48期", today=TODAY)
    assert states(office_ws, [A]) == [DeclarationState.WITHDRAWN]
    view = declarations.show(office_ws, A, today=TODAY)
    assert [s.step for s in view.steps if s.done] == ["prepared", "signed", "filed", "announced",
                                                       "withdrawal-filed", "withdrawn"]
    assert view.to_json()["reference"] == "WX-2026-001" and view.to_json()["announcement"] == "第2026-47期"
    assert history_actions(office_ws, A) == ["declaration_prepare", "declaration_file", "declaration_announce",
                                             "declaration_withdraw", "declaration_consent",
                                             "declaration_withdrawn"]
    # withdrawn: a new declaration may be made; the old one stays on record
    declarations.prepare(office_ws, [A], today=TODAY)
    view = declarations.show(office_ws, A, today=TODAY)
    assert view.state is DeclarationState.DRAFT and [e.state for e in view.earlier] == [DeclarationState.WITHDRAWN]
    from openlic_desktop.services import audit_trail

    assert audit_trail.verify(office_ws).intact


@pytest.mark.parametrize("action", ["file", "announce", "withdraw", "announce_withdrawal"])
def test_out_of_order_steps_are_refused_with_a_code_and_change_nothing(office_ws, tmp_path, action):
    add(office_ws, [A, B])
    declarations.prepare(office_ws, [A, B], today=TODAY)
    make_ready(office_ws, [A, B], tmp_path=tmp_path)
    # A one step ahead of B: every step refuses one of them, and neither changes
    declarations.file(office_ws, [A], date(2026, 11, 20), "via-bureau", today=TODAY)
    before = states(office_ws, [A, B])
    calls = {
        "file": lambda: declarations.file(office_ws, [A, B], date(2026, 11, 21), "cnipa-online", today=TODAY),
        "announce": lambda: declarations.announce(office_ws, [A, B], date(2026, 11, 22), today=TODAY),
        "withdraw": lambda: declarations.withdraw(office_ws, [A, B], date(2026, 11, 22), "转让", consent_all=True,
                                                  today=TODAY),
        "announce_withdrawal": lambda: declarations.announce_withdrawal(office_ws, [A, B], date(2026, 11, 22),
                                                                        today=TODAY),
    }
    with pytest.raises(DeclarationRefused) as info:
        calls[action]()
    expected = {"file": {A: "DECLARATION_NOT_SIGNED"}, "announce": {B: "DECLARATION_NOT_FILED"},
                "withdraw": {A: "DECLARATION_NOT_ANNOUNCED", B: "DECLARATION_NOT_ANNOUNCED"},
                "announce_withdrawal": {A: "DECLARATION_WITHDRAWAL_NOT_FILED",
                                        B: "DECLARATION_WITHDRAWAL_NOT_FILED"}}[action]
    assert refused(info) == expected
    assert states(office_ws, [A, B]) == before
    if action == "announce":  # B is a signed draft: the refusal names the state the lists show
        assert "当前为已签核" in info.value.outcome.refused[0].message("zh")
    for r in info.value.outcome.refused:
        assert r.message("zh") and r.message("en") and "decl_" not in r.message("zh") + r.message("en")


def test_partial_does_the_others(office_ws, tmp_path):
    add(office_ws, [A, B])
    declarations.prepare(office_ws, [A, B], today=TODAY)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    outcome = declarations.file(office_ws, [A, B], date(2026, 11, 20), "cnipa-online", partial=True, today=TODAY)
    assert outcome.done == [A] and [r.code for r in outcome.refused] == ["DECLARATION_NOT_SIGNED"]


def test_filing_with_blockers_needs_an_override_that_is_audited(office_ws, tmp_path):
    add(office_ws, [A], filed=date(2021, 10, 10), paid_until=None)  # no fee payment recorded
    declarations.prepare(office_ws, [A], today=TODAY)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    codes = readiness.check(office_ws, [A], regime="statutory", today=TODAY)[0].codes
    assert codes == ["FEE_UNPAID"]
    with pytest.raises(DeclarationRefused) as info:
        declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online", today=TODAY)
    assert refused(info) == {A: "DECLARATION_BLOCKED"}
    assert "不能登记为已提交" in info.value.outcome.refused[0].message("zh")
    assert "年费未按规定缴纳" in info.value.outcome.refused[0].message("zh")
    with pytest.raises(Exception) as empty:
        Override("alice", "  ", TODAY)
    assert empty.value.code == "OVERRIDE_REASON_MISSING"
    declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online",
                      override=Override("alice", "年费已缴纳，缴费记录待导入", TODAY), today=TODAY)
    history = declarations.show(office_ws, A, today=TODAY).history
    override = [h for h in history if h["action"] == "override-blockers"]
    assert len(override) == 1 and override[0]["old"] == "FEE_UNPAID" and override[0]["new"] == "年费已缴纳，缴费记录待导入"
    # recorded by the one document gate, as every document's override: in the name of who overrode
    assert override[0]["user"] == "alice" and override[0]["field"] == "declaration"


def test_a_fee_in_its_grace_period_is_paid_and_recorded_before_filing(office_ws, tmp_path):
    """A fee in its grace period is outstanding (Rule 86(3)): the promise to pay on time cannot be confirmed, so no
    override files the declaration; recording the payment lifts both."""
    add(office_ws, [A], filed=date(2021, 10, 10), paid_until=date(2026, 10, 9))  # fee due 2026-10-10: in grace
    declarations.prepare(office_ws, [A], today=TODAY)
    make_ready(office_ws, [A], sign=False, tmp_path=tmp_path)
    codes = readiness.check(office_ws, [A], regime="statutory", today=TODAY)[0].codes
    assert set(codes) == {"FEE_UNPAID", "COMMITMENTS_INCOMPLETE", "NOT_SIGNED_OFF"}
    assert readiness.sign_off(office_ws, [A], "preparer", "statutory", today=TODAY).refused  # P3 unconfirmed
    with pytest.raises(DeclarationRefused) as info:
        declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online",
                          override=Override("alice", "年费将于下周补缴", TODAY), today=TODAY)
    assert refused(info) == {A: "DECLARATION_NOT_SIGNED"}
    portfolio.set_fields(office_ws, A, {"fees_paid_until": date(2027, 10, 9)})  # paid, with the surcharge
    readiness.confirm_commitments(office_ws, [A], ["P3"], profile_code="statutory")
    from declaration_helpers import sign_off

    sign_off(office_ws, [A])
    assert readiness.check(office_ws, [A], regime="statutory", today=TODAY)[0].ready
    declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online", today=TODAY)


def test_matters_to_put_right_cannot_be_overridden(office_ws, tmp_path):
    add(office_ws, [A])
    declarations.prepare(office_ws, [A], today=TODAY)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    declarations.update(office_ws, [A], {"other_terms": "本技术国际领先"})
    from declaration_helpers import sign_off

    sign_off(office_ws, [A])
    with pytest.raises(DeclarationRefused) as info:
        declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online",
                          override=Override("alice", "赶时间", TODAY), today=TODAY)
    assert refused(info) == {A: "DECLARATION_NOT_READY"}
    assert "PROMOTIONAL_WORDING" in info.value.outcome.refused[0].message("en")
    assert "含有商业性宣传用语：国际领先" in info.value.outcome.refused[0].message("zh")  # what, not only a code


def test_filed_terms_are_frozen(office_ws, tmp_path):
    add(office_ws, [A])
    declarations.prepare(office_ws, [A], today=TODAY)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online", today=TODAY)
    words = declarations.show(office_ws, A, today=TODAY).words
    assert words["standard"] == "按净销售额的3%提成"
    with pytest.raises(OpenLicError):  # nor through the pricing (see below)
        pricing.set_terms(office_ws, ids(office_ws, [A]), PricingTerms(PricingMode.FREE, term_months=12))
    view = declarations.show(office_ws, A, today=TODAY)
    assert view.words == words and view.terms["mode"] == "royalty"  # what was filed
    with pytest.raises(DeclarationRefused) as info:
        declarations.update(office_ws, [A], {"other_terms": "新增条件"})
    assert refused(info) == {A: "DECLARATION_FROZEN"}
    with pytest.raises(DeclarationRefused):
        declarations.discard(office_ws, [A])


def test_dates_in_the_future_or_before_the_previous_step_are_refused(office_ws, tmp_path):
    add(office_ws, [A])
    declarations.prepare(office_ws, [A], today=TODAY)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    with pytest.raises(DeclarationRefused) as info:
        declarations.file(office_ws, [A], date(2026, 12, 1), "cnipa-online", today=TODAY)
    assert refused(info) == {A: "DECLARATION_DATE_FUTURE"}
    declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online", today=TODAY)
    with pytest.raises(DeclarationRefused) as info:
        declarations.announce(office_ws, [A], date(2026, 11, 19), today=TODAY)
    assert refused(info) == {A: "DECLARATION_DATE_ORDER"}


def test_no_exclusive_licence_while_a_declaration_is_filed_or_announced(office_ws, tmp_path):
    add(office_ws, [A])
    declarations.prepare(office_ws, [A], today=TODAY)
    encumbrances.add_encumbrance(office_ws, A, "exclusive-licence", party="甲公司")  # a draft binds nothing yet
    encumbrances.remove_encumbrance(office_ws, encumbrances.list_encumbrances_by_number(office_ws, A)[0].id)
    make_ready(office_ws, [A], tmp_path=tmp_path)
    declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online", today=TODAY)
    for kind in ("exclusive-licence", "sole-licence"):
        with pytest.raises(Exception) as info:
            encumbrances.add_encumbrance(office_ws, A, kind, party="甲公司")
        assert info.value.code == "DECLARATION_IN_FORCE"
    encumbrances.add_encumbrance(office_ws, A, "ordinary-licence", party="乙公司")  # ordinary licences are fine


def test_one_open_declaration_per_patent_in_the_database_itself(office_ws):
    add(office_ws, [A])
    declarations.prepare(office_ws, [A], today=TODAY)
    with pytest.raises(IntegrityError), office_ws.session() as session:
        repo.create(session, ids(office_ws, [A])[0], DeclarationContent(), "x")
        session.flush()


def test_counts_and_from_batch(office_ws, tmp_path):
    from openlic_desktop.services import batches

    add(office_ws, [A, B, C])
    batches.create_batch(office_ws, "2025年浙江第一批", "zhejiang", [A, B])
    results = declarations.prepare(office_ws, from_batch="2025年浙江第一批", today=TODAY)
    assert sorted(r.application_number for r in results) == [A, B]
    assert declarations.show(office_ws, A, today=TODAY).value.source_batch == "2025年浙江第一批"
    make_ready(office_ws, [A], tmp_path=tmp_path)
    counts = declarations.counts_by_state(office_ws, today=TODAY)
    assert counts["signed"] == 1 and counts["draft"] == 1 and counts["filed"] == 0
    with pytest.raises(Exception) as info:
        declarations.prepare(office_ws, [], today=TODAY)
    assert info.value.code == "DECLARATION_NOTHING_SELECTED"


def test_discard_a_draft(office_ws):
    add(office_ws, [A])
    declarations.prepare(office_ws, [A], today=TODAY)
    assert declarations.discard(office_ws, [A]).done == [A]
    assert declarations.list_declarations(office_ws) == []
    with pytest.raises(Exception) as info:
        declarations.show(office_ws, A)
    assert info.value.code == "DECLARATION_NOT_FOUND"


def test_the_declaration_prints_the_contact_the_rules_check(ws, tmp_path):
    """Prepared before the office had a contact: a blank contact field is the patent's, else the office's — in the
    rules, in the documents and in what is filed alike; once filed, it stays what was filed."""
    import zipfile

    from openlic_desktop.documents.ooxml import document_text
    from openlic_desktop.services import declaration_export
    from openlic_desktop.support import settings as settings_module

    add(ws, [A])  # the patent has no contact of its own
    declarations.prepare(ws, [A], today=TODAY)
    assert declarations.show(ws, A, today=TODAY).content.contact_phone == ""
    set_office()
    make_ready(ws, [A], tmp_path=tmp_path)
    assert readiness.check(ws, [A], regime="statutory", today=TODAY)[0].codes == []
    view = declarations.show(ws, A, today=TODAY)
    assert view.value.content.contact_phone == "" and view.content.contact_phone == "0571-88880000"
    assert view.content.contact_person == "王老师" and view.content.contact_address == "杭州市西湖区示范路1号"

    def printed() -> str:
        result = declaration_export.export(ws, [A], tmp_path / f"out{len(list(tmp_path.iterdir()))}", day=TODAY)
        with zipfile.ZipFile(result.package) as z:
            return document_text(z.read(next(n for n in z.namelist() if n.endswith("/专利开放许可声明.docx"))))

    assert "联系人：王老师" in printed() and "联系电话：0571-88880000" in printed()
    declarations.file(ws, [A], date(2026, 11, 20), "cnipa-online", today=TODAY)
    cfg = settings_module.load()
    cfg.office.contact_phone = "0571-99990000"
    settings_module.save(cfg)
    assert declarations.show(ws, A, today=TODAY).content.contact_phone == "0571-88880000"
    assert "联系电话：0571-88880000" in printed()


def test_filed_terms_cannot_change_through_the_pricing_either(office_ws, tmp_path):
    """The terms live with the patent's pricing until filing; from then on they are the ones declared to CNIPA
    (contracts under the open offer follow them), so the pricing is frozen too until the withdrawal is announced."""
    add(office_ws, [A, B])
    declarations.prepare(office_ws, [A, B], today=TODAY)
    make_ready(office_ws, [A, B], tmp_path=tmp_path)
    declarations.file(office_ws, [A], date(2026, 11, 20), "cnipa-online", today=TODAY)
    lump = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(100000), term_months=24)
    pid_a, pid_b = ids(office_ws, [A, B])
    with pytest.raises(OpenLicError) as info:
        pricing.set_terms(office_ws, [pid_a, pid_b], lump)
    assert info.value.code == "DECLARATION_TERMS_FROZEN" and A in info.value.message("zh")
    assert B not in info.value.message("zh")
    outcome = pricing.price_patents(office_ws, [A, B], lump, today=TODAY)
    assert outcome.skipped == {A: "DECLARATION_TERMS_FROZEN"} and outcome.changed == [B]
    assert pricing.terms_for(office_ws, [pid_a])[pid_a].mode is not PricingMode.LUMP_SUM
    # withdrawn (announced): the pricing is the office's again
    declarations.announce(office_ws, [A], date(2026, 11, 22), today=TODAY)
    declarations.withdraw(office_ws, [A], date(2026, 11, 23), "转让", today=TODAY)
    with pytest.raises(OpenLicError):
        pricing.set_terms(office_ws, [pid_a], lump)
    declarations.announce_withdrawal(office_ws, [A], date(2026, 11, 24), today=TODAY)
    assert pricing.set_terms(office_ws, [pid_a], lump) == [pid_a]
