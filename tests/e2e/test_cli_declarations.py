"""The statutory declaration end to end through `openlic`, as an office does it: 100 patents from the portfolio to
filed declarations — documents, entry sheet, package — without Word, then marked announced from CNIPA's list.
Subprocesses on a real SQLite file; the documents opened with python-docx and openpyxl."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import date, timedelta

import openpyxl
import pytest
from docx import Document

from openlic_desktop.domain.dates import add_years
from openlic_desktop.domain.identifiers import check_character

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OFFICE = "浙江示范大学"
PARTNER = "示范科技有限公司"
TODAY = date.today()


def run(db, *args, user="alice", check=None):
    r = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--user", user, "--lang", "zh",
                        *map(str, args)], capture_output=True, text=True, encoding="utf-8", env=dict(os.environ),
                       timeout=600, check=False)
    if check is not None:
        assert r.returncode == check, (args[:3], r.returncode, r.stdout[-2000:], r.stderr[-2000:])
    return r


def _number(kind: str, serial: int, year: int) -> str:
    digits = f"{year}{kind}{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def _uscc(serial: int) -> str:
    from openlic_desktop.domain.identifiers import uscc_check_character

    first = f"91330100MA{serial:07d}"
    return first + uscc_check_character(first)


def fill_book(db) -> None:
    """The patentee book: the declaration names every patentee with its USCC (Rule 85)."""
    run(db, "patentee", "fill", check=0)
    run(db, "patentee", "set", OFFICE, f"uscc={_uscc(1)}", check=0)
    run(db, "patentee", "set", PARTNER, f"uscc={_uscc(2)}", check=0)


def _paid_until(filed: date) -> date:
    """The day before the first anniversary after today: fees paid, the next one still ahead."""
    years = TODAY.year - filed.year
    while add_years(filed, years) <= TODAY:
        years += 1
    return add_years(filed, years) - timedelta(days=1)


def _portfolio(path) -> list[dict]:
    patents = []
    for i in range(100):
        utility = i % 10 >= 7                       # 30 utility models, 70 inventions
        year = 2021 + i % 3 if utility else 2019 + i % 5
        filed = date(year, 1 + i % 12, 1 + i % 27)
        patents.append({"number": _number("2" if utility else "1", 5000 + i, year),
                        "title": (f"一种折叠式电动车车架{i}" if utility else f"一种锂电池正极材料的制备方法{i}"),
                        "filed": filed, "granted": date(year + 1, 6, 15), "utility": utility,
                        "owners": [OFFICE, PARTNER] if i % 10 == 0 else [OFFICE]})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["申请号", "专利名称", "申请日", "授权公告日", "专利权人", "法律状态", "年费缴至", "联系人", "联系电话"])
    for p in patents:
        sheet.append([p["number"], p["title"], p["filed"].isoformat(), p["granted"].isoformat(), "；".join(p["owners"]),
                      "有效", _paid_until(p["filed"]).isoformat(), "王老师", "0571-88880000"])
    book.save(path)
    return patents


@pytest.fixture
def office(_hermetic_home):
    from openlic_desktop.support import settings

    cfg = settings.load()
    cfg.office.name, cfg.office.address = OFFICE, "杭州市西湖区示范路1号"
    cfg.office.contact_person, cfg.office.contact_email = "王老师", "tto@example.edu.cn"
    settings.save(cfg)


def test_a_hundred_patents_from_the_portfolio_to_announced_declarations(tmp_path, office):
    db = tmp_path / "office.sqlite3"
    patents = _portfolio(tmp_path / "专利清单.xlsx")
    numbers = [p["number"] for p in patents]
    utility = [p["number"] for p in patents if p["utility"]]
    shared = [p["number"] for p in patents if len(p["owners"]) > 1]
    assert json.loads(run(db, "import", tmp_path / "专利清单.xlsx", "--json", check=0).stdout)["created"] == 100

    # what the statutory regime lacks, patent by patent, once drafts exist
    prepared = json.loads(run(db, "declaration", "prepare", *numbers, "--json", check=0).stdout)
    assert len(prepared) == 100 and all(p["state"] == "draft" and p["created"] for p in prepared)
    lacking = {p["application_number"]: {f["code"] for f in p["findings"]} for p in prepared}
    assert all({"PRICING_MISSING", "FEE_NOTE_MISSING", "COMMITMENTS_INCOMPLETE"} <= c for c in lacking.values())
    assert all("EVALUATION_REPORT_REQUIRED" in lacking[n] for n in utility)
    assert all("PATENTEE_CONSENT_MISSING" in lacking[n] for n in shared)
    assert all("PATENTEE_ID_MISSING" in c for c in lacking.values())

    # the facts and documents the law asks for
    fill_book(db)
    run(db, "price", *numbers, "--mode", "entry-plus-royalty", "--entry-fee", "50000", "--rate", "2", "--base",
        "profit", "--term-months", "36", check=0)
    report = tmp_path / "评价报告.pdf"
    report.write_bytes(PDF)
    for n in utility:
        run(db, "attach", n, report, "--kind", "evaluation-report", "--conclusion", "favourable", "--report-no",
            f"PJ{n[:4]}-{n[5:12]}", "--date", TODAY.isoformat(), check=0)
    for n in shared:
        run(db, "consent", n, "--owner", PARTNER, "--date", TODAY.isoformat(), check=0)
    notes = json.loads(run(db, "fee-note", *numbers, "--method", "royalty-rate", "--basis",
                           "参照本单位同类专利以往许可的提成比例", "--json", check=0).stdout)
    assert len(notes["written"]) == 100 and "国知发运字〔2024〕19号" in notes["notes"][numbers[0]]
    run(db, "commit", *numbers, "--all", "--profile", "statutory", check=0)
    check = json.loads(run(db, "check", *numbers, "--regime", "statutory", "--json", check=1).stdout)
    assert {f["code"] for r in check for f in r["findings"]} == {"NOT_SIGNED_OFF"}
    run(db, "signoff", *numbers, "--role", "preparer", "--profile", "statutory", user="alice", check=0)
    run(db, "signoff", *numbers, "--role", "reviewer", "--profile", "statutory", user="bob", check=0)
    run(db, "check", *numbers, "--regime", "statutory", check=0)
    signed = json.loads(run(db, "declaration", "list", "--state", "signed", "--json", check=0).stdout)
    assert sorted(d["application_number"] for d in signed) == sorted(numbers)

    # the documents, the entry sheet and the package: no Word
    out = tmp_path / "声明材料"
    package = json.loads(run(db, "declaration", "export", "--state", "signed", "--out", out, "--date",
                             TODAY.isoformat(), "--json", check=0).stdout)
    assert len(package["patents"]) == 100 and package["excluded"] == []
    with zipfile.ZipFile(package["package"]) as zf:
        names = zf.namelist()
        for n in numbers:
            folder = f"ZL{n}_"
            assert sum(1 for x in names if x.startswith(folder) and x.endswith(".docx")) == 3, n
        assert sum(1 for x in names if "专利权评价报告" in x) == 30
        sheet = openpyxl.load_workbook(io.BytesIO(zf.read("录入表.xlsx")))["录入表"]
        assert sheet.max_row == 101
        header = [c.value for c in sheet[1]]
        row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
        assert row["许可使用费支付标准"] == "入门费5万元，另按利润的2%提成" and row["许可地域范围"] == "中国境内"
        doc = Document(io.BytesIO(zf.read(next(x for x in names if x.startswith(f"ZL{shared[0]}_")
                                               and x.endswith("/专利开放许可声明.docx")))))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert f"专利号：ZL{shared[0]}" in text and f"专利权人：{PARTNER}（签章）" in text
        ids = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
        assert _uscc(1) in ids and _uscc(2) in ids
        assert "许可使用费支付标准：入门费5万元，另按利润的2%提成" in text
    assert [p.name for p in out.iterdir()] == [os.path.basename(package["package"])]

    # filed online, then announced by CNIPA: marked from its published list
    run(db, "declaration", "file", *numbers, "--date", TODAY.isoformat(), "--route", "cnipa-online", "--reference",
        "网上提交", check=0)
    assert len(json.loads(run(db, "declaration", "list", "--state", "filed", "--json", check=0).stdout)) == 100
    # the terms are the ones filed: the pricing of a declared patent no longer changes
    refused = run(db, "price", numbers[0], "--mode", "free", "--term-months", "12", check=1)
    assert "DECLARATION_TERMS_FROZEN" in refused.stderr
    listed = openpyxl.Workbook()
    sheet = listed.active
    sheet.append(["国家知识产权局专利开放许可声明公告"])
    sheet.append(["序号", "专利号", "专利名称", "专利权人", "公告日", "卷期"])
    for i, p in enumerate(patents, 1):
        sheet.append([i, "ZL" + p["number"], p["title"], "；".join(p["owners"]), TODAY.isoformat(), "第41卷第50期"])
    sheet.append([101, "ZL" + _number("1", 9999, 2020), "不是本单位的专利", "他人", TODAY.isoformat(), "第41卷第50期"])
    digits, check = patents[0]["number"].split(".")
    wrong = "0" if check != "0" else "1"
    sheet.append([102, f"ZL{digits}.{wrong}", "校验位错误", "他人", TODAY.isoformat(), "第41卷第50期"])
    listed.save(tmp_path / "公告.xlsx")
    dry = json.loads(run(db, "declaration", "announce", "--from", tmp_path / "公告.xlsx", "--dry-run", "--json",
                         check=1).stdout)
    assert dry["matched"] == 100 and len(dry["unmatched"]) == 2
    assert len(json.loads(run(db, "declaration", "list", "--state", "filed", "--json", check=0).stdout)) == 100
    result = run(db, "declaration", "announce", "--from", tmp_path / "公告.xlsx", "--json", check=1)
    data = json.loads(result.stdout)
    assert data["matched"] == 100
    assert [(u["row"], u["code"]) for u in data["unmatched"]] == [(103, "ANNOUNCE_NOT_IN_PORTFOLIO"),
                                                                   (104, "BAD_CHECK_DIGIT")]
    announced = json.loads(run(db, "declaration", "list", "--state", "announced", "--json", check=0).stdout)
    assert len(announced) == 100 and {d["announcement"] for d in announced} == {"第41卷第50期"}
    assert {"application_number", "state", "terms", "patentees", "filed_on", "route", "reference", "announced_on",
            "announcement", "withdrawn_on", "history"} <= set(announced[0])
    assert announced[0]["terms"]["words"]["standard"] == "入门费5万元，另按利润的2%提成"
    assert [h["action"] for h in announced[0]["history"]] == ["declaration_prepare", "declaration_file",
                                                               "declaration_announce"]
    again = json.loads(run(db, "declaration", "announce", "--from", tmp_path / "公告.xlsx", "--json", check=1).stdout)
    assert again["matched"] == 0 and len(again["unchanged"]) == 100

    # from the announcement on, the annual fee is reduced by 15 %
    fees = json.loads(run(db, "fees", numbers[1], "--count", "1", "--json", check=0).stdout)
    assert fees[0]["reduction"]["percent"] == "15" and fees[0]["reduction"]["source"] == "open-licence"
    shown = json.loads(run(db, "declaration", "show", numbers[0], "--json", check=0).stdout)
    assert shown["state"] == "announced" and shown["filed_on"] == TODAY.isoformat()
    assert [s["step"] for s in shown["timeline"] if s["done"]] == ["prepared", "signed", "filed", "announced"]
    assert {"application_number", "state", "terms", "patentees", "filed_on", "route", "reference", "announced_on",
            "announcement", "withdrawn_on", "history"} <= set(shown)
    run(db, "audit", "verify", check=0)


def test_refusals_exit_1_with_codes_and_change_nothing(tmp_path, office):
    db = tmp_path / "r.sqlite3"
    patents = _portfolio(tmp_path / "p.xlsx")[:2]
    run(db, "import", tmp_path / "p.xlsx", check=0)
    a, b = patents[0]["number"], patents[1]["number"]
    run(db, "declaration", "prepare", a, b, check=0)
    r = run(db, "declaration", "announce", a, "--date", TODAY.isoformat(), "--json", check=1)
    data = json.loads(r.stdout)
    assert data["changed"] is False and data["refused"][0]["code"] == "DECLARATION_NOT_FILED"
    assert "DECLARATION_NOT_FILED" in r.stderr
    r = run(db, "declaration", "file", a, "--date", TODAY.isoformat(), "--route", "cnipa-online", check=1)
    assert "DECLARATION_NOT_SIGNED" in r.stderr
    assert {d["state"] for d in json.loads(run(db, "declaration", "list", "--json", check=0).stdout)} == {"draft"}
    run(db, "declaration", "set", a, "other_terms=本技术国际领先", check=0)
    check = json.loads(run(db, "check", a, "--regime", "statutory", "--json", check=1).stdout)
    wording = next(f for f in check[0]["findings"] if f["code"] == "PROMOTIONAL_WORDING")
    assert "国际领先" in wording["message"] and "其他需要明确的事项" in wording["message"]
    r = run(db, "declaration", "set", a, "colour=red", check=2)
    assert "DECLARATION_FIELD_UNKNOWN" in r.stderr or "colour" in r.stderr
    run(db, "declaration", "file", a, "--date", "2099-01-01", "--route", "fax", check=2)
    r = run(db, "encumbrance", "add", a, "--kind", "other-obstacle", "--note", "许可人正在重组", check=0)
    check = json.loads(run(db, "check", a, "--regime", "statutory", "--json", check=1).stdout)
    assert any(f["code"] == "OTHER_OBSTACLE" and "重组" in f["message"] for f in check[0]["findings"])
    run(db, "declaration", "discard", b, check=0)
    assert [d["application_number"] for d in json.loads(run(db, "declaration", "list", "--json").stdout)] == [a]
