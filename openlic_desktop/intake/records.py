"""One spreadsheet row → the facts it states, a rejection with a stable code, or a reason to skip it.

Normalising uses `domain.identifiers` and `domain.parsing`; nothing here knows about the database. Rules
(domain.md §2–3):

* Rows skipped (not rejected): blank rows (a lone sequence number counts as blank), footer rows (合计, 注…,
  notes, "prepared by" lines) and header rows repeated at page breaks.
* Rejected: NUMBER_MISSING, NUMBER_UNREADABLE, PUBLICATION_NUMBER, BAD_CHECK_DIGIT, UNKNOWN_KIND_DIGIT (from the
  number), BAD_DATE (a date cell that is not a date, e.g. 2021-02-30), DATE_IMPOSSIBLE (before Chinese patent
  law, in the future, or granted before it was filed). Contradicting duplicates are found by the importer, which
  sees every row (DUPLICATE_CONFLICT).
* Warnings (the row is kept): TYPE_CONFLICT (the type column says otherwise than the kind digit; the kind digit
  wins, it is the law's), TYPE_UNREADABLE, STATUS_UNREADABLE (status left as it was), FILING_YEAR_MISMATCH.
* Blank cells state nothing: on an existing patent they never erase a recorded fact.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openlic_desktop.domain.dates import add_years, day_before
from openlic_desktop.domain.identifiers import KIND_DIGITS, ApplicationNumber, parse_application_number
from openlic_desktop.domain.parsing import clean_text, parse_date, parse_type, split_names
from openlic_desktop.domain.status import parse_status
from openlic_desktop.intake.headers import is_repeated_header, is_sub_header
from openlic_desktop.support.errors import InputError

TEXT_FIELDS = ("title", "ipc", "department", "contact_person", "contact_phone", "contact_email", "description",
               "industry")
DATE_FIELDS = ("filing_date", "grant_date", "fees_paid_until")
LIST_FIELDS = ("patentees", "inventors")
# fields a row can set on a patent (PatentFacts attributes); the type always follows the number's kind digit
IMPORTED_FIELDS = ("title", "filing_date", "grant_date", "status", "patentees", "inventors", "fees_paid_until",
                   "ipc", "department", "contact_person", "contact_phone", "contact_email", "description",
                   "industry")

EARLIEST_DATE = date(1985, 4, 1)  # the Patent Law came into force; nothing was filed before

_FOOTER_WORDS = ("合计", "总计", "小计", "共计", "注", "备注", "说明", "附注", "附：", "填表", "制表", "审核", "负责人",
                 "单位盖章", "盖章", "签字", "日期：", "数据来源", "total", "sum", "note", "remark", "prepared",
                 "source:", "*")
_YEAR_N = re.compile(r"^第?(\d{1,2})年(度)?$")


@dataclass(frozen=True)
class Issue:
    """A rejection or warning: stable code plus message parameters (support.messages renders it)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        from openlic_desktop.support.messages import render

        return render(self.code, lang, **self.params)


@dataclass(slots=True)
class ParsedRow:
    """What one sheet row says. `row` is the sheet row number (1-based, as Excel shows it)."""

    row: int
    values: list[Any]
    number: ApplicationNumber | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    rejection: Issue | None = None
    skip: str | None = None  # "blank" | "footer" | "header"
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rejection is None and self.skip is None


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _first_text(cells: Sequence[Any]) -> str:
    for cell in cells:
        if not is_blank(cell):
            return unicodedata.normalize("NFKC", str(cell)).strip().lower()
    return ""


def looks_like_footer(cells: Sequence[Any]) -> bool:
    text = _first_text(cells)
    return bool(text) and text.startswith(_FOOTER_WORDS)


def _reject(parsed: ParsedRow, code: str, **params: Any) -> ParsedRow:
    parsed.rejection = Issue(code, params)
    return parsed


def _cell(cells: Sequence[Any], col: int) -> Any:
    return cells[col] if col < len(cells) else None


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


MEMO_LIMIT = 20_000  # entries per memo before it is emptied: memory stays flat however long the sheet
MEMO_TRIAL = 1_000  # a column whose first MEMO_TRIAL distinct values came in fewer than 2×MEMO_TRIAL rows
#                     repeats too little to be worth remembering: its memo is dropped
_BLANK = object()  # normalised form of a blank cell: it states nothing
# the fields the fast path reads, in the order RowParser takes them from a row; a memo per field, same order
_FAST_FIELDS = ("number", "patent_number", *TEXT_FIELDS, *LIST_FIELDS, "status", "patent_type", *DATE_FIELDS)
_TAKEN = tuple(fld for fld in _FAST_FIELDS if fld not in TEXT_FIELDS)  # text cells are read column by column
_PATENTEES, _INVENTORS, _STATUS, _TYPE, _FILING, _GRANT, _FEES = range(2 + len(TEXT_FIELDS), len(_FAST_FIELDS))
# Date texts keep their memo through the trial: parse_date costs ~5 µs a cell, a memo hit ~0.1 µs, so even a
# column whose days mostly differ saves. A 50,000-row portfolio's filing dates (33,000 written as text, 15,000
# distinct, 1,200 of them in the first 2,000 rows) lost the memo in the trial and parsed every cell.
_ALWAYS_REMEMBERED = frozenset({_FILING, _GRANT, _FEES})


def _status_of(value: Any) -> Any:
    """Status, None (unreadable) or _BLANK."""
    if value.__class__ is str:
        return parse_status(value) if value.strip() else _BLANK
    return _BLANK if value == "" else parse_status(value)


def _type_of(value: Any) -> Any:
    """PatentType, None (unreadable) or _BLANK."""
    if value.__class__ is str:
        return parse_type(value) if value.strip() else _BLANK
    return _BLANK if value == "" else parse_type(value)


def _date_of(value: Any) -> Any:
    """A date, None (unreadable) or _BLANK."""
    if value.__class__ is datetime:
        return value.date()
    if value.__class__ is str:
        return parse_date(value) if value.strip() else _BLANK
    return _BLANK if value == "" else parse_date(value)


class RowParser:
    """Normalises the rows of one sheet: `RowParser(mapping, today).parse(cells, row_number) -> ParsedRow`.

    The mapping {column: field} is prepared once, and each column is normalised once per distinct cell value: the
    normalised form of text cells that repeat from row to row (status and type words, patentees, departments, IPC
    classes, date texts…) is remembered in a memo per column. A memo is emptied when
    it reaches MEMO_LIMIT entries, so memory stays flat; a column that hardly repeats (titles, phone numbers…)
    loses its memo after a trial (MEMO_TRIAL), since remembering would cost more than it saves. Only plain `str`
    cells are remembered (so 1, 1.0 and True never share an entry), and lists in `ParsedRow.fields` are fresh
    copies that callers may change. `today` (default: the day the parser is made) is the latest possible filing
    or grant date. Cells are what the readers give: None, str, numbers, date/datetime/time. One parser per import;
    not thread-safe.
    """

    def __init__(self, mapping: Mapping[int, str], today: date | None = None) -> None:
        self.mapping = dict(mapping)
        self.today = today or date.today()
        cols = list(self.mapping)
        fields = list(self.mapping.values())
        simple = bool(cols) and all(col.__class__ is int and col >= 0 for col in cols)
        # fast path: plain column numbers, one column per field, an application (or patent) number column
        self._fast = simple and len(set(fields)) == len(fields) and ("number" in fields or
                                                                     "patent_number" in fields)
        if self._fast:
            where = {fld: col for col, fld in self.mapping.items()}
            wanted = [where.get(fld, -1) for fld in _TAKEN]  # -1: the None put after the row's cells
            self._take = operator.itemgetter(*wanted)
            # (column, memo slot, field) of the text fields the sheet has, in TEXT_FIELDS order
            self._text_columns = tuple((where[fld], _FAST_FIELDS.index(fld), fld) for fld in TEXT_FIELDS
                                       if fld in where)
            self._min_width = max(wanted + [col for col, _, _ in self._text_columns]) + 1
        self._memos: list[dict[Any, Any] | None] = [{} for _ in _FAST_FIELDS]
        self._rows = 0

    @property
    def fast(self) -> bool:
        """Plain column numbers, one column per field, a number column: the mapping the fast path takes."""
        return self._fast

    def number_of(self, cells: Sequence[Any]) -> ApplicationNumber | None:
        """The number a row states, as `parse` reads it (the number cell, or the patent-number cell where that
        is blank), without normalising the rest of the row; None where there is none or it does not read."""
        by_field = {fld: cells[col] for col, fld in self.mapping.items()
                    if fld in ("number", "patent_number") and col.__class__ is int and 0 <= col < len(cells)}
        raw = by_field.get("number")
        if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):
            raw = by_field.get("patent_number")
        if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):
            return None
        try:
            return parse_application_number(raw)
        except InputError:
            return None

    def _remember(self, slot: int, value: str, result: Any) -> Any:
        """Put a newly normalised str cell in its column's memo (see the class notes); returns `result`."""
        memo = self._memos[slot]
        if memo is not None:
            size = len(memo)
            if size >= MEMO_LIMIT:
                memo.clear()
            elif size == MEMO_TRIAL and self._rows < 2 * MEMO_TRIAL and slot not in _ALWAYS_REMEMBERED:
                self._memos[slot] = None
                return result
            memo[value] = result
        return result

    # ---- rows ------------------------------------------------------------------------------------------------

    def parse(self, cells: Sequence[Any], row_number: int) -> ParsedRow:
        """What one sheet row says; `row_number` is the sheet row number (1-based, as Excel shows it)."""
        values = cells if isinstance(cells, list) else list(cells)
        if not self._fast or len(values) < self._min_width:
            return self._parse_any(values, row_number)
        (number_cell, patent_cell, patentees, inventors, status_cell, type_cell, filing, grant,
         paid) = self._take((*values, None))
        # the number decides whether this is a data row; without a readable one, the thorough way below
        raw = number_cell
        if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):
            raw = patent_cell
            if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):
                return self._parse_any(values, row_number)
        try:
            number = parse_application_number(raw)
        except InputError:
            return self._parse_any(values, row_number)
        self._rows += 1
        memos = self._memos
        remember = self._remember

        # The memo look-ups are written out: this runs for every row. `remember` fills the memos. Blank text cells
        # need no test of their own: their normalised form is empty and so not kept.
        out: dict[str, Any] = {}
        for col, slot, fld in self._text_columns:
            value = values[col]
            if value.__class__ is str:
                if not value:
                    continue
                memo = memos[slot]
                if memo is None:
                    text = clean_text(value)
                else:
                    text = memo.get(value)
                    if text is None:
                        text = remember(slot, value, clean_text(value))
            elif value is None:
                continue
            else:
                text = clean_text(value)
            if text:
                out[fld] = text
        if patentees is not None:
            memo = memos[_PATENTEES]
            if memo is None or patentees.__class__ is not str:
                names = split_names(patentees)
            else:
                names = memo.get(patentees)
                if names is None:
                    names = remember(_PATENTEES, patentees, split_names(patentees))
                names = names[:]  # a fresh list each row: the memo's own copy never leaves it
            if names:
                out["patentees"] = names
        if inventors is not None:
            memo = memos[_INVENTORS]
            if memo is None or inventors.__class__ is not str:
                names = split_names(inventors)
            else:
                names = memo.get(inventors)
                if names is None:
                    names = remember(_INVENTORS, inventors, split_names(inventors))
                names = names[:]
            if names:
                out["inventors"] = names
        warnings: list[Issue] = []
        if status_cell is not None:
            memo = memos[_STATUS]
            if memo is None or status_cell.__class__ is not str:
                status = _status_of(status_cell)
            else:
                status = memo.get(status_cell, memo)
                if status is memo:
                    status = remember(_STATUS, status_cell, _status_of(status_cell))
            if status is None:
                warnings.append(Issue("STATUS_UNREADABLE", {"value": _shown(status_cell)}))
            elif status is not _BLANK:
                out["status"] = status
        digits = number.digits
        kind = digits[4] if len(digits) == 12 else digits[2]
        if type_cell is not None:
            memo = memos[_TYPE]
            if memo is None or type_cell.__class__ is not str:
                stated = _type_of(type_cell)
            else:
                stated = memo.get(type_cell, memo)
                if stated is memo:
                    stated = remember(_TYPE, type_cell, _type_of(type_cell))
            if stated is None:
                warnings.append(Issue("TYPE_UNREADABLE", {"value": _shown(type_cell)}))
            elif stated is not _BLANK and stated is not KIND_DIGITS[kind]:
                warnings.append(Issue("TYPE_CONFLICT", {"value": _shown(type_cell), "number": number.canonical,
                                                        "kind": number.patent_type.zh}))
        # dates: date cells as they are; anything else through its memo (text) or parse_date
        if filing is not None and filing.__class__ is not date:
            cell, filing = filing, self._day(_FILING, filing)
            if filing is None:
                return self._rejected(row_number, values, number, warnings, "BAD_DATE", field="filing_date",
                                      value=_shown(cell))
            if filing is _BLANK:
                filing = None
        if grant is not None and grant.__class__ is not date:
            cell, grant = grant, self._day(_GRANT, grant)
            if grant is None:
                return self._rejected(row_number, values, number, warnings, "BAD_DATE", field="grant_date",
                                      value=_shown(cell))
            if grant is _BLANK:
                grant = None
        if paid is not None and paid.__class__ is not date:
            cell, paid = paid, self._day(_FEES, paid)
            if paid is None:
                paid = self._fee_years(cell, filing)
                if paid is None:
                    return self._rejected(row_number, values, number, warnings, "BAD_DATE",
                                          field="fees_paid_until", value=_shown(cell))
            elif paid is _BLANK:
                paid = None
        today = self.today
        if filing is not None:
            out["filing_date"] = filing
            if not (EARLIEST_DATE <= filing <= today):
                return self._rejected(row_number, values, number, warnings, "DATE_IMPOSSIBLE",
                                      field="filing_date", value=filing.isoformat())
        if grant is not None:
            out["grant_date"] = grant
            if not (EARLIEST_DATE <= grant <= today) or (filing is not None and grant < filing):
                return self._rejected(row_number, values, number, warnings, "DATE_IMPOSSIBLE",
                                      field="grant_date", value=grant.isoformat())
        if paid is not None:
            out["fees_paid_until"] = paid
        if filing is not None and kind not in "89" and filing.year != (
                int(digits[:4]) if len(digits) == 12 else number.filing_year):
            warnings.append(Issue("FILING_YEAR_MISMATCH", {"number": number.canonical, "date": filing.isoformat()}))
        return ParsedRow(row_number, values, number, out, None, None, warnings)

    def _day(self, slot: int, cell: Any) -> Any:
        """A date from a cell that is not a date cell: a date, None (unreadable) or _BLANK."""
        memo = self._memos[slot]
        if memo is None or cell.__class__ is not str:
            return _date_of(cell)
        day = memo.get(cell, memo)
        if day is memo:
            day = self._remember(slot, cell, _date_of(cell))
        return day

    @staticmethod
    def _fee_years(raw: Any, filing: date | None) -> date | None:
        """"第5年" / "5": fees paid for patent years 1..5 → the day before the 5th anniversary."""
        match = _YEAR_N.match(unicodedata.normalize("NFKC", _shown(raw)).replace(" ", ""))
        if match and filing is not None and 1 <= int(match[1]) <= 20:
            return day_before(add_years(filing, int(match[1])))
        return None

    @staticmethod
    def _rejected(row_number: int, values: list[Any], number: ApplicationNumber, warnings: list[Issue],
                  code: str, **params: Any) -> ParsedRow:
        return ParsedRow(row_number, values, number, {}, Issue(code, params), None, warnings)

    def _checked(self, row_number: int, values: list[Any], number: ApplicationNumber, out: dict[str, Any],
                 warnings: list[Issue], filing: date | None, grant: date | None) -> ParsedRow:
        """The date checks of a row whose cells all read; the finished ParsedRow."""
        today = self.today
        if filing is not None and not (EARLIEST_DATE <= filing <= today):
            return self._rejected(row_number, values, number, warnings, "DATE_IMPOSSIBLE", field="filing_date",
                                  value=filing.isoformat())
        if grant is not None and (not (EARLIEST_DATE <= grant <= today) or (filing is not None and grant < filing)):
            return self._rejected(row_number, values, number, warnings, "DATE_IMPOSSIBLE", field="grant_date",
                                  value=grant.isoformat())
        if filing is not None:
            digits = number.digits
            if len(digits) == 12:
                kind, year = digits[4], int(digits[:4])
            else:
                kind, year = digits[2], number.filing_year
            if kind not in "89" and filing.year != year:
                warnings.append(Issue("FILING_YEAR_MISMATCH", {"number": number.canonical,
                                                               "date": filing.isoformat()}))
        return ParsedRow(row_number, values, number, out, None, None, warnings)

    def _parse_any(self, values: list[Any], row_number: int) -> ParsedRow:
        """Every row the fast path does not take: no number, an unreadable one, skipped rows, odd mappings."""
        by_field: dict[str, Any] = {}
        width = len(values)
        for col, fld in self.mapping.items():
            if col < width:
                value = values[col]
                if value is not None and value != "" and (value.__class__ is not str or value.strip()):
                    by_field[fld] = value
        parsed = ParsedRow(row_number, values)
        if not by_field or (len(by_field) == 1 and "seq" in by_field):
            if all(is_blank(v) for v in values):
                parsed.skip = "blank"
            elif looks_like_footer(values) or not by_field:
                parsed.skip = "footer"
            else:
                parsed.skip = "blank"
            return parsed
        raw_number = by_field.get("number", by_field.get("patent_number"))
        try:
            number = parse_application_number(raw_number)
        except InputError as exc:
            # checked only when the number fails: matching every cell against the synonyms costs too much per row
            if raw_number is None or exc.code in ("NUMBER_MISSING", "NUMBER_UNREADABLE"):
                if is_repeated_header(values, self.mapping) or (raw_number is None and is_sub_header(values)):
                    parsed.skip = "header"
                    return parsed
                if looks_like_footer(values):
                    parsed.skip = "footer"
                    return parsed
            return _reject(parsed, exc.code, **exc.params)

        warnings: list[Issue] = []
        out: dict[str, Any] = {}
        get = by_field.get
        for fld in TEXT_FIELDS:
            value = get(fld)
            if value is not None:
                text = clean_text(value)
                if text:
                    out[fld] = text
        for fld in LIST_FIELDS:
            value = get(fld)
            if value is not None:
                names = split_names(value)
                if names:
                    out[fld] = names
        value = get("status")
        if value is not None:
            status = parse_status(value)
            if status is None:
                warnings.append(Issue("STATUS_UNREADABLE", {"value": _shown(value)}))
            else:
                out["status"] = status
        value = get("patent_type")
        if value is not None:
            stated = parse_type(value)
            if stated is None:
                warnings.append(Issue("TYPE_UNREADABLE", {"value": _shown(value)}))
            elif stated is not number.patent_type:
                warnings.append(Issue("TYPE_CONFLICT", {"value": _shown(value), "number": number.canonical,
                                                        "kind": number.patent_type.zh}))
        filing = grant = None
        for fld in ("filing_date", "grant_date"):
            value = get(fld)
            if value is not None:
                day = parse_date(value)
                if day is None:
                    return self._rejected(row_number, values, number, warnings, "BAD_DATE", field=fld,
                                          value=_shown(value))
                out[fld] = day
                if fld == "filing_date":
                    filing = day
                else:
                    grant = day
        raw = get("fees_paid_until")
        if raw is not None:
            paid = parse_date(raw)
            if paid is None:
                paid = self._fee_years(raw, filing)
                if paid is None:
                    return self._rejected(row_number, values, number, warnings, "BAD_DATE",
                                          field="fees_paid_until", value=_shown(raw))
            out["fees_paid_until"] = paid
        return self._checked(row_number, values, number, out, warnings, filing, grant)


_MEMO_TEXT_FIELDS = TEXT_FIELDS[1:]  # all but the title


def row_signature(parsed: ParsedRow) -> int:
    """Equal for two rows that state the same facts (used to tell harmless from contradicting duplicates).

    Only meaningful within one process (str hashes are salted per process): compare, never store."""
    fields = parsed.fields
    # the facts in the fixed order of IMPORTED_FIELDS, None where absent (a stated fact is never None)
    facts = list(map(fields.get, IMPORTED_FIELDS))
    if len(fields) + facts.count(None) != len(IMPORTED_FIELDS):  # a field outside IMPORTED_FIELDS
        return hash(tuple(sorted((key, tuple(value) if isinstance(value, list) else value)
                                 for key, value in fields.items())))
    for index in _LIST_INDEXES:
        value = facts[index]
        if value is not None:
            facts[index] = tuple(value)
    return hash(tuple(facts))


_LIST_INDEXES = tuple(IMPORTED_FIELDS.index(fld) for fld in LIST_FIELDS)


def cell_text(value: Any) -> str:
    """A cell as the user typed it, for messages and the rejected-rows file."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return _shown(value) if not isinstance(value, str) else value
