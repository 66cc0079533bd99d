"""`openlic commitment-letter NUMBER... --out FILE.docx|DIR [--profile CODE] [--override-blockers REASON]` — the
commitment letter (承诺函), one per patentee set: each is sealed by exactly the patentees it names. A patent with a
blocker is refused (exit 1) unless overridden; the blockers then go on the letter's first page."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.cli.commands.contract import override_of
from openlic_desktop.services import commitment_letters


def register(p) -> None:
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--out", required=True, metavar="FILE.docx|DIR",
                   help="a .docx (several patentee sets: one file each beside it) or a folder")
    p.add_argument("--profile")
    p.add_argument("--date", help="the date printed under the seals (default: left blank to fill in)")
    p.add_argument("--override-blockers", metavar="REASON", default=None,
                   help="draft even for patents with blockers; they are printed on the first page and audited")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    paths = commitment_letters.draft_letters(ctx.ws, args.numbers, args.out, args.profile, on=date_arg(args.date),
                                             override=override_of(args, ctx))
    ctx.out.result({"letters": [str(p) for p in paths]},
                   [ctx.t(f"已生成承诺函：{p}", f"Commitment letter written: {p}") for p in paths])
    return 0
