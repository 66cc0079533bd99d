"""`openlic fee-reduction add|list|remove` — annual-fee reductions the office records for a patent (费减…): never
stacked with the open-licence reduction, the more favourable applies (domain.md §3)."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services import annual_fees


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("add", help="record a reduction / 登记减缴")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--percent", required=True)
    a.add_argument("--from", dest="start", help="first due day it covers / 起始日")
    a.add_argument("--until", dest="end", help="last due day it covers / 截止日")
    a.add_argument("--basis", default="", help="e.g. the reduction's record number / 减缴依据")
    a.set_defaults(handler=run_add)
    a = actions.add_parser("list", help="reductions of a patent / 列出")
    a.add_argument("number")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("remove", help="remove a mistaken record by its id / 删除")
    a.add_argument("id", type=int)
    a.set_defaults(handler=run_remove)


def run_add(args, ctx) -> int:
    done = annual_fees.record_reduction(ctx.ws, args.numbers, args.percent, date_arg(args.start),
                                        date_arg(args.end), args.basis)
    for r in done:
        ctx.out.line(ctx.t(f"{r.application_number}：已登记减缴（编号 {r.id}）",
                           f"{r.application_number}: recorded (id {r.id})"))
    return 0


def run_list(args, ctx) -> int:
    items = annual_fees.list_reductions(ctx.ws, args.number)
    ctx.out.table(items, lambda i: (i.id, f"{i.to_json()['percent']}%", i.to_json()["start"] or "…",
                                    i.to_json()["end"] or "…", i.reduction.basis), lambda i: i.to_json())
    return 0


def run_remove(args, ctx) -> int:
    annual_fees.remove_reduction(ctx.ws, args.id)
    ctx.out.line(ctx.t("已删除", "Removed"))
    return 0
