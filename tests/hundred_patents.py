"""The 100-patent afternoon (issue: every per-patent chore becomes one batch step), as files an office has.

`make(folder)` writes what a technology-transfer office starts from: a messy portfolio spreadsheet (title rows, a
header repeated at a page break, a footer, numbers in every written form, dates in four spellings, patentees
split by ；or 、), a folder of 27 evaluation reports as PDFs (named in different forms, five named by nothing
but their first page, one saved twice), and a folder with the three co-owners' signed consent letters. All 100
patents are in force with years of term left, 25 of them shared with one of three companies. Deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from evidence_pdfs import evaluation_report, text_pdf

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.identifiers import check_character

OFFICE = "示例理工大学"
CO_OWNERS = {"比亚迪股份有限公司": 10, "浙江吉利控股集团有限公司": 8, "华为技术有限公司": 7}
BUREAU_EMAIL = "kfxk@zjipo.example.cn"
BATCH = "2026年浙江第一批"


@dataclass
class Scenario:
    spreadsheet: Path
    reports: Path
    consents: Path
    numbers: list[str]          # canonical, in the spreadsheet's order
    needs_report: list[str]     # utility models and designs
    shared: dict[str, list[str]]  # co-owner → its patents


def _number(year: int, kind: int, seq: int) -> str:
    digits = f"{year}{kind}{seq:07d}"
    return f"{digits}.{check_character(digits)}"


def _written(number: str, i: int) -> str:
    """The number as some spreadsheet somewhere has it."""
    digits, check = number.split(".")
    return [f"ZL{number}", f"CN {digits[:4]} {digits[4]} {digits[5:]}.{check}",
            number.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")), digits + check,
            f"{number} "][i % 5]


def _date(day: date, i: int):
    return [day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day.year}年{day.month}月{day.day}日",
            day.strftime("%Y%m%d"), day][i % 5]


def make(folder: Path, today: date | None = None) -> Scenario:
    from openpyxl import Workbook

    today = today or date.today()
    folder.mkdir(parents=True, exist_ok=True)
    owners = [o for o, n in CO_OWNERS.items() for _ in range(n)]
    rows, numbers, needs_report = [], [], []
    shared: dict[str, list[str]] = {o: [] for o in CO_OWNERS}
    for i in range(100):
        if i < 73:
            kind, filing = 1, add_months(today, -12 * 3 - i)              # inventions: 3–9 years old
        elif i < 93:
            kind, filing = 2, add_months(today, -12 * 2 - (i - 73) * 2)   # utility models: 2–6 years old
        else:
            kind, filing = 3, add_months(today, -12 * 2 - (i - 93))       # designs (15-year term)
        number = _number(filing.year, kind, 100000 + i * 37)
        numbers.append(number)
        if kind != 1:
            needs_report.append(number)
        patentees = [OFFICE]
        if i % 4 == 1 and owners:  # a quarter of them shared with a company
            owner = owners.pop(0)
            patentees.append(owner)
            shared[owner].append(number)
        grant = filing + timedelta(days=420 if kind == 1 else 180)
        title = {1: "一种锂电池负极材料的制备方法", 2: "一种电池包散热装置", 3: "充电桩外壳"}[kind] + f"（{i + 1}）"
        rows.append([i + 1, _written(number, i), title, {1: "发明", 2: "实用新型", 3: "外观设计"}[kind],
                     _date(filing, i), _date(grant, i + 1), ("；" if i % 2 else "、").join(patentees),
                     "有效" if i % 3 else "专利权维持", _date(add_months(today, 10), i + 2), "张三、李四",
                     "材料学院"])
    book = Workbook()
    sheet = book.active
    sheet.title = "专利台账"
    sheet.append([f"{OFFICE}有效专利台账"])
    sheet.append(["导出时间：" + today.isoformat(), None, "单位：件"])
    sheet.append([])
    header = ["序号", "申请号（专利号）", "发明创造名称", "专利类型", "申请日", "授权公告日", "专利权人", "法律状态",
              "年费缴至", "发明人", "所属学院"]
    sheet.append(header)
    for i, row in enumerate(rows):
        if i == 50:
            sheet.append(header)  # the header again where the printout broke the page
        sheet.append(row)
    sheet.append(["合计：100件"])
    spreadsheet = folder / "专利台账（导出）.xlsx"
    book.save(spreadsheet)

    reports = folder / "评价报告"
    reports.mkdir(exist_ok=True)
    for j, number in enumerate(needs_report):
        digits, check = number.split(".")
        day = f"2026年{1 + j % 9}月{1 + j}日"
        data = evaluation_report(number, f"PJ2026-{j + 1:04d}", day)
        name = [f"ZL{number}_专利权评价报告.pdf", f"{digits}{check}.pdf", f"评价报告 CN{number}.pdf",
                f"{digits}_{check}_评价报告.pdf", f"扫描件_{j:02d}.pdf"][j % 5]
        (reports / name).write_bytes(data)
    (reports / "备份").mkdir(exist_ok=True)
    (reports / "备份" / "扫描件_04（副本）.pdf").write_bytes((reports / "扫描件_04.pdf").read_bytes())

    consents = folder / "共有人同意书"
    consents.mkdir(exist_ok=True)
    for owner, patents in shared.items():
        lines = ["专利开放许可共有人同意书", f"本单位{owner}同意{OFFICE}将共有的{len(patents)}件专利实行开放许可。",
                 f"{owner}（盖章）"]
        (consents / f"{owner}_共有人同意书（已盖章）.pdf").write_bytes(text_pdf(lines))
    return Scenario(spreadsheet, reports, consents, numbers, needs_report, shared)
