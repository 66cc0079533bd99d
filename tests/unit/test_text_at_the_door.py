"""Text that no Office file can hold never gets in: characters XML 1.0 cannot carry (NUL and the other control
characters but tab and line breaks) are dropped where text enters — the import, `openlic set`, the editor (both
through services.portfolio) — by the one text-cleaning function of the domain, so a title can never make an
export fail later. And a CSV whose unterminated quote swallows the rest of the file is refused, not stored as one
64,000-character title.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import intake_samples as S
import pytest

from openlic_desktop.domain.parsing import clean_text, split_names
from openlic_desktop.services import importing, portfolio
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)
HOSTILE = "一种\x00图像\x07识别\x1b方法\ufffe\x08"


def test_the_one_cleaning_function_drops_what_xml_cannot_hold():
    assert clean_text(HOSTILE) == "一种图像识别方法"
    assert clean_text("a\x0bb\x0cc\x1fd") == "a b c d"  # control characters that are white space: a space
    assert clean_text("第一行\n第二行\t末尾") == "第一行 第二行 末尾"
    assert split_names("某某大学\x00；杭州\x01某某公司") == ["某某大学", "杭州某某公司"]
    assert split_names("\x00、\x02") == []


def test_import_drops_them(tmp_path, ws):
    rows = [S.HEADER, [1, S.N1, HOSTILE, "发明", "2021-03-05", "", "某某大学\x00；杭州\x01某某公司", "张三\x02",
                       "有效", "", "计算机\x03学院", "赵\x04老师", "0571\x05-8888"]]
    result = importing.run(ws, S.write_csv(tmp_path / "t.csv", rows), today=TODAY)
    assert (result.created, result.rejected) == (1, 0)
    facts = portfolio.detail(ws, S.N1).facts
    assert facts.title == "一种图像识别方法"
    assert facts.patentees == ["某某大学", "杭州某某公司"] and facts.inventors == ["张三"]
    assert (facts.department, facts.contact_person, facts.contact_phone) == ("计算机学院", "赵老师", "0571-8888")


def test_import_drops_them_from_an_xlsx_too(tmp_path, ws):
    """An .xlsx carries control characters escaped (_x0007_, as Excel writes them); the reader unescapes them."""
    row = (f'<row r="2"><c r="A2" t="inlineStr"><is><t>{S.N1}</t></is></c>'
           '<c r="B2" t="inlineStr"><is><t>一种_x0000_图像_x0007_识别_x001B_方法</t></is></c></row>')
    result = importing.run(ws, S.raw_xlsx(tmp_path / "t.xlsx", row), today=TODAY)
    assert (result.created, result.rejected) == (1, 0)
    assert portfolio.detail(ws, S.N1).facts.title == "一种图像识别方法"


def test_set_and_the_editor_drop_them(tmp_path, ws):
    importing.run(ws, S.write_xlsx(tmp_path / "t.xlsx", [S.HEADER, [1, S.N1, "一种方法"]]), today=TODAY)
    # the editor hands services.portfolio the widget's text; `openlic set` parses FIELD=VALUE first
    portfolio.set_fields(ws, S.N1, {"title": HOSTILE, "description": "简介\x00内容"}, source="gui")
    facts = portfolio.detail(ws, S.N1).facts
    assert (facts.title, facts.description) == ("一种图像识别方法", "简介内容")
    portfolio.set_fields(ws, S.N1, {"industry": portfolio.parse_field_value("industry", "制造\x1a业")})
    assert portfolio.detail(ws, S.N1).facts.industry == "制造业"


def test_an_imported_control_character_cannot_block_an_export(tmp_path, db_path):
    """Through the command line, as a user would: import, then a .docx and an .xlsx that carry the title."""
    import docx

    rows = [S.HEADER, [1, S.N1, HOSTILE, "发明", "2021-03-05", "2023-04-01", "某某大学", "张三", "有效",
                       "2027-03-04", "计算机学院", "赵老师", "0571-8888"]]
    source = S.write_csv(tmp_path / "t.csv", rows)

    def openlic(*args):
        return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db_path), "--user", "t",
                               *map(str, args)], capture_output=True, text=True, encoding="utf-8", timeout=120,
                              check=False)

    assert openlic("import", source).returncode == 0
    letter = tmp_path / "承诺函.docx"
    run = openlic("commitment-letter", S.N1, "--out", letter)
    assert run.returncode == 0, run.stderr
    assert "一种图像识别方法" in "\n".join(cell.text for table in docx.Document(letter).tables
                                     for row in table.rows for cell in row.cells)
    listed = json.loads(openlic("patents", "--json").stdout)
    assert [p["title"] for p in listed] == ["一种图像识别方法"]


def _csv_with_an_open_quote(tmp_path, rows_after: int):
    lines = ["申请号,发明名称,专利权人", f'{S.N1},"一种方法,某某大学']  # the quote is never closed
    lines += [f"{S.number(2020, 1, i)},方法{i},某某大学" for i in range(1, rows_after + 1)]
    path = tmp_path / "open-quote.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_unterminated_quote_is_refused_naming_its_line(tmp_path, ws):
    path = _csv_with_an_open_quote(tmp_path, 3000)
    with pytest.raises(InputError) as err:
        importing.run(ws, path, today=TODAY)
    assert err.value.code == "FILE_CORRUPT" and "2" in err.value.params["reason"]
    assert portfolio.count(ws) == 0


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path, ws):
    path = tmp_path / "long.csv"
    path.write_text(f"申请号,发明名称\n{S.N1},{'长' * 40_000}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        importing.run(ws, path, today=TODAY)
    assert err.value.code == "FILE_CORRUPT" and portfolio.count(ws) == 0


def test_quoted_line_breaks_still_read(tmp_path, ws):
    path = tmp_path / "breaks.csv"
    path.write_text(f'申请号,发明名称,发明人\n{S.N1},"一种\n方法","张三\n李四"\n', encoding="utf-8")
    result = importing.run(ws, path, today=TODAY)
    assert result.created == 1 and portfolio.detail(ws, S.N1).facts.inventors == ["张三", "李四"]
