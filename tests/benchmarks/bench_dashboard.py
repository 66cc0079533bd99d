"""Benchmark: the statistics at 100,000 patents — `openlic stats --json`, the dashboard, readiness of the whole
portfolio — each against a plain SQL GROUP BY of the same counts, measured in the same run.

    python tests/benchmarks/bench_dashboard.py [--patents 100000] [--repeat 3] [--heavy] [--delays 0,500,1500]

The portfolio: the demo's 100,000 patents plus an office's work on them — encumbrances on 2 %, commitments
confirmed on 5 % and signed off on 3 %, pricing on 5 %, 2 % sent to a bureau (2,000; a quarter of them
published), 1,000 licences with payments. `--heavy` instead uses bench_readiness's load (encumbrances on 10 %,
commitments on half, sign-offs on a fifth of all patents).

Each figure is measured in a fresh process (so peak RSS is its own), `--repeat` times; median and spread are
printed, and the ratio of the median to the baseline's median. The statistics are measured twice: "counted" in a
home with no saved count (the first count of a day, or after any change) and "saved" where the same data was
counted before (services.statistics_store reads that count back). Targets (issue): stats ≤ 1 s; dashboard drawn
≤ 500 ms after the data is open, refreshed ≤ 300 ms after a batch action; readiness ≤ 5 s with peak RSS ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics as stats_module
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)

BASELINE = r'''
import json, sqlite3, sys, time
t = time.perf_counter()
con = sqlite3.connect(sys.argv[1])
rows = con.execute("""SELECT patent_type, department, substr(filing_date, 1, 4),
    CASE WHEN status IN ('in_force', 'unknown') AND expiry_date < ? THEN 'expired' ELSE status END, count(*)
    FROM patents GROUP BY 1, 2, 3, 4""", (sys.argv[2],)).fetchall()
licences = con.execute("SELECT substr(effective_date, 1, 7), count(*) FROM licences GROUP BY 1").fetchall()
modes = con.execute("SELECT mode, count(*) FROM pricing_terms GROUP BY 1").fetchall()
print(json.dumps({"s": time.perf_counter() - t, "groups": len(rows)}))
'''

STATS = r'''
import json, os, resource, sys, time
from datetime import date
t0 = time.perf_counter()
from openlic_desktop.services import statistics
from openlic_desktop.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], user="bench")
t = time.perf_counter()
saves = []  # a fresh count is saved after its JSON is out, as `openlic stats` does
data = statistics.compute(ws, today=date.fromisoformat(sys.argv[2]), saves=saves).to_json()
text = json.dumps(data, ensure_ascii=False)
out_s = time.perf_counter() - t
for save in saves:
    save()
print(json.dumps({"s": time.perf_counter() - t, "out_s": out_s, "with_imports_s": time.perf_counter() - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "funnel": [s["patents"] for s in data["funnel"]]}))
'''

READINESS = r'''
import json, resource, sys, time
from datetime import date
from openlic_desktop.services import readiness
from openlic_desktop.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], user="bench")
t = time.perf_counter()
results = readiness.check(ws, None, today=date.fromisoformat(sys.argv[2]))
print(json.dumps({"s": time.perf_counter() - t, "patents": len(results), "ready": sum(r.ready for r in results),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
'''

DASHBOARD = r'''
import json, os, resource, sys, time
from datetime import date
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import readiness, statistics
from openlic_desktop.services.workspace import open_workspace
import atexit, shutil, sqlite3, tempfile
# the batch action below writes: work on a copy, so that every run measures the same portfolio; the copy (100 MB)
# is removed however the run ends
folder = tempfile.mkdtemp(prefix="bench-dashboard-")
atexit.register(shutil.rmtree, folder, True)
copy = os.path.join(folder, "copy.sqlite3")
source = sqlite3.connect(sys.argv[1]); target = sqlite3.connect(copy); source.backup(target)
source.close(); target.close()
ws = open_workspace(copy, user="bench", source="gui")
# the window opens on the table (the tab last shown is remembered: a home copied from an earlier run would open on
# the dashboard and count at once), and the dashboard tab is opened argv[2] ms later
from openlic_desktop.gui.dashboard.dashboard_view import _settings
_settings().setValue("dashboard/tab", 0)
_settings().sync()
window = MainWindow(ws, lang="zh")
window.resize(1360, 900)
window.show()
app.processEvents()
view = window.dashboard
# the user opens the tab this long after the window (the figures are counted ahead meanwhile)
until = time.perf_counter() + int(sys.argv[2]) / 1000
while time.perf_counter() < until:
    app.processEvents()
    time.sleep(0.001)

def painted():
    app.processEvents()
    view.content.repaint()
    for card in view.cards.values():
        card.view.viewport().repaint()

# open: from showing the tab to the figures drawn (computed on the worker)
t = time.perf_counter()
window.central_tabs.setCurrentIndex(1)
while view.busy or view.stats is None:
    app.processEvents()
    time.sleep(0.001)
painted()
opened = time.perf_counter() - t
stats = view.stats
# drawn: the figures already there (computed), drawn again from scratch
for widget in list(view.cards.values()):
    view.grid.removeWidget(widget); widget.deleteLater()
view.cards.clear(); app.processEvents()
t = time.perf_counter()
view.show_stats(stats)
painted()
drawn = time.perf_counter() - t
# a batch action: confirm all commitments of 100 eligible patents (an op, as the Batch menu runs it); the
# dashboard, shown again, reads from the audit trail what changed and judges those patents again
# (a small portfolio may have fewer than 100 eligible patents, or none: then patents in force not yet eligible,
# whose missing items are confirmed all the same, make up the batch)
ids = sorted(stats.standings, key=lambda pid: (stats.standings[pid].stage != 2, pid))
ids = [pid for pid in ids if stats.standings[pid].stage in (1, 2)][:100]
assert ids, "no patent in force below committed: nothing for the batch action to change"
window.central_tabs.setCurrentIndex(0)
from openlic_desktop.gui import ops
ops.Op(window, lambda: readiness.confirm_commitments(ws, ids, source="gui"),
       changes=ops.Changes.of(ids, ops.COMMITMENTS)).run()
window.tasks.wait()
app.processEvents()
assert view.stale
t = time.perf_counter()
window.central_tabs.setCurrentIndex(1)
while view.busy:
    app.processEvents()
    time.sleep(0.001)
painted()
refreshed = time.perf_counter() - t
window.tasks.wait(); app.processEvents()
assert view.stats.audit_mark > stats.audit_mark and view.stats is not stats
print(json.dumps({"opened_s": opened, "drawn_s": drawn, "refreshed_s": refreshed,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
window.close(); app.processEvents(); ws.close()
'''


def build(db: Path, patents: int, heavy: bool) -> None:
    os.environ["OPENLIC_HOME"] = str(db.parent / "home")
    sys.path.insert(0, str(ROOT))
    from decimal import Decimal

    from sqlalchemy import insert, select

    from openlic_desktop.services import demo
    from openlic_desktop.services.workspace import open_workspace
    from openlic_desktop.storage.models import Patent
    from openlic_desktop.storage.models_licensing import Licence, LicencePayment, Licensee
    from openlic_desktop.storage.models_packages import Batch, Submission, SubmissionPatent
    from openlic_desktop.storage.models_pricing import PricingTermsRow
    from openlic_desktop.storage.models_readiness import CommitmentConfirmation, Encumbrance, SignOff

    ws = open_workspace(db, user="bench")
    demo.load_demo(ws, patents, seed=11, today=TODAY, office_work=False)
    rng = random.Random(3)
    now = datetime.now(UTC)
    share = (0.10, 0.5, 0.2) if heavy else (0.02, 0.05, 0.03)
    with ws.session() as session:
        ids = list(session.execute(select(Patent.id, Patent.application_number)))
        pids = [pid for pid, _ in ids]
        kinds = ("exclusive-licence", "sole-licence", "ordinary-licence", "pledge", "dispute", "transfer")
        session.execute(insert(Encumbrance), [
            {"patent_id": pid, "kind": rng.choice(kinds), "party": "某公司", "registration_no": "", "consent": False,
             "note": "", "start_date": date(2024, 1, 1), "end_date": date(2028, 1, 1), "created_at": now}
            for pid in rng.sample(pids, int(len(pids) * share[0]))])
        committed = rng.sample(pids, int(len(pids) * share[1]))
        session.execute(insert(CommitmentConfirmation), [
            {"patent_id": pid, "item": f"C{i}", "note": "", "confirmed_by": "bench", "confirmed_at": now}
            for pid in committed for i in range(1, 9)])
        session.execute(insert(SignOff), [
            {"patent_id": pid, "role": role, "user": role, "signed_at": now, "fingerprint": "0" * 64}
            for pid in committed[: int(len(pids) * share[2])] for role in ("preparer", "reviewer")])
        priced = rng.sample(pids, len(pids) // 20)
        session.execute(insert(PricingTermsRow), [
            {"patent_id": pid, "mode": rng.choice(("free", "lump_sum", "royalty")), "amount": "50000.00",
             "rate": "3", "base": "net_sales", "term_months": 36, "free_months": rng.choice((0, 0, 6)),
             "pay_after_trial": False, "trial_months": 0, "frequency": "yearly", "territory": "中国境内",
             "preset": "", "updated_at": now} for pid in priced])
        batch = Batch(name="基准批次", profile_code="general", created_by="bench")
        session.add(batch)
        session.flush()
        sent = rng.sample(ids, len(ids) // 50)  # 2,000 of 100,000: a small portfolio keeps patents not yet listed
        for seq, status in ((1, "sent"), (2, "published")):
            part = sent[:len(sent) * 3 // 4] if seq == 1 else sent[len(sent) * 3 // 4:]
            sub = Submission(batch_id=batch.id, seq=seq, submitted_on=TODAY, profile_code="general",
                             status=status, created_by="bench")
            session.add(sub)
            session.flush()
            session.execute(insert(SubmissionPatent), [
                {"submission_id": sub.id, "application_number": number, "patent_id": pid, "row_json": "{}"}
                for pid, number in part])
        licensees = []
        for i in range(200):
            row = Licensee(name=f"基准企业{i}", identifier=f"91110000{i:09d}X", size=rng.choice(("small", "micro",
                                                                                             "medium", "large", "")))
            session.add(row)
            licensees.append(row)
        session.flush()
        licensed = rng.sample(priced, min(1000, len(priced)))
        for n, pid in enumerate(licensed):
            effective = TODAY - timedelta(days=rng.randrange(900))
            lic = Licence(patent_id=pid, licensee_id=licensees[n % 200].id, effective_date=effective,
                          terms={"mode": "lump_sum", "amount": "50000.00"}, term_end=effective + timedelta(days=700))
            session.add(lic)
            session.flush()
            session.add(LicencePayment(licence_id=lic.id, kind="lump-sum", due_date=effective + timedelta(days=30),
                                       amount_due="50000.00",
                                       received_on=effective + timedelta(days=40) if n % 2 else None,
                                       amount_received=str(Decimal(50000)) if n % 2 else None))
    ws.close()
    import sqlite3

    con = sqlite3.connect(db)  # fold the write-ahead log of the build in, as any later session would
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def run(code: str, *args: str, home: Path | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **({"OPENLIC_HOME": str(home)} if home else {}))
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=900, check=False)
    if out.returncode != 0:
        raise SystemExit(f"failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def summary(name: str, values: list[float], base: float, target: float | None = None, unit: str = "s") -> None:
    med = stats_module.median(values)
    spread = f"{min(values):.3f}–{max(values):.3f}"
    goal = f"  target ≤ {target}" if target is not None else ""
    print(f"{name:<44} median {med:8.3f} {unit} (spread {spread})  ratio {med / base:6.1f}×{goal}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--heavy", action="store_true")
    parser.add_argument("--db", help="reuse this database (made by an earlier run with the same options)")
    parser.add_argument("--delays", default="0,500,1500",
                        help="open the dashboard tab this many ms after the window (counted anew), comma-separated")
    args = parser.parse_args()
    delays = [int(d) for d in args.delays.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.sqlite3"
        if not db.exists():
            t = time.perf_counter()
            build(db, args.patents, args.heavy)
            print(f"built {args.patents} patents in {time.perf_counter() - t:.0f} s ({'heavy' if args.heavy else 'office'})")
        os.environ["OPENLIC_HOME"] = str(db.parent / "home")
        day = TODAY.isoformat()
        rows: dict[str, list] = {k: [] for k in ("base", "stats_cold", "stats", "cli_cold", "cli", "startup",
                                                  "readiness", "dash", *(f"dash_cold_{d}" for d in delays))}
        warm = db.parent / "home"  # keeps the count saved by the first run (services.statistics_store)
        run(STATS, str(db), day, home=warm)
        # the window counts as of the real day, not `day`: let it save its own count once, or the first "saved"
        # dashboard run would count anew
        run(DASHBOARD, str(db), "0", home=warm)

        def cli(home: Path) -> tuple[float, float]:
            """(its JSON read from stdout, the process ended): a fresh count is saved after the JSON is out."""
            t = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "stats", "--date",
                                     day, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                                    env=dict(os.environ, OPENLIC_HOME=str(home)))
            assert proc.stdout is not None
            json.loads(proc.stdout.readline())  # the document is one line
            out = time.perf_counter() - t
            _rest, err = proc.communicate(timeout=900)
            assert proc.returncode == 0, err
            return out, time.perf_counter() - t

        for n in range(args.repeat):  # interleaved, so that the machine's load falls on all alike
            # cold: a home with no saved count, as on the first count of a day or after any change
            cold = [Path(tempfile.mkdtemp(dir=db.parent, prefix=f"cold{n}-{k}-")) for k in range(2 + len(delays))]
            for home in cold:  # the same settings (office, active profile) as the warm home
                if (warm / "config").exists():
                    shutil.copytree(warm / "config", home / "config")
            rows["base"].append(run(BASELINE, str(db), day))
            rows["stats_cold"].append(run(STATS, str(db), day, home=cold[0]))
            rows["stats"].append(run(STATS, str(db), day, home=warm))
            rows["cli_cold"].append(cli(cold[1]))
            rows["cli"].append(cli(warm))
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--version"], capture_output=True, cwd=ROOT,
                           check=True)
            rows["startup"].append(time.perf_counter() - t)
            rows["readiness"].append(run(READINESS, str(db), day))
            for k, delay in enumerate(delays):
                rows[f"dash_cold_{delay}"].append(run(DASHBOARD, str(db), str(delay), home=cold[2 + k]))
            rows["dash"].append(run(DASHBOARD, str(db), "0", home=warm))
            for home in cold:  # beside a reused --db they would stay
                shutil.rmtree(home, ignore_errors=True)
        base = stats_module.median(r["s"] for r in rows["base"])
        print(f"baseline: plain SQL GROUP BY of the same counts        median {base:8.3f} s")
        summary("stats: compute + JSON + save (in process), counted", [r["s"] for r in rows["stats_cold"]], base)
        summary("  of which until the JSON is out", [r["out_s"] for r in rows["stats_cold"]], base)
        summary("stats: compute + JSON (in process), saved", [r["s"] for r in rows["stats"]], base, 1.0)
        summary("openlic stats --json (process), counted", [r[1] for r in rows["cli_cold"]], base)
        summary("  of which until its JSON is read", [r[0] for r in rows["cli_cold"]], base)
        summary("openlic stats --json (process), saved", [r[1] for r in rows["cli"]], base)
        summary("  of which starting openlic (--version)", rows["startup"], base)
        for delay in delays:
            summary(f"dashboard: tab opened {delay} ms after window → drawn, counted",
                    [r["opened_s"] for r in rows[f"dash_cold_{delay}"]], base, 0.5)
        summary("dashboard: open tab → drawn, saved", [r["opened_s"] for r in rows["dash"]], base, 0.5)
        summary("dashboard: draw figures already computed", [r["drawn_s"] for r in rows["dash"]], base, 0.5)
        summary("dashboard: refresh after a batch of 100", [r["refreshed_s"] for r in rows["dash"]], base, 0.3)
        summary("readiness of every patent", [r["s"] for r in rows["readiness"]], base, 5.0)
        rss = [r["rss_mb"] for r in rows["readiness"]]
        print(f"{'readiness peak RSS':<44} median {stats_module.median(rss):8.0f} MB (spread "
              f"{min(rss):.0f}–{max(rss):.0f})  target ≤ 300")
        print(f"{'stats process peak RSS':<44} median {stats_module.median(r['rss_mb'] for r in rows['stats']):8.0f} MB")
        print(f"{'dashboard process peak RSS':<44} median {stats_module.median(r['rss_mb'] for r in rows['dash']):8.0f} MB")
        assert all(r["funnel"] == rows["stats_cold"][0]["funnel"] for r in rows["stats"] + rows["stats_cold"])
        print("funnel:", rows["stats"][0]["funnel"], " ready:", rows["readiness"][0]["ready"],
              f" load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
