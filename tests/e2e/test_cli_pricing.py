"""`openlic price` and `openlic schedule` as a subprocess, per cli.md: exit codes, JSON keys, nothing written on
refusal."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta

import pytest


def run(db, *args, lang="en"):
    env = dict(os.environ)
    # check=False: returned for the test to assert on; refused terms exit non-zero on purpose
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--lang", lang, *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli_pricing") / "demo.sqlite3"
    assert run(db, "demo", "--patents", "12", "--seed", "3").returncode == 0
    return db


@functools.lru_cache(maxsize=4)
def _listing(db) -> tuple[tuple[str, str], ...]:  # pricing never changes the patents: list them once
    out = run(db, "patents", "--json")
    assert out.returncode == 0, out.stderr
    return tuple((p["application_number"], p["status"], p["expiry_date"]) for p in json.loads(out.stdout))


def numbers(db, n=2, in_force=True):
    """In-force patents with more than the tests' longest term (36 months) left, so that `price` has nothing to
    report per patent (it exits 1 when a term runs past expiry)."""
    later = (date.today() + timedelta(days=4 * 366)).isoformat()
    return [number for number, status, expiry in _listing(db)
            if (status == "in_force" and (expiry or "") > later) or not in_force][:n]


def db_digest(db) -> str:
    """The pricing rows and the audit trail, read with plain sqlite3 (content, not file bytes: WAL)."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT * FROM pricing_terms ORDER BY patent_id").fetchall()
        rows += con.execute("SELECT id, hash FROM audit_log ORDER BY id").fetchall()
    finally:
        con.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_price_then_schedule_json(demo_db):
    a, b = numbers(demo_db)
    out = run(demo_db, "price", a, "ZL" + b, "--mode", "entry-plus-royalty", "--entry-fee", "10000", "--rate", "2.5",
              "--base", "net-sales", "--term-months", "14", "--free-months", "6", "--frequency", "quarterly")
    assert out.returncode == 0, out.stderr
    assert "2 patents" in out.stdout
    out = run(demo_db, "schedule", b, "--annual-sales", "1200000", "--start", "2026-01-01", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"application_number", "currency", "total", "periods"}
    assert data["application_number"] == b and data["currency"] == "CNY"
    assert data["total"] == "30000.00"  # entry fee 10,000 + 8 months of 2.5 % of 1.2 million (20,000)
    assert [p["kind"] for p in data["periods"]] == ["free", "entry-fee", "royalty", "royalty", "royalty"]
    assert all(set(p) == {"start", "end", "amount", "kind"} for p in data["periods"])
    assert data["periods"][0] == {"start": "2026-01-01", "end": "2026-06-30", "amount": "0.00", "kind": "free"}
    assert sum(float(p["amount"]) for p in data["periods"]) == pytest.approx(30000)


def test_pay_after_trial_and_text_output(demo_db):
    a = numbers(demo_db, 1)[0]
    out = run(demo_db, "price", a, "--mode", "royalty", "--rate", "3", "--term-months", "36", "--free-months", "12",
              "--pay-after-trial", lang="zh")
    assert out.returncode == 0, out.stderr
    assert "先试用12个月，试用期满后继续实施的，按净销售额的3%提成" in out.stdout
    out = run(demo_db, "schedule", a, "--annual-sales", "1000000", "--start", "2027-03-31", lang="zh")
    assert out.returncode == 0, out.stderr
    assert "合计：60,000.00 元" in out.stdout and "免费" in out.stdout


def test_royalty_on_profit_needs_annual_profit(demo_db):
    a = numbers(demo_db, 1)[0]
    assert run(demo_db, "price", a, "--mode", "royalty", "--rate", "30", "--base", "profit",
               "--term-months", "24").returncode == 0
    out = run(demo_db, "schedule", a, "--annual-sales", "1000", "--json")
    assert out.returncode == 2 and "profit" in out.stderr
    out = run(demo_db, "schedule", a, "--annual-sales", "1000", "--annual-profit", "1000", "--json",
              "--start", "2027-01-01")
    assert json.loads(out.stdout)["total"] == "600.00"


@pytest.mark.parametrize("args, fragment", [
    (["--mode", "royalty", "--term-months", "12"], "rate"),
    (["--mode", "lump-sum", "--amount", "-5", "--term-months", "12"], "negative"),
    (["--mode", "lump-sum", "--term-months", "12"], "amount"),
    (["--mode", "free", "--amount", "100"], "free"),
    (["--mode", "lump-sum", "--amount", "100", "--rate", "3"], "rate"),
    (["--mode", "royalty", "--rate", "abc"], "abc"),
    (["--mode", "royalty", "--rate", "3", "--pay-after-trial"], "trial"),
    (["--mode", "lump-sum", "--amount", "100", "--base", "profit"], "base"),
    (["--mode", "royalty", "--rate", "3", "--term-months", "0"], "term_months"),
    (["--mode", "barter"], "barter"),
])
def test_inconsistent_arguments_exit_2_and_change_nothing(demo_db, args, fragment):
    a = numbers(demo_db, 1)[0]
    before = db_digest(demo_db)
    out = run(demo_db, "price", a, *args)
    assert out.returncode == 2
    assert fragment in out.stderr and out.stderr.count("\n") == 1
    assert db_digest(demo_db) == before


def test_unknown_patent_and_unpriced_schedule_exit_2(demo_db):
    out = run(demo_db, "price", "201710601862.3", "--mode", "free")
    assert out.returncode == 2 and "201710601862.3" in out.stderr
    out = run(demo_db, "price", "201710601862.4", "--mode", "free")
    assert out.returncode == 2  # bad check digit
    unpriced = numbers(demo_db, 12, in_force=False)[-1]
    out = run(demo_db, "schedule", unpriced, "--annual-sales", "100")
    assert out.returncode == 2 and unpriced in out.stderr
    out = run(demo_db, "schedule", unpriced, "--annual-sales", "-1")
    assert out.returncode == 2


def test_price_is_audited(demo_db):
    a = numbers(demo_db, 1)[0]
    run(demo_db, "price", a, "--mode", "lump-sum", "--amount", "12345.6", "--term-months", "24")
    shown = json.loads(run(demo_db, "show", a, "--json").stdout)
    pricing_changes = [h for h in shown["history"] if h["field"] == "pricing"]
    assert json.loads(pricing_changes[-1]["new"])["amount"] == "12345.60"
