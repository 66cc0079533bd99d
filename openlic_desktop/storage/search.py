"""The search box's query: one small interface, FTS5 trigram on SQLite and a portable LIKE elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, select, text

from openlic_desktop.domain.identifiers import is_number_lead_in, search_prefix
from openlic_desktop.storage.models import Patent

_FTS_MIN_CHARS = 3  # the trigram tokenizer cannot use its index for shorter patterns


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


def search_plan(query: str, *, sqlite_fts: bool) -> SearchPlan:
    """What the user typed: a number (any form, or its start) or a piece of text."""
    query = (query or "").strip()
    if not query or is_number_lead_in(query):
        # nothing yet, or the user is starting to type 'ZL…' or 'CN…': keep showing everything
        return SearchPlan(and_(True))
    prefix = search_prefix(query)
    if prefix is not None:
        if prefix.startswith("2"):
            # Only the 12-digit numbers (filed since 2003-10) start with 2, and for them the sort key is the
            # search key: one index range, already in number order.
            return SearchPlan(and_(Patent.number_sort >= prefix, Patent.number_sort < prefix + "~"))
        # A range on the indexed key is a prefix match that any database answers from its index.
        return SearchPlan(and_(Patent.search_key >= prefix, Patent.search_key < prefix + "~"))
    needle = query.lower()
    if sqlite_fts and len(query) >= _FTS_MIN_CHARS:
        pattern = f"%{_escape_like(needle)}%"
        fts_ids = select(text("rowid")).select_from(text("patent_fts")).where(
            text("patent_fts.search_text LIKE :pattern ESCAPE '\\'").bindparams(pattern=pattern)
        )
        return SearchPlan(Patent.id.in_(fts_ids), sort_matches=True)
    if sqlite_fts:
        # one or two characters: no trigram to use; instr() over the lower-cased text is the cheapest scan
        return SearchPlan(func.instr(Patent.search_text, needle) > 0, sort_matches=True)
    return SearchPlan(Patent.search_text.like(f"%{_escape_like(needle)}%", escape="\\"), sort_matches=True)


def search_clause(query: str, *, sqlite_fts: bool) -> ColumnElement[bool]:
    return search_plan(query, sqlite_fts=sqlite_fts).clause


def build_search_text(application_number: str, title: str, patentees: list[str], inventors: list[str]) -> str:
    """What the search box looks in. Number forms are there so that 'ZL2021…' or '2021…' typed as text match."""
    digits = application_number.replace(".", "")
    return " ".join([application_number, digits, title, *patentees, *inventors]).lower()
