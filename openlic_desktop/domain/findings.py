"""What the readiness rules say about a patent: a stable code, a severity, parameters for the message."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    BLOCKER = "blocker"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str                      # stable, e.g. EXCLUSIVE_LICENCE (cli.md list)
    severity: Severity
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    field_hint: str = ""           # where in the editor the fix is: "facts.fees_paid_until", "pricing", ...

    @property
    def is_blocker(self) -> bool:
        return self.severity is Severity.BLOCKER
