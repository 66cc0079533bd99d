"""The words for every stable code, in Simplified Chinese and English.

One module per area holds a `MESSAGES` dict {code: (zh, en)} with `{name}` placeholders; this package merges
them. A test checks that no two areas define the same code and that both languages use the same placeholders.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
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


@lru_cache(maxsize=1)
def terms() -> dict[str, tuple[str, str]]:
    """Words that appear as parameter values (field names, roles…): `TERMS = {value: (zh, en)}` per module."""
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        merged.update(getattr(module, "TERMS", {}))
    return merged


_TOKENS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _words(value: Any, lang: str) -> Any:
    """A parameter like 'contact_phone/contact_email' or 'amount, rate' in the reader's words."""
    if not isinstance(value, str):
        return value
    known = terms()
    tokens = _TOKENS.findall(value)
    if not tokens or any(t not in known for t in tokens):
        return value
    index = 0 if lang.startswith("zh") else 1
    text = _TOKENS.sub(lambda m: known[m.group(0)][index], value)
    return text.replace(", ", "、") if index == 0 else text


def in_words(value: Any, lang: str = "zh") -> Any:
    """A parameter value (a field name, a role, a kind, or a comma list of them) in the reader's words; anything
    else (names, numbers) as it is."""
    return _words(value, lang)


def render(code: str, lang: str = "zh", **params: Any) -> str:
    """The message for `code` in `lang`; an unknown code still says something useful. A `variant` parameter picks
    the wording `CODE.variant` when there is one (the same finding said differently: a lapse known only from the
    recorded status has no due date to name). A parameter `X_en` is the English twin of `X` (words from data, such
    as a profile's promises, that no catalogue translates)."""
    variant = params.pop("variant", None)
    # a value said differently per language comes as a pair: `names` (Chinese) and its twin `names_en` (English)
    english = not lang.startswith("zh")
    params = {k: (params.get(f"{k}_en", v) if english else v) for k, v in params.items() if not k.endswith("_en")}
    pair = catalogue().get(f"{code}.{variant}") if variant else None
    pair = pair or catalogue().get(code)
    if pair is None:
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code}" + (f" ({detail})" if detail else "")
    template = pair[0] if lang.startswith("zh") else pair[1]
    try:
        return template.format(**{k: _words(v, lang) for k, v in params.items()})
    except (KeyError, IndexError):
        return template
