"""Build the frozen one-folder bundle with PyInstaller, run the smoke test against it, and hold it to its size.

Slow (~1.5 min on two busy cores: the build, the smoke test, packing the folder to measure it) but it is the only
proof that nothing is missing from what users install and nothing rides along that should not, so CI runs it; skip
locally with `-m "not slow"`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
import bundle_size


@pytest.mark.slow
def test_frozen_bundle_builds_and_passes_smoke_test(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(work), str(ROOT / "installer" / "openlic.spec")],
        cwd=ROOT, capture_output=True, check=False, text=True, encoding="utf-8", errors="replace", timeout=1200,
    )
    assert build.returncode == 0, build.stderr[-6000:]
    bundle = dist / "OpenLicDesktop"
    assert (bundle / "openlic").exists() or (bundle / "openlic.exe").exists()

    smoke = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "smoke_test.py"), str(bundle)],
        cwd=tmp_path, capture_output=True, check=False, text=True, encoding="utf-8", errors="replace", timeout=600,
    )
    assert smoke.returncode == 0, smoke.stdout[-6000:] + smoke.stderr[-3000:]
    assert "smoke test passed" in smoke.stdout
    assert "openlic-desktop --screenshot" in smoke.stdout  # the GUI step really ran

    # what users download and keep: 250 MB unpacked, 100 MB packed (installer/bundle_size.py)
    unpacked, packed, over = bundle_size.check(bundle, tmp_path / "bundle.tar.gz")
    assert over == [], f"{unpacked / 1e6:.1f} MB unpacked, {packed / 1e6:.1f} MB packed: {over}"
    internal = bundle / "_internal"
    for unwanted in ("pytest", "_pytest", "hypothesis", "aiosmtpd", "polars", "_polars_runtime_32", "fastexcel",
                     "PyInstaller"):
        assert not (internal / unwanted).exists(), f"{unwanted} rides along in the bundle"
    assert (internal / "psycopg_binary").is_dir()  # kept on purpose: the shared server works from the installer
    qt = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.abi3.so")}
    assert "QtCharts" in qt and not qt & {"QtQml", "QtQuick", "Qt3DCore", "QtWebEngineCore", "QtMultimedia"}
    shutil.rmtree(dist, ignore_errors=True)  # 200+ MB; pytest keeps tmp dirs of recent runs
    shutil.rmtree(work, ignore_errors=True)
