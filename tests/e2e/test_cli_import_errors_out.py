"""`openlic import FILE --errors-out OUT`: the rejected rows never replace the user's own spreadsheet.

OUT must not be the input — the same file by identity, however it is named (another spelling of the path, a
symbolic or hard link) — and an existing OUT is only replaced with `--force`. Refused before anything is read or
written: exit 2, the database and both files as they were.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S


def openlic(db, *args):
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--user", "e2e",
                           "--lang", "en", *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          check=False, timeout=120)


def _imports(db: Path) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(db)
    try:
        return con.execute("select count(*) from import_sources").fetchone()[0]
    finally:
        con.close()


def _spellings(tmp_path: Path, source: Path) -> dict[str, Path]:
    (tmp_path / "sub").mkdir()
    os.link(source, tmp_path / "hard-link.xlsx")
    (tmp_path / "symbolic.xlsx").symlink_to(source)
    return {"same path": source, "another spelling": tmp_path / "sub" / ".." / source.name,
            "hard link": tmp_path / "hard-link.xlsx", "symbolic link": tmp_path / "symbolic.xlsx"}


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize("spelling", ["same path", "another spelling", "hard link", "symbolic link"])
def test_the_rejected_rows_never_replace_the_input(tmp_path, spelling, dry_run):
    db = tmp_path / "p.sqlite3"
    source = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())
    before = source.read_bytes()
    out = _spellings(tmp_path, source)[spelling]
    run = openlic(db, "import", source, "--errors-out", out, "--force", *(["--dry-run"] if dry_run else []))
    assert run.returncode == 2, run.stderr
    assert "is the file being imported" in run.stderr
    assert source.read_bytes() == before
    assert _imports(db) == 0


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    db = tmp_path / "p.sqlite3"
    source = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())
    out = tmp_path / "rejected.xlsx"
    out.write_bytes(b"the user's own notes")
    run = openlic(db, "import", source, "--errors-out", out)
    assert run.returncode == 2 and "--force" in run.stderr, run.stderr
    assert out.read_bytes() == b"the user's own notes" and _imports(db) == 0

    run = openlic(db, "import", source, "--errors-out", out, "--force", "--json")
    assert run.returncode == 1, run.stderr  # rows were rejected; they are in the file now
    assert json.loads(run.stdout)["rejected"] == len(S.EXPECTED_REJECTED)
    import openpyxl

    rows = list(openpyxl.load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 1 + len(S.EXPECTED_REJECTED)


def test_a_new_file_needs_no_force(tmp_path):
    db = tmp_path / "p.sqlite3"
    source = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())
    run = openlic(db, "import", source, "--errors-out", tmp_path / "new.xlsx", "--dry-run")
    assert run.returncode == 1 and (tmp_path / "new.xlsx").exists(), run.stderr
