"""Benchmark (issue 2): the portfolio window with 100,000 patents.

Measures, in a fresh GUI process (offscreen): opening the database and showing the first screen of rows after the
window exists; one search keystroke re-filtering the table (a Chinese title substring, a number prefix), median
over several keystrokes; the peak memory (max RSS) of the GUI process. Baseline in the same run: reading all
100,000 ids with plain sqlite3. Targets: first rows < 1 s, keystroke median < 100 ms, GUI process < 400 MB.

    python tests/benchmarks/bench_portfolio.py [--patents 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHILD = r'''
import json, os, resource, statistics, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], user="bench", source="gui")
t0 = time.perf_counter()
window = MainWindow(ws, lang="zh")
window.resize(1360, 820)
window.show()
app.processEvents()
window.table.viewport().repaint()
first_rows = time.perf_counter() - t0
assert window.model.rowCount() > 0

def keystrokes(text):
    times = []
    window.search_edit.clear(); app.processEvents()
    for i in range(1, len(text) + 1):
        t = time.perf_counter()
        window.search_edit.setText(text[:i])
        window.table.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - t)
    return times, window.model.rowCount()

zh_times, zh_rows = keystrokes("锂离子电池正极")
num_times, num_rows = keystrokes("ZL2019")
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"first_rows_s": first_rows, "zh_ms": [t * 1000 for t in zh_times], "zh_rows": zh_rows,
                  "num_ms": [t * 1000 for t in num_times], "num_rows": num_rows, "rss_mb": rss_mb}))
'''


def build(db: Path, n: int) -> float:
    from datetime import date

    from openlic_desktop.services import demo
    from openlic_desktop.services.workspace import open_workspace

    t = time.perf_counter()
    ws = open_workspace(db, user="bench")
    demo.load_demo(ws, n, seed=42, today=date(2026, 11, 26))
    ws.close()
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patents", type=int, default=100_000)
    args = parser.parse_args()
    import sqlite3
    import statistics

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OPENLIC_HOME"] = tmp
        db = Path(tmp) / "bench.sqlite3"
        built = build(db, args.patents)
        t = time.perf_counter()
        con = sqlite3.connect(db)
        ids = con.execute("select id from patents order by number_sort").fetchall()
        con.close()
        baseline = time.perf_counter() - t
        out = subprocess.run([sys.executable, "-c", CHILD, str(db)], capture_output=True, text=True,
                             env=dict(os.environ, OPENLIC_HOME=tmp), timeout=600)
        if out.returncode != 0:
            sys.exit(out.stderr)
        r = json.loads(out.stdout.strip().splitlines()[-1])
    zh_median = statistics.median(r["zh_ms"])
    num_median = statistics.median(r["num_ms"])
    print(f"portfolio benchmark, {args.patents:,} patents (demo data built in {built:.1f} s)")
    print(f"  baseline: all {len(ids):,} ids sorted, plain sqlite3      {baseline * 1000:8.1f} ms")
    print(f"  first rows on screen after the window exists      {r['first_rows_s'] * 1000:8.1f} ms   "
          f"(target < 1000 ms; {r['first_rows_s'] / baseline:.1f}× the baseline)")
    print(f"  search keystroke, Chinese substring (median of {len(r['zh_ms'])})  {zh_median:8.1f} ms   "
          f"(target < 100 ms; max {max(r['zh_ms']):.1f} ms; {r['zh_rows']} rows at the end)")
    print(f"  search keystroke, number prefix (median of {len(r['num_ms'])})     {num_median:8.1f} ms   "
          f"(target < 100 ms; max {max(r['num_ms']):.1f} ms; {r['num_rows']} rows at the end)")
    print(f"  peak memory of the GUI process                    {r['rss_mb']:8.1f} MB   (target < 400 MB)")


if __name__ == "__main__":
    main()
