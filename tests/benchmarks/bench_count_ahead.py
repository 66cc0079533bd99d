"""Benchmark: the dashboard tab opened DELAY ms after the window at 100,000 patents, in a cold home (no saved
count, no backup of the day: the daily backup, queued 1.5 s after the window opens, copies the whole file) — this
tree against another tree of the code (`--before DIR`, e.g. from `git archive`), alternated in fresh processes.

    git archive 464d709 openlic_desktop | tar -x -C /tmp/before
    python tests/benchmarks/bench_count_ahead.py --before /tmp/before [--db /tmp/bench.sqlite3] [--repeat 4]

The window's run is bench_dashboard's (its DASHBOARD script and its portfolio). Without `--before` it measures
this tree alone. Prints each run, then median and spread per tree, and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_dashboard as B  # beside this file

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="the portfolio (made when missing; bench_dashboard's, not --heavy)")
    parser.add_argument("--patents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--delay", default="1500", help="ms between the window shown and the tab opened")
    parser.add_argument("--before", help="another tree of the code (holding openlic_desktop/) to compare with")
    args = parser.parse_args()
    trees = {"this": ROOT, **({"before": Path(args.before)} if args.before else {})}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.sqlite3"
        if not db.exists():
            t = time.perf_counter()
            B.build(db, args.patents, False)
            print(f"built {args.patents} patents in {time.perf_counter() - t:.0f} s")
        for tree in trees.values():  # no process pays for compiling (PYTHONDONTWRITEBYTECODE)
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "openlic_desktop")], check=True)
        times: dict[str, list[float]] = {name: [] for name in trees}
        for n in range(args.repeat):
            order = list(trees) if n % 2 == 0 else list(reversed(trees))
            for name in order:
                home = Path(tempfile.mkdtemp(dir=tmp, prefix=f"cold-{name}-"))
                env = dict(os.environ, PYTHONPATH=str(trees[name]), OPENLIC_HOME=str(home))
                out = subprocess.run([sys.executable, "-c", B.DASHBOARD, str(db), args.delay], capture_output=True,
                                     text=True, cwd=trees[name], env=env, timeout=900, check=False)
                if out.returncode != 0:
                    raise SystemExit(f"failed ({name}):\n{out.stderr}")
                opened = json.loads(out.stdout.strip().splitlines()[-1])["opened_s"]
                backed_up = any(home.rglob("*.sqlite3"))
                shutil.rmtree(home, ignore_errors=True)
                times[name].append(opened)
                print(f"{name:<7} {opened:7.3f} s{'' if backed_up else '  (no backup made)'}", flush=True)
        for name, values in times.items():
            print(f"{name:<7} tab opened {args.delay} ms after the window → drawn: median "
                  f"{statistics.median(values):.3f} s (spread {min(values):.3f}–{max(values):.3f})")
        print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
