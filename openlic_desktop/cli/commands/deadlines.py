"""`openlic deadlines [--within DAYS] [--kind KIND ...] [--json]` — recording, end of the free period / trial /
term, licence fees, annual fees, follow-up reports (cli.md)."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services.licensing import deadlines
from openlic_desktop.support.errors import InputError


def register(p) -> None:
    p.add_argument("--within", type=int, metavar="DAYS")
    p.add_argument("--kind", action="append", choices=list(deadlines.DEADLINE_KINDS))
    p.add_argument("--date", "--today", dest="today", help="as of this day (default: today) / 按此日计算")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if args.within is not None and args.within < 0:
        raise InputError("BAD_ARGUMENT", reason="--within must not be negative")
    items = deadlines.deadlines(ctx.ws, today=date_arg(args.today), within=args.within, kinds=args.kind,
                                 lang=ctx.lang)

    def row(d):
        if d.lapsed:  # a fact, not a deadline to meet: nothing payable is listed, the lapse is said in words
            return [d.due, d.left_words(ctx.lang), d.label(ctx.lang), d.application_number, d.detail]
        cells = [d.due, d.left_words(ctx.lang), d.label(ctx.lang), d.application_number]
        if d.licensee:
            cells.append(d.licensee)
        if d.amount is not None:
            cells.append(d.amount)
        return cells

    ctx.out.table(items, row, lambda d: d.to_json(), footer=ctx.t(f"共 {len(items)} 项", f"{len(items)} deadlines"))
    return 0
