"""Loading the demo is one job: a failure or a cancel at any step, the office's work near its end included, leaves
the database (and the folder it lives in) as it was — never patents without the work the demo shows on them, nor a
portfolio replaced by half a demo. The job's progress reaches its last stages before they are stopped there."""

from __future__ import annotations

import signal
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from openlic_desktop.services import demo, demo_progress, portfolio
from openlic_desktop.services.licensing import licences, licensees
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.support import anchors, paths
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)
LAST_STAGE = len(demo_progress.STAGES) - 1  # "licences": the licences reached and their first payment
# what progress counts before the office's stages at 300 patents: a chunk of patents, the books, the reports
BEFORE_STAGES = 3


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _folder(path: Path) -> set[str]:
    """The database's folder and the attachment store (where the demo's evaluation reports go): SQLite's own
    -wal/-shm/-journal files come and go with any connection; everything else is the job's output."""
    store = paths.data_dir() / "attachments"
    return ({p.name for p in path.iterdir() if not p.name.endswith(("-wal", "-shm", "-journal"))}
            | {str(p) for p in store.rglob("*")})


@pytest.fixture
def office_db(ws):
    """An office's portfolio that `demo --force` would replace: its own patents and a demo's books."""
    demo.load_demo(ws, 80, seed=9, today=TODAY, office_work=False)
    return ws


def _stages_seen(calls: list[tuple[int, int]]) -> int:
    """How many of the office's stages had begun."""
    return max(done for done, _total in calls) - BEFORE_STAGES


def test_a_failure_in_the_last_stage_leaves_the_database_as_it_was(office_db, db_path):
    # the database itself refuses the demo's last write, a payment received, as a full disk or a server's rule
    # would: the real failure path, not a stand-in
    with office_db.session() as session:
        session.execute(text("CREATE TRIGGER refuse_payments BEFORE UPDATE OF received_on ON licence_payments "
                             "BEGIN SELECT RAISE(ABORT, 'payments are refused here'); END"))
    before, files, anchor = _dump(db_path), _folder(db_path.parent), anchors.get(office_db.location)
    calls: list[tuple[int, int]] = []
    with pytest.raises(DBAPIError, match="payments are refused here"):
        demo.load_demo(office_db, 300, seed=1, force=True, today=TODAY,
                       progress=lambda done, total: calls.append((done, total)) or True)
    assert _stages_seen(calls) == LAST_STAGE  # it got as far as the licences, all the work before them done
    assert _dump(db_path) == before and _folder(db_path.parent) == files
    assert anchors.get(office_db.location) == anchor
    assert portfolio.count(office_db) == 80 and licences.list_licences(office_db) == []


@pytest.mark.parametrize("stage", [LAST_STAGE, 3])
def test_a_cancel_in_a_late_stage_leaves_the_database_as_it_was(office_db, db_path, stage):
    before, files = _dump(db_path), _folder(db_path.parent)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done - BEFORE_STAGES < stage  # False as that stage begins: the user pressed Cancel

    with pytest.raises(InterruptedError):
        demo.load_demo(office_db, 300, seed=1, force=True, today=TODAY, progress=progress)
    assert _stages_seen(calls) == stage and all(total == BEFORE_STAGES + len(demo_progress.STAGES) for _d, total in calls)
    assert _dump(db_path) == before and _folder(db_path.parent) == files
    # and the same demo loads afterwards, whole
    demo.load_demo(office_db, 300, seed=1, force=True, today=TODAY)
    assert len(licences.list_licences(office_db)) == 2


def test_progress_counts_every_stage_to_the_end(ws):
    calls: list[tuple[int, int]] = []
    demo.load_demo(ws, 20, seed=1, today=TODAY, progress=lambda d, t: calls.append((d, t)) or True)
    # 20 patents reach only the first stages (nothing to file or license), yet the count still runs to its end
    total = BEFORE_STAGES + len(demo_progress.STAGES)
    assert calls[-1] == (total, total) and [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_ctrl_c_during_openlic_demo_changes_nothing(office_db, db_path, monkeypatch, capsys):
    from openlic_desktop.cli.main import main

    before = _dump(db_path)
    office_db.close()
    real = licences.record_payment

    def interrupted(*args, **kwargs):  # the user presses Ctrl-C as the demo's last payment is recorded
        signal.raise_signal(signal.SIGINT)
        return real(*args, **kwargs)

    monkeypatch.setattr(licences, "record_payment", interrupted)
    # a terminal's Ctrl-C reaches Python's own handler; a test runner's worker process may ignore SIGINT
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        assert main(["--db", str(db_path), "demo", "--patents", "300", "--force"]) == 130
    finally:
        signal.signal(signal.SIGINT, previous)
    err = capsys.readouterr().err
    assert "DEMO_CANCELLED" in err and "数据库未改动" in err
    assert _dump(db_path) == before


def test_a_refusal_inside_a_job_undoes_its_own_part_only(ws, db_path):
    other = open_workspace(db_path, user="other")
    try:
        with ws.one_job() as job:
            licensees.add_licensee(job, "甲公司", uscc=demo_progress.licensee_uscc(0))
            with pytest.raises(InputError, match="LICENSEE_EXISTS|已"):
                licensees.add_licensee(job, "乙公司", uscc=demo_progress.licensee_uscc(0))
            # the job reads what it wrote; another connection sees nothing before the job ends
            assert [e.name for e in licensees.list_licensees(job)] == ["甲公司"]
            assert licensees.list_licensees(other) == []
        assert [e.name for e in licensees.list_licensees(other)] == ["甲公司"]
    finally:
        other.close()


def test_a_cancelled_demo_on_postgresql_changes_nothing(pg_cluster):
    ws = open_workspace(pg_cluster.create("demo_job"), user="tester")
    try:
        demo.load_demo(ws, 60, seed=9, today=TODAY, office_work=False)
        with ws.reading() as session:
            audit_before = session.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
        with pytest.raises(InterruptedError):
            demo.load_demo(ws, 300, seed=1, force=True, today=TODAY,
                           progress=lambda done, _total: done - BEFORE_STAGES < LAST_STAGE)
        with ws.reading() as session:
            assert session.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == audit_before
        assert portfolio.count(ws) == 60 and licensees.list_licensees(ws) == []
    finally:
        ws.close()
