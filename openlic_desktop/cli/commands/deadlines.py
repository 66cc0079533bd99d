"""`openlic deadlines [--within DAYS] [--kind KIND ...] [--json]` — recording, end of the free period / trial /
term, licence fees, annual fees, follow-up reports (cli.md)."""

from __future__ import annotations

import argparse

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services.licensing import deadlines
from openlic_desktop.support.errors import InputError


def register(p) -> None:
    p.add_argument("--within", type=int, metavar="DAYS")
    p.add_argument("--kind", action="append", choices=list(deadlines.DEADLINE_KINDS))
    p.add_argument("--today", help=argparse.SUPPRESS)  # for scripts and tests: count days from this date
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if args.within is not None and args.within < 0:
        raise InputError("BAD_ARGUMENT", reason="--within must not be negative")
    items = deadlines.deadlines(ctx.ws, today=date_arg(args.today), within=args.within, kinds=args.kind)

    def row(d):
        left = ctx.t(f"逾期{-d.days_left}天" if d.overdue else f"{d.days_left}天",
                     f"{-d.days_left} days overdue" if d.overdue else f"{d.days_left} days")
        cells = [d.due, left, d.label(ctx.lang), d.application_number]
        if d.licensee:
            cells.append(d.licensee)
        if d.amount is not None:
            cells.append(d.amount)
        return cells

    ctx.out.table(items, row, lambda d: d.to_json(), footer=ctx.t(f"共 {len(items)} 项", f"{len(items)} deadlines"))
    return 0
