"""Messages for the batch steps: pricing until expiry, evidence from a folder, consents by co-owner, what is left."""

MESSAGES = {
    # readiness: a report attached without its details (attach-dir could not read them)
    "EVALUATION_REPORT_DETAILS_MISSING": (
        ("评价报告 {name} 尚未登记{missing}；请补录（openlic attach 专利号 文件 --kind evaluation-report "
         "--conclusion … --report-no … --date …，或在专利的“报告与附件”中填写）"),
        ("The report {name} has no recorded {missing}; fill it in (openlic attach NUMBER FILE --kind "
         "evaluation-report --conclusion … --report-no … --date …, or in the patent's reports tab)")),
    # price --until-expiry
    "EXPIRY_UNKNOWN": ("未记录专利有效期，无法按“至有效期届满”计算许可期限，未设置",
                       "The last day in force is unknown, so no term can run until expiry; nothing was set"),
    "EXPIRY_TOO_CLOSE": ("专利有效期不足一个月，无法设置许可期限，未设置",
                         "Less than a month of the patent's term is left; no licence term fits, nothing was set"),
    # consents by co-owner
    "CONSENT_LETTER_NOT_PRICED": ("专利 {value} 尚未设置许可使用费条款，同意书以报送的许可信息为准，不能列入",
                                  "{value} has no licence fee terms yet: the letter agrees to the terms as filed, so "
                                  "it cannot list it"),
    "CONSENT_LETTER_NOTHING_PRICED": ("{owner} 共有的 {count} 件专利均未设置许可使用费条款，未起草同意书",
                                      "None of the {count} patents {owner} co-owns has licence fee terms yet; no "
                                      "letter was drafted"),
    "OWNER_NOT_CO_OWNER": ("{owner} 不是任何专利的共有人（与本单位共有）；相近的名称：{known}",
                           "{owner} co-owns no patent with the office; names close to it: {known}"),
    "ATTACHMENT_CHANGED_SINCE_PREVIEW": ("文件 {name} 在预览后被改动，未添加任何文件；请重新预览",
                                         "{name} changed after the preview; nothing was attached — preview again"),
    # attach-dir
    "FOLDER_NOT_FOUND": ("找不到文件夹：{path}", "No such folder: {path}"),
    "FOLDER_TOO_MANY_FILES": ("文件夹 {folder} 中的文件超过 {limit} 个，请选择存放证明材料的文件夹",
                              "The folder {folder} holds more than {limit} files; choose the folder of the evidence"),
    "EVIDENCE_NO_NUMBER": ("文件名和首页文字中都没有找到本库专利的申请号或专利号",
                           "Neither the file name nor the first page names a patent of this database"),
    "EVIDENCE_NUMBER_UNKNOWN": ("找到的号码不在本库中：{numbers}", "Numbers found that are not in this database: {numbers}"),
    # what is left for a batch: one line per group
    "LEFT_HEAD": ("申报批次 {batch}（{profile}）：{total} 件，已就绪 {ready} 件",
                  "Batch {batch} ({profile}): {total} patents, {ready} ready"),
    "LEFT_NOTHING": ("没有待办事项，可以导出材料包", "Nothing left: the package can be exported"),
    "LEFT_office_contact": ("{count} 件缺少联系方式 → 填写本单位联系人（所有专利共用）",
                            "{count} lack contact details → fill in the office contact (for every patent)"),
    "LEFT_attach_reports": ("{count} 件缺少专利权评价报告 → 按文件夹添加报告",
                            "{count} lack an evaluation report → attach the folder of reports"),
    "LEFT_report_details": ("{count} 件评价报告未登记结论或编号 → 补录报告信息",
                            "{count} reports lack their conclusion or number → fill in the report details"),
    "LEFT_consent": ("{count} 件缺少 {owner} 的共有人同意 → 记录 {owner} 的同意（全部共有专利）",
                     "{count} lack the consent of {owner} → record {owner}'s consent for all its patents"),
    "LEFT_patentee_ids": ("{count} 件缺少专利权人 {owner} 的统一社会信用代码或身份证件号码 → 在专利权人名录中填写 {owner} 的证件号码",
                          "{count} lack the identity number of the patentee {owner} → fill in {owner}'s number in the "
                          "patentee book"),
    "LEFT_price": ("{count} 件许可使用费未定或不符合要求 → 批量定价",
                   "{count} have no fee terms or terms that break a rule → price them in one step"),
    "LEFT_fee_note": ("{count} 件没有许可使用费估算说明（本报送配置要求提供）→ 批量撰写估算说明",
                      "{count} have no fee-estimation note (this profile wants one) → write the notes in one step"),
    "LEFT_commit": ("{count} 件承诺事项未全部确认 → 确认全部承诺事项",
                    "{count} have unconfirmed commitments → confirm all commitments"),
    # the list named as the patent's declaration tab and side panel name it (the declaration's six promises and a
    # pilot listing's commitments are different lists)
    "LEFT_commit.statutory": ("{count} 件开放许可声明承诺事项未全部确认 → 确认全部承诺事项",
                              "{count} have unconfirmed promises of the open-licence declaration → confirm all "
                              "commitments"),
    "LEFT_commit.pilot": ("{count} 件试点承诺事项未全部确认 → 确认全部承诺事项",
                          "{count} have unconfirmed commitments of the pilot listing → confirm all commitments"),
    "LEFT_signoff": ("{count} 件待{role}签核 → 作为{role}签核", "{count} await the {role}'s sign-off → sign off as {role}"),
    "LEFT_obstacle": ("{count} 件存在批量步骤无法消除的障碍（{codes}）→ 逐件处理或移出批次",
                      "{count} have obstacles no batch step clears ({codes}) → open them, or take them out"),
    "FEE_NOTES_MISSING": (
        ("本报送配置要求附许可使用费估算说明，其中 {count} 件尚未撰写（{first} 等），材料包将不含这些说明；"
         "可用 openlic fee-note 批量撰写"),
        ("This profile wants fee-estimation notes; {count} patents have none yet ({first} …) and the package will "
         "go without them — write them in one step with openlic fee-note")),
    "PRICE_SUMMARY": ("已设置 {changed} 件，无变化 {unchanged} 件，需处理 {flagged} 件，未设置 {skipped} 件",
                      "Set: {changed}; unchanged: {unchanged}; to look at: {flagged}; not set: {skipped}"),
}

TERMS = {
    "preparer": ("经办人", "preparer"), "reviewer": ("复核人", "reviewer"),
    "report_no": ("报告编号", "report number"), "report_date": ("报告日期", "report date"),
    "conclusion": ("结论", "conclusion"),
}
