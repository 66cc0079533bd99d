"""Edge cases of the import: a conflicting duplicate on every import of the same file, migration 0007 going down
with rows that refer to patents, `--column` given oddly, a few updates in a long file, which import created a
patent, a prepared import running once."""

from __future__ import annotations

import argparse
from datetime import date

import intake_samples as S
from sqlalchemy import text

from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.services import importing

TODAY = date(2026, 11, 26)


def _row(seq, number, title, department="计算机学院"):
    filed = f"{parse_application_number(number).filing_year}-03-05"
    return [seq, number, title, "发明", filed, "", "某某大学", "张三", "有效", "", department, "", ""]


def test_a_conflicting_duplicate_is_rejected_on_every_import_of_the_same_file(ws, tmp_path):
    """Row 3 repeats row 2's number with a blank department: the first import rejects it (its facts differ from
    row 2's). Re-importing the very same file must say the same; with digests, row 2 is recognised unchanged
    without parsing and row 3 is then compared with the *stored* facts (a superset), so the rejection vanishes
    (and `openlic import` exits 0 instead of 1)."""
    path = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲"), _row(2, S.N1, "甲", department="")])
    first = importing.run(ws, path, today=TODAY)
    assert (first.created, first.rejected) == (1, 1)
    assert [r.code for r in first.rejections] == ["DUPLICATE_CONFLICT"]
    again = importing.run(ws, path, today=TODAY)
    assert (again.unchanged, again.rejected) == (1, 1)
    assert [r.code for r in again.rejections] == ["DUPLICATE_CONFLICT"]


def test_downgrading_0007_keeps_the_rows_that_refer_to_patents(db_path):
    """0007's downgrade drops `import_digest` in batch mode: on SQLite the table is copied and the old one dropped,
    with foreign keys on (engine pragma), so ON DELETE CASCADE empties every child table (pricing, licences,
    readiness, batch membership)."""
    from alembic import command

    from openlic_desktop.services import demo
    from openlic_desktop.services.workspace import open_workspace
    from openlic_desktop.storage import engine

    ws = open_workspace(db_path, user="tester")
    try:
        demo.load_demo(ws, 5, seed=3, today=TODAY, office_work=False)
        with ws.session() as s:
            s.connection().exec_driver_sql(
                "INSERT INTO pricing_terms (patent_id, mode, free_months, pay_after_trial, trial_months, frequency, "
                "territory, preset, updated_at) SELECT id, 'free', 0, 0, 0, 'yearly', '中国境内', '', "
                "'2026-01-01 00:00:00' FROM patents")
    finally:
        ws.close()
    db = engine.open_database(db_path, migrate=False)
    cfg = engine._alembic_config()
    try:
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
            assert conn.execute(text("SELECT count(*) FROM patents")).scalar_one() == 5
            assert conn.execute(text("SELECT count(*) FROM pricing_terms")).scalar_one() == 5
    finally:
        db.dispose()


def test_cli_column_given_by_a_header_that_looks_like_column_letters(tmp_path):
    """`--column IPC=ipc` for a column headed "IPC": `_column_index` reads any 1–3 ASCII letters as a column
    letter first (IPC = column 6,395), so the header text is never looked at; the mapping then points at a column
    that does not exist and the real IPC column loses its mapping — silently, no error."""
    from openlic_desktop.cli.commands import import_ as cmd_import

    header = [*S.HEADER, "IPC"]
    path = S.write_xlsx(tmp_path / "a.xlsx", [header, [*_row(1, S.N1, "甲"), "H01M"]])
    args = argparse.Namespace(header_row=None, column=["IPC=ipc"], sheet=None)
    mapping, _ = cmd_import._mapping(args, path)
    assert mapping.get(len(header) - 1) == "ipc"


def test_a_few_updates_in_a_long_file_keep_the_indexes(ws, tmp_path, monkeypatch):
    """The index pause is decided on the rows the import will write (extrapolated from the first chunk that
    writes), not on the rows left in the sheet: one changed row among many keeps the indexes in place."""
    from openlic_desktop.storage import import_bulk

    monkeypatch.setattr(import_bulk.IndexPause, "MIN_ROWS", 5)
    rows = [_row(i, S.number(2015 + i % 8, 1, 3000 + i), f"专利{i}") for i in range(1, 41)]
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, *rows]), today=TODAY)
    rows[0] = _row(1, rows[0][1], "专利1（改）")
    paused = []
    monkeypatch.setattr(import_bulk.IndexPause, "resume", lambda self: paused.append(len(self.dropped)))
    # the digests are gone (a new mapping), so every row is parsed; only row 1 writes
    layout = importing.inspect_file(S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, *rows]))[0].layout
    result = importing.run(ws, tmp_path / "b.xlsx", today=TODAY, chunk_rows=10,
                          mapping={c: f for c, f in layout.mapping.items() if f != "department"})
    assert (result.updated, result.unchanged) == (1, 39)
    assert paused == [0]


def test_history_names_the_import_that_created_this_patent_only(ws, tmp_path):
    """After the portfolio is replaced, a patent with a number an earlier import created shows no creation by
    that import; one created again by a later import shows that import."""
    from openlic_desktop.services import demo, portfolio

    importing.run(ws, S.write_xlsx(tmp_path / "旧.xlsx", [S.HEADER, _row(1, S.N1, "甲")]), today=TODAY)
    demo.load_demo(ws, 3, seed=1, force=True, today=TODAY)
    importing.run(ws, S.write_xlsx(tmp_path / "新.xlsx", [S.HEADER, _row(1, S.N1, "甲")]), today=TODAY)
    history = portfolio.detail(ws, S.N1).history
    assert [(h["action"], h["new"]) for h in history] == [("create", "新.xlsx")]


def test_a_prepared_import_runs_once(ws, tmp_path):
    import pytest

    path = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲")])
    with importing.prepare(path) as job:
        assert job.run(ws, today=TODAY).created == 1
        with pytest.raises(RuntimeError):
            job.run(ws, today=TODAY)


def test_cli_column_beyond_the_sheet_is_refused(tmp_path):
    import pytest

    from openlic_desktop.cli.commands import import_ as cmd_import
    from openlic_desktop.support.errors import InputError

    path = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲")])
    for bad in ("99=title", "ZZ=title", "没有的列=title"):
        with pytest.raises(InputError):
            cmd_import._mapping(argparse.Namespace(header_row=None, column=[bad], sheet=None), path)
