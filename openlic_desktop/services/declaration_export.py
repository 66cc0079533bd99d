"""The statutory package: the declaration documents of many patents in one zip, without Word.

    result = export(ws, ["202110123456.7", ...], out_dir)           # or state="signed"
    result = export(ws, numbers, out_dir, withdrawal=True, reason=…)  # the withdrawal documents

One folder per patent (ZL…_名称/) with 专利开放许可声明, 全体专利权人同意书, 许可使用费估算依据和方法说明, the
专利权评价报告 and the consent scans on file (the co-owners', and a pledged patent's pledgee's); 录入表.xlsx for the
online form; 清单.xlsx and manifest.json (SHA-256 of every file), as the pilot package has them
(documents/package.py: deterministic, atomic).

Rules this module owns
- A draft or signed declaration is drafted only when the statutory rules find no blocker. A patent whose facts
  block it (domain.blocker_override.FACT_BLOCKERS) is drafted only on an explicit override — the blockers then
  stand on the first page of its declaration and consent, and the override goes to the audit trail (through
  services.document_gate, like every document); any other blocker (not signed off, no fee note …) keeps the
  patent out. Excluded patents are listed with their codes and reasons; the others are still packed.
- A filed or announced declaration is printed again as filed (its snapshot), without a new check.
- Withdrawal documents are for announced declarations (or those whose withdrawal is recorded); every patentee
  signs them.
Thread rule: any thread; progress(done, total) returning False cancels (InterruptedError, nothing written).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openlic_desktop.documents import declarations as docs
from openlic_desktop.documents.package import PackageFile, build_package, join_name, sanitise_component
from openlic_desktop.domain.blocker_override import (
    DOCUMENT_BLOCKERS,
    BlockedPatent,
    Override,
    blocking,
    cover_lines,
)
from openlic_desktop.domain.declarations import DeclarationContent, DeclarationState
from openlic_desktop.domain.readiness import PLEDGEE_CONSENT
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.services import declarations, readiness
from openlic_desktop.services.export import Excluded
from openlic_desktop.services.readiness import finding_message
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError, OpenLicError

Progress = Callable[[int, int], bool]
DRAFTABLE = (DeclarationState.DRAFT, DeclarationState.SIGNED)
REPRINTABLE = (DeclarationState.FILED, DeclarationState.ANNOUNCED, DeclarationState.WITHDRAWAL_FILED)
WITHDRAWABLE = (DeclarationState.ANNOUNCED, DeclarationState.WITHDRAWAL_FILED)


@dataclass
class DeclarationExport:
    package: Path
    sha256: str
    size: int
    patents: list[str]
    excluded: list[Excluded]
    files: list[str]
    overridden: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The keys of `openlic export --json` (cli.md), plus sha256 and the patents drafted on an override."""
        return {"package": str(self.package), "patents": self.patents,
                "excluded": [e.to_json() | {"messages": list(e.messages)} for e in self.excluded],
                "files": self.files, "emails": [],
                "sha256": self.sha256, "overridden": self.overridden}


@dataclass(frozen=True)
class _Plan:
    patent_id: int
    number: str
    view: declarations.DeclarationView
    blocked: BlockedPatent | None = None


def _text(view: declarations.DeclarationView, facts, promises: list[str], attachments: list[str],
          cover: Sequence[str]) -> docs.DeclarationText:
    content: DeclarationContent = view.content
    snap = view.value.snapshot or {}
    expiry = date.fromisoformat(snap["expiry"]) if snap.get("expiry") else facts.expiry_date
    ptype = snap.get("patent_type") or (facts.patent_type.value if facts.patent_type else "")
    return docs.DeclarationText(
        patent_number="ZL" + view.application_number, title=snap.get("title") or facts.title,
        patent_type=PatentType(ptype).zh if ptype else "", filing_date=facts.filing_date,
        grant_date=facts.grant_date, expiry=expiry, patentees=list(view.patentees),
        mode=view.words.get("mode", ""), standard=view.words.get("standard", ""), term=view.words.get("term", ""),
        term_until_expiry=bool(view.words.get("until_expiry")),
        other_terms=content.other_terms, territory=content.territory,
        promises=snap.get("promises") or promises, contact_person=content.contact_person,
        contact_phone=content.contact_phone, contact_email=content.contact_email,
        contact_address=content.contact_address, agency_name=content.agency_name, agency_code=content.agency_code,
        attachments=attachments, cover=cover)


def _select(ws: Workspace, items: Sequence[int | str] | None, state: str | None,
            today: date) -> list[tuple[int, str]]:
    if items:
        with ws.reading() as session:
            return readiness.resolve_ids(session, list(items))
    if state is None:
        raise InputError("DECLARATION_NOTHING_SELECTED")
    return [(i.patent_id, i.application_number) for i in declarations.list_declarations(ws, state, today=today)]


def export(ws: Workspace, items: Sequence[int | str] | None, out_dir: str | Path, *, state: str | None = None,
           override: Override | None = None, withdrawal: bool = False, reason: str = "",
           day: date | None = None, progress: Progress | None = None) -> DeclarationExport:
    """Write the statutory package for the declarations of `items` (or every declaration in `state`) into
    `out_dir`; see the module docstring for who is drafted, excluded or drafted on an override."""
    day = day or date.today()
    pairs = _select(ws, items, state, day)
    profile = readiness.regime_profile(None, "statutory")
    promises = [c.zh for c in profile.commitments]
    plans: list[_Plan] = []
    excluded: list[Excluded] = []
    found = declarations.views(ws, [pid for pid, _ in pairs], today=day, profile=profile)
    for pid, number in pairs:
        view = found.get(pid)
        if view is None:
            exc = OpenLicError("DECLARATION_NOT_FOUND", value=number)
            excluded.append(Excluded(pid, number, (exc.code,), (exc.message("zh"),)))
            continue
        if withdrawal:
            if view.state not in WITHDRAWABLE:
                excluded.append(Excluded(pid, number, ("DECLARATION_NOT_ANNOUNCED",), (
                    OpenLicError("DECLARATION_NOT_ANNOUNCED", state=declarations.state_token(view.state))
                    .message("zh"),)))
                continue
            plans.append(_Plan(pid, number, view))
            continue
        if view.state in REPRINTABLE:
            plans.append(_Plan(pid, number, view))
            continue
        if view.state not in DRAFTABLE:
            excluded.append(Excluded(pid, number, ("DECLARATION_NOT_FOUND",), (
                OpenLicError("DECLARATION_NOT_FOUND", value=number).message("zh"),)))
            continue
        blockers = [f for f in view.findings if f.is_blocker]
        untrue = blocking(blockers, DOCUMENT_BLOCKERS["declaration"])
        others = [f for f in blockers if f not in untrue]
        if others or (untrue and override is None):
            shown = others + untrue
            excluded.append(Excluded(pid, number, tuple(f.code for f in shown),
                                     tuple(finding_message(f, "zh") for f in shown)))
            continue
        blocked = BlockedPatent(number, tuple(f.code for f in untrue),
                                tuple(finding_message(f, "zh") for f in untrue), pid) if untrue else None
        plans.append(_Plan(pid, number, view, blocked))
    if withdrawal and not reason.strip() and any(not p.view.value.withdrawal_reason for p in plans):
        raise InputError("DECLARATION_REASON_MISSING")
    if not plans:
        raise OpenLicError("NOTHING_TO_EXPORT")
    files = _files(ws, plans, promises, override, withdrawal, reason, day, progress)
    office = settings_module.load().office
    kind = "撤回专利开放许可声明" if withdrawal else "专利开放许可声明"
    name = sanitise_component(f"{kind}_{office.name or '本单位'}_{day.isoformat()}", 150) + ".zip"
    meta = {"regime": "statutory", "documents": "withdrawal" if withdrawal else "declaration",
            "office": office.name, "patents": [p.number for p in plans]}
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    blocked = [p.blocked for p in plans if p.blocked is not None]

    def step(done: int, total: int) -> bool:
        return progress(done, total) if progress is not None else True

    from openlic_desktop.services import document_gate

    final = target / name
    with document_gate.recorded(ws, "declaration", blocked, override, written=[final]):
        result = build_package(final, files, day, meta, progress=step)
    return DeclarationExport(result.path, result.sha256, result.size, [p.number for p in plans], excluded,
                             [*result.names, "manifest.json"], [b.application_number for b in blocked])


def _files(ws: Workspace, plans: list[_Plan], promises: list[str], override: Override | None, withdrawal: bool,
           reason: str, day: date, progress: Progress | None) -> list[PackageFile]:
    from openlic_desktop.services import attachments as attachment_service

    ids = [p.patent_id for p in plans]
    stored = attachment_service.attachments_for(ws, ids, verify=True)
    files: list[PackageFile] = []
    rows: list[docs.EntryRow] = []
    for index, plan in enumerate(plans, 1):
        if progress is not None and not progress(index - 1, len(plans) + 1):
            raise InterruptedError("cancelled")
        facts = plan.view.facts
        view = plan.view
        folder = sanitise_component(f"ZL{plan.number}_{facts.title}", 120)
        cover: list[str] = []
        if plan.blocked is not None and override is not None:
            cover = cover_lines("开放许可声明", [plan.blocked], override)
        in_folder: list[str] = []

        def add(file_name: str, description: str, folder: str = folder, number: str = plan.number,
                listed: list[str] = in_folder, **kw: Any) -> None:
            files.append(PackageFile(join_name(folder, file_name), description=description, patent=number, **kw))
            listed.append(sanitise_component(file_name))

        scans = []
        for a in stored.get(plan.patent_id, []):
            if a.state in ("missing", "changed"):
                raise OpenLicError("STORED_FILE_MISSING" if a.state == "missing" else "STORED_FILE_CHANGED",
                                   name=a.name, sha256=a.sha256[:12])
            suffix = "." + ("jpg" if a.file_type == "jpeg" else a.file_type)
            if a.kind == "evaluation-report" and a.conclusion == "favourable" and not withdrawal:
                scans.append((f"专利权评价报告{('_' + a.report_no) if a.report_no else ''}{suffix}", "专利权评价报告", a,
                              f"专利权评价报告（{a.report_no}）" if a.report_no else "专利权评价报告"))
            elif a.kind == "consent":
                scans.append((f"专利权人书面同意（扫描件）_{a.sha256[:8]}{suffix}", "专利权人书面同意扫描件", a, None))
            elif a.kind == PLEDGEE_CONSENT and not withdrawal:   # the pledged patent's pledgee agreed in writing
                scans.append((f"质权人书面同意（扫描件）_{a.sha256[:8]}{suffix}", "质权人书面同意扫描件", a, "质权人书面同意书"))
        if withdrawal:
            text = docs.WithdrawalText("ZL" + plan.number, facts.title, list(view.patentees), view.value.announced_on,
                                       view.value.announcement, view.value.withdrawal_reason or reason)
            add("撤回专利开放许可声明.docx", "撤回专利开放许可声明（待全体专利权人签章）",
                data=docs.withdrawal_docx(text, day))
        else:
            listed = ["全体专利权人同意书", "许可使用费估算依据和方法说明"]
            listed += [line for *_rest, line in scans if line]
            if view.content.agency_name:
                listed.append("专利代理委托书")
            text = _text(view, facts, promises, listed, cover)
            add("专利开放许可声明.docx", "专利开放许可声明（待全体专利权人签章）", data=docs.declaration_docx(text, day))
            add("全体专利权人同意书.docx", "全体专利权人同意书（待签章）", data=docs.consent_docx(text, day))
            add("许可使用费估算依据和方法说明.docx", "许可使用费估算依据和方法说明",
                data=docs.fee_note_docx(text.patent_number, text.title, view.fee_note or "", day))
            rows.append(docs.EntryRow(text, tuple(in_folder)))
        for file_name, description, a, _line in scans:
            add(file_name, description, source=a.path, expected_sha256=a.sha256)
        if not withdrawal:
            rows[-1] = docs.EntryRow(rows[-1].text, tuple(in_folder))
    if rows:
        files.append(PackageFile("录入表.xlsx", data=docs.entry_sheet(rows, day),
                                 description="开放许可声明录入表（按在线表单顺序）"))
    return files
