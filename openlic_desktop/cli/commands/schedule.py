"""`openlic schedule NUMBER --annual-sales X [--annual-profit X] [--start DATE] [--json]` — what one licensee
pays, period by period, over the term (cli.md)."""

from __future__ import annotations

from datetime import date

from openlic_desktop.cli.arguments import date_arg, money_arg
from openlic_desktop.services import pricing


def register(p) -> None:
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--annual-sales", required=True, help="expected annual net sales, CNY")
    p.add_argument("--annual-profit", help="expected annual profit, CNY (royalty on profit)")
    p.add_argument("--start", help="licence start date (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    sales = money_arg(args.annual_sales, "annual-sales")
    profit = money_arg(args.annual_profit, "annual-profit")
    start = date_arg(args.start, date.today())
    number, schedule = pricing.schedule_for(ctx.ws, args.number, sales, profit, start)

    def lines():
        for p in schedule.periods:
            kind = p.kind.words(ctx.lang)
            yield f"{p.start.isoformat()} — {p.end.isoformat()}\t{kind}\t{p.amount:,}"
        yield ctx.t(f"合计：{schedule.total:,} 元", f"Total: CNY {schedule.total:,}")

    ctx.out.result({"application_number": number} | schedule.to_json(), lines)
    return 0
