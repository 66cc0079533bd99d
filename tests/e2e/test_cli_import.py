"""`openlic import` end to end: the CLI as a subprocess on real files (cli.md contract: JSON keys, exit codes)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S


def openlic(db, *args, lang="zh"):
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--user", "e2e",
                           "--lang", lang, *map(str, args)], capture_output=True, text=True, encoding="utf-8", check=False,
                          timeout=120)


def _patents(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("select count(*) from patents").fetchone()[0]
    finally:
        con.close()


def test_import_with_rejections_exits_1_and_reports_json(tmp_path):
    db = tmp_path / "p.sqlite3"
    path = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())
    out = tmp_path / "rejected.xlsx"
    run = openlic(db, "import", path, "--json", "--errors-out", out)
    assert run.returncode == 1, run.stderr
    data = json.loads(run.stdout)
    assert list(data) == ["rows_read", "created", "updated", "unchanged", "rejected", "rejections"]
    assert (data["created"], data["rejected"]) == (len(S.EXPECTED_CREATED), len(S.EXPECTED_REJECTED))
    assert {(r["row"], r["code"]) for r in data["rejections"]} == set(S.EXPECTED_REJECTED.items())
    assert all(r["message"] for r in data["rejections"])
    assert out.exists()
    # the imported patents are visible to the other commands
    shown = json.loads(openlic(db, "show", "ZL" + S.N1, "--json").stdout)
    assert shown["title"] == "一种基于深度学习的图像识别方法" and shown["patentees"][0] == "某某大学"
    # again: nothing changes and it says so
    again = json.loads(openlic(db, "import", path, "--json").stdout)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, len(S.EXPECTED_CREATED))


def test_clean_gbk_csv_exits_0_and_text_output(tmp_path):
    db = tmp_path / "p.sqlite3"
    rows = [S.HEADER, [1, S.N1, "一种方法", "发明", "2021-03-05", "", "某某大学", "张三", "有效"]]
    path = S.write_csv(tmp_path / "导出.csv", rows, "gbk")
    run = openlic(db, "import", path, lang="en")
    assert run.returncode == 0, run.stderr
    assert "1 new" in run.stdout
    dry = openlic(db, "import", path, "--dry-run", "--json")
    assert dry.returncode == 0 and json.loads(dry.stdout)["unchanged"] == 1


def test_dry_run_writes_nothing(tmp_path):
    db = tmp_path / "p.sqlite3"
    run = openlic(db, "import", S.write_xlsx(tmp_path / "a.xlsx", S.messy_table()), "--dry-run", "--json")
    assert run.returncode == 1 and json.loads(run.stdout)["created"] == len(S.EXPECTED_CREATED)
    assert _patents(db) == 0


def test_sheet_option(tmp_path):
    db = tmp_path / "p.sqlite3"
    path = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, [1, S.N2, "x"]], sheet="二〇二六",
                        before={"封面": [["封面"]]})
    assert openlic(db, "import", path, "--sheet", "二〇二六", "--json").returncode == 0
    missing = openlic(db, "import", path, "--sheet", "没有这个表")
    assert missing.returncode == 2 and "没有这个表" in missing.stderr


def test_unreadable_input_exits_2_and_leaves_nothing(tmp_path):
    db = tmp_path / "p.sqlite3"
    (tmp_path / "scan.xlsx").write_bytes(b"%PDF-1.4 not a workbook")
    run = openlic(db, "import", tmp_path / "scan.xlsx", "--json")
    assert run.returncode == 2 and json.loads(run.stdout)["error"]["code"] == "FILE_NOT_SPREADSHEET"
    assert len(run.stderr.strip().splitlines()) == 1 and "scan.xlsx" in run.stderr
    assert not db.exists()  # not even an empty database was created
    run = openlic(db, "import", tmp_path / "missing.csv")
    assert run.returncode == 2 and not db.exists()


def test_header_row_and_columns_given_on_the_command_line(tmp_path):
    """A sheet whose headers nobody would recognise: the user says where the header is and what the columns are."""
    db = tmp_path / "p.sqlite3"
    rows = [["内部编号", "代码", "名字", "日子", "单位"],
            ["A-1", S.N1, "一种方法", "2021-03-05", "某某大学"],
            ["A-2", S.N4, "一种装置", "2019-06-01", "某某大学"]]
    path = S.write_xlsx(tmp_path / "奇怪的表.xlsx", [["说明：内部台账"], *rows])
    refused = openlic(db, "import", path, "--json")
    assert refused.returncode == 2 and not db.exists()
    bad = openlic(db, "import", path, "--header-row", "2", "--column", "代码=nonsense")
    assert bad.returncode == 2 and "--column 代码=nonsense" in bad.stderr and not db.exists()
    run = openlic(db, "import", path, "--json", "--header-row", "2", "--column", "2=number", "--column", "C=title",
                  "--column", "日子=filing_date", "--column", "5=patentees")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["created"] == 2
    shown = json.loads(openlic(db, "show", S.N4, "--json").stdout)
    assert (shown["title"], shown["filing_date"], shown["patentees"]) == ("一种装置", "2019-06-01", ["某某大学"])
    # columns can be left out: only the number stated, nothing changes
    again = openlic(db, "import", path, "--json", "--header-row", "2", "--column", "2=number", "--column", "4=",
                    "--column", "5=")
    assert json.loads(again.stdout)["unchanged"] == 2
