"""Draw the application icon with Qt and write it in the forms the installers need.

    python installer/make_icons.py            # (re)write openlic_desktop/resources/icons/openlic{.png,-256.png,.ico,.icns}
    python installer/make_icons.py --check    # exit 1 if an icon is missing (the build scripts call this)

The drawing: a rounded blue square, a white document with a folded corner, and a green open padlock over it —
an "open licence" for a patent document. Qt paints and encodes the PNGs; the .ico (7 sizes, 16–256 px) and the
.icns (32–1024 px) are containers of those PNGs written here, so no other tool is needed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "openlic_desktop" / "resources" / "icons"
FILES = ("openlic.png", "openlic-256.png", "openlic.ico", "openlic.icns")


def draw(size: int):
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0

    # background: rounded square, blue gradient
    grad = QLinearGradient(0, 0, 0, size)
    grad.setColorAt(0, QColor("#2f6fd6"))
    grad.setColorAt(1, QColor("#1a4a9c"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(grad)
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 48 * s, 48 * s)

    # document with a folded corner
    doc = QPainterPath()
    doc.moveTo(60 * s, 40 * s)
    doc.lineTo(150 * s, 40 * s)
    doc.lineTo(190 * s, 80 * s)
    doc.lineTo(190 * s, 210 * s)
    doc.lineTo(60 * s, 210 * s)
    doc.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(doc)
    fold = QPainterPath()
    fold.moveTo(150 * s, 40 * s)
    fold.lineTo(150 * s, 80 * s)
    fold.lineTo(190 * s, 80 * s)
    fold.closeSubpath()
    p.setBrush(QColor("#c9d8f2"))
    p.drawPath(fold)
    p.setPen(QPen(QColor("#9fb6de"), max(1.0, 8 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (100, 124, 148):
        p.drawLine(QPointF(80 * s, y * s), QPointF(170 * s, y * s))

    # open padlock, bottom right
    p.setPen(QPen(QColor("#1f9d55"), max(1.5, 14 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QPainterPath()
    shackle.moveTo(150 * s, 168 * s)
    shackle.lineTo(150 * s, 150 * s)
    shackle.arcTo(QRectF(150 * s, 118 * s, 56 * s, 64 * s), 180, -180)
    p.drawPath(shackle)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#22b35e"))
    p.drawRoundedRect(QRectF(120 * s, 160 * s, 84 * s, 66 * s), 12 * s, 12 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QPointF(162 * s, 187 * s), 9 * s, 9 * s)
    p.drawRect(QRectF(158 * s, 190 * s, 8 * s, 20 * s))
    p.end()
    return image


ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data (what Apple's iconutil writes): size in pixels → OSType
ICNS_TYPES = ((32, b"ic11"), (64, b"ic12"), (128, b"ic07"), (256, b"ic08"), (512, b"ic09"), (1024, b"ic10"))


def png_bytes(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not draw(size).save(buffer, "PNG"):
        raise SystemExit(f"could not encode a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(sizes=ICO_SIZES) -> bytes:
    """A Windows .ico with one PNG-compressed image per size (supported since Windows Vista)."""
    images = [png_bytes(size) for size in sizes]
    out = bytearray(struct.pack("<HHH", 0, 1, len(images)))
    offset = 6 + 16 * len(images)
    for size, data in zip(sizes, images):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for data in images:
        out += data
    return bytes(out)


def icns_bytes() -> bytes:
    """A macOS .icns made of PNG entries, as iconutil writes them (no table of contents: it is optional)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data
                    for size, kind in ICNS_TYPES for data in [png_bytes(size)])
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_all(folder: Path = ICONS) -> list[Path]:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])  # painting needs an application object
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in (("openlic.png", png_bytes(512)), ("openlic-256.png", png_bytes(256)),
                       ("openlic.ico", ico_bytes()), ("openlic.icns", icns_bytes())):
        target = folder / name
        target.write_bytes(data)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the icons exist")
    args = parser.parse_args(argv)
    if args.check:
        missing = [name for name in FILES if not (ICONS / name).is_file()]
        if missing:
            sys.stderr.write(f"missing icons: {', '.join(missing)}; run installer/make_icons.py\n")
            return 1
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in write_all():
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
