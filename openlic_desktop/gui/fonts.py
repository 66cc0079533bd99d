"""Chinese fonts: pick a good one when the system has it, and say so plainly when it has none.

Without a font that covers Simplified Chinese every character of the interface is an empty box and nothing else
tells the user why (a bare Linux desktop, a minimal container). `missing_font_notice()` detects that at start
and returns the words to show — in English, since Chinese cannot be drawn — with the package that provides one
on the usual Linux distributions. Thread rule: GUI thread (asks Qt's font database).
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

# preferred in this order when installed: the platform's own UI font first
PREFERRED = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "Noto Sans SC")

# where the CJK fonts come from on Linux: (distribution hint, command)
LINUX_PACKAGES = (
    ("Debian / Ubuntu / Deepin / UOS", "sudo apt install fonts-noto-cjk"),
    ("Fedora / RHEL / Kylin", "sudo dnf install google-noto-sans-cjk-fonts"),
    ("openSUSE", "sudo zypper install noto-sans-cjk-fonts"),
    ("Arch", "sudo pacman -S noto-fonts-cjk"),
)


def chinese_families() -> list[str]:
    """The installed font families Qt says can write Simplified Chinese."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def choose_font(app: QGuiApplication) -> str | None:
    """Use the preferred Chinese font when one is installed (keeping the size); returns its family."""
    families = set(chinese_families())
    for family in PREFERRED:
        if family in families:
            app.setFont(QFont(family, app.font().pointSize()))
            return family
    return None


def missing_font_notice(families: list[str] | None = None, platform: str | None = None) -> str | None:
    """None when a Chinese font is installed; else what to tell the user (English: Chinese would be boxes)."""
    if families is None:
        families = chinese_families()
    if families:
        return None
    platform = platform or sys.platform
    lines = ["No Chinese font was found on this computer, so Chinese text shows as empty boxes.", ""]
    if platform.startswith("linux"):
        lines.append("Install one, then start OpenLic Desktop again:")
        lines += [f"  {where}:  {command}" for where, command in LINUX_PACKAGES]
    elif platform == "darwin":
        lines.append("macOS ships Chinese fonts (PingFang SC): check that they were not removed or disabled in "
                     "Font Book, then start OpenLic Desktop again.")
    else:
        lines.append("Windows ships Chinese fonts (Microsoft YaHei): check Settings → Personalization → Fonts, "
                     "or add the Chinese (Simplified) language features, then start OpenLic Desktop again.")
    return "\n".join(lines)
