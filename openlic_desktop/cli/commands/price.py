"""`openlic price NUMBER... --mode free|lump-sum|royalty|entry-plus-royalty [...]` — set the licence fee terms of
one or many patents (cli.md). Inconsistent arguments are refused with exit 2 before anything is written."""

from __future__ import annotations

from decimal import Decimal

from openlic_desktop.cli.arguments import money_arg
from openlic_desktop.domain.pricing import Frequency, PricingMode, PricingTerms, RoyaltyBase, percent
from openlic_desktop.services import pricing
from openlic_desktop.support.errors import InputError

MODES = {"free": PricingMode.FREE, "lump-sum": PricingMode.LUMP_SUM, "royalty": PricingMode.ROYALTY,
         "entry-plus-royalty": PricingMode.ENTRY_PLUS_ROYALTY}
BASES = {"net-sales": RoyaltyBase.NET_SALES, "profit": RoyaltyBase.PROFIT}


def register(p) -> None:
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--mode", required=True, choices=list(MODES))
    p.add_argument("--amount", help="lump sum, CNY")
    p.add_argument("--entry-fee", help="entry fee, CNY (entry-plus-royalty)")
    p.add_argument("--rate", help="royalty rate, percent (3 = 3 %%)")
    p.add_argument("--base", choices=list(BASES), help="royalty base")
    term = p.add_mutually_exclusive_group()
    term.add_argument("--term-months", type=int,
                      help="licence term in months (default: the active profile's minimum term)")
    term.add_argument("--until-expiry", action="store_true",
                      help="each patent's term runs to its last day in force / 许可期限至专利有效期届满")
    p.add_argument("--free-months", type=int, default=0,
                   help="first N months free (with --pay-after-trial: a trial of N months)")
    p.add_argument("--pay-after-trial", action="store_true",
                   help="the free months are a trial; afterwards the licensee pays or leaves owing nothing")
    p.add_argument("--frequency", choices=[f.value for f in Frequency], default="yearly",
                   help="royalty reporting and payment")
    p.add_argument("--territory", default="中国境内")
    p.set_defaults(handler=run)


def terms_from_args(args) -> PricingTerms:
    mode = MODES[args.mode]
    if args.free_months is not None and args.free_months < 0:
        raise InputError("PRICING_INCONSISTENT", reason="--free-months is negative")
    if args.pay_after_trial and not args.free_months:
        raise InputError("PRICING_INCONSISTENT", reason="--pay-after-trial needs --free-months N (the trial)")
    if args.base is not None and not mode.has_royalty:
        raise InputError("PRICING_INCONSISTENT", reason="--base applies to royalties only")
    if args.frequency != "yearly" and not mode.has_royalty:
        raise InputError("PRICING_INCONSISTENT", reason="--frequency applies to royalties only")
    terms = PricingTerms(
        mode=mode,
        amount=money_arg(args.amount, "amount"),
        entry_fee=money_arg(args.entry_fee, "entry-fee"),
        rate=_rate(args.rate),
        # a royalty without --base is on net sales, the common case and the one the caps name first
        base=BASES[args.base] if args.base else (RoyaltyBase.NET_SALES if mode.has_royalty else None),
        term_months=(None if getattr(args, "until_expiry", False)
                     else args.term_months if args.term_months is not None else _default_term()),
        free_months=0 if args.pay_after_trial else args.free_months,
        pay_after_trial=args.pay_after_trial,
        trial_months=args.free_months if args.pay_after_trial else 0,
        frequency=Frequency(args.frequency),
        territory=args.territory.strip() or "中国境内",
    )
    return terms.check_consistent(complete=not getattr(args, "until_expiry", False))


def _default_term() -> int:
    from openlic_desktop.services.profiles import get_profile

    return int(get_profile(None).min_term_months or 12)


def _rate(value: str | None) -> Decimal | None:
    return percent(value) if value is not None else None


def run(args, ctx) -> int:
    """Store the terms, then say per patent what they break (exit 1 when anything does: cli.md)."""
    from openlic_desktop.services.readiness import finding_message

    terms = terms_from_args(args)
    outcome = pricing.price_patents(ctx.ws, args.numbers, terms, until_expiry=args.until_expiry)
    for number, code in outcome.skipped.items():
        ctx.out.note(f"openlic: {number}: {ctx.msg(code, numbers=number)} [{code}]")
    for number, found in outcome.findings.items():
        for f in found:
            mark = ctx.t("阻止", "blocker") if f.is_blocker else ctx.t("提醒", "warning")
            ctx.out.line(f"{number}\t[{mark}] {f.code}: {finding_message(f, ctx.lang)}")
    # the terms in the words every document uses: until expiry is said as the day it ends, not a month count
    summary = (terms.with_changes(until_expiry=True) if args.until_expiry else terms).summary(ctx.lang)
    if outcome.changed:
        ctx.out.line(ctx.t(f"已设置 {len(outcome.changed)} 件：{summary}",
                           f"Set for {len(outcome.changed)} patents: {summary}"))
    ctx.out.line(ctx.msg("PRICE_SUMMARY", changed=len(outcome.changed), unchanged=len(outcome.unchanged),
                         flagged=len(outcome.findings), skipped=len(outcome.skipped)))
    return 1 if outcome.findings or outcome.skipped else 0
