"""The row parser (intake.records.RowParser): its fast path — one parser per sheet, a memo per column — gives
exactly what its thorough path (`_parse_any`, which every row the fast path does not take goes through) gives, for
every input, memos cold or warm; the memos stay bounded; the number parser's fast path agrees with its general
path; row signatures tell same facts from different. No second copy of a rule is kept here: each comparison is
between two ways the code itself has of reading the same cells."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_samples import number as _n
from intake_samples import old_number as _old
from intake_samples import parse_row
from intake_samples import wrong_check as _bad_check

from openlic_desktop.domain import identifiers
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.intake.headers import find_header_row
from openlic_desktop.intake.records import ParsedRow, RowParser, row_signature
from openlic_desktop.support.errors import InputError


def ref_parse_row(cells: Sequence[Any], mapping: Mapping[int, str], row_number: int,
                  today: date | None = None) -> ParsedRow:
    """The thorough path of a fresh parser (no fast path, no memo)."""
    return RowParser(mapping, today)._parse_any(list(cells), row_number)


TODAY = date(2026, 11, 26)
HEADER = ["序号", "申请号", "发明名称", "专利类型", "申请日", "授权公告日", "专利权人", "发明人", "法律状态", "年费缴至",
          "学院", "主分类号", "所属行业", "联系人", "联系电话"]
_, MAPPING = find_header_row([HEADER])
COLUMNS = {fld: col for col, fld in MAPPING.items()}


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in text)


def assert_same(expected: ParsedRow, got: ParsedRow) -> None:
    assert got == expected
    # the order of the facts is the order of the audit entries the importer writes: it must not change either
    assert list(got.fields) == list(expected.fields)
    assert [type(v) for v in got.fields.values()] == [type(v) for v in expected.fields.values()]
    assert got.values is expected.values or got.values == expected.values


NUMBER_FORMS = [
    _n(2021, 1, 123456), "ZL" + _n(2021, 1, 123456), "CN" + _n(2020, 2, 5), "zl" + _n(2019, 3, 77), " " + _n(2018, 1, 9),
    _n(2021, 1, 123456).replace(".", ""), "ZL " + _n(2017, 8, 31), _full_width("ZL" + _n(2016, 9, 4)),
    _n(2021, 1, 123456).replace(".", "。"), _old(99, 1, 12345), "ZL" + _old(87, 2, 100), _old(3, 1, 48010),
    _bad_check(_n(2021, 1, 8)), "ZL" + _bad_check(_n(2022, 2, 1)), _bad_check(_old(98, 1, 1)),
    _n(2021, 4, 55)[:-1] + check_character(_n(2021, 4, 55)[:12]),  # unknown kind digit
    "CN112345678A", "CN 212345678 U", "CN1234567B", "ZL2021", "无", "申请号", "", "   ", None, 202110123456.0,
    float(_n(2021, 1, 3).replace(".", "")[:-1]), 2.5, float("nan"), 20211, "２０２１１０１２３４５６．" + "X",
    _n(2021, 1, 10)[:-1] + "x", "202110000010.X", "2021100000109", "ZLZL" + _n(2021, 1, 3),
]
DATE_FORMS = [
    date(2021, 1, 5), datetime(2021, 1, 5, 10, 30), datetime(2021, 1, 5), 44201.0, 44201, 44201.5, "44201",
    "44201.0", "2021-01-05", "2021/1/5", "2021.1.5", "2021年1月5日", "2021年1月5", "20210105", 20210105.0,
    "２０２１－０１－０５", "2021-01-05 00:00:00", "2021-01-05T10:30", " 2021 - 1 - 5 ", "2021-02-30", "2021-13-01",
    "1984-12-31", "1985-04-01", "2026-11-26", "2026-11-27", "2099-01-01", "第5年", "5", "第 20 年", "第21年",
    "5年度", "不详", "", " ", None, 0.0, -3.0, 90000.0, True, "2021-1-5\n", "\u30002021-01-05",
]
TEXT_FORMS = [
    "一种　方法 ", "  一种方法", "ＡＢＣ１２３", "Ｈ０１Ｍ　８／０２", "H01M 8/02", "a\tb", "a\u00a0b", "x\n y", "材料学院",
    "", "   ", None, 13912345678.0, 1.5, 0.0, 7, True, "0571-86706948", "（联系人）张三", "ｔｅｓｔ＠ｅｘａｍｐｌｅ．ｃｏｍ",
    date(2021, 1, 5),
]
NAME_FORMS = [
    "某某大学；某公司,某所、 某院 / 某厂\n某中心", "张三，李四", "张三、张三、李四", "张 三 ；  李四", "张三；；李四", "；张三；",
    "Zhang San, Li Si", "ＺＨＡＮＧ　Ｓａｎ", "a\r\nb", "、", "", "  ", None, 3.0, "某大学 / 某公司 / 某大学",
    "张\u3000三、李\u00a0四", "x\x1cy", "A/B;C；D,E，F、G",
]
STATUS_FORMS = ["有效", "实审", "未缴年费终止", "届满终止", "届 满", "ＩＮ－ＦＯＲＣＥ", "in-force", "granted", "专利权有效",
                "不知道", "", " ", None, 1.0, "维持（已缴费）", "UNKNOWN"]
TYPE_FORMS = ["发明", "实用新型", "外观设计", "新型", "外观", "Invention", "utility model", "ｄｅｓｉｇｎ", "发明专利",
              "其他", "", " ", None, 2.0]


def make_row(**cells: Any) -> list[Any]:
    row: list[Any] = [""] * len(HEADER)
    for fld, value in cells.items():
        row[COLUMNS[fld]] = value
    return row


def _corpus() -> list[list[Any]]:
    base = {"seq": "1", "number": _n(2021, 1, 123456), "title": "一种方法", "patent_type": "发明",
            "filing_date": date(2021, 3, 5), "grant_date": date(2023, 4, 1), "patentees": "某某大学",
            "inventors": "张三、李四", "status": "有效", "fees_paid_until": date(2024, 3, 4), "department": "材料学院",
            "ipc": "H01M", "industry": "制造业", "contact_person": "王五", "contact_phone": "0571-86706948"}
    rows = [make_row(**base)]
    for fld, forms in (("number", NUMBER_FORMS), ("filing_date", DATE_FORMS), ("grant_date", DATE_FORMS),
                       ("fees_paid_until", DATE_FORMS), ("title", TEXT_FORMS), ("department", TEXT_FORMS),
                       ("contact_phone", TEXT_FORMS), ("patentees", NAME_FORMS), ("inventors", NAME_FORMS),
                       ("status", STATUS_FORMS), ("patent_type", TYPE_FORMS)):
        for form in forms:
            rows.append(make_row(**{**base, fld: form}))
    # kind digits against the type column, old-form numbers, filing years that differ from the number's
    for number in (_n(2021, 2, 5), _n(2021, 3, 5), _n(2021, 8, 5), _n(2021, 9, 5), _old(99, 1, 1), _old(5, 2, 1)):
        rows.append(make_row(**{**base, "number": number}))
        rows.append(make_row(**{**base, "number": number, "filing_date": "1999-05-01", "grant_date": ""}))
    rows += [
        [""] * len(HEADER), [None] * len(HEADER), [" "] * 3, [], ["17"] + [""] * 14, ["17"],
        ["合计", "", "", "", "", "", "", "", "", "", "", "", "", "", ""], ["注：以上数据截至2026年"], ["填表人：张三"],
        list(HEADER), ["", "", "", "", "", "", "", "", "", "", "", "", "", "姓名", "电话"],
        ["1", "", "一种方法", "发明"], ["1", "无", "一种方法"], make_row(title="only a title"),
        make_row(**{**base, "grant_date": date(2020, 1, 1)}), make_row(**{**base, "filing_date": ""}),
        make_row(**{**base, "filing_date": "", "fees_paid_until": "第3年"}),
        make_row(**{k: v for k, v in base.items() if k in ("number", "title")}),
        make_row(**base)[:5], make_row(**base)[:2], make_row(**base) + ["extra", 1.0],
    ]
    return rows


CORPUS = _corpus()


@pytest.mark.parametrize("cells", CORPUS, ids=range(len(CORPUS)))
def test_corpus_rows_parse_as_the_thorough_path_does(cells):
    expected = ref_parse_row(cells, MAPPING, 9, TODAY)
    assert_same(expected, RowParser(MAPPING, TODAY).parse(cells, 9))
    assert_same(expected, parse_row(cells, MAPPING, 9, TODAY))


def test_one_parser_for_all_rows_gives_each_row_as_the_thorough_path_does():
    parser = RowParser(MAPPING, TODAY)
    for repeat in range(2):  # the second time every memo is warm
        for i, cells in enumerate(CORPUS):
            assert_same(ref_parse_row(cells, MAPPING, i, TODAY), parser.parse(tuple(cells), i)), (repeat, cells)


def test_lists_handed_out_are_fresh_copies():
    parser = RowParser(MAPPING, TODAY)
    cells = make_row(number=_n(2021, 1, 1), patentees="某大学；某公司", inventors="张三")
    first = parser.parse(cells, 1)
    first.fields["patentees"].append("changed by a caller")
    assert parser.parse(cells, 2).fields["patentees"] == ["某大学", "某公司"]


def test_memos_stay_bounded(monkeypatch):
    from openlic_desktop.intake import records

    monkeypatch.setattr(records, "MEMO_LIMIT", 5)
    parser = RowParser(MAPPING, TODAY)
    for i in range(40):
        cells = make_row(number=_n(2021, 1, i), contact_person=f"联系人{i}", patentees=f"大学{i}",
                         filing_date=f"2021-01-{i % 28 + 1}", status=f"状态{i}", patent_type=f"类型{i}")
        assert_same(ref_parse_row(cells, MAPPING, i, TODAY), parser.parse(cells, i))
    assert all(memo is not None and len(memo) <= 5 for memo in parser._memos)


def test_memos_of_columns_that_hardly_repeat_are_dropped(monkeypatch):
    from openlic_desktop.intake import records

    monkeypatch.setattr(records, "MEMO_TRIAL", 10)
    parser = RowParser(MAPPING, TODAY)
    for i in range(60):
        cells = make_row(number=_n(2021, 1, i), title=f"一种方法{i}", department=f"学院{i % 3}", status="有效",
                         inventors=f"张{i}、李四", filing_date=f"2021-01-{i % 5 + 1}")
        assert_same(ref_parse_row(cells, MAPPING, i, TODAY), parser.parse(cells, i))
    memos = dict(zip(records._FAST_FIELDS, parser._memos, strict=True))
    assert memos["title"] is None and memos["inventors"] is None
    assert len(memos["department"]) == 3 and len(memos["status"]) == 1 and len(memos["filing_date"]) == 5


def test_date_texts_are_parsed_once_per_distinct_text_even_when_they_hardly_repeat(monkeypatch):
    """Dates written as text go through parse_date once per distinct text of their column, however few repeat:
    a memo hit costs a fiftieth of a parse, so the trial that drops the memo of a column of titles spares them."""
    from openlic_desktop.intake import records

    monkeypatch.setattr(records, "MEMO_TRIAL", 10)
    days = [f"2021年1月{i % 28 + 1}日" for i in range(60)]
    rows = [make_row(number=_n(2021, 1, i), title=f"一种方法{i}", filing_date=day) for i, day in enumerate(days)]
    expected = [ref_parse_row(cells, MAPPING, i, TODAY) for i, cells in enumerate(rows)]
    parsed: list[object] = []
    parse_date = records.parse_date
    monkeypatch.setattr(records, "parse_date", lambda value: parsed.append(value) or parse_date(value))
    parser = RowParser(MAPPING, TODAY)
    for i, cells in enumerate(rows):
        assert_same(expected[i], parser.parse(cells, i))
    memos = dict(zip(records._FAST_FIELDS, parser._memos, strict=True))
    assert memos["title"] is None and len(memos["filing_date"]) == 28
    assert sorted(parsed) == sorted(set(days))


@pytest.mark.parametrize("mapping", [
    {1: "number", 2: "title", 0: "seq"},
    {3: "patent_number", 1: "title", 2: "filing_date"},
    {0: "number", 1: "patent_number", 2: "title"},
    {0: "number", 1: "title", 2: "title", 3: "inventors"},  # two columns for one field: the last non-blank wins
    {5: "number", 0: "status", 1: "patent_type"},  # short rows
    {},
])
def test_other_mappings_parse_as_the_thorough_path_does(mapping):
    rows = [
        [_n(2021, 1, 5), "一种方法", "2021-03-05", "张三", "", ""],
        ["", "ZL" + _n(2021, 1, 6), "", "李四"],
        ["有效", "发明", "x", "y", "z", _n(2020, 2, 7)],
        ["", "", "", ""], [_n(2021, 1, 5), "", "一种方法 ", "张三"], ["a", "b"], [],
        ["1", _n(2019, 1, 3), _bad_check(_n(2019, 1, 4)), "20190101"],
    ]
    parser = RowParser(mapping, TODAY)
    for i, cells in enumerate(rows):
        assert_same(ref_parse_row(cells, mapping, i, TODAY), parser.parse(cells, i))


# ---- properties ---------------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(["张三", "李四", "某大学", "A", "ａ", "1", "１", " ", "\u3000", "\u00a0", "\t", "\n", "\r", "；", ";",
                           ",", "，", "、", "/", "-", ".", "。", "年", "月", "日", "第", "X", "x", "ZL", "CN", "2021",
                           "0", "12", "有效", "终止", "发明", "新型", "外观", "（", "）", "\x1c", "\u2028", "é"])
_TEXTS = st.one_of(st.lists(_PIECES, max_size=8).map("".join), st.text(max_size=12))
_CELLS = st.one_of(
    st.none(), _TEXTS, st.sampled_from(NUMBER_FORMS + DATE_FORMS + TEXT_FORMS + NAME_FORMS + STATUS_FORMS),
    st.floats(allow_nan=True, allow_infinity=False, width=32), st.integers(-10, 30000000),
    st.dates(min_value=date(1980, 1, 1), max_value=date(2030, 12, 31)),
    st.datetimes(min_value=datetime(1980, 1, 1), max_value=datetime(2030, 12, 31)),
)
_NUMBERS = st.one_of(
    st.builds(_n, st.integers(1985, 2030), st.sampled_from([1, 2, 3, 4, 8, 9]), st.integers(0, 9999999)),
    st.builds(_old, st.integers(0, 99), st.sampled_from([1, 2, 3, 5]), st.integers(0, 99999)),
    st.sampled_from(NUMBER_FORMS),
)
_NUMBER_TEXTS = _NUMBERS.filter(lambda v: isinstance(v, str))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_row_parses_as_the_thorough_path_does(data):
    cells = data.draw(st.lists(_CELLS, min_size=0, max_size=len(HEADER) + 1))
    if data.draw(st.booleans()) and len(cells) > 1:
        number = data.draw(_NUMBER_TEXTS)
        prefix = data.draw(st.sampled_from(["", "ZL", "CN", "zl", " "]))
        cells[1] = prefix + number
    expected = ref_parse_row(cells, MAPPING, 3, TODAY)
    parser = RowParser(MAPPING, TODAY)
    assert_same(expected, parser.parse(cells, 3))
    assert_same(expected, parser.parse(cells, 3))  # and again, from the memos


@settings(max_examples=300)
@given(st.one_of(_NUMBERS, st.builds(lambda p, n: p + n, st.sampled_from(["ZL", "CN", "Zl", "ZL ", "CNCN"]),
                                           _NUMBER_TEXTS),
                 _TEXTS, st.floats(), st.integers(0, 10**13)))
def test_the_number_fast_path_agrees_with_the_general_one(value):
    try:
        expected = identifiers._parse_application_number(value)
    except InputError as exc:
        with pytest.raises(InputError) as caught:
            parse_application_number(value)
        assert (caught.value.code, caught.value.params) == (exc.code, exc.params)
    else:
        assert parse_application_number(value) == expected


@given(st.one_of(st.text(alphabet="0123456789", min_size=8, max_size=8),
                 st.text(alphabet="0123456789", min_size=12, max_size=12)))
def test_the_check_character_of_ascii_digits_is_that_of_any_digits(digits):
    """The ASCII fast path (bytes) against the general one (int() of each digit, taken by full-width digits)."""
    wide = digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert check_character(digits) == check_character(wide)


def test_check_characters_of_real_numbers():
    """Verified on real numbers (domain.md §2)."""
    for number in ("201710601862.3", "200510113767.6", "00814037.5", "01800565.9", "97101765.4", "95115608.X"):
        digits, check = number.split(".")
        assert check_character(digits) == check


def test_white_space_other_than_the_space_is_unprintable():
    """split_names and clean_text take their fast path on `" " not in text and text.isprintable()`."""
    import sys

    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()] == [" "]


def test_row_signature_tells_same_facts_from_different():
    parser = RowParser(MAPPING, TODAY)
    a = parser.parse(make_row(number=_n(2021, 1, 1), title="一种方法", patentees="某大学；某公司"), 1)
    b = parser.parse(make_row(number=_n(2021, 1, 1), title=" 一种方法", patentees="某大学;某公司"), 2)
    c = parser.parse(make_row(number=_n(2021, 1, 1), title="一种方法", patentees="某公司；某大学"), 3)
    d = ParsedRow(4, [], a.number, dict(reversed(list(a.fields.items()))))
    assert row_signature(a) == row_signature(b) == row_signature(d)
    assert row_signature(a) != row_signature(c)


def test_row_signature_of_fields_outside_the_imported_ones():
    a = ParsedRow(1, [], None, {"title": "x", "note": [1, 2], "patentees": ["甲"]})
    b = ParsedRow(2, [], None, {"patentees": ["甲"], "note": [1, 2], "title": "x"})
    c = ParsedRow(3, [], None, {"title": "x", "note": [1, 3], "patentees": ["甲"]})
    assert row_signature(a) == row_signature(b) != row_signature(c)
    assert row_signature(ParsedRow(4, [], None, {})) == row_signature(ParsedRow(5, [], None, {}))
