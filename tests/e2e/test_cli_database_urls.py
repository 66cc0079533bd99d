"""A database URL is a URL wherever it comes from, and its password never reaches a screen.

`OPENLIC_DB` takes the same forms as `--db`: a server URL must reach the server (here: one that is not there, so
the command refuses), never become a local SQLite file named after the URL, password included.
"""

from __future__ import annotations

import os
import subprocess
import sys

PASSWORD = "s3cretPw-4711"
URL = f"postgresql+psycopg://tto:{PASSWORD}@/openlic?host=/nonexistent-openlic-socket-dir&port=1"


def run(*args, cwd, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    # check=False: returned for the test to assert on; refused URLs exit non-zero on purpose
    return subprocess.run([sys.executable, "-m", "openlic_desktop.cli", "--lang", "en", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)


def _tree(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_openlic_db_with_a_server_url_goes_to_the_server_not_to_a_local_file(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    r = run("patents", "--json", cwd=work, env_extra={"OPENLIC_DB": URL})
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert _tree(work) == []  # no SQLite file (or folders) named after the URL
    assert PASSWORD not in r.stdout + r.stderr
    assert "***" in r.stderr  # the URL is named, masked


def test_backup_commands_mask_the_password_of_a_server_url(tmp_path, _hermetic_home):
    junk = tmp_path / "some.sqlite3"
    junk.write_bytes(b"x")
    for args in (("backup", "list"), ("backup", "now"), ("backup", "restore", str(junk))):
        for how in ("--db", "env"):
            if how == "--db":
                r = run("--db", URL, *args, cwd=tmp_path)
            else:
                r = run(*args, cwd=tmp_path, env_extra={"OPENLIC_DB": URL})
            assert r.returncode == 2, (args, how, r.stderr)
            assert PASSWORD not in r.stdout + r.stderr, (args, how, r.stderr)
            assert "***" in r.stderr, (args, how, r.stderr)
