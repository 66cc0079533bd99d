"""The import history and undoing an import (beyond cli.md's `import`, which it complements):

    openlic imports list [--limit N] [--json]        the latest imports: file, SHA-256, counts, who, when, undone
    openlic imports undo [ID] [--dry-run] [--json]   undo the latest import that changed anything (or check ID is
                                                     that one): delete what it created, put back what it changed

Exit 0: done (or, dry run, nothing stands in the way); 1: refused — later work on its patents, not the latest
import, already undone, nothing to undo (with the reason on stderr; nothing written); 2: bad arguments.
"""

from __future__ import annotations

from openlic_desktop.services.importing import undo as import_undo
from openlic_desktop.support.messages import in_words

REASONS = {"edited-since": ("导入后又有修改（{detail} 条记录）", "changed since the import ({detail} records)"),
           "has-records": ("导入后新增了记录：{detail}", "has records added since the import: {detail}"),
           "changed-since": ("导入后“{detail}”又被修改", "“{detail}” was changed again since the import")}


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True

    a = actions.add_parser("list", help="the latest imports, newest first / 导入记录")
    a.add_argument("--limit", type=int, default=50)
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)

    a = actions.add_parser("undo", help="undo the latest import that changed anything / 撤销最近一次导入")
    a.add_argument("id", nargs="?", type=int, help="the import's id (see `imports list`); default: the latest")
    a.add_argument("--dry-run", action="store_true", help="show what would be undone; write nothing")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_undo)


def run_list(args, ctx) -> int:
    runs = import_undo.runs(ctx.ws, max(args.limit, 1))

    def row(r):
        undone = r.undone_at.astimezone() if r.undone_at else None
        state = ctx.t(f"已于 {undone:%Y-%m-%d %H:%M} 由 {r.undone_by} 撤销", f"undone {undone:%Y-%m-%d %H:%M} "
                      f"by {r.undone_by}") if undone else (ctx.t("可撤销", "can be undone") if r.undoable else "")
        counts = ctx.t(f"读取 {r.rows_read}，新增 {r.created}，修改 {r.updated}，未变 {r.unchanged}，拒绝 {r.rejected}",
                       f"read {r.rows_read}, created {r.created}, updated {r.updated}, unchanged {r.unchanged}, "
                       f"rejected {r.rejected}")
        return (r.id, f"{r.imported_at.astimezone():%Y-%m-%d %H:%M}", r.user, r.file_name, counts, r.sha256[:12],
                state)

    ctx.out.table(runs, row, lambda r: r.to_json(), footer=None if runs else ctx.t("还没有导入记录", "No imports yet"))
    return 0


def _conflict_lines(plan: import_undo.UndoPlan, ctx) -> list[str]:
    lines = []
    for c in plan.conflicts:
        zh, en = REASONS[c.reason]
        detail = c.detail
        if c.reason == "has-records":
            # the tables that refer to the patent, in the words every refusal naming them uses; --json keeps names
            detail = in_words(", ".join(name for name in c.detail.split("、") if name), ctx.lang)
        lines.append(f"{c.number}\t{ctx.t(zh, en).format(detail=detail)}")
    return lines


def _plan_lines(plan: import_undo.UndoPlan, ctx) -> list[str]:
    lines = []
    if not plan.conflicts:  # refused: the counts would leave out the patents in the way, and mislead
        lines.append(ctx.t(f"撤销导入 {plan.source_id}（{plan.file_name}）将删除 {len(plan.delete)} 件专利，"
                           f"恢复 {len(plan.restore)} 项著录事项",
                           f"Undoing import {plan.source_id} ({plan.file_name}) would delete {len(plan.delete)} "
                           f"patents and put back {len(plan.restore)} facts"))
        if plan.signed_since:
            lines.append(ctx.t(f"其中 {len(plan.signed_since)} 件专利在导入后已签核，撤销后需要重新签核："
                               f"{'、'.join(plan.signed_since[:20])}",
                               f"{len(plan.signed_since)} of them were signed off after the import and will have to "
                               f"be signed off again: {', '.join(plan.signed_since[:20])}"))
    return lines + _conflict_lines(plan, ctx)


def run_undo(args, ctx) -> int:
    plan = import_undo.plan(ctx.ws, args.id)
    if args.dry_run or plan.conflicts:
        ctx.out.result(plan.to_json(), lambda: _plan_lines(plan, ctx))
        if plan.conflicts:
            numbers = sorted({c.number for c in plan.conflicts})
            ctx.out.refusal("IMPORT_UNDO_CONFLICT", ctx.msg("IMPORT_UNDO_CONFLICT", count=len(numbers),
                                                            numbers="、".join(numbers[:20])))
            return 1
        return 0
    result = import_undo.undo(ctx.ws, plan.source_id)
    ctx.out.result(result.to_json(), ctx.t(
        f"已撤销导入 {result.source_id}（{result.file_name}）：删除 {result.deleted} 件专利，"
        f"恢复 {result.patents_restored} 件专利的 {result.restored} 项著录事项",
        f"Undid import {result.source_id} ({result.file_name}): deleted {result.deleted} patents, put "
        f"back {result.restored} facts of {result.patents_restored} patents"))
    return 0
