"""Licensing rules (domain.md §7–§8): the parties of a licence, its days and the payments it creates.

Pure: no database, no files, no clock. The services (services/licensing/) and the contract documents
(documents/contracts/) both take these rules from here, so a date or a payment is computed one way only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.identifiers import normalise_text, parse_uscc
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, payment_schedule, term_end
from openlic_desktop.support.errors import InputError

RECORDING_MONTHS = 3  # recording with CNIPA within 3 months of the contract taking effect (domain.md §8)
# The contract's "于 X 起 30 日内" for lump sums and entry fees; the first day is not counted (Civil Code art. 201).
LUMP_SUM_DAYS = 30
ROYALTY_SETTLE_MONTHS = 3  # royalties settled within 3 months after each period
REPORT_MONTHS = 12  # the follow-up report on a licence's effect is asked for a year after it took effect [ours]


# --- parties -----------------------------------------------------------------------------------------------------
# Arts 50–51 of the Patent Law: any entity or individual may take an open licence; patentees may be people too.
# A party is known by one identifier: an organisation by its USCC, a person by a resident ID or passport number.
ID_TYPES: dict[str, tuple[str, str]] = {
    "uscc": ("统一社会信用代码", "unified social credit code"),
    "resident_id": ("居民身份证号码", "resident ID number"),
    "passport": ("护照号码", "passport number"),
}
_RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_CHECK = "10X98765432"
_PASSPORT = re.compile(r"^[A-Z0-9]{5,18}$")

SIZES: dict[str, str] = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}
SME_SIZES = frozenset({"medium", "small", "micro"})  # 中小微企业 (工信部联企业〔2011〕300号)
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


def parse_resident_id(value: str) -> str:
    """An 18-character resident ID number (GB 11643-1999): 17 digits, a check character (0–9 or X) over them,
    and a real birth date in characters 7–14; returned normalised (upper-case X)."""
    text = normalise_text(value or "")
    if len(text) != 18 or not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise InputError("PERSON_ID_INVALID", value=value, reason="应为17位数字加1位校验码 / 17 digits and a check character")
    try:
        date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise InputError("PERSON_ID_INVALID", value=value, reason="出生日期不存在 / no such birth date") from None
    expected = _RESIDENT_CHECK[sum(int(c) * w for c, w in zip(text[:17], _RESIDENT_WEIGHTS, strict=True)) % 11]
    if text[17] != expected:
        raise InputError("PERSON_ID_INVALID", value=value, reason=f"校验码应为 / check character should be {expected}")
    return text


def parse_passport(value: str) -> str:
    text = normalise_text(value or "")
    if not _PASSPORT.match(text):
        raise InputError("PERSON_ID_INVALID", value=value, reason="护照号码应为5–18位字母或数字 / 5–18 letters or digits")
    return text


def parse_identifier(id_type: str, value: str) -> str:
    """The party's identifier of `id_type`, validated and normalised."""
    if id_type == "uscc":
        return parse_uscc(value)
    if id_type == "resident_id":
        return parse_resident_id(value)
    if id_type == "passport":
        return parse_passport(value)
    raise InputError("BAD_ARGUMENT", reason=f"id type must be one of {', '.join(ID_TYPES)}")


def guess_id_type(value: str) -> str:
    """For a person's number typed without saying which: 18 characters of digits (and X) is a resident ID."""
    text = normalise_text(value or "")
    return "resident_id" if len(text) == 18 and text[:17].isdigit() else "passport"


def clean_licensee(values: dict[str, Any]) -> dict[str, str]:
    """A licensee's details as stored: a name and one valid identifier — a USCC for an organisation, an ID or
    passport number for a person (who has no legal representative and no enterprise size); refused otherwise."""
    name = re.sub(r"\s+", " ", str(values.get("name") or "")).strip()
    if not name:
        raise InputError("LICENSEE_NAME_MISSING")
    id_type = str(values.get("id_type") or "uscc")
    identifier = str(values.get("identifier") or values.get("uscc") or "")
    if id_type not in ID_TYPES:
        raise InputError("BAD_ARGUMENT", reason=f"id type must be one of {', '.join(ID_TYPES)}")
    person = id_type != "uscc"
    return {
        "name": name,
        "id_type": id_type,
        "identifier": parse_identifier(id_type, identifier),
        "address": str(values.get("address") or "").strip(),
        "legal_representative": "" if person else str(values.get("legal_representative") or "").strip(),
        "contact": str(values.get("contact") or "").strip(),
        "size": "" if person else parse_size(values.get("size")),
    }


PATENTEE_DETAILS = ("legal_representative", "address", "bank_name", "bank_account", "contact", "phone", "email")


def clean_patentee(values: dict[str, Any]) -> dict[str, str]:
    """A patentee-book entry as stored: a name, an identifier when known (validated: a USCC for an organisation,
    an ID or passport number for a person, who has no legal representative), and the contract details."""
    name = re.sub(r"\s+", " ", str(values.get("name") or "")).strip()
    if not name:
        raise InputError("PATENTEE_NAME_MISSING")
    id_type = str(values.get("id_type") or "uscc")
    if id_type not in ID_TYPES:
        raise InputError("BAD_ARGUMENT", reason=f"id type must be one of {', '.join(ID_TYPES)}")
    raw = str(values.get("identifier") or "").strip()
    out = {"name": name, "id_type": id_type, "identifier": parse_identifier(id_type, raw) if raw else ""}
    for key in PATENTEE_DETAILS:
        out[key] = str(values.get(key) or "").strip()
    if id_type != "uscc":
        out["legal_representative"] = ""
    return out


@dataclass(frozen=True)
class Party:
    """A party as a contract names it: a licensor (one patentee) or the licensee. `id_type` says what
    `identifier` is; a person has no legal representative."""

    name: str
    identifier: str = ""
    address: str = ""
    legal_representative: str = ""
    contact: str = ""
    size: str = ""                 # the Chinese word (小型 …), licensees only
    id_type: str = "uscc"
    bank_name: str = ""            # licensors: where the licence fees are paid
    bank_account: str = ""
    phone: str = ""
    email: str = ""

    @property
    def is_person(self) -> bool:
        return self.id_type != "uscc"

    @property
    def id_label(self) -> str:
        return ID_TYPES.get(self.id_type, ID_TYPES["uscc"])[0]

    def missing_for_contract(self) -> list[str]:
        """What a contract needs of this party and lacks: its identifier and address, and for an organisation
        its legal representative (the fields' names; the faces put them in words)."""
        wanted = ["identifier", "address"] + ([] if self.is_person else ["legal_representative"])
        return [f for f in wanted if not getattr(self, f)]


def patentee_sets(patentees_of: Sequence[tuple[Any, Sequence[str]]]) -> list[tuple[tuple[str, ...], list[Any]]]:
    """Group items by the set of their patentees (order of names ignored; the first item's order kept), in
    order of first appearance. Patents of different sets are never merged: each set licenses only its own."""
    groups: dict[frozenset[str], tuple[tuple[str, ...], list[Any]]] = {}
    for key, names in patentees_of:
        clean = tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))
        entry = groups.setdefault(frozenset(clean), (clean, []))
        entry[1].append(key)
    return list(groups.values())


# --- the regime a licence is reached under ------------------------------------------------------------------------
REGIMES = ("statutory", "pilot")


@dataclass(frozen=True)
class Regime:
    """Under which regime the open offer was made (domain.md §1): a declaration announced by CNIPA (statutory,
    Patent Law Arts 50–52) or a provincial pilot listing. Chosen once per contract; it decides who mediates and
    what the recording is called, so a contract never offers both."""

    code: str = "statutory"
    bureau: str = ""   # pilot: the provincial bureau that published the offer (its full name)

    def __post_init__(self) -> None:
        if self.code not in REGIMES:
            raise InputError("BAD_ARGUMENT", reason=f"regime must be one of {', '.join(REGIMES)}")

    @property
    def statutory(self) -> bool:
        return self.code == "statutory"

    @property
    def mediator(self) -> str:
        """Art 52: disputes over an open licence may be mediated by CNIPA; in the pilot, by the bureau."""
        if self.statutory:
            return "国家知识产权局"
        return self.bureau or "许可人所在地省级知识产权管理部门"

    @property
    def recording(self) -> str:
        """What the recording with CNIPA is called (Rules 15, 87 for the statutory regime)."""
        return "专利开放许可实施合同备案" if self.statutory else "专利实施许可合同备案"


# --- the days of a licence ---------------------------------------------------------------------------------------

def recording_deadline(effective: date) -> date:
    """Last day to record the contract with CNIPA: the same day 3 months on (a missing day → the month's end)."""
    return add_months(effective, RECORDING_MONTHS)


def licence_end(effective: date, terms: PricingTerms, expiry: date | None) -> date | None:
    """Last day of the licence of one patent: the term from the effective date, never past the patent's expiry;
    a term until expiry ends on the expiry day itself."""
    if not terms.term_months or (terms.until_expiry and expiry is not None):
        return expiry
    end = term_end(effective, terms.term_months)
    return min(end, expiry) if expiry else end


CONTRACT_PREFIX = "KF"


def contract_number(year: int, seq: int, prefix: str = CONTRACT_PREFIX) -> str:
    """A contract's number: prefix, year and a sequence within the year (KF2026-0007). Numbers are handed out
    by storage, unique in the database: the recording with CNIPA and the licence register key on them."""
    return f"{prefix}{year}-{seq:04d}"


# --- payments ----------------------------------------------------------------------------------------------------

def payments_due(terms: PricingTerms, effective: date, last_day: date | None) -> list[dict[str, Any]]:
    """The payments a licence on `terms` creates, from the pricing schedule's arithmetic: entry fee and
    lump sum due within 30 days of payment starting; each royalty period settled within 3 months after it ends
    (its amount known only when sales are reported). Periods after the licence's last day are dropped."""
    if terms.mode is PricingMode.FREE or terms.missing_fields():
        return []
    # a term until expiry: the schedule's last period runs to the licence's last day (the expiry day)
    schedule = payment_schedule(terms, effective, annual_sales=Decimal(0), annual_profit=Decimal(0),
                                expiry=last_day)
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
