"""What is left to do for a batch: its patents' open findings grouped by kind, each group with the one batch step
that fixes it ("27 patents lack an evaluation report → attach a folder of reports"), in the order the steps are
best taken (sign-offs last: every earlier step changes what a sign-off covers).

Groups come from the readiness rules for the batch's profile (one engine; nothing is judged twice) plus the
fee-estimation notes the profile wants in the package, which no rule blocks but the bureau expects. Co-owner
consents are grouped per co-owner, sign-offs per role. Plain values; thread rule: any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# the batch step for each finding code; codes not here are obstacles a batch step cannot clear (open the patent,
# or take it out of the batch)
STEP_OF: dict[str, str] = {
    "CONTACT_MISSING": "office_contact",
    "EVALUATION_REPORT_MISSING": "attach_reports", "EVALUATION_REPORT_REQUIRED": "attach_reports",
    "EVALUATION_REPORT_DETAILS_MISSING": "report_details",
    "COOWNER_CONSENT_MISSING": "consent", "PATENTEE_CONSENT_MISSING": "consent",
    "PATENTEE_ID_MISSING": "patentee_ids",
    "PRICING_MISSING": "price", "TERM_TOO_SHORT": "price", "TERM_BEYOND_EXPIRY": "price",
    "FREE_PERIOD_TOO_LONG": "price", "FEE_ABOVE_CAP": "price",
    "FEE_NOTE_MISSING": "fee_note", "FEE_NOTE_UNFINISHED": "fee_note", "FEE_NOTE_CONTRADICTS_TERMS": "fee_note",
    "COMMITMENTS_INCOMPLETE": "commit",
    "NOT_SIGNED_OFF": "signoff", "SIGNOFF_STALE": "signoff",
}
ORDER = ("office_contact", "attach_reports", "report_details", "consent", "patentee_ids", "price", "fee_note", "commit",
         "signoff", "obstacle")
ROLE_ORDER = ("preparer", "reviewer")


@dataclass
class LeftGroup:
    step: str                         # a key of ORDER
    codes: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    blocking: bool = False            # True when any of its findings blocks (else the package can go without)
    owner: str = ""                   # consent: whose; patentee_ids: whose identity number
    role: str = ""                    # signoff: which role
    variant: str = ""                 # commit: which list the commitments are counted on (the profile's regime)

    def add(self, pid: int, number: str, code: str, blocking: bool) -> None:
        if pid not in self.ids:
            self.ids.append(pid)
            self.numbers.append(number)
        if code not in self.codes:
            self.codes.append(code)
        self.blocking = self.blocking or blocking

    @property
    def message(self) -> tuple[str, dict[str, Any]]:
        """Its message code and parameters ("27 lack …"), the same in the window and the command line."""
        return f"LEFT_{self.step}", {"count": len(self.numbers), "owner": self.owner, "role": self.role,
                                     "codes": ", ".join(self.codes), "variant": self.variant}

    @property
    def key(self) -> tuple[int, str, int, str]:
        return (ORDER.index(self.step), self.owner, ROLE_ORDER.index(self.role) if self.role in ROLE_ORDER else 0,
                ",".join(self.codes))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"step": self.step, "count": len(self.numbers), "codes": self.codes,
                               "blocking": self.blocking, "patents": self.numbers}
        if self.owner:
            out["owner"] = self.owner
        if self.role:
            out["role"] = self.role
        return out


@dataclass
class Remaining:
    batch: str
    profile: str                      # its code
    total: int
    ready: int
    groups: list[LeftGroup] = field(default_factory=list)
    profile_name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"batch": self.batch, "profile": self.profile, "patents": self.total, "ready": self.ready,
                "groups": [g.to_json() for g in self.groups]}


def _split(value: Any) -> list[str]:
    return [v.strip() for v in str(value or "").replace("、", ",").split(",") if v.strip()]


def group_findings(results: Sequence[Any], missing_notes: Sequence[tuple[int, str]] = ()) -> list[LeftGroup]:
    """Readiness results (services.readiness.PatentReadiness) → groups, in step order."""
    groups: dict[tuple[str, str, str], LeftGroup] = {}

    def group(step: str, owner: str = "", role: str = "") -> LeftGroup:
        return groups.setdefault((step, owner, role), LeftGroup(step, owner=owner, role=role))

    for r in results:
        for f in r.findings:
            step = STEP_OF.get(f.code, "obstacle")
            if step in ("consent", "patentee_ids"):  # one step per owner: one entry of the book, one consent
                for owner in _split(f.params.get("owners") or f.params.get("names")) or [""]:
                    group(step, owner=owner).add(r.patent_id, r.application_number, f.code, f.is_blocker)
            elif step == "signoff":
                for role in _split(f.params.get("roles")) or [""]:
                    group(step, role=role).add(r.patent_id, r.application_number, f.code, f.is_blocker)
            elif step == "obstacle" and not f.is_blocker:
                continue  # a warning nothing in a batch can change (fees in grace …): shown with the patent
            else:
                group(step).add(r.patent_id, r.application_number, f.code, f.is_blocker)
                if step == "commit":  # one profile per batch: one list, named as the patent's own panel names it
                    groups[(step, "", "")].variant = f.params.get("variant", "")
    for pid, number in missing_notes:
        group("fee_note").add(pid, number, "FEE_NOTE_MISSING", False)
    return sorted(groups.values(), key=lambda g: g.key)


def what_is_left(ws, batch: int | str, today: date | None = None) -> Remaining:
    """The batch's open work for its own bureau profile."""
    from openlic_desktop.services import batches, pricing
    from openlic_desktop.services import profiles as profile_service

    info = batches.get_batch(ws, batch)
    results = batches.batch_readiness(ws, info.id, today=today)
    profile = profile_service.get_profile(info.profile_code)
    missing_notes: list[tuple[int, str]] = []
    if profile.fee_note and results:
        notes = pricing.notes_for(ws, [r.patent_id for r in results])
        codes = {f.code for r in results for f in r.findings}
        if "FEE_NOTE_MISSING" not in codes:  # a rule of the profile's regime already says it per patent
            missing_notes = [(r.patent_id, r.application_number) for r in results if not notes.get(r.patent_id)]
    return Remaining(info.name, info.profile_code, len(results), sum(r.ready for r in results),
                     group_findings(results, missing_notes), profile.name)

