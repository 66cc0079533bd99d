"""What the import wizard shows before anything is imported: each sheet's first rows, the header row found and
the field recognised for each column (detected, remembered from an earlier correction, or chosen by the user)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from openlic_desktop.intake import mappings as remembered_mappings
from openlic_desktop.intake.headers import headers_signature, map_header_row
from openlic_desktop.intake.readers import open_spreadsheet
from openlic_desktop.intake.records import cell_text
from openlic_desktop.intake.table import Layout, layout_from_head, peek
from openlic_desktop.support.errors import InputError

# The fields a column can be mapped to in the wizard, with their labels (zh, en). "" = ignore the column.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "": ("（不导入）", "(ignore)"),
    "number": ("申请号", "Application No."),
    "patent_number": ("专利号", "Patent No."),
    "title": ("专利名称", "Title"),
    "patent_type": ("专利类型", "Type"),
    "filing_date": ("申请日", "Filing date"),
    "grant_date": ("授权公告日", "Grant date"),
    "status": ("法律状态", "Legal status"),
    "patentees": ("专利权人", "Patentees"),
    "inventors": ("发明人", "Inventors"),
    "fees_paid_until": ("年费缴至", "Fees paid until"),
    "ipc": ("主分类号", "IPC"),
    "department": ("院系", "Department"),
    "contact_person": ("联系人", "Contact person"),
    "contact_phone": ("联系电话", "Contact phone"),
    "contact_email": ("电子邮箱", "Contact e-mail"),
    "description": ("简介", "Description"),
    "industry": ("行业", "Industry"),
    "publication_number": ("公开号（不导入）", "Publication No. (not imported)"),
    "expiry_date": ("专利权期限届满日（自动计算）", "Last day in force (computed)"),
    "seq": ("序号（不导入）", "Row No. (ignored)"),
    "remarks": ("备注（不导入）", "Remarks (ignored)"),
    "rejection_code": ("错误代码（不导入）", "Rejection code (not imported)"),
}


@dataclass
class SheetPreview:
    """One sheet as the wizard shows it: the first rows as text and the layout found (None: no header)."""

    name: str
    rows: list[list[str]]
    total_rows: int
    layout: Layout | None


def inspect_file(path: str | Path, rows: int = 30) -> list[SheetPreview]:
    """Every sheet's first rows and detected (or remembered) layout. Raises InputError for unreadable files."""

    path = Path(path)
    out: list[SheetPreview] = []
    with open_spreadsheet(path) as book:
        for info in book.sheets():
            head = peek(book, info.name, max(rows, 30))
            layout = layout_from_head(info.name, head, None, None, True)
            out.append(SheetPreview(info.name, [[cell_text(c) for c in r] for r in head[:rows]],
                                    book.current_height or info.rows, layout))
    return out


def remember_mapping(headers: list[str], mapping: Mapping[int, str]) -> None:
    """Remember a corrected mapping for files with these headers (the wizard calls it when the user corrects)."""

    remembered_mappings.remember(headers_signature(headers), {int(c): f for c, f in mapping.items() if f})


def layout_for(path: str | Path, sheet: str, header_index: int) -> Layout:
    """The layout when the user says which row is the header (detection and memory applied to that row)."""

    with open_spreadsheet(Path(path)) as book:
        head = peek(book, sheet, header_index + 1)
    if header_index >= len(head):
        raise InputError("HEADER_NOT_FOUND", sheet=sheet)
    headers = [cell_text(c) for c in head[header_index]]
    detected = map_header_row(head[header_index])
    layout = Layout(sheet, header_index, headers, dict(detected), dict(detected))
    recalled = remembered_mappings.recall(layout.signature)
    if recalled:
        layout.mapping, layout.remembered = recalled, True
    return layout
