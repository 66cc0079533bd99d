"""Where OpenLic Desktop keeps its files.

Owns the user data, config and log folders (platformdirs) and the location of the shipped resources.
`OPENLIC_HOME` puts all three under one folder — the tests use it to stay hermetic; a portable install may too.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "OpenLicDesktop"
APP_AUTHOR = "OpenLic"
# the extension of the OpenLic database document type (the installers register it; any SQLite file we made opens)
DATABASE_SUFFIX = ".openlic"


def _home_override() -> Path | None:
    value = os.environ.get("OPENLIC_HOME")
    return Path(value) if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    home = _home_override()
    return _ensure(home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def config_dir() -> Path:
    home = _home_override()
    return _ensure(home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)))


def log_dir() -> Path:
    home = _home_override()
    return _ensure(home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)))


def default_database_path() -> Path:
    """The file used when neither --db nor OPENLIC_DB says otherwise."""
    return data_dir() / "openlic.sqlite3"


def default_database() -> str:
    """What to open when --db is not given: OPENLIC_DB exactly as written — it takes the same forms as --db (a
    file path or a server URL; a URL turned into a Path would name a local file after it, password included) —
    else the file in the user data folder."""
    env = os.environ.get("OPENLIC_DB", "").strip()
    return env or str(default_database_path())


def resources_dir() -> Path:
    """What we ship besides code — bureau profiles, contract templates, reference data, translations, icons, the
    user guide: `openlic_desktop/resources/`, package data found beside this module in every install form (a
    checkout or editable install, a wheel or sdist install, the frozen bundle, which collects it to the same place
    under its root). Every reader of a shipped file starts here."""
    return Path(__file__).resolve().parents[1] / "resources"
