"""A portfolio whose statistics are known by construction, for the tests of the statistics service, `openlic
stats`, the statistics workbook and the dashboard: each figure in EXPECTED was counted by hand from the table below.

As of 2026-11-26 (horizon 90 days → 2027-02-24). Patentee 示例大学 unless said otherwise.

    key  type     department   filed       status              what else                         stage
    P1   inv      机械工程学院  2016-01-10  in force, paid 27-01-09   priced free; declaration announced 2026-06-01
                                                                    announced; fee 2027-01-10 (yr 12) 4,000 less 15 %
    P2   inv      机械工程学院  2019-05-20  in force                  commitments; royalty, 6 months free   committed
    P3   inv      机械工程学院  2019-06-01  in force                  commitments, both sign-offs  signed
    P4   inv      电气工程学院  2020-02-02  in force, paid 27-02-01   sent to the bureau; 85 % fee reduction recorded
                                                                    listed; fee 2027-02-02 (yr 8) 2,000 less 85 %
    P5   inv      电气工程学院  2020-03-03  in force                  published by the bureau      announced
    P6   inv      电气工程学院  2021-04-04  in force                  lump sum 50,000; licences: X (small)
                                                                    2026-02-15, paid 2026-03-10; Y (large) 2026-08-20   licensed
    P7   utility  机械工程学院  2017-12-20  in force                  no evaluation report; a declaration withdrawn
                                                                    in 2025                          in force only
    P8   utility  (none)       2017-01-15  in force, ends 2027-01-14 favourable report            eligible; expiring
    P9   design   电气工程学院  2022-07-07  pending                                                 —
    P10  inv      机械工程学院  2005-01-01  recorded in force, term ended 2024-12-31                 — (expired)
    P11  inv      电气工程学院  2015-09-09  lapsed                    free; licence X 2025-05-05   —
    P12  inv      机械工程学院  2018-08-08  in force, co-owned, no consent                          in force only
    P13  inv      电气工程学院  2019-10-01  in force, fees paid to 2026-09-30 (in grace)           eligible; fee overdue (yr 8) 2,000
                                                                    + 5 % surcharge (second month after the due day)
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openlic_desktop.domain.identifiers import ApplicationNumber, check_character, uscc_check_character
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.domain.status import Status

TODAY = date(2026, 11, 26)
A, B = "机械工程学院", "电气工程学院"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _number(year: int, kind: str, serial: int) -> ApplicationNumber:
    digits = f"{year}{kind}{serial:07d}"
    return ApplicationNumber(digits, check_character(digits))


def _uscc(seed: str) -> str:
    first = ("9111" + seed).ljust(17, "0")[:17]
    return first + uscc_check_character(first)


X_USCC, Y_USCC = _uscc("0108MA01"), _uscc("0105XYW9")

# key: (type kind digit, department, filing, grant, status, fees paid until, patentees)
ROWS = {
    "P1": ("1", A, date(2016, 1, 10), date(2018, 6, 1), Status.IN_FORCE, date(2027, 1, 9), None),
    "P2": ("1", A, date(2019, 5, 20), date(2021, 8, 1), Status.IN_FORCE, date(2027, 5, 19), None),
    "P3": ("1", A, date(2019, 6, 1), date(2021, 9, 1), Status.IN_FORCE, date(2027, 5, 31), None),
    "P4": ("1", B, date(2020, 2, 2), date(2022, 2, 2), Status.IN_FORCE, date(2027, 2, 1), None),
    "P5": ("1", B, date(2020, 3, 3), date(2022, 3, 3), Status.IN_FORCE, date(2027, 3, 2), None),
    "P6": ("1", B, date(2021, 4, 4), date(2023, 1, 1), Status.IN_FORCE, date(2027, 4, 3), None),
    "P7": ("2", A, date(2017, 12, 20), date(2018, 6, 1), Status.IN_FORCE, date(2027, 12, 19), None),
    "P8": ("2", "", date(2017, 1, 15), date(2017, 7, 1), Status.IN_FORCE, date(2027, 1, 14), None),
    "P9": ("3", B, date(2022, 7, 7), None, Status.PENDING, None, None),
    "P10": ("1", A, date(2005, 1, 1), date(2007, 1, 1), Status.IN_FORCE, date(2024, 12, 31), None),
    "P11": ("1", B, date(2015, 9, 9), date(2017, 9, 9), Status.LAPSED, date(2020, 9, 8), None),
    "P12": ("1", A, date(2018, 8, 8), date(2020, 10, 10), Status.IN_FORCE, date(2027, 8, 7),
            ["示例大学", "某某科技有限公司"]),
    "P13": ("1", B, date(2019, 10, 1), date(2021, 12, 1), Status.IN_FORCE, date(2026, 9, 30), None),
}

STAGE_OF = {"P1": 6, "P2": 3, "P3": 4, "P4": 5, "P5": 6, "P6": 7, "P7": 1, "P8": 2, "P9": 0, "P10": 0, "P11": 0,
            "P12": 1, "P13": 2}

EXPECTED = {
    "patents": 13,
    "funnel": {"in_force": 10, "eligible": 8, "committed": 6, "signed": 5, "listed_or_declared": 4,
               "announced": 3, "licensed": 1},
    "type": {"invention": (10, 8), "utility_model": (2, 2), "design": (1, 0)},  # (patents, in force)
    "department": {A: 6, B: 6, "": 1},
    "year": {2005: 1, 2015: 1, 2016: 1, 2017: 2, 2018: 1, 2019: 3, 2020: 2, 2021: 1, 2022: 1},
    "status": {"in_force": 10, "pending": 1, "expired": 1, "lapsed": 1},
    "declaration": {"announced": 1, "withdrawn": 1, "": 11},
    "expiring": ["P8"],
    # (due, year, fee, reduction, its source, surcharge, overdue)
    "fees_due": {"P1": (date(2027, 1, 10), 12, Decimal("4000.00"), Decimal("600.00"), "open-licence",
                        Decimal("0.00"), False),
                 "P4": (date(2027, 2, 2), 8, Decimal("2000.00"), Decimal("1700.00"), "recorded", Decimal("0.00"),
                        False),
                 "P13": (date(2026, 10, 1), 8, Decimal("2000.00"), Decimal("0.00"), "", Decimal("100.00"), True)},
    "fees_total": Decimal("5800.00"),
    "licences": 3, "licensed_patents": 2, "licensees": 2, "free_licences": 1, "paid_licences": 2,
    "amount_due": Decimal("100000.00"), "amount_received": Decimal("50000.00"),
    "by_quarter": [("2025Q2", 1, Decimal("0.00")), ("2025Q3", 0, Decimal("0.00")), ("2025Q4", 0, Decimal("0.00")),
                   ("2026Q1", 1, Decimal("50000.00")), ("2026Q2", 0, Decimal("0.00")),
                   ("2026Q3", 1, Decimal("0.00"))],
    "by_size": [("large", 1, 1), ("small", 2, 1)],
    "sme": (2, 1),
    "offers": {"patents": 3, "free": 1, "paid": 2, "staged_free": 1, "pay_after_trial": 0},
}


def build(ws, tmp_path: Path) -> dict[str, str]:
    """Fill `ws` (empty) with the portfolio above; returns key → application number."""
    from openlic_desktop.domain.declarations import DeclarationContent
    from openlic_desktop.services import annual_fees, attachments, batches, pricing, readiness
    from openlic_desktop.services.licensing import licences, licensees
    from openlic_desktop.storage import declarations as declaration_repo
    from openlic_desktop.storage import patents as patent_repo

    numbers: dict[str, str] = {}
    facts = []
    for serial, (key, (kind, department, filing, grant, status, paid, patentees)) in enumerate(ROWS.items(), 1):
        number = _number(filing.year, kind, 1000 + serial)
        numbers[key] = number.canonical
        facts.append(PatentFacts(number, title=f"统计测试专利{key}", filing_date=filing, grant_date=grant,
                                 status=status, patentees=patentees or ["示例大学"], fees_paid_until=paid,
                                 department=department))
    with ws.session() as session:
        patent_repo.insert_many(session, facts)
        ids = patent_repo.ids_by_number(session, list(numbers.values()))
    pid = {key: ids[number] for key, number in numbers.items()}

    pricing.set_terms(ws, [pid["P1"], pid["P11"]], PricingTerms(PricingMode.FREE, term_months=12))
    pricing.set_terms(ws, [pid["P2"]], PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES,
                                                    term_months=36, free_months=6))
    pricing.set_terms(ws, [pid["P6"]], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24))

    readiness.confirm_commitments(ws, [numbers[k] for k in ("P2", "P3")])
    user = ws.user
    ws.user = "alice"
    readiness.sign_off(ws, [numbers["P3"]], "preparer")
    ws.user = "bob"
    readiness.sign_off(ws, [numbers["P3"]], "reviewer")
    ws.user = user

    report = tmp_path / "report.pdf"
    report.write_bytes(PDF)
    attachments.add_attachment(ws, numbers["P8"], report, "evaluation-report", conclusion="favourable",
                               report_no="PJ-1", report_date=date(2025, 1, 1))

    for seq, (key, status) in enumerate((("P4", "sent"), ("P5", "published")), 1):
        sub = batches.record_submission(ws, "2026年第一批", "general", date(2026, 10, seq), tmp_path / f"{key}.zip",
                                        "0" * 64, 1, [(numbers[key], "{}")])
        batches.set_status(ws, sub, "sent")
        if status == "published":
            batches.set_status(ws, sub, "published")

    licensees.add_licensee(ws, "甲科技有限公司", X_USCC, size="small")
    licensees.add_licensee(ws, "乙集团股份有限公司", Y_USCC, size="large")
    first = licences.add_licence(ws, numbers["P6"], X_USCC, date(2026, 2, 15))
    licences.add_licence(ws, numbers["P6"], Y_USCC, date(2026, 8, 20))
    licences.add_licence(ws, numbers["P11"], X_USCC, date(2025, 5, 5))
    licences.record_payment(ws, first.payments[0].id, date(2026, 3, 10), Decimal(50000))
    annual_fees.record_reduction(ws, [numbers["P4"]], "85", start=date(2026, 1, 1), basis="费减备案")
    with ws.session() as session:  # declarations as CNIPA's steps left them (the service's own tests walk the steps)
        for key, steps in (("P1", {"state": "announced", "filed_on": date(2026, 5, 1),
                                   "announced_on": date(2026, 6, 1)}),
                           ("P7", {"state": "withdrawn", "filed_on": date(2025, 1, 1), "announced_on": date(2025, 2, 1),
                                   "withdrawal_filed_on": date(2025, 5, 1), "withdrawn_on": date(2025, 6, 1)})):
            row = declaration_repo.create(session, pid[key], DeclarationContent(), "tester")
            session.flush()
            declaration_repo.update(session, row, steps)
    return numbers
