"""A private PostgreSQL cluster for the tests that run on a server: initdb into a temporary folder, reached over a
Unix socket only (no TCP port), stopped and removed afterwards. `.ci/run` installs the server where it is missing.

    with private_cluster("openlic-pg-") as cluster:      # or the `pg_cluster` fixture (tests/conftest.py)
        url = cluster.create("openlic")                    # a new database, its postgresql+psycopg:// address

Not under pytest's tmp folder: that is private to root, and the server runs as the postgres account there.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
AVAILABLE = bool(BIN) and shutil.which("su") is not None
MISSING = "PostgreSQL server binaries not installed (.ci/run installs them)"


def as_server_user(args: list[str], **kw) -> subprocess.CompletedProcess:
    """initdb and pg_ctl refuse to run as root: run them as the postgres account when we are root."""
    kw.setdefault("timeout", 120)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{a}'" for a in args)]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


@dataclass(frozen=True)
class Cluster:
    base: Path         # the folder of its data, log and socket (the socket's "host")
    port: str          # names the socket file only: there is no TCP port
    password: str | None = None

    def url(self, database: str, password: str | None = None) -> str:
        """The address of `database` (with `password` in it when given)."""
        secret = f":{password}" if password is not None else ""
        return f"postgresql+psycopg://tto{secret}@/{database}?host={self.base}&port={self.port}"

    def create(self, database: str) -> str:
        """Create `database` and return its address (without the password of a cluster that has one)."""
        import psycopg

        with psycopg.connect(host=str(self.base), port=self.port, user="tto", password=self.password,
                             dbname="postgres", autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{database}"')
        return self.url(database)


@contextmanager
def private_cluster(prefix: str = "openlic-pg-", port: str = "54329",
                    password: str | None = None) -> Iterator[Cluster]:
    """A running cluster whose user `tto` is trusted, or must give `password` (scram-sha-256) when one is set."""
    base = Path(tempfile.mkdtemp(prefix=prefix))
    data, bin_dir = base / "data", Path(BIN[-1])
    auth = ["-A", "trust"]
    if password is not None:
        pwfile = base / "pw"
        pwfile.write_text(password + "\n", encoding="utf-8")
        auth = ["-A", "scram-sha-256", f"--pwfile={pwfile}"]
    if os.geteuid() == 0:
        for path in (base, *base.iterdir()):
            shutil.chown(path, "postgres")
    as_server_user([str(bin_dir / "initdb"), "-D", str(data), *auth, "-U", "tto", "--no-sync", "-E", "UTF8",
                    "--locale=C"])
    as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
                    f"-p {port} -k {base} -c listen_addresses= -c fsync=off", "start"])
    try:
        yield Cluster(base, port, password)
    finally:
        as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"])
        shutil.rmtree(base, ignore_errors=True)
