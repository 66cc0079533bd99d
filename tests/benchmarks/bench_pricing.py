"""Benchmark: pricing terms and rules for 10,000 patents at once (what the readiness engine of issue 4 does).

    /work/venv/bin/python tests/benchmarks/bench_pricing.py [--patents 10000] [--repeat 5]

Builds a temporary database with N demo patents, a quarter each of free / lump sum / royalty / entry + royalty
terms, and measures in the same run (best of --repeat):
  - `storage.pricing.load_terms(session, ids)` for all N ids → dict of PricingTerms values;
  - `domain.pricing.pricing_findings` over all N;
  - baseline A: raw sqlite3 `SELECT * FROM pricing_terms` (the bytes alone, no values built);
  - baseline B: the same rows as ORM objects (`select(PricingTermsRow)`) turned into PricingTerms one by one,
    the obvious way to write it.
  - the batch dialog's preview, apply and undo on all N (once each);
Prints the figures and the ratios load_terms / raw and ORM / load_terms. Exit 1 if load_terms + rules take more
than 1 s for 10,000 patents (the readiness check of a whole portfolio must feel immediate).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase, pricing_findings
from openlic_desktop.domain.profiles import BureauProfile
from openlic_desktop.services import demo, portfolio, pricing
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage import pricing as repo
from openlic_desktop.storage.models_pricing import PricingTermsRow

BUDGET_SECONDS = 1.0
TERMS = [
    PricingTerms(PricingMode.FREE, term_months=12),
    PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(80000), term_months=24),
    PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36,
                 pay_after_trial=True, trial_months=12),
    PricingTerms(PricingMode.ENTRY_PLUS_ROYALTY, entry_fee=Decimal(20000), rate=Decimal("2.5"),
                 base=RoyaltyBase.PROFIT, term_months=48, free_months=6),
]


def orm_terms(r: PricingTermsRow) -> PricingTerms:
    return PricingTerms.from_canonical({
        "mode": r.mode, "amount": r.amount, "entry_fee": r.entry_fee, "rate": r.rate, "base": r.base,
        "term_months": r.term_months, "free_months": r.free_months, "pay_after_trial": r.pay_after_trial,
        "trial_months": r.trial_months, "frequency": r.frequency, "territory": r.territory})


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patents", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        ws = open_workspace(db, user="bench")
        t0 = time.perf_counter()
        demo.load_demo(ws, args.patents, seed=11, today=date(2026, 11, 26), office_work=False)
        ids = portfolio.query_ids(ws)
        with ws.session() as session:
            repo.save_terms(session, {pid: TERMS[i % 4] for i, pid in enumerate(ids)})
        print(f"setup: {len(ids)} patents priced in {time.perf_counter() - t0:.1f} s")
        with ws.reading() as session:
            expiry = {pid: r.expiry_date for pid, r in portfolio.rows(ws, ids).items()}
            profile = BureauProfile(code="general", name="general")
            today = date(2026, 11, 26)

            t_load, loaded = best(lambda: repo.load_terms(session, ids), args.repeat)
            assert len(loaded) == len(ids)
            t_rules, findings = best(lambda: [pricing_findings(loaded.get(pid), expiry[pid], profile, today)
                                              for pid in ids], args.repeat)
            t_orm, rows = best(lambda: {r.patent_id: orm_terms(r)
                                        for r in session.execute(select(PricingTermsRow)).scalars()},
                               args.repeat)
            assert rows == loaded

        # the batch dialog's three actions on the whole portfolio (one run each: they change the database)
        preset = TERMS[2].with_changes(term_months=24)
        t0 = time.perf_counter()
        breakers = pricing.preview(ws, ids, preset, profile=profile, today=today)
        t_preview = time.perf_counter() - t0
        t0 = time.perf_counter()
        applied = pricing.apply_to_selection(ws, ids, preset, label="bench")
        t_apply = time.perf_counter() - t0
        t0 = time.perf_counter()
        undone = pricing.undo_last_application(ws)
        t_undo = time.perf_counter() - t0
        assert undone.restored == applied.changed

        con = sqlite3.connect(db)
        t_raw, raw = best(lambda: con.execute("SELECT * FROM pricing_terms").fetchall(), args.repeat)
        con.close()
        assert len(raw) == len(ids)
        ws.close()

    n = len(ids)
    print(f"load_terms({n}):           {t_load * 1000:8.1f} ms")
    print(f"pricing_findings × {n}:    {t_rules * 1000:8.1f} ms "
          f"({sum(len(f) for f in findings)} findings)")
    print(f"baseline A raw sqlite3:    {t_raw * 1000:8.1f} ms  → load_terms / raw = {t_load / t_raw:.1f}×")
    print(f"baseline B ORM objects:    {t_orm * 1000:8.1f} ms  → ORM / load_terms = {t_orm / t_load:.1f}×")
    print(f"batch preview / apply / undo of {n}: {t_preview * 1000:.0f} / {t_apply * 1000:.0f} / "
          f"{t_undo * 1000:.0f} ms ({len(breakers)} rule breakers, {applied.changed} changed)")
    total = t_load + t_rules
    scaled = total * 10000 / max(n, 1)
    print(f"load + rules: {total * 1000:.1f} ms (≈ {scaled * 1000:.0f} ms per 10,000; budget "
          f"{BUDGET_SECONDS * 1000:.0f} ms)")
    return 0 if scaled <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
