"""`openlic licensee add`, `contract`, `licence add`, `deadlines` (cli.md) as subprocesses on a real database."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import date, timedelta

from announced_declarations import announce_in
from docx import Document

USCC = "91350100M000100Y30"


def run(db, *args, home):
    env = {**os.environ, "OPENLIC_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), *args],
                          check=False, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


CONTRACT_BLOCKERS = {"NOT_GRANTED", "EXPIRED", "LAPSED", "EXCLUSIVE_LICENCE", "PLEDGE_WITHOUT_CONSENT", "SUSPENDED",
                     "TRANSFERRED"}


def in_force_numbers(db, home, n):
    """n patents of one patentee set that a contract may be drafted for (nothing blocks it)."""
    listed = json.loads(run(db, "patents", "--status", "in_force", "--json", home=home).stdout)
    today = date.today().isoformat()
    checked = {r["application_number"]: {f["code"] for f in r["findings"]}
               for r in json.loads(run(db, "check", "--json", home=home).stdout)}
    usable = [p for p in listed if (p["expiry_date"] or "") > "2030" and p["filing_date"] < today
              and not checked[p["application_number"]] & CONTRACT_BLOCKERS]
    groups: dict[tuple, list[str]] = {}
    for p in usable:
        groups.setdefault(tuple(p["patentees"]), []).append(p["application_number"])
    owners, numbers = max(groups.items(), key=lambda item: len(item[1]))
    return numbers[:n], list(owners)


def uscc(seed: int) -> str:
    from openlic_desktop.domain.identifiers import uscc_check_character

    first = f"12100000{seed:09d}"
    return first + uscc_check_character(first)


def test_contract_licence_deadlines_end_to_end(tmp_path, _hermetic_home):
    home = _hermetic_home
    db = tmp_path / "office.sqlite3"
    assert run(db, "demo", "--patents-only", "--patents", "40", home=home).returncode == 0
    (n1, n2), owners = in_force_numbers(db, home, 2)
    filled = run(db, "patentee", "fill", "--json", home=home)
    assert filled.returncode == 0, filled.stderr
    for index, name in enumerate(owners):
        done = run(db, "patentee", "set", name, f"uscc={uscc(index)}", f"address={name}所在地1号",
                   "legal_representative=张三", "bank_name=示例银行", f"bank_account=62220000{index}", home=home)
        assert done.returncode == 0, done.stderr
    book = json.loads(run(db, "patentee", "list", "--json", home=home).stdout)
    assert all(e["missing"] == [] for e in book if e["name"] in owners)

    added = run(db, "licensee", "add", "--name", "示例科技有限公司", "--uscc", USCC, "--address", "福州市",
                "--contact", "0591-1", "--legal-representative", "李四", home=home)
    assert added.returncode == 0, added.stderr
    bad = run(db, "licensee", "add", "--name", "X", "--uscc", "91350100M000100Y31", home=home)
    assert bad.returncode == 2 and "USCC" not in bad.stdout and bad.stderr.count("\n") == 1
    dup = run(db, "--lang", "en", "licensee", "add", "--name", "Y", "--uscc", USCC, home=home)
    assert dup.returncode == 2 and "already registered" in dup.stderr

    out = tmp_path / "c.docx"
    no_terms = run(db, "contract", n1, "--licensee", "示例科技有限公司", "--out", str(out), home=home)
    assert no_terms.returncode == 1 and not out.exists()

    priced = run(db, "price", n1, n2, "--mode", "lump-sum", "--amount", "50000", "--term-months", "24",
                 home=home)
    assert priced.returncode == 0, priced.stderr
    # the statutory contract recites CNIPA's announcement of the declarations: refused until there is one
    refused = run(db, "contract", n1, "--licensee", USCC.lower(), "--out", str(out), home=home)
    assert refused.returncode == 1 and "DOCUMENT_BLOCKED" in refused.stderr and not out.exists()
    announce_in(str(db), [n1, n2])

    made = run(db, "contract", n1, "--licensee", USCC.lower(), "--out", str(out), home=home)
    assert made.returncode == 0, made.stderr
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "示例科技有限公司" in text and "一次性支付：许可使用费总额为人民币50,000.00元" in text
    assert f"许可人（专利权人）{'（一）' if len(owners) > 1 else ''}：{owners[0]}" in text
    assert f"住所：{owners[0]}所在地1号" in text
    assert doc.core_properties.version == "2026.12-8"
    assert str(out) in made.stdout

    two = tmp_path / "two.docx"
    made = run(db, "contract", n1, n2, "--licensee", "示例科技有限公司", "--out", str(two), "--json", home=home)
    assert made.returncode == 0, made.stderr
    info = json.loads(made.stdout)
    assert info["patents"] == [n1, n2] and len(info["data_sha256"]) == 64
    assert info["contract_number"] == f"KF{date.today().year}-0002" and info["licensors"] == owners
    table = Document(str(two)).tables[0]
    # each patent's row and its fee row under it
    assert [r.cells[1].text.split("\n")[0] for r in table.rows[1::2]] == ["ZL" + n1, "ZL" + n2]

    hostile = tmp_path / "evil.docx"
    evil = Document()
    evil.add_paragraph("{% include '/etc/passwd' %}")
    evil.save(str(hostile))
    refused = run(db, "contract", n1, "--licensee", USCC, "--out", str(tmp_path / "e.docx"), "--template",
                  str(hostile), home=home)
    assert refused.returncode == 2 and not (tmp_path / "e.docx").exists()
    assert "root:" not in refused.stdout + refused.stderr
    missing = run(db, "contract", n1, "--licensee", USCC, "--out", str(tmp_path / "m.docx"), "--template",
                  str(tmp_path / "nope.docx"), home=home)
    assert missing.returncode == 2

    before = hashlib.sha256(db.read_bytes()).hexdigest()
    unknown = run(db, "licence", "add", n1, "--licensee", "无此公司", "--date", "2026-01-01", home=home)
    assert unknown.returncode == 2
    bad_date = run(db, "licence", "add", n1, "--licensee", USCC, "--date", "2026-13-45", home=home)
    assert bad_date.returncode == 2
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before

    effective = date.today() - timedelta(days=10)
    added = run(db, "licence", "add", n1, "--licensee", USCC, "--date", effective.isoformat(), home=home)
    assert added.returncode == 0, added.stderr
    person = run(db, "licensee", "add", "--name", "王五", "--id-number", "11010519491231002X", "--address", "某地",
                 "--json", home=home)
    assert person.returncode == 0 and json.loads(person.stdout)["id_number"] == "11010519491231002X"
    both = run(db, "licensee", "add", "--name", "赵六", "--uscc", USCC, "--id-number", "11010519491231002X",
               home=home)
    assert both.returncode == 2

    listed = run(db, "deadlines", "--within", "120", "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    recording = [d for d in items if d["kind"] == "recording"]
    assert len(recording) == 1 and recording[0]["application_number"] == n1
    assert recording[0]["licensee"] == "示例科技有限公司"
    assert recording[0]["days_left"] == (date.fromisoformat(recording[0]["due"]) - date.today()).days
    assert all(d["days_left"] <= 120 for d in items)
    assert {"kind", "due", "days_left", "application_number", "licensee", "amount"} <= set(items[0])

    fixed = run(db, "deadlines", "--today", "2024-03-01", "--json", home=home)
    assert fixed.returncode == 0
    text = run(db, "--lang", "en", "deadlines", home=home)
    assert text.returncode == 0 and "Record the contract with CNIPA" in text.stdout

    [licence] = json.loads(run(db, "licence", "list", "--json", home=home).stdout)
    assert licence["contract_number"].startswith(f"KF{date.today().year}-")
    [payment] = licence["payments"]
    assert payment["amount_due"] == "50000.00" and payment["kind"] == "lump-sum"
    assert run(db, "licence", "recorded", str(licence["id"]), home=home).returncode == 0
    assert run(db, "licence", "paid", str(payment["id"]), "--amount", "abc", home=home).returncode == 2
    assert run(db, "licence", "paid", str(payment["id"]), "--amount", "50,000", home=home).returncode == 0
    assert run(db, "licence", "report-submitted", "999", home=home).returncode == 2
    effect = run(db, "licence", "effect", str(licence["id"]), "--implemented", "yes", "--products", "净化器",
                 "--new-sales", "120,000", "--jobs", "3", home=home)
    assert effect.returncode == 0, effect.stderr
    after = json.loads(run(db, "deadlines", "--within", "120", "--json", home=home).stdout)
    assert not [d for d in after if d["kind"] in ("recording", "payment_due")]
    assert json.loads(run(db, "licence", "list", "--json", home=home).stdout)[0]["amount_received"] == "50000.00"

    report = tmp_path / "report.xlsx"
    assert run(db, "licence", "report", "--out", str(report), home=home).returncode == 0 and report.exists()
    import openpyxl

    detail = openpyxl.load_workbook(report)["许可明细"]
    head = [c.value for c in detail[1]]
    recorded = detail.cell(2, head.index("备案日期") + 1)  # recorded today: a date cell, not text
    assert recorded.is_date and recorded.value.date() == date.today() and recorded.number_format == "yyyy-mm-dd"
    assert run(db, "audit", "verify", home=home).returncode == 0


def test_licensee_import_and_template_check(tmp_path, _hermetic_home):
    import openpyxl

    db = tmp_path / "office.sqlite3"
    book = openpyxl.Workbook()
    book.active.append(["企业名称", "统一社会信用代码"])
    book.active.append(["甲公司", USCC])
    book.active.append(["乙公司", "123"])
    book.save(tmp_path / "l.xlsx")
    result = run(db, "licensee", "import", str(tmp_path / "l.xlsx"), "--json", home=_hermetic_home)
    assert result.returncode == 1  # done, one row refused
    data = json.loads(result.stdout)
    assert (data["created"], data["rejected"], data["rejections"][0]["row"]) == (1, 1, 3)

    ok = run(db, "contract-check", "--json", home=_hermetic_home)
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True
    broken = Document()
    broken.add_paragraph("{% if fees_payable %}未结束")
    broken.save(str(tmp_path / "b.docx"))
    bad = run(db, "contract-check", str(tmp_path / "b.docx"), "--json", home=_hermetic_home)
    assert bad.returncode == 1
    assert [d["code"] for d in json.loads(bad.stdout)["defects"]] == ["CONTRACT_TEMPLATE_UNBALANCED"]
