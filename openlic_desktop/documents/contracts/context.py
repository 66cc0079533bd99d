"""The template fields: what a contract template is rendered with, built from plain values.

`build_context(...)` makes the fields (FIELDS) from patents, a licensee, pricing terms and the office. Every value
is text, a number or a bool: nothing with methods reaches a template. `sample_context()` is the data previews and
the checker render with; `data_sha256()` the fingerprint each produced contract carries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import cn2an

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.licensing import Party, licence_end, recording_deadline
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, term_end
from openlic_desktop.domain.pricing_words import terms_in_words
from openlic_desktop.support.errors import InputError


def _zh_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _money_text(value: Decimal | None) -> str:
    return f"{value:,.2f}" if value is not None else ""


def _money_words(value: Decimal | None) -> str:
    return cn2an.an2cn(str(value), "rmb") if value is not None else ""


def _rate_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class ContractPatent:
    facts: PatentFacts
    terms: PricingTerms


def fee_text(terms: PricingTerms) -> str:
    """The schedule column: the payment standard in the words every document uses (domain.pricing_words)."""
    return terms_in_words(terms).standard


def _terms_fields(terms: PricingTerms) -> dict[str, Any]:
    return {
        "mode": terms.mode.value,
        "mode_zh": terms.mode.zh,
        "amount": _money_text(terms.amount),
        "amount_words": _money_words(terms.amount),
        "entry_fee": _money_text(terms.entry_fee),
        "entry_fee_words": _money_words(terms.entry_fee),
        "rate": _rate_text(terms.rate),
        "base": terms.base.value if terms.base else "",
        "base_zh": terms.base.zh if terms.base else "",
        "term_months": terms.term_months or 0,
        "free_months": int(terms.free_months or 0) if terms.mode.is_paid else 0,
        "pay_after_trial": bool(terms.pay_after_trial) and terms.mode.is_paid,
        "trial_months": int(terms.trial_months or 0) if terms.pay_after_trial else 0,
        "frequency_zh": terms.frequency.zh,
        "territory": terms.territory,
        "summary": terms.summary("zh"),
    }


def build_context(*, number: str, patentee: dict[str, str], licensee: Party, patents: Sequence[ContractPatent],
                  effective: date, template_version: str, mediator: str = "", court: str = "",
                  copies: int = 4) -> dict[str, Any]:
    """The data a contract template is rendered with (see FIELDS); plain values only."""
    if not patents:
        raise InputError("CONTRACT_NO_PATENTS")
    items = []
    for index, cp in enumerate(patents, 1):
        f, t = cp.facts, cp.terms
        end = licence_end(effective, t, f.expiry_date)
        free_months = int(t.free_months or 0) if t.mode.is_paid else 0
        trial_months = int(t.trial_months or 0) if (t.pay_after_trial and t.mode.is_paid) else 0
        unpaid = max(free_months, trial_months)
        items.append({
            "index": index,
            "application_number": f.number.canonical,
            "patent_number": f.number.patent_number,
            "title": f.title,
            "type": f.patent_type.value if f.patent_type else "",
            "type_zh": f.patent_type.zh if f.patent_type else "",
            "patentees": "；".join(f.patentees),
            "filing_date": _zh_date(f.filing_date),
            "grant_date": _zh_date(f.grant_date),
            "expiry_date": _zh_date(f.expiry_date),
            "term_start": _zh_date(effective),
            "term_end": _zh_date(end),
            "free_end": _zh_date(term_end(effective, free_months)) if free_months else "",
            "trial_end": _zh_date(term_end(effective, trial_months)) if trial_months else "",
            "pay_from": _zh_date(add_months(effective, unpaid)),
            "fee_text": fee_text(t),
            "terms": _terms_fields(t),
        })
    term_months = max((cp.terms.term_months or 0) for cp in patents)
    territories = sorted({cp.terms.territory for cp in patents})
    all_patentees: list[str] = []
    for cp in patents:
        for name in cp.facts.patentees:
            if name not in all_patentees:
                all_patentees.append(name)
    patentee = dict(patentee)
    if not patentee.get("name"):
        patentee["name"] = "；".join(all_patentees)
    patentee_fields = {k: str(patentee.get(k, "") or "") for k in
                       ("name", "address", "contact_person", "contact_phone", "contact_email")}
    return {
        "template_version": template_version,
        "contract": {
            "number": number,
            "date": _zh_date(effective),
            "effective_date": _zh_date(effective),
            "copies": copies,
        },
        "patentee": patentee_fields,
        "licensee": {
            "name": licensee.name, "uscc": licensee.uscc, "address": licensee.address,
            "legal_representative": licensee.legal_representative, "contact": licensee.contact,
            "size": licensee.size,
        },
        "patents": items,
        "licence": {
            "kind": "普通许可",
            "territory": "、".join(territories),
            "term_months": term_months,
        },
        "staged_free": any(p["terms"]["free_months"] for p in items),
        "pay_after_trial": any(p["terms"]["pay_after_trial"] for p in items),
        "fees_payable": any(cp.terms.mode.is_paid for cp in patents),
        "recording_deadline": _zh_date(recording_deadline(effective)),
        "disputes": {
            "mediator": mediator or "许可人所在地的省级知识产权管理部门",
            "court": court or "许可人所在地有管辖权的人民法院",
        },
    }


def sample_context(template_version: str = "sample") -> dict[str, Any]:
    """Sample data for previews and the checker: two patents, one royalty with a staged free year, one trial."""
    from openlic_desktop.domain.identifiers import parse_application_number
    from openlic_desktop.domain.pricing import RoyaltyBase

    p1 = PatentFacts(parse_application_number("202110123456.7"), title="一种高效光催化降解装置",
                     filing_date=date(2021, 1, 15), grant_date=date(2022, 3, 8), patentees=["示例大学"])
    p2 = PatentFacts(parse_application_number("201710601862.3"), title="一种农业灌溉控制方法",
                     filing_date=date(2017, 8, 1), grant_date=date(2019, 5, 10), patentees=["示例大学"])
    t1 = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36,
                      free_months=12)
    t2 = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24, pay_after_trial=True,
                      trial_months=6)
    return build_context(
        number="KF-2026-0001",
        patentee={"name": "示例大学", "address": "示例市大学路1号", "contact_person": "王老师",
                  "contact_phone": "010-12345678", "contact_email": "tto@example.edu.cn"},
        licensee=Party("示例科技有限公司", "91350100M000100Y30", "示例市高新区创新路8号", "李四", "0591-87654321"),
        patents=[ContractPatent(p1, t1), ContractPatent(p2, t2)],
        effective=date(2026, 12, 1), template_version=template_version)


def _field_paths(value: Any, prefix: str, out: set[str]) -> None:
    if prefix:
        out.add(prefix)
    if isinstance(value, dict):
        for key, item in value.items():
            _field_paths(item, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        _field_paths(value[0] if value else {}, prefix + "[]", out)


def _known_fields() -> frozenset[str]:
    out: set[str] = set()
    _field_paths(sample_context(), "", out)
    return frozenset(out)


FIELDS: frozenset[str] = _known_fields()


def data_sha256(context: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the data a contract was rendered with."""
    blob = json.dumps(context, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
