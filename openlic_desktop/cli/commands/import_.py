"""`openlic import FILE [--sheet NAME] [--dry-run] [--errors-out FILE.xlsx] [--json]` (cli.md).

Beyond the contract, for files detection gets wrong (the wizard's corrections, on the command line):
`--header-row N` (the sheet row holding the headers, as Excel numbers it) and `--column COL=FIELD`, repeatable,
COL a column number (1 = A), letter or header text, FIELD a field name (`--column 5=` ignores column 5). Fields:
number, patent_number, title, patent_type, filing_date, grant_date, status, patentees, inventors, fees_paid_until,
ipc, department, contact_person, contact_phone, contact_email, description, industry.
`--force` lets `--errors-out` replace an existing file (never the file being imported). `--confirm-conflicts`: a
rejected-rows file imported again also writes its rows once rejected as DUPLICATE_CONFLICT (held back otherwise,
old → new in the message).

Exit 0: every row imported or skipped; 1: done, but rows were rejected; 2: unreadable input, nothing written.
"""

from __future__ import annotations

from pathlib import Path

from openlic_desktop.services import importing
from openlic_desktop.services.audit_keys import load_keyring_ahead
from openlic_desktop.services.importing.read import ReadAhead, digests_ahead
from openlic_desktop.support.errors import InputError


def register(p) -> None:
    p.add_argument("file", help=".xlsx .xlsm .xls .csv .txt")
    p.add_argument("--sheet", help="sheet name (default: the first sheet with a recognisable header)")
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.add_argument("--errors-out", metavar="FILE.xlsx", help="write the rejected rows with the reason")
    p.add_argument("--force", action="store_true", help="--errors-out may replace an existing file")
    p.add_argument("--confirm-conflicts", action="store_true",
                   help="re-importing a rejected-rows file: also write the rows once rejected as DUPLICATE_CONFLICT")
    p.add_argument("--json", action="store_true")
    p.add_argument("--header-row", type=int, metavar="N", help="the row holding the headers (1 = first row)")
    p.add_argument("--column", action="append", default=[], metavar="COL=FIELD",
                   help="map a column (number, letter or header text) to a field; FIELD empty = ignore it")
    p.set_defaults(handler=run)


def _column_index(col: str, headers: list[str]) -> int:
    """A column named by its header text (tried first: "IPC" is a header before it is a column letter), its
    number (1 = A) or its letter; refused when the sheet has no such column."""
    text = " ".join(col.split())
    for i, header in enumerate(headers):
        if " ".join(header.split()) == text:
            return i
    index = -1
    if text.isdigit():
        index = int(text) - 1
    elif text.isascii() and text.isalpha() and len(text) <= 3:
        index = 0
        for char in text.upper():
            index = index * 26 + ord(char) - ord("A") + 1
        index -= 1
    if not 0 <= index < len(headers):
        raise InputError("BAD_ARGUMENT", reason=f"--column {col}: no such column / 没有这一列")
    return index


def _mapping(args, path: Path) -> tuple[dict[int, str] | None, int | None]:
    """The mapping and 0-based header index the user's options ask for (None, None: detect as usual)."""
    header_index = None
    if args.header_row is not None:
        if args.header_row < 1:
            raise InputError("BAD_ARGUMENT", reason="--header-row must be 1 or more")
        header_index = args.header_row - 1
    if not args.column:
        return None, header_index
    if header_index is None:
        sheets = importing.inspect_file(path)
        chosen = next((s for s in sheets if s.name == args.sheet), None) if args.sheet else \
            next((s for s in sheets if s.layout is not None), sheets[0] if sheets else None)
        if chosen is None:
            raise InputError("SHEET_NOT_FOUND", sheet=str(args.sheet), sheets="、".join(s.name for s in sheets))
        if chosen.layout is None:
            raise InputError("HEADER_NOT_FOUND", sheet=chosen.name)
        layout = chosen.layout
    else:
        sheet = args.sheet or importing.inspect_file(path)[0].name
        layout = importing.layout_for(path, sheet, header_index)
    mapping = dict(layout.mapping)
    for item in args.column:
        col, sep, fld = item.partition("=")
        fld = fld.strip()
        if not sep or (fld and fld not in importing.FIELD_LABELS):
            raise InputError("BAD_ARGUMENT", reason=f"--column {item}: expected COL=FIELD, FIELD one of "
                                                     + ", ".join(f for f in importing.FIELD_LABELS if f))
        index = _column_index(col, layout.headers)
        mapping = {c: f for c, f in mapping.items() if c != index and (not fld or f != fld or fld == "seq")}
        if fld:
            mapping[index] = fld
    return mapping, layout.header_index


def run(args, ctx) -> int:
    path = Path(args.file)
    if args.errors_out:  # before the database is opened: a refusal leaves no trace
        importing.check_errors_out(args.errors_out, path, overwrite=args.force)
    mapping, header_index = _mapping(args, path)
    # the file is read and its table found before the database is opened (or created): exit 2 leaves no trace.
    # It is read on a thread while the import's modules load here (`importing` loads them on first use).
    ahead = ReadAhead(path, args.sheet, mapping, header_index)
    digests = None
    if not args.dry_run:  # the keyring (the audit trail's key) loads meanwhile too, and the stored row digests
        load_keyring_ahead()  # of an existing database are read without creating or changing anything; the
        digests = digests_ahead(ctx.db)  # keyring first: finding the database's file loads SQLAlchemy (~0.3 s)
    with importing.prepare(path, sheet=args.sheet, mapping=mapping, header_index=header_index, ahead=ahead,
                           digests=digests) as job:
        result = job.run(ctx.ws, dry_run=args.dry_run, errors_out=args.errors_out, overwrite_errors_out=args.force,
                         confirm_conflicts=args.confirm_conflicts)
    code = 1 if result.rejected else 0
    if ctx.out.as_json:
        ctx.out.json(result.to_json(ctx.lang))
        return code
    t, out = ctx.t, ctx.out
    skipped = sum(result.skipped.values())
    if args.dry_run:
        out.line(t("预览（未写入数据库）", "Dry run (nothing written)"))
    out.line(t(f"工作表：{result.sheet}（表头在第 {result.header_row} 行）",
               f"Sheet: {result.sheet} (header in row {result.header_row})"))
    out.line(t(f"读取 {result.rows_read} 行：新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}，"
               f"拒绝 {result.rejected}，跳过 {skipped}",
               f"Read {result.rows_read} rows: {result.created} new, {result.updated} updated, "
               f"{result.unchanged} unchanged, {result.rejected} rejected, {skipped} skipped"))
    for note in result.rejections:
        out.line(t(f"  第 {note.row} 行 [{note.code}] {note.message('zh')}",
                   f"  row {note.row} [{note.code}] {note.message('en')}"))
    for note in result.warnings[:50]:
        out.note(t(f"  提示：第 {note.row} 行 [{note.code}] {note.message('zh')}",
                   f"  note: row {note.row} [{note.code}] {note.message('en')}"))
    if result.errors_file:
        out.line(t(f"被拒绝的行已写入 {result.errors_file}", f"Rejected rows written to {result.errors_file}"))
    return code
