"""Extra tabs of the patent editor, registered by other features (e.g. Pricing).

Each entry is (English title, widget class). The editor creates one widget per tab (no arguments, or the editor as
parent), adds it under `QCoreApplication.translate("EditorTabs", title)`, and calls `widget.load(ws, patent_id)`.
A widget may define a Qt signal `changed` (no arguments): the editor then re-checks readiness and reloads its own
tabs (a pricing change can make a sign-off stale). Append with `register_tab`, which ignores a second registration.
"""

from __future__ import annotations

EDITOR_TABS: list[tuple[str, type]] = []


def register_tab(title: str, widget_class: type) -> None:
    if all(existing != title for existing, _cls in EDITOR_TABS):
        EDITOR_TABS.append((title, widget_class))
