"""`openlic signoff NUMBER... --role preparer|reviewer [--profile CODE]` — sign off as `--user` (cli.md)."""

from __future__ import annotations

from openlic_desktop.cli.commands.commit import report_outcome
from openlic_desktop.domain.readiness import ROLES
from openlic_desktop.services import readiness


def register(p) -> None:
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--profile")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    return report_outcome(readiness.sign_off(ctx.ws, args.numbers, args.role, args.profile), ctx)
