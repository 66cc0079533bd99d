"""The models name no PostgreSQL option, so a SQLite process does not load SQLAlchemy's PostgreSQL dialect; the
partial unique index (one open declaration per patent) still has its condition on both databases when made from
the models — on SQLite from the model itself, on PostgreSQL added as the index is made."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import create_engine, insert, text
from sqlalchemy.exc import IntegrityError

from openlic_desktop.storage import all_models  # noqa: F401  (every table, for create_all)
from openlic_desktop.storage.models import Base, Patent
from openlic_desktop.storage.models_declarations import Declaration


def test_the_models_and_the_statistics_load_no_postgresql_dialect():
    code = ("import sys, openlic_desktop.storage.all_models, openlic_desktop.services.statistics, "
            "openlic_desktop.services.statistics_count; "
            "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy.dialects.postgresql')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _one_open_per_patent(engine) -> None:
    """Made from the models: a second open declaration of a patent is refused, one beside a withdrawn one is not."""
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(Patent), {"id": 1, "application_number": "2020100000001", "search_key": "2020100000001",
                                      "number_sort": "2020100000001", "patent_type": "invention"})
        conn.execute(insert(Declaration), [{"patent_id": 1, "state": "withdrawn"}, {"patent_id": 1, "state": "draft"}])
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(Declaration), {"patent_id": 1, "state": "filed"})


def test_the_partial_index_made_from_the_models_on_sqlite(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    try:
        _one_open_per_patent(engine)
        with engine.connect() as conn:
            sql = conn.execute(text("select sql from sqlite_master where name='uq_declarations_open'")).scalar()
        assert "WHERE state != 'withdrawn'" in sql
    finally:
        engine.dispose()


def test_the_partial_index_made_from_the_models_on_postgresql(pg_cluster):
    engine = create_engine(pg_cluster.create("models"))
    try:
        _one_open_per_patent(engine)
        with engine.connect() as conn:
            sql = conn.execute(text("select indexdef from pg_indexes where indexname='uq_declarations_open'")).scalar()
        assert "WHERE" in sql and "withdrawn" in sql
    finally:
        engine.dispose()
