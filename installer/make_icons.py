"""Draw the application icon with Qt and write it in the forms the installers need.

    python installer/make_icons.py            # (re)write resources/icons/openlic{.png,-256.png,.ico,.icns}
    python installer/make_icons.py --check    # exit 1 if an icon is missing (the build scripts call this)

The drawing: a rounded blue square, a white document with a folded corner, and a green open padlock over it —
an "open licence" for a patent document. Qt's own image plugins write .ico and .icns, so no other tool is needed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
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


def write_all(folder: Path = ICONS) -> list[Path]:
    from PySide6.QtGui import QGuiApplication, QImageWriter

    _app = QGuiApplication.instance() or QGuiApplication([])  # image plugins need an application object
    folder.mkdir(parents=True, exist_ok=True)
    formats = {bytes(f).decode() for f in QImageWriter.supportedImageFormats()}
    written = []
    for name, size, fmt in (("openlic.png", 512, "png"), ("openlic-256.png", 256, "png"),
                            ("openlic.ico", 256, "ico"), ("openlic.icns", 512, "icns")):
        if fmt not in formats:
            raise SystemExit(f"Qt cannot write {fmt} here (image formats: {sorted(formats)})")
        target = folder / name
        if not draw(size).save(str(target), fmt.upper()):
            raise SystemExit(f"could not write {target}")
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
