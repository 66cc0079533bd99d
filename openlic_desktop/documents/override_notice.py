"""The cover of a document drafted despite blockers: the blockers in words, who overrode them, when and why.

`with_cover(docx_bytes, lines)` puts the lines (domain.blocker_override.cover_lines) on a first page of their own
in any .docx — one built with python-docx or rendered from an office's own contract template — so the notice
cannot be left out by a template that has no field for it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from lxml import etree

from openlic_desktop.documents.ooxml import clean_text

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"


def _paragraph(text: str, *, bold: bool = False, size_half_points: int = 24, centre: bool = False,
               page_break: bool = False):
    p = etree.Element(f"{_W}p")
    ppr = etree.SubElement(p, f"{_W}pPr")
    if centre:
        etree.SubElement(ppr, f"{_W}jc", {f"{_W}val": "center"})
    r = etree.SubElement(p, f"{_W}r")
    rpr = etree.SubElement(r, f"{_W}rPr")
    etree.SubElement(rpr, f"{_W}rFonts", {f"{_W}eastAsia": "宋体"})
    if bold:
        etree.SubElement(rpr, f"{_W}b")
    etree.SubElement(rpr, f"{_W}sz", {f"{_W}val": str(size_half_points)})
    if page_break:
        etree.SubElement(r, f"{_W}br", {f"{_W}type": "page"})
    else:
        t = etree.SubElement(r, f"{_W}t")
        t.text = clean_text(text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


def with_cover(docx: bytes, lines: Sequence[str]) -> bytes:
    """The same .docx with `lines` on a first page: the first line as a centred heading, then one paragraph
    each, then a page break. Every other part of the file is kept byte for byte."""
    if not lines:
        return docx
    source = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(source.read("word/document.xml"))
    body = root.find(f"{_W}body")
    cover = [_paragraph(lines[0], bold=True, size_half_points=32, centre=True)]
    cover += [_paragraph(line) for line in lines[1:]]
    cover.append(_paragraph("", page_break=True))
    for index, element in enumerate(cover):
        body.insert(index, element)
    document_xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()
