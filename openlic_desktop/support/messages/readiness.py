"""Messages for readiness findings (issue 4), attachments, consents, commitments, sign-off and the audit trail."""

MESSAGES = {
    # findings
    "NOT_GRANTED": ("专利尚未授权（状态：{status}），不能开放许可", "Not granted yet (status: {status}); cannot be offered"),
    "EXPIRED": ("专利已于 {expiry} 届满", "The patent expired ({expiry})"),
    "LAPSED": ("专利已失效（年费应缴日 {due}，宽限期至 {grace_end}）",
               "The patent has lapsed (fee due {due}, grace period ended {grace_end})"),
    "LAPSED.recorded": ("专利已失效（法律状态记录为失效）", "The patent has lapsed (its recorded legal status)"),
    "FEE_IN_GRACE": ("年费已于 {due} 到期未缴，须在 {grace_end} 前补缴（滞纳金 {surcharge}%）",
                     "The annual fee due {due} is unpaid; pay by {grace_end} (surcharge {surcharge}%)"),
    "FEES_UNKNOWN": ("未记录年费缴至日期", "No record of the annual fees paid"),
    "EXCLUSIVE_LICENCE": ("许可期限内存在{kind}（{party}，至 {end}）",
                          "A licence in force during the intended term: {kind} ({party}, until {end})"),
    "PLEDGE_WITHOUT_CONSENT": ("专利已质押（质权人 {party}，登记号 {registration_no}），未取得质权人书面同意",
                               ("Pledged to {party} (registration {registration_no}) without the pledgee's "
                                "written consent")),
    "SUSPENDED": ("存在{kind}，程序中止或被保全（{party}）", "Suspended by {kind} ({party})"),
    "TRANSFERRED": ("专利已转让（受让人 {party}，{date}）", "The patent was transferred ({party}, {date})"),
    "EVALUATION_REPORT_MISSING": ("实用新型/外观设计缺少专利权评价报告",
                                  "Utility model or design without a patent evaluation report"),
    "EVALUATION_REPORT_UNFAVOURABLE": ("专利权评价报告（{report_no}）结论为存在缺陷（权利要求 {claims}）",
                                       "The evaluation report ({report_no}) found defects (claims {claims})"),
    "COOWNER_CONSENT_MISSING": ("缺少共有人书面同意：{owners}", "Written consent missing from co-owner(s): {owners}"),
    "COMMITMENTS_INCOMPLETE": ("承诺事项尚未全部确认（还有 {count} 项）",
                               "Commitments not yet confirmed ({count} left)"),
    # the promises left, in the profile's words (never their codes), saying which list they are counted on: the
    # declaration's promises (statutory) and a pilot listing's commitments are different lists
    "COMMITMENTS_INCOMPLETE.statutory": ("开放许可声明承诺事项尚有 {count} 项未确认：{names}",
                                         "{count} promise(s) of the open-licence declaration not yet confirmed: "
                                         "{names}"),
    "COMMITMENTS_INCOMPLETE.pilot": ("试点承诺事项尚有 {count} 项未确认：{names}",
                                     "{count} commitment(s) of the pilot listing not yet confirmed: {names}"),
    "NOT_SIGNED_OFF": ("尚未签核：{roles}", "Not signed off by: {roles}"),
    "SIGNOFF_STALE": ("签核后信息已改变，需重新签核（{roles}：{users}）",
                      "Changed since it was signed off; sign off again ({roles}: {users})"),
    "CONTACT_MISSING": ("缺少联系方式：{fields}（填写本单位信息中的联系人、电话或邮箱即可用于全部专利："
                        "工具 → 本单位信息…，或 openlic office set contact=… phone=…）",
                        "Contact details missing: {fields} (the office contact fills them for every patent: "
                        "Tools → Office details…, or openlic office set contact=… phone=…)"),
    "STORED_FILE_MISSING": ("附件 {name} 在存储中丢失（{sha256}）", "Attachment {name} is missing from the store ({sha256})"),
    "STORED_FILE_CHANGED": ("附件 {name} 的内容已被改动（{sha256}）", "Attachment {name} was changed on disk ({sha256})"),
    # refusals
    "ATTACHMENT_TYPE": ("文件 {name} 不是 PDF、OFD、JPEG 或 PNG 文件", "{name} is not a PDF, OFD, JPEG or PNG file"),
    "ATTACHMENT_NAME_MISMATCH": ("文件 {name} 的内容是 {actual}，与扩展名不符",
                                 "{name} holds a {actual} file, not what its name says"),
    "ATTACHMENT_OVERSIZE": ("文件 {name} 太大（{size_mb} MB，上限 {limit_mb} MB）",
                             "{name} is too large ({size_mb} MB; the limit is {limit_mb} MB)"),
    "ATTACHMENT_EMPTY": ("文件 {name} 是空的", "{name} is empty"),
    "ATTACHMENT_UNREADABLE": ("无法读取文件 {name}：{reason}", "Cannot read {name}: {reason}"),
    "ATTACHMENT_NOT_FOUND": ("找不到附件 {value}", "No attachment {value}"),
    "REPORT_CONCLUSION_REQUIRED": ("报告须注明结论：未发现缺陷，或存在缺陷",
                                   "A report needs its conclusion: favourable or unfavourable"),
    "BAD_ENCUMBRANCE": ("权利负担无效：{reason}", "Invalid encumbrance: {reason}"),
    "CONSENT_NOT_COOWNER": ("{owner} 不是专利 {number} 的专利权人（专利权人：{patentees}）",
                            "{owner} is not a patentee of {number} (patentees: {patentees})"),
    "UNKNOWN_COMMITMENT": ("未知承诺事项 {item}；可选：{known}", "Unknown commitment {item}; known: {known}"),
    "SIGNOFF_BAD_ROLE": ("签核角色须为经办人或复核人", "The role must be preparer or reviewer"),
    "SIGNOFF_NOT_STAFF": ("{user} 不在人员名单中，或不是名单中的{role}", "{user} is not on the staff list as {role}"),
    "SIGNOFF_SAME_PERSON": ("{user} 已作为经办人签核，本配置要求由另一人复核",
                            "{user} signed as preparer; this profile needs a different reviewer"),
    "SIGNOFF_NEEDS_PREPARER": ("须先由经办人签核当前信息，再由复核人签核",
                               "The preparer must sign off the current facts before the reviewer"),
    "SIGNOFF_COMMITMENTS": ("承诺事项尚未全部确认（还有 {count} 项），不能签核",
                            "Commitments not confirmed ({count} left); cannot sign off"),
    "SIGNOFF_COMMITMENTS.statutory": ("开放许可声明承诺事项尚有 {count} 项未确认，不能签核：{names}",
                                      ("{count} promise(s) of the open-licence declaration not confirmed; cannot "
                                       "sign off: {names}")),
    "SIGNOFF_COMMITMENTS.pilot": ("试点承诺事项尚有 {count} 项未确认，不能签核：{names}",
                                  "{count} commitment(s) of the pilot listing not confirmed; cannot sign off: {names}"),
    "BATCH_SUMMARY": ("完成 {done} 件，无变化 {unchanged} 件，拒绝 {refused} 件",
                      "Done: {done}; unchanged: {unchanged}; refused: {refused}"),
    "ENCUMBRANCE_NOT_FOUND": ("找不到权利负担记录 {value}", "No encumbrance {value}"),
    "PLEDGEE_CONSENT_NOT_A_PLEDGE": ("权利负担记录 {value} 是“{kind}”，不是质押：质权人同意书只能附在质押记录上",
                                     "Encumbrance {value} ({kind}) is not a pledge: a pledgee's consent belongs to a "
                                     "pledge"),
    "PLEDGEE_CONSENT_NEEDS_PLEDGE": (
        "质权人同意书须附在其质押记录上（openlic encumbrance consent 记录编号 --file 文件；"
        "或在专利的“权属与权利负担”页选中该质押，点“附质权人同意书…”），附上后该质押即记为已取得质权人书面同意",
        "A pledgee's consent is attached to its pledge (openlic encumbrance consent ID --file FILE; or choose the "
        "pledge on the patent's Ownership & encumbrances tab, then Attach the pledgee's consent…), which it then "
        "marks as consented"),
    "ENCUMBRANCE_CONSENT": ("质权人已书面同意", "the pledgee consented in writing"),
    "AUDIT_BROKEN": ("审计记录被改动：第 {record_id} 条（{reason}）",
                     "The audit trail was tampered with at record {record_id} ({reason})"),
}


# Words for the enumerated values findings carry as parameters (roles, encumbrance kinds), so that a Chinese
# message does not show "preparer" or "exclusive-licence". Used by services.readiness.finding_message.
VALUE_WORDS = {
    "preparer": ("经办人", "preparer"), "reviewer": ("复核人", "reviewer"),
    "exclusive-licence": ("独占许可", "exclusive licence"), "sole-licence": ("排他许可", "sole licence"),
    "ordinary-licence": ("普通许可", "ordinary licence"), "pledge": ("质押", "pledge"),
    "dispute": ("权属纠纷", "ownership dispute"), "preservation": ("财产保全", "court preservation"),
    "transfer": ("转让", "transfer"),
    "other-obstacle": ("其他妨碍实施的情形", "other obstacle"),
    # legal status (domain.status.Status values)
    "in_force": ("有效", "in force"), "pending": ("审查中", "pending"), "lapsed": ("失效", "lapsed"),
    "expired": ("届满", "expired"), "unknown": ("未知", "unknown"),
}

# the same words wherever such a value is a message parameter (a refusal naming a role, a CLI line naming a kind)
TERMS = VALUE_WORDS
