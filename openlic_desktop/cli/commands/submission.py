"""`openlic submission list|status|diff|withdraw` — the packages sent to a bureau (报送记录), their status and
reference (and, once published, the bureau's 公开日: `status ID published --published-on DATE`), what changed
since the previous one, and withdrawal notices (撤回函)."""

from __future__ import annotations

from pathlib import Path

from openlic_desktop.services import batches


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("list")
    a.add_argument("--batch")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("status")
    a.add_argument("id", type=int)
    a.add_argument("status", choices=batches.STATUSES)
    a.add_argument("--reference")
    a.add_argument("--notes")
    a.add_argument("--published-on", metavar="DATE",
                   help="with published: the day the bureau published it (公开日; default: the day marked)")
    a.set_defaults(handler=run_status)
    a = actions.add_parser("diff")
    a.add_argument("id", type=int)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_diff)
    a = actions.add_parser("withdraw", help="withdrawal notice 撤回函 (every co-owner consents to withdraw: "
                                            "openlic withdrawal consent)")
    a.add_argument("batch")
    a.add_argument("numbers", nargs="+", metavar="NUMBER")
    a.add_argument("--reason", required=True)
    a.add_argument("--transferred-to", default="", metavar="PARTY", help="the patents were transferred to PARTY")
    a.add_argument("--date", help="the notice's date (default: today)")
    a.add_argument("--out", required=True)
    a.set_defaults(handler=run_withdraw)


def _json(s) -> dict:
    return {"id": s.id, "batch": s.batch_name, "seq": s.seq, "kind": s.kind, "date": s.submitted_on.isoformat(),
            "profile": s.profile_code, "package": s.package_path, "sha256": s.package_sha256, "status": s.status,
            "bureau_reference": s.bureau_reference, "notes": s.notes, "patents": list(s.patents),
            "published_on": s.published_on.isoformat() if s.published_on else None}


def run_list(args, ctx) -> int:
    ctx.out.table(batches.list_submissions(ctx.ws, args.batch),
                  lambda s: (s.id, f"{s.batch_name}#{s.seq}", s.kind, s.submitted_on,
                             (batches.STATUS_ZH[s.status] if ctx.lang == "zh" else s.status)
                             + (f"（{s.published_on.isoformat()}）" if s.published_on else ""), len(s.patents),
                             s.bureau_reference or "—"), _json)
    return 0


def run_status(args, ctx) -> int:
    from openlic_desktop.cli.arguments import date_arg

    s = batches.set_status(ctx.ws, args.id, args.status, args.reference, args.notes, date_arg(args.published_on))
    day = s.published_on.isoformat() if s.published_on else ""
    ctx.out.line(ctx.t(f"报送记录 {s.id}：{batches.STATUS_ZH[s.status]}" + (f"（公开日 {day}）" if day else ""),
                       f"Submission {s.id}: {s.status}" + (f" (published by the bureau on {day})" if day else "")))
    return 0


def run_diff(args, ctx) -> int:
    d = batches.diff_with_previous(ctx.ws, args.id)
    ctx.out.result({"previous": d.previous_id, "added": d.added, "removed": d.removed, "changed": d.changed},
                   [f"+ {n}" for n in d.added] + [f"- {n}" for n in d.removed]
                   + [f"~ {n}: {', '.join(fields)}" for n, fields in d.changed.items()])
    return 0


def run_withdraw(args, ctx) -> int:
    from openlic_desktop.cli.arguments import date_arg
    from openlic_desktop.services import withdrawals

    r = withdrawals.withdraw(ctx.ws, args.batch, args.numbers, args.reason, Path(args.out), date_arg(args.date),
                             transferee=args.transferred_to)
    ctx.out.line(ctx.t(f"撤回函：{r.notice}", f"Withdrawal notice: {r.notice}"))
    return 0
