"""The commitment letter: read back from the .docx — the addressee, the complete list of promises in words (never
their codes), co-owners and reports only where they apply, the patents, a seal block per patentee; one letter per
patentee set from the service, refused for a blocked patent unless overridden."""

from __future__ import annotations

import io
import re
from datetime import date

import print_checks
import pytest
from docx import Document

from openlic_desktop.documents.commitment_letter import (
    LetterPatent,
    all_patentees,
    build_commitment_letter,
    letter_bytes,
)
from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.domain.blocker_override import Override
from openlic_desktop.domain.commitments import (
    EVALUATION_REPORT_PROMISE,
    FOLLOW_UP_PROMISE,
    REPORT_OR_SEARCH_PROMISE,
    rests_on_search_report,
)
from openlic_desktop.domain.profiles import DEFAULT_COMMITMENTS, Commitment
from openlic_desktop.services import commitment_letters, encumbrances, portfolio
from openlic_desktop.support.errors import InputError, OpenLicError

COMMITMENTS = tuple(Commitment(*c) for c in DEFAULT_COMMITMENTS)
DAY = date(2026, 11, 26)
JOINT = LetterPatent("202110123456.7", "一种方法", "invention", ("东海理工大学", "江南新能源科技股份有限公司"))
DEVICE = LetterPatent("202120123456.2", "一种装置", "utility_model", ("东海理工大学",))
DESIGN = LetterPatent("202130123456.8", "台灯", "design", ("东海理工大学",))


def text_of(doc) -> str:
    return document_text(letter_bytes(doc, DAY))


def promises(text: str) -> list[str]:
    return re.findall(r"^（[一二三四五六七八九十]+）(.*)$", text, re.MULTILINE)


def test_a_letter_for_co_owned_patents_and_a_utility_model():
    text = text_of(build_commitment_letter([DEVICE, JOINT], COMMITMENTS, bureau="浙江省知识产权局", on=DAY))
    lines = text.splitlines()
    assert lines[0] == "专利开放许可承诺函" and lines[1] == "浙江省知识产权局："
    assert lines[2] == ("东海理工大学、江南新能源科技股份有限公司作为下列2件专利（发明专利1件、实用新型专利1件）的"
                        "专利权人，自愿对下列专利实行开放许可，并郑重承诺：")
    said = promises(text)
    assert said[0] == "未给予且在许可期限内不会给予独占许可或者排他许可；"
    assert f"{EVALUATION_REPORT_PROMISE}；" in said and "全体共有人均同意实行开放许可；" in said
    assert said[-1] == f"{FOLLOW_UP_PROMISE}。"
    assert len(said) == len(COMMITMENTS) + 2
    assert not re.search(r"\bC\d\b|（C\d）", text)  # no internal codes
    table = [line.split(" | ") for line in lines if line.startswith(("序号", "1 |", "2 |"))]
    assert table[0] == ["序号", "专利号", "专利名称", "专利类型", "专利权人"]
    assert table[1][1:4] == ["ZL202110123456.7", "一种方法", "发明"]  # inventions first
    assert table[2][1:4] == ["ZL202120123456.2", "一种装置", "实用新型"]
    assert text.count("（盖章）") == 2 and text.count("法定代表人或者授权代表（签字）：") == 2
    assert "承诺人（专利权人）：东海理工大学（盖章）" in lines
    assert "承诺人（专利权人）：江南新能源科技股份有限公司（盖章）" in lines
    assert "日期：2026年11月26日" in lines and " 年" not in text


def test_a_sole_owner_makes_no_co_owner_promise_and_an_invention_no_report_promise():
    text = text_of(build_commitment_letter([LetterPatent("202110123456.7", "一种方法", "invention",
                                                         ("东海理工大学",))], COMMITMENTS))
    said = "\n".join(promises(text))
    assert "共有人" not in said and EVALUATION_REPORT_PROMISE not in said and FOLLOW_UP_PROMISE in said
    assert text.splitlines()[1] == "＿＿＿＿＿＿＿＿＿＿＿＿："  # no bureau known: a line to write it on
    assert "日期：　　　　年　　月　　日" in text


def test_types_in_official_order_and_people_sign():
    doc = build_commitment_letter([DESIGN, DEVICE, JOINT], COMMITMENTS, bureau="x",
                                  people=frozenset({"东海理工大学"}))
    text = text_of(doc)
    assert "（发明专利1件、实用新型专利1件、外观设计专利1件）" in text
    assert "承诺人（专利权人）：东海理工大学（签字）" in text and text.count("法定代表人或者授权代表") == 1
    section = Document(io.BytesIO(letter_bytes(doc, DAY))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_patentees_once_in_order_and_no_letter_without_patents():
    ps = [LetterPatent("1", "", "design", ("乙", "甲")), LetterPatent("2", "", "design", ("甲", "丙"))]
    assert all_patentees(ps) == ["乙", "甲", "丙"]
    with pytest.raises(ValueError):
        build_commitment_letter([], COMMITMENTS)


def test_service_writes_one_letter_per_patentee_set(demo_ws, tmp_path):
    facts = portfolio.list_patents(demo_ws)
    solo = [f for f in facts if len(f.patentees) == 1][:2]
    joint = [f for f in facts if len(f.patentees) == 2][:1]
    numbers = [f.number.canonical for f in solo + joint]
    paths = commitment_letters.draft_letters(demo_ws, numbers, tmp_path / "承诺函.docx", on=DAY,
                                             override=Override("tester", "核对草稿", DAY))
    assert len(paths) == 2 and all(p.parent == tmp_path for p in paths)
    texts = {p.name: document_text(p) for p in paths}
    joint_name = [n for n in texts if joint[0].patentees[1] in n]
    assert joint_name and joint[0].patentees[1] in texts[joint_name[0]]
    for name, text in texts.items():
        if name not in joint_name:
            assert joint[0].patentees[1] not in text and "共有人" not in "\n".join(promises(text))
    folder = commitment_letters.draft_letters(demo_ws, numbers, tmp_path / "letters", on=DAY,
                                              override=Override("tester", "核对草稿", DAY))
    assert sorted(p.name for p in folder) == sorted(p.name for p in (tmp_path / "letters").iterdir())
    with pytest.raises(InputError):
        commitment_letters.draft_letters(demo_ws, numbers, tmp_path / "x.pdf")


def test_service_refuses_a_blocked_patent_unless_overridden(demo_ws, tmp_path):
    [first] = [f for f in portfolio.list_patents(demo_ws) if len(f.patentees) == 1
               and f.status.value == "in_force" and f.grant_date][:1]
    number = first.number.canonical
    encumbrances.add_encumbrance(demo_ws, number, "pledge", "东海银行", "Z-1", date(2025, 1, 1))
    with pytest.raises(OpenLicError) as err:
        commitment_letters.draft_letters(demo_ws, [number], tmp_path / "l.docx")
    assert err.value.code == "DOCUMENT_BLOCKED" and not (tmp_path / "l.docx").exists()
    [path] = commitment_letters.draft_letters(demo_ws, [number], tmp_path / "l.docx",
                                              override=Override("王老师", "质押解除手续办理中", DAY))
    lines = document_text(path).splitlines()
    assert lines[0] == "起草说明" and "东海银行" in "\n".join(lines[:4]) and "质押解除手续办理中" in lines[1]
    assert "专利开放许可承诺函" in lines


def test_a_letter_promises_the_report_the_office_holds():
    """A pilot profile accepts a search analysis report for a utility model; the letter then must not promise an
    evaluation report."""
    on_search = LetterPatent("202120123456.2", "一种装置", "utility_model", ("东海理工大学",), search_report_only=True)
    said = promises(text_of(build_commitment_letter([on_search, DESIGN], COMMITMENTS)))
    assert f"{REPORT_OR_SEARCH_PROMISE}；" in said and f"{EVALUATION_REPORT_PROMISE}；" not in said
    said = promises(text_of(build_commitment_letter([DEVICE, DESIGN], COMMITMENTS)))
    assert f"{EVALUATION_REPORT_PROMISE}；" in said
    assert rests_on_search_report("utility_model", [("search-report", "favourable")])
    assert not rests_on_search_report("utility_model", [("search-report", "favourable"),
                                                        ("evaluation-report", "favourable")])
    assert not rests_on_search_report("invention", [("search-report", "favourable")])
    assert not rests_on_search_report("design", [("search-report", "unfavourable")])


def test_the_letter_prints_whole_numbers_and_whole_seal_blocks():
    doc = Document(io.BytesIO(letter_bytes(build_commitment_letter(
        [DEVICE, JOINT], COMMITMENTS, people=frozenset({"江南新能源科技股份有限公司"})), DAY)))
    print_checks.assert_tables_fit(doc)
    print_checks.assert_number_fits(doc.tables[0], 1, 10.5)
    paragraphs = doc.paragraphs
    starts = [i for i, p in enumerate(paragraphs) if p.text.startswith("承诺人（专利权人）：")]
    assert len(starts) == 2
    for start in starts:
        print_checks.assert_kept_together(paragraphs[start:start + 1])
        assert paragraphs[start].text.splitlines()[-1].startswith("日期：")


def test_service_letter_says_search_report_where_the_profile_took_one(demo_ws, tmp_path):
    from openlic_desktop.services import attachments as attachment_service

    facts = portfolio.list_patents(demo_ws, patent_type="utility_model")
    target = next(p for p in facts if len(p.patentees) == 1)
    pdf = tmp_path / "search.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    attachment_service.add_attachment(demo_ws, target.number.canonical, pdf, "search-report",
                                      conclusion="favourable", report_no="JS-1", report_date=date(2026, 5, 1))
    out = tmp_path / "letter.docx"
    commitment_letters.draft_letters(demo_ws, [target.number.canonical], out, profile_code="zhejiang",
                                     override=Override("tester", "test", DAY))
    said = promises(document_text(out))
    assert f"{REPORT_OR_SEARCH_PROMISE}；" in said
