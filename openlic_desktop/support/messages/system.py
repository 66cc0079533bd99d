"""Messages for what the computer around the program refuses: a busy database, a full disk, a folder that cannot be
written, names the file system will not take, the OS keyring."""

MESSAGES = {
    "KEYRING_UNAVAILABLE": (
        "本机没有可用的系统钥匙串（密码保管库），密码无处安全保存；设置未保存。请在有钥匙串的系统上设置，"
        "或安装系统钥匙串服务后重试",
        "There is no OS keyring (password store) on this computer, so the password cannot be kept safely; "
        "nothing was saved. Set it up where a keyring is available, or install one and try again",
    ),
    "DB_BUSY": (
        "数据库 {path} 正被其他程序使用（另一个 OpenLic 窗口、导入或命令），等待 {seconds} 秒后仍未空闲；未做任何改动。"
        "请等它完成或关闭后重试",
        "The database {path} is in use by another program (another OpenLic window, an import or a command) and was "
        "still busy after {seconds} s; nothing was changed. Wait for it to finish or close it, then try again",
    ),
}
