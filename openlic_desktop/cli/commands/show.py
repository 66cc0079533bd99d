"""`openlic show NUMBER [--json]` — one patent with everything recorded about it (any written form of the
number)."""

from __future__ import annotations

from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.status import Status
from openlic_desktop.services import portfolio

LABELS = {
    "application_number": ("申请号", "Application No."), "patent_number": ("专利号", "Patent No."),
    "type": ("类型", "Type"), "title": ("名称", "Title"), "patentees": ("专利权人", "Patentees"),
    "inventors": ("发明人", "Inventors"), "filing_date": ("申请日", "Filing date"),
    "grant_date": ("授权公告日", "Grant date"), "expiry_date": ("专利权期限届满日", "Last day in force"),
    "status": ("法律状态", "Status"), "fees_paid_until": ("年费缴至", "Fees paid until"), "ipc": ("IPC", "IPC"),
    "department": ("院系", "Department"), "industry": ("行业", "Industry"),
    "contact_person": ("联系人", "Contact"), "contact_phone": ("联系电话", "Phone"),
    "contact_email": ("电子邮箱", "E-mail"), "description": ("简介", "Description"),
}


def register(p) -> None:
    p.add_argument("number")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    data = portfolio.detail(ctx.ws, args.number).to_json()
    ctx.out.result(data, lambda: _lines(data, ctx))
    return 0


def _lines(data: dict, ctx) -> list[str]:
    lines = []
    for key, (zh, en) in LABELS.items():
        value = data.get(key)
        if isinstance(value, list):
            value = "；".join(value)
        if key == "type" and ctx.lang == "zh" and value:
            value = PatentType(value).zh
        if key == "status" and ctx.lang == "zh" and value:
            value = Status(value).zh
        lines.append(f"{ctx.t(zh, en)}：{value if value not in (None, '') else '—'}")
    return lines
