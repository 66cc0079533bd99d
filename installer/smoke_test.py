"""Prove a frozen bundle is complete: run its programs, in a clean environment, on a fresh database.

    python installer/smoke_test.py dist/OpenLicDesktop            # Linux / Windows folder
    python installer/smoke_test.py "dist/OpenLic Desktop.app"     # macOS

Runs the FROZEN `openlic --version`, `demo`, `patents --json`, `show --json`, then, for the commands this
version has: `import` (csv in, xlsx out and back), `commitment-letter` and `contract` (docx templates),
`profiles --json`, `export`, `backup now`, the PostgreSQL driver; and `openlic-desktop --screenshot` (offscreen),
also given the database as PATH; from a temporary folder with no PYTHONPATH and a temporary OPENLIC_HOME — so
nothing can come from this checkout or the user's own files. Also checks that the files Alembic, the profiles and
Qt load at run time are in the bundle, that the third-party notices are there (and name no test tool), and, on
Linux, that the libraries of every Qt module in the bundle resolve inside it.
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
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = Path("openlic_desktop") / "resources"  # inside the package: paths.resources_dir(), frozen or not
NOTICES = "THIRD-PARTY-NOTICES.txt"
EXE = ".exe" if sys.platform == "win32" else ""


def expected_version() -> str:
    text = (ROOT / "openlic_desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def locate(bundle: Path) -> tuple[Path, Path, Path]:
    """(folder holding the programs, folder holding the bundled files, i.e. sys._MEIPASS)."""
    if bundle.suffix == ".app":
        programs = bundle / "Contents" / "MacOS"
        internal = bundle / "Contents" / "Frameworks"
        if not (internal / RESOURCES).exists():
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
        self._help: str | None = None

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

    def cli_ok(self, *args: str, codes: tuple[int, ...] = (0,), prefix: bool = False) -> subprocess.CompletedProcess:
        """`openlic --db DB ARGS`; with prefix=True the first two ARGS are global options (e.g. --user NAME)."""
        head, rest = (list(args[:2]), list(args[2:])) if prefix else ([], list(args))
        done = self.run(self.cli, *head, "--db", str(self.db), *rest)
        if done.returncode not in codes:
            raise AssertionError(f"exit {done.returncode}\nstdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-3000:]}")
        return done

    # --- the steps ---------------------------------------------------------------------------------------------
    def files_present(self) -> None:
        need = [
            self.cli, self.gui,
            self.internal / RESOURCES / "profiles",
            self.internal / RESOURCES / "icons" / "openlic.png",
            self.internal / RESOURCES / "guide" / "guide_zh.md",
            self.internal / "openlic_desktop" / "storage" / "migrations" / "env.py",
            self.internal / "openlic_desktop" / "storage" / "migrations" / "versions" / "0001_portfolio.py",
        ]
        missing = [str(p) for p in need if not p.exists()]
        for shipped in (ROOT / RESOURCES).rglob("*"):
            if shipped.is_file() and not (self.internal / shipped.relative_to(ROOT)).exists():
                missing.append(shipped.relative_to(ROOT).as_posix())
        for migration in (ROOT / "openlic_desktop" / "storage" / "migrations" / "versions").glob("0*.py"):
            if not (self.internal / "openlic_desktop" / "storage" / "migrations" / "versions" / migration.name).exists():
                missing.append(f"migration {migration.name}")
        if not list(self.internal.rglob("qtbase_zh_CN.qm")):
            missing.append("Qt's own Chinese translation qtbase_zh_CN.qm")
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
        if self._help is None:
            self._help = self.run(self.cli, "--help").stdout
        return re.search(rf"^\s+{re.escape(name)}\s", self._help, re.MULTILINE) is not None

    def profiles(self) -> None:
        data = json.loads(self.cli_ok("profiles", "--json").stdout)
        if not data:
            raise AssertionError("no bureau profiles found in the bundle")

    def import_files(self, number: str) -> None:
        """CSV in (intake), rejected rows out as .xlsx (xlsxwriter/openpyxl), that .xlsx read back (calamine)."""
        bad = number[:-1] + ("1" if number[-1] == "0" else "0")
        rows = self.work / "rows.csv"
        rows.write_text("申请号,发明名称,专利类型,申请日,专利权人\n"
                        f"{number},一种烟雾测试方法,发明,2021-01-05,测试大学\n"
                        f"{bad},校验位错误的专利,发明,2021-01-05,测试大学\n", encoding="utf-8-sig")
        errors = self.work / "rejected.xlsx"
        data = json.loads(self.cli_ok("import", str(rows), "--errors-out", str(errors), "--json", codes=(1,)).stdout)
        if (data["rows_read"], data["rejected"], data["rejections"][0]["code"]) != (2, 1, "BAD_CHECK_DIGIT"):
            raise AssertionError(f"unexpected import result: {data}")
        if errors.read_bytes()[:2] != b"PK":
            raise AssertionError("the rejected rows were not written as .xlsx")
        again = json.loads(self.cli_ok("import", str(errors), "--dry-run", "--json", codes=(1,)).stdout)
        if again["rejected"] != 1:
            raise AssertionError(f"reading the .xlsx back: {again}")

    def make_ready(self, items: list[dict]) -> str:
        """Take one patent through the whole preparation: report, commitments, price, contact, two sign-offs."""
        # in force for longer than the 24-month licence priced below
        lasting = [i for i in items if i["status"] == "in_force" and len(i["patentees"]) == 1
                   and (i["expiry_date"] or "") > f"{time.gmtime().tm_year + 3}"]
        candidates = [i for i in lasting if i["type"] == "utility_model"] or lasting
        number = candidates[0]["application_number"]
        report = self.work / "report.pdf"
        report.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        self.cli_ok("attach", number, str(report), "--kind", "evaluation-report", "--conclusion", "favourable",
                    "--report-no", "PJ-SMOKE-1", "--date", "2026-01-05")
        self.cli_ok("commit", number, "--all")
        self.cli_ok("price", number, "--mode", "lump-sum", "--amount", "10000", "--term-months", "24")
        self.cli_ok("set", number, "contact_person=张老师", "contact_phone=0571-88888888",
                    "contact_email=tto@example.cn")
        self.cli_ok("--user", "preparer1", "signoff", number, "--role", "preparer", prefix=True)
        self.cli_ok("--user", "reviewer1", "signoff", number, "--role", "reviewer", prefix=True)
        verdict = json.loads(self.cli_ok("check", number, "--json").stdout)
        if not verdict or not verdict[0]["ready"]:
            raise AssertionError(f"{number} is not ready: {verdict}")
        return number

    def export(self, number: str) -> None:
        """The bureau package: information table (xlsx), letters (docx), report, manifest, in one zip."""
        out = self.work / "export"
        data = json.loads(self.cli_ok("export", "--all-ready", "--profile", "general", "--out", str(out),
                                      "--json").stdout)
        package = Path(data["package"] or "")
        if not package.is_absolute():
            package = self.work / package
        # the demo's own patents signed off and not yet listed are ready too: this one must be among them
        if number not in data["patents"] or not package.is_file():
            raise AssertionError(f"export did not package {number}: {data}")
        with zipfile.ZipFile(package) as archive:
            names = archive.namelist()
            if archive.testzip() is not None:
                raise AssertionError("the package zip is damaged")
        for suffix in (".xlsx", ".docx", "manifest.json"):
            if not any(name.endswith(suffix) for name in names):
                raise AssertionError(f"no {suffix} in the package: {names}")

    def documents(self, number: str) -> None:
        """Word documents from the bundled templates: a commitment letter and a contract."""
        letter = self.work / "commitment.docx"
        self.cli_ok("commitment-letter", number, "--out", str(letter))
        self.cli_ok("licensee", "add", "--name", "烟雾测试科技有限公司", "--uscc", "91330100MA27XXXX0F",
                    "--address", "杭州市西湖区文三路1号", "--legal-representative", "张三")
        contract = self.work / "contract.docx"
        # the demo has no declaration CNIPA announced, which the contract recites: drafted on an explicit override
        self.cli_ok("contract", number, "--licensee", "91330100MA27XXXX0F", "--out", str(contract), "--json",
                    "--override-blockers", "安装包自检")
        for doc in (letter, contract):
            with zipfile.ZipFile(doc) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise AssertionError(f"{doc.name} is not a Word document")

    def backup(self) -> None:
        data = json.loads(self.cli_ok("backup", "now", "--json").stdout)
        if not data or not Path(data["path"]).is_file():
            raise AssertionError(f"no backup file: {data}")

    def notices(self) -> None:
        """THIRD-PARTY-NOTICES beside the programs and among the resources (Help → About shows that one)."""
        top = self.cli.parent / NOTICES
        if sys.platform == "darwin":
            top = self.internal / RESOURCES / NOTICES
        for path in (top, self.internal / RESOURCES / NOTICES):
            if not path.is_file():
                raise AssertionError(f"missing {path}")
        text = (self.internal / RESOURCES / NOTICES).read_text(encoding="utf-8")
        for needed in ("- PySide6 ", "GNU LESSER GENERAL PUBLIC LICENSE", "- SQLAlchemy ", "- psycopg "):
            if needed not in text:
                raise AssertionError(f"the notices lack {needed!r}")
        for unwanted in ("- pytest ", "- hypothesis ", "- pyinstaller ", "- polars "):
            if unwanted in text:
                raise AssertionError(f"the notices name {unwanted.strip('- ')}, which the bundle must not carry")

    def qt_libraries_resolve(self) -> None:
        """Every PySide6 module we bundle (QtCharts too, which the start-up never loads) finds its Qt libraries
        in the bundle: nothing was filtered out that a kept module needs."""
        modules = sorted((self.internal / "PySide6").glob("Qt*.abi3.so"))
        if not any(m.name.startswith("QtCharts") for m in modules):
            raise AssertionError("QtCharts is not in the bundle (the pricing chart needs it)")
        env = dict(self.env, LD_LIBRARY_PATH=os.pathsep.join(
            str(p) for p in (self.internal, self.internal / "PySide6" / "Qt" / "lib", self.internal / "PySide6")))
        missing = []
        for module in modules:
            listing = subprocess.run(["ldd", str(module)], env=env, capture_output=True, text=True, check=False)
            missing += [f"{module.name}: {line.strip()}" for line in listing.stdout.splitlines() if "not found" in line]
        if missing:
            raise AssertionError("unresolved: " + "; ".join(missing))

    def postgres_driver(self) -> None:
        """The shared-server driver is in the bundle: a server that is not there is a refusal (exit 2), not a
        missing module."""
        done = self.run(self.cli, "--db", "postgresql+psycopg://openlic@127.0.0.1:9/openlic", "patents")
        if done.returncode != 2 or "Traceback" in done.stderr or "No module named" in done.stderr:
            raise AssertionError(f"exit {done.returncode}: {done.stderr[-2000:]}")

    def open_path(self) -> None:
        """`openlic-desktop PATH` opens that database (what a double-click on an .openlic file does)."""
        document = self.work / "本单位专利.openlic"
        shutil.copy2(self.db, document)
        target = self.work / "opened.png"
        done = self.run(self.gui, str(document), "--screenshot", str(target))
        if done.returncode != 0 or not target.is_file():
            raise AssertionError(f"exit {done.returncode}, stderr: {done.stderr[-3000:]}")

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
        if self.has_command("import") and numbers:
            self.step("openlic import (csv in, rejected rows to xlsx, xlsx read back)",
                      lambda: self.import_files(numbers[0]))
        if self.has_command("profiles"):
            self.step("openlic profiles --json", self.profiles)
        pipeline = ("attach", "commit", "price", "signoff", "check", "export")
        if items and all(self.has_command(c) for c in pipeline):
            ready = self.step("make a patent ready (attach, commit, price, set, signoff ×2, check)",
                              lambda: self.make_ready(items))
            if ready:
                self.step("openlic export --all-ready (zip with xlsx, docx, manifest)", lambda: self.export(ready))
                if self.has_command("contract") and self.has_command("commitment-letter"):
                    self.step("openlic commitment-letter and contract (docx templates)",
                              lambda: self.documents(ready))
        if self.has_command("backup"):
            self.step("openlic backup now", self.backup)
        self.step("openlic with a PostgreSQL URL (the driver is bundled)", self.postgres_driver)
        self.step("THIRD-PARTY-NOTICES in the bundle", self.notices)
        if sys.platform.startswith("linux"):
            self.step("the libraries of every bundled Qt module resolve", self.qt_libraries_resolve)
        self.step("openlic-desktop --screenshot (offscreen)", self.screenshot)
        self.step("openlic-desktop PATH opens that database", self.open_path)
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
