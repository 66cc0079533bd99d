"""Benchmark: a submission package of 1,000 ready patents with 300 attached 1 MB PDFs (target: within 20 s), the
time for 250 / 500 / 1,000 patents (linear?), and a same-run baseline — plainly zipping the very same bytes.

    python tests/benchmarks/bench_package.py [--sizes 250,500,1000] [--keep]

Setup (not timed): a fresh database in a temp OPENLIC_HOME, N patents inserted in bulk (70 % inventions, 30 %
utility models, all in force, one patentee), priced, a fee note each, an evaluation report (1 MB PDF-like bytes,
incompressible as real scanned PDFs mostly are) for every utility model, commitments confirmed, signed off by two
people. Timed: `export.preflight` + `export.build` exactly as the CLI and the GUI call them (readiness rules,
information table, commitment letters, fee notes, cover letter, 清单.xlsx, manifest, zip with verification).
Also timed: the same attachments deflated instead of stored (why PDFs are ZIP_STORED).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path


def setup(n: int, reports: int, root: Path):
    os.environ["OPENLIC_HOME"] = str(root / "home")
    from openlic_desktop.domain.identifiers import check_character, parse_application_number
    from openlic_desktop.domain.patent import PatentFacts
    from openlic_desktop.domain.pricing import PricingMode, PricingTerms
    from openlic_desktop.domain.status import Status
    from openlic_desktop.services import attachments, pricing, readiness
    from openlic_desktop.services.workspace import open_workspace
    from openlic_desktop.storage import patents as repo
    from openlic_desktop.support import settings

    cfg = settings.load()
    cfg.office = settings.Office(name="基准大学", address="某市大学路1号", contact_person="王老师",
                                 contact_phone="010-1", contact_email="tto@bench.edu.cn")
    settings.save(cfg)
    ws = open_workspace(root / "bench.sqlite3", user="bench")
    facts = []
    every = max(1, round(n / reports)) if reports else 0
    for i in range(n):
        utility = bool(every) and i % every == every - 1 and sum(1 for f in facts if f.patent_type.value ==
                                                                   "utility_model") < reports
        digits = f"2021{2 if utility else 1}{i:07d}"
        number = parse_application_number(f"{digits}.{check_character(digits)}")
        facts.append(PatentFacts(number, title=f"一种基准测试装置及其方法{i}", filing_date=date(2021, 3, 1),
                                 grant_date=date(2022, 6, 1), status=Status.IN_FORCE, patentees=["基准大学"],
                                 inventors=["张三", "李四"], fees_paid_until=date(2027, 2, 28),
                                 contact_person="王老师", contact_phone="010-1", industry="制造业"))
    with ws.session() as session:
        repo.insert_many(session, facts)
    numbers = [f.number.canonical for f in facts]
    with ws.reading() as session:
        ids_by = repo.ids_by_number(session, numbers)
    ids = [ids_by[x] for x in numbers]
    pricing.set_terms(ws, ids, PricingTerms(PricingMode.LUMP_SUM, amount=30000, term_months=24))
    for pid, number in zip(ids, numbers, strict=True):
        pricing.save_note(ws, pid, "common_rates", {"common_rate": "3"}, f"{number} 的估算说明\n参照本领域通常提成比例。")
    pdf_dir = root / "pdfs"
    pdf_dir.mkdir()
    for i, f in enumerate(x for x in facts if x.patent_type.value == "utility_model"):
        path = pdf_dir / f"r{i}.pdf"
        path.write_bytes(b"%PDF-1.5\n" + os.urandom(1024 * 1024 - 16) + b"\n%%EOF\n")
        attachments.add_attachment(ws, f.number.canonical, path, "evaluation-report", conclusion="favourable",
                                   report_no=f"PJ{i:05d}", report_date=date(2023, 1, 5))
    shutil.rmtree(pdf_dir)
    readiness.confirm_commitments(ws, numbers)
    ws.user = "alice"
    readiness.sign_off(ws, numbers, "preparer")
    ws.user = "bob"
    readiness.sign_off(ws, numbers, "reviewer")
    return ws, numbers


def timed_export(ws, numbers, out: Path):
    from openlic_desktop.services import export

    start = time.perf_counter()
    pre = export.preflight(ws, numbers, "general", date(2026, 11, 26))
    assert len(pre.included) == len(numbers), (len(pre.included), pre.excluded[:3])
    result = export.build(ws, pre, export.ExportOptions(out))
    return time.perf_counter() - start, result


def baseline(package: Path, out: Path, method: int) -> float:
    """Read every entry of the built package and zip the same bytes again with zipfile, nothing else."""
    with zipfile.ZipFile(package) as src:
        items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    start = time.perf_counter()
    with zipfile.ZipFile(out, "w", method) as dst:
        for name, data in items:
            dst.writestr(name, data)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--reports-per-1000", type=int, default=300)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    root = Path(tempfile.mkdtemp(prefix="bench_package_"))
    try:
        biggest = max(sizes)
        reports = args.reports_per_1000 * biggest // 1000
        t0 = time.perf_counter()
        ws, numbers = setup(biggest, reports, root)
        print(f"setup: {biggest} ready patents, {reports} × 1 MB reports in {time.perf_counter() - t0:.1f} s")
        rows = []
        for n in sorted(sizes):
            subset = numbers[:n]  # reports are spread evenly: a subset carries its share
            seconds, result = timed_export(ws, subset, root / f"out{n}")
            base = baseline(result.package, root / f"base{n}.zip", zipfile.ZIP_STORED)
            rows.append((n, seconds, base, result))
            files = len(result.files)
            print(f"{n:5d} patents: build {seconds:6.2f} s | package {result.size / 1048576:7.1f} MB, {files} files"
                  f" | baseline zip of the same bytes {base:5.2f} s | ratio {seconds / base:5.1f}×"
                  f" | {seconds / n * 1000:5.1f} ms/patent")
        n, seconds, base, result = rows[-1]
        deflated = baseline(result.package, root / "deflated.zip", zipfile.ZIP_DEFLATED)
        size_d = (root / "deflated.zip").stat().st_size
        print(f"same bytes deflated instead of stored: {deflated:.2f} s ({deflated / base:.1f}× the stored zip), "
              f"{size_d / 1048576:.1f} MB vs {result.size / 1048576:.1f} MB")
        if len(rows) > 1:
            first = rows[0]
            print(f"linearity: {rows[-1][0] / first[0]:.1f}× the patents took {rows[-1][1] / first[1]:.2f}× the time")
        verdict = "PASS" if seconds <= 20 else "FAIL"
        print(f"target: {n} patents with {reports} × 1 MB PDFs within 20 s → {seconds:.2f} s {verdict}")
        ws.close()
        return 0 if seconds <= 20 else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"kept {root}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
