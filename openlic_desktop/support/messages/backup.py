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
}
