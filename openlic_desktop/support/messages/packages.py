"""Messages for bureau profiles, information tables, letters, packages, e-mail, batches, submissions, withdrawals."""

MESSAGES = {
    "PROFILE_INVALID": ("配置文件 {file} 有误：{reason}", "The profile file {file} is invalid: {reason}"),
    "PROFILE_UNKNOWN": ("未知的报送配置 {profile}；已有：{known}", "Unknown bureau profile {profile}; known: {known}"),
    "TEMPLATE_UNREADABLE": ("无法读取表格模板 {path}：{reason}", "Cannot read the table template {path}: {reason}"),
    "TEMPLATE_NO_HEADER": (
        "表格模板 {path} 中找不到表头行（没有可识别的列名）",
        "No header row found in the table template {path} (no column names recognised)",
    ),
    "NOTHING_TO_EXPORT": ("没有可报送的专利（全部存在阻断问题或未选择）",
                          "No patent can be exported (all have blockers, or none was chosen)"),
    "EXPORT_CANCELLED": ("已取消，未生成任何文件", "Cancelled; no file was written"),
    "PACKAGE_NAME_INVALID": ("文件名无效：{name}", "Not a usable file name: {name}"),
    "PACKAGE_DUPLICATE_ENTRY": ("压缩包中文件名重复：{name}", "Two files in the package have the name {name}"),
    "ATTACHMENT_CHANGED": (
        "附件 {name} 的内容与登记的校验值不符，已停止打包",
        "The attachment {name} no longer matches its recorded checksum; the package was not built",
    ),
    "EMAIL_HEADER_INVALID": ("邮件字段 {field} 含非法字符或格式错误：{value}",
                             "The e-mail field {field} is malformed or contains line breaks: {value}"),
    "EMAIL_RECIPIENT_MISSING": ("报送配置 {profile} 没有收件邮箱，无法发送；邮件草稿的收件人留空，请填写后发送，"
                                "或在配置 {path} 中填写 email",
                                "The profile {profile} has no recipient e-mail, so nothing can be sent; the drafts "
                                "leave To empty for you to fill in, or fill in email in {path}"),
    "EMAIL_SENDER_MISSING": ("未设置本单位邮箱（设置 → 单位信息 → 电子邮箱）",
                             "The office e-mail is not set (Settings → Office → e-mail)"),
    "ATTACHMENT_TOO_LARGE": (
        "文件 {name}（{size_mb} MB）单独已超过邮件大小上限 {limit_mb} MB，请另行报送",
        "The file {name} ({size_mb} MB) alone exceeds the e-mail limit of {limit_mb} MB; send it another way",
    ),
    "SMTP_NOT_CONFIGURED": ("未配置发信服务器（SMTP）", "No outgoing mail server (SMTP) is configured"),
    "SMTP_PASSWORD_MISSING": ("系统钥匙串中没有 {user}@{host} 的密码",
                              "No password for {user}@{host} in the system keyring"),
    "SMTP_FAILED": ("发送失败：{reason}", "Sending failed: {reason}"),
    "BATCH_NOT_FOUND": ("找不到申报批次 {value}", "No submission batch {value}"),
    "BATCH_NAME_TAKEN": ("申报批次名称 {name} 已存在", "A batch named {name} already exists"),
    "SUBMISSION_NOT_FOUND": ("找不到报送记录 {value}", "No submission {value}"),
    "SUBMISSION_PUBLISHED_ON_UNPUBLISHED": ("只有标记为“已公开”的报送记录才能填写公开日：{value}",
                                            "Only a submission marked published has a publication date: {value}"),
    "SUBMISSION_PUBLISHED_ON_AHEAD": ("公开日 {value} 晚于今天", "The publication date {value} is after today"),
    "SUBMISSION_PUBLISHED_BEFORE_SENT": ("公开日 {value} 早于报送日期 {sent}",
                                         "The publication date {value} is before the submission's date {sent}"),
    "SUBMISSION_BAD_STATUS": ("报送状态不能从“{old}”改为“{new}”", "A submission cannot go from {old} to {new}"),
    "WITHDRAWAL_CONSENT_MISSING": (
        "专利 {number} 撤回开放许可须经全体共有人书面同意撤回（许可时的同意不能代替），缺少：{owners}",
        "Withdrawing {number} needs every co-owner's written consent to the withdrawal (consent to offer is not "
        "enough); missing: {owners}",
    ),
    "WITHDRAWAL_NOT_A_PATENTEE": ("{owner} 不是专利 {number} 的专利权人", "{owner} is not a patentee of {number}"),
    "WITHDRAWAL_REASON_MISSING": ("请写明撤回原因", "Give the reason for the withdrawal"),
    "OFFER_WITHDRAWN": ("专利 {number} 的开放许可已于 {date} 撤回；重新实行开放许可前不再报送",
                        "The offer of {number} was withdrawn on {date}; it is not exported until offered again"),
    "OFFER_TRANSFERRED": ("专利 {number} 已于 {date} 转让（受让人：{party}），开放许可已撤回，不再报送",
                          "Patent {number} was transferred on {date} ({party}); its offer was withdrawn"),
    "SEALED_LETTER_MISSING": (
        "承诺函（{owners}）尚无盖章扫描件：请将盖章后的承诺函扫描件作为“盖章承诺函”附件添加到其中任一专利",
        "No sealed scan of the commitment letter of {owners}: attach the sealed scan (sealed-commitment) to one of "
        "its patents",
    ),
    "TEMPLATE_COLUMNS_UNMAPPED": ("空白模板中以下列无法对应到本软件的字段，已留空：{columns}",
                                  "These columns of the blank template match none of our fields and were left "
                                  "empty: {columns}"),
    "TEMPLATE_ACTIVE_CONTENT_REMOVED": ("空白模板中的公式、链接等活动内容未保留在填好的表格中：{items}",
                                        "Formulas, links and other active content of the blank template were not "
                                        "kept in the filled table: {items}"),
    "CONTRACT_SAMPLE_SKIPPED": ("没有已定价的专利，材料包未附合同样本",
                                "No patent is priced, so the package has no contract sample"),
    "FEE_NOTE_UNFINISHED": ("专利 {number} 的许可使用费估算说明仍有“（待补充）”之处，报送前请补全",
                            ("The fee-estimation note of {number} still says （待补充） (to be written): complete "
                             "it before sending")),
    "FEE_NOTE_TERMS_CHANGED": ("专利 {number} 的许可使用费估算说明所述的许可条件与当前定价不符（起草后许可使用费已修改），报送前请重新起草",
                               ("The fee-estimation note of {number} states other terms than the current pricing "
                                "(the price changed after it was drafted): redraft it before sending")),
    "LETTER_OUT_NOT_DOCX": ("承诺函应保存为 .docx 文件或文件夹：{path}", "The letter goes to a .docx file or a folder: {path}"),
    "WITHDRAWAL_NOT_PUBLISHED": ("专利 {number} 未在本批次的已报送记录中，无需撤回",
                                 "Patent {number} was not submitted in this batch; nothing to withdraw"),
}

# a submission's status in the words the window shows (gui/words.py SUBMISSION_STATUSES and its translation)
SUBMISSION_STATUS_WORDS = {
    "draft": ("起草", "draft"),
    "sent": ("已报送", "sent"),
    "acknowledged": ("已受理", "acknowledged"),
    "returned": ("退回修改", "returned for changes"),
    "published": ("已公开", "published"),
}


def submission_status_params(**statuses: str) -> dict[str, str]:
    """`old="draft"` → `old="起草", old_en="draft"`: a status as a message parameter, in both languages."""
    params: dict[str, str] = {}
    for name, status in statuses.items():
        zh, en = SUBMISSION_STATUS_WORDS.get(status, (status, status))
        params[name], params[f"{name}_en"] = zh, en
    return params
