"""`openlic office show [--json]`, `openlic office set FIELD=VALUE …` (name, address, contact, phone, email,
seal_holder) — the office's own details, without editing files (cli.md)."""

from __future__ import annotations

from openlic_desktop.services import office

LABELS = office.LABELS


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("show", help="show the office's details / 查看")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_show)
    a = actions.add_parser("set", help="FIELD=VALUE … (name, address, contact, phone, email, seal_holder) / 设置")
    a.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    a.set_defaults(handler=run_set)


def run_show(args, ctx) -> int:
    fields = office.as_fields(office.show())
    ctx.out.result(fields, [f"{ctx.t(*LABELS[k])}\t{v or '—'}" for k, v in fields.items()])
    return 0


def run_set(args, ctx) -> int:
    changes = office.parse_assignments(args.assignments)
    fields = office.as_fields(office.update(changes))
    for key in changes:
        name = key if key in LABELS else next(k for k, a in office.FIELDS.items() if a == key)
        ctx.out.line(ctx.t(f"已设置{LABELS[name][0]}：{fields[name] or '—'}",
                           f"{LABELS[name][1]} set: {fields[name] or '—'}"))
    return 0
