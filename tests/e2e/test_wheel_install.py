"""A regular install works: the sdist and the wheel built from it carry everything we ship, and the programs
installed from the wheel find it — profiles, the contract template, translations, the guide, icons.

The wheel goes into a fresh virtual environment with `--no-deps`; its dependencies are taken from the environment
running the tests (a .pth file appends that site-packages after the fresh one), so the test needs no network and
~20 s instead of a full install of PySide6. The checkout is never on the path: the programs run from a temporary
folder and the test checks that `openlic_desktop` is imported from the fresh environment.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from announced_declarations import announce_in

ROOT = Path(__file__).resolve().parents[2]
BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""
SKIP = {".git", ".venv", ".venv-build", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache"}


def _copy_source(target: Path) -> None:
    """The files a release is built from: what git tracks (and new files not ignored), else the tree without
    environments and build output. Building in a copy keeps build/ and *.egg-info out of the checkout."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=False)
    names = [n for n in listed.stdout.decode("utf-8").split("\0") if n] if listed.returncode == 0 else []
    if not names:
        shutil.copytree(ROOT, target, ignore=lambda _d, entries: [e for e in entries if e in SKIP
                                                                  or e.endswith(".egg-info")])
        return
    for name in names:
        source = ROOT / name
        if source.is_file() and not (set(Path(name).parts) & SKIP):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout, check=False)
    assert done.returncode == 0, f"{args}\nstdout: {done.stdout[-3000:]}\nstderr: {done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the fresh environment's bin folder, a clean environment for its programs, a work folder)."""
    base = tmp_path_factory.mktemp("wheel")
    source, dist, venv, work = base / "source", base / "dist", base / "venv", base / "work"
    source.mkdir()
    work.mkdir()
    _copy_source(source)
    # sdist first, then the wheel built from the unpacked sdist: both must carry the resources
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(source)], base, dict(os.environ), timeout=600)
    wheel = next(dist.glob("openlic_desktop-*.whl"))
    sdist = next(dist.glob("openlic_desktop-*.tar.gz"))

    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / BIN / f"python{EXE}"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
          str(wheel)], base, dict(os.environ))
    fresh_site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           base, dict(os.environ)).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (fresh_site / "zz_dependencies_from_the_test_environment.pth").write_text("\n".join(sorted(ours)) + "\n")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "OPENLIC_", "VIRTUAL_ENV"))}
    env.update(OPENLIC_HOME=str(work / "home"), QT_QPA_PLATFORM="offscreen", PYTHONNOUSERSITE="1",
               OPENLIC_LANG="en")
    return {"bin": venv / BIN, "env": env, "work": work, "wheel": wheel, "sdist": sdist, "site": fresh_site}


def _openlic(installed, *args: str, codes=(0,)) -> subprocess.CompletedProcess:
    done = subprocess.run([str(installed["bin"] / f"openlic{EXE}"), *args], cwd=installed["work"],
                          env=installed["env"], capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=300, check=False)
    assert done.returncode in codes, f"openlic {args}: exit {done.returncode}\n{done.stdout[-2000:]}{done.stderr}"
    return done


SHIPPED = ["profiles/general.toml", "templates/open_licence_contract.docx", "i18n/openlic_zh_CN.qm",
           "reference/national_statistics.toml", "reference/ipc_industry.csv", "icons/openlic.png",
           "guide/guide_zh.md"]


@pytest.mark.slow
def test_sdist_and_wheel_carry_every_shipped_file(installed):
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "openlic_desktop" / "resources").rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts)
    assert {f"openlic_desktop/resources/{name}" for name in SHIPPED} <= set(shipped)
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        in_wheel = set(wheel.namelist())
    assert [name for name in shipped if name not in in_wheel] == []
    assert "openlic_desktop/storage/migrations/versions/0001_portfolio.py" in in_wheel
    # the template Alembic writes a new revision from: `alembic revision` against the installed package needs it
    assert "openlic_desktop/storage/migrations/script.py.mako" in in_wheel
    with tarfile.open(installed["sdist"]) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert [name for name in shipped if name not in in_sdist] == []


@pytest.mark.slow
def test_the_installed_programs_find_their_resources(installed, tmp_path):
    python = installed["bin"] / f"python{EXE}"
    probe = subprocess.run([str(python), "-c", ("import openlic_desktop.support.paths as p, openlic_desktop as o; "
                                                "print(o.__file__); print(p.resources_dir())")], cwd=installed["work"],
                           env=installed["env"], capture_output=True, text=True, check=True, timeout=60)
    module_file, resources = (Path(line) for line in probe.stdout.split("\n")[:2])
    assert installed["site"] in module_file.parents, "imported from the checkout, not the installed wheel"
    assert installed["site"] in resources.parents
    assert [name for name in SHIPPED if not (resources / name).is_file()] == []

    assert _openlic(installed, "--version").stdout.startswith("openlic ")
    profiles = json.loads(_openlic(installed, "profiles", "--json").stdout)
    assert "general" in {p["code"] for p in profiles} and len(profiles) >= 9


@pytest.mark.slow
def test_a_contract_and_the_main_window_from_the_installed_wheel(installed):
    import docx

    work = installed["work"]
    db = str(work / "wheel.sqlite3")
    _openlic(installed, "--db", db, "demo", "--patents", "20", "--seed", "5")
    listed = json.loads(_openlic(installed, "--db", db, "patents", "--status", "in_force", "--json").stdout)
    number = next(p["application_number"] for p in listed if (p["expiry_date"] or "") > "2031")
    _openlic(installed, "--db", db, "price", number, "--mode", "lump-sum", "--amount", "10000", "--term-months", "12")
    _openlic(installed, "--db", db, "licensee", "add", "--name", "安装测试科技有限公司", "--uscc", "91350100M000100Y30",
             "--address", "福州市鼓楼区1号", "--legal-representative", "李四")
    out = work / "contract.docx"
    announce_in(db, [number])   # the statutory contract recites CNIPA's announcement of the declaration
    done = json.loads(_openlic(installed, "--db", db, "contract", number, "--licensee", "91350100M000100Y30",
                               "--out", str(out), "--json").stdout)
    assert done["contract_number"]
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    text += "\n".join(cell.text for table in docx.Document(str(out)).tables for row in table.rows
                      for cell in row.cells)
    assert "安装测试科技有限公司" in text and number in text
    assert json.loads(_openlic(installed, "contract-check", "--json").stdout)["ok"] is True

    shot = work / "main.png"
    gui = subprocess.run([str(installed["bin"] / f"openlic-desktop{EXE}"), "--db", db, "--screenshot", str(shot)],
                         cwd=work, env=installed["env"], capture_output=True, text=True, encoding="utf-8",
                         errors="replace", timeout=300, check=False)
    assert gui.returncode == 0, gui.stderr[-3000:]
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert width >= 400 and height >= 300
    assert "Traceback" not in gui.stderr


@pytest.mark.slow
def test_alembic_writes_a_revision_against_the_installed_migrations(installed, tmp_path):
    """The installed package's migrations folder is a whole Alembic script directory: a new revision (written to a
    folder of its own, the installed versions are left alone) follows the installed head."""
    python = installed["bin"] / f"python{EXE}"
    written = tmp_path / "new_versions"
    written.mkdir()
    script = (
        "import sys\n"
        "from alembic import command\n"
        "from alembic.config import Config\n"
        "from openlic_desktop.storage import revisions\n"
        "from openlic_desktop.storage.engine import MIGRATIONS_DIR\n"
        "cfg = Config()\n"
        "cfg.set_main_option('script_location', str(MIGRATIONS_DIR))\n"
        "cfg.set_main_option('version_locations', f'{MIGRATIONS_DIR / \"versions\"} {sys.argv[1]}')\n"
        "command.revision(cfg, 'probe', rev_id='9999_probe', version_path=sys.argv[1])\n"
        "print(MIGRATIONS_DIR)\n"
        "print(revisions.head())\n")
    done = _run([str(python), "-c", script, str(written)], installed["work"], installed["env"])
    migrations, head = done.stdout.strip().split("\n")[-2:]
    assert installed["site"] in Path(migrations).parents
    [new] = written.glob("9999_probe*.py")
    text = new.read_text(encoding="utf-8")
    assert "revision = '9999_probe'" in text.replace('"', "'")
    assert f"down_revision = '{head}'" in text.replace('"', "'")
    assert not list(Path(migrations, "versions").glob("9999*"))
