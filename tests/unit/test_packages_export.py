"""The export use-case on a real workspace: pre-flight, package contents, determinism, cancel, e-mail, batches."""

from __future__ import annotations

import email
import email.policy
import io
import json
import zipfile
from datetime import date

import docx
import openpyxl
import pytest
from packages_helpers import blocked_number, make_ready, pdf

from openlic_desktop.domain.dates import zh_date
from openlic_desktop.services import batches, export, portfolio
from openlic_desktop.support import paths
from openlic_desktop.support.errors import InputError

TODAY = date.today()


@pytest.fixture
def ready(demo_ws, tmp_path):
    numbers = make_ready(demo_ws, tmp_path, inventions=2, utility=1, coowned=1)
    return demo_ws, numbers


def run(ws, items, tmp_path, out="out", profile="general", **kw):
    pre = export.preflight(ws, items, profile, TODAY)
    return export.build(ws, pre, export.ExportOptions(tmp_path / out, **kw))


def test_package_has_every_part_and_never_a_blocked_patent(ready, tmp_path):
    ws, numbers = ready
    bad = blocked_number(ws)
    result = run(ws, [*numbers, bad], tmp_path)
    assert sorted(result.patents) == sorted(numbers)
    assert [e.application_number for e in result.excluded] == [bad]
    assert "NOT_GRANTED" in result.excluded[0].codes
    assert result.package.parent == tmp_path / "out" and result.package.name.endswith(".zip")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [result.package.name]  # no staging left
    with zipfile.ZipFile(result.package) as z:
        names = z.namelist()
        assert set(result.files) == set(names)
        assert "00_报送函.docx" in names and "清单.xlsx" in names and "manifest.json" in names
        for n in numbers:
            assert f"02_承诺函/ZL{n}_承诺函（盖章扫描件）.pdf" in names
        # one commitment letter per set of patentees, each listing its patents
        owner_sets = {tuple(portfolio.detail(ws, n).facts.patentees) for n in numbers}
        letters = [n for n in names if n.startswith("02_承诺函/承诺函_")]
        assert sorted(letters) == sorted(f"02_承诺函/承诺函_{'、'.join(o)}.docx" for o in owner_sets)
        listed = []
        for name in letters:
            d = docx.Document(io.BytesIO(z.read(name)))
            assert "承诺" in d.paragraphs[0].text
            listed += [row.cells[1].text for row in d.tables[0].rows[1:]]
        assert sorted(listed) == sorted("ZL" + n for n in numbers)
        notes = docx.Document(io.BytesIO(z.read("04_许可使用费估算说明.docx")))
        text = "\n".join(p.text for p in notes.paragraphs)
        assert all(f"估算说明 {n}" in text for n in numbers)
        assert not any(bad in name for name in names)
        reports = [n for n in names if n.startswith("03_评价报告/")]
        assert len(reports) == 1 and reports[0].endswith("_专利权评价报告.pdf")
        table_name = next(n for n in names if n.startswith("01_专利许可信息表"))
        sheet = openpyxl.load_workbook(io.BytesIO(z.read(table_name))).active
        everything = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
        rows = [r for r in everything if r[1]]  # the patents; then the commitment footer
        assert sorted(r[1] for r in rows) == sorted("ZL" + n for n in numbers)
        owners = list(dict.fromkeys(o for n in numbers for o in portfolio.detail(ws, n).facts.patentees))
        seals = [r[0] for r in everything if str(r[0]).startswith("专利权人：")]
        assert sorted(seals) == sorted(f"专利权人：{o}（盖章）" for o in owners)  # the book records no person
        # the title row is text the bureau reads: its day as Chinese texts write it, as the letters date theirs
        assert f"填报日期：{zh_date(TODAY)}" in sheet["A2"].value and TODAY.isoformat() not in sheet["A2"].value
        header = [c.value for c in sheet[3]]
        pay = header.index("许可使用费支付方式")
        assert {r[pay] for r in rows} == {"一次性支付"}
        assert all("元" in r[header.index("许可使用费标准")] for r in rows)
        letter = docx.Document(io.BytesIO(z.read("00_报送函.docx")))
        assert "测试大学" in "\n".join(p.text for p in letter.paragraphs)
        assert len(letter.tables[0].rows) == len(numbers) + 1
        # a co-owned patent's patentees named as the commitment letter beside it names them
        shared = next(portfolio.detail(ws, n).facts.patentees for n in numbers
                      if len(portfolio.detail(ws, n).facts.patentees) > 1)
        assert "、".join(shared) in [row.cells[4].text for row in letter.tables[0].rows]
        manifest = json.loads(z.read("manifest.json"))
        assert sorted(manifest["patents"]) == sorted(numbers)


def test_a_patentee_the_book_records_as_a_person_signs_the_tables_footer(ready, tmp_path):
    """The information table's footer sealed for everyone; a co-owner recorded with a resident ID signs it, as
    he signs the commitment letter, and the office still seals with its signatory."""
    from openlic_desktop.services.licensing import patentees as patentee_book

    ws, numbers = ready
    office, person = next(portfolio.detail(ws, n).facts.patentees for n in numbers
                          if len(portfolio.detail(ws, n).facts.patentees) > 1)[:2]
    patentee_book.fill_from_portfolio(ws)
    patentee_book.update_patentee(ws, person, id_type="resident_id", identifier="11010519491231002X")
    with zipfile.ZipFile(run(ws, numbers, tmp_path).package) as z:
        table = next(n for n in z.namelist() if n.startswith("01_专利许可信息表"))
        texts = [r[0].value for r in openpyxl.load_workbook(io.BytesIO(z.read(table))).active.iter_rows()]
    at = texts.index(f"专利权人：{person}（签字）")
    assert texts[at + 1].startswith("日期：") and f"专利权人：{person}（盖章）" not in texts
    at = texts.index(f"专利权人：{office}（盖章）")
    assert texts[at + 1] == "法定代表人或者授权代表（签字）："


def test_same_inputs_same_day_give_identical_zip(ready, tmp_path):
    ws, numbers = ready
    a = run(ws, numbers, tmp_path, "a")
    b = run(ws, numbers, tmp_path, "b")
    assert a.package.read_bytes() == b.package.read_bytes() and a.sha256 == b.sha256


def test_cancel_leaves_output_folder_and_database_as_they_were(ready, tmp_path):
    ws, numbers = ready
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    pre = export.preflight(ws, numbers, "general", TODAY)
    calls = []

    def progress(done, total):
        calls.append(done)
        return len(calls) < 4

    with pytest.raises(InterruptedError):
        export.build(ws, pre, export.ExportOptions(out, batch_name="批次A"), progress)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert batches.list_batches(ws) == []


def test_nothing_ready_is_refused(demo_ws, tmp_path):
    pre = export.preflight(demo_ws, [blocked_number(demo_ws)], "general", TODAY)
    assert not pre.included and pre.excluded
    with pytest.raises(Exception) as err:
        export.build(demo_ws, pre, export.ExportOptions(tmp_path / "o"))
    assert err.value.code == "NOTHING_TO_EXPORT"
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_bureau_template_is_filled(ready, tmp_path):
    ws, numbers = ready
    template = tmp_path / "bureau.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件1"
    sheet["A1"] = "专利开放许可信息表"
    for c, h in enumerate(["序号", "专利号", "专利名称", "专利权人", "许可使用费支付方式", "许可期限", "联系电话"], 1):
        sheet.cell(2, c, h)
    book.create_sheet("说明")
    book.save(template)
    result = run(ws, numbers, tmp_path, table_template=template)
    with zipfile.ZipFile(result.package) as z:
        name = next(n for n in z.namelist() if n.startswith("01_"))
        filled = openpyxl.load_workbook(io.BytesIO(z.read(name)))
    assert filled.sheetnames == ["附件1", "说明"]
    sheet = filled["附件1"]
    assert sheet["A1"].value == "专利开放许可信息表"
    assert sorted(sheet.cell(r, 2).value for r in range(3, 3 + len(numbers))) == sorted("ZL" + n for n in numbers)
    assert all("24个月" in sheet.cell(r, 6).value for r in range(3, 3 + len(numbers)))


def write_user_profile(limit_mb=20, recipient="kfxk@bureau.example.cn"):
    folder = paths.data_dir() / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test.toml").write_text(
        f'code = "testprov"\nname = "测试省"\nprovince = "测试省"\nbureau = "测试省知识产权局"\n'
        f'email = "{recipient}"\nemail_limit_mb = {limit_mb}\n', encoding="utf-8")


def test_email_single_and_split(ready, tmp_path):
    ws, numbers = ready
    write_user_profile()
    result = run(ws, numbers, tmp_path, "one", profile="testprov", email=True)
    assert len(result.emails) == 1
    msg = email.message_from_bytes(result.emails[0].read_bytes(), policy=email.policy.default)
    assert msg["To"] == "kfxk@bureau.example.cn" and msg["From"].addresses[0].addr_spec == "tto@test.edu.cn"
    assert "测试省专利开放许可信息报送" in msg["Subject"] and f"（{len(numbers)}件）" in msg["Subject"]
    (att,) = list(msg.iter_attachments())
    assert att.get_content() == result.package.read_bytes()
    # big reports force a split into numbered mails, each carrying a valid volume zip
    from openlic_desktop.services import attachments

    for i, n in enumerate(numbers):
        attachments.add_attachment(ws, n, pdf(tmp_path, f"big{i}.pdf", size=400_000, seed=i + 7), "search-report",
                                   conclusion="favourable")
    from openlic_desktop.services import readiness
    ws.user = "alice"
    readiness.sign_off(ws, numbers, "preparer")
    ws.user = "bob"
    readiness.sign_off(ws, numbers, "reviewer")
    write_user_profile(limit_mb=1)
    result = run(ws, numbers, tmp_path, "split", profile="testprov", email=True)
    assert len(result.emails) >= 3
    seen = set()
    for i, path in enumerate(result.emails, 1):
        assert path.stat().st_size <= 1024 * 1024
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert msg["Subject"].endswith(f"（{i}/{len(result.emails)}）")
        (att,) = list(msg.iter_attachments())
        with zipfile.ZipFile(io.BytesIO(att.get_content())) as z:
            assert z.testzip() is None
            seen |= set(z.namelist()) - {"清单.xlsx", "manifest.json"}
    with zipfile.ZipFile(result.package) as z:
        assert seen == set(z.namelist()) - {"清单.xlsx", "manifest.json"}


def test_email_without_a_bureau_address_drafts_and_only_sending_refuses(ready, tmp_path):
    from openlic_desktop.services import mailer

    ws, numbers = ready
    result = run(ws, numbers, tmp_path, profile="general", email=True)
    assert result.package.exists() and len(result.emails) == 1
    msg = email.message_from_bytes(result.emails[0].read_bytes(), policy=email.policy.default)
    assert msg["To"] is None and msg["From"] and msg["X-Unsent"] == "1"
    [warning] = [w for w in result.warnings if w.startswith("EMAIL_RECIPIENT_MISSING:")]
    assert warning.endswith(str(paths.data_dir() / "profiles" / "general.toml"))
    # no profile label in the names or the subject: the general profile has no province
    assert "通用" not in result.package.name and "通用" not in msg["Subject"]
    assert not result.package.name.startswith("_") and "专利开放许可申报" in result.package.name
    with pytest.raises(InputError) as err:
        mailer.send_drafts(result.emails)
    assert err.value.code == "EMAIL_RECIPIENT_MISSING"
    with pytest.raises(InputError) as err:
        export.require_recipient(export.profile_service.get_profile("general"))
    assert "general.toml" in err.value.message("zh")


def test_batches_submissions_diff_and_withdrawal(ready, tmp_path):
    ws, numbers = ready
    info = batches.create_batch(ws, "2026年测试第一批", "general", numbers[:2])
    assert info.patents == 2
    assert batches.add_patents(ws, info.name, numbers) == numbers[2:]
    assert batches.remove_patents(ws, info.name, [numbers[-1]]) == [numbers[-1]]
    assert len(batches.batch_patent_ids(ws, info.name)) == len(numbers) - 1
    assert all(r.ready for r in batches.batch_readiness(ws, info.name))
    with pytest.raises(InputError):
        batches.create_batch(ws, "2026年测试第一批", "general")

    first = run(ws, numbers[:-1], tmp_path, "s1", batch_name=info.name)
    sub = batches.get_submission(ws, first.submission_id)
    assert sub.status == "draft" and sub.seq == 1 and sub.package_sha256 == first.sha256
    assert sorted(sub.patents) == sorted(numbers[:-1])
    with pytest.raises(InputError) as err:
        batches.set_status(ws, sub.id, "published")
    assert err.value.code == "SUBMISSION_BAD_STATUS"
    # the statuses in the words the window uses, not their stored values
    assert err.value.message("zh") == "报送状态不能从“起草”改为“已公开”"
    assert err.value.message("en") == "A submission cannot go from draft to published"
    batches.set_status(ws, sub.id, "sent")
    batches.set_status(ws, sub.id, "returned", reference="ZJ-2026-001", notes="名称需修改")

    portfolio.set_fields(ws, numbers[0], {"title": "修改后的名称"})
    from openlic_desktop.services import readiness
    ws.user = "alice"
    readiness.sign_off(ws, [numbers[0]], "preparer")
    ws.user = "bob"
    readiness.sign_off(ws, [numbers[0]], "reviewer")
    second = run(ws, numbers, tmp_path, "s2", batch_name=info.name)
    diff = batches.diff_with_previous(ws, second.submission_id)
    assert diff.previous_id == sub.id and diff.added == [numbers[-1]] and diff.removed == []
    assert "title" in diff.changed[numbers[0]] and numbers[1] not in diff.changed

    # withdrawal: only submitted (non-draft) patents, and every co-owner must consent to the withdrawal itself
    from openlic_desktop.services import withdrawals

    coowned = numbers[-1]
    with pytest.raises(InputError) as err:
        withdrawals.withdraw(ws, info.name, [coowned], "专利权已转让", tmp_path / "w")
    assert err.value.code == "WITHDRAWAL_NOT_PUBLISHED"
    batches.set_status(ws, second.submission_id, "sent", reference="ZJ-2026-002")
    detail = portfolio.detail(ws, coowned)
    with pytest.raises(InputError) as err:  # the consent to offer is on file; it does not consent to withdraw
        withdrawals.withdraw(ws, info.name, [coowned], "专利权已转让", tmp_path / "w")
    assert err.value.code == "WITHDRAWAL_CONSENT_MISSING"
    assert withdrawals.record_consent(ws, [coowned], detail.facts.patentees[1]) == [coowned]
    result = withdrawals.withdraw(ws, info.name, [coowned], "专利权已转让", tmp_path / "w")
    notice = docx.Document(result.notice)
    assert notice.tables[0].rows[0].cells[4].text == "同意撤回的专利权人"
    assert notice.tables[0].rows[1].cells[4].text == "、".join(detail.facts.patentees)
    # the reference of the submission that carried the patent, once; never that of a returned one without it
    assert "（原报送编号：ZJ-2026-002）" in "\n".join(p.text for p in notice.paragraphs)
    assert "ZJ-2026-001" not in "\n".join(p.text for p in notice.paragraphs)
    assert f"专利权人：{detail.facts.patentees[1]}（盖章）" in "\n".join(p.text for p in notice.paragraphs)
    # marked withdrawn: not packaged again unnoticed
    again = export.preflight(ws, [coowned], "general", TODAY)
    assert again.included == [] and again.excluded[0].codes == ("OFFER_WITHDRAWN",)
    kinds = [s.kind for s in batches.list_submissions(ws, info.name)]
    assert kinds == ["submission", "submission", "withdrawal"]
    from openlic_desktop.services import audit_trail
    from openlic_desktop.storage.models import AuditRecord
    report = audit_trail.verify(ws)
    assert report.breaks == []
    with ws.reading() as session:
        actions = {(r.entity, r.action, r.field) for r in session.query(AuditRecord).filter(
            AuditRecord.entity.in_(["batch", "submission"]))}
    assert {("batch", "create", "profile"), ("batch", "add_patent", "patent"), ("batch", "remove_patent", "patent"),
            ("submission", "create", "submission"), ("submission", "update", "status"),
            ("submission", "create", "withdrawal")} <= actions


def test_contract_sample_when_the_profile_asks(ready, tmp_path):
    ws, numbers = ready
    folder = paths.data_dir() / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "c.toml").write_text('code = "withsample"\nname = "样本省"\nprovince = "样本省"\ncontract_sample = true\n'
                                   'fee_note = false\n', encoding="utf-8")
    result = run(ws, numbers, tmp_path, profile="withsample")
    with zipfile.ZipFile(result.package) as z:
        names = z.namelist()
        assert "05_合同样本/专利开放许可合同样本.docx" in names
        assert "04_许可使用费估算说明.docx" not in names
        sample = docx.Document(io.BytesIO(z.read("05_合同样本/专利开放许可合同样本.docx")))
    text = "\n".join(p.text for p in sample.paragraphs) + "\n".join(
        c.text for t in sample.tables for r in t.rows for c in r.cells)
    # the licensor is the patentee from the book (not the office's settings); the licensee is left to be filled in
    from openlic_desktop.services.licensing import patentees

    [first] = [e for e in patentees.list_patentees(ws)
               if f"许可人（专利权人）：{e.name}" in text or f"许可人（专利权人）（一）：{e.name}" in text]
    assert f"住所：{first.address}" in text and "被许可人：＿＿＿＿＿＿＿＿" in text
    assert "被许可人名称" not in text and "示例" not in text
    # a pilot bureau's sample: the pilot's contract, never the statutory one reciting a CNIPA announcement
    assert sample.paragraphs[0].text == "专利实施许可合同（开放许可试点）"
    assert "开放许可声明" not in text and "国家知识产权局进行调解" not in text
    # no contract has taken effect: no date counted from the export day
    assert "本合同自＿＿年＿＿月＿＿日起生效" in text and "（即最迟于＿＿年＿＿月＿＿日）" in text
    assert f"{TODAY.year}年{TODAY.month}月{TODAY.day}日" not in text
    assert "本合同生效之日\n至\n＿＿年＿＿月＿＿日" in text  # the term, its first day over its last


def test_a_letter_without_its_sealed_scan_is_said_with_the_package(ready, tmp_path):
    """The pre-flight finds that a patentee set's commitment letter has no sealed scan; the package is still made
    (the profile does not require it) but the user must hear of it — it used to stay in the pre-flight."""
    from openlic_desktop.services import attachments, readiness

    ws, numbers = ready
    joint = next(n for n in numbers if len(portfolio.detail(ws, n).facts.patentees) > 1)
    pid = portfolio.detail(ws, joint).id
    [scan] = [a for a in attachments.list_attachments(ws, pid, verify=False) if a.kind == "sealed-commitment"]
    attachments.remove_attachment(ws, scan.id)
    user = ws.user
    for who, role in (("alice", "preparer"), ("bob", "reviewer")):
        ws.user = who
        assert readiness.sign_off(ws, [joint], role).done == [joint]
    ws.user = user
    result = run(ws, numbers, tmp_path)
    assert sorted(result.patents) == sorted(numbers)
    assert f"SEALED_LETTER_MISSING:{joint}" in result.warnings
    assert not any(w.startswith("SEALED_LETTER_MISSING:") and not w.endswith(joint) for w in result.warnings)


def test_the_fee_notes_read_as_one_document_and_an_unfinished_one_is_said(ready, tmp_path):
    """The notes drafted by `fee-note` begin with their own title line and a blank line: in the package's one
    document each section repeated its heading under the heading and left an empty paragraph. A note still
    saying （待补充） — a method without its basis — was packaged for the bureau without a word."""
    from openlic_desktop.services import fee_notes

    ws, numbers = ready
    fee_notes.draft_many(ws, numbers[:1], "industry", replace=True)
    fee_notes.draft_many(ws, numbers[1:2], "royalty-rate", replace=True)   # no rate given: basis （待补充）
    result = run(ws, numbers[:2], tmp_path)
    with zipfile.ZipFile(result.package) as z:
        notes = docx.Document(io.BytesIO(z.read("04_许可使用费估算说明.docx")))
    texts = [p.text for p in notes.paragraphs]
    assert texts[0] == "许可使用费估算依据和方法说明"
    assert not any(t.endswith("许可使用费估算依据和方法") and t.startswith("专利“") for t in texts), texts
    assert "" not in texts
    assert sum(t.startswith("一、估算方法：") for t in texts) == 2
    assert f"FEE_NOTE_UNFINISHED:{numbers[1]}" in result.warnings
    assert f"FEE_NOTE_UNFINISHED:{numbers[0]}" not in result.warnings
    cover = docx.Document(io.BytesIO(zipfile.ZipFile(result.package).read("00_报送函.docx")))
    assert any("许可使用费估算依据和方法说明（1份）" in p.text for p in cover.paragraphs)


def test_a_note_drafted_before_the_price_changed_is_said(ready, tmp_path):
    """A note restating the old terms went into the package beside a table with the new ones, unsaid."""
    from decimal import Decimal

    from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase
    from openlic_desktop.services import fee_notes, pricing, readiness

    ws, numbers = ready
    fee_notes.draft_many(ws, numbers[:2], "industry", replace=True)
    changed = pricing.ids_for_numbers(ws, numbers[:1])[numbers[0]]
    pricing.set_terms(ws, [changed], PricingTerms(PricingMode.ROYALTY, rate=Decimal(4), base=RoyaltyBase.NET_SALES,
                                                  term_months=24))
    user = ws.user
    for who, role in (("alice", "preparer"), ("bob", "reviewer")):
        ws.user = who
        readiness.sign_off(ws, numbers[:1], role)
    ws.user = user
    result = run(ws, numbers[:2], tmp_path)
    assert sorted(result.patents) == sorted(numbers[:2])
    assert f"FEE_NOTE_TERMS_CHANGED:{numbers[0]}" in result.warnings
    assert f"FEE_NOTE_TERMS_CHANGED:{numbers[1]}" not in result.warnings


def test_the_cli_says_each_warning_in_words_and_json_keeps_the_code(ready, tmp_path, db_path, capsys):
    """`export` printed its warnings as codes (提示：SEALED_LETTER_MISSING:2021…); each is now its message, and
    --json gives the code, the detail and the message of each."""
    import re

    from openlic_desktop.cli.main import main
    from openlic_desktop.services import attachments, fee_notes, readiness

    ws, numbers = ready
    joint = next(n for n in numbers if len(portfolio.detail(ws, n).facts.patentees) > 1)
    pid = portfolio.detail(ws, joint).id
    [scan] = [a for a in attachments.list_attachments(ws, pid, verify=False) if a.kind == "sealed-commitment"]
    attachments.remove_attachment(ws, scan.id)
    other = next(n for n in numbers if n != joint)
    fee_notes.draft_many(ws, [other], "royalty-rate", replace=True)   # no rate given: basis （待补充）
    user = ws.user
    for who, role in (("alice", "preparer"), ("bob", "reviewer")):
        ws.user = who
        assert readiness.sign_off(ws, [joint], role).done == [joint]
    ws.user = user
    code = main(["--db", str(db_path), "export", *numbers, "--profile", "general", "--out", str(tmp_path / "a")])
    out = capsys.readouterr().out
    assert code == 0, out
    notes = [line for line in out.splitlines() if line.startswith("提示：")]
    assert any(joint in line and "盖章扫描件" in line for line in notes), notes
    assert any(other in line and "（待补充）" in line for line in notes), notes
    assert not any(re.search(r"[A-Z]{2,}_[A-Z_]+", line) for line in notes), notes
    code = main(["--db", str(db_path), "--lang", "en", "export", *numbers, "--profile", "general", "--out",
                 str(tmp_path / "b"), "--json"])
    data = json.loads(capsys.readouterr().out)
    said = {(w["code"], w["detail"]): w["message"] for w in data["warning_messages"]}
    assert f"SEALED_LETTER_MISSING:{joint}" in data["warnings"]
    assert "sealed scan" in said[("SEALED_LETTER_MISSING", joint)]
    assert other in said[("FEE_NOTE_UNFINISHED", other)]
