"""`openlic declaration prepare|set|discard|list|show|file|announce|withdraw|announce-withdrawal|export` — the
statutory open-licence declaration to CNIPA (cli.md "Declarations", domain.md §10).

A batch step is all or nothing: when one patent is refused the command exits 1, names each refusal with its code,
and changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.domain.declarations import ROUTES, STATES, STEP_WORDS
from openlic_desktop.services import declarations
from openlic_desktop.services.declarations import DeclarationRefused
from openlic_desktop.services.readiness import finding_message
from openlic_desktop.support.errors import InputError


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True

    a = actions.add_parser("prepare", help="draft declarations / 起草声明（试点批次可一步转换）")
    a.add_argument("numbers", nargs="*", metavar="NUMBER")
    a.add_argument("--from-batch", metavar="NAME", help="every patent of a pilot submission batch")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_prepare)

    a = actions.add_parser("set", help="edit draft declarations: NUMBER... FIELD=VALUE ... / 修改声明草稿")
    a.add_argument("items", nargs="+", metavar="NUMBER|FIELD=VALUE")
    a.set_defaults(handler=run_set)

    a = actions.add_parser("discard", help="delete draft declarations / 删除声明草稿")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.set_defaults(handler=run_discard)

    a = actions.add_parser("list", help="declarations by state / 声明列表")
    a.add_argument("--state", choices=STATES)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)

    a = actions.add_parser("show", help="one declaration with its timeline / 查看声明")
    a.add_argument("number")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_show)

    a = actions.add_parser("file", help="mark signed declarations filed with CNIPA / 登记已提交")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--date", required=True)
    a.add_argument("--route", required=True, choices=ROUTES)
    a.add_argument("--reference", default="")
    a.add_argument("--override-blockers", metavar="REASON",
                   help="file despite blockers that make it untrue, for this reason (audited) / 说明理由后仍然登记")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_file)

    a = actions.add_parser("announce", help="mark declarations announced by CNIPA / 登记公告")
    a.add_argument("numbers", nargs="*", metavar="NUMBER")
    a.add_argument("--date")
    a.add_argument("--announcement", default="", help="CNIPA's issue or number / 公告卷期或编号")
    a.add_argument("--from", dest="source", metavar="FILE", help="CNIPA's published list (xlsx, xls, csv)")
    a.add_argument("--dry-run", action="store_true")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_announce)

    a = actions.add_parser("withdraw", help="a withdrawal was filed / 登记已申请撤回")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--date", required=True)
    a.add_argument("--reason", required=True)
    a.add_argument("--consent", action="append", default=[], metavar="OWNER",
                   help="a co-owner consented in writing (repeat for each) / 共有人书面同意")
    a.add_argument("--consent-all", action="store_true", help="every co-owner consented in writing / 全体共有人同意")
    a.add_argument("--consent-date")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_withdraw)

    a = actions.add_parser("announce-withdrawal", help="CNIPA announced the withdrawal / 登记撤回公告")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--date", required=True)
    a.add_argument("--announcement", default="")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_announce_withdrawal)

    a = actions.add_parser("export", help="declaration documents, entry sheet, package / 生成声明材料")
    a.add_argument("numbers", nargs="*", metavar="NUMBER")
    a.add_argument("--state", choices=STATES, help="every declaration in this state (e.g. signed)")
    a.add_argument("--out", required=True, metavar="DIR")
    a.add_argument("--override-blockers", metavar="REASON",
                   help="draft despite blockers, for this reason (printed on the cover, audited) / 说明理由后仍然起草")
    a.add_argument("--withdrawal", action="store_true", help="the withdrawal documents instead / 撤回声明")
    a.add_argument("--reason", default="", help="the withdrawal's reason, when not yet recorded / 撤回理由")
    a.add_argument("--date", help="the date on the documents and package (default: today)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_export)


# --- output -----------------------------------------------------------------------------------------------------

def _report(outcome, ctx, changed_nothing: bool = False) -> int:
    value = {"done": outcome.done, "unchanged": outcome.unchanged, "changed": not changed_nothing,
             "refused": [{"application_number": r.application_number, "code": r.code, "message": r.message(ctx.lang)}
                         for r in outcome.refused]}
    ctx.out.result(value, [*(ctx.t(f"{n}：完成", f"{n}: done") for n in outcome.done),
                           *(ctx.t(f"{n}：无变化", f"{n}: unchanged") for n in outcome.unchanged)])
    for r in outcome.refused:
        ctx.out.refusal(r.code, f"{r.application_number}: {r.code}: {r.message(ctx.lang)}")
    if changed_nothing:
        ctx.out.refusal("DECLARATION_REFUSED", ctx.msg("DECLARATION_REFUSED", count=len(outcome.refused)))
    return 1 if outcome.refused else 0


def _run(step, ctx) -> int:
    try:
        outcome = step()
    except DeclarationRefused as exc:
        return _report(exc.outcome, ctx, changed_nothing=True)
    return _report(outcome, ctx)


def override_arg(reason: str | None, ctx) -> Any:
    """The explicit override of `--override-blockers REASON` (None without it)."""
    if reason is None:
        return None
    from openlic_desktop.domain.blocker_override import Override

    return Override(ctx.ws.user, reason, date.today())


def _required(value: str | None):
    day = date_arg(value)
    if day is None:
        raise InputError("BAD_ARGUMENT", reason="--date is required")
    return day


def _findings(findings, ctx) -> list[str]:
    out = []
    for f in findings:
        mark = ctx.t("阻止", "blocker") if f.is_blocker else ctx.t("提醒", "warning")
        out.append(f"  [{mark}] {f.code}: {finding_message(f, ctx.lang)}")
    return out


# --- handlers ---------------------------------------------------------------------------------------------------

def run_prepare(args, ctx) -> int:
    results = declarations.prepare(ctx.ws, args.numbers, from_batch=args.from_batch)

    def lines() -> list[str]:
        out = []
        for r in results:
            made = ctx.t("已起草", "drafted") if r.created else ctx.t("已有", "exists")
            out.append(f"{r.application_number}\t{made}\t{ctx.t(r.state.zh, r.state.en)}")
            out += _findings(r.findings, ctx)
        made = sum(r.created for r in results)
        out.append(ctx.t(f"共 {len(results)} 件，新起草 {made} 件", f"{len(results)} patents, {made} drafted"))
        return out

    ctx.out.result([r.to_json(ctx.lang) for r in results], lines)
    return 0


def run_set(args, ctx) -> int:
    numbers = [i for i in args.items if "=" not in i]
    changes = dict(i.split("=", 1) for i in args.items if "=" in i)
    if not numbers or not changes:
        raise InputError("BAD_ARGUMENT", reason="give NUMBER... and FIELD=VALUE ...")
    return _run(lambda: declarations.update(ctx.ws, numbers, changes), ctx)


def run_discard(args, ctx) -> int:
    return _run(lambda: declarations.discard(ctx.ws, args.numbers), ctx)


def run_list(args, ctx) -> int:
    if ctx.out.as_json:
        ctx.out.json(declarations.listing_json(ctx.ws, args.state, ctx.lang))
        return 0
    items = declarations.list_declarations(ctx.ws, args.state)
    ctx.out.table(items, lambda i: (i.application_number, ctx.t(i.state.zh, i.state.en),
                                    i.value.announced_on or i.value.filed_on or "", i.title),
                  lambda i: i.to_json(), ctx.t(f"共 {len(items)} 件", f"{len(items)} declarations"))
    return 0


def run_show(args, ctx) -> int:
    view = declarations.show(ctx.ws, args.number, lang=ctx.lang)

    def lines() -> list[str]:
        out = [f"ZL{view.application_number}\t{view.title}",
               ctx.t(f"状态：{view.state.zh}", f"State: {view.state.en}"),
               ctx.t("专利权人：", "Patentees: ") + "、".join(
                   f"{p.name}（{p.id_number}）" if p.id_number else p.name for p in view.patentees)]
        for key, zh, en in (("mode", "支付方式", "Payment mode"), ("standard", "支付标准", "Standard"),
                            ("term", "许可期限", "Term")):
            if view.words.get(key):
                out.append(f"{ctx.t(zh, en)}：{view.words[key]}")
        content = view.content
        for zh, en, value in (("许可地域", "Territory", content.territory),
                              ("其他需要明确的事项", "Other terms", content.other_terms),
                              ("联系人", "Contact", content.contact_person),
                              ("联系电话", "Phone", content.contact_phone),
                              ("电子邮箱", "E-mail", content.contact_email),
                              ("通讯地址", "Address", content.contact_address),
                              ("代理机构", "Agency", content.agency_name)):
            if value:
                out.append(f"{ctx.t(zh, en)}：{value}")
        for step in view.steps:
            day = step.day.isoformat() if hasattr(step.day, "isoformat") else (step.day or "")
            zh, en = STEP_WORDS.get(step.step, (step.step, step.step))
            out.append(f"  {'✓' if step.done else '·'} {ctx.t(zh, en)}\t{day}\t{step.detail}")
        return out + _findings(view.findings, ctx)

    ctx.out.result(view.to_json(ctx.lang), lines)
    return 0


def run_file(args, ctx) -> int:
    on = _required(args.date)
    override = override_arg(args.override_blockers, ctx)
    return _run(lambda: declarations.file(ctx.ws, args.numbers, on, args.route, args.reference, override), ctx)


def run_announce(args, ctx) -> int:
    if args.source:
        if args.numbers or args.date:
            raise InputError("BAD_ARGUMENT", reason="--from takes no numbers or --date (the list has them)")
        result = declarations.announcement_file(ctx.ws, args.source, dry_run=args.dry_run)
        verb = ctx.t("将登记", "would record ") if args.dry_run else ctx.t("已登记", "recorded ")
        ctx.out.result(result.to_json(ctx.lang), ctx.t(
            f"{verb}公告 {len(result.announced)} 件、撤回 {len(result.withdrawn)} 件；已登记过 {len(result.unchanged)} 件；"
            f"未匹配 {len(result.unmatched)} 行",
            f"{verb}{len(result.announced)} announced, {len(result.withdrawn)} withdrawn; {len(result.unchanged)} "
            f"already recorded; {len(result.unmatched)} rows unmatched"))
        for u in result.unmatched:
            ctx.out.refusal(u.code, ctx.t(f"第 {u.row} 行：", f"row {u.row}: ") + f"{u.code}: {u.message(ctx.lang)}")
        return 1 if result.unmatched else 0
    if not args.numbers:
        raise InputError("DECLARATION_NOTHING_SELECTED")
    if args.dry_run:
        raise InputError("BAD_ARGUMENT", reason="--dry-run goes with --from")
    on = _required(args.date)
    return _run(lambda: declarations.announce(ctx.ws, args.numbers, on, args.announcement), ctx)


def run_withdraw(args, ctx) -> int:
    on = _required(args.date)
    return _run(lambda: declarations.withdraw(ctx.ws, args.numbers, on, args.reason, args.consent,
                                              args.consent_all, date_arg(args.consent_date)), ctx)


def run_announce_withdrawal(args, ctx) -> int:
    on = _required(args.date)
    return _run(lambda: declarations.announce_withdrawal(ctx.ws, args.numbers, on, args.announcement), ctx)


def run_export(args, ctx) -> int:
    from openlic_desktop.services import declaration_export

    if bool(args.numbers) == bool(args.state):
        raise InputError("BAD_ARGUMENT", reason="give NUMBER... or --state, not both")
    result = declaration_export.export(ctx.ws, args.numbers or None, args.out, state=args.state,
                                       override=override_arg(args.override_blockers, ctx),
                                       withdrawal=args.withdrawal, reason=args.reason, day=date_arg(args.date))
    ctx.out.result(result.to_json(), ctx.t(f"已生成：{result.package}（{len(result.patents)} 件）",
                                           f"Written: {result.package} ({len(result.patents)} patents)"))
    for e in result.excluded:
        ctx.out.refusal(",".join(e.codes), f"{e.application_number}: {'；'.join(e.messages) or ', '.join(e.codes)}")
    return 1 if result.excluded else 0
