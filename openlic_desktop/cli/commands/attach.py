"""`openlic attach NUMBER FILE --kind KIND [--conclusion …] [--report-no …] [--date …] [--claims …]` — attach a
report or letter (PDF/OFD/JPEG/PNG), stored once per content (cli.md)."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.domain.readiness import CONCLUSIONS, LOOSE_ATTACHMENT_KINDS
from openlic_desktop.services import attachments


def register(p) -> None:
    p.add_argument("number")
    p.add_argument("file")
    # a pledgee's consent goes with its pledge: `openlic encumbrance consent ID --file FILE`
    p.add_argument("--kind", required=True, choices=LOOSE_ATTACHMENT_KINDS)
    p.add_argument("--conclusion", choices=CONCLUSIONS)
    p.add_argument("--report-no", default="")
    p.add_argument("--date")
    p.add_argument("--claims", default="", help="claim numbers with defects, e.g. 1,3-5")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    info = attachments.add_attachment(ctx.ws, args.number, args.file, args.kind, args.conclusion, args.report_no,
                                      date_arg(args.date), args.claims)
    if info.duplicate:
        ctx.out.line(ctx.t(f"已有相同附件：{info.name}（{info.sha256[:12]}）",
                           f"Already attached: {info.name} ({info.sha256[:12]})"))
    else:
        ctx.out.line(ctx.t(f"已添加附件：{info.name}（{info.sha256[:12]}）",
                           f"Attached: {info.name} ({info.sha256[:12]})"))
    return 0
