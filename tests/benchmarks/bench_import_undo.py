"""Benchmark: undoing an import (services.importing.undo) of N patents, against the import itself in the same run.

    /work/venv/bin/python tests/benchmarks/bench_import_undo.py [--patents 20000]

Builds a temporary SQLite database and two spreadsheets of N rows (xlsxwriter): `a` creates N patents, `b` changes
three facts of each (title, patentees, department). Measures once each, in this order:
  - import a (N created) and import b (N updated, 3N audited changes) — the same-run baselines;
  - plan + undo of b: 3N facts put back (with expiry, patentees display, search text) on N patents;
  - plan + undo of a: N patents deleted.
Prints the figures and the ratios undo / import. Exit 1 if an undo takes more than 3x its import (an undo is
one transaction the user waits for, with a busy indicator and no cancel).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

from openlic_desktop.domain.identifiers import ApplicationNumber
from openlic_desktop.services import importing
from openlic_desktop.services.importing import undo as import_undo
from openlic_desktop.services.workspace import open_workspace

HEADER = ["申请号", "发明名称", "专利类型", "申请日", "专利权人", "发明人", "法律状态", "所属院系"]
MAX_RATIO = 3.0


def _number(i: int) -> str:
    digits = f"{2015 + i % 8}1{100000 + i:07d}"
    weights = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
    check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return ApplicationNumber(digits, "X" if check == 10 else str(check)).canonical


def _write(path: Path, n: int, changed: bool) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("专利清单")
    sheet.write_row(0, 0, HEADER)
    for i in range(n):
        sheet.write_row(i + 1, 0, [
            _number(i), f"一种数据处理方法{i}" + ("（修订）" if changed else ""), "发明", f"{2015 + i % 8}-03-05",
            "某某大学；某某公司" if changed else "某某大学", "张三、李四", "有效", "机械学院" if changed else "计算机学院"])
    book.close()
    return path


def _timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patents", type=int, default=20000)
    args = parser.parse_args()
    n = args.patents
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a, b = _write(folder / "a.xlsx", n, False), _write(folder / "b.xlsx", n, True)
        ws = open_workspace(folder / "bench.sqlite3", user="bench")
        try:
            created, t_a = _timed(lambda: importing.run(ws, a))
            updated, t_b = _timed(lambda: importing.run(ws, b))
            assert (created.created, updated.updated) == (n, n)
            plan_b, t_plan_b = _timed(lambda: import_undo.plan(ws))
            undo_b, t_undo_b = _timed(lambda: import_undo.undo(ws))
            assert (len(plan_b.restore), undo_b.patents_restored) == (3 * n, n)
            plan_a, t_plan_a = _timed(lambda: import_undo.plan(ws))
            undo_a, t_undo_a = _timed(lambda: import_undo.undo(ws))
            assert (len(plan_a.delete), undo_a.deleted) == (n, n)
        finally:
            ws.close()
    ratio_b, ratio_a = t_undo_b / t_b, t_undo_a / t_a
    print(f"import undo, {n} patents")
    print(f"  import a (created) {t_a:.2f} s; plan {t_plan_a:.2f} s; undo (delete) {t_undo_a:.2f} s "
          f"= {ratio_a:.2f}x the import")
    print(f"  import b (3 facts changed) {t_b:.2f} s; plan {t_plan_b:.2f} s; undo (put back) {t_undo_b:.2f} s "
          f"= {ratio_b:.2f}x the import")
    return 1 if max(ratio_a, ratio_b) > MAX_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
