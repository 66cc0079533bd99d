"""The licence information table (专利许可信息表): the profile's own layout, or the bureau's blank template filled in.

Rows come in as plain dicts {field: value} with the fields of `domain.profiles.TABLE_FIELDS` (values: str, int,
Decimal, date, list of str or None). Two writers:

* `write_profile_table` — xlsxwriter, the profile's sheet name, title rows (merged), header row, column widths.
* `inspect_template` + `fill_template` — openpyxl on the user's blank bureau spreadsheet: its header row is found
  with the import's synonym machinery (intake.headers, passed in by services/export.py since documents may not
  import intake), the user's corrections (profile.template_mapping) win,
  rows are written under the header with the style of the template's first data row; title rows, formatting,
  merged cells, data validation and the other sheets stay as they were. Anything below the header (notes, a
  signature footer) is moved down, not overwritten. (openpyxl drops images and charts of a template: a bureau
  template with a logo loses it — said in the README.)

Nothing we write is ever a formula: text is written as a string cell whatever its first character (pitfalls.md
§7), and text starting with = + - @ also gets Excel's quote prefix, so that re-entering the cell keeps it text.
Both return bytes made reproducible (`ooxml.reproducible`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openlic_desktop.documents import print_setup
from openlic_desktop.documents.date_lines import seal_block, signers, signing_date
from openlic_desktop.documents.ooxml import clean_text, looks_like_formula, reproducible
from openlic_desktop.domain.profiles import TABLE_FIELDS, TableLayout
from openlic_desktop.support import archive_limits
from openlic_desktop.support.errors import InputError

MAX_CELL = 32767  # Excel's limit on characters in a cell
FOOTER_COMMITMENT = ("承诺：以上信息真实、准确、完整。专利权人承诺按照上述许可条件实行开放许可，接受许可条件的任何单位"
                     "或者个人均可以获得许可。")
# a table that names no patentee cannot say whether a unit seals or a person signs: 签章 (either), as CNIPA's
# forms write it
UNNAMED_SEAL = "专利权人（签章）："

def fmt_of(fld: str) -> str:
    return TABLE_FIELDS.get(fld, ("", "", "text"))[2]


def display_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "；".join(str(v) for v in value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(str(value))[:MAX_CELL]


def _fill(text: str, context: Mapping[str, Any]) -> str:
    out = text
    for key, value in context.items():
        out = out.replace("{" + key + "}", str(value))
    return out


def footer_seal_blocks(rows: Sequence[Mapping[str, Any]], people: frozenset[str]) -> list[list[str]]:
    """The seal blocks under the table's commitment: every patentee the rows name, once, each with a block of its
    own as the commitment letter and the declaration have it — an organisation seals (with its signatory's line),
    a natural person (`people`: recorded with an ID or passport number) signs."""
    def names(value: Any) -> list[str]:
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return [] if value is None else [str(value)]

    named = signers(name for row in rows for name in names(row.get("patentees")))
    if not named:
        return [[UNNAMED_SEAL, signing_date(None)]]
    return [seal_block("专利权人", name, None, person=name in people) for name in named]


# ---------------------------------------------------------------------------------------------- profile layout
def write_profile_table(layout: TableLayout, rows: Sequence[Mapping[str, Any]], context: Mapping[str, Any],
                        moment: datetime, people: frozenset[str] = frozenset()) -> bytes:
    """The information table in the profile's own layout, as xlsx bytes. `people`: the patentees who are natural
    persons (they sign the footer where an organisation seals it)."""
    import xlsxwriter

    buffer = io.BytesIO()
    # strings_to_formulas/urls/numbers off: a string is a string (pitfalls.md §7)
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    book.set_properties({"title": "专利开放许可信息表", "author": str(context.get("office", "")),
                         "created": moment.replace(microsecond=0, tzinfo=None)})
    sheet = book.add_worksheet(layout.sheet)
    base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}
    title_fmt = book.add_format({"font_name": "宋体", "bold": True, "font_size": 14, "align": "center",
                                 "valign": "vcenter"})
    sub_fmt = book.add_format({"font_name": "宋体", "font_size": 10, "align": "left", "valign": "vcenter"})
    head_fmt = book.add_format(base | {"bold": True, "align": "center", "bg_color": "#D9E1F2"})
    text_fmt = book.add_format(base | {"num_format": "@"})
    quoted_fmt = book.add_format(base | {"num_format": "@", "quote_prefix": True})
    date_fmt = book.add_format(base | {"num_format": layout.date_format, "align": "center"})
    int_fmt = book.add_format(base | {"num_format": "0", "align": "center"})
    money_fmt = book.add_format(base | {"num_format": "#,##0.00"})
    ncols = len(layout.columns)
    for r, title in enumerate(layout.title_rows):
        text = display_text(_fill(title, context))
        if ncols > 1:
            sheet.merge_range(r, 0, r, ncols - 1, "", title_fmt if r == 0 else sub_fmt)
        sheet.write_string(r, 0, text, title_fmt if r == 0 else sub_fmt)
        sheet.set_row(r, 28 if r == 0 else 20)
    hr = len(layout.title_rows)
    for c, col in enumerate(layout.columns):
        sheet.set_column(c, c, col.width)
        sheet.write_string(hr, c, display_text(col.header), head_fmt)
    if layout.freeze_header:
        sheet.freeze_panes(hr + 1, 0)
    formats = {"date": date_fmt, "int": int_fmt, "money": money_fmt}
    last = hr
    for i, row in enumerate(rows, start=hr + 1):
        last = i
        for c, col in enumerate(layout.columns):
            value = row.get(col.field)
            kind = col.format
            if kind == "date" and isinstance(value, date):
                sheet.write_datetime(i, c, datetime.combine(value, time()) if not isinstance(value, datetime)
                                     else value, formats["date"])
            elif kind == "int" and isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(i, c, value, formats["int"])
            elif kind == "money" and isinstance(value, (Decimal, int)):
                # Excel holds numbers as doubles; two-place CNY amounts below 10^13 survive exactly
                sheet.write_number(i, c, float(value), formats["money"])
            else:
                text = display_text(value)
                sheet.write_string(i, c, text, quoted_fmt if looks_like_formula(text) else text_fmt)
    if layout.commitment_footer:
        # the patentees confirm the table as the bureau publishes it: a commitment, then each one's seal block
        # (a blank row before each)
        footer_fmt = book.add_format({"font_name": "宋体", "font_size": 10, "text_wrap": True, "valign": "top"})
        lines: list[str | None] = [FOOTER_COMMITMENT]
        for block in footer_seal_blocks(rows, people):
            lines += [None, *block]
        for offset, line in enumerate(lines, start=2):
            if line is None:
                continue
            row = last + offset
            if ncols > 1:
                sheet.merge_range(row, 0, row, ncols - 1, "", footer_fmt)
            sheet.write_string(row, 0, clean_text(line), footer_fmt)
            sheet.set_row(row, 30 if offset == 2 else 22)
    print_setup.xlsxwriter_sheet(sheet, hr + 1)
    book.close()
    return reproducible(buffer.getvalue(), moment)


# ---------------------------------------------------------------------------------------------- bureau template
@dataclass
class TemplateMapping:
    """Where the header of a bureau's blank template is and which of our fields fills each column.

    A header may span two rows: a group caption merged over sub-headers (许可条件 over 支付方式 / 支付标准 /
    许可期限), the other captions merged down over both rows. `header_top` is its first row, `header_row` its last;
    our rows go below `header_row`. `headers` holds what each column says (the sub-header under a group)."""

    sheet: str
    header_row: int                                       # 1-based, the header's last row
    columns: dict[int, str] = field(default_factory=dict)  # 1-based column → field
    headers: dict[int, str] = field(default_factory=dict)  # 1-based column → header text as printed
    unmapped: list[str] = field(default_factory=list)      # header texts no field was found for
    header_top: int = 0                                    # 1-based, the header's first row (0: header_row)
    groups: dict[int, str] = field(default_factory=dict)   # 1-based column → the group caption above it
    active_content: list[str] = field(default_factory=list)  # formulas, links the filled copy will not keep

    def __post_init__(self) -> None:
        if not self.header_top:
            self.header_top = self.header_row

    def as_saved(self) -> dict[str, str]:
        """header text → field, the form kept in the profile (template_mapping)."""
        return {self.headers[c]: f for c, f in sorted(self.columns.items())}


def _open_template(path: Path):
    """The bureau's workbook, after the import's limits: file size, zip bomb, and every sheet's used range (a
    cell at XFD1048576 would have openpyxl walk 17 billion cells) — FILE_TOO_LARGE naming what was found."""
    import openpyxl

    try:
        archive_limits.check_file_size(path)
        archive_limits.check_zip(path)
        for sheet, used in archive_limits.workbook_used_ranges(path).items():
            archive_limits.check_used_range(path, sheet, used)
    except FileNotFoundError:
        raise InputError("FILE_NOT_FOUND", path=str(path)) from None
    except InputError as exc:
        if exc.code == "FILE_CORRUPT":
            raise InputError("TEMPLATE_UNREADABLE", path=str(path), reason=exc.params.get("reason", "")) from None
        raise
    try:
        return openpyxl.load_workbook(path)
    except FileNotFoundError:
        raise InputError("FILE_NOT_FOUND", path=str(path)) from None
    except Exception as exc:  # noqa: BLE001 — BadZipFile, KeyError, InvalidFileException…: not an xlsx we can read
        raise InputError("TEMPLATE_UNREADABLE", path=str(path), reason=type(exc).__name__ + ": " + str(exc)) from None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def header_span(sheet: Any, found: int) -> tuple[int, int]:
    """The header's first and last row (1-based) around the row the header detection found: a group caption
    merged across columns with sub-headers below it makes a two-row header (the detection may have found either
    of the two rows)."""
    merges = list(sheet.merged_cells.ranges)

    def groups_in(row: int) -> list:
        return [m for m in merges if m.min_row == row == m.max_row and m.max_col > m.min_col]

    def has_sub_headers(top: int) -> bool:
        return any(_text(sheet.cell(top + 1, c).value) for m in groups_in(top)
                   for c in range(m.min_col, m.max_col + 1))

    if has_sub_headers(found):
        return found, found + 1
    if found > 1 and has_sub_headers(found - 1):
        return found - 1, found
    return found, found


def inspect_template(path: str | Path, match: Callable[[str], str | None],
                     find_header: Callable[[list[list[Any]]], int | None]) -> TemplateMapping:
    """Find the header row of a blank bureau template and map its columns to our fields.

    The header knowledge is the import's (intake.headers), handed in by the service layer: `find_header(rows)`
    gives the 0-based header row among the first rows (None: not this sheet), `match(text)` our field for a
    header text (None: unknown). Documents do not import intake (layers contract)."""
    path = Path(path)
    book = _open_template(path)
    active = active_content(book)
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(min_row=1, max_row=30, values_only=True)]
        index = find_header(rows)
        if index is None:
            continue
        top, bottom = header_span(sheet, index + 1)
        mapping = TemplateMapping(sheet.title, bottom, header_top=top, active_content=active)
        group_of: dict[int, str] = {}
        for m in sheet.merged_cells.ranges:
            if m.min_row == top == m.max_row and m.max_col > m.min_col and bottom > top:
                for c in range(m.min_col, m.max_col + 1):
                    group_of[c] = _text(sheet.cell(top, m.min_col).value)
        for c in range(1, sheet.max_column + 1):
            sub = _text(sheet.cell(bottom, c).value) if c in group_of else ""
            text = sub or _text(sheet.cell(top, c).value)
            if not text:
                continue
            mapping.headers[c] = text
            if sub:
                mapping.groups[c] = group_of[c]
            fld = match(text)
            if fld is None or fld not in TABLE_FIELDS:
                mapping.unmapped.append(text)
            else:
                mapping.columns[c] = fld
        return mapping
    raise InputError("TEMPLATE_NO_HEADER", path=str(path))


# A bureau's template is someone else's file: a formula in it could send the patent data we fill in to a web
# address (=WEBSERVICE("http://…"&C4)), a hyperlink or an external link could do the same when opened. The filled
# copy keeps none of them; the user is told which cells lost what.
_ACTIVE = ("WEBSERVICE", "FILTERXML", "HYPERLINK", "RTD", "CALL", "REGISTER", "[")


def _is_formula(cell) -> bool:
    return cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))


def active_content(book: Any) -> list[str]:
    """Where the workbook has formulas, hyperlinks, external links or active defined names (sheet!cell …)."""
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if _is_formula(cell) or cell.hyperlink is not None:
                    found.append(f"{sheet.title}!{cell.coordinate}")
    found.extend(f"externalLink{i}" for i, _ in enumerate(getattr(book, "_external_links", []), 1))
    for name in list(book.defined_names.values()) if hasattr(book.defined_names, "values") else []:
        text = str(getattr(name, "attr_text", "") or "").upper()
        if any(word in text for word in _ACTIVE):
            found.append(f"name:{name.name}")
    return found


def _strip_active_content(book: Any) -> None:
    """Remove formulas, hyperlinks, external links, active defined names, and conditional formats and data
    validations that call out (see _ACTIVE)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if _is_formula(cell):
                    cell.value = None
                if cell.hyperlink is not None:
                    cell.hyperlink = None
        for validation in list(sheet.data_validations.dataValidation):
            formulas = f"{validation.formula1 or ''} {validation.formula2 or ''}".upper()
            if any(word in formulas for word in _ACTIVE):
                sheet.data_validations.dataValidation.remove(validation)
        for rng in list(sheet.conditional_formatting):
            rules = [r for r in rng.rules if not any(word in " ".join(r.formula or []).upper() for word in _ACTIVE)]
            if len(rules) != len(rng.rules):
                rng.rules[:] = rules
    book._external_links = []
    if hasattr(book.defined_names, "values"):
        for name in list(book.defined_names.values()):
            text = str(getattr(name, "attr_text", "") or "").upper()
            if any(word in text for word in _ACTIVE):
                del book.defined_names[name.name]


def _set_text(cell, text: str) -> None:
    cell.value = text
    cell.data_type = "s"  # openpyxl takes any string starting with "=" for a formula otherwise
    if looks_like_formula(text):
        cell.quotePrefix = True


AUTO_WIDTH_MAX = 30  # characters: wider text wraps; the sheet still fits one landscape page across


def _display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a Chinese character takes two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _width_set(sheet: Any, col: int) -> bool:
    """Whether the template gives column `col` a width of its own (a dimension may span several columns)."""
    return any(d.min is not None and d.max is not None and d.min <= col <= d.max and d.customWidth
               for d in list(sheet.column_dimensions.values()))


def _fit_columns(sheet: Any, columns: Sequence[int], rows: range) -> None:
    """Every filled cell wraps (its other alignment as the template has it); a column the template left at the
    default width gets room for what we wrote there, up to AUTO_WIDTH_MAX. Printed at the default width, a
    patent number or a licence term was cut off at the cell's edge."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    unset = [c for c in columns if not _width_set(sheet, c)]
    for c in columns:
        widest = 0
        for r in rows:
            cell = sheet.cell(r, c)
            if not cell.alignment.wrap_text:
                a = cell.alignment
                cell.alignment = Alignment(horizontal=a.horizontal, vertical=a.vertical, text_rotation=a.text_rotation,
                                           wrap_text=True, shrink_to_fit=a.shrink_to_fit, indent=a.indent)
            if cell.value is not None:
                text = cell.value.isoformat() if isinstance(cell.value, date) else str(cell.value)
                widest = max(widest, _display_width(text))
        if c in unset and widest:
            sheet.column_dimensions[get_column_letter(c)].width = min(max(widest + 2, 8), AUTO_WIDTH_MAX)


def fill_template(path: str | Path, mapping: TemplateMapping, rows: Sequence[Mapping[str, Any]],
                  moment: datetime, date_format: str = "yyyy-mm-dd") -> bytes:
    """The bureau's template with our rows under its header; everything else of the workbook kept — title rows,
    formatting, a two-row header with its merges, notes and footers (moved down), other sheets — except its
    formulas, hyperlinks and external links (`active_content`), which the filled copy does not carry."""
    path = Path(path)
    book = _open_template(path)
    _strip_active_content(book)
    sheet = book[mapping.sheet]
    first = mapping.header_row + 1
    # the template's first data row gives each column its style (borders, fonts, number formats)
    styles = {c: copy(sheet.cell(first, c)._style) for c in mapping.headers}
    heights = sheet.row_dimensions[first].height
    n = len(rows)
    last = sheet.max_row
    below = [r for r in range(first, last + 1)
             if any(cell.value not in (None, "") for cell in sheet[r])]
    if below and n:
        # notes or a footer under the header: move them (with their merges) below our rows, never overwrite
        start = below[0]
        shift = n - (start - first)
        if shift > 0:
            merges = [m for m in sheet.merged_cells.ranges if m.min_row >= start]
            for m in merges:
                sheet.merged_cells.remove(m)
            sheet.move_range(f"A{start}:{sheet.cell(last, sheet.max_column).coordinate}", rows=shift)
            for m in merges:
                m.shift(0, shift)
                sheet.merged_cells.add(m)
    for i, row in enumerate(rows):
        r = first + i
        if heights:
            sheet.row_dimensions[r].height = heights
        for c in mapping.headers:
            cell = sheet.cell(r, c)
            cell._style = copy(styles[c])
            fld = mapping.columns.get(c)
            if fld is None:
                continue
            value = row.get(fld)
            kind = fmt_of(fld)
            if kind == "date" and isinstance(value, date):
                cell.value = value if not isinstance(value, datetime) else value.date()
                cell.number_format = date_format
            elif kind == "int" and isinstance(value, int) and not isinstance(value, bool):
                cell.value = value
            elif kind == "money" and isinstance(value, (Decimal, int)):
                cell.value = float(value)
                cell.number_format = "#,##0.00"
            else:
                _set_text(cell, display_text(value))
    _fit_columns(sheet, sorted(mapping.headers), range(first, first + n))
    print_setup.openpyxl_sheet(sheet, mapping.header_row)
    book.properties.creator = book.properties.creator or "OpenLic Desktop"
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), moment)
