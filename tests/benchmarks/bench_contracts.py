"""Benchmark: N contracts drafted in one batch vs rendered one by one from scratch with docxtpl, and the same batch
from an office's own template (a copy of the shipped one) in the sandbox worker process; same run, repeated.

    python tests/benchmarks/bench_contracts.py [N] [REPEATS]      # default N = 500, REPEATS = 3

All sides render the same template text with the same N data sets (each a different licensee and two or three
patents with different payment modes) and write each .docx to disk with the same stamping. The baseline is
`render.render_docx` per contract (docxtpl: parse the package, patch the XML, compile and render the Jinja, save);
the batch is `render.render_batch` (template prepared and compiled once, one Jinja render per part into a copy of
the zip, print setup, all-or-nothing staging). The office batch is the same through the worker process (limits on
CPU, memory and output): its ratio to the in-process batch is the cost of the isolation. Medians and spread over
the repeats. Target: batch ≥ 2.5× faster than one by one. Exit 1 if missed or if two paths disagree on a
document's text.
"""

from __future__ import annotations

import shutil
import statistics
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


LICENSOR = Party("示例大学", "12100000400000000W", "示例市大学路1号", "张三", "王老师", phone="010-12345678",
                 email="tto@example.edu.cn", bank_name="示例银行", bank_account="6222000000000000")


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
            number=f"KF2026-{i:04d}", licensors=[LICENSOR],
            licensee=Party(f"示例科技有限公司{i}", uscc, f"示例市高新区{i}号", "李四", "0591-87654321"),
            patents=patents, effective=date(2026, 12, 1), template_version=version))
    return out


def _one_run(n: int, data: list[dict], template: Path, office: Path, work: Path) -> tuple[float, float, float, int]:
    base_dir, batch_dir, office_dir = work / "docxtpl", work / "batch", work / "office"
    base_dir.mkdir()
    t0 = time.perf_counter()
    for i, ctx in enumerate(data):
        render.render_to_file(template, ctx, base_dir / f"{i:04d}.docx")
    baseline = time.perf_counter() - t0

    t0 = time.perf_counter()
    render.render_batch(template, [render.BatchJob(ctx, batch_dir / f"{i:04d}.docx") for i, ctx in enumerate(data)])
    batch = time.perf_counter() - t0

    t0 = time.perf_counter()
    render.render_batch(office, [render.BatchJob(ctx, office_dir / f"{i:04d}.docx") for i, ctx in enumerate(data)])
    worker = time.perf_counter() - t0

    mismatches = 0
    for i in range(0, n, max(1, n // 25)):  # spot-check 25 documents: same text, same data stamp
        a, b, c = base_dir / f"{i:04d}.docx", batch_dir / f"{i:04d}.docx", office_dir / f"{i:04d}.docx"
        if not ooxml.document_text(a) == ooxml.document_text(b) == ooxml.document_text(c):
            mismatches += 1
        if render.read_stamp(a)[render.PROP_DATA_SHA] != render.read_stamp(b)[render.PROP_DATA_SHA]:
            mismatches += 1
    return baseline, batch, worker, mismatches


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 500
    repeats = int(argv[2]) if len(argv) > 2 else 3
    template = render.default_template_path()
    info = render.template_info(template)
    data = contexts(n, info.version)
    runs = []
    for _ in range(repeats):
        work = Path(tempfile.mkdtemp(prefix="bench-contracts-"))
        try:
            office = work / "office_template.docx"  # an office's own template: rendered in the worker process
            shutil.copyfile(template, office)
            runs.append(_one_run(n, data, template, office, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    ratios = sorted(b / t for b, t, _, _ in runs)
    costs = sorted(w / t for _, t, w, _ in runs)
    baseline = statistics.median(r[0] for r in runs)
    batch = statistics.median(r[1] for r in runs)
    worker = statistics.median(r[2] for r in runs)
    mismatches = sum(r[3] for r in runs)
    ratio = statistics.median(ratios)
    print(f"contracts: {n}, template {info.version}, {repeats} runs (medians; min–max of the ratios)")
    print(f"docxtpl from scratch, one by one: {baseline:6.2f} s  ({baseline / n * 1000:5.1f} ms/contract)")
    print(f"batch, template prepared once:    {batch:6.2f} s  ({batch / n * 1000:5.1f} ms/contract)")
    print(f"office template, worker process:  {worker:6.2f} s  ({worker / n * 1000:5.1f} ms/contract)")
    print(f"batch vs one by one: {ratio:.1f}x ({ratios[0]:.1f}–{ratios[-1]:.1f})  (target >= {TARGET}x)")
    print(f"worker vs in-process batch: {statistics.median(costs):.2f}x ({costs[0]:.2f}–{costs[-1]:.2f})")
    print(f"text mismatches in spot checks: {mismatches}")
    return 0 if ratio >= TARGET and mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
