"""The template fields: what a contract template is rendered with, built from plain values.

`build_context(...)` makes the fields (FIELDS) from patents, a licensee, pricing terms and the office. Every value
is text, a number or a bool: nothing with methods reaches a template. `sample_context()` is the data previews and
the checker render with; `data_sha256()` the fingerprint each produced contract carries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import cn2an

from openlic_desktop.documents.contracts.offer_notice import OfferNotice, notice_parts, recital_details
from openlic_desktop.domain.dates import add_months, zh_date
from openlic_desktop.domain.licensing import Party, Regime, licence_end, recording_deadline
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, months_covering, term_end
from openlic_desktop.domain.pricing_words import terms_in_words
from openlic_desktop.support.errors import InputError


def _zh_date(day: date | None) -> str:
    return zh_date(day) if day else ""


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


# the accounting period, its "each", and its length: periods are counted from the day royalties start (as the
# payment plan counts them), not calendar quarters or years
_PERIOD = {"yearly": ("年度", "每一年度", "每12个月"), "quarterly": ("季度", "每一季度", "每3个月")}


def _terms_fields(terms: PricingTerms) -> dict[str, Any]:
    period, each, span = _PERIOD[terms.frequency.value]
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
        "frequency": terms.frequency.value,
        "frequency_zh": terms.frequency.zh,
        "period_zh": period,              # 年度 / 季度: the royalty accounting period
        "each_period_zh": each,           # 每一年度 / 每一季度
        "period_span_zh": span,           # 每12个月 / 每3个月: one period, from the day royalties start
        "territory": terms.territory,
        "summary": terms.summary("zh"),
    }


def party_fields(party: Party) -> dict[str, Any]:
    """One party block: the identifier with its own label (统一社会信用代码 / 居民身份证号码 / 护照号码)."""
    return {
        "name": party.name, "is_person": party.is_person, "id_label": party.id_label,
        "identifier": party.identifier, "uscc": "" if party.is_person else party.identifier,
        "address": party.address, "legal_representative": party.legal_representative,
        "contact": party.contact, "phone": party.phone, "email": party.email, "size": party.size,
        "bank_name": party.bank_name, "bank_account": party.bank_account,
        # how the party executes: an organisation seals, a person signs
        "execution": "签字" if party.is_person else "盖章",
    }


_ORDINALS = "一二三四五六七八九十"


def build_context(*, number: str, licensors: Sequence[Party], licensee: Party, patents: Sequence[ContractPatent],
                  effective: date, template_version: str, regime: Regime = Regime(),
                  court: str = "", notices: Mapping[str, OfferNotice] | None = None) -> dict[str, Any]:
    """The data a contract template is rendered with (see FIELDS); plain values only.

    `licensors` are the patentees of the patents — every patent of one contract has that same patentee set (the
    services group patents by set; a contract never merges sets): each licensor gets its own party block and
    signature cell. `notices`: each patent's publication of the open offer on record, by application number
    (offer_notice: only what is recorded is named)."""
    if not patents:
        raise InputError("CONTRACT_NO_PATENTS")
    if not licensors:
        raise InputError("CONTRACT_NO_LICENSOR")
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
            "patentees": "、".join(f.patentees),
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
            # the offer's publication as recorded, each part labelled ("" when not on record)
            "offer_notice": "，".join(notice_parts((notices or {}).get(f.number.canonical), regime.statutory)),
        })
    # a term until expiry runs past its whole months to the expiry day: "at most N months" must cover that day
    term_months = max(months_covering(effective, licence_end(effective, cp.terms, cp.facts.expiry_date))
                      if cp.terms.until_expiry and cp.facts.expiry_date else (cp.terms.term_months or 0)
                      for cp in patents)
    territories = sorted({cp.terms.territory for cp in patents})
    parties = []
    for index, party in enumerate(licensors):
        fields = party_fields(party)
        fields["ordinal"] = _ORDINALS[index] if len(licensors) > 1 and index < len(_ORDINALS) else ""
        parties.append(fields)
    modes = {cp.terms.mode for cp in patents}
    bases = {cp.terms.base.value for cp in patents if cp.terms.mode.has_royalty and cp.terms.base}
    return {
        "template_version": template_version,
        "contract": {
            "number": number,
            "effective_date": _zh_date(effective),
            # every licensor, the licensee and one for the recording with CNIPA; 一式三份 in Chinese numerals, the
            # fixed expression of every contract (一式3份 reads as a form filled in)
            "copies": cn2an.an2cn(str(len(licensors) + 2)),
        },
        "regime": {
            "code": regime.code,
            "statutory": regime.statutory,
            "bureau": regime.bureau,
            "mediator": regime.mediator,
            "recording": regime.recording,
        },
        # two licensors and a licensee are three parties: 各方 and 其他各方, not 双方 and 对方 (which are of two)
        "parties": ({"all": "双方", "others": "对方"} if len(licensors) == 1
                    else {"all": "各方", "others": "其他各方"}),
        # the publication the recital names: 该声明已经国家知识产权局公告（公告日：…，公告卷期：…）
        "offer": {"details": recital_details([(i["application_number"], i["patent_number"]) for i in items],
                                             notices or {}, regime.statutory)},
        "licensors": parties,
        "licensor_names": "、".join(p.name for p in licensors),
        "payee": parties[0],   # fees go to the first licensor's account unless the licensors notify otherwise
        "licensee": party_fields(licensee),
        "patents": items,
        "licence": {
            "kind": "普通许可",
            "territory": "、".join(territories),
            "term_months": term_months,
            # every patent's term runs to its own expiry day: the contract says so, not a month count the terms
            # never stated (an until-expiry term of 45 months and 14 days is not "at most 46 months")
            "until_expiry": all(cp.terms.until_expiry and cp.facts.expiry_date is not None for cp in patents),
        },
        "staged_free": any(p["terms"]["free_months"] for p in items),
        "pay_after_trial": any(p["terms"]["pay_after_trial"] for p in items),
        "fees_payable": any(cp.terms.mode.is_paid for cp in patents),
        "royalties": any(m.has_royalty for m in modes),
        "royalty_on_sales": "net_sales" in bases,
        "royalty_on_profit": "profit" in bases,
        "recording_deadline": _zh_date(recording_deadline(effective)),
        "disputes": {
            "mediator": regime.mediator,
            "court": court or "许可人住所地有管辖权的人民法院",
        },
    }


DATE_BLANK = "＿＿年＿＿月＿＿日"


def as_blank_sample(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of a contract sample (附件2 合同样本) a bureau publishes beside the offer: no contract has taken
    effect, so every date counted from the effective day is a line to fill in — a sample dated the day it was
    exported would state a term and a recording deadline no contract has."""
    out = dict(fields, contract=dict(fields["contract"], effective_date=DATE_BLANK), recording_deadline=DATE_BLANK)
    patents = []
    for p in fields["patents"]:
        unpaid = p["terms"]["free_months"] or p["terms"]["trial_months"]
        patents.append(dict(p, term_start="本合同生效之日", term_end=DATE_BLANK,
                            free_end=DATE_BLANK if p["free_end"] else "", trial_end=DATE_BLANK if p["trial_end"] else "",
                            pay_from=("免费期或者试用期届满之次日" if unpaid else "本合同生效之日")))
    out["patents"] = patents
    return out


def sample_context(template_version: str = "sample", regime: Regime = Regime()) -> dict[str, Any]:
    """Sample data for previews and the checker: two co-owners, a person as licensee, two patents — one royalty
    with a staged free year paid quarterly, one lump sum after a trial."""
    from openlic_desktop.domain.identifiers import parse_application_number
    from openlic_desktop.domain.pricing import Frequency, RoyaltyBase

    owners = ["示例大学", "示例研究院有限公司"]
    p1 = PatentFacts(parse_application_number("202110123456.7"), title="一种高效光催化降解装置",
                     filing_date=date(2021, 1, 15), grant_date=date(2022, 3, 8), patentees=owners)
    p2 = PatentFacts(parse_application_number("201710601862.3"), title="一种农业灌溉控制方法",
                     filing_date=date(2017, 8, 1), grant_date=date(2019, 5, 10), patentees=owners)
    t1 = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36,
                      free_months=12, frequency=Frequency.QUARTERLY)
    t2 = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24, pay_after_trial=True,
                      trial_months=6)
    licensors = [
        Party("示例大学", "12100000400000000W", "示例市大学路1号", "张三", "王老师", phone="010-12345678",
              email="tto@example.edu.cn", bank_name="示例银行大学路支行", bank_account="6222000000000000"),
        Party("示例研究院有限公司", "91350100M000100Y30", "示例市科学城2号", "赵六", "钱工", phone="010-87654321"),
    ]
    licensee = Party("李四", "11010519491231002X", "示例市高新区创新路8号", contact="0591-87654321",
                     id_type="resident_id")
    return build_context(number="KF2026-0001", licensors=licensors, licensee=licensee,
                         patents=[ContractPatent(p1, t1), ContractPatent(p2, t2)],
                         effective=date(2026, 12, 1), template_version=template_version, regime=regime,
                         notices={p1.number.canonical: OfferNotice(date(2026, 11, 20), "第42卷第47期"),
                                  p2.number.canonical: OfferNotice(date(2026, 11, 20), "第42卷第47期")})


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
