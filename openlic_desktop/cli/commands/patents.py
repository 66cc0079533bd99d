"""`openlic patents [--search TEXT] [--type TYPE] [--status STATUS] [--json]` — list patents (cli.md)."""

from __future__ import annotations

from datetime import date

from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.status import Status
from openlic_desktop.services import portfolio


def register(p) -> None:
    p.add_argument("--search", default="")
    p.add_argument("--type", choices=[t.value for t in PatentType])
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    items = portfolio.list_patents(ctx.ws, args.search, args.type, args.status)
    today = date.today()
    zh = ctx.lang == "zh"

    def row(f):
        status = f.effective_status(today)
        return (f.number.canonical, f.patent_type.zh if zh else f.patent_type.value,
                status.zh if zh else status.value, f.title, "；".join(f.patentees))

    ctx.out.table(items, row, lambda f: portfolio.patent_json(f, today),
                  footer=ctx.t(f"共 {len(items)} 件", f"{len(items)} patents"))
    return 0
