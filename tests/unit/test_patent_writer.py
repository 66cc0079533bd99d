"""The one writer of the patents table (storage.patents.PatentWriter): on SQLite it hands the DB-API values it
builds itself; they must be byte for byte what SQLAlchemy stores for the same facts through Core (what every
other database gets from the same writer), for inserts, updates and digest stamps, with every way a source and a
row digest can be given; and migration 0007's digest trigger must fire alike."""

from __future__ import annotations

from datetime import UTC, date, datetime

import intake_samples as S
import pytest
from sqlalchemy import inspect, text

from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.services import portfolio
from openlic_desktop.storage import import_bulk
from openlic_desktop.storage import patents as repo
from openlic_desktop.storage.patents import KEEP, PatentWriter


class _Clock(datetime):
    """datetime with a fixed now(), so that two writes can be compared byte for byte."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 11, 26, 9, 8, 7, 654321, tzinfo=UTC).astimezone(tz)


def _typed_rows(session, where=""):
    columns = [c["name"] for c in inspect(session.connection()).get_columns("patents")]
    select_list = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
    return [tuple(r) for r in session.execute(text(f"SELECT {select_list} FROM patents {where} ORDER BY id"))]


def _facts(serial, title, **extra):
    return PatentFacts(parse_application_number(S.number(2019, 2, serial)), title=title, **extra)


EDGE = {"filing_date": date(2019, 1, 31), "grant_date": None, "status": Status.LAPSED,
        "patentees": ["某某大学", "某\"公司\\", "𠀀研究院", "Ünï"], "inventors": [],
        "fees_paid_until": date(999, 1, 2), "ipc": "H01M 10/0525", "department": "", "contact_person": "赵\n老师",
        "contact_phone": "", "contact_email": "a@b.cn", "description": "含\t制表符", "industry": ""}


def _both_ways(ws, monkeypatch, write):
    """The table after `write(writer)` by the SQLite DB-API writer and by the Core one, each from the same state
    (both rolled back)."""
    monkeypatch.setattr(repo, "datetime", _Clock)
    out = []
    for native in (True, False):
        with ws.reading() as s:
            write(PatentWriter(s, native=native), s)
            out.append(_typed_rows(s))
    return out


@pytest.mark.parametrize("digests", ["given", "none"])
@pytest.mark.parametrize("source", [7, None])
def test_inserts_are_stored_as_sqlalchemy_stores_them(ws, monkeypatch, source, digests):
    facts = [_facts(300, "装置", **EDGE), _facts(301, "新\"题\\目😀", patentees=["甲"], inventors=["乙"],
                                                   grant_date=date(2020, 2, 1)), _facts(302, "")]
    with ws.session() as s:
        if source is not None:
            import_bulk.add_source(s, "a.xlsx", "0" * 64, "sheet", "tester")

    def write(writer, _s):
        stamps = [("d" * 32, 5), (None, None), ("e" * 32, 2 ** 40)] if digests == "given" else None
        writer.insert([writer.facts_row(f) for f in facts], 1 if source else None, stamps)

    fast, core = _both_ways(ws, monkeypatch, write)
    assert fast == core and len(fast) == 3


@pytest.mark.parametrize("fields", [None, ("title",), ("status", "filing_date", "patentees")])
@pytest.mark.parametrize("digests", ["keep", "given"])
@pytest.mark.parametrize("source", ["import", None, "keep"])
def test_updates_are_stored_as_sqlalchemy_stores_them(ws, monkeypatch, source, digests, fields):
    with ws.session() as s:
        repo.insert_many(s, [_facts(500, "旧", patentees=["甲"], inventors=["乙"], grant_date=date(2020, 1, 1))])
        sid = import_bulk.add_source(s, "a.xlsx", "0" * 64, "sheet", "tester")
        s.execute(text("UPDATE patents SET source_id = :s, import_digest = 'old', import_fields = 3"), {"s": sid})
        pid = s.execute(text("SELECT id FROM patents")).scalar_one()

    def write(writer, _s):
        new = writer.facts_row(_facts(500, "新\"题\\目😀", **EDGE))
        writer.update([(pid, new)], {"import": sid, None: None, "keep": KEEP}[source],
                      [("d" * 32, 2 ** 40 + 5)] if digests == "given" else KEEP, fields)

    fast, core = _both_ways(ws, monkeypatch, write)
    assert fast == core
    with ws.reading() as s:
        columns = [c["name"] for c in inspect(s.connection()).get_columns("patents")]
        before = dict(zip(columns, _typed_rows(s)[0][::2], strict=True))
    after = dict(zip(columns, fast[0][::2], strict=True))
    written = {c for c in columns if after[c] != before[c]}
    if fields is None:  # the whole row: every fact differs
        assert {"title", "status", "ipc", "search_text"} <= written
    else:  # only the facts named and what is derived from them (and the bookkeeping)
        derived = {"title": {"search_text"}, "patentees": {"patentees_display", "search_text"},
                   "filing_date": {"expiry_date"}}
        facts = set(fields).union(*(derived.get(f, set()) for f in fields))
        assert facts <= written <= facts | {"updated_at", "source_id", "import_digest", "import_fields"}
    with ws.reading() as s:
        assert s.execute(text("SELECT source_id FROM patents")).scalar_one() == sid  # both rolled back


def test_stamps_are_stored_as_sqlalchemy_stores_them(ws, monkeypatch):
    with ws.session() as s:
        repo.insert_many(s, [_facts(600, "甲"), _facts(601, "乙")])
        ids = [r[0] for r in s.execute(text("SELECT id FROM patents ORDER BY id"))]
    fast, core = _both_ways(ws, monkeypatch, lambda w, _s: w.stamp([(ids[0], "f" * 32, 9), (ids[1], None, None)]))
    assert fast == core


@pytest.mark.parametrize("names", [["title"], ["patentees", "filing_date"], ["contact_person", "status"], []])
def test_an_edit_of_some_fields_is_stored_as_sqlalchemy_stores_it_and_leaves_the_others(ws, monkeypatch, names):
    with ws.session() as s:
        repo.insert_many(s, [_facts(700, "旧", patentees=["甲"], inventors=["乙"], filing_date=date(2019, 1, 2))])
        pid = s.execute(text("SELECT id FROM patents")).scalar_one()
        before = _typed_rows(s)[0]
    edited = _facts(700, "新\"题\\目", **EDGE)  # every fact differs from the stored ones
    fast, core = _both_ways(ws, monkeypatch, lambda w, _s: w.update_fields(pid, edited, names))
    assert fast == core
    with ws.reading() as s:
        columns = [c["name"] for c in inspect(s.connection()).get_columns("patents")]
    after = dict(zip(columns, fast[0][::2], strict=True))
    old = dict(zip(columns, before[::2], strict=True))
    derived = {"title": {"search_text"}, "patentees": {"patentees_display", "search_text"},
               "filing_date": {"expiry_date"}}
    written = set(names).union(*(derived.get(n, set()) for n in names)) | ({"updated_at"} if names else set())
    assert {c for c in columns if after[c] != old[c]} == written


def test_the_digest_trigger_fires_alike_either_way(ws):
    """Migration 0007's trigger clears a stored row digest when a fact changes and the digest is not rewritten:
    writing the very digest a patent already has leaves NULL, a new digest stays, a write that keeps the digest
    column clears it, and a later edit in the app clears it — through the SQLite writer and the Core one alike."""
    for native in (True, False):
        with ws.session() as s:
            s.execute(text("DELETE FROM patents"))
            repo.insert_many(s, [_facts(600, "甲"), _facts(601, "甲"), _facts(602, "甲")])
            ids = [r[0] for r in s.execute(text("SELECT id FROM patents ORDER BY id"))]
            s.execute(text("UPDATE patents SET import_digest = 'same', import_fields = 1"))
        with ws.session() as s:
            writer = PatentWriter(s, native=native)
            writer.update([(ids[0], writer.facts_row(_facts(600, "乙")))], None, [("same", 1)])
            writer.update([(ids[1], writer.facts_row(_facts(601, "乙")))], None, [("fresh", 1)])
            writer.update([(ids[2], writer.facts_row(_facts(602, "乙")))])
        with ws.reading() as s:
            assert s.execute(text("SELECT import_digest FROM patents ORDER BY id")).scalars().all() == \
                [None, "fresh", None], native
    assert portfolio.set_fields(ws, _facts(601, "").number.canonical, {"title": "丁"}) == ["title"]
    with ws.reading() as s:
        assert s.execute(text("SELECT import_digest, title FROM patents WHERE id = :i"), {"i": ids[1]}).one() == \
            (None, "丁")


def test_every_write_of_patents_goes_through_the_writer():
    """One writer per table: no other module of ours inserts into or updates the facts of `patents`."""
    import re
    from pathlib import Path

    import openlic_desktop

    root = Path(openlic_desktop.__file__).parent
    writers = set()
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"INSERT INTO patents\b|UPDATE patents SET (?!source_id)|insert\(Patent\b|update\(Patent\b",
                     source):
            writers.add(path.relative_to(root).as_posix())
    # storage/import_undo.py only points patents back at the import they came from (source_id)
    assert writers <= {"storage/patents.py", "storage/import_undo.py"}, writers
