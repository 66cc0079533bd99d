"""`openlic demo [--patents N] [--seed S] [--force]` — a realistic demo portfolio (refuses a non-empty database
without `--force`)."""

from __future__ import annotations

from openlic_desktop.services import demo


def register(p) -> None:
    p.add_argument("--patents", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true", help="replace a non-empty database")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    n = demo.load_demo(ctx.ws, args.patents, args.seed, force=args.force)
    ctx.out.line(ctx.t(f"已生成 {n} 件演示专利：{ctx.ws.location}", f"Created {n} demo patents in {ctx.ws.location}"))
    return 0
