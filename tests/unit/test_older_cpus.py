"""Older office PCs: nothing the app depends on may need instructions their CPUs lack.

A dependency built for newer CPUs only (plain polars needs AVX2) dies with an illegal instruction on an older PC
— the GUI window just vanishes. Wheel tags cannot say it (there is no tag for x86-64-v3), so this runs every
runtime dependency of openlic-desktop, found from the installed metadata, on an emulated CPU of the x86-64-v2
level without AVX (qemu-user, `-cpu Nehalem`, 2008): each is imported, and a real import of a spreadsheet and a Qt
window run there too. Qt 6 itself needs x86-64-v2, so that is the floor the app supports.

Runs where qemu-x86_64 is installed (Linux x86-64; .ci/run installs qemu-user).
"""

from __future__ import annotations

import importlib.util
import platform
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

QEMU = shutil.which("qemu-x86_64")
CPU = "Nehalem"  # x86-64-v2: SSE4.2 and POPCNT, no AVX, no AVX2

pytestmark = pytest.mark.skipif(QEMU is None or sys.platform != "linux" or platform.machine() != "x86_64",
                                reason="needs qemu-x86_64 on Linux x86-64 (apt install qemu-user)")


def runtime_distributions(name: str = "openlic-desktop") -> set[str]:
    """The distributions openlic-desktop needs at run time (no extras), and theirs, recursively."""
    found: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        for spec in metadata.requires(current) or []:
            requirement = Requirement(spec)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = requirement.name.lower().replace("_", "-")
            if key not in found:
                found.add(key)
                todo.append(requirement.name)
    return found


def top_level_modules(distribution: str) -> set[str]:
    """What a distribution installs to import: its top_level.txt, or the first part of its files' paths."""
    dist = metadata.distribution(distribution)
    listed = dist.read_text("top_level.txt")
    if listed:
        names = {line.strip() for line in listed.splitlines() if line.strip()}
    else:
        names = set()
        for file in dist.files or []:
            first = Path(str(file)).parts[0]
            if first.endswith((".dist-info", ".egg-info", ".data")) or first in ("..", "__pycache__", "bin"):
                continue
            names.add(first.removesuffix(".py").split(".")[0])
    # what this interpreter can import by that name (a dist may list a name that is only a file inside a package)
    return {n for n in names if n.isidentifier() and not n.startswith("_") and importlib.util.find_spec(n)}


def test_every_runtime_dependency_is_found():
    distributions = runtime_distributions()
    assert {"pyside6", "sqlalchemy", "python-calamine", "openpyxl"} <= distributions
    assert not {"polars", "fastexcel", "adbc-driver-sqlite"} & distributions


def _emulated(code: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([QEMU, "-cpu", CPU, sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=600, check=False, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "OPENLIC_HOME": str(tmp_path),
                               "HOME": str(tmp_path)})


def test_the_emulated_cpu_really_lacks_avx(tmp_path):
    """The check can fail: code that needs AVX dies there with an illegal instruction (signal 4)."""
    code = "import ctypes, mmap\n" \
           "buf = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n" \
           "buf.write(bytes([0xC5, 0xFC, 0x77, 0xC3]))  # vzeroall; ret\n" \
           "addr = ctypes.addressof(ctypes.c_char.from_buffer(buf))\n" \
           "ctypes.CFUNCTYPE(None)(addr)()\n"
    run = _emulated(code, tmp_path)
    assert run.returncode != 0 and "signal 4" in run.stderr + str(run.returncode), (run.returncode, run.stderr)


def test_every_dependency_imports_on_an_older_cpu(tmp_path):
    modules = sorted({m for d in runtime_distributions() for m in top_level_modules(d)})
    assert "python_calamine" in modules and "sqlalchemy" in modules
    code = "import importlib, sys\n" \
           "for name in sys.argv[1:]:\n" \
           "    importlib.import_module(name)\n" \
           "import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets\n" \
           "print('imported', len(sys.argv) - 1)\n"
    run = _emulated(code, tmp_path, *modules)
    assert run.returncode == 0, (run.returncode, run.stderr[-3000:])
    assert f"imported {len(modules)}" in run.stdout


def test_an_import_and_a_window_run_on_an_older_cpu(tmp_path):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "清单.xlsx"))
    sheet = book.add_worksheet("专利清单")
    for r, row in enumerate([["申请号", "发明名称", "申请日", "专利权人"],
                             ["202110123456.7", "一种方法", "2021-03-05", "某某大学；某某公司"]]):
        sheet.write_row(r, 0, row)
    book.close()
    code = "import sys\n" \
           "from openlic_desktop.cli.main import main\n" \
           "code = main(['--db', 'p.sqlite3', 'import', '清单.xlsx', '--json'])\n" \
           "from PySide6.QtWidgets import QApplication, QLabel\n" \
           "app = QApplication([])\n" \
           "label = QLabel('专利开放许可'); label.show(); app.processEvents()\n" \
           "label.grab().save('window.png')\n" \
           "sys.exit(code)\n"
    run = _emulated(code, tmp_path)
    assert run.returncode == 0, (run.returncode, run.stderr[-3000:])
    assert '"created": 1' in run.stdout and (tmp_path / "window.png").stat().st_size > 0
