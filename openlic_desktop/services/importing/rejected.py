"""The rejected rows of an import as an .xlsx the user fixes and imports again (`--errors-out`, the wizard's
"Save rejected rows…").

The file never replaces the spreadsheet being imported — the same file by identity, however it is named (another
spelling of the path, a symbolic or hard link) — and replaces any other existing file only when the user said so
(`--force`, a confirmation in the window). Checked before the import reads a row, and again just before writing.
"""

from __future__ import annotations

import os
from pathlib import Path

from openlic_desktop.documents import print_setup
from openlic_desktop.intake.records import cell_text
from openlic_desktop.services.importing.result import ImportResult
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.files import atomic_path


def check_target(target: str | Path, source: str | Path | None, *, overwrite: bool = False) -> Path:
    """`target` as a Path, or a refusal: not an .xlsx (BAD_ARGUMENT), the file being imported
    (ERRORS_OUT_IS_INPUT), an existing file without `overwrite` (ERRORS_OUT_EXISTS)."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise InputError("BAD_ARGUMENT", reason="--errors-out must name an .xlsx file")
    if source is not None and _same_file(target, Path(source)):
        raise InputError("ERRORS_OUT_IS_INPUT", path=str(target))
    if not overwrite and (target.exists() or target.is_symlink()):
        raise InputError("ERRORS_OUT_EXISTS", path=str(target))
    return target


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them does not exist (yet): not the same file
        return False


def write_rejections(result: ImportResult, target: str | Path, lang: str = "zh", *,
                     overwrite: bool = False) -> Path:
    """The rejected rows as an .xlsx: the original header, the original cells (as text, so that numbers keep
    every digit), then the sheet row, the code and the reason. Fix the cells and import this file again.
    Refused as `check_target` says (never over the file imported; over another file only with `overwrite`)."""
    import xlsxwriter

    target = check_target(target, result.source_path, overwrite=overwrite)
    width = max([len(result.headers), *(len(r.values) for r in result.rejections)])
    headers = list(result.headers) + [""] * (width - len(result.headers))
    extra = ["原行号 / Row", "错误代码 / Code", "原因 / Reason"]
    with atomic_path(target, suffix=".xlsx") as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_numbers": False,
                                              "strings_to_urls": False})
        try:
            sheet = book.add_worksheet("rejected")
            bold = book.add_format({"bold": True})
            for col, text in enumerate([*headers, *extra]):
                sheet.write_string(0, col, text, bold)
            for i, note in enumerate(result.rejections, start=1):
                cells = [cell_text(v) for v in note.values] + [""] * (width - len(note.values))
                for col, text in enumerate(cells):
                    if text:
                        sheet.write_string(i, col, text)
                sheet.write_number(i, width, note.row)
                sheet.write_string(i, width + 1, note.code)
                sheet.write_string(i, width + 2, note.message(lang))
            sheet.freeze_panes(1, 0)
            print_setup.xlsxwriter_sheet(sheet, 1)
        finally:
            book.close()
    return target


