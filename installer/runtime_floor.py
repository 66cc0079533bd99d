"""The oldest Windows and macOS the bundled Qt runs on: what the installers refuse below, and the README states.

Source: doc.qt.io, "Qt for Windows" and "Qt for macOS", Supported Configurations, of each Qt release (Qt 6.5: macOS
11; 6.8: macOS 12; 6.10: macOS 13; Windows 10 1809 for all of them). Release builds pin PySide6
(installer/release-constraints.txt) so the floor does not move from one build to the next; a newer pin may raise it.

    python installer/runtime_floor.py            # the floors for the PySide6 installed here
"""

from __future__ import annotations

import re
import sys

# (first Qt version, oldest macOS it runs on), newest first
MACOS = (((6, 10), "13.0"), ((6, 8), "12.0"), ((6, 5), "11.0"))
# Windows 10 version 1809 (October 2018 Update) is build 17763; Inno Setup's MinVersion takes it as 10.0.17763
WINDOWS = "10.0.17763"
WINDOWS_NAME = "Windows 10 1809"


def qt_version(text: str) -> tuple[int, int]:
    major, minor = re.match(r"(\d+)\.(\d+)", text).groups()
    return int(major), int(minor)


def macos_minimum(pyside_version: str) -> str:
    """LSMinimumSystemVersion for an app bundling this PySide6 (its Qt has the same major.minor)."""
    version = qt_version(pyside_version)
    for first, floor in MACOS:
        if version >= first:
            return floor
    raise ValueError(f"PySide6 {pyside_version} is older than any Qt this program supports")


def pinned_pyside(constraints: str) -> str:
    """The PySide6 version a constraints file pins (`PySide6==X.Y.Z`)."""
    match = re.search(r"^PySide6==([\d.]+)\s*$", constraints, re.MULTILINE | re.IGNORECASE)
    if match is None:
        raise ValueError("no PySide6==X.Y.Z line")
    return match.group(1)


def main() -> int:
    from PySide6 import __version__ as pyside

    print(f"PySide6 {pyside}: Windows >= {WINDOWS} ({WINDOWS_NAME}), macOS >= {macos_minimum(pyside)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
