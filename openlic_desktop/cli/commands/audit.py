"""`openlic audit verify [--against FILE] [--json]` — the audit trail is intact (exit 0) or where it was broken
(exit 1, cli.md); `openlic audit key export|import` — move the chain's key to another computer sharing the database.

`verify` checks the keyed chain, each sign-off against the record that sealed it, and the head anchored outside the
database (the user config folder; `--against` a backup's `.head.json`, a package zip or its manifest.json).
"""

from __future__ import annotations

import sys

from openlic_desktop.services import audit_trail


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("verify", help="check the keyed chain and its anchors / 校验")
    a.add_argument("--against", metavar="FILE",
                   help="also check the head anchored in a backup's .head.json, a package zip or manifest.json")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_verify)
    key = actions.add_parser("key", help="the key that seals the trail / 审计记录密钥")
    key_actions = key.add_subparsers(dest="key_action", metavar="ACTION", parser_class=type(p))
    key_actions.required = True
    k = key_actions.add_parser("export", help="print this computer's key (keep it secret) / 导出本机密钥")
    k.set_defaults(handler=run_key_export)
    k = key_actions.add_parser("import", help="read a key from stdin into this computer's keyring / 导入密钥")
    k.set_defaults(handler=run_key_import)


def run_verify(args, ctx) -> int:
    report = audit_trail.verify(ctx.ws, against=args.against)
    if report.unverified:
        ctx.out.note(ctx.t(f"提示：{report.unverified} 条记录由本机没有的密钥封存，未能核对内容"
                           "（可用 `openlic audit key import` 导入该密钥）",
                           f"Note: {report.unverified} records are sealed with a key this computer does not have; "
                           "their content was not checked (`openlic audit key import` brings the key here)"))
    if report.intact:
        ctx.out.result(report.to_json(), ctx.t(f"审计记录完整（{report.records} 条）",
                                               f"The audit trail is intact ({report.records} records)"))
        return 0
    if ctx.out.as_json:
        ctx.out.result(report.to_json())
    for record_id, reason in report.breaks:
        ctx.out.refusal("AUDIT_BROKEN", ctx.msg("AUDIT_BROKEN", record_id=record_id, reason=reason))
    return 1


def run_key_export(args, ctx) -> int:
    ctx.out.line(audit_trail.export_key())
    return 0


def run_key_import(args, ctx) -> int:
    key_id = audit_trail.import_key(sys.stdin.read())
    ctx.out.line(ctx.t(f"已导入密钥 {key_id}", f"Key {key_id} imported"))
    return 0
