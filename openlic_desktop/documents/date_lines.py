"""Dates as the documents write them: 2026年12月7日, and the signing line under a seal block.

Every document a patentee signs ends its seal block with one line, the same in a letter, a consent, a
declaration and a contract: 日期：2026年12月7日 when the day is known, else a blank to write the day in by hand,
spaced with full-width spaces (日期：　　　　年　　月　　日) — underscores read as a form field, not a letter.
Above it, for a patentee that is an organisation, the signatory's line (SIGNATORY), likewise without underscores;
`seal_block` gives the whole block (who seals or signs, the signatory, the date) for every letter a party signs;
`signers` lists who signs a document naming several patents: every patentee once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from openlic_desktop.domain.dates import zh_date

BLANK_DATE = "　　　　年　　月　　日"
# who signs for an organisation under its seal; the signature goes after the colon, with no underscored blank
SIGNATORY = "法定代表人或者授权代表（签字）："


def signing_date(day: date | None) -> str:
    """The date line of a seal block: the day when known, else the blank to fill in by hand."""
    return f"日期：{zh_date(day) if day else BLANK_DATE}"


def seal_block(role: str, name: str, day: date | None, *, person: bool = False, seal: str = "（盖章）") -> list[str]:
    """The lines of one party's seal block in a letter: `role：name（盖章）`, the signatory's line and the date
    line; a natural person signs (签字) and has no signatory. `seal`: the mark an organisation's line ends with
    (a declaration to CNIPA says 签章, as its form does)."""
    return [f"{role}：{name}{'（签字）' if person else seal}", *([] if person else [SIGNATORY]), signing_date(day)]


def signers(names: Iterable[str]) -> list[str]:
    """Every name once, in order of first appearance (blanks dropped): each of them seals or signs."""
    seen: dict[str, None] = {}
    for name in names:
        if name.strip():
            seen.setdefault(name.strip(), None)
    return list(seen)
