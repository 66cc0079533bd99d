"""Messages for pricing: the rule codes, refusals of inconsistent terms, presets, reference data, the fee note."""

MESSAGES = {
    # rules (domain.pricing.pricing_findings)
    "PRICING_MISSING": (
        "许可使用费未填写完整（缺少：{fields}）",
        "The licence fee terms are incomplete (missing: {fields})",
    ),
    "TERM_TOO_SHORT": (
        "许可期限 {months} 个月短于本局要求的最短 {minimum} 个月",
        "The licence term of {months} months is shorter than the bureau's minimum of {minimum} months",
    ),
    "TERM_BEYOND_EXPIRY": (
        "许可期限 {months} 个月将持续至 {term_end}，超过专利有效期（{expiry}）",
        ("The licence term of {months} months would run to {term_end}, past the patent's last day in force "
         "({expiry})"),
    ),
    "FEE_ABOVE_CAP": (
        "许可使用费 {value} 高于国知发运字〔2024〕19号提出的一般标准 {cap}（该标准为指导性意见；超出时须在估算说明中说明理由）",
        ("The licence fee of {value} is above the general standard of {cap} in 国知发运字〔2024〕19号 (guidance, "
         "not a cap: the fee-estimation note must explain why)"),
    ),
    "FREE_PERIOD_TOO_LONG": (
        "免费期或试用期 {months} 个月长于许可期限 {term} 个月",
        "The free period or trial of {months} months is longer than the licence term of {term} months",
    ),
    "PRICING_FAR_ABOVE_REFERENCE": (
        "许可使用费 {value} 明显高于参考值 {reference}（{industry}）",
        "The licence fee of {value} is far above the reference of {reference} ({industry})",
    ),
    # refusals of input
    "PRICING_MODE_NOT_CHOSEN": ("请先选择付费方式", "Choose the payment mode first"),
    "PRICING_BAD_NUMBER": ("无法识别的数值：{value}", "Not a number: {value}"),
    "PRICING_INCONSISTENT": ("许可条件前后矛盾：{reason}", "Inconsistent licence terms: {reason}"),
    "PRICING_INCOMPLETE": ("许可条件缺少：{fields}", "The licence terms lack: {fields}"),
    "PRICING_BASE_MISSING": (
        "计算提成需要年度{base}数据",
        "The royalty schedule needs the annual figure for {base}",
    ),
    "PRICING_NOT_SET": ("专利 {value} 尚未设置许可使用费", "No licence fee terms are set for patent {value}"),
    "PRESET_NOT_FOUND": ("找不到定价方案：{name}", "No pricing preset named {name}"),
    "PRESET_NAME_EMPTY": ("定价方案名称不能为空", "A pricing preset needs a name"),
    "PRICING_NOTHING_TO_UNDO": ("没有可撤销的批量定价", "There is no batch pricing to undo"),
    "PRICING_UNDO_CONFLICT": (
        "无法撤销：{count} 件专利的许可条件在批量定价之后又被修改过",
        "Cannot undo: the terms of {count} patents were changed again after the batch pricing",
    ),
    "REFERENCE_NO_COLUMNS": (
        "行业参考数据文件 {path} 中找不到“行业”列",
        "The industry reference file {path} has no industry column",
    ),
    "FEE_NOTE_METHOD_UNKNOWN": ("未知的估算方法：{method}", "Unknown estimation method: {method}"),
}
