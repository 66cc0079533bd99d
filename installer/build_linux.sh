#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/OpenLicDesktop/), prove it with the smoke test, hold it to its size and
# pack it as the Linux download dist/OpenLicDesktop-<version>-linux-<arch>.tar.gz.
#   installer/build_linux.sh [DIST_DIR] [WORK_DIR]
# Uses the Python of $PYTHON (default: python3) — an environment with `pip install -c
# installer/release-constraints.txt -e .[dev,postgres]` for a release (PySide6 pinned, the PostgreSQL driver in).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
DIST="${1:-$ROOT/dist}"
WORK="${2:-$ROOT/build/pyinstaller}"
cd "$ROOT"
VERSION="$("$PYTHON" -c "import re,pathlib; print(re.search(r'__version__\s*=\s*\"([^\"]+)\"', pathlib.Path('openlic_desktop/__init__.py').read_text(encoding='utf-8')).group(1))")"
"$PYTHON" installer/make_icons.py --check
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK" installer/openlic.spec
echo "built $DIST/OpenLicDesktop in $(( $(date +%s) - start )) s"
"$PYTHON" installer/smoke_test.py "$DIST/OpenLicDesktop"
"$PYTHON" installer/bundle_size.py "$DIST/OpenLicDesktop" --archive "$DIST/OpenLicDesktop-$VERSION-linux-$(uname -m).tar.gz"
