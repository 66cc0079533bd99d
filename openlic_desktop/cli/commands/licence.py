"""`openlic licence add|list|recorded|report-submitted|paid|effect|report` — licences reached under the open offer
and what follows from them (cli.md): recording, payments, what the licence brought, the 许可实施情况报告."""

from __future__ import annotations

from datetime import date

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services.licensing import follow_up, licences


def register(p) -> None:
    actions = p.add_subparsers(dest="licence_command", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("add", help="record a licence reached under the open offer / 登记许可")
    a.add_argument("number", metavar="NUMBER")
    a.add_argument("--licensee", required=True, metavar="NAME_OR_USCC")
    a.add_argument("--date", required=True, help="the day the contract took effect")
    a.add_argument("--contract-number", default="")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_add)
    a = actions.add_parser("list", help="list licences / 列出许可")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("recorded", help="the contract was recorded with CNIPA / 已备案")
    a.add_argument("licence_id", type=int, metavar="LICENCE_ID")
    a.add_argument("--date", help="recorded on (default: today)")
    a.set_defaults(handler=run_recorded)
    a = actions.add_parser("report-submitted",
                           help="the follow-up report was sent to the bureau / 已报送许可实施情况报告")
    a.add_argument("licence_id", type=int, metavar="LICENCE_ID")
    a.add_argument("--date", help="submitted on (default: today)")
    a.set_defaults(handler=run_report_submitted)
    a = actions.add_parser("paid", help="a payment was received / 已收款")
    a.add_argument("payment_id", type=int, metavar="PAYMENT_ID")
    a.add_argument("--amount", required=True, help="CNY received")
    a.add_argument("--date", help="received on (default: today)")
    a.set_defaults(handler=run_paid)
    a = actions.add_parser("effect", help="what the licence brought, as reported / 登记许可实施情况")
    a.add_argument("licence_id", type=int, metavar="LICENCE_ID")
    a.add_argument("--implemented", required=True, choices=("yes", "no", "unknown"))
    a.add_argument("--products", default="", help="products or processes made with the patent / 实施产品")
    a.add_argument("--new-sales", help="new sales, CNY / 新增销售额（元）")
    a.add_argument("--jobs", type=int, help="jobs created / 新增就业人数")
    a.add_argument("--date", help="as reported on (default: today)")
    a.set_defaults(handler=run_effect)
    a = actions.add_parser("report", help="follow-up report for the bureau (xlsx) / 许可实施情况报告")
    a.add_argument("--out", required=True, metavar="FILE.xlsx")
    a.set_defaults(handler=run_report)


def run_add(args, ctx) -> int:
    rec = licences.add_licence(ctx.ws, args.number, args.licensee, date_arg(args.date), args.contract_number)
    ctx.out.result(rec.to_json(), ctx.t(
        f"已登记许可：{rec.application_number} → {rec.licensee}，{rec.effective_date}；备案期限 {rec.recording_deadline}",
        f"Licence recorded: {rec.application_number} → {rec.licensee}, {rec.effective_date}; "
        f"record with CNIPA by {rec.recording_deadline}"))
    return 0


def run_list(args, ctx) -> int:
    items = licences.list_licences(ctx.ws)
    ctx.out.table(items, lambda r: (r.application_number, r.licensee, r.effective_date, r.terms.summary(ctx.lang)),
                  lambda r: r.to_json(), footer=ctx.t(f"共 {len(items)} 项许可", f"{len(items)} licences"))
    return 0


def run_recorded(args, ctx) -> int:
    on = date_arg(args.date, date.today())
    licences.mark_recorded(ctx.ws, args.licence_id, on)
    ctx.out.line(ctx.t(f"许可 {args.licence_id} 已于 {on} 备案", f"Licence {args.licence_id} recorded with CNIPA on {on}"))
    return 0


def run_report_submitted(args, ctx) -> int:
    on = date_arg(args.date, date.today())
    licences.mark_report_submitted(ctx.ws, args.licence_id, on)
    ctx.out.line(ctx.t(f"许可 {args.licence_id} 的许可实施情况报告已于 {on} 报送",
                       f"Follow-up report on licence {args.licence_id} submitted on {on}"))
    return 0


def run_paid(args, ctx) -> int:
    on = date_arg(args.date, date.today())
    amount = licences.parse_amount(args.amount)
    licences.record_payment(ctx.ws, args.payment_id, on, amount)
    ctx.out.line(ctx.t(f"付款 {args.payment_id}：{on} 收到 {amount} 元",
                       f"Payment {args.payment_id}: CNY {amount} on {on}"))
    return 0


def run_effect(args, ctx) -> int:
    implemented = {"yes": True, "no": False, "unknown": None}[args.implemented]
    sales = licences.parse_amount(args.new_sales) if args.new_sales else None
    licences.record_effect(ctx.ws, args.licence_id, implemented=implemented, products=args.products,
                           new_sales=sales, jobs=args.jobs, as_of=date_arg(args.date))
    ctx.out.line(ctx.t(f"许可 {args.licence_id} 的实施情况已登记", f"Licence {args.licence_id}: effect recorded"))
    return 0


def run_report(args, ctx) -> int:
    from openlic_desktop.support import settings

    out = follow_up.follow_up_report(ctx.ws, args.out, settings.load().office.name)
    ctx.out.line(ctx.t(f"已生成许可实施情况报告：{out}", f"Follow-up report written: {out}"))
    return 0
