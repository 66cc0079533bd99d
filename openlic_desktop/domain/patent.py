"""The facts recorded about one patent, as plain values that cross every layer."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from openlic_desktop.domain.identifiers import ApplicationNumber, PatentType
from openlic_desktop.domain.status import Status, effective_status
from openlic_desktop.domain.terms import last_day_in_force

# Facts a user may edit with `openlic set` / the editor, with their kind ("lines": text that keeps line breaks).
# The number is the patent's identity and is never edited; the type must agree with the number's kind digit
# (domain.md §2).
EDITABLE_FIELDS: dict[str, str] = {
    "title": "text",
    "patent_type": "type",
    "patentees": "names",
    "inventors": "names",
    "status": "status",
    "filing_date": "date",
    "grant_date": "date",
    "fees_paid_until": "date",
    "ipc": "text",
    "department": "text",
    "contact_person": "text",
    "contact_phone": "text",
    "contact_email": "text",
    "description": "lines",
    "industry": "text",
}


@dataclass
class PatentFacts:
    """What is known of a patent. `patentees` and `inventors` keep their order (first patentee first)."""

    number: ApplicationNumber
    title: str = ""
    patent_type: PatentType | None = None
    filing_date: date | None = None
    grant_date: date | None = None
    status: Status = Status.UNKNOWN
    patentees: list[str] = field(default_factory=list)
    inventors: list[str] = field(default_factory=list)
    fees_paid_until: date | None = None
    ipc: str = ""
    department: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    description: str = ""
    industry: str = ""

    def __post_init__(self) -> None:
        if self.patent_type is None:
            self.patent_type = self.number.patent_type

    @property
    def expiry_date(self) -> date | None:
        """The last day in force (stored and shown as 'expiry')."""
        if self.filing_date is None or self.patent_type is None:
            return None
        return last_day_in_force(self.patent_type, self.filing_date)

    def effective_status(self, today: date) -> Status:
        """The recorded status, except that a patent past its last day in force is expired whatever was typed."""
        return effective_status(self.status, self.expiry_date, today)

    def comparable(self) -> dict[str, object]:
        """Field → value for the facts (not the number), used to detect changes on import."""
        out: dict[str, object] = {}
        for f in fields(self):
            if f.name == "number":
                continue
            value = getattr(self, f.name)
            if isinstance(value, (Status, PatentType)):
                value = value.value
            elif isinstance(value, list):
                value = list(value)
            out[f.name] = value
        return out
