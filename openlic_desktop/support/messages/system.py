"""Messages for what the computer around the program refuses: a busy database, a full disk, a folder that cannot be
written, names the file system will not take, the OS keyring. Each says plainly that the change was NOT saved."""

MESSAGES = {
    "KEYRING_UNAVAILABLE": (
        "本机没有可用的系统钥匙串（密码保管库），密码无处安全保存；设置未保存。请在有钥匙串的系统上设置，"
        "或安装系统钥匙串服务后重试",
        "There is no OS keyring (password store) on this computer, so the password cannot be kept safely; "
        "nothing was saved. Set it up where a keyring is available, or install one and try again",
    ),
    "DB_BUSY": (
        "数据库 {path} 正被其他程序占用（另一个 OpenLic 窗口、导入或命令），等待 {seconds} 秒后仍未空闲："
        "本次修改未保存，数据库未被改动。请等它完成后重试",
        "The database {path} is in use by another program (another OpenLic window, an import or a command) and "
        "was still busy after {seconds} s: this change was NOT saved and nothing was changed. Try again when it "
        "has finished",
    ),
    "DISK_FULL": (
        "磁盘已满（{path}）：本次操作未完成，未保存任何内容。请腾出空间后重试",
        "The disk is full ({path}): this operation was NOT completed and nothing of it was saved. Free some "
        "space and try again",
    ),
    "FOLDER_READ_ONLY": (
        "无法写入 {path}：该位置是只读的或没有写入权限；未保存任何内容。请换一个文件夹",
        "Cannot write {path}: the place is read-only or you may not write there; nothing was saved. Choose "
        "another folder",
    ),
    "NAME_TOO_LONG": (
        "名称过长（{name}，{size} 字节）：文件系统最多接受 255 字节；未保存任何内容。请用短一些的名称",
        "The name is too long ({name}, {size} bytes): file systems take at most 255; nothing was saved. Use a "
        "shorter name",
    ),
    "PATH_NOT_UTF8": (
        "路径 {path} 含有无法识别的字符（不是 UTF-8 编码），数据库无法使用这样的路径；未做任何改动。请改名或换个位置",
        "The path {path} has characters that are not UTF-8, which the database cannot use; nothing was changed. "
        "Rename it or choose another place",
    ),
    "AUDIT_KEY_BAD": (
        "这不是审计记录密钥（应为 64 位十六进制字符）；未保存",
        "That is not an audit key (64 hexadecimal characters expected); nothing was saved",
    ),
    "AUDIT_ANCHOR_UNREADABLE": (
        "{path} 中没有可读的审计记录锚点（备份旁的 .head.json、材料包或其中的 manifest.json）",
        "{path} holds no readable audit anchor (a backup's .head.json, a package or its manifest.json)",
    ),
}

TERMS = {
    "output_location": ("输出位置", "the output"),
    # why an audit record counts as broken (storage.audit.ChainBreak)
    "edited": ("内容被改动", "its content was changed"),
    "broken_link": ("前面的记录被删除或改动", "a record before it was removed or changed"),
    "truncated": ("末尾的记录被删除", "records at the end were removed"),
    "emptied": ("审计记录被清空", "the trail was emptied"),
    "rewritten": ("记录链被重写", "the chain was rewritten"),
    "signoff_restamped": ("签核指纹被手工改写", "a sign-off fingerprint was re-stamped by hand"),
}
