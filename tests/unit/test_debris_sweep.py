"""Interrupted work leaves no debris: a process killed in the middle of an export (its staging folder in the
user's output folder) or of an atomic write (the `.part` file beside the target) has its leftovers swept at the
next start — and a job still running in another process is left alone.

The kills are real (SIGKILL from inside the job, at a known point); "the next start" is opening the workspace.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from packages_helpers import make_ready

from openlic_desktop.services import demo
from openlic_desktop.services.workspace import open_workspace

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

EXPORT_KILLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from openlic_desktop.services import export
    from openlic_desktop.services.workspace import open_workspace
    db, out = sys.argv[1], Path(sys.argv[2])
    ws = open_workspace(db, user="exporter")
    pre = export.preflight(ws, None, "general")
    def progress(done, total):
        if any(p.name.startswith(".openlic-export-") for p in out.iterdir()):
            os.kill(os.getpid(), signal.SIGKILL)  # the package is being written in its staging folder: power off
        return True

    export.build(ws, pre, export.ExportOptions(out, None, False), progress=progress)
""")

WRITE_KILLED = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from openlic_desktop.support.files import atomic_path
    with atomic_path(Path(sys.argv[1])) as tmp:
        tmp.write_bytes(b"half a document")
        if sys.argv[2] == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        print("writing", flush=True)
        sys.stdin.read()  # still at work until the test lets it finish
""")


def _ours(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith(".part"))


def test_a_killed_export_leaves_no_staging_folder_after_the_next_start(tmp_path, db_path):
    ws = open_workspace(db_path, user="setup")
    demo.load_demo(ws, 60, seed=5, office_work=False)
    make_ready(ws, tmp_path, inventions=2, utility=0)
    ws.close()
    out = tmp_path / "报送"
    out.mkdir()
    job = subprocess.run([sys.executable, "-c", EXPORT_KILLED, str(db_path), str(out)], capture_output=True,
                         text=True, timeout=300, check=False)  # it is killed on purpose: asserted next
    assert job.returncode == -signal.SIGKILL, job.stderr[-2000:]
    assert [p for p in out.iterdir() if p.name.startswith(".openlic-")], "the kill came too late to test anything"
    open_workspace(db_path, user="next-morning").close()  # the next start
    assert list(out.iterdir()) == []


def test_a_killed_atomic_write_leaves_no_part_file_after_the_next_start(tmp_path, db_path):
    target = tmp_path / "letters" / "承诺函.docx"
    job = subprocess.run([sys.executable, "-c", WRITE_KILLED, str(target), "kill"], capture_output=True, text=True,
                         timeout=120, check=False)  # it is killed on purpose: asserted next
    assert job.returncode == -signal.SIGKILL, job.stderr
    assert _ours(target.parent), "nothing was left to sweep"
    open_workspace(db_path, user="next-morning").close()
    assert list(target.parent.iterdir()) == []


def test_work_still_running_elsewhere_is_not_swept(tmp_path, db_path):
    target = tmp_path / "letters" / "承诺函.docx"
    job = subprocess.Popen([sys.executable, "-c", WRITE_KILLED, str(target), "wait"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    try:
        assert job.stdout.readline().strip() == "writing"
        left = _ours(target.parent)
        assert left
        open_workspace(db_path, user="another-window").close()
        assert _ours(target.parent) == left  # another process's file being written stays
    finally:
        job.stdin.close()
        job.wait(60)
    assert job.returncode == 0
    assert sorted(p.name for p in target.parent.iterdir()) == ["承诺函.docx"]


KILLED_AT = textwrap.dedent("""
    import os, signal, sqlite3, sys
    from openlic_desktop.storage import engine
    db, where = sys.argv[1], sys.argv[2]
    if where == "schema probe":  # the restore's check migrates a probe file to the backup's revision
        from alembic import command
        def upgrade(cfg, revision):
            os.kill(os.getpid(), signal.SIGKILL)
        command.upgrade = upgrade
        engine.expected_schema(engine.head_revision())
    else:  # the copy an upgrade takes of an older database before migrating it
        real = sqlite3.connect
        class Source:  # the database being copied: killed once the copy's first page is written
            def __init__(self, con):
                self.con = con
            def backup(self, dest):
                self.con.backup(dest, pages=1, progress=lambda *_: os.kill(os.getpid(), signal.SIGKILL))
            def close(self):
                self.con.close()
        def connect(name, *args, **kwargs):
            con = real(name, *args, **kwargs)
            return Source(con) if str(name) == db else con
        engine.sqlite3.connect = connect
        engine.open_database(db)
""")


@pytest.mark.parametrize("where", ["schema probe", "copy before migrating"])
def test_a_killed_check_or_upgrade_leaves_nothing_after_the_next_start(tmp_path, first_release_db, where):
    db_path = first_release_db
    temp = tmp_path / "tmp"
    temp.mkdir()
    before = sorted(p.name for p in db_path.parent.iterdir())
    job = subprocess.run([sys.executable, "-c", KILLED_AT, str(db_path), where], capture_output=True, text=True,
                         timeout=300, env={**os.environ, "TMPDIR": str(temp)}, check=False)  # killed on purpose
    assert job.returncode == -signal.SIGKILL, job.stderr[-2000:]
    left = [p for p in temp.iterdir()] + [p for p in db_path.parent.iterdir() if p.name not in before]
    assert left, "nothing was left to sweep"
    # a copy cut off half-way never carries the name of a finished one
    assert not [p.name for p in left if p.parent == db_path.parent and ".part" not in p.name
                and not p.name.startswith(f"{db_path.name}-")]  # (the database's own -wal and -shm)
    open_workspace(db_path, user="next-morning").close()
    assert list(temp.iterdir()) == []
    assert not [p.name for p in db_path.parent.iterdir() if ".part" in p.name]
    for copy in db_path.parent.glob("*.bak"):  # only whole copies, never one cut off half-way
        con = sqlite3.connect(copy)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        finally:
            con.close()
