"""Drafting contracts: one contract, or a batch of contracts from one template prepared once.

The patents and their published terms are read here; the documents themselves are made by
documents/contracts/. Files are written atomically; a batch is all-or-nothing.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from openlic_desktop.documents.contracts import check, context, render
from openlic_desktop.documents.contracts import pdf as pdf_output  # `pdf` is the flag callers pass
from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.documents.override_notice import with_cover
from openlic_desktop.domain.blocker_override import DOCUMENT_BLOCKERS, BlockedPatent, Override, cover_lines
from openlic_desktop.domain.blocker_override import gate as domain_gate
from openlic_desktop.domain.declarations import DeclarationState
from openlic_desktop.domain.licensing import Party, Regime, contract_number, patentee_sets
from openlic_desktop.services import document_gate
from openlic_desktop.services.licensing import patentees as patentee_book
from openlic_desktop.services.licensing import offered_terms
from openlic_desktop.services.licensing.licensees import LicenseeRecord, find_licensee, get_licensee
from openlic_desktop.services.licensing.offered_terms import patent_ids_of  # noqa: F401  (the faces' entry point)
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import licensing as repo
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.support.errors import InputError, OpenLicError


def facts_and_terms(ws: Workspace, patent_ids: Sequence[int], code: str = "CONTRACT_NO_TERMS"):
    return [context.ContractPatent(item.facts, item.terms)
            for item in offered_terms.facts_and_terms(ws, patent_ids, code)]


@dataclass(frozen=True)
class Drafted:
    path: Path
    licensee: str
    contract_number: str
    patents: tuple[str, ...]
    template_version: str
    data_sha256: str
    pdf: Path | None = None
    licensors: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()     # patents drafted despite blockers (their blockers are on the cover)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "licensee": self.licensee, "contract_number": self.contract_number,
                "licensors": list(self.licensors), "patents": list(self.patents),
                "template_version": self.template_version, "data_sha256": self.data_sha256,
                "pdf": str(self.pdf) if self.pdf else None, "overridden": list(self.overridden)}


def resolve_template(template: str | Path | None) -> Path:
    return Path(template) if template else render.default_template_path()


def default_template_path() -> Path:
    return render.default_template_path()


def pdf_available() -> bool:
    """LibreOffice was found on PATH: PDF output can be offered (it is never required)."""
    return pdf_output.find_soffice() is not None


def check_template(template: str | Path | None) -> check.TemplateCheck:
    return check.check_template(resolve_template(template))


def _require_clean(template: Path) -> render.TemplateInfo:
    info = render.template_info(template)
    if template.resolve() != render.default_template_path().resolve():
        found = check.check_template(template)
        if not found.ok:
            first = found.defects[0]
            raise InputError("CONTRACT_TEMPLATE_CHECK_FAILED", count=len(found.defects),
                             first=f"{first.code} {first.where} {first.detail}".strip())
    return info


def _parties_complete(licensors: Sequence[Party], licensee: LicenseeRecord) -> None:
    """A contract names real parties: every licensor's identifier, address and (an organisation's) legal
    representative from the patentee book, and the licensee's address. Refused, naming who lacks what."""
    for party in licensors:
        missing = party.missing_for_contract()
        if missing:
            raise OpenLicError("CONTRACT_PARTY_INCOMPLETE", party=party.name, role="licensor",
                               fields=", ".join(missing))
    missing = licensee.party.missing_for_contract()
    if missing:
        raise OpenLicError("CONTRACT_PARTY_INCOMPLETE", party=licensee.name, role="licensee",
                           fields=", ".join(missing))


@dataclass(frozen=True)
class _Planned:
    """One contract to draft: a licensee and the patents of one patentee set."""

    licensee: LicenseeRecord
    licensors: tuple[str, ...]
    items: tuple[context.ContractPatent, ...]
    out: Path


def _by_patentee_set(items: Sequence[context.ContractPatent]) -> list[tuple[tuple[str, ...], list]]:
    return patentee_sets([(cp, cp.facts.patentees) for cp in items])


def _safe_name(text: str) -> str:
    """A file-name part: no path separators, reserved characters, control characters or leading dots."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" ._")
    return cleaned[:80] or "contract"


_IN_FORCE = (DeclarationState.ANNOUNCED, DeclarationState.WITHDRAWAL_FILED)


def _declaration_words(states: dict[int, DeclarationState], pid: int) -> str | None:
    """Why a statutory contract's recital of CNIPA's announcement would be untrue for the patent, or None."""
    state = states.get(pid)
    if state in _IN_FORCE:
        return None
    if state is None:
        return "尚未提出开放许可声明，合同所述的开放许可声明及其公告并不存在"
    if state is DeclarationState.WITHDRAWN:
        return "开放许可声明已公告撤回，不能据此订立开放许可实施合同"
    return f"开放许可声明尚未经国家知识产权局公告（当前：{state.zh}）"


def _published_ids(ws: Workspace, patent_ids: Sequence[int]) -> set[int]:
    """The patents a submission recorded as published by the bureau (报送状态“已公开”) carried."""
    from sqlalchemy import select

    from openlic_desktop.storage.models_packages import Submission, SubmissionPatent

    with ws.reading() as session:
        return set(session.execute(
            select(SubmissionPatent.patent_id).join(Submission, Submission.id == SubmissionPatent.submission_id)
            .where(Submission.kind == "submission", Submission.status == "published",
                   SubmissionPatent.patent_id.in_(list(patent_ids)))).scalars())


def _offer_notices(ws: Workspace, numbers: Sequence[str], regime: Regime) -> dict[str, context.OfferNotice]:
    """The publication each patent's contract recites, as recorded, by application number: the statutory
    declaration's announcement (its day and issue) or the pilot listing's latest published submission (the day
    the bureau published it as entered, else — older records — the day its status was set to published, in local
    time; and its batch). Patents with none are left out."""
    from sqlalchemy import select

    from openlic_desktop.storage import declarations as declaration_repo
    from openlic_desktop.storage.models_packages import Batch, Submission, SubmissionPatent

    ids = dict(zip(patent_ids_of(ws, numbers), numbers, strict=True))
    out: dict[str, context.OfferNotice] = {}
    with ws.reading() as session:
        if regime.statutory:
            for pid, value in declaration_repo.latest(session, list(ids)).items():
                if value.stored_state in ("announced", "withdrawal-filed") and (
                        value.announced_on is not None or value.announcement.strip()):
                    out[ids[pid]] = context.OfferNotice(value.announced_on, value.announcement)
            return out
        rows = session.execute(
            select(SubmissionPatent.patent_id, Submission.status_changed_at, Submission.published_on, Batch.name)
            .join(Submission, Submission.id == SubmissionPatent.submission_id)
            .join(Batch, Batch.id == Submission.batch_id)
            .where(Submission.kind == "submission", Submission.status == "published",
                   SubmissionPatent.patent_id.in_(list(ids)))
            .order_by(Submission.status_changed_at, Submission.id)).all()
    for pid, changed, published_on, batch in rows:   # the latest publication wins
        out[ids[pid]] = context.OfferNotice(published_on or _local_day(changed), batch or "")
    return out


def _local_day(moment: datetime | None) -> date | None:
    """The local calendar day of a stored (UTC) moment; SQLite hands it back without its zone."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone().date()


def _with_offer(ws: Workspace, numbers: Sequence[str], found: Sequence[BlockedPatent],
                regime: Regime) -> list[BlockedPatent]:
    """A contract recites the open offer it is made under: the statutory one that the licensor's declaration was
    announced by CNIPA (Art 51), the pilot one that the bureau published the licence information. A patent whose
    record has no such offer in force — no declaration announced (none, a draft, filed only, withdrawn), or no
    submission recorded as published, or an offer withdrawn since — is a fact that makes the contract untrue,
    gated as the other blockers are (DECLARATION_NOT_IN_FORCE / OFFER_NOT_PUBLISHED)."""
    from openlic_desktop.services import declarations, withdrawals

    ids = dict(zip(numbers, patent_ids_of(ws, numbers), strict=True))
    if regime.statutory:
        states = declarations.states_for(ws, list(ids.values()))
        code, why = "DECLARATION_NOT_IN_FORCE", lambda pid: _declaration_words(states, pid)
    else:
        published = _published_ids(ws, list(ids.values()))
        gone = withdrawals.withdrawn(ws, list(ids.values()))

        def why(pid: int) -> str | None:
            if pid in gone:
                return "开放许可已经撤回，合同所述的公开许可信息已不在开放之列"
            if pid not in published:
                return "尚无许可信息经知识产权局公开的报送记录（报送状态“已公开”），合同所述的公开并无记录"
            return None
        code = "OFFER_NOT_PUBLISHED"
    by_number = {b.application_number: b for b in found}
    for number in numbers:
        words = why(ids[number])
        if words is None:
            continue
        had = by_number.get(number, BlockedPatent(number, (), (), ids[number]))
        by_number[number] = BlockedPatent(number, (*had.codes, code), (*had.messages, words),
                                          had.patent_id or ids[number])
    return [by_number[n] for n in numbers if n in by_number]


def _draft(ws: Workspace, plans: Sequence[_Planned], template: Path, effective: date, pdf: bool,
           regime: Regime, override: Override | None, progress: Callable[[int, int], bool] | None,
           name_files: bool) -> list[Drafted]:
    """Draft the planned contracts, all or none. Each gets the next contract number of its effective year;
    the numbers are recorded (with the audit trail and any override) in one transaction that commits only once
    every file is in place. If another process took a number meanwhile, the batch is drafted again with new
    numbers (nothing was moved yet)."""
    info = _require_clean(template)
    ids = [cp.facts.number.canonical for plan in plans for cp in plan.items]
    numbers = list(dict.fromkeys(ids))
    found = document_gate.blocked_patents(ws, numbers, codes=DOCUMENT_BLOCKERS["contract"])
    found = _with_offer(ws, numbers, found, regime)
    blocked = domain_gate("contract", found, override)
    blocked_by_number = {b.application_number: b for b in blocked}
    notices = _offer_notices(ws, numbers, regime)
    book = {}
    for plan in plans:
        for party in patentee_book.parties(ws, plan.licensors):
            book[party.name] = party
    for plan in plans:
        _parties_complete([book[n] for n in plan.licensors], plan.licensee)
    for _attempt in range(3):
        with ws.reading() as session:
            first = repo.next_contract_seq(session, effective.year)
        jobs: list[render.BatchJob] = []
        drafted: list[Drafted] = []
        rows: list[dict[str, Any]] = []
        used: set[str] = set()
        for offset, plan in enumerate(plans):
            number = contract_number(effective.year, first + offset)
            ctx = context.build_context(number=number, licensors=[book[n] for n in plan.licensors],
                                        licensee=plan.licensee.party, patents=plan.items, effective=effective,
                                        template_version=info.version, regime=regime, notices=notices)
            out = plan.out
            if name_files:
                name = f"{_safe_name(number)}_{_safe_name(plan.licensee.name)}"
                while name in used:  # cannot happen with unique numbers; kept as the last guard
                    name += "_"
                used.add(name)
                out = plan.out / f"{name}.docx"
            mine = tuple(b for n in (p["application_number"] for p in ctx["patents"])
                         if (b := blocked_by_number.get(n)) is not None)
            finish = None
            if mine:
                lines = cover_lines("许可合同", mine, override)
                finish = lambda data, lines=lines: with_cover(data, lines)
            jobs.append(render.BatchJob(ctx, out, finish))
            patents = tuple(p["application_number"] for p in ctx["patents"])
            drafted.append(Drafted(out, plan.licensee.name, number, patents, info.version,
                                   context.data_sha256(ctx), None, plan.licensors,
                                   tuple(b.application_number for b in mine)))
            rows.append({"number": number, "year": effective.year, "seq": first + offset,
                         "licensee_id": plan.licensee.id or None, "licensee_name": plan.licensee.name,
                         "licensors": list(plan.licensors), "patents": list(patents), "effective_date": effective,
                         "template_version": info.version, "data_sha256": context.data_sha256(ctx),
                         "file_name": out.name, "drafted_by": ws.user})

        @contextlib.contextmanager
        def in_place(rows=rows, drafted=drafted):
            with ws.session() as session:
                document_gate.record_override(session, ws, "contract", blocked, override)
                made = repo.add_contracts(session, rows)
                audit.append(session, ws.user, ws.source, [
                    AuditEntry("contract", row.id, row.number, "draft", "patents", None, "、".join(row.patents))
                    for row in made])
                yield

        try:
            outputs = render.render_batch(template, jobs, progress, pdf=pdf, in_place=in_place)
        except IntegrityError:
            continue  # a number was taken by another process meanwhile: draft again with the next free ones
        return [Drafted(d.path, d.licensee, d.contract_number, d.patents, d.template_version, d.data_sha256,
                        o.pdf, d.licensors, d.overridden) for d, o in zip(drafted, outputs, strict=True)]
    raise OpenLicError("CONTRACT_NUMBER_BUSY")


def draft_contract(ws: Workspace, numbers: Sequence[str], licensee: str, out: str | Path,
                   template: str | Path | None = None, effective: date | None = None, pdf: bool = False,
                   regime: Regime = Regime(), override: Override | None = None) -> list[Drafted]:
    """Contracts for one licensee. `out` a .docx: one contract, and every patent must have the same patentees
    (CONTRACT_MIXED_PATENTEES otherwise); `out` a folder: one contract per patentee set into it."""
    out = Path(out)
    ids = patent_ids_of(ws, numbers)
    who = find_licensee(ws, licensee)
    items = facts_and_terms(ws, ids)
    groups = _by_patentee_set(items)
    if out.suffix.lower() == ".docx":
        if len(groups) > 1:
            raise OpenLicError("CONTRACT_MIXED_PATENTEES", count=len(groups),
                               sets="；".join("、".join(owners) for owners, _ in groups))
        plans = [_Planned(who, groups[0][0], tuple(groups[0][1]), out)]
        folder = False
    elif out.suffix:
        raise InputError("CONTRACT_OUT_NOT_DOCX", path=str(out))
    else:
        plans = [_Planned(who, owners, tuple(cps), out) for owners, cps in groups]
        folder = True
    return _draft(ws, plans, resolve_template(template), effective or date.today(), pdf, regime, override, None,
                  name_files=folder)


def draft_batch(ws: Workspace, patent_ids: Sequence[int], licensee_ids: Sequence[int], out_dir: str | Path,
                template: str | Path | None = None, effective: date | None = None, pdf: bool = False,
                progress: Callable[[int, int], bool] | None = None, regime: Regime = Regime(),
                override: Override | None = None) -> list[Drafted]:
    """One contract per licensee and patentee set — patents of different patentee sets are never merged into
    one licensor — into `out_dir`; the template is prepared once. All-or-nothing; cancel (progress → False)
    raises InterruptedError and leaves the folder and the database as they were."""
    if not patent_ids:
        raise InputError("CONTRACT_NO_PATENTS")
    if not licensee_ids:
        raise InputError("CONTRACT_NO_LICENSEES")
    groups = _by_patentee_set(facts_and_terms(ws, patent_ids))
    plans = [_Planned(get_licensee(ws, lid), owners, tuple(cps), Path(out_dir))
             for lid in licensee_ids for owners, cps in groups]
    return _draft(ws, plans, resolve_template(template), effective or date.today(), pdf, regime, override,
                  progress, name_files=True)


def patentee_sets_of(ws: Workspace, patent_ids: Sequence[int]) -> list[tuple[tuple[str, ...], list[str]]]:
    """The patentee sets of the patents (as the batch will draft them): names and application numbers."""
    with ws.reading() as session:
        facts = patent_repo.get_facts_by_ids(session, list(patent_ids))
    return [(owners, [f.number.canonical for f in group])
            for owners, group in patentee_sets([(facts[p], facts[p].patentees) for p in patent_ids if p in facts])]


def preview_text(ws: Workspace, patent_ids: Sequence[int], licensee_id: int | None,
                 template: str | Path | None = None, effective: date | None = None,
                 regime: Regime = Regime()) -> str:
    """The text of the first contract as it would be drafted (for the dialog's preview); sample licensee if
    none; the contract number shown as it will be handed out."""
    tpl = resolve_template(template)
    info = render.template_info(tpl)
    effective = effective or date.today()
    if licensee_id is None:
        who = LicenseeRecord(0, "（被许可人）", "")
    else:
        who = get_licensee(ws, licensee_id)
    owners, items = _by_patentee_set(facts_and_terms(ws, patent_ids))[0]
    with ws.reading() as session:
        number = contract_number(effective.year, repo.next_contract_seq(session, effective.year))
    notices = _offer_notices(ws, [cp.facts.number.canonical for cp in items], regime)
    ctx = context.build_context(number=number, licensors=patentee_book.parties(ws, owners), licensee=who.party,
                                patents=items, effective=effective, template_version=info.version, regime=regime,
                                notices=notices)
    return document_text(render.render_docx(tpl, ctx, strict=False))
