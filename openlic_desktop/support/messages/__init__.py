"""The words for every stable code, in Simplified Chinese and English.

One module per area holds a `MESSAGES` dict {code: (zh, en)} with `{name}` placeholders; this package merges
them. A test checks that no two areas define the same code and that both languages use the same placeholders.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Any

LANGS = ("zh", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for code, pair in getattr(module, "MESSAGES", {}).items():
            if code in merged:
                raise RuntimeError(f"message code {code} defined twice (again in {info.name})")
            merged[code] = pair
    return merged


def render(code: str, lang: str = "zh", **params: Any) -> str:
    """The message for `code` in `lang`; an unknown code still says something useful."""
    pair = catalogue().get(code)
    if pair is None:
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code}" + (f" ({detail})" if detail else "")
    template = pair[0] if lang.startswith("zh") else pair[1]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
