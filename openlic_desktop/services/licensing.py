"""Licensing use-cases: the licensee book (with xlsx import), drafting contracts, licences reached, payments,
deadlines and the follow-up report for the bureau.

Everything returned is a plain value (dataclasses, str, date, Decimal): ORM objects never leave this module.
Every change to facts goes to the audit trail. Drafting writes files atomically; a batch is all-or-nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from openlic_desktop.documents import contracts
from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.identifiers import PatentType, parse_uscc
from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, payment_schedule, term_end
from openlic_desktop.domain.terms import annual_fee, next_due_date, patent_year
from openlic_desktop.intake.headers import normalise_header
from openlic_desktop.intake.readers import open_spreadsheet
from openlic_desktop.services.portfolio import resolve_number
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import licensing as repo
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.storage.pricing import load_terms
from openlic_desktop.support import settings as settings_mod
from openlic_desktop.support.errors import InputError, NotFoundError, OpenLicError
from openlic_desktop.support.files import atomic_write_bytes

# --- licensees ---------------------------------------------------------------------------------------------------

SIZES: dict[str, str] = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}
_SIZE_WORDS = {**{v: k for k, v in SIZES.items()}, **{k: k for k in SIZES},
               "大": "large", "中": "medium", "小": "small", "微": "micro",
               "大型企业": "large", "中型企业": "medium", "小型企业": "small", "微型企业": "micro"}


def parse_size(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    size = _SIZE_WORDS.get(text.lower()) or _SIZE_WORDS.get(text)
    if size is None:
        raise InputError("LICENSEE_BAD_SIZE", value=text)
    return size


@dataclass(frozen=True)
class LicenseeRecord:
    id: int
    name: str
    uscc: str
    address: str = ""
    legal_representative: str = ""
    contact: str = ""
    size: str = ""
    licences: int = 0

    @property
    def party(self) -> contracts.Party:
        return contracts.Party(self.name, self.uscc, self.address, self.legal_representative, self.contact,
                               SIZES.get(self.size, ""))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "uscc": self.uscc, "address": self.address,
                "legal_representative": self.legal_representative, "contact": self.contact, "size": self.size,
                "licences": self.licences}


def _record(row, licences: int = 0) -> LicenseeRecord:
    return LicenseeRecord(row.id, row.name, row.uscc, row.address or "", row.legal_representative or "",
                          row.contact or "", row.size or "", licences)


def _clean_licensee(values: dict[str, Any]) -> dict[str, str]:
    name = re.sub(r"\s+", " ", str(values.get("name") or "")).strip()
    if not name:
        raise InputError("LICENSEE_NAME_MISSING")
    return {
        "name": name,
        "uscc": parse_uscc(str(values.get("uscc") or "")),
        "address": str(values.get("address") or "").strip(),
        "legal_representative": str(values.get("legal_representative") or "").strip(),
        "contact": str(values.get("contact") or "").strip(),
        "size": parse_size(values.get("size")),
    }


def list_licensees(ws: Workspace, search: str = "") -> list[LicenseeRecord]:
    with ws.reading() as session:
        counts = repo.licence_counts(session)
        return [_record(r, counts.get(r.id, 0)) for r in repo.list_licensees(session, search)]


def add_licensee(ws: Workspace, name: str, uscc: str, address: str = "", legal_representative: str = "",
                 contact: str = "", size: str = "") -> LicenseeRecord:
    values = _clean_licensee({"name": name, "uscc": uscc, "address": address,
                              "legal_representative": legal_representative, "contact": contact, "size": size})
    with ws.session() as session:
        existing = repo.by_uscc(session, values["uscc"])
        if existing is not None:
            raise InputError("LICENSEE_EXISTS", uscc=values["uscc"], name=existing.name)
        row = repo.add_licensee(session, values)
        audit.append(session, ws.user, ws.source, [
            AuditEntry("licensee", row.id, row.uscc, "create", k, None, v) for k, v in values.items() if v])
        return _record(row)


def update_licensee(ws: Workspace, licensee_id: int, **changes: Any) -> LicenseeRecord:
    with ws.session() as session:
        row = repo.get_licensee(session, licensee_id)
        if row is None:
            raise NotFoundError("LICENSEE_NOT_FOUND", value=str(licensee_id))
        current = {k: getattr(row, k) for k in repo.LICENSEE_FIELDS}
        values = _clean_licensee({**current, **changes})
        if values["uscc"] != row.uscc:
            other = repo.by_uscc(session, values["uscc"])
            if other is not None:
                raise InputError("LICENSEE_EXISTS", uscc=values["uscc"], name=other.name)
        entries = []
        for k, v in values.items():
            if current[k] != v:
                entries.append(AuditEntry("licensee", row.id, values["uscc"], "update", k, current[k], v))
                setattr(row, k, v)
        if entries:
            repo.touch(row)
            audit.append(session, ws.user, ws.source, entries)
        return _record(row, repo.licence_counts(session).get(row.id, 0))


def find_licensee(ws: Workspace, name_or_uscc: str) -> LicenseeRecord:
    """By USCC (any spelling) first, then by exact name; a name shared by several licensees is refused."""
    text = (name_or_uscc or "").strip()
    with ws.reading() as session:
        try:
            row = repo.by_uscc(session, parse_uscc(text))
        except InputError:
            row = None
        if row is None:
            rows = repo.by_name(session, re.sub(r"\s+", " ", text))
            if len(rows) > 1:
                raise InputError("LICENSEE_AMBIGUOUS", value=text)
            row = rows[0] if rows else None
        if row is None:
            raise NotFoundError("LICENSEE_NOT_FOUND", value=text)
        return _record(row, repo.licence_counts(session).get(row.id, 0))


def get_licensee(ws: Workspace, licensee_id: int) -> LicenseeRecord:
    with ws.reading() as session:
        row = repo.get_licensee(session, licensee_id)
        if row is None:
            raise NotFoundError("LICENSEE_NOT_FOUND", value=str(licensee_id))
        return _record(row, repo.licence_counts(session).get(row.id, 0))


_IMPORT_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("名称", "被许可人", "被许可人名称", "单位名称", "企业名称", "公司名称", "name", "licensee"),
    "uscc": ("统一社会信用代码", "信用代码", "社会信用代码", "uscc", "unifiedsocialcreditcode", "creditcode"),
    "address": ("地址", "住所", "单位地址", "通讯地址", "注册地址", "address"),
    "legal_representative": ("法定代表人", "法人代表", "法人", "legalrepresentative"),
    "contact": ("联系方式", "联系人", "联系电话", "电话", "contact", "phone"),
    "size": ("企业规模", "规模", "企业类型", "size", "enterprisesize"),
}
_HEADER_LOOKUP = {normalise_header(w): key for key, words in _IMPORT_HEADERS.items() for w in words}


@dataclass
class LicenseeImport:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"rows_read": self.rows_read, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected, "rejections": self.rejections}


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def import_licensees(ws: Workspace, path: str | Path, sheet: str | None = None, dry_run: bool = False,
                     lang: str = "zh") -> LicenseeImport:
    """Read a licensee list (xlsx/xls/csv): the header row is found among the first 20 rows by its column names;
    each row is created, updated (same USCC, different details) or left as is; bad rows are reported with their
    sheet row number and code, never dropped silently. One transaction: all rows or none."""
    result = LicenseeImport()
    with open_spreadsheet(path) as book:
        rows = book.rows(sheet)
        mapping: dict[int, str] | None = None
        header_row = 0
        for index, cells in enumerate(rows):
            mapped = {i: _HEADER_LOOKUP[normalise_header(c)] for i, c in enumerate(cells)
                      if normalise_header(c) in _HEADER_LOOKUP}
            if "name" in mapped.values() and "uscc" in mapped.values():
                mapping, header_row = mapped, index
                break
            if index >= 20:
                break
        if mapping is None:
            raise InputError("LICENSEE_IMPORT_NO_HEADER", path=Path(path).name)
        parsed: list[tuple[int, dict[str, str]]] = []
        seen: dict[str, int] = {}
        for offset, cells in enumerate(rows, start=header_row + 2):
            values = {key: _cell_text(cells[i]) if i < len(cells) else "" for i, key in mapping.items()}
            if not any(values.values()):
                continue
            result.rows_read += 1
            try:
                clean = _clean_licensee(values)
            except InputError as exc:
                result.rejected += 1
                result.rejections.append({"row": offset, "code": exc.code, "message": exc.message(lang)})
                continue
            if clean["uscc"] in seen:
                result.rejected += 1
                result.rejections.append({"row": offset, "code": "LICENSEE_EXISTS", "message": InputError(
                    "LICENSEE_EXISTS", uscc=clean["uscc"], name=f"row {seen[clean['uscc']]}").message(lang)})
                continue
            seen[clean["uscc"]] = offset
            parsed.append((offset, clean))
    with ws.session() as session:
        existing = repo.all_by_uscc(session)
        entries: list[AuditEntry] = []
        for _, values in parsed:
            row = existing.get(values["uscc"])
            if row is None:
                if not dry_run:
                    new = repo.add_licensee(session, values)
                    entries.extend(AuditEntry("licensee", new.id, new.uscc, "create", k, None, v)
                                   for k, v in values.items() if v)
                result.created += 1
                continue
            changed = {k: v for k, v in values.items() if v and getattr(row, k) != v}
            if not changed:
                result.unchanged += 1
                continue
            result.updated += 1
            if not dry_run:
                for k, v in changed.items():
                    entries.append(AuditEntry("licensee", row.id, row.uscc, "update", k, getattr(row, k), v))
                    setattr(row, k, v)
                repo.touch(row)
        if entries:
            audit.append(session, ws.user, "import", entries)
        if dry_run:
            session.rollback()
    return result


# --- patents and terms for drafting ------------------------------------------------------------------------------

def _patent_ids(ws: Workspace, numbers: Sequence[str]) -> list[int]:
    canonical = [resolve_number(n).canonical for n in numbers]
    with ws.reading() as session:
        found = patent_repo.ids_by_number(session, canonical)
    missing = [n for n in canonical if n not in found]
    if missing:
        raise NotFoundError("PATENT_NOT_FOUND", value=missing[0])
    return [found[n] for n in canonical]


def _facts_and_terms(ws: Workspace, patent_ids: Sequence[int], code: str = "CONTRACT_NO_TERMS"):
    with ws.reading() as session:
        facts = patent_repo.get_facts_by_ids(session, list(patent_ids))
        terms = load_terms(session, list(patent_ids))
    out = []
    for pid in patent_ids:
        if pid not in facts:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(pid))
        if pid not in terms or terms[pid].missing_fields():
            raise OpenLicError(code, value=facts[pid].number.canonical)
        out.append(contracts.ContractPatent(facts[pid], terms[pid]))
    return out


def office_patentee() -> dict[str, str]:
    office = settings_mod.load().office
    return {"name": "", "address": office.address, "contact_person": office.contact_person,
            "contact_phone": office.contact_phone, "contact_email": office.contact_email}


def contract_number(effective: date, licensee: LicenseeRecord) -> str:
    return f"KF{effective:%Y%m%d}-{licensee.uscc[-6:]}"


# --- drafting ----------------------------------------------------------------------------------------------------

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
    return Path(template) if template else contracts.default_template_path()


def default_template_path() -> Path:
    return contracts.default_template_path()


def pdf_available() -> bool:
    """LibreOffice was found on PATH: PDF output can be offered (it is never required)."""
    return contracts.find_soffice() is not None


def check_template(template: str | Path | None) -> contracts.TemplateCheck:
    return contracts.check_template(resolve_template(template))


def _require_clean(template: Path) -> contracts.TemplateInfo:
    info = contracts.template_info(template)
    if template.resolve() != contracts.default_template_path().resolve():
        check = contracts.check_template(template)
        if not check.ok:
            first = check.defects[0]
            raise InputError("CONTRACT_TEMPLATE_CHECK_FAILED", count=len(check.defects),
                             first=f"{first.code} {first.where} {first.detail}".strip())
    return info


def contract_context(ws: Workspace, patent_ids: Sequence[int], licensee: LicenseeRecord, effective: date,
                     template_version: str, number: str | None = None) -> dict[str, Any]:
    items = _facts_and_terms(ws, patent_ids)
    return contracts.build_context(
        number=number or contract_number(effective, licensee), patentee=office_patentee(), licensee=licensee.party,
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
    ids = _patent_ids(ws, numbers)
    who = find_licensee(ws, licensee)
    tpl = resolve_template(template)
    info = _require_clean(tpl)
    effective = effective or date.today()
    ctx = contract_context(ws, ids, who, effective, info.version)
    existed = out.exists()
    contracts.render_to_file(tpl, ctx, out)
    pdf_path = None
    if pdf:
        try:
            [pdf_path] = contracts.convert_to_pdf([out], out.parent)
        except OpenLicError:
            if not existed:  # a failed job leaves the folder as it was
                out.unlink(missing_ok=True)
            raise
    return Drafted(out, who.name, ctx["contract"]["number"], tuple(p["application_number"] for p in ctx["patents"]),
                   info.version, contracts.data_sha256(ctx), pdf_path)


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
    items = _facts_and_terms(ws, patent_ids)
    patentee = office_patentee()
    jobs: list[contracts.BatchJob] = []
    drafted: list[Drafted] = []
    used: set[str] = set()
    for lid in licensee_ids:
        who = get_licensee(ws, lid)
        number = contract_number(effective, who)
        ctx = contracts.build_context(number=number, patentee=patentee, licensee=who.party, patents=items,
                                      effective=effective, template_version=info.version)
        name = f"{_safe_name(number)}_{_safe_name(who.name)}"
        base, n = name, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        path = out_dir / f"{name}.docx"
        jobs.append(contracts.BatchJob(ctx, path))
        drafted.append(Drafted(path, who.name, number, tuple(p["application_number"] for p in ctx["patents"]),
                               info.version, contracts.data_sha256(ctx)))
    existed = {d.path for d in drafted if d.path.exists()}
    contracts.render_batch(tpl, jobs, progress)
    if pdf:
        try:
            pdfs = contracts.convert_to_pdf([d.path for d in drafted], out_dir)
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
    info = contracts.template_info(tpl)
    effective = effective or date.today()
    if licensee_id is None:
        who = LicenseeRecord(0, "（被许可人）", "", "", "", "")
    else:
        who = get_licensee(ws, licensee_id)
    ctx = contract_context(ws, patent_ids, who, effective, info.version)
    return contracts.document_text(contracts.render_docx(tpl, ctx, strict=False))


# --- licences ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PaymentRecord:
    id: int
    kind: str
    period_start: date | None
    period_end: date | None
    due_date: date
    amount_due: Decimal | None
    received_on: date | None
    amount_received: Decimal | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "due_date": _iso(self.due_date),
                "period_start": _iso(self.period_start), "period_end": _iso(self.period_end),
                "amount_due": _money(self.amount_due), "received_on": _iso(self.received_on),
                "amount_received": _money(self.amount_received)}


@dataclass(frozen=True)
class LicenceRecord:
    id: int
    patent_id: int
    application_number: str
    title: str
    licensee_id: int
    licensee: str
    licensee_uscc: str
    effective_date: date
    contract_number: str
    terms: PricingTerms
    term_end: date | None
    free_end: date | None
    trial_end: date | None
    recording_deadline: date
    recorded_on: date | None
    report_submitted_on: date | None
    payments: tuple[PaymentRecord, ...] = ()

    @property
    def amount_due(self) -> Decimal:
        return sum((p.amount_due or Decimal(0) for p in self.payments), Decimal("0.00"))

    @property
    def amount_received(self) -> Decimal:
        return sum((p.amount_received or Decimal(0) for p in self.payments), Decimal("0.00"))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "application_number": self.application_number, "patent_number": "ZL" +
            self.application_number, "title": self.title, "licensee": self.licensee,
            "licensee_uscc": self.licensee_uscc, "date": _iso(self.effective_date),
            "contract_number": self.contract_number, "terms": self.terms.canonical(),
            "terms_summary": self.terms.summary("zh"), "term_end": _iso(self.term_end),
            "free_end": _iso(self.free_end), "trial_end": _iso(self.trial_end),
            "recording_deadline": _iso(self.recording_deadline), "recorded_on": _iso(self.recorded_on),
            "report_submitted_on": _iso(self.report_submitted_on),
            "amount_due": _money(self.amount_due), "amount_received": _money(self.amount_received),
            "payments": [p.to_json() for p in self.payments],
        }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal | None) -> str | None:
    return str(value.quantize(Decimal("0.01"))) if value is not None else None


def _dec(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _payment(row) -> PaymentRecord:
    return PaymentRecord(row.id, row.kind, row.period_start, row.period_end, row.due_date, _dec(row.amount_due),
                         row.received_on, _dec(row.amount_received))


# The template's "于 X 起 30 日内" for lump sums and entry fees; the first day is not counted (Civil Code art. 201).
LUMP_SUM_DAYS = 30
ROYALTY_SETTLE_MONTHS = 3  # royalties settled within 3 months after each period


def payments_due(terms: PricingTerms, effective: date, last_day: date | None) -> list[dict[str, Any]]:
    """The payments a licence on `terms` creates, from the pricing schedule (issue 5's arithmetic): entry fee and
    lump sum due within 30 days of payment starting; each royalty period settled within 3 months after it ends
    (its amount known only when sales are reported). Periods after the licence's last day are dropped."""
    if terms.mode is PricingMode.FREE or terms.missing_fields():
        return []
    schedule = payment_schedule(terms, effective, annual_sales=Decimal(0), annual_profit=Decimal(0))
    out = []
    for period in schedule.periods:
        if last_day is not None and period.start > last_day:
            continue
        end = min(period.end, last_day) if last_day else period.end
        kind = period.kind.value
        if kind == "free":
            continue
        if kind in ("entry-fee", "lump-sum"):
            out.append({"kind": kind, "period_start": period.start, "period_end": end,
                        "due_date": period.start + timedelta(days=LUMP_SUM_DAYS),
                        "amount_due": str(period.amount)})
        else:
            out.append({"kind": kind, "period_start": period.start, "period_end": end,
                        "due_date": add_months(end, ROYALTY_SETTLE_MONTHS), "amount_due": None})
    return out


def _licence_record(row, number, title, licensee, uscc, payments) -> LicenceRecord:
    return LicenceRecord(
        row.id, row.patent_id, number, title or "", row.licensee_id, licensee, uscc, row.effective_date,
        row.contract_number or "", PricingTerms.from_canonical(row.terms), row.term_end, row.free_end,
        row.trial_end, contracts.recording_deadline(row.effective_date), row.recorded_on, row.report_submitted_on,
        tuple(_payment(p) for p in payments))


def add_licence(ws: Workspace, number: str, licensee: str, effective: date,
                contract_number_text: str = "") -> LicenceRecord:
    """Record a licence reached under the open offer, on the patent's published terms (snapshot)."""
    [pid] = _patent_ids(ws, [number])
    who = find_licensee(ws, licensee)
    [item] = _facts_and_terms(ws, [pid], code="LICENCE_NO_TERMS")
    facts, terms = item.facts, item.terms
    last_day = contracts.licence_end(effective, terms, facts.expiry_date)
    free = int(terms.free_months or 0) if terms.mode.is_paid else 0
    trial = int(terms.trial_months or 0) if (terms.pay_after_trial and terms.mode.is_paid) else 0
    values = {
        "patent_id": pid, "licensee_id": who.id, "effective_date": effective,
        "contract_number": contract_number_text or contract_number(effective, who),
        "terms": terms.canonical(), "term_end": last_day,
        "free_end": term_end(effective, free) if free else None,
        "trial_end": term_end(effective, trial) if trial else None,
    }
    payments = payments_due(terms, effective, last_day)
    with ws.session() as session:
        if repo.find_licence(session, pid, who.id, effective) is not None:
            raise InputError("LICENCE_DUPLICATE", value=facts.number.canonical, licensee=who.name,
                             date=effective.isoformat())
        try:
            row = repo.add_licence(session, values, payments)
        except IntegrityError:
            raise InputError("LICENCE_DUPLICATE", value=facts.number.canonical, licensee=who.name,
                             date=effective.isoformat()) from None
        audit.append(session, ws.user, ws.source, [
            AuditEntry("licence", row.id, facts.number.canonical, "create", "licensee", None, who.uscc),
            AuditEntry("licence", row.id, facts.number.canonical, "create", "effective_date", None,
                       effective.isoformat()),
            AuditEntry("licence", row.id, facts.number.canonical, "create", "terms", None,
                       terms.summary("zh")),
        ])
        stored = repo.payments_of(session, [row.id])[row.id]
        return _licence_record(row, facts.number.canonical, facts.title, who.name, who.uscc, stored)


def list_licences(ws: Workspace, patent_id: int | None = None, licensee_id: int | None = None) -> list[LicenceRecord]:
    with ws.reading() as session:
        rows = repo.licences(session, patent_id, licensee_id)
        pays = repo.payments_of(session, [r[0].id for r in rows])
        return [_licence_record(r[0], r[1], r[2], r[4], r[5], pays.get(r[0].id, [])) for r in rows]


def _update_licence(ws: Workspace, licence_id: int, field_name: str, value: date | None) -> None:
    with ws.session() as session:
        row = repo.get_licence(session, licence_id)
        if row is None:
            raise NotFoundError("LICENCE_NOT_FOUND", value=str(licence_id))
        old = getattr(row, field_name)
        if old == value:
            return
        setattr(row, field_name, value)
        audit.append(session, ws.user, ws.source, [AuditEntry(
            "licence", row.id, str(row.id), "update", field_name, _iso(old), _iso(value))])


def mark_recorded(ws: Workspace, licence_id: int, on: date | None) -> None:
    """The contract was recorded with CNIPA on `on` (None: not recorded)."""
    _update_licence(ws, licence_id, "recorded_on", on)


def mark_report_submitted(ws: Workspace, licence_id: int, on: date | None) -> None:
    _update_licence(ws, licence_id, "report_submitted_on", on)


def record_payment(ws: Workspace, payment_id: int, on: date | None, amount: Decimal | None) -> None:
    """A payment received (or, with None, un-received)."""
    if isinstance(amount, float):
        raise TypeError("money must be Decimal")
    with ws.session() as session:
        row = repo.get_payment(session, payment_id)
        if row is None:
            raise NotFoundError("PAYMENT_NOT_FOUND", value=str(payment_id))
        new_amount = _money(amount) if amount is not None else None
        entries = []
        if row.received_on != on:
            entries.append(AuditEntry("licence", row.licence_id, str(payment_id), "payment", "received_on",
                                      _iso(row.received_on), _iso(on)))
            row.received_on = on
        if row.amount_received != new_amount:
            entries.append(AuditEntry("licence", row.licence_id, str(payment_id), "payment", "amount_received",
                                      row.amount_received, new_amount))
            row.amount_received = new_amount
        if entries:
            audit.append(session, ws.user, ws.source, entries)


# --- deadlines ---------------------------------------------------------------------------------------------------

DEADLINE_KINDS: dict[str, tuple[str, str]] = {
    "recording": ("合同备案（国家知识产权局，生效后3个月内）", "Record the contract with CNIPA (3 months)"),
    "free_period_end": ("阶段性免费期届满", "End of the staged free period"),
    "trial_end": ("试用期届满", "End of the trial"),
    "term_end": ("许可期限届满", "End of the licence term"),
    "payment_due": ("许可使用费到期", "Licence fee due"),
    "annual_fee": ("专利年费（开放许可期间减缴15%）", "Annual fee (15 % open-licence reduction)"),
    "evaluation_report": ("许可实施效果评价报告（报主管部门）", "Evaluation report on the licence (to the bureau)"),
}
REPORT_MONTHS = 12  # the follow-up report on a licence's effect is asked for a year after it took effect [ours]


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: date
    days_left: int
    application_number: str
    title: str
    licensee: str = ""
    licence_id: int | None = None
    amount: Decimal | None = None
    detail: str = ""

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def label(self, lang: str = "zh") -> str:
        zh, en = DEADLINE_KINDS[self.kind]
        return zh if lang.startswith("zh") else en

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "due": self.due.isoformat(), "days_left": self.days_left,
                "overdue": self.overdue, "application_number": self.application_number,
                "patent_number": "ZL" + self.application_number, "title": self.title,
                "licensee": self.licensee or None, "licence_id": self.licence_id,
                "amount": _money(self.amount), "detail": self.detail}


def annual_fee_deadline(patent_type: PatentType, filing: date, paid_until: date, expiry: date | None,
                        ) -> tuple[date, Decimal] | None:
    """The next annual fee after the paid period, with the open-licence reduction: (due date, amount)."""
    due = next_due_date(filing, paid_until)
    if expiry is not None and due > expiry:
        return None
    year = patent_year(filing, due)
    try:
        return due, annual_fee(patent_type, year, open_licence=True)
    except ValueError:
        return None


def deadlines(ws: Workspace, today: date | None = None, within: int | None = None,
              kinds: Sequence[str] | None = None) -> list[Deadline]:
    """What needs doing, soonest first. Actions still open (recording, payments, reports, annual fees) are listed
    even when overdue; dates that only pass (end of free period, trial, term) only while still ahead.
    `within`: only deadlines due at most that many days from today (overdue ones included)."""
    today = today or date.today()
    horizon = today + timedelta(days=within) if within is not None else None
    wanted = set(kinds) if kinds else set(DEADLINE_KINDS)
    out: list[Deadline] = []

    def add(kind: str, due: date | None, number: str, title: str, *, passive: bool = False, **kw: Any) -> None:
        if due is None or kind not in wanted:
            return
        if passive and due < today:
            return
        if horizon is not None and due > horizon:
            return
        out.append(Deadline(kind, due, (due - today).days, number, title, **kw))

    licences = list_licences(ws)
    for lic in licences:
        common = {"licensee": lic.licensee, "licence_id": lic.id}
        if lic.recorded_on is None:
            add("recording", lic.recording_deadline, lic.application_number, lic.title, **common)
        add("free_period_end", lic.free_end, lic.application_number, lic.title, passive=True, **common)
        add("trial_end", lic.trial_end, lic.application_number, lic.title, passive=True, **common)
        add("term_end", lic.term_end, lic.application_number, lic.title, passive=True, **common)
        for p in lic.payments:
            if p.received_on is None:
                add("payment_due", p.due_date, lic.application_number, lic.title, amount=p.amount_due,
                    detail=p.kind, **common)
        if lic.report_submitted_on is None:
            add("evaluation_report", add_months(lic.effective_date, REPORT_MONTHS), lic.application_number,
                lic.title, **common)
    if "annual_fee" in wanted:
        with ws.reading() as session:
            ids = set(repo.priced_patent_ids(session)) | {lic.patent_id for lic in licences}
            rows = repo.fee_rows(session, sorted(ids))
        for row in rows:
            if row.filing_date is None or row.fees_paid_until is None or row.status in ("lapsed", "expired"):
                continue
            found = annual_fee_deadline(PatentType(row.patent_type), row.filing_date, row.fees_paid_until,
                                        row.expiry_date)
            if found is not None:
                due, amount = found
                add("annual_fee", due, row.application_number, row.title or "", amount=amount,
                    detail=f"第{patent_year(row.filing_date, due)}年度")
    out.sort(key=lambda d: (d.due, d.kind, d.application_number, d.licensee))
    return out


# --- the follow-up report for the bureau -------------------------------------------------------------------------

REPORT_COLUMNS = (
    ("专利号", "patent_number"), ("专利名称", "title"), ("被许可人", "licensee"), ("统一社会信用代码", "uscc"),
    ("合同编号", "contract_number"), ("生效日期", "date"), ("许可期限至", "term_end"), ("许可条件", "terms"),
    ("应收金额（元）", "due"), ("已收金额（元）", "received"), ("备案日期", "recorded_on"),
)


def follow_up_report(ws: Workspace, out: str | Path) -> Path:
    """An xlsx for the bureau: one row per licence reached (patent × licensee) with amounts due and received,
    then a sheet of totals per patent. Text cells are written as strings (no formula injection)."""
    import io

    import xlsxwriter

    items = list_licences(ws)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    money_fmt = book.add_format({"num_format": "#,##0.00", "border": 1})
    text_fmt = book.add_format({"border": 1})
    sheet = book.add_worksheet("已达成许可")
    for col, (title, _) in enumerate(REPORT_COLUMNS):
        sheet.write_string(0, col, title, head)
    for r, lic in enumerate(sorted(items, key=lambda x: (x.application_number, x.licensee)), start=1):
        values = {
            "patent_number": "ZL" + lic.application_number, "title": lic.title, "licensee": lic.licensee,
            "uscc": lic.licensee_uscc, "contract_number": lic.contract_number,
            "date": lic.effective_date.isoformat(), "term_end": _iso(lic.term_end) or "",
            "terms": lic.terms.summary("zh"), "recorded_on": _iso(lic.recorded_on) or "",
        }
        for col, (_, key) in enumerate(REPORT_COLUMNS):
            if key == "due":
                sheet.write_number(r, col, float(lic.amount_due), money_fmt)
            elif key == "received":
                sheet.write_number(r, col, float(lic.amount_received), money_fmt)
            else:
                sheet.write_string(r, col, values[key], text_fmt)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 2, 28)
    sheet.set_column(3, 10, 16)
    sheet.freeze_panes(1, 0)
    totals = book.add_worksheet("按专利汇总")
    for col, title in enumerate(("专利号", "专利名称", "许可数", "被许可人", "应收金额（元）", "已收金额（元）")):
        totals.write_string(0, col, title, head)
    by_patent: dict[str, list[LicenceRecord]] = {}
    for lic in items:
        by_patent.setdefault(lic.application_number, []).append(lic)
    for r, (number, group) in enumerate(sorted(by_patent.items()), start=1):
        totals.write_string(r, 0, "ZL" + number, text_fmt)
        totals.write_string(r, 1, group[0].title, text_fmt)
        totals.write_number(r, 2, len(group), text_fmt)
        totals.write_string(r, 3, "；".join(sorted({g.licensee for g in group})), text_fmt)
        totals.write_number(r, 4, float(sum((g.amount_due for g in group), Decimal(0))), money_fmt)
        totals.write_number(r, 5, float(sum((g.amount_received for g in group), Decimal(0))), money_fmt)
    totals.set_column(0, 0, 20)
    totals.set_column(1, 1, 28)
    totals.set_column(3, 5, 18)
    book.close()
    atomic_write_bytes(out, buffer.getvalue())
    return Path(out)


def export_deadlines(items: Sequence[Deadline], out: str | Path, lang: str = "zh") -> Path:
    """The deadlines shown, as xlsx (text as strings, dates as ISO text, amounts as numbers)."""
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
    sheet = book.add_worksheet("期限")
    zh = lang.startswith("zh")
    titles = (("到期日", "剩余天数", "事项", "专利号", "专利名称", "被许可人", "金额（元）", "说明") if zh else
              ("Due", "Days left", "What", "Patent No.", "Title", "Licensee", "Amount (CNY)", "Detail"))
    for col, title in enumerate(titles):
        sheet.write_string(0, col, title, head)
    for r, d in enumerate(items, start=1):
        sheet.write_string(r, 0, d.due.isoformat())
        sheet.write_number(r, 1, d.days_left)
        sheet.write_string(r, 2, d.label(lang))
        sheet.write_string(r, 3, "ZL" + d.application_number)
        sheet.write_string(r, 4, d.title)
        sheet.write_string(r, 5, d.licensee)
        if d.amount is not None:
            sheet.write_number(r, 6, float(d.amount))
        sheet.write_string(r, 7, d.detail)
    sheet.set_column(0, 7, 16)
    book.close()
    atomic_write_bytes(out, buffer.getvalue())
    return Path(out)


def parse_amount(value: str) -> Decimal:
    """A CNY amount typed by a user ("50,000", "50000.5"); refused unless a non-negative number."""
    from openlic_desktop.domain.pricing import money

    amount = money(value)
    if amount < 0:
        raise InputError("PRICING_BAD_NUMBER", value=str(value))
    return amount


def parse_day(value: str) -> date:
    parsed = parse_date(value)
    if parsed is None:
        raise InputError("BAD_DATE", value=value)
    return parsed
