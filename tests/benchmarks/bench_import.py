"""Benchmark: importing a 50,000-row portfolio spreadsheet (issue 3 targets).

    /work/venv/bin/python tests/benchmarks/bench_import.py [--rows 50000] [--repeat 1]

Writes one realistic .xlsx (xlsxwriter, constant memory: title rows, a 15-column Chinese header, date cells, names
joined with ；/、, status words) and measures, in the same run:

  baseline   python-calamine merely reading every row of that file
  floor      what any import into SQLite costs at least: read, then copy the raw cells (dates as ISO text, no
             normalising) with the row digest the re-import needs into a table with the eight secondary indexes
             the portfolio needs, one transaction — where the ≤ 3× target stands against what cannot be avoided
  import     our whole import into an empty database (read, normalise, upsert, audit, commit), as it runs:
             the plain rows through the columnar lane (intake/columnar.py), any others row by row
  row path   the same import with the lane switched off (every row normalised one by one: the import before
             the lane, and what a machine without polars/fastexcel/ADBC does)
  reimport   the same file again (every row unchanged: read, recognise, compare, no writes)

The lane's libraries (polars, fastexcel, ADBC) are loaded before the measurements, as python-calamine and
SQLAlchemy are; the one-off time to load them is printed.

and prints the ratios to the baseline (targets: import ≤ 3×, reimport ≤ 2×). Then, each in a fresh process, the
peak memory of importing 10,000 and 50,000 rows: Python heap (tracemalloc) and whole process (VmHWM) — once as
everyday files are read (python-calamine holds the sheet) and once streamed (openpyxl read-only, what sheets above
readers.STREAM_ABOVE_BYTES get), with the streamed import's time. `--seen-in-memory N` lowers
judge.SEEN_IN_MEMORY in those runs, so that the numbers seen spill to the database beyond N.
Not collected by pytest (file name bench_*).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def write_workbook(path: Path, rows: int) -> float:
    """The realistic file; returns seconds taken."""
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
        values = [str(i + 1), f.number.canonical if i % 3 else "ZL" + f.number.canonical, f.title,
                  f.patent_type.zh]
        for col, text in enumerate(values):
            sheet.write_string(r, col, text)
        for col, day in ((4, f.filing_date), (5, f.grant_date), (9, f.fees_paid_until)):
            if day is not None:
                sheet.write_datetime(r, col, day, date_fmt)
        rest = ["；".join(f.patentees), "、".join(f.inventors), STATUS_WORDS[f.status.value], None, f.department,
                f.ipc, f.industry, f.contact_person, f.contact_phone]
        for col, text in enumerate(rest, start=6):
            if text:
                sheet.write_string(r, col, text)
    book.close()
    return time.perf_counter() - start


def read_only(path: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, rows) for python-calamine reading every row."""
    import python_calamine

    start, cpu = time.perf_counter(), time.process_time()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    count = 0
    for _row in book.get_sheet_by_index(0).iter_rows():
        count += 1
    book.close()
    return time.perf_counter() - start, time.process_time() - cpu, count


def floor(path: Path, db: Path) -> float:
    """Seconds for the floor described in the module docstring (collector paused, as the import does)."""
    import gc
    import hashlib
    import sqlite3

    import python_calamine

    columns = [f"c{i}" for i in range(len(HEADER))]
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, {', '.join(columns)}, digest TEXT)")
    con.execute("CREATE UNIQUE INDEX t_number ON t (c1)")
    sql = f"INSERT INTO t ({', '.join(columns)}, digest) VALUES ({', '.join('?' * (len(columns) + 1))})"
    key = b"k" * 32
    gc.disable()
    try:
        start = time.perf_counter()
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        con.execute("BEGIN")
        batch = []
        for i, row in enumerate(book.get_sheet_by_index(0).iter_rows()):
            cells = [c.isoformat() if isinstance(c, date) else c for c in row][:len(columns)]
            cells += [""] * (len(columns) - len(cells))
            cells[1] = f"{cells[1]}#{i}"  # the title rows and the header would repeat a number
            batch.append((*cells, hashlib.blake2b(repr(row).encode(), digest_size=16, key=key).hexdigest()))
            if len(batch) == 2000:
                con.executemany(sql, batch)
                batch = []
        con.executemany(sql, batch)
        for col in ("c2", "c3", "c4", "c6", "c7", "c8", "c9", "c10"):
            con.execute(f"CREATE INDEX t_{col} ON t ({col})")
        con.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        gc.enable()
        con.close()


def run_import(path: Path, db: Path, lane: bool = True):
    from openlic_desktop.intake import columnar
    from openlic_desktop.services import importing
    from openlic_desktop.services.workspace import open_workspace

    columnar.ENABLED = lane
    ws = open_workspace(db, user="bench")
    try:
        start, cpu = time.perf_counter(), time.process_time()
        result = importing.run(ws, path, today=TODAY)
        return time.perf_counter() - start, time.process_time() - cpu, result
    finally:
        ws.close()


def _peak_rss_kb() -> int:
    """Peak resident memory of this process. VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the
    forking parent (which held the 50,000 generated rows), VmHWM starts afresh with the new program."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_child(path: Path, db: Path, stream: bool, trace: bool, seen_in_memory: int | None = None,
                 lane: bool = True) -> None:
    """In a fresh process: import an already written file and report its peak RSS, or with `trace` its peak
    Python heap (tracemalloc's own bookkeeping would inflate the RSS, so the two are measured in separate runs).
    `seen_in_memory` lowers judge.SEEN_IN_MEMORY (numbers seen beyond it spill to a temporary table)."""
    import tracemalloc

    from openlic_desktop.intake import readers
    from openlic_desktop.services.importing import judge
    from openlic_desktop.services.workspace import open_workspace

    if stream:
        readers.STREAM_ABOVE_BYTES = 0
    if seen_in_memory is not None:
        judge.SEEN_IN_MEMORY = seen_in_memory

    open_workspace(db, user="bench").close()  # migrations outside the measurement
    rss_before = _peak_rss_kb()
    if trace:
        tracemalloc.start()
    seconds, _cpu, result = run_import(path, db, lane)
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    rss = _peak_rss_kb()
    print(json.dumps({"created": result.created, "py_peak_mb": peak / 2**20, "seconds": seconds,
                      "rss_before_mb": rss_before / 1024, "rss_peak_mb": rss / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--memory-child")
    parser.add_argument("--db")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--stream", action="store_true")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--row-path", action="store_true", help="memory runs: the columnar lane switched off")
    parser.add_argument("--seen-in-memory", type=int, help="lower judge.SEEN_IN_MEMORY in the memory runs")
    args = parser.parse_args()
    if args.memory_child:
        memory_child(Path(args.memory_child), Path(args.db), args.stream, args.trace, args.seen_in_memory,
                     not args.row_path)
        return

    with tempfile.TemporaryDirectory(prefix="bench_import_") as tmp:
        workdir = Path(tmp)
        os.environ.setdefault("OPENLIC_HOME", str(workdir / "home"))
        path = workdir / "portfolio.xlsx"
        wrote = write_workbook(path, args.rows)
        print(f"file: {args.rows} rows, {path.stat().st_size / 2**20:.1f} MB, written in {wrote:.2f} s "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: compare the ratios, and CPU "
              f"time when the machine is shared)")
        read_only(path)  # warm the page cache and imports
        from openlic_desktop.intake import columnar
        from openlic_desktop.services.workspace import open_workspace

        start = time.perf_counter()
        print(f"lane      libraries {'loaded' if columnar.available() else 'MISSING: every row takes the row path'} "
              f"in {time.perf_counter() - start:.2f} s (once per process, not in the figures below)")

        for attempt in range(args.repeat):
            db = workdir / f"bench_{attempt}.sqlite3"
            open_workspace(db, user="bench").close()  # create + migrate outside the measurement
            w1, c1, count = read_only(path)
            t_floor = floor(path, workdir / f"floor_{attempt}.sqlite3")
            t_import, c_import, result = run_import(path, db)
            rows_db = workdir / f"rows_{attempt}.sqlite3"
            open_workspace(rows_db, user="bench").close()
            t_rows, c_rows, _ = run_import(path, rows_db, lane=False)
            w2, c2, _ = read_only(path)
            t_again, c_again, again = run_import(path, db)
            wall, cpu = (w1 + w2) / 2, (c1 + c2) / 2
            print(f"baseline  calamine read {count} rows: wall {wall:.2f} s, CPU {cpu:.2f} s")
            print(f"floor     read + copy raw cells with digests into an indexed table: wall {t_floor:.2f} s = "
                  f"{t_floor / wall:.1f}× baseline (no normalising at all)")
            print(f"import    wall {t_import:.2f} s = {t_import / wall:.1f}×, CPU {c_import:.2f} s = "
                  f"{c_import / cpu:.1f}× baseline (target ≤ 3×); created {result.created}")
            print(f"row path  wall {t_rows:.2f} s = {t_rows / wall:.1f}×, CPU {c_rows:.2f} s = "
                  f"{c_rows / cpu:.1f}× baseline (the same import with the lane off)")
            print(f"reimport  wall {t_again:.2f} s = {t_again / wall:.1f}×, CPU {c_again:.2f} s = "
                  f"{c_again / cpu:.1f}× baseline (target ≤ 2×); unchanged {again.unchanged}")
        if args.no_memory:
            return
        def child(sample: Path, rows: int, how: str, trace: bool) -> dict:
            db = workdir / f"mem_{rows}_{how}_{trace}.sqlite3"
            out = subprocess.run([sys.executable, __file__, "--memory-child", str(sample), "--db", str(db),
                                  *(["--stream"] if how == "streamed" else []), *(["--trace"] if trace else []),
                                  *(["--row-path"] if how == "row path" else []),
                                  *([f"--seen-in-memory={args.seen_in_memory}"] if args.seen_in_memory else [])],
                                 capture_output=True, text=True, check=True, env=os.environ.copy())
            return json.loads(out.stdout.strip().splitlines()[-1])

        for how in ("lane", "row path", "streamed"):
            for rows in (10_000, args.rows):
                sample = workdir / f"mem_{rows}.xlsx"
                if not sample.exists():
                    write_workbook(sample, rows)
                plain, traced = child(sample, rows, how, False), child(sample, rows, how, True)
                print(f"memory    {rows:>6} rows, {how}: process RSS peak {plain['rss_peak_mb']:.0f} MB "
                      f"({plain['rss_before_mb']:.0f} MB before the import), import {plain['seconds']:.2f} s; "
                      f"Python heap peak {traced['py_peak_mb']:.1f} MB (tracemalloc, separate run)")


if __name__ == "__main__":
    main()
