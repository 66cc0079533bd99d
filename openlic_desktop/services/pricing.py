"""Pricing use-cases: set terms for one or many patents (audited), presets on a selection with a preview and undo,
the payment schedule, reference data by industry, and the fee-estimation note.

Everything returned is a plain value. Each change of terms or note goes to the audit trail as
entity "patent", field "pricing" / "fee_note", old → new (canonical JSON), in the same transaction as the change.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from openlic_desktop.domain import fee_notes
from openlic_desktop.domain.findings import Finding, Severity
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import (
    PricingMode,
    PricingTerms,
    RoyaltyBase,
    Schedule,
    payment_schedule,
    pricing_findings,
)
from openlic_desktop.domain.profiles import BureauProfile
from openlic_desktop.intake.headers import HeaderNotFound, find_columns
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.services.portfolio import resolve_number
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import declarations as declaration_repo
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage import pricing as repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.support import paths
from openlic_desktop.support.errors import InputError, NotFoundError, OpenLicError

# "far above" the reference [ours]: a fixed fee above 3× the average fixed amount, a rate above 2× the average rate
FAR_ABOVE_AMOUNT_FACTOR = Decimal(3)
FAR_ABOVE_RATE_FACTOR = Decimal(2)


def _canon_text(terms: PricingTerms | None) -> str | None:
    return json.dumps(terms.canonical(), ensure_ascii=False, sort_keys=True) if terms is not None else None


def _numbers(session, ids: Sequence[int]) -> dict[int, str]:
    return repo.numbers_of(session, list(ids))


# --- terms ---------------------------------------------------------------------------------------------------

def get_terms(ws: Workspace, patent_id: int) -> PricingTerms | None:
    with ws.reading() as session:
        return repo.load_terms(session, [patent_id]).get(patent_id)


def terms_for(ws: Workspace, patent_ids: Sequence[int]) -> dict[int, PricingTerms]:
    with ws.reading() as session:
        return repo.load_terms(session, patent_ids)


def ids_for_numbers(ws: Workspace, numbers: Sequence[str]) -> dict[str, int]:
    """Canonical number → id for the numbers given (any accepted form); unknown numbers are refused."""
    canonical = [resolve_number(n).canonical for n in numbers]
    with ws.reading() as session:
        found = patent_repo.ids_by_number(session, canonical)
    for number in canonical:
        if number not in found:
            raise NotFoundError("PATENT_NOT_FOUND", value=number)
    return {n: found[n] for n in canonical}


def frozen_by_declaration(session, patent_ids: Sequence[int]) -> set[int]:
    """The patents whose statutory declaration is filed, announced or being withdrawn: their terms are the ones
    declared to CNIPA until the withdrawal is announced, so they cannot change here (withdraw and declare anew)."""
    return {pid for pid, row in declaration_repo.open_rows(session, list(patent_ids)).items() if row.state != "draft"}


def _write(session, ws: Workspace, changes: dict[int, PricingTerms | None], preset: str = "",
           source: str | None = None) -> list[int]:
    """Write the changes that differ from what is stored, with their audit entries; returns changed ids. Refused
    as a whole (DECLARATION_TERMS_FROZEN) when a patent's terms are frozen by its filed declaration."""
    before = repo.load_terms(session, list(changes))
    real = {pid: t for pid, t in changes.items() if before.get(pid) != t}  # equal values ⇔ equal canonical
    if not real:
        return []
    numbers = _numbers(session, list(real))
    frozen = frozen_by_declaration(session, list(real))
    if frozen:
        raise OpenLicError("DECLARATION_TERMS_FROZEN", numbers="、".join(numbers[pid] for pid in real if pid in frozen))
    repo.save_terms(session, real, preset=preset)
    texts: dict[PricingTerms | None, str | None] = {}  # a batch shares few distinct values: encode each once

    def text(terms: PricingTerms | None) -> str | None:
        if terms not in texts:
            texts[terms] = _canon_text(terms)
        return texts[terms]

    audit.append(session, ws.user, source or ws.source, [
        AuditEntry("patent", pid, numbers.get(pid, ""), "update", "pricing", text(before.get(pid)), text(t))
        for pid, t in real.items()])
    return list(real)


def set_terms(ws: Workspace, patent_ids: Sequence[int], terms: PricingTerms | None, *,
              complete: bool = True, source: str | None = None) -> list[int]:
    """Give every patent in `patent_ids` these terms (None removes them). Refuses inconsistent terms
    (InputError); `complete=False` lets an editor save terms still missing a field (PRICING_MISSING then)."""
    if terms is not None:
        terms.check_consistent(complete=complete)
    with ws.session() as session:
        known = _numbers(session, patent_ids)
        for pid in patent_ids:
            if pid not in known:
                raise NotFoundError("PATENT_NOT_FOUND", value=str(pid))
        return _write(session, ws, {pid: terms for pid in patent_ids}, source=source)


def set_terms_for_numbers(ws: Workspace, numbers: Sequence[str], terms: PricingTerms) -> list[str]:
    """CLI form of `set_terms`; returns the canonical numbers whose terms changed."""
    terms.check_consistent(complete=True)
    ids = ids_for_numbers(ws, numbers)
    changed = set(set_terms(ws, list(ids.values()), terms))
    return [n for n, pid in ids.items() if pid in changed]


def own_terms(terms: PricingTerms, expiry: date | None, today: date) -> PricingTerms | str:
    """`terms` with a term that runs from `today` to the patent's own last day in force (`expiry`); or the code
    of why no term fits (EXPIRY_UNKNOWN, EXPIRY_TOO_CLOSE: less than a month is left)."""
    from openlic_desktop.domain.pricing import term_until_expiry

    months = term_until_expiry(today, expiry) if expiry is not None else 0
    if months < 1:
        return "EXPIRY_UNKNOWN" if expiry is None else "EXPIRY_TOO_CLOSE"
    return terms.with_changes(term_months=months, until_expiry=True).check_consistent(complete=True)


@dataclass
class PriceOutcome:
    """What `price_patents` stored, and what each patent's terms now break (per patent, in the order named)."""

    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    term_months: dict[str, int] = field(default_factory=dict)          # number → the term stored
    findings: dict[str, tuple[Finding, ...]] = field(default_factory=dict)  # number → pricing findings
    skipped: dict[str, str] = field(default_factory=dict)               # number → code (nothing stored)


def price_patents(ws: Workspace, numbers: Sequence[int | str], terms: PricingTerms, *, until_expiry: bool = False,
                  today: date | None = None, profile: BureauProfile | None = None,
                  source: str | None = None) -> PriceOutcome:
    """Give these patents `terms` in one transaction and report, per patent, the pricing rules they break.

    `until_expiry`: each patent's term runs from `today` to its own last day in force (`terms.term_months` is
    ignored); a patent whose last day is unknown or less than a month away is skipped with a code
    (EXPIRY_UNKNOWN, EXPIRY_TOO_CLOSE). Terms that break a rule (past expiry, below the profile's minimum …) are
    stored as given all the same: the findings say so, and readiness blocks them until they are fixed."""
    from openlic_desktop.services.readiness import resolve_ids

    today = today or date.today()
    profile = profile or profile_service.get_profile(None)
    terms.check_consistent(complete=not until_expiry)
    outcome = PriceOutcome()
    with ws.session() as session:
        pairs = resolve_ids(session, numbers)
        rows = patent_repo.list_rows(session, [pid for pid, _ in pairs])
        frozen = frozen_by_declaration(session, [pid for pid, _ in pairs])
        wanted: dict[int, PricingTerms] = {}
        for pid, number in pairs:
            if pid in frozen:
                outcome.skipped[number] = "DECLARATION_TERMS_FROZEN"
                continue
            expiry = rows[pid].expiry_date
            own = own_terms(terms, expiry, today) if until_expiry else terms
            if isinstance(own, str):
                outcome.skipped[number] = own
                continue
            wanted[pid] = own
            outcome.term_months[number] = int(own.term_months or 0)
            found = tuple(pricing_findings(own, expiry, profile, today))
            if found:
                outcome.findings[number] = found
        changed = set(_write(session, ws, wanted, source=source)) if wanted else set()
    for pid, number in pairs:
        if pid in wanted:
            (outcome.changed if pid in changed else outcome.unchanged).append(number)
    return outcome


def summaries(ws: Workspace, patent_ids: Sequence[int], lang: str = "zh") -> dict[int, PricingTerms]:
    """Terms for the portfolio columns (kept as values; the face formats them)."""
    return terms_for(ws, patent_ids)


# --- presets -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Preset:
    name: str
    terms: PricingTerms


def list_presets(ws: Workspace) -> list[Preset]:
    with ws.reading() as session:
        return [Preset(n, t) for n, t in repo.list_presets(session)]


def get_preset(ws: Workspace, name: str) -> Preset:
    with ws.reading() as session:
        terms = repo.get_preset(session, name)
    if terms is None:
        raise NotFoundError("PRESET_NOT_FOUND", name=name)
    return Preset(name, terms)


def save_preset(ws: Workspace, name: str, terms: PricingTerms) -> Preset:
    name = name.strip()
    if not name:
        raise InputError("PRESET_NAME_EMPTY")
    terms.check_consistent(complete=True)
    with ws.session() as session:
        repo.put_preset(session, name, terms)
        audit.append(session, ws.user, ws.source, [AuditEntry("pricing_preset", None, name, "update", "terms",
                                                              None, _canon_text(terms))])
    return Preset(name, terms)


def delete_preset(ws: Workspace, name: str) -> None:
    with ws.session() as session:
        if not repo.delete_preset(session, name):
            raise NotFoundError("PRESET_NOT_FOUND", name=name)
        audit.append(session, ws.user, ws.source, [AuditEntry("pricing_preset", None, name, "delete")])


@dataclass(frozen=True)
class PreviewRow:
    patent_id: int
    application_number: str
    title: str
    findings: tuple[Finding, ...]

    @property
    def blocked(self) -> bool:
        return any(f.is_blocker for f in self.findings)


def preview(ws: Workspace, patent_ids: Sequence[int], terms: PricingTerms, profile: BureauProfile | None = None,
            today: date | None = None, start: date | None = None, *, until_expiry: bool = False) -> list[PreviewRow]:
    """The patents of the selection that would break a pricing rule under `terms`, and why (in selection order).
    `until_expiry`: each patent's term runs to its own last day in force; one where no term fits is a blocker. A
    patent whose terms are frozen by its filed declaration is a blocker too."""
    profile = profile or profile_service.get_profile(None)
    today = today or date.today()
    with ws.reading() as session:
        rows = patent_repo.list_rows(session, list(patent_ids))
        frozen = frozen_by_declaration(session, list(patent_ids))
    out: list[PreviewRow] = []
    for pid in patent_ids:
        row = rows.get(pid)
        if row is None:
            continue
        if pid in frozen:  # applying would be refused for the whole selection: a blocker, skipped when asked
            out.append(PreviewRow(pid, row.application_number, row.title or "", (Finding(
                "DECLARATION_TERMS_FROZEN", Severity.BLOCKER, {"numbers": row.application_number}, "pricing"),)))
            continue
        own = own_terms(terms, row.expiry_date, today) if until_expiry else terms
        if isinstance(own, str):
            out.append(PreviewRow(pid, row.application_number, row.title or "",
                                  (Finding(own, Severity.BLOCKER, {}, "pricing.term_months"),)))
            continue
        findings = pricing_findings(own, row.expiry_date, profile, today, start)
        if findings:
            out.append(PreviewRow(pid, row.application_number, row.title or "", tuple(findings)))
    return out


@dataclass(frozen=True)
class ApplyResult:
    application_id: int
    changed: int
    label: str


def apply_to_selection(ws: Workspace, patent_ids: Sequence[int], terms: PricingTerms, label: str = "", *,
                       until_expiry: bool = False, today: date | None = None) -> ApplyResult:
    """Apply one set of terms (a preset or typed terms) to a selection, in one transaction, remembering what each
    patent had before so that `undo_last_application` can put it back. `until_expiry`: each patent's term runs
    from `today` to its own last day in force (a patent where no term fits is left as it was); the application
    is recorded without a term, which is how undo knows that each patent's term was its own."""
    terms.check_consistent(complete=not until_expiry)
    ids = list(dict.fromkeys(patent_ids))
    today = today or date.today()
    with ws.session() as session:
        known = _numbers(session, ids)
        missing = [pid for pid in ids if pid not in known]
        if missing:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(missing[0]))
        before = repo.load_terms(session, ids)
        if until_expiry:
            rows = patent_repo.list_rows(session, ids)
            owned = {pid: own_terms(terms, rows[pid].expiry_date, today) for pid in ids}
            wanted = {pid: t for pid, t in owned.items() if not isinstance(t, str)}
            terms = terms.with_changes(term_months=None, until_expiry=True)
        else:
            wanted = {pid: terms for pid in ids}
        changed = _write(session, ws, wanted, preset=label)
        own_months = {pid: int(wanted[pid].term_months or 0) for pid in changed} if until_expiry else None
        app_id = repo.record_application(session, ws.user, label, terms,
                                         {pid: before.get(pid) for pid in changed}, own_months)
    return ApplyResult(app_id, len(changed), label)


@dataclass(frozen=True)
class UndoResult:
    application_id: int
    label: str
    restored: int


def last_application_label(ws: Workspace) -> str | None:
    with ws.reading() as session:
        app = repo.last_application(session)
        return None if app is None else (app.label or f"#{app.id}")


def undo_last_application(ws: Workspace) -> UndoResult:
    """Put back the terms the last (not yet undone) batch application replaced. Refused when any of those
    patents was edited again since: undoing would silently drop that later edit."""
    with ws.session() as session:
        app = repo.last_application(session)
        if app is None:
            raise OpenLicError("PRICING_NOTHING_TO_UNDO")
        shared = PricingTerms.from_canonical(app.terms)
        own_months = app.terms.get("own_months")  # applied until expiry: each patent had its own term

        def applied(pid: int) -> dict[str, Any]:
            if own_months is None:
                return shared.canonical()
            return shared.with_changes(term_months=own_months.get(str(pid))).canonical()

        before = {int(k): (PricingTerms.from_canonical(v) if v is not None else None) for k, v in app.before.items()}
        now = repo.load_terms(session, list(before))
        still_there = _numbers(session, list(before))  # a patent deleted since has nothing to restore
        conflicts = [pid for pid in before if pid in still_there
                     and (now.get(pid).canonical() if now.get(pid) else None) != applied(pid)]
        if conflicts:
            raise OpenLicError("PRICING_UNDO_CONFLICT", count=len(conflicts))
        restore = {pid: t for pid, t in before.items() if pid in still_there}
        _write(session, ws, restore, source=None)
        repo.mark_undone(session, app.id)
        return UndoResult(app.id, app.label, len(restore))


# --- schedule ------------------------------------------------------------------------------------------------

def schedule_for(ws: Workspace, number: str, annual_sales: Decimal | None, annual_profit: Decimal | None = None,
                 start: date | None = None) -> tuple[str, Schedule]:
    ids = ids_for_numbers(ws, [number])
    canonical, pid = next(iter(ids.items()))
    terms = get_terms(ws, pid)
    if terms is None:
        raise InputError("PRICING_NOT_SET", value=canonical)
    with ws.reading() as session:
        expiry = patent_repo.list_rows(session, [pid])[pid].expiry_date
    return canonical, payment_schedule(terms, start or date.today(), annual_sales, annual_profit, expiry=expiry)


# --- reference data ------------------------------------------------------------------------------------------

def reference_dir() -> Path:
    return paths.resources_dir() / "reference"


@lru_cache(maxsize=1)
def national_statistics() -> dict[str, Any]:
    """The shipped national totals and caps (openlic_desktop/resources/reference/national_statistics.toml)."""
    with open(reference_dir() / "national_statistics.toml", "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def _ipc_map() -> tuple[tuple[str, str], ...]:
    with open(reference_dir() / "ipc_industry.csv", encoding="utf-8", newline="") as fh:
        pairs = [(r["ipc_prefix"].strip().upper(), r["industry"].strip()) for r in csv.DictReader(fh)]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # longest prefix first


def industry_from_ipc(ipc: str) -> str:
    """The industry for the first IPC symbol given ("G06N 3/08; H04L…" → 软件和信息技术服务业), or ""."""
    first = re.split(r"[;,；，\s/]+", (ipc or "").strip().upper(), maxsplit=1)[0] if ipc else ""
    for prefix, industry in _ipc_map():
        if first.startswith(prefix):
            return industry
    return ""


@dataclass(frozen=True)
class IndustryLine:
    industry: str
    code: str = ""
    contracts: int | None = None
    avg_amount: Decimal | None = None
    median_amount: Decimal | None = None
    avg_rate: Decimal | None = None
    source: str = ""


@dataclass(frozen=True)
class ReferenceView:
    industry: str
    industry_source: str                # "recorded" (the patent's industry fact) | "ipc" | ""
    line: IndustryLine | None           # from the loaded per-industry table
    national: dict[str, Any]            # latest national totals (2024)
    warnings: tuple[Finding, ...] = field(default_factory=tuple)


def _line(row: dict[str, Any]) -> IndustryLine:
    dec = lambda v: Decimal(v) if v not in (None, "") else None
    return IndustryLine(row["industry"], row.get("code") or "", row.get("contracts"), dec(row.get("avg_amount")),
                        dec(row.get("median_amount")), dec(row.get("avg_rate")), row.get("source") or "")


def reference_lines(ws: Workspace) -> list[IndustryLine]:
    with ws.reading() as session:
        return [_line(r) for r in repo.reference_rows(session)]


def compare_with_reference(terms: PricingTerms | None, industry: str, line: IndustryLine | None,
                           national: dict[str, Any]) -> list[Finding]:
    """Warnings (PRICING_FAR_ABOVE_REFERENCE) when the terms are far above the industry (or national) reference."""
    if terms is None or not terms.mode.is_paid:
        return []
    out: list[Finding] = []
    ref_amount = line.avg_amount if line and line.avg_amount else (
        Decimal(national["avg_fixed_amount"]) if national.get("avg_fixed_amount") else None)
    label = industry if (line and line.avg_amount) else national.get("label", "national")
    fixed = terms.amount if terms.mode is PricingMode.LUMP_SUM else terms.entry_fee
    if fixed is not None and ref_amount and fixed > ref_amount * FAR_ABOVE_AMOUNT_FACTOR:
        out.append(Finding("PRICING_FAR_ABOVE_REFERENCE", Severity.WARNING,
                           {"what": "amount", "value": f"{fixed:,}", "reference": f"{ref_amount:,}", "industry": label},
                           "pricing.amount"))
    if terms.mode.has_royalty and terms.rate is not None and line and line.avg_rate \
            and terms.base is RoyaltyBase.NET_SALES and terms.rate > line.avg_rate * FAR_ABOVE_RATE_FACTOR:
        out.append(Finding("PRICING_FAR_ABOVE_REFERENCE", Severity.WARNING,
                           {"what": "rate", "value": f"{terms.rate.normalize():f}%",
                            "reference": f"{line.avg_rate.normalize():f}%", "industry": industry},
                           "pricing.rate"))
    return out


def latest_national() -> dict[str, Any]:
    periods = [p for p in national_statistics().get("period", []) if p.get("avg_fixed_amount")]
    return max(periods, key=lambda p: p["key"]) if periods else {}


def reference_view(ws: Workspace, patent_id: int, terms: PricingTerms | None = None) -> ReferenceView:
    """The reference for the patent's industry: its recorded industry if the user set one, else from the IPC."""
    with ws.reading() as session:
        facts = patent_repo.get_facts_by_ids(session, [patent_id]).get(patent_id)
        if facts is None:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(patent_id))
        lines = [_line(r) for r in repo.reference_rows(session)]
        if terms is None:
            terms = repo.load_terms(session, [patent_id]).get(patent_id)
    industry, source = (facts.industry.strip(), "recorded") if facts.industry.strip() else (
        industry_from_ipc(facts.ipc), "ipc")
    if not industry:
        source = ""
    line = _match_line(lines, industry)
    national = latest_national()
    return ReferenceView(industry, source, line, national,
                         tuple(compare_with_reference(terms, industry, line, national)))


def _norm(text: str) -> str:
    return re.sub(r"[\s、，,（）()]", "", text or "")


def _match_line(lines: list[IndustryLine], industry: str) -> IndustryLine | None:
    if not industry:
        return None
    key = _norm(industry)
    for line in lines:
        if _norm(line.industry) == key or (line.code and line.code == industry.strip()):
            return line
    for line in lines:  # a loaded table may abbreviate names ("医药制造" for "医药制造业")
        name = _norm(line.industry)
        if name and (name in key or key in name):
            return line
    return None


_HEADER_ALIASES = {
    "industry": ("行业", "行业名称", "国民经济行业", "行业分类", "industry"),
    "code": ("行业代码", "代码", "code"),
    "contracts": ("合同数", "合同数量", "备案合同数", "合同份数", "contracts"),
    "avg_amount": ("平均金额", "平均许可费", "平均合同金额", "平均许可使用费", "avg_amount"),
    "median_amount": ("中位数", "金额中位数", "median_amount"),
    "avg_rate": ("平均提成率", "提成比例", "平均提成比例", "提成率", "avg_rate"),
}


def _factor(cell: Any) -> Decimal:
    """Amounts in a column headed "…（万元）" are in units of 10,000 yuan."""
    return Decimal(10000) if "万元" in re.sub(r"\s", "", str(cell or "")) else Decimal(1)


@dataclass(frozen=True)
class ReferenceLoadResult:
    loaded: int
    rejected: tuple[tuple[int, str], ...]  # (row number in the sheet, reason)
    source: str


def _read_rows(path: Path) -> tuple[list[list[Any]], str]:
    """The first sheet's rows, through intake's reader (every spreadsheet the app reads goes through it and its
    guards: encrypted, corrupt, zip bombs, absurd used ranges, sizes); "" for a CSV's sheet name."""
    from openlic_desktop.intake.readers import TEXT_SUFFIXES, open_spreadsheet

    with open_spreadsheet(path) as book:
        name = book.sheet_names()[0] if book.sheet_names() else None
        rows = [list(row) for row in book.rows(name)]
    return rows, "" if path.suffix.lower() in TEXT_SUFFIXES else (name or "")


def _number(value: Any, factor: Decimal = Decimal(1)) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):  # a TRUE/FALSE cell: a bad value, which the caller rejects the row for
        raise ValueError(str(value))  # noqa: TRY004 — the caller catches ValueError for a cell that is no number
    text = repr(value) if isinstance(value, float) else str(value)  # calamine gives floats for numbers
    text = text.strip().replace(",", "").replace("，", "").rstrip("%").rstrip("％")
    if text in ("", "-", "—"):
        return None
    return Decimal(text) * factor


def load_reference_table(ws: Workspace, path: str | Path) -> ReferenceLoadResult:
    """Load the office's copy of the per-industry statistics (xlsx/xls/csv), replacing the loaded table.
    Nothing is changed when the file cannot be read or has no industry column."""
    path = Path(path)
    if not path.is_file():
        raise NotFoundError("FILE_NOT_FOUND", path=str(path))
    rows, sheet = _read_rows(path)  # refusals are intake's (FILE_CORRUPT, FILE_TOO_LARGE …): nothing changed
    try:
        header_at, found = find_columns(rows, _HEADER_ALIASES, ("industry",))
    except HeaderNotFound:
        raise InputError("REFERENCE_NO_COLUMNS", path=str(path)) from None
    columns = {key: (col, _factor(rows[header_at][col])) for col, key in found.items()}
    source = path.name + (f" [{sheet}]" if sheet else "")
    good: list[dict[str, Any]] = []
    rejected: list[tuple[int, str]] = []
    for i, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        cell = lambda key: row[columns[key][0]] if key in columns and columns[key][0] < len(row) else None  # noqa
        if all(c in (None, "") for c in row):
            continue
        industry = str(cell("industry") or "").strip()
        if not industry:
            rejected.append((i, "no industry name"))
            continue
        try:
            contracts = _number(cell("contracts"))
            record = {
                "industry": industry,
                "code": str(cell("code") or "").strip().removesuffix(".0"),
                "contracts": int(contracts) if contracts is not None else None,
                "avg_amount": None, "median_amount": None, "avg_rate": None, "source": source,
            }
            for key in ("avg_amount", "median_amount"):
                value = _number(cell(key), columns[key][1]) if key in columns else None
                record[key] = str(value.quantize(Decimal("0.01"))) if value is not None else None
            rate = _number(cell("avg_rate")) if "avg_rate" in columns else None
            if rate is not None and Decimal(0) < rate < 1 and "%" not in str(cell("avg_rate")):
                rate = rate * 100  # spreadsheets often keep 3 % as 0.03
            record["avg_rate"] = format(rate.normalize(), "f") if rate is not None else None
        except (InvalidOperation, ValueError) as exc:
            rejected.append((i, f"not a number: {exc}"))
            continue
        good.append(record)
    with ws.session() as session:
        repo.replace_reference(session, good)
        audit.append(session, ws.user, ws.source, [AuditEntry("pricing_reference", None, source, "load", "",
                                                              None, str(len(good)))])
    return ReferenceLoadResult(len(good), tuple(rejected), source)


# --- the fee-estimation note ---------------------------------------------------------------------------------

NOTE_METHODS = fee_notes.METHODS        # the estimation methods (domain.fee_notes)
NOTE_INPUT_KEYS = fee_notes.INPUT_KEYS  # the figures each method's draft uses


@dataclass(frozen=True)
class FeeNote:
    method: str
    inputs: dict[str, str]
    text: str


def reference_figures(reference: ReferenceView | None) -> tuple[str, fee_notes.IndustryFigures | None,
                                                       fee_notes.NationalFigures | None]:
    national = reference.national if reference else latest_national()
    nat = (fee_notes.NationalFigures(national.get("label", ""), Decimal(national["avg_fixed_amount"]),
                                     national.get("source", ""))
           if national.get("avg_fixed_amount") else None)
    if reference is None:
        return "", None, nat
    line = reference.line
    ind = (fee_notes.IndustryFigures(line.industry, line.avg_amount, line.avg_rate, line.contracts, line.source)
           if line is not None else None)
    return reference.industry, ind, nat


def general_standard(profile: BureauProfile | None = None) -> fee_notes.GeneralStandard:
    """The "generally not above" figures, as the profile restates them (default: 国知发运字〔2024〕19号)."""
    from openlic_desktop.domain.pricing import caps_from_profile

    caps = caps_from_profile(profile or profile_service.get_profile("statutory"))
    return fee_notes.GeneralStandard(caps.fixed_fee, caps.royalty_net_sales, caps.royalty_profit)


def draft_fee_note(facts: PatentFacts, terms: PricingTerms | None, method: str, inputs: dict[str, str],
                   reference: ReferenceView | None = None) -> str:
    """A first draft of 许可使用费估算依据和方法 (domain.fee_notes), to be edited by the user."""
    industry, line, national = reference_figures(reference)
    return fee_notes.draft(facts, terms, method, inputs, industry, line, national, general_standard())


def draft_note_for(ws: Workspace, patent_id: int, method: str, inputs: dict[str, str]) -> str:
    method = fee_notes.method_key(method)
    with ws.reading() as session:
        facts = patent_repo.get_facts_by_ids(session, [patent_id]).get(patent_id)
        if facts is None:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(patent_id))
        terms = repo.load_terms(session, [patent_id]).get(patent_id)
    reference = reference_view(ws, patent_id, terms) if method == "industry_statistics" else None
    return draft_fee_note(facts, terms, method, inputs, reference)


def get_note(ws: Workspace, patent_id: int) -> FeeNote | None:
    with ws.reading() as session:
        found = repo.get_note(session, patent_id)
    return FeeNote(found[0], found[1], found[2]) if found else None


def notes_for(ws: Workspace, patent_ids: Sequence[int]) -> dict[int, str]:
    """The stored note texts (for the package export)."""
    with ws.reading() as session:
        return repo.notes_for(session, patent_ids)


def save_note(ws: Workspace, patent_id: int, method: str, inputs: dict[str, str], text: str) -> bool:
    """Store the (edited) note; returns False when nothing changed."""
    method = fee_notes.method_key(method)
    clean_inputs = {str(k): str(v) for k, v in inputs.items()}
    with ws.session() as session:
        numbers = _numbers(session, [patent_id])
        if patent_id not in numbers:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(patent_id))
        old = repo.get_note(session, patent_id)
        if old is not None and (old[0], old[1], old[2]) == (method, clean_inputs, text):
            return False
        repo.put_note(session, patent_id, method, clean_inputs, text)
        audit.append(session, ws.user, ws.source, [AuditEntry("patent", patent_id, numbers[patent_id], "update",
                                                              "fee_note", old[2] if old else None, text)])
    return True
