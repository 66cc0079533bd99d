"""Update the Qt translations: lupdate over the GUI sources, fill Chinese from the modules' ZH dicts, lrelease.

    python tools/i18n.py           # update openlic_desktop/resources/i18n/openlic_zh_CN.ts and .qm
    python tools/i18n.py --check   # exit 1 if a source string has no Chinese (used by the tests)

The GUI is written with English source strings (self.tr / QCoreApplication.translate); Chinese is the default
language and comes from the .qm built here. Each GUI module keeps its Chinese beside its code in `ZH = {...}`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI = ROOT / "openlic_desktop" / "gui"
TS = ROOT / "openlic_desktop" / "resources" / "i18n" / "openlic_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def zh_by_module() -> dict[str, dict[str, str]]:
    """{module file name: its ZH dict}; a message takes its own module's Chinese first."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import openlic_desktop.gui as gui_pkg

    found: dict[str, dict[str, str]] = {}
    # the GUI lives in wings (gui/editor/, gui/pricing/ …): walk them all; file names stay unique across wings
    for info in pkgutil.walk_packages(gui_pkg.__path__, prefix="openlic_desktop.gui."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        found[f"{info.name.rsplit('.', 1)[-1]}.py"] = dict(getattr(module, "ZH", {}))
    return found


def zh_dictionary() -> dict[str, dict[str, str]]:
    return zh_by_module()


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in GUI.rglob("*.py"))


def lupdate(ts: Path) -> None:
    subprocess.run([_tool("pyside6-lupdate"), *sources(), "-ts", str(ts), "-no-obsolete", "-silent"], cwd=ROOT,
                   check=True)


def fill(ts: Path, by_module: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """Write translations (the message's own module's Chinese first, then any module's); return the
    (context, source) pairs that have none."""
    merged: dict[str, str] = {}
    for table in by_module.values():
        for key, value in table.items():
            merged.setdefault(key, value)
    tree = ET.parse(ts)
    missing: list[tuple[str, str]] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            own: dict[str, str] = {}
            for location in message.iter("location"):
                own = by_module.get(Path(location.get("filename", "")).name, {})
                if source in own:
                    break
            text = own.get(source, merged.get(source))
            if text is not None:
                translation.text = text
                translation.attrib.pop("type", None)
            elif translation.get("type") == "unfinished" or not (translation.text or "").strip():
                missing.append((name, source))
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm), "-silent"], cwd=ROOT, check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    missing = fill(TS, zh_dictionary())
    lrelease(TS, QM)
    for context, source in missing:
        print(f"no Chinese for [{context}] {source!r}")
    return 1 if (missing and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
