"""The Windows and macOS installer scripts cannot be run here (no such machines): these tests hold what can be
checked without them — the system floor matches the pinned Qt everywhere it is written, the Chinese installer
messages are in the repository, and the macOS signing steps run in the order Apple requires."""

from __future__ import annotations

import plistlib
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))
import runtime_floor


def test_the_macos_floor_follows_the_qt_release():
    assert runtime_floor.macos_minimum("6.5.3") == "11.0"
    assert runtime_floor.macos_minimum("6.7.2") == "11.0"
    assert runtime_floor.macos_minimum("6.8.0") == "12.0"
    assert runtime_floor.macos_minimum("6.10.1") == "13.0"
    assert runtime_floor.macos_minimum("6.11.3") == "13.0"
    with pytest.raises(ValueError):
        runtime_floor.macos_minimum("6.4.0")


def test_release_builds_pin_pyside_inside_what_the_project_accepts():
    constraints = (INSTALLER / "release-constraints.txt").read_text(encoding="utf-8")
    pinned = runtime_floor.pinned_pyside(constraints)
    for family in ("PySide6-Essentials", "PySide6-Addons", "shiboken6"):
        assert f"{family}=={pinned}" in constraints
    # the dependency spec keeps Python 3.11 below 6.12 (none_dealloc abort): the pin must respect it
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    floor_311 = next(d for d in deps if d.startswith("PySide6") and "3.12" in d and "<" in d.split(";")[1])
    upper = re.search(r"<\s*([\d.]+)", floor_311.split(";")[0]).group(1)
    assert runtime_floor.qt_version(pinned) < runtime_floor.qt_version(upper)
    for script in ("windows/build.ps1", "macos/build.sh"):
        assert "release-constraints.txt" in (INSTALLER / script).read_text(encoding="utf-8"), script


def test_readme_states_the_floor_of_the_pinned_qt():
    pinned = runtime_floor.pinned_pyside((INSTALLER / "release-constraints.txt").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    mac = runtime_floor.macos_minimum(pinned).removesuffix(".0")
    assert f"PySide6 {pinned}" in readme
    assert f"macOS {mac}" in readme and runtime_floor.WINDOWS_NAME in readme


def test_the_windows_installer_refuses_older_windows_in_both_languages():
    iss = (INSTALLER / "windows" / "openlic.iss").read_bytes()
    assert iss.startswith(b"\xef\xbb\xbf"), "Inno Setup reads Chinese only from UTF-8 with a BOM"
    text = iss.decode("utf-8-sig")
    assert f'#define MinWindows "{runtime_floor.WINDOWS}"' in text and "MinVersion={#MinWindows}" in text
    refusal = dict(re.findall(r"^(zh|en)\.WinVersionTooLowError=(.+)$", text, re.MULTILINE))
    assert "1809" in refusal["zh"] and "1809" in refusal["en"] and "Windows 10" in refusal["zh"]


def test_the_chinese_installer_messages_are_in_the_repository():
    text = (INSTALLER / "windows" / "openlic.iss").read_text(encoding="utf-8-sig")
    assert 'MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"' in text
    assert "#if FileExists" not in text  # no longer depends on what the build machine has
    isl = (INSTALLER / "windows" / "ChineseSimplified.isl").read_bytes()
    assert isl.startswith(b"\xef\xbb\xbf")
    isl_text = isl.decode("utf-8-sig")
    assert "LanguageID=$0804" in isl_text and "LanguageCodePage=0" in isl_text
    messages = dict(re.findall(r"^([A-Za-z0-9]+)=(.*)$", isl_text, re.MULTILINE))
    for page in ("WelcomeLabel1", "WizardSelectDir", "WizardReady", "WizardInstalling", "FinishedHeadingLabel",
                 "ButtonNext", "ButtonCancel", "ConfirmUninstall", "CreateDesktopIcon", "LaunchProgram"):
        assert re.search(r"[\u4e00-\u9fff]", messages[page]), page
    # Inno Setup's placeholders survive the translation
    assert "[name]" in messages["WelcomeLabel1"] and "%1" in messages["ConfirmUninstall"]


def test_shortcuts_are_named_in_the_installers_language_and_the_document_type_is_registered():
    text = (INSTALLER / "windows" / "openlic.iss").read_text(encoding="utf-8-sig")
    names = dict(re.findall(r"^(zh|en)\.ShortcutName=(.+)$", text, re.MULTILINE))
    assert re.search(r"[\u4e00-\u9fff]", names["zh"]) and names["en"] == "OpenLic Desktop"
    icons = text.split("[Icons]")[1].split("\n[")[0]
    assert icons.count("{cm:ShortcutName}") == 2
    registry = text.split("[Registry]")[1].split("\n[")[0]
    assert 'Subkey: "Software\\Classes\\.openlic"' in registry
    assert '"""{app}\\{#GuiExe}"" ""%1"""' in registry  # the double-clicked file is passed as PATH
    assert "ChangesAssociations=yes" in text


def test_windows_signing_is_optional_and_documented():
    build = (INSTALLER / "windows" / "build.ps1").read_text(encoding="utf-8")
    assert "if ($env:OPENLIC_SIGN_CERT)" in build and "/fd" in build and "/tr" in build
    iss = (INSTALLER / "windows" / "openlic.iss").read_text(encoding="utf-8-sig")
    assert "#ifdef SignTool" in iss and "SignedUninstaller=yes" in iss
    assert "OPENLIC_SIGN_CERT" in (INSTALLER / "README.md").read_text(encoding="utf-8")


def _position(script: str, pattern: str) -> int:
    match = re.search(pattern, script, re.MULTILINE)
    assert match, pattern
    return match.start()


def test_macos_signs_the_app_then_builds_signs_notarises_and_staples_the_dmg():
    script = (INSTALLER / "macos" / "build.sh").read_text(encoding="utf-8")
    steps = [r'^\s+sign --entitlements "\$ENTITLEMENTS" "\$APP"', r"^hdiutil create",
             r'codesign --force --timestamp --sign "\$IDENTITY" "\$DMG"', r"xcrun notarytool submit",
             r"xcrun stapler staple"]
    positions = [_position(script, step) for step in steps]
    assert positions == sorted(positions)
    assert "--options runtime" in script and "--timestamp" in script
    signing = [line for line in script.splitlines() if "codesign" in line and "--verify" not in line]
    assert not any("--deep" in line for line in signing), "sign inside out; --deep only verifies"
    assert 'DMG="dist/OpenLicDesktop-$VERSION-macos-$ARCH.dmg"' in script


def test_the_entitlements_grant_only_what_the_program_needs():
    granted = plistlib.loads((INSTALLER / "macos" / "entitlements.plist").read_bytes())
    assert granted == {"com.apple.security.cs.allow-unsigned-executable-memory": True}


def test_the_app_bundle_declares_the_document_type_and_takes_the_floor_from_the_qt_it_bundles():
    spec = (INSTALLER / "openlic.spec").read_text(encoding="utf-8")
    assert '"LSMinimumSystemVersion": runtime_floor.macos_minimum(PYSIDE_VERSION)' in spec
    assert '"public.filename-extension": ["openlic"]' in spec and '"UTTypeIdentifier": "org.openlic.database"' in spec
    assert '"LSItemContentTypes": ["org.openlic.database"]' in spec


def test_the_guide_tells_how_to_open_an_unsigned_app_on_macos():
    guide = (ROOT / "openlic_desktop" / "resources" / "guide" / "guide_zh.md").read_text(encoding="utf-8")
    assert "隐私与安全性" in guide and "仍要打开" in guide and "xattr" in guide
