"""The stored row digests read ahead while the sheet loads (storage.import_digests_ahead): only an existing
database at the newest schema is read, nothing is created or changed by reading it — a refused file still leaves
the database, the files beside it and its folder exactly as they were —, and digests read before another
connection's commit are never trusted."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import intake_samples as S
import pytest

from openlic_desktop.services import importing
from openlic_desktop.services.importing.read import digests_ahead
from openlic_desktop.storage import import_bulk
from openlic_desktop.storage.import_digests_ahead import DigestsAhead

TODAY = date(2026, 11, 26)


def _state(db: Path) -> tuple[str, list[str]]:
    """The database file's bytes (as a digest) and its folder's listing."""
    return hashlib.sha256(db.read_bytes()).hexdigest(), sorted(p.name for p in db.parent.iterdir())


def _cli(db: Path, path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--lang", "en", "import",
                           str(path), *extra], capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)


@pytest.fixture
def imported(tmp_path):
    """A database in a folder of its own holding one import of the messy table, closed (no -wal, no -shm)."""
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "portfolio.sqlite3"
    path = S.write_xlsx(tmp_path / "messy.xlsx", S.messy_table())
    assert _cli(db, path).returncode == 1  # rows rejected
    assert sorted(p.name for p in folder.iterdir()) == ["portfolio.sqlite3"]
    return db, path


@pytest.mark.parametrize("refused", ["header", "load"])
@pytest.mark.parametrize("open_elsewhere", [False, True], ids=["closed", "open-elsewhere"])
def test_a_file_refused_after_its_load_leaves_the_database_and_its_folder_as_they_were(tmp_path, imported, refused,
                                                                                      open_elsewhere):
    """Refused once the sheet has loaded (no header; XML that does not load), while the digests were being read:
    exit 2, the database's bytes, the presence of -wal and -shm and the folder's listing unchanged — with the
    database closed, and with another connection holding it open (its -wal and -shm there)."""
    db, _path = imported
    if refused == "header":
        bad = S.write_xlsx(tmp_path / "other.xlsx", [["姓名", "电话"], *[["张三", str(i)] for i in range(500)]])
        code = "HEADER_NOT_FOUND"
    else:
        bad = S.raw_xlsx(tmp_path / "broken.xlsx", '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2"><v>1</v>',
                         dimension="A1:B2")
        code = "FILE_CORRUPT"
    other = sqlite3.connect(db) if open_elsewhere else None
    try:
        if other is not None:
            other.execute("SELECT count(*) FROM patents").fetchone()
        before = _state(db)
        run = _cli(db, bad)
        assert run.returncode == 2, run.stderr
        assert code in run.stderr, run.stderr
        assert _state(db) == before
    finally:
        if other is not None:
            other.close()


def test_reading_ahead_creates_nothing_for_a_missing_database_and_changes_nothing_in_an_old_one(tmp_path, imported):
    from schema_at import migrate

    missing = tmp_path / "none" / "new.sqlite3"
    missing.parent.mkdir()
    assert digests_ahead(missing) is None
    ahead = DigestsAhead(missing)  # even if asked directly
    assert ahead.take(missing) is None
    assert list(missing.parent.iterdir()) == []
    assert digests_ahead("postgresql://u@localhost/openlic") is None

    db, _path = imported
    migrate(db, "0014_search_ngrams", down=True)  # a database the workspace would migrate first
    before = _state(db)
    ahead = DigestsAhead(db)
    assert ahead.take(db) is None
    assert _state(db) == before


def test_digests_read_ahead_are_the_stored_ones_and_are_used(ws, tmp_path, monkeypatch):
    path = S.write_xlsx(tmp_path / "messy.xlsx", S.messy_table())
    first = importing.run(ws, path, today=TODAY)
    with ws.reading() as session:
        stored = import_bulk.stored_digests(session)
    assert stored
    ahead = DigestsAhead(ws.path)
    assert ahead.take(ws.path) == stored
    assert DigestsAhead(ws.path).take(tmp_path / "another.sqlite3") is None

    read_here = []
    real = import_bulk.stored_digests
    monkeypatch.setattr(import_bulk, "stored_digests", lambda session: read_here.append(1) or real(session))
    again = importing.run(ws, path, today=TODAY)  # read ahead: the import does not read them itself
    assert read_here == []
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created + first.updated)


def test_digests_read_before_another_connection_commits_are_not_trusted(ws, tmp_path):
    """Another connection changes a patent after the digests were read ahead (the trigger clears its digest in the
    database, not in the copy read): the import sees the change and writes the file's value back."""
    path = S.write_xlsx(tmp_path / "messy.xlsx", S.messy_table())
    importing.run(ws, path, today=TODAY)
    ahead = DigestsAhead(ws.path)
    ahead._thread.join()  # read before the change below
    with ws.reading() as session:
        number, title = session.connection().exec_driver_sql(
            "SELECT application_number, title FROM patents WHERE import_digest IS NOT NULL LIMIT 1").one()
    other = sqlite3.connect(ws.path)
    other.execute("UPDATE patents SET title = '另一个名称' WHERE application_number = ?", (number,))
    other.commit()
    other.close()
    with importing.prepare(path, digests=ahead) as job:
        result = job.run(ws, today=TODAY)
    assert result.updated == 1
    with ws.reading() as session:
        assert session.connection().exec_driver_sql(
            "SELECT title FROM patents WHERE application_number = ?", (number,)).scalar() == title


def test_a_dry_run_reads_nothing_ahead(ws, tmp_path, monkeypatch):
    path = S.write_xlsx(tmp_path / "messy.xlsx", S.messy_table())
    importing.run(ws, path, today=TODAY)
    started = []
    monkeypatch.setattr(DigestsAhead, "__init__", lambda self, p: started.append(p) or None)
    result = importing.run(ws, path, today=TODAY, dry_run=True)
    assert started == [] and result.unchanged > 0
