"""`openlic consent NUMBER --owner NAME [--date DATE] [--file FILE]` — a co-owner's written consent is on file
(cli.md)."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services import encumbrances


def register(p) -> None:
    p.add_argument("number")
    p.add_argument("--owner", required=True)
    p.add_argument("--date")
    p.add_argument("--file", help="the signed consent letter (PDF/OFD/JPEG/PNG), attached as kind consent")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    changed = encumbrances.record_consent(ctx.ws, args.number, args.owner, date_arg(args.date), file=args.file)
    ctx.out.line(ctx.t("已记录共有人同意" if changed else "没有变化", "Consent recorded" if changed else "Nothing changed"))
    return 0
