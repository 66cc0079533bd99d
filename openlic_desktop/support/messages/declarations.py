"""Messages of the statutory regime: its findings, the declaration's refusals, fees and the fee-estimation note."""

MESSAGES = {
    # findings of `check --regime statutory`
    "FEE_UNPAID": ("年费未按规定缴纳（{state}；应缴日 {due}，宽限期至 {grace_end}），不能提出开放许可声明",
                   ("Annual fee not paid as required ({state}; due {due}, grace period until {grace_end}): no "
                   "declaration can be made")),
    "OTHER_OBSTACLE": ("存在妨碍专利有效实施的其他情形：{note}", "Another situation obstructs exploitation: {note}"),
    "EVALUATION_REPORT_REQUIRED": ("实用新型、外观设计专利须附结论为符合授予专利权条件的专利权评价报告（检索分析报告不能替代）",
                                   ("A utility model or design needs an evaluation report concluding that the grant "
                                   "conditions are met (a search report does not count)")),
    "TERRITORY_NOT_NATIONWIDE": ("许可地域须为中国境内（现为：{territory}）",
                                 "The licence must cover all of China (now: {territory})"),
    "PROMOTIONAL_WORDING": ("{fields}中含有商业性宣传用语：{words}",
                            "Commercial promotional wording in {fields}: {words}"),
    "FEE_NOTE_MISSING": ("缺少许可使用费估算依据和方法说明", "The fee-estimation note is missing"),
    "FEE_NOTE_CONTRADICTS_TERMS": (
        "许可使用费估算说明所述的{parts}与当前的许可条件不符（估算说明起草后许可使用费已修改），请重新起草或修改估算说明",
        ("The fee-estimation note states another {parts} than the current terms (the pricing changed after the "
         "note was drafted): redraft or edit the note")),
    "PATENTEE_ID_MISSING": ("专利权人名录中缺少以下专利权人的统一社会信用代码或身份证件号码：{names}",
                            "The patentee book has no USCC or ID document number for: {names}"),
    "PATENTEE_CONSENT_MISSING": ("缺少专利权人的书面同意：{owners}", "Written consent missing from patentee(s): {owners}"),
    # refusals on declarations
    "DECLARATION_NOT_FOUND": ("专利 {value} 没有开放许可声明", "Patent {value} has no open-licence declaration"),
    "DECLARATION_NOT_SIGNED": ("开放许可声明当前为{state}：只有经经办人和复核人签核、尚未提交的声明才能登记为已提交",
                               ("The declaration is {state}: only one signed off by preparer and reviewer and not yet "
                               "filed can be marked filed")),
    "DECLARATION_NOT_FILED": ("开放许可声明当前为{state}：只有已提交的声明才能登记公告",
                              "The declaration is {state}: only a filed declaration can be marked announced"),
    "DECLARATION_NOT_ANNOUNCED": ("开放许可声明当前为{state}：只有已公告的声明才能申请撤回",
                                  "The declaration is {state}: only an announced declaration can be withdrawn"),
    "DECLARATION_WITHDRAWAL_NOT_FILED": ("开放许可声明当前为{state}：须先登记已申请撤回，才能登记撤回公告",
                                         ("The declaration is {state}: record the withdrawal as filed before its "
                                         "announcement")),
    "DECLARATION_IN_FORCE": (("专利 {value} 的开放许可声明{state}：声明期间不得给予独占许可或排他许可，条件也不能原地修改，"
                             "如需变更请先撤回"),
                             ("Patent {value} has a declaration that is {state}: no exclusive or sole licence may be "
                             "given meanwhile and its terms cannot change in place; withdraw it first")),
    "DECLARATION_FROZEN": ("开放许可声明已提交（当前：{state}），内容不能再修改；如需变更，请撤回后重新声明",
                           ("The declaration is {state}: its content is frozen; withdraw it and declare anew to "
                           "change it")),
    "DECLARATION_TERMS_FROZEN": (("专利 {numbers} 的开放许可声明已提交，许可使用费等条件以声明为准，不能在此修改；"
                                  "如需变更，请撤回声明后重新声明"),
                                 ("The declaration of {numbers} is filed: its terms are those declared and cannot "
                                  "change here; withdraw it and declare anew")),
    "DECLARATION_BLOCKED": (("记录的情形与声明内容不符，不能登记为已提交：{facts}。确需登记的，请说明理由"
                             "（命令行 --override-blockers 理由），理由将记入审计记录（{codes}）"),
                            ("Recorded facts contradict the declaration, so it cannot be marked filed: {facts}. To "
                             "record it anyway, give a reason (--override-blockers REASON); it is kept in the audit "
                             "trail ({codes})")),
    "DECLARATION_NOT_READY": ("尚有 {count} 项须先解决，不能{action}：{facts}（{codes}）",
                              "{count} matter(s) to put right first, cannot {action}: {facts} ({codes})"),
    "DECLARATION_CONSENT_MISSING": ("撤回须取得全体专利权人书面同意，缺少：{owners}",
                                    "Withdrawal needs every patentee's written consent; missing: {owners}"),
    "DECLARATION_BAD_ROUTE": ("提交途径须为 cnipa-online（专利业务办理系统）或 via-bureau（经地方知识产权局）",
                              "The route must be cnipa-online or via-bureau"),
    "DECLARATION_DATE_FUTURE": ("日期 {date} 晚于今天，不能登记", "{date} is in the future; it cannot be recorded"),
    "DECLARATION_DATE_ORDER": ("日期 {date} 早于{step}日期 {before}", "{date} is before the {step} date {before}"),
    "DECLARATION_FIELD_UNKNOWN": ("未知的声明字段：{field}（可用：{known}）",
                                  "Unknown declaration field: {field} (known: {known})"),
    "DECLARATION_REASON_MISSING": ("撤回须说明理由", "A withdrawal needs a reason"),
    "DECLARATION_NOTHING_SELECTED": ("没有指定专利（给出专利号，或 --from-batch / --state）",
                                     "No patents given (numbers, --from-batch or --state)"),
    "DECLARATION_REFUSED": ("{count} 件专利被拒绝，未作任何更改", "{count} patent(s) refused; nothing was changed"),
    "EXPORT_STATUTORY_PROFILE": (("配置 {profile} 用于向国家知识产权局提出开放许可声明：请用“开放许可声明”窗口或 "
                                 "openlic declaration export 生成声明材料"),
                                 ("Profile {profile} is for declarations to CNIPA: use the Declarations view or "
                                 "openlic declaration export")),
    "REGIME_PROFILE_MISMATCH": ("配置 {profile} 不适用于{regime}制度", "Profile {profile} is not for the {regime} regime"),
    # CNIPA's published list
    "ANNOUNCE_NO_COLUMNS": ("{path} 中找不到专利号和公告日两列", "{path} has no patent-number and announcement-date columns"),
    "ANNOUNCE_NOT_IN_PORTFOLIO": ("专利 {value} 不在本单位的专利组合中", "Patent {value} is not in this portfolio"),
    "ANNOUNCE_NOT_DECLARED": ("专利 {value} 没有已提交的开放许可声明", "Patent {value} has no filed declaration"),
    "ANNOUNCE_STATE": ("专利 {value} 的开放许可声明{state}，不能按此行登记", ("Patent {value}'s declaration is {state}; "
                                                              "this row cannot be recorded")),
    "ANNOUNCE_DUPLICATE": ("专利 {value} 在表中重复出现（首次在第 {first} 行）",
                           "Patent {value} appears again (first on row {first})"),
    "ANNOUNCE_DATE_MISSING": ("缺少公告日或日期无法识别：{value}", "Announcement date missing or unreadable: {value}"),
    # annual fees
    "FEES_LAPSED": ("专利 {value} 第{year}年度年费应在 {due} 前缴纳，滞纳期已于 {grace_end} 届满：该专利权已自 {due} 起终止，"
                    "没有可以缴纳的年费",
                    "The year {year} fee of {value} was due before {due} and its grace period ended on {grace_end}: "
                    "the patent lapsed from {due}; no annual fee can be paid"),
    "FEES_NOT_KNOWN": ("专利 {value} 未记录申请日或年费缴至日期，无法列出应缴年费",
                       "Patent {value} has no filing date or fees-paid date: the fees ahead are unknown"),
    "FEE_REDUCTION_BAD": ("费减比例须大于0且不超过100：{value}", "A fee reduction must be above 0 and at most 100: {value}"),
    "FEE_REDUCTION_NOT_FOUND": ("找不到费减记录 {value}", "No fee reduction {value}"),
    # the fee-estimation note in bulk
    "FEE_NOTE_NO_PRICING": ("尚未设置许可使用费，无法起草估算说明", "No pricing yet: the note cannot be drafted"),
    "FEE_NOTE_KEPT": ("已有估算说明，未覆盖（如需重新起草请加 --replace）",
                      "A note exists and was kept (add --replace to draft it again)"),
}

# parameter values shown in words: the declaration's states, a fee position, and the fields checked for wording
TERMS = {
    "decl_draft": ("草稿", "a draft"), "decl_signed": ("已签核", "signed off"), "decl_filed": ("已提交", "filed"),
    "decl_announced": ("已公告", "announced"), "decl_withdrawal_filed": ("已申请撤回", "withdrawal filed"),
    "decl_withdrawn": ("已撤回", "withdrawn"), "decl_none": ("尚未起草", "not prepared"),
    "fee_in_grace": ("处于滞纳期", "in its grace period"), "fee_not_recorded": ("未记录缴费情况", "not recorded"),
    "title": ("专利名称", "the title"), "description": ("技术简介", "the description"),
    "other_terms": ("其他需要明确的事项", "the other terms"),
    "regime_statutory": ("开放许可声明", "statutory"), "regime_pilot": ("试点", "pilot"),
    "act_file": ("登记为已提交", "mark it filed"), "act_export": ("生成声明材料", "draft its documents"),
    "step_filed": ("提交", "filing"), "step_announced": ("公告", "announcement"),
    "step_withdrawal_filed": ("申请撤回", "withdrawal"),
}
