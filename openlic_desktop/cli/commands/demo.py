"""`openlic demo [--patents N] [--seed S] [--force] [--patents-only]` — a realistic demo portfolio (refuses a
non-empty database without `--force`), a dozen of its patents taken through the office's work unless
`--patents-only`."""

from __future__ import annotations

from openlic_desktop.services import demo
from openlic_desktop.support.messages import render


def register(p) -> None:
    p.add_argument("--patents", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true", help="replace a non-empty database")
    p.add_argument("--patents-only", action="store_true",
                   help="the patents and the books, none of the office's work on them / "
                        "只生成专利和名录，不含定价、签核、声明、许可等示例")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    shown = ctx.t("正在生成演示组合", "Loading the demo portfolio")
    try:
        n = demo.load_demo(ctx.ws, args.patents, args.seed, force=args.force, office_work=not args.patents_only,
                           progress=lambda done, total: ctx.out.progress(f"{shown} {done}/{total}") or True)
    except KeyboardInterrupt:  # Ctrl-C: the demo is one transaction, rolled back whole
        ctx.out.progress(None)
        ctx.out.refusal("DEMO_CANCELLED", render("DEMO_CANCELLED", ctx.lang))
        return 130
    ctx.out.progress(None)
    ctx.out.line(ctx.t(f"已生成 {n} 件演示专利：{ctx.ws.location}", f"Created {n} demo patents in {ctx.ws.location}"))
    return 0
