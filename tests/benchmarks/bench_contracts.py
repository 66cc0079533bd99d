"""Benchmark: 500 contracts drafted in one batch vs rendered one by one from scratch with docxtpl, same run.

    python tests/benchmarks/bench_contracts.py [N]      # default N = 500

Both sides render the shipped template in the same sandbox with the same 500 data sets (each a different
licensee and two or three patents with different payment modes) and write each .docx to disk with the same
stamping. The baseline is `render.render_docx` per contract (docxtpl: parse the package, patch the XML,
compile and render the Jinja, save); the batch is `render.render_batch` (template prepared and compiled once,
one Jinja render per part into a copy of the zip, all-or-nothing staging). Target (issue 7): ratio ≥ 2.5×.
Exit 1 if the target is missed or the two paths disagree on a document's text.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from openlic_desktop.documents import ooxml
from openlic_desktop.documents.contracts import context, render
from openlic_desktop.domain.identifiers import parse_application_number, uscc_check_character
from openlic_desktop.domain.licensing import Party
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase

TARGET = 2.5

NUMBERS = ["202110123456.7", "201710601862.3", "200510113767.6"]
MODES = [
    PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36,
                 free_months=12),
    PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(80000), term_months=24, pay_after_trial=True,
                 trial_months=6),
    PricingTerms(PricingMode.ENTRY_PLUS_ROYALTY, entry_fee=Decimal(20000), rate=Decimal("2.5"),
                 base=RoyaltyBase.PROFIT, term_months=48),
    PricingTerms(PricingMode.FREE, term_months=12),
]


def contexts(n: int, version: str) -> list[dict]:
    out = []
    for i in range(n):
        first = f"91350100M{i:08d}"
        uscc = first + uscc_check_character(first)
        patents = []
        for k in range(2 + i % 2):
            facts = PatentFacts(parse_application_number(NUMBERS[k]), title=f"一种测试装置及其控制方法（{i}-{k}）",
                                filing_date=date(2017 + k, 3, 1), patentees=["示例大学"])
            patents.append(context.ContractPatent(facts, MODES[(i + k) % len(MODES)]))
        out.append(context.build_context(
            number=f"KF-2026-{i:04d}", patentee={"name": "示例大学", "address": "示例市大学路1号",
                                                 "contact_person": "王老师", "contact_phone": "010-12345678",
                                                 "contact_email": "tto@example.edu.cn"},
            licensee=Party(f"示例科技有限公司{i}", uscc, f"示例市高新区{i}号", "李四", "0591-87654321"),
            patents=patents, effective=date(2026, 12, 1), template_version=version))
    return out


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 500
    template = render.default_template_path()
    info = render.template_info(template)
    data = contexts(n, info.version)
    work = Path(tempfile.mkdtemp(prefix="bench-contracts-"))
    try:
        base_dir = work / "docxtpl"
        base_dir.mkdir()
        t0 = time.perf_counter()
        for i, ctx in enumerate(data):
            render.render_to_file(template, ctx, base_dir / f"{i:04d}.docx")
        baseline = time.perf_counter() - t0

        batch_dir = work / "batch"
        t0 = time.perf_counter()
        render.render_batch(template, [render.BatchJob(ctx, batch_dir / f"{i:04d}.docx")
                                          for i, ctx in enumerate(data)])
        batch = time.perf_counter() - t0

        mismatches = 0
        for i in range(0, n, max(1, n // 25)):  # spot-check 25 documents: same text, same data stamp
            a, b = base_dir / f"{i:04d}.docx", batch_dir / f"{i:04d}.docx"
            if ooxml.document_text(a) != ooxml.document_text(b):
                mismatches += 1
            if render.read_stamp(a)[render.PROP_DATA_SHA] != render.read_stamp(b)[render.PROP_DATA_SHA]:
                mismatches += 1
        size = sum(p.stat().st_size for p in batch_dir.iterdir()) / n
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratio = baseline / batch
    print(f"contracts: {n}, template {info.version}, average size {size / 1024:.1f} KB")
    print(f"docxtpl from scratch, one by one: {baseline:6.2f} s  ({baseline / n * 1000:5.1f} ms/contract)")
    print(f"batch, template prepared once:    {batch:6.2f} s  ({batch / n * 1000:5.1f} ms/contract)")
    print(f"ratio (same run): {ratio:.1f}x  (target >= {TARGET}x)  text mismatches in spot check: {mismatches}")
    return 0 if ratio >= TARGET and mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
