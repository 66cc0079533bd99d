"""`openlic export (NUMBER... | --all-ready) --profile CODE --out DIR [--table-template FILE.xlsx] [--email] [--send]
[--batch NAME] [--date DATE] [--json]` — build the submission package for a bureau (cli.md). A patent with a
blocker is never packaged (`excluded`, exit 1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services import export, mailer
from openlic_desktop.support.errors import InputError


def register(p) -> None:
    p.add_argument("numbers", nargs="*", metavar="NUMBER")
    p.add_argument("--all-ready", action="store_true", help="every patent without blockers")
    p.add_argument("--profile", help="bureau profile (default: the active one, `openlic profile use`)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--table-template", help="the bureau's blank spreadsheet (.xlsx) to fill")
    p.add_argument("--email", action="store_true", help="also write .eml drafts (split to the profile's limit)")
    p.add_argument("--send", action="store_true", help="send the drafts over the configured SMTP server")
    p.add_argument("--batch", default="", help="record the package as a submission of this batch (申报批次)")
    p.add_argument("--date", help="the package date (default today); same inputs and date → identical zip")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if bool(args.numbers) == bool(args.all_ready):
        raise InputError("BAD_ARGUMENT", reason="give patent numbers or --all-ready (not both)")
    template = Path(args.table_template) if args.table_template else None
    if template is not None and not template.is_file():
        raise InputError("FILE_NOT_FOUND", path=str(template))
    today = date_arg(args.date, date.today())
    if args.send:  # refuse before anything is built: no server, password or recipient is a bad argument (exit 2)
        from openlic_desktop.services import profiles

        mailer.password_for(mailer.smtp_server())
        export.require_recipient(profiles.get_profile(args.profile))
    pre = export.preflight(ctx.ws, args.numbers or None, args.profile, today, ctx.lang)
    if not pre.included:
        ctx.out.result({"package": None, "patents": [], "excluded": [e.to_json() for e in pre.excluded],
                        "files": [], "emails": []}, lambda: _excluded_lines(ctx, pre.excluded))
        ctx.out.refusal("NOTHING_TO_EXPORT", ctx.msg("NOTHING_TO_EXPORT"))
        return 1
    if pre.fee_notes_missing and not ctx.out.as_json:  # one line for the group, not one per patent
        ctx.out.line(ctx.t("提示：", "Note: ") + pre.fee_notes_message(ctx.lang))
    options = export.ExportOptions(Path(args.out), template, args.email or args.send, batch_name=args.batch)
    result = export.build(ctx.ws, pre, options, lang=ctx.lang)
    sent: list[str] = mailer.send_drafts(result.emails) if args.send else []
    data = result.to_json()
    if args.send:
        data["sent"] = sent

    def lines():
        yield ctx.t(f"材料包：{result.package}（{len(result.patents)} 件专利，{len(result.files)} 个文件）",
                    f"Package: {result.package} ({len(result.patents)} patents, {len(result.files)} files)")
        yield f"SHA-256: {result.sha256}"
        for path in result.emails:
            yield ctx.t(f"邮件草稿：{path}", f"E-mail draft: {path}")
        if sent:
            yield ctx.t(f"已发送 {len(sent)} 封邮件", f"Sent {len(sent)} e-mails")
        yield from _excluded_lines(ctx, result.excluded)
        for w in result.warnings:
            if not w.startswith("FEE_NOTE_MISSING:"):  # said once above, as a group
                yield ctx.t("提示：", "Note: ") + result.message_of(w)

    ctx.out.result(data, lines)
    return 1 if result.excluded else 0


def _excluded_lines(ctx, excluded) -> list[str]:
    return [ctx.t(f"未纳入 {e.application_number}：", f"Left out {e.application_number}: ") +
            "；".join(f"{c} {m}" for c, m in zip(e.codes, e.messages, strict=False)) for e in excluded]
