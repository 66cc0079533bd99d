"""The statutory open-licence declaration (专利开放许可声明, domain.md §10) as data: its states, the order of its
steps, what it says, and the promises it makes.

One declaration per patent and regime `statutory` (the pilot listing stays in batches/submissions). Its life:

    draft ─(preparer and reviewer sign off, fingerprint current)→ signed ─(filed with CNIPA)→ filed
      ─(CNIPA announces it)→ announced ─(withdrawal filed)→ withdrawal-filed ─(withdrawal announced)→ withdrawn

`signed` is not stored: a draft is signed while both sign-offs match the current fingerprint, so any later edit
makes it a draft again (as sign-offs go stale everywhere else). What is stored is the furthest step reached and
its dates. A patent has at most one declaration that is not withdrawn; once filed, the terms are frozen (the
snapshot taken at filing is what the declaration says) — changing them means withdrawing and declaring anew.
Pure: no storage, no clock.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Any

from openlic_desktop.domain.licensing import ID_TYPES
from openlic_desktop.support.errors import OpenLicError

REGIME = "statutory"
TERRITORY = "中国境内"   # [law] Art 50: anyone may exploit the patent within China
ROUTES = ("cnipa-online", "via-bureau")
ROUTE_ZH = {"cnipa-online": "专利业务办理系统在线提交", "via-bureau": "经地方知识产权局提交"}


class DeclarationState(str, Enum):
    DRAFT = "draft"
    SIGNED = "signed"
    FILED = "filed"
    ANNOUNCED = "announced"
    WITHDRAWAL_FILED = "withdrawal-filed"
    WITHDRAWN = "withdrawn"

    @property
    def zh(self) -> str:
        return STATE_ZH[self]

    @property
    def en(self) -> str:
        return STATE_EN[self]

    @property
    def frozen(self) -> bool:
        """Filed or later: the terms are those filed and cannot change."""
        return self not in (DeclarationState.DRAFT, DeclarationState.SIGNED)

    @property
    def open(self) -> bool:
        """Not withdrawn: the patent's one current declaration."""
        return self is not DeclarationState.WITHDRAWN


STATE_ZH = {
    DeclarationState.DRAFT: "草稿", DeclarationState.SIGNED: "已签核", DeclarationState.FILED: "已提交",
    DeclarationState.ANNOUNCED: "已公告", DeclarationState.WITHDRAWAL_FILED: "已申请撤回",
    DeclarationState.WITHDRAWN: "已撤回",
}
STATE_EN = {
    DeclarationState.DRAFT: "draft", DeclarationState.SIGNED: "signed off", DeclarationState.FILED: "filed",
    DeclarationState.ANNOUNCED: "announced", DeclarationState.WITHDRAWAL_FILED: "withdrawal filed",
    DeclarationState.WITHDRAWN: "withdrawn",
}
# the states a declaration is stored in (signed is derived from the sign-offs)
STORED_STATES = ("draft", "filed", "announced", "withdrawal-filed", "withdrawn")
STATES = tuple(s.value for s in DeclarationState)

# action → (the state it needs, the state it leads to, the refusal code when the state is wrong)
TRANSITIONS: dict[str, tuple[DeclarationState, DeclarationState, str]] = {
    "file": (DeclarationState.SIGNED, DeclarationState.FILED, "DECLARATION_NOT_SIGNED"),
    "announce": (DeclarationState.FILED, DeclarationState.ANNOUNCED, "DECLARATION_NOT_FILED"),
    "withdraw": (DeclarationState.ANNOUNCED, DeclarationState.WITHDRAWAL_FILED, "DECLARATION_NOT_ANNOUNCED"),
    "announce-withdrawal": (DeclarationState.WITHDRAWAL_FILED, DeclarationState.WITHDRAWN,
                            "DECLARATION_WITHDRAWAL_NOT_FILED"),
}


def transition(current: DeclarationState | None, action: str) -> DeclarationState:
    """The state `action` leads to from `current`; OpenLicError with a stable code when out of order."""
    needed, to, code = TRANSITIONS[action]
    if current is None:
        raise OpenLicError("DECLARATION_NOT_FOUND")
    if current is not needed:
        raise OpenLicError(code, state=state_token(current))
    return to


def state_token(state: DeclarationState | None) -> str:
    """The message parameter that names a state (support.messages turns it into the reader's words)."""
    return "decl_none" if state is None else "decl_" + state.value.replace("-", "_")


# The licensor's promises (the form's part ③; domain.md §10 — the wording is ours). They are the commitments of
# the statutory profile (resources/profiles/statutory.toml) so that the office confirms them before sign-off.
PROMISES: tuple[tuple[str, str, str], ...] = (
    ("P1", "本专利权合法有效，许可人为本专利的全体专利权人",
     "The patent right is valid and the licensors are all its patentees"),
    ("P2", "在开放许可期间，未给予且不会给予任何单位或者个人独占许可或者排他许可",
     "No exclusive or sole licence has been or will be given during the open licence"),
    ("P3", "在开放许可期间按时缴纳专利年费，维持专利权有效",
     "Annual fees will be paid on time to keep the patent in force"),
    ("P4", ("任何单位或者个人书面通知许可人并依照公告的许可使用费支付方式、标准支付许可使用费后，即获得专利实施许可，"
           "许可人对所有被许可人适用相同的许可条件"),
     ("Anyone who notifies the licensor in writing and pays as announced obtains the licence; the same terms apply "
     "to every licensee")),
    ("P5", "本声明内容准确、清楚，不含商业性宣传用语",
     "The declaration is accurate and clear and contains no commercial promotional wording"),
    ("P6", "所提交的材料真实，如有虚假愿承担相应的法律责任",
     "The materials are true; the licensor answers for any false statement"),
)


@dataclass(frozen=True)
class Patentee:
    """One patentee as the declaration names it: every patentee with its identity document (the patentee book's
    entry: `id_kind` one of domain.licensing.ID_TYPES, "" while the book has no identifier)."""

    name: str
    id_kind: str = ""
    id_number: str = ""

    @property
    def is_person(self) -> bool:
        """Recorded as a natural person (a resident ID or passport number): signs rather than seals. A patentee the
        book has no identifier for is taken as the organisation most patentees of an office are."""
        return self.id_kind not in ("", "uscc")

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "id_kind": self.id_kind, "id_number": self.id_number}


# the kind of identity document in words (统一社会信用代码, 居民身份证号码, 护照号码)
ID_KIND_ZH = {kind: words[0] for kind, words in ID_TYPES.items()}


@dataclass(frozen=True)
class DeclarationContent:
    """What a declaration says beyond the pricing terms (which come from the patent's pricing until filing)."""

    contact_person: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_address: str = ""
    agency_name: str = ""       # 代理机构 when an agency files (a power of attorney goes with it)
    agency_code: str = ""       # its 机构代码
    other_terms: str = ""       # 其他需要明确的事项
    territory: str = TERRITORY

    FIELDS = ("contact_person", "contact_phone", "contact_email", "contact_address", "agency_name", "agency_code",
              "other_terms", "territory")

    def canonical(self) -> dict[str, str]:
        return {name: (getattr(self, name) or "").strip() for name in self.FIELDS}

    def with_contact(self, *fallbacks: tuple[str, str, str, str]) -> DeclarationContent:
        """The content with each blank contact field (person, phone, e-mail, address) taken from the first
        fallback that has it — the patent's contact, then the office's. What the documents print and what the
        rules check are this one answer.

        A phone or e-mail belongs to the person it is published beside: when the person comes from a fallback
        (the office's 王老师), a phone or e-mail of an earlier fallback that names no one (a patent record with a
        number but no contact person) is not paired with them — the person's own source, then later ones, give
        it. What the declaration itself says always stands."""
        def has(value: str | None) -> bool:
            return bool((value or "").strip())

        person_at = 0
        if not has(self.contact_person):
            person_at = next((i for i, f in enumerate(fallbacks) if has(f[0])), 0)
        values = {}
        for index, name in enumerate(CONTACT_FIELDS):
            own = (getattr(self, name) or "").strip()
            sources = fallbacks[person_at:] if name in ("contact_phone", "contact_email") else fallbacks
            values[name] = own or next((f[index].strip() for f in sources if has(f[index])), "")
        return replace(self, **values)


CONTACT_FIELDS = ("contact_person", "contact_phone", "contact_email", "contact_address")


@dataclass(frozen=True)
class DeclarationValue:
    """A declaration as the rules and the faces see it (plain values)."""

    id: int
    patent_id: int
    stored_state: str                         # one of STORED_STATES
    content: DeclarationContent = field(default_factory=DeclarationContent)
    snapshot: dict[str, Any] | None = None    # the terms as filed (None before filing)
    source_batch: str = ""
    prepared_by: str = ""
    prepared_at: str = ""
    filed_on: date | None = None
    route: str = ""
    reference: str = ""
    announced_on: date | None = None
    announcement: str = ""
    withdrawal_filed_on: date | None = None
    withdrawal_reason: str = ""
    withdrawn_on: date | None = None
    withdrawal_announcement: str = ""

    def canonical(self, fee_note_text: str | None,
                  patentee_ids: dict[str, tuple[str, str]] | None = None) -> dict[str, Any]:
        """What a sign-off of this declaration covers besides the patent's facts and pricing: which declaration
        (a new one after a withdrawal is signed afresh, even with the same words), its own content, the
        patentees' identity documents and the fee-estimation note — after filing, those as filed (so later edits
        do not make the filed declaration's sign-off stale)."""
        note = fee_note_text
        ids = sorted([name, *value] for name, value in (patentee_ids or {}).items())
        if self.snapshot is not None:
            note = self.snapshot.get("fee_note", note)
            ids = sorted([p["name"], p.get("id_kind", ""), p.get("id_number", "")]
                         for p in self.snapshot.get("patentees", []))
        return {"id": self.id, "content": self.content.canonical(), "patentees": ids,
                "fee_note": hashlib.sha256((note or "").encode("utf-8")).hexdigest() if note else None}

    def state(self, signed: bool) -> DeclarationState:
        """The state shown: a draft whose sign-offs are current is `signed`."""
        stored = DeclarationState(self.stored_state)
        if stored is DeclarationState.DRAFT and signed:
            return DeclarationState.SIGNED
        return stored


@dataclass(frozen=True)
class TimelineStep:
    """One step of a declaration's life, for the timeline the faces draw."""

    step: str           # prepared | signed | filed | announced | withdrawal-filed | withdrawn
    day: date | str | None
    detail: str = ""
    done: bool = True

    def to_json(self) -> dict[str, Any]:
        day = self.day.isoformat() if isinstance(self.day, date) else self.day
        return {"step": self.step, "date": day, "detail": self.detail, "done": self.done}


# the sign-off roles in the words of the timeline and the audit trail
ROLE_ZH = {"preparer": "经办人", "reviewer": "复核人"}
# the timeline's steps in words (zh, en) for the command line (the GUI has its own, translated: gui/words.py)
STEP_WORDS = {
    "prepared": ("起草", "drafted"), "signed": ("签核", "signed off"), "filed": ("提交国家知识产权局", "filed with CNIPA"),
    "announced": ("国家知识产权局公告", "announced by CNIPA"), "withdrawal-filed": ("申请撤回", "withdrawal filed"),
    "withdrawn": ("撤回已公告", "withdrawal announced"),
}


def timeline(value: DeclarationValue, signoffs: list[tuple[str, str, str]], signed: bool) -> list[TimelineStep]:
    """The steps taken and the ones ahead. `signoffs`: (role, user, ISO time) of the current sign-offs."""
    steps = [TimelineStep("prepared", value.prepared_at[:10] or None, value.prepared_by)]
    sign_detail = "；".join(f"{ROLE_ZH.get(role, role)}：{user}" for role, user, _at in signoffs)
    last_sign = max((at for _r, _u, at in signoffs), default="")
    frozen = DeclarationState(value.stored_state).frozen
    steps.append(TimelineStep("signed", last_sign[:10] or None, sign_detail, signed or frozen))
    steps.append(TimelineStep("filed", value.filed_on, " ".join(x for x in (ROUTE_ZH.get(value.route, ""),
                                                                         value.reference) if x),
                              value.filed_on is not None))
    steps.append(TimelineStep("announced", value.announced_on, value.announcement, value.announced_on is not None))
    if value.withdrawal_filed_on is not None or value.stored_state in ("withdrawal-filed", "withdrawn"):
        steps.append(TimelineStep("withdrawal-filed", value.withdrawal_filed_on, value.withdrawal_reason))
        steps.append(TimelineStep("withdrawn", value.withdrawn_on, value.withdrawal_announcement,
                                  value.withdrawn_on is not None))
    return steps


def snapshot(*, patent_number: str, title: str, patent_type: str, patentees: list[Patentee],
             terms_canonical: dict[str, Any] | None, terms_words: dict[str, str], content: DeclarationContent,
             fee_note: str | None, promises: list[str], expiry: date | None) -> dict[str, Any]:
    """The declaration as filed: everything its documents print, frozen (JSON-able)."""
    return {
        "patent_number": patent_number, "title": title, "patent_type": patent_type,
        "patentees": [p.to_json() for p in patentees], "terms": terms_canonical, "words": dict(terms_words),
        "content": content.canonical(), "fee_note": fee_note, "promises": list(promises),
        "expiry": expiry.isoformat() if expiry else None,
    }


# how the audit trail names what a declaration step recorded (the trail is read by people, in the history tab)
RECORD_LABELS = {
    "contact_person": "联系人", "contact_phone": "联系电话", "contact_email": "电子邮箱", "contact_address": "通讯地址",
    "agency_name": "代理机构", "agency_code": "代理机构代码", "other_terms": "其他需要明确的事项",
    "territory": "许可地域范围", "source_batch": "来源批次", "filed_on": "提交日期", "route": "提交途径",
    "reference": "提交编号", "announced_on": "公告日期", "announcement": "公告卷期", "withdrawal_filed_on": "申请撤回日期",
    "reason": "撤回理由", "withdrawn_on": "撤回公告日期",
}


def record_text(values: dict[str, Any]) -> str:
    """标签：值；… for the audit trail — the values a step recorded, in words, the empty ones left out."""
    parts = []
    for key, value in values.items():
        if value in (None, ""):
            continue
        if isinstance(value, date):
            value = value.isoformat()
        if key == "route":
            value = ROUTE_ZH.get(value, value)
        parts.append(f"{RECORD_LABELS.get(key, key)}：{value}")
    return "；".join(parts)


def canonical_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
