"""The layering contracts in pyproject.toml ([tool.importlinter]) hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold():
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            check=False)  # asserted next, with the broken contract in the message
    assert result.returncode == 0, result.stdout + result.stderr
