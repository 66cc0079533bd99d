"""Row normalising (intake.records) and property tests of the normalisers it relies on (domain.parsing,
domain.identifiers)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from intake_samples import parse_row

from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.parsing import parse_date, split_names
from openlic_desktop.domain.status import Status
from openlic_desktop.intake.headers import find_header_row

HEADER = ["序号", "申请号", "专利名称", "专利类型", "申请日", "授权公告日", "专利权人", "发明人", "法律状态", "年费缴至"]
_, MAPPING = find_header_row([HEADER])
TODAY = date(2026, 11, 26)


def row(**cells):
    out = [""] * len(HEADER)
    names = {"seq": 0, "number": 1, "title": 2, "type": 3, "filing": 4, "grant": 5, "patentees": 6,
             "inventors": 7, "status": 8, "fees": 9}
    for key, value in cells.items():
        out[names[key]] = value
    return parse_row(out, MAPPING, 7, TODAY)


def test_a_full_row():
    parsed = row(seq=1, number="ZL 2021 1 0123456.7".replace("0123456.7", "0123456." + check_character("202110123456")),
                 title="  一种　方法 ", type="发明", filing="2021年3月5日", grant=datetime(2023, 4, 1, 10, 30),
                 patentees="某某大学；某公司,某所、 某院 / 某厂\n某中心", inventors="张三，李四", status="未缴年费终止",
                 fees="第3年")
    assert parsed.ok and parsed.row == 7
    assert parsed.number.canonical == "202110123456." + check_character("202110123456")
    assert parsed.fields == {
        "title": "一种 方法", "filing_date": date(2021, 3, 5), "grant_date": date(2023, 4, 1),
        "patentees": ["某某大学", "某公司", "某所", "某院", "某厂", "某中心"], "inventors": ["张三", "李四"],
        "status": Status.LAPSED, "fees_paid_until": date(2024, 3, 4),
    }
    assert parsed.warnings == []


def _n(year, kind, serial):
    digits = f"{year}{kind}{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def test_warnings_keep_the_row():
    parsed = row(number=_n(2021, 2, 5), type="发明", status="不知道", filing="2020-12-31")
    assert parsed.ok
    assert [w.code for w in parsed.warnings] == ["STATUS_UNREADABLE", "TYPE_CONFLICT", "FILING_YEAR_MISMATCH"]
    assert "status" not in parsed.fields


def test_rejections():
    n = _n(2021, 1, 8)
    assert row(title="x").rejection.code == "NUMBER_MISSING"
    assert row(number="abc").rejection.code == "NUMBER_UNREADABLE"
    assert row(number=n[:-1] + ("0" if n[-1] != "0" else "1")).rejection.code == "BAD_CHECK_DIGIT"
    assert row(number="CN212345678U").rejection.code == "PUBLICATION_NUMBER"
    assert row(number="202160000001.0").rejection.code in ("UNKNOWN_KIND_DIGIT", "BAD_CHECK_DIGIT")
    assert row(number=n, filing="2021-02-30").rejection.code == "BAD_DATE"
    assert row(number=n, filing="last spring").rejection.params == {"field": "filing_date", "value": "last spring"}
    assert row(number=n, filing="1980-01-01").rejection.code == "DATE_IMPOSSIBLE"
    assert row(number=n, filing="2027-01-01").rejection.code == "DATE_IMPOSSIBLE"
    assert row(number=n, filing="2021-05-01", grant="2021-04-01").rejection.code == "DATE_IMPOSSIBLE"
    assert row(number=n, fees="some day").rejection.code == "BAD_DATE"


def test_skipped_rows():
    assert row().skip == "blank"
    assert row(seq=12).skip == "blank"
    assert row(seq="合计：12件").skip == "footer"
    assert row(seq="注：以上数据截至2026年").skip == "footer"
    assert parse_row(["", "", "", "", "", "", "", "", "", "", "说明文字在右侧"], MAPPING, 3).skip == "footer"
    assert parse_row(HEADER, MAPPING, 40).skip == "header"
    assert parse_row([""] * 3, MAPPING, 3).skip == "blank"  # a short row (CSV) is fine


# ---- property tests of the normalisers ------------------------------------------------------------------------

numbers = st.builds(lambda year, kind, serial: f"{year}{kind}{serial:07d}",
                    st.integers(2003, 2026), st.sampled_from("12389"), st.integers(0, 9_999_999))


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(digits=numbers, form=st.sampled_from(range(8)))
def test_every_written_form_of_a_number_normalises_to_the_canonical(digits, form):
    canonical = f"{digits}.{check_character(digits)}"
    written = [canonical, "CN" + canonical, "CN " + canonical, "ZL" + canonical,
               f"ZL {digits[:4]} {digits[4]} {digits[5:]}.{canonical[-1]}", canonical.replace(".", ""),
               canonical + " ", _fullwidth(canonical).replace("．", "．").lower()][form]
    assert parse_application_number(written).canonical == canonical
    if canonical[-1] != "X":
        assert parse_application_number(float(canonical.replace(".", ""))).canonical == canonical


@given(digits=numbers, wrong=st.sampled_from("0123456789X"))
def test_a_wrong_check_character_is_never_fixed(digits, wrong):
    if wrong == check_character(digits):
        return
    parsed = parse_row(["", f"{digits}.{wrong}", "x"], MAPPING, 5, TODAY)
    assert parsed.rejection is not None and parsed.rejection.code == "BAD_CHECK_DIGIT"


@given(day=st.dates(min_value=date(1985, 4, 1), max_value=date(2099, 12, 31)), form=st.sampled_from(range(9)))
def test_every_written_form_of_a_date(day, form):
    written = [day, datetime(day.year, day.month, day.day, 8, 30), day.isoformat(),
               f"{day.year}/{day.month}/{day.day}", f"{day.year}.{day.month}.{day.day}",
               f"{day.year}年{day.month}月{day.day}日", day.strftime("%Y%m%d"),
               float((day - date(1899, 12, 30)).days), int(day.strftime("%Y%m%d"))][form]
    assert parse_date(written) == day


@given(st.dates(min_value=date(1985, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 40))
def test_impossible_calendar_days_are_not_dates(day, extra):
    last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    bad = last.day + extra
    assert parse_date(f"{day.year}-{day.month}-{bad}") is None


names = st.lists(st.text(alphabet=st.characters(whitelist_categories=("Lo", "Lu", "Ll"), max_codepoint=0x9FFF),
                         min_size=1, max_size=12), min_size=1, max_size=6, unique=True)


@given(names, st.sampled_from(["；", ";", "，", ",", "、", "/", "\n", " ； "]))
def test_split_names_round_trip(parts, separator):
    parts = [p for p in parts if p == p.strip()]
    import unicodedata

    parts = [p for p in parts if unicodedata.normalize("NFKC", p) == p]
    if not parts:
        return
    assert split_names(separator.join(parts)) == list(dict.fromkeys(parts))


cells = st.one_of(st.none(), st.text(max_size=30), st.integers(-10**15, 10**15),
                  st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.datetimes(), st.booleans())


@settings(max_examples=300)
@given(st.lists(cells, max_size=14))
def test_parse_row_never_raises_and_always_decides(values):
    parsed = parse_row(values, MAPPING, 9, TODAY)
    decided = [parsed.ok, parsed.rejection is not None, parsed.skip is not None]
    assert sum(decided) == 1
    if parsed.ok:
        assert parsed.number is not None


def _clean_text_reference(value):
    """clean_text as first written (a per-character NFKC loop): the fast version must agree with it."""
    import re
    import unicodedata

    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u3000", " ")
    text = "".join(unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" and ch.isalnum() else ch
                   for ch in text)
    text = "".join(ch for ch in text if ch.isspace() or ch.isprintable() or ord(ch) > 0x1b)  # XML-illegal out
    text = "".join(ch for ch in text if ch not in "\ufffe\uffff" and not "\ud800" <= ch <= "\udfff")
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=400)
@given(st.one_of(st.text(alphabet=st.sampled_from(list("ab 中文\t\n\u3000ＡＺａｚ０９，！（）\u00a0 ")), max_size=20),
                 st.text(max_size=20), st.floats(allow_nan=False), st.integers()))
def test_clean_text_fast_path_agrees_with_the_reference(value):
    from openlic_desktop.domain.parsing import clean_text

    assert clean_text(value) == _clean_text_reference(value)
