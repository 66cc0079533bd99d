"""The search box's query: one small interface — number prefixes on indexed keys; text as a substring of the
lower-cased `search_text`: by `instr` on SQLite and a portable LIKE elsewhere, or, for the
GUI's search box, in a copy of every search text held in memory (`SearchTexts`) that the token of migration 0014
keeps current."""

from __future__ import annotations

import json
import secrets
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    column,
    func,
    select,
    update,
)
from sqlalchemy.orm import Session

from openlic_desktop.domain.identifiers import is_number_lead_in, search_prefix
from openlic_desktop.storage.models import Patent

# one row: a random token naming the current state of every patent's search text (migration 0014)
SEARCH_TEXT_VERSION = Table("search_text_version", MetaData(), Column("id", Integer, primary_key=True),
                            Column("token", String(32), nullable=False))


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class SearchPlan:
    """The WHERE clause for a query, and whether ordering should avoid the sort-column indexes.

    For a text search the matching rows are few and scattered: reading the table once and sorting the matches is
    several times faster than walking a sort index and fetching every row (measured: 7,453 of 100,000 rows,
    ~100 ms versus ~450 ms on a loaded machine).
    """

    clause: ColumnElement[bool]
    sort_matches: bool = False


def search_plan(query: str, *, sqlite: bool) -> SearchPlan:
    """What the user typed: a number (any form, or its start) or a piece of text."""
    query = (query or "").strip()
    if not query or is_number_lead_in(query):
        # nothing yet, or the user is starting to type 'ZL…' or 'CN…': keep showing everything
        return SearchPlan(and_(True))
    span = number_sort_range(query)
    if span is not None:
        return SearchPlan(and_(Patent.number_sort >= span[0], Patent.number_sort < span[1]))
    prefix = search_prefix(query)
    if prefix is not None:
        # A range on the indexed key is a prefix match that any database answers from its index.
        return SearchPlan(and_(Patent.search_key >= prefix, Patent.search_key < prefix + "~"))
    needle = query.lower()
    if sqlite:
        # instr() answers any substring, Chinese or not. A scan of the table: the covering index it once read
        # cost every import more than it saved here (migration 0015), where the texts held in memory answer
        matching = select(Patent.id).where(func.instr(Patent.search_text, needle) > 0)
        return SearchPlan(Patent.id.in_(matching), sort_matches=True)
    return SearchPlan(Patent.search_text.like(f"%{_escape_like(needle)}%", escape="\\"), sort_matches=True)


def number_sort_range(query: str) -> tuple[str, str] | None:
    """The range of the sort key a search for (the start of) a 12-digit number asks for, or None."""
    query = (query or "").strip()
    prefix = None if not query or is_number_lead_in(query) else search_prefix(query)
    if prefix is not None and prefix.startswith("2"):
        # Only the 12-digit numbers (filed since 2003-10) start with 2, and for them the sort key is the
        # search key: one index range, already in number order.
        return prefix, prefix + "~"
    return None


def run_ends(session: Session, clause: ColumnElement[bool]) -> tuple[int, int] | None:
    """The first and the last id, in number order, of the rows matching `clause` (None when none do): two seeks
    in the sort key's index. Where a search asks for a range of that key, its rows are one unbroken run of any
    answer sorted by number that holds them all; its two ends say where the run lies."""
    ends = []
    for key in ((Patent.number_sort, Patent.id), (Patent.number_sort.desc(), Patent.id.desc())):
        found = session.execute(select(Patent.id).where(clause).order_by(*key).limit(1)).scalar()
        if found is None:
            return None
        ends.append(found)
    return ends[0], ends[1]


def search_clause(query: str, *, sqlite: bool) -> ColumnElement[bool]:
    return search_plan(query, sqlite=sqlite).clause


def build_search_text(application_number: str, title: str, patentees: list[str], inventors: list[str]) -> str:
    """What the search box looks in. Number forms are there so that 'ZL2021…' or '2021…' typed as text match."""
    return " ".join((application_number, application_number.replace(".", ""), title, *patentees,
                     *inventors)).lower()


# --- the search texts in memory -------------------------------------------------------------------------------
def texts_changed(session: Session) -> None:
    """Say, in the writing transaction, that search texts were written or patents added or deleted: a new token.
    Every writer of `patents.search_text` and every deletion of patents calls this (storage/patents.py,
    storage/import_undo.py); a copy of the texts read before the commit is then read again by its next search."""
    session.execute(update(SEARCH_TEXT_VERSION).values(token=secrets.token_hex(16)))


class SearchTexts:
    """Every patent's search text as of `token` (`ids[i]`'s text is `texts[i]`, in no particular order). A scan in
    Python of 100,000 texts (3–13 ms) is several times faster than SQLite's scan (25–30 ms quiet over the covering
    index it had until migration 0015, up to 220 ms on a loaded machine; ~45 ms quiet over the table), and it
    needs no index that imports would have to build: an n-gram table measured +100 MB and ~11 s of import per
    100,000 patents. The lookup by id is built when first asked for."""

    def __init__(self, token: str, ids: list[int], texts: list[str]) -> None:
        self.token = token
        self.ids = ids
        self.texts = texts
        self._by_id: dict[int, str] | None = None

    def matching(self, needle: str, among: Sequence[int]) -> list[int]:
        """The ids among `among` (e.g. the answer of a search this one narrows) whose text contains `needle`
        (lower-cased), in the order of `among`."""
        if len(among) * 4 < len(self.ids):  # a few ids: look each up
            by_id = self._by_id
            if by_id is None:  # two threads may both build it: the same dict, the last one kept
                by_id = self._by_id = dict(zip(self.ids, self.texts))
            return [pid for pid in among if needle in by_id.get(pid, "")]
        found = {pid for pid, text in zip(self.ids, self.texts) if needle in text}
        return [pid for pid in among if pid in found]


_held: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> SearchTexts
_loading = threading.Lock()


def _token(session: Session) -> str:
    return session.execute(select(SEARCH_TEXT_VERSION.c.token)).scalar() or ""


def held_texts(session: Session) -> SearchTexts | None:
    """The copy of the search texts held for the session's database if it is current (its token is the
    database's), else None — never reads them: a search must not wait ~0.15 s (seconds under load) for them."""
    held = _held.get(session.get_bind())
    return held if held is not None and held.token == _token(session) else None


# Up to this many known ids, SQLite looking up their rows beats scanning the whole index (measured at 100,000
# patents on a loaded machine: ~2.7 µs an id looked up against ~35 ms for the scan).
LOOKUP_LIMIT = 10_000


def text_matches(session: Session, needle: str, among: Sequence[int] | None = None) -> set[int]:
    """The database's own answer, while no current copy is held: the ids whose search text contains `needle`
    (lower-cased), by instr() over search_text on SQLite, LIKE elsewhere; on SQLite, when
    the answer lies within a few known ids (`among`, e.g. the previous answer of a search this one narrows), only
    their rows are read."""
    from openlic_desktop.storage.patents import ids_of  # patents builds its filters from this module

    if session.get_bind().dialect.name != "sqlite":
        return set(ids_of(session, select(Patent.id).where(
            Patent.search_text.like(f"%{_escape_like(needle)}%", escape="\\"))))
    stmt = select(Patent.id).where(func.instr(Patent.search_text, needle) > 0)
    if among is not None and len(among) <= LOOKUP_LIMIT:
        # one parameter for any number of ids (SQLite caps the number of parameters)
        known = select(column("value")).select_from(func.json_each(json.dumps(list(among))))
        stmt = stmt.where(Patent.id.in_(known))
    return set(ids_of(session, stmt))


def search_texts(session: Session) -> SearchTexts:
    """The search texts of the session's database as they are now: the copy held for its engine when its token is
    still the database's, else read again (~0.15 s at 100,000 patents: call it off the GUI thread, and not on
    the way of a search — the GUI reads them on a worker of their own). The token is
    read before the texts: texts committed in between only make the copy newer than its token (read again once
    more), never older."""
    engine = session.get_bind()
    token = _token(session)
    held = _held.get(engine)
    if held is not None and held.token == token:
        return held
    with _loading:  # two searches finding the copy stale read the texts once
        held = _held.get(engine)
        if held is not None and held.token == token:
            return held
        held = SearchTexts(token, *_read_texts(session))
        _held[engine] = held
        return held


def _read_texts(session: Session) -> tuple[list[int], list[str]]:
    """Every patent's id and search text, straight from the DB-API driver (SQLAlchemy's result rows cost several
    microseconds a row). On SQLite as one row of two concatenations, split in C: SQLite reads the whole covering
    index in one step with the interpreter released, where a row at a time takes the interpreter back for every
    row — beside a busy GUI thread and a search, a read of 0.19 s took 0.63 s that way. Both concatenations take
    the rows in the same order (one pass of one aggregate query); a text holding the separator is seen by the
    counts and the rows are read one by one instead."""
    raw = session.connection().connection.driver_connection
    if session.get_bind().dialect.name == "sqlite":
        joined_ids, joined_texts = raw.execute(
            "SELECT group_concat(id), group_concat(search_text, char(30)) FROM patents").fetchone()
        ids = list(map(int, joined_ids.split(","))) if joined_ids else []
        texts = joined_texts.split("\x1e") if joined_texts is not None else []
        if len(ids) == len(texts):
            return ids, texts
    cursor = raw.cursor()
    try:
        cursor.execute("SELECT id, search_text FROM patents")
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return [row[0] for row in rows], [row[1] for row in rows]
