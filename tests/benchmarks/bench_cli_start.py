"""Benchmark: how long an `openlic` call takes to start, against a bare Python start in the same run.

    python tests/benchmarks/bench_cli_start.py [--repeat 9] [--openlic PATH]

Measures, interleaved round by round (so a burst of load on the shared machine hits all alike), wall time of:

  baseline   python -c pass                      (the interpreter's own start: the floor of any call)
  version    openlic --version                   (target ≤ 0.3 s here)
  show       openlic show NUMBER --json          (a database opened, one patent read; target ≤ 0.6 s here)
  patents    openlic patents --json              (300 patents listed)

and prints the median, the spread (min–max) and each median's ratio to the baseline's median. Also prints CPU time
(user + system, children) per call, which load on the machine inflates less than wall time. The program measured is
the `openlic` beside this Python (the venv's console script) unless --openlic says otherwise.
Not collected by pytest (file name bench_*).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--openlic", default=str(Path(sys.executable).with_name("openlic")))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-cli-start-") as tmp:
        env = dict(os.environ, OPENLIC_HOME=str(Path(tmp) / "home"), OPENLIC_LANG="zh")
        db = str(Path(tmp) / "bench.sqlite3")
        subprocess.run([args.openlic, "--db", db, "demo", "--patents", "300", "--seed", "1"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        listed = subprocess.run([args.openlic, "--db", db, "patents", "--json"], env=env, check=True,
                                capture_output=True, text=True, encoding="utf-8").stdout
        number = json.loads(listed)[0]["application_number"]
        cases = {
            "baseline": [sys.executable, "-c", "pass"],
            "version": [args.openlic, "--version"],
            "show": [args.openlic, "--db", db, "show", number, "--json"],
            "patents": [args.openlic, "--db", db, "patents", "--json"],
        }
        for cmd in cases.values():  # warm the file cache and the .pyc files once
            timed(cmd, env)
        walls: dict[str, list[float]] = {name: [] for name in cases}
        cpus: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.repeat):
            for name, cmd in cases.items():
                wall, cpu = timed(cmd, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
    base = statistics.median(walls["baseline"])
    base_cpu = statistics.median(cpus["baseline"])
    print(f"{args.repeat} rounds; load average now {os.getloadavg()[0]:.2f}")
    print(f"{'case':<10}{'median s':>10}{'min–max s':>16}{'× baseline':>12}{'CPU s':>9}{'CPU ×':>8}")
    for name in cases:
        median, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        spread = f"{min(walls[name]):.3f}–{max(walls[name]):.3f}"
        print(f"{name:<10}{median:>10.3f}{spread:>16}{median / base:>12.1f}{cpu:>9.3f}{cpu / base_cpu:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
