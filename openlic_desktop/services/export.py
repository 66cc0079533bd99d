"""Export a submission package for a bureau: pre-flight, the files, the zip, the e-mail drafts, the record.

    pre = preflight(ws, ["202110123456.7", ...] | None, "zhejiang")      # None: every ready patent
    result = build(ws, pre, ExportOptions(out_dir=...), progress=...)

Rules this module owns
- The readiness rules (services.readiness.check) run first. A package NEVER contains a patent with a blocker:
  those are returned in `excluded` with their codes, and `build` re-checks right before packing (a change made
  between the wizard's pre-flight and the build cannot slip a blocked patent in).
- All output is staged in a hidden folder inside the output folder and moved into place at the very end, so a
  cancel or an error leaves the output folder as it was (and the database: the submission record is committed
  after the files are in place, and the files are removed again if that commit fails).
- Same inputs and the same day → byte-identical zip (documents/package.py) and identical .eml drafts.
Thread rule: any thread; progress(done, total) returning False cancels (InterruptedError).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openlic_desktop.documents import email as mail
from openlic_desktop.documents import info_table
from openlic_desktop.documents.letters import LetterContext, LetterPatent, cover_letter, notes_document
from openlic_desktop.documents.package import (
    PackageFile,
    PackageResult,
    build_package,
    join_name,
    sanitise_component,
)
from openlic_desktop.domain import fee_notes as fee_notes_rules
from openlic_desktop.domain.dates import zh_date
from openlic_desktop.domain.declarations import DeclarationContent
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.profiles import BureauProfile
from openlic_desktop.domain.readiness import PLEDGEE_CONSENT
from openlic_desktop.services import audit_trail
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.support import debris
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError, OpenLicError
from openlic_desktop.support.files import atomic_write_bytes

Progress = Callable[[int, int], bool]
TYPE_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}
STATUS_ZH = {"in_force": "有效", "pending": "审中", "lapsed": "失效", "expired": "届满", "unknown": "未知"}
ENCUMBRANCE_ZH = {"exclusive-licence": "独占许可", "sole-licence": "排他许可", "ordinary-licence": "普通许可",
                  "pledge": "质押", "dispute": "权属纠纷", "preservation": "保全", "transfer": "转让",
                  "other-obstacle": "其他妨碍实施的情形"}
NOTES_TITLE = "许可使用费估算依据和方法说明"   # as the declaration's attachment is called
FOLDERS = {"letters": "02_承诺函", "reports": "03_评价报告", "contract": "05_合同样本", "consents": "06_共有人同意书",
           "pledgees": "07_质权人同意书"}


# --- pre-flight ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Excluded:
    patent_id: int
    application_number: str
    codes: tuple[str, ...]
    messages: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"application_number": self.application_number, "codes": list(self.codes)}


@dataclass
class Preflight:
    profile: BureauProfile
    included: list[tuple[int, str]]            # (patent id, application number) without blockers
    excluded: list[Excluded] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)  # number → warning codes (they do not block)
    today: date = field(default_factory=date.today)
    # the profile wants fee-estimation notes and these included patents have none: said once, as a group
    fee_notes_missing: list[str] = field(default_factory=list)
    # "CODE:number" → that patent's warning in words, as the pre-flight found it (services.export_warnings)
    said: dict[str, str] = field(default_factory=dict)

    def fee_notes_message(self, lang: str = "zh") -> str:
        from openlic_desktop.support.messages import render

        if not self.fee_notes_missing:
            return ""
        return render("FEE_NOTES_MISSING", lang, count=len(self.fee_notes_missing), first=self.fee_notes_missing[0])


def preflight(ws: Workspace, items: Sequence[int | str] | None, profile_code: str | None,
              today: date | None = None, lang: str = "zh") -> Preflight:
    """Run the readiness rules. `items` None = every ready patent (`--all-ready`); then only patents whose offer
    was withdrawn (or which were transferred) are reported as excluded, so they are never left out unnoticed."""
    from openlic_desktop.services import readiness, withdrawals
    from openlic_desktop.services.readiness import finding_message
    from openlic_desktop.support.messages import render

    profile = profile_service.get_profile(profile_code)
    if profile.regime == "statutory":  # one patent per declaration to CNIPA: services.declaration_export packs those
        raise InputError("EXPORT_STATUTORY_PROFILE", profile=profile.code)
    today = today or date.today()
    results = readiness.check(ws, None if items is None else list(items), profile=profile, today=today)
    # a withdrawn (or transferred) offer is never packaged again unnoticed: left out, also from --all-ready
    withdrawn = withdrawals.withdrawn(ws, [r.patent_id for r in results])
    pre = Preflight(profile, [], today=today)
    for r in results:
        gone = withdrawn.get(r.patent_id)
        if gone is not None:
            params = {"number": r.application_number, "date": gone.withdrawn_on.isoformat(),
                      "party": gone.transferee or "—"}
            pre.excluded.append(Excluded(r.patent_id, r.application_number, (gone.code,),
                                         (render(gone.code, lang, **params),)))
        elif r.ready:
            pre.included.append((r.patent_id, r.application_number))
            if r.warnings:
                pre.warnings[r.application_number] = [f.code for f in r.warnings]
                for f in r.warnings:
                    key, text = f"{f.code}:{r.application_number}", finding_message(f, lang)
                    pre.said[key] = f"{pre.said[key]}；{text}" if key in pre.said else text
        elif items is not None:
            pre.excluded.append(Excluded(r.patent_id, r.application_number, tuple(f.code for f in r.blockers),
                                         tuple(finding_message(f, lang) for f in r.blockers)))
    _sealed_letters(ws, pre, lang)
    if profile.fee_note and pre.included:
        from openlic_desktop.services import pricing

        notes = pricing.notes_for(ws, [pid for pid, _ in pre.included])
        pre.fee_notes_missing = [number for pid, number in pre.included if not notes.get(pid)]
    return pre


def letter_groups(profile: BureauProfile, patentees_of: dict[int, Sequence[str]], ordered: Sequence[int],
                  ) -> list[tuple[tuple[str, ...], list[int]]]:
    """The commitment letters of a package, as the profile wants them: one per patentee set (each sealed by
    exactly its patentees), one per patent, or one for the whole batch."""
    from openlic_desktop.domain.licensing import patentee_sets

    if profile.commitment_letter_per == "patent":
        return [(tuple(patentees_of[pid]), [pid]) for pid in ordered]
    if profile.commitment_letter_per == "batch":
        names: dict[str, None] = {}
        for pid in ordered:
            names.update(dict.fromkeys(patentees_of[pid]))
        return [(tuple(names), list(ordered))]
    return patentee_sets([(pid, patentees_of[pid]) for pid in ordered])


def _sealed_letters(ws: Workspace, pre: Preflight, lang: str) -> None:
    """Each commitment letter of the package needs its sealed scan (a sealed-commitment attachment on any of its
    patents): a warning, or — when the profile says `sealed_letter_required` — the letter's patents are left out."""
    from openlic_desktop.services import attachments as attachment_service
    from openlic_desktop.storage import patents as patent_repo
    from openlic_desktop.support.messages import render

    ids = [pid for pid, _ in pre.included]
    if not ids:
        return
    with ws.reading() as session:
        facts = patent_repo.get_facts_by_ids(session, ids)
    files = attachment_service.attachments_for(ws, ids, verify=False)
    sealed = {pid for pid in ids if any(a.kind == "sealed-commitment" for a in files.get(pid, []))}
    number = dict(pre.included)
    ordered = sorted(ids, key=lambda pid: facts[pid].number.search_key)
    left_out: set[int] = set()
    for owners, group in letter_groups(pre.profile, {pid: facts[pid].patentees for pid in ids}, ordered):
        if sealed & set(group):
            continue
        message = render("SEALED_LETTER_MISSING", lang, owners="、".join(owners))
        for pid in group:
            if pre.profile.sealed_letter_required:
                left_out.add(pid)
                pre.excluded.append(Excluded(pid, number[pid], ("SEALED_LETTER_MISSING",), (message,)))
            else:
                pre.warnings.setdefault(number[pid], []).append("SEALED_LETTER_MISSING")
                pre.said[f"SEALED_LETTER_MISSING:{number[pid]}"] = message
    pre.included = [(pid, n) for pid, n in pre.included if pid not in left_out]


# --- options and result ----------------------------------------------------------------------------------------
@dataclass
class ExportOptions:
    out_dir: Path
    table_template: Path | None = None
    email: bool = False
    commitment_letters: bool = True
    reports: bool = True
    fee_notes: bool | None = None        # None: as the profile says
    contract_sample: bool | None = None  # None: as the profile says
    batch_name: str = ""                 # record a submission (draft) in this batch; "" = no record
    template_mapping: dict[str, str] | None = None  # header → field as corrected by the user (None: the profile's)


@dataclass
class ExportResult:
    package: Path
    sha256: str
    size: int
    patents: list[str]
    excluded: list[Excluded]
    files: list[str]
    emails: list[Path]
    warnings: list[str] = field(default_factory=list)
    submission_id: int | None = None
    messages: dict[str, str] = field(default_factory=dict)  # warning → its words (services.export_warnings)

    def message_of(self, warning: str) -> str:
        return self.messages.get(warning, warning)

    def to_json(self) -> dict[str, Any]:
        """The keys of cli.md (`export --json`), plus sha256, warnings (codes) and warning_messages (code,
        detail and words of each)."""
        from openlic_desktop.services import export_warnings

        return {"package": str(self.package), "patents": self.patents,
                "excluded": [e.to_json() for e in self.excluded], "files": self.files,
                "emails": [str(p) for p in self.emails], "sha256": self.sha256, "warnings": self.warnings,
                "warning_messages": export_warnings.to_json(self.warnings, self.messages)}


# --- the bureau's blank template: the import's header knowledge plus our table fields ---------------------------
# our fields the import's synonym table does not know (pricing, licence terms): extra synonyms for intake.headers
EXTRA_SYNONYMS: dict[str, tuple[str, ...]] = {
    "payment_mode": ("许可使用费支付方式", "支付方式", "付费方式", "许可费支付方式", "payment method", "payment mode"),
    "payment_standard": ("许可使用费标准", "许可使用费支付标准", "支付标准", "许可使用费", "许可费标准", "许可费",
                         "使用费标准", "收费标准",
                         "payment standard", "licence fee", "license fee", "royalty"),
    "licence_term": ("许可期限", "许可期间", "许可年限", "licence term", "license term", "term"),
    "licence_type": ("许可类型", "许可方式", "许可种类", "licence type", "license type"),
    "territory": ("许可地域范围", "地域范围", "许可范围", "实施地域", "territory"),
    "evaluation_report": ("专利权评价报告", "评价报告", "检索分析报告", "评价报告/检索报告", "evaluation report"),
    "encumbrance": ("质押情况", "质押及许可情况", "权利负担", "encumbrance", "encumbrances"),
    "contact_address": ("通讯地址", "联系地址", "地址", "address"),
    "seq": ("序号",),
}
# intake.headers calls the application number `number`; the table calls it `application_number`
_FROM_INTAKE = {"number": "application_number"}
# a 专利号 column of a bureau table wants ZL + number (the import reads such a column as the number itself)
_PATENT_NUMBER_WORDS = ("专利号", "专利证号", "授权专利号", "patentno", "patentnumber", "patentno.")


def header_matcher(saved: dict[str, str] | None = None) -> Callable[[str], str | None]:
    """Header text → our table field: the user's saved corrections first, then the import's synonyms."""
    from openlic_desktop.domain.profiles import TABLE_FIELDS
    from openlic_desktop.intake.headers import match_header, normalise_header

    corrections = {normalise_header(h): f for h, f in (saved or {}).items()}

    def match(text: str) -> str | None:
        norm = normalise_header(text)
        if norm in corrections:
            return corrections[norm] or None
        if norm in _PATENT_NUMBER_WORDS:
            return "patent_number"
        fld = match_header(text, EXTRA_SYNONYMS)
        fld = _FROM_INTAKE.get(fld, fld) if fld else None
        return fld if fld in TABLE_FIELDS else None

    return match


def find_header(rows: list[list[Any]]) -> int | None:
    from openlic_desktop.intake.headers import HeaderNotFound, find_header_row

    try:
        return find_header_row(rows, EXTRA_SYNONYMS)[0]
    except HeaderNotFound:
        return None


def inspect_template(path: str | Path, saved: dict[str, str] | None = None) -> info_table.TemplateMapping:
    """Where the header of the bureau's blank template is and how its columns map (the wizard shows this and
    lets the user correct it; `profiles.save_template_mapping` keeps the corrections)."""
    return info_table.inspect_template(path, header_matcher(saved), find_header)


# --- rows --------------------------------------------------------------------------------------------------------
def _report_text(facts: PatentFacts, reports: list[Any]) -> str:
    if facts.patent_type is not None and not facts.patent_type.needs_evaluation_report:
        return "不适用（发明专利）"
    parts = []
    for a in reports:
        label = "专利权评价报告" if a.kind == "evaluation-report" else "检索分析报告"
        detail = "，".join(x for x in (f"编号{a.report_no}" if a.report_no else "",
                                       f"{zh_date(a.report_date)}作出" if a.report_date else "",
                                       _conclusion_words(a, facts.patent_type is PatentType.DESIGN)) if x)
        parts.append(f"{label}（{detail}）" if detail else label)
    return "；".join(parts) or "无"


def _conclusion_words(report: Any, design: bool = False) -> str:
    """A report's preliminary conclusion in the words the report itself uses (初步结论：…). A design has no
    claims: its report concludes on the design(s) it shows."""
    if report.kind == "evaluation-report":
        if report.conclusion == "favourable":
            return f"初步结论：全部{'外观设计' if design else '权利要求'}未发现存在不符合授予专利权条件的缺陷"
        if report.conclusion == "unfavourable":
            if design:
                what = f"外观设计（{report.claims}）" if report.claims else "外观设计"
            else:
                what = f"权利要求{report.claims}" if report.claims else "部分权利要求"
            return f"初步结论：{what}不符合授予专利权条件"
        return ""
    if report.conclusion == "favourable":
        return "检索结论：未发现影响新颖性、创造性的对比文件"
    if report.conclusion == "unfavourable":
        return "检索结论：存在影响新颖性或者创造性的对比文件"
    return ""


def _encumbrance_text(record: Any, today: date) -> str:
    if record is None:
        return ""
    items = []
    for e in record.encumbrances:
        if e.end is not None and e.end < today:
            continue
        text = ENCUMBRANCE_ZH.get(e.kind, e.kind)
        if e.kind == "pledge" and e.consent:
            text += "（质权人书面同意）"
        items.append(text)
    return "、".join(items) or "无"


def table_row(seq: int, facts: PatentFacts, terms: Any, reports: list[Any], record: Any, office: Any,
              today: date) -> dict[str, Any]:
    """One information-table row (fields of domain.profiles.TABLE_FIELDS) from plain values."""
    from openlic_desktop.domain.pricing_words import term_as_stated, terms_in_words

    kind = facts.patent_type.value if facts.patent_type else ""
    words = terms_in_words(terms, expiry=facts.expiry_date) if terms is not None else None
    # the declaration's words for the same fact, its day as Chinese texts write it
    term = term_as_stated(words.term, words.until_expiry, facts.expiry_date) if words is not None else ""
    # the declaration's rule: a phone is published beside the person it belongs to, never the office's person
    # beside a patent record's nameless number
    contact = DeclarationContent().with_contact(
        (facts.contact_person, facts.contact_phone, facts.contact_email, ""),
        (office.contact_person, office.contact_phone, office.contact_email, ""))
    return {
        "seq": seq,
        "patent_number": facts.number.patent_number,
        "application_number": facts.number.canonical,
        "title": facts.title,
        "patent_type": TYPE_ZH.get(kind, kind),
        "patentees": list(facts.patentees),
        "inventors": list(facts.inventors),
        "filing_date": facts.filing_date,
        "grant_date": facts.grant_date,
        "expiry_date": facts.expiry_date,
        "status": STATUS_ZH.get(facts.effective_status(today).value, ""),
        "ipc": facts.ipc,
        "industry": facts.industry,
        "department": facts.department,
        "description": facts.description,
        "licence_type": "普通许可",
        "territory": getattr(terms, "territory", "") or "中国境内",
        "payment_mode": words.mode if words else "",
        "payment_standard": words.standard if words else "",
        "licence_term": term,
        "evaluation_report": _report_text(facts, reports),
        "encumbrance": _encumbrance_text(record, today),
        "contact_person": contact.contact_person,
        "contact_phone": contact.contact_phone,
        "contact_email": contact.contact_email,
        "contact_address": office.address,
        "remarks": "",
    }


def _json_row(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


# --- the files -----------------------------------------------------------------------------------------------
@dataclass
class _Gathered:
    facts: dict[int, PatentFacts]
    terms: dict[int, Any]
    notes: dict[int, str]
    attachments: dict[int, list[Any]]
    records: dict[int, Any]


def _gather(ws: Workspace, ids: list[int], profile: BureauProfile, today: date) -> _Gathered:
    from openlic_desktop.services import attachments as attachment_service
    from openlic_desktop.services import pricing as pricing_service
    from openlic_desktop.services import readiness
    from openlic_desktop.storage import patents as patent_repo

    with ws.reading() as session:
        facts = patent_repo.get_facts_by_ids(session, ids)
        records = readiness.load_records(session, ids, profile, today)
    return _Gathered(facts, pricing_service.terms_for(ws, ids), pricing_service.notes_for(ws, ids),
                     attachment_service.attachments_for(ws, ids, verify=False), records)


def _unique(name: str, taken: set[str]) -> str:
    if name.casefold() not in taken:
        taken.add(name.casefold())
        return name
    stem, dot, ext = name.rpartition(".")
    for i in range(2, 10_000):
        candidate = f"{stem}_{i}.{ext}" if dot else f"{name}_{i}"
        if candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
    raise InputError("PACKAGE_DUPLICATE_ENTRY", name=name)


def package_files(ws: Workspace, pre: Preflight, options: ExportOptions, office: Any,
                  gathered: _Gathered | None = None, progress: Progress | None = None,
                  ) -> tuple[list[PackageFile], list[dict[str, Any]], list[str]]:
    """Every file of the package (not yet zipped), the table rows, and warnings. `progress(stage, 6)` is called
    between the stages (the documents of 1,000 patents take seconds): False cancels (InterruptedError)."""
    stage = 0

    def tick() -> None:
        nonlocal stage
        stage += 1
        if progress is not None and not progress(stage, 6):
            raise InterruptedError("cancelled")

    from openlic_desktop.documents.commitment_letter import LetterPatent as CommitmentPatent
    from openlic_desktop.documents.commitment_letter import build_commitment_letter, letter_bytes
    from openlic_desktop.domain.commitments import rests_on_search_report
    from openlic_desktop.services.attachments import AttachmentInfo
    from openlic_desktop.services.licensing import patentees as patentee_book

    profile, today = pre.profile, pre.today
    ids = [pid for pid, _ in pre.included]
    g = gathered or _gather(ws, ids, profile, today)
    # the table lists inventions, then utility models, then designs (the order the law names them), by number
    kinds = ("invention", "utility_model", "design")

    def type_rank(pid: int) -> int:
        kind = g.facts[pid].patent_type.value if g.facts[pid].patent_type else ""
        return kinds.index(kind) if kind in kinds else len(kinds)

    ordered = sorted(ids, key=lambda pid: (type_rank(pid), g.facts[pid].number.search_key))
    warnings: list[str] = []
    files: list[PackageFile] = []
    taken: set[str] = set()

    def add(name: str, **kw: Any) -> None:
        files.append(PackageFile(_unique(name, taken), **kw))

    rows = []
    for seq, pid in enumerate(ordered, 1):
        reports = [a for a in g.attachments.get(pid, []) if a.kind in ("evaluation-report", "search-report")]
        rows.append(table_row(seq, g.facts[pid], g.terms.get(pid), reports, g.records.get(pid), office, today))

    tick()
    # the table's title rows are text a bureau reads: its day as Chinese texts write it (2026年12月7日)
    context = {"office": office.name, "date": zh_date(today), "province": profile.province,
               "bureau": profile.bureau, "count": len(rows)}
    moment = datetime.combine(today, time())
    people = patentee_book.natural_persons(ws)  # they sign the table's footer and the letters; units seal
    if options.table_template is not None:
        saved = profile.template_mapping if options.template_mapping is None else options.template_mapping
        mapping = inspect_template(options.table_template, saved)
        if mapping.unmapped:
            warnings.append("TEMPLATE_COLUMNS_UNMAPPED:" + "、".join(mapping.unmapped))
        if mapping.active_content:
            warnings.append("TEMPLATE_ACTIVE_CONTENT_REMOVED:" + "、".join(mapping.active_content[:20]))
        table = info_table.fill_template(options.table_template, mapping, rows, moment, profile.layout.date_format)
    else:
        table = info_table.write_profile_table(profile.layout, rows, context, moment, people)
    add(join_name("_".join(x for x in ("01_专利许可信息表", office.name.strip()) if x) + ".xlsx"), data=table,
        description="专利许可信息表")

    tick()
    # commitment letters (generated) and the sealed scans where attached
    if options.commitment_letters:
        patentees_of = {pid: g.facts[pid].patentees for pid in ordered}
        # one letter per patentee set (each sealed by exactly the patentees it names — a thousand solely owned
        # patents make one letter, not a thousand), per patent, or one for the batch, as the profile says
        for owners, pids in letter_groups(profile, patentees_of, ordered):
            pats = [CommitmentPatent(g.facts[p].number.canonical, g.facts[p].title, kind, tuple(g.facts[p].patentees),
                                     rests_on_search_report(kind, [(a.kind, a.conclusion)
                                                                   for a in g.attachments.get(p, [])]))
                    for p in pids for kind in [g.facts[p].patent_type.value if g.facts[p].patent_type else ""]]
            data = letter_bytes(build_commitment_letter(pats, profile.commitments, bureau=profile.bureau,
                                                        people=people), today)
            if profile.commitment_letter_per == "patent":
                number = g.facts[pids[0]].number
                add(join_name(FOLDERS["letters"], f"{number.patent_number}_承诺函.docx"), data=data,
                    description="承诺函（待盖章）", patent=number.canonical)
            elif profile.commitment_letter_per == "batch":
                add(join_name(FOLDERS["letters"], "承诺函.docx"), data=data, description="承诺函（待盖章）")
            else:
                add(join_name(FOLDERS["letters"], f"承诺函_{'、'.join(owners) or '专利权人'}.docx"), data=data,
                    description="承诺函（待盖章）")
    for pid in ordered:
        number = g.facts[pid].number
        for a in g.attachments.get(pid, []):
            a: AttachmentInfo
            suffix = "." + ("jpg" if a.file_type == "jpeg" else a.file_type)
            if a.kind == "sealed-commitment" and options.commitment_letters:
                name, folder, what = f"{number.patent_number}_承诺函（盖章扫描件）{suffix}", "letters", "承诺函盖章扫描件"
            elif a.kind == "evaluation-report" and options.reports:
                name, folder, what = f"{number.patent_number}_专利权评价报告{suffix}", "reports", "专利权评价报告"
            elif a.kind == "search-report" and options.reports:
                name, folder, what = f"{number.patent_number}_检索分析报告{suffix}", "reports", "检索分析报告"
            elif a.kind == "consent" and options.commitment_letters:
                name, folder, what = f"{number.patent_number}_共有人同意书{suffix}", "consents", "共有人书面同意"
            elif a.kind == PLEDGEE_CONSENT and options.commitment_letters:  # a pledged patent may be offered only so
                name, folder, what = f"{number.patent_number}_质权人同意书{suffix}", "pledgees", "质权人书面同意"
            else:
                continue
            add(join_name(FOLDERS[folder], name), source=a.path, expected_sha256=a.sha256, description=what,
                patent=number.canonical)

    tick()
    fee_notes = profile.fee_note if options.fee_notes is None else options.fee_notes
    if fee_notes:
        # one document with a section per patent (a document per patent costs ~50 ms each with python-docx)
        sections = []
        for pid in ordered:
            number = g.facts[pid].number
            text = g.notes.get(pid)
            if not text:
                warnings.append(f"FEE_NOTE_MISSING:{number.canonical}")
                continue
            if fee_notes_rules.unfinished(text):
                warnings.append(f"FEE_NOTE_UNFINISHED:{number.canonical}")  # a gap the draft left, sent as it is
            if fee_notes_rules.contradictions(text, g.facts[pid], g.terms.get(pid)):
                # drafted before the price changed: it restates terms the information table no longer has
                warnings.append(f"FEE_NOTE_TERMS_CHANGED:{number.canonical}")
            sections.append((f"{number.patent_number}　{g.facts[pid].title}",
                             "\n".join(fee_notes_rules.body_lines(text, number.patent_number))))
        if sections:
            add("04_许可使用费估算说明.docx", data=notes_document(NOTES_TITLE, sections, today),
                description=NOTES_TITLE)

    tick()
    if profile.contract_sample if options.contract_sample is None else options.contract_sample:
        sample = _contract_sample(ws, g, ordered, today, profile)
        if sample is None:
            warnings.append("CONTRACT_SAMPLE_SKIPPED")
        else:
            add(join_name(FOLDERS["contract"], "专利开放许可合同样本.docx"), data=sample, description="合同样本")

    tick()
    ctx = LetterContext(profile.bureau, office.name, today, office.contact_person, office.contact_phone,
                        office.contact_email, office.address, options.batch_name,
                        attachments=_enclosure_lines(files))
    letter_patents = [LetterPatent(r["patent_number"], r["title"], r["patent_type"], "、".join(r["patentees"]))
                      for r in rows]
    add("00_报送函.docx", data=cover_letter(ctx, letter_patents), description="报送函")
    tick()
    return files, rows, warnings


def _enclosure_lines(files: list[PackageFile]) -> list[str]:
    counts: dict[str, int] = {}
    for f in files:
        counts[f.description] = counts.get(f.description, 0) + 1
    return [f"{what}（{n}份）" for what, n in counts.items()] + ["材料清单及文件校验值（清单.xlsx、manifest.json）"]


def _contract_sample(ws: Workspace, g: _Gathered, ordered: list[int], today: date,
                     profile: BureauProfile | None = None) -> bytes | None:
    """附件2 合同样本: the contract of the first priced patent as the bureau will see it — its licensors from the
    patentee book, the licensee, the contract number and every date left as lines to fill in by hand. A pilot
    package's sample is a pilot contract naming the bureau (never a statutory one reciting a CNIPA announcement)."""
    from openlic_desktop.documents import print_setup
    from openlic_desktop.documents.contracts import context, render
    from openlic_desktop.documents.ooxml import reproducible
    from openlic_desktop.domain.licensing import Party, Regime
    from openlic_desktop.services.licensing import patentees

    example = next((pid for pid in ordered if g.terms.get(pid) is not None), None)
    if example is None:
        return None
    blank = "＿" * 8
    regime = Regime() if profile is None or profile.regime == "statutory" else Regime("pilot", profile.bureau)
    fields = context.as_blank_sample(context.build_context(
        number=blank, licensors=patentees.parties(ws, g.facts[example].patentees),
        licensee=Party(blank, blank, blank, blank, blank),
        patents=[context.ContractPatent(g.facts[example], g.terms[example])], effective=today,
        template_version="sample", regime=regime))
    data = render.render_docx(render.default_template_path(), fields)
    return reproducible(print_setup.docx_bytes(data), datetime.combine(today, time()))


def _fill_name(pattern: str, field: str, profile: BureauProfile, values: dict[str, Any]) -> str:
    """A profile's name pattern filled in. A value not known (a general profile has no province) is left out
    with the separator it leaves behind; the profile's own label never stands in for it."""
    try:
        text = pattern.format(**values)
    except (KeyError, IndexError, ValueError):
        raise InputError("PROFILE_INVALID", file=profile.code, reason=f"{field} {pattern!r}") from None
    return re.sub(r"_{2,}", "_", text).strip("_ ")


def _name_values(profile: BureauProfile, office: Any, today: date, batch: str, count: int) -> dict[str, Any]:
    return {"province": profile.province, "office": office.name or "", "date": today.isoformat(), "batch": batch,
            "count": count, "bureau": profile.bureau}


def package_name(profile: BureauProfile, office: Any, today: date, batch: str, count: int) -> str:
    values = _name_values(profile, office, today, batch, count)
    return sanitise_component(_fill_name(profile.package_name, "package_name", profile, values), 150) + ".zip"


def email_subject(profile: BureauProfile, office: Any, today: date, count: int) -> str:
    values = _name_values(profile, office, today, "", count)
    return _fill_name(profile.email_subject, "email_subject", profile, values)


# --- e-mail ------------------------------------------------------------------------------------------------------
def _email_body(profile: BureauProfile, office: Any, rows: list[dict[str, Any]], package: str) -> str:
    from openlic_desktop.documents.letters import type_breakdown

    breakdown = type_breakdown([r["patent_type"] for r in rows])
    lines = [f"{profile.bureau}：" if profile.bureau else "您好：", "",
             (f"　　{office.name or '我单位'}现报送专利开放许可材料，共{len(rows)}件专利（{breakdown}）。"
              f"材料包 {package} 内含专利许可信息表、承诺函、评价报告等，文件清单及SHA-256校验值见包内清单.xlsx。"),
             "　　请予审核。如有问题请与我们联系。", ""]
    lines += [x for x in (office.name, f"联系人：{office.contact_person}" if office.contact_person else "",
                          f"电话：{office.contact_phone}" if office.contact_phone else "",
                          f"邮箱：{office.contact_email}" if office.contact_email else "") if x]
    return "\n".join(lines)


def _volumes(files: list[PackageFile], limit_mb: int) -> list[list[PackageFile]]:
    """Package files spread over volumes that each fit one mail (with their own 清单 and manifest)."""
    # base64 takes 4/3; keep room for each volume's own 清单.xlsx + manifest.json and the zip's per-entry headers
    budget = (limit_mb * 1024 * 1024 - mail.HEADER_MARGIN) * 3 // 4 - 32 * 1024 - 512 * len(files)
    first = [f for f in files if not f.name.startswith(tuple(FOLDERS.values()))]  # table + cover letter
    rest = [f for f in files if f not in first]
    groups: list[list[PackageFile]] = [list(first)]
    used = sum(f.size() for f in first)
    for f in sorted(rest, key=lambda x: x.name):
        size = f.size()
        if size > budget:
            raise OpenLicError("ATTACHMENT_TOO_LARGE", name=f.name, size_mb=f"{size / 1048576:.1f}",
                               limit_mb=str(limit_mb))
        if used + size > budget:
            groups.append([])
            used = 0
        groups[-1].append(f)
        used += size
    return groups


def recipient_location(profile: BureauProfile) -> Path:
    """Where the user writes the bureau's address: the user copy of the profile (made from the shipped one)."""
    return profile_service.user_profile_dir() / f"{profile.code}.toml"


def require_recipient(profile: BureauProfile) -> None:
    """Sending needs the bureau's address: refused (exit 2) before anything is built."""
    if not profile.email:
        raise InputError("EMAIL_RECIPIENT_MISSING", profile=profile.code, path=str(recipient_location(profile)))


def write_emails(stage: Path, profile: BureauProfile, office: Any, rows: list[dict[str, Any]],
                 files: list[PackageFile], package: PackageResult, meta: dict[str, Any], today: date,
                 progress: Progress | None = None) -> list[Path]:
    """The .eml drafts into `stage`: one mail with the zip, or numbered mails each carrying one volume zip. A
    profile without the bureau's address still gets its drafts, To left empty for the user to fill in (the
    caller warns); only sending refuses."""
    if not office.contact_email:
        raise InputError("EMAIL_SENDER_MISSING")
    subject = email_subject(profile, office, today, len(rows))
    body = _email_body(profile, office, rows, package.path.name)
    limit = profile.email_limit_mb * 1024 * 1024
    if mail.encoded_size(package.size) + mail.HEADER_MARGIN <= limit:
        attachments = [[mail.Attachment(package.path.name, source=package.path)]]
    else:
        groups = _volumes(files, profile.email_limit_mb)
        attachments = []
        vol_dir = stage / ".volumes"
        for i, group in enumerate(groups, 1):
            name = package.path.stem + f"_分卷{i}-{len(groups)}.zip"
            result = build_package(vol_dir / name, group, today, meta | {"volume": f"{i}/{len(groups)}"},
                                   progress=(lambda d, t: progress(d, t)) if progress else None)
            attachments.append([mail.Attachment(name, source=result.path)])
    paths = []
    total = len(attachments)
    for i, group in enumerate(attachments, 1):
        (msg,) = mail.build_messages(sender=office.contact_email, sender_name=office.name, recipient=profile.email or "",
                                     subject=subject + (f"（{i}/{total}）" if total > 1 else ""), body=body
                                     + (f"\n\n（第{i}封，共{total}封；分卷压缩包各自附有清单与校验值）" if total > 1 else ""),
                                     attachments=group, limit_mb=profile.email_limit_mb, day=today)
        name = sanitise_component(package.path.stem + (f"_{i}of{total}" if total > 1 else "") + ".eml")
        target = stage / name
        atomic_write_bytes(target, msg.as_bytes())
        paths.append(target)
    return paths


# --- build ---------------------------------------------------------------------------------------------------
@contextlib.contextmanager
def _staging(out_dir: Path):
    out_dir.mkdir(parents=True, exist_ok=True)
    # tracked: a crash mid-export leaves the folder to the next start's sweep (support.debris)
    with debris.staging_folder(out_dir, ".openlic-export-") as stage:
        yield stage


def build(ws: Workspace, pre: Preflight, options: ExportOptions, progress: Progress | None = None,
          lang: str = "zh") -> ExportResult:
    """Build the package (and drafts) for the pre-flight's patents; see the module docstring for the rules."""
    profile, today = pre.profile, pre.today
    if not pre.included:
        raise OpenLicError("NOTHING_TO_EXPORT")
    # re-check right before packing: a blocker that appeared since the pre-flight excludes the patent now
    again = preflight(ws, [pid for pid, _ in pre.included], profile.code, today, lang)
    pre = Preflight(profile, again.included, [*pre.excluded, *again.excluded], again.warnings, today,
                    said=again.said)
    if not pre.included:
        raise OpenLicError("NOTHING_TO_EXPORT")
    office = settings_module.load().office
    files, rows, warnings = package_files(ws, pre, options, office, progress=progress)
    # what the pre-flight noted per patent (a commitment letter without its sealed scan, fees in the grace period…)
    # goes out with the package: a clerk rejects an unsealed letter, so the user must hear of it
    noted = {f"{code}:{number}" for number, codes in pre.warnings.items() for code in codes}
    warnings = [*sorted(noted - set(warnings)), *warnings]
    name = package_name(profile, office, today, options.batch_name, len(rows))
    meta = {"profile": profile.code, "bureau": profile.bureau, "office": office.name,
            "patents": [r["application_number"] for r in rows], "batch": options.batch_name or None,
            # the audit trail's head as the package was made: an anchor outside the database (audit verify --against)
            "audit": audit_trail.head(ws).to_json()}
    out_dir = Path(options.out_dir)

    def step(done: int, total: int) -> bool:
        return progress(done, total) if progress is not None else True

    with _staging(out_dir) as stage:
        package = build_package(stage / name, files, today, meta, progress=step)
        emails = write_emails(stage, profile, office, rows, files, package, meta, today, step) \
            if options.email else []
        if options.email and not profile.email:
            warnings.append(f"EMAIL_RECIPIENT_MISSING:{recipient_location(profile)}")
        if not step(1, 1):
            raise InterruptedError("cancelled")
        submission_id = None
        moved: list[Path] = []
        try:
            final_package = out_dir / package.path.name
            finals = [out_dir / p.name for p in emails]
            if options.batch_name:
                from openlic_desktop.services import batches

                submission_id = batches.record_submission(
                    ws, options.batch_name, profile.code, today, final_package, package.sha256, package.size,
                    [(r["application_number"], _json_row(r)) for r in rows], commit_hook=lambda: _move_all(
                        [package.path, *emails], [final_package, *finals], moved))
            else:
                _move_all([package.path, *emails], [final_package, *finals], moved)
        except BaseException:
            for p in moved:
                with contextlib.suppress(OSError):
                    p.unlink()
            raise
    from openlic_desktop.services import export_warnings

    messages = {w: export_warnings.message_of(w, lang, profile=profile.code, said=pre.said) for w in warnings}
    return ExportResult(final_package, package.sha256, package.size, [r["application_number"] for r in rows],
                        pre.excluded, [*package.names, "manifest.json"], finals, warnings, submission_id, messages)


def _move_all(sources: list[Path], targets: list[Path], moved: list[Path]) -> None:
    for src, dst in zip(sources, targets, strict=True):
        os.replace(src, dst)
        moved.append(dst)
