"""Benchmark: importing a messy portfolio spreadsheet, against python-calamine merely reading the same file.

    python tests/benchmarks/bench_import.py [--rows 50000 100000 200000] [--repeat 3] [--no-process]

For each size it writes one messy .xlsx (xlsxwriter, constant memory: title rows, a 15-column Chinese header,
application numbers in four written forms — canonical, ZL-prefixed with spaces, without the dot, full-width —,
dates in three — date cells, 2021年3月5日, 2021/3/5 —, co-owners joined with ；、 and a line break, status words),
then measures, alternating each figure with its baseline in the same round (A/B) `--repeat` times:

  read        python-calamine reading every row: the baseline A
  first       the import into an empty database (read, judge, write, audit, commit)
  unchanged   the same file again (every row recognised unchanged; its sheet's checked range remembered)
  10 % changed  a copy of the file with one row in ten changed (titles and statuses), into a copy of the database
                the first import left

(the first and the 10 % changed import are each a file the program has not seen: the remembered ranges of
intake.checked_sheets are forgotten before each)

each in process (time.perf_counter, the collector as the import leaves it) and, unless `--no-process`, as the
user runs it: the whole `openlic import` process (`python -m openlic_desktop.cli`) — first, unchanged and 10 %
changed — against a whole process that only reads the file. It prints each figure's median and spread (min–max)
and its ratio to the same round's baseline (median of the ratios), the peak RSS of each import process (through
a small launcher: LAUNCHER), and the peak Python heap (tracemalloc) of an in-process first import — which must
stay flat as the rows grow.

Targets (issue "One import path"): first import ≤ 3× the read at 50,000 rows; unchanged re-import ≤ 1.5×; 10 %
changed ≤ 2×; peak RSS ≤ 300 MB at 50,000 rows and ≤ 500 MB at 200,000; the ratio at 200,000 rows at most 1.2×
the ratio at 50,000. Not collected by pytest (file name bench_*). Do not run it beside the test suite: the
machine's noise moves the figures by a third; the ratios are what to compare.
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
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 26)
HEADER = ["序号", "申请号", "发明名称", "专利类型", "申请日", "授权公告日", "专利权人", "发明人", "法律状态",
          "年费缴至", "学院", "主分类号", "所属行业", "联系人", "联系电话"]
STATUS_WORDS = {"in_force": "有效", "pending": "实审", "lapsed": "未缴年费终止", "expired": "届满终止", "unknown": ""}
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _number_form(canonical: str, i: int) -> str:
    """The four written forms of an application number, in turn."""
    form = i % 4
    if form == 1:
        return f"ZL {canonical[:4]} {canonical[4]} {canonical[5:]}" if len(canonical) == 14 else "ZL" + canonical
    if form == 2:
        return canonical.replace(".", "")
    if form == 3:
        return canonical.translate(FULLWIDTH)
    return canonical


def write_workbook(path: Path, rows: int, changed_every: int = 0) -> float:
    """The messy file; with `changed_every` N, every Nth row has another title and status (a re-import with
    changes). Returns seconds taken."""
    import xlsxwriter

    from openlic_desktop.services.demo import generate

    start = time.perf_counter()
    facts = generate(rows, seed=11, today=TODAY)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_numbers": False})
    sheet = book.add_worksheet("专利清单")
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_string(0, 0, "某某大学专利清单（截至2026年11月）")
    sheet.write_string(1, 0, "说明：本表由科研院知识产权办公室导出")
    for col, text in enumerate(HEADER):
        sheet.write_string(3, col, text)
    for i, f in enumerate(facts):
        r = 4 + i
        changed = changed_every and i % changed_every == 0
        title = f.title + ("（修订）" if changed else "")
        status = "失效" if changed else STATUS_WORDS[f.status.value]
        for col, text in enumerate([str(i + 1), _number_form(f.number.canonical, i), title, f.patent_type.zh]):
            sheet.write_string(r, col, text)
        for col, day in ((4, f.filing_date), (5, f.grant_date), (9, f.fees_paid_until)):
            if day is None:
                continue
            form = (i + col) % 3
            if form == 0:
                sheet.write_datetime(r, col, day, date_fmt)
            elif form == 1:
                sheet.write_string(r, col, f"{day.year}年{day.month}月{day.day}日")
            else:
                sheet.write_string(r, col, f"{day.year}/{day.month}/{day.day}")
        owners = "；".join(f.patentees) if i % 2 else "、".join(f.patentees)
        people = "、".join(f.inventors) if i % 3 else "\n".join(f.inventors)
        rest = [owners, people, status, None, f.department, f.ipc, f.industry, f.contact_person, f.contact_phone]
        for col, text in enumerate(rest, start=6):
            if text:
                sheet.write_string(r, col, text)
    book.close()
    return time.perf_counter() - start


# ---- in process ------------------------------------------------------------------------------------------------

Timing = tuple[float, float]  # (wall seconds, CPU seconds)


def read_in_process(path: Path) -> Timing:
    import python_calamine

    start, cpu = time.perf_counter(), time.process_time()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for _row in book.get_sheet_by_index(0).iter_rows():
        pass
    book.close()
    return time.perf_counter() - start, time.process_time() - cpu


def import_in_process(path: Path, db: Path) -> tuple[Timing, dict]:
    from openlic_desktop.services import importing
    from openlic_desktop.services.workspace import open_workspace

    ws = open_workspace(db, user="bench")
    try:
        start, cpu = time.perf_counter(), time.process_time()
        result = importing.run(ws, path, today=TODAY)
        timing = time.perf_counter() - start, time.process_time() - cpu
    finally:
        ws.close()
    return timing, {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}


# ---- whole processes -------------------------------------------------------------------------------------------

READ_SCRIPT = ("import sys, python_calamine\nb = python_calamine.CalamineWorkbook.from_path(sys.argv[1])\n"
               "for _ in b.get_sheet_by_index(0).iter_rows(): pass\n")


# Starts the measured process from a small process of its own: Linux counts the memory a process had before exec
# in its peak RSS, so a child spawned straight from this benchmark (300 MB after its in-process imports) would
# report at least this benchmark's size — whatever it used itself.
LAUNCHER = ("import json, resource, subprocess, sys, time\n"
            "start = time.perf_counter()\n"
            "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
            "seconds = time.perf_counter() - start\n"
            "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(json.dumps([code, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss]))\n")


def _process(argv: list[str]) -> tuple[Timing, float]:
    """((wall, CPU seconds), peak RSS in MB) of a child process (timed by its launcher: see LAUNCHER)."""
    run = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], capture_output=True, text=True,
                         env=os.environ.copy(), check=False)
    code, seconds, cpu, peak_kb = json.loads(run.stdout.strip().splitlines()[-1])
    if code not in (0, 1):
        raise RuntimeError(f"{argv[:4]} failed: {run.stderr[-2000:]}")
    return (seconds, cpu), peak_kb / 1024


def read_process(path: Path) -> tuple[Timing, float]:
    return _process([sys.executable, "-c", READ_SCRIPT, str(path)])


def import_process(path: Path, db: Path) -> tuple[Timing, float]:
    return _process([sys.executable, "-m", "openlic_desktop.cli", "--db", str(db), "--user", "bench", "import",
                     str(path)])


def heap_child(path: Path, db: Path) -> None:
    """In a fresh process: the peak Python heap of a first import (tracemalloc)."""
    import tracemalloc

    from openlic_desktop.services.workspace import open_workspace

    open_workspace(db, user="bench").close()  # migrations outside the measurement
    forget_checked_sheets()
    tracemalloc.start()
    import_in_process(path, db)
    print(json.dumps({"py_peak_mb": tracemalloc.get_traced_memory()[1] / 2**20}))


# ---- the run ---------------------------------------------------------------------------------------------------

def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):5.2f} s ({min(values):.2f}–{max(values):.2f})"


def _ratio(values: list[float], base: list[float]) -> float:
    return statistics.median(v / b for v, b in zip(values, base, strict=True))


def _spread(values: list[float], base: list[float]) -> str:
    ratios = [v / b for v, b in zip(values, base, strict=True)]
    return f"{min(ratios):.2f}–{max(ratios):.2f}"


def forget_checked_sheets() -> None:
    """Forget the sheets' checked ranges (intake.checked_sheets) before a first or a 10 % changed import: the
    user imports such a file for the first time, so its scan is paid; only the unchanged re-import, the same file
    again, may skip it."""
    from openlic_desktop.intake import checked_sheets
    from openlic_desktop.support import paths

    (paths.data_dir() / checked_sheets.FILE_NAME).unlink(missing_ok=True)


def bench_size(workdir: Path, rows: int, repeat: int, processes: bool) -> dict[str, float]:
    path, changed = workdir / f"portfolio_{rows}.xlsx", workdir / f"changed_{rows}.xlsx"
    wrote = write_workbook(path, rows)
    write_workbook(changed, rows, changed_every=10)
    print(f"\n{rows:,} rows: {path.stat().st_size / 2**20:.1f} MB written in {wrote:.1f} s; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    from openlic_desktop.services.workspace import open_workspace

    read_in_process(path)  # warm the page cache and the imports
    times: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    rss: dict[str, list[float]] = {}

    def add(key: str, value: Timing) -> None:
        times.setdefault(key, []).append(value[0])
        cpus.setdefault(key, []).append(value[1])

    for attempt in range(repeat):
        fresh = [workdir / f"{rows}_{attempt}_{kind}.sqlite3" for kind in ("in", "proc")]
        for db in fresh:
            open_workspace(db, user="bench").close()  # create and migrate outside the measurement
        add("read", read_in_process(path))
        forget_checked_sheets()
        seconds, first = import_in_process(path, fresh[0])
        add("first", seconds)
        shutil.copy(fresh[0], workdir / "before_changes.sqlite3")
        add("read ", read_in_process(path))
        seconds, again = import_in_process(path, fresh[0])
        add("unchanged", seconds)
        add("read  ", read_in_process(path))
        forget_checked_sheets()
        seconds, changes = import_in_process(changed, workdir / "before_changes.sqlite3")
        add("10 % changed", seconds)
        assert first["created"] == again["unchanged"] == rows and changes["updated"] == rows // 10, (first, again,
                                                                                                     changes)
        if processes:
            proc_changes = workdir / "before_changes_proc.sqlite3"
            # into the same database: first, then again; the changed file into a copy of the first's database
            for label, source, db in (("process first", path, fresh[1]), ("process unchanged", path, fresh[1]),
                                      ("process 10 % changed", changed, proc_changes)):
                seconds, _ = read_process(path)
                add(f"process read {label}", seconds)
                if label != "process unchanged":
                    forget_checked_sheets()
                seconds, peak = import_process(source, db)
                add(label, seconds)
                rss.setdefault(label, []).append(peak)
                if label == "process first":
                    shutil.copy(fresh[1], proc_changes)
    figures: dict[str, float] = {}
    pairs = [("first", "read"), ("unchanged", "read "), ("10 % changed", "read  ")]
    if processes:
        pairs += [(label, f"process read {label}")
                  for label in ("process first", "process unchanged", "process 10 % changed")]
    print("  (wall: median, min–max of the rounds; ratio: median of the rounds' ratios, min–max; CPU likewise)")
    for key, base in pairs:
        ratio, cpu_ratio = _ratio(times[key], times[base]), _ratio(cpus[key], cpus[base])
        figures[key], figures[f"{key} CPU"] = ratio, cpu_ratio
        extra = f", peak RSS {statistics.median(rss[key]):.0f} MB" if key in rss else ""
        figures.update({f"{key} RSS": statistics.median(rss[key])} if key in rss else {})
        print(f"  {key:<18} wall {_summary(times[key])} = {ratio:4.2f}× ({_spread(times[key], times[base])}) its "
              f"read {_summary(times[base])}; CPU {statistics.median(cpus[key]):.2f} s = {cpu_ratio:4.2f}× "
              f"({_spread(cpus[key], cpus[base])}){extra}")
    heap = subprocess.run([sys.executable, __file__, "--heap-child", str(path), "--db",
                           str(workdir / f"heap_{rows}.sqlite3")], capture_output=True, text=True, check=True,
                          env=os.environ.copy())
    figures["py_peak_mb"] = json.loads(heap.stdout.strip().splitlines()[-1])["py_peak_mb"]
    print(f"  Python heap peak of a first import (tracemalloc): {figures['py_peak_mb']:.0f} MB")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[50_000, 100_000, 200_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-process", action="store_true")
    parser.add_argument("--heap-child")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.heap_child:
        heap_child(Path(args.heap_child), Path(args.db))
        return
    with tempfile.TemporaryDirectory(prefix="bench_import_") as tmp:
        workdir = Path(tmp)
        os.environ["OPENLIC_HOME"] = str(workdir / "home")
        results = {rows: bench_size(workdir, rows, args.repeat, not args.no_process) for rows in args.rows}
    print("\nratios to the read of the same round (median of the rounds):")
    keys = [k for k in next(iter(results.values())) if k != "py_peak_mb" and not k.endswith("RSS")]
    for rows, fig in results.items():
        print(f"  {rows:,} rows: " + ", ".join(f"{k} {fig[k]:.2f}×" for k in keys) +
              "".join(f", {k} {v:.0f} MB" for k, v in fig.items() if k.endswith("RSS")) +
              f", Python heap {fig['py_peak_mb']:.0f} MB")
    if len(results) > 1:
        small, large = results[min(results)], results[max(results)]
        for key in ("first", "first CPU", *(["process first"] if "process first" in small else [])):
            print(f"linearity ({key}): the ratio at {max(results):,} rows is {large[key] / small[key]:.2f}× the "
                  f"ratio at {min(results):,} (target ≤ 1.2)")


if __name__ == "__main__":
    main()
