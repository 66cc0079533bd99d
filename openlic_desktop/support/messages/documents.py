"""Messages for documents drafted about patents: the blocker gate and its override."""

MESSAGES = {
    "DOCUMENT_BLOCKED": (
        "{count} 件专利存在阻碍事项，不能起草{document}。{number}：{facts}。"
        "确需起草的，请明确指示覆盖并写明理由（命令行 --override-blockers 理由），阻碍事项将印在文件首页并记入审计记录",
        "{count} patent(s) have blockers; the {document} cannot be drafted. {number}: {facts}. "
        "To draft it anyway, override explicitly with a reason (--override-blockers REASON): the blockers are "
        "printed on the document's first page and recorded in the audit trail",
    ),
    "COMMITMENT_CONTRADICTED": (
        "承诺事项“{name}”与已登记的事实不符，不能确认：{facts}",
        "The commitment \"{name}\" cannot be confirmed: a recorded fact says otherwise: {facts}",
    ),
    "OVERRIDE_REASON_MISSING": (
        "覆盖阻碍事项须写明理由", "An override of blockers needs a reason",
    ),
}

# document kinds as parameter values (domain.blocker_override.DOCUMENT_KINDS)
TERMS = {
    "commitment_letter": ("承诺函", "commitment letter"),
    "contract": ("许可合同", "contract"),
    "declaration": ("开放许可声明", "declaration"),
}
