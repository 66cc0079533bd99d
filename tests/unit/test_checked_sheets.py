"""A sheet's checked used range is remembered by the file's content, and only where that is sound.

The scan that reads an .xlsx sheet's used range before python-calamine may allocate it is the slowest guard; a file
opened again unchanged skips it. These tests hold the conditions: the same bytes only, the limits applied to a
remembered range as to a scanned one, nothing remembered for a refused file or a file that changed while it was
read, a bounded store, and a damaged store read as a miss. (The scan itself: test_intake_used_range.)
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date

import intake_samples as S
import pytest

from openlic_desktop.intake import checked_sheets
from openlic_desktop.intake.readers import open_spreadsheet
from openlic_desktop.services import importing
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.support import archive_limits, paths
from openlic_desktop.support.archive_limits import UsedRange
from openlic_desktop.support.errors import InputError

TODAY = date(2026, 11, 26)
PART = "xl/worksheets/sheet1.xml"


@pytest.fixture
def scans(monkeypatch):
    """The sheet parts scanned, in order (the real scan runs)."""
    done: list[str] = []
    real = archive_limits.sheet_used_range

    def counted(book, part, *args, **kwargs):
        done.append(part)
        return real(book, part, *args, **kwargs)

    monkeypatch.setattr(archive_limits, "sheet_used_range", counted)
    return done


def _range(path) -> UsedRange:
    with open_spreadsheet(path) as book:
        return book.used_range()


def _store() -> dict:
    return json.loads((paths.data_dir() / checked_sheets.FILE_NAME).read_text(encoding="ascii"))


def test_a_file_opened_again_unchanged_is_not_scanned_again(tmp_path, scans):
    path = S.write_xlsx(tmp_path / "p.xlsx", S.messy_table())
    first = _range(path)
    assert scans == [PART]
    assert _range(path) == first and scans == [PART]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert _store()["files"] == {sha: {PART: [first.rows, first.cols]}}


def test_another_file_with_other_bytes_is_scanned(tmp_path, scans):
    rows = S.messy_table()
    path = S.write_xlsx(tmp_path / "p.xlsx", rows)
    _range(path)
    rows.append(["", "ZL 2019 1 0000001.2", "多出的一行"])
    S.write_xlsx(path, rows)  # same name, other content
    assert _range(path).rows == len(rows)
    assert scans == [PART, PART]


def test_the_limits_apply_to_a_remembered_range(tmp_path, scans):
    """A remembered range is an input to the limits, never a verdict: a store that claims a range too large to
    hold refuses the file (before python-calamine allocates anything), as a scan finding it would."""
    path = S.write_xlsx(tmp_path / "p.xlsx", S.messy_table())
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    checked_sheets.remember(sha, {PART: UsedRange(1_048_576, 16_384)})
    with pytest.raises(InputError) as refused:
        _range(path)
    assert refused.value.code == "FILE_TOO_LARGE" and scans == []


def test_a_refused_sheet_leaves_nothing_remembered(tmp_path, scans):
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = S.raw_xlsx(tmp_path / "far.xlsx", far, dimension="A1:XFD1048576")
    for _ in range(2):  # refused again by a scan of its own each time
        with pytest.raises(InputError) as refused:
            _range(path)
        assert refused.value.code == "FILE_TOO_LARGE"
    assert scans == [PART, PART]
    assert not (paths.data_dir() / checked_sheets.FILE_NAME).exists()


def test_a_file_changed_while_it_is_read_is_not_remembered(tmp_path, monkeypatch):
    """The range is filed under the hash taken before the scan: if the file changed in between, the range may be
    another content's, so nothing is remembered."""
    path = S.write_xlsx(tmp_path / "p.xlsx", S.messy_table())
    real = archive_limits.sheet_used_range

    def touched_meanwhile(book, part, *args, **kwargs):
        found = real(book, part, *args, **kwargs)
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        return found

    monkeypatch.setattr(archive_limits, "sheet_used_range", touched_meanwhile)
    _range(path)
    assert not (paths.data_dir() / checked_sheets.FILE_NAME).exists()


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"scanner": "an older scan", "files": {}}',
                                     "bad entry", "negative rows"])
def test_a_damaged_or_foreign_store_is_a_miss_and_is_replaced(tmp_path, scans, content):
    path = S.write_xlsx(tmp_path / "p.xlsx", S.messy_table())
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    store = paths.data_dir() / checked_sheets.FILE_NAME
    if isinstance(content, str):  # the right scanner, a wrong entry for this very file
        entry = {PART: "1000x3"} if content == "bad entry" else {PART: [-1, 3]}
        content = json.dumps({"scanner": checked_sheets.scanner_fingerprint(), "files": {sha: entry}}).encode()
    store.write_bytes(content)
    found = _range(path)
    assert scans == [PART] and found.rows == len(S.messy_table())
    assert _store()["files"][sha] == {PART: [found.rows, found.cols]}


def test_the_store_keeps_the_most_recent_files(tmp_path):
    for i in range(checked_sheets.KEEP + 5):
        checked_sheets.remember(f"{i:064x}", {PART: UsedRange(i, 2)})
    files = _store()["files"]
    assert list(files) == [f"{i:064x}" for i in range(5, checked_sheets.KEEP + 5)]
    checked_sheets.remember(f"{6:064x}", {PART: UsedRange(6, 2)})  # checked again: now the most recent
    assert list(_store()["files"])[-1] == f"{6:064x}"
    assert checked_sheets.recall(f"{4:064x}", PART) is None
    assert checked_sheets.recall(f"{9:064x}", PART) == UsedRange(9, 2)


def test_a_folder_that_cannot_be_written_remembers_nothing(tmp_path, scans, monkeypatch):
    path = S.write_xlsx(tmp_path / "p.xlsx", S.messy_table())
    monkeypatch.setattr(checked_sheets, "_store", lambda: tmp_path / "missing" / "file" / "x.json")
    (tmp_path / "missing").write_text("a file where a folder would be")
    assert _range(path) == _range(path)
    assert scans == [PART, PART]


def test_a_re_import_skips_the_scan_and_records_the_files_hash(tmp_path, scans):
    path = S.write_xlsx(tmp_path / "p.xlsx", S.messy_table())
    ws = open_workspace(tmp_path / "p.sqlite3", user="t")
    try:
        first = importing.run(ws, path, today=TODAY)
        again = importing.run(ws, path, today=TODAY)
    finally:
        ws.close()
    assert scans == [PART]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert first.sha256 == again.sha256 == sha
    assert first.created > 0 and again.created == 0 and again.unchanged == first.created
