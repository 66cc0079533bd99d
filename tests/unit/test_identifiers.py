from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openlic_desktop.domain.identifiers import (
    PatentType,
    check_character,
    is_publication_number,
    parse_application_number,
    parse_uscc,
    search_prefix,
)
from openlic_desktop.support.errors import InputError

REAL = ["201710601862.3", "200510113767.6", "00814037.5", "01800565.9", "97101765.4", "95115608.X"]


@pytest.mark.parametrize("number", REAL)
def test_real_numbers_check(number):
    assert parse_application_number(number).canonical == number


@pytest.mark.parametrize("form", [
    "CN202110123456.7", "CN 202110123456.7", "ZL202110123456.7", "ZL 2021 1 0123456.7", "2021101234567",
    "202110123456.7 ", "２０２１１０１２３４５６．７", "zl202110123456.7", 2021101234567.0,
])
def test_forms_normalise(form):
    digits = "202110123456"
    number = parse_application_number(form)
    assert number.digits == digits
    assert number.canonical == f"{digits}.{check_character(digits)}"


def test_check_character_of_example():
    assert check_character("202110123456") == "7"


def test_lower_case_x():
    assert parse_application_number("95115608.x").canonical == "95115608.X"


@pytest.mark.parametrize("value,code", [
    ("CN112345678A", "PUBLICATION_NUMBER"), ("CN212345678U", "PUBLICATION_NUMBER"),
    ("CN302345678S", "PUBLICATION_NUMBER"), ("", "NUMBER_MISSING"), (None, "NUMBER_MISSING"),
    ("hello", "NUMBER_UNREADABLE"), ("202110123456.8", "BAD_CHECK_DIGIT"), ("20211012345.7", "NUMBER_UNREADABLE"),
])
def test_refusals(value, code):
    with pytest.raises(InputError) as info:
        parse_application_number(value)
    assert info.value.code == code
    assert info.value.message("zh") and info.value.message("en")


def test_publication_recognised():
    assert is_publication_number("CN 112345678 A")
    assert not is_publication_number("202110123456.7")


def test_kind_digit_to_type():
    assert parse_application_number("201710601862.3").patent_type is PatentType.INVENTION
    assert parse_application_number("00814037.5").patent_type is PatentType.INVENTION  # 00 8 14037: PCT
    assert parse_application_number("01800565.9").filing_year == 2001


def _valid_numbers():
    new = st.builds(lambda y, k, s: f"{y}{k}{s:07d}", st.integers(2004, 2030), st.sampled_from("12389"),
                    st.integers(0, 9_999_999))
    old = st.builds(lambda y, k, s: f"{y:02d}{k}{s:05d}", st.integers(0, 99), st.sampled_from("123"),
                    st.integers(0, 99_999))
    return st.one_of(new, old).map(lambda d: f"{d}.{check_character(d)}")


def _written_forms(canonical: str) -> list[str]:
    digits, check = canonical.split(".")
    full = str.maketrans("0123456789.X", "０１２３４５６７８９．Ｘ")
    spaced = f"{digits[:4]} {digits[4]} {digits[5:]}.{check}" if len(digits) == 12 else canonical
    return [canonical, f"CN{canonical}", f"CN {canonical}", f"ZL{canonical}", f"ZL {spaced}", digits + check,
            canonical + " ", canonical.translate(full), canonical.lower(), f" zl{canonical.lower()}\t"]


@given(_valid_numbers())
def test_every_written_form_round_trips(canonical):
    for form in _written_forms(canonical):
        assert parse_application_number(form).canonical == canonical


@given(_valid_numbers(), st.data())
def test_every_single_digit_change_is_caught(canonical, data):
    digits, check = canonical.split(".")
    chars = list(digits + check)
    position = data.draw(st.integers(0, len(chars) - 1))
    alphabet = "0123456789X" if position == len(chars) - 1 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != chars[position]]))
    chars[position] = replacement
    changed = "".join(chars[:-1]) + "." + chars[-1]
    with pytest.raises(InputError) as info:
        parse_application_number(changed)
    assert info.value.code in {"BAD_CHECK_DIGIT", "UNKNOWN_KIND_DIGIT"}


@pytest.mark.parametrize("query,prefix", [
    ("2021", "2021"), ("ZL 2021 1", "20211"), ("CN202110123456.7", "2021101234567"), ("２０２１", "2021"),
    ("锂电池", None), ("2021abc", None), ("1", "1"), ("ZL", None),
])
def test_search_prefix(query, prefix):
    assert search_prefix(query) == prefix


def test_uscc():
    assert parse_uscc("91350100M000100Y43") == "91350100M000100Y43"
    with pytest.raises(InputError):
        parse_uscc("91350100M000100Y44")
    with pytest.raises(InputError):
        parse_uscc("short")


@pytest.mark.parametrize(("typed", "canonical"), [
    (201920123456.5, "201920123456.5"), (202110123456.7, "202110123456.7"), (97101765.4, "97101765.4"),
    (2021101234567.0, "202110123456.7"),
])
def test_a_number_typed_in_a_number_cell_reads_as_typed(typed, canonical):
    """Excel makes a number of 202110123456.7 typed in a General cell: its shortest decimal form is the number."""
    assert parse_application_number(typed).canonical == canonical


@pytest.mark.parametrize(("typed", "code"), [
    (2021.5, "NUMBER_UNREADABLE"), (202110123456.25, "NUMBER_UNREADABLE"), (202110123456.3, "BAD_CHECK_DIGIT"),
    (float("nan"), "NUMBER_UNREADABLE"), (202110123456.0, "NUMBER_UNREADABLE"),  # the check digit is never guessed
])
def test_other_number_cells_are_refused(typed, code):
    with pytest.raises(InputError) as refused:
        parse_application_number(typed)
    assert refused.value.code == code
