"""The statutory declaration on a shared PostgreSQL server: the whole life of a few declarations through the CLI,
the partial unique index (one open declaration per patent), the published list and the audit chain — the same
commands as on SQLite (test_cli_declarations.py), on the private cluster test_postgres.py starts."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
from test_cli_declarations import PARTNER, PDF, _portfolio, _uscc, office  # noqa: F401  (office: a fixture)
from test_postgres import ok, pg_url, run  # noqa: F401  (pg_url: the cluster fixture)

TODAY = date.today().isoformat()


def test_declarations_on_postgres(pg_url, tmp_path, office):  # noqa: F811
    patents = _portfolio(tmp_path / "专利清单.xlsx")
    ok(pg_url, "import", str(tmp_path / "专利清单.xlsx"))
    invention = next(p["number"] for p in patents if not p["utility"] and len(p["owners"]) == 1)
    shared = next(p["number"] for p in patents if len(p["owners"]) > 1)
    utility = next(p["number"] for p in patents if p["utility"])
    picked = [invention, shared, utility]
    ok(pg_url, "declaration", "prepare", *picked)
    ok(pg_url, "price", *picked, "--mode", "royalty", "--rate", "3", "--base", "net-sales", "--term-months", "36")
    report = tmp_path / "report.pdf"
    report.write_bytes(PDF)
    ok(pg_url, "attach", utility, str(report), "--kind", "evaluation-report", "--conclusion", "favourable",
       "--report-no", "PJ-1", "--date", TODAY)
    ok(pg_url, "consent", shared, "--owner", PARTNER)
    ok(pg_url, "patentee", "fill")
    for serial, name in enumerate(dict.fromkeys(n for p in patents for n in p["owners"]), 1):
        ok(pg_url, "patentee", "set", name, f"uscc={_uscc(serial)}")
    notes = json.loads(ok(pg_url, "fee-note", *picked, "--method", "industry", "--json"))
    assert len(notes["written"]) == 3 and "全部行业合计，并非同行业数据" in notes["notes"][invention]
    ok(pg_url, "commit", *picked, "--all", "--profile", "statutory")
    ok(pg_url, "signoff", *picked, "--role", "preparer", "--profile", "statutory", user="alice")
    ok(pg_url, "signoff", *picked, "--role", "reviewer", "--profile", "statutory", user="bob")
    assert all(r["ready"] for r in json.loads(ok(pg_url, "check", *picked, "--regime", "statutory", "--json")))
    package = json.loads(ok(pg_url, "declaration", "export", "--state", "signed", "--out", str(tmp_path / "out"),
                            "--json"))
    assert sorted(package["patents"]) == sorted(picked)
    ok(pg_url, "declaration", "file", *picked, "--date", TODAY, "--route", "via-bureau", "--reference", "ZJ-1")
    book = openpyxl.Workbook()
    book.active.append(["专利号", "公告日", "卷期"])
    for number in picked:
        book.active.append(["ZL" + number, TODAY, "第41卷第50期"])
    book.save(tmp_path / "公告.xlsx")
    assert json.loads(ok(pg_url, "declaration", "announce", "--from", str(tmp_path / "公告.xlsx"), "--json"))[
        "matched"] == 3
    fees = json.loads(ok(pg_url, "fees", invention, "--count", "1", "--json"))
    assert fees[0]["reduction"]["source"] == "open-licence"
    refused = run(pg_url, "encumbrance", "add", invention, "--kind", "exclusive-licence", "--party", "甲公司")
    assert refused.returncode == 1 and "exclusive or sole" in refused.stderr
    # withdrawn with the co-owner's consent; a new declaration may then be prepared (the partial index allows it)
    assert run(pg_url, "declaration", "withdraw", shared, "--date", TODAY, "--reason", "专利权拟转让").returncode == 1
    ok(pg_url, "declaration", "withdraw", shared, "--date", TODAY, "--reason", "专利权拟转让", "--consent", PARTNER)
    ok(pg_url, "declaration", "announce-withdrawal", shared, "--date", TODAY, "--announcement", "第41卷第51期")
    ok(pg_url, "declaration", "prepare", shared)
    states = {d["application_number"]: d["state"] for d in json.loads(ok(pg_url, "declaration", "list", "--json"))}
    assert states == {invention: "announced", utility: "announced", shared: "draft"}
    withdrawn = json.loads(ok(pg_url, "declaration", "list", "--state", "withdrawn", "--json"))
    assert [d["application_number"] for d in withdrawn] == [shared]
    assert run(pg_url, "audit", "verify").returncode == 0
