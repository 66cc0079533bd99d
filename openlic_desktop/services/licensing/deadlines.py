"""Deadlines: what needs doing, soonest first — recording, free period, trial and term ends, licence fees due,
annual fees of patents under the open offer, and the follow-up report on each licence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.licensing import REPORT_MONTHS
from openlic_desktop.domain.pricing import PeriodKind
from openlic_desktop.services.licensing.licences import list_licences, money_text
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import licensing as repo
from openlic_desktop.support.files import atomic_write_bytes

DEADLINE_KINDS: dict[str, tuple[str, str]] = {
    "recording": ("合同备案（国家知识产权局，生效后3个月内）", "Record the contract with CNIPA (3 months)"),
    "free_period_end": ("阶段性免费期届满", "End of the staged free period"),
    "trial_end": ("试用期届满", "End of the trial"),
    "term_end": ("许可期限届满", "End of the licence term"),
    "payment_due": ("许可使用费到期", "Licence fee due"),
    "annual_fee": ("专利年费", "Annual fee"),
    "patent_lapsed": ("专利权终止（年费滞纳期届满未缴）", "Patent lapsed (annual fee unpaid after the grace period)"),
    "evaluation_report": ("许可实施情况报告（报主管部门）", "Follow-up report on the licence (to the bureau)"),
}


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: date
    days_left: int
    application_number: str
    title: str
    licensee: str = ""
    licence_id: int | None = None
    amount: Decimal | None = None
    detail: str = ""        # in words, as shown and exported
    payment_kind: str = ""  # a licence fee's schedule kind (entry-fee, lump-sum, royalty): for --json only

    @property
    def overdue(self) -> bool:
        """An action left undone past its day; a lapsed patent is no action left, so never overdue."""
        return self.days_left < 0 and not self.lapsed

    @property
    def lapsed(self) -> bool:
        """Not an action left but a fact: the patent lapsed on `due` (nothing can be paid any more)."""
        return self.kind == "patent_lapsed"

    def left_words(self, lang: str = "zh") -> str:
        """The days left as every face says them: a lapse as a fact, an overdue action by how late it is."""
        zh = lang.startswith("zh")
        if self.lapsed:
            return "已终止" if zh else "lapsed"
        if self.overdue:
            return f"逾期{-self.days_left}天" if zh else f"{-self.days_left} days overdue"
        return f"{self.days_left}天" if zh else f"{self.days_left} days"

    def label(self, lang: str = "zh") -> str:
        zh, en = DEADLINE_KINDS[self.kind]
        return zh if lang.startswith("zh") else en

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "due": self.due.isoformat(), "days_left": self.days_left,
                "overdue": self.overdue, "lapsed": self.lapsed, "application_number": self.application_number,
                "patent_number": "ZL" + self.application_number, "title": self.title,
                "licensee": self.licensee or None, "licence_id": self.licence_id,
                "amount": money_text(self.amount), "detail": self.detail,
                "payment_kind": self.payment_kind or None}


def deadlines(ws: Workspace, today: date | None = None, within: int | None = None,
              kinds: Sequence[str] | None = None, lang: str = "zh") -> list[Deadline]:
    """What needs doing, soonest first, then the patents that lapsed. Actions still open (recording, payments, reports, annual fees) are listed
    even when overdue; dates that only pass (end of free period, trial, term) only while still ahead. A patent whose
    annual fee went unpaid past its grace period is listed as lapsed (from the fee's due day), with no amount.
    `within`: only deadlines due at most that many days from today (overdue ones included)."""
    today = today or date.today()
    horizon = today + timedelta(days=within) if within is not None else None
    wanted = set(kinds) if kinds else set(DEADLINE_KINDS)
    out: list[Deadline] = []

    def add(kind: str, due: date | None, number: str, title: str, *, passive: bool = False, **kw: Any) -> None:
        if due is None or kind not in wanted:
            return
        if passive and due < today:
            return
        if horizon is not None and due > horizon:
            return
        out.append(Deadline(kind, due, (due - today).days, number, title, **kw))

    licences = list_licences(ws)
    for lic in licences:
        common = {"licensee": lic.licensee, "licence_id": lic.id}
        if lic.recorded_on is None:
            add("recording", lic.recording_deadline, lic.application_number, lic.title, **common)
        add("free_period_end", lic.free_end, lic.application_number, lic.title, passive=True, **common)
        add("trial_end", lic.trial_end, lic.application_number, lic.title, passive=True, **common)
        add("term_end", lic.term_end, lic.application_number, lic.title, passive=True, **common)
        for p in lic.payments:
            if p.received_on is None:
                add("payment_due", p.due_date, lic.application_number, lic.title, amount=p.amount_due,
                    detail=PeriodKind(p.kind).words(lang), payment_kind=p.kind, **common)
        if lic.report_submitted_on is None:
            add("evaluation_report", add_months(lic.effective_date, REPORT_MONTHS), lic.application_number,
                lic.title, **common)
    if wanted & {"annual_fee", "patent_lapsed"}:
        # patents under the open offer or a declaration; the amount is what is payable on the due day, with the
        # reduction that really applies then (annual_fees: only inside an announced declaration, or recorded).
        # A fee unpaid past its grace period is payable no more: the patent lapsed from its due day, said so.
        from openlic_desktop.services import annual_fees

        with ws.reading() as session:
            ids = set(repo.priced_patent_ids(session)) | {lic.patent_id for lic in licences}
            ids |= annual_fees.declared_patent_ids(session)
            rows = [r for r in repo.fee_rows(session, sorted(ids)) if r.status not in ("lapsed", "expired")]
        fees = annual_fees.next_fees(ws, rows)
        for row in rows:
            fee = fees.get(row.id)
            if fee is not None and fee.lapsed_by(today):
                add("patent_lapsed", fee.due, row.application_number, row.title or "",
                    detail=annual_fees.lapse_words(fee, lang))
            elif fee is not None:
                add("annual_fee", fee.due, row.application_number, row.title or "", amount=fee.amount,
                    detail=annual_fees.fee_detail(fee, lang))
    out.sort(key=sort_key)
    return out


def sort_key(d: Deadline) -> tuple:
    """Actions soonest first; the patents that lapsed after them (facts to know, nothing left to do)."""
    return (d.lapsed, d.due, d.kind, d.application_number, d.licensee)


def export_deadlines(items: Sequence[Deadline], out: str | Path, lang: str = "zh") -> Path:
    """The deadlines shown, as xlsx (text as strings, dates as ISO text, amounts as numbers)."""
    import io

    import xlsxwriter

    from openlic_desktop.documents import print_setup

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
    zh = lang.startswith("zh")
    sheet = book.add_worksheet("期限" if zh else "Deadlines")
    titles = (("到期日", "剩余天数", "事项", "专利号", "专利名称", "被许可人", "金额（元）", "说明") if zh else
              ("Due", "Days left", "What", "Patent No.", "Title", "Licensee", "Amount (CNY)", "Detail"))
    for col, title in enumerate(titles):
        sheet.write_string(0, col, title, head)
    for r, d in enumerate(items, start=1):
        sheet.write_string(r, 0, d.due.isoformat())
        if d.lapsed:  # no days left to count: the patent lapsed
            sheet.write_string(r, 1, d.left_words(lang))
        else:
            sheet.write_number(r, 1, d.days_left)
        sheet.write_string(r, 2, d.label(lang))
        sheet.write_string(r, 3, "ZL" + d.application_number)
        sheet.write_string(r, 4, d.title)
        sheet.write_string(r, 5, d.licensee)
        if d.amount is not None:
            sheet.write_number(r, 6, float(d.amount))
        sheet.write_string(r, 7, d.detail)
    sheet.set_column(0, 7, 16)
    print_setup.xlsxwriter_sheet(sheet, 1)
    book.close()
    atomic_write_bytes(out, buffer.getvalue())
    return Path(out)
