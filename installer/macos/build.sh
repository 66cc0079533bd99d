#!/usr/bin/env bash
# Build OpenLic Desktop for macOS: "OpenLic Desktop.app" (PyInstaller BUNDLE), its smoke test, then a .dmg.
#   installer/macos/build.sh
# Needs: Python 3.11+ from python.org or Homebrew (python3 on PATH); Xcode command line tools (hdiutil, codesign).
# Builds for the machine's own architecture (arm64 on Apple silicon, x86_64 on Intel).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
python3 -m venv .venv-build
.venv-build/bin/pip install -q -e '.[dev]'
PY=.venv-build/bin/python
VERSION="$($PY -c "import re,pathlib; print(re.search(r'__version__\s*=\s*\"([^\"]+)\"', pathlib.Path('openlic_desktop/__init__.py').read_text(encoding='utf-8')).group(1))")"

$PY installer/make_icons.py --check
$PY -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller installer/openlic.spec
APP="dist/OpenLic Desktop.app"
$PY installer/smoke_test.py "$APP"

# The .dmg: the app and a link to /Applications, so users drag one onto the other.
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="dist/OpenLicDesktop-$VERSION.dmg"
rm -f "$DMG"
hdiutil create -volname "OpenLic Desktop $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"
echo "$DMG"
# Distribution outside this office needs signing and notarisation with an Apple Developer ID:
#   codesign --deep --force --options runtime --sign "Developer ID Application: …" "$APP"
#   xcrun notarytool submit "$DMG" --keychain-profile … --wait && xcrun stapler staple "$DMG"
