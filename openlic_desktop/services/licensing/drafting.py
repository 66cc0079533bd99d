"""Drafting contracts: one contract, or a batch of contracts from one template prepared once.

The patents and their published terms are read here; the documents themselves are made by
documents/contracts/. Files are written atomically; a batch is all-or-nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openlic_desktop.documents.contracts import check, context, render
from openlic_desktop.documents.contracts import pdf as pdf_output  # `pdf` is the flag callers pass
from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.domain.licensing import contract_number
from openlic_desktop.services.licensing.licensees import LicenseeRecord, find_licensee, get_licensee
from openlic_desktop.services.portfolio import resolve_number
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.pricing import load_terms
from openlic_desktop.support import settings as settings_mod
from openlic_desktop.support.errors import InputError, NotFoundError, OpenLicError


def patent_ids_of(ws: Workspace, numbers: Sequence[str]) -> list[int]:
    canonical = [resolve_number(n).canonical for n in numbers]
    with ws.reading() as session:
        found = patent_repo.ids_by_number(session, canonical)
    missing = [n for n in canonical if n not in found]
    if missing:
        raise NotFoundError("PATENT_NOT_FOUND", value=missing[0])
    return [found[n] for n in canonical]


def facts_and_terms(ws: Workspace, patent_ids: Sequence[int], code: str = "CONTRACT_NO_TERMS"):
    with ws.reading() as session:
        facts = patent_repo.get_facts_by_ids(session, list(patent_ids))
        terms = load_terms(session, list(patent_ids))
    out = []
    for pid in patent_ids:
        if pid not in facts:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(pid))
        if pid not in terms or terms[pid].missing_fields():
            raise OpenLicError(code, value=facts[pid].number.canonical)
        out.append(context.ContractPatent(facts[pid], terms[pid]))
    return out


def office_patentee() -> dict[str, str]:
    office = settings_mod.load().office
    return {"name": "", "address": office.address, "contact_person": office.contact_person,
            "contact_phone": office.contact_phone, "contact_email": office.contact_email}


@dataclass(frozen=True)
class Drafted:
    path: Path
    licensee: str
    contract_number: str
    patents: tuple[str, ...]
    template_version: str
    data_sha256: str
    pdf: Path | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "licensee": self.licensee, "contract_number": self.contract_number,
                "patents": list(self.patents), "template_version": self.template_version,
                "data_sha256": self.data_sha256, "pdf": str(self.pdf) if self.pdf else None}


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


def contract_context(ws: Workspace, patent_ids: Sequence[int], licensee: LicenseeRecord, effective: date,
                     template_version: str, number: str | None = None) -> dict[str, Any]:
    items = facts_and_terms(ws, patent_ids)
    return context.build_context(
        number=number or contract_number(effective, licensee.uscc), patentee=office_patentee(), licensee=licensee.party,
        patents=items, effective=effective, template_version=template_version)


def _safe_name(text: str) -> str:
    """A file-name part: no path separators, reserved characters, control characters or leading dots."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" ._")
    return cleaned[:80] or "contract"


def draft_contract(ws: Workspace, numbers: Sequence[str], licensee: str, out: str | Path,
                   template: str | Path | None = None, effective: date | None = None,
                   pdf: bool = False) -> Drafted:
    """One contract for one licensee and one or more patents, written atomically to `out` (.docx)."""
    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise InputError("CONTRACT_OUT_NOT_DOCX", path=str(out))
    ids = patent_ids_of(ws, numbers)
    who = find_licensee(ws, licensee)
    tpl = resolve_template(template)
    info = _require_clean(tpl)
    effective = effective or date.today()
    ctx = contract_context(ws, ids, who, effective, info.version)
    existed = out.exists()
    render.render_to_file(tpl, ctx, out)
    pdf_path = None
    if pdf:
        try:
            [pdf_path] = pdf_output.convert_to_pdf([out], out.parent)
        except OpenLicError:
            if not existed:  # a failed job leaves the folder as it was
                out.unlink(missing_ok=True)
            raise
    return Drafted(out, who.name, ctx["contract"]["number"], tuple(p["application_number"] for p in ctx["patents"]),
                   info.version, context.data_sha256(ctx), pdf_path)


def draft_batch(ws: Workspace, patent_ids: Sequence[int], licensee_ids: Sequence[int], out_dir: str | Path,
                template: str | Path | None = None, effective: date | None = None, pdf: bool = False,
                progress: Callable[[int, int], bool] | None = None) -> list[Drafted]:
    """One contract per licensee, each for all the patents given, into `out_dir`; the template is prepared
    once. All-or-nothing; cancel (progress → False) raises InterruptedError and leaves the folder as it was."""
    if not patent_ids:
        raise InputError("CONTRACT_NO_PATENTS")
    if not licensee_ids:
        raise InputError("CONTRACT_NO_LICENSEES")
    out_dir = Path(out_dir)
    tpl = resolve_template(template)
    info = _require_clean(tpl)
    effective = effective or date.today()
    items = facts_and_terms(ws, patent_ids)
    patentee = office_patentee()
    jobs: list[render.BatchJob] = []
    drafted: list[Drafted] = []
    used: set[str] = set()
    for lid in licensee_ids:
        who = get_licensee(ws, lid)
        number = contract_number(effective, who.uscc)
        ctx = context.build_context(number=number, patentee=patentee, licensee=who.party, patents=items,
                                      effective=effective, template_version=info.version)
        name = f"{_safe_name(number)}_{_safe_name(who.name)}"
        base, n = name, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        path = out_dir / f"{name}.docx"
        jobs.append(render.BatchJob(ctx, path))
        drafted.append(Drafted(path, who.name, number, tuple(p["application_number"] for p in ctx["patents"]),
                               info.version, context.data_sha256(ctx)))
    existed = {d.path for d in drafted if d.path.exists()}
    render.render_batch(tpl, jobs, progress)
    if pdf:
        try:
            pdfs = pdf_output.convert_to_pdf([d.path for d in drafted], out_dir)
        except OpenLicError:
            for d in drafted:
                if d.path not in existed:
                    d.path.unlink(missing_ok=True)
            raise
        drafted = [Drafted(d.path, d.licensee, d.contract_number, d.patents, d.template_version, d.data_sha256, p)
                   for d, p in zip(drafted, pdfs, strict=True)]
    return drafted


def preview_text(ws: Workspace, patent_ids: Sequence[int], licensee_id: int | None,
                 template: str | Path | None = None, effective: date | None = None) -> str:
    """The text of the contract as it would be drafted (for the dialog's preview); sample licensee if none."""
    tpl = resolve_template(template)
    info = render.template_info(tpl)
    effective = effective or date.today()
    if licensee_id is None:
        who = LicenseeRecord(0, "（被许可人）", "", "", "", "")
    else:
        who = get_licensee(ws, licensee_id)
    ctx = contract_context(ws, patent_ids, who, effective, info.version)
    return document_text(render.render_docx(tpl, ctx, strict=False))
