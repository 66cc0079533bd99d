"""The readiness commands end to end, as a subprocess on a real SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

PDF = b"%PDF-1.4\n%%EOF\n"


def run(db, *args, user="alice", home=None):
    env = dict(os.environ)
    if home is not None:
        env["OPENLIC_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--user", user,
                           "--lang", "en", *args], capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120, check=False)


@pytest.fixture
def demo_db(tmp_path, _hermetic_home):
    db = tmp_path / "cli.sqlite3"
    assert run(db, "demo", "--patents-only", "--patents", "60", "--seed", "5").returncode == 0
    return db


def _pick(db, kind="invention"):
    out = run(db, "patents", "--json").stdout
    for p in json.loads(out):
        # with years of term left: `price` exits 1 when a term would run past the last day in force
        if p["type"] == kind and p["status"] == "in_force" and len(p["patentees"]) == 1 \
                and (p["expiry_date"] or "") > str(date.today().year + 3):
            return p["application_number"]
    raise AssertionError("no patent")


def test_full_flow_and_stale_after_set(demo_db, tmp_path):
    number = _pick(demo_db)
    r = run(demo_db, "check", number, "--json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data[0]["application_number"] == number and data[0]["ready"] is False
    assert {"code", "severity", "message"} <= set(data[0]["findings"][0])
    assert run(demo_db, "set", number, "contact_person=王伟", "contact_phone=0571-1").returncode == 0
    assert run(demo_db, "price", number, "--mode", "free", "--term-months", "12").returncode == 0
    assert run(demo_db, "commit", number, "--item", "C1", "--item", "C2").returncode == 0
    assert run(demo_db, "commit", number, "--all").returncode == 0
    assert run(demo_db, "signoff", number, "--role", "preparer", user="alice").returncode == 0
    same = run(demo_db, "signoff", number, "--role", "reviewer", user="alice")
    assert same.returncode == 1 and "different reviewer" in same.stderr
    assert run(demo_db, "signoff", number, "--role", "reviewer", user="bob").returncode == 0
    r = run(demo_db, "check", number, "--json")
    codes = [f["code"] for f in json.loads(r.stdout)[0]["findings"]]
    assert r.returncode == (0 if not [c for c in codes if c != "FEE_IN_GRACE"] else 1), codes
    assert "NOT_SIGNED_OFF" not in codes and "SIGNOFF_STALE" not in codes
    assert run(demo_db, "set", number, "description=新的简介").returncode == 0
    r = run(demo_db, "check", number, "--json")
    assert r.returncode == 1 and "SIGNOFF_STALE" in [f["code"] for f in json.loads(r.stdout)[0]["findings"]]


def test_encumbrance_attach_consent(demo_db, tmp_path):
    number = _pick(demo_db)
    r = run(demo_db, "encumbrance", "add", number, "--kind", "exclusive-licence", "--party", "甲公司",
            "--start", "2025-01-01", "--end", "2030-12-31")
    assert r.returncode == 0, r.stderr
    codes = [f["code"] for f in json.loads(run(demo_db, "check", number, "--json").stdout)[0]["findings"]]
    assert "EXCLUSIVE_LICENCE" in codes
    listed = json.loads(run(demo_db, "encumbrance", "list", number, "--json").stdout)
    assert [(e["kind"], e["party"], e["end"]) for e in listed] == [("exclusive-licence", "甲公司", "2030-12-31")]
    assert run(demo_db, "encumbrance", "remove", str(listed[0]["id"])).returncode == 0
    assert run(demo_db, "encumbrance", "remove", str(listed[0]["id"])).returncode == 2
    assert json.loads(run(demo_db, "encumbrance", "list", number, "--json").stdout) == []
    good = tmp_path / "report.pdf"
    good.write_bytes(PDF)
    assert run(demo_db, "attach", number, str(good), "--kind", "other").returncode == 0
    bad = tmp_path / "fake.pdf"
    bad.write_text("hello")
    r = run(demo_db, "attach", number, str(bad), "--kind", "other")
    assert r.returncode == 2 and "not a PDF" in r.stderr
    r = run(demo_db, "consent", number, "--owner", "不相干公司")
    assert r.returncode == 2 and "not a patentee" in r.stderr


def test_unknown_numbers_exit_2_and_change_nothing(demo_db):
    number = _pick(demo_db)
    for args in (("check", "202110123456.7"), ("commit", number, "202110123456.7", "--all"),
                 ("signoff", "202110123456.7", "--role", "preparer"),
                 ("encumbrance", "add", "202110123456.7", "--kind", "pledge"),
                 ("consent", "202110123456.7", "--owner", "x"), ("commit", "20211012345", "--all"),
                 ("commit", number, "--item", "C42")):
        r = run(demo_db, *args)
        assert r.returncode == 2, (args, r.stderr)
        assert r.stderr.startswith("openlic: ") and len(r.stderr.strip().splitlines()) == 1
    con = sqlite3.connect(demo_db)
    assert con.execute("SELECT count(*) FROM commitment_confirmations").fetchone()[0] == 0
    con.close()


def test_audit_verify_exit_codes(demo_db):
    number = _pick(demo_db)
    run(demo_db, "commit", number, "--all")
    assert run(demo_db, "audit", "verify").returncode == 0
    con = sqlite3.connect(demo_db)
    con.execute("UPDATE audit_log SET user='mallory' WHERE id=(SELECT max(id) FROM audit_log)")
    con.commit()
    con.close()
    r = run(demo_db, "audit", "verify")
    assert r.returncode == 1 and "record" in r.stderr
