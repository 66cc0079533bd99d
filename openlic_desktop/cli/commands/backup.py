"""Backup commands: `openlic backup list|now|restore FILE` (the GUI makes daily copies on open by itself)."""

from __future__ import annotations

from openlic_desktop.services import backup
from openlic_desktop.support.messages import render


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True

    a = actions.add_parser("list", help="this database's backups, newest first / 列出备份")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)

    a = actions.add_parser("now", help="make today's copy unless there is one / 立即备份")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_now)

    a = actions.add_parser("restore", help="put a backup in place of the database (a safety copy is kept) / 恢复备份")
    a.add_argument("file", help="a backup file (see `backup list`)")
    a.add_argument("--wait", type=float, default=backup.RESTORE_WAIT_SECONDS, metavar="SECONDS",
                   help="how long to wait for other programs using the database / 等待其他程序释放数据库的秒数")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_restore)


def _info_json(info: backup.BackupInfo) -> dict:
    return {"path": str(info.path), "kind": info.kind, "taken": info.taken.isoformat(timespec="seconds"),
            "size": info.size}


def run_list(args, ctx) -> int:
    items = backup.list_backups(backup.database_file(ctx.db))
    ctx.out.table(items, lambda b: (f"{b.taken:%Y-%m-%d %H:%M}",
                                    ctx.t("每日备份" if b.kind == "daily" else "恢复前的安全副本", b.kind), b.size,
                                    b.path),
                  _info_json, footer=ctx.t(f"共 {len(items)} 个备份", f"{len(items)} backups"))
    return 0


def run_now(args, ctx) -> int:
    db_file = backup.database_file(ctx.db)
    made = backup.daily_backup(ctx.ws)
    ctx.out.result(_info_json(made) if made else None,
                   ctx.t(f"已备份：{made.path}", f"Backed up: {made.path}") if made else
                   ctx.t(f"今天已经备份过 {db_file}", f"{db_file} was already backed up today"))
    return 0


def run_restore(args, ctx) -> int:
    # the workspace is deliberately not opened: the file is replaced underneath it
    db_file, seconds = backup.database_file(ctx.db).resolve(), max(0.0, args.wait)

    def waiting() -> None:  # said at once: a restore waiting in silence looks like a hang
        message = render("RESTORE_WAITING", ctx.lang, path=str(db_file), seconds=f"{seconds:g}")
        ctx.out.event("RESTORE_WAITING", message, database=str(db_file), seconds=seconds)

    result = backup.restore(db_file, args.file, wait_seconds=seconds, on_wait=waiting)
    lines = [ctx.t(f"已从 {result.restored_from} 恢复 {result.database}",
                   f"Restored {result.database} from {result.restored_from}")]
    if result.safety_copy:
        lines.append(ctx.t(f"恢复前的数据库已另存为 {result.safety_copy}",
                           f"The database as it was before is kept as {result.safety_copy}"))
    ctx.out.result({"database": str(result.database), "restored_from": str(result.restored_from),
                    "safety_copy": str(result.safety_copy) if result.safety_copy else None,
                    "waited": result.waited}, lines)
    return 0
