"""Readiness commands (cli.md): encumbrance add, attach, consent, commit, signoff, check, audit verify."""

from __future__ import annotations

import sys

from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.domain.readiness import ATTACHMENT_KINDS, CONCLUSIONS, ENCUMBRANCE_KINDS, ROLES
from openlic_desktop.services import attachments, audit_trail, encumbrances, readiness
from openlic_desktop.support.errors import InputError


def _date(value: str | None):
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise InputError("BAD_DATE", value=value)
    return parsed


def register(sub) -> None:
    p = sub.add_parser("encumbrance", help="licences, pledges, disputes… / 权利负担")
    esub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    esub.required = True
    a = esub.add_parser("add", help="record an encumbrance / 登记权利负担")
    a.add_argument("number")
    a.add_argument("--kind", required=True, choices=ENCUMBRANCE_KINDS)
    a.add_argument("--start")
    a.add_argument("--end")
    a.add_argument("--party", default="")
    a.add_argument("--registration-no", default="")
    a.add_argument("--consent", action="store_true", help="pledge: the pledgee agreed in writing")
    a.set_defaults(handler=cmd_encumbrance_add)
    a = esub.add_parser("list", help="encumbrances of a patent / 列出权利负担")
    a.add_argument("number")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_encumbrance_list)
    a = esub.add_parser("remove", help="remove a mistaken record by its id / 删除误录的权利负担")
    a.add_argument("id", type=int)
    a.set_defaults(handler=cmd_encumbrance_remove)

    p = sub.add_parser("attach", help="attach a report or letter (PDF/OFD/JPEG/PNG) / 添加附件")
    p.add_argument("number")
    p.add_argument("file")
    p.add_argument("--kind", required=True, choices=ATTACHMENT_KINDS)
    p.add_argument("--conclusion", choices=CONCLUSIONS)
    p.add_argument("--report-no", default="")
    p.add_argument("--date")
    p.add_argument("--claims", default="", help="claim numbers with defects, e.g. 1,3-5")
    p.set_defaults(handler=cmd_attach)

    p = sub.add_parser("consent", help="a co-owner's written consent is on file / 共有人同意")
    p.add_argument("number")
    p.add_argument("--owner", required=True)
    p.add_argument("--date")
    p.add_argument("--file", help="the signed consent letter (PDF/OFD/JPEG/PNG), attached as kind consent")
    p.set_defaults(handler=cmd_consent)

    p = sub.add_parser("commit", help="confirm commitment items / 确认承诺事项")
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--all", action="store_true")
    group.add_argument("--item", action="append")
    p.add_argument("--note", default="")
    p.add_argument("--profile")
    p.set_defaults(handler=cmd_commit)

    p = sub.add_parser("signoff", help="sign off as --user / 签核")
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--profile")
    p.set_defaults(handler=cmd_signoff)

    p = sub.add_parser("check", help="readiness findings / 检查是否可以申报")
    p.add_argument("numbers", nargs="*", metavar="NUMBER")
    p.add_argument("--profile")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("commitment-letter", help="the commitment letter (.docx) / 承诺函")
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--out", required=True)
    p.add_argument("--profile")
    p.set_defaults(handler=cmd_letter)

    p = sub.add_parser("audit", help="the audit trail / 审计记录")
    asub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    asub.required = True
    v = asub.add_parser("verify", help="check the hash chain / 校验")
    v.set_defaults(handler=cmd_audit_verify)


def cmd_encumbrance_add(args, ctx) -> int:
    info = encumbrances.add_encumbrance(ctx.ws, args.number, args.kind, args.party, args.registration_no,
                                        _date(args.start), _date(args.end), args.consent)
    print(ctx.t(f"已登记：{info.describe()}", f"Recorded: {info.describe()}"))
    return 0


def cmd_encumbrance_list(args, ctx) -> int:
    items = encumbrances.list_encumbrances_by_number(ctx.ws, args.number)
    if args.json:
        ctx.print_json([{"id": e.id, "kind": e.kind, "party": e.party, "registration_no": e.registration_no,
                         "start": e.start.isoformat() if e.start else None,
                         "end": e.end.isoformat() if e.end else None, "consent": e.consent} for e in items])
    else:
        for e in items:
            print(f"{e.id}\t{e.describe()}")
    return 0


def cmd_encumbrance_remove(args, ctx) -> int:
    info = encumbrances.remove_encumbrance(ctx.ws, args.id)
    print(ctx.t(f"已删除：{info.describe()}", f"Removed: {info.describe()}"))
    return 0


def cmd_attach(args, ctx) -> int:
    info = attachments.add_attachment(ctx.ws, args.number, args.file, args.kind, args.conclusion, args.report_no,
                                      _date(args.date), args.claims)
    if info.duplicate:
        print(ctx.t(f"已有相同附件：{info.name}（{info.sha256[:12]}）",
                    f"Already attached: {info.name} ({info.sha256[:12]})"))
    else:
        print(ctx.t(f"已添加附件：{info.name}（{info.sha256[:12]}）", f"Attached: {info.name} ({info.sha256[:12]})"))
    return 0


def cmd_consent(args, ctx) -> int:
    changed = encumbrances.record_consent(ctx.ws, args.number, args.owner, _date(args.date), file=args.file)
    print(ctx.t("已记录共有人同意" if changed else "没有变化", "Consent recorded" if changed else "Nothing changed"))
    return 0


def _print_outcome(outcome: readiness.BatchOutcome, ctx) -> int:
    for number in outcome.done:
        print(ctx.t(f"{number}：完成", f"{number}: done"))
    for number in outcome.unchanged:
        print(ctx.t(f"{number}：无变化", f"{number}: unchanged"))
    for refusal in outcome.refused:
        sys.stderr.write(f"openlic: {refusal.application_number}: {refusal.message(ctx.lang)}\n")
    print(outcome.summary(ctx.lang).splitlines()[0])
    return 1 if outcome.refused else 0


def cmd_commit(args, ctx) -> int:
    outcome = readiness.confirm_commitments(ctx.ws, args.numbers, None if args.all else args.item, args.profile,
                                            args.note)
    return _print_outcome(outcome, ctx)


def cmd_signoff(args, ctx) -> int:
    outcome = readiness.sign_off(ctx.ws, args.numbers, args.role, args.profile)
    return _print_outcome(outcome, ctx)


def cmd_check(args, ctx) -> int:
    results = readiness.check(ctx.ws, args.numbers or None, args.profile, verify_files=True)
    if args.json:
        ctx.print_json([r.to_json(ctx.lang) for r in results])
    else:
        for r in results:
            head = ctx.t("可以申报", "ready") if r.ready else ctx.t("不可申报", "not ready")
            print(f"{r.application_number}\t{head}")
            for f in r.findings:
                mark = ctx.t("阻止", "blocker") if f.is_blocker else ctx.t("提醒", "warning")
                print(f"  [{mark}] {f.code}: {readiness.finding_message(f, ctx.lang)}")
        ready = sum(r.ready for r in results)
        print(ctx.t(f"共 {len(results)} 件，可以申报 {ready} 件", f"{len(results)} patents, {ready} ready"))
    return 0 if all(r.ready for r in results) else 1


def cmd_letter(args, ctx) -> int:
    path = readiness.commitment_letter(ctx.ws, args.numbers, args.out, args.profile)
    print(ctx.t(f"已生成承诺函：{path}", f"Commitment letter written: {path}"))
    return 0


def cmd_audit_verify(args, ctx) -> int:
    report = audit_trail.verify(ctx.ws)
    if report.intact:
        print(ctx.t(f"审计记录完整（{report.records} 条）", f"The audit trail is intact ({report.records} records)"))
        return 0
    for record_id, reason in report.breaks:
        sys.stderr.write(f"openlic: {ctx.msg('AUDIT_BROKEN', record_id=record_id, reason=reason)}\n")
    return 1
