"""Legal status of a patent and the words spreadsheets use for it (domain.md §3)."""

from __future__ import annotations

from datetime import date
from enum import Enum

from openlic_desktop.domain.identifiers import normalise_text


class Status(str, Enum):
    IN_FORCE = "in_force"
    PENDING = "pending"
    LAPSED = "lapsed"
    EXPIRED = "expired"
    UNKNOWN = "unknown"

    @property
    def zh(self) -> str:
        return _ZH[self]


def effective_status(status: Status, last_day: date | str | None, today: date | str) -> Status:
    """The recorded status, except that a patent past its last day in force is expired whatever was typed.
    `last_day` and `today` are dates, or both ISO texts (which compare as the days they write)."""
    if last_day is not None and today > last_day and status in (Status.IN_FORCE, Status.UNKNOWN):
        return Status.EXPIRED
    return status


_ZH = {
    Status.IN_FORCE: "有效",
    Status.PENDING: "审中",
    Status.LAPSED: "失效",
    Status.EXPIRED: "届满",
    Status.UNKNOWN: "未知",
}

# Longest words first so that 未缴年费终止 wins over 终止 and 届满终止 over 终止.
_WORDS: tuple[tuple[str, Status], ...] = tuple(sorted(
    {
        "有效": Status.IN_FORCE, "授权": Status.IN_FORCE, "专利权维持": Status.IN_FORCE, "维持": Status.IN_FORCE,
        "已授权": Status.IN_FORCE, "IN_FORCE": Status.IN_FORCE, "INFORCE": Status.IN_FORCE, "GRANTED": Status.IN_FORCE,
        "VALID": Status.IN_FORCE, "ACTIVE": Status.IN_FORCE,
        "届满终止": Status.EXPIRED, "届满": Status.EXPIRED, "期限届满": Status.EXPIRED, "EXPIRED": Status.EXPIRED,
        "失效": Status.LAPSED, "终止": Status.LAPSED, "未缴年费终止": Status.LAPSED, "放弃": Status.LAPSED,
        "无效": Status.LAPSED, "权利终止": Status.LAPSED, "LAPSED": Status.LAPSED, "INVALID": Status.LAPSED,
        "审中": Status.PENDING, "实审": Status.PENDING, "公开": Status.PENDING, "受理": Status.PENDING,
        "实质审查": Status.PENDING, "在审": Status.PENDING, "PENDING": Status.PENDING,
        "UNKNOWN": Status.UNKNOWN, "未知": Status.UNKNOWN,
    }.items(),
    key=lambda item: -len(item[0]),
))


_EXACT: dict[str, Status] = dict(_WORDS)


def parse_status(value: object) -> Status | None:
    """The status a spreadsheet word means, or None when the word is not recognised."""
    if value is None:
        return None
    text = normalise_text(str(value)).replace("-", "_")
    if not text:
        return None
    status = _EXACT.get(text)
    if status is not None:
        return status
    for word, status in _WORDS:
        if len(word) >= 2 and word in text and not word.isascii():
            return status
    return None
