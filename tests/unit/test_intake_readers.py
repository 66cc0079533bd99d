"""Every file format offices send, and every way a file can be unreadable (exit 2, nothing written)."""

from __future__ import annotations

import zipfile
from datetime import date

import intake_samples as S
import pytest
from sqlalchemy import func, select

from openlic_desktop.intake import readers
from openlic_desktop.intake.readers import decode_text, open_spreadsheet, sniff_delimiter
from openlic_desktop.services import importing, portfolio
from openlic_desktop.storage.models import ImportSource, Patent
from openlic_desktop.support import archive_limits
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)


def _facts(ws):
    return {f.number.canonical: (f.title, f.filing_date, f.grant_date, tuple(f.patentees), tuple(f.inventors),
                                 f.status, f.fees_paid_until, f.department)
            for f in portfolio.list_patents(ws)}


def _writers(tmp_path):
    rows = S.messy_table()
    return {
        "xlsx": lambda: S.write_xlsx(tmp_path / "t.xlsx", rows),
        "xlsm": lambda: S.write_xlsx(tmp_path / "t.xlsm", rows),
        "xls": lambda: S.write_xls(tmp_path / "t.xls", rows),
        "ods": lambda: S.write_ods(tmp_path / "t.ods", rows),
        "xlsx-streamed": lambda: S.write_xlsx(tmp_path / "big.xlsx", rows),
        "csv-utf8-bom": lambda: S.write_csv(tmp_path / "t.csv", rows, "utf-8-sig"),
        "csv-utf8": lambda: S.write_csv(tmp_path / "t.csv", rows, "utf-8"),
        "csv-gb18030": lambda: S.write_csv(tmp_path / "t.csv", rows, "gb18030"),
        "csv-gbk": lambda: S.write_csv(tmp_path / "t.csv", rows, "gbk"),
        "txt-tab-gbk": lambda: S.write_csv(tmp_path / "t.txt", rows, "gbk", "\t"),
    }


@pytest.mark.parametrize("kind", ["xlsx", "xlsm", "xls", "ods", "xlsx-streamed", "csv-utf8-bom", "csv-utf8",
                                  "csv-gb18030", "csv-gbk", "txt-tab-gbk"])
def test_every_format_gives_the_same_portfolio(kind, tmp_path, db_path, monkeypatch):
    from openlic_desktop.services.workspace import open_workspace

    reference = open_workspace(tmp_path / "ref.sqlite3", user="tester")
    importing.run(reference, S.write_xlsx(tmp_path / "ref.xlsx", S.messy_table()), today=TODAY)
    expected = _facts(reference)
    reference.close()

    path = _writers(tmp_path)[kind]()
    if kind == "xlsx-streamed":  # as if the sheet were too large to hold: openpyxl streams it
        monkeypatch.setattr(readers, "HOLD_MAX_CELLS", 10)
        with open_spreadsheet(path) as book:
            assert not book.holds()
    ws = open_workspace(db_path, user="tester")
    try:
        result = importing.run(ws, path, today=TODAY)
        assert result.header_row == S.HEADER_ROW
        assert {r.row: r.code for r in result.rejections} == S.EXPECTED_REJECTED
        assert result.skipped == S.EXPECTED_SKIPPED
        assert _facts(ws) == expected
        assert expected[S.N1][0] == "一种基于深度学习的图像识别方法"
    finally:
        ws.close()


def test_encoding_and_delimiter_detection():
    text = "申请号,名称\n202110123456.7,一种方法\n"
    assert decode_text(text.encode("gbk")) == ("gb18030", text)
    assert decode_text(b"\xef\xbb\xbf" + text.encode()) == ("utf-8-sig", text)
    assert decode_text(text.encode()) == ("utf-8", text)
    assert sniff_delimiter("申请号\t名称, 备注\n1\t2\n") == "\t"
    assert sniff_delimiter(text) == ","


def _assert_refused(ws, path, code):
    with ws.reading() as s:
        before = s.execute(select(func.count(Patent.id))).scalar_one(), s.execute(
            select(func.count(ImportSource.id))).scalar_one()
    with pytest.raises(InputError) as err:
        importing.run(ws, path)
    assert err.value.code == code
    assert err.value.message("zh") and err.value.message("en") != code
    with ws.reading() as s:
        after = s.execute(select(func.count(Patent.id))).scalar_one(), s.execute(
            select(func.count(ImportSource.id))).scalar_one()
    assert after == before


def test_missing_file(ws, tmp_path):
    _assert_refused(ws, tmp_path / "nope.xlsx", "FILE_NOT_FOUND")


def test_not_a_spreadsheet(ws, tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    _assert_refused(ws, tmp_path / "scan.pdf", "FILE_NOT_SPREADSHEET")
    (tmp_path / "photo.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    _assert_refused(ws, tmp_path / "photo.xlsx", "FILE_NOT_SPREADSHEET")
    (tmp_path / "binary.csv").write_bytes(b"\x00\x01\x02" * 50)
    _assert_refused(ws, tmp_path / "binary.csv", "FILE_NOT_SPREADSHEET")
    (tmp_path / "notes.xls").write_text("这不是表格，只是一段文字。", encoding="gbk")
    _assert_refused(ws, tmp_path / "notes.xls", "FILE_NOT_SPREADSHEET")
    (tmp_path / "bomb.xls").write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                                        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')
    _assert_refused(ws, tmp_path / "bomb.xls", "FILE_CORRUPT")


def test_corrupt_and_empty(ws, tmp_path):
    good = S.write_xlsx(tmp_path / "good.xlsx", S.messy_table()).read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(good[: len(good) // 2])
    _assert_refused(ws, tmp_path / "cut.xlsx", "FILE_CORRUPT")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    _assert_refused(ws, tmp_path / "empty.xlsx", "FILE_CORRUPT")
    with zipfile.ZipFile(tmp_path / "nonsense.xlsx", "w") as z:
        z.writestr("hello.txt", "not a workbook")
    _assert_refused(ws, tmp_path / "nonsense.xlsx", "FILE_CORRUPT")


def test_encrypted_workbook(ws, tmp_path):
    # A password-protected .xlsx is an OLE compound file (EncryptionInfo + EncryptedPackage), not a zip; an
    # OLE file written by xlwt has the same container signature.
    ole = S.write_xls(tmp_path / "x.xls", [["a"]]).read_bytes()
    (tmp_path / "secret.xlsx").write_bytes(ole)
    _assert_refused(ws, tmp_path / "secret.xlsx", "FILE_ENCRYPTED")


def test_zip_bomb_is_refused_before_parsing(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(archive_limits, "RATIO_MIN_BYTES", 1024 * 1024)
    path = S.write_xlsx(tmp_path / "bomb.xlsx", S.messy_table())
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (8 * 1024 * 1024))  # 8 MB that compress to ~8 KB
    _assert_refused(ws, path, "FILE_TOO_LARGE")
    monkeypatch.setattr(archive_limits, "RATIO_MIN_BYTES", 1 << 40)
    monkeypatch.setattr(archive_limits, "MAX_UNZIPPED_BYTES", 4 * 1024 * 1024)
    _assert_refused(ws, path, "FILE_TOO_LARGE")


def test_file_size_limit(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(archive_limits, "MAX_FILE_BYTES", 100)
    _assert_refused(ws, S.write_csv(tmp_path / "big.csv", S.messy_table()), "FILE_TOO_LARGE")


def test_no_header_anywhere(ws, tmp_path):
    _assert_refused(ws, S.write_xlsx(tmp_path / "other.xlsx", [["姓名", "电话"], ["张三", "1"]]), "HEADER_NOT_FOUND")


def test_rows_are_numbered_as_in_excel(tmp_path):
    path = S.write_xlsx(tmp_path / "t.xlsx", [[], [], ["申请号", "名称"], [S.N1, "x"]])
    with open_spreadsheet(path) as book:
        rows = list(book.rows())
    assert rows[2][:2] == ["申请号", "名称"] and book.current_height == 4


def _html_xls(rows) -> str:
    def cell(v):
        if isinstance(v, float) and v.is_integer():
            v = int(v)  # as the exporting system prints a whole number
        text = v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else ("" if v is None else str(v))
        return "<td>" + text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>") + "</td>"
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            f'<table border="1"><tr><td colspan="13">某某大学专利清单</td></tr>{body}</table></body></html>')


def _xml2003_xls(rows) -> str:
    def cell(v):
        if isinstance(v, (int, float)):
            return f'<Cell><Data ss:Type="Number">{v}</Data></Cell>'
        text = v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else ("" if v is None else str(v))
        return f'<Cell><Data ss:Type="String">{text.replace("&", "&amp;").replace("<", "&lt;")}</Data></Cell>'
    body = "".join("<Row>" + "".join(cell(v) for v in row) + "</Row>" if row else "<Row/>" for row in rows)
    return ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="导出">'
            f"<Table>{body}</Table></Worksheet></Workbook>")


@pytest.mark.parametrize("kind", ["html-gbk", "xml2003"])
def test_xls_that_is_really_html_or_xml_from_research_systems(kind, tmp_path, ws):
    rows = S.messy_table()
    path = tmp_path / "导出.xls"
    if kind == "html-gbk":
        path.write_bytes(_html_xls(rows[3:]).encode("gbk"))  # from the header on, under a spanning title
    else:
        path.write_text(_xml2003_xls(rows), encoding="utf-8")
    result = importing.run(ws, path, today=TODAY)
    assert result.created == len(S.EXPECTED_CREATED)
    assert {r.code for r in result.rejections} == set(S.EXPECTED_REJECTED.values())
    assert portfolio.detail(ws, S.N1).facts.inventors == ["张三", "李四", "王五"]
    if kind == "xml2003":
        assert {r.row: r.code for r in result.rejections} == S.EXPECTED_REJECTED


def test_a_streamed_sheet_that_does_not_say_its_size_still_reports_progress_with_its_total(tmp_path, ws,
                                                                                           monkeypatch):
    """Some exporters leave out the sheet's <dimension>: openpyxl's streaming then cannot know the height. The
    used range read from the cells (before any reader touches the sheet) knows it: progress has its total."""
    import re

    rows = S.messy_table()
    path = S.write_xlsx(tmp_path / "full.xlsx", rows)
    bare = tmp_path / "no-dimension.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bare, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
            dst.writestr(item, data)
    monkeypatch.setattr(readers, "HOLD_MAX_CELLS", 10)
    calls = []
    result = importing.run(ws, bare, today=TODAY, chunk_rows=2,
                          progress=lambda done, total: calls.append((done, total)) or True)
    assert result.created == len(S.EXPECTED_CREATED)
    assert calls and all(total == len(rows) for _done, total in calls)
    assert calls[-1][0] == len(rows)
