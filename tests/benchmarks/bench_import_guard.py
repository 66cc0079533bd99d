"""Benchmark: opening a workbook up to the start of its sheet's load, with its used range scanned or remembered.

    python tests/benchmarks/bench_import_guard.py [--rows 50000] [--rounds 9]

It writes bench_import's messy .xlsx, then alternates in each round, in this process:

  scanned     open_spreadsheet + used_range + the file's SHA-256, with intake.checked_sheets' store forgotten
              first: what a file the program has not seen costs before python-calamine may load it (the scan,
              and remembering its range)
  remembered  the same with the range remembered: what an unchanged re-import (or the import after the
              wizard's preview, or after a dry run) costs there
  hash only   the file's SHA-256 alone (which the import history records either way)

Each figure: median of the rounds, min–max, and the load average. The difference between the first two is what
an unchanged re-import saves on its critical path: the sheet's load starts only after the guard. Not collected by
pytest (file name bench_*).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_import  # next to this file, not a package


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_guard_") as tmp:
        os.environ["OPENLIC_HOME"] = str(Path(tmp) / "home")
        from openlic_desktop.intake import checked_sheets
        from openlic_desktop.intake.readers import open_spreadsheet
        from openlic_desktop.support import files

        path = Path(tmp) / "messy.xlsx"
        bench_import.write_workbook(path, args.rows)

        def opened() -> None:
            with open_spreadsheet(path) as book:
                book.used_range()
                book.sha256()

        def scanned() -> None:
            bench_import.forget_checked_sheets()
            opened()

        ways = {"scanned": scanned, "remembered": opened, "hash only": lambda: files.file_sha256(path)}
        opened()  # warm the page cache and the imports
        times: dict[str, list[float]] = {name: [] for name in ways}
        for _round in range(args.rounds):
            for name, way in ways.items():
                start = time.perf_counter()
                way()
                times[name].append(time.perf_counter() - start)
    print(f"{args.rows:,} rows, {args.rounds} rounds alternated; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs")
    for name, values in times.items():
        print(f"  {name:10s} {statistics.median(values) * 1000:7.1f} ms ({min(values) * 1000:.1f}–"
              f"{max(values) * 1000:.1f})")


if __name__ == "__main__":
    main()
