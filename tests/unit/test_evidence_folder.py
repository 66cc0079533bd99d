"""Evidence from a folder: numbers in any written form in file names, a PDF's first page, report details, the
preview (matched / ambiguous / unmatched / duplicate / already / refused), one transaction, and `attach-dir`."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest
from evidence_pdfs import evaluation_report, libreoffice_pdf, scan_pdf, text_pdf
from sqlalchemy import func, select

from openlic_desktop.cli.main import main
from openlic_desktop.domain.evidence import find_numbers, read_report_name, read_report_text
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.services import attachments, evidence, readiness
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.models import AuditRecord
from openlic_desktop.storage.models_readiness import Attachment
from openlic_desktop.support.errors import InputError


def number(digits: str) -> str:
    return f"{digits}.{check_character(digits)}"


UM = [number(f"20222{i:07d}") for i in (1001, 1002, 1003, 1004, 1005)]   # utility models
INV = number("202110123456")
STRANGER = number("202320999999")  # a valid number of a patent not in the database


@pytest.fixture
def portfolio(ws):
    filing = date.today() - timedelta(days=3 * 365)
    facts = [PatentFacts(parse_application_number(n), title=f"一种装置{i}", filing_date=filing,
                         grant_date=filing + timedelta(days=300), status=Status.IN_FORCE, patentees=["示例大学"])
             for i, n in enumerate([*UM, INV])]
    with ws.session() as session:
        patent_repo.insert_many(session, facts)
    return ws


def counts(ws) -> tuple[int, int]:
    with ws.reading() as session:
        return (session.execute(select(func.count(Attachment.id))).scalar_one(),
                session.execute(select(func.count(AuditRecord.id))).scalar_one())


@pytest.mark.parametrize("text", [
    f"ZL{UM[0]}_评价报告.pdf", f"CN {UM[0][:4]} {UM[0][4]} {UM[0][5:12]}.{UM[0][-1]} 报告.pdf",
    UM[0].translate(str.maketrans("0123456789.", "０１２３４５６７８９．")) + ".pdf",
    UM[0].replace(".", "") + ".pdf", UM[0].replace(".", "_") + "_报告.pdf", f"zl{UM[0].lower()}.pdf"])
def test_numbers_in_any_written_form(text):
    assert [n.canonical for n in find_numbers(text)] == [UM[0]]


def test_publication_numbers_and_bad_check_digits_never_count():
    wrong = UM[0][:-1] + str((int(UM[0][-1]) + 1) % 10) if UM[0][-1] != "X" else UM[0][:-1] + "0"
    assert find_numbers(f"CN212345678U {wrong} 20260501 电话 13800138000") == []


def test_report_details_from_text_and_name():
    d = read_report_text("报告编号：PJ-2026-7 作出日期：2026年5月1日 初步结论：全部权利要求未发现存在不符合授予专利权条件的缺陷")
    assert (d.report_no, d.report_date, d.conclusion) == ("PJ-2026-7", date(2026, 5, 1), "favourable")
    d = read_report_text("初步结论：权利要求1、3不具备创造性；申请日：2020-01-01")
    assert (d.conclusion, d.claims, d.report_date) == ("unfavourable", "1、3", None)  # an unlabelled date is no report date
    d = read_report_name(f"ZL{UM[0]}_评价报告_20260501_无缺陷.pdf")
    assert (d.report_date, d.conclusion) == (date(2026, 5, 1), "favourable")
    assert read_report_name("report_unfavourable.pdf").conclusion == "unfavourable"


@pytest.fixture
def folder(tmp_path):
    f = tmp_path / "评价报告"
    (f / "第二批").mkdir(parents=True)
    (f / f"ZL{UM[0]}_评价报告.pdf").write_bytes(evaluation_report(UM[0], "PJ2026-001", "2026年5月1日"))
    (f / f"{UM[1].replace('.', '')}.pdf").write_bytes(evaluation_report(UM[1], conclusion=""))  # no conclusion
    # named by nothing: matched by the number its first page gives as its own, not by the one it cites
    (f / "扫描件003.pdf").write_bytes(evaluation_report(UM[2], "PJ2026-003", "2026-05-03", cited=INV))
    (f / "第二批" / f"CN{UM[3]}.pdf").write_bytes(evaluation_report(UM[3], "PJ2026-004", "2026-05-04", "unfavourable"))
    shutil.copy(f / f"ZL{UM[0]}_评价报告.pdf", f / "第二批" / "副本.pdf")     # same bytes again
    (f / f"{UM[4]}和{INV}.pdf").write_bytes(text_pdf(["两件专利"]))            # two patents named: ambiguous
    (f / "无编号扫描.pdf").write_bytes(scan_pdf())                               # nothing to go by
    (f / f"{STRANGER}.pdf").write_bytes(text_pdf(["别的单位的专利"]))           # not in this database
    (f / f"{UM[4]}说明.docx").write_bytes(b"PK\x03\x04 not a pdf")              # not a PDF/OFD/JPEG/PNG
    (f / ".DS_Store").write_bytes(b"x")                                          # hidden: skipped
    return f


def test_preview_sorts_every_file_and_writes_nothing(portfolio, folder):
    before = counts(portfolio)
    plan = evidence.preview(portfolio, folder, "evaluation-report")
    assert counts(portfolio) == before
    status = {f.name: f.status for f in plan.files}
    assert status == {
        f"ZL{UM[0]}_评价报告.pdf": "matched", f"{UM[1].replace('.', '')}.pdf": "matched", "扫描件003.pdf": "matched",
        f"第二批/CN{UM[3]}.pdf": "matched", "第二批/副本.pdf": "duplicate", f"{UM[4]}和{INV}.pdf": "ambiguous",
        "无编号扫描.pdf": "unmatched", f"{STRANGER}.pdf": "unmatched", f"{UM[4]}说明.docx": "refused"}
    by = {f.name: f for f in plan.files}
    assert by["扫描件003.pdf"].patents[0][1] == UM[2] and by["扫描件003.pdf"].how == "text"
    assert by[f"ZL{UM[0]}_评价报告.pdf"].how == "name"
    assert set(by[f"{UM[4]}和{INV}.pdf"].candidates) == {UM[4], INV}
    assert by[f"{STRANGER}.pdf"].code == "EVIDENCE_NUMBER_UNKNOWN" and STRANGER in by[f"{STRANGER}.pdf"].reason("en")
    assert by[f"{UM[4]}说明.docx"].code == "ATTACHMENT_TYPE"
    d = by[f"第二批/CN{UM[3]}.pdf"].details
    assert (d.report_no, d.report_date, d.conclusion, d.claims) == ("PJ2026-004", date(2026, 5, 4), "unfavourable", "1、2")
    assert plan.to_attach == 4


def test_attach_in_one_go_and_again_is_already(portfolio, folder):
    result = evidence.attach(portfolio, evidence.preview(portfolio, folder, "evaluation-report"))
    assert len(result.attached) == 4
    assert counts(portfolio)[0] == 4
    ids = {n: i for n, i in attachments_ids(portfolio).items()}
    first = attachments.list_attachments(portfolio, ids[UM[0]])
    assert [(a.report_no, a.report_date, a.conclusion) for a in first] == [("PJ2026-001", date(2026, 5, 1), "favourable")]
    findings = {r.application_number: r.codes for r in readiness.check(portfolio, UM[:4])}
    assert "EVALUATION_REPORT_MISSING" not in findings[UM[0]] and "EVALUATION_REPORT_DETAILS_MISSING" not in findings[UM[0]]
    assert "EVALUATION_REPORT_DETAILS_MISSING" in findings[UM[1]]    # attached, conclusion still to record
    assert "EVALUATION_REPORT_UNFAVOURABLE" in findings[UM[3]]
    again = evidence.preview(portfolio, folder, "evaluation-report")
    assert {f.name for f in again.of("already")} == {f"ZL{UM[0]}_评价报告.pdf", f"{UM[1].replace('.', '')}.pdf",
                                                     "扫描件003.pdf", f"第二批/CN{UM[3]}.pdf"}
    assert again.to_attach == 0
    # the details are recorded by attaching the same file again with them (audited), and the finding goes
    report = folder / f"{UM[1].replace('.', '')}.pdf"
    info = attachments.add_attachment(portfolio, UM[1], report, "evaluation-report", "favourable", "PJ-9",
                                      date(2026, 6, 1))
    assert info.duplicate and (info.conclusion, info.report_no) == ("favourable", "PJ-9")
    assert "EVALUATION_REPORT_DETAILS_MISSING" not in readiness.check(portfolio, [UM[1]])[0].codes


def attachments_ids(ws) -> dict[str, int]:
    with ws.reading() as session:
        return patent_repo.ids_by_number(session, [*UM, INV])


def test_a_file_changed_after_the_preview_attaches_nothing(portfolio, folder):
    plan = evidence.preview(portfolio, folder, "evaluation-report")
    before = counts(portfolio)
    (folder / "扫描件003.pdf").write_bytes(evaluation_report(UM[2], "PJ2026-999"))
    with pytest.raises(InputError) as err:
        evidence.attach(portfolio, plan)
    assert err.value.code == "ATTACHMENT_CHANGED_SINCE_PREVIEW"
    assert counts(portfolio) == before


def test_cancel_leaves_nothing(portfolio, folder):
    from openlic_desktop.storage import attachment_store as store

    plan = evidence.preview(portfolio, folder, "evaluation-report")
    calls = []

    def progress(done, total):
        calls.append(done)
        return done < total  # cancel at the very end, inside the transaction

    with pytest.raises(InterruptedError):
        evidence.attach(portfolio, plan, progress=progress)
    assert counts(portfolio)[0] == 0
    assert not any(store.store_dir().rglob("*.pdf"))  # the stored copies went again


def test_attach_dir_cli_json_and_dry_run(capsys, portfolio, db_path, folder):
    code = main(["--db", str(db_path), "attach-dir", str(folder), "--kind", "evaluation-report", "--dry-run",
                 "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # ambiguous, unmatched and refused files are left
    assert {"attached", "unmatched", "ambiguous", "duplicates", "already", "refused"} <= set(data)
    assert sorted(a["application_number"] for a in data["attached"]) == sorted(UM[:4])
    assert {"file", "application_number"} <= set(data["attached"][0])
    assert counts(portfolio)[0] == 0
    code = main(["--db", str(db_path), "--lang", "en", "attach-dir", str(folder), "--kind", "evaluation-report"])
    out = capsys.readouterr().out
    assert code == 1 and "Matched 4 files (4 patents)" in out and "1 reports without a readable conclusion" in out
    assert counts(portfolio)[0] == 4


def test_a_clean_folder_exits_0(capsys, portfolio, db_path, tmp_path):
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / f"{UM[0]}.pdf").write_bytes(evaluation_report(UM[0], "PJ1", "2026-05-01"))
    assert main(["--db", str(db_path), "attach-dir", str(clean), "--kind", "evaluation-report"]) == 0
    with pytest.raises(SystemExit):
        main(["--db", str(db_path), "attach-dir", str(clean), "--kind", "licence"])
    assert main(["--db", str(db_path), "attach-dir", str(tmp_path / "nowhere"), "--kind", "consent"]) == 2


def test_a_pdf_made_by_libreoffice_is_read(portfolio, tmp_path):
    folder = tmp_path / "lo"
    folder.mkdir()
    made = libreoffice_pdf(["专利权评价报告", f"专利号：ZL{UM[4]}", "报告编号：PJ2026-105", "作出日期：2026年5月5日",
                            "初步结论：全部权利要求未发现存在不符合授予专利权条件的缺陷。"], folder)
    if made is None:
        pytest.skip("LibreOffice is not installed here")
    made.rename(folder / "scan.pdf")
    [f] = evidence.preview(portfolio, folder, "evaluation-report").files
    assert (f.status, f.patents[0][1], f.how) == ("matched", UM[4], "text")
    assert (f.details.report_no, f.details.report_date, f.details.conclusion) == (
        "PJ2026-105", date(2026, 5, 5), "favourable")
