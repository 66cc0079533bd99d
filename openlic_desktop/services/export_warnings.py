"""The package's warnings in the reader's words.

A warning of `export` is kept as `CODE` or `CODE:detail` (the code for scripts and `--json`, the detail the one
value it is about: a patent number, the unmapped columns, the profile file). What a person reads is the message of
the code (support/messages) with that value in its place; a warning the pre-flight said from a readiness finding
keeps the finding's own words (they need parameters the `CODE:number` form has lost), prefixed by the patent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openlic_desktop.support.messages import render

# the message parameter the detail after the colon fills, per code
DETAIL_PARAM = {
    "FEE_NOTE_MISSING": "number",
    "FEE_NOTE_UNFINISHED": "number",
    "FEE_NOTE_TERMS_CHANGED": "number",
    "TEMPLATE_COLUMNS_UNMAPPED": "columns",
    "TEMPLATE_ACTIVE_CONTENT_REMOVED": "items",
    "EMAIL_RECIPIENT_MISSING": "path",
}
# codes whose message does not name the patent itself: the patent goes in front
_NAMES_NO_PATENT = {"FEE_NOTE_MISSING"}


def split(warning: str) -> tuple[str, str]:
    """`CODE:detail` → (CODE, detail); `CODE` → (CODE, "")."""
    code, _sep, detail = warning.partition(":")
    return code, detail


def for_patent(number: str, message: str, lang: str = "zh") -> str:
    """A message about one patent, the patent first (as a per-patent list reads)."""
    return f"{number}：{message}" if lang.startswith("zh") else f"{number}: {message}"


def message_of(warning: str, lang: str = "zh", *, profile: str = "", said: Mapping[str, str] | None = None) -> str:
    """The words for one warning: what the pre-flight already said for it, else its code's message."""
    code, detail = split(warning)
    if said and warning in said:
        return for_patent(detail, said[warning], lang)
    params: dict[str, Any] = {}
    if code in DETAIL_PARAM and detail:
        params[DETAIL_PARAM[code]] = detail
    if code == "EMAIL_RECIPIENT_MISSING":
        params["profile"] = profile
    text = render(code, lang, **params)
    return for_patent(detail, text, lang) if code in _NAMES_NO_PATENT and detail else text


def to_json(warnings: Sequence[str], messages: Mapping[str, str]) -> list[dict[str, str]]:
    """`--json`: each warning with its code, its detail and its message."""
    out = []
    for w in warnings:
        code, detail = split(w)
        out.append({"code": code, "detail": detail, "message": messages.get(w, w)})
    return out
