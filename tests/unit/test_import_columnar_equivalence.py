"""The columnar lane of the spreadsheet import (`intake.columnar`) gives EXACTLY the row path's outcome.

Every test writes a real .xlsx with xlsxwriter (typed cells: text, numbers, date cells, datetime cells with a
time, booleans, blanks, rich text, formulas with a cached value…; a few with openpyxl), imports it into two fresh
workspaces on real SQLite — once with the lane (`columnar.ENABLED = True`) and once without (the row path alone) —
on the same day, and compares everything an import leaves:

* the ImportResult: counts, skipped rows, every rejection and warning (row, code, params, the original cells with
  their types) in sheet-row order (and, for a first import, in the order given), and with `details=True` the
  new / changed / unchanged rows;
* the patents table row by row, keyed by application number: every column (its value and its SQLite type) but
  id, created_at, updated_at, import_digest and the source ids; the JSON lists both decoded and as stored text;
  import_fields (the stated-fields mask that goes with a row digest) where both rows have a digest;
* the audit trail (who, source, entity, action, field, old, new per entity key; the numbers named by the
  per-chunk "create … patents" records as a multiset, since the lane may chunk differently) and its hash chain;
* the import history row, the schema (no staging table or paused index left behind) and SQLite's integrity.

A spy on `RowParser.parse` checks that the lane really took rows (a comparison that never uses the lane proves
nothing). Each divergence found has its own test with the smallest file that shows it (a strict xfail until it is
fixed; the random tests then draw cells without it, `_without_known_divergences`).
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_samples import number, old_number, wrong_check
from sqlalchemy import text

from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.intake import columnar, records
from openlic_desktop.services import importing, portfolio
from openlic_desktop.services.importing import judge
from openlic_desktop.services.workspace import Workspace, open_workspace
from openlic_desktop.storage import audit
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)
HEADER = ["序号", "申请号", "发明名称", "专利类型", "申请日", "授权公告日", "专利权人", "发明人", "法律状态", "年费缴至",
          "学院", "主分类号", "所属行业", "联系人", "联系电话"]
COLUMNS = ("seq", "number", "title", "type", "filed", "granted", "patentees", "inventors", "status", "paid",
           "dept", "ipc", "industry", "person", "phone")
COL = {name: i for i, name in enumerate(COLUMNS)}
TITLE_ROWS: list[list[Any]] = [["某某大学专利清单（截至2026年11月）"], ["说明：本表由科研院知识产权办公室导出"], []]
FIRST_DATA_ROW = len(TITLE_ROWS) + 2  # sheet row (1-based) of the first body row

# ---------------------------------------------------------------------------------------------------------------
# Cells and files
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fmt:
    """A value written with an explicit number format (a date shown as yyyy/m/d, a serial shown as a number…)."""

    value: Any
    num_format: str


@dataclass(frozen=True)
class Formula:
    """A formula with the result Excel cached for it (what the readers see)."""

    formula: str
    cached: Any


@dataclass(frozen=True)
class Rich:
    """A rich string: runs of text in alternating formats (readers join the runs)."""

    parts: tuple[str, ...]


class _StyledBlank:
    """A cell with a format and no value (Excel keeps it: a coloured empty cell)."""

    def __repr__(self) -> str:
        return "STYLED_BLANK"


STYLED_BLANK = _StyledBlank()


def write_book(path: Path, body: list[list[Any]], *, header: list[Any] | None = None,
               titles: list[list[Any]] | None = None, sheet: str = "专利清单",
               before: dict[str, list[list[Any]]] | None = None, top: int = 0, left: int = 0,
               **workbook_options: Any) -> Path:
    """A real .xlsx: `titles` (default TITLE_ROWS, the first merged over 8 columns), the header (default HEADER),
    then `body`, starting `top` rows down and `left` columns right (nothing written above or left of it: the
    sheet's used range then starts there); optional sheets of plain rows placed before the table's sheet;
    `workbook_options` go to xlsxwriter (constant_memory, as the benchmark writes; date_1904…)."""
    header = HEADER if header is None else header
    titles = TITLE_ROWS if titles is None else titles
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                           "strings_to_urls": False, **workbook_options})
    formats: dict[str, Any] = {}

    def fmt(spec: str) -> Any:
        if spec not in formats:
            formats[spec] = book.add_format({"bold": True} if spec == "bold" else {"num_format": spec})
        return formats[spec]

    def put(ws: Any, r: int, c: int, value: Any) -> None:
        if value is None:
            return
        if value is STYLED_BLANK:
            ws.write_blank(r, c, None, fmt("@"))
        elif isinstance(value, Fmt):
            v = value.value
            if isinstance(v, (date, datetime, time)):
                ws.write_datetime(r, c, v, fmt(value.num_format))
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v, fmt(value.num_format))
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v, fmt(value.num_format))
            else:
                ws.write_string(r, c, str(v), fmt(value.num_format))
        elif isinstance(value, Formula):
            ws.write_formula(r, c, value.formula, None, value.cached)
        elif isinstance(value, Rich):
            args: list[Any] = []
            for i, part in enumerate(value.parts):
                args += [fmt("bold"), part] if i % 2 == 0 else [part]
            ws.write_rich_string(r, c, *args)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value)
        elif isinstance(value, datetime):
            ws.write_datetime(r, c, value, fmt("yyyy-mm-dd hh:mm:ss"))
        elif isinstance(value, date):
            ws.write_datetime(r, c, value, fmt("yyyy-mm-dd"))
        elif isinstance(value, time):
            ws.write_datetime(r, c, value, fmt("hh:mm:ss"))
        elif isinstance(value, str):
            if value:
                ws.write_string(r, c, value)
        else:
            raise TypeError(f"no cell for {value!r}")

    for name, rows in (before or {}).items():
        other = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                put(other, r, c, value)
    ws = book.add_worksheet(sheet)
    rows = [*titles, header, *body]
    for r, row in enumerate(rows):
        if r == 0 and titles and len(titles[0]) == 1 and isinstance(titles[0][0], str):
            ws.merge_range(top, left, top, left + 7, titles[0][0])
            continue
        for c, value in enumerate(row):
            put(ws, top + r, left + c, value)
    book.close()
    return path


def write_book_openpyxl(path: Path, body: list[list[Any]], *, iso_dates: bool = False) -> Path:
    """The same table saved by openpyxl, as tools built on it save files: strings inline, dates as numbers with a
    date format — or, with `iso_dates`, as ISO 8601 text cells (t="d"), which python-calamine reads as dates
    and times and fastexcel renders as the ISO text. (Wrapped cells are written as their plain value.)"""
    import openpyxl

    book = openpyxl.Workbook()
    book.iso_dates = iso_dates
    ws = book.active
    ws.title = "专利清单"
    for r, values in enumerate([*TITLE_ROWS, HEADER, *body], start=1):
        for c, value in enumerate(values, start=1):
            if isinstance(value, Fmt):
                value = value.value
            elif isinstance(value, Formula):
                value = value.cached
            elif isinstance(value, Rich):
                value = "".join(value.parts)
            elif value is STYLED_BLANK:
                value = None
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
    book.save(path)
    return path


def row(number: Any = None, **cells: Any) -> list[Any]:
    """A body row: the number cell and any other cells by COLUMNS name (trailing empty cells left off)."""
    out: list[Any] = [None] * len(COLUMNS)
    out[COL["number"]] = number
    for name, value in cells.items():
        out[COL[name]] = value
    while out and out[-1] is None:
        out.pop()
    return out




def fullwidth(value: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in value)


_serials = itertools.count(1)


def fresh(year: int = 2021, kind: int = 1) -> str:
    """A valid application number not used before in this test session."""
    return number(year, kind, 3_000_000 + next(_serials))


TYPE_WORDS = {1: "发明", 2: "实用新型", 3: "外观设计", 8: "发明", 9: "实用新型"}


def plain(n: str, seq: Any = None, **over: Any) -> list[Any]:
    """A row every reader agrees on: the lane's kind of row (unless `over` makes it otherwise)."""
    try:
        parsed = parse_application_number(n)
        digits = parsed.digits
        year, kind = parsed.filing_year, int(digits[4] if len(digits) == 12 else digits[2])
    except (InputError, TypeError, ValueError):  # not a number (a rejected row): any facts will do
        digits, year, kind = "000000", 2021, 1
    filed = date(year, 3, 5)
    cells = {"seq": seq, "title": f"一种测试用方法及装置{digits[-6:]}", "type": TYPE_WORDS[kind], "filed": filed,
             "granted": date(min(year + 2, 2025), 4, 1), "patentees": "某某大学；杭州某某科技有限公司",
             "inventors": "张三、李四", "status": "有效", "paid": date(2026, 3, 4), "dept": "计算机学院",
             "ipc": "G06F 16/00", "industry": "软件和信息技术服务业", "person": "赵老师", "phone": "0571-88888888"}
    cells.update(over)
    return row(n, **cells)


def plain_rows(count: int, year: int = 2022, kind: int = 1) -> list[list[Any]]:
    return [plain(fresh(year, kind), seq=i + 1) for i in range(count)]


# ---------------------------------------------------------------------------------------------------------------
# Workspaces, imports, snapshots, comparison
# ---------------------------------------------------------------------------------------------------------------

_TEMPLATE: dict[str, Path] = {}  # "dir": where the migrated empty database is kept for this session


def new_workspace(folder: Path, name: str) -> Workspace:
    """A fresh migrated workspace at folder/name: a copy of one migrated empty database (migrating every one of
    the hundreds of workspaces these tests open would cost more than the imports), opened by open_workspace."""
    template = _TEMPLATE["dir"] / "template.sqlite3"
    if not template.exists():
        open_workspace(template, user="tester").close()
        assert not Path(f"{template}-wal").exists() or Path(f"{template}-wal").stat().st_size == 0
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(template, target)
    return open_workspace(target, user="tester")


class ParseSpy:
    """Counts the rows the row path normalised (RowParser.parse is wrapped, not replaced)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = records.RowParser.parse

        def spy(parser: Any, cells: Any, row_number: int) -> Any:
            self.count += 1
            return real(parser, cells, row_number)

        monkeypatch.setattr(records.RowParser, "parse", spy)


def run_import(monkeypatch: pytest.MonkeyPatch, ws: Workspace, path: Path, lane: bool, spy: ParseSpy | None = None,
               **options: Any) -> tuple[importing.ImportResult, int]:
    """One import with the lane on or off; returns the result and the rows the row path normalised."""
    monkeypatch.setattr(columnar, "ENABLED", lane)
    before = spy.count if spy is not None else 0
    options.setdefault("today", TODAY)
    try:
        result = importing.run(ws, path, **options)
    finally:
        monkeypatch.setattr(columnar, "ENABLED", True)
    return result, (spy.count - before) if spy is not None else -1


def typed(value: Any) -> Any:
    """A value with its type, so that 1, 1.0, True and '1' never compare equal."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def result_view(res: importing.ImportResult) -> dict[str, Any]:
    def notes(items: list[importing.RowNote]) -> list[tuple[Any, ...]]:
        return [(n.row, n.code, typed(n.params), typed(n.values), n.number) for n in items]

    def changes(items: list[importing.RowChange]) -> list[tuple[Any, ...]]:
        return sorted((r.row, r.number, r.title, [(c.field, c.old, c.new) for c in r.changes]) for r in items)

    return {
        "file_name": res.file_name, "sha256": res.sha256, "sheet": res.sheet, "header_row": res.header_row,
        "headers": res.headers, "mapping": res.mapping, "dry_run": res.dry_run, "rows_read": res.rows_read,
        "created": res.created, "updated": res.updated, "unchanged": res.unchanged, "rejected": res.rejected,
        "skipped": dict(res.skipped), "rejections": notes(res.rejections), "warnings": notes(res.warnings),
        "new_rows": changes(res.new_rows), "changed_rows": changes(res.changed_rows),
        "unchanged_rows": changes(res.unchanged_rows), "errors_file": res.errors_file is not None,
        "source_id_given": res.source_id is not None,
    }


EXCLUDED_COLUMNS = {"id", "created_at", "updated_at", "import_digest", "source_id", "created_source_id"}


@dataclass
class DbView:
    patents: dict[str, dict[str, Any]]
    created: Counter           # "action number" named by the "create … patents" (and undo) records
    create_records: set        # (user, source, entity_key, action) of those records
    others: dict[tuple[str, str], list[tuple[Any, ...]]]  # every other audit record, by (entity, entity key)
    sources: list[tuple[Any, ...]]
    schema: list[tuple[Any, ...]]


def db_view(ws: Workspace, excluded: set[str] = EXCLUDED_COLUMNS) -> DbView:
    with ws.reading() as s:
        cur = s.execute(text("SELECT * FROM patents"))
        cols = list(cur.keys())
        patents: dict[str, dict[str, Any]] = {}
        for values in cur:
            raw = dict(zip(cols, values, strict=True))
            view = {c: typed(v) for c, v in raw.items() if c not in excluded}
            view["(has a row digest)"] = raw.get("import_digest") is not None
            for c in ("patentees", "inventors"):
                view[f"{c} (decoded)"] = json.loads(raw[c]) if raw[c] is not None else None
            patents[raw["application_number"]] = view
        created: Counter = Counter()
        create_records: set = set()
        others: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
        for user, source, entity, key, action, fld, old, new in s.execute(text(
                'SELECT "user", source, entity, entity_key, action, field, old, new FROM audit_log ORDER BY id')):
            if entity == "import" and fld == "patents":  # numbers a create (or an undo) record names
                created.update(f"{action} {n}" for n in json.loads(new if action == "create" else old))
                create_records.add((user, source, key, action))
            else:
                others[(entity, key)].append((user, source, action, fld, typed(old), typed(new)))
        sources = [tuple(r) for r in s.execute(text(
            'SELECT file_name, sha256, sheet, rows_read, created, updated, unchanged, rejected, "user", parsed_on, '
            "undone_at IS NOT NULL, undone_by FROM import_sources ORDER BY id"))]
        schema = sorted(tuple(r) for r in s.execute(text(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")))
        _checked, breaks = audit.verify(s)
        assert breaks == [], f"audit chain broken: {breaks}"
        assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert s.execute(text("PRAGMA foreign_key_check")).all() == []
    return DbView(patents, created, create_records, dict(others), sources, schema)


def full_dump(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import writes, as stored (ids, times and hashes included)."""
    with ws.reading() as s:
        return {table: [tuple(r) for r in s.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
                for table in ("patents", "audit_log")} | {
            "schema": sorted(tuple(r) for r in s.execute(text("SELECT type, name, sql FROM sqlite_master")))}


def assert_same_result(lane: importing.ImportResult, ref: importing.ImportResult, in_order: bool = False) -> None:
    """Rejections and warnings are compared in sheet-row order; with `in_order` also in the order given. (The row
    path itself does not keep sheet order once row digests are stored: a DUPLICATE_CONFLICT whose first row was
    recognised by its digest is found when its chunk is written, after later rejections — and the lane's digests
    are not the row path's, so after an earlier import the order may differ with nothing else.)"""
    a, b = result_view(lane), result_view(ref)
    for key in ("rejections", "warnings"):
        assert sorted(a[key], key=_by_row) == sorted(b[key], key=_by_row), f"ImportResult.{key}: lane != row path"
        if in_order:
            assert a[key] == b[key], f"ImportResult.{key}: same notes, other order (lane != row path)"
        a[key], b[key] = sorted(a[key], key=_by_row), sorted(b[key], key=_by_row)
    for key in b:
        assert a[key] == b[key], f"ImportResult.{key}: lane != row path"


def _by_row(note: tuple[Any, ...]) -> tuple[Any, ...]:
    return note[0], note[1], repr(note)


def assert_same_db(lane: DbView, ref: DbView) -> None:
    assert sorted(lane.patents) == sorted(ref.patents), "patents: other application numbers (lane != row path)"
    # Row digests (import_digest) differ by design: the lane's digest hashes the cells' texts, and a row the lane
    # leaves to the row path gets none when a cell is ambiguous (it is then parsed again on the next import: the
    # same outcome, only slower). The stated-fields mask (import_fields) goes with the digest: compared where both
    # rows have one.
    digest_only = {"(has a row digest)", "import_fields"}
    diffs = [(n, c, lane.patents[n].get(c), ref.patents[n].get(c))
             for n in sorted(ref.patents) for c in sorted(set(ref.patents[n]) | set(lane.patents[n]))
             if lane.patents[n].get(c) != ref.patents[n].get(c)
             and (c not in digest_only or (c == "import_fields" and lane.patents[n]["(has a row digest)"]
                                           and ref.patents[n]["(has a row digest)"]))]
    assert diffs == [], "patents (number, column, lane, row path) differ"
    assert lane.created == ref.created, "audit: numbers created (lane != row path)"
    assert lane.create_records == ref.create_records, "audit: create records (lane != row path)"
    assert lane.others == ref.others, "audit: other records (lane != row path)"
    assert lane.sources == ref.sources, "import_sources (lane != row path)"
    assert lane.schema == ref.schema, "schema (lane != row path): a staging table or a paused index left?"


@dataclass
class Compared:
    lane: importing.ImportResult
    ref: importing.ImportResult
    lane_ws: Workspace
    ref_ws: Workspace
    lane_parsed: int
    ref_parsed: int


def compare(monkeypatch: pytest.MonkeyPatch, folder: Path, path: Path, *, setup: Any = None,
            lane_took_rows: bool | None = True, refusal_ok: bool = False, **options: Any) -> Compared | None:
    """Import `path` into two fresh workspaces (lane on / off), after the same `setup(ws)`, and assert the
    outcomes identical. `lane_took_rows`: True — the lane must have taken some rows (fewer parsed by the row
    path); None — not checked. `refusal_ok`: a file both refuse with the same InputError (code and params) is an
    identical outcome too (None is returned). The workspaces stay open (closed by the caller's fixture)."""
    spy = ParseSpy(monkeypatch)
    lane_ws, ref_ws = new_workspace(folder, "a.sqlite3"), new_workspace(folder, "b.sqlite3")
    _OPEN.extend([lane_ws, ref_ws])
    if setup is not None:
        setup(lane_ws)
        setup(ref_ws)
    refusals = []
    for ws, lane in ((lane_ws, True), (ref_ws, False)):
        try:
            refusals.append(run_import(monkeypatch, ws, path, lane, spy, **options))
        except InputError as exc:
            if not refusal_ok:
                raise
            refusals.append((exc.code, exc.params))
    if any(isinstance(r[0], str) for r in refusals):
        assert refusals[0] == refusals[1], "lane != row path: refused otherwise"
        assert_same_db(db_view(lane_ws), db_view(ref_ws))
        return None
    (lane, lane_parsed), (ref, ref_parsed) = refusals
    assert_same_result(lane, ref, in_order=setup is None)
    assert_same_db(db_view(lane_ws), db_view(ref_ws))
    if lane_took_rows:
        assert lane_parsed < ref_parsed, f"the lane took no row ({lane_parsed} of {ref_parsed} parsed row by row)"
    return Compared(lane, ref, lane_ws, ref_ws, lane_parsed, ref_parsed)


_OPEN: list[Workspace] = []


@pytest.fixture(scope="session")
def _template_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("columnar_template")


@pytest.fixture(autouse=True)
def _lane_switch(monkeypatch, _template_dir):
    """The lane as shipped (ENABLED, no OPENLIC_COLUMNAR=0 from the environment); workspaces closed after."""
    _TEMPLATE["dir"] = _template_dir
    monkeypatch.delenv("OPENLIC_COLUMNAR", raising=False)
    monkeypatch.setattr(columnar, "ENABLED", True)
    yield
    while _OPEN:
        _OPEN.pop().close()


# ---------------------------------------------------------------------------------------------------------------
# (a) a clean realistic file
# ---------------------------------------------------------------------------------------------------------------

STATUS_WORDS = {"in_force": "有效", "pending": "实审", "lapsed": "未缴年费终止", "expired": "届满终止", "unknown": ""}


def realistic_body(count: int, seed: int = 11) -> list[list[Any]]:
    """Demo facts written as the benchmark writes them (bench_import.write_workbook): numbers with and without ZL,
    dates as date cells, names joined with ；/、, status words."""
    from openlic_desktop.services.demo import generate

    body = []
    for i, f in enumerate(generate(count, seed=seed, today=TODAY)):
        body.append([str(i + 1), f.number.canonical if i % 3 else "ZL" + f.number.canonical, f.title,
                     f.patent_type.zh, f.filing_date, f.grant_date, "；".join(f.patentees) or None,
                     "、".join(f.inventors) or None, STATUS_WORDS[f.status.value] or None, f.fees_paid_until,
                     f.department or None, f.ipc or None, f.industry or None, f.contact_person or None,
                     f.contact_phone or None])
    return body


def test_clean_realistic_file_is_identical(tmp_path, monkeypatch):
    path = write_book(tmp_path / "清单.xlsx", realistic_body(2600), constant_memory=True)
    done = compare(monkeypatch, tmp_path, path, details=True)
    assert done.ref.created > 2500 and done.ref.rejected == 0
    assert done.lane_parsed < done.ref_parsed // 2, "the lane should take most rows of a clean file"


# ---------------------------------------------------------------------------------------------------------------
# (b) every messy case
# ---------------------------------------------------------------------------------------------------------------

X12 = number(2021, 1, 123450)    # check character X
X8 = old_number(97, 2, 10013)    # check character X (8-digit form)
OLD = "97101765.4"               # real 8-digit numbers (domain.md)
OLD_X = "95115608.X"
# 8-digit numbers (check not X) written as floats too: 98120002.7 is not exact in binary
OLD2, OLD3, OLD4 = [n for n in (old_number(98, 1, 20000 + i) for i in range(1, 20)) if not n.endswith("X")][:3]


def _number_cases() -> list[list[Any]]:
    rows: list[list[Any]] = []
    n = [fresh(2021, 1) for _ in range(12)]
    while n[8].endswith("X"):
        n[8] = fresh(2021, 1)
    rows += [
        plain("ZL" + n[0]),
        plain(f"ZL {n[1][:4]} {n[1][4]} {n[1][5:]}"),
        plain("CN" + n[2]),
        plain("CN " + n[3]),
        plain(n[4].replace(".", "")),                               # no dot
        plain(f" {n[5]} "),                                          # stray spaces
        plain(fullwidth(n[6])),                                      # full-width
        plain(fullwidth("ZL" + n[7])),
        plain(X12.lower()),                                          # lower-case x
        plain(X8.lower()),
        plain(OLD, type="实用新型"),                                  # 8-digit, kind 1: type conflicts
        plain(OLD_X),
        plain(float(n[8].replace(".", ""))),                         # number typed as a number
        plain(float(OLD)),                                           # 8-digit with its check as a float
        plain(int(n[9][:12])),                                       # 12 digits, no check, as a number
        plain(n[10] + "\n"),
        plain(f"{n[11][:12]}-{n[11][-1]}"),
        plain(wrong_check(fresh(2020, 2))),                          # BAD_CHECK_DIGIT
        plain(wrong_check(fresh(2020, 2)).replace(".", "")),
        plain("CN112345678A"), plain("CN212345678U"), plain("CN302345678S"),  # publication numbers
        plain("2021-ABC"), plain("不详"), plain(True), plain(0),
        plain(None, title="缺号的一行"),                              # NUMBER_MISSING
        plain(number(2021, 5, 123456)),                              # unknown kind digit
        plain(number(2019, 8, 100001), type="发明"),                  # PCT invention
        plain(number(2019, 9, 100002), type="实用新型", filed=date(2018, 6, 1)),  # PCT: no year check
        plain(Formula('="' + fresh(2022, 2) + '"', fresh(2022, 2))),  # a formula's cached number
        plain(Rich(("ZL", fresh(2023, 1)))),
        plain(fresh(2023, 1).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))),  # Arabic-Indic digits
        plain(fresh(2023, 1).translate(str.maketrans("0123456789", "०१२३४५६७८९"))),  # Devanagari digits
    ]
    return rows


def _date_cases() -> list[list[Any]]:
    def d(**cells: Any) -> list[Any]:
        return plain(fresh(2021, 1), **cells)

    return [
        d(filed=date(2021, 1, 5)), d(filed=datetime(2021, 1, 5, 10, 30)), d(filed=datetime(2021, 1, 5)),
        d(filed=datetime(2021, 1, 5, 23, 59, 59, 999999)), d(filed=datetime(2021, 1, 5, 23, 59, 59, 999500)),
        d(filed=datetime(2021, 1, 5, 23, 59, 59, 999400)), d(paid=datetime(2026, 3, 4, 23, 59, 59, 999700)),
        d(filed=Fmt(44201.9999999, "yyyy-mm-dd")), d(filed=Fmt(44201.99999999, "yyyy-mm-dd hh:mm")),
        d(filed=datetime(2021, 1, 5, 23, 59, 59, 999000)), d(granted=datetime(2023, 4, 1, 0, 0, 0, 500)),
        d(filed="2021-01-05"), d(filed="2021/1/5"), d(filed="2021年1月5日"), d(filed="20210105"),
        d(filed="2021.1.5"), d(filed=" 2021-01-05 "), d(filed="2021-01-05 00:00:00"), d(filed="2021-01-05T08:00"),
        d(filed=fullwidth("2021-01-05")), d(filed="2021年1月5"), d(filed=20210105), d(filed=20210105.0),
        d(filed=44201), d(filed=44201.75), d(filed="44201"), d(filed="44201.0"), d(filed=Fmt(44201, "0")),
        d(filed=Fmt(date(2021, 1, 5), "yyyy/m/d")), d(filed=Fmt(date(2021, 1, 5), 'yyyy"年"m"月"d"日"')),
        d(filed=Fmt(date(2021, 1, 5), "@")), d(filed=Fmt(datetime(2021, 1, 5, 12), "General")),
        d(filed="2021-02-30"), d(filed=20210230), d(filed="2021-13-01"), d(filed="明年"), d(filed=True),
        d(filed=date(1980, 1, 1)), d(filed=date(1985, 4, 1), granted=date(1986, 1, 1)),
        d(filed=date(2027, 1, 1)), d(filed=TODAY, granted=TODAY), d(granted=date(2026, 11, 27)),
        d(filed=date(2021, 6, 1), granted=date(2021, 5, 31)),           # grant before filing
        d(filed=date(2020, 12, 31)),                                      # FILING_YEAR_MISMATCH
        d(filed=time(10, 30)), d(paid=time(0, 0, 1)),                     # a time cell in a date column
        d(filed=time(10, 30, 0, 250000)), d(paid=Fmt(0.5, "hh:mm:ss.000")),
        d(paid="第5年"), d(paid="5"), d(paid=5), d(paid=5.0), d(paid="第 5 年度"), d(paid="第25年"),
        d(paid="第5年", filed=None), d(paid="第０５年"), d(paid=date(1900, 1, 15)), d(paid=date(1900, 2, 28)),
        d(paid=date(1900, 3, 1)), d(paid=datetime(1900, 1, 1, 6)), d(paid=60), d(paid=61), d(paid=0.5),
        d(filed=Formula("=DATE(2021,1,5)", 44201)), d(filed=Formula('="2021-01-05"', "2021-01-05")),
        d(filed=STYLED_BLANK, granted=STYLED_BLANK), d(filed="", granted=" "),
        d(filed=Formula("=NA()", "#N/A")), d(granted=Formula("=1/0", "#DIV/0!")), d(paid=Formula("=X1", "#REF!")),
        plain(fresh(2020, 1), filed=date(2020, 2, 29)), plain(fresh(2020, 2), filed=date(2020, 2, 29)),
        plain(fresh(2020, 3), filed=date(2020, 2, 29)), plain(fresh(2021, 3), filed=date(2021, 6, 1)),
        plain(fresh(2021, 3), filed=date(2021, 5, 31)), plain(fresh(2004, 2), filed=date(2004, 2, 29),
                                                              granted=date(2005, 1, 1)),
        plain("00814037.5", filed=date(2000, 6, 1)), plain("01800565.9", filed=date(2001, 6, 1)),
        plain(old_number(2, 1, 12345), filed=date(2002, 6, 1)), plain(old_number(3, 2, 12345), filed=date(2003, 9, 30)),
        plain(old_number(85, 1, 12345), filed=date(1985, 4, 1), granted=date(1987, 1, 1)),
        plain(old_number(99, 3, 12345), filed=date(1999, 12, 31), granted=date(2000, 6, 1)),
        plain(old_number(2, 1, 12346), filed=date(1902, 6, 1)),
    ]


def _word_cases() -> list[list[Any]]:
    def k(kind: int = 1, **cells: Any) -> list[Any]:
        return plain(fresh(2021, kind), **cells)

    return [
        k(status="授权"), k(status="专利权维持"), k(status="失效"), k(status="未缴年费终止"), k(status="届满终止"),
        k(status="放弃"), k(status="审中"), k(status="实审"), k(status="公开"), k(status="受理"), k(status=" 有 效 "),
        k(status="有效\n"), k(status="ＹＥＳ"), k(status="待定"), k(status=1), k(status=True), k(status=STYLED_BLANK),
        k(type="发明专利"), k(2, type="实用新型"), k(3, type="外观设计"), k(3, type="外观"), k(type="invention"),
        k(2, type="发明"), k(type="实用新型"), k(type="其他"), k(type=1), k(type=True), k(3, type=" 外观设计 "),
        k(2, type=None), k(type=fullwidth("invention")),
    ]


def _text_cases() -> list[list[Any]]:
    def t(**cells: Any) -> list[Any]:
        return plain(fresh(2022, 2), **cells)

    return [
        t(title=12345), t(title=0.1 + 0.2), t(title=1e20), t(title=1e-7), t(title=-0.0), t(title=3.0), t(title=True),
        t(title=False), t(title=date(2021, 1, 5)), t(title=datetime(2021, 1, 5, 10)), t(title="2021-01-05"),
        t(title="  前后有空格的名称  "), t(title="ＡＢＣ全角１２３"), t(title="一种\n方法"), t(title="一种\r\n方法"),
        t(title="一种\t方法"), t(title="一种\u3000方法"), t(title="一种\xa0方法"), t(title="一种\u200b方法"),
        t(title="带表情😀的名称"), t(title="=1+1"), t(title="1.0"), t(title="true"), t(title="TRUE"),
        t(title="名" * 3000), t(title=Rich(("一种", "富文本", "名称"))), t(title=Formula('="公式"&"名称"', "公式名称")),
        t(title=Formula("=1/0", "#DIV/0!")), t(title=Formula("=NA()", "#N/A")), t(status=Formula("=NA()", "#N/A")),
        t(title=Fmt(12345, "@")), t(title=Fmt(0.5, "0%")), t(title=Fmt(1234.5, "#,##0.00")),
        t(title=STYLED_BLANK), t(title="e\u0301"), t(title="ﬁ连字"), t(title="ΟΔΟΣ ΣΟΦΟΣ"), t(title="İstanbul"),
        t(title="Straße ǅ ＡＢＣ"), t(inventors="ΑΣ、Σ、ÀÉ"), t(patentees="某某大学（ＡＢＣ）"),
        t(phone=13900001111), t(phone=13900001111.0), t(phone=57188888888), t(phone=8.6e10), t(phone=571.5),
        t(phone="0571 8888 8888"), t(phone=fullwidth("0571-88888888")),
        t(patentees="某某大学, 杭州某某科技有限公司"), t(patentees="某某大学/杭州某某科技有限公司"),
        t(patentees="某某大学\n杭州某某科技有限公司"), t(patentees="某某大学、某某大学"), t(patentees="某某大学；"),
        t(patentees="；；"), t(patentees=" 某某大学 ； 某某研究院 "), t(patentees="某某大学，某某研究院"),
        t(patentees=123), t(inventors="张三 李四"), t(inventors="张三\r\n李四"), t(inventors=True),
        t(inventors="Zhang San; Li Si"), t(dept=3), t(dept=3.5), t(ipc="G06F  16/00"), t(ipc="g06f16/00"),
        t(industry=STYLED_BLANK), t(person=" 赵老师 "), t(person=fullwidth("Zhao")), t(seq="一"), t(seq=1.5),
    ]


def _structure_cases() -> list[list[Any]]:
    return [
        [], [None, None, None], [3], ["4"], [STYLED_BLANK, STYLED_BLANK],             # blank rows
        ["合计：12 件"], ["注：本表由科研院整理"], [None, "备注：以上数据截至11月"], ["*说明"],  # footers
        ["制表：张三", None, None, "审核：李四"],
        list(HEADER),                                                                       # repeated header
        [None, "申请号", "名称"],
        [None, None, "（以下为2022年申请）"],
        row(None, title="只有名称"),
        plain(fresh(2023, 1))[:3],                                                          # short row
        plain(fresh(2023, 1)) + [None, None, "表外的备注", 42],                              # wider than header
        plain(fresh(2023, 1), seq=None),
        [None] * len(HEADER) + ["只在表外的一格"],                           # a cell beyond the header only
        [7] + [None] * len(HEADER) + ["表外"],
        [" ", "\u3000", "\xa0", "\n"],                                    # white space only
        [STYLED_BLANK, " "],
    ]


def _duplicate_cases() -> list[list[Any]]:
    a, b, c, d, e, f, g, h, i = (fresh(2020, 1) for _ in range(9))
    j = next(n for n in iter(lambda: fresh(2020, 1), None) if not n.endswith("X"))
    return [
        plain(a), plain("ZL" + a),                                        # same facts, other form: skipped
        plain(b), plain(b, title="另一个名称"),                             # DUPLICATE_CONFLICT, first stays
        plain(c), plain(c, status="失效"), plain(c),                        # same / conflict / same
        plain(d, filed="2020-02-30"), plain(d),                            # first rejected: the second is created
        plain(e, type="外观设计"), plain(e),                                 # first warns, second plain, same facts
        plain(f), plain(f, type="外观设计"),                                 # first plain, second warns, same facts
        plain(g, type="外观设计"), plain(g, title="改了名称"),                 # first warns, second plain, other facts
        plain(h), plain(h, phone=None, person=None),                       # the second states fewer facts
        plain(i, filed=date(2020, 3, 5)), plain(i, filed="2020-03-05"), plain(i, filed=datetime(2020, 3, 5, 9)),
        plain(X12), plain(X12.replace("X", "x")),
        plain(OLD, type="发明"), plain("ZL" + OLD, type="发明"),
        plain(OLD2), plain(float(OLD2)),                                  # the same number, as text then as a float
        plain(float(OLD3)), plain(OLD3),                                  # as a float, then as text
        plain(OLD4), plain(float(OLD4), title="另一个名称"),                # conflicting, the second a float
        plain(j), plain(float(j.replace(".", ""))),                      # 12-digit form as text then a number
    ]


CASES = {"numbers": _number_cases, "dates": _date_cases, "words": _word_cases, "text": _text_cases,
         "structure": _structure_cases, "duplicates": _duplicate_cases}


@pytest.mark.parametrize("case", list(CASES))
def test_messy_case_is_identical(tmp_path, monkeypatch, case):
    """Each kind of mess in its own file, between plain rows (so the lane has rows to take around it)."""
    body = [*plain_rows(3), *CASES[case](), *plain_rows(3)]
    path = write_book(tmp_path / f"{case}.xlsx", body)
    compare(monkeypatch, tmp_path, path, details=True)


def messy_body() -> list[list[Any]]:
    body = plain_rows(5)
    for make in CASES.values():
        body += make() + plain_rows(2)
    body += [["合计：共 N 件"], ["注：本表仅供内部使用"]]
    return body


@pytest.mark.parametrize("options", [{}, {"chunk_rows": 7}, {"mapping": "no department"}, {"seen_in_memory": 5},
                                     {"today": date(2021, 1, 5)}], ids=str)
def test_messy_file_is_identical(tmp_path, monkeypatch, options):
    """Every case in one file, the table on the second sheet, with the default chunks, tiny chunks, a corrected
    mapping (a column ignored), the numbers seen spilling to the database beyond 5, and another day (many dates
    then in the future); the rejected-rows files are the same too."""
    import python_calamine

    options = dict(options)
    if "seen_in_memory" in options:
        monkeypatch.setattr(judge, "SEEN_IN_MEMORY", options.pop("seen_in_memory"))

    path = write_book(tmp_path / "杂乱清单.xlsx", messy_body(),
                      before={"说明": [["本工作簿说明"], ["各列含义见第二页"], [date(2026, 11, 1)]]})
    if options.get("mapping") == "no department":
        layout = importing.inspect_file(path)[1].layout
        options["mapping"] = {c: f for c, f in layout.mapping.items() if f != "department"}
        options["sheet"] = "专利清单"
    outs = {name: tmp_path / f"rejected_{name}.xlsx" for name in ("lane", "ref")}
    spy = ParseSpy(monkeypatch)
    lane_ws, ref_ws = new_workspace(tmp_path, "a.sqlite3"), new_workspace(tmp_path, "b.sqlite3")
    _OPEN.extend([lane_ws, ref_ws])
    lane, lane_parsed = run_import(monkeypatch, lane_ws, path, True, spy, details=True, errors_out=outs["lane"],
                                   **options)
    ref, ref_parsed = run_import(monkeypatch, ref_ws, path, False, spy, details=True, errors_out=outs["ref"],
                                 **options)
    assert ref.rejected > 20 and ref.warnings and ref.skipped["duplicate"]
    assert ref.created > (100 if "today" not in options else 10)
    assert_same_result(lane, ref, in_order=True)
    assert_same_db(db_view(lane_ws), db_view(ref_ws))
    assert lane_parsed < ref_parsed

    def cells(p: Path) -> list[list[Any]]:
        return [list(r) for r in python_calamine.CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).iter_rows()]

    assert cells(outs["lane"]) == cells(outs["ref"])


@pytest.mark.parametrize("shape", ["no titles", "offset", "typed titles", "typed header", "narrow header",
                                   "sub-header", "xlsm", "1904 dates", "styled rows below", "constant memory",
                                   "patent number column", "patent number only"])
def test_table_shapes_are_identical(tmp_path, monkeypatch, shape):
    """Where the table sits and what the rows above it hold: the layout found (sheet, header row, headers,
    mapping) and every row number must be the row path's."""
    body = [*plain_rows(4), *_duplicate_cases()[:4], ["注：以下为2023年数据"], *plain_rows(2)]
    options: dict[str, Any] = {"titles": []}
    if shape == "offset":  # nothing above or left of the table: the used range starts at C4
        options |= {"top": 3, "left": 2}
    elif shape == "typed titles":
        options["titles"] = [[date(2026, 11, 26)], ["截至", 2026.0, True], [datetime(2026, 11, 26, 9, 30)], []]
    elif shape == "typed header":  # extra columns headed by a date cell and numbers; a header with a line break
        header = ["序号", "申请号\n（专利号）", *HEADER[2:], date(2026, 11, 1), 2026, 1.5]
        body = [r + [None] * (len(HEADER) - len(r)) + ["a", 1, date(2026, 1, 1)] for r in body]
        options["header"] = header
    elif shape == "narrow header":  # three columns only, in another order
        options["header"] = ["专利名称", "申请号", "法律状态"]
        body = [[r[COL["title"]], r[COL["number"]], r[COL["status"]]] if len(r) > COL["status"] else r[:3]
                for r in body]
    elif shape == "sub-header":  # a two-row header: the second row is skipped as a header row
        options["header"] = ["申请号", "专利名称", "联系人", None]
        body = [[None, None, "姓名", "电话"], *([r[COL["number"]], r[COL["title"]], r[COL["person"]], r[COL["phone"]]]
                                             if len(r) > COL["phone"] else r[1:3] for r in body)]
    elif shape == "1904 dates":  # a workbook saved by old Mac Excel: day 0 is 1904-01-01
        options["date_1904"] = True
        body += [plain(fresh(2021, 1), filed=44201, granted=Fmt(44201, "yyyy-mm-dd")), plain(fresh(2021, 1),
                                                                                             paid=1000)]
    elif shape == "styled rows below":  # formatted empty rows under the table, and one far below
        body += [[STYLED_BLANK] * 5, [], [STYLED_BLANK], *([[]] * 40), [None, None, STYLED_BLANK],
                 [Formula('=""', "")]]
    elif shape == "patent number column":  # 申请号 and 专利号 side by side; 专利号 stands in where 申请号 is blank
        options["header"] = [*HEADER, "专利号"]
        extra = [fresh(2022, 1) for _ in range(4)]
        padded = [r + [None] * (len(HEADER) - len(r)) for r in body]
        body = [r + (["ZL" + r[COL["number"]]] if isinstance(r[COL["number"]], str) else []) for r in padded]
        body += [plain(None) + ["ZL" + extra[0]], plain(" ") + [extra[1]],
                 plain(extra[2]) + ["ZL" + extra[3]],                                # two numbers: 申请号 wins
                 plain(None) + [wrong_check(extra[3])], plain(extra[3]) + ["CN112345678A"]]
    elif shape == "patent number only":
        options["header"] = ["序号", "专利号", *HEADER[2:]]
        body = [r if len(r) < 2 or not isinstance(r[1], str) else [r[0], "ZL" + r[1], *r[2:]] for r in body]
    elif shape == "constant memory":  # xlsxwriter's streaming mode (inline strings)
        options["constant_memory"] = True
        body += [plain(fresh(2021, 1), title=Rich(("富", "文本"))), plain(fresh(2021, 1), title=" 空格 ")]
    path = write_book(tmp_path / ("表.xlsm" if shape == "xlsm" else "表.xlsx"), body, **options)
    # a typed header cell sends the whole sheet the row path (columnar: its text is not the row path's header)
    compare(monkeypatch, tmp_path, path, details=True, lane_took_rows=None if shape == "typed header" else True)


@pytest.mark.parametrize("case", ["column beyond the sheet", "no sheet named: the first sheet", "header row given"])
def test_explicit_mapping_is_identical(tmp_path, monkeypatch, case):
    """A mapping given by the caller (the wizard's correction, a remembered mapping): one naming a column the
    sheet does not have (the row path reads it as blank), or given without a sheet (the row path then uses the
    first sheet with it, here a narrow notes sheet). Found by this file: both made the lane fail (polars
    ColumnNotFoundError); such sheets now go the row path."""
    body = [*plain_rows(4), *_duplicate_cases()[:4], *plain_rows(2)]
    path = write_book(tmp_path / "映射.xlsx", body, before={"说明": [["本工作簿说明"], ["各列含义见第二页"]]})
    layout = importing.inspect_file(path)[1].layout
    if case == "column beyond the sheet":
        options = {"sheet": "专利清单", "mapping": dict(layout.mapping) | {40: "description"}}
    elif case == "header row given":  # the wizard's "this row is the header"
        options = {"sheet": "专利清单", "header_index": layout.header_index}
    else:
        options = {"mapping": dict(layout.mapping)}
    compare(monkeypatch, tmp_path, path, details=True, lane_took_rows=True if case == "header row given" else None,
            **options)


@pytest.mark.parametrize("iso_dates", [False, True], ids=["openpyxl", "openpyxl iso dates"])
def test_file_saved_by_openpyxl_is_identical(tmp_path, monkeypatch, iso_dates):
    """Dates and times in every column of a file saved by openpyxl. With iso_dates they are ISO 8601 text cells
    (t="d"): python-calamine reads a date-time, fastexcel renders the ISO text — found by this file, the lane
    stored a date-time in a text column as '2021-03-05T10:30:00' where the row path stores '2021-03-05 10:30:00'
    (see also test_iso_date_time_cell_in_a_text_column)."""
    stamp, day, clock = datetime(2021, 3, 5, 10, 30), date(2021, 3, 5), time(10, 30)
    body = [*plain_rows(3), *_date_cases()[:12], *_duplicate_cases()[:6],
            plain(fresh(2021, 1), filed=stamp), plain(fresh(2021, 1), filed=datetime(2021, 3, 5)),
            plain(fresh(2021, 1), filed=clock), plain(fresh(2021, 1), paid=datetime(2026, 3, 4, 23, 59, 59)),
            plain(fresh(2021, 1), title=day), plain(fresh(2021, 1), title=clock),
            plain(fresh(2021, 1), status=day), plain(fresh(2021, 1), title=stamp), plain(fresh(2021, 1), phone=stamp),
            plain(fresh(2021, 1), inventors=stamp), plain(fresh(2021, 1), dept=datetime(2021, 3, 5)), *plain_rows(2)]
    path = write_book_openpyxl(tmp_path / "openpyxl.xlsx", body, iso_dates=iso_dates)
    compare(monkeypatch, tmp_path, path, details=True)


def test_remembered_mapping_is_identical(tmp_path, monkeypatch):
    """A correction remembered for these headers (所属行业 as the description, 学院 ignored) applies in both."""
    body = [*plain_rows(4), *_text_cases()[:10], *plain_rows(2)]
    path = write_book(tmp_path / "记住.xlsx", body)
    layout = importing.inspect_file(path)[0].layout
    corrected = {c: f for c, f in layout.mapping.items() if f not in ("department", "industry")}
    importing.remember_mapping(layout.headers, corrected | {HEADER.index("所属行业"): "description"})
    done = compare(monkeypatch, tmp_path, path, details=True)
    assert done.ref.mapping.get(HEADER.index("所属行业")) == "description"


# Cells that fastexcel renders otherwise than python-calamine reads them. Each of these made the lane differ from
# the row path when this file was written (found by it; the smallest file that shows each is here) — fixed since.


def test_duration_cell_in_a_date_column(tmp_path, monkeypatch):
    """A cell formatted as a duration ([h]:mm) renders like a date-time; python-calamine reads a timedelta and the
    row path rejects it (BAD_DATE). Such sheets go the row path."""
    body = [*plain_rows(3), plain(fresh(2021, 1), filed=Fmt(44201.5, "[h]:mm")),
            plain(fresh(2021, 1), paid=Fmt(46085.25, "[h]:mm:ss")), *plain_rows(2)]
    compare(monkeypatch, tmp_path, write_book(tmp_path / "时长.xlsx", body), details=True, lane_took_rows=None)


def test_header_cells_typed_as_a_boolean_or_a_float(tmp_path, monkeypatch):
    """fastexcel renders a boolean header cell 'true' (row path 'True'), 1e-7 as '0.0000001' (row path '1e-07'),
    98120002.8 as '98120002.799999997': the headers shown, written to the rejected-rows file and keying
    remembered mappings differed. Such sheets go the row path."""
    header = [*HEADER, True, 1e-7, 98120002.8]
    body = [r + [None] * (len(HEADER) - len(r)) + ["a", "b", "c"] for r in plain_rows(3)]
    compare(monkeypatch, tmp_path, write_book(tmp_path / "表头.xlsx", body, header=header), details=True,
            lane_took_rows=None)


@pytest.mark.parametrize("cell", [
    pytest.param(time(10, 30, 0, 500000), id="time with milliseconds"),
    pytest.param(Fmt(-1, "yyyy-mm-dd"), id="negative serial as a date"),
    pytest.param(Fmt(0.99999999999, "yyyy-mm-dd"), id="serial just below 1 as a date"),
])
def test_time_cell_in_fees_paid_until(tmp_path, monkeypatch, cell):
    """python-calamine reads these as times (no date: BAD_DATE), fastexcel renders '1899-12-31 10:30:00.500',
    '1899-12-30 00:00:00', '1900-01-01 00:00:00': the lane imported the day, 年费缴至 having no range check."""
    body = [*plain_rows(2), plain(fresh(2021, 1), paid=cell), *plain_rows(1)]
    compare(monkeypatch, tmp_path, write_book(tmp_path / "时间.xlsx", body), details=True)


def test_date_time_cell_with_milliseconds_in_a_text_column(tmp_path, monkeypatch):
    """fastexcel: '2000-01-01 00:00:00.001'; the row path stores '2000-01-01 00:00:00.001000'."""
    body = [*plain_rows(2), plain(fresh(2021, 1), dept=datetime(2000, 1, 1, 0, 0, 0, 1000)), *plain_rows(1)]
    compare(monkeypatch, tmp_path, write_book(tmp_path / "毫秒.xlsx", body), details=True)


@pytest.mark.parametrize("value", [1 / 3, 1e-10, 0.1234567891, -1e-30], ids=["1/3", "1e-10", "10 decimals", "-1e-30"])
def test_number_cell_in_a_text_column_rendered_rounded(tmp_path, monkeypatch, value):
    """fastexcel renders numbers with at most 9 decimals and tiny ones as 0 ('0.333333333', '0', '-0'); the row
    path stores the float's own digits ('0.3333333333333333', '1e-10')."""
    body = [*plain_rows(2), plain(fresh(2021, 1), title=value), *plain_rows(1)]
    compare(monkeypatch, tmp_path, write_book(tmp_path / "小数.xlsx", body), details=True)


def test_iso_date_time_cell_in_a_text_column(tmp_path, monkeypatch):
    """An ISO 8601 cell (t="d", openpyxl's iso_dates): fastexcel renders '2021-03-05T10:30:00'."""
    stamp = datetime(2021, 3, 5, 10, 30)
    body = [*plain_rows(2), plain(fresh(2021, 1), title=stamp), plain(fresh(2021, 1), paid=time(10, 30)),
            plain(fresh(2021, 1), paid=datetime(2026, 3, 4, 10, 30, 0, 500000)), *plain_rows(1)]
    path = write_book_openpyxl(tmp_path / "iso.xlsx", body, iso_dates=True)
    compare(monkeypatch, tmp_path, path, details=True)


@pytest.mark.parametrize("lane", [True, False], ids=["lane", "row path"])
def test_a_cell_the_readers_panic_on_is_refused(tmp_path, monkeypatch, lane):
    """python-calamine (row path) and fastexcel (lane) both panic on a date-formatted -1e12 (chrono: 'TimeDelta::
    milliseconds out of bounds'); pyo3's PanicException derives from BaseException, so `except Exception` let it
    through and importing.run crashed instead of refusing the file. Fixed: intake.readers.reader_error."""
    body = [*plain_rows(2), plain(fresh(2021, 1), phone=Fmt(-1e12, "yyyy-mm-dd"))]
    path = write_book(tmp_path / "恐慌.xlsx", body)
    ws = new_workspace(tmp_path, "a.sqlite3")
    _OPEN.append(ws)
    before = full_dump(ws)
    with pytest.raises(InputError) as refused:
        run_import(monkeypatch, ws, path, lane)
    assert refused.value.code == "FILE_CORRUPT" and full_dump(ws) == before


# ---------------------------------------------------------------------------------------------------------------
# (c) random files
# ---------------------------------------------------------------------------------------------------------------

POOL = [number(2021, 1, 500001), number(2020, 2, 500002), number(2022, 3, 500003), X12, OLD, OLD_X,
        number(2019, 8, 500004), OLD2]


def _forms(n: str) -> list[Any]:
    out: list[Any] = [n, "ZL" + n, "CN " + n, n.replace(".", ""), fullwidth(n), n.lower(), f" {n} ", n + "\n"]
    if not n.endswith("X"):
        out.append(float(n))  # with its check as the fraction (exact only for .5 — and .0)
        if len(n) == 14:
            out.append(float(n.replace(".", "")))
    return out


_ALPHABET = "ab01 9.-/:；;，,、\n\t\u3000\xa0有效发明专利大学第年月日ＡＢ１２（）x=*ΣΑİß"
_texts = st.text(alphabet=_ALPHABET, max_size=10)
_floats = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e21, max_value=1e21)
_any_cell = st.one_of(
    st.none(), _texts, st.integers(-10, 10**13).map(float), _floats, st.booleans(),
    st.dates(date(1900, 1, 1), date(2030, 12, 31)),
    st.datetimes(datetime(1900, 1, 1), datetime(2030, 12, 31)),
    st.times(), st.just(STYLED_BLANK),
    # (not below -1e10: python-calamine and fastexcel both panic on a date-formatted -1e12, PanicException)
    st.builds(Fmt, st.one_of(st.floats(-1e10, 1e21), st.integers(-100, 10**12).map(float)),
              st.sampled_from(["yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "hh:mm:ss", "[h]:mm", "0.00", "@", "General",
                               'yyyy"年"m"月"d"日"'])),
    st.sampled_from(["2021-01-05", "2021/1/5", "2021年1月5日", "20210105", "2021-01-05 10:30:00", "2021-02-30",
                     "第5年", "5", "有效", "失效", "发明", "实用新型", "外观设计", "合计", "注：", "true", "1.0"]),
)
_date_cell = st.one_of(
    st.none(), st.dates(date(1984, 1, 1), date(2027, 12, 31)), st.datetimes(datetime(1984, 1, 1),
                                                                           datetime(2027, 12, 31)),
    st.sampled_from(["2021-01-05", "2021/1/5", "2021.1.5", "2021年1月5日", "20210105", "2021-02-30", "2021-01-05 00:00:00",
                     "44201", " 2019-07-01 ", "第5年", "第12年", "5"]),
    st.integers(19850401, 20271231), st.integers(30000, 50000), _any_cell,
)
_names = st.lists(st.sampled_from(["某某大学", "某某研究院", "张三", "李四", "Zhang San"]), min_size=1, max_size=3).flatmap(
    lambda names: st.sampled_from(["；", ";", "、", ", ", "/", "\n", " ； "]).map(lambda sep: sep.join(names)))
_status = st.one_of(st.sampled_from(["有效", "授权", "失效", "审中", "实审", "未缴年费终止", "待定", " 有效 "]), _any_cell)
_type = st.one_of(st.sampled_from(["发明", "发明专利", "实用新型", "外观设计", "其他"]), _any_cell)
_number = st.one_of(st.sampled_from(POOL).flatmap(lambda n: st.sampled_from(_forms(n))),
                    st.sampled_from([wrong_check(POOL[0]), "CN112345678A", "2021-ABC", None, "合计：3 件", "申请号",
                                     int(POOL[0][:12]), POOL[0][:12], "ZL" + OLD2.replace(".", "")]),
                    _any_cell)


_COLUMN_CELLS = {
    "seq": st.one_of(st.none(), st.integers(1, 99), _any_cell), "number": _number,
    "title": st.one_of(st.just("一种方法"), _any_cell), "type": _type, "filed": _date_cell, "granted": _date_cell,
    "patentees": st.one_of(_names, _any_cell), "inventors": st.one_of(_names, _any_cell), "status": _status,
    "paid": _date_cell, "dept": _any_cell, "ipc": _any_cell, "industry": _any_cell, "person": _any_cell,
    "phone": st.one_of(st.just("0571-88888888"), st.integers(10**9, 10**11).map(float), _any_cell),
}
_DATE_COLUMNS = ("filed", "granted", "paid")


def _without_known_divergences(name: str, value: Any) -> Any:
    """A cell drawn without what makes a known, not yet fixed divergence pinned by its own strict xfail test
    (remove each exclusion once its test passes): a date-formatted number past year 9999 — fastexcel renders it
    null past chrono's range (test_import_columnar_review.py::test_a_date_formatted_phone_number_is_not_read_as_blank);
    it is drawn without its format."""
    if isinstance(value, Fmt) and isinstance(value.value, float) and abs(value.value) >= 2958466 and \
            any(c in value.num_format.lower() for c in "ymdhs"):
        return value.value
    return value


@st.composite
def _random_row(draw: st.DrawFn) -> list[Any]:
    """A plain row (from the pool, so duplicates meet it), a plain row with one to three cells drawn at random
    (the lane must then either take it with the row path's facts or leave it), or a row drawn cell by cell."""
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return plain(draw(st.sampled_from(POOL)))
    if shape in (1, 2):
        cells = plain(draw(st.sampled_from([*POOL, *(fresh() for _ in range(3))])))
        cells += [None] * (len(COLUMNS) - len(cells))
        for name in draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=3, unique=True)):
            cells[COL[name]] = _without_known_divergences(name, draw(_COLUMN_CELLS[name]))
        return cells
    return row(**{name: _without_known_divergences(name, draw(strategy))
                  for name, strategy in _COLUMN_CELLS.items()})


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(body=st.lists(_random_row(), min_size=1, max_size=14), date_1904=st.booleans())
def test_random_files_are_identical(tmp_path_factory, monkeypatch, body, date_1904):
    folder = tmp_path_factory.mktemp("random")
    path = write_book(folder / "random.xlsx", body + plain_rows(2), date_1904=date_1904)
    try:
        compare(monkeypatch, folder, path, details=True, lane_took_rows=None, refusal_ok=True)
    finally:
        while _OPEN:
            _OPEN.pop().close()


@st.composite
def _file_and_its_next_version(draw: st.DrawFn) -> tuple[list[list[Any]], list[list[Any]]]:
    """A random file and the next month's version of it: rows kept, dropped, repeated, or with a cell changed."""
    first = draw(st.lists(_random_row(), min_size=1, max_size=10))
    second: list[list[Any]] = []
    for cells in first:
        fate = draw(st.sampled_from(["keep", "keep", "drop", "twice", "change"]))
        if fate == "drop":
            continue
        second.append(list(cells))
        if fate == "twice":
            second.append(list(cells))
        elif fate == "change":
            changed = second[-1] + [None] * (len(COLUMNS) - len(second[-1]))
            name = draw(st.sampled_from(COLUMNS))
            changed[COL[name]] = _without_known_divergences(name, draw(_COLUMN_CELLS[name]))
            second[-1] = changed
    second += draw(st.lists(_random_row(), max_size=3))
    return first, second


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(files=_file_and_its_next_version())
def test_random_reimports_are_identical(tmp_path_factory, monkeypatch, files):
    """A file imported, then its next version: by the lane both times, by the lane then the row path, and by the
    row path both times (the reference) — the second import's result and the portfolio after it are the same."""
    folder = tmp_path_factory.mktemp("reimport")
    first = write_book(folder / "一月.xlsx", files[0] + plain_rows(2))
    second = write_book(folder / "二月.xlsx", files[1] + plain_rows(1))
    try:
        outcomes = {}
        for name, lanes in (("ref", (False, False)), ("lane", (True, True)), ("mixed", (True, False))):
            ws = new_workspace(folder, f"{name}.sqlite3")
            _OPEN.append(ws)
            run_import(monkeypatch, ws, first, lanes[0])
            result, _ = run_import(monkeypatch, ws, second, lanes[1], details=True)
            outcomes[name] = (result, db_view(ws))
        for name in ("lane", "mixed"):
            assert_same_result(outcomes[name][0], outcomes["ref"][0])
            assert_same_db(outcomes[name][1], outcomes["ref"][1])
    finally:
        while _OPEN:
            _OPEN.pop().close()


# ---------------------------------------------------------------------------------------------------------------
# (d) re-importing the same file, (e) a changed file, (f) an existing portfolio, (g) a dry run
# ---------------------------------------------------------------------------------------------------------------


def _first_import(monkeypatch, folder: Path, path: Path, lane: bool, name: str) -> Workspace:
    ws = new_workspace(folder, name)
    _OPEN.append(ws)
    run_import(monkeypatch, ws, path, lane)
    return ws


@pytest.mark.parametrize(("first_with_lane", "again_with_lane"), [(True, True), (True, False), (False, True)],
                         ids=["lane then lane", "lane then row path", "row path then lane"])
def test_reimport_of_the_same_file_changes_nothing(tmp_path, monkeypatch, first_with_lane, again_with_lane):
    """Every row unchanged, no audit record, no fact written — and the result the row path gives for its own
    re-import. A re-import by the other path may stamp its own row digests (import_digest and its stated-fields
    mask): nothing else; the import after that is recognised without any write at all."""
    path = write_book(tmp_path / "清单.xlsx", messy_body())
    ws = _first_import(monkeypatch, tmp_path, path, first_with_lane, "ws.sqlite3")
    ref_ws = _first_import(monkeypatch, tmp_path, path, False, "ref.sqlite3")
    before = full_dump(ws)
    again, _ = run_import(monkeypatch, ws, path, again_with_lane, details=True)
    ref_again, _ = run_import(monkeypatch, ref_ws, path, False, details=True)
    with ws.reading() as s:
        first = s.execute(text("SELECT created FROM import_sources ORDER BY id")).scalars().first()
    assert (again.created, again.updated, again.unchanged) == (0, 0, first)
    assert len(again.unchanged_rows) == first
    assert_same_result(again, ref_again)
    after = full_dump(ws)
    assert after["audit_log"] == before["audit_log"], "the re-import wrote to the audit trail"
    assert after["schema"] == before["schema"]
    if first_with_lane == again_with_lane:
        assert after["patents"] == before["patents"], "the re-import wrote to patents"
    else:
        digest = [i for i, c in enumerate(_patent_columns(ws)) if c in ("import_digest", "import_fields")]

        def strip(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
            return [tuple(v for i, v in enumerate(r) if i not in digest) for r in rows]

        assert strip(after["patents"]) == strip(before["patents"]), "the re-import changed facts"
    assert_same_db(db_view(ws), db_view(ref_ws))
    third, _ = run_import(monkeypatch, ws, path, again_with_lane, details=True)
    assert_same_result(third, ref_again)
    assert full_dump(ws) == after, "a third import of the same file wrote"


def _patent_columns(ws: Workspace) -> list[str]:
    with ws.reading() as s:
        return list(s.execute(text("SELECT * FROM patents LIMIT 0")).keys())


def _changed_body(body: list[list[Any]]) -> list[list[Any]]:
    """A few rows changed, one blanked cell (never erases), one date retyped, one row gone, new rows."""
    out = [list(r) for r in body]
    data = [r for r in out if len(r) > COL["status"] and isinstance(r[COL["number"]], str)
            and r[COL["title"]] and str(r[COL["title"]]).startswith("一种测试用方法")]
    data[0][COL["title"]] = "一种改过名称的方法"
    data[1][COL["status"]] = "未缴年费终止"
    data[2][COL["person"]] = None                                   # blank: keeps the stored contact
    filed = data[3][COL["filed"]]
    data[3][COL["filed"]] = filed.isoformat() if isinstance(filed, date) else filed  # same day, as text
    data[4][COL["patentees"]] = "某某大学"
    data[5][COL["type"]] = "外观设计"                                  # now warns
    data[6][COL["paid"]] = date(2027, 3, 4)
    out.remove(data[7])
    same, other = data[8], data[9]  # unchanged rows, repeated: harmlessly (another form) and contradicting
    return out + plain_rows(4) + [plain(data[0][COL["number"]], title="又一个名称"),
                                  [*same[:1], "ZL" + same[COL["number"]], *same[2:]],
                                  [*other[:2], "与前一行矛盾的名称", *other[3:]]]


@pytest.mark.parametrize("second_with_lane", [True, False], ids=["second with lane", "second without"])
def test_changed_reimport_after_a_lane_import_is_as_after_the_row_path(tmp_path, monkeypatch, second_with_lane):
    body = messy_body()
    first = write_book(tmp_path / "清单.xlsx", body)
    second = write_book(tmp_path / "清单（更新）.xlsx", _changed_body(body))
    lane_ws = _first_import(monkeypatch, tmp_path, first, True, "lane.sqlite3")
    ref_ws = _first_import(monkeypatch, tmp_path, first, False, "ref.sqlite3")
    again, _ = run_import(monkeypatch, lane_ws, second, second_with_lane, details=True)
    ref_again, _ = run_import(monkeypatch, ref_ws, second, False, details=True)
    assert ref_again.updated == 4 and ref_again.created >= 4 and ref_again.unchanged > 50
    assert_same_result(again, ref_again)
    assert_same_db(db_view(lane_ws), db_view(ref_ws))
    # and the same file once more: all unchanged either way
    third, _ = run_import(monkeypatch, lane_ws, second, True, details=True)
    ref_third, _ = run_import(monkeypatch, ref_ws, second, False, details=True)
    assert (third.created, third.updated) == (0, 0)
    assert_same_result(third, ref_third)
    assert_same_db(db_view(lane_ws), db_view(ref_ws))


@pytest.mark.parametrize("earlier_with_lane", [False, True], ids=["earlier by row path", "earlier by lane"])
def test_import_into_a_portfolio_that_has_some_numbers_is_identical(tmp_path, monkeypatch, earlier_with_lane):
    """Demo patents (made outside any import, no row digests) and patents of an earlier import (by either path,
    the same in both workspaces), some edited in the software since: the file repeats some of them unchanged,
    changes others, and brings new ones."""
    from openlic_desktop.services import demo

    demo_facts = demo.generate(40, seed=5, today=TODAY)
    earlier = plain_rows(10, year=2019)
    earlier_path = write_book(tmp_path / "上次.xlsx", earlier)

    def setup(ws: Workspace) -> None:
        demo.load_demo(ws, 40, seed=5, today=TODAY)
        run_import(monkeypatch, ws, earlier_path, earlier_with_lane)
        portfolio.set_fields(ws, earlier[0][COL["number"]], {"title": "在软件中改过的名称"})
        portfolio.set_fields(ws, demo_facts[0].number.canonical, {"contact_person": "软件里填的联系人"})

    body = realistic_body(40, seed=5)[:30]                        # the demo patents, as a file states them
    body[1][COL["title"]] = "一种改过名称的方法"
    body[2][COL["status"]] = "失效"
    body[3][COL["patentees"]] = None
    body += earlier[:6] + [plain(earlier[6][COL["number"]], status="未缴年费终止")]
    body += plain_rows(12) + _duplicate_cases()[:6] + [plain(demo_facts[5].number.canonical, type="外观设计")]
    path = write_book(tmp_path / "本次.xlsx", body)
    done = compare(monkeypatch, tmp_path, path, setup=setup, details=True)
    assert done.ref.updated >= 3 and done.ref.unchanged >= 20 and done.ref.created >= 12


@pytest.mark.parametrize("portfolio_before", ["empty", "after a lane import"])
def test_dry_run_is_identical_and_writes_nothing(tmp_path, monkeypatch, portfolio_before):
    body = messy_body()
    path = write_book(tmp_path / "清单.xlsx", body)
    target = path if portfolio_before == "empty" else write_book(tmp_path / "更新.xlsx", _changed_body(body))

    def setup(ws: Workspace) -> None:
        if portfolio_before != "empty":
            run_import(monkeypatch, ws, path, True)

    dumps: dict[str, Any] = {}
    spy = ParseSpy(monkeypatch)
    results = {}
    for name, lane in (("lane", True), ("ref", False)):
        ws = new_workspace(tmp_path, f"{name}.sqlite3")
        _OPEN.append(ws)
        setup(ws)
        before = full_dump(ws)
        with ws.reading() as s:
            sources = s.execute(text("SELECT count(*) FROM import_sources")).scalar_one()
        results[name] = run_import(monkeypatch, ws, target, lane, spy, dry_run=True, details=True)
        assert full_dump(ws) == before, f"the dry run ({name}) wrote"
        with ws.reading() as s:
            assert s.execute(text("SELECT count(*) FROM import_sources")).scalar_one() == sources
        dumps[name] = ws
    (lane_res, lane_parsed), (ref_res, ref_parsed) = results["lane"], results["ref"]
    assert lane_res.dry_run and lane_res.source_id is None
    assert_same_result(lane_res, ref_res)
    assert_same_db(db_view(dumps["lane"]), db_view(dumps["ref"]))
    if portfolio_before == "empty":
        assert lane_parsed < ref_parsed


def test_undo_of_a_lane_import_is_as_of_a_row_path_import(tmp_path, monkeypatch):
    """Undoing the import (import history → undo): the same plan (patents to delete, facts to put back) and the
    same portfolio and trail after it — the demo portfolio as it was."""
    from openlic_desktop.services import demo
    from openlic_desktop.services.importing import undo as import_undo

    facts = demo.generate(30, seed=9, today=TODAY)
    body = realistic_body(30, seed=9)[:20]
    body[1][COL["title"]] = "一种改过名称的方法"
    body[2][COL["status"]] = "失效"
    body += [*plain_rows(15), *_duplicate_cases()[:6]]
    path = write_book(tmp_path / "撤销.xlsx", body)
    views = {}
    for name, lane in (("lane", True), ("ref", False)):
        ws = new_workspace(tmp_path, f"{name}.sqlite3")
        _OPEN.append(ws)
        demo.load_demo(ws, 30, seed=9, today=TODAY)
        before = db_view(ws)
        result, _ = run_import(monkeypatch, ws, path, lane)
        assert result.created >= 15 and result.updated == 2
        undo_plan = import_undo.plan(ws)
        views[name] = (sorted(undo_plan.delete), sorted((r.number, r.field, r.current, r.old) for r in undo_plan.restore),
                       undo_plan.conflicts)
        import_undo.undo(ws)
        after = db_view(ws)
        assert sorted(after.patents) == sorted(before.patents) == sorted(f.number.canonical for f in facts)
        views[name] += (after,)
    assert views["lane"][:3] == views["ref"][:3]
    assert_same_db(views["lane"][3], views["ref"][3])


def test_cancelled_lane_import_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    path = write_book(tmp_path / "清单.xlsx", messy_body())
    ws = new_workspace(tmp_path, "a.sqlite3")
    _OPEN.append(ws)
    run_import(monkeypatch, ws, write_book(tmp_path / "先.xlsx", plain_rows(3)), True)
    before = full_dump(ws)
    for stop_after, chunk_rows in ((1, importing.CHUNK_ROWS), (2, 20), (4, 20)):
        calls: list[tuple[int, int]] = []

        def progress(done: int, total: int, calls: list[tuple[int, int]] = calls, stop_after: int = stop_after) -> bool:
            calls.append((done, total))
            return len(calls) < stop_after

        with pytest.raises(InterruptedError):
            run_import(monkeypatch, ws, path, True, progress=progress, chunk_rows=chunk_rows)
        assert len(calls) == stop_after
        assert full_dump(ws) == before
