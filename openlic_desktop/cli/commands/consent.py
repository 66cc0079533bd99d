"""`openlic consent NUMBER --owner NAME [--date DATE] [--file FILE]` — a co-owner's written consent is on file;
`openlic consent --owner NAME (--all-owned | NUMBER…) [--date DATE] [--file FILE.pdf]` — one co-owner's consent
for every patent it shares with the office (or those named), its letter attached to each, in one step (cli.md)."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg, owned_selection
from openlic_desktop.services import coowner_consents, encumbrances


def register(p) -> None:
    p.add_argument("numbers", nargs="*", metavar="NUMBER")
    p.add_argument("--owner", required=True)
    p.add_argument("--all-owned", action="store_true", help="every patent this co-owner shares with the office")
    p.add_argument("--date")
    p.add_argument("--file", help="the signed consent letter (PDF/OFD/JPEG/PNG), attached as kind consent")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if not args.all_owned and len(args.numbers) == 1:
        changed = encumbrances.record_consent(ctx.ws, args.numbers[0], args.owner, date_arg(args.date),
                                              file=args.file)
        ctx.out.line(ctx.t("已记录共有人同意" if changed else "没有变化",
                           "Consent recorded" if changed else "Nothing changed"))
        return 0
    outcome = coowner_consents.record_owner_consent(ctx.ws, args.owner, owned_selection(args), date_arg(args.date),
                                                    args.file)
    ctx.out.line(ctx.t(f"{outcome.owner}：已记录同意 {len(outcome.done)} 件，无变化 {len(outcome.unchanged)} 件"
                       + (f"，同意书已附到 {outcome.attached} 件" if outcome.attached else ""),
                       f"{outcome.owner}: consent recorded for {len(outcome.done)}, unchanged {len(outcome.unchanged)}"
                       + (f"; the letter attached to {outcome.attached}" if outcome.attached else "")))
    return 0
