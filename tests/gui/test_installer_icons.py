"""The committed icons are what installer/make_icons.py draws, in the formats the installers need."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage, QImageReader

from openlic_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "installer" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sizes(path: Path) -> list[int]:
    reader = QImageReader(str(path))
    sizes = []
    for index in range(max(1, reader.imageCount())):
        assert reader.jumpToImage(index) or index == 0
        image = reader.read()
        assert not image.isNull(), f"{path.name} image {index}: {reader.errorString()}"
        assert image.width() == image.height()
        sizes.append(image.width())
    return sorted(sizes)


def test_icons_exist_and_decode_at_their_sizes(qtbot):
    icons = ROOT / "openlic_desktop" / "resources" / "icons"
    make_icons = _module("make_icons")
    assert _sizes(icons / "openlic.png") == [512]
    assert _sizes(icons / "openlic-256.png") == [256]
    assert _sizes(icons / "openlic.ico") == list(make_icons.ICO_SIZES)
    assert max(_sizes(icons / "openlic.icns")) >= 512
    assert make_icons.main(["--check"]) == 0


def test_regenerated_icon_matches_committed(qtbot, tmp_path):
    written = _module("make_icons").write_all(tmp_path)
    fresh = QImage(str(next(p for p in written if p.name == "openlic-256.png")))
    committed = QImage(str(ROOT / "openlic_desktop" / "resources" / "icons" / "openlic-256.png"))
    a, b = (bytes(img.convertToFormat(QImage.Format.Format_RGBA8888).constBits()) for img in (fresh, committed))
    assert len(a) == len(b) == 256 * 256 * 4
    # antialiasing may differ by a shade between Qt versions; the drawing itself must not have changed
    off = sum(1 for i in range(0, len(a), 4) if max(abs(a[i + k] - b[i + k]) for k in range(4)) > 16)
    assert off < 256 * 256 // 100, f"{off} pixels differ: run installer/make_icons.py and commit the icons"


def test_build_scripts_read_the_one_version_source():
    assert _module("smoke_test").expected_version() == __version__
