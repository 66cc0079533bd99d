"""Documents about a patent with a blocker: refused, or drafted only on an explicit override.

A commitment letter, a contract or a declaration says things about a patent (it is in force, not licensed
exclusively, not pledged without consent, every co-owner agrees …). When a recorded fact says otherwise, the
document would be untrue: it is refused, naming the facts. The user may still draft it — a draft for discussion,
a letter a co-owner will seal once the pledge is released — but only by saying so explicitly, with a reason; the
document then carries the blockers on its cover and the audit trail records who overrode what and why.

One mechanism for every document kind: the callers (services) run their own rules, hand the blockers of each
patent to `gate`, and print what it returns. Pure: no database, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from openlic_desktop.domain.dates import zh_date
from openlic_desktop.domain.findings import Finding
from openlic_desktop.support.errors import InputError, OpenLicError

# The blockers that make a letter or a contract untrue about the patent: the legal obstacles of domain.md §4
# (and the statutory regime's, §10). The office's own steps — commitments not yet confirmed, no sign-off, no
# pricing, no contact — do not make a document untrue; they keep a patent out of a package instead.
FACT_BLOCKERS = frozenset({
    "NOT_GRANTED", "EXPIRED", "LAPSED", "EXCLUSIVE_LICENCE", "PLEDGE_WITHOUT_CONSENT", "SUSPENDED", "TRANSFERRED",
    "EVALUATION_REPORT_MISSING", "EVALUATION_REPORT_UNFAVOURABLE", "COOWNER_CONSENT_MISSING",
    "FEE_UNPAID", "OTHER_OBSTACLE", "EVALUATION_REPORT_REQUIRED", "PATENTEE_CONSENT_MISSING",
    # Art 51(3): the statutory rules say an exclusive or sole licence running into a filed declaration's time as
    # this in place of EXCLUSIVE_LICENCE — the same fact, and it makes every one of these documents untrue
    "DECLARATION_IN_FORCE",
})

# What each document asserts decides what blocks it. A contract warrants a valid right free of exclusive
# licences, disputes and unconsented pledges; its co-owners are all licensors and sign it, and it says nothing of
# an evaluation report, so those findings do not make it untrue. The letter and the declaration promise all of it.
_CONSENT_AND_REPORT = frozenset({"COOWNER_CONSENT_MISSING", "PATENTEE_CONSENT_MISSING", "EVALUATION_REPORT_MISSING",
                                 "EVALUATION_REPORT_UNFAVOURABLE", "EVALUATION_REPORT_REQUIRED"})
DOCUMENT_BLOCKERS: dict[str, frozenset[str]] = {
    "commitment_letter": FACT_BLOCKERS,
    "contract": FACT_BLOCKERS - _CONSENT_AND_REPORT,
    "declaration": FACT_BLOCKERS,
}
# What a document is, in the audit trail and in the refusal (the words are in support/messages/documents.py).
DOCUMENT_KINDS = tuple(DOCUMENT_BLOCKERS)


@dataclass(frozen=True)
class Override:
    """The user's explicit instruction to draft despite blockers. `reason` is required: it is printed on the
    document's cover and kept in the audit trail with the user's name and the day."""

    user: str
    reason: str
    day: date

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise InputError("OVERRIDE_REASON_MISSING")


@dataclass(frozen=True)
class BlockedPatent:
    """One patent's blockers, each with its message already in words (documents never show a code)."""

    application_number: str
    codes: tuple[str, ...]
    messages: tuple[str, ...]
    patent_id: int | None = None

    @property
    def patent_number(self) -> str:
        return "ZL" + self.application_number


def blocking(findings: Iterable[Finding], codes: frozenset[str] = FACT_BLOCKERS) -> list[Finding]:
    """The findings among `findings` that block a document: blockers whose code is in `codes`."""
    return [f for f in findings if f.is_blocker and f.code in codes]


def gate(document: str, blocked: Sequence[BlockedPatent], override: Override | None) -> tuple[BlockedPatent, ...]:
    """Nothing blocked: (). Blocked and no override: refused with DOCUMENT_BLOCKED naming the patents and the
    facts. Blocked and overridden: the blocked patents, for the cover and the audit trail."""
    if document not in DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind {document!r}")
    blocked = tuple(b for b in blocked if b.codes)
    if not blocked:
        return ()
    if override is None:
        first = blocked[0]
        raise OpenLicError("DOCUMENT_BLOCKED", document=document, count=len(blocked),
                           number=first.patent_number, facts="；".join(first.messages),
                           codes=",".join(sorted({c for b in blocked for c in b.codes})))
    return blocked


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")


_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def tidy(text: str) -> str:
    """Chinese text as a document prints it: no spaces between a value and the Chinese around it, and a day as
    Chinese texts write it (a finding's 至2028-12-31 reads 至2028年12月31日 on the cover)."""
    return _SPACE_NEXT_TO_CJK.sub("", _ISO_DAY.sub(_zh_day, text))


def _zh_day(match: re.Match[str]) -> str:
    try:
        return zh_date(date(int(match[1]), int(match[2]), int(match[3])))
    except ValueError:   # not a day (a reference such as 2026-13-40): kept as written
        return match[0]


def cover_lines(document_title: str, blocked: Sequence[BlockedPatent], override: Override) -> list[str]:
    """The words printed at the top of an overridden document, in Chinese (the documents' language)."""
    day = override.day
    lines = [
        "起草说明",
        (f"下列专利存在不得实行开放许可或与本{document_title}内容不符的情形。本{document_title}系经{override.user}"
         f"于{zh_date(day)}明确指示在上述情形下起草，理由：{override.reason.strip()}。"),
    ]
    for item in blocked:
        lines.append(f"{item.patent_number}：{'；'.join(tidy(m) for m in item.messages)}")
    return lines
