"""`openlic consent-letter --owner NAME (--all-owned | NUMBER…) --out FILE.docx [--profile CODE] [--date DATE]` —
the co-owner's consent letter (共有人同意书) for every patent it shares with the office, drafted at once."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg, owned_selection
from openlic_desktop.services import coowner_consents


def register(p) -> None:
    p.add_argument("numbers", nargs="*", metavar="NUMBER")
    p.add_argument("--owner", required=True)
    p.add_argument("--all-owned", action="store_true", help="every patent the co-owner shares with the office")
    p.add_argument("--out", required=True)
    p.add_argument("--profile")
    p.add_argument("--date")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    letter = coowner_consents.consent_letter(ctx.ws, args.owner, args.out, owned_selection(args),
                                             date_arg(args.date), args.profile)
    for number in letter.left_out:  # only patents with terms are listed: say which were not, and why
        ctx.out.note(f"{ctx.msg('CONSENT_LETTER_NOT_PRICED', value=number)} [CONSENT_LETTER_NOT_PRICED]")
    path, count = letter.path, len(letter.listed)
    ctx.out.line(ctx.t(f"已生成共有人同意书（{count} 件专利）：{path}", f"Consent letter written ({count} patents): {path}"))
    return 0
