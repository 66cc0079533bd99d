"""`openlic fee-note NUMBER... --method industry|earlier-fees|own-revenue|royalty-rate|valuation [--basis TEXT]
[--replace] [--json]` — the fee-estimation notes (许可使用费估算依据和方法) for many patents at once, from their
pricing and the reference data; each is edited afterwards in the patent's pricing tab (cli.md)."""

from __future__ import annotations

from openlic_desktop.domain.fee_notes import CLI_METHODS
from openlic_desktop.services import fee_notes


def register(p) -> None:
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--method", required=True, choices=tuple(CLI_METHODS))
    p.add_argument("--basis", default="", help="added to the basis of every note / 补充估算依据")
    p.add_argument("--replace", action="store_true", help="draft again where a note exists / 覆盖已有说明")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    outcome = fee_notes.draft_many(ctx.ws, args.numbers, args.method, args.basis, args.replace)
    ctx.out.result(outcome.to_json(ctx.lang), [
        *(ctx.t(f"{n}：已起草估算说明", f"{n}: note drafted") for n in outcome.done),
        *(ctx.t(f"{n}：无变化", f"{n}: unchanged") for n in outcome.unchanged)])
    for r in outcome.refused:
        ctx.out.refusal(r.code, f"{r.application_number}: {r.code}: {r.message(ctx.lang)}")
    return 1 if any(r.code != "FEE_NOTE_KEPT" for r in outcome.refused) else 0
