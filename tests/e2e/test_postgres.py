"""The same product on a shared PostgreSQL server (issue 2: storage stays portable through the --db URL).

A private PostgreSQL cluster is started for this module (initdb into a temporary folder, Unix socket only, no TCP
port), the CLI is driven against it through `postgresql+psycopg://…`, and the cluster is stopped afterwards.
`.ci/run` installs the server where it is missing; without the server binaries this module cannot run.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pg_cluster import AVAILABLE, BIN, MISSING  # noqa: F401  (BIN: other modules take it from here)

pytestmark = pytest.mark.skipif(not AVAILABLE, reason=MISSING)


@pytest.fixture(scope="module")
def pg_url(pg_cluster):
    return pg_cluster.create("openlic")


def run(url, *args, user="alice"):
    # check=False: the result goes back to be asserted on — a refusal's exit code and message are what some tests
    # expect, and ok() asserts success with stderr in the message (CalledProcessError would not show it)
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", url, "--user", user, "--lang", "en",
                           *args], capture_output=True, text=True, encoding="utf-8", timeout=180, check=False)


def ok(url, *args, user="alice"):
    r = run(url, *args, user=user)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_portfolio_search_readiness_and_export_on_postgres(pg_url, tmp_path):
    ok(pg_url, "demo", "--patents", "150", "--seed", "4")
    items = json.loads(ok(pg_url, "patents", "--json"))
    assert len(items) == 150
    # the portable search path: Chinese of 2 and of 3+ characters, a number prefix in another written form
    assert json.loads(ok(pg_url, "patents", "--search", "电池", "--json"))
    three = json.loads(ok(pg_url, "patents", "--search", "锂离子", "--json"))
    assert three and all("锂离子" in p["title"] for p in three)
    first = items[0]["application_number"]
    by_number = json.loads(ok(pg_url, "patents", "--search", "ZL " + first[:6], "--json"))
    assert first in [p["application_number"] for p in by_number]
    # one patent taken to ready and packed
    pick = next(p["application_number"] for p in items if p["type"] == "invention" and p["status"] == "in_force"
                and len(p["patentees"]) == 1 and p["expiry_date"] > "2030")
    ok(pg_url, "set", pick, "contact_person=王老师", "contact_phone=0571-1", "contact_email=tto@example.edu.cn",
       "fees_paid_until=2027-12-31")
    ok(pg_url, "price", pick, "--mode", "royalty", "--rate", "3", "--term-months", "36", "--free-months", "12")
    schedule = json.loads(ok(pg_url, "schedule", pick, "--annual-sales", "1000000", "--json"))
    assert schedule["periods"][0]["kind"] == "free"
    ok(pg_url, "commit", pick, "--all")
    ok(pg_url, "signoff", pick, "--role", "preparer", user="alice")
    ok(pg_url, "signoff", pick, "--role", "reviewer", user="bob")
    check = json.loads(ok(pg_url, "check", pick, "--json"))
    assert check[0]["ready"], check
    out = json.loads(ok(pg_url, "export", pick, "--profile", "general", "--out", str(tmp_path / "pkg"), "--json"))
    assert out["patents"] == [pick]
    with zipfile.ZipFile(out["package"]) as z:
        assert "manifest.json" in z.namelist()
    # a later edit makes the sign-off stale, and the audit chain holds
    ok(pg_url, "set", pick, "title=一种改名后的方法")
    codes = [f["code"] for f in json.loads(run(pg_url, "check", pick, "--json").stdout)[0]["findings"]]
    assert "SIGNOFF_STALE" in codes
    assert run(pg_url, "audit", "verify").returncode == 0


def test_import_on_postgres(pg_url, tmp_path):
    f = tmp_path / "list.csv"
    with open(f, "w", encoding="gb18030", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["申请号", "发明名称", "专利类型", "申请日", "专利权人", "法律状态"])
        w.writerow(["ZL 2021 1 0123456.7", "一种服务器上的导入测试方法", "发明", "2021年1月5日", "测试大学", "有效"])
        w.writerow(["202110123456.8", "校验位错误", "发明", "2021-01-05", "测试大学", "有效"])
    r = run(pg_url, "import", str(f), "--json")
    assert r.returncode == 1, r.stderr  # one row rejected
    data = json.loads(r.stdout)
    assert data["created"] == 1 and data["rejected"] == 1
    assert data["rejections"][0]["code"] == "BAD_CHECK_DIGIT"
    again = json.loads(run(pg_url, "import", str(f), "--json").stdout)
    assert again["unchanged"] == 1 and again["created"] == 0
    shown = json.loads(ok(pg_url, "show", "202110123456.7", "--json"))
    assert shown["title"] == "一种服务器上的导入测试方法"


def test_statistics_on_postgres(pg_cluster, tmp_path):
    """The known portfolio (tests/unit/statistics_samples.py) on the server: `stats --json` gives its figures (dates
    and JSON come back from the server as values, not as SQLite's text)."""

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
    import statistics_samples as S

    from openlic_desktop.services.workspace import open_workspace

    url = pg_cluster.create("openlic_stats")
    ws = open_workspace(url, user="tester")
    try:
        numbers = S.build(ws, tmp_path)
    finally:
        ws.close()
    data = json.loads(ok(url, "stats", "--date", "2026-11-26", "--json"))
    assert {s["stage"]: s["patents"] for s in data["funnel"]} == S.EXPECTED["funnel"]
    assert {r["value"]: r["patents"] for r in data["breakdowns"]["year"]} == S.EXPECTED["year"]
    assert {r["value"]: r["patents"] for r in data["breakdowns"]["declaration"]} == S.EXPECTED["declaration"]
    assert data["fees_due"]["total"] == str(S.EXPECTED["fees_total"]) and data["expiring"]["patents"] == 1
    assert data["licences"]["amount_received"] == "50000.00"
    assert json.loads(ok(url, "stats", "--date", "2026-11-26", "--by", "department", "--out",
                         str(tmp_path / "s.xlsx"), "--json"))["workbook"].endswith("s.xlsx")
    # a change on the server: the count saved for the data before it is not read back
    ok(url, "commit", "--all", numbers["P13"])
    again = json.loads(ok(url, "stats", "--date", "2026-11-26", "--json"))
    assert {s["stage"]: s["patents"] for s in again["funnel"]}["committed"] == S.EXPECTED["funnel"]["committed"] + 1


# drawn portfolios per property on the server (SQLite draws SETTINGS' count): a third, to keep the suite in its
# time budget while every property still meets the server's own date and JSON types
PG_EXAMPLES = 20


def test_rule_forms_on_postgres(pg_cluster):
    """The SQL forms of the readiness rules say on the server what the rules find (tests/unit/test_readiness_sql.py,
    its portfolios drawn by hypothesis, run against PostgreSQL: dates and JSON are the server's own types)."""
    from hypothesis import given, settings

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
    import test_readiness_sql as forms

    from openlic_desktop.services.workspace import open_workspace


    def fewer(test, **strategies):
        # the same property over PG_EXAMPLES drawn portfolios: every portfolio costs a round trip to the server per
        # row stored, and the SQL is the same text SQLite runs with SETTINGS' full count
        return settings(forms.SETTINGS, max_examples=PG_EXAMPLES)(given(**strategies)(test.hypothesis.inner_test))

    portfolio = {"portfolio": forms.portfolios}
    ws = open_workspace(pg_cluster.create("openlic_forms"), user="tester")
    try:
        fewer(forms.test_each_form_says_what_its_rule_finds, **portfolio)(ws)
        fewer(forms.test_a_rule_sets_verdict_is_its_rules_verdict, **portfolio)(ws)
        fewer(forms.test_the_grouping_columns_are_the_facts, **portfolio)(ws)
        with pytest.MonkeyPatch.context() as monkeypatch:
            fewer(forms.test_statistics_with_the_forms_are_the_rules_statistics, **portfolio)(ws, monkeypatch,
                                                                                           "general")
        with pytest.MonkeyPatch.context() as monkeypatch:
            fewer(forms.test_no_fee_or_last_day_within_the_horizon_is_left_out, **portfolio,
                  horizon_days=forms.horizons)(ws, monkeypatch)
        with pytest.MonkeyPatch.context() as monkeypatch:
            fewer(forms.test_a_refresh_of_the_changed_patents_is_a_count_from_scratch, before=forms.portfolios,
                  after=forms.portfolios)(ws, monkeypatch)
    finally:
        ws.close()
