"""Benchmark: readiness of 10,000 patents (target ≤ 2 s), against a same-run baseline of merely loading their facts.

    /work/venv/bin/python tests/benchmarks/bench_readiness.py [--patents 10000]

Demo data plus encumbrances on about 10 % of the patents, commitments confirmed on half and sign-offs on a fifth
(so that fingerprints are computed, as in a real office's database).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OPENLIC_HOME"] = tmp
        from sqlalchemy import insert

        from openlic_desktop.services import demo, readiness
        from openlic_desktop.services.workspace import open_workspace
        from openlic_desktop.storage import patents as repo
        from openlic_desktop.storage.models import Patent
        from openlic_desktop.storage.models_readiness import CommitmentConfirmation, Encumbrance, SignOff

        ws = open_workspace(Path(tmp) / "bench.sqlite3", user="bench")
        demo.load_demo(ws, args.patents, seed=11, today=date(2026, 11, 26), office_work=False)
        rng = random.Random(3)
        now = datetime.now(UTC)
        with ws.session() as session:
            ids = list(session.execute(Patent.__table__.select().with_only_columns(Patent.id)).scalars())
            kinds = ("exclusive-licence", "sole-licence", "ordinary-licence", "pledge", "dispute", "transfer")
            session.execute(insert(Encumbrance), [
                {"patent_id": pid, "kind": rng.choice(kinds), "party": "某公司", "registration_no": "", "consent": False,
                     "note": "", "start_date": date(2024, 1, 1), "end_date": date(2028, 1, 1), "created_at": now}
                for pid in rng.sample(ids, len(ids) // 10)])
            half = rng.sample(ids, len(ids) // 2)
            session.execute(insert(CommitmentConfirmation), [
                {"patent_id": pid, "item": f"C{i}", "note": "", "confirmed_by": "bench", "confirmed_at": now}
                for pid in half for i in range(1, 9)])
            session.execute(insert(SignOff), [
                {"patent_id": pid, "role": role, "user": role, "signed_at": now, "fingerprint": "0" * 64}
                for pid in half[: len(ids) // 5] for role in ("preparer", "reviewer")])

        def baseline() -> int:
            with ws.reading() as session:
                return len(repo.get_facts_by_ids(session, ids))

        def full() -> int:
            return len(readiness.check(ws, None))

        def best(fn) -> float:
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
            return min(times)

        full()  # warm caches (profile files, settings)
        base = best(baseline)
        check = best(full)
        by_ids = best(lambda: readiness.check(ws, ids))
        results = readiness.check(ws, None)
        ready = sum(r.ready for r in results)
        column_ids = ids[:200]
        page = best(lambda: readiness.summaries(ws, column_ids))
        ws.close()
    print(f"patents: {args.patents}  ready: {ready}  findings: {sum(len(r.findings) for r in results)}")
    print(f"baseline (load facts of all patents): {base:.3f} s")
    print(f"readiness check of all patents:       {check:.3f} s  (target ≤ 2.0 s)  ratio {check / base:.2f}x")
    print(f"readiness check, 10,000 ids given:     {by_ids:.3f} s  ratio {by_ids / base:.2f}x")
    print(f"readiness column, one page of 200:    {page * 1000:.1f} ms")
    return 0 if max(check, by_ids) <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
