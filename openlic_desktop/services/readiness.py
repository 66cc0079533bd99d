"""Readiness use-cases: check many patents fast, confirm commitments, sign off, and the readiness column.

`check` loads everything in a few bulk queries (storage.readiness.load_records + pricing terms) and runs the pure
rule engine (domain.readiness). Sign-off stores the fingerprint the engine computes, so any later change to what
was signed (facts via `set`, encumbrances, consents, commitments, pricing, attachments) makes it stale.
Everything returned is a plain value. Thread rule: any thread; each call opens its own session.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.domain.pricing import pricing_findings
from openlic_desktop.domain.profiles import BureauProfile
from openlic_desktop.domain.readiness import (
    ROLES,
    ReadinessRecord,
    RuleContext,
    commitments_left,
    evaluate,
    is_ready,
)
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.services.portfolio import resolve_number
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import declarations as declaration_repo
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage import pricing as pricing_repo
from openlic_desktop.storage import readiness as repo
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_readiness import CommitmentConfirmation, SignOff
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError, NotFoundError
from openlic_desktop.support.messages import render
from openlic_desktop.support.messages.readiness import VALUE_WORDS


# --- values --------------------------------------------------------------------------------------------------
def _word(value: Any, lang: str) -> Any:
    """An enumerated parameter value (a role, an encumbrance kind, or a comma list of them) in `lang`."""
    if not isinstance(value, str) or not value:
        return value
    index = 0 if lang.startswith("zh") else 1
    parts = [p.strip() for p in value.split(",")]
    if all(p in VALUE_WORDS for p in parts):
        return ("、" if index == 0 else ", ").join(VALUE_WORDS[p][index] for p in parts)
    return value


def finding_message(finding: Finding, lang: str = "zh") -> str:
    params = {k: _word(v, lang) if k in ("roles", "kind", "status") else v for k, v in finding.params.items()}
    return render(finding.code, lang, **params)


@dataclass(frozen=True)
class PatentReadiness:
    patent_id: int
    application_number: str
    ready: bool
    findings: tuple[Finding, ...]

    @property
    def blockers(self) -> list[Finding]:
        return [f for f in self.findings if f.is_blocker]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_blocker]

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"application_number": self.application_number, "ready": self.ready,
                "findings": [{"code": f.code, "severity": f.severity.value, "message": finding_message(f, lang)}
                             for f in self.findings]}


@dataclass(frozen=True)
class Refusal:
    application_number: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def message(self, lang: str = "zh") -> str:
        return render(self.code, lang, **self.params)


@dataclass
class BatchOutcome:
    """What a batch action did: the numbers done and, for the others, why not."""

    done: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self, lang: str = "zh") -> str:
        lines = [render("BATCH_SUMMARY", lang, done=len(self.done), unchanged=len(self.unchanged),
                        refused=len(self.refused))]
        lines += [f"{r.application_number}: {r.message(lang)}" for r in self.refused]
        return "\n".join(lines)


# --- resolving what the user named ------------------------------------------------------------------------------
def resolve_ids(session: Session, items: Iterable[int | str]) -> list[tuple[int, str]]:
    """(id, application number) for ids or numbers in any accepted form; NotFoundError names the first unknown."""
    items = list(items)
    numbers = [resolve_number(i).canonical for i in items if isinstance(i, str)]
    by_number = patent_repo.ids_by_number(session, numbers) if numbers else {}
    ids = [i for i in items if isinstance(i, int)]
    by_id: dict[int, str] = {}
    if len(ids) > repo.SCAN_ABOVE:
        wanted = set(ids)
        by_id = {pid: number for pid, number in session.execute(select(Patent.id, Patent.application_number))
                 if pid in wanted}
    else:
        for start in range(0, len(ids), 900):
            for pid, number in session.execute(select(Patent.id, Patent.application_number)
                                               .where(Patent.id.in_(ids[start:start + 900]))):
                by_id[pid] = number
    out: list[tuple[int, str]] = []
    seen: set[int] = set()
    for item in items:
        if isinstance(item, int):
            if item not in by_id:
                raise NotFoundError("PATENT_NOT_FOUND", value=str(item))
            pair = (item, by_id[item])
        else:
            canonical = resolve_number(item).canonical
            if canonical not in by_number:
                raise NotFoundError("PATENT_NOT_FOUND", value=canonical)
            pair = (by_number[canonical], canonical)
        if pair[0] not in seen:
            seen.add(pair[0])
            out.append(pair)
    return out


def rule_context(profile: BureauProfile, today: date | None = None) -> RuleContext:
    cfg = settings_module.load()
    office = cfg.office
    own = frozenset(n for n in (office.name.strip(),) if n)
    words: tuple[str, ...] = ()
    if profile.regime == "statutory":
        from openlic_desktop.services.promotional_words import promotional_words

        words = promotional_words()
    return RuleContext(profile, today or date.today(), own,
                       (office.contact_person, office.contact_phone, office.contact_email), words)


def regime_profile(profile_code: str | None, regime: str | None) -> BureauProfile:
    """The profile a check runs with: the one named, or for `regime` statutory the statutory profile. A pilot
    profile named together with the statutory regime is refused (its rules would not be the law's)."""
    if regime not in (None, "pilot", "statutory"):
        raise InputError("BAD_ARGUMENT", reason="--regime must be pilot or statutory")
    if regime == "statutory":
        profile = profile_service.get_profile(profile_code or "statutory")
        if profile.regime != "statutory":
            raise InputError("REGIME_PROFILE_MISMATCH", profile=profile.code, regime=f"regime_{regime}")
        return profile
    profile = profile_service.get_profile(profile_code)
    if regime == "pilot" and profile.regime != "pilot":
        raise InputError("REGIME_PROFILE_MISMATCH", profile=profile.code, regime=f"regime_{regime}")
    return profile


def load_records(session: Session, ids: Sequence[int] | None, profile: BureauProfile,
                 today: date, id_range: repo.IdRange | None = None) -> dict[int, ReadinessRecord]:
    """Records with pricing attached (terms, their findings and the intended term), the patent's current
    statutory declaration and its fee-estimation note (the statutory rules look at both; a declaration's sign-off
    covers both). `id_range`: the patents whose id lies in it (among `ids` when given), read a range at a time."""
    records = repo.load_records(session, ids, id_range)
    if records:
        wanted = list(records)
        terms_by_id = pricing_repo.load_terms(session, wanted)
        whole = ids is None and id_range is None
        declarations = declaration_repo.load_open(session, None if whole else wanted)
        note_ids = wanted if profile.regime == "statutory" else [pid for pid in declarations if pid in records]
        notes = pricing_repo.notes_for(session, note_ids) if note_ids else {}
        book = _identifiers(session, [records[pid].facts for pid in note_ids if pid in records])
        with_book = set(note_ids)
        for pid, record in records.items():
            terms = terms_by_id.get(pid)
            record.pricing_canonical = terms.canonical() if terms is not None else None
            record.pricing_term_months = terms.term_months if terms is not None else None
            record.pricing_findings = list(pricing_findings(terms, record.expiry, profile, today))
            record.declaration = declarations.get(pid)
            record.fee_note = notes.get(pid)
            if pid in with_book:
                record.patentee_ids = {n: book[n] for n in record.facts.patentees if n in book}
    return records


def _identifiers(session: Session, facts: list[Any]) -> dict[str, tuple[str, str]]:
    """name → (id type, identifier) for the patentees the book knows an identifier of (the declaration names
    every patentee with its USCC or ID document number, Rule 85)."""
    from openlic_desktop.storage import licensing as licensing_repo

    names = list(dict.fromkeys(n for f in facts for n in f.patentees))
    if not names:
        return {}
    return {name: (row.id_type or "uscc", row.identifier) for name, row in
            licensing_repo.patentees_by_name(session, names).items() if row.identifier}


# --- check ---------------------------------------------------------------------------------------------------
@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Building ~100,000 small objects for 10,000 patents triggers the cyclic collector again and again (half the
    time, measured); none of them form cycles, so it is paused for the duration and restored after. Threads: if
    another call paused it first, that call restores it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(ws: Workspace, patent_ids_or_numbers: Sequence[int | str] | None = None, profile_code: str | None = None,
          today: date | None = None, verify_files: bool = False,
          profile: BureauProfile | None = None, regime: str | None = None) -> list[PatentReadiness]:
    """Readiness of the named patents (all when None), in the order given (all: by application number).
    `regime` statutory checks the rules of the declaration to CNIPA (with the statutory profile)."""
    profile = profile or regime_profile(profile_code, regime)
    ctx = rule_context(profile, today)
    with _cyclic_gc_paused():
        return _check(ws, patent_ids_or_numbers, profile, ctx, verify_files)


# Patents loaded and evaluated at a time. The records of a slice are dropped before the next is read, so memory
# stays flat over any portfolio (100,000 patents at once took ~530 MB, measured); only the results are kept.
CHECK_SLICE = 2000


def _slices(ids: Sequence[int]) -> Iterator[tuple[repo.IdRange | None, list[int] | None]]:
    """Consecutive slices of ascending `ids`: an id range read whole when the slice fills it, a range read with
    the wanted ids picked out when they are dense in it, IN lists of the ids when they are scattered."""
    for start in range(0, len(ids), CHECK_SLICE):
        part = list(ids[start:start + CHECK_SLICE])
        span = part[-1] - part[0] + 1
        if span == len(part):
            yield repo.IdRange(part[0], part[-1]), None
        elif span <= 4 * len(part):
            yield repo.IdRange(part[0], part[-1]), part
        else:
            yield None, part


def _evaluate_slices(session: Session, ids: Sequence[int], profile: BureauProfile, ctx: RuleContext,
                     verify_files: bool) -> Iterator[PatentReadiness]:
    shared: dict[tuple[Any, ...], Finding] = {}
    for id_range, wanted in _slices(ids):
        records = load_records(session, wanted, profile, ctx.today, id_range)
        if verify_files:
            from openlic_desktop.services import attachments as attachment_service

            attachment_service.mark_states(records.values())
        for pid, record in records.items():
            findings = tuple(_shared(f, shared) for f in evaluate(record, ctx))
            yield PatentReadiness(pid, record.facts.number.canonical, is_ready(findings), findings)
        del records


def _shared(finding: Finding, shared: dict[tuple[Any, ...], Finding]) -> Finding:
    """One object for findings that say the same thing (most patents lack the same sign-offs, commitments or
    pricing): 100,000 results then hold a few thousand findings, not 400,000."""
    try:  # a rule passes its parameters in one order, so the items need no sorting
        key = (finding.code, finding.severity, finding.field_hint, *finding.params.items())
        return shared.setdefault(key, finding)
    except TypeError:  # a parameter that cannot be hashed: keep the finding as it is
        return finding


def _check(ws: Workspace, patent_ids_or_numbers: Sequence[int | str] | None, profile: BureauProfile,
           ctx: RuleContext, verify_files: bool) -> list[PatentReadiness]:
    with ws.reading() as session:
        if patent_ids_or_numbers is None:
            results = list(_evaluate_slices(session, repo.all_ids(session), profile, ctx, verify_files))
            results.sort(key=lambda r: r.application_number.replace(".", ""))  # the number's search key
            return results
        order = [pid for pid, _ in resolve_ids(session, patent_ids_or_numbers)]
        by_id = {r.patent_id: r for r in _evaluate_slices(session, sorted(order), profile, ctx, verify_files)}
    return [by_id[pid] for pid in order]


def check_one(ws: Workspace, patent_id: int, profile_code: str | None = None,
              verify_files: bool = True) -> PatentReadiness:
    return check(ws, [patent_id], profile_code, verify_files=verify_files)[0]


@dataclass(frozen=True)
class ReadinessSummary:
    ready: bool
    blockers: int
    warnings: int
    first_code: str


def summaries(ws: Workspace, ids: Sequence[int], profile_code: str | None = None) -> dict[int, ReadinessSummary]:
    """For the portfolio column: one line per id (ids that vanished meanwhile are left out)."""
    profile = profile_service.get_profile(profile_code)
    ctx = rule_context(profile)
    with ws.reading() as session:
        records = load_records(session, list(ids), profile, ctx.today)
    out = {}
    for pid, record in records.items():
        findings = evaluate(record, ctx)
        blockers = [f for f in findings if f.severity is Severity.BLOCKER]
        out[pid] = ReadinessSummary(not blockers, len(blockers), len(findings) - len(blockers),
                                    (blockers or findings)[0].code if findings else "")
    return out


def ready_ids(ws: Workspace, profile_code: str | None = None) -> list[int]:
    """Ids of every ready patent (the readiness filter of the portfolio, `export --all-ready`)."""
    return [r.patent_id for r in check(ws, None, profile_code) if r.ready]


# --- commitments -------------------------------------------------------------------------------------------
def _now() -> datetime:
    return datetime.now(UTC)


def confirm_commitments(ws: Workspace, patents: Sequence[int | str], items: Sequence[str] | None = None,
                        profile_code: str | None = None, note: str = "",
                        source: str | None = None) -> BatchOutcome:
    """Confirm commitment items (None: all of the profile's) for each patent; one transaction. An item a recorded
    fact contradicts (no exclusive licence while one is recorded …) is refused for that patent, naming the fact
    (COMMITMENT_CONTRADICTED, domain.commitments); the patent's other items are confirmed."""
    from openlic_desktop.domain.commitments import contradictions

    profile = profile_service.get_profile(profile_code)
    known = profile.commitment_codes()
    wanted = list(known) if items is None else [i.strip().upper() for i in items]
    for item in wanted:
        if item not in known:
            raise InputError("UNKNOWN_COMMITMENT", item=item, known=", ".join(known))
    if not wanted:
        raise InputError("BAD_ARGUMENT", reason="no commitment items given")
    outcome = BatchOutcome()
    with ws.session() as session:
        pairs = resolve_ids(session, patents)
        existing: dict[int, set[str]] = {}
        for pid, item in session.execute(select(CommitmentConfirmation.patent_id, CommitmentConfirmation.item)
                                         .where(CommitmentConfirmation.patent_id.in_([p for p, _ in pairs]))):
            existing.setdefault(pid, set()).add(item)
        ctx = rule_context(profile)
        records = load_records(session, [p for p, _ in pairs], profile, ctx.today)
        rows, entries, now = [], [], _now()
        for pid, number in pairs:
            new = [i for i in wanted if i not in existing.get(pid, set())]
            against = contradictions(new, evaluate(records[pid], ctx)) if new else {}
            for item, found in against.items():
                outcome.refused.append(Refusal(number, "COMMITMENT_CONTRADICTED", {
                    "item": item, "name": profile.commitment_words([item], "zh"),
                    "name_en": profile.commitment_words([item], "en"),
                    "facts": "；".join(finding_message(f) for f in found),
                    "facts_en": "; ".join(finding_message(f, "en") for f in found)}))
            new = [i for i in new if i not in against]
            if not new:
                if not against:
                    outcome.unchanged.append(number)
                continue
            for item in new:
                rows.append({"patent_id": pid, "item": item, "note": note, "confirmed_by": ws.user, "confirmed_at": now})
                entries.append(audit.AuditEntry("patent", pid, number, "commit", item, None, note or "confirmed"))
            outcome.done.append(number)
        if rows:
            session.execute(insert(CommitmentConfirmation), rows)
            audit.append(session, ws.user, source or ws.source, entries)
    return outcome


def withdraw_commitment(ws: Workspace, patent_id: int, item: str, source: str | None = None) -> bool:
    """Undo a confirmation (the editor's undo, or a correction). Returns whether one was removed."""
    with ws.session() as session:
        (pid, number), = resolve_ids(session, [patent_id])
        row = session.execute(select(CommitmentConfirmation).where(
            CommitmentConfirmation.patent_id == pid, CommitmentConfirmation.item == item)).scalar_one_or_none()
        if row is None:
            return False
        old = row.note or "confirmed"
        session.delete(row)
        audit.append(session, ws.user, source or ws.source,
                     [audit.AuditEntry("patent", pid, number, "uncommit", item, old, None)])
    return True


@dataclass(frozen=True)
class CommitmentState:
    code: str
    zh: str
    en: str
    confirmed: bool
    note: str = ""
    by: str = ""
    at: str = ""


def commitments(ws: Workspace, patent_id: int, profile_code: str | None = None) -> list[CommitmentState]:
    profile = profile_service.get_profile(profile_code)
    with ws.reading() as session:
        rows = {r.item: r for r in session.execute(select(CommitmentConfirmation).where(
            CommitmentConfirmation.patent_id == patent_id)).scalars()}
        return [CommitmentState(c.code, c.zh, c.en, c.code in rows, rows[c.code].note if c.code in rows else "",
                                rows[c.code].confirmed_by if c.code in rows else "",
                                rows[c.code].confirmed_at.isoformat() if c.code in rows else "")
                for c in profile.commitments]


# --- sign-off ----------------------------------------------------------------------------------------------
def _staff_refusal(user: str, role: str) -> str | None:
    staff = settings_module.load().staff
    if not staff:
        return None  # no staff list kept: anyone may sign (the audit trail still says who)
    for member in staff:
        if member.name == user and member.role in (role, "both"):
            return None
    return "SIGNOFF_NOT_STAFF"


def sign_off(ws: Workspace, patents: Sequence[int | str], role: str, profile_code: str | None = None,
             source: str | None = None, today: date | None = None) -> BatchOutcome:
    """Sign off as `ws.user` in `role`; refusals per patent (same person as preparer, stale preparer, …)."""
    if role not in ROLES:
        raise InputError("SIGNOFF_BAD_ROLE")
    profile = profile_service.get_profile(profile_code)
    user = ws.user
    outcome = BatchOutcome()
    staff_code = _staff_refusal(user, role)
    with ws.session() as session:
        pairs = resolve_ids(session, patents)
        if staff_code:
            outcome.refused += [Refusal(n, staff_code, {"user": user, "role": role}) for _, n in pairs]
            return outcome
        records = load_records(session, [p for p, _ in pairs], profile, today or date.today())
        rows, entries, now = [], [], _now()
        for pid, number in pairs:
            record = records[pid]
            current = record.fingerprint()
            left = commitments_left(profile, record.commitments)
            mine = record.signoffs.get(role)
            if left is not None:
                outcome.refused.append(Refusal(number, "SIGNOFF_COMMITMENTS", left))
                continue
            if role == "reviewer":
                preparer = record.signoffs.get("preparer")
                if preparer is None or preparer.fingerprint != current:
                    outcome.refused.append(Refusal(number, "SIGNOFF_NEEDS_PREPARER"))
                    continue
                if preparer.user == user and not profile.single_signer_allowed:
                    outcome.refused.append(Refusal(number, "SIGNOFF_SAME_PERSON", {"user": user}))
                    continue
            elif not profile.single_signer_allowed:
                reviewer = record.signoffs.get("reviewer")
                if reviewer is not None and reviewer.user == user and reviewer.fingerprint == current:
                    outcome.refused.append(Refusal(number, "SIGNOFF_SAME_PERSON", {"user": user}))
                    continue
            if mine is not None and mine.fingerprint == current and mine.user == user:
                outcome.unchanged.append(number)
                continue
            rows.append({"patent_id": pid, "role": role, "user": user, "signed_at": now, "fingerprint": current})
            entries.append(audit.AuditEntry("patent", pid, number, "signoff", role,
                                            mine.fingerprint if mine else None, current))
            outcome.done.append(number)
        if rows:
            session.execute(insert(SignOff), rows)
            audit.append(session, ws.user, source or ws.source, entries)
    return outcome


@dataclass(frozen=True)
class SignOffState:
    role: str
    user: str
    at: str
    current: bool


def signoff_states(ws: Workspace, patent_id: int, profile_code: str | None = None) -> list[SignOffState]:
    profile = profile_service.get_profile(profile_code)
    with ws.reading() as session:
        record = load_records(session, [patent_id], profile, date.today()).get(patent_id)
    if record is None:
        raise NotFoundError("PATENT_NOT_FOUND", value=str(patent_id))
    current = record.fingerprint()
    return [SignOffState(s.role, s.user, s.signed_at, s.fingerprint == current)
            for role in ROLES if (s := record.signoffs.get(role)) is not None]


def revoke_signoff(ws: Workspace, patent_id: int, role: str, source: str | None = None) -> bool:
    """Remove the latest sign-off in `role` (undo in the editor). Audited."""
    with ws.session() as session:
        (pid, number), = resolve_ids(session, [patent_id])
        row = session.execute(select(SignOff).where(SignOff.patent_id == pid, SignOff.role == role)
                              .order_by(SignOff.id.desc()).limit(1)).scalar_one_or_none()
        if row is None:
            return False
        session.execute(delete(SignOff).where(SignOff.id == row.id))
        audit.append(session, ws.user, source or ws.source,
                     [audit.AuditEntry("patent", pid, number, "revoke_signoff", role, row.fingerprint, None)])
    return True


def current_fingerprint(ws: Workspace, patent_id: int, profile_code: str | None = None) -> str:
    profile = profile_service.get_profile(profile_code)
    with ws.reading() as session:
        record = load_records(session, [patent_id], profile, date.today()).get(patent_id)
    if record is None:
        raise NotFoundError("PATENT_NOT_FOUND", value=str(patent_id))
    return record.fingerprint()
