"""Micro-benchmark: the per-row normalising cost of an import (intake.records), issue 3.

    /work/venv/bin/python tests/benchmarks/bench_parse_rows.py [--rows 50000] [--repeat 3]

Writes the same realistic .xlsx as bench_import.py (demo portfolio, seed 11) and reads it with python-calamine, so
the cells are exactly what calamine gives (str, float, date/datetime, ''). Then, in the same run, each pass
streaming the rows the way the importer does (read a row, parse it, drop it):

  calamine    merely reading every row (the import target's baseline)
  reference   reading + the original parse_row (kept in tests/unit/test_intake_row_parser.py)
  RowParser   reading + one RowParser for the sheet, .parse() per row (the importer's fast path)
  +signature  the same plus row_signature per kept row (what the importer's duplicate check adds)

Per row: wall (perf_counter) and CPU (process_time) µs with the reading subtracted (the normalising cost itself),
the best of --repeat passes; the speed-up over the reference; and the whole pass against calamine's read.
Before timing, every row is parsed both ways and compared. Not collected by pytest (file name bench_*).
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import python_calamine
    from test_intake_row_parser import ref_parse_row

    from openlic_desktop.intake.headers import find_header_row
    from openlic_desktop.intake.records import RowParser, row_signature

    today = TODAY
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        write_workbook(path, args.rows)

        def rows():
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            try:
                yield from enumerate(book.get_sheet_by_index(0).iter_rows(), start=1)
            finally:
                book.close()

        header = [cells for _, cells in zip(range(30), (r for _, r in rows()), strict=False)]
        header_index, mapping = find_header_row(header)
        first = header_index + 2  # sheet row number of the first data row

        # the same results, row by row, before any timing
        fast = RowParser(mapping, today)
        count = mismatches = 0
        for number, cells in rows():
            if number >= first:
                count += 1
                mismatches += ref_parse_row(cells, mapping, number, today) != fast.parse(cells, number)
        print(f"rows {count}, results differing from the reference: {mismatches}")

        def read() -> None:
            for _number, _cells in rows():
                pass

        def reference() -> None:
            for number, cells in rows():
                if number >= first:
                    ref_parse_row(cells, mapping, number, today)

        def row_parser() -> None:
            parse = RowParser(mapping, today).parse
            for number, cells in rows():
                if number >= first:
                    parse(cells, number)

        def with_signature() -> None:
            parse = RowParser(mapping, today).parse
            for number, cells in rows():
                if number >= first:
                    parsed = parse(cells, number)
                    if parsed.rejection is None and parsed.skip is None:
                        row_signature(parsed)

        runs = {"calamine read": read, "reference parse_row": reference,
                "RowParser.parse": row_parser, "RowParser + row_signature": with_signature}
        best: dict[str, tuple[float, float]] = {name: (float("inf"), float("inf")) for name in runs}
        for _ in range(args.repeat):  # interleaved, so a busy moment on the shared machine hits all alike
            for name, fn in runs.items():
                start, cpu = time.perf_counter(), time.process_time()
                fn()
                wall, cpu = time.perf_counter() - start, time.process_time() - cpu
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))

    base_wall, base_cpu = best["calamine read"]
    ref_wall = best["reference parse_row"][0] - base_wall
    ref_cpu = best["reference parse_row"][1] - base_cpu
    print(f"calamine read: {base_wall / count * 1e6:.2f} µs/row wall, {base_cpu / count * 1e6:.2f} CPU "
          f"({base_wall:.2f} s)")
    print(f"{'normalising, per row':28} {'wall µs':>8} {'CPU µs':>8} {'speed-up':>9} {'pass ×calamine':>15}")
    for name in list(runs)[1:]:
        wall, cpu = best[name][0] - base_wall, best[name][1] - base_cpu
        print(f"{name:28} {wall / count * 1e6:8.2f} {cpu / count * 1e6:8.2f} {ref_cpu / cpu:8.1f}× "
              f"{best[name][0] / base_wall:15.2f}")
    fast_wall = best["RowParser.parse"][0] - base_wall
    fast_cpu = best["RowParser.parse"][1] - base_cpu
    print(f"RowParser against the reference: wall {ref_wall / fast_wall:.1f}×, CPU {ref_cpu / fast_cpu:.1f}×")


if __name__ == "__main__":
    main()
