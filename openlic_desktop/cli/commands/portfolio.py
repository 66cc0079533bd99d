"""Portfolio commands: demo, patents, show, set."""

from __future__ import annotations

from datetime import date

from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.status import Status
from openlic_desktop.services import demo, portfolio
from openlic_desktop.support.errors import InputError

TYPE_ZH = {t.value: t.zh for t in PatentType}
STATUS_ZH = {s.value: s.zh for s in Status}


def register(sub) -> None:
    p = sub.add_parser("demo", help="fill an empty database with a demo portfolio / 生成演示数据")
    p.add_argument("--patents", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true", help="replace a non-empty database")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("patents", help="list patents / 列出专利")
    p.add_argument("--search", default="")
    p.add_argument("--type", choices=[t.value for t in PatentType])
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_patents)

    p = sub.add_parser("show", help="one patent in full / 查看专利")
    p.add_argument("number")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("set", help="edit recorded facts: FIELD=VALUE ... / 修改著录事项")
    p.add_argument("number")
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(handler=cmd_set)


def cmd_demo(args, ctx) -> int:
    n = demo.load_demo(ctx.ws, args.patents, args.seed, force=args.force)
    print(ctx.t(f"已生成 {n} 件演示专利：{ctx.ws.location}", f"Created {n} demo patents in {ctx.ws.location}"))
    return 0


def cmd_patents(args, ctx) -> int:
    items = portfolio.list_patents(ctx.ws, args.search, args.type, args.status)
    today = date.today()
    if args.json:
        ctx.print_json([portfolio.patent_json(f, today) for f in items])
        return 0
    for f in items:
        kind = TYPE_ZH[f.patent_type.value] if ctx.lang == "zh" else f.patent_type.value
        status = f.effective_status(today).value
        status = STATUS_ZH[status] if ctx.lang == "zh" else status
        print(f"{f.number.canonical}\t{kind}\t{status}\t{f.title}\t{'；'.join(f.patentees)}")
    print(ctx.t(f"共 {len(items)} 件", f"{len(items)} patents"))
    return 0


def cmd_show(args, ctx) -> int:
    detail = portfolio.detail(ctx.ws, args.number)
    data = detail.to_json()
    if args.json:
        ctx.print_json(data)
        return 0
    labels = {
        "application_number": ("申请号", "Application No."), "patent_number": ("专利号", "Patent No."),
        "type": ("类型", "Type"), "title": ("名称", "Title"), "patentees": ("专利权人", "Patentees"),
        "inventors": ("发明人", "Inventors"), "filing_date": ("申请日", "Filing date"),
        "grant_date": ("授权公告日", "Grant date"), "expiry_date": ("有效期至", "Last day in force"),
        "status": ("法律状态", "Status"), "fees_paid_until": ("年费缴至", "Fees paid until"), "ipc": ("IPC", "IPC"),
        "department": ("院系", "Department"), "industry": ("行业", "Industry"),
        "contact_person": ("联系人", "Contact"), "contact_phone": ("联系电话", "Phone"),
        "contact_email": ("电子邮箱", "E-mail"), "description": ("简介", "Description"),
    }
    for key, (zh, en) in labels.items():
        value = data.get(key)
        if isinstance(value, list):
            value = "；".join(value)
        if key == "type" and ctx.lang == "zh" and value:
            value = TYPE_ZH[value]
        if key == "status" and ctx.lang == "zh" and value:
            value = STATUS_ZH[value]
        print(f"{ctx.t(zh, en)}：{value if value not in (None, '') else '—'}")
    return 0


def cmd_set(args, ctx) -> int:
    changes = {}
    for item in args.assignments:
        if "=" not in item:
            raise InputError("BAD_ARGUMENT", reason=f"expected FIELD=VALUE, got {item}")
        name, value = item.split("=", 1)
        changes[name.strip()] = portfolio.parse_field_value(name.strip(), value)
    changed = portfolio.set_fields(ctx.ws, args.number, changes)
    if changed:
        print(ctx.t(f"已修改：{', '.join(changed)}", f"Changed: {', '.join(changed)}"))
    else:
        print(ctx.t("没有变化", "Nothing changed"))
    return 0
