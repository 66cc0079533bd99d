from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run(db, *args, check_rc=None):
    env = dict(os.environ)
    # check=False: the exit code is asserted below (check_rc) or by the caller; refusals exit non-zero on purpose
    result = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), *args],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False)
    if check_rc is not None:
        assert result.returncode == check_rc, result.stderr
    return result


@pytest.fixture
def demo_db(tmp_path):
    db = tmp_path / "cli.sqlite3"
    run(db, "demo", "--patents", "120", "--seed", "3", check_rc=0)
    return db


def test_version():
    out = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--version"], capture_output=True, text=True,
                         check=False)  # asserted here, with stderr to say why
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("openlic ")


def test_demo_is_deterministic_and_refuses_non_empty(tmp_path, demo_db):
    other = tmp_path / "b.sqlite3"
    run(other, "demo", "--patents", "120", "--seed", "3", check_rc=0)
    a = json.loads(run(demo_db, "patents", "--json", check_rc=0).stdout)
    b = json.loads(run(other, "patents", "--json", check_rc=0).stdout)
    assert a == b and len(a) == 120
    refused = run(demo_db, "demo", "--patents", "5")
    assert refused.returncode == 2 and "--force" in refused.stderr
    run(demo_db, "demo", "--patents", "5", "--force", check_rc=0)
    assert len(json.loads(run(demo_db, "patents", "--json").stdout)) == 5


def test_patents_json_contract(demo_db):
    items = json.loads(run(demo_db, "patents", "--json", check_rc=0).stdout)
    keys = {"application_number", "patent_number", "type", "title", "patentees", "filing_date", "grant_date",
            "expiry_date", "status"}
    assert keys <= set(items[0])
    assert {i["type"] for i in items} <= {"invention", "utility_model", "design"}
    assert {i["status"] for i in items} <= {"in_force", "pending", "lapsed", "expired", "unknown"}
    assert all(i["patent_number"] == "ZL" + i["application_number"] for i in items)
    designs = json.loads(run(demo_db, "patents", "--type", "design", "--json").stdout)
    assert designs and all(d["type"] == "design" for d in designs)


def test_show_accepts_any_form(demo_db):
    items = json.loads(run(demo_db, "patents", "--json").stdout)
    number = next(i["application_number"] for i in items if len(i["application_number"]) == 14)
    digits, check = number.split(".")
    shown = json.loads(run(demo_db, "show", f"ZL {digits[:4]} {digits[4]} {digits[5:]}.{check.lower()}",
                           "--json", check_rc=0).stdout)
    assert shown["application_number"] == number
    text = run(demo_db, "show", number, check_rc=0).stdout
    assert "申请号" in text
    # the legal term, as in the documents and the window, not the colloquial 有效期至
    assert "专利权期限届满日" in text and "有效期至" not in text
    assert "Application No." in run(demo_db, "--lang", "en", "show", number).stdout


def test_show_unknown_and_bad_numbers_exit_2(demo_db):
    r = run(demo_db, "show", "202110123456.7")
    assert r.returncode == 2 and "202110123456.7" in r.stderr
    r = run(demo_db, "show", "202110123456.8")
    assert r.returncode == 2 and "校验位" in r.stderr
    r = run(demo_db, "--lang", "en", "show", "CN112345678A")
    assert r.returncode == 2 and "publication number" in r.stderr


def test_set_edits_and_audits(demo_db):
    number = json.loads(run(demo_db, "patents", "--json").stdout)[0]["application_number"]
    run(demo_db, "set", number, "fees_paid_until=2026年3月1日", "contact_person=李老师", check_rc=0)
    shown = json.loads(run(demo_db, "show", number, "--json").stdout)
    assert shown["fees_paid_until"] == "2026-03-01" and shown["contact_person"] == "李老师"
    assert run(demo_db, "set", number, "colour=blue").returncode == 2
    assert run(demo_db, "set", number, "fees_paid_until=someday").returncode == 2


def test_bad_database_files_exit_2_untouched(tmp_path):
    f = tmp_path / "x.sqlite3"
    f.write_text("not sqlite")
    r = run(f, "patents")
    assert r.returncode == 2 and "SQLite" in r.stderr
    assert f.read_text() == "not sqlite"


def test_openlic_db_environment_variable(tmp_path):
    db = tmp_path / "env.sqlite3"
    env = dict(os.environ, OPENLIC_DB=str(db))
    r = subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "demo", "--patents", "3"], env=env,
                       capture_output=True, text=True, check=False)  # asserted here, with stderr to say why
    assert r.returncode == 0, r.stderr
    assert db.exists()


def test_screenshot_command(tmp_path, demo_db):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "openlic_desktop", "--db", str(demo_db), "--screenshot",
                        str(out)], env=env, capture_output=True, text=True, timeout=120, check=False)  # asserted next
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
