"""`openlic stats` as a subprocess on the portfolio with known figures: JSON keys and counts, `--by`, the
workbook (`--out`), refusals with exit 2 and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import statistics_samples as S


def run(db, *args, lang="zh"):
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--lang", lang, *args],
                          capture_output=True, text=True, encoding="utf-8", env=dict(os.environ), timeout=120,
                          check=False)


@pytest.fixture
def known_db(ws, db_path, tmp_path):
    S.build(ws, tmp_path)
    ws.close()
    return db_path


def test_json_has_the_known_figures(known_db):
    out = run(known_db, "stats", "--date", "2026-11-26", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert out.stdout.count("\n") == 1  # one line: written by json's C encoder (thousands of fee items)
    assert data["as_of"] == "2026-11-26" and data["patents"] == 13 and data["profile"] == "general"
    assert {s["stage"]: s["patents"] for s in data["funnel"]} == S.EXPECTED["funnel"]
    assert set(data["breakdowns"]) == {"type", "department", "year", "status", "declaration"}
    assert {r["value"]: r["patents"] for r in data["breakdowns"]["declaration"]} == S.EXPECTED["declaration"]
    assert data["fees_due"]["total"] == str(S.EXPECTED["fees_total"]) and data["fees_due"]["open_licence_reduced"] == 1
    assert {r["value"]: r["patents"] for r in data["breakdowns"]["department"]} == S.EXPECTED["department"]
    assert {r["value"]: r["patents"] for r in data["breakdowns"]["year"]} == S.EXPECTED["year"]
    assert data["fees_due"]["patents"] == 3 and data["expiring"]["patents"] == 1
    assert data["licences"]["licences"] == 3 and data["licences"]["amount_received"] == "50000.00"
    assert [(q["quarter"], q["licences"]) for q in data["licences"]["by_quarter"]] == [
        (q, n) for q, n, _ in S.EXPECTED["by_quarter"]]
    assert data["offers"]["free"] == 1 and data["offers"]["staged_free"] == 1


def test_a_second_process_reads_the_count_back_and_a_change_counts_anew(known_db, _hermetic_home):
    """The saved count's key is the same in another process (nothing in it depends on the process), and a change
    made by another command gives the next `stats` a new count with the new figure."""
    saved = _hermetic_home / "data" / "statistics"
    first = run(known_db, "stats", "--date", "2026-11-26", "--json")
    again = run(known_db, "stats", "--date", "2026-11-26", "--json")
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert again.stdout == first.stdout and len(list(saved.glob("*.json"))) == 1
    number = next(i["application_number"] for i in json.loads(first.stdout)["fees_due"]["items"] if i["overdue"])
    assert run(known_db, "commit", "--all", number).returncode == 0  # P13, eligible: now committed
    after = json.loads(run(known_db, "stats", "--date", "2026-11-26", "--json").stdout)
    assert {s["stage"]: s["patents"] for s in after["funnel"]}["committed"] == S.EXPECTED["funnel"]["committed"] + 1
    assert len(list(saved.glob("*.json"))) == 2


def test_by_one_dimension_and_text_output(known_db):
    out = run(known_db, "stats", "--date", "2026-11-26", "--by", "department", "--json")
    assert out.returncode == 0, out.stderr
    assert list(json.loads(out.stdout)["breakdowns"]) == ["department"]
    text = run(known_db, "stats", "--date", "2026-11-26", "--by", "year")
    assert text.returncode == 0 and "按申请年度" in text.stdout and "已达成许可\t1" in text.stdout
    english = run(known_db, "stats", "--date", "2026-11-26", lang="en")
    assert "Licensed\t1" in english.stdout and "3 licences reached" in english.stdout


def test_workbook_out(known_db, tmp_path):
    target = tmp_path / "报表" / "统计表.xlsx"
    out = run(known_db, "stats", "--date", "2026-11-26", "--out", str(target), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["workbook"] == str(target)
    wb = openpyxl.load_workbook(target)
    assert wb["领导摘要"]["B5"].value == 13


@pytest.mark.parametrize("args, code", [(("--out", "x.csv"), "xlsx"), (("--date", "明天"), "明天"),
                                         (("--by", "colour"), "colour"),
                                         (("--profile", "nowhere"), "nowhere")])
def test_refusals_exit_2_and_write_nothing(known_db, tmp_path, args, code):
    args = tuple(str(tmp_path / a) if a.endswith(".csv") else a for a in args)
    out = run(known_db, "stats", *args)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert code in out.stderr and out.stdout == ""
    assert not (tmp_path / "x.csv").exists()


def test_a_count_that_cannot_be_saved_changes_neither_exit_nor_output(known_db, _hermetic_home):
    """The count is saved after the figures are out: a statistics folder that cannot be written (here a file where
    it would be) only costs the saving — the same JSON, exit 0, nothing on stderr."""
    good = run(known_db, "stats", "--date", "2026-11-26", "--json")
    saved = _hermetic_home / "data" / "statistics"
    assert good.returncode == 0 and len(list(saved.glob("*.json"))) == 1
    for path in saved.iterdir():
        path.unlink()
    saved.rmdir()
    saved.write_text("a file where the folder would be", encoding="utf-8")
    blocked = run(known_db, "stats", "--date", "2026-11-26", "--json")
    assert (blocked.returncode, blocked.stdout) == (0, good.stdout)
    assert "Traceback" not in blocked.stderr


def test_a_full_disk_while_saving_leaves_no_part_file_and_the_output_whole(known_db, _hermetic_home, monkeypatch,
                                                                            capsys):
    from openlic_desktop.cli.main import main
    from openlic_desktop.support import files

    assert main(["--db", str(known_db), "stats", "--date", "2026-11-26", "--json"]) == 0
    good = capsys.readouterr().out
    saved = _hermetic_home / "data" / "statistics"
    for path in saved.iterdir():
        path.unlink()

    def full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)  # the saved count's bytes are written, then the disk is full
    assert main(["--db", str(known_db), "stats", "--date", "2026-11-26", "--json"]) == 0
    assert capsys.readouterr().out == good
    assert list(saved.iterdir()) == []  # neither the count nor a half-written part of it


@pytest.mark.parametrize("args, code", [(("--out", "x.csv"), "STATS_OUT_NOT_XLSX"),
                                         (("--profile", "nowhere"), "PROFILE_UNKNOWN")])
def test_json_refusals_are_json_and_save_no_count(known_db, _hermetic_home, args, code):
    out = run(known_db, "stats", "--json", *args)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert json.loads(out.stdout)["error"]["code"] == code
    assert not list((_hermetic_home / "data" / "statistics").glob("*.json"))
