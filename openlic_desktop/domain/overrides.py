"""Documents for a patent the rules block: refused, unless the user overrides — and then it shows.

No document may contradict the record: a commitment letter, a contract or a declaration is not drafted for a
patent with a blocker. The user may still ask for it with an explicit override and a reason (a draft for a lawyer
to look at, a blocker known to be wrong); the document then carries the blockers on its cover and the audit trail
records the override with the codes and the reason. `gate` is that one rule for every kind of document; the
services write the audit entry (`audit_text`) and the documents print `cover_lines`.
Pure: findings in, decisions out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openlic_desktop.domain.findings import Finding
from openlic_desktop.support.errors import InputError

AUDIT_ACTION = "override"


@dataclass(frozen=True)
class Override:
    """The user's explicit say-so to draft despite blockers, and why."""

    reason: str

    def __post_init__(self) -> None:
        if not (self.reason or "").strip():
            raise InputError("OVERRIDE_REASON_MISSING")


@dataclass(frozen=True)
class Gated:
    """One patent at the gate: its number and the blockers found (none: it passes by itself)."""

    application_number: str
    blockers: tuple[Finding, ...] = ()

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.blockers]


@dataclass
class GateResult:
    passed: list[Gated] = field(default_factory=list)       # no blocker
    overridden: list[Gated] = field(default_factory=list)   # blocked, drafted on the override
    refused: list[Gated] = field(default_factory=list)      # blocked, no override: not drafted

    @property
    def allowed(self) -> list[str]:
        return [g.application_number for g in (*self.passed, *self.overridden)]

    def overridden_by_number(self) -> dict[str, Gated]:
        return {g.application_number: g for g in self.overridden}


def gate(findings: Mapping[str, Sequence[Finding]], override: Override | None) -> GateResult:
    """Sort the patents (number → their findings) into passed, overridden and refused, keeping their order."""
    result = GateResult()
    for number, found in findings.items():
        gated = Gated(number, tuple(f for f in found if f.is_blocker))
        if not gated.blocked:
            result.passed.append(gated)
        elif override is not None:
            result.overridden.append(gated)
        else:
            result.refused.append(gated)
    return result


def cover_lines(messages: Sequence[str], override: Override, lang: str = "zh") -> list[str]:
    """What the document's cover says: that it was drafted despite these blockers (`messages`: each blocker in
    the reader's words, as services.readiness.finding_message gives them — never a code), and why."""
    if lang.startswith("zh"):
        head = "注意：本文件在下列事项尚未解决的情况下，经经办人明确确认后起草，提交前须逐项核实："
        tail = f"起草理由：{override.reason.strip()}"
    else:
        head = "Note: drafted on the user's explicit override while these matters are unresolved; check each:"
        tail = f"Reason given: {override.reason.strip()}"
    lines = [head]
    lines += [f"{i}. {text}" for i, text in enumerate(messages, 1)]
    lines.append(tail)
    return lines


def audit_text(gated: Gated, override: Override, document: str) -> str:
    """The audit record's value: which document, which blockers, and the reason (codes are for the trail)."""
    return f"{document}: {', '.join(gated.codes)}; reason: {override.reason.strip()}"
