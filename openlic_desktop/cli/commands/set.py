"""`openlic set NUMBER FIELD=VALUE ...` — edit recorded facts (cli.md); a change to a signed-off fact makes the
sign-off stale."""

from __future__ import annotations

from openlic_desktop.services import portfolio
from openlic_desktop.support.errors import InputError


def register(p) -> None:
    p.add_argument("number")
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    changes = {}
    for item in args.assignments:
        if "=" not in item:
            raise InputError("BAD_ARGUMENT", reason=f"expected FIELD=VALUE, got {item}")
        name, value = item.split("=", 1)
        changes[name.strip()] = portfolio.parse_field_value(name.strip(), value)
    changed = portfolio.set_fields(ctx.ws, args.number, changes)
    if changed:
        ctx.out.line(ctx.t(f"已修改：{', '.join(changed)}", f"Changed: {', '.join(changed)}"))
    else:
        ctx.out.line(ctx.t("没有变化", "Nothing changed"))
    return 0
