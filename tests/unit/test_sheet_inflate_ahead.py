"""The used-range guard inflates a large sheet on a thread of its own, a few slices ahead of the scan. It is a
security guard: whatever the sheet holds or however it ends, the thread holds a bounded amount of memory, never
outlives the guard, never keeps the file open after it, and the guard decides exactly what the scan in one thread
decides. These tests use the real slice size and sheets larger than the threshold, so the thread really runs."""

from __future__ import annotations

import base64
import os
import random
import threading
import tracemalloc
import zipfile
from pathlib import Path

import intake_samples as S
import pytest

from openlic_desktop.support import archive_limits
from openlic_desktop.support.errors import InputError

PART = "xl/worksheets/sheet1.xml"
SLICE = archive_limits._InflatedAhead.SLICE
HANG = 120  # seconds: a guard step taking this long is taken as hung (the test fails instead of hanging the run)


def _threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "openlic-inflate"]


def _open_handles(path: Path) -> int:
    """How many of this process's file descriptors are open on `path`."""
    target = os.path.realpath(path)
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == target:
                count += 1
        except OSError:
            pass
    return count


def _left_nothing(path: Path) -> None:
    assert _threads() == [], "an inflating thread outlived the guard"
    assert _open_handles(path) == 0, "the guard left the file open"


def _big_sheet(tmp_path: Path, name: str, mb: int, text: str = "", late: str = "") -> Path:
    """An .xlsx whose sheet inflates to about `mb` MB (above INFLATE_AHEAD_BYTES): rows 2.. of two value cells
    (and `text` in a third), `late` (sheetData) at the end."""
    cell = f'<c r="C{{r}}" t="inlineStr"><is><t>{text}</t></is></c>' if text else ""
    row = '<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>1</v></c>' + cell + "</row>"
    count = (mb << 20) // len(row.format(r=100_000).encode())
    path = S.raw_xlsx(tmp_path / name, "".join(row.format(r=r) for r in range(2, count + 2)) + late)
    with zipfile.ZipFile(path) as book:
        assert book.getinfo(PART).file_size > archive_limits.INFLATE_AHEAD_BYTES
    return path


def _random_text(size: int) -> str:
    """Base64 of random bytes: compresses about 4:3, unlike the rows of a real sheet (about 20:1)."""
    return base64.b64encode(random.Random(7).randbytes(size * 3 // 4)).decode()


def _in_time(work) -> object:
    """work() on a helper thread, failing (not hanging the run) when it does not finish within HANG seconds."""
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test's thread
            out["error"] = exc

    helper = threading.Thread(target=run, name="guard-under-test")
    helper.start()
    helper.join(HANG)
    assert not helper.is_alive(), "the guard did not finish"
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out.get("value")


def _plain(monkeypatch, work):
    """work() with every sheet inflated in the reading thread (the threshold above any test sheet)."""
    with monkeypatch.context() as patched:
        patched.setattr(archive_limits, "INFLATE_AHEAD_BYTES", 1 << 40)
        return work()


def _outcome(path: Path) -> tuple[str, object]:
    """The guard's decision on the sheet: its used range, or a refusal's code and reason."""
    try:
        used = archive_limits.sheet_used_range(path, PART)
        return ("range", archive_limits.check_used_range(path, "sheet", used))
    except InputError as exc:
        return (exc.code, exc.params.get("reason"))


@pytest.mark.parametrize("kind", ["rows", "random text"])
def test_the_thread_holds_a_few_slices_however_the_sheet_compresses(kind, tmp_path):
    """A reader that stops reading (a slow scan, a scan stopped early) leaves the thread waiting with at most
    its queued slices and the one it is handing over: memory is bounded by slices, not by the sheet's size or
    its compression ratio."""
    text = "" if kind == "rows" else _random_text(3000)
    path = _big_sheet(tmp_path, "big.xlsx", 48, text)
    with zipfile.ZipFile(path) as book:
        size = book.getinfo(PART).file_size
        assert size > 40 << 20
        tracemalloc.start()
        try:
            with archive_limits._member(book, PART) as stream:
                assert isinstance(stream, archive_limits._InflatedAhead)
                assert len(stream.read(1000)) == 1000
                # the thread fills the queue, inflates one more slice and waits to hand it over
                queued = stream._queue
                waited = threading.Event()
                for _ in range(HANG * 100):
                    if queued.full():
                        break
                    waited.wait(0.01)
                assert queued.full()
                waited.wait(0.3)  # time enough for the thread to inflate far beyond its bound, were it unbounded
                current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    # queued, being handed over, being read, and the parts of the one being inflated with their join
    bound = (archive_limits._InflatedAhead._QUEUED + 4) * SLICE
    assert peak < bound < size, (current, peak, bound)
    _left_nothing(path)


def test_the_whole_scan_holds_a_few_slices(tmp_path):
    path = _big_sheet(tmp_path, "big.xlsx", 48)
    tracemalloc.start()
    try:
        found = archive_limits.sheet_used_range(path, PART)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.cols == 2 and found.rows > 500_000
    assert peak < (archive_limits._InflatedAhead._QUEUED + 4) * SLICE, peak
    _left_nothing(path)


class _Panic(BaseException):
    """As pyo3's PanicException (a Rust panic in python-calamine): a BaseException, not an Exception."""


@pytest.mark.parametrize("raised", [ValueError, KeyboardInterrupt, _Panic])
def test_a_reader_that_fails_leaves_no_thread_and_no_open_file(raised, tmp_path):
    """The scan fails (an exception, an interrupt, a Rust panic) while the thread waits with a full queue: the
    thread ends and the file is closed before the failure goes on."""
    path = _big_sheet(tmp_path, "big.xlsx", 24)

    def fail_midway() -> None:
        with zipfile.ZipFile(path) as book, archive_limits._member(book, PART) as stream:
            stream.read(SLICE + 10)
            stream.read(SLICE)
            raise raised("stopped")

    with pytest.raises(raised):
        _in_time(fail_midway)
    _left_nothing(path)


def test_a_reader_that_stops_early_leaves_no_thread(tmp_path):
    path = _big_sheet(tmp_path, "big.xlsx", 24)

    def stop_early() -> bytes:
        with zipfile.ZipFile(path) as book, archive_limits._member(book, PART) as stream:
            return stream.read(100)

    assert _in_time(stop_early).startswith(b"<?xml")
    _left_nothing(path)


def _garble(path: Path, at: float) -> None:
    """Zeroes in the sheet's deflate stream at fraction `at` of it."""
    with zipfile.ZipFile(path) as book:
        info = book.getinfo(PART)
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    where = start + int(info.compress_size * at)
    raw[where:where + 4000] = bytes(4000)
    path.write_bytes(bytes(raw))


def _shorten(path: Path, keep: float) -> None:
    """The sheet's compressed size in the central directory cut to fraction `keep`: a deflate stream that ends
    before its end (zipfile itself still opens the archive)."""
    raw = bytearray(path.read_bytes())
    name = PART.encode()
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(raw[at + 28:at + 30], "little")
        if bytes(raw[at + 46:at + 46 + length]) == name:
            size = int.from_bytes(raw[at + 20:at + 24], "little")
            raw[at + 20:at + 24] = int(size * keep).to_bytes(4, "little")
            break
        at = raw.find(b"PK\x01\x02", at + 4)
    else:
        raise AssertionError("no central directory entry for the sheet")
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize(("damage", "at"), [("garbled", 0.1), ("garbled", 0.9), ("shortened", 0.5),
                                            ("shortened", 0.999)])
def test_a_broken_or_short_deflate_stream_is_judged_as_in_one_thread(damage, at, tmp_path, monkeypatch):
    """Broken data early (with the queue still filling) or late, or a stream that stops short: the guard decides
    what the scan in one thread decides, and leaves nothing behind."""
    path = _big_sheet(tmp_path, "big.xlsx", 12, late='<row r="1048576"><c r="DX1048576"><v>1</v></c></row>')
    (_garble if damage == "garbled" else _shorten)(path, at)
    plain = _plain(monkeypatch, lambda: _outcome(path))
    ahead = _in_time(lambda: _outcome(path))
    assert ahead == plain
    if damage == "garbled":
        assert ahead[0] == "FILE_CORRUPT"
    _left_nothing(path)


FAR_LATE = {
    "XFD1048576": ('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "A1:XFD1048576"),
    "namespace prefix": (('<row r="1048576"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                          'r="DX1048576"><x:v>1</x:v></x:c></row>'), "A1:DX1048576"),
    "cells without a reference in a far row": ('<row r="1048576">' + "<c><v>1</v></c>" * 130 + "</row>",
                                               "A1:DZ1048576"),
    "a row past Excel's last": ('<row r="2"><c r="B99999999999"><v>1</v></c></row>', "B99999999999"),
}


@pytest.mark.parametrize("case", list(FAR_LATE))
def test_a_far_cell_after_many_slices_is_refused_as_in_one_thread(case, tmp_path, monkeypatch):
    """A hostile cell at the end of a sheet spanning several real slices: the same refusal, naming the same range,
    inflated ahead or in one thread."""
    late, named = FAR_LATE[case]
    path = _big_sheet(tmp_path, "far.xlsx", 9, late=late)
    ahead = _in_time(lambda: _outcome(path))
    assert ahead == _plain(monkeypatch, lambda: _outcome(path))
    assert ahead[0] == "FILE_TOO_LARGE" and named in str(ahead[1])
    _left_nothing(path)


def test_a_dtd_in_a_large_sheet_is_refused_as_in_one_thread(tmp_path, monkeypatch):
    path = _big_sheet(tmp_path, "dtd.xlsx", 12)
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as book:
        xml = book.read(PART).replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "b">]><worksheet', 1)
    rebuilt = tmp_path / "dtd2.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, xml if info.filename == PART else source.read(info))
    assert raw != rebuilt.read_bytes()
    ahead = _in_time(lambda: _outcome(rebuilt))
    assert ahead == _plain(monkeypatch, lambda: _outcome(rebuilt)) and ahead[0] == "FILE_CORRUPT"
    _left_nothing(rebuilt)


def test_no_thread_to_be_had_inflates_in_the_reading_thread(tmp_path, monkeypatch):
    """A process at its thread limit (Thread.start raises RuntimeError) still has its sheet judged — in one thread,
    exactly as a small sheet is — instead of the import failing on an error that is no refusal."""
    path = _big_sheet(tmp_path, "big.xlsx", 6)
    expected = _plain(monkeypatch, lambda: archive_limits.sheet_used_range(path, PART))

    def refused(_thread: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refused)
    assert archive_limits.sheet_used_range(path, PART) == expected
    _left_nothing(path)
