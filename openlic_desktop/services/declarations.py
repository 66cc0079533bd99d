"""Statutory declarations (开放许可声明): prepare, edit, file, announce, withdraw — each step audited.

    prepare(ws, ["202110123456.7", ...])                      # drafts carrying the patent's pricing and contact
    prepare(ws, [], from_batch="2025年浙江第一批")              # a pilot batch converts in one step
    file(ws, numbers, on=date(...), route="cnipa-online", reference="...")
    announce(ws, numbers, on=date(...), announcement="第1234期")
    withdraw(ws, numbers, on=date(...), reason="...", consent_all=True); announce_withdrawal(ws, numbers, on=...)

Rules this module owns (domain.declarations has the states and their order):
- A batch step is all or nothing: when one patent is out of order, `DeclarationRefused` lists every refusal
  and nothing is written (`partial=True` — the GUI's choice after showing them — does the others).
- `signed` is derived: a draft whose preparer and reviewer sign-offs match the current fingerprint (the
  fingerprint covers the declaration's content and fee note, domain.readiness.canonical_json).
- Filing needs a signed declaration without blockers under the statutory rules. A blocker that makes the
  declaration untrue (domain.blocker_override.FACT_BLOCKERS: a lapsed fee, an exclusive licence …) can be
  overridden explicitly with a reason, recorded in the audit trail as every document's override is; the others
  (no fee note, promotional wording …) must be put right first. Filing freezes the terms: the snapshot taken then
  is what the declaration says from then on.
- Every change is an audit record on the patent (entity "patent", so the patent's history shows it), in the
  same transaction. Plain values out; thread rule: any thread, each call opens its own session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openlic_desktop.domain.blocker_override import DOCUMENT_BLOCKERS, BlockedPatent, Override, blocking, gate
from openlic_desktop.domain.declarations import (
    ROUTES,
    STATES,
    STORED_STATES,
    DeclarationContent,
    DeclarationState,
    DeclarationValue,
    Patentee,
    TimelineStep,
    record_text,
    snapshot,
    state_token,
    timeline,
    transition,
)
from openlic_desktop.domain.findings import Finding
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingTerms
from openlic_desktop.domain.pricing_words import terms_in_words
from openlic_desktop.domain.readiness import ROLES, ReadinessRecord, co_owners, evaluate, signed_off
from openlic_desktop.services import document_gate, readiness
from openlic_desktop.services.readiness import BatchOutcome, Refusal, finding_message, resolve_ids
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import declarations as repo
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.storage.models_declarations import Declaration
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError, OpenLicError

EDITABLE = ("contact_person", "contact_phone", "contact_email", "contact_address", "agency_name", "agency_code",
            "other_terms", "territory")


class DeclarationRefused(OpenLicError):
    """A batch step refused for some patents; nothing was written. `outcome.refused` says which and why."""

    def __init__(self, outcome: BatchOutcome) -> None:
        super().__init__("DECLARATION_REFUSED", count=len(outcome.refused))
        self.outcome = outcome


# --- values --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DeclarationInfo:
    """One declaration as lists and tables show it."""

    patent_id: int
    application_number: str
    title: str
    state: DeclarationState
    value: DeclarationValue
    # a declaration not yet filed: what the statutory rules still find against it (blockers), for the work list
    lacking: tuple[Finding, ...] = field(default=(), compare=False)

    @property
    def declaration_id(self) -> int:
        return self.value.id

    def to_json(self) -> dict[str, Any]:
        v = self.value
        return {
            "application_number": self.application_number, "patent_number": "ZL" + self.application_number,
            "title": self.title, "state": self.state.value, "filed_on": _iso(v.filed_on), "route": v.route or None,
            "reference": v.reference or None, "announced_on": _iso(v.announced_on),
            "announcement": v.announcement or None, "withdrawal_filed_on": _iso(v.withdrawal_filed_on),
            "withdrawal_reason": v.withdrawal_reason or None, "withdrawn_on": _iso(v.withdrawn_on),
            "source_batch": v.source_batch or None,
        }


@dataclass(frozen=True)
class DeclarationView(DeclarationInfo):
    """Everything about one declaration: what it says (as filed, once filed), its timeline, history, findings."""

    patentees: tuple[Patentee, ...] = ()
    content: DeclarationContent = field(default_factory=DeclarationContent)   # what it says: as filed, else
    # its own content with the blank contact fields from the patent, else the office (what the rules check)
    terms: dict[str, Any] | None = None
    words: dict[str, str] = field(default_factory=dict)
    fee_note: str | None = None
    steps: tuple[TimelineStep, ...] = ()
    history: tuple[dict[str, Any], ...] = ()
    findings: tuple[Finding, ...] = ()
    earlier: tuple[DeclarationInfo, ...] = ()   # withdrawn declarations of the same patent
    facts: PatentFacts | None = field(default=None, compare=False)   # the patent's facts as recorded now

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        out = super().to_json()
        out.update({
            "patentees": [p.to_json() for p in self.patentees],
            "terms": {"pricing": self.terms, "words": self.words, **self.content.canonical()},
            "fee_note": self.fee_note,
            "timeline": [s.to_json() for s in self.steps],
            "history": list(self.history),
            "findings": [{"code": f.code, "severity": f.severity.value, "message": finding_message(f, lang)}
                         for f in self.findings],
            "earlier": [e.to_json() for e in self.earlier],
        })
        return out


@dataclass(frozen=True)
class PrepareResult:
    application_number: str
    state: DeclarationState
    created: bool
    findings: tuple[Finding, ...]

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"application_number": self.application_number, "state": self.state.value, "created": self.created,
                "findings": [{"code": f.code, "severity": f.severity.value, "message": finding_message(f, lang)}
                             for f in self.findings]}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _statutory_profile():
    return readiness.regime_profile(None, "statutory")


def _resolve(session, items: Sequence[int | str], batch_ids: Sequence[int]) -> list[tuple[int, str]]:
    named: list[int | str] = [*items, *batch_ids]
    if not named:
        raise InputError("DECLARATION_NOTHING_SELECTED")
    return resolve_ids(session, named)


def _records(session, pids: list[int], today: date, profile: Any = None) -> dict[int, ReadinessRecord]:
    return readiness.load_records(session, pids, profile or _statutory_profile(), today)


def current_state(value: DeclarationValue, record: ReadinessRecord | None) -> DeclarationState:
    return value.state(record is not None and value.stored_state == "draft" and signed_off(record))


def _audit(session, ws: Workspace, entries: list[AuditEntry]) -> None:
    if entries:
        audit.append(session, ws.user, ws.source, entries)


def _text(values: dict[str, Any]) -> str:
    return record_text(values)


# --- prepare and edit ------------------------------------------------------------------------------------------

def _office_contact() -> tuple[str, str, str, str]:
    office = settings_module.load().office
    return office.contact_person, office.contact_phone, office.contact_email, office.address


def filled_content(content: DeclarationContent, facts: PatentFacts,
                   office: tuple[str, str, str, str]) -> DeclarationContent:
    """What a declaration not yet filed says: its own content, each blank contact field from the patent, else
    from the office — the same answer the contact rule checks (domain.readiness.contact_of)."""
    return content.with_contact((facts.contact_person, facts.contact_phone, facts.contact_email, ""), office)


def _default_content(facts: PatentFacts) -> DeclarationContent:
    return filled_content(DeclarationContent(), facts, _office_contact())


def prepare(ws: Workspace, items: Sequence[int | str] = (), from_batch: str | None = None,
            today: date | None = None) -> list[PrepareResult]:
    """A draft declaration for each patent that has none open, carrying its current pricing (the terms live with
    the patent's pricing until filing), its contact (else the office's) and the territory 中国境内. A patent that
    already has an open declaration keeps it (reported with its state). Returns each patent's state and the
    statutory findings (what this regime still lacks: e.g. only a search report on file)."""
    today = today or date.today()
    created: set[int] = set()
    batch_ids: list[int] = []
    if from_batch:
        from openlic_desktop.services import batches

        batch_ids = batches.batch_patent_ids(ws, from_batch)
    with ws.session() as session:
        pairs = _resolve(session, items, batch_ids)
        pids = [pid for pid, _ in pairs]
        existing = repo.open_rows(session, pids)
        facts = patent_repo.get_facts_by_ids(session, [pid for pid in pids if pid not in existing])
        entries = []
        for pid, number in pairs:
            if pid in existing:
                continue
            content = _default_content(facts[pid])
            repo.create(session, pid, content, ws.user, from_batch or "")
            created.add(pid)
            entries.append(AuditEntry("patent", pid, number, "declaration_prepare", "declaration", None,
                                      _text({**content.canonical(), "source_batch": from_batch or ""})))
        session.flush()
        _audit(session, ws, entries)
    with ws.reading() as session:
        records = _records(session, pids, today)
    profile = _statutory_profile()
    ctx = readiness.rule_context(profile, today)
    out = []
    for pid, number in pairs:
        record = records[pid]
        assert record.declaration is not None
        findings = tuple(evaluate(record, ctx))
        out.append(PrepareResult(number, current_state(record.declaration, record), pid in created, findings))
    return out


def _atomic(outcome: BatchOutcome, partial: bool) -> None:
    if outcome.refused and not partial:
        raise DeclarationRefused(outcome)


def update(ws: Workspace, items: Sequence[int | str], changes: dict[str, str], partial: bool = False) -> BatchOutcome:
    """Edit the content of draft declarations (contact, agency, other terms, territory). A filed one is frozen
    (DECLARATION_FROZEN): withdraw and declare anew."""
    for name in changes:
        if name not in EDITABLE:
            raise InputError("DECLARATION_FIELD_UNKNOWN", field=name, known=", ".join(EDITABLE))
    clean = {k: str(v).strip() for k, v in changes.items()}
    outcome = BatchOutcome()
    with ws.session() as session:
        pairs = resolve_ids(session, list(items))
        rows = repo.open_rows(session, [pid for pid, _ in pairs])
        entries = []
        for pid, number in pairs:
            row = rows.get(pid)
            if row is None:
                outcome.refused.append(Refusal(number, "DECLARATION_NOT_FOUND", {"value": number}))
                continue
            if row.state != "draft":
                outcome.refused.append(Refusal(number, "DECLARATION_FROZEN",
                                               {"state": state_token(DeclarationState(row.state))}))
                continue
            changed = repo.update(session, row, clean)
            if not changed:
                outcome.unchanged.append(number)
                continue
            outcome.done.append(number)
            entries += [AuditEntry("patent", pid, number, "declaration_update", name, old, new)
                        for name, (old, new) in changed.items()]
        _atomic(outcome, partial)
        _audit(session, ws, entries)
    return outcome


def discard(ws: Workspace, items: Sequence[int | str], partial: bool = False) -> BatchOutcome:
    """Delete draft declarations (a filed one is on record with CNIPA: it can only be withdrawn)."""
    outcome = BatchOutcome()
    with ws.session() as session:
        pairs = resolve_ids(session, list(items))
        rows = repo.open_rows(session, [pid for pid, _ in pairs])
        entries = []
        for pid, number in pairs:
            row = rows.get(pid)
            if row is None:
                outcome.unchanged.append(number)
                continue
            if row.state != "draft":
                outcome.refused.append(Refusal(number, "DECLARATION_FROZEN",
                                               {"state": state_token(DeclarationState(row.state))}))
                continue
            entries.append(AuditEntry("patent", pid, number, "declaration_discard", "declaration",
                                      _text(repo.value_of(row).content.canonical()), None))
            repo.remove(session, row)
            outcome.done.append(number)
        _atomic(outcome, partial)
        _audit(session, ws, entries)
    return outcome


# --- the steps -------------------------------------------------------------------------------------------------

def _check_day(on: date, today: date, earlier: date | None = None, step: str = "") -> tuple[str, dict] | None:
    if on > today:
        return "DECLARATION_DATE_FUTURE", {"date": on.isoformat()}
    if earlier is not None and on < earlier:
        return "DECLARATION_DATE_ORDER", {"date": on.isoformat(), "before": earlier.isoformat(), "step": step}
    return None


def patentees_of(facts: PatentFacts, book: dict[str, tuple[str, str]] | None) -> list[Patentee]:
    """Every patentee with its identity document from the patentee book (kind and number empty while unknown)."""
    book = book or {}
    return [Patentee(name, *book.get(name, ("", ""))) for name in facts.patentees]


def _snapshot(facts: PatentFacts, terms: PricingTerms | None, value: DeclarationValue, note: str | None,
              promises: list[str], book: dict[str, tuple[str, str]] | None,
              office: tuple[str, str, str, str]) -> dict[str, Any]:
    words = terms_in_words(terms, expiry=facts.expiry_date).to_json() if terms is not None else {}
    return snapshot(patent_number=facts.number.patent_number, title=facts.title,
                    patent_type=facts.patent_type.value if facts.patent_type else "",
                    patentees=patentees_of(facts, book), terms_canonical=terms.canonical() if terms else None,
                    terms_words=words, content=filled_content(value.content, facts, office), fee_note=note,
                    promises=promises,
                    expiry=facts.expiry_date)


def file(ws: Workspace, items: Sequence[int | str], on: date, route: str, reference: str = "",
         override: Override | None = None, partial: bool = False, today: date | None = None) -> BatchOutcome:
    """Record that signed declarations were filed with CNIPA (on `on`, by `route`), freezing their terms.
    Refused per patent when not signed (DECLARATION_NOT_SIGNED), when the statutory rules find a matter to put
    right (DECLARATION_NOT_READY) or, without `override`, a fact that makes the declaration untrue
    (DECLARATION_BLOCKED)."""
    if route not in ROUTES:
        raise InputError("DECLARATION_BAD_ROUTE")
    today = today or date.today()
    profile = _statutory_profile()
    ctx = readiness.rule_context(profile, today)
    promises = [c.zh for c in profile.commitments]
    office = _office_contact()
    outcome = BatchOutcome()
    with ws.session() as session:
        pairs = resolve_ids(session, list(items))
        pids = [pid for pid, _ in pairs]
        rows = repo.open_rows(session, pids)
        records = _records(session, pids, today)
        facts = patent_repo.get_facts_by_ids(session, pids)
        from openlic_desktop.storage import pricing as pricing_repo

        terms = pricing_repo.load_terms(session, pids)
        entries: list[AuditEntry] = []
        plan: list[tuple[int, str, Declaration, dict[str, Any]]] = []
        blockers: list[BlockedPatent] = []
        for pid, number in pairs:
            row, record = rows.get(pid), records[pid]
            value = record.declaration
            state = current_state(value, record) if value is not None else None
            try:
                transition(state, "file")
            except OpenLicError as exc:
                outcome.refused.append(Refusal(number, exc.code, exc.params or {"value": number}))
                continue
            bad_day = _check_day(on, today)
            if bad_day:
                outcome.refused.append(Refusal(number, *bad_day))
                continue
            found = [f for f in evaluate(record, ctx) if f.is_blocker]
            untrue = blocking(found, DOCUMENT_BLOCKERS["declaration"])
            others = [f for f in found if f not in untrue]
            if others:
                outcome.refused.append(Refusal(number, "DECLARATION_NOT_READY", {
                    "count": len(others), "codes": ", ".join(f.code for f in others), "action": "act_file",
                    "facts": "；".join(finding_message(f, "zh") for f in others)}))
                continue
            blocked = BlockedPatent(number, tuple(f.code for f in untrue),
                                    tuple(finding_message(f, "zh") for f in untrue), pid)
            try:  # the one gate every document passes (domain.blocker_override); filing writes no document, so
                # its refusal says what filing needs rather than how to draft
                blockers += gate("declaration", [blocked], override)
            except OpenLicError as exc:
                outcome.refused.append(Refusal(number, "DECLARATION_BLOCKED", {
                    "facts": exc.params.get("facts", ""), "codes": exc.params.get("codes", "")}))
                continue
            plan.append((pid, number, row, _snapshot(facts[pid], terms.get(pid), value, record.fee_note, promises,
                                                     record.patentee_ids, office)))
        _atomic(outcome, partial)
        for pid, number, row, snap in plan:
            repo.update(session, row, {"state": "filed", "filed_on": on, "route": route,
                                       "reference": reference.strip(), "terms": snap})
            entries.append(AuditEntry("patent", pid, number, "declaration_file", "declaration", "signed",
                                      _text({"filed_on": on, "route": route, "reference": reference.strip()})))
            outcome.done.append(number)
        _audit(session, ws, entries)
        document_gate.record_override(session, ws, "declaration", blockers, override)
    return outcome


def _step(ws: Workspace, items: Sequence[int | str], action: str, on: date, apply: Any, partial: bool,
          today: date | None, earlier: Any = None, step: str = "",
          extra_check: Any = None) -> BatchOutcome:
    """One stored transition (`action` of domain.declarations.TRANSITIONS) for every patent named."""
    with ws.session() as session:
        outcome, entries = _step_in(session, ws, items, action, on, apply, partial, today or date.today(),
                                    earlier, step, extra_check)
        _audit(session, ws, entries)
    return outcome


def _step_in(session, ws: Workspace, items: Sequence[int | str], action: str, on: date, apply: Any, partial: bool,
             today: date, earlier: Any = None, step: str = "",
             extra_check: Any = None) -> tuple[BatchOutcome, list[AuditEntry]]:
    outcome = BatchOutcome()
    pairs = resolve_ids(session, list(items))
    rows = repo.open_rows(session, [pid for pid, _ in pairs])
    planned = []
    for pid, number in pairs:
        row = rows.get(pid)
        state = DeclarationState(row.state) if row is not None else None
        try:
            transition(state, action)
        except OpenLicError as exc:
            params = dict(exc.params) if exc.params else {}
            params.setdefault("value", number)
            if state is DeclarationState.DRAFT:  # name the state as the lists show it: a draft may be signed
                value = repo.value_of(row)
                shown = current_state(value, _records(session, [pid], today).get(pid))
                params["state"] = state_token(shown)
            outcome.refused.append(Refusal(number, exc.code, params))
            continue
        bad_day = _check_day(on, today, earlier(row) if earlier else None, step)
        if bad_day:
            outcome.refused.append(Refusal(number, *bad_day))
            continue
        if extra_check is not None:
            problem = extra_check(session, pid, number, row)
            if problem:
                outcome.refused.append(Refusal(number, *problem))
                continue
        planned.append((pid, number, row))
    _atomic(outcome, partial)
    entries: list[AuditEntry] = []
    for pid, number, row in planned:
        entries += apply(session, pid, number, row)
        outcome.done.append(number)
    return outcome, entries


def _announcing(on: date, announcement: str) -> Any:
    def apply(session, pid, number, row):
        repo.update(session, row, {"state": "announced", "announced_on": on, "announcement": announcement.strip()})
        return [AuditEntry("patent", pid, number, "declaration_announce", "declaration", "filed",
                           _text({"announced_on": on, "announcement": announcement.strip()}))]
    return apply


def announce(ws: Workspace, items: Sequence[int | str], on: date, announcement: str = "",
             partial: bool = False, today: date | None = None) -> BatchOutcome:
    """CNIPA announced the filed declarations on `on` (its issue/number in `announcement`). From that day the
    open-licence fee reduction applies."""
    return _step(ws, items, "announce", on, _announcing(on, announcement), partial, today,
                 lambda row: row.filed_on, "step_filed")


def withdraw(ws: Workspace, items: Sequence[int | str], on: date, reason: str, consents: Sequence[str] = (),
             consent_all: bool = False, consent_date: date | None = None, partial: bool = False,
             today: date | None = None) -> BatchOutcome:
    """A withdrawal of announced declarations was filed on `on`. Every co-owner must consent in writing: the
    names in `consents` (for the patents they co-own), or `consent_all` for all of each patent's co-owners; the
    consents are recorded. Licences granted before stay valid (Art 50(2))."""
    if not (reason or "").strip():
        raise InputError("DECLARATION_REASON_MISSING")
    cfg = settings_module.load()
    own = frozenset(n for n in (cfg.office.name.strip(),) if n)
    given = {c.strip() for c in consents if c.strip()}
    needed_by: dict[int, list[str]] = {}

    def check(session, pid, number, row):
        facts = patent_repo.get_facts_by_ids(session, [pid])[pid]
        owners = co_owners(facts, own)
        on_file = repo.consents(session, [row.id]).get(row.id, set())
        missing = [o for o in owners if o not in on_file and o not in given and not consent_all]
        if missing:
            return "DECLARATION_CONSENT_MISSING", {"owners": "、".join(missing)}
        needed_by[pid] = [o for o in owners if o not in on_file]
        return None

    def apply(session, pid, number, row):
        added = repo.add_consents(session, row.id, needed_by.get(pid, []), consent_date or on, ws.user)
        repo.update(session, row, {"state": "withdrawal-filed", "withdrawal_filed_on": on,
                                   "withdrawal_reason": reason.strip()})
        out = [AuditEntry("patent", pid, number, "declaration_withdraw", "declaration", "announced",
                          _text({"withdrawal_filed_on": on, "reason": reason.strip()}))]
        out += [AuditEntry("patent", pid, number, "declaration_consent", "withdrawal", None, owner) for owner in added]
        return out

    return _step(ws, items, "withdraw", on, apply, partial, today, lambda row: row.announced_on, "step_announced",
                 extra_check=check)


def _withdrawing(on: date, announcement: str) -> Any:
    def apply(session, pid, number, row):
        repo.update(session, row, {"state": "withdrawn", "withdrawn_on": on,
                                   "withdrawal_announcement": announcement.strip()})
        return [AuditEntry("patent", pid, number, "declaration_withdrawn", "declaration", "withdrawal-filed",
                           _text({"withdrawn_on": on, "announcement": announcement.strip()}))]
    return apply


def announce_withdrawal(ws: Workspace, items: Sequence[int | str], on: date, announcement: str = "",
                        partial: bool = False, today: date | None = None) -> BatchOutcome:
    """CNIPA announced the withdrawal on `on`: the declaration ends (and with it the fee reduction)."""
    return _step(ws, items, "announce-withdrawal", on, _withdrawing(on, announcement), partial, today,
                 lambda row: row.withdrawal_filed_on, "step_withdrawal_filed")


def record_announcements(ws: Workspace, announced: dict[tuple[date, str], list[str]],
                         withdrawn: dict[tuple[date, str], list[str]], today: date | None = None) -> BatchOutcome:
    """Many announcements (and withdrawals' announcements) at once, grouped by day and issue, in one
    transaction: all recorded, or — DeclarationRefused — none."""
    today = today or date.today()
    total = BatchOutcome()
    with ws.session() as session:
        entries: list[AuditEntry] = []
        for (day, text), numbers in announced.items():
            outcome, more = _step_in(session, ws, numbers, "announce", day, _announcing(day, text), True, today,
                                     lambda row: row.filed_on, "step_filed")
            total.done += outcome.done
            total.refused += outcome.refused
            entries += more
        for (day, text), numbers in withdrawn.items():
            outcome, more = _step_in(session, ws, numbers, "announce-withdrawal", day, _withdrawing(day, text), True,
                                     today, lambda row: row.withdrawal_filed_on, "step_withdrawal_filed")
            total.done += outcome.done
            total.refused += outcome.refused
            entries += more
        _atomic(total, False)
        _audit(session, ws, entries)
    return total


# --- reading ---------------------------------------------------------------------------------------------------

def _infos(session, found: list[tuple[DeclarationValue, str, str]], today: date) -> list[DeclarationInfo]:
    drafts = [v.patent_id for v, _n, _t in found if v.stored_state == "draft"]
    records = _records(session, drafts, today) if drafts else {}
    ctx = readiness.rule_context(_statutory_profile(), today) if drafts else None
    out = []
    for v, n, t in found:
        record = records.get(v.patent_id)
        lacking = tuple(f for f in evaluate(record, ctx) if f.is_blocker) if record is not None else ()
        out.append(DeclarationInfo(v.patent_id, n, t, current_state(v, record), v, lacking))
    return out


def list_declarations(ws: Workspace, state: str | None = None, patent_ids: Sequence[int] | None = None,
                      today: date | None = None) -> list[DeclarationInfo]:
    """Declarations by application number: the open ones, or those in `state` (withdrawn ones only when asked)."""
    if state is not None and state not in STATES:
        raise InputError("BAD_ARGUMENT", reason=f"--state must be one of {', '.join(STATES)}")
    stored: Sequence[str] | None
    if state in ("draft", "signed"):
        stored = ["draft"]
    elif state is not None:
        stored = [state]
    else:
        stored = [s for s in STORED_STATES if s != "withdrawn"]
    with ws.reading() as session:
        infos = _infos(session, repo.listing(session, stored, patent_ids), today or date.today())
    if state is not None:
        infos = [i for i in infos if i.state.value == state]
    return infos


def listing_json(ws: Workspace, state: str | None = None, lang: str = "zh",
                 today: date | None = None) -> list[dict[str, Any]]:
    """`declaration list --json`: each declaration with what it says (its terms and patentees — as filed, once
    filed) and the audit history of its patent's declaration steps (cli.md's keys)."""
    items = list_declarations(ws, state, today=today)
    found = views(ws, [i.patent_id for i in items], lang, today, history=True)
    out = []
    for info in items:
        data = info.to_json()
        view = found.get(info.patent_id)
        snap = info.value.snapshot
        if view is not None and view.value.id == info.value.id:
            full = view.to_json(lang)
            data.update({key: full[key] for key in ("patentees", "terms", "history")})
        else:  # an earlier, withdrawn declaration: always filed, so its snapshot says what it said
            data.update({"patentees": (snap or {}).get("patentees", []),
                         "terms": {"pricing": (snap or {}).get("terms"), "words": (snap or {}).get("words", {}),
                                   **(snap or {}).get("content", info.value.content.canonical())},
                         "history": list(view.to_json(lang)["history"]) if view is not None else []})
        out.append(data)
    return out


def counts_by_state(ws: Workspace, today: date | None = None) -> dict[str, int]:
    """How many declarations are in each state (signed counted apart from draft) — for the dashboard."""
    with ws.reading() as session:
        stored = repo.counts(session)
        drafts = [v for v, _n, _t in repo.listing(session, ["draft"])]
        records = _records(session, [v.patent_id for v in drafts], today or date.today()) if drafts else {}
    out = {state: 0 for state in STATES}
    out.update({k: v for k, v in stored.items() if k in out})
    signed = sum(1 for v in drafts if current_state(v, records.get(v.patent_id)) is DeclarationState.SIGNED)
    out["signed"] = signed
    out["draft"] = stored.get("draft", 0) - signed
    return out


def states_for(ws: Workspace, patent_ids: Sequence[int], today: date | None = None) -> dict[int, DeclarationState]:
    """Each patent's declaration state (its open declaration, else its last withdrawn one) — the portfolio column.
    Patents without a declaration are left out."""
    with ws.reading() as session:
        latest = repo.latest(session, list(patent_ids))
        drafts = [pid for pid, v in latest.items() if v.stored_state == "draft"]
        records = _records(session, drafts, today or date.today()) if drafts else {}
    return {pid: current_state(v, records.get(pid)) for pid, v in latest.items()}


def views(ws: Workspace, patent_ids: Sequence[int], lang: str = "zh", today: date | None = None,
          history: bool = False, profile: Any = None) -> dict[int, DeclarationView]:
    """The declaration view of many patents in a few bulk reads (the package of a thousand declarations asks
    here once): each patent's current declaration, else its last withdrawn one; patents with none are left out.
    `history`: also the audit lines of its steps."""
    today = today or date.today()
    profile = profile or _statutory_profile()
    ids = list(dict.fromkeys(patent_ids))
    with ws.reading() as session:
        every = repo.listing(session, None, ids)
        records = _records(session, ids, today, profile)
        from openlic_desktop.storage import pricing as pricing_repo

        terms = pricing_repo.load_terms(session, ids)
        missing_notes = [pid for pid in ids if pid in records and records[pid].fee_note is None]
        notes = pricing_repo.notes_for(session, missing_notes) if missing_notes else {}
        lines = _step_lines(session, ids) if history else {}
    by_patent: dict[int, list[DeclarationValue]] = {}
    numbers: dict[int, str] = {}
    for value, number, _title in sorted(every, key=lambda item: item[0].id):
        by_patent.setdefault(value.patent_id, []).append(value)
        numbers[value.patent_id] = number
    ctx = readiness.rule_context(profile, today)
    office = _office_contact()
    out: dict[int, DeclarationView] = {}
    for pid in ids:
        # an audit line counts for a patent only under its number as well (SQLite gives a deleted patent's id
        # to the next one created, as storage.audit.patent_history notes)
        lines[pid] = [h for h in lines.get(pid, []) if h.key == numbers.get(pid)]
        all_of_patent = by_patent.get(pid)
        if not all_of_patent or pid not in records:
            continue
        out[pid] = _view(pid, numbers[pid], all_of_patent, records[pid], terms.get(pid),
                         records[pid].fee_note if records[pid].fee_note is not None else notes.get(pid),
                         lines.get(pid, []), ctx, lang, office)
    return out


@dataclass(frozen=True)
class _StepLine:
    at: str
    user: str
    source: str
    action: str
    field: str
    old: str | None
    new: str | None
    key: str


def _step_lines(session, patent_ids: Sequence[int]) -> dict[int, list[_StepLine]]:
    """The audit records of the declaration steps of these patents, oldest first, in one query per 900."""
    from sqlalchemy import and_, or_, select

    from openlic_desktop.storage.models import AuditRecord

    out: dict[int, list[_StepLine]] = {}
    ids = list(patent_ids)
    for start in range(0, len(ids), 900):
        stmt = (select(AuditRecord).where(
            AuditRecord.entity == "patent", AuditRecord.entity_id.in_(ids[start:start + 900]),
            or_(AuditRecord.action.like("declaration%"),
                and_(AuditRecord.action == "override-blockers", AuditRecord.field == "declaration")))
            .order_by(AuditRecord.id))
        for r in session.execute(stmt).scalars():
            out.setdefault(r.entity_id, []).append(_StepLine(r.at.isoformat(), r.user, r.source, r.action, r.field,
                                                             r.old, r.new, r.entity_key))
    return out


def _view(pid: int, number: str, all_of_patent: list[DeclarationValue], record: ReadinessRecord,
          terms: PricingTerms | None, note: str | None, history: list[Any], ctx: Any, lang: str,
          office: tuple[str, str, str, str]) -> DeclarationView:
    value = next((v for v in all_of_patent if v.stored_state != "withdrawn"), all_of_patent[-1])
    facts = record.facts
    is_open = value.stored_state != "withdrawn"
    signed = is_open and value.stored_state == "draft" and signed_off(record)
    state = value.state(signed)
    signoffs = [(role, s.user, s.signed_at) for role in ROLES if (s := record.signoffs.get(role)) is not None]
    if value.snapshot is not None:
        snap = value.snapshot
        patentees = tuple(Patentee(p["name"], p.get("id_kind", ""), p.get("id_number", ""))
                          for p in snap.get("patentees", []))
        pricing_canonical, words, note = snap.get("terms"), snap.get("words", {}), snap.get("fee_note")
        content = DeclarationContent(**{k: v for k, v in snap.get("content", {}).items()
                                        if k in DeclarationContent.FIELDS}) if snap.get("content") else value.content
    else:
        content = filled_content(value.content, facts, office)
        patentees = tuple(patentees_of(facts, record.patentee_ids))
        pricing_canonical = terms.canonical() if terms else None
        words = terms_in_words(terms, lang, facts.expiry_date).to_json() if terms else {}
    findings = tuple(evaluate(record, ctx)) if is_open and not state.frozen else ()
    earlier = tuple(DeclarationInfo(pid, number, facts.title, DeclarationState.WITHDRAWN, v)
                    for v in all_of_patent if v.stored_state == "withdrawn" and v.id != value.id)
    return DeclarationView(
        pid, number, facts.title, state, value, patentees=patentees, content=content, terms=pricing_canonical,
        words=words,
        fee_note=note, steps=tuple(timeline(value, signoffs if signed or state.frozen else [], signed)),
        history=tuple({"at": h.at, "user": h.user, "action": h.action, "field": h.field, "old": h.old,
                       "new": h.new} for h in history),
        findings=findings, earlier=earlier, facts=facts)


def show(ws: Workspace, item: int | str, lang: str = "zh", today: date | None = None) -> DeclarationView:
    """One patent's current declaration (else its last withdrawn one), with what it says, its timeline, the
    statutory findings and the audit history of its steps."""
    with ws.reading() as session:
        (pid, number), = resolve_ids(session, [item])
    found = views(ws, [pid], lang, today, history=True).get(pid)
    if found is None:
        raise OpenLicError("DECLARATION_NOT_FOUND", value=number)
    return found


def in_force_for(session, patent_id: int) -> DeclarationState | None:
    """The state of the patent's declaration when one is filed, announced or being withdrawn (then an exclusive
    or sole licence contradicts it: Art 51(3)); None otherwise."""
    row = repo.open_rows(session, [patent_id]).get(patent_id)
    if row is None or row.state == "draft":
        return None
    return DeclarationState(row.state)


# --- CNIPA's published list ------------------------------------------------------------------------------------

def announcement_file(ws: Workspace, path: str | Path, dry_run: bool = False, today: date | None = None):
    """Mark declarations announced (or withdrawn) from CNIPA's published list; see declaration_announcements."""
    from openlic_desktop.services.declaration_announcements import apply_list

    return apply_list(ws, Path(path), dry_run=dry_run, today=today or date.today())
