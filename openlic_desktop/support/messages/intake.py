"""Messages for reading spreadsheets and importing the portfolio (issue 3)."""

MESSAGES = {
    "FILE_NOT_SPREADSHEET": (
        "{path} 不是可读取的表格文件（支持 .xlsx .xlsm .xls .csv .txt）；数据库未改动",
        "{path} is not a spreadsheet this app can read (.xlsx .xlsm .xls .csv .txt); nothing was changed",
    ),
    "FILE_ENCRYPTED": (
        "{path} 设有打开密码；请在 Excel 中取消密码后另存再导入；数据库未改动",
        "{path} is password-protected; remove the password in Excel, save and import again; nothing was changed",
    ),
    "FILE_CORRUPT": (
        "{path} 已损坏或无法读取（{reason}）；数据库未改动",
        "{path} is damaged or unreadable ({reason}); nothing was changed",
    ),
    "FILE_TOO_LARGE": (
        "{path} 过大，超出导入上限（{reason}）；数据库未改动",
        "{path} is too large to import ({reason}); nothing was changed",
    ),
    "ERRORS_OUT_IS_INPUT": (
        "{path} 就是正在导入的表格，被拒绝的行不能写进它；请另选一个文件名。文件未改动",
        "{path} is the file being imported: the rejected rows cannot replace it; choose another name. Nothing was "
        "changed",
    ),
    "ERRORS_OUT_EXISTS": (
        "{path} 已存在；要覆盖请加 --force（或在窗口中确认）。文件未改动",
        "{path} already exists; add --force (or confirm in the window) to replace it. Nothing was changed",
    ),
    "CONFLICT_UNCONFIRMED": (
        "申请号 {number} 的这一行曾因与前面内容不同的一行冲突而被拒绝；导入它会改写已保留的{fields}（{changes}）。"
        "核对无误后请确认再导入（命令行加 --confirm-conflicts，导入向导中勾选确认）；本行未导入",
        "This row of {number} was once rejected for contradicting an earlier row; importing it would change "
        "{fields} of what was kept ({changes}). Check it, then confirm (--confirm-conflicts, or the box in the "
        "import wizard) and import again; this row was not imported",
    ),
    "SHEET_NOT_FOUND": (
        "找不到工作表“{sheet}”；现有工作表：{sheets}",
        "No sheet named “{sheet}”; sheets: {sheets}",
    ),
    "HEADER_NOT_FOUND": (
        "在工作表 {sheet} 中找不到表头（需要“申请号”列和至少一个其他著录项目列）",
        "No header row found in sheet {sheet} (an application-number column and at least one other column needed)",
    ),
    "MAPPING_NO_NUMBER": (
        "列对应关系中没有“申请号”列",
        "The column mapping has no application-number column",
    ),
    "DATE_IMPOSSIBLE": (
        "不可能的日期：{value}（早于1985年4月1日、晚于今天，或授权日早于申请日）",
        "Impossible date: {value} (before 1985-04-01, in the future, or granted before filing)",
    ),
    "DUPLICATE_CONFLICT": (
        "申请号 {number} 在第 {first_row} 行已出现且内容不同；以第一行为准，本行未导入",
        ("Application number {number} already appears in row {first_row} with different facts; "
         "the first row was kept, this one was not imported"),
    ),
    "TYPE_CONFLICT": (
        "类型“{value}”与申请号 {number} 的类型位（{kind}）不符；以申请号为准",
        "Type “{value}” contradicts the kind digit of {number} ({kind}); the number was followed",
    ),
    "TYPE_UNREADABLE": ("无法识别的专利类型：{value}；以申请号为准", "Unknown patent type “{value}”; the number was followed"),
    "STATUS_UNREADABLE": ("无法识别的法律状态：{value}；未修改", "Unknown legal status “{value}”; left as it was"),
    "FILING_YEAR_MISMATCH": (
        "申请日 {date} 与申请号 {number} 的年份不一致",
        "Filing date {date} does not match the year in application number {number}",
    ),
    "IMPORT_CANCELLED": ("导入已取消，数据库未改动", "Import cancelled; nothing was changed"),
}

# the imported facts named in messages, in the reader's words (title, description and the contacts are named
# by the declarations' and the core messages)
TERMS = {
    "patent_type": ("专利类型", "the type"), "filing_date": ("申请日", "the filing date"),
    "grant_date": ("授权公告日", "the grant date"), "status": ("法律状态", "the legal status"),
    "patentees": ("专利权人", "the patentees"), "inventors": ("发明人", "the inventors"),
    "fees_paid_until": ("年费缴至", "fees paid until"), "ipc": ("主分类号", "the IPC"),
    "department": ("院系", "the department"), "industry": ("行业", "the industry"),
}
