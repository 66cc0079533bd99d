"""Importing the saved rejected-rows file again, after fixing it: the rows once rejected as DUPLICATE_CONFLICT
(they contradicted an earlier row of their file, and that earlier row was kept) do not silently overwrite the
kept row. Their changes are held back and shown old → new — in the dry run, the import and the wizard's preview —
until the user confirms them; every other fixed row imports as usual."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import intake_samples as S
import openpyxl

from openlic_desktop.services import importing, portfolio

TODAY = date(2026, 11, 26)


def _first_import(ws, tmp_path):
    """The messy file (row 17 repeats N1 with another title: DUPLICATE_CONFLICT), its rejected rows saved."""
    rejected = tmp_path / "rejected.xlsx"
    result = importing.run(ws, S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table()), today=TODAY,
                           errors_out=rejected)
    assert {r.row: r.code for r in result.rejections}[17] == "DUPLICATE_CONFLICT"
    return rejected


def _fix_check_digit(path):
    """The user fixes the row rejected for its check digit (sheet row 10 of the original)."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        if row[-2].value == "BAD_CHECK_DIGIT":
            row[1].value = S.N4
    book.save(path)
    return path


def test_the_conflicting_row_is_held_back_until_confirmed(ws, tmp_path):
    rejected = _fix_check_digit(_first_import(ws, tmp_path))
    kept = portfolio.detail(ws, S.N1).facts.title
    assert kept == "一种基于深度学习的图像识别方法"

    dry = importing.run(ws, rejected, today=TODAY, dry_run=True, details=True)
    held = [r for r in dry.rejections if r.code == "CONFLICT_UNCONFIRMED"]
    assert [r.number for r in held] == [S.N1]
    assert f"{kept} → 一种基于深度学习的图像识别方法（改）" in held[0].message("zh")
    assert [(r.number, [(c.field, c.old, c.new) for c in r.changes]) for r in dry.unconfirmed_rows] == \
        [(S.N1, [("title", kept, "一种基于深度学习的图像识别方法（改）")])]
    assert S.N4 in [r.number for r in dry.new_rows]  # the fixed row goes in as usual

    again = importing.run(ws, rejected, today=TODAY)
    assert portfolio.detail(ws, S.N1).facts.title == kept  # never silently overwritten
    assert "CONFLICT_UNCONFIRMED" in {r.code for r in again.rejections}
    assert portfolio.detail(ws, S.N4).facts.title == "校验位错误"

    confirmed = importing.run(ws, rejected, today=TODAY, confirm_conflicts=True)
    assert confirmed.updated == 1 and "CONFLICT_UNCONFIRMED" not in {r.code for r in confirmed.rejections}
    assert portfolio.detail(ws, S.N1).facts.title == "一种基于深度学习的图像识别方法（改）"


def test_a_held_row_saved_again_is_still_held(ws, tmp_path):
    rejected = _first_import(ws, tmp_path)
    second = tmp_path / "rejected-again.xlsx"
    importing.run(ws, rejected, today=TODAY, errors_out=second)
    third = importing.run(ws, second, today=TODAY)
    assert "CONFLICT_UNCONFIRMED" in {r.code for r in third.rejections}
    assert portfolio.detail(ws, S.N1).facts.title == "一种基于深度学习的图像识别方法"


def test_the_command_line_lists_them_and_confirms_them(tmp_path):
    db = tmp_path / "p.sqlite3"

    def openlic(*args):
        return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--user", "t",
                               "--lang", "en", *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                              timeout=120, check=False)

    source = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())
    assert openlic("import", source, "--errors-out", tmp_path / "rejected.xlsx").returncode == 1
    dry = openlic("import", tmp_path / "rejected.xlsx", "--dry-run")
    assert dry.returncode == 1 and "CONFLICT_UNCONFIRMED" in dry.stdout and "→" in dry.stdout
    held = json.loads(openlic("import", tmp_path / "rejected.xlsx", "--json").stdout)
    assert "CONFLICT_UNCONFIRMED" in {r["code"] for r in held["rejections"]} and held["updated"] == 0
    done = json.loads(openlic("import", tmp_path / "rejected.xlsx", "--json", "--confirm-conflicts").stdout)
    assert done["updated"] == 1
    shown = json.loads(openlic("show", S.N1, "--json").stdout)
    assert shown["title"] == "一种基于深度学习的图像识别方法（改）"
