"""Contracts and licences (cli.md): licensee add, contract, licence add, deadlines — and a few helpers beside them
(licensee list/import, licence list/report, contract-check)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from openlic_desktop.services.licensing import deadlines, drafting, follow_up, licences, licensees
from openlic_desktop.support.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("licensee", help="the licensee book / 被许可人")
    lsub = p.add_subparsers(dest="licensee_command", metavar="ACTION", parser_class=type(p))
    lsub.required = True
    a = lsub.add_parser("add", help="add a licensee / 登记被许可人")
    a.add_argument("--name", required=True)
    a.add_argument("--uscc", required=True, help="unified social credit code / 统一社会信用代码")
    a.add_argument("--address", default="")
    a.add_argument("--contact", default="")
    a.add_argument("--legal-representative", default="")
    a.add_argument("--size", default="", help="large|medium|small|micro (大型/中型/小型/微型)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_licensee_add)
    a = lsub.add_parser("list", help="list licensees / 列出被许可人")
    a.add_argument("--search", default="")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_licensee_list)
    a = lsub.add_parser("import", help="import licensees from xlsx/xls/csv / 导入被许可人")
    a.add_argument("file")
    a.add_argument("--sheet")
    a.add_argument("--dry-run", action="store_true")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_licensee_import)

    p = sub.add_parser("contract", help="draft an open-licence contract / 起草许可合同")
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--licensee", required=True, metavar="NAME_OR_USCC")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument("--template", metavar="FILE.docx")
    p.add_argument("--date", help="the day the contract takes effect (default: today)")
    p.add_argument("--pdf", action="store_true", help="also a PDF (needs LibreOffice)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_contract)

    p = sub.add_parser("contract-check", help="check a contract template / 检查合同模板")
    p.add_argument("template", nargs="?", metavar="FILE.docx")
    p.add_argument("--preview", action="store_true", help="print the preview rendered with sample data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_contract_check)

    p = sub.add_parser("licence", help="licences reached / 已达成的许可")
    lsub = p.add_subparsers(dest="licence_command", metavar="ACTION", parser_class=type(p))
    lsub.required = True
    a = lsub.add_parser("add", help="record a licence reached under the open offer / 登记许可")
    a.add_argument("number", metavar="NUMBER")
    a.add_argument("--licensee", required=True, metavar="NAME_OR_USCC")
    a.add_argument("--date", required=True, help="the day the contract took effect")
    a.add_argument("--contract-number", default="")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_licence_add)
    a = lsub.add_parser("list", help="list licences / 列出许可")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_licence_list)
    a = lsub.add_parser("recorded", help="the contract was recorded with CNIPA / 已备案")
    a.add_argument("licence_id", type=int, metavar="LICENCE_ID")
    a.add_argument("--date", help="recorded on (default: today)")
    a.set_defaults(handler=cmd_licence_recorded)
    a = lsub.add_parser("report-submitted", help="the follow-up report was sent to the bureau / 已报送评价报告")
    a.add_argument("licence_id", type=int, metavar="LICENCE_ID")
    a.add_argument("--date", help="submitted on (default: today)")
    a.set_defaults(handler=cmd_licence_report_submitted)
    a = lsub.add_parser("paid", help="a payment was received / 已收款")
    a.add_argument("payment_id", type=int, metavar="PAYMENT_ID")
    a.add_argument("--amount", required=True, help="CNY received")
    a.add_argument("--date", help="received on (default: today)")
    a.set_defaults(handler=cmd_licence_paid)
    a = lsub.add_parser("report", help="follow-up report for the bureau (xlsx) / 许可跟踪报表")
    a.add_argument("--out", required=True, metavar="FILE.xlsx")
    a.set_defaults(handler=cmd_licence_report)

    p = sub.add_parser("deadlines", help="deadlines: recording, free period, fees… / 期限提醒")
    p.add_argument("--within", type=int, metavar="DAYS")
    p.add_argument("--kind", action="append", choices=list(deadlines.DEADLINE_KINDS))
    p.add_argument("--today", help=argparse.SUPPRESS)  # for scripts and tests: count days from this date
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_deadlines)


def _day(value: str | None) -> date | None:
    return licences.parse_day(value) if value else None


def cmd_licensee_add(args, ctx) -> int:
    rec = licensees.add_licensee(ctx.ws, args.name, args.uscc, address=args.address, contact=args.contact,
                                 legal_representative=args.legal_representative, size=args.size)
    if args.json:
        ctx.print_json(rec.to_json())
    else:
        print(ctx.t(f"已登记被许可人：{rec.name}（{rec.uscc}）", f"Licensee added: {rec.name} ({rec.uscc})"))
    return 0


def cmd_licensee_list(args, ctx) -> int:
    items = licensees.list_licensees(ctx.ws, args.search)
    if args.json:
        ctx.print_json([r.to_json() for r in items])
        return 0
    for r in items:
        print(f"{r.uscc}\t{r.name}\t{r.contact}\t{r.licences}")
    print(ctx.t(f"共 {len(items)} 个被许可人", f"{len(items)} licensees"))
    return 0


def cmd_licensee_import(args, ctx) -> int:
    result = licensees.import_licensees(ctx.ws, args.file, sheet=args.sheet, dry_run=args.dry_run, lang=ctx.lang)
    if args.json:
        ctx.print_json(result.to_json())
    else:
        print(ctx.t(f"读取 {result.rows_read} 行：新增 {result.created}，更新 {result.updated}，"
                    f"未变 {result.unchanged}，拒绝 {result.rejected}",
                    f"{result.rows_read} rows read: {result.created} created, {result.updated} updated, "
                    f"{result.unchanged} unchanged, {result.rejected} rejected"))
        for r in result.rejections:
            print(f"  {ctx.t('第', 'row ')}{r['row']}{ctx.t('行', '')}: {r['code']} {r['message']}")
    return 1 if result.rejected else 0


def cmd_contract(args, ctx) -> int:
    if args.template and not Path(args.template).is_file():
        raise InputError("FILE_NOT_FOUND", path=args.template)
    done = drafting.draft_contract(ctx.ws, args.numbers, args.licensee, args.out, template=args.template,
                                    effective=_day(args.date), pdf=args.pdf)
    if args.json:
        ctx.print_json(done.to_json())
    else:
        print(ctx.t(f"已生成合同：{done.path}（模板版本 {done.template_version}，数据指纹 {done.data_sha256[:12]}）",
                    f"Contract written: {done.path} (template {done.template_version}, data "
                    f"{done.data_sha256[:12]})"))
        if done.pdf:
            print(ctx.t(f"PDF：{done.pdf}", f"PDF: {done.pdf}"))
    return 0


def cmd_contract_check(args, ctx) -> int:
    check = drafting.check_template(args.template)
    if args.json:
        ctx.print_json({"template": str(check.path), "version": check.version, "ok": check.ok,
                        "fields": check.fields_used,
                        "defects": [{"code": d.code, "kind": d.kind, "where": d.where, "detail": d.detail,
                                     "message": ctx.msg(d.code, where=d.where, detail=d.detail)}
                                    for d in check.defects],
                        "preview": check.preview})
    else:
        print(ctx.t(f"模板：{check.path}（版本 {check.version}）", f"Template: {check.path} (version {check.version})"))
        for d in check.defects:
            print("  " + ctx.msg(d.code, where=d.where or "—", detail=d.detail))
        print(ctx.t("检查通过" if check.ok else f"发现 {len(check.defects)} 处问题",
                    "No problems found" if check.ok else f"{len(check.defects)} problem(s) found"))
        if args.preview and check.preview:
            print(check.preview)
    return 0 if check.ok else 1


def cmd_licence_add(args, ctx) -> int:
    rec = licences.add_licence(ctx.ws, args.number, args.licensee, licences.parse_day(args.date),
                                args.contract_number)
    if args.json:
        ctx.print_json(rec.to_json())
    else:
        print(ctx.t(f"已登记许可：{rec.application_number} → {rec.licensee}，{rec.effective_date}；"
                    f"备案期限 {rec.recording_deadline}",
                    f"Licence recorded: {rec.application_number} → {rec.licensee}, {rec.effective_date}; "
                    f"record with CNIPA by {rec.recording_deadline}"))
    return 0


def cmd_licence_list(args, ctx) -> int:
    items = licences.list_licences(ctx.ws)
    if args.json:
        ctx.print_json([r.to_json() for r in items])
        return 0
    for r in items:
        print(f"{r.application_number}\t{r.licensee}\t{r.effective_date}\t{r.terms.summary(ctx.lang)}")
    print(ctx.t(f"共 {len(items)} 项许可", f"{len(items)} licences"))
    return 0


def cmd_licence_recorded(args, ctx) -> int:
    on = _day(args.date) or date.today()
    licences.mark_recorded(ctx.ws, args.licence_id, on)
    print(ctx.t(f"许可 {args.licence_id} 已于 {on} 备案", f"Licence {args.licence_id} recorded with CNIPA on {on}"))
    return 0


def cmd_licence_report_submitted(args, ctx) -> int:
    on = _day(args.date) or date.today()
    licences.mark_report_submitted(ctx.ws, args.licence_id, on)
    print(ctx.t(f"许可 {args.licence_id} 的评价报告已于 {on} 报送",
                f"Follow-up report on licence {args.licence_id} submitted on {on}"))
    return 0


def cmd_licence_paid(args, ctx) -> int:
    on = _day(args.date) or date.today()
    amount = licences.parse_amount(args.amount)
    licences.record_payment(ctx.ws, args.payment_id, on, amount)
    print(ctx.t(f"付款 {args.payment_id}：{on} 收到 {amount} 元", f"Payment {args.payment_id}: CNY {amount} on {on}"))
    return 0


def cmd_licence_report(args, ctx) -> int:
    out = follow_up.follow_up_report(ctx.ws, args.out)
    print(ctx.t(f"已生成许可跟踪报表：{out}", f"Follow-up report written: {out}"))
    return 0


def cmd_deadlines(args, ctx) -> int:
    if args.within is not None and args.within < 0:
        raise InputError("BAD_ARGUMENT", reason="--within must not be negative")
    items = deadlines.deadlines(ctx.ws, today=_day(args.today), within=args.within, kinds=args.kind)
    if args.json:
        ctx.print_json([d.to_json() for d in items])
        return 0
    for d in items:
        amount = f"\t{d.amount}" if d.amount is not None else ""
        who = f"\t{d.licensee}" if d.licensee else ""
        left = ctx.t(f"逾期{-d.days_left}天" if d.overdue else f"{d.days_left}天",
                     f"{-d.days_left} days overdue" if d.overdue else f"{d.days_left} days")
        print(f"{d.due}\t{left}\t{d.label(ctx.lang)}\t{d.application_number}{who}{amount}")
    print(ctx.t(f"共 {len(items)} 项", f"{len(items)} deadlines"))
    return 0
