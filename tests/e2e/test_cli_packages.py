"""`openlic profiles` and `openlic export` end to end, as a subprocess on a real SQLite file (cli.md contract)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import date

import pytest

PDF = b"%PDF-1.4\n" + b"0123456789" * 300 + b"\n%%EOF\n"


def run(db, *args, user="alice", home=None):
    env = dict(os.environ)
    if home is not None:
        env["OPENLIC_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--user", user,
                           "--lang", "en", *args], capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=180, check=False)


@pytest.fixture
def prepared(tmp_path, _hermetic_home):
    home = _hermetic_home
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "settings.json").write_text(json.dumps({"office": {
        "name": "测试大学", "contact_person": "王老师", "contact_phone": "0571-1", "contact_email": "tto@test.edu.cn"}},
        ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "cli.sqlite3"
    assert run(db, "demo", "--patents-only", "--patents", "80", "--seed", "5").returncode == 0
    patents = json.loads(run(db, "patents", "--json").stdout)
    # with years of term left: `price` exits 1 when a term would run past the last day in force
    pool = [p["application_number"] for p in patents if p["status"] == "in_force" and len(p["patentees"]) == 1
            and p["type"] == "invention" and (p["expiry_date"] or "") > str(date.today().year + 3)][:8]
    report = tmp_path / "r.pdf"
    report.write_bytes(PDF)
    assert run(db, "price", *pool, "--mode", "lump-sum", "--amount", "30000", "--term-months", "24").returncode == 0
    assert run(db, "commit", *pool, "--all").returncode == 0
    run(db, "signoff", *pool, "--role", "preparer", user="alice")
    run(db, "signoff", *pool, "--role", "reviewer", user="bob")
    checked = json.loads(run(db, "check", *pool, "--json").stdout)
    ready = [c["application_number"] for c in checked if c["ready"]][:3]
    assert len(ready) >= 2, checked
    bad = next(p["application_number"] for p in patents if p["status"] == "pending")
    return db, ready, bad, home


def test_profiles_json():
    out = run("/nonexistent-not-used.sqlite3", "profiles", "--json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    codes = [p["code"] for p in items]
    assert codes[0] == "general" and {"beijing", "zhejiang", "shaanxi"} <= set(codes)
    assert {"code", "name", "email", "min_term_months"} <= set(items[0])


def test_export_json_contract_exclusions_and_determinism(prepared, tmp_path):
    db, ready, bad, _home = prepared
    out = run(db, "export", *ready, bad, "--profile", "general", "--out", str(tmp_path / "a"), "--json",
              "--date", "2026-11-26")
    assert out.returncode == 1, out.stderr  # done, but something was left out
    data = json.loads(out.stdout)
    assert {"package", "patents", "excluded", "files", "emails"} <= set(data)
    assert sorted(data["patents"]) == sorted(ready)
    assert data["excluded"] == [{"application_number": bad, "codes": data["excluded"][0]["codes"]}]
    assert "NOT_GRANTED" in data["excluded"][0]["codes"]
    assert data["emails"] == []
    with zipfile.ZipFile(data["package"]) as z:
        assert sorted(z.namelist()) == sorted(data["files"])
    again = json.loads(run(db, "export", *ready, "--profile", "general", "--out", str(tmp_path / "b"), "--json",
                           "--date", "2026-11-26").stdout)
    with open(data["package"], "rb") as a, open(again["package"], "rb") as b:
        assert a.read() == b.read()

    every = run(db, "export", "--all-ready", "--profile", "general", "--out", str(tmp_path / "c"), "--json")
    assert every.returncode == 0, every.stderr
    assert sorted(json.loads(every.stdout)["patents"]) >= sorted(ready)


def test_export_email_and_batch_record(prepared, tmp_path):
    db, ready, _bad, home = prepared
    (home / "data" / "profiles").mkdir(parents=True, exist_ok=True)
    (home / "data" / "profiles" / "zj.toml").write_text(
        'code = "zhejiang"\nname = "浙江（本单位副本）"\nprovince = "浙江省"\nbureau = "浙江省知识产权局"\n'
        'email = "kfxk@zj.example.cn"\n', encoding="utf-8")
    out = run(db, "export", *ready, "--profile", "zhejiang", "--out", str(tmp_path / "m"), "--email", "--json",
              "--batch", "2026年浙江第一批")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["emails"]) == 1 and data["emails"][0].endswith(".eml")
    subs = json.loads(run(db, "submission", "list", "--json").stdout)
    assert subs[0]["batch"] == "2026年浙江第一批" and subs[0]["status"] == "draft"
    assert subs[0]["sha256"] == data["sha256"]
    assert run(db, "submission", "status", str(subs[0]["id"]), "sent", "--reference", "ZJ-1").returncode == 0
    assert run(db, "submission", "status", str(subs[0]["id"]), "draft").returncode == 2
    batches = json.loads(run(db, "batch", "list", "--json").stdout)
    assert batches[0]["patents"] == len(ready) and batches[0]["last_status"] == "sent"


def test_bad_arguments_exit_2_and_change_nothing(prepared, tmp_path):
    db, ready, bad, _home = prepared
    out_dir = tmp_path / "x"
    for args in (["--profile", "atlantis"], ["--profile", "general", "--table-template", str(tmp_path / "no.xlsx")]):
        res = run(db, "export", *ready, "--out", str(out_dir), *args)
        assert res.returncode == 2 and res.stderr.startswith("openlic:") and res.stderr.count("\n") == 1
    res = run(db, "export", "--profile", "general", "--out", str(out_dir))
    assert res.returncode == 2
    res = run(db, "export", bad, "--profile", "general", "--out", str(out_dir), "--json")
    assert res.returncode == 1 and json.loads(res.stdout)["package"] is None
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_send_without_smtp_is_refused_before_building(prepared, tmp_path):
    db, ready, _bad, _home = prepared
    out_dir = tmp_path / "s"
    res = run(db, "export", *ready, "--profile", "general", "--out", str(out_dir), "--send")
    assert res.returncode == 2 and "SMTP" in res.stderr
    assert not out_dir.exists()
