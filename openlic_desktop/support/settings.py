"""User settings: a small JSON file in the config folder (office details, staff, language, recent databases).

Not thread-safe by design: the GUI thread and the CLI process own it; background jobs get values, not this.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from openlic_desktop.support import paths
from openlic_desktop.support.files import atomic_write_text

MAX_RECENT = 8


@dataclass
class Office:
    name: str = ""
    address: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    seal_holder: str = ""


@dataclass
class StaffMember:
    name: str
    role: str = "preparer"  # preparer | reviewer | both


@dataclass
class Settings:
    language: str = "zh"
    office: Office = field(default_factory=Office)
    staff: list[StaffMember] = field(default_factory=list)
    current_user: str = ""
    recent_databases: list[str] = field(default_factory=list)
    active_profile: str = "general"
    welcomed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def remember_database(self, path: str) -> None:
        items = [p for p in self.recent_databases if p != path]
        self.recent_databases = [path, *items][:MAX_RECENT]


def settings_path() -> Path:
    return paths.config_dir() / "settings.json"


def load() -> Settings:
    path = settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return Settings()
    office = Office(**{k: v for k, v in raw.get("office", {}).items() if k in Office.__dataclass_fields__})
    staff = [StaffMember(**s) for s in raw.get("staff", []) if isinstance(s, dict) and s.get("name")]
    known = {k: raw[k] for k in ("language", "current_user", "recent_databases", "active_profile", "welcomed",
                                 "extra") if k in raw}
    return Settings(office=office, staff=staff, **known)


def save(settings: Settings) -> None:
    atomic_write_text(settings_path(), json.dumps(asdict(settings), ensure_ascii=False, indent=2))
