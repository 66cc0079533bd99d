"""A database file at a given Alembic revision (an older schema, as an earlier release made it), for the tests of
upgrades, downgrades and the copies taken around them."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from openlic_desktop.storage import engine


def migrate(db_path: Path, revision: str, *, down: bool = False) -> Path:
    """Upgrade (or, `down`, downgrade) the database at `db_path` to `revision`, without the app's own migration on
    open; returns the path."""
    db = engine.open_database(db_path, migrate=False)
    cfg = engine._alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)
    db.dispose()
    return db_path
