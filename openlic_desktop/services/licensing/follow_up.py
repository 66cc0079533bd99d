"""The follow-up report for the bureau: one row per licence reached, then totals per patent (xlsx)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openlic_desktop.services.licensing.licences import LicenceRecord, iso, list_licences
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.support.files import atomic_write_bytes

REPORT_COLUMNS = (
    ("专利号", "patent_number"), ("专利名称", "title"), ("被许可人", "licensee"), ("统一社会信用代码", "uscc"),
    ("合同编号", "contract_number"), ("生效日期", "date"), ("许可期限至", "term_end"), ("许可条件", "terms"),
    ("应收金额（元）", "due"), ("已收金额（元）", "received"), ("备案日期", "recorded_on"),
)


def follow_up_report(ws: Workspace, out: str | Path) -> Path:
    """An xlsx for the bureau: one row per licence reached (patent × licensee) with amounts due and received,
    then a sheet of totals per patent. Text cells are written as strings (no formula injection)."""
    import io

    import xlsxwriter

    items = list_licences(ws)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    money_fmt = book.add_format({"num_format": "#,##0.00", "border": 1})
    text_fmt = book.add_format({"border": 1})
    sheet = book.add_worksheet("已达成许可")
    for col, (title, _) in enumerate(REPORT_COLUMNS):
        sheet.write_string(0, col, title, head)
    for r, lic in enumerate(sorted(items, key=lambda x: (x.application_number, x.licensee)), start=1):
        values = {
            "patent_number": "ZL" + lic.application_number, "title": lic.title, "licensee": lic.licensee,
            "uscc": lic.licensee_uscc, "contract_number": lic.contract_number,
            "date": lic.effective_date.isoformat(), "term_end": iso(lic.term_end) or "",
            "terms": lic.terms.summary("zh"), "recorded_on": iso(lic.recorded_on) or "",
        }
        for col, (_, key) in enumerate(REPORT_COLUMNS):
            if key == "due":
                sheet.write_number(r, col, float(lic.amount_due), money_fmt)
            elif key == "received":
                sheet.write_number(r, col, float(lic.amount_received), money_fmt)
            else:
                sheet.write_string(r, col, values[key], text_fmt)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 2, 28)
    sheet.set_column(3, 10, 16)
    sheet.freeze_panes(1, 0)
    totals = book.add_worksheet("按专利汇总")
    for col, title in enumerate(("专利号", "专利名称", "许可数", "被许可人", "应收金额（元）", "已收金额（元）")):
        totals.write_string(0, col, title, head)
    by_patent: dict[str, list[LicenceRecord]] = {}
    for lic in items:
        by_patent.setdefault(lic.application_number, []).append(lic)
    for r, (number, group) in enumerate(sorted(by_patent.items()), start=1):
        totals.write_string(r, 0, "ZL" + number, text_fmt)
        totals.write_string(r, 1, group[0].title, text_fmt)
        totals.write_number(r, 2, len(group), text_fmt)
        totals.write_string(r, 3, "；".join(sorted({g.licensee for g in group})), text_fmt)
        totals.write_number(r, 4, float(sum((g.amount_due for g in group), Decimal(0))), money_fmt)
        totals.write_number(r, 5, float(sum((g.amount_received for g in group), Decimal(0))), money_fmt)
    totals.set_column(0, 0, 20)
    totals.set_column(1, 1, 28)
    totals.set_column(3, 5, 18)
    book.close()
    atomic_write_bytes(out, buffer.getvalue())
    return Path(out)
