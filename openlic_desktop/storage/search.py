"""The search box's query: one small interface, FTS5 trigram on SQLite and a portable LIKE elsewhere."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select, text

from openlic_desktop.domain.identifiers import is_number_lead_in, search_prefix
from openlic_desktop.storage.models import Patent

_FTS_MIN_CHARS = 3  # the trigram tokenizer cannot use its index for shorter patterns


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_clause(query: str, *, sqlite_fts: bool) -> ColumnElement[bool]:
    """A WHERE clause for what the user typed: a number (any form, or its start) or a piece of text."""
    query = (query or "").strip()
    if not query:
        return and_(True)
    if is_number_lead_in(query):
        return and_(True)  # the user is starting to type 'ZL…' or 'CN…': keep showing everything
    prefix = search_prefix(query)
    if prefix is not None:
        # A number (or its start) in any written form: a range on the indexed key is a prefix match that any
        # database answers from its index.
        return and_(Patent.search_key >= prefix, Patent.search_key < prefix + "~")
    pattern = f"%{_escape_like(query)}%"
    if sqlite_fts and len(query) >= _FTS_MIN_CHARS:
        fts_ids = select(text("rowid")).select_from(text("patent_fts")).where(
            text("patent_fts.search_text LIKE :pattern ESCAPE '\\'").bindparams(pattern=pattern)
        )
        return Patent.id.in_(fts_ids)
    return Patent.search_text.like(pattern, escape="\\")


def build_search_text(application_number: str, title: str, patentees: list[str], inventors: list[str]) -> str:
    """What the search box looks in. Number forms are there so that 'ZL2021…' or '2021…' typed as text match."""
    digits = application_number.replace(".", "")
    return " ".join([application_number, digits, title, *patentees, *inventors])
