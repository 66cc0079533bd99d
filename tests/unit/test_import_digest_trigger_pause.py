"""An import's updates run without migration 0007's digest trigger (storage.import_bulk.DigestTriggerPause): it
is made again before the commit, stays in place when the import is cancelled or fails, and still clears the
digest of a patent edited afterwards."""

from __future__ import annotations

from datetime import date

import intake_samples as S
import pytest
from sqlalchemy import text

from openlic_desktop.services import importing, portfolio
from openlic_desktop.storage import import_bulk

TODAY = date(2026, 11, 26)
NAME = import_bulk.DigestTriggerPause.NAME


def _row(seq, number, title, status="有效"):
    return [seq, number, title, "发明", f"{number[:4]}-03-05", "", "某某大学", "张三", status, "", "计算机学院", "",
            ""]


def _trigger(ws):
    with ws.reading() as s:
        return s.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :n"),
                         {"n": NAME}).scalar()


def _digests(ws):
    with ws.reading() as s:
        return dict(s.execute(text("SELECT application_number, import_digest FROM patents")).all())


NUMBERS = [S.number(2015 + i % 8, 1, 2000 + i) for i in range(30)]


def _files(tmp_path):
    first = S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, *(_row(i + 1, n, f"专利{i}") for i, n in enumerate(NUMBERS))])
    changed = S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, *(_row(i + 1, n, f"专利{i}（修订）", "未缴年费终止")
                                                            for i, n in enumerate(NUMBERS))])
    return first, changed


def test_the_trigger_is_dropped_for_the_updates_and_made_again_before_the_commit(ws, tmp_path, monkeypatch):
    before = _trigger(ws)
    assert before and "AFTER UPDATE OF" in before
    first, changed = _files(tmp_path)
    importing.run(ws, first, today=TODAY)
    paused: list[str | None] = []
    real = import_bulk.DigestTriggerPause.pause

    def watch(self):
        real(self)
        paused.append(self.sql)

    monkeypatch.setattr(import_bulk.DigestTriggerPause, "pause", watch)
    result = importing.run(ws, changed, today=TODAY, chunk_rows=10)
    assert result.updated == 30
    assert paused == [before] * 3  # asked at each chunk that updates; dropped at the first, until the end
    assert _trigger(ws) == before
    # each updated patent carries its row's digest, and the trigger still guards it against a later edit
    digests = _digests(ws)
    assert all(digests[n] for n in NUMBERS)
    portfolio.set_fields(ws, NUMBERS[3], {"title": "在软件中修改"})
    assert _digests(ws)[NUMBERS[3]] is None and _digests(ws)[NUMBERS[4]] == digests[NUMBERS[4]]
    with ws.reading() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"


def test_a_cancelled_or_failed_import_leaves_the_trigger_in_place(ws, tmp_path, monkeypatch):
    before = _trigger(ws)
    first, changed = _files(tmp_path)
    importing.run(ws, first, today=TODAY)
    stored = _digests(ws)
    progress, calls = S.cancel_at(2)  # after the second chunk of updates, the trigger dropped
    with pytest.raises(InterruptedError):
        importing.run(ws, changed, today=TODAY, chunk_rows=10, progress=progress)
    assert len(calls) == 2 and _trigger(ws) == before and _digests(ws) == stored

    def fail(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(import_bulk, "finish_source", fail)
    with pytest.raises(RuntimeError):
        importing.run(ws, changed, today=TODAY, chunk_rows=10)
    assert _trigger(ws) == before and _digests(ws) == stored
    assert [p.title for p in portfolio.list_patents(ws, search="专利3")][:1] == ["专利3"]


def test_an_import_that_updates_nothing_leaves_the_trigger_alone(ws, tmp_path, monkeypatch):
    first, _changed = _files(tmp_path)
    importing.run(ws, first, today=TODAY)
    monkeypatch.setattr(import_bulk.DigestTriggerPause, "pause", lambda self: pytest.fail("paused"))
    assert importing.run(ws, first, today=TODAY).unchanged == 30
