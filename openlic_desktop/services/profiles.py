"""Bureau profiles: the shipped files, overridden by user copies in the data dir (same code).

A user copy is the whole profile (copied from the shipped one and edited); the template mapping the export wizard
learns is appended to the user copy as a `[template_mapping]` table, leaving the file's comments in place.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from openlic_desktop.domain.profiles import TABLE_FIELDS, BureauProfile, profile_from_toml
from openlic_desktop.support import paths
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.files import atomic_write_text


def profile_dirs() -> list[Path]:
    return [paths.resources_dir() / "profiles", paths.data_dir() / "profiles"]


def user_profile_dir() -> Path:
    return paths.data_dir() / "profiles"


def _profile_files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in profile_dirs():  # later folders override earlier ones
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.toml")):
            profile = profile_from_toml(file.read_text(encoding="utf-8"), origin=str(file))
            found[profile.code] = file
    return found


def load_profiles() -> dict[str, BureauProfile]:
    found: dict[str, BureauProfile] = {}
    for folder in profile_dirs():  # later folders override earlier ones
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.toml")):
            profile = profile_from_toml(file.read_text(encoding="utf-8"), origin=str(file))
            found[profile.code] = profile
    return found


def get_profile(code: str | None = None) -> BureauProfile:
    profiles = load_profiles()
    code = code or "general"
    if code not in profiles:
        raise InputError("PROFILE_UNKNOWN", profile=code, known=", ".join(sorted(profiles)))
    return profiles[code]


def profile_file(code: str) -> Path:
    files = _profile_files()
    if code not in files:
        raise InputError("PROFILE_UNKNOWN", profile=code, known=", ".join(sorted(files)))
    return files[code]


_MAPPING_SECTION = re.compile(r"(?ms)^\[template_mapping\].*?(?=^\[|\Z)")


def save_template_mapping(code: str, mapping: dict[str, str]) -> Path:
    """Keep the user's corrected header → field mapping of a bureau template in the user copy of the profile.

    The user copy starts as a copy of the shipped file (comments kept); only the [template_mapping] table at the
    end is rewritten. Returns the user file."""
    bad = [f for f in mapping.values() if f and f not in TABLE_FIELDS]
    if bad:
        raise InputError("BAD_ARGUMENT", reason=f"unknown field {bad[0]}")
    source = profile_file(code)
    target = user_profile_dir() / f"{code}.toml"
    text = source.read_text(encoding="utf-8")
    text = _MAPPING_SECTION.sub("", text).rstrip() + "\n\n"
    # TOML basic strings accept JSON's escapes, so json.dumps gives valid quoted keys and values
    lines = ["[template_mapping]  # header of the bureau's blank template = our field (saved by the export wizard)"]
    # an empty field is kept too: the user said "leave this column empty", the synonyms must not fill it again
    lines += [f"{json.dumps(h, ensure_ascii=False)} = {json.dumps(f, ensure_ascii=False)}"
              for h, f in sorted(mapping.items())]
    text += "\n".join(lines) + "\n"
    profile_from_toml(text, origin=str(target))  # never save a file we could not read back
    atomic_write_text(target, text)
    return target
