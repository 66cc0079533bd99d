"""`openlic import FILE [--sheet NAME] [--dry-run] [--errors-out FILE.xlsx] [--json]` (cli.md).

Exit 0: every row imported or skipped; 1: done, but rows were rejected; 2: unreadable input, nothing written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openlic_desktop.services import importer
from openlic_desktop.support.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("import", help="import patents from a spreadsheet (xlsx/xls/csv) / 从表格导入专利")
    p.add_argument("file", help=".xlsx .xlsm .xls .csv .txt")
    p.add_argument("--sheet", help="sheet name (default: the first sheet with a recognisable header)")
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.add_argument("--errors-out", metavar="FILE.xlsx", help="write the rejected rows with the reason")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)


def cmd_import(args, ctx) -> int:
    path = Path(args.file)
    importer.check_file(path)  # before the database is opened (or created): exit 2 leaves nothing behind
    if args.errors_out and Path(args.errors_out).suffix.lower() != ".xlsx":
        raise InputError("BAD_ARGUMENT", reason="--errors-out must name an .xlsx file")
    result = importer.run(ctx.ws, path, sheet=args.sheet, dry_run=args.dry_run, errors_out=args.errors_out)
    if args.json:
        ctx.print_json(result.to_json(ctx.lang))
        return 1 if result.rejected else 0
    t = ctx.t
    skipped = sum(result.skipped.values())
    if args.dry_run:
        print(t("预览（未写入数据库）", "Dry run (nothing written)"))
    print(t(f"工作表：{result.sheet}（表头在第 {result.header_row} 行）",
            f"Sheet: {result.sheet} (header in row {result.header_row})"))
    print(t(f"读取 {result.rows_read} 行：新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}，"
            f"拒绝 {result.rejected}，跳过 {skipped}",
            f"Read {result.rows_read} rows: {result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.rejected} rejected, {skipped} skipped"))
    for note in result.rejections:
        print(t(f"  第 {note.row} 行 [{note.code}] {note.message('zh')}",
                f"  row {note.row} [{note.code}] {note.message('en')}"))
    for note in result.warnings[:50]:
        print(t(f"  提示：第 {note.row} 行 [{note.code}] {note.message('zh')}",
                f"  note: row {note.row} [{note.code}] {note.message('en')}"), file=sys.stderr)
    if result.errors_file:
        print(t(f"被拒绝的行已写入 {result.errors_file}", f"Rejected rows written to {result.errors_file}"))
    return 1 if result.rejected else 0
