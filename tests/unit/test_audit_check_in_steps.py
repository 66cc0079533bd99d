"""The audit check walks the trail a chunk at a time: it can stop between chunks (the window's check gives way to the
user's work and to its closing) and go on later from where it stopped, with the verdict of a walk in one go —
a tampered trail is caught however the walk was cut — and memory that of a chunk, not of the trail."""

from __future__ import annotations

import sqlite3
import tracemalloc

import pytest
from sqlalchemy import select

from openlic_desktop.services import audit_trail
from openlic_desktop.storage import audit
from openlic_desktop.storage.models import AuditRecord

RECORDS = 9_500  # four full chunks and a part


def _trail(ws, n: int = RECORDS) -> None:
    with ws.session() as session:
        audit.append(session, ws.user, "import", [
            audit.AuditEntry("patent", i, f"2021{i:08d}", "update", "title", f"旧名称{i}", f"新名称{i}")
            for i in range(n)])


def _in_steps(ws, every: int = 1) -> tuple[audit_trail.AuditReport, int]:
    """verify, stopped after every `every`-th chunk and resumed each time: (report, pauses)."""
    asked = iter(range(10**6))
    walk, pauses = None, 0
    while True:
        try:
            return audit_trail.verify(ws, stop=lambda: next(asked) % every == 0, resume=walk), pauses
        except audit_trail.CheckPaused as paused:
            walk, pauses = paused.walk, pauses + 1


def _tamper(path, sql: str) -> None:
    con = sqlite3.connect(path)
    con.execute(sql)
    con.commit()
    con.close()


def test_a_walk_cut_at_every_chunk_has_the_verdict_of_one_in_one_go(ws):
    _trail(ws)
    whole = audit_trail.verify(ws)
    stepped, pauses = _in_steps(ws)
    assert pauses == RECORDS // audit.WALK_CHUNK and whole.intact
    assert stepped == whole and stepped.records == RECORDS and stepped.keyed == RECORDS


@pytest.mark.parametrize("tampering, reasons", [
    # an edit inside a chunk, the first record of a chunk edited, and a record removed at a chunk's end (the link
    # broken across the pause)
    ("UPDATE audit_log SET new='x' WHERE id=3001", {(3001, "edited")}),
    (f"UPDATE audit_log SET old='x' WHERE id={audit.WALK_CHUNK + 1}", {(audit.WALK_CHUNK + 1, "edited")}),
    (f"DELETE FROM audit_log WHERE id={2 * audit.WALK_CHUNK}", {(2 * audit.WALK_CHUNK + 1, "broken_link")}),
])
def test_a_tampered_trail_is_caught_however_the_walk_was_cut(ws, db_path, tampering, reasons):
    _trail(ws)
    _tamper(db_path, tampering)
    whole = audit_trail.verify(ws)
    stepped, pauses = _in_steps(ws)
    assert pauses >= 4 and stepped == whole
    assert reasons <= set(stepped.breaks) and not stepped.intact


def test_a_trail_replaced_while_paused_is_walked_again_from_its_start(ws, db_path):
    _trail(ws)
    with pytest.raises(audit_trail.CheckPaused) as paused:
        audit_trail.verify(ws, stop=lambda: True)
    # meanwhile the trail became another one (a backup of it restored, say): the record the walk stopped at differs
    _tamper(db_path, f"UPDATE audit_log SET hash='{'f' * 64}' WHERE id={audit.WALK_CHUNK}")
    resumed = audit_trail.verify(ws, resume=paused.value.walk)
    assert resumed == audit_trail.verify(ws) and resumed.records == RECORDS
    assert (audit.WALK_CHUNK, "edited") in resumed.breaks  # found in the part walked before the pause, too


def test_records_appended_while_paused_are_walked_on_resume(ws):
    _trail(ws)
    with pytest.raises(audit_trail.CheckPaused) as paused:
        audit_trail.verify(ws, stop=lambda: True)
    _trail(ws, 10)  # the user's work the check gave way to
    resumed = audit_trail.verify(ws, resume=paused.value.walk)
    assert resumed.intact and resumed.records == RECORDS + 10 and resumed.anchors == 1


def test_the_walk_holds_a_chunk_not_the_trail(ws):
    _trail(ws, 30_000)

    def peak(work) -> int:
        tracemalloc.start()
        try:
            with ws.reading() as session:
                work(session)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    whole_trail = peak(lambda s: s.execute(select(AuditRecord.__table__)).all())
    walked = peak(lambda s: audit.walk_chain(s, audit.ChainWalk(), ws.keys))
    assert walked * 4 < whole_trail
