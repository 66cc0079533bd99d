"""Messages for identifiers, databases and general input."""

MESSAGES = {
    # identifiers
    "NUMBER_MISSING": ("缺少申请号", "The application number is missing"),
    "NUMBER_UNREADABLE": ("无法识别的申请号：{value}", "Not an application number: {value}"),
    "BAD_CHECK_DIGIT": (
        "申请号 {value} 的校验位应为 {expected}，不是 {given}",
        "Application number {value}: the check character should be {expected}, not {given}",
    ),
    "PUBLICATION_NUMBER": (
        "{value} 是公开（公告）号，不是申请号；请填写申请号",
        "{value} is a publication number, not an application number; give the application number",
    ),
    "UNKNOWN_KIND_DIGIT": (
        "申请号 {value} 的类型位 {digit} 不是已知的专利类型",
        "Application number {value}: kind digit {digit} is not a known patent type",
    ),
    "USCC_INVALID": (
        "统一社会信用代码 {value} 无效：{reason}{detail}",
        "Unified social credit code {value} is invalid: {reason}{detail}",
    ),
    # database
    "DB_NOT_SQLITE": (
        "{path} 不是 SQLite 数据库文件，文件未被改动",
        "{path} is not an SQLite database; the file was left untouched",
    ),
    "DB_READ_ONLY": (
        "数据库文件 {path} 是只读的，无法打开进行编辑，文件未被改动",
        "The database file {path} is read-only and cannot be opened for editing; it was left untouched",
    ),
    "DB_TOO_NEW": (
        "数据库 {path} 由更新版本的 OpenLic Desktop 创建（结构版本 {revision}），请升级软件；文件未被改动",
        "The database {path} was made by a newer OpenLic Desktop (schema {revision}); please upgrade. "
        "The file was left untouched",
    ),
    "DB_PASSWORD_MISSING": (
        "数据库服务器 {location} 的密码未保存在本机系统钥匙串中：请在地址中带上密码重新打开一次（密码只保存在钥匙串中）",
        "The password of the database server {location} is not kept in this computer's keyring: open it once with "
        "the password in the address (it is kept in the keyring only)",
    ),
    "DB_UNREADABLE": (
        "无法打开数据库 {path}：{reason}",
        "Cannot open the database {path}: {reason}",
    ),
    "DB_NOT_EMPTY": (
        "数据库中已有 {count} 件专利；如需覆盖请加 --force",
        "The database already holds {count} patents; add --force to replace them",
    ),
    "DEMO_CANCELLED": ("演示组合未载入，数据库未改动", "Demo cancelled; the database was not changed"),
    # lookups and arguments
    "PATENT_NOT_FOUND": ("找不到专利 {value}", "No patent {value} in this database"),
    "PATENT_EXISTS": ("专利 {value} 已在数据库中", "Patent {value} is already in this database"),
    "PATENT_HAS_RECORDS": ("专利 {value} 已有后续记录（{records}），不能删除；请先删除这些记录",
                           "Patent {value} has records that refer to it ({records}); delete those first"),
    "BAD_ARGUMENT": ("参数错误：{reason}", "Bad argument: {reason}"),
    # argparse's own refusals (cli/argument_errors.py)
    "BAD_ARGUMENT.unrecognized": ("参数错误：无法识别的参数 {args}", "Bad argument: unrecognized arguments: {args}"),
    "BAD_ARGUMENT.required": ("参数错误：缺少必需的参数 {args}",
                              "Bad argument: the following arguments are required: {args}"),
    "BAD_ARGUMENT.one_of": ("参数错误：{args} 中须给出一个", "Bad argument: one of the arguments {args} is required"),
    "BAD_ARGUMENT.choice": ("参数错误：{arg} 不能取 {value}，可选 {choices}",
                            "Bad argument: {arg}: invalid choice: {value} (choose from {choices})"),
    "BAD_ARGUMENT.one_value": ("参数错误：{arg} 后须跟一个值", "Bad argument: {arg}: expected one argument"),
    "BAD_ARGUMENT.values": ("参数错误：{arg} 后须跟至少一个值", "Bad argument: {arg}: expected at least one argument"),
    "BAD_ARGUMENT.together": ("参数错误：{arg} 不能与 {other} 同时使用",
                              "Bad argument: {arg}: not allowed with argument {other}"),
    "BAD_ARGUMENT.value": ("参数错误：{arg} 的值无效：{value}", "Bad argument: {arg}: invalid value: {value}"),
    "BAD_ARGUMENT.ambiguous": ("参数错误：选项 {option} 有歧义，可能是 {matches}",
                               "Bad argument: ambiguous option: {option} could match {matches}"),
    "BAD_DATE": ("无法识别的日期：{value}", "Not a date: {value}"),
    "TYPE_NOT_NUMBER_KIND": (
        "申请号 {number} 的类型码表示{kind}：专利类型以申请号为准，无法改为其他类型",
        "The kind digit of {number} says {kind}: the type follows the number and cannot be changed",
    ),
    "FILE_NOT_FOUND": ("找不到文件：{path}", "File not found: {path}"),
}

# parameter values that are names of fields, shown in the reader's words
TERMS = {
    "mode": ("付费方式", "payment mode"), "amount": ("金额", "amount"), "entry_fee": ("入门费", "entry fee"),
    "rate": ("提成比例", "royalty rate"), "base": ("提成基数", "royalty base"),
    "term_months": ("许可期限", "licence term"), "trial_months": ("试用期", "trial period"),
    "free_months": ("免费期", "free period"),
    "contact_person": ("联系人", "contact person"), "contact_phone": ("联系电话", "contact phone"),
    "contact_email": ("电子邮箱", "contact e-mail"),
    # the records that refer to a patent (PATENT_HAS_RECORDS)
    "pricing_terms": ("许可使用费", "pricing"), "pricing_fee_notes": ("估算说明", "fee-estimation note"),
    "encumbrances": ("权利负担", "encumbrances"), "attachments": ("附件", "attachments"),
    "coowner_consents": ("共有人同意", "co-owner consents"),
    "commitment_confirmations": ("承诺确认", "commitment confirmations"), "signoffs": ("签核", "sign-offs"),
    "licences": ("已达成的许可", "licences reached"), "batch_patents": ("申报批次", "batch membership"),
    "submission_patents": ("报送记录", "packages submitted"), "declarations": ("开放许可声明", "declarations"),
    "fee_reductions": ("年费减缴", "annual-fee reductions"),
    "offer_withdrawals": ("撤回开放许可", "offers withdrawn"),
    "withdrawal_consents": ("同意撤回", "consents to withdraw"),
    # the facts of a patent (`openlic set`, changed fields)
    "patent_type": ("专利类型", "patent type"), "status": ("法律状态", "legal status"),
    "patentees": ("专利权人", "patentees"), "inventors": ("发明人", "inventors"),
    "filing_date": ("申请日", "filing date"), "grant_date": ("授权公告日", "grant date"),
    "fees_paid_until": ("年费缴至", "fees paid until"), "ipc": ("主分类号", "IPC class"),
    "department": ("院系", "department"), "industry": ("行业", "industry"),
    # why a unified social credit code is refused (USCC_INVALID {reason}{detail})
    "uscc_length": ("应为18位", "it must have 18 characters"),
    "uscc_character": ("含有不允许的字符 ", "it holds a character not allowed: "),
    "uscc_check": ("校验位应为 ", "the check character should be "),
    # statuses named in a message
    "in_force": ("有效", "in force"), "pending": ("审中", "pending"), "lapsed": ("失效", "lapsed"),
    "expired": ("届满", "expired"), "unknown": ("未知", "unknown"),
    "invention": ("发明", "an invention"), "utility_model": ("实用新型", "a utility model"),
    "design": ("外观设计", "a design"),
}
