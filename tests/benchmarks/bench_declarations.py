"""Benchmark: the statutory package for N declarations vs the bare cost of python-docx for the same files, same run.

    python tests/benchmarks/bench_declarations.py [N]      # default N = 100

The package writes three documents per patent (declaration, consent, fee note), the entry sheet and the manifest,
after reading every declaration, its record and its files in bulk. The baseline writes 3 × N minimal .docx files
with python-docx (open the default template, one paragraph, save): the floor any python-docx writer pays. Three
repeats of each, alternating; the median and the spread are printed, and the ratio of the medians.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "unit"))


def baseline(count: int) -> float:
    from docx import Document

    start = time.perf_counter()
    for i in range(count):
        doc = Document()
        doc.add_paragraph(f"专利开放许可声明 {i}")
        doc.save(io.BytesIO())
    return time.perf_counter() - start


def main(n: int) -> int:
    home = Path(tempfile.mkdtemp(prefix="openlic-bench-decl-"))
    try:
        return _measure(n, home)
    finally:  # the database, the packages and the settings it wrote: nothing stays in the temp folder
        shutil.rmtree(home, ignore_errors=True)


def _measure(n: int, home: Path) -> int:
    os.environ["OPENLIC_HOME"] = str(home)
    from declaration_helpers import TODAY, add, make_ready, number, set_office

    from openlic_desktop.services import declaration_export, declarations
    from openlic_desktop.services.workspace import open_workspace

    ws = open_workspace(home / "bench.sqlite3", user="bench")
    set_office()
    numbers = [number("1", i) for i in range(n)]
    add(ws, numbers)
    declarations.prepare(ws, numbers, today=TODAY)
    make_ready(ws, numbers, tmp_path=home)
    runs, floors = [], []
    for i in range(3):
        start = time.perf_counter()
        result = declaration_export.export(ws, numbers, home / f"out{i}", day=TODAY)
        runs.append(time.perf_counter() - start)
        assert len(result.patents) == n and not result.excluded
        floors.append(baseline(3 * n))
    ws.close()
    med, floor = statistics.median(runs), statistics.median(floors)
    print(f"package of {n} declarations: median {med:.2f} s (runs {', '.join(f'{r:.2f}' for r in runs)})")
    print(f"python-docx floor for {3 * n} files: median {floor:.2f} s (runs {', '.join(f'{r:.2f}' for r in floors)})")
    print(f"ratio package / floor: {med / floor:.2f} (spread {min(runs) / max(floors):.2f}–{max(runs) / min(floors):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
