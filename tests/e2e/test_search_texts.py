"""The search box answers from the search texts held in memory (storage.search.SearchTexts). Every path that
writes a search text or adds or deletes patents — an edit, adding and deleting a patent, an import and its undo,
another connection's write — must leave the answers those of the database's own search, on SQLite and on
PostgreSQL (the private cluster of test_postgres; that half is skipped without the server)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from test_postgres import BIN, pg_url  # noqa: F401  (the private cluster fixture)
from test_postgres_import_undo import N1, N4, _csv

from openlic_desktop.services import demo, importing, portfolio
from openlic_desktop.services.importing import undo as import_undo
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage import patents as repo
from openlic_desktop.storage import search as search_index


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "texts.sqlite3")
    if not BIN:
        pytest.skip("PostgreSQL server binaries not installed")
    return request.getfixturevalue("pg_url")


def database_answer(ws, text: str, descending: bool = False) -> list[int]:
    """What the database's own search (instr over the index on SQLite, LIKE elsewhere) answers."""
    with ws.reading() as session:
        return repo.query_ids(session, repo.PatentFilter(search=text), descending=descending, sqlite=ws.sqlite)


def held(ws) -> search_index.SearchTexts | None:
    """The copy held for the workspace's database if it is current (None: searches ask the database)."""
    with ws.reading() as session:
        return search_index.held_texts(session)


def check(ws, text: str) -> list[int]:
    """The answers from memory — plain, descending and narrowing everything — are the database's; returns it.
    The copy is brought up to date first, as the table does beside its searches: a writer that left the token
    alone leaves the copy stale, and the answers wrong."""
    portfolio.hold_search_texts(ws)
    assert held(ws) is not None
    expected = database_answer(ws, text)
    assert portfolio.query_ids(ws, text) == expected
    assert portfolio.query_ids(ws, text, descending=True) == database_answer(ws, text, descending=True)
    assert portfolio.query_ids(ws, text, within=portfolio.query_ids(ws)) == expected
    return expected


def test_every_writer_keeps_the_texts_in_memory_right(location, tmp_path):
    ws = open_workspace(location, user="tester")
    other = open_workspace(location, user="other")  # another connection pool: as another process would write
    try:
        demo.load_demo(ws, 40, seed=3, force=True, today=date(2026, 11, 26))
        # no current copy yet: the database answers, narrowing too
        assert held(ws) is None
        everything = portfolio.query_ids(ws)
        assert portfolio.query_ids(ws, "装置", within=everything) == database_answer(ws, "装置") != []
        assert portfolio.query_ids(ws, "装置", descending=True) == database_answer(ws, "装置", descending=True)
        for word in ("电池", "装置", "大学", "方法", "x", "锂离子电池正极"):
            check(ws, word)
        assert check(ws, "装置") and not check(ws, "独角兽")

        # an edit of a title; an edit of the status alone keeps the copy (nothing searchable changed)
        first = portfolio.query_ids(ws)[0]
        number = portfolio.detail_by_id(ws, first).facts.number.canonical
        portfolio.set_fields(ws, number, {"title": "一种独角兽探测装置"})
        assert check(ws, "独角兽") == [first]
        copy = held(ws)
        portfolio.set_fields(ws, number, {"status": "expired"})
        assert held(ws) is copy

        # deleting the patent and putting it back
        facts = portfolio.delete_patent(ws, first)
        assert check(ws, "独角兽") == [] and first not in held(ws).ids
        again = portfolio.restore_patent(ws, facts)
        assert check(ws, "独角兽") == [again]

        # an import adding one patent and renaming another, and its undo
        importing.run(ws, _csv(tmp_path / "a.csv", [[N1, "一种凤凰羽毛分析仪", "发明", "2021-01-05", "测试大学", "有效"]]))
        importing.run(ws, _csv(tmp_path / "b.csv", [[N1, "一种麒麟角分析仪", "发明", "2021-01-05", "测试大学", "有效"],
                                                   [N4, "一种凤凰尾羽", "发明", "2019-03-05", "测试大学", "有效"]]))
        assert len(check(ws, "凤凰")) == 1 and len(check(ws, "麒麟")) == 1
        import_undo.undo(ws)
        assert len(check(ws, "凤凰")) == 1 and check(ws, "麒麟") == [] and check(ws, "尾羽") == []
        import_undo.undo(ws)
        assert check(ws, "凤凰") == []

        # another connection's edit: this copy's token is no longer the database's
        portfolio.set_fields(other, number, {"title": "一种白泽识别装置"})
        assert check(ws, "白泽") == [again] and check(ws, "独角兽") == []

        # a text holding the separator SQLite's one-row read splits on: the rows are read one by one instead
        odd = dataclasses.replace(portfolio.detail_by_id(ws, again).facts, title="一种\x1e分隔装置")
        with ws.session() as session:
            repo.update_fields(session, again, odd, ["title"])
        assert check(ws, "分隔") == [again] and check(ws, "种\x1e分") == [again] and check(ws, "白泽") == []
    finally:
        other.close()
        ws.close()
