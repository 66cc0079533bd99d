"""The statutory regime's commands (cli.md "Declarations"): declaration prepare|set|discard|list|show|file|announce|
withdraw|announce-withdrawal, fees, fee-reduction and fee-note.

A batch step is all or nothing: when one patent is refused the command exits 1, names each refusal with its code,
and changes nothing.
"""

from __future__ import annotations

import sys
from typing import Any

from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.support.errors import InputError

STATES = ("draft", "signed", "filed", "announced", "withdrawal-filed", "withdrawn")
ROUTES = ("cnipa-online", "via-bureau")
FEE_NOTE_METHODS = ("industry", "earlier-fees", "own-revenue", "royalty-rate", "valuation")


def _date(value: str | None, required: bool = False):
    if value is None:
        if required:
            raise InputError("BAD_ARGUMENT", reason="--date is required")
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise InputError("BAD_DATE", value=value)
    return parsed


def register(sub) -> None:
    p = sub.add_parser("declaration", help="open-licence declarations to CNIPA / 开放许可声明")
    dsub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    dsub.required = True

    a = dsub.add_parser("prepare", help="draft declarations / 起草声明（试点批次可一步转换）")
    a.add_argument("numbers", nargs="*", metavar="NUMBER")
    a.add_argument("--from-batch", metavar="NAME", help="every patent of a pilot submission batch")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_prepare)

    a = dsub.add_parser("set", help="edit draft declarations: FIELD=VALUE / 修改声明草稿")
    a.add_argument("items", nargs="+", metavar="NUMBER|FIELD=VALUE")
    a.set_defaults(handler=cmd_set)

    a = dsub.add_parser("discard", help="delete draft declarations / 删除声明草稿")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.set_defaults(handler=cmd_discard)

    a = dsub.add_parser("list", help="declarations by state / 声明列表")
    a.add_argument("--state", choices=STATES)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_list)

    a = dsub.add_parser("show", help="one declaration with its timeline / 查看声明")
    a.add_argument("number")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_show)

    a = dsub.add_parser("file", help="mark signed declarations filed with CNIPA / 登记已提交")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--date", required=True)
    a.add_argument("--route", required=True, choices=ROUTES)
    a.add_argument("--reference", default="")
    a.add_argument("--override-blockers", metavar="REASON",
                   help="file despite blockers that make it untrue, for this reason (audited) / 说明理由后仍然登记")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_file)

    a = dsub.add_parser("announce", help="mark declarations announced by CNIPA / 登记公告")
    a.add_argument("numbers", nargs="*", metavar="NUMBER")
    a.add_argument("--date")
    a.add_argument("--announcement", default="", help="CNIPA's issue or number / 公告卷期或编号")
    a.add_argument("--from", dest="source", metavar="FILE", help="CNIPA's published list (xlsx, xls, csv)")
    a.add_argument("--dry-run", action="store_true")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_announce)

    a = dsub.add_parser("withdraw", help="a withdrawal was filed / 登记已申请撤回")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--date", required=True)
    a.add_argument("--reason", required=True)
    a.add_argument("--consent", action="append", default=[], metavar="OWNER",
                   help="a co-owner consented in writing (repeat for each)")
    a.add_argument("--consent-all", action="store_true", help="every co-owner consented in writing")
    a.add_argument("--consent-date")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_withdraw)

    a = dsub.add_parser("announce-withdrawal", help="CNIPA announced the withdrawal / 登记撤回公告")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--date", required=True)
    a.add_argument("--announcement", default="")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_announce_withdrawal)

    p = sub.add_parser("fees", help="annual fees ahead, with reductions and surcharges / 应缴年费")
    p.add_argument("number")
    p.add_argument("--count", type=int, help="only the next N fees")
    p.add_argument("--paid-on", help="what paying on this day costs")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_fees)

    p = sub.add_parser("fee-reduction", help="annual-fee reductions recorded for a patent / 年费减缴")
    fsub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    fsub.required = True
    a = fsub.add_parser("add", help="record a reduction / 登记减缴")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--percent", required=True)
    a.add_argument("--from", dest="start")
    a.add_argument("--until", dest="end")
    a.add_argument("--basis", default="", help="e.g. 费减备案号 / 减缴依据")
    a.set_defaults(handler=cmd_reduction_add)
    a = fsub.add_parser("list", help="reductions of a patent / 列出")
    a.add_argument("number")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_reduction_list)
    a = fsub.add_parser("remove", help="remove a mistaken record by its id / 删除")
    a.add_argument("id", type=int)
    a.set_defaults(handler=cmd_reduction_remove)

    p = sub.add_parser("fee-note", help="fee-estimation notes for many patents / 许可使用费估算说明")
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--method", required=True, choices=FEE_NOTE_METHODS)
    p.add_argument("--basis", default="", help="added to the basis of every note / 补充估算依据")
    p.add_argument("--replace", action="store_true", help="draft again where a note exists / 覆盖已有说明")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_fee_note)


# --- output -----------------------------------------------------------------------------------------------------

def _outcome_json(outcome, lang: str) -> dict[str, Any]:
    return {"done": outcome.done, "unchanged": outcome.unchanged,
            "refused": [{"application_number": r.application_number, "code": r.code, "message": r.message(lang)}
                        for r in outcome.refused]}


def _report(outcome, ctx, as_json: bool, changed_nothing: bool = False) -> int:
    if as_json:
        ctx.print_json(_outcome_json(outcome, ctx.lang) | {"changed": not changed_nothing})
    else:
        for number in outcome.done:
            print(ctx.t(f"{number}：完成", f"{number}: done"))
        for number in outcome.unchanged:
            print(ctx.t(f"{number}：无变化", f"{number}: unchanged"))
    for r in outcome.refused:
        sys.stderr.write(f"openlic: {r.application_number}: {r.code}: {r.message(ctx.lang)}\n")
    if changed_nothing:
        sys.stderr.write("openlic: " + ctx.msg("DECLARATION_REFUSED", count=len(outcome.refused)) + "\n")
    return 1 if outcome.refused else 0


def _run(step, ctx, as_json: bool) -> int:
    from openlic_desktop.services.declarations import DeclarationRefused

    try:
        outcome = step()
    except DeclarationRefused as exc:
        return _report(exc.outcome, ctx, as_json, changed_nothing=True)
    return _report(outcome, ctx, as_json)


def _override(reason: str | None, ctx):
    if reason is None:
        return None
    from datetime import date

    from openlic_desktop.domain.blocker_override import Override

    return Override(ctx.ws.user, reason, date.today())


# --- handlers ---------------------------------------------------------------------------------------------------

def cmd_prepare(args, ctx) -> int:
    from openlic_desktop.services import declarations
    from openlic_desktop.services.readiness import finding_message

    results = declarations.prepare(ctx.ws, args.numbers, from_batch=args.from_batch)
    if args.json:
        ctx.print_json([r.to_json(ctx.lang) for r in results])
        return 0
    for r in results:
        made = ctx.t("已起草", "drafted") if r.created else ctx.t("已有", "exists")
        print(f"{r.application_number}\t{made}\t{ctx.t(r.state.zh, r.state.en)}")
        for f in r.findings:
            mark = ctx.t("阻止", "blocker") if f.is_blocker else ctx.t("提醒", "warning")
            print(f"  [{mark}] {f.code}: {finding_message(f, ctx.lang)}")
    made = sum(r.created for r in results)
    print(ctx.t(f"共 {len(results)} 件，新起草 {made} 件", f"{len(results)} patents, {made} drafted"))
    return 0


def cmd_set(args, ctx) -> int:
    from openlic_desktop.services import declarations

    numbers = [i for i in args.items if "=" not in i]
    changes = dict(i.split("=", 1) for i in args.items if "=" in i)
    if not numbers or not changes:
        raise InputError("BAD_ARGUMENT", reason="give NUMBER... and FIELD=VALUE ...")
    return _run(lambda: declarations.update(ctx.ws, numbers, changes), ctx, False)


def cmd_discard(args, ctx) -> int:
    from openlic_desktop.services import declarations

    return _run(lambda: declarations.discard(ctx.ws, args.numbers), ctx, False)


def cmd_list(args, ctx) -> int:
    from openlic_desktop.services import declarations

    items = declarations.list_declarations(ctx.ws, args.state)
    if args.json:
        ctx.print_json([i.to_json() for i in items])
        return 0
    for i in items:
        when = i.value.announced_on or i.value.filed_on or ""
        print(f"{i.application_number}\t{ctx.t(i.state.zh, i.state.en)}\t{when}\t{i.title}")
    print(ctx.t(f"共 {len(items)} 件", f"{len(items)} declarations"))
    return 0


def cmd_show(args, ctx) -> int:
    from openlic_desktop.services import declarations
    from openlic_desktop.services.readiness import finding_message

    view = declarations.show(ctx.ws, args.number, lang=ctx.lang)
    if args.json:
        ctx.print_json(view.to_json(ctx.lang))
        return 0
    print(f"ZL{view.application_number}\t{view.title}")
    print(ctx.t(f"状态：{view.state.zh}", f"State: {view.state.en}"))
    print(ctx.t("专利权人：", "Patentees: ") + "、".join(p.name for p in view.patentees))
    for key, zh, en in (("mode", "支付方式", "Payment mode"), ("standard", "支付标准", "Standard"),
                        ("term", "许可期限", "Term")):
        if view.words.get(key):
            print(f"{ctx.t(zh, en)}：{view.words[key]}")
    content = view.value.content
    for label_zh, label_en, value in (("许可地域", "Territory", content.territory),
                                      ("其他需要明确的事项", "Other terms", content.other_terms),
                                      ("联系人", "Contact", content.contact_person),
                                      ("代理机构", "Agency", content.agency_name)):
        if value:
            print(f"{ctx.t(label_zh, label_en)}：{value}")
    for step in view.steps:
        mark = "✓" if step.done else "·"
        day = step.day.isoformat() if hasattr(step.day, "isoformat") else (step.day or "")
        print(f"  {mark} {step.step}\t{day}\t{step.detail}")
    for f in view.findings:
        mark = ctx.t("阻止", "blocker") if f.is_blocker else ctx.t("提醒", "warning")
        print(f"  [{mark}] {f.code}: {finding_message(f, ctx.lang)}")
    return 0


def cmd_file(args, ctx) -> int:
    from openlic_desktop.services import declarations

    on = _date(args.date, True)
    override = _override(args.override_blockers, ctx)
    return _run(lambda: declarations.file(ctx.ws, args.numbers, on, args.route, args.reference, override),
                ctx, args.json)


def cmd_announce(args, ctx) -> int:
    from openlic_desktop.services import declarations

    if args.source:
        if args.numbers or args.date:
            raise InputError("BAD_ARGUMENT", reason="--from takes no numbers or --date (the list has them)")
        result = declarations.announcement_file(ctx.ws, args.source, dry_run=args.dry_run)
        if args.json:
            ctx.print_json(result.to_json(ctx.lang))
        else:
            verb = ctx.t("将登记", "would record") if args.dry_run else ctx.t("已登记", "recorded")
            print(ctx.t(f"{verb}公告 {len(result.announced)} 件、撤回 {len(result.withdrawn)} 件；"
                        f"已登记过 {len(result.unchanged)} 件；未匹配 {len(result.unmatched)} 行",
                        f"{verb} {len(result.announced)} announced, {len(result.withdrawn)} withdrawn; "
                        f"{len(result.unchanged)} already recorded; {len(result.unmatched)} rows unmatched"))
        for u in result.unmatched:
            sys.stderr.write(f"openlic: {ctx.t('第', 'row ')}{u.row}{ctx.t('行', '')}: {u.code}: "
                             f"{u.message(ctx.lang)}\n")
        return 1 if result.unmatched else 0
    if not args.numbers:
        raise InputError("DECLARATION_NOTHING_SELECTED")
    if args.dry_run:
        raise InputError("BAD_ARGUMENT", reason="--dry-run goes with --from")
    on = _date(args.date, True)
    return _run(lambda: declarations.announce(ctx.ws, args.numbers, on, args.announcement), ctx, args.json)


def cmd_withdraw(args, ctx) -> int:
    from openlic_desktop.services import declarations

    on = _date(args.date, True)
    return _run(lambda: declarations.withdraw(ctx.ws, args.numbers, on, args.reason, args.consent,
                                              args.consent_all, _date(args.consent_date)), ctx, args.json)


def cmd_announce_withdrawal(args, ctx) -> int:
    from openlic_desktop.services import declarations

    on = _date(args.date, True)
    return _run(lambda: declarations.announce_withdrawal(ctx.ws, args.numbers, on, args.announcement), ctx,
                args.json)


def cmd_fees(args, ctx) -> int:
    from openlic_desktop.services import annual_fees

    found = annual_fees.fees_for(ctx.ws, args.number, args.count, _date(args.paid_on))
    data = found.to_json()
    if args.json:
        ctx.print_json(data["fees"])
        return 0
    for fee in data["fees"]:
        cut = fee["reduction"]
        note = ""
        if cut:
            what = ctx.t("开放许可减缴", "open-licence reduction") if cut["source"] == "open-licence" \
                else ctx.t("已登记减缴", "recorded reduction")
            note = f"（{what} {cut['percent']}%）" if ctx.lang == "zh" else f" ({what} {cut['percent']}%)"
        print(ctx.t(f"第{fee['year']}年度\t应缴日 {fee['due']}\t{fee['amount']} 元{note}",
                    f"year {fee['year']}\tdue {fee['due']}\tCNY {fee['amount']}{note}"))
        if "paid_on" in fee:
            paid = fee["paid_on"]
            print(ctx.t(f"  {paid['date']} 缴纳：" + (f"滞纳金 {paid['surcharge']} 元，合计 {paid['total']} 元"
                                                    if paid["payable"] else "已超过滞纳期，无法补缴"),
                        f"  paid {paid['date']}: " + (f"surcharge CNY {paid['surcharge']}, total {paid['total']}"
                                                     if paid["payable"] else "past the grace period")))
    return 0


def cmd_reduction_add(args, ctx) -> int:
    from openlic_desktop.services import annual_fees

    done = annual_fees.record_reduction(ctx.ws, args.numbers, args.percent, _date(args.start), _date(args.end),
                                        args.basis)
    for r in done:
        print(ctx.t(f"{r.application_number}：已登记减缴（编号 {r.id}）", f"{r.application_number}: recorded ({r.id})"))
    return 0


def cmd_reduction_list(args, ctx) -> int:
    from openlic_desktop.services import annual_fees

    items = annual_fees.list_reductions(ctx.ws, args.number)
    if args.json:
        ctx.print_json([i.to_json() for i in items])
    else:
        for i in items:
            j = i.to_json()
            print(f"{i.id}\t{j['percent']}%\t{j['start'] or '…'}–{j['end'] or '…'}\t{j['basis']}")
    return 0


def cmd_reduction_remove(args, ctx) -> int:
    from openlic_desktop.services import annual_fees

    annual_fees.remove_reduction(ctx.ws, args.id)
    print(ctx.t("已删除", "Removed"))
    return 0


def cmd_fee_note(args, ctx) -> int:
    from openlic_desktop.services import fee_notes

    outcome = fee_notes.draft_many(ctx.ws, args.numbers, args.method, args.basis, args.replace)
    if args.json:
        ctx.print_json(outcome.to_json(ctx.lang))
    else:
        for number in outcome.done:
            print(ctx.t(f"{number}：已起草估算说明", f"{number}: note drafted"))
        for number in outcome.unchanged:
            print(ctx.t(f"{number}：无变化", f"{number}: unchanged"))
    for r in outcome.refused:
        sys.stderr.write(f"openlic: {r.application_number}: {r.code}: {r.message(ctx.lang)}\n")
    return 1 if any(r.code != "FEE_NOTE_KEPT" for r in outcome.refused) else 0
