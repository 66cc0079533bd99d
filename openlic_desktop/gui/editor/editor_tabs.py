"""The patent editor's tabs: what a tab is, and the registry features add theirs to.

A tab is an `EditorTab` subclass:

    class PricingTab(EditorTab):
        KEY = "pricing"                       # what a finding's field hint names ("pricing.amount")
        ASPECTS = frozenset({ops.PRICING, ops.FACTS})   # redrawn when an op changes one of these for the patent

        def title(self) -> str:
            return self.tr("Pricing")

        @staticmethod
        def read(ctx: ReadContext) -> PricingData:   # on the worker: services only, returns plain values
            ...

        def show(self, data: PricingData) -> None:   # on the GUI thread
            ...

The editor reads every tab (and the readiness panel) in one op when it opens, and after an op that changed its
patent only the tabs whose ASPECTS the op names, again in one op; a tab never reads the database on the GUI
thread. A tab edits through `self.editor.edit(text, do, undo, changes)` (one undoable command; see gui/undo.py)
or `self.editor.run(op_work, changes)`; it shows refusals with `self.editor.show_message(text, error=True)`.
`focus_field(name)` puts the cursor where a finding's field hint points. Features call `register_tab(TabClass)`
from their `install(window)`; a second registration of the same class is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from openlic_desktop.gui.editor.patent_editor import PatentEditor


@dataclass(frozen=True)
class ReadContext:
    """What a tab's `read` gets: plain values, safe to hand to the worker."""

    ws: Any
    patent_id: int
    profile_code: str | None
    lang: str
    today: date = field(default_factory=date.today)   # the day the view works with (the portfolio's)


class EditorTab(QWidget):
    KEY = ""
    ASPECTS: frozenset[str] = frozenset()

    def __init__(self, editor: PatentEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def title(self) -> str:
        raise NotImplementedError

    @staticmethod
    def read(ctx: ReadContext) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def focus_field(self, name: str) -> None:
        """Focus the widget a finding's field hint names (after the tab was made current)."""


EDITOR_TABS: list[type[EditorTab]] = []


def register_tab(tab_class: type[EditorTab]) -> None:
    if tab_class not in EDITOR_TABS:
        EDITOR_TABS.append(tab_class)
