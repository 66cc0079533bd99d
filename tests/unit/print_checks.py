"""What a printed .docx must not do, read from the document itself: a table wider than the text between the
margins, a patent number broken over two lines, a seal or signature block split over two pages."""

from __future__ import annotations

from openlic_desktop.documents import print_setup

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_MARGINS_TWIPS = 2 * 108     # Word's default left and right cell margins


def grid(table) -> list[int]:
    return [int(c.get(W + "w")) for c in table._tbl.tblGrid.findall(W + "gridCol")]


def assert_tables_fit(doc) -> None:
    for table in doc.tables:
        assert sum(grid(table)) <= print_setup.TEXT_WIDTH_TWIPS, grid(table)


def assert_number_fits(table, column: int, size_pt: float, chars: int = 16) -> None:
    """"ZL" and 14 characters (a dot, 13 digits) fit on one line — or `chars` of another number (18 of a unified
    social credit code): half an em each in a Latin font, plus margins and a little room for the glyphs that are
    wider."""
    needed = round(chars * size_pt / 2 * 20 * 1.1) + CELL_MARGINS_TWIPS
    assert grid(table)[column] >= needed, (grid(table)[column], needed)


def assert_kept_together(paragraphs) -> None:
    """A block that prints on one page in Word and in LibreOffice: at most two paragraphs, each kept together
    (its lines joined by line breaks), the first kept with the second. LibreOffice keeps a paragraph with the
    next one but does not carry a longer chain of them over a page break: a seal block of three paragraphs
    chained with keep-with-next still printed its date, or a letter's seal, at the top of the next page."""
    assert paragraphs, "no block"
    assert len(paragraphs) <= 2, [p.text for p in paragraphs]
    loose = [p.text for p in paragraphs if not p.paragraph_format.keep_together]
    assert not loose, loose
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[:-1]), [p.text for p in paragraphs]
