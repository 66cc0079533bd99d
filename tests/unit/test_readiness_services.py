"""Readiness services on a real SQLite workspace: sign-off and staleness, refusals, attachments, audit trail."""

from __future__ import annotations

import re
import sqlite3
from datetime import date

import pytest

from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import attachments, audit_trail, encumbrances, portfolio, pricing, readiness
from openlic_desktop.storage import attachment_store
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError, NotFoundError, OpenLicError

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _pick(ws, patent_type="invention", coowned=False):
    today = date.today()
    for facts in portfolio.list_patents(ws, status="in_force"):
        if facts.patent_type.value != patent_type or (len(facts.patentees) > 1) != coowned:
            continue
        if facts.expiry_date and (facts.expiry_date - today).days < 3 * 365:
            continue
        if facts.fees_paid_until and facts.fees_paid_until >= today:
            return facts
    raise AssertionError("no suitable demo patent")


def _prepare(ws, facts):
    """Make a patent ready except for sign-off: contact, pricing, commitments."""
    number = facts.number.canonical
    portfolio.set_fields(ws, number, {"contact_person": "王伟", "contact_phone": "0571-88888888"})
    pid = portfolio.detail(ws, number).id
    pricing.set_terms(ws, [pid], PricingTerms(PricingMode.FREE, term_months=12))
    readiness.confirm_commitments(ws, [number])
    return pid, number


def _as(ws, user):
    ws.user = user
    return ws


def test_sign_off_then_set_makes_it_stale(demo_ws):
    facts = _pick(demo_ws)
    pid, number = _prepare(demo_ws, facts)
    result = readiness.check(demo_ws, [number])[0]
    assert result.application_number == number
    assert "NOT_SIGNED_OFF" in result.codes
    assert readiness.sign_off(_as(demo_ws, "alice"), [number], "preparer").done == [number]
    assert readiness.sign_off(_as(demo_ws, "bob"), [number], "reviewer").done == [number]
    result = readiness.check(demo_ws, [pid])[0]
    assert result.ready, result.codes
    portfolio.set_fields(demo_ws, number, {"title": "改过的名称"})
    result = readiness.check(demo_ws, [number])[0]
    assert not result.ready and "SIGNOFF_STALE" in result.codes
    # signing again clears it
    readiness.sign_off(_as(demo_ws, "alice"), [number], "preparer")
    readiness.sign_off(_as(demo_ws, "bob"), [number], "reviewer")
    assert readiness.check(demo_ws, [number])[0].ready


@pytest.mark.parametrize("change", ["encumbrance", "pricing", "attachment", "consent_withdrawn"])
def test_other_signed_things_make_it_stale(demo_ws, tmp_path, change):
    facts = _pick(demo_ws)
    pid, number = _prepare(demo_ws, facts)
    readiness.sign_off(_as(demo_ws, "alice"), [number], "preparer")
    readiness.sign_off(_as(demo_ws, "bob"), [number], "reviewer")
    assert readiness.check(demo_ws, [number])[0].ready
    if change == "encumbrance":
        encumbrances.add_encumbrance(demo_ws, number, "ordinary-licence", party="某公司")
    elif change == "pricing":
        pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.FREE, term_months=24))
    elif change == "attachment":
        (tmp_path / "x.pdf").write_bytes(PDF)
        attachments.add_attachment(demo_ws, number, tmp_path / "x.pdf", "other")
    else:
        assert readiness.withdraw_commitment(demo_ws, pid, "C3")
    assert "SIGNOFF_STALE" in readiness.check(demo_ws, [number])[0].codes


def test_reviewer_must_differ_unless_profile_allows(demo_ws, _hermetic_home):
    facts = _pick(demo_ws)
    _pid, number = _prepare(demo_ws, facts)
    readiness.sign_off(_as(demo_ws, "alice"), [number], "preparer")
    outcome = readiness.sign_off(_as(demo_ws, "alice"), [number], "reviewer")
    assert outcome.done == [] and [r.code for r in outcome.refused] == ["SIGNOFF_SAME_PERSON"]
    assert "alice" in outcome.refused[0].message("en")
    profiles = _hermetic_home / "data" / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    (profiles / "solo.toml").write_text('code = "solo"\nname = "单人"\nsingle_signer_allowed = true\n', "utf-8")
    assert readiness.sign_off(demo_ws, [number], "reviewer", profile_code="solo").done == [number]


def test_reviewer_needs_a_current_preparer_signoff(demo_ws):
    _pid, number = _prepare(demo_ws, _pick(demo_ws))
    outcome = readiness.sign_off(_as(demo_ws, "bob"), [number], "reviewer")
    assert [r.code for r in outcome.refused] == ["SIGNOFF_NEEDS_PREPARER"]


def test_signoff_refused_without_commitments_or_off_the_staff_list(demo_ws):
    facts = _pick(demo_ws)
    number = facts.number.canonical
    outcome = readiness.sign_off(_as(demo_ws, "alice"), [number], "preparer")
    assert [r.code for r in outcome.refused] == ["SIGNOFF_COMMITMENTS"]
    said = outcome.refused[0].message("zh")
    assert "独占许可" in said and not re.search(r"\bC\d", said), said
    assert said.startswith("试点承诺事项尚有 8 项未确认，不能签核"), said  # which list it counted
    statutory = readiness.sign_off(_as(demo_ws, "alice"), [number], "preparer", profile_code="statutory")
    assert statutory.refused[0].message("zh").startswith("开放许可声明承诺事项尚有 6 项未确认，不能签核")
    readiness.confirm_commitments(demo_ws, [number])
    cfg = settings_module.Settings(staff=[settings_module.StaffMember("alice", "preparer"),
                                          settings_module.StaffMember("bob", "reviewer")])
    settings_module.save(cfg)
    outcome = readiness.sign_off(_as(demo_ws, "alice"), [number], "reviewer")
    assert [r.code for r in outcome.refused] == ["SIGNOFF_NOT_STAFF"]
    assert readiness.sign_off(_as(demo_ws, "mallory"), [number], "preparer").refused[0].code == "SIGNOFF_NOT_STAFF"
    assert readiness.sign_off(_as(demo_ws, "alice"), [number], "preparer").done == [number]


def test_batch_commitments_and_unknown_items(demo_ws):
    from openlic_desktop.domain.commitments import CONTRADICTED_BY

    against = set().union(*CONTRADICTED_BY.values())  # patents whose record would refuse C1/C2 are not used here
    numbers = [r.application_number for r in readiness.check(demo_ws)
               if not {f.code for f in r.blockers} & against][:5]
    outcome = readiness.confirm_commitments(demo_ws, numbers, ["C1", "c2"], note="见合同台账")
    assert outcome.done == numbers
    again = readiness.confirm_commitments(demo_ws, numbers, ["C1"])
    assert again.unchanged == numbers and again.done == []
    with pytest.raises(InputError) as err:
        readiness.confirm_commitments(demo_ws, numbers, ["C99"])
    assert err.value.code == "UNKNOWN_COMMITMENT"
    states = readiness.commitments(demo_ws, portfolio.detail(demo_ws, numbers[0]).id)
    assert [s.confirmed for s in states[:3]] == [True, True, False] and states[0].note == "见合同台账"


def test_unknown_number_is_refused_before_anything_changes(demo_ws):
    good = portfolio.list_patents(demo_ws)[0].number.canonical
    before = audit_trail.verify(demo_ws).records
    with pytest.raises(NotFoundError):
        readiness.confirm_commitments(demo_ws, [good, "202110123456.7"])
    assert audit_trail.verify(demo_ws).records == before
    with pytest.raises(NotFoundError):
        readiness.check(demo_ws, ["202110123456.7"])


def test_encumbrance_and_consent_services(demo_ws, tmp_path):
    facts = _pick(demo_ws, coowned=True)
    number = facts.number.canonical
    assert "COOWNER_CONSENT_MISSING" in readiness.check(demo_ws, [number])[0].codes
    with pytest.raises(InputError) as err:
        encumbrances.record_consent(demo_ws, number, "不相干公司")
    assert err.value.code == "CONSENT_NOT_COOWNER"
    letter = tmp_path / "同意书.pdf"
    letter.write_bytes(PDF)
    with pytest.raises(InputError):
        encumbrances.record_consent(demo_ws, number, "不相干公司", file=letter)
    assert _stored_files() == []
    for owner in facts.patentees[1:]:
        assert encumbrances.record_consent(demo_ws, number, owner, date(2026, 11, 1), file=letter)
    states = encumbrances.consent_states(demo_ws, portfolio.detail(demo_ws, number).id)
    assert [s.on_file for s in states] == [False] + [True] * (len(facts.patentees) - 1)
    assert all(s.attachment_id for s in states[1:]) and len(_stored_files()) == 1
    assert "COOWNER_CONSENT_MISSING" not in readiness.check(demo_ws, [number])[0].codes
    info = encumbrances.add_encumbrance(demo_ws, number, "pledge", party="某银行", registration_no="Z2026-1")
    assert "PLEDGE_WITHOUT_CONSENT" in readiness.check(demo_ws, [number])[0].codes
    encumbrances.remove_encumbrance(demo_ws, info.id)
    assert "PLEDGE_WITHOUT_CONSENT" not in readiness.check(demo_ws, [number])[0].codes
    with pytest.raises(InputError):
        encumbrances.add_encumbrance(demo_ws, number, "exclusive-licence", start=date(2026, 1, 2),
                                     end=date(2026, 1, 1))
    actions = [h.action for h in audit_trail.history(demo_ws, portfolio.detail(demo_ws, number).id)]
    assert actions.count("consent") == len(facts.patentees) - 1 and "attach" in actions
    assert "encumbrance_add" in actions and "encumbrance_remove" in actions


# --- attachments -------------------------------------------------------------------------------------------
def _stored_files():
    root = attachment_store.store_dir()
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_attachment_wrong_bytes_or_too_large_is_refused_and_nothing_stored(demo_ws, tmp_path):
    number = portfolio.list_patents(demo_ws)[0].number.canonical
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"GIF89a not a pdf")
    with pytest.raises(InputError) as err:
        attachments.add_attachment(demo_ws, number, fake, "other")
    assert err.value.code == "ATTACHMENT_TYPE"
    png_named_pdf = tmp_path / "scan.pdf"
    png_named_pdf.write_bytes(PNG)
    with pytest.raises(InputError) as err:
        attachments.add_attachment(demo_ws, number, png_named_pdf, "other")
    assert err.value.code == "ATTACHMENT_NAME_MISMATCH"
    big = tmp_path / "big.pdf"
    big.write_bytes(PDF + b"0" * 5000)
    with pytest.raises(InputError) as err:
        attachments.add_attachment(demo_ws, number, big, "other", max_bytes=1000)
    assert err.value.code == "ATTACHMENT_OVERSIZE"
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(InputError):
        attachments.add_attachment(demo_ws, number, empty, "other")
    with pytest.raises(InputError) as err:
        attachments.add_attachment(demo_ws, number, tmp_path / "report-missing.pdf", "other")
    ok = tmp_path / "ok.pdf"
    ok.write_bytes(PDF)
    with pytest.raises(InputError) as err:  # a report without its conclusion
        attachments.add_attachment(demo_ws, number, ok, "evaluation-report")
    assert err.value.code == "REPORT_CONCLUSION_REQUIRED"
    assert _stored_files() == []
    assert attachments.list_attachments(demo_ws, portfolio.detail(demo_ws, number).id) == []


def test_ofd_is_recognised_by_its_content(tmp_path):
    import zipfile

    path = tmp_path / "证书.ofd"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
    assert attachment_store.check_file(path).file_type == "ofd"
    plain_zip = tmp_path / "x.ofd"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hi")
    with pytest.raises(InputError):
        attachment_store.check_file(plain_zip)


def test_attachment_dedupe_and_report_makes_utility_model_ready(demo_ws, tmp_path):
    facts = _pick(demo_ws, "utility_model")
    number = facts.number.canonical
    other = _pick(demo_ws).number.canonical
    report = tmp_path / "评价报告.pdf"
    report.write_bytes(PDF)
    assert "EVALUATION_REPORT_MISSING" in readiness.check(demo_ws, [number])[0].codes
    first = attachments.add_attachment(demo_ws, number, report, "evaluation-report", "favourable", "PJ-001",
                                       date(2026, 5, 1))
    again = attachments.add_attachment(demo_ws, number, report, "evaluation-report", "favourable", "PJ-001")
    attachments.add_attachment(demo_ws, other, report, "other")
    assert again.duplicate and again.id == first.id
    assert _stored_files() == [first.path]
    assert first.path.name == f"{first.sha256}.pdf"
    codes = readiness.check(demo_ws, [number])[0].codes
    assert "EVALUATION_REPORT_MISSING" not in codes and "EVALUATION_REPORT_UNFAVOURABLE" not in codes


def test_attachment_changed_or_missing_on_disk_is_reported(demo_ws, tmp_path):
    facts = _pick(demo_ws)
    number = facts.number.canonical
    pid = portfolio.detail(demo_ws, number).id
    src = tmp_path / "seal.png"
    src.write_bytes(PNG)
    info = attachments.add_attachment(demo_ws, number, src, "sealed-commitment")
    assert attachments.list_attachments(demo_ws, pid)[0].state == "ok"
    out = attachments.copy_out(demo_ws, info.id, tmp_path / "out" / "seal.png")
    assert out.read_bytes() == PNG
    info.path.write_bytes(PNG + b"tampered")
    assert attachments.list_attachments(demo_ws, pid)[0].state == "changed"
    assert "STORED_FILE_CHANGED" in readiness.check(demo_ws, [number], verify_files=True)[0].codes
    assert "STORED_FILE_CHANGED" not in readiness.check(demo_ws, [number])[0].codes  # the fast path reads no files
    with pytest.raises(OpenLicError) as err:
        attachments.copy_out(demo_ws, info.id, tmp_path / "out" / "again.png")
    assert err.value.code == "STORED_FILE_CHANGED" and not (tmp_path / "out" / "again.png").exists()
    info.path.unlink()
    assert attachments.attachments_for(demo_ws, [pid])[pid][0].state == "missing"
    assert "STORED_FILE_MISSING" in readiness.check(demo_ws, [number], verify_files=True)[0].codes
    # attaching the same content again heals the store
    attachments.add_attachment(demo_ws, number, src, "sealed-commitment")
    assert attachments.list_attachments(demo_ws, pid)[0].state == "ok"
    attachments.remove_attachment(demo_ws, info.id)
    assert _stored_files() == []


# --- audit trail -------------------------------------------------------------------------------------------
def _audited_changes(ws):
    facts = _pick(ws)
    number = facts.number.canonical
    portfolio.set_fields(ws, number, {"title": "甲"})
    encumbrances.add_encumbrance(ws, number, "ordinary-licence", party="乙")
    readiness.confirm_commitments(ws, [number], ["C1"])
    return number


def test_audit_verify_intact_then_edited_row_found(demo_ws):
    _audited_changes(demo_ws)
    report = audit_trail.verify(demo_ws)
    assert report.intact and report.records >= 4
    con = sqlite3.connect(demo_ws.path)
    target = con.execute("SELECT id FROM audit_log WHERE action='encumbrance_add'").fetchone()[0]
    con.execute("UPDATE audit_log SET new='tampered' WHERE id=?", (target,))
    con.commit()
    con.close()
    report = audit_trail.verify(demo_ws)
    assert not report.intact and report.first_break == (target, "edited")


def test_audit_verify_finds_a_deleted_row(demo_ws):
    _audited_changes(demo_ws)
    con = sqlite3.connect(demo_ws.path)
    ids = [r[0] for r in con.execute("SELECT id FROM audit_log ORDER BY id")]
    con.execute("DELETE FROM audit_log WHERE id=?", (ids[1],))
    con.commit()
    con.close()
    report = audit_trail.verify(demo_ws)
    assert report.first_break == (ids[2], "broken_link")


def test_every_change_is_audited_with_its_source(demo_ws, tmp_path):
    demo_ws.source = "gui"
    number = _audited_changes(demo_ws)
    pid = portfolio.detail(demo_ws, number).id
    entries = audit_trail.history(demo_ws, pid)
    # made by the demo (its own record says so), then changed in the window
    assert [(e.action, e.source) for e in entries] == [("create", "demo"), ("update", "gui"),
                                                       ("encumbrance_add", "gui"), ("commit", "gui")]


def test_scan_path_for_large_selections_matches_the_chunked_path(demo_ws, monkeypatch):
    from openlic_desktop.storage import readiness as readiness_repo

    facts = portfolio.list_patents(demo_ws)
    encumbrances.add_encumbrance(demo_ws, facts[3].number.canonical, "pledge", party="银行")
    readiness.confirm_commitments(demo_ws, [f.number.canonical for f in facts[:7]], ["C1"])
    ids = [portfolio.detail(demo_ws, f.number.canonical).id for f in facts[:50]]
    chunked = readiness.check(demo_ws, ids)
    monkeypatch.setattr(readiness_repo, "SCAN_ABOVE", 10)
    scanned = readiness.check(demo_ws, ids)
    assert [(r.patent_id, r.codes) for r in scanned] == [(r.patent_id, r.codes) for r in chunked]
    assert len(scanned) == 50 and "PLEDGE_WITHOUT_CONSENT" in scanned[3].codes


def test_quick_state_is_for_display_only_the_way_out_always_hashes(demo_ws, tmp_path):
    import os

    number = _pick(demo_ws).number.canonical
    pid = portfolio.detail(demo_ws, number).id
    src = tmp_path / "a.png"
    src.write_bytes(PNG)
    info = attachments.add_attachment(demo_ws, number, src, "other")
    assert attachments.list_attachments(demo_ws, pid, quick=True)[0].state == "ok"
    stat = info.path.stat()
    info.path.write_bytes(PNG[:-1] + b"\x01")  # same size, then the old modification time put back
    os.utime(info.path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert attachments.list_attachments(demo_ws, pid, quick=True)[0].state == "ok"
    assert attachments.list_attachments(demo_ws, pid)[0].state == "changed"
    with pytest.raises(OpenLicError):
        attachments.verified_path(demo_ws, info.id)
