"""`openlic set NUMBER FIELD=VALUE ...` — edit recorded facts (cli.md); a change to a signed-off fact makes the
sign-off stale."""

from __future__ import annotations

from openlic_desktop.services import portfolio
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.messages import in_words


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
    if changed:  # the facts in words, not their field names
        names = ", ".join(changed)
        ctx.out.line(ctx.t(f"已修改：{in_words(names, 'zh')}", f"Changed: {in_words(names, 'en')}"))
    else:
        ctx.out.line(ctx.t("没有变化", "Nothing changed"))
    return 0
