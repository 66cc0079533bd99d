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
            found[_read(file).code] = file
    return found


def load_profiles() -> dict[str, BureauProfile]:
    found: dict[str, BureauProfile] = {}
    for folder in profile_dirs():  # later folders override earlier ones
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.toml")):
            profile = _read(file)
            found[profile.code] = profile
    return found


# Each file's profile as last parsed, with the stamp of the file it was parsed from: every statistics count and
# refresh (and each check, export and batch) asks for a profile, and parsing every TOML file again cost several
# milliseconds a time. Profiles are files the user may edit with any editor, so a file is parsed again whenever
# its size, modification time, inode or change time moved; the writers below also drop what they replace.
# BureauProfile is frozen: the one object is shared by every caller.
_parsed: dict[str, tuple[tuple[int, int, int, int], BureauProfile]] = {}


def _read(file: Path) -> BureauProfile:
    st = file.stat()  # before reading: a write in between leaves a stamp the next call sees as moved
    stamp = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    key = str(file)
    found = _parsed.get(key)
    if found is not None and found[0] == stamp:
        return found[1]
    profile = profile_from_toml(file.read_text(encoding="utf-8"), origin=key)
    _parsed[key] = (stamp, profile)
    return profile


def _written(file: Path) -> None:
    """`file` was just written here: its profile is parsed again even if the stamp did not move (a file system
    with a coarse clock, the same size)."""
    _parsed.pop(str(file), None)


def get_profile(code: str | None = None) -> BureauProfile:
    """The profile `code`; None: the active one (settings, see `active_code`)."""
    profiles = load_profiles()
    if not code:
        from openlic_desktop.support import settings as settings_module

        code = settings_module.load().active_profile or "general"
        if code not in profiles:
            code = "general"
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
    _written(target)
    return target


# --- the active profile and the user's own copy ------------------------------------------------------------------
def active_code() -> str:
    """The profile `check`, `export` and a new batch use unless told otherwise (settings; `general` by default).
    A profile that has gone (a user copy deleted) falls back to `general` rather than breaking every check."""
    from openlic_desktop.support import settings as settings_module

    code = settings_module.load().active_profile or "general"
    return code if code in load_profiles() else "general"


def use_profile(code: str) -> BureauProfile:
    """Make `code` the active profile (refused when unknown)."""
    from openlic_desktop.support import settings as settings_module

    profile = get_profile(code)
    prefs = settings_module.load()
    prefs.active_profile = profile.code
    settings_module.save(prefs)
    return profile


# the fields the profile editor and `openlic profile edit` may set: CLI name → (TOML key, kind)
EDITABLE: dict[str, tuple[str, str]] = {
    "name": ("name", "text"), "province": ("province", "text"), "bureau_name": ("bureau", "text"),
    "email": ("email", "email"), "email_limit_mb": ("email_limit_mb", "int"),
    "min_term_months": ("min_term_months", "int"),
}
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
_TABLE_HEADER = re.compile(r"(?m)^\s*\[")


def _toml_value(field: str, value: object) -> str:
    key, kind = EDITABLE[field]
    text = str(value).strip()
    if any(ch in text for ch in "\r\n\x00") or len(text) > 200:
        raise InputError("PROFILE_VALUE_INVALID", field=field, value=text[:60])
    if kind == "int":
        if not text.isdigit() or not 1 <= int(text) <= 1000:
            raise InputError("PROFILE_VALUE_INVALID", field=field, value=text)
        return str(int(text))
    if kind == "email" and text and not _EMAIL.match(text):
        raise InputError("PROFILE_VALUE_INVALID", field=field, value=text)
    if key == "name" and not text:
        raise InputError("PROFILE_VALUE_INVALID", field=field, value=text)
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string accepts JSON's escapes


def edit_profile(code: str, changes: dict[str, object]) -> Path:
    """Write the user copy of profile `code` with these top-level fields changed (CLI names, see EDITABLE).

    The copy starts from the current file (the user copy if there is one, else the shipped file), keeping its
    comments and tables; a changed line is replaced in place, a new key goes above the first table. The result is
    read back before it is saved: a file that would not load is never written. Returns the user file."""
    unknown = [f for f in changes if f not in EDITABLE]
    if unknown:
        raise InputError("PROFILE_FIELD_UNKNOWN", field=unknown[0], known=", ".join(EDITABLE))
    lines = {f: _toml_value(f, v) for f, v in changes.items()}
    source = profile_file(code)
    target = user_profile_dir() / f"{code}.toml"
    text = source.read_text(encoding="utf-8")
    match = _TABLE_HEADER.search(text)
    head, tail = (text[:match.start()], text[match.start():]) if match else (text, "")
    for field, value in lines.items():
        key = EDITABLE[field][0]
        pattern = re.compile(rf"(?m)^{re.escape(key)}\s*=.*$")
        line = f"{key} = {value}  # set in OpenLic Desktop"
        if pattern.search(head):
            head = pattern.sub(lambda _m, line=line: line, head, count=1)
        else:
            head = head.rstrip("\n") + "\n" + line + "\n\n"
    text = head + tail
    profile = profile_from_toml(text, origin=str(target))  # never save a file we could not read back
    if profile.code != code:
        raise InputError("PROFILE_INVALID", file=str(target), reason="the code changed")
    atomic_write_text(target, text)
    _written(target)
    return target
