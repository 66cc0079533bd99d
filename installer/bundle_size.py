"""How big the frozen bundle is, unpacked and packed, against what users should have to download and keep.

    python installer/bundle_size.py dist/OpenLicDesktop [--archive OUT.tar.gz]

Limits: 250 MB unpacked, 100 MB packed (MB = 1,000,000 bytes). The packed size is that of a gzip'd tar of the
folder — the Linux download, written with --archive — which is also a cautious stand-in for the Windows installer
(Inno Setup's LZMA2 packs tighter than gzip) and the macOS .dmg (UDZO is zlib, like gzip).
Exit 1 above either limit. Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tarfile
import tempfile
from pathlib import Path

UNPACKED_LIMIT = 250_000_000
PACKED_LIMIT = 100_000_000


def unpacked_size(folder: Path) -> int:
    """Bytes of every file under `folder` (symbolic links count as themselves, not what they point to)."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_size
    return total


def write_archive(folder: Path, target: Path) -> int:
    """A .tar.gz of `folder` (its name as the top folder; owners dropped, modes kept); returns its size."""
    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as packed, \
            tarfile.open(fileobj=packed, mode="w") as tar:
        tar.add(folder, arcname=folder.name, filter=clean)
    return target.stat().st_size


def check(folder: Path, archive: Path | None = None) -> tuple[int, int, list[str]]:
    """(unpacked bytes, packed bytes, what is over the limits)."""
    unpacked = unpacked_size(folder)
    if archive is None:
        with tempfile.TemporaryDirectory(prefix="openlic-size-") as tmp:
            packed = write_archive(folder, Path(tmp) / f"{folder.name}.tar.gz")
    else:
        packed = write_archive(folder, archive)
    over = []
    if unpacked > UNPACKED_LIMIT:
        over.append(f"unpacked {unpacked / 1e6:.1f} MB > {UNPACKED_LIMIT / 1e6:.0f} MB")
    if packed > PACKED_LIMIT:
        over.append(f"packed {packed / 1e6:.1f} MB > {PACKED_LIMIT / 1e6:.0f} MB")
    return unpacked, packed, over


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--archive", type=Path, help="keep the .tar.gz here (the Linux download)")
    args = parser.parse_args(argv)
    unpacked, packed, over = check(args.bundle, args.archive)
    print(f"bundle {args.bundle}: {unpacked / 1e6:.1f} MB unpacked, {packed / 1e6:.1f} MB packed (tar.gz)")
    for line in over:
        print(f"TOO BIG: {line}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
