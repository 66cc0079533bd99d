"""The commitment letter: a real .docx with the patents, every patentee's seal block and the commitments."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from openlic_desktop.documents.commitment_letter import LetterPatent, all_patentees, write_commitment_letter
from openlic_desktop.services import portfolio, readiness


def _text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def test_letter_for_a_batch(tmp_path):
    patents = [LetterPatent("202110123456.7", "一种方法", "invention", ("浙江大学", "比亚迪股份有限公司")),
               LetterPatent("202120123456.2", "一种装置", "utility_model", ("浙江大学",))]
    target = tmp_path / "承诺函.docx"
    write_commitment_letter(target, patents, [("C1", "不存在独占许可"), ("C8", "信息真实")], bureau="浙江省知识产权局",
                            on=date(2026, 11, 26))
    doc = Document(str(target))
    table = doc.tables[0]
    assert len(table.rows) == 3
    assert table.rows[1].cells[1].text == "ZL202110123456.7" and table.rows[2].cells[3].text == "实用新型"
    text = _text(doc)
    assert "浙江省知识产权局" in text and "不存在独占许可（C1）" in text and "信息真实（C8）" in text
    assert text.count("（盖章）") == 2
    assert "专利权人：浙江大学" in text and "专利权人：比亚迪股份有限公司" in text
    assert "2026 年 11 月 26 日" in text
    assert [p.name for p in tmp_path.iterdir()] == ["承诺函.docx"]  # no temporary file left


def test_no_patents_writes_nothing(tmp_path):
    with pytest.raises(ValueError):
        write_commitment_letter(tmp_path / "x.docx", [], [("C1", "x")])
    assert list(tmp_path.iterdir()) == []


def test_patentees_once_in_order():
    ps = [LetterPatent("1", "", "design", ("乙", "甲")), LetterPatent("2", "", "design", ("甲", "丙"))]
    assert all_patentees(ps) == ["乙", "甲", "丙"]


def test_service_uses_profile_commitments(demo_ws, tmp_path):
    facts = portfolio.list_patents(demo_ws)[:3]
    path = readiness.commitment_letter(demo_ws, [f.number.canonical for f in facts], tmp_path / "l.docx")
    doc = Document(str(path))
    assert len(doc.tables[0].rows) == 4
    assert "全体共有人同意开放许可（C7）" in _text(doc)
