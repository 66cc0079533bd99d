"""Recording a licence reads the patent's facts and published terms and writes the licence: it must not load the
contract-drafting code (openlic_desktop.documents, python-docx, docxtpl, cn2an — half a second of imports), which
only drafting a contract needs. Checked in a fresh process, as `openlic licence add` runs."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal

from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import demo, demo_progress, portfolio, pricing
from openlic_desktop.services.licensing import licences, licensees

RECORD = r"""
import json, sys
from datetime import date
from openlic_desktop.services.licensing import licences
from openlic_desktop.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], user="tester")
record = licences.add_licence(ws, sys.argv[2], sys.argv[3], date(2026, 11, 1))
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("docx", "docxtpl", "cn2an", "jinja2")
               or m.startswith("openlic_desktop.documents"))
print(json.dumps({"licence": record.contract_number, "heavy": heavy}))
"""


def test_recording_a_licence_loads_no_documents_code(ws, db_path):
    demo.load_demo(ws, 30, seed=1, today=date(2026, 11, 26), office_work=False)
    number = portfolio.list_patents(ws)[0].number.canonical
    pricing.price_patents(ws, [number], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal("1000.00"),
                                                     term_months=36))
    licensees.add_licensee(ws, "东海锐创智能科技有限公司", uscc=demo_progress.licensee_uscc(0))
    ws.close()
    out = subprocess.run([sys.executable, "-c", RECORD, str(db_path), number, demo_progress.licensee_uscc(0)],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["heavy"] == []
    [recorded] = licences.list_licences(ws)  # recorded, on the published terms
    assert recorded.contract_number == result["licence"] and recorded.terms.amount == Decimal("1000.00")
