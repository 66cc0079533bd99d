"""Messages for database backups and restore."""

MESSAGES = {
    "BACKUP_NOT_SQLITE_FILE": (
        "{target} 不是本机的 SQLite 数据库文件，无法自动备份或恢复；请用数据库服务器自己的备份",
        "{target} is not a local SQLite file, so it cannot be backed up or restored here; use the server's backups",
    ),
    "BACKUP_NOT_FOUND": ("找不到备份文件：{path}", "Backup file not found: {path}"),
    "BACKUP_DAMAGED": (
        "备份文件 {path} 无法使用（{reason}），当前数据库未被改动",
        "The backup {path} cannot be used ({reason}); the current database was left untouched",
    ),
    "BACKUP_SCHEMA_MISMATCH": (
        "备份文件 {path} 的数据库结构与其版本应有的结构不一致（{objects}），可能被其他程序改动过；当前数据库未被改动",
        "The backup {path} does not have the schema its version should have ({objects}): something else changed it; "
        "the current database was left untouched",
    ),
    "BACKUP_AUDIT_BROKEN": (
        "备份文件 {path} 的审计记录不完整或被改动（第 {record} 条起），不能用来恢复；当前数据库未被改动",
        "The audit trail in the backup {path} is broken or was changed (from record {record}); it cannot be "
        "restored; the current database was left untouched",
    ),
    "RESTORE_WAITING": (
        "数据库 {path} 正被其他程序使用（导入、另一个窗口或命令），恢复将等它完成后进行，最多等待 {seconds} 秒……",
        "The database {path} is in use by another program (an import, another window or a command): waiting up to "
        "{seconds} s for it to finish before restoring…",
    ),
}
