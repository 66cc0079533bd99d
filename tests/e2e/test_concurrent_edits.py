"""Two processes editing different fields of one patent at the same time: no edit is lost, and the audit trail
agrees with the data (SQLite and PostgreSQL).

Each writer is a real process running the same service the GUI and `openlic set` use. A lost update shows as a
field whose value went back behind the trail's back: the trail's next record for that field then starts from a
value its previous record did not leave, or the final value is not the last one recorded.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap

import pytest
from test_postgres import BIN, pg_url  # noqa: F401  (the private cluster fixture)

from openlic_desktop.services import audit_trail, demo, portfolio
from openlic_desktop.services.workspace import open_workspace

EDITS = 150

WRITER = textwrap.dedent("""
    import sys
    from openlic_desktop.services import portfolio
    from openlic_desktop.services.workspace import open_workspace
    target, number, field, tag, count = sys.argv[1:6]
    ws = open_workspace(target, user=tag)
    try:
        for i in range(int(count)):
            changed = portfolio.set_fields(ws, number, {field: f"{tag}-{i}"})
            assert changed == [field], changed
    finally:
        ws.close()
""")


def _edit_at_once(target: str, number: str) -> None:
    jobs = [subprocess.Popen([sys.executable, "-c", WRITER, target, number, field, tag, str(EDITS)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for field, tag in (("title", "A"), ("contact_person", "B"))]
    for job in jobs:
        _out, err = job.communicate(timeout=600)
        assert job.returncode == 0, err[-2000:]


def _check(target: str, number: str) -> None:
    ws = open_workspace(target, user="checker")
    try:
        facts = portfolio.detail(ws, number).facts
        assert facts.title == f"A-{EDITS - 1}"
        assert facts.contact_person == f"B-{EDITS - 1}"
        history = portfolio.detail(ws, number).history
        for field, tag in (("title", "A"), ("contact_person", "B")):
            lines = [h for h in history if h["field"] == field and h["action"] == "update"]
            assert [h["new"] for h in lines][-EDITS:] == [f"{tag}-{i}" for i in range(EDITS)]
            # each edit started from the value the previous one left: nothing was put back in between
            mine = lines[-EDITS:]
            for before, after in itertools.pairwise(mine):
                assert after["old"] == before["new"], (field, before, after)
        assert audit_trail.verify(ws).intact
    finally:
        ws.close()


def test_two_processes_editing_one_patent_lose_nothing_on_sqlite(tmp_path):
    db = tmp_path / "shared.sqlite3"
    ws = open_workspace(db, user="setup")
    demo.load_demo(ws, 3, seed=1)
    number = portfolio.list_patents(ws)[0].number.canonical
    ws.close()
    _edit_at_once(str(db), number)
    _check(str(db), number)


@pytest.mark.skipif(not BIN, reason="PostgreSQL server binaries not installed")
def test_two_processes_editing_one_patent_lose_nothing_on_postgres(pg_url):  # noqa: F811
    ws = open_workspace(pg_url, user="setup")
    demo.load_demo(ws, 3, seed=1)
    number = portfolio.list_patents(ws)[0].number.canonical
    ws.close()
    _edit_at_once(pg_url, number)
    _check(pg_url, number)


def test_an_edit_writes_only_the_columns_it_changes(demo_ws):
    """Read, then write one field: another writer's change to a different field in between survives. Checked at
    the statement: the UPDATE an edit issues names only the columns that change (and those derived from them)."""
    from sqlalchemy import event

    number = portfolio.list_patents(demo_ws)[0].number.canonical
    statements: list[str] = []

    def spy(_conn, _cursor, statement, _params, _context, _many):
        if statement.lstrip().upper().startswith("UPDATE PATENTS"):
            statements.append(statement)

    event.listen(demo_ws.db.engine, "before_cursor_execute", spy)
    try:
        portfolio.set_fields(demo_ws, number, {"contact_person": "王老师"})
    finally:
        event.remove(demo_ws.db.engine, "before_cursor_execute", spy)
    assert len(statements) == 1
    assigned = statements[0].split(" SET ", 1)[1].split(" WHERE ", 1)[0]
    columns = sorted(part.split("=")[0].strip() for part in assigned.split(","))
    assert columns == ["contact_person", "updated_at"], json.dumps(columns)
