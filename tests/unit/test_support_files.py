"""Files we write get the modes the user's umask gives any new file (0644 under 022), not mkstemp's 0600."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from openlic_desktop.support import files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)])
def test_atomic_writes_get_the_mode_of_any_new_file(tmp_path, umask, mask, mode):
    umask(mask)
    assert files.current_umask() == mask
    target = tmp_path / "out.docx"
    files.atomic_write_bytes(target, b"data")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    plain = tmp_path / "plain.txt"
    plain.write_bytes(b"x")  # what open() gives: the reference
    assert stat.S_IMODE(plain.stat().st_mode) == mode
    with files.atomic_path(tmp_path / "other.zip") as tmp:
        tmp.write_bytes(b"PK")
    assert stat.S_IMODE((tmp_path / "other.zip").stat().st_mode) == mode


def test_reading_the_umask_leaves_it_unchanged(umask):
    umask(0o037)
    assert files.current_umask() == 0o037
    assert files.current_umask() == 0o037
    assert files.new_file_mode() == 0o640


def test_an_exported_package_and_its_drafts_are_readable_by_the_group_and_others(tmp_path, umask, demo_ws):
    """The bureau package and the e-mails are handed on (shared folders, mail clients): 0644, like any file."""
    from datetime import date

    from packages_helpers import make_ready

    from openlic_desktop.services import export
    from openlic_desktop.support import paths

    umask(0o022)
    numbers = make_ready(demo_ws, tmp_path, inventions=1, utility=0)
    folder = paths.data_dir() / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mode.toml").write_text('code = "modeprov"\nname = "测试省"\nprovince = "测试省"\n'
                                      'bureau = "测试省知识产权局"\nemail = "kfxk@bureau.example.cn"\n', encoding="utf-8")
    pre = export.preflight(demo_ws, numbers, "modeprov", date.today(), "en")
    result = export.build(demo_ws, pre, export.ExportOptions(tmp_path / "out", None, True), lang="en")
    written = [result.package, *result.emails]
    assert len(written) == 2
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {oct(0o644)}
