"""Benchmark: the daily backup and a restore of a large database (issue 8).

    /work/venv/bin/python tests/benchmarks/bench_backup.py [--patents 50000]

Fills one database with the demo portfolio, then measures in the same run:

  baseline   copying the database file with shutil.copyfile (what a naive backup would do; not consistent
             while the database is open, which is why we do not use it)
  backup     services.backup.daily_backup (SQLite online backup API into a temporary file, renamed; prune)
  restore    services.backup.restore (checks, safety copy of the current file, backup API into the database)

and prints each figure with its ratio to the baseline. Not collected by pytest (file name bench_*).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patents", type=int, default=50_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        os.environ["OPENLIC_HOME"] = str(Path(tmp) / "home")
        from openlic_desktop.services import backup, demo
        from openlic_desktop.services.workspace import open_workspace

        db_file = Path(tmp) / "big.sqlite3"
        ws = open_workspace(db_file, user="bench")
        start = time.perf_counter()
        demo.load_demo(ws, args.patents, seed=7, today=date(2026, 11, 26))
        fill = time.perf_counter() - start
        ws.close()
        ws = open_workspace(db_file, user="bench")  # open, as the GUI has it when the backup runs
        size_mb = db_file.stat().st_size / 1_048_576

        start = time.perf_counter()
        shutil.copyfile(db_file, Path(tmp) / "plain-copy.sqlite3")
        baseline = time.perf_counter() - start

        start = time.perf_counter()
        made = backup.daily_backup(ws, today=date(2026, 11, 26))
        took_backup = time.perf_counter() - start
        ws.close()

        start = time.perf_counter()
        backup.restore(db_file, made.path)
        took_restore = time.perf_counter() - start

        print(f"database: {args.patents} patents, {size_mb:.1f} MB (filled in {fill:.1f} s)")
        print(f"baseline  shutil.copyfile     {baseline * 1000:8.1f} ms   1.00×")
        print(f"backup    daily_backup        {took_backup * 1000:8.1f} ms   {took_backup / baseline:5.2f}×")
        print(f"restore   restore (+ safety)  {took_restore * 1000:8.1f} ms   {took_restore / baseline:5.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
