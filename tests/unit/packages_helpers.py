"""Helpers for the package tests: make demo patents ready through the real services (no shortcuts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import attachments, encumbrances, portfolio, pricing, readiness
from openlic_desktop.support import settings as settings_module

OFFICE = settings_module.Office(name="测试大学", address="杭州市西湖区1号", contact_person="王老师",
                                contact_phone="0571-88888888", contact_email="tto@test.edu.cn")


def set_office() -> None:
    cfg = settings_module.load()
    cfg.office = OFFICE
    settings_module.save(cfg)


def pdf(tmp: Path, name: str, size: int = 2000, seed: int = 0) -> Path:
    path = tmp / name
    body = bytes((seed + i) % 251 for i in range(size))
    path.write_bytes(b"%PDF-1.4\n" + body + b"\n%%EOF\n")
    return path


def candidates(ws, patent_type: str, coowned: bool = False, today: date | None = None):
    today = today or date.today()
    for facts in portfolio.list_patents(ws, status="in_force"):
        if facts.patent_type.value != patent_type or (len(facts.patentees) > 1) != coowned:
            continue
        if facts.expiry_date and (facts.expiry_date - today).days < 3 * 365:
            continue
        if facts.fees_paid_until and facts.fees_paid_until >= today:
            yield facts


def make_ready(ws, tmp: Path, inventions: int = 2, utility: int = 1, coowned: int = 0) -> list[str]:
    """Make patents ready (contact, pricing, fee note, report, consents, commitments, two sign-offs)."""
    set_office()
    picked = []
    for kind, n, co in (("invention", inventions, False), ("utility_model", utility, False),
                        ("invention", coowned, True)):
        it = candidates(ws, kind, co)
        picked += [next(it) for _ in range(n)]
    numbers = [f.number.canonical for f in picked]
    for i, facts in enumerate(picked):
        number = facts.number.canonical
        portfolio.set_fields(ws, number, {"contact_person": "王伟", "contact_phone": "0571-88888888"})
        pid = portfolio.detail(ws, number).id
        pricing.set_terms(ws, [pid], PricingTerms(PricingMode.LUMP_SUM, amount=50000 + i, term_months=24))
        pricing.save_note(ws, pid, "common_rates", {"common_rate": "3"}, f"估算说明 {number}\n第二行")
        if facts.patent_type.value == "utility_model":
            attachments.add_attachment(ws, number, pdf(tmp, f"eval{i}.pdf", seed=i), "evaluation-report",
                                       conclusion="favourable", report_no=f"PJ{i:04d}", report_date=date(2025, 1, 2))
        attachments.add_attachment(ws, number, pdf(tmp, f"sealed{i}.pdf", seed=100 + i), "sealed-commitment")
        for owner in facts.patentees[1:]:
            encumbrances.record_consent(ws, number, owner)
    readiness.confirm_commitments(ws, numbers)
    user = ws.user
    ws.user = "alice"
    assert readiness.sign_off(ws, numbers, "preparer").done == numbers
    ws.user = "bob"
    assert readiness.sign_off(ws, numbers, "reviewer").done == numbers
    ws.user = user
    return numbers


def blocked_number(ws) -> str:
    """A patent that is certainly not ready (pending: NOT_GRANTED)."""
    return next(f.number.canonical for f in portfolio.list_patents(ws, status="pending"))
