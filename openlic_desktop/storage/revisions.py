"""The schema revisions we ship, read from the migration scripts without importing Alembic.

Opening a database only has to learn whether it is at the newest revision; importing Alembic for that (its package
pulls in every dialect's DDL support) cost ~0.15 s of each `openlic` call's start. Alembic itself runs only when a
migration is due (storage/engine.py). tests/unit/test_storage_revisions.py checks these answers against Alembic's
own on the real scripts, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, inspect, text

VERSIONS_DIR = Path(__file__).resolve().parent / "migrations" / "versions"
VERSION_TABLE = "alembic_version"

# `revision = "0008"` and `down_revision = "0007"` (or None, or a tuple for a merge) at the top of each script
_REVISION = re.compile(r"""^revision\s*(?::[^=\n]*)?=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN = re.compile(r"""^down_revision\s*(?::[^=\n]*)?=\s*(.+)$""", re.MULTILINE)
_QUOTED = re.compile(r"""["']([^"']+)["']""")


class UnreadableChain(Exception):
    """The scripts do not form the simple chain this reader understands: ask Alembic instead."""


@lru_cache(maxsize=1)
def chain() -> dict[str, tuple[str, ...]]:
    """Every revision with the revisions it follows."""
    found: dict[str, tuple[str, ...]] = {}
    for script in sorted(VERSIONS_DIR.glob("*.py")):
        if script.name == "__init__.py":
            continue
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None or revision.group(1) in found:
            raise UnreadableChain(script.name)
        found[revision.group(1)] = tuple(_QUOTED.findall(down.group(1)))
    return found


def _alembic_script():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(VERSIONS_DIR.parent))
    return ScriptDirectory.from_config(cfg)


@lru_cache(maxsize=1)
def head() -> str:
    """The newest revision: the one no other revision follows (Alembic decides when there is not exactly one)."""
    try:
        revisions = chain()
    except UnreadableChain:
        return _alembic_script().get_current_head()
    followed = {parent for parents in revisions.values() for parent in parents}
    heads = [r for r in revisions if r not in followed]
    if len(heads) != 1 or any(p not in revisions for parents in revisions.values() for p in parents):
        return _alembic_script().get_current_head()
    return heads[0]


def known() -> set[str]:
    """Every revision this version of the program knows (a database at another one was made by a newer version)."""
    try:
        return set(chain())
    except UnreadableChain:
        return {rev.revision for rev in _alembic_script().walk_revisions()}


def current(conn: Connection) -> str | None:
    """The revision the database is at (None: not stamped, e.g. a new file)."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:  # branches: let Alembic say what that means
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()
    return rows[0] if rows else None
