"""The rules of the statutory regime (domain.md §10): may this patent be declared open to CNIPA?

The same engine as the pilot's (domain.readiness: a record in, findings with stable codes out), with the rules
the law adds or makes stricter:
- Rule 86(3): an annual fee not paid as required blocks — in the grace period or simply not known (FEE_UNPAID);
- Rule 86(5): any other recorded obstacle (OTHER_OBSTACLE, shared with the pilot);
- utility models and designs need a 专利权评价报告 with a favourable conclusion; a search report does not count
  (EVALUATION_REPORT_REQUIRED; an unfavourable report is EVALUATION_REPORT_UNFAVOURABLE as in the pilot);
- Art 50: the licence is for all of China (TERRITORY_NOT_NATIONWIDE);
- Rule 85: no commercial promotional wording in the title, description or other terms (PROMOTIONAL_WORDING, the
  words found named);
- the attachments: the fee-estimation note (FEE_NOTE_MISSING; FEE_NOTE_UNFINISHED while the draft still holds a
  gap for the office to write, which would otherwise be filed as it is; FEE_NOTE_CONTRADICTS_TERMS while it restates
  other terms than the pricing now has) and every co-owner's written consent
  (PATENTEE_CONSENT_MISSING);
- Rule 85: every patentee with its USCC or ID document number, from the patentee book (PATENTEE_ID_MISSING);
- Art 51(3): once a declaration is filed, an exclusive or sole licence over any part of its time contradicts it
  (DECLARATION_IN_FORCE, in place of the pilot's EXCLUSIVE_LICENCE for those licences). Recording one is refused
  then (services.encumbrances); the rule finds one recorded before, running into the declaration's time.
The pricing caps of 国知发运字〔2024〕19号 are guidance: the statutory profile makes FEE_ABOVE_CAP a warning.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from openlic_desktop.domain import fee_notes
from openlic_desktop.domain.dates import day_before
from openlic_desktop.domain.declarations import TERRITORY, DeclarationState, state_token
from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.domain.pricing import PricingTerms
from openlic_desktop.domain.readiness import (
    ReadinessRecord,
    Rule,
    RuleContext,
    co_owners,
    rule_attachment_files,
    rule_commitments,
    rule_contact,
    rule_evaluation_report,
    rule_exclusive,
    rule_expired,
    rule_fees,
    rule_granted,
    rule_other_obstacle,
    rule_pledge,
    rule_pricing,
    rule_signoff,
    rule_suspended,
    rule_transferred,
)

STATUTORY_CODES = ("FEE_UNPAID", "OTHER_OBSTACLE", "EVALUATION_REPORT_REQUIRED", "TERRITORY_NOT_NATIONWIDE",
                   "PROMOTIONAL_WORDING", "FEE_NOTE_MISSING", "FEE_NOTE_UNFINISHED", "FEE_NOTE_CONTRADICTS_TERMS",
                   "PATENTEE_CONSENT_MISSING", "PATENTEE_ID_MISSING",
                   "DECLARATION_IN_FORCE")


def _blocker(code: str, hint: str, **params) -> Finding:
    return Finding(code, Severity.BLOCKER, params, hint)


def rule_fees_statutory(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    """As the pilot's fee rule, but a fee in its grace period or an unknown fee position blocks (Rule 86(3))."""
    out = []
    for finding in rule_fees(r, ctx):
        if finding.code == "FEE_IN_GRACE":
            out.append(_blocker("FEE_UNPAID", finding.field_hint, state="fee_in_grace", **finding.params))
        elif finding.code == "FEES_UNKNOWN":
            out.append(_blocker("FEE_UNPAID", finding.field_hint, state="fee_not_recorded", due="—", grace_end="—",
                                surcharge="—"))
        else:
            out.append(finding)
    return out


def _declared_time(r: ReadinessRecord) -> tuple[date, date | None] | None:
    """The time a filed declaration of this patent speaks for: from its filing to the day before its withdrawal's
    announcement (open while not withdrawn); None when no declaration is filed."""
    d = r.declaration
    if d is None or d.stored_state in ("draft", "withdrawn") or d.filed_on is None:
        return None
    return d.filed_on, (day_before(d.withdrawn_on) if d.withdrawn_on else None)


def rule_exclusive_statutory(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    """The pilot's exclusive-licence rule; an exclusive or sole licence running into a filed declaration's time
    is DECLARATION_IN_FORCE instead (Art 51(3))."""
    declared = _declared_time(r)
    if declared is None:
        return rule_exclusive(r, ctx)
    first, last = declared
    clashing = [e for e in r.encumbrances
                if e.kind in ("exclusive-licence", "sole-licence") and e.overlaps(first, last or date.max)]
    if not clashing:
        return rule_exclusive(r, ctx)
    rest = copy.copy(r)   # the pilot's rule over the other encumbrances
    rest.encumbrances = [e for e in r.encumbrances if e not in clashing]
    out = rule_exclusive(rest, ctx)
    assert r.declaration is not None
    state = state_token(DeclarationState(r.declaration.stored_state))
    out += [_blocker("DECLARATION_IN_FORCE", "encumbrances", value=r.facts.number.canonical, state=state,
                     kind=e.kind, party=e.party or "—") for e in clashing]
    return out


def rule_evaluation_report_statutory(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    """The pilot's rule with search reports not counting (the statutory profile says search_report_allowed =
    false); no favourable 专利权评价报告 is EVALUATION_REPORT_REQUIRED here."""
    if ctx.profile.search_report_allowed:  # a profile copy that says otherwise does not change the law
        ctx = replace(ctx, profile=replace(ctx.profile, search_report_allowed=False))
    out = []
    for finding in rule_evaluation_report(r, ctx):
        if finding.code == "EVALUATION_REPORT_MISSING":
            finding = _blocker("EVALUATION_REPORT_REQUIRED", finding.field_hint,
                               search_report_only=bool(finding.params.get("search_report_refused")))
        out.append(finding)
    return out


def rule_territory(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    places = []
    if isinstance(r.pricing_canonical, dict):
        places.append(r.pricing_canonical.get("territory") or TERRITORY)
    if r.declaration is not None:
        places.append(r.declaration.content.territory or TERRITORY)
    wrong = sorted({p for p in places if p.strip() != TERRITORY})
    return [_blocker("TERRITORY_NOT_NATIONWIDE", "pricing.territory", territory="、".join(wrong))] if wrong else []


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def find_words(text: str, words: Iterable[str]) -> list[str]:
    """The words of the list that occur in `text` (full-width and case folded), each once, in list order."""
    folded = _fold(text)
    return [w for w in dict.fromkeys(words) if w and _fold(w) in folded]


def rule_promotional(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    texts = {"title": r.facts.title, "description": r.facts.description}
    if r.declaration is not None:
        texts["other_terms"] = r.declaration.content.other_terms
    found: dict[str, None] = {}
    where: list[str] = []
    for name, text in texts.items():
        words = find_words(text, ctx.promotional_words)
        if words:
            where.append(name)
            found.update(dict.fromkeys(words))
    if not found:
        return []
    return [_blocker("PROMOTIONAL_WORDING", f"facts.{where[0]}" if where[0] != "other_terms"
                     else "declaration.other_terms", words="、".join(found), fields=", ".join(where))]


def rule_fee_note(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    if not (r.fee_note or "").strip():
        return [_blocker("FEE_NOTE_MISSING", "pricing.fee_note")]
    if fee_notes.unfinished(r.fee_note or ""):
        return [_blocker("FEE_NOTE_UNFINISHED", "pricing.fee_note", number=r.facts.number.canonical)]
    terms = PricingTerms.from_canonical(r.pricing_canonical) if r.pricing_canonical else None
    parts = fee_notes.contradictions(r.fee_note or "", r.facts, terms)
    if parts:   # the note attached to the declaration would state other terms than the declaration
        return [_blocker("FEE_NOTE_CONTRADICTS_TERMS", "pricing.fee_note", parts="、".join(parts))]
    return []


def rule_patentee_ids(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    """Rule 85: the declaration names every patentee with its USCC or ID document number (the patentee book).
    Not judged when the record was read without the book (None)."""
    if r.patentee_ids is None:
        return []
    missing = [p for p in r.facts.patentees if p not in r.patentee_ids]
    if missing:
        return [_blocker("PATENTEE_ID_MISSING", "patentee_book", names="、".join(missing))]
    return []


def rule_patentee_consent(r: ReadinessRecord, ctx: RuleContext) -> list[Finding]:
    missing = [p for p in co_owners(r.facts, ctx.own_names) if p not in r.consents]
    if missing:
        return [_blocker("PATENTEE_CONSENT_MISSING", "ownership.consents", owners="、".join(missing))]
    return []


STATUTORY_RULES: tuple[Rule, ...] = (
    rule_granted, rule_expired, rule_fees_statutory, rule_exclusive_statutory, rule_pledge, rule_suspended,
    rule_other_obstacle, rule_transferred, rule_evaluation_report_statutory, rule_patentee_consent, rule_patentee_ids,
    rule_territory,
    rule_promotional, rule_commitments, rule_pricing, rule_fee_note, rule_contact, rule_attachment_files,
    rule_signoff,
)
