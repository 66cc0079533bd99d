"""Third-party notices: who wrote what we ship, and under which licence — taken from the installed distributions'
own metadata (License-Expression / License / classifiers, and the licence files they carry).

The frozen bundle has no distribution metadata left, so its build (installer/openlic.spec) writes the notices to
`THIRD-PARTY-NOTICES.txt` among the resources; `notices_text()` shows that file when it is there (Help → About) and
otherwise works the notices out from the environment the program runs in (a wheel or editable install).

Distributions that carry no licence file of their own (PySide6 and shiboken6 carry none; Qt is LGPL-3.0) get the
full text of their licence from `resources/licenses/<SPDX id>.txt`, appended once at the end.
Standard library only (support/ is the bottom layer).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from openlic_desktop.support import paths

NOTICES_NAME = "THIRD-PARTY-NOTICES.txt"
ROOT_DISTRIBUTION = "openlic-desktop"
# the shared-server driver ships too: psycopg is in the `postgres` extra, and the installers carry it on purpose
SHIPPED_EXTRAS = ("postgres",)
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")
_LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|notice|copyright)", re.IGNORECASE)
_SPDX_TEXTS = ("LGPL-3.0", "GPL-3.0", "LGPL-2.1")

QT_NOTICE = (
    "PySide6 includes the Qt libraries (The Qt Company Ltd. and other contributors), used here under the GNU Lesser\n"
    "General Public License version 3 (LGPL-3.0, full text below). The Qt libraries are linked dynamically and\n"
    "installed as separate files in the program folder; you may replace them with a compatible build of your own.\n"
    "The source code of Qt is available from https://download.qt.io/official_releases/qt/ and of PySide6 from\n"
    "https://download.qt.io/official_releases/QtForPython/ ."
)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Notice:
    """One distribution: its name, version, licence as declared, home page, and the licence texts it carries."""

    name: str
    version: str
    licence: str
    home: str
    texts: tuple[tuple[str, str], ...]  # (file name, text)


def _distribution(name: str) -> metadata.Distribution | None:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def runtime_distributions(root: str = ROOT_DISTRIBUTION, extras: tuple[str, ...] = SHIPPED_EXTRAS,
                          ) -> list[metadata.Distribution]:
    """`root` and everything it needs at run time (its requirements, theirs …, with `extras` of the root), as
    installed here. A requirement for another platform or Python is not installed, so it drops out by itself;
    requirements of extras nobody asked for (test, dev, docs) are left out."""
    found: dict[str, metadata.Distribution] = {}
    queue: list[tuple[str, frozenset[str]]] = [(root, frozenset(extras))]
    wanted: dict[str, set[str]] = {}
    while queue:
        name, asked = queue.pop()
        key = canonical(name)
        seen = wanted.setdefault(key, set())
        if key in found and asked <= seen:
            continue
        dist = found.get(key) or _distribution(name)
        if dist is None:
            continue
        found[key] = dist
        seen |= asked
        for requirement in dist.requires or []:
            spec, _, marker = requirement.partition(";")
            needs_extra = _EXTRA.findall(marker)
            if needs_extra and not set(needs_extra) & seen:
                continue
            match = _NAME.match(spec)
            if match:
                sub_extras = frozenset(e.strip() for e in (match.group(2) or "").split(",") if e.strip())
                queue.append((match.group(1), sub_extras))
    return sorted((d for k, d in found.items() if k != canonical(root)), key=lambda d: canonical(d.metadata["Name"]))


def licence_of(dist: metadata.Distribution) -> str:
    """The licence as the distribution declares it: an SPDX expression, else a short License field, else the
    trove classifiers."""
    meta = dist.metadata
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 120:
        return field
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return field.splitlines()[0] if field else "see the licence text below"


def _home(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if meta.get("Home-page"):
        return meta["Home-page"]
    for url in meta.get_all("Project-URL") or []:
        label, _, link = url.partition(",")
        if label.strip().lower() in {"homepage", "home", "source", "repository", "source code"}:
            return link.strip()
    return ""


def _texts(dist: metadata.Distribution) -> tuple[tuple[str, str], ...]:
    """The licence files the distribution installed with its metadata (License-File entries, else any LICENSE /
    COPYING / NOTICE file in its .dist-info)."""
    names: list[str] = []
    for entry in dist.metadata.get_all("License-File") or []:
        names += [f"licenses/{entry}", entry]
    for file in dist.files or []:
        parts = Path(str(file)).parts
        if len(parts) >= 2 and parts[0].endswith(".dist-info") and _LICENCE_FILE.match(parts[-1]):
            names.append("/".join(parts[1:]))
    texts: dict[str, str] = {}
    for name in names:
        base = name.rsplit("/", 1)[-1]
        if base in texts:
            continue
        text = dist.read_text(name)
        if text and text.strip():
            texts[base] = text.strip()
    return tuple(texts.items())


def notice_for(dist: metadata.Distribution) -> Notice:
    meta = dist.metadata
    return Notice(meta["Name"], dist.version, licence_of(dist), _home(dist), _texts(dist))


def _python_notice() -> Notice:
    licence = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt"
    if not licence.is_file():
        licence = Path(sys.base_prefix) / "LICENSE.txt"  # Windows installs
    text = licence.read_text(encoding="utf-8", errors="replace").strip() if licence.is_file() else ""
    version = ".".join(map(str, sys.version_info[:3]))
    return Notice("Python", version, "PSF-2.0", "https://www.python.org/", (("LICENSE.txt", text),) if text else ())


def _texts_needed(licence: str) -> list[str]:
    """The licence texts we ship that a distribution without its own files needs: those of the first choice of an
    `A OR B` expression (PySide6: LGPL-3.0), with GPL-3.0 beside LGPL-3.0, which is written as additions to it."""
    chosen = licence.split(" OR ")[0]
    named = [spdx for spdx in _SPDX_TEXTS if re.search(rf"(?<![\w.-]){re.escape(spdx)}(-only|-or-later|\+)?(?![\w.])",
                                                       chosen)]
    if "LGPL-3.0" in named and "GPL-3.0" not in named:
        named.append("GPL-3.0")
    return named


def top_level_names(dist: metadata.Distribution) -> set[str]:
    """The top-level modules and folders a distribution installed (PySide6_Addons: PySide6), to tell whether a
    bundle carries any of it."""
    names = set()
    for file in dist.files or []:
        first = Path(str(file)).parts[0]
        if first.endswith((".dist-info", ".data", ".egg-info")) or first in {"..", "__pycache__"}:
            continue
        names.add(first[:-3] if first.endswith(".py") else first.split(".")[0])
    return names


def render(notices: list[Notice], with_python: bool = True) -> str:
    """The notices as one plain-text document."""
    items = ([_python_notice()] if with_python else []) + notices
    lines = ["OpenLic Desktop — third-party software / 第三方软件许可声明", "",
             "OpenLic Desktop contains the following software by others. Each is used under its own licence,",
             "given below as the software declares it. 本程序包含下列第三方软件，各依其许可证使用。", ""]
    for notice in items:
        lines.append(f"- {notice.name} {notice.version} — {notice.licence}" + (f" — {notice.home}" if notice.home
                                                                                  else ""))
    full_texts: list[str] = []
    for notice in items:
        block = ["", "=" * 100, f"{notice.name} {notice.version}", f"Licence: {notice.licence}"]
        if notice.home:
            block.append(f"Home: {notice.home}")
        if canonical(notice.name) in {"pyside6", "pyside6-essentials", "pyside6-addons"}:
            block += ["", QT_NOTICE]
        for file_name, text in notice.texts:
            block += ["", f"--- {file_name} ---", text]
        if not notice.texts:
            named = _texts_needed(notice.licence)
            block += ["", "The full text of " + " / ".join(named) + " is at the end of this file."] if named else []
            full_texts += [spdx for spdx in named if spdx not in full_texts]
        lines += block
    for spdx in full_texts:
        text_file = paths.resources_dir() / "licenses" / f"{spdx}.txt"
        if text_file.is_file():
            lines += ["", "=" * 100, f"{spdx}", "", text_file.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def generate(root: str = ROOT_DISTRIBUTION, keep=None) -> str:
    """The notices for `root`'s run-time distributions installed here (those `keep(dist)` accepts, if given)."""
    dists = [d for d in runtime_distributions(root) if keep is None or keep(d)]
    return render([notice_for(d) for d in dists])


def notices_text() -> str:
    """What Help → About shows: the file written at build time when there is one, else the notices worked out
    from this environment."""
    shipped = paths.resources_dir() / NOTICES_NAME
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    return generate()


def main(argv: list[str] | None = None) -> int:
    """`python -m openlic_desktop.support.notices [FILE]`: write the notices (stdout without FILE)."""
    args = sys.argv[1:] if argv is None else argv
    text = generate()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
