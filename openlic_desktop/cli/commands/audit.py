"""`openlic audit verify` — the audit trail is intact (exit 0) or where it was broken (exit 1, cli.md)."""

from __future__ import annotations

from openlic_desktop.services import audit_trail


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("verify", help="check the hash chain / 校验")
    a.set_defaults(handler=run_verify)


def run_verify(args, ctx) -> int:
    report = audit_trail.verify(ctx.ws)
    if report.intact:
        ctx.out.line(ctx.t(f"审计记录完整（{report.records} 条）", f"The audit trail is intact ({report.records} records)"))
        return 0
    for record_id, reason in report.breaks:
        ctx.out.refusal("AUDIT_BROKEN", ctx.msg("AUDIT_BROKEN", record_id=record_id, reason=reason))
    return 1
