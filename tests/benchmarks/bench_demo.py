"""Benchmark: loading the demo (`openlic demo`, the first-start dialog) — the patents, the books and the dozen
taken through the office's work — at 300 and 20,000 patents, against a baseline source tree measured in the same
run (e.g. main before the change: `git archive main | tar -x -C /tmp/base`).

    python tests/benchmarks/bench_demo.py [--patents 300,20000] [--repeat 3] [--baseline /tmp/base]

Each load runs in a fresh process in a fresh home and database; A (baseline) and B (this tree) alternate. Prints
per size the median and spread of each and B's median as a ratio of A's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LOAD = r'''
import sys, time
from datetime import date
from openlic_desktop.services import demo
from openlic_desktop.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], user="bench")
t = time.perf_counter()
demo.load_demo(ws, int(sys.argv[2]), seed=1, today=date(2026, 11, 26))
print(time.perf_counter() - t)
ws.close()
'''


def once(source: Path, count: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        env = dict(os.environ, PYTHONPATH=str(source), OPENLIC_HOME=str(home), XDG_DATA_HOME=str(home / "xdg"),
                   OPENLIC_LANG="zh")
        env.pop("OPENLIC_DB", None)
        done = subprocess.run([sys.executable, "-c", LOAD, str(Path(folder) / "demo.sqlite3"), str(count)],
                              env=env, capture_output=True, text=True, check=True)
        return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patents", default="300,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a source tree to compare with (its openlic_desktop)")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}")
    for count in map(int, args.patents.split(",")):
        times: dict[str, list[float]] = {"A": [], "B": []}
        for _ in range(args.repeat):
            if args.baseline:
                times["A"].append(once(args.baseline, count))
            times["B"].append(once(ROOT, count))
        for name, values in times.items():
            if values:
                print(f"{count:>7} {name}: median {statistics.median(values):.2f} s, spread "
                      f"{min(values):.2f}–{max(values):.2f} s ({len(values)} runs)")
        if times["A"]:
            print(f"{count:>7} B/A: {statistics.median(times['B']) / statistics.median(times['A']):.2f}")
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
