"""Update the Qt translations of the GUI: lupdate over openlic_desktop/gui into the .ts, then lrelease to the .qm.

    python tools/i18n.py                  # update openlic_desktop/resources/i18n/openlic_zh_CN.ts from the sources, build the .qm
    python tools/i18n.py --check          # the same, and exit 1 when a message has no Chinese
    python tools/i18n.py --todo           # the messages without Chinese, as JSON {context: {source: ""}}
    python tools/i18n.py --apply FILE.json   # write the Chinese of FILE.json ({context: {source: 中文}}) into the
                                             # .ts, then build the .qm

The GUI is written with English source strings that lupdate can see (gui/__init__.py says how); the Chinese lives
in the .ts only, one translation per (context, source). A new string appears in the .ts as unfinished: give it its
Chinese in Qt Linguist, by editing the .ts, or with --todo / --apply. The .ts carries no line numbers, so that an
edit elsewhere in a file does not touch it, and two branches adding strings rarely conflict.
"""

from __future__ import annotations

import argparse
import json
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


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in GUI.rglob("*.py"))


def lupdate(ts: Path) -> None:
    """Bring `ts` in line with the sources: new messages added unfinished, vanished ones dropped, translations of
    the rest kept."""
    subprocess.run([_tool("pyside6-lupdate"), *sources(), "-ts", str(ts), "-no-obsolete", "-locations", "none",
                    "-target-language", "zh_CN", "-silent"], cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm), "-silent"], cwd=ROOT, check=True)


def messages(ts: Path) -> list[tuple[str, str, str, bool]]:
    """(context, source, translation, finished) of every message."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            finished = translation is not None and translation.get("type") is None and bool(text.strip())
            out.append((name, message.findtext("source", ""), text, finished))
    return out


def missing(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of the messages without Chinese."""
    return [(context, source) for context, source, _text, finished in messages(ts) if not finished]


def apply(ts: Path, chinese: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """Write {context: {source: translation}} into `ts`; return the (context, source) pairs it does not hold."""
    tree = ET.parse(ts)
    placed: set[tuple[str, str]] = set()
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        table = chinese.get(name, {})
        for message in context.iter("message"):
            source = message.findtext("source", "")
            if source not in table or not table[source].strip():
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.text = table[source]
            translation.attrib.pop("type", None)
            placed.add((name, source))
    _write(tree, ts)
    return [(c, s) for c, table in chinese.items() for s, t in table.items() if t.strip() and (c, s) not in placed]


def _write(tree: ET.ElementTree, ts: Path) -> None:
    """The .ts as lupdate writes it (so that the next lupdate run changes nothing)."""
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode", short_empty_elements=False)
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="exit 1 when a message has no Chinese")
    parser.add_argument("--todo", action="store_true", help="print the messages without Chinese as JSON")
    parser.add_argument("--apply", metavar="FILE.json", help="write these translations into the .ts")
    args = parser.parse_args()
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    if args.apply:
        unknown = apply(TS, json.loads(Path(args.apply).read_text(encoding="utf-8")))
        for context, source in unknown:
            print(f"not in the sources: [{context}] {source!r}")
        lupdate(TS)  # back to lupdate's own layout
    lrelease(TS, QM)
    todo = missing(TS)
    if args.todo:
        table: dict[str, dict[str, str]] = {}
        for context, source in todo:
            table.setdefault(context, {})[source] = ""
        print(json.dumps(table, ensure_ascii=False, indent=1))
        return 0
    for context, source in todo:
        print(f"no Chinese for [{context}] {source!r}")
    return 1 if (todo and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
