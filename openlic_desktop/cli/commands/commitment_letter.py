"""`openlic commitment-letter NUMBER... --out FILE.docx [--profile CODE]` — the commitment letter (承诺函)."""

from __future__ import annotations

from openlic_desktop.services import readiness


def register(p) -> None:
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--out", required=True)
    p.add_argument("--profile")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    path = readiness.commitment_letter(ctx.ws, args.numbers, args.out, args.profile)
    ctx.out.line(ctx.t(f"已生成承诺函：{path}", f"Commitment letter written: {path}"))
    return 0
