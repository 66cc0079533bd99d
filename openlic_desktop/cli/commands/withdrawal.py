"""`openlic withdrawal consent|list|reoffer` — withdrawing published offers: every co-owner's written consent to
the withdrawal (its own, not the consent to offer), the patents withdrawn or transferred (never packaged again
unnoticed), and offers made again. The notice itself: `openlic submission withdraw`."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services import withdrawals


def register(p) -> None:
    actions = p.add_subparsers(dest="withdrawal_command", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("consent", help="a patentee's written consent to withdraw / 专利权人同意撤回")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--owner", required=True, metavar="NAME")
    a.add_argument("--date", help="the day of the consent")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_consent)
    a = actions.add_parser("list", help="offers withdrawn and not made again / 已撤回的开放许可")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("reoffer", help="the offers are made again / 重新实行开放许可")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--date", help="since when (default: today)")
    a.set_defaults(handler=run_reoffer)


def run_consent(args, ctx) -> int:
    done = withdrawals.record_consent(ctx.ws, args.numbers, args.owner, date_arg(args.date))
    ctx.out.result({"recorded": done}, ctx.t(f"已登记 {args.owner} 同意撤回：{len(done)} 件",
                                             f"{args.owner}'s consent to withdraw recorded for {len(done)} patents"))
    return 0


def run_list(args, ctx) -> int:
    items = sorted(withdrawals.withdrawn(ctx.ws).values(), key=lambda w: (w.withdrawn_on, w.application_number))
    ctx.out.table(items, lambda w: (w.application_number, w.withdrawn_on,
                                    ctx.t("已转让" if w.kind == "transferred" else "已撤回", w.kind), w.reason),
                  lambda w: w.to_json(), footer=ctx.t(f"共 {len(items)} 件", f"{len(items)} patents"))
    return 0


def run_reoffer(args, ctx) -> int:
    done = withdrawals.reoffer(ctx.ws, args.numbers, date_arg(args.date))
    ctx.out.line(ctx.t(f"已重新实行开放许可：{len(done)} 件", f"Offered again: {len(done)} patents"))
    return 0
