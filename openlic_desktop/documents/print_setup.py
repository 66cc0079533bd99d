"""Print setup for every file the app writes: .docx on A4 in Chinese, .xlsx ready to print on A4.

A bureau clerk prints what we send. Without this a python-docx document is US Letter with 1-inch margins and
English proofing, and a spreadsheet prints its columns over many pages without the header.

- Word: `docx_document(doc)` for a python-docx Document being built, `docx_bytes(data)` for a finished file (a
  contract rendered from an office's template, too): every section A4 portrait with the margins of Word's own
  Chinese default (2.54 cm top and bottom, 3.18 cm left and right), the document language zh-CN.
- Excel: `xlsxwriter_sheet(sheet, header_rows)` and `openpyxl_sheet(sheet, header_rows)`: A4 landscape, fit to
  one page wide, the header rows repeated on every page, gridlines printed.

One place for it: the contracts, letters, tables, reports and the declarations all call these.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

A4_TWIPS = (11906, 16838)                     # 210 × 297 mm in twentieths of a point
MARGINS_TWIPS = {"top": 1440, "bottom": 1440, "left": 1800, "right": 1800, "header": 851, "footer": 992}
LANGUAGE = "zh-CN"
PAPER_A4 = 9                                  # the paper-size code of SpreadsheetML (ECMA-376)

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"


# --- Word ---------------------------------------------------------------------------------------------------------
def _section(sect_pr) -> None:
    size = sect_pr.find(f"{_W}pgSz")
    if size is None:
        size = etree.SubElement(sect_pr, f"{_W}pgSz")
    size.set(f"{_W}w", str(A4_TWIPS[0]))
    size.set(f"{_W}h", str(A4_TWIPS[1]))
    size.attrib.pop(f"{_W}orient", None)
    margins = sect_pr.find(f"{_W}pgMar")
    if margins is None:
        margins = etree.SubElement(sect_pr, f"{_W}pgMar")
    for side, twips in MARGINS_TWIPS.items():
        margins.set(f"{_W}{side}", str(twips))
    margins.set(f"{_W}gutter", "0")
    # the schema wants pgSz and pgMar before the section's columns, grid and the like: move them to the front
    # after the header/footer references
    refs = [el for el in sect_pr if etree.QName(el).localname in ("headerReference", "footerReference")]
    for el in (margins, size):
        sect_pr.remove(el)
        sect_pr.insert(len(refs), el)


def _language(styles_root) -> None:
    defaults = styles_root.find(f"{_W}docDefaults")
    if defaults is None:
        defaults = etree.Element(f"{_W}docDefaults")
        styles_root.insert(0, defaults)
    rpr_default = defaults.find(f"{_W}rPrDefault")
    if rpr_default is None:
        rpr_default = etree.SubElement(defaults, f"{_W}rPrDefault")
        defaults.remove(rpr_default)
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(f"{_W}rPr")
    if rpr is None:
        rpr = etree.SubElement(rpr_default, f"{_W}rPr")
    lang = rpr.find(f"{_W}lang")
    if lang is None:
        lang = etree.SubElement(rpr, f"{_W}lang")
    lang.set(f"{_W}val", LANGUAGE)
    lang.set(f"{_W}eastAsia", LANGUAGE)


def sections(root: Any) -> None:
    """Every section (sectPr) under `root` — a document or its body — on A4 with our margins."""
    for sect_pr in root.iter(f"{_W}sectPr"):
        _section(sect_pr)


def styles_xml(data: bytes) -> bytes:
    """word/styles.xml with the document language zh-CN."""
    styles = etree.fromstring(data)
    _language(styles)
    return etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_document(doc: Any) -> Any:
    """A python-docx Document set up for printing (see the module docstring); returned for chaining."""
    body = doc.element.body
    for sect_pr in body.iter(f"{_W}sectPr"):
        _section(sect_pr)
    _language(doc.styles.element)
    return doc


TEXT_WIDTH_TWIPS = A4_TWIPS[0] - MARGINS_TWIPS["left"] - MARGINS_TWIPS["right"]   # 8306: 14.65 cm
CM_TWIPS = 567


def table_widths(table: Any, widths_cm: tuple[float, ...]) -> None:
    """Give a python-docx table fixed column widths, in the grid (what LibreOffice and Word lay out by) and in
    every cell, so that it fits between the margins. python-docx's own grid splits the page width evenly,
    which breaks a patent number over two lines and pushes a five-column table past the right margin."""
    twips = [round(w * CM_TWIPS) for w in widths_cm]
    if sum(twips) > TEXT_WIDTH_TWIPS:
        raise ValueError(f"table of {sum(twips)} twips is wider than the text ({TEXT_WIDTH_TWIPS})")
    tbl = table._tbl
    props = tbl.tblPr
    width = props.find(f"{_W}tblW")
    if width is None:
        width = etree.SubElement(props, f"{_W}tblW")
    width.set(f"{_W}type", "dxa")
    width.set(f"{_W}w", str(sum(twips)))
    table.autofit = False                                  # tblLayout fixed: the widths are kept as given
    grid = tbl.tblGrid
    for col, value in zip(grid.findall(f"{_W}gridCol"), twips, strict=True):
        col.set(f"{_W}w", str(value))
    from docx.shared import Twips

    for row in table.rows:
        for cell, value in zip(row.cells, twips, strict=True):
            cell.width = Twips(value)


def keep_table_together(table: Any) -> None:
    """No row of the table is split over two pages, and the rows stay on one page with each other: a seal and
    signature block printed half on one page and half on the next is not accepted."""
    rows = table.rows
    for index, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(f"{_W}cantSplit") is None:
            tr_pr.append(etree.Element(f"{_W}cantSplit"))
        if index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def kept_lines(paragraph: Any, lines: Any, style: Any = None) -> Any:
    """`lines` in `paragraph` as one block that is never split over two pages: joined by line breaks in one
    paragraph kept together. (A chain of paragraphs each kept with the next is not enough: LibreOffice carries
    only the last of them over a page break, and a seal block printed its date, or a letter's seal, at the top of
    the next page.) `style(run, index)` formats each line's run."""
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if style is not None:
            style(run, index)
        if index < len(lines) - 1:
            run.add_break()
    paragraph.paragraph_format.keep_together = True
    return paragraph


def keep_with_next(paragraphs: Any) -> None:
    """Each paragraph stays on the page of the one after it (a heading with its text, a seal block's lines)."""
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def docx_bytes(data: bytes) -> bytes:
    """The same .docx with every section on A4 and the language zh-CN; every other part kept byte for byte."""
    source = zipfile.ZipFile(io.BytesIO(data))
    changed: dict[str, bytes] = {}
    document = etree.fromstring(source.read("word/document.xml"))
    sections = list(document.iter(f"{_W}sectPr"))
    if not sections:
        body = document.find(f"{_W}body")
        sections = [etree.SubElement(body, f"{_W}sectPr")]
    for sect_pr in sections:
        _section(sect_pr)
    changed["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8",
                                                  standalone=True)
    if "word/styles.xml" in source.namelist():
        changed["word/styles.xml"] = styles_xml(source.read("word/styles.xml"))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = changed.get(info.filename)
            target.writestr(info, body if body is not None else source.read(info.filename),
                            compress_type=info.compress_type)
    return out.getvalue()


# --- Excel --------------------------------------------------------------------------------------------------------
def xlsxwriter_sheet(sheet: Any, header_rows: int = 1) -> None:
    """An xlsxwriter worksheet: A4 landscape, one page wide, rows 1..header_rows repeated, gridlines printed."""
    sheet.set_paper(PAPER_A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    if header_rows > 0:
        sheet.repeat_rows(0, header_rows - 1)
    sheet.hide_gridlines(0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.center_horizontally()


def openpyxl_sheet(sheet: Any, header_rows: int = 1) -> None:
    """An openpyxl worksheet (a bureau's own template, filled): the same set-up. Header rows the template
    already repeats on every page are kept."""
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows > 0 and not sheet.print_title_rows:
        sheet.print_title_rows = f"1:{header_rows}"
    sheet.print_options.gridLines = True
    sheet.print_options.horizontalCentered = True
