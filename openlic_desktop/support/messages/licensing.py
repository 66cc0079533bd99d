"""Messages for contracts, templates, the patentee and licensee books, licences and deadlines."""

MESSAGES = {
    # templates and rendering
    "CONTRACT_TEMPLATE_UNREADABLE": ("无法读取合同模板 {path}：{reason}", "Cannot read the contract template {path}: {reason}"),
    "CONTRACT_TEMPLATE_FORBIDDEN": (
        "合同模板使用了不允许的功能（{reason}）：模板不能执行代码或读取文件",
        "The contract template uses something not allowed ({reason}): templates cannot run code or read files",
    ),
    "CONTRACT_TEMPLATE_RENDER_FAILED": ("合同模板无法生成文档：{reason}", "The contract template could not be rendered: {reason}"),
    "CONTRACT_TEMPLATE_NEEDS_DOCXTPL": (
        "该模板含表格合并标记（{reason}），将逐份生成", "The template has table merge tags ({reason}); rendering one by one"),
    "CONTRACT_TEMPLATE_UNKNOWN_FIELD": ("模板中有未知字段：{detail}", "Unknown field in the template: {detail}"),
    "CONTRACT_TEMPLATE_SPLIT_TAG": (
        "{where}：标记被 Word 拆分到多个文字块中：{detail}（请删除后一次性重新输入）",
        "{where}: Word split this tag across runs: {detail} (delete it and type it again in one go)",
    ),
    "CONTRACT_TEMPLATE_UNBALANCED": ("{where}：条件或循环不配对：{detail}", "{where}: unbalanced condition or loop: {detail}"),
    "CONTRACT_TEMPLATE_SYNTAX": ("{where}：模板语法错误：{detail}", "{where}: template syntax error: {detail}"),
    "CONTRACT_TEMPLATE_RENDER_ERROR": ("用示例数据预览失败：{detail}", "Preview with sample data failed: {detail}"),
    "CONTRACT_TEMPLATE_CHECK_FAILED": (
        "合同模板有 {count} 处问题，请先用模板检查修正：{first}",
        "The contract template has {count} problem(s); fix them with the template check first: {first}",
    ),
    "CONTRACT_NO_TERMS": (
        "专利 {value} 尚未设定完整的开放许可条件（定价），无法起草合同",
        "Patent {value} has no complete open-licence terms (pricing) yet; cannot draft a contract",
    ),
    "CONTRACT_NO_PATENTS": ("合同至少需要一件专利", "A contract needs at least one patent"),
    "CONTRACT_NO_LICENSEES": ("请至少选择一个被许可人", "Choose at least one licensee"),
    "CONTRACT_DUPLICATE_OUTPUT": ("多份合同将写入同一文件", "Several contracts would be written to the same file"),
    "CONTRACT_OUT_NOT_DOCX": ("输出文件应为 .docx：{path}", "The output file must be a .docx: {path}"),
    "PDF_NO_LIBREOFFICE": ("未找到 LibreOffice（soffice），无法生成 PDF", "LibreOffice (soffice) not found: no PDF"),
    "PDF_FAILED": ("PDF 生成失败：{reason}", "PDF conversion failed: {reason}"),
    # licensees
    "LICENSEE_NAME_MISSING": ("被许可人名称不能为空", "The licensee's name is missing"),
    "LICENSEE_EXISTS": (
        "统一社会信用代码或证件号码 {identifier} 已登记为被许可人「{name}」",
        "USCC or ID number {identifier} is already registered for licensee {name}"),
    "LICENSEE_TWO_IDENTIFIERS": (
        "请只填写一种：单位的统一社会信用代码，或个人的身份证／护照号码",
        "Give one identifier only: an organisation's USCC or a person's ID / passport number"),
    "PERSON_ID_INVALID": ("证件号码 {value} 无效：{reason}", "ID number {value} is not valid: {reason}"),
    "LICENSEE_NOT_FOUND": ("找不到被许可人 {value}", "No licensee {value}"),
    "LICENSEE_AMBIGUOUS": (
        "「{value}」对应多个被许可人，请使用统一社会信用代码或证件号码",
        "{value} matches several licensees; give the USCC or ID number"),
    "LICENSEE_BAD_SIZE": (
        "企业规模应为 大型/中型/小型/微型：{value}", "Enterprise size must be large/medium/small/micro: {value}"),
    "LICENSEE_IMPORT_NO_HEADER": (
        "文件 {path} 中找不到被许可人表头（名称，统一社会信用代码或证件号码）",
        "No licensee header row (name, USCC or ID number) found in {path}",
    ),
    # the patentee book and the parties of a contract
    "PATENTEE_NAME_MISSING": ("专利权人名称不能为空", "The patentee's name is missing"),
    "PATENTEE_EXISTS": ("专利权人「{name}」已在名录中", "Patentee {name} is already in the book"),
    "PATENTEE_NOT_FOUND": ("专利权人名录中没有「{value}」", "No patentee {value} in the book"),
    "PATENTEE_INCOMPLETE": ("缺少：{fields}", "missing: {fields}"),
    "CONTRACT_NO_LICENSOR": ("合同须有许可人（专利权人）", "A contract needs a licensor (the patentee)"),
    "CONTRACT_PARTY_INCOMPLETE": (
        "{role}「{party}」的信息不全，合同无法载明（缺少：{fields}）；请在专利权人名录或被许可人名录中补全",
        "The {role} {party} lacks details the contract must state (missing: {fields}); complete the patentee or "
        "licensee book",
    ),
    "CONTRACT_MIXED_PATENTEES": (
        "所选专利分属 {count} 组不同的专利权人（{sets}），不能合并为一份合同的许可人；请分别起草，"
        "或将 --out 指定为文件夹，按专利权人各起草一份",
        "The patents belong to {count} different sets of patentees ({sets}); one contract cannot merge them into one "
        "licensor. Draft them separately, or give a folder as --out for one contract per set",
    ),
    "CONTRACT_NUMBER_BUSY": (
        "合同编号被其他用户同时占用，请重试", "Contract numbers were taken by another user at the same time; try again"),
    # licences
    "LICENCE_NO_TERMS": (
        "专利 {value} 尚未设定开放许可条件（定价），无法登记许可",
        "Patent {value} has no open-licence terms (pricing) yet; cannot record a licence",
    ),
    "LICENCE_NOT_FOUND": ("找不到许可记录 {value}", "No licence {value}"),
    "LICENCE_DUPLICATE": (
        "被许可人「{licensee}」已于 {date} 就专利 {value} 登记许可",
        "A licence of {value} to {licensee} dated {date} is already recorded",
    ),
    "PAYMENT_NOT_FOUND": ("找不到付款记录 {value}", "No payment {value}"),
}

# words for field names and roles in the parameters above
TERMS = {
    "identifier": ("统一社会信用代码或证件号码", "USCC or ID number"),
    "address": ("住所", "address"),
    "legal_representative": ("法定代表人", "legal representative"),
    "licensor": ("许可人", "licensor"),
    "licensee": ("被许可人", "licensee"),
}
