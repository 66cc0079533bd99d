"""Real spreadsheet files for the import tests, written by the libraries offices' tools use (openpyxl, xlwt, csv).

`messy_table()` is a portfolio as a TTO keeps it: title and note rows above the header, a header with line
breaks and brackets, numbers in every written form, dates in every written form, a blank row, a header repeated at
a page break, a footer, and one row for each rejection code. `EXPECTED` says what must become of each data row.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openlic_desktop.domain.identifiers import check_character


def number(year: int, kind: int, serial: int) -> str:
    digits = f"{year}{kind}{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def old_number(yy: int, kind: int, serial: int) -> str:
    """An application number of the 8-digit form used before 2003-10."""
    digits = f"{yy:02d}{kind}{serial:05d}"
    return f"{digits}.{check_character(digits)}"


def wrong_check(canonical: str) -> str:
    digits, check = canonical.split(".")
    other = "0" if check != "0" else "1"
    return f"{digits}.{other}"


N1 = number(2021, 1, 123456)   # invention
N2 = number(2020, 2, 345678)   # utility model
N3 = number(2022, 3, 11111)    # design
N4 = number(2019, 1, 765432)
N5 = number(2018, 2, 222333)
N6 = number(2023, 1, 900001)
N7 = number(2017, 1, 400004)

HEADER = ["序号", "申请号\n（专利号）", "发明名称", "专利类型", "申请日", "授权公告日", "专利权人", "发明人",
          "法律状态", "年费缴至", "学院", "联系人", "联系电话"]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def messy_table() -> list[list[Any]]:
    """Rows as a sheet holds them (sheet row 1 first)."""
    digits1 = N1.replace(".", "")
    return [
        ["某某大学2026年度专利清单"],                                                    # 1 title (merged)
        ["填报说明：申请号请填写完整，含校验位"],                                           # 2 note
        [],                                                                             # 3 blank
        HEADER,                                                                         # 4 header
        [1, f"ZL {N1[:4]} {N1[4]} {N1[5:]}", "一种基于深度学习的图像识别方法", "发明专利",   # 5 created
         datetime(2021, 3, 5), "2023年4月1日", "某某大学；杭州某某科技有限公司", "张三、李四\n王五", "有效",
         "2026-03-04", "计算机学院", "赵老师", "0571-88888888"],
        [2, _fullwidth(N2), "一种便携式电池热管理装置", "实用新型", "2020/1/5", "2020.6.30",   # 6 created
         "某某大学", "钱六", "授权", "", "机械学院", "", ""],
        [3, float(N3.replace(".", "")) if N3[-1] != "X" else N3, "茶具（一）", "外观设计",   # 7 created (number as float)
         44600, 20220801, "某某大学", "孙七", "专利权维持", "", "设计学院", "", ""],
        [4, "", "缺号的一行", "发明", "2021-01-01", "", "某某大学", "", "有效", "", "", "", ""],  # 8 NUMBER_MISSING
        [5, "2021-ABC", "乱码申请号", "发明", "", "", "", "", "", "", "", "", ""],            # 9 NUMBER_UNREADABLE
        [6, wrong_check(N4), "校验位错误", "发明", "2019-05-06", "", "某某大学", "", "有效", "", "", "", ""],  # 10
        [7, "CN112345678A", "公开号填错", "发明", "", "", "", "", "", "", "", "", ""],          # 11 PUBLICATION
        [],                                                                             # 12 blank
        HEADER,                                                                         # 13 repeated header
        [8, N5, "日期不存在", "实用新型", "2018-02-30", "", "某某大学", "", "有效", "", "", "", ""],  # 14 BAD_DATE
        [9, N6, "未来的申请日", "发明", "2099-01-01", "", "某某大学", "", "审中", "", "", "", ""],   # 15 IMPOSSIBLE
        [10, N7, "一种污水脱氮除磷工艺", "发明", "2017.3.9", "", "某某大学", "周八", "实审", "", "", "", ""],  # 16
        [11, digits1, "一种基于深度学习的图像识别方法（改）", "发明", "", "", "", "", "", "", "", "", ""],  # 17 DUP
        [12, f"{N7} ", "一种污水脱氮除磷工艺", "发明", "2017.3.9", "", "某某大学", "周八", "实审", "", "", "", ""],
        # ^ 18: an identical duplicate of row 16 (trailing space): skipped, not rejected
        ["合计：12 件"],                                                                  # 19 footer
        ["注：本表由科研院整理"],                                                          # 20 footer
    ]


# sheet row → what must happen to it
EXPECTED_CREATED = {5: N1, 6: N2, 7: N3, 16: N7}
EXPECTED_REJECTED = {8: "NUMBER_MISSING", 9: "NUMBER_UNREADABLE", 10: "BAD_CHECK_DIGIT", 11: "PUBLICATION_NUMBER",
                     14: "BAD_DATE", 15: "DATE_IMPOSSIBLE", 17: "DUPLICATE_CONFLICT"}
EXPECTED_SKIPPED = {"blank": 1, "header": 1, "footer": 2, "duplicate": 1}  # blank rows below the header only
HEADER_ROW = 4


def _xl_value(value: Any) -> Any:
    return value


def write_xlsx(path: Path, rows: list[list[Any]], sheet: str = "专利清单",
               before: dict[str, list[list[Any]]] | None = None) -> Path:
    """An .xlsx by openpyxl (as Excel would save it), optional sheets placed before the table's sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    sheets = list((before or {}).items()) + [(sheet, rows)]
    for i, (name, content) in enumerate(sheets):
        ws = first if i == 0 else book.create_sheet()
        ws.title = name
        for r, row in enumerate(content, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
                if isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd"
        if name == sheet and rows and rows[0] and len(rows[0]) == 1:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
    book.save(path)
    return path


def write_xls(path: Path, rows: list[list[Any]], sheet: str = "专利清单") -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, (date, datetime)):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    book.save(str(path))
    return path


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8-sig", delimiter: str = ",") -> Path:
    def text(value: Any) -> str:
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d")
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return "" if value is None else str(value)

    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow([text(v) for v in row])
    return path


def write_ods(path: Path, rows: list[list[Any]], sheet: str = "专利清单") -> Path:
    """An OpenDocument spreadsheet (as LibreOffice or WPS saves it), by odfpy: dates as date cells, numbers as
    float cells, a line break as a new paragraph."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for row in rows:
        table_row = TableRow()
        for value in row:
            if value is None or value == "":
                cell = TableCell()
            elif isinstance(value, (date, datetime)):
                day = value.strftime("%Y-%m-%d")
                cell = TableCell(valuetype="date", datevalue=day)
                cell.addElement(P(text=day))
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string")
                for line in str(value).split("\n"):
                    cell.addElement(P(text=line))
            table_row.addElement(cell)
        table.addElement(table_row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def cancel_at(call: int) -> tuple[Any, list[int]]:
    """A progress callback that cancels at its `call`-th call, and the list of the rows done it was told."""
    calls: list[int] = []

    def progress(done: int, _total: int) -> bool:
        calls.append(done)
        return len(calls) < call

    return progress, calls


def on_every_pooled_connection(ws: Any, ask: Any) -> list[Any]:
    """`ask(connection)` on each connection the workspace's pool holds (checked out one after another, all at
    once, so that every pooled connection is seen — the GUI's threads may get any of them)."""
    engine = ws.db.engine
    held, out = [], []
    try:
        for _ in range(engine.pool.checkedin()):
            conn = engine.connect()
            held.append(conn)
            out.append(ask(conn))
    finally:
        for conn in held:
            conn.close()
    return out


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>')


def raw_xlsx(path: Path, sheet_data: str, sheet: str = "专利清单", dimension: str = "A1:B2",
             compresslevel: int | None = None) -> Path:
    """A minimal .xlsx whose sheetData is exactly `sheet_data` (XML written by hand, as a hostile or unusual
    generator would), with a header row of 申请号/名称 first and a <dimension> that says `dimension`
    (`compresslevel` 1 writes tens of MB in a fraction of the default's time)."""
    import zipfile

    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>申请号</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>名称</t></is></c></row>')
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet '
           'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f'<dimension ref="{dimension}"/><sheetData>{header}{sheet_data}</sheetData></worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _PACKAGE_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK.format(name=sheet))
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/worksheets/sheet1.xml", xml)
    return path


def raw_ods(path: Path, table_rows: str, sheet: str = "专利清单") -> Path:
    """A minimal .ods whose table holds exactly `table_rows` (content.xml written by hand)."""
    import zipfile

    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="{sheet}">'
               '<table:table-row><table:table-cell office:value-type="string"><text:p>申请号</text:p>'
               '</table:table-cell></table:table-row>'
               f'{table_rows}</table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        book.writestr("META-INF/manifest.xml",
                      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                      'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                      '<manifest:file-entry manifest:full-path="/" '
                      'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                      '</manifest:manifest>')
        book.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def raw_xlsb(path: Path, rows: list[tuple[int, list[tuple[int, float]]]], sheet: str = "专利清单") -> Path:
    """A minimal .xlsb (BIFF12 records written by hand): `rows` is [(row index, [(column index, number)])]."""
    import struct
    import zipfile

    def varint(n: int) -> bytes:
        out = bytearray()
        while True:
            low, n = n & 0x7F, n >> 7
            out.append(low | (0x80 if n else 0))
            if not n:
                return bytes(out)

    def record(kind: int, body: bytes = b"") -> bytes:
        return varint(kind) + varint(len(body)) + body

    def wide(text: str) -> bytes:
        return struct.pack("<I", len(text)) + text.encode("utf-16-le")

    book = record(0x83) + record(0x8F) + record(0x9C, struct.pack("<II", 0, 1) + wide("rId1") + wide(sheet)) \
        + record(0x90) + record(0x84)
    data = record(0x81) + record(0x94, struct.pack("<IIII", 0, 1, 0, 1)) + record(0x91)  # a <dimension> of A1:B2
    for row, cells in rows:
        data += record(0, struct.pack("<I", row) + bytes(13))
        for col, value in cells:
            data += record(5, struct.pack("<II", col, 0) + struct.pack("<d", value))
    data += record(0x92) + record(0x82)
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>'
            '</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", rels.format(kind="officeDocument", target="xl/workbook.bin"))
        archive.writestr("xl/workbook.bin", book)
        archive.writestr("xl/_rels/workbook.bin.rels", rels.format(kind="worksheet", target="worksheets/sheet1.bin"))
        archive.writestr("xl/worksheets/sheet1.bin", data)
    return path


def parse_row(cells: Any, mapping: Any, row_number: int, today: date | None = None) -> Any:
    """One row normalised by a parser of its own (the import makes one RowParser per sheet)."""
    from openlic_desktop.intake.records import RowParser

    return RowParser(mapping, today).parse(cells, row_number)
