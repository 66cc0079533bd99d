"""Micro-benchmark: the per-row normalising cost of an import (intake.records), issue 3.

    /work/venv/bin/python tests/benchmarks/bench_parse_rows.py [--rows 50000]

Writes the same realistic .xlsx as bench_import.py (demo portfolio, seed 11), reads it back with python-calamine
(so the cells are exactly what calamine gives: str, float, date/datetime, ''), then times, in the same run:

  calamine    merely reading every row (the import target's baseline)
  reference   the original parse_row (kept in tests/unit/test_intake_parse_speedups.py) over every row
  parse_row   today's parse_row (a thin wrapper building a RowParser per call)
  RowParser   one RowParser for the whole sheet, .parse() per row (the importer's fast path)
  +signature  RowParser plus row_signature per row (what the importer's duplicate check adds)

Wall (perf_counter) and CPU (process_time) µs per row, and ratios to the reference and to calamine's read.
Not collected by pytest (file name bench_*).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "unit"))

from bench_import import TODAY, write_workbook


def _timed(fn) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50000)
    args = parser.parse_args()

    import python_calamine
    from test_intake_parse_speedups import ref_parse_row

    from openlic_desktop.intake.headers import find_header_row
    from openlic_desktop.intake.records import RowParser, parse_row, row_signature

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        write_workbook(path, args.rows)

        def read() -> None:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            for _row in book.get_sheet_by_index(0).iter_rows():
                pass
            book.close()

        base_wall, base_cpu = _timed(read)
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        rows = list(book.get_sheet_by_index(0).iter_rows())
        book.close()
    header_index, mapping = find_header_row(rows[:30])
    data = [(i + 1, r) for i, r in enumerate(rows) if i > header_index]
    today = TODAY
    n = len(data)

    def run_ref() -> None:
        for number, cells in data:
            ref_parse_row(cells, mapping, number, today)

    def run_wrapper() -> None:
        for number, cells in data:
            parse_row(cells, mapping, number, today)

    def run_fast() -> None:
        parse = RowParser(mapping, today).parse
        for number, cells in data:
            parse(cells, number)

    def run_fast_sig() -> None:
        parse = RowParser(mapping, today).parse
        for number, cells in data:
            parsed = parse(cells, number)
            if parsed.rejection is None and parsed.skip is None:
                row_signature(parsed)

    # same results, checked before timing
    fast = RowParser(mapping, today)
    mismatches = sum(ref_parse_row(c, mapping, i, today) != fast.parse(c, i) for i, c in data)
    print(f"rows {n}, mismatches against the reference: {mismatches}")

    figures = {"calamine read": (base_wall, base_cpu)}
    for name, fn in (("reference parse_row", run_ref), ("parse_row (wrapper)", run_wrapper),
                     ("RowParser.parse", run_fast), ("RowParser + row_signature", run_fast_sig)):
        figures[name] = _timed(fn)
    ref_wall, ref_cpu = figures["reference parse_row"]
    print(f"{'':28} {'wall µs/row':>12} {'CPU µs/row':>11} {'×ref (CPU)':>11} {'×calamine (wall)':>17}")
    for name, (wall, cpu) in figures.items():
        print(f"{name:28} {wall / n * 1e6:12.2f} {cpu / n * 1e6:11.2f} {cpu / ref_cpu:11.2f} "
              f"{wall / base_wall:17.2f}")
    fast_wall, fast_cpu = figures["RowParser.parse"]
    print(f"speed-up RowParser vs reference: wall {ref_wall / fast_wall:.1f}×, CPU {ref_cpu / fast_cpu:.1f}×")


if __name__ == "__main__":
    main()
