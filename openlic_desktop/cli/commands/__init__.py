"""The `openlic` commands: one module per command, named by it (`contract-check` → `contract_check.py`, a Python
keyword gets a trailing underscore: `import` → `import_.py`).

`COMMANDS` is the registry: the command's name and its one-line help, in the order `openlic --help` lists them.
Only the module of the command being run is imported (cli/main.py), so the help text lives here, not in the module.
"""

from __future__ import annotations

import keyword

# name → help (English / 中文). Add a line here and a module named by the command; nothing else to register.
COMMANDS: dict[str, str] = {
    # portfolio
    "demo": "fill an empty database with a demo portfolio / 生成演示数据",
    "import": "import patents from a spreadsheet (xlsx/xls/csv) / 从表格导入专利",
    "imports": "import history, undo an import / 导入记录与撤销导入",
    "patents": "list patents / 列出专利",
    "show": "one patent in full / 查看专利",
    "set": "edit recorded facts: FIELD=VALUE ... / 修改著录事项",
    "backup": "daily copies of the database / 数据库备份",
    # readiness
    "encumbrance": "licences, pledges, disputes… / 权利负担",
    "attach": "attach a report or letter (PDF/OFD/JPEG/PNG) / 添加附件",
    "consent": "a co-owner's written consent is on file / 共有人同意",
    "commit": "confirm commitment items / 确认承诺事项",
    "signoff": "sign off as --user / 签核",
    "check": "readiness findings / 检查是否可以申报",
    "commitment-letter": "the commitment letter (.docx) / 承诺函",
    "audit": "the audit trail / 审计记录",
    # pricing
    "price": "set licence fee terms / 设置许可使用费",
    "schedule": "what one licensee pays, period by period / 付款计划",
    # contracts and licences
    "licensee": "the licensee book / 被许可人",
    "patentee": "the patentee book: each patentee as a contract names it / 专利权人名录",
    "contract": "draft an open-licence contract / 起草许可合同",
    "contract-check": "check a contract template / 检查合同模板",
    "licence": "licences reached / 已达成的许可",
    "deadlines": "deadlines: recording, free period, fees… / 期限提醒",
    # packages for the bureau
    "profiles": "bureau profiles known / 报送配置",
    "export": "build a submission package for a bureau / 生成报送材料包",
    "batch": "submission batches / 申报批次",
    "submission": "submissions sent to a bureau / 报送记录",
    "withdrawal": "withdrawing offers: each patentee's consent, offers made again / 撤回开放许可",
    "smtp": "outgoing mail server; the password goes to the OS keyring / 发信服务器",
    # the statutory declaration to CNIPA
    "declaration": "open-licence declarations to CNIPA / 开放许可声明",
    "fees": "annual fees ahead, reductions and surcharges / 应缴年费",
    "fee-reduction": "annual-fee reductions recorded for a patent / 年费减缴",
    "fee-note": "fee-estimation notes for many patents / 许可使用费估算说明",
    # statistics
    "stats": "portfolio statistics; --out FILE.xlsx for the statistics workbook / 统计与统计表",
    # office, profiles, batch evidence
    "office": "the office's own details: show, set FIELD=VALUE / 本单位信息",
    "profile": "choose (use) or edit a bureau profile / 设置报送配置",
    "attach-dir": "attach a folder of reports or letters to their patents / 按文件夹添加附件",
    "consent-letter": "a co-owner's consent letter for its patents (.docx) / 共有人同意书",
}


def module_name(command: str) -> str:
    """The module that implements `command`, e.g. `openlic_desktop.cli.commands.contract_check`."""
    name = command.replace("-", "_")
    if keyword.iskeyword(name):
        name += "_"
    return f"{__name__}.{name}"
