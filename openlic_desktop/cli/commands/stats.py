"""`openlic stats` (cli.md "Statistics"): the portfolio's funnel, breakdowns, fees and expiries ahead, licences,
licensees and income — as text, as JSON, or as the statistics workbook (`--out FILE.xlsx`)."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.domain.statistics import DIMENSIONS, STAGES, PortfolioStatistics, label, money
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.gc_pause import collector_paused


def register(p) -> None:
    p.add_argument("--by", choices=DIMENSIONS, help="break the figures down by this / 分组")
    p.add_argument("--out", metavar="FILE.xlsx", help="write the statistics workbook / 生成统计表")
    p.add_argument("--profile", help="judge readiness by this bureau profile (default: the active one)")
    p.add_argument("--date", help="as of this day (default: today)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    today = date_arg(args.date)
    if args.out and not args.out.lower().endswith(".xlsx"):
        raise InputError("STATS_OUT_NOT_XLSX", path=args.out)  # refused before the figures are computed
    # the service and what it reads (SQLAlchemy, the models, the rules) are imported here with the collector paused:
    # they stay for the whole process, and the passes that walked them as they were made cost a tenth of a second
    with collector_paused(promote=True):
        from openlic_desktop.services import statistics
    saves: list = []  # a fresh count is saved once the figures are out: the reader does not wait for it
    stats = statistics.compute(ctx.ws, today=today, profile_code=args.profile, saves=saves)
    dimensions = [args.by] if args.by else list(DIMENSIONS)
    written = statistics.write_workbook(stats, args.out) if args.out else None
    data = stats.to_json(dimensions, ctx.lang) if args.json else {}
    if written is not None:
        data["workbook"] = str(written)
    ctx.out.result(data, lambda: _text(stats, args.by or "type", written, ctx), compact=True)
    ctx.out.stdout.flush()
    for save in saves:
        save()
    return 0


def _text(stats: PortfolioStatistics, dimension: str, written, ctx) -> list[str]:
    lang, t = ctx.lang, ctx.t
    dim = label("dimension", dimension, lang)
    lines = [t(f"专利组合统计（截至 {stats.as_of.isoformat()}）：专利 {stats.patents} 件",
               f"Portfolio statistics as of {stats.as_of.isoformat()}: {stats.patents} patents"),
             t("开放许可进展：", "Open licensing, stage reached:")]
    lines += [f"  {label('stage', key, lang)}\t{n}" for key, n in stats.funnel()]
    lines.append(t(f"按{dim}：", f"By {dim.lower()}:"))
    lines.append("  " + "\t".join([dim, t("专利", "Patents")] + [label("stage", key, lang) for key in STAGES]))
    lines += ["  " + "\t".join([label(dimension, row.value, lang), str(row.patents), *map(str, row.reached)])
              for row in stats.groups(dimension)]
    days, fees, total = stats.horizon_days, len(stats.fees_due), money(stats.fees_total())
    lines.append(t(f"未来 {days} 天：届满 {len(stats.expiring)} 件；应缴年费 {fees} 件，合计 {total} 元",
                   f"Next {days} days: {len(stats.expiring)} reach their last day in force; {fees} annual fees "
                   f"due, CNY {total} in all"))
    sme, due, received = stats.sme(), money(stats.amount_due()), money(stats.amount_received())
    lines.append(t(f"达成许可 {len(stats.licences)} 项（专利 {stats.licensed_patents()} 件，被许可人 "
                   f"{stats.licensees()} 家，其中中小微企业 {sme.licences} 项）；应收 {due} 元，已收 {received} 元",
                   f"{len(stats.licences)} licences reached ({stats.licensed_patents()} patents, "
                   f"{stats.licensees()} licensees; {sme.licences} to SMEs); CNY {due} due, {received} received"))
    offered = stats.offered()
    free = sum(1 for o in offered if o.free)
    lines.append(t(f"许可条件：免费 {free} 件，收费 {len(offered) - free} 件",
                   f"Offers: {free} free, {len(offered) - free} paid"))
    if written is not None:
        lines.append(t(f"已生成统计表：{written}", f"Statistics workbook written: {written}"))
    return lines
