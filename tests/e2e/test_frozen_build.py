"""Build the frozen one-folder bundle with PyInstaller and run the smoke test against it.

Slow (about 30 s on two cores: ~22 s to build, ~5 s to smoke-test) but it is the only proof that nothing is
missing from what users install, so CI runs it; skip locally with `-m "not slow"`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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
    shutil.rmtree(dist, ignore_errors=True)  # 200+ MB; pytest keeps tmp dirs of recent runs
    shutil.rmtree(work, ignore_errors=True)
