"""Normalisers for values typed by people: dates in every common form, name lists, patent types.

Each returns None (or an empty list) for a value it cannot read; callers decide whether that is a rejection.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from openlic_desktop.domain.identifiers import PatentType

_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year quirk folded in)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_TIME_PART = re.compile(r"[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_SERIAL = re.compile(r"\d{5}(\.0+)?")


def parse_date(value: object) -> date | None:
    """A date from a date/datetime cell, an Excel serial number, or text like 2021-01-05, 2021/1/5, 2021.1.5,
    2021年1月5日, 20210105 (time parts are dropped). None for blank or unreadable values."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if 19000101 <= number <= 21001231 and number.is_integer():
            return parse_date(str(int(number)))
        if 1 <= number < 80000:  # an Excel serial number (1900-01-01 … 2119)
            return _EXCEL_EPOCH + timedelta(days=int(number))
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    if ":" in text:  # a time part (precompiled patterns: this runs for every date typed as text)
        text = _TIME_PART.sub("", text).strip()
    text = text.replace(" ", "")
    if _SERIAL.fullmatch(text):
        return parse_date(float(text))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None


def looks_like_date_text(value: object) -> bool:
    """True for a non-blank value: used to tell 'blank' (fine) from 'unreadable' (a rejection)."""
    return value is not None and str(value).strip() != ""


_normalize = unicodedata.normalize
_NAME_SPLIT = re.compile(r"[;；,，、/\n\r]+")
_OTHER_SEPARATORS = (";", "；", ",", "，", "/")  # and 、; line breaks never reach the fast path


def split_names(value: object) -> list[str]:
    """Patentees or inventors from one cell: split on ；; ，, 、 / and line breaks, trimmed, order kept, no repeats."""
    if value is None:
        return []
    text = _normalize("NFKC", value if value.__class__ is str else str(value))
    if " " not in text and text.isprintable():
        # no white space anywhere (the usual cell; every white-space character but the space, line breaks
        # included, is unprintable): the parts between separators are the names. str.replace/split do what the
        # regular expression does, several times faster.
        for separator in _OTHER_SEPARATORS:
            if separator in text:
                text = text.replace(separator, "、")
        parts = text.split("、")
        if "" not in parts and len(set(parts)) == len(parts):
            return parts
        names = dict.fromkeys(parts)
        names.pop("", None)
        return list(names)
    seen: dict[str, None] = {}
    for part in _NAME_SPLIT.split(text):
        name = clean_text(part)  # white space runs to one space, trimmed; control characters dropped
        if name:
            seen[name] = None
    return list(seen)


_TYPE_WORDS = (
    ("实用新型", PatentType.UTILITY_MODEL), ("新型", PatentType.UTILITY_MODEL),
    ("外观设计", PatentType.DESIGN), ("外观", PatentType.DESIGN),
    ("发明", PatentType.INVENTION),
    ("UTILITY", PatentType.UTILITY_MODEL), ("DESIGN", PatentType.DESIGN), ("INVENTION", PatentType.INVENTION),
)


def parse_type(value: object) -> PatentType | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip().upper()
    if not text:
        return None
    for word, kind in _TYPE_WORDS:
        if word in text:
            return kind
    return None


_FULLWIDTH_ALNUM = {0x3000: " ", **{cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFF01, 0xFF5F)
                                    if chr(cp).isalnum()}}
_SPACES = re.compile(r"\s+")
_NEEDS_SPACING = re.compile(r"^\s|\s$|\s\s|[^\S ]")  # leading/trailing, doubled, or non-space white space
# Characters no XML 1.0 document can hold: the C0 controls that are not white space (tab, line breaks and the
# separators \x0b \x0c \x1c-\x1f are white space: they become spaces), U+FFFE, U+FFFF and lone surrogates. A title
# holding one could never be written into a .docx or .xlsx — every export would fail on it — so text drops them
# where it comes in: the import, `openlic set` and the editor all clean text here.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1b\ufffe\uffff\ud800-\udfff]")
# a text without any of these is already clean: translate() would change nothing, nor would the spacing
_NOTHING_TO_DO = re.compile("[\\s\uff01-\uff5e\x00-\x08\x0e-\x1b\ufffe\uffff\ud800-\udfff]")


def clean_text(value: object, *, lines: bool = False) -> str:
    """Full-width to half-width where Chinese text allows it, single spaces, trimmed, and nothing an Office file
    cannot hold. Chinese punctuation kept. With `lines`, line breaks are kept (each line cleaned, as LF)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if _NOTHING_TO_DO.search(text) is None:  # no white space, nothing full-width, no control character: most cells
        return text
    if lines:
        return "\n".join(clean_text(line) for line in text.splitlines()).strip("\n")
    if not text.isascii():
        # full-width letters and digits to ASCII (what NFKC does to them), ideographic space to a space;
        # one C-level translate instead of a Python loop over characters (it runs for every imported cell)
        text = text.translate(_FULLWIDTH_ALNUM)
    if _UNSTORABLE.search(text) is not None:
        text = _UNSTORABLE.sub("", text)
    if _NEEDS_SPACING.search(text) is None:
        return text
    return _SPACES.sub(" ", text).strip()
