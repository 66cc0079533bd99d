"""Which publication of the open offer a contract recites: CNIPA's announcement of the declaration (statutory)
or the bureau's publication of the licence information (pilot), as the record holds it.

A contract reciting 该声明已经国家知识产权局公告 identifies the announcement by its date and issue; one reciting
许可信息已经…公开 by the day the bureau published it and the batch it came in. Only what is recorded is named:
a part not on record is left out, and a patent with nothing on record (drafted on an override, whose cover
says why) is named nowhere — the text never supplies a date the record does not have.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from openlic_desktop.domain.dates import zh_date


@dataclass(frozen=True)
class OfferNotice:
    """One patent's publication on record: its day and reference (CNIPA's issue, or the bureau's batch)."""

    on: date | None = None
    reference: str = ""


# (the day's label, the reference's label) as each regime's publication calls them
_LABELS = {True: ("公告日", "公告卷期"), False: ("公开日", "报送批次")}


def notice_parts(notice: OfferNotice | None, statutory: bool) -> tuple[str, ...]:
    """What of one notice is on record, labelled: ("公告日：2026年12月7日", "公告卷期：…") or fewer."""
    if notice is None:
        return ()
    day_label, reference_label = _LABELS[statutory]
    parts = []
    if notice.on is not None:
        parts.append(f"{day_label}：{zh_date(notice.on)}")
    if notice.reference.strip():
        parts.append(f"{reference_label}：{notice.reference.strip()}")
    return tuple(parts)


def recital_details(patents: Sequence[tuple[str, str]], notices: Mapping[str, OfferNotice],
                    statutory: bool) -> str:
    """The parenthesis after 公告 / 公开 in the recital, or "" when nothing is on record.

    `patents`: (application number, the number the schedule shows) in schedule order. When one notice covers
    every patent it is named alone; otherwise each notice names its patents (patents with nothing recorded are
    not named, so no notice is read as theirs)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for number, shown in patents:
        parts = notice_parts(notices.get(number), statutory)
        if parts:
            groups.setdefault(parts, []).append(shown)
    if not groups:
        return ""
    if len(groups) == 1 and len(next(iter(groups.values()))) == len(patents):
        return "（" + "，".join(next(iter(groups))) + "）"
    return "（" + "；".join("，".join(("、".join(shown), *parts)) for parts, shown in groups.items()) + "）"
