"""The promotional-wording list the statutory rules check against: the shipped file, extended (or trimmed with a
leading "-") by the office's own file in the user data folder. Read each time it is asked for (a few hundred bytes),
so an edit takes effect at the next check."""

from __future__ import annotations

from pathlib import Path

from openlic_desktop.support import paths

FILE_NAME = "promotional_words.txt"


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def shipped_file() -> Path:
    return paths.resources_dir() / "reference" / FILE_NAME


def user_file() -> Path:
    return paths.data_dir() / FILE_NAME


def promotional_words() -> tuple[str, ...]:
    words: dict[str, None] = dict.fromkeys(_lines(shipped_file()))
    for line in _lines(user_file()):
        if line.startswith("-"):
            words.pop(line[1:].strip(), None)
        else:
            words[line] = None
    return tuple(words)
