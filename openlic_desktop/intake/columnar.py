"""The columnar lane of an import: the plain rows of an .xlsx/.xlsm sheet normalised a column at a time.

Row by row, an import costs ~18 µs of Python per row however it is tuned (issue 3's closing notes), which puts a
first import of 50,000 rows at ~4.5× the time python-calamine takes merely to read the file. This lane reads the
sheet with fastexcel as text straight into Arrow memory (polars) and normalises each column by calling the very
same functions the row path uses (`clean_text`, `split_names`, status, type and date parsing…) once per *distinct*
cell text instead of once per cell; what is per row (number checks, row checks, the search text…) is done by polars
expressions. The importer writes the rows it takes in one INSERT … SELECT (`storage.import_stage`).

Exactness. The lane takes a row only when the row path would certainly give it the same outcome; every other row
goes the row path, with python-calamine's typed cells, as before. A row is the lane's ("plain") when:

* its number reads (the row path's own parse) and occurs once in the whole sheet;
* every mapped cell is unambiguous. fastexcel renders every cell as text, so a text cell "3" and a number cell 3.0
  look alike, as do a date cell and the text "2021-01-05 00:00:00", or TRUE and "true". Each distinct text is
  normalised as text *and* as every typed cell that renders to it (float, int, bool, date, datetime, time); the
  cell is unambiguous when all agree;
* the row path would neither warn nor reject: status and type readable, the type agreeing with the kind digit,
  dates readable and possible, the filing year agreeing with the number;
* its number is new to the portfolio — or its digest is stored (the row is unchanged).

Whole sheets are left to the row path where the texts cannot tell: a duration format anywhere in the workbook (a
duration renders like a date-time; `may_hold_durations`), a header row with a cell a typed value may have rendered.

Known divergence (strict xfails in test_import_columnar_review.py): a number cell with a *date* format beyond the
dates fastexcel can hold (a phone number formatted as a date, which Excel itself shows as ########) renders as a
blank cell; python-calamine gives the number. The lane then reads that cell as blank. (In the number column such a
row is caught: rows with a blank number cell have their numbers read by python-calamine first.)

Digests: a hash of the row's mapped cell texts (polars `hash_rows` with two seeds: 128 bits), seeded from the
import's digest key (mapping and rules) and the polars version, so that a new polars makes stored digests miss once
(the rows are then parsed again: safe, only slower). Stored like the row path's digests, and given to the rows the
row path takes in a lane import too when all their cells are unambiguous, so that the next import of the same file
recognises every row.

The lane needs polars, fastexcel and adbc-driver-sqlite and SQLite's deserialize; without them, with ENABLED False
or with OPENLIC_COLUMNAR=0 in the environment, every row goes the row path.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from openlic_desktop.domain.identifiers import KIND_DIGITS, PatentType, parse_application_number
from openlic_desktop.domain.parsing import clean_text, split_names
from openlic_desktop.intake.records import (
    _BLANK,
    DATE_FIELDS,
    EARLIEST_DATE,
    IMPORTED_FIELDS,
    TEXT_FIELDS,
    _date_of,
    _status_of,
    _type_of,
)
from openlic_desktop.support.errors import InputError

ENABLED = True
SUFFIXES = {".xlsx", ".xlsm"}

_NUMERIC = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # how a number cell renders (no exponent, at most 9 decimals)
# how date, time, date-time and duration cells render, and ISO 8601 date cells (t="d") as their files write them
# (a date-formatted number past 9999-12-31 renders with a signed year of 5 digits or more: '+57370-10-28 00:00:00')
_DATETIME = re.compile(r"[+-]?[0-9]{4,}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
                       r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?")
_AMBIGUOUS = object()  # a rendering that no typed value can be rebuilt from (e.g. 2021-02-30 00:00:00)
_BITS = {name: 1 << i for i, name in enumerate(IMPORTED_FIELDS)}  # = importer's stated-fields mask bits
_TYPE_OF_KIND = {kind: kind_type.value for kind, kind_type in KIND_DIGITS.items()}
_WEIGHTS_NEW = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_WEIGHTS_OLD = (2, 3, 4, 5, 6, 7, 8, 9)
# every text a typed cell can render to (fullmatch)
_RENDERED = re.compile(f"{_NUMERIC.pattern}|true|false|{_DATETIME.pattern}")
_RENDERED_ANCHORED = f"^(?:{_RENDERED.pattern})$"  # the same, for polars (Rust regex: no \\d, [0-9] only)
_MIDNIGHT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} 00:00:00")
_BLANK_TEXT = r"^[\s\x1c-\x1f]*$"  # what str.isspace() (or empty) accepts


@cache
def available() -> bool:
    """polars, fastexcel and adbc-driver-sqlite importable, and sqlite3 able to deserialize."""
    if os.environ.get("OPENLIC_COLUMNAR", "1") == "0":
        return False
    return _loads_cleanly(_import_lane_libraries) and hasattr(sqlite3.Connection, "deserialize")


def _import_lane_libraries() -> None:
    import adbc_driver_sqlite.dbapi  # noqa: F401
    import fastexcel  # noqa: F401
    import polars  # noqa: F401


def _loads_cleanly(load: Callable[[], None]) -> bool:
    """Whether `load` imports without error and without polars' warning that this CPU lacks instructions its
    build uses (an older office PC: the lane would die of an illegal instruction; the row path does it all)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            load()
        except Exception:  # noqa: BLE001 — missing, or a wheel this machine cannot load
            return False
    return not any("CPU features" in str(w.message) for w in caught)


def usable(path: str | Path) -> bool:
    return ENABLED and Path(path).suffix.lower() in SUFFIXES and available()


# ---- reading ---------------------------------------------------------------------------------------------------

def read_sheet(path: str | Path, sheet: str) -> Any:
    """The sheet as a polars DataFrame of text cells (columns c0…cN, None for blank cells), aligned row for row
    with python-calamine's rows of the same sheet. Raises whatever fastexcel raises (the caller then reads with
    python-calamine, which gives the proper refusal)."""
    import fastexcel

    loaded = fastexcel.read_excel(str(path)).load_sheet(sheet, header_row=None, skip_rows=0, dtypes="string")
    frame = loaded.to_polars()
    return frame.rename({name: f"c{i}" for i, name in enumerate(frame.columns)})


def may_hold_durations(path: str | Path) -> bool:
    """Whether the workbook has a duration number format ([h]:mm, [mm]:ss…, built-in 46). A duration cell renders
    like a date-time; python-calamine reads a timedelta, which the row path rejects in a date column. The lane
    leaves such a workbook to python-calamine (not knowing which cells use the format)."""
    with zipfile.ZipFile(path) as book:
        names = [n for n in book.namelist() if n.lower().endswith("styles.xml")]
        for name in names:
            info = book.getinfo(name)
            if info.file_size > _STYLES_LIMIT:
                return True
            styles = book.read(info).decode("utf-8", "replace")
            if _DURATION_FORMAT.search(styles) or _BUILTIN_DURATION.search(styles):
                return True
    return False


_STYLES_LIMIT = 16 * 1024 * 1024
# attribute values in double or single quotes, = with white space around it: XML allows all, and python-calamine
# reads them so
_DURATION_FORMAT = re.compile(r'formatCode\s*=\s*(?:"[^"]*|\'[^\']*)\[(?:h+|m+|s+)\]', re.IGNORECASE)
_BUILTIN_DURATION = re.compile(r'<(?:\w+:)?xf\b[^>]*\bnumFmtId\s*=\s*["\']46["\']')


def header_is_plain(frame: Any, index: int) -> bool:
    """Whether the header row's texts are what python-calamine's cells would show: no cell a typed value could have
    rendered to (a number, true/false, a date-time) — the header texts are shown, stored and key remembered
    mappings, so the lane leaves such a sheet to python-calamine."""
    if index >= frame.height:
        return False
    return not any(text is not None and _RENDERED.fullmatch(text) for text in frame.row(index))


def head_rows(frame: Any, rows: int) -> list[list[Any]]:
    """The first rows as cells for finding the header: '' for blank, as python-calamine gives (finding the header
    matches header words only, which no rendering of a typed cell is)."""
    return [["" if v is None else v for v in values] for values in frame.head(rows).iter_rows()]


_SMALLEST_EXACT = 2.0 ** 23  # from here on a double's neighbours are > 1e-9 apart: fastexcel's 9 decimals are exact
_EARLIEST_DAY = date(1900, 1, 2)  # date-times before render times and short durations (python-calamine: not dates)
_DAY_1904 = date(1904, 1, 1)  # in a 1904-system workbook (old Mac Excel) time cells render on this day


def _time_day(day: date) -> bool:
    """Whether a date-time rendered on `day` may be a time cell (python-calamine: a `time`, not a date)."""
    return day < _EARLIEST_DAY or day == _DAY_1904


def origins(text: str) -> Iterator[Any]:
    """Every typed cell that fastexcel renders as `text` (besides a text cell holding it); _AMBIGUOUS when the
    rendering does not tell the value. fastexcel writes numbers with at most 9 decimals (1/3 → 0.333333333, 1e-10 →
    0): only from 2**23 on is the number it shows the only one that shows so."""
    if _NUMERIC.fullmatch(text):
        number = float(text)
        if abs(number) < _SMALLEST_EXACT:
            yield _AMBIGUOUS
            return
        yield number
        if number.is_integer():
            yield int(number)
    elif text in ("true", "false"):
        yield text == "true"
    elif _DATETIME.fullmatch(text):
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            yield _AMBIGUOUS
            return
        if value.tzinfo is not None or _time_day(value.date()):
            yield _AMBIGUOUS
            return
        yield value
        if value.time() == time(0, 0):
            yield value.date()


def _day(value: Any) -> Any:
    """A date cell's value as the row path reads it (RowParser.parse / _day)."""
    return value if value.__class__ is date else _date_of(value)


# ---- the plan --------------------------------------------------------------------------------------------------

@dataclass
class Plan:
    """What the lane does with a sheet's data rows (sheet rows are 1-based, as Excel shows them)."""

    insert: Any = None                     # polars DataFrame: INSERT_COLUMNS of the new plain rows, sheet order
    rows: list[int] = field(default_factory=list)       # their sheet rows
    known: list[tuple[int, str, int]] = field(default_factory=list)  # (row, number, mask) unchanged by digest
    blank: int = 0                         # blank rows (skipped)
    rest: list[int] = field(default_factory=list)       # sheet rows for the row path, in order
    digests: dict[int, str | None] = field(default_factory=dict)  # lane digest of each rest row (None: ambiguous)
    last_row: int = 0                      # the last sheet row planned


INSERT_COLUMNS = ("application_number", "search_key", "number_sort", "patent_type", "title", "filing_date",
                  "grant_date", "expiry_date", "status", "patentees", "patentees_display", "inventors",
                  "fees_paid_until", "ipc", "department", "contact_person", "contact_phone", "contact_email",
                  "description", "industry", "search_text", "import_digest", "import_fields")


def lane_seeds(key: bytes) -> tuple[int, ...]:
    import polars

    material = hashlib.blake2b(b"openlic-lane-1/" + polars.__version__.encode() + b"/" + key, digest_size=16).digest()
    return tuple(int.from_bytes(material[i:i + 8], "little") for i in range(0, 16, 8))


def _agrees(fn: Callable[[Any], Any], text: str, value: Any) -> bool:
    """Whether every typed cell rendering to `text` gives `value` as the text does."""
    for typed in origins(text):
        if typed is _AMBIGUOUS:
            return False
        try:
            other = fn(typed)
        except Exception:  # noqa: BLE001 — the row path would fail differently: not the lane's row
            return False
        if other != value or type(other) is not type(value):
            return False
    return True


def _text_forms(values: list[str]) -> list[list[Any]]:
    """Cleaned text cells: the text and its lower case (for the search text); None where it states nothing."""
    return [[v or None for v in values], [v.lower() if v else None for v in values]]


def _names_forms(lists: list[list[str]]) -> list[list[Any]]:
    """Names: the JSON SQLAlchemy stores, the ；-joined display, the search-text part; None where there are none."""
    return [["[" + ", ".join(map(encode_basestring_ascii, n)) + "]" if n else None for n in lists],
            ["；".join(n) if n else None for n in lists],
            [" ".join(n).lower() if n else None for n in lists]]


def _one(values: list[str]) -> list[list[str]]:
    return [values]


def _day_texts(texts: list[str]) -> tuple[list[str], list[bool]]:
    """A date column's distinct texts: ISO text, '' (blank) or '?' (unreadable), and whether each is exact. A date
    cell's rendering ("2021-01-05 00:00:00") is that day both ways: a date or date-time cell gives it, and
    parse_date drops the time of the same text — from 1900-01-02 on (before: times, durations). Other texts:
    `_date_text`, checked by `_agrees`."""
    values, exact = [], []
    for text in texts:
        if _MIDNIGHT.fullmatch(text):
            try:
                day = date.fromisoformat(text[:10])
            except ValueError:
                day = None
            if day is not None and not _time_day(day):
                values.append(day.isoformat())
                exact.append(True)
                continue
        value = _date_text(text)
        values.append(value)
        exact.append(_agrees(_date_text, text, value) if _RENDERED.fullmatch(text) else True)
    return values, exact


def _dates(series: Any) -> tuple[list[Any], Any]:
    """`_day_texts` over a whole column (one call per distinct text): ([values], exact)."""
    import polars as pl

    distinct = series.drop_nulls().unique()
    values, exact = _day_texts(distinct.to_list())
    return ([series.replace_strict(distinct, pl.Series(values, dtype=pl.String), default=None,
                                   return_dtype=pl.String)],
            series.replace_strict(distinct, pl.Series(exact, dtype=pl.Boolean), default=True,
                                  return_dtype=pl.Boolean))


def _date_cell(column: Any) -> Any:
    """A date cell's rendering ("2021-01-05 00:00:00") from 1900-01-02 on, not on 1904-01-01 (see _day_texts and
    _time_day); a year of four digits exactly (polars' %Y also takes '+57370', a number past Excel's last day)."""
    day = column.str.to_date("%Y-%m-%d 00:00:00", strict=False)
    return (column.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2} 00:00:00$") & (day >= _EARLIEST_DAY)
            & (day != _DAY_1904)).fill_null(False)


def _per_cell(cells: Any, fn: Callable[[Any], Any], forms: Callable[[list[Any]], list[list[Any]]],
              names: list[str]) -> list[Any]:
    """A column normalised once per cell (see `_mapped`): the cells of the plain alphabet (_SIMPLE_FORMS) by
    polars, whose result for them is the normaliser's (test_intake_columnar holds the two together); every other
    cell by the normaliser itself."""
    import polars as pl

    simple = _SIMPLE_FORMS.get(names[0])
    if simple is None:
        outputs = [pl.Series([None] * cells.len(), dtype=pl.String) for _ in names]
        by_python = cells.is_not_null().arg_true()
    else:
        gate, vectorised = simple
        outputs = vectorised(cells)
        by_python = (cells.is_not_null() & ~cells.str.contains(gate)).arg_true()
    flags = pl.Series([True] * cells.len(), dtype=pl.Boolean)
    if by_python.len():
        texts = cells.gather(by_python).to_list()
        results = list(map(fn, texts))
        computed = forms(results)
        outputs = [out.scatter(by_python, pl.Series(values, dtype=pl.String))
                   for out, values in zip(outputs, computed, strict=True)]
        exact = [not _RENDERED.fullmatch(t) or _agrees(fn, t, r) for t, r in zip(texts, results, strict=True)]
        flags = flags.scatter(by_python, pl.Series(exact, dtype=pl.Boolean))
    return [*(out.alias(name) for out, name in zip(outputs, names, strict=True)),
            flags.alias(names[0] + "#exact")]


def _plain_titles(cells: Any) -> list[Any]:
    """Titles of the plain alphabet: clean_text changes nothing (no white space, nothing full-width) and the lower
    case is ASCII's."""
    return [cells, cells.str.to_lowercase()]


def _plain_names(cells: Any) -> list[Any]:
    """Names cells of the plain alphabet (CJK ideographs, the middle dot, the separators): NFKC changes only the
    full-width ；， (to separators still), there is no white space, so split_names splits on the separators, drops
    empty names and repeats, in order. JSON escapes each character as \\uXXXX (all are in the BMP)."""
    import polars as pl

    lists = cells.str.replace_all(_SEPARATORS, "、").str.split("、").list.eval(
        pl.element().filter(pl.element() != "").unique(maintain_order=True))
    names = lists.explode().drop_nulls().unique()
    escaped = pl.Series([encode_basestring_ascii(n) for n in names.to_list()], dtype=pl.String)
    encoded = lists.list.eval(pl.element().replace_strict(names, escaped, return_dtype=pl.String))
    has_names = lists.list.len() > 0
    as_json = pl.select(pl.when(has_names).then(pl.concat_str([pl.lit("["), encoded.list.join(", "), pl.lit("]")])))
    display = pl.select(pl.when(has_names).then(lists.list.join("；")))
    search = pl.select(pl.when(has_names).then(lists.list.join(" ")))
    return [as_json.to_series(), display.to_series(), search.to_series()]


# Per-cell columns whose plain cells polars normalises: field → (the gate a cell must match, the
# vectorised forms). Titles: printable ASCII without space, CJK ideographs, CJK, general and full-width punctuation — nothing
# clean_text would change, nothing whose lower case differs between Python and Rust, nothing a typed cell renders
# to (a digit-only title, true, a date-time: those need `_agrees`). Names: CJK ideographs, ·, separators.
_ALLOWED = (r"\x21-\x7e\x{3001}-\x{303f}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{2010}-\x{2027}\x{2030}-\x{205e}\x{00b7}"
            r"\x{ff01}-\x{ff0f}\x{ff1a}-\x{ff20}\x{ff3b}-\x{ff40}\x{ff5b}-\x{ff5e}")  # full-width punctuation
_IDEOGRAPHS = r"\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}"
_TITLE_GATE = f"^[{_ALLOWED}]*[{_IDEOGRAPHS}][{_ALLOWED}]*$"
_NAMES_GATE = r"^[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{00b7}、；;，,/]+$"
_SEPARATORS = r"[;；,，/]"
_SIMPLE_FORMS = {"title": (_TITLE_GATE, _plain_titles), "inventors": (_NAMES_GATE, _plain_names)}


def _mapped(column: str, texts: list[str] | None, fn: Callable[[Any], Any] | None,
            forms: Callable[[list[Any]], list[list[Any]]], names: list[str], data: Any) -> list[Any]:
    """A text column mapped through a row-path normaliser: one output column per name (what `forms` makes of the
    results) and `<names[0]>#exact` (see `_agrees`). `fn` None: a date column (`_day_texts`, date cells' renderings
    read in polars). `texts`: the column's distinct texts, or None for a column that hardly repeats (titles,
    inventors: _HARDLY_REPEATING), which is normalised once per cell into ready Series (`data.select` takes both);
    the others once per distinct text, mapped back by polars expressions."""
    import polars as pl

    if fn is None:
        rendering = pl.col(column).str.to_date("%Y-%m-%d 00:00:00", strict=False)
        cell = _date_cell(pl.col(column))
        values, exact = _day_texts(texts or [])
        old = pl.Series(texts or [], dtype=pl.String)
        return [pl.when(cell).then(rendering.cast(pl.String)).otherwise(
                    pl.col(column).replace_strict(old, pl.Series(values, dtype=pl.String), default=None,
                                                  return_dtype=pl.String)).alias(names[0]),
                pl.when(cell).then(pl.lit(True)).otherwise(
                    pl.col(column).replace_strict(old, pl.Series(exact, dtype=pl.Boolean), default=True,
                                                  return_dtype=pl.Boolean)).alias(names[0] + "#exact")]
    if texts is None:  # a column that hardly repeats: once per cell
        return _per_cell(data[column], fn, forms, names)
    results = list(map(fn, texts))
    exact = [True] * len(texts)
    for i, text in enumerate(texts):
        if _RENDERED.fullmatch(text):
            exact[i] = _agrees(fn, text, results[i])
    outputs = forms(results)
    old = pl.Series(texts, dtype=pl.String)
    exprs = [pl.col(column).replace_strict(old, pl.Series(out, dtype=pl.String), default=None,
                                           return_dtype=pl.String).alias(name)
             for name, out in zip(names, outputs, strict=True)]
    exprs.append(pl.col(column).replace_strict(old, pl.Series(exact, dtype=pl.Boolean), default=True,
                                               return_dtype=pl.Boolean).alias(names[0] + "#exact"))
    return exprs


# normalised once per cell: a distinct-value map would cost more than it saves (still exact either way)
_HARDLY_REPEATING = frozenset({"title", "inventors", "description", "contact_email"})
CHUNK_ROWS = 20_000  # rows planned and written at a time: memory stays flat however long the sheet


def _blank(series: Any) -> Any:
    return series.is_null() | series.str.contains(_BLANK_TEXT)


def numbers(frame: Any, mapping: Mapping[int, str], first: int) -> Any:
    """The canonical number of every data row (frame rows from index `first` on; None where it does not read),
    whether it occurs more than once in the sheet, whether only a number cell reads so (`typed`: the row path's
    row), and whether the row has a blank number cell but is not blank (`unread`, see also_repeated): a polars
    DataFrame (canonical, repeated, typed, unread)."""
    import polars as pl

    where = {fld: f"c{col}" for col, fld in mapping.items()}
    data = frame.slice(first)
    # the number column, or where it is blank the patent-number column (as RowParser.parse)
    number_col, patent_col = where.get("number"), where.get("patent_number")
    raw = data[number_col] if number_col else data[patent_col]
    if number_col and patent_col:
        raw = pl.select(pl.when(_blank(raw)).then(data[patent_col]).otherwise(raw)).to_series()
    canonical, typed = _canonical_numbers(raw)
    # rows with a blank number cell, yet not blank: python-calamine may read a number there (a cell fastexcel
    # cannot render shows as blank), which the lane must know before it takes any row as the only one with it. (A
    # number cell holding text is that text to python-calamine too: no number hides there.)
    unread = canonical.is_null() & _blank(raw)
    if unread.any():
        where_unread = unread.arg_true()
        blank = data[where_unread].select(pl.all_horizontal([_blank(pl.col(c)) for c in data.columns])).to_series()
        unread = unread.scatter(where_unread, ~blank)
    return pl.DataFrame({"canonical": canonical,
                         "repeated": canonical.is_duplicated() & canonical.is_not_null(), "typed": typed,
                         "unread": unread})


def text_rows(frame: Any, rows: list[int]) -> dict[int, list[Any]]:
    """The cells of those sheet rows (1-based) in which no cell is a text a typed cell could render to: '' for a
    blank cell, else the text. Such a row holds text cells only, and python-calamine gives exactly these cells, so
    the row path judges it on them without reading the sheet again. The other rows are left out."""
    import polars as pl

    if not rows:
        return {}
    picked = frame[pl.Series([r - 1 for r in rows], dtype=pl.UInt32)]
    typed = picked.select(pl.any_horizontal(
        [pl.col(c).str.contains(_RENDERED_ANCHORED).fill_null(False) for c in picked.columns])).to_series()
    out = {}
    for row, values, rendered in zip(rows, picked.iter_rows(), typed.to_list(), strict=True):
        if not rendered:
            out[row] = ["" if v is None else v for v in values]
    return out


def also_repeated(numbered: Any, found: set[str]) -> Any:
    """`numbers(...)` with the numbers python-calamine reads in the `unread` rows counted as repeated: a row with
    one of them goes the row path, which judges the repeat."""
    import polars as pl

    if not found:
        return numbered
    return numbered.with_columns(
        repeated=pl.col("repeated") | pl.col("canonical").is_in(pl.Series(sorted(found), dtype=pl.String).implode()))


def plans(frame: Any, mapping: Mapping[int, str], first: int, today: date, key: bytes,
          known: Mapping[str, tuple[str, int]], is_new: Callable[[Any], Any] | None,
          chunk_rows: int = CHUNK_ROWS, numbered: Any = None) -> Iterator[Plan]:
    """The plan of each chunk of data rows (see `plan`), in sheet order. `numbered`: `numbers(...)` (made here if
    not given)."""
    if numbered is None:
        numbered = numbers(frame, mapping, first)
    for start in range(0, numbered.height, chunk_rows):
        yield plan(frame, mapping, first, today, key, known, is_new, numbered.slice(start, chunk_rows), start)


def plan(frame: Any, mapping: Mapping[int, str], first: int, today: date, key: bytes,
         known: Mapping[str, tuple[str, int]], is_new: Callable[[Any], Any] | None, numbered: Any,
         start: int = 0) -> Plan:
    """Sort data rows into the lane's and the row path's: the `numbered.height` rows from data row `start` on
    (frame rows from index `first` + `start`); `numbered`: their slice of `numbers(...)`.

    `known`: stored digest → (number, mask); `is_new(numbers)`: a boolean polars Series saying which canonical
    numbers the portfolio lacks (None: the portfolio is empty). Built as few polars calls as possible: each costs
    a fixed ~0.3 ms beside its work."""
    import polars as pl

    height = numbered.height
    data = frame.slice(first + start, height)
    top = first + start + 1  # the sheet row of the first
    out = Plan(last_row=top + height - 1)
    if height == 0:
        return out
    where = {fld: f"c{col}" for col, fld in mapping.items()}
    row_numbers = pl.Series("row", range(top, top + height), dtype=pl.Int64)

    # digests of every row (its mapped cells' texts); the rows recognised by them need nothing more
    seeds = lane_seeds(key)
    source = data.select(sorted(set(where.values()), key=lambda c: int(c[1:])))
    digest_series = pl.select(pl.concat_str(
        [source.hash_rows(seeds[0]), pl.lit("-"), source.hash_rows(seeds[1])])).to_series().alias("digest")
    if known:
        numbers_list = numbered["canonical"].to_list()
        hits = []
        for i, digest in enumerate(digest_series.to_list()):
            found = known.get(digest)
            if found is not None and found[0] == numbers_list[i]:
                hits.append(i)
        if hits:
            recognised = pl.Series(hits, dtype=pl.UInt32)
            repeated = numbered["repeated"].gather(recognised).to_list()
            typed = numbered["typed"].gather(recognised).to_list()
            hits = [i for i, again, number_cell in zip(hits, repeated, typed, strict=True)
                    if not again and not number_cell]
            out.known = [(top + i, numbers_list[i], known[digest_series[i]][1]) for i in hits]
        if out.known:
            others = pl.Series([True] * height, dtype=pl.Boolean).scatter(pl.Series(hits, dtype=pl.UInt32), False)
            if not others.any():
                return out
            data, numbered, digest_series, row_numbers = (
                x.filter(others) for x in (data, numbered, digest_series, row_numbers))
            height = numbered.height

    # the distinct texts of every column to normalise, in one pass
    specs: list[tuple[str, Callable[[Any], Any] | None, Callable[[list[Any]], list[list[Any]]], list[str]]] = []
    for fld in TEXT_FIELDS:
        if fld in where:
            specs.append((fld, clean_text, _text_forms, [fld, fld + "_lower"]))
    for fld in ("patentees", "inventors"):
        if fld in where:
            specs.append((fld, split_names, _names_forms, [fld, fld + "_display", fld + "_search"]))
    for fld, fn in (("status", _status_value), ("patent_type", _type_value)):
        if fld in where:
            specs.append((fld, fn, _one, ["stated_" + fld]))
    for fld in ("filing_date", "grant_date", "fees_paid_until"):
        if fld in where:
            specs.append((fld, None, _one, [fld]))
    repeating = [fld for fld, *_ in specs if fld not in _HARDLY_REPEATING]
    def texts(fld: str) -> Any:
        column = pl.col(where[fld]).drop_nulls()
        if fld in DATE_FIELDS:  # date cells' renderings are read in polars (see _mapped)
            column = column.filter(~_date_cell(column))
        return column.unique().implode().alias(fld)

    distinct = dict(zip(repeating, data.select([texts(fld) for fld in repeating]).row(0), strict=True)) \
        if repeating else {}
    exprs: list[Any] = []
    for fld, fn, forms, names in specs:
        exprs += _mapped(where[fld], distinct.get(fld), fn, forms, names, data)
    # blank rows: only rows without a number can be (the check reads every cell, so it is asked of them alone)
    unnumbered = numbered["canonical"].is_null()
    blank = pl.Series("blank", [False] * height, dtype=pl.Boolean)
    if unnumbered.any():
        where_blank = unnumbered.arg_true()
        found = data[where_blank].select(pl.all_horizontal([_blank(pl.col(c)) for c in data.columns])).to_series()
        blank = blank.scatter(where_blank, found)
    mapped = data.select(exprs).with_columns(blank) if exprs else pl.DataFrame([blank])
    exact = [pl.col(names[0] + "#exact") for _fld, _fn, _forms, names in specs]

    # the row path's checks (RowParser.parse): anything it would warn about or reject is not the lane's
    canon = pl.col("canonical")
    modern = canon.str.len_chars() == 14
    kind = pl.when(modern).then(canon.str.slice(4, 1)).otherwise(canon.str.slice(2, 1))
    yy = canon.str.slice(0, 2).cast(pl.Int32, strict=False)
    year = pl.when(modern).then(canon.str.slice(0, 4).cast(pl.Int32, strict=False)).otherwise(
        pl.when(yy >= 85).then(yy + 1900).otherwise(yy + 2000))
    rows = pl.concat([numbered, mapped], how="horizontal").with_columns(
        row_numbers, digest_series,
        kind.alias("kind"), kind.replace_strict(_TYPE_OF_KIND, default=None, return_dtype=pl.String)
        .alias("patent_type"), year.alias("year"),
        ((pl.all_horizontal(exact) if exact else pl.lit(True)) & ~pl.col("typed")).alias("clear"))
    checks = [canon.is_not_null(), ~pl.col("repeated"), pl.col("clear")]
    have = set(rows.columns)
    if "stated_status" in have:
        checks.append(pl.col("stated_status") != "?")
    if "stated_patent_type" in have:
        stated = pl.col("stated_patent_type")
        checks.append((stated == "") | (stated == pl.col("patent_type")))
    earliest, latest = EARLIEST_DATE.isoformat(), today.isoformat()  # ISO texts order as the dates do
    for fld in ("filing_date", "grant_date", "fees_paid_until"):
        if fld in have:
            checks.append(pl.col(fld) != "?")
    if "filing_date" in have:
        filing = pl.col("filing_date")
        checks.append((filing == "") | ((filing >= earliest) & (filing <= latest)))
        checks.append((filing == "") | pl.col("kind").is_in(["8", "9"]) |
                      (filing.str.slice(0, 4).cast(pl.Int32, strict=False) == pl.col("year")))
    if "grant_date" in have:
        grant = pl.col("grant_date")
        possible = (grant >= earliest) & (grant <= latest)
        if "filing_date" in have:
            possible = possible & ((pl.col("filing_date") == "") | (grant >= pl.col("filing_date")))
        checks.append((grant == "") | possible)
    # a null in a check (a blank cell) passes it: each check states its own blank case above
    plain = checks[0] & checks[1].fill_null(False) & checks[2]
    for check in checks[3:]:
        plain = plain & check.fill_null(True)
    new = pl.lit(True) if is_new is None else pl.lit(is_new(numbered["canonical"]).fill_null(False))
    rows = rows.with_columns((plain & new & ~pl.col("blank")).alias("take"))

    out.blank = rows.filter(pl.col("blank")).height
    for row, clear, digest in rows.filter(~pl.col("blank") & ~pl.col("take")).select(
            "row", "clear", "digest").iter_rows():
        out.rest.append(row)
        out.digests[row] = digest if clear else None
    taken = rows.filter(pl.col("take"))
    out.rows = taken["row"].to_list()
    if taken.height:
        out.insert = _insert_frame(taken)
    return out


def expiry_dates(types: Any, filings: Any) -> Any:
    """`terms.last_day_in_force` per row, in polars (ISO texts; None without a filing date): the day before the
    term's anniversary, 29 February going to the 28th (domain.dates.add_months clamps so; so does offset_by)."""
    import polars as pl

    from openlic_desktop.domain.terms import DESIGN_15_YEAR_CUTOFF

    day = filings.str.to_date("%Y-%m-%d")
    years = pl.select(pl.when(types == PatentType.INVENTION.value).then(20)
                      .when(types == PatentType.UTILITY_MODEL.value).then(10)
                      .when(day >= DESIGN_15_YEAR_CUTOFF).then(15).otherwise(10)).to_series()
    ends = pl.select(pl.when(years == 20).then(day.dt.offset_by("20y")).when(years == 15)
                     .then(day.dt.offset_by("15y")).otherwise(day.dt.offset_by("10y"))).to_series()
    return ends.dt.offset_by("-1d").cast(pl.String)


def _insert_frame(taken: Any) -> Any:
    """The new plain rows as the patents table stores them (what storage.import_bulk.insert_rows writes)."""
    import polars as pl

    size = taken.height
    have = set(taken.columns)

    def column(name: str, default: str | None) -> Any:
        if name in have:
            series = taken[name]
            if name in ("filing_date", "grant_date", "fees_paid_until", "stated_status"):
                series = pl.select(pl.when(series == "").then(None).otherwise(series)).to_series()
            return series if default is None else series.fill_null(default)
        return pl.Series([default] * size, dtype=pl.String)

    canonical = taken["canonical"]
    digits = canonical.str.replace(".", "", literal=True)
    old = canonical.str.len_chars() == 10
    century = pl.select(pl.when(canonical.str.slice(0, 2).cast(pl.Int32) >= 85).then(pl.lit("19"))
                        .otherwise(pl.lit("20"))).to_series()
    number_sort = pl.select(pl.when(old).then(century + digits).otherwise(digits)).to_series()
    filing = column("filing_date", None)
    grant = column("grant_date", None)
    paid = column("fees_paid_until", None)
    status = column("stated_status", None)
    mask = pl.Series([0] * size, dtype=pl.Int64)
    for fld, series in (("title", column("title", None)), ("filing_date", filing), ("grant_date", grant),
                        ("status", status), ("patentees", column("patentees", None)),
                        ("inventors", column("inventors", None)), ("fees_paid_until", paid),
                        *((f, column(f, None)) for f in TEXT_FIELDS if f != "title")):
        mask = mask + series.is_not_null().cast(pl.Int64) * _BITS[fld]
    parts = [canonical.str.to_lowercase(), digits.str.to_lowercase(), column("title_lower", ""),
             column("patentees_search", None), column("inventors_search", None)]
    search_text = pl.select(pl.concat_str(parts, separator=" ", ignore_nulls=True)).to_series()
    expiry = expiry_dates(taken["patent_type"], filing)
    return pl.DataFrame({
        "application_number": canonical, "search_key": digits, "number_sort": number_sort,
        "patent_type": taken["patent_type"], "title": column("title", ""), "filing_date": filing,
        "grant_date": grant, "expiry_date": expiry, "status": status.fill_null("unknown"),
        "patentees": column("patentees", "[]"), "patentees_display": column("patentees_display", ""),
        "inventors": column("inventors", "[]"), "fees_paid_until": paid,
        **{f: column(f, "") for f in ("ipc", "department", "contact_person", "contact_phone", "contact_email",
                                     "description", "industry")},
        "search_text": search_text, "import_digest": taken["digest"], "import_fields": mask,
    })


# ---- per distinct text: the row path's own normalisers ----------------------------------------------------------

def _status_value(value: Any) -> str:
    """'' blank, '?' unreadable (a warning: the row path's), else the status value."""
    status = _status_of(value)
    return "" if status is _BLANK else "?" if status is None else status.value


def _type_value(value: Any) -> str:
    stated = _type_of(value)
    return "" if stated is _BLANK else "?" if stated is None else stated.value


def _date_text(value: Any) -> str:
    day = _day(value)
    return "" if day is _BLANK else "?" if day is None else day.isoformat()


def _canonical_numbers(raw: Any) -> tuple[Any, Any]:
    """The canonical number of each cell (None where it does not read), by the row path's parse — done in polars
    for the plain forms of a clean export, by `parse_application_number` for every other distinct text — and
    whether only a number cell would read so (see below)."""
    import polars as pl

    body = raw.str.replace(r"^(?:ZL|CN)", "")
    plain = raw.str.contains(r"^(?:ZL|CN)?(?:[0-9]{12}|[0-9]{8})\.[0-9X]$").fill_null(False)
    body12 = body.str.len_chars() == 14
    weights = [pl.when(body12).then(pl.lit(w12)).otherwise(pl.lit(w8 if i < 8 else 0))
               for i, (w12, w8) in enumerate(zip(_WEIGHTS_NEW, _WEIGHTS_NEW[:8] + (0,) * 4, strict=True))]
    digit_sum = pl.sum_horizontal([body.str.slice(i, 1).str.to_integer(strict=False).fill_null(0) * weights[i]
                                   for i in range(12)])
    kind = pl.when(body12).then(body.str.slice(4, 1)).otherwise(body.str.slice(2, 1))
    check = pl.concat_str([pl.lit("0123456789X").str.slice(digit_sum % 11, 1)])
    fast = pl.select(pl.when(plain & (check == body.str.slice(-1, 1)) & kind.is_in(list(_TYPE_OF_KIND)))
                     .then(body).otherwise(None)).to_series()
    slow_texts = raw.filter(fast.is_null() & raw.is_not_null()).unique().to_list()
    if not slow_texts:
        return fast.alias("canonical"), pl.Series("typed", [False] * raw.len(), dtype=pl.Boolean)
    parsed, typed = [], []
    for text in slow_texts:
        canonical, as_number = _read_number(text), False
        if canonical is None and _MANY_DECIMALS.fullmatch(text):
            # fastexcel shows a number cell with 9 decimals (202110123456.700012207, exact from 2**23 on): the
            # row path reads the float itself, as the number it was typed as — a row for the row path, whose
            # number must still count when telling which numbers the sheet repeats
            canonical, as_number = _read_number(float(text)), True
        parsed.append(canonical)
        typed.append(as_number and canonical is not None)
    old = pl.Series(slow_texts, dtype=pl.String)
    slow = raw.replace_strict(old, pl.Series(parsed, dtype=pl.String), default=None, return_dtype=pl.String)
    flags = raw.replace_strict(old, pl.Series(typed, dtype=pl.Boolean), default=False, return_dtype=pl.Boolean)
    return pl.select(pl.coalesce(fast, slow)).to_series().alias("canonical"), flags.fill_null(False).alias("typed")


_MANY_DECIMALS = re.compile(r"(?:[0-9]{12}|[0-9]{8})\.[0-9]{2,9}")


def _read_number(value: Any) -> str | None:
    """The canonical number the row path reads from a cell, or None."""
    try:
        canonical = parse_application_number(value).canonical
    except InputError:
        return None
    return canonical if canonical.isascii() else None
