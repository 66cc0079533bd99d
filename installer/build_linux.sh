#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/OpenLicDesktop/) and prove it with the smoke test.
#   installer/build_linux.sh [DIST_DIR] [WORK_DIR]
# Uses the Python of $PYTHON (default: /work/venv/bin/python if present, else python3) with `pip install -e .[dev]`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$( [ -x /work/venv/bin/python ] && echo /work/venv/bin/python || echo python3 )}"
DIST="${1:-$ROOT/dist}"
WORK="${2:-$ROOT/build/pyinstaller}"
cd "$ROOT"
"$PYTHON" installer/make_icons.py --check
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK" installer/openlic.spec
echo "built $DIST/OpenLicDesktop in $(( $(date +%s) - start )) s ($(du -sh "$DIST/OpenLicDesktop" | cut -f1))"
"$PYTHON" installer/smoke_test.py "$DIST/OpenLicDesktop"
