"""What the computer refuses ends as one line with a stable code (exit 2), never a traceback, and `--json` gets the
same refusal as `{"error": {"code", "message"}}` on stdout: a database another program is writing, a full disk, a
read-only folder, a 300-byte name, a path that is not UTF-8. A command that did its work exits 0.

The full disk and the read-only folder are real: small tmpfs mounts (root, as on CI); elsewhere they are skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid

import pytest
from announced_declarations import announce_in

USCC = "91350100M000100Y30"


def run(db, *args, stdin=None):
    # check=False: returned for the test to assert on; the refusals tested here exit non-zero on purpose
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--db", db, "--lang", "en", *args],
                          capture_output=True, input=stdin, timeout=300, check=False)


def _text(r):
    return r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def refused(r, code):
    out, err = _text(r)
    assert r.returncode == 2, (r.returncode, out, err)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and code in lines[0], err
    return lines[0]


@pytest.fixture
def office(tmp_path):
    db = str(tmp_path / "office.sqlite3")
    assert run(db, "demo", "--patents", "5").returncode == 0
    number = json.loads(run(db, "patents", "--json").stdout)[0]["application_number"]
    return db, number


@contextlib.contextmanager
def _mount(folder, options):
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("a real full or read-only file system needs a tmpfs mount (root)")
    # check=False: a mount refused here (a container without the right) skips the test, below
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        # check=False: cleaning up; a failed unmount must not hide the test's own outcome
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def _fill(folder):
    """Fill a file system to the last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0")
    finally:
        os.close(fd)


def test_a_database_another_program_is_writing(office):
    db, number = office
    holder = subprocess.Popen([sys.executable, "-c", ("import sqlite3, sys\n"
                                                      f"c = sqlite3.connect({db!r}, isolation_level=None)\n"
                                                      "c.execute('BEGIN IMMEDIATE')\nprint('held', flush=True)\n"
                                                      "sys.stdin.read()")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        line = refused(run(db, "set", number, "title=改过的名称"), "DB_BUSY")
        assert "not saved" in line.lower()
        r = run(db, "show", number, "--json")  # reading still works meanwhile (WAL)
        assert r.returncode == 0
        r = run(db, "licensee", "add", "--name", "示例科技有限公司", "--uscc", USCC, "--json")
        refused(r, "DB_BUSY")
        assert json.loads(r.stdout)["error"]["code"] == "DB_BUSY"
    finally:
        holder.stdin.close()
        holder.wait(60)
    assert run(db, "set", number, "title=改过的名称").returncode == 0  # the lock gone, the edit goes through
    assert json.loads(run(db, "show", number, "--json").stdout)["title"] == "改过的名称"


def test_a_full_disk_for_the_output(office, tmp_path):
    db, number = office
    with _mount(tmp_path / "full", "size=256k") as full:
        _fill(full)
        refused(run(db, "commitment-letter", number, "--out", str(full / "承诺函.docx")), "DISK_FULL")
        assert sorted(p.name for p in full.iterdir()) == ["filler"]  # no partial file left


def test_a_full_disk_under_the_database(tmp_path):
    with _mount(tmp_path / "small", "size=2m") as small:
        db = str(small / "office.sqlite3")
        assert run(db, "demo", "--patents", "3").returncode == 0
        _fill(small)
        refused(run(db, "patents"), "DISK_FULL")  # not even room for SQLite's journal files
        os.truncate(small / "filler", max(0, os.path.getsize(small / "filler") - 300_000))
        refused(run(db, "demo", "--patents", "2000", "--force"), "DISK_FULL")  # full while writing
        (small / "filler").unlink()
        assert len(json.loads(run(db, "patents", "--json").stdout)) == 3  # as it was


def test_a_read_only_folder(office, tmp_path):
    db, number = office
    with _mount(tmp_path / "ro", "ro,size=64k") as ro:
        refused(run(db, "commitment-letter", number, "--out", str(ro / "承诺函.docx")), "FOLDER_READ_ONLY")


def test_a_name_of_300_bytes(office, tmp_path):
    db, number = office
    name = "专" * 100 + ".docx"  # 305 bytes in UTF-8; file systems take 255
    refused(run(db, "commitment-letter", number, "--out", str(tmp_path / name)), "NAME_TOO_LONG")
    assert run(db, "licensee", "add", "--name", "示例科技有限公司", "--uscc", USCC, "--address", "杭州市西湖区1号",
               "--legal-representative", "张三").returncode == 0
    assert run(db, "price", number, "--mode", "free", "--term-months", "12").returncode in (0, 1)
    announce_in(db, [number])   # the statutory contract needs the declaration announced before any name is tried
    r = run(db, "contract", number, "--licensee", USCC, "--out", str(tmp_path / name), "--json")
    refused(r, "NAME_TOO_LONG")
    assert json.loads(r.stdout)["error"]["code"] == "NAME_TOO_LONG"


def test_a_path_that_is_not_utf8(office, tmp_path):
    db, number = office
    odd = os.fsencode(tmp_path) + b"/\xff\xfe" + uuid.uuid4().hex.encode()
    r = run(os.fsencode(db), "commitment-letter", number, "--out", odd + b".docx")
    _out, err = _text(r)
    assert r.returncode == 0, err  # the letter was written: the command did its work
    assert os.path.exists(odd + b".docx")
    assert "Traceback" not in err
    refused(run(odd + b".sqlite3", "patents"), "PATH_NOT_UTF8")  # SQLite takes UTF-8 names only
    assert not os.path.exists(odd + b".sqlite3")


def test_json_refusals_carry_the_error_object(office):
    db, number = office
    r = run(db, "show", "202110123456.8", "--json")  # a bad check digit
    assert r.returncode == 2
    error = json.loads(r.stdout)["error"]
    assert error["code"] == "BAD_CHECK_DIGIT" and error["message"]
    assert error["message"] in r.stderr.decode()
    r = run(db, "show", number, "--json", "--no-such-option")
    assert r.returncode == 2
    assert json.loads(r.stdout)["error"]["code"] == "BAD_ARGUMENT"
