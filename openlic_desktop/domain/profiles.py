"""Bureau profiles as values: what a provincial bureau asks for (domain.md §5, §8).

The files live in openlic_desktop/resources/profiles/*.toml (one per bureau, readable and commented); a user copy in the data
dir's profiles/ folder with the same code overrides the shipped one. Loading is in `load_profiles`; this module
only reads TOML text it is given, so it stays pure.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from openlic_desktop.support.errors import InputError

REGIMES = ("pilot", "statutory")

# The wording is what a commitment letter prints (without the codes): official style, the full promise.
DEFAULT_COMMITMENTS: tuple[tuple[str, str, str], ...] = (
    ("C1", "未给予且在许可期限内不会给予独占许可或者排他许可",
     "No exclusive or sole licence has been or will be given during the term"),
    ("C2", "专利权合法有效，许可期限内按时缴纳年费，维持专利权有效",
     "The patent is valid; annual fees will be paid to keep it in force for the term"),
    ("C3", "接受许可条件的任何单位或者个人均可以相同条件获得许可，不拒绝任何请求",
     "Anyone accepting the published terms gets a licence on the same terms; none is refused"),
    ("C4", "专利权转让的，及时报告并撤回开放许可", "A transfer will be reported and the offer withdrawn"),
    ("C5", "专利权属清晰，不存在权属纠纷、程序中止或者保全措施",
     "Title is clear: no ownership dispute, suspension or preservation"),
    ("C6", "专利权未质押，或者已取得质权人的书面同意", "Not pledged, or the pledgee consented in writing"),
    ("C7", "全体共有人均同意实行开放许可", "Every co-owner consents"),
    ("C8", "所提供的信息和材料真实、准确、完整", "The information and materials given are true and complete"),
)


# The fields a bureau's information table may ask for: field → (Chinese label, English label, default format).
# services/export.py fills a row dict with these keys; documents/info_table.py writes what the layout names.
TABLE_FIELDS: dict[str, tuple[str, str, str]] = {
    "seq": ("序号", "No.", "int"),
    "patent_number": ("专利号", "Patent number", "text"),
    "application_number": ("申请号", "Application number", "text"),
    "title": ("专利名称", "Title", "text"),
    "patent_type": ("专利类型", "Patent type", "text"),
    "patentees": ("专利权人", "Patentee(s)", "text"),
    "inventors": ("发明人", "Inventors", "text"),
    "filing_date": ("申请日", "Filing date", "date"),
    "grant_date": ("授权公告日", "Grant date", "date"),
    "expiry_date": ("专利权期限届满日", "Last day in force", "date"),
    "status": ("法律状态", "Legal status", "text"),
    "ipc": ("IPC分类号", "IPC", "text"),
    "industry": ("技术领域/所属行业", "Field / industry", "text"),
    "department": ("所属院系", "Department", "text"),
    "description": ("技术简介", "Short description", "text"),
    "licence_type": ("许可类型", "Licence type", "text"),
    "territory": ("许可地域范围", "Territory", "text"),
    "payment_mode": ("许可使用费支付方式", "Payment method", "text"),
    "payment_standard": ("许可使用费标准", "Payment standard", "text"),
    "licence_term": ("许可期限", "Licence term", "text"),
    "evaluation_report": ("专利权评价报告/检索报告", "Evaluation / search report", "text"),
    "encumbrance": ("质押、许可等情况", "Encumbrances", "text"),
    "contact_person": ("联系人", "Contact person", "text"),
    "contact_phone": ("联系电话", "Contact phone", "text"),
    "contact_email": ("电子邮箱", "Contact e-mail", "text"),
    "contact_address": ("通讯地址", "Address", "text"),
    "remarks": ("备注", "Remarks", "text"),
}
FORMATS = ("text", "date", "int", "money")


@dataclass(frozen=True)
class TableColumn:
    """One column of the information table: the header the bureau prints, the field that fills it, its format."""

    header: str
    field: str
    format: str = "text"
    width: float = 14.0


@dataclass(frozen=True)
class TableLayout:
    """The bureau's own information-table layout (used when the user gives no blank template of the bureau's).

    `title_rows` are printed above the header row, merged across the columns; they may use {office}, {date},
    {province}, {bureau}, {count}."""

    sheet: str = "专利许可信息表"
    title_rows: tuple[str, ...] = ("专利开放许可信息表",)
    columns: tuple[TableColumn, ...] = ()
    date_format: str = "yyyy-mm-dd"
    freeze_header: bool = True
    commitment_footer: bool = True   # the patentees' commitment with seal and date rows under the table

    @property
    def header_row(self) -> int:
        """1-based row number of the header row."""
        return len(self.title_rows) + 1


# The pilot plan's minimum published content (domain.md §8) plus the usual columns — the general layout.
DEFAULT_COLUMNS: tuple[TableColumn, ...] = tuple(
    TableColumn(TABLE_FIELDS[f][0], f, TABLE_FIELDS[f][2], w) for f, w in (
        ("seq", 6), ("patent_number", 20), ("title", 36), ("patent_type", 10), ("patentees", 28),
        ("filing_date", 12), ("grant_date", 12), ("expiry_date", 14), ("status", 10), ("industry", 18),
        ("licence_type", 10), ("territory", 12), ("payment_mode", 16), ("payment_standard", 36),
        ("licence_term", 24), ("evaluation_report", 24), ("encumbrance", 18), ("contact_person", 10),
        ("contact_phone", 16), ("contact_email", 24), ("contact_address", 28)))


@dataclass(frozen=True)
class Commitment:
    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class BureauProfile:
    """One bureau's habits. Fields not in a file take the defaults below ([ours] or [pilot] as marked there)."""

    code: str
    name: str
    regime: str = "pilot"         # pilot: a provincial listing; statutory: the declaration to CNIPA (domain.md §10)
    province: str = ""
    bureau: str = ""
    email: str = ""
    min_term_months: int = 12
    search_report_allowed: bool = True
    single_signer_allowed: bool = False
    commitments: tuple[Commitment, ...] = tuple(Commitment(*c) for c in DEFAULT_COMMITMENTS)
    package_name: str = "{province}专利开放许可申报_{office}_{date}"
    email_limit_mb: int = 20
    email_subject: str = "{province}专利开放许可信息报送_{office}_{date}（{count}件）"
    contract_sample: bool = False
    fee_note: bool = True
    # group: one 承诺函 per set of patentees (each letter is sealed by exactly those patentees); patent: one per
    # patent; batch: one for the whole package listing every patentee
    commitment_letter_per: str = "group"
    # a package whose commitment letters have no sealed scan: a warning, or (true) the letter's patents left out
    sealed_letter_required: bool = False
    layout: TableLayout = field(default_factory=lambda: TableLayout(columns=DEFAULT_COLUMNS),
                                hash=False, compare=False)
    # header text of a bureau's blank template → our field, as corrected by the user (saved in the user copy)
    template_mapping: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    table: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    sources: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def commitment_codes(self) -> list[str]:
        return [c.code for c in self.commitments]

    def commitment_words(self, codes: list[str] | tuple[str, ...], lang: str = "zh") -> str:
        """The promises of these codes in the profile's own words, for what the user reads (the codes are the
        program's, never the user's)."""
        by_code = {c.code: c for c in self.commitments}
        zh = lang.startswith("zh")
        said = [(by_code[c].zh if zh else by_code[c].en) if c in by_code else c for c in codes]
        return "；".join(said) if zh else "; ".join(said)


def profile_from_toml(text: str, origin: str = "") -> BureauProfile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("PROFILE_INVALID", file=origin, reason=str(exc)) from None
    return profile_from_dict(data, origin)


def layout_from_dict(table: dict[str, Any], origin: str = "") -> TableLayout:
    if not table:
        return TableLayout(columns=DEFAULT_COLUMNS)
    columns = []
    for i, col in enumerate(table.get("columns", ())):
        fld = col.get("field", "")
        if fld not in TABLE_FIELDS:
            raise InputError("PROFILE_INVALID", file=origin, reason=f"table.columns[{i}]: unknown field {fld!r}")
        fmt = col.get("format", TABLE_FIELDS[fld][2])
        if fmt not in FORMATS:
            raise InputError("PROFILE_INVALID", file=origin, reason=f"table.columns[{i}]: unknown format {fmt!r}")
        header = str(col.get("header") or TABLE_FIELDS[fld][0])
        columns.append(TableColumn(header, fld, fmt, float(col.get("width", 14))))
    title_rows = table.get("title_rows", TableLayout.title_rows)
    if isinstance(title_rows, str):
        title_rows = (title_rows,)
    return TableLayout(sheet=str(table.get("sheet", TableLayout.sheet))[:31],
                       title_rows=tuple(str(t) for t in title_rows),
                       columns=tuple(columns) or DEFAULT_COLUMNS,
                       date_format=str(table.get("date_format", TableLayout.date_format)),
                       freeze_header=bool(table.get("freeze_header", True)),
                       commitment_footer=bool(table.get("commitment_footer", True)))


def profile_from_dict(data: dict[str, Any], origin: str = "") -> BureauProfile:
    for key in ("code", "name"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise InputError("PROFILE_INVALID", file=origin, reason=f"{key} is missing")
    commitments = data.get("commitments")
    kwargs: dict[str, Any] = {k: data[k] for k in (
        "code", "name", "regime", "province", "bureau", "email", "min_term_months", "search_report_allowed",
        "single_signer_allowed", "package_name", "email_limit_mb", "email_subject", "contract_sample", "fee_note",
        "commitment_letter_per", "sealed_letter_required") if k in data}
    if kwargs.get("commitment_letter_per", "group") not in ("group", "patent", "batch"):
        raise InputError("PROFILE_INVALID", file=origin,
                         reason="commitment_letter_per must be group, patent or batch")
    if not isinstance(kwargs.get("email_limit_mb", 1), int) or kwargs.get("email_limit_mb", 1) < 1:
        raise InputError("PROFILE_INVALID", file=origin, reason="email_limit_mb must be a whole number ≥ 1")
    if kwargs.get("regime", "pilot") not in REGIMES:
        raise InputError("PROFILE_INVALID", file=origin, reason="regime must be pilot or statutory")
    if commitments:
        kwargs["commitments"] = tuple(Commitment(c["code"], c["zh"], c.get("en", c["zh"])) for c in commitments)
    elif kwargs.get("regime") == "statutory":  # the licensor's promises of the declaration form
        from openlic_desktop.domain.declarations import PROMISES  # declarations → licensing → pricing → here

        kwargs["commitments"] = tuple(Commitment(*p) for p in PROMISES)
    kwargs["layout"] = layout_from_dict(data.get("table", {}), origin)
    mapping = data.get("template_mapping", {})
    bad = [f for f in mapping.values() if f and f not in TABLE_FIELDS]
    if bad:
        raise InputError("PROFILE_INVALID", file=origin, reason=f"template_mapping: unknown field {bad[0]!r}")
    kwargs["template_mapping"] = {str(k): str(v) for k, v in mapping.items()}
    kwargs["table"] = data.get("table", {})
    kwargs["sources"] = data.get("sources", {})
    kwargs["raw"] = data
    return BureauProfile(**kwargs)
