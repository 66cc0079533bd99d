"""`openlic check [NUMBER...] [--profile CODE] [--regime pilot|statutory] [--json]` — readiness findings; exit 1
while anything blocks (cli.md). `--regime statutory`: the rules of the declaration to CNIPA (domain.md §10)."""

from __future__ import annotations

from openlic_desktop.services import readiness


def register(p) -> None:
    p.add_argument("numbers", nargs="*", metavar="NUMBER")
    p.add_argument("--profile")
    p.add_argument("--regime", choices=("pilot", "statutory"),
                   help="statutory: the rules of the declaration to CNIPA / 开放许可声明的条件")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    results = readiness.check(ctx.ws, args.numbers or None, args.profile, verify_files=True, regime=args.regime)
    ctx.out.result([r.to_json(ctx.lang) for r in results], lambda: _lines(results, ctx))
    return 0 if all(r.ready for r in results) else 1


def _lines(results, ctx) -> list[str]:
    lines = []
    for r in results:
        lines.append(f"{r.application_number}\t{ctx.t('可以申报', 'ready') if r.ready else ctx.t('不可申报', 'not ready')}")
        for f in r.findings:
            mark = ctx.t("阻止", "blocker") if f.is_blocker else ctx.t("提醒", "warning")
            lines.append(f"  [{mark}] {f.code}: {readiness.finding_message(f, ctx.lang)}")
    ready = sum(r.ready for r in results)
    lines.append(ctx.t(f"共 {len(results)} 件，可以申报 {ready} 件", f"{len(results)} patents, {ready} ready"))
    return lines
