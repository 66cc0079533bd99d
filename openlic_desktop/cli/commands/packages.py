"""Package commands (cli.md): profiles, export; and batches / submissions (申报批次、报送记录)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.services import batches, export, mailer
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("profiles", help="bureau profiles known / 报送配置")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_profiles)

    p = sub.add_parser("export", help="build a submission package for a bureau / 生成报送材料包")
    p.add_argument("numbers", nargs="*", metavar="NUMBER")
    p.add_argument("--all-ready", action="store_true", help="every patent without blockers")
    p.add_argument("--profile", required=True)
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--table-template", help="the bureau's blank spreadsheet (.xlsx) to fill")
    p.add_argument("--email", action="store_true", help="also write .eml drafts (split to the profile's limit)")
    p.add_argument("--send", action="store_true", help="send the drafts over the configured SMTP server")
    p.add_argument("--batch", default="", help="record the package as a submission of this batch (申报批次)")
    p.add_argument("--date", help="the package date (default today); same inputs and date → identical zip")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("batch", help="submission batches / 申报批次")
    bsub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    bsub.required = True
    a = bsub.add_parser("create")
    a.add_argument("name")
    a.add_argument("--profile", required=True)
    a.add_argument("numbers", nargs="*", metavar="NUMBER")
    a.set_defaults(handler=cmd_batch_create)
    for action, handler in (("add", cmd_batch_add), ("remove", cmd_batch_remove)):
        a = bsub.add_parser(action)
        a.add_argument("name")
        a.add_argument("numbers", nargs="+", metavar="NUMBER")
        a.set_defaults(handler=handler)
    a = bsub.add_parser("list")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_batch_list)
    a = bsub.add_parser("show")
    a.add_argument("name")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_batch_show)

    p = sub.add_parser("submission", help="submissions sent to a bureau / 报送记录")
    ssub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    ssub.required = True
    a = ssub.add_parser("list")
    a.add_argument("--batch")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_submission_list)
    a = ssub.add_parser("status")
    a.add_argument("id", type=int)
    a.add_argument("status", choices=batches.STATUSES)
    a.add_argument("--reference")
    a.add_argument("--notes")
    a.set_defaults(handler=cmd_submission_status)
    a = ssub.add_parser("diff")
    a.add_argument("id", type=int)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_submission_diff)
    a = ssub.add_parser("withdraw", help="withdrawal notice 撤回函 (every co-owner must consent)")
    a.add_argument("batch")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--reason", required=True)
    a.add_argument("--out", required=True)
    a.set_defaults(handler=cmd_submission_withdraw)

    p = sub.add_parser("smtp", help="outgoing mail server; the password goes to the OS keyring / 发信服务器")
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int)
    p.add_argument("--security", choices=("ssl", "starttls", "none"), default="starttls")
    p.add_argument("--username", default="")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(handler=cmd_smtp)


def cmd_profiles(args, ctx) -> int:
    profiles = profile_service.load_profiles()
    items = [{"code": p.code, "name": p.name, "province": p.province, "bureau": p.bureau, "email": p.email,
              "min_term_months": p.min_term_months, "email_limit_mb": p.email_limit_mb}
             for p in sorted(profiles.values(), key=lambda p: (p.code != "general", p.code))]
    if args.json:
        ctx.print_json(items)
        return 0
    for p in items:
        print(f"{p['code']}\t{p['name']}\t{p['bureau'] or '—'}\t{p['email'] or ctx.t('（未填写邮箱）', '(no e-mail)')}"
              f"\t{ctx.t('最短许可期', 'min term')} {p['min_term_months']}")
    return 0


def _day(value: str | None) -> date:
    if not value:
        return date.today()
    parsed = parse_date(value)
    if parsed is None:
        raise InputError("BAD_DATE", value=value)
    return parsed


def cmd_export(args, ctx) -> int:
    if bool(args.numbers) == bool(args.all_ready):
        raise InputError("BAD_ARGUMENT", reason="give patent numbers or --all-ready (not both)")
    template = Path(args.table_template) if args.table_template else None
    if template is not None and not template.is_file():
        raise InputError("FILE_NOT_FOUND", path=str(template))
    today = _day(args.date)
    if args.send:  # refuse before anything is built: no server or no password is a bad argument (exit 2)
        mailer.password_for(mailer.smtp_server())
    pre = export.preflight(ctx.ws, args.numbers or None, args.profile, today, ctx.lang)
    if not pre.included:
        if args.json:
            ctx.print_json({"package": None, "patents": [], "excluded": [e.to_json() for e in pre.excluded],
                            "files": [], "emails": []})
        else:
            _print_excluded(ctx, pre.excluded)
        sys.stderr.write(f"openlic: {ctx.msg('NOTHING_TO_EXPORT')}\n")
        return 1
    options = export.ExportOptions(Path(args.out), template, args.email or args.send, batch_name=args.batch)
    result = export.build(ctx.ws, pre, options, lang=ctx.lang)
    sent: list[str] = []
    if args.send:
        sent = mailer.send_drafts(result.emails)
    if args.json:
        data = result.to_json()
        if args.send:
            data["sent"] = sent
        ctx.print_json(data)
    else:
        print(ctx.t(f"材料包：{result.package}（{len(result.patents)} 件专利，{len(result.files)} 个文件）",
                    f"Package: {result.package} ({len(result.patents)} patents, {len(result.files)} files)"))
        print(f"SHA-256: {result.sha256}")
        for path in result.emails:
            print(ctx.t(f"邮件草稿：{path}", f"E-mail draft: {path}"))
        if sent:
            print(ctx.t(f"已发送 {len(sent)} 封邮件", f"Sent {len(sent)} e-mails"))
        _print_excluded(ctx, result.excluded)
        for w in result.warnings:
            print(ctx.t("提示：", "Note: ") + w)
    return 1 if result.excluded else 0


def _print_excluded(ctx, excluded) -> None:
    for e in excluded:
        print(ctx.t(f"未纳入 {e.application_number}：", f"Left out {e.application_number}: ") +
              "；".join(f"{c} {m}" for c, m in zip(e.codes, e.messages, strict=False)))


def cmd_batch_create(args, ctx) -> int:
    info = batches.create_batch(ctx.ws, args.name, args.profile, args.numbers)
    print(ctx.t(f"已建立申报批次 {info.name}（{info.patents} 件）", f"Created batch {info.name} ({info.patents} patents)"))
    return 0


def cmd_batch_add(args, ctx) -> int:
    added = batches.add_patents(ctx.ws, args.name, args.numbers)
    print(ctx.t(f"已加入 {len(added)} 件", f"Added {len(added)}"))
    return 0


def cmd_batch_remove(args, ctx) -> int:
    gone = batches.remove_patents(ctx.ws, args.name, args.numbers)
    print(ctx.t(f"已移出 {len(gone)} 件", f"Removed {len(gone)}"))
    return 0


def cmd_batch_list(args, ctx) -> int:
    items = batches.list_batches(ctx.ws)
    if args.json:
        ctx.print_json([{"name": b.name, "profile": b.profile_code, "patents": b.patents,
                         "submissions": b.submissions, "last_status": b.last_status or None} for b in items])
        return 0
    for b in items:
        print(f"{b.name}\t{b.profile_code}\t{b.patents}\t{batches.STATUS_ZH.get(b.last_status, '—')}")
    return 0


def cmd_batch_show(args, ctx) -> int:
    info = batches.get_batch(ctx.ws, args.name)
    results = batches.batch_readiness(ctx.ws, info.id)
    if args.json:
        ctx.print_json({"name": info.name, "profile": info.profile_code,
                        "patents": [r.to_json(ctx.lang) for r in results]})
    else:
        for r in results:
            mark = ctx.t("就绪", "ready") if r.ready else ctx.t("待处理", "to do")
            print(f"{r.application_number}\t{mark}\t{' '.join(f.code for f in r.blockers)}")
    return 0 if all(r.ready for r in results) else 1


def _sub_json(s) -> dict:
    return {"id": s.id, "batch": s.batch_name, "seq": s.seq, "kind": s.kind, "date": s.submitted_on.isoformat(),
            "profile": s.profile_code, "package": s.package_path, "sha256": s.package_sha256, "status": s.status,
            "bureau_reference": s.bureau_reference, "notes": s.notes, "patents": list(s.patents)}


def cmd_submission_list(args, ctx) -> int:
    items = batches.list_submissions(ctx.ws, args.batch)
    if args.json:
        ctx.print_json([_sub_json(s) for s in items])
        return 0
    for s in items:
        status = batches.STATUS_ZH[s.status] if ctx.lang == "zh" else s.status
        print(f"{s.id}\t{s.batch_name}#{s.seq}\t{s.kind}\t{s.submitted_on}\t{status}\t{len(s.patents)}"
              f"\t{s.bureau_reference or '—'}")
    return 0


def cmd_submission_status(args, ctx) -> int:
    s = batches.set_status(ctx.ws, args.id, args.status, args.reference, args.notes)
    print(ctx.t(f"报送记录 {s.id}：{batches.STATUS_ZH[s.status]}", f"Submission {s.id}: {s.status}"))
    return 0


def cmd_submission_diff(args, ctx) -> int:
    d = batches.diff_with_previous(ctx.ws, args.id)
    if args.json:
        ctx.print_json({"previous": d.previous_id, "added": d.added, "removed": d.removed, "changed": d.changed})
        return 0
    for n in d.added:
        print(f"+ {n}")
    for n in d.removed:
        print(f"- {n}")
    for n, fields in d.changed.items():
        print(f"~ {n}: {', '.join(fields)}")
    return 0


def cmd_submission_withdraw(args, ctx) -> int:
    r = batches.withdraw(ctx.ws, args.batch, args.numbers, args.reason, Path(args.out))
    print(ctx.t(f"撤回函：{r.notice}", f"Withdrawal notice: {r.notice}"))
    return 0


def cmd_smtp(args, ctx) -> int:
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    server = mailer.configure(args.host, args.port, args.security, args.username, password)
    print(ctx.t(f"发信服务器：{server.host}:{server.port}（{server.security}）",
                f"Mail server: {server.host}:{server.port} ({server.security})"))
    return 0
