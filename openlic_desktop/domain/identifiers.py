"""Chinese patent application numbers (申请号), patent numbers and publication numbers (domain.md §2).

`parse_application_number` accepts every form met in spreadsheets and returns the canonical value, or raises an
`InputError` with a stable code. A bad check character is never corrected silently.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from openlic_desktop.support.errors import InputError

_WEIGHTS_NEW = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_WEIGHTS_OLD = (2, 3, 4, 5, 6, 7, 8, 9)


class PatentType(str, Enum):
    INVENTION = "invention"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"

    @property
    def zh(self) -> str:
        return {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}[self.value]

    @property
    def needs_evaluation_report(self) -> bool:
        return self is not PatentType.INVENTION


# kind digit → type; 8 and 9 are PCT applications entering China
KIND_DIGITS: dict[str, PatentType] = {
    "1": PatentType.INVENTION,
    "2": PatentType.UTILITY_MODEL,
    "3": PatentType.DESIGN,
    "8": PatentType.INVENTION,
    "9": PatentType.UTILITY_MODEL,
}


_CHECK_CHARS = "0123456789X"
# the weighted byte values of ASCII digits exceed the digits' own by the weights times ord("0")
_ZEROS_NEW = ord("0") * sum(_WEIGHTS_NEW)
_ZEROS_OLD = ord("0") * sum(_WEIGHTS_OLD)


def _ascii_check_total(digits: str) -> int:
    """The weighted sum mod 11 of 12 or 8 ASCII digits, from their bytes (no int() per digit)."""
    if len(digits) == 12:
        a, b, c, d, e, f, g, h, i, j, k, m = digits.encode("ascii")
        return (2 * (a + i) + 3 * (b + j) + 4 * (c + k) + 5 * (d + m) + 6 * e + 7 * f + 8 * g + 9 * h
                - _ZEROS_NEW) % 11
    a, b, c, d, e, f, g, h = digits.encode("ascii")
    return (2 * a + 3 * b + 4 * c + 5 * d + 6 * e + 7 * f + 8 * g + 9 * h - _ZEROS_OLD) % 11


def check_character(digits: str) -> str:
    """The check character for 12 (or, before 2003-10, 8) digits: weighted sum mod 11, 10 → X."""
    weights = _WEIGHTS_NEW if len(digits) == 12 else _WEIGHTS_OLD
    if len(digits) != len(weights) or not digits.isdigit():
        raise ValueError(f"need 12 or 8 digits, got {digits!r}")
    if digits.isascii():  # the usual case
        return _CHECK_CHARS[_ascii_check_total(digits)]
    # other Unicode decimal digits (full-width…): what int() makes of each
    total = sum(map(operator.mul, map(int, digits), weights)) % 11
    return _CHECK_CHARS[total]


@dataclass(frozen=True, order=True)
class ApplicationNumber:
    """A checked application number: `digits` (12 or 8) and its check character. (The derived forms are plain
    properties: `functools.cached_property` was tried and measured slower — its first access takes a lock, and an
    import asks for most forms only once or twice per number.)"""

    digits: str
    check: str

    @property
    def canonical(self) -> str:
        return f"{self.digits}.{self.check}"

    @property
    def patent_number(self) -> str:
        return f"ZL{self.canonical}"

    @property
    def is_old_form(self) -> bool:
        return len(self.digits) == 8

    @property
    def kind_digit(self) -> str:
        return self.digits[4] if len(self.digits) == 12 else self.digits[2]

    @property
    def patent_type(self) -> PatentType:
        return KIND_DIGITS[self.kind_digit]

    @property
    def filing_year(self) -> int:
        if len(self.digits) == 12:
            return int(self.digits[:4])
        yy = int(self.digits[:2])
        return 1900 + yy if yy >= 85 else 2000 + yy

    @property
    def search_key(self) -> str:
        """Digits and check character without the dot: what number-prefix searches compare against."""
        return self.digits + self.check

    @property
    def sort_key(self) -> str:
        """Sorts numbers of both eras in filing-year order: the 8-digit form gets its century."""
        if len(self.digits) == 12:
            return self.digits + self.check
        return f"{self.filing_year}{self.digits[2:]}{self.check}"

    def __str__(self) -> str:
        return self.canonical


_PUBLICATION = re.compile(r"^CN\d{6,9}[ABCUYS]\d?$")
_NUMBER = re.compile(r"^(?P<digits>\d{12}|\d{8})\.?(?P<check>[\dX])$")
_PREFIX = re.compile(r"^(?:CN|ZL)")
_CANONICAL = re.compile(r"(?:\d{12}|\d{8})\.[\dX]")
_TYPED_WITH_CHECK = re.compile(r"(?:[0-9]{12}|[0-9]{8})\.[0-9]")  # a number typed with its check digit, as a float


def normalise_text(value: str) -> str:
    """Full-width to half-width, upper case, no white space of any kind."""
    text = unicodedata.normalize("NFKC", value).upper()
    text = text.replace("。", ".")
    return re.sub(r"\s+", "", text)


def is_publication_number(value: str) -> bool:
    return bool(_PUBLICATION.match(normalise_text(value)))


def parse_application_number(value: object) -> ApplicationNumber:
    """Parse any written form into a checked `ApplicationNumber` or raise `InputError`.

    Codes: NUMBER_MISSING, NUMBER_UNREADABLE, PUBLICATION_NUMBER, BAD_CHECK_DIGIT, UNKNOWN_KIND_DIGIT.
    """
    if value.__class__ is str:
        # Fast path for the forms offices really type — canonical, ZL/CN + canonical, spaced (ZL 2021 1 0123456.7),
        # without the dot, full width — made plain ASCII by one C-level translate instead of NFKC. Only a success
        # returns here; anything else, and every refusal, goes the general way so results and messages stay
        # exactly the same (test_the_number_fast_path_agrees_with_the_general_one).
        text = value if value.isascii() else value.translate(_WIDE)
        if " " in text:
            text = text.replace(" ", "")
        size = len(text)
        if size > 10 and text[:2] in _PREFIXES:
            text, size = text[2:], size - 2
        if size in (14, 10) and text[-2] == ".":
            digits = text[:-2]
        elif size in (13, 9):
            digits = text[:-1]
        else:
            digits = ""
        if digits and digits.isdigit() and text.isascii() and digits[4 if len(digits) == 12 else 2] in KIND_DIGITS \
                and _CHECK_CHARS[_ascii_check_total(digits)] == text[-1]:
            return ApplicationNumber(digits, text[-1])
    return _parse_application_number(value)


_PREFIXES = ("ZL", "CN")
# what NFKC (and the general path's 。 → .) makes of the full-width forms of a number: digits, the dot, Z L C N X
_WIDE = {0x3000: " ", 0x3002: ".", 0xFF0E: ".", **{0xFF10 + d: str(d) for d in range(10)},
         **{ord(c): chr(ord(c) - 0xFEE0) for c in "ＺＬＣＮＸ"}}


def _parse_application_number(value: object) -> ApplicationNumber:
    if value is None:
        raise InputError("NUMBER_MISSING")
    if isinstance(value, float):
        # Spreadsheets hold numbers typed as numbers as floats: 2021101234567.0 (no dot) — and Excel makes a
        # number of 202110123456.7 typed in a General cell: its shortest decimal form is the number as typed
        # (the check character then confirms it). Any other fraction is no number of ours.
        if value != value:  # noqa: PLR0124 (NaN)
            raise InputError("NUMBER_UNREADABLE", value=str(value))
        if value.is_integer():
            value = str(int(value))
        else:
            typed = repr(value)
            if not _TYPED_WITH_CHECK.fullmatch(typed):
                raise InputError("NUMBER_UNREADABLE", value=str(value))
            value = typed
    raw = str(value)
    # the canonical form itself (most cells of a clean export) needs no normalising
    text = raw if _CANONICAL.fullmatch(raw) else normalise_text(raw)
    if not text:
        raise InputError("NUMBER_MISSING")
    if _PUBLICATION.match(text):
        raise InputError("PUBLICATION_NUMBER", value=raw.strip())
    text = _PREFIX.sub("", text)
    match = _NUMBER.match(text)
    if not match:
        raise InputError("NUMBER_UNREADABLE", value=raw.strip())
    digits, given = match["digits"], match["check"]
    expected = check_character(digits)
    if given != expected:
        raise InputError("BAD_CHECK_DIGIT", value=raw.strip(), expected=expected, given=given)
    number = ApplicationNumber(digits, given)
    if number.kind_digit not in KIND_DIGITS:
        raise InputError("UNKNOWN_KIND_DIGIT", value=raw.strip(), digit=number.kind_digit)
    return number


def search_prefix(query: str) -> str | None:
    """If `query` looks like (the start of) a number in any form, the prefix of its search key; else None.

    Never raises: a malformed number in the search box simply matches nothing.
    """
    text = _PREFIX.sub("", normalise_text(query))
    if not text or not re.fullmatch(r"\d+(?:\.[\dX]?)?", text):
        return None
    return text.replace(".", "")


def is_number_lead_in(query: str) -> bool:
    """'C', 'CN', 'Z', 'ZL' (with spaces, any width): the start of a number being typed, not text to look for."""
    return normalise_text(query) in {"C", "CN", "Z", "ZL"}


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def parse_uscc(value: str) -> str:
    """Validate a unified social credit code (GB 32100-2015, domain.md §9); return it normalised."""
    text = normalise_text(value or "")
    if len(text) != 18:
        raise InputError("USCC_INVALID", value=value, reason="uscc_length", detail="")
    bad = [c for c in text if c not in _USCC_ALPHABET]
    if bad:
        raise InputError("USCC_INVALID", value=value, reason="uscc_character", detail=bad[0])
    expected = uscc_check_character(text[:17])
    if text[17] != expected:
        raise InputError("USCC_INVALID", value=value, reason="uscc_check", detail=expected)
    return text
