"""Prove a frozen bundle is complete: run its programs, in a clean environment, on a fresh database.

    python installer/smoke_test.py dist/OpenLicDesktop            # Linux / Windows folder
    python installer/smoke_test.py "dist/OpenLic Desktop.app"     # macOS

Runs the FROZEN `openlic --version`, `demo`, `patents --json`, `show --json`, `profiles --json` (when present),
`export` (when present), `backup now`, and `openlic-desktop --screenshot` (offscreen), from a temporary folder with
no PYTHONPATH and a temporary OPENLIC_HOME — so nothing can come from this checkout or the user's own files.
Also checks that the files Alembic, the profiles and Qt load at run time are in the bundle.
Uses only the standard library; exit status 0 when every step passed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ".exe" if sys.platform == "win32" else ""


def expected_version() -> str:
    text = (ROOT / "openlic_desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def locate(bundle: Path) -> tuple[Path, Path, Path]:
    """(folder holding the programs, folder holding the bundled files, i.e. sys._MEIPASS)."""
    if bundle.suffix == ".app":
        programs = bundle / "Contents" / "MacOS"
        internal = bundle / "Contents" / "Frameworks"
        if not (internal / "resources").exists():
            internal = bundle / "Contents" / "Resources"
    else:
        programs = bundle
        internal = bundle / "_internal"
    return programs / f"openlic{EXE}", programs / f"openlic-desktop{EXE}", internal


class Smoke:
    def __init__(self, bundle: Path) -> None:
        self.cli, self.gui, self.internal = locate(bundle)
        self.work = Path(tempfile.mkdtemp(prefix="openlic-smoke-"))
        self.db = self.work / "smoke.sqlite3"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PYTHON", "OPENLIC_", "VIRTUAL_ENV", "QT_"))}
        env.update(OPENLIC_HOME=str(self.work / "home"), QT_QPA_PLATFORM="offscreen", PYTHONNOUSERSITE="1",
                   OPENLIC_LANG="en")
        self.env = env
        self.results: list[tuple[str, bool, float, str]] = []

    def run(self, program: Path, *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
        return subprocess.run([str(program), *args], cwd=self.work, env=self.env, capture_output=True, check=False,
                              text=True, encoding="utf-8", errors="replace", timeout=timeout)

    def step(self, name: str, fn) -> object:
        start = time.perf_counter()
        try:
            value = fn()
        except Exception as exc:  # noqa: BLE001 — recorded, reported at the end; later steps still run where they can
            self.results.append((name, False, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"))
            return None
        self.results.append((name, True, time.perf_counter() - start, ""))
        return value

    def cli_ok(self, *args: str, codes: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
        done = self.run(self.cli, "--db", str(self.db), *args)
        if done.returncode not in codes:
            raise AssertionError(f"exit {done.returncode}\nstdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-3000:]}")
        return done

    # --- the steps ---------------------------------------------------------------------------------------------
    def files_present(self) -> None:
        need = [
            self.cli, self.gui,
            self.internal / "resources" / "profiles",
            self.internal / "resources" / "icons" / "openlic.png",
            self.internal / "docs" / "guide_zh.md",
            self.internal / "openlic_desktop" / "storage" / "migrations" / "env.py",
            self.internal / "openlic_desktop" / "storage" / "migrations" / "versions" / "0001_portfolio.py",
        ]
        missing = [str(p) for p in need if not p.exists()]
        for shipped in (ROOT / "resources").rglob("*"):
            if shipped.is_file() and not (self.internal / "resources" / shipped.relative_to(ROOT / "resources")).exists():
                missing.append(f"resources/{shipped.relative_to(ROOT / 'resources').as_posix()}")
        for migration in (ROOT / "openlic_desktop" / "storage" / "migrations" / "versions").glob("0*.py"):
            if not (self.internal / "openlic_desktop" / "storage" / "migrations" / "versions" / migration.name).exists():
                missing.append(f"migration {migration.name}")
        plugins = list(self.internal.rglob("*qoffscreen*"))
        if not plugins:
            missing.append("Qt platform plugin 'offscreen'")
        if sys.platform.startswith("linux") and not list(self.internal.rglob("*qxcb*")):
            missing.append("Qt platform plugin 'xcb'")
        if missing:
            raise AssertionError("missing from the bundle: " + ", ".join(missing))

    def version(self) -> None:
        done = self.run(self.cli, "--version")
        want = expected_version()
        if done.returncode != 0 or want not in done.stdout + done.stderr:
            raise AssertionError(f"wanted version {want}, got exit {done.returncode}: {done.stdout}{done.stderr}")

    def demo(self) -> None:
        self.cli_ok("demo", "--patents", "60", "--seed", "3")

    def patents(self) -> list[dict]:
        items = json.loads(self.cli_ok("patents", "--json").stdout)
        if len(items) != 60:
            raise AssertionError(f"expected 60 patents, got {len(items)}")
        return items

    def show(self, number: str) -> None:
        data = json.loads(self.cli_ok("show", number, "--json").stdout)
        if number not in json.dumps(data, ensure_ascii=False):
            raise AssertionError(f"show {number} did not return that patent")

    def has_command(self, name: str) -> bool:
        helptext = self.run(self.cli, "--help").stdout
        return re.search(rf"\b{name}\b", helptext) is not None

    def profiles(self) -> None:
        data = json.loads(self.cli_ok("profiles", "--json").stdout)
        if not data:
            raise AssertionError("no bureau profiles found in the bundle")

    def export(self, numbers: list[str]) -> None:
        out = self.work / "export"
        done = self.cli_ok("export", *numbers, "--profile", "general", "--out", str(out), "--json", codes=(0, 1))
        data = json.loads(done.stdout)
        package = data.get("package")
        if data.get("patents"):
            if not package or not Path(package).is_file():
                raise AssertionError(f"export reported {package!r} but no such file")
        elif not data.get("excluded"):
            raise AssertionError(f"export produced neither a package nor exclusions: {data}")

    def backup(self) -> None:
        data = json.loads(self.cli_ok("backup", "now", "--json").stdout)
        if not data or not Path(data["path"]).is_file():
            raise AssertionError(f"no backup file: {data}")

    def screenshot(self) -> None:
        target = self.work / "screenshot.png"
        done = self.run(self.gui, "--db", str(self.db), "--screenshot", str(target))
        if done.returncode != 0 or not target.is_file():
            raise AssertionError(f"exit {done.returncode}, stderr: {done.stderr[-3000:]}")
        header = target.read_bytes()[:24]
        if header[:8] != b"\x89PNG\r\n\x1a\n":
            raise AssertionError("screenshot is not a PNG")
        width, height = struct.unpack(">II", header[16:24])
        if width < 400 or height < 300:
            raise AssertionError(f"screenshot is only {width}x{height}")
        if "Traceback" in done.stderr:
            raise AssertionError(f"the GUI printed a traceback: {done.stderr[-3000:]}")

    def all(self, keep: Path | None = None) -> bool:
        self.step("bundle holds resources, migrations, guide, Qt platform plugins", self.files_present)
        self.step("openlic --version", self.version)
        self.step("openlic demo (creates and migrates the database)", self.demo)
        items = self.step("openlic patents --json", self.patents) or []
        numbers = [item["application_number"] for item in items]
        if numbers:
            self.step("openlic show --json", lambda: self.show(numbers[0]))
        if self.has_command("profiles"):
            self.step("openlic profiles --json", self.profiles)
        if self.has_command("export") and numbers:
            self.step("openlic export --profile general", lambda: self.export(numbers[:10]))
        if self.has_command("backup"):
            self.step("openlic backup now", self.backup)
        self.step("openlic-desktop --screenshot (offscreen)", self.screenshot)
        if keep is not None and (self.work / "screenshot.png").exists():
            shutil.copy2(self.work / "screenshot.png", keep)
        ok = all(passed for _, passed, _, _ in self.results)
        for name, passed, seconds, detail in self.results:
            print(f"{'PASS' if passed else 'FAIL'}  {seconds:6.2f} s  {name}")
            if detail:
                print("      " + detail.replace("\n", "\n      "))
        total = sum(seconds for _, _, seconds, _ in self.results)
        print(f"{'smoke test passed' if ok else 'SMOKE TEST FAILED'} ({len(self.results)} steps, {total:.1f} s)")
        if ok:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            print(f"work folder kept for inspection: {self.work}")
        return ok


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Smoke-test a frozen OpenLic Desktop bundle.")
    parser.add_argument("bundle", type=Path, help="dist/OpenLicDesktop or 'dist/OpenLic Desktop.app'")
    parser.add_argument("--keep-screenshot", type=Path, help="copy the screenshot here")
    args = parser.parse_args(argv)
    if not args.bundle.exists():
        parser.error(f"{args.bundle} does not exist; build it first (installer/README.md)")
    return 0 if Smoke(args.bundle.resolve()).all(args.keep_screenshot) else 1


if __name__ == "__main__":
    raise SystemExit(main())
