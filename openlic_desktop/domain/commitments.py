"""The commitments a patentee makes (domain.md §5, §10) and what the record can say against them.

Profiles word their items (C1…C8) as data; the meaning of each code is fixed by domain.md §5, so the rules here key
on the codes:
- `contradictions`: a commitment item that a recorded fact contradicts cannot be confirmed (no exclusive licence
  while one is recorded; not pledged while a pledge without the pledgee's consent is), for the pilot's items and
  the statutory declaration's promises alike.
- `letter_promises`: the complete list of promises a commitment letter makes, in words and without codes: the
  profile's items, the co-owners' consent only where there are co-owners, the evaluation report only where a
  utility model or design is in the letter (or the search analysis report a pilot profile accepts, where one rests
  on that), and the cooperation with the follow-up statistics.
Pure: no database, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openlic_desktop.domain.findings import Finding
from openlic_desktop.domain.profiles import Commitment

COOWNER_ITEM = "C7"

# item → the readiness findings of recorded facts that make confirming it untrue: a licence, a dispute or a pledge
# on record says the opposite of the promise. Only facts on record count: a co-owner's consent not yet recorded is
# no fact against C7 (the office may hold the letter). The pilot's items (C…, domain.md §5) and the statutory
# declaration's promises (P…, domain.md §10, domain.declarations.PROMISES) are both keyed here. A patent no longer in
# force is kept out by its own blocker (LAPSED, EXPIRED) except where the promise is that very validity (P1) or keeping
# it in force (C2, P3); C3, P4 and P6 promise what the office will do or has filed, which no record can contradict
# beforehand.
#
# Fees paid on time to keep the right in force: a right lapsed for an unpaid fee says otherwise, and so does a fee in
# its grace period where the profile makes grace block. A fee is due before the anniversary (the Implementing
# Regulations' article on annual fees, Rule 98 of the 2010 text); the six months after are a late payment with a
# surcharge, not more time: the fee is outstanding, "not paid as required", which bars the declaration (Rule 86(3))
# and makes "paid on time" untrue. A pilot profile may make grace a warning (domain.md §4.3: FEE_IN_GRACE, no
# blocker), and then it is no fact against the promise either: refusing the promise would bar through the
# commitments what the profile lets through. Recording the payment lifts both. A fee position not recorded at all
# is no fact (FACT_STATES).
FEES_KEPT = frozenset({"LAPSED", "FEE_UNPAID"})
CONTRADICTED_BY: dict[str, frozenset[str]] = {
    "C1": frozenset({"EXCLUSIVE_LICENCE"}),                 # no exclusive or sole licence during the term
    # 按时缴纳年费，维持专利权有效: the statutory P3 in the pilot's words (its "valid" is C5's and C6's facts and the
    # patent's own NOT_GRANTED and EXPIRED blockers)
    "C2": FEES_KEPT,
    "C5": frozenset({"SUSPENDED"}),                         # no ownership dispute, suspension or preservation
    "C6": frozenset({"PLEDGE_WITHOUT_CONSENT"}),            # not pledged, or the pledgee consented
    # the right is valid and the licensors are all its patentees: free of a dispute, a preservation, an
    # unconsented pledge and a transfer (Rule 86(2), (4); a transferred patent's licensor is someone else)
    "P1": frozenset({"NOT_GRANTED", "EXPIRED", "LAPSED", "SUSPENDED", "PLEDGE_WITHOUT_CONSENT", "TRANSFERRED"}),
    # no exclusive or sole licence given or to be given (Art 51(3)): one recorded, or one running into the time
    # of a filed declaration
    "P2": frozenset({"EXCLUSIVE_LICENCE", "DECLARATION_IN_FORCE"}),
    "P3": FEES_KEPT,                                        # fees paid on time to keep the right in force
    "P5": frozenset({"PROMOTIONAL_WORDING"}),               # no commercial promotional wording (Rule 85)
}

# codes whose findings are recorded facts only in some states (the finding's `state` parameter): FEE_UNPAID is a fee
# in its grace period (the due day passed unpaid, on record) or a fee position not recorded (nothing on record)
FACT_STATES: dict[str, frozenset[str]] = {"FEE_UNPAID": frozenset({"fee_in_grace"})}

EVALUATION_REPORT_PROMISE = "实用新型、外观设计专利已取得结论为符合授予专利权条件的专利权评价报告"
# where the profile accepts a search analysis report instead (pilot provinces, domain.md §4.6) and a listed patent
# has only that: the letter must not promise an evaluation report the office does not hold
REPORT_OR_SEARCH_PROMISE = "实用新型、外观设计专利已取得结论为符合授予专利权条件的专利权评价报告或者检索分析报告"
FOLLOW_UP_PROMISE = "配合知识产权管理部门开展专利开放许可实施情况的跟踪、统计和评价"


def contradictions(items: Iterable[str], findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """For each item to confirm, the findings (blockers) of recorded facts that contradict it; items nothing
    contradicts are left out."""
    found = [f for f in findings
             if f.is_blocker and (f.code not in FACT_STATES or f.params.get("state") in FACT_STATES[f.code])]
    out: dict[str, list[Finding]] = {}
    for item in items:
        against = [f for f in found if f.code in CONTRADICTED_BY.get(item, frozenset())]
        if against:
            out[item] = against
    return out


def letter_promises(commitments: Sequence[Commitment], *, has_coowners: bool, needs_report: bool,
                    search_report: bool = False) -> list[str]:
    """The promises of a commitment letter, in the profile's order and words, without their codes.
    `search_report`: a listed utility model or design rests on a search analysis report, not an evaluation
    report."""
    out = [c.zh for c in commitments if c.code != COOWNER_ITEM or has_coowners]
    if needs_report:
        out.insert(min(2, len(out)), REPORT_OR_SEARCH_PROMISE if search_report else EVALUATION_REPORT_PROMISE)
    if FOLLOW_UP_PROMISE not in out:
        out.append(FOLLOW_UP_PROMISE)
    return [text.rstrip("；。;. ") for text in out]


def rests_on_search_report(patent_type: str, reports: Iterable[tuple[str, str | None]]) -> bool:
    """A utility model or design whose favourable report on file is a search analysis report only (no favourable
    evaluation report): its letter promises what it holds. `reports`: (kind, conclusion) of its attachments."""
    if patent_type not in ("utility_model", "design"):
        return False
    favourable = {kind for kind, conclusion in reports if conclusion == "favourable"}
    return "search-report" in favourable and "evaluation-report" not in favourable
