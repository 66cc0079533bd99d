"""A sheet whose used range is absurd is refused before any reader allocates it.

python-calamine allocates a sheet's whole used range up front: one value at XFD1048576 in a 2 KB .xlsx asks for
about 512 GB and aborts the process (SIGABRT, not an exception — the GUI vanishes with it). The guard reads the
cell references themselves (a sheet's <dimension> can say anything) and refuses with FILE_TOO_LARGE naming the
range. The hostile files run in a child process with its address space limited, so that a guard that fails kills
the child, not the test run.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from datetime import date

import intake_samples as S
import pytest

from openlic_desktop.services import importing
from openlic_desktop.support import archive_limits
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)
ADDRESS_SPACE = 2 << 30  # 2 GB: plenty for a small import, far from what the hostile ranges ask for


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _cli_import(tmp_path, path, *extra):
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(tmp_path / "p.sqlite3"),
                           "--lang", "en", "import", str(path), "--json", *extra],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, preexec_fn=_limited,
                          check=False)


def _too_large(run) -> str:
    """The refusal's text (exit 2, FILE_TOO_LARGE in words on stderr, or as a code in a JSON error on stdout)."""
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    text = run.stdout + run.stderr
    assert "FILE_TOO_LARGE" in text or "too large" in text, text
    return text


def _value(ref: str) -> str:
    return f'<c r="{ref}"><v>1</v></c>'


FAR = {
    # name: (sheetData after the header row, the range the refusal names)
    "XFD1048576": (f'<row r="1048576">{_value("XFD1048576")}</row>', "A1:XFD1048576"),
    "DX1048576": (f'<row r="1048576">{_value("DX1048576")}</row>', "A1:DX1048576"),
    "Z1048576 (1.5 GB)": (f'<row r="1048576">{_value("Z1048576")}</row>', "A1:Z1048576"),
    "attributes in another order": ('<row r="1048576"><c s="0" t="n" r="DX1048576"><v>1</v></c></row>',
                                    "A1:DX1048576"),
    "single quotes and spaces": ("<row r='1048576'><c r = 'DX1048576' ><v>1</v></c></row>", "A1:DX1048576"),
    "tab before the attribute": ('<row r="1048576"><c\tr="DX1048576"><v>1</v></c></row>', "A1:DX1048576"),
    "lower-case column": ('<row r="1048576"><c r="dx1048576"><v>1</v></c></row>', "A1:DX1048576"),
    "namespace prefix": (('<row r="1048576"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                          'r="DX1048576"><x:v>1</x:v></x:c></row>'), "A1:DX1048576"),
    "a cell lying about its row": (f'<row r="2">{_value("DX1048576")}</row>', "A1:DX1048576"),
    "cells without a reference in a far row": ('<row r="1048576">' + "<c><v>1</v></c>" * 130 + "</row>",
                                               "A1:DZ1048576"),
    "a column past Excel's last": (f'<row r="2">{_value("AAAAA2")}</row>', "AAAAA2"),
    "a row past Excel's last": (f'<row r="2">{_value("B99999999999")}</row>', "B99999999999"),
    "an inline string": ('<row r="1048576"><c r="DX1048576" t="inlineStr"><is><t></t></is></c></row>',
                         "A1:DX1048576"),
}


@pytest.mark.parametrize("case", list(FAR))
def test_a_far_cell_is_refused_naming_the_range(case, tmp_path):
    sheet_data, named = FAR[case]
    path = S.raw_xlsx(tmp_path / "far.xlsx", sheet_data)
    assert path.stat().st_size < 4096
    assert named in _too_large(_cli_import(tmp_path, path))
    assert not (tmp_path / "p.sqlite3").exists()  # refused before the database was opened


def test_the_preview_refuses_it_too(tmp_path):
    """The wizard's first page lists every sheet with its height: it must not load a hostile sheet either."""
    path = S.raw_xlsx(tmp_path / "far.xlsx", FAR["XFD1048576"][0])
    script = ("import sys\nfrom openlic_desktop.services import importing\n"
              "from openlic_desktop.support.errors import InputError\n"
              "try:\n    importing.inspect_file(sys.argv[1])\nexcept InputError as e:\n"
              "    print(e.code, e.params.get('reason'))\n")
    run = subprocess.run([sys.executable, "-c", script, str(path)],
                         capture_output=True, text=True, encoding="utf-8", timeout=120, preexec_fn=_limited,
                         check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("FILE_TOO_LARGE") and "XFD1048576" in run.stdout


def test_a_far_cell_in_an_ods_is_refused(tmp_path):
    rows = ('<table:table-row table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>'
            '<table:table-row><table:table-cell table:number-columns-repeated="127"/>'
            '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
            '</table:table-row>')
    path = S.raw_ods(tmp_path / "far.ods", rows)
    assert "A1:DX1048572" in _too_large(_cli_import(tmp_path, path))


def test_a_far_cell_in_an_xls_is_refused(tmp_path):
    """A 6 KB .xls with a value at IV65536 costs python-calamine about 1 GB."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("专利清单")
    sheet.write(0, 0, "申请号")
    sheet.write(65535, 255, 1)
    path = tmp_path / "far.xls"
    book.save(str(path))
    assert "A1:IV65536" in _too_large(_cli_import(tmp_path, path))


def test_empty_styled_cells_far_away_are_not_a_used_range(tmp_path, ws):
    """python-calamine skips cells without a value (a colour given to XFD1048576, an empty shared string, a formula
    never calculated): the guard counts what the reader would hold, so such a sheet imports as usual."""
    data = (f'<row r="2"><c r="A2" t="inlineStr"><is><t>{S.N1}</t></is></c>'
            '<c r="B2" t="inlineStr"><is><t>一种方法</t></is></c></row>'
            '<row r="1048576" s="3" customFormat="1"><c r="XFD1048576" s="3"/><c r="XFC1048576" t="s"></c>'
            '<c r="XFB1048576"><f>A1</f></c></row>')
    path = S.raw_xlsx(tmp_path / "styled.xlsx", data, dimension="A1:XFD1048576")
    result = importing.run(ws, path, today=TODAY)
    assert (result.created, result.rejected) == (1, 0)


@pytest.mark.parametrize(("sheet_data", "rows", "cols"), [
    (f'<row r="3">{_value("C3")}</row>', 3, 3),
    ('<row r="3"><c s="1" r="Q7"><v>1</v></c></row>', 7, 17),          # the cell's own row counts
    ("<row r='9'><c r = 'k9'><v>1</v></c></row>", 9, 11),
    ('<row r="4"><c><v>1</v></c><c><v>2</v></c><c r="F4"><v>3</v></c><c><v>4</v></c></row>', 4, 7),
    ('<row><c><v>1</v></c></row><row><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>', 3, 3),
])
def test_the_used_range_is_read_from_the_cells(sheet_data, rows, cols, tmp_path, inflating):
    path = S.raw_xlsx(tmp_path / "t.xlsx", sheet_data)
    found = archive_limits.sheet_used_range(path, "xl/worksheets/sheet1.xml")
    assert (found.rows, found.cols) == (rows, cols)


def test_ordinary_files_are_not_held_back(tmp_path, ws):
    result = importing.run(ws, S.write_xlsx(tmp_path / "t.xlsx", S.messy_table()), today=TODAY)
    assert result.created == len(S.EXPECTED_CREATED)
    ranges = archive_limits.workbook_used_ranges(tmp_path / "t.xlsx")
    assert ranges == {"专利清单": archive_limits.UsedRange(20, 13)}


def test_the_refusal_reads_well(tmp_path):
    path = S.raw_xlsx(tmp_path / "far.xlsx", FAR["XFD1048576"][0])
    run = _cli_import(tmp_path, path)
    _too_large(run)
    refusal = json.loads(run.stdout)["error"] if run.stdout.strip().startswith("{") else None
    text = run.stderr if refusal is None else refusal["message"]
    assert "A1:XFD1048576" in text and "far.xlsx" in text and "17,179,869,184" in text


def test_a_far_cell_in_an_xlsb_is_refused(tmp_path):
    path = S.raw_xlsb(tmp_path / "far.xlsb", [(0, [(0, 1.0)]), (1_048_575, [(127, 2.0)])])
    assert "A1:DX1048576" in _too_large(_cli_import(tmp_path, path))


def test_an_xlsb_reads_as_usual(tmp_path):
    from openlic_desktop.intake.readers import open_spreadsheet

    path = S.raw_xlsb(tmp_path / "t.xlsb", [(0, [(0, 1.0), (1, 2.0)]), (2, [(0, 3.0)])])
    with open_spreadsheet(path) as book:
        assert [s.rows for s in book.sheets()] == [3]
        assert list(book.rows("专利清单")) == [[1.0, 2.0], ["", ""], [3.0, ""]]


def _long_sheet(rows: int, late: str = "") -> str:
    """Rows 2.. of three value cells each — several of the guard's blocks of decompressed XML — with `late`
    (a row's cells) put in as the row before the last."""
    out = []
    for r in range(2, rows + 2):
        cells = late if r == rows and late else "".join(_value(f"{c}{r}") for c in "ABC")
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


@pytest.fixture(params=["inflated here", "inflated ahead"])
def inflating(request, monkeypatch):
    """The guard's two ways of inflating a sheet: in the reading thread, and (a large sheet) on a thread of its
    own a few slices ahead — here in slices of 4 KB, so that a test sheet spans many of them."""
    if request.param == "inflated ahead":
        monkeypatch.setattr(archive_limits, "INFLATE_AHEAD_BYTES", 0)
        monkeypatch.setattr(archive_limits._InflatedAhead, "SLICE", 4096)
    return request.param


def _inflating_threads() -> list[str]:
    import threading

    return [t.name for t in threading.enumerate() if t.name == "openlic-inflate"]


@pytest.mark.parametrize(("late", "rows", "cols"), [
    ("", 6001, 3),                                                    # every later block like the first
    (_value("D6000"), 6001, 4),                                       # a column first seen in a later block
    (_value("DX6000"), 6001, 128),                                    # and a far one
    ('<c t="n" r="C6000"><v>1</v></c>', 6001, 3),                     # a cell written otherwise: read exactly
    ('<c r="C6000"><v>1</v></c><c><v>1</v></c>', 6001, 4),            # a cell without a reference
    (_value("B900000"), 900_000, 3),                                  # a cell lying about its row
])
def test_a_long_sheet_is_bounded_by_every_block(late, rows, cols, tmp_path, inflating):
    """The guard looks at each block after the first only for a reference the blocks before did not account
    for: a new column, a row beyond the bound, a cell written otherwise. Whatever a later block holds, the range
    is what reading every reference finds — inflated here or ahead, and no inflating thread outlives the guard
    (a cell written otherwise stops the fast pass early and reads the sheet again)."""
    path = S.raw_xlsx(tmp_path / "long.xlsx", _long_sheet(6000, late))
    assert archive_limits.sheet_used_range(path, "xl/worksheets/sheet1.xml") == archive_limits.UsedRange(rows, cols)
    assert _inflating_threads() == []


@pytest.mark.parametrize(("case", "ref"), [
    ("XFD1048576", "A1:XFD1048576"), ("namespace prefix", "A1:DX1048576"), ("a cell lying about its row", "A1:DX1048576"),
    ("cells without a reference in a far row", "A1:DZ1048576"), ("a row past Excel's last", "A1:C99999999999")])
def test_a_far_cell_late_in_a_long_sheet_is_found(case, ref, tmp_path, inflating):
    """A far cell in the last block of a sheet spanning many blocks (and, inflated ahead, many slices) is found
    and refused before python-calamine opens the sheet."""
    from openlic_desktop.intake.readers import open_spreadsheet

    sheet_data = FAR[case][0]
    path = S.raw_xlsx(tmp_path / "far.xlsx", _long_sheet(6000) + sheet_data)
    with pytest.raises(InputError) as caught, open_spreadsheet(path) as book:
        book.used_range()
    assert caught.value.code == "FILE_TOO_LARGE" and f"!{ref}:" in caught.value.params["reason"]
    assert _inflating_threads() == []


def test_colons_in_cell_text_leave_the_fast_pass_alone(tmp_path, inflating):
    """A colon in a cell's text (a time, a URL) is no namespace-prefixed cell: the range is found as usual."""
    text = '<c r="D{r}" t="inlineStr"><is><t>10:30 http://x.cn/a:c x:c</t></is></c>'
    rows = "".join(f'<row r="{r}">{_value(f"A{r}")}{text.format(r=r)}</row>' for r in range(2, 3002))
    path = S.raw_xlsx(tmp_path / "colons.xlsx", rows)
    assert archive_limits.sheet_used_range(path, "xl/worksheets/sheet1.xml") == archive_limits.UsedRange(3001, 4)


def test_the_guard_reads_an_entry_as_zipfile_does(tmp_path, inflating):
    """The sheet is inflated with zlib directly (faster than zipfile's stream), here or on a thread of its own a
    slice at a time: the same bytes, in reads of the size asked for, never more than the entry says it holds; a
    stored (not deflated) entry goes through zipfile."""
    import zipfile

    path = S.raw_xlsx(tmp_path / "long.xlsx", _long_sheet(6000))
    part = "xl/worksheets/sheet1.xml"
    kind = archive_limits._Inflated if inflating == "inflated here" else archive_limits._InflatedAhead
    with zipfile.ZipFile(path) as book:
        expected = book.read(part)
        with archive_limits._member(book, part) as stream:
            assert isinstance(stream, kind)
            blocks = list(iter(lambda: stream.read(1000), b""))
            assert stream.read(1000) == b""
    assert b"".join(blocks) == expected and max(map(len, blocks)) == 1000
    assert _inflating_threads() == []
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    with zipfile.ZipFile(stored) as book, archive_limits._member(book, part) as stream:
        assert not isinstance(stream, (archive_limits._Inflated, archive_limits._InflatedAhead))
        assert stream.read() == expected
    assert archive_limits.sheet_used_range(stored, part) == archive_limits.UsedRange(6001, 3)


def test_a_sheet_whose_deflated_data_is_broken_is_refused_as_corrupt(tmp_path, inflating):
    import zipfile

    path = S.raw_xlsx(tmp_path / "broken.xlsx", _long_sheet(6000))
    with zipfile.ZipFile(path) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + 100:start + 400] = bytes(300)  # the deflate stream garbled
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError) as caught:
        archive_limits.sheet_used_range(path, "xl/worksheets/sheet1.xml")
    assert caught.value.code == "FILE_CORRUPT"
    assert _inflating_threads() == []


def _one_cell(text: str) -> str:
    return f'<row r="2"><c r="A2" t="inlineStr"><is><t>{text}</t></is></c></row>'


def test_a_run_of_text_without_a_tag_end_is_refused_in_bounded_memory(tmp_path, inflating):
    """32 MB of letters in one cell (a 900 MB one compresses into a few MB): the guard used to carry, copy and
    search the whole run again block after block, 68 MB held and seconds spent; no spreadsheet program writes it."""
    import random
    import tracemalloc

    letters = bytes(ord("a") + i % 8 for i in range(256))  # random bytes to a–h: deflate gets about 2.4:1
    text = random.Random(1).randbytes(1 << 20).translate(letters).decode() * 32
    path = S.raw_xlsx(tmp_path / "long.xlsx", _one_cell(text), compresslevel=1)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            archive_limits.sheet_used_range(path, "xl/worksheets/sheet1.xml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.code == "FILE_CORRUPT"
    assert "without a tag's end" in caught.value.params["reason"]
    assert peak < 24 << 20, f"{peak / 2**20:.0f} MB held"
    assert _inflating_threads() == []


def test_the_longest_cell_excel_writes_is_read(tmp_path, inflating):
    """32,767 characters, each written as a character reference (eight bytes: 256 KB, more than a block, a
    quarter of the run the guard refuses)."""
    text = "&#x4E00;" * 32767
    path = S.raw_xlsx(tmp_path / "longest.xlsx", _one_cell(text) + f'<row r="3">{_value("B3")}</row>')
    assert archive_limits.sheet_used_range(path, "xl/worksheets/sheet1.xml") == archive_limits.UsedRange(3, 2)


def test_the_import_refuses_such_a_run_before_the_database_is_opened(tmp_path):
    text = "abcdefgh" * (1 << 19)  # 4 MB
    path = S.raw_xlsx(tmp_path / "long.xlsx", _one_cell(text))
    run = _cli_import(tmp_path, path)
    assert run.returncode == 2, run.stderr[-2000:]
    assert json.loads(run.stdout)["error"]["code"] == "FILE_CORRUPT"
    assert not (tmp_path / "p.sqlite3").exists()
