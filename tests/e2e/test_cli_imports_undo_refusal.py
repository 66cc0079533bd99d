"""`openlic imports undo`: a refusal over records added since names them in words, in both languages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S
from test_cli_imports import _row, openlic

_TABLE_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b|\bsignoffs\b")


def test_refusal_over_records_names_them_in_words(tmp_path):
    db = tmp_path / "p.sqlite3"
    a = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲"), _row(2, S.N2, "乙")])
    assert openlic(db, "import", a).returncode == 0
    assert openlic(db, "price", S.N1, "--mode", "free", "--term-months", "36").returncode == 0
    assert openlic(db, "commit", S.N2, "--all").returncode == 0
    en = openlic(db, "imports", "undo", lang="en")
    assert en.returncode == 1 and S.N1 in en.stdout and S.N2 in en.stdout
    assert "pricing" in en.stdout and "commitment" in en.stdout
    assert _TABLE_NAME.findall(en.stdout) == [], en.stdout
    zh = openlic(db, "imports", "undo")
    assert zh.returncode == 1 and "许可使用费" in zh.stdout and "承诺" in zh.stdout
    assert _TABLE_NAME.findall(zh.stdout) == [], zh.stdout
    # --json keeps the codes (table names) for programs
    js = openlic(db, "imports", "undo", "--json")
    assert "pricing_terms" in js.stdout
