"""The statistics' data signature reads the patents' latest stamp through its index (migration 0016), and an older
database gains the index when opened, its patents and figures kept."""

from __future__ import annotations

import sqlite3

import statistics_samples as S
from schema_at import migrate

from openlic_desktop.services import statistics
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage import engine
from openlic_desktop.storage import statistics as repo


def _indexes(db_path) -> set[str]:
    con = sqlite3.connect(db_path)
    try:
        return {r[0] for r in con.execute("select name from sqlite_master where type='index' and tbl_name='patents'")}
    finally:
        con.close()


def test_the_latest_stamp_of_the_patents_is_read_through_the_index(ws):
    with ws.reading() as session:
        plan = session.connection().exec_driver_sql(
            'EXPLAIN QUERY PLAN SELECT max(updated_at) FROM "patents"').all()
    assert any("ix_patents_updated_at" in row[-1] for row in plan), plan
    assert 'SELECT max(updated_at) FROM "patents"' in repo._signature_sql("sqlite")


def test_an_older_database_gains_the_index_and_keeps_its_figures(db_path, tmp_path):
    ws = open_workspace(db_path, user="t")
    try:
        S.build(ws, tmp_path)
        before = statistics.compute(ws, today=S.TODAY)
    finally:
        ws.close()
    migrate(db_path, "0017_submission_bureau_date", down=True)  # the revision before this index
    assert "ix_patents_updated_at" not in _indexes(db_path)
    ws = open_workspace(db_path, user="t")
    try:
        assert ws.db.backup_path is not None  # copied before migrating
        after = statistics.compute(ws, today=S.TODAY)
    finally:
        ws.close()
    assert "ix_patents_updated_at" in _indexes(db_path)
    con = sqlite3.connect(db_path)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == engine.head_revision()
    con.close()
    assert after.to_json() == before.to_json() and after.patents == before.patents == len(S.ROWS)
