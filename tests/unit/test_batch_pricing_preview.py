"""The batch pricing's preview (the GUI's Batch → Pricing…) names a patent whose terms its filed declaration froze
as a blocker, so that "skip the patents that break a rule" prices the rest instead of the whole selection being
refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from declaration_helpers import TODAY, add, ids, make_ready, number, set_office

from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import declarations, pricing
from openlic_desktop.support.errors import OpenLicError

A, B = number("1", 1), number("1", 2)


def test_a_frozen_patent_is_a_blocker_of_the_preview(ws, tmp_path):
    set_office()
    add(ws, [A, B])
    declarations.prepare(ws, [A, B], today=TODAY)
    make_ready(ws, [A, B], tmp_path=tmp_path)
    declarations.file(ws, [A], date(2026, 11, 20), "cnipa-online", today=TODAY)
    pid_a, pid_b = ids(ws, [A, B])
    lump = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(100000), term_months=24)
    for until_expiry in (False, True):
        rows = pricing.preview(ws, [pid_a, pid_b], lump, today=TODAY, until_expiry=until_expiry)
        frozen = [r for r in rows if r.patent_id == pid_a]
        assert len(frozen) == 1 and frozen[0].blocked
        assert [f.code for f in frozen[0].findings] == ["DECLARATION_TERMS_FROZEN"]
        assert all(r.patent_id != pid_b or "DECLARATION_TERMS_FROZEN" not in [f.code for f in r.findings]
                   for r in rows)
    with pytest.raises(OpenLicError) as refused:  # all of the selection: refused as a whole
        pricing.apply_to_selection(ws, [pid_a, pid_b], lump)
    assert refused.value.code == "DECLARATION_TERMS_FROZEN"
    rows = pricing.preview(ws, [pid_a, pid_b], lump, today=TODAY)
    kept = [pid for pid in (pid_a, pid_b) if pid not in {r.patent_id for r in rows if r.blocked}]
    assert kept == [pid_b] and pricing.apply_to_selection(ws, kept, lump).changed == 1
    assert pricing.terms_for(ws, [pid_b])[pid_b] == lump.check_consistent()
