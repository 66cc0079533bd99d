"""Making Office files (xlsx, docx) byte-reproducible, keeping text cells text, and reading a .docx's text back.

openpyxl and python-docx stamp the save time into docProps/core.xml and into every zip entry, so the same inputs
give different bytes each second. A package must be byte-identical for the same inputs and day (issue 6), so every
Office file we put into a package passes through `reproducible()`: same entry order, fixed entry timestamps,
core.xml created/modified set to the given moment.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import datetime

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
# characters an xlsx/docx XML part cannot hold (openpyxl raises IllegalCharacterError on them)
ILLEGAL_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def clean_text(value: str) -> str:
    """Drop the control characters an Office XML part cannot contain (never anything a reader could see) and
    make every line break a plain LF (a CR is stored as the escape _x000D_, which other readers show literally)."""
    return ILLEGAL_XML_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def looks_like_formula(value: str) -> bool:
    """Text a spreadsheet program might take for a formula if someone re-enters the cell (pitfalls.md §7)."""
    return value.startswith(FORMULA_LEADS)


def reproducible(data: bytes, moment: datetime) -> bytes:
    """The same Office file with fixed zip timestamps and core.xml created/modified = `moment` (UTC, no micros)."""
    stamp = moment.replace(microsecond=0, tzinfo=None).isoformat().encode() + b"Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIMES.sub(lambda m: m.group(1) + stamp + m.group(3), body)
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            dst.writestr(entry, body)
    return out.getvalue()


def document_text(docx: str | os.PathLike[str] | bytes) -> str:
    """The text of a .docx in reading order (tables row by row, cells joined by " | "), then headers/footers."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else str(docx)
    from docx import Document

    doc = Document(source)
    lines: list[str] = []
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in doc.element.body.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(Paragraph(child, doc).text)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, doc).rows:
                cells: list[str] = []
                for cell in row.cells:
                    if not cells or cells[-1] != cell.text:
                        cells.append(cell.text)
                lines.append(" | ".join(cells))
    for section in doc.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                lines.extend(p.text for p in part.paragraphs if p.text)
    return "\n".join(lines)
