"""CI runs the README's test command: `.ci/run` holds the same pytest line, so what the README promises is what CI
checks (a worker count or an option added to one and not the other would test something nobody reads)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pytest_run(text: str) -> str:
    found = re.findall(r"^python3 -m venv .*$", text, flags=re.MULTILINE)
    lines = [line for line in found if "pytest" in line]
    assert len(lines) == 1, lines
    # pip's -q only quiets the install; everything else must agree
    return lines[0].replace("pip install -q ", "pip install ")


def test_ci_runs_the_readme_test_command():
    readme = _pytest_run((ROOT / "README.md").read_text(encoding="utf-8"))
    ci = _pytest_run((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert ci == readme
    assert "-n auto" in readme and "--dist loadfile" in readme
