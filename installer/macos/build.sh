#!/usr/bin/env bash
# Build OpenLic Desktop for macOS: "OpenLic Desktop.app" (PyInstaller BUNDLE), its smoke test and size check, then
# a .dmg named for the architecture it was built on — and, with a Developer ID, signed and notarised, in the order
# Apple requires:
#   1. sign every binary inside the app, then the app (hardened runtime, secure timestamp, entitlements)
#   2. build the .dmg from the signed app
#   3. sign the .dmg
#   4. notarise the .dmg (notarytool, waits for Apple's answer)
#   5. staple the ticket to the .dmg (Gatekeeper then accepts it offline)
#
#   installer/macos/build.sh
#   OPENLIC_SIGN_IDENTITY="Developer ID Application: … (TEAMID)" OPENLIC_NOTARY_PROFILE=openlic installer/macos/build.sh
#
# OPENLIC_NOTARY_PROFILE names credentials stored once with
#   xcrun notarytool store-credentials openlic --apple-id … --team-id … --password <app-specific password>
# Without OPENLIC_SIGN_IDENTITY the app and .dmg are unsigned: users open them as the guide describes (Gatekeeper).
# Needs: Python 3.11+ (python3 on PATH); Xcode command line tools (hdiutil, codesign, xcrun). Builds for the
# machine's own architecture (arm64 on Apple silicon, x86_64 on Intel): build on each for both downloads.
# Not run on the machine this was written on (no Mac there).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
python3 -m venv .venv-build
# release builds pin PySide6 (installer/release-constraints.txt): its Qt sets LSMinimumSystemVersion
.venv-build/bin/pip install -q -c installer/release-constraints.txt -e '.[dev,postgres]'
PY=.venv-build/bin/python
VERSION="$($PY -c "import re,pathlib; print(re.search(r'__version__\s*=\s*\"([^\"]+)\"', pathlib.Path('openlic_desktop/__init__.py').read_text(encoding='utf-8')).group(1))")"
ARCH="$(uname -m)"   # arm64 | x86_64
ENTITLEMENTS="$ROOT/installer/macos/entitlements.plist"
IDENTITY="${OPENLIC_SIGN_IDENTITY:-}"

$PY installer/make_icons.py --check
$PY -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller installer/openlic.spec
APP="dist/OpenLic Desktop.app"
$PY installer/smoke_test.py "$APP"
$PY installer/bundle_size.py "$APP"

sign() {  # sign one file or bundle with the hardened runtime and a secure timestamp
  codesign --force --timestamp --options runtime --sign "$IDENTITY" "$@"
}

if [ -n "$IDENTITY" ]; then
  # 1. inside out, never --deep: libraries and Qt's frameworks first, then the two programs, then the app
  while IFS= read -r -d '' file; do
    if file -b "$file" | grep -q "Mach-O"; then sign "$file"; fi
  done < <(find "$APP/Contents/Frameworks" "$APP/Contents/Resources" -type f -print0)
  while IFS= read -r -d '' framework; do
    sign "$framework"
  done < <(find "$APP/Contents/Frameworks" -type d -name "*.framework" -prune -print0)
  for program in "$APP/Contents/MacOS/openlic" "$APP/Contents/MacOS/openlic-desktop"; do
    sign --entitlements "$ENTITLEMENTS" "$program"
  done
  sign --entitlements "$ENTITLEMENTS" "$APP"
  codesign --verify --strict --deep --verbose=2 "$APP"
fi

# 2. the .dmg: the app, a link to /Applications (drag one onto the other) and the third-party notices
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
cp "dist/OpenLicDesktop/THIRD-PARTY-NOTICES.txt" "$STAGE/" 2>/dev/null || \
  cp "$APP/Contents/Resources/openlic_desktop/resources/THIRD-PARTY-NOTICES.txt" "$STAGE/"
DMG="dist/OpenLicDesktop-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "OpenLic Desktop $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"

if [ -n "$IDENTITY" ]; then
  # 3. sign the .dmg itself (no runtime options: it is not code)
  codesign --force --timestamp --sign "$IDENTITY" "$DMG"
  if [ -n "${OPENLIC_NOTARY_PROFILE:-}" ]; then
    # 4. notarise; 5. staple, so a first start offline passes Gatekeeper too
    xcrun notarytool submit "$DMG" --keychain-profile "$OPENLIC_NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  else
    echo "signed but not notarised: set OPENLIC_NOTARY_PROFILE to notarise and staple"
  fi
fi
SIZE=$(stat -f %z "$DMG")
echo "$DMG ($((SIZE / 1000000)) MB)"
if [ "$SIZE" -gt 100000000 ]; then echo "TOO BIG: the .dmg is over 100 MB"; exit 1; fi
