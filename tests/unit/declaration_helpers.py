"""Patents made ready for a statutory declaration, on a real workspace: granted, in force, fees paid, priced, a fee
note, the co-owners' consent, the licensor's promises confirmed and signed off by two people."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openlic_desktop.domain.identifiers import ApplicationNumber, check_character
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.domain.status import Status
from openlic_desktop.services import attachments, encumbrances, pricing, readiness
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.support import settings as settings_module

TODAY = date(2026, 11, 26)
OFFICE = "浙江示范大学"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ROYALTY = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36)


def number(kind: str, serial: int, year: int = 2021) -> str:
    digits = f"{year}{kind}{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def set_office() -> None:
    cfg = settings_module.load()
    cfg.office.name = OFFICE
    cfg.office.address = "杭州市西湖区示范路1号"
    cfg.office.contact_person = "王老师"
    cfg.office.contact_phone = "0571-88880000"
    cfg.office.contact_email = "tto@example.edu.cn"
    settings_module.save(cfg)


def add(ws, numbers: list[str], *, co_owner: str | None = None, title: str = "一种锂电池正极材料的制备方法",
        filed: date = date(2021, 3, 10), paid_until: date | None = date(2027, 3, 9),
        status: Status = Status.IN_FORCE) -> list[str]:
    with ws.session() as session:
        patent_repo.insert_many(session, [
            PatentFacts(ApplicationNumber(*n.split(".")), title=f"{title}{i}", filing_date=filed,
                        grant_date=date(filed.year + 1, 6, 1), status=status,
                        patentees=[OFFICE] + ([co_owner] if co_owner else []), inventors=["张三"],
                        fees_paid_until=paid_until, ipc="H01M 4/36")
            for i, n in enumerate(numbers)])
    return numbers


def ids(ws, numbers: list[str]) -> list[int]:
    return list(pricing.ids_for_numbers(ws, numbers).values())


def uscc(serial: int) -> str:
    from openlic_desktop.domain.identifiers import uscc_check_character

    first = f"91330100MA{serial:07d}"
    return first + uscc_check_character(first)


def fill_book(ws) -> None:
    """Every patentee of the portfolio in the patentee book, with a USCC (the declaration names them)."""
    from openlic_desktop.services.licensing import patentees

    patentees.fill_from_portfolio(ws)
    for i, entry in enumerate(patentees.list_patentees(ws), 1):
        if not entry.identifier:
            patentees.update_patentee(ws, entry.name, id_type="uscc", identifier=uscc(i))


def make_ready(ws, numbers: list[str], terms: PricingTerms = ROYALTY, note: bool = True,
               sign: bool = True, tmp_path=None) -> None:
    """Everything the statutory rules ask for; `sign`: preparer alice and reviewer bob sign off."""
    fill_book(ws)
    pricing.set_terms(ws, ids(ws, numbers), terms)
    for pid, n in zip(ids(ws, numbers), numbers, strict=True):
        if note:
            pricing.save_note(ws, pid, "common_rates", {"common_rate": "3"}, f"{n} 许可使用费估算依据和方法：参照通常提成比例。")
        from openlic_desktop.services import portfolio

        facts = portfolio.detail(ws, n).facts
        for owner in facts.patentees[1:]:
            encumbrances.record_consent(ws, n, owner, TODAY)
        if facts.patent_type.needs_evaluation_report and tmp_path is not None:
            report = tmp_path / f"{n}.pdf"
            report.write_bytes(PDF + n.encode())
            attachments.add_attachment(ws, n, report, "evaluation-report", "favourable", f"PJ-{n}", TODAY)
    readiness.confirm_commitments(ws, numbers, profile_code="statutory")
    if sign:
        sign_off(ws, numbers)


def sign_off(ws, numbers: list[str]) -> None:
    user = ws.user
    try:
        ws.user = "alice"
        assert not readiness.sign_off(ws, numbers, "preparer", "statutory", today=TODAY).refused
        ws.user = "bob"
        assert not readiness.sign_off(ws, numbers, "reviewer", "statutory", today=TODAY).refused
    finally:
        ws.user = user
