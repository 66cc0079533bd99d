"""One spreadsheet row → the facts it states, a rejection with a stable code, or a reason to skip it.

Normalising uses `domain.identifiers` and `domain.parsing`; nothing here knows about the database. Rules
(domain.md §2–3, issue 3):

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

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openlic_desktop.domain.dates import add_years, day_before
from openlic_desktop.domain.identifiers import ApplicationNumber, parse_application_number
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


@dataclass
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


def parse_row(cells: Sequence[Any], mapping: Mapping[int, str], row_number: int,
              today: date | None = None) -> ParsedRow:
    """Normalise one row according to `mapping` {column: field} (see intake.headers for field names)."""
    values = cells if isinstance(cells, list) else list(cells)
    parsed = ParsedRow(row_number, values)
    by_field: dict[str, Any] = {}
    width = len(values)
    for col, fld in mapping.items():  # inlined is_blank: this loop runs for every cell of every row
        if col < width:
            value = values[col]
            if value is not None and value != "" and (value.__class__ is not str or value.strip()):
                by_field[fld] = value
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
        parsed.number = parse_application_number(raw_number)
    except InputError as exc:
        # checked only when the number fails: matching every cell against the synonyms costs too much per row
        if raw_number is None or exc.code in ("NUMBER_MISSING", "NUMBER_UNREADABLE"):
            if is_repeated_header(values, mapping) or (raw_number is None and is_sub_header(values)):
                parsed.skip = "header"
                return parsed
            if looks_like_footer(values):
                parsed.skip = "footer"
                return parsed
        return _reject(parsed, exc.code, **exc.params)
    number = parsed.number
    today = today or date.today()

    out: dict[str, Any] = {}
    for fld in TEXT_FIELDS:
        if fld in by_field:
            text = clean_text(by_field[fld])
            if text:
                out[fld] = text
    for fld in LIST_FIELDS:
        if fld in by_field:
            names = split_names(by_field[fld])
            if names:
                out[fld] = names
    if "status" in by_field:
        status = parse_status(by_field["status"])
        if status is None:
            parsed.warnings.append(Issue("STATUS_UNREADABLE", {"value": _shown(by_field["status"])}))
        else:
            out["status"] = status
    if "patent_type" in by_field:
        stated = parse_type(by_field["patent_type"])
        if stated is None:
            parsed.warnings.append(Issue("TYPE_UNREADABLE", {"value": _shown(by_field["patent_type"])}))
        elif stated is not number.patent_type:
            parsed.warnings.append(Issue("TYPE_CONFLICT", {"value": _shown(by_field["patent_type"]),
                                                           "number": number.canonical,
                                                           "kind": number.patent_type.zh}))

    for fld in ("filing_date", "grant_date"):
        if fld in by_field:
            value = parse_date(by_field[fld])
            if value is None:
                return _reject(parsed, "BAD_DATE", field=fld, value=_shown(by_field[fld]))
            out[fld] = value
    if "fees_paid_until" in by_field:
        raw = by_field["fees_paid_until"]
        value = parse_date(raw)
        if value is None:
            # "第5年" / "5": fees paid for patent years 1..5 → the day before the 5th anniversary
            match = _YEAR_N.match(unicodedata.normalize("NFKC", _shown(raw)).replace(" ", ""))
            filing = out.get("filing_date")
            if match and filing is not None and 1 <= int(match[1]) <= 20:
                value = day_before(add_years(filing, int(match[1])))
            else:
                return _reject(parsed, "BAD_DATE", field="fees_paid_until", value=_shown(raw))
        out["fees_paid_until"] = value

    for fld in ("filing_date", "grant_date"):
        value = out.get(fld)
        if value is not None and not (EARLIEST_DATE <= value <= today):
            return _reject(parsed, "DATE_IMPOSSIBLE", field=fld, value=value.isoformat())
    if out.get("filing_date") and out.get("grant_date") and out["grant_date"] < out["filing_date"]:
        return _reject(parsed, "DATE_IMPOSSIBLE", field="grant_date", value=out["grant_date"].isoformat())
    filing = out.get("filing_date")
    if filing is not None and number.kind_digit not in "89" and filing.year != number.filing_year:
        parsed.warnings.append(Issue("FILING_YEAR_MISMATCH", {"number": number.canonical,
                                                              "date": filing.isoformat()}))
    parsed.fields = out
    return parsed


def row_signature(parsed: ParsedRow) -> int:
    """Equal for two rows that state the same facts (used to tell harmless from contradicting duplicates)."""
    items = []
    for key in sorted(parsed.fields):
        value = parsed.fields[key]
        items.append((key, tuple(value) if isinstance(value, list) else value))
    return hash(tuple(items))


def cell_text(value: Any) -> str:
    """A cell as the user typed it, for messages and the rejected-rows file."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return _shown(value) if not isinstance(value, str) else value
