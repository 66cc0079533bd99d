"""Benchmark: what the keyed audit chain, its anchors and the audited sign-offs cost, each A/B against the same work
without them, alternated in one run (the machine is noisy: medians and spread of --repeat runs).

    python tests/benchmarks/bench_audit_chain.py [--records 150000] [--edits 300] [--patents 10000] [--repeat 3]

A  appending an import-sized trail in one transaction: HMAC-SHA-256 under the key vs plain SHA-256
B  verifying that trail: keyed vs plain
C  single-field edits, one transaction each: with the head anchored outside the database after each vs without
D  readiness of the whole portfolio (a fifth signed off): sign-offs checked against their sealed records vs not

A keyring backend is needed for A and B: keyrings.alt's file backend in a temporary folder (as in the tests).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _ab(name: str, a, b, repeat: int) -> None:
    ta, tb = [], []
    for _ in range(repeat):  # alternated: drift of the machine falls on both
        ta.append(_timed(a))
        tb.append(_timed(b))
    ratios = [x / y for x, y in zip(ta, tb, strict=True)]
    print(f"{name}: with {statistics.median(ta):.3f} s, without {statistics.median(tb):.3f} s, "
          f"ratio {statistics.median(ratios):.2f} (spread {min(ratios):.2f}–{max(ratios):.2f})", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=150_000)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--patents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OPENLIC_HOME"] = tmp
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "xdg")
        import keyring
        import keyrings.alt.file

        keyring.set_keyring(keyrings.alt.file.PlaintextKeyring())
        from sqlalchemy import insert

        from openlic_desktop.services import demo, portfolio, readiness
        from openlic_desktop.services.workspace import open_workspace
        from openlic_desktop.storage import audit
        from openlic_desktop.storage import readiness as stored_readiness
        from openlic_desktop.storage.models import Patent
        from openlic_desktop.storage.models_readiness import SignOff

        entries = [audit.AuditEntry("patent", i, f"2021{i:08d}", "update", "title", f"旧名称{i}", f"新名称{i}")
                   for i in range(args.records)]
        counter = iter(range(10**6))

        def trail(keyed: bool):
            def run() -> None:
                ws = open_workspace(Path(tmp) / f"trail-{next(counter)}.sqlite3", user="bench")
                if not keyed:
                    ws.keys = None  # type: ignore[assignment]
                with ws.session() as session:
                    if not keyed:
                        session.info.pop(audit.KEYS, None)
                    audit.append(session, "bench", "import", entries)
                ws.close()
            return run

        _ab(f"A append {args.records} records", trail(True), trail(False), args.repeat)

        keyed_ws = open_workspace(Path(tmp) / "keyed.sqlite3", user="bench")
        with keyed_ws.session() as session:
            audit.append(session, "bench", "import", entries)
        plain_ws = open_workspace(Path(tmp) / "plain.sqlite3", user="bench")
        plain_ws.keys = None  # type: ignore[assignment]
        with plain_ws.session() as session:
            session.info.pop(audit.KEYS, None)
            audit.append(session, "bench", "import", entries)

        def verify(ws):
            def run() -> None:
                with ws.reading() as session:
                    report = audit.check_chain(session, ws.keys)
                    assert not report.breaks, report.breaks[:3]
            return run

        _ab(f"B verify {args.records} records", verify(keyed_ws), verify(plain_ws), args.repeat)

        ws = open_workspace(Path(tmp) / "office.sqlite3", user="bench")
        demo.load_demo(ws, args.patents, seed=11, today=date(2026, 11, 26), office_work=False)
        number = portfolio.list_patents(ws)[0].number.canonical
        real_anchor = ws.anchor_head
        edit_no = iter(range(10**6))

        def edits(anchored: bool):
            def run() -> None:
                ws.anchor_head = real_anchor if anchored else (lambda **_: None)  # type: ignore[method-assign]
                for _ in range(args.edits):
                    portfolio.set_fields(ws, number, {"contact_person": f"联系人{next(edit_no)}"})
            return run

        _ab(f"C {args.edits} edits", edits(True), edits(False), args.repeat)
        ws.anchor_head = real_anchor  # type: ignore[method-assign]

        now = datetime.now(UTC)
        with ws.session() as session:
            ids = list(session.execute(Patent.__table__.select().with_only_columns(Patent.id)).scalars())
            session.execute(insert(SignOff), [
                {"patent_id": pid, "role": role, "user": role, "signed_at": now, "fingerprint": "0" * 64}
                for pid in ids[: len(ids) // 5] for role in ("preparer", "reviewer")])
        real_sealed = stored_readiness._sealed_fingerprints

        def check(audited: bool):
            def run() -> None:
                stored_readiness._sealed_fingerprints = real_sealed if audited else (lambda s, r: None)
                assert len(readiness.check(ws, None)) == len(ids)
            return run

        _ab(f"D readiness of {len(ids)} patents", check(True), check(False), args.repeat)
        stored_readiness._sealed_fingerprints = real_sealed
        for w in (keyed_ws, plain_ws, ws):
            w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
