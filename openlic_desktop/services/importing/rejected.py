"""The rejected rows of an import as an .xlsx the user fixes and imports again (`--errors-out`, the wizard's
"Save rejected rows…")."""

from __future__ import annotations

from pathlib import Path

from openlic_desktop.documents import print_setup
from openlic_desktop.intake.records import cell_text
from openlic_desktop.services.importing.result import ImportResult
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.files import atomic_path


def write_rejections(result: ImportResult, target: str | Path, lang: str = "zh") -> Path:
    """The rejected rows as an .xlsx: the original header, the original cells (as text, so that numbers keep
    every digit), then the sheet row, the code and the reason. Fix the cells and import this file again."""
    import xlsxwriter

    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise InputError("BAD_ARGUMENT", reason="--errors-out must name an .xlsx file")
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


