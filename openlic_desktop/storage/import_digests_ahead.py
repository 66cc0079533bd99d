"""The stored row digests of an existing SQLite database, read on a thread of their own while the sheet loads.

An import's re-import of an unchanged file spends ~0.09 s of 50,000 rows reading the stored digests once its
transaction is open; python-calamine loads the sheet without the GIL meanwhile, so they can be read then. The
rule that a refused file leaves no trace still holds:

* only a database file that exists, at the newest schema, is read — never created, never migrated;
* the connection changes nothing. Its kind depends on the files beside the database: with no -wal (the database
  closed cleanly) it is an ordinary connection made `query_only`: it makes -wal and -shm as any reader does and,
  as the last connection, takes them away on close — mode=ro would make both and leave them behind. With a -wal
  or -shm there (another connection has the database open), it opens with mode=ro, which then creates nothing
  and removes nothing. A -wal holding frames without its -shm is not read at all.
* what was read is used only if nothing was committed since (`PRAGMA data_version` on the same connection) —
  asked once the import's transaction holds the write lock, so that nothing can be committed in between. Else,
  and on any error, the import reads the digests itself, as without this.

Digests are SQLite's only (storage.import_bulk.supports_digests); nothing is read ahead for a server database.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from openlic_desktop.storage import revisions

Digests = dict[str, tuple[str, int]]


def _connect(path: Path) -> sqlite3.Connection | None:
    """A connection that cannot change the database or the files beside it (see the module docstring)."""
    if not path.is_file():
        return None
    wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
    if wal.exists() or shm.exists():
        if wal.exists() and wal.stat().st_size and not shm.exists():
            return None  # frames no live connection owns: read-only cannot recover them, read-write would
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    con = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, check_same_thread=False)
    con.execute("PRAGMA query_only=1")
    return con


class DigestsAhead:
    """The stored digests of the SQLite database at `path`, read on a thread started here; `take()` gives them."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._con: sqlite3.Connection | None = None
        self._read: tuple[Digests, int] | None = None
        self._thread = threading.Thread(target=self._run, name="stored digests", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            con = self._con = _connect(self._path.resolve())
            if con is None:
                return
            con.execute("BEGIN")  # one snapshot for the revision, the digests and the version
            try:
                found = con.execute(f"SELECT version_num FROM {revisions.VERSION_TABLE}").fetchall()
                if [row[0] for row in found] != [revisions.head()]:
                    return  # a database the workspace will migrate (or refuse): read by the import itself
                cursor = con.execute("SELECT import_digest, application_number, import_fields FROM patents "
                                     "WHERE import_digest IS NOT NULL")
                digests = {digest: (number, mask) for digest, number, mask in cursor}
                version = con.execute("PRAGMA data_version").fetchone()[0]
            finally:
                con.execute("COMMIT")
            self._read = digests, version
        except Exception:  # noqa: BLE001 — whatever failed here, the import reads the digests itself
            self._read = None

    def take(self, database: Path | None) -> Digests | None:
        """The digests read, if `database` is the file they were read from and nothing was committed to it since
        (None otherwise: read them again). Call it while the import's transaction holds the write lock. Closes
        the connection."""
        self._thread.join()
        try:
            con, read = self._con, self._read
            if con is None or read is None or database is None or database.resolve() != self._path.resolve():
                return None
            digests, version = read
            return digests if con.execute("PRAGMA data_version").fetchone()[0] == version else None
        except sqlite3.Error:
            return None
        finally:
            self.close()

    def close(self) -> None:
        """Let the connection go (waits for the read): a refused file imports nothing."""
        self._thread.join()
        con, self._con = self._con, None
        if con is not None:
            con.close()
