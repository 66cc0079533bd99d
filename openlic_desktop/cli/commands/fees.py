"""`openlic fees NUMBER [--count N] [--paid-on DATE] [--date DAY] [--json]` — the annual fees ahead, each with the reduction that
applies on its due day (the 15 % only inside an announced declaration) and what paying late adds (cli.md)."""

from __future__ import annotations

from datetime import date

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services import annual_fees


def register(p) -> None:
    p.add_argument("number")
    p.add_argument("--count", type=int, help="only the next N fees / 只列出接下来的N次")
    p.add_argument("--paid-on", help="what paying on this day costs / 按此日缴纳计算滞纳金")
    p.add_argument("--date", help="as of this day: a fee past its grace period by then has lapsed (default: today)"
                                  " / 按此日判断是否已过滞纳期")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    found = annual_fees.fees_for(ctx.ws, args.number, args.count, date_arg(args.paid_on),
                                 today=date_arg(args.date, date.today()))
    data = found.to_json()
    ctx.out.result(data["fees"], lambda: [line for fee in found.fees for line in _lines(fee, found, ctx)])
    if found.lapsed is not None:  # nothing payable is listed; say why (exit 1: done, but nothing can be paid)
        fee = found.lapsed
        ctx.out.refusal("FEES_LAPSED", ctx.msg("FEES_LAPSED", value=found.application_number, year=fee.year,
                                               due=fee.due.isoformat(), grace_end=fee.grace_end.isoformat()))
        return 1
    return 0


def _lines(fee, found, ctx) -> list[str]:
    detail = annual_fees.fee_detail(fee, ctx.lang)
    out = [ctx.t(f"应缴日 {fee.due.isoformat()}\t{fee.amount} 元\t{detail}",
                 f"due {fee.due.isoformat()}\tCNY {fee.amount}\t{detail}")]
    if found.paid_on is not None:
        surcharge = fee.surcharge_on(found.paid_on)
        day = found.paid_on.isoformat()
        if surcharge is None:
            out.append(ctx.t(f"  {day} 已超过滞纳期，不能再缴纳", f"  {day} is past the grace period: it cannot be paid"))
        else:
            out.append(ctx.t(f"  {day} 缴纳：滞纳金 {surcharge} 元，合计 {fee.amount + surcharge} 元",
                             f"  paid {day}: surcharge CNY {surcharge}, total CNY {fee.amount + surcharge}"))
    return out
