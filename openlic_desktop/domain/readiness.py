"""The readiness engine (domain.md §4–§5): may this patent be offered, and has the office signed off?

Input is a `ReadinessRecord` (plain values the storage layer gathered in bulk); each rule is a small function
`rule(record, ctx) -> list[Finding]` with a stable code from cli.md. `evaluate` runs them all. The sign-off
fingerprint is computed here too (a SHA-256 over a canonical JSON of what is signed), so that storage, services
and tests agree on one definition. Pure: no database, no clock (today is passed in).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openlic_desktop.domain.dates import add_months, day_before
from openlic_desktop.domain.declarations import DeclarationContent, DeclarationValue
from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PRICING_RULE_CODES
from openlic_desktop.domain.profiles import BureauProfile
from openlic_desktop.domain.status import Status
from openlic_desktop.domain.terms import FeeState, fee_position

ENCUMBRANCE_KINDS = ("exclusive-licence", "sole-licence", "ordinary-licence", "pledge", "dispute", "preservation",
                     "transfer", "other-obstacle")
PLEDGEE_CONSENT = "pledgee-consent"   # a pledgee's signed consent to the open licence (attached to its pledge)
ATTACHMENT_KINDS = ("evaluation-report", "search-report", "sealed-commitment", "consent", PLEDGEE_CONSENT, "other")
# what a file is attached as on its own; a pledgee's consent goes with its pledge, which it marks consented
# (services.encumbrances.attach_pledgee_consent); loose, it would satisfy no rule and mislead the reader
LOOSE_ATTACHMENT_KINDS = tuple(kind for kind in ATTACHMENT_KINDS if kind != PLEDGEE_CONSENT)
REPORT_KINDS = ("evaluation-report", "search-report")
CONCLUSIONS = ("favourable", "unfavourable")
ROLES = ("preparer", "reviewer")

# every code this engine can produce (the pricing codes come from domain.pricing)
CODES = ("NOT_GRANTED", "EXPIRED", "LAPSED", "FEE_IN_GRACE", "FEES_UNKNOWN", "EXCLUSIVE_LICENCE",
         "PLEDGE_WITHOUT_CONSENT", "SUSPENDED", "TRANSFERRED", "EVALUATION_REPORT_MISSING",
         "EVALUATION_REPORT_UNFAVOURABLE", "COOWNER_CONSENT_MISSING", "COMMITMENTS_INCOMPLETE", "NOT_SIGNED_OFF",
         "SIGNOFF_STALE", "CONTACT_MISSING", "STORED_FILE_MISSING", "STORED_FILE_CHANGED", "OTHER_OBSTACLE",
         "EVALUATION_REPORT_DETAILS_MISSING")
PRICING_CODES = PRICING_RULE_CODES


@dataclass(frozen=True)
class EncumbranceValue:
    kind: str
    party: str = ""
    registration_no: str = ""
    start: date | None = None
    end: date | None = None     # None: open-ended
    consent: bool = False
    note: str = ""              # what an other-obstacle is (shown, not fingerprinted: it is set once, when added)

    def overlaps(self, first: date, last: date) -> bool:
        """In force at some day of [first, last]."""
        return (self.start is None or self.start <= last) and (self.end is None or self.end >= first)

    def canonical(self) -> list[Any]:
        return [self.kind, self.party, self.registration_no, _iso(self.start), _iso(self.end), self.consent]


@dataclass(frozen=True)
class AttachmentValue:
    kind: str
    sha256: str
    report_no: str = ""
    report_date: date | None = None
    conclusion: str | None = None   # favourable | unfavourable (report kinds)
    claims: str = ""
    state: str = "ok"               # ok | missing | changed (only when the files were verified)
    name: str = ""

    def canonical(self) -> list[Any]:
        return [self.kind, self.sha256, self.report_no, _iso(self.report_date), self.conclusion, self.claims]


@dataclass(frozen=True)
class SignOffValue:
    role: str
    user: str
    fingerprint: str
    signed_at: str = ""   # ISO text, for display


@dataclass
class ReadinessRecord:
    """Everything the rules look at for one patent."""

    patent_id: int
    facts: PatentFacts
    encumbrances: list[EncumbranceValue] = field(default_factory=list)
    attachments: list[AttachmentValue] = field(default_factory=list)
    consents: set[str] = field(default_factory=set)             # co-owner names with written consent on file
    commitments: dict[str, str] = field(default_factory=dict)   # confirmed item -> note
    signoffs: dict[str, SignOffValue] = field(default_factory=dict)  # role -> latest sign-off
    pricing_canonical: Any = None                               # PricingTerms.canonical(), None when not priced
    pricing_term_months: int | None = None                      # the intended licence term, when priced
    pricing_findings: list[Finding] = field(default_factory=list)
    expiry: date | None = None   # the last day in force as stored; computed from the facts when not given
    declaration: DeclarationValue | None = None  # the patent's current statutory declaration (not withdrawn)
    fee_note: str | None = None  # the fee-estimation note's text, when one is stored
    patentee_ids: dict[str, tuple[str, str]] | None = None  # name → (id type, identifier) from the patentee book
    _fingerprint: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.expiry is None:
            self.expiry = self.facts.expiry_date

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self)
        return self._fingerprint


@dataclass(frozen=True)
class RuleContext:
    profile: BureauProfile
    today: date
    own_names: frozenset[str] = frozenset()   # the office's own patentee names (not co-owners)
    default_contact: tuple[str, str, str] = ("", "", "")  # office contact person, phone, e-mail from settings
    promotional_words: tuple[str, ...] = ()   # commercial promotional wording a declaration may not carry
    _term_ends: dict[int, date] = field(default_factory=dict, hash=False, compare=False, repr=False)

    def term_end(self, months: int) -> date:
        """Last day of a term of `months` starting today (memoised: the same few terms recur for every patent)."""
        end = self._term_ends.get(months)
        if end is None:
            end = self._term_ends[months] = day_before(add_months(self.today, max(months, 1)))
        return end


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def canonical_facts(facts: PatentFacts) -> dict[str, Any]:
    out: dict[str, Any] = {"application_number": facts.number.canonical}
    for key, value in facts.comparable().items():
        out[key] = value.isoformat() if isinstance(value, date) else value
    return out


def canonical_json(record: ReadinessRecord) -> str:
    """What a sign-off covers: facts, encumbrances, consents, confirmed commitments, pricing, attachments, and —
    only for a patent with a statutory declaration — that declaration's own content and fee-estimation note (so a
    patent without one keeps the fingerprint it always had)."""
    body = {
        "facts": canonical_facts(record.facts),
        "encumbrances": sorted(e.canonical() for e in record.encumbrances),
        "consents": sorted(record.consents),
        "commitments": sorted([k, v] for k, v in record.commitments.items()),
        "pricing": record.pricing_canonical,
        "attachments": sorted(a.canonical() for a in record.attachments),
    }
    if record.declaration is not None:
        body["declaration"] = record.declaration.canonical(record.fee_note, record.patentee_ids)
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def fingerprint(record: ReadinessRecord) -> str:
    return hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()


def signed_off(record: ReadinessRecord) -> bool:
    """Both roles have signed off and neither sign-off is stale."""
    if any(role not in record.signoffs for role in ROLES):
        return False
    current = record.fingerprint()
    return all(s.fingerprint == current for s in record.signoffs.values())


def _blocker(code: str, hint: str, **params: Any) -> Finding:
    return Finding(code, Severity.BLOCKER, params, hint)


def _warning(code: str, hint: str, **params: Any) -> Finding:
    return Finding(code, Severity.WARNING, params, hint)


def intended_term(record: ReadinessRecord, ctx: RuleContext) -> tuple[date, date]:
    """The days the offer would run: from today for the priced term, or the profile's minimum term."""
    months = record.pricing_term_months or ctx.profile.min_term_months
    return ctx.today, ctx.term_end(months)


# --- rules ----------------------------------------------------------------------------------------------------
def rule_granted(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    status = r.facts.status
    if status is Status.PENDING or (r.facts.grant_date is None and status not in (Status.LAPSED, Status.EXPIRED)):
        return [_blocker("NOT_GRANTED", "facts.grant_date", status=status.value)]
    return []


def _expired(r: ReadinessRecord, ctx: RuleContext) -> bool:
    """As PatentFacts.effective_status, on the stored last day in force."""
    if r.facts.status is Status.EXPIRED:
        return True
    return (r.expiry is not None and ctx.today > r.expiry
            and r.facts.status in (Status.IN_FORCE, Status.UNKNOWN))


def rule_expired(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    if _expired(r, ctx):
        return [_blocker("EXPIRED", "facts.status", expiry=_iso(r.expiry) or "")]
    return []


def rule_fees(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    """Recorded as lapsed, or fees unpaid beyond the grace period → LAPSED; within grace → FEE_IN_GRACE."""
    if r.facts.status is Status.LAPSED:
        return [_blocker("LAPSED", "facts.status", due="", grace_end="", variant="recorded")]
    if r.facts.status is Status.PENDING or _expired(r, ctx):
        return []
    paid = r.facts.fees_paid_until
    if paid is not None and paid >= ctx.today:
        return []  # covered today: fee_position would say PAID (skipping it saves its anniversary arithmetic)
    pos = fee_position(r.facts.filing_date, paid, ctx.today)
    if pos.state is FeeState.LAPSED:
        return [_blocker("LAPSED", "facts.fees_paid_until", due=_iso(pos.due_date), grace_end=_iso(pos.grace_end))]
    if pos.state is FeeState.IN_GRACE:
        return [_warning("FEE_IN_GRACE", "facts.fees_paid_until", due=_iso(pos.due_date),
                         grace_end=_iso(pos.grace_end), surcharge=f"{pos.surcharge_rate * 100:.0f}")]
    if pos.state is FeeState.UNKNOWN:
        return [_warning("FEES_UNKNOWN", "facts.fees_paid_until")]
    return []


def rule_exclusive(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    first, last = intended_term(r, ctx)
    out = []
    for e in r.encumbrances:
        if e.kind in ("exclusive-licence", "sole-licence") and e.overlaps(first, last):
            out.append(_blocker("EXCLUSIVE_LICENCE", "encumbrances", kind=e.kind, party=e.party or "—",
                                end=_iso(e.end) or "—"))
    return out


def rule_pledge(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    return [_blocker("PLEDGE_WITHOUT_CONSENT", "encumbrances", party=e.party or "—", registration_no=e.registration_no or "—")
            for e in r.encumbrances
            if e.kind == "pledge" and not e.consent and (e.end is None or e.end >= ctx.today)]


def rule_suspended(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    return [_blocker("SUSPENDED", "encumbrances", kind=e.kind, party=e.party or "—")
            for e in r.encumbrances
            if e.kind in ("dispute", "preservation") and (e.end is None or e.end >= ctx.today)
            and (e.start is None or e.start <= ctx.today)]


def rule_transferred(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    return [_blocker("TRANSFERRED", "encumbrances", party=e.party or "—", date=_iso(e.start) or "—")
            for e in r.encumbrances if e.kind == "transfer" and (e.start is None or e.start <= ctx.today)]


def rule_other_obstacle(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    """Rule 86(5): any other recorded situation obstructing effective exploitation, while it lasts."""
    return [_blocker("OTHER_OBSTACLE", "encumbrances", note=e.note or e.party or "—")
            for e in r.encumbrances
            if e.kind == "other-obstacle" and (e.end is None or e.end >= ctx.today)
            and (e.start is None or e.start <= ctx.today)]


def rule_evaluation_report(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    """Utility models and designs need a favourable evaluation report (or, where allowed, a search report)."""
    if r.facts.patent_type not in (PatentType.UTILITY_MODEL, PatentType.DESIGN):
        return []
    kinds = REPORT_KINDS if ctx.profile.search_report_allowed else ("evaluation-report",)
    reports = [a for a in r.attachments if a.kind in kinds]
    favourable = [a for a in reports if a.conclusion == "favourable"]
    if favourable:
        # attached from a folder whose text did not say its number or date: the table prints both
        if not any(a.report_no and a.report_date for a in favourable):
            a = favourable[0]
            return [_warning("EVALUATION_REPORT_DETAILS_MISSING", "attachments", name=a.name or "—",
                             missing=", ".join(f for f, v in (("report_no", a.report_no),
                                                             ("report_date", a.report_date)) if not v))]
        return []
    pending = [a for a in reports if a.conclusion is None]
    if pending and not any(a.conclusion == "unfavourable" for a in reports):
        # a report is on file but nobody has recorded what it concludes: it cannot count as favourable yet
        return [_blocker("EVALUATION_REPORT_DETAILS_MISSING", "attachments", name=pending[0].name or "—",
                         missing="conclusion")]
    unfavourable = [a for a in reports if a.conclusion == "unfavourable"]
    if unfavourable:
        latest = max(unfavourable, key=lambda a: a.report_date or date.min)
        return [_blocker("EVALUATION_REPORT_UNFAVOURABLE", "attachments", report_no=latest.report_no or "—",
                         claims=latest.claims or "—")]
    only_search = any(a.kind == "search-report" for a in r.attachments) and not ctx.profile.search_report_allowed
    return [_blocker("EVALUATION_REPORT_MISSING", "attachments",
                     search_report_refused=only_search, search_report_allowed=ctx.profile.search_report_allowed)]


def co_owners(facts: PatentFacts, own_names: frozenset[str]) -> list[str]:
    """The patentees whose consent is needed: all but the office itself (the first patentee when unknown)."""
    if len(facts.patentees) < 2:
        return []
    own = [p for p in facts.patentees if p in own_names]
    if not own:
        own = facts.patentees[:1]
    return [p for p in facts.patentees if p not in own]


def rule_coowners(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    missing = [p for p in co_owners(r.facts, ctx.own_names) if p not in r.consents]
    if missing:
        return [_blocker("COOWNER_CONSENT_MISSING", "ownership.consents", owners="、".join(missing))]
    return []


def commitments_left(profile: BureauProfile, confirmed: Any) -> dict[str, Any] | None:
    """The profile's commitments not among `confirmed`, as a message's parameters, or None when all are.

    The variant names the list: the statutory declaration's promises and a pilot listing's commitments differ
    (6 and 8 items), and a patent is counted against both in different places, so each count says which."""
    missing = [c for c in profile.commitment_codes() if c not in confirmed]
    if not missing:
        return None
    return {"items": ", ".join(missing), "count": len(missing), "names": profile.commitment_words(missing, "zh"),
            "names_en": profile.commitment_words(missing, "en"), "variant": profile.regime}


def rule_commitments(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    left = commitments_left(ctx.profile, r.commitments)
    return [] if left is None else [_blocker("COMMITMENTS_INCOMPLETE", "commitments", **left)]


def rule_signoff(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    out: list[Finding] = []
    missing = [role for role in ROLES if role not in r.signoffs]
    if missing:
        out.append(_blocker("NOT_SIGNED_OFF", "signoff", roles=", ".join(missing)))
    if r.signoffs:
        current = r.fingerprint()
        stale = [s for s in r.signoffs.values() if s.fingerprint != current]
        if stale:
            out.append(_blocker("SIGNOFF_STALE", "signoff", roles=", ".join(s.role for s in stale),
                                users=", ".join(s.user for s in stale)))
    return out


def contact_of(r: ReadinessRecord, ctx: RuleContext) -> tuple[str, str, str]:
    """Person, phone, e-mail: the declaration's own, else the patent's, else the office's (the one answer,
    DeclarationContent.with_contact, that the declaration's documents print)."""
    content = r.declaration.content if r.declaration is not None else DeclarationContent()
    f = r.facts
    filled = content.with_contact((f.contact_person, f.contact_phone, f.contact_email, ""),
                                  (*ctx.default_contact, ""))
    return filled.contact_person, filled.contact_phone, filled.contact_email


def rule_contact(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    person, phone, email = contact_of(r, ctx)
    if not person or not (phone or email):
        missing = [name for name, value in (("contact_person", person), ("contact_phone/contact_email",
                                                                          phone or email)) if not value]
        return [_blocker("CONTACT_MISSING", "facts.contact_person", fields=", ".join(missing))]
    return []


def rule_attachment_files(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    """Only meaningful when the service verified the stored files (state other than ok)."""
    out = []
    for a in r.attachments:
        if a.state == "missing":
            out.append(_blocker("STORED_FILE_MISSING", "attachments", name=a.name, sha256=a.sha256[:12]))
        elif a.state == "changed":
            out.append(_blocker("STORED_FILE_CHANGED", "attachments", name=a.name, sha256=a.sha256[:12]))
    return out


def rule_pricing(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    return list(r.pricing_findings)


Rule = Callable[[ReadinessRecord, RuleContext], list[Finding]]

RULES: tuple[Rule, ...] = (
    rule_granted, rule_expired, rule_fees, rule_exclusive, rule_pledge, rule_suspended, rule_other_obstacle,
    rule_transferred, rule_evaluation_report, rule_coowners, rule_commitments, rule_pricing, rule_contact,
    rule_attachment_files, rule_signoff,
)


def rules_for(regime: str) -> tuple[Rule, ...]:
    """The rule set of a regime: `pilot` (the provincial listing) or `statutory` (the declaration to CNIPA)."""
    if regime == "statutory":
        from openlic_desktop.domain.statutory_rules import STATUTORY_RULES

        return STATUTORY_RULES
    return RULES


def evaluate(record: ReadinessRecord, ctx: RuleContext, rules: Sequence[Rule] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules if rules is not None else rules_for(ctx.profile.regime):
        findings.extend(rule(record, ctx))
    return findings


def is_ready(findings: Sequence[Finding]) -> bool:
    return not any(f.is_blocker for f in findings)
