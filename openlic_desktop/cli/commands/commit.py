"""`openlic commit NUMBER... (--all | --item C1 --item C2 ...) [--note …] [--profile CODE]` — confirm commitment
items (cli.md). Patents refused are named on stderr, exit 1; the others are done."""

from __future__ import annotations

from openlic_desktop.services import readiness


def register(p) -> None:
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--all", action="store_true")
    group.add_argument("--item", action="append")
    p.add_argument("--note", default="")
    p.add_argument("--profile")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    outcome = readiness.confirm_commitments(ctx.ws, args.numbers, None if args.all else args.item, args.profile,
                                            args.note)
    return report_outcome(outcome, ctx)


def report_outcome(outcome: readiness.BatchOutcome, ctx) -> int:
    """Each patent done, unchanged or refused (with the reason), then the summary; exit 1 if any was refused.
    Shared with `signoff`, which acts on patents the same way."""
    for number in outcome.done:
        ctx.out.line(ctx.t(f"{number}：完成", f"{number}: done"))
    for number in outcome.unchanged:
        ctx.out.line(ctx.t(f"{number}：无变化", f"{number}: unchanged"))
    for refusal in outcome.refused:
        ctx.out.refusal(refusal.code, f"{refusal.application_number}: {refusal.message(ctx.lang)}")
    ctx.out.line(outcome.summary(ctx.lang).splitlines()[0])
    return 1 if outcome.refused else 0
