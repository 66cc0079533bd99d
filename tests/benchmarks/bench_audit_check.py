"""Benchmark: the window's opening audit check on a 100,000-patent database, the chain walked a chunk at a time
(stoppable, resumable) against the walk it replaced (storage/audit.py of a commit before the change, loaded beside
this tree's), alternated in one run; the machine is noisy: medians and spread of --repeat runs.

    python tests/benchmarks/bench_audit_check.py [--db /tmp/s4q/dash.sqlite3] [--records 100000] [--repeat 3]

The database is COPIED to a temporary folder (the original is never opened for writing); an import-sized trail of
--records records (one per patent, as importing the portfolio writes) is appended to the copy, sealed with a key
in a temporary keyring. Measured, old vs new:
  time      the whole check (chain, sign-offs against their records, the anchored head)
  peak      Python memory at the peak of the check (tracemalloc, a separate pass)
  wait      how long a click queued during the check waits for the worker: the old walk could not stop (the
            whole walk); the new one stops at its next chunk (the longest gap between two of its stop questions)
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OLD_COMMIT = "42831d59849b99a5bfcf3eff07a6b32a859d5908"  # main before the chunked walk


def _old_audit_module():
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_COMMIT}:openlic_desktop/storage/audit.py"],
                            check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_audit.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_audit", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_audit"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} (spread {min(values):.3f}–{max(values):.3f})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/s4q/dash.sqlite3")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OPENLIC_HOME"] = tmp
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "xdg")
        import keyring
        import keyrings.alt.file

        keyring.set_keyring(keyrings.alt.file.PlaintextKeyring())
        from openlic_desktop.services import audit_trail
        from openlic_desktop.services.workspace import open_workspace
        from openlic_desktop.storage import audit
        from openlic_desktop.support import anchors

        old = _old_audit_module()
        copy = Path(tmp) / "copy.sqlite3"
        shutil.copyfile(args.db, copy)
        ws = open_workspace(copy, user="bench")
        with ws.session() as session:
            audit.append(session, "bench", "import", [
                audit.AuditEntry("patent", i, f"2021{i:08d}", "create", "title", None, f"一种测试方法{i}")
                for i in range(args.records)])
        heads = [audit.Head.from_json(anchors.get(ws.location))]

        def old_check():
            with ws.reading() as session:
                report = old.check_chain(session, ws.keys)
                for anchored in heads:
                    report.breaks.extend(old.check_head(session, anchored))
            return report.count, len(report.breaks)

        asks: list[float] = []

        def new_check():
            asks.clear()
            asks.append(time.perf_counter())
            report = audit_trail.verify(ws, stop=lambda: asks.append(time.perf_counter()) or False)
            asks.append(time.perf_counter())
            return report.records, len(report.breaks)

        assert old_check() == new_check(), (old_check(), new_check())
        print(f"trail: {new_check()[0]} records, {new_check()[1]} breaks (same for both); load {os.getloadavg()}")
        t_old, t_new, waits = [], [], []
        for _ in range(args.repeat):  # alternated: drift of the machine falls on both
            t = time.perf_counter()
            old_check()
            t_old.append(time.perf_counter() - t)
            t = time.perf_counter()
            new_check()
            t_new.append(time.perf_counter() - t)
            waits.append(max(b - a for a, b in zip(asks, asks[1:], strict=False)))
        ratios = [n / o for n, o in zip(t_new, t_old, strict=True)]
        print(f"time  old {_spread(t_old)} s, new {_spread(t_new)} s; new/old {_spread(ratios)}")
        wait_ratios = [w / o for w, o in zip(waits, t_old, strict=True)]
        print(f"wait  old (the whole walk) {_spread(t_old)} s, new (one chunk) {_spread(waits)} s; "
              f"new/old {_spread(wait_ratios)}")

        def peak(fn) -> int:
            tracemalloc.start()
            try:
                fn()
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        p_old, p_new = [], []
        for _ in range(args.repeat):
            p_old.append(peak(old_check) / 1e6)
            p_new.append(peak(new_check) / 1e6)
        print(f"peak  old {_spread(p_old)} MB, new {_spread(p_new)} MB; "
              f"new/old {_spread([n / o for n, o in zip(p_new, p_old, strict=True)])}; load {os.getloadavg()}")
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
