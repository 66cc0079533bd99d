"""Locating the table in a sheet: which sheet, which row is the header, which column holds which field.

`open_table` reads a sheet once, as a stream: the first rows are buffered to find the header, then the data rows
follow from the same iterator (a 50,000-row sheet is never held twice in Python).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from openlic_desktop.intake import mappings
from openlic_desktop.intake.headers import (
    HEADER_SEARCH_ROWS,
    HeaderNotFound,
    find_header_row,
    headers_signature,
)
from openlic_desktop.intake.readers import Spreadsheet
from openlic_desktop.intake.records import cell_text
from openlic_desktop.support.errors import InputError


@dataclass
class Layout:
    """Where the table is. `header_index` is 0-based; the user sees `header_row` (1-based)."""

    sheet: str
    header_index: int
    headers: list[str]
    mapping: dict[int, str]                       # in use (detected, remembered or given)
    detected: dict[int, str] = field(default_factory=dict)
    remembered: bool = False

    @property
    def header_row(self) -> int:
        return self.header_index + 1

    @property
    def signature(self) -> str:
        return headers_signature(self.headers)


def layout_from_head(sheet: str, head: list[list[Any]], mapping: Mapping[int, str] | None,
                      header_index: int | None, use_memory: bool) -> Layout | None:
    try:
        found_index, detected = find_header_row(head)
    except HeaderNotFound:
        found_index, detected = None, {}
    index = header_index if header_index is not None else found_index
    if index is None or index >= len(head):
        if mapping is None:
            return None
        index = 0 if index is None else index
    headers = [cell_text(c) for c in head[index]] if index < len(head) else []
    layout = Layout(sheet, index, headers, dict(detected) if index == found_index else {}, dict(detected))
    if mapping is not None:
        layout.mapping = {int(c): f for c, f in mapping.items() if f}
    elif use_memory:
        remembered = mappings.recall(layout.signature)
        if remembered and "number" in remembered.values():
            layout.mapping, layout.remembered = remembered, True
    if "number" not in layout.mapping.values():
        if mapping is not None:
            raise InputError("MAPPING_NO_NUMBER")
        return None
    return layout


def peek(book: Spreadsheet, sheet: str, rows: int = HEADER_SEARCH_ROWS) -> list[list[Any]]:
    """The first `rows` rows of a sheet (for the wizard's preview)."""
    return list(itertools.islice(book.rows(sheet), rows))


def open_table(book: Spreadsheet, sheet: str | None = None, mapping: Mapping[int, str] | None = None,
               header_index: int | None = None, use_memory: bool = True
               ) -> tuple[Layout, Iterator[tuple[int, list[Any]]]]:
    """The layout and an iterator of (sheet row number, cells) for the rows below the header.

    Without `sheet`: the first sheet with a recognisable header. `mapping`/`header_index` given by the user
    override detection. Raises InputError HEADER_NOT_FOUND (no sheet has an application-number column).
    """
    names = [sheet] if sheet is not None else book.sheet_names()
    for name in names:
        rows = book.rows(name)
        head = list(itertools.islice(rows, max(HEADER_SEARCH_ROWS, (header_index or 0) + 1)))
        layout = layout_from_head(name, head, mapping, header_index, use_memory)
        if layout is None:
            continue
        start = layout.header_index + 1
        # (sheet row number, cells), numbered in C: no Python frame per row of a 50,000-row sheet
        return layout, enumerate(itertools.chain(head[start:], rows), start + 1)
    raise InputError("HEADER_NOT_FOUND", sheet=sheet or "、".join(names))
