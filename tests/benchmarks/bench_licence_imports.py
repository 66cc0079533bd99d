"""Benchmark: recording a licence from a fresh process (`openlic licence add`, the licence dialog's first use) — the
imports it needs and the whole call — against a baseline source tree measured in the same run (e.g. the commit
before the change: `git archive COMMIT | tar -x -C /tmp/base`).

    python tests/benchmarks/bench_licence_imports.py --baseline /tmp/base [--repeat 5]

One database (30 demo patents, one priced, one licensee) is made once; each run copies it and records the licence
in a fresh process, A (baseline) and B (this tree) alternated. Prints per tree the median and spread of the
import time (services.licensing.licences plus what add_licence imports when called) and of the whole call, B's
medians as ratios of A's, and whether the contract-drafting code (openlic_desktop.documents, python-docx, docxtpl,
cn2an) was loaded.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SETUP = r'''
import sys
from datetime import date
from decimal import Decimal
from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import demo, demo_progress, portfolio, pricing
from openlic_desktop.services.licensing import licensees
from openlic_desktop.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], user="bench")
demo.load_demo(ws, 30, seed=1, today=date(2026, 11, 26), office_work=False)
number = portfolio.list_patents(ws)[0].number.canonical
pricing.price_patents(ws, [number], PricingTerms(PricingMode.LUMP_SUM, amount=Decimal("1000.00"), term_months=36))
uscc = demo_progress.licensee_uscc(0)
licensees.add_licensee(ws, "东海锐创智能科技有限公司", uscc=uscc)
print(number, uscc)
'''

RECORD = r'''
import json, sys, time
from datetime import date
t0 = time.perf_counter()
import sqlalchemy  # the database layer any command loads: not what is measured
t1 = time.perf_counter()
from openlic_desktop.services.licensing import licences
from openlic_desktop.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], user="bench")
before = set(sys.modules)
t2 = time.perf_counter()
number, uscc = sys.argv[2], sys.argv[3]
licences.add_licence(ws, number, uscc, date(2026, 11, 1))
t3 = time.perf_counter()
loaded = set(sys.modules)
print(json.dumps({"call": t3 - t2, "total": t3 - t1,
                  "documents": any(m.startswith("openlic_desktop.documents") for m in loaded),
                  "heavy": sorted({m.split(".")[0] for m in loaded if m.split(".")[0] in ("docx", "docxtpl", "cn2an")}),
                  "added": len(loaded - before)}))
'''


def _run(tree: Path, code: str, *args: str, home: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(tree), OPENLIC_HOME=str(home), PYTHONDONTWRITEBYTECODE="")
    env["XDG_DATA_HOME"] = str(home / "xdg")
    env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=home, check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms (spread {min(values) * 1000:.0f}–{max(values) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", required=True, type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    trees = {"A baseline": args.baseline.resolve(), "B this tree": ROOT}
    for tree in trees.values():  # compiled once, so that no run pays for compiling (PYTHONDONTWRITEBYTECODE)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "openlic_desktop")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        made = home / "made.sqlite3"
        number, uscc = _run(ROOT, SETUP, str(made), home=home).split()
        results: dict[str, list[dict]] = {name: [] for name in trees}
        for run in range(args.repeat):
            for name, tree in trees.items():  # alternated: drift of the machine falls on both
                db = home / f"run{run}-{name[0]}.sqlite3"
                shutil.copyfile(made, db)
                results[name].append(json.loads(_run(tree, RECORD, str(db), number, uscc, home=home)))
        print(f"load average {os.getloadavg()}")
        for name, runs in results.items():
            print(f"{name}: call {_spread([r['call'] for r in runs])}, with the imports {_spread([r['total'] for r in runs])}; "
                  f"documents code loaded: {runs[0]['documents']} {runs[0]['heavy']}, modules the call added: "
                  f"{runs[0]['added']}")
        a, b = results["A baseline"], results["B this tree"]
        for key in ("call", "total"):
            ratios = [y[key] / x[key] for x, y in zip(a, b, strict=True)]
            print(f"B/A {key}: median {statistics.median(ratios):.2f} (spread {min(ratios):.2f}–{max(ratios):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
