"""Feature: the statutory declaration in the main window.

`install(window)` adds the patent editor's 开放许可声明 tab, a Declaration column and a View → Declaration filter
on the portfolio table, Patents → Open-licence declarations… (the Declarations view) and, for the selection,
Batch → Prepare open-licence declarations and Batch → Fee-estimation notes…, and a line in the detail pane.
Thread rule: GUI thread; the filter's query and the batch steps run on `window.tasks`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox

from openlic_desktop.gui import ops
from openlic_desktop.gui.declarations.declaration_tab import DeclarationTab
from openlic_desktop.gui.declarations.fee_note_dialog import FeeNoteDialog
from openlic_desktop.gui.editor.editor_tabs import register_tab
from openlic_desktop.gui.models.portfolio_model import Column, register_column
from openlic_desktop.gui.words import DECLARATION_STATES, word
from openlic_desktop.services import declarations
from openlic_desktop.services.readiness import finding_message
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate
NONE = "none"   # the filter entry for patents without a declaration


def column_texts(ws, ids: Sequence[int]) -> dict[int, str]:
    """The Declaration column of one page of the table: each patent's declaration state in words."""
    try:
        states = declarations.states_for(ws, ids)
    except OpenLicError:
        return {}
    return {pid: word(DECLARATION_STATES, state.value) for pid, state in states.items()}


DECLARATION_COLUMN = Column("", QT_TRANSLATE_NOOP("DeclarationColumns", "Declaration"), fetch=column_texts,
                            sortable=False, context="DeclarationColumns")


def detail_section(ws, patent_id: int) -> str:
    try:
        state = declarations.states_for(ws, [patent_id]).get(patent_id)
    except OpenLicError:
        return ""
    if state is None:
        return ""
    title = translate("DeclarationColumns", "Open-licence declaration")
    return f"<h4>{html.escape(title)}: {html.escape(word(DECLARATION_STATES, state.value))}</h4>"


def install(window) -> None:
    register_tab(DeclarationTab)
    register_column(DECLARATION_COLUMN)
    window.detail_sections.append(detail_section)

    view_action = QAction(translate("Declarations", "Open-licence declarations…"), window)
    view_action.setObjectName("declarationsViewAction")
    view_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
    view_action.triggered.connect(lambda _checked=False: _open_view(window))
    window.menus["patents"].addAction(view_action)

    batch = window.menus["batch"]
    batch.addSeparator()
    prepare = QAction(translate("Declarations", "Prepare open-licence declarations"), window)
    prepare.setObjectName("prepareDeclarationsAction")
    prepare.triggered.connect(lambda _checked=False: prepare_selected(window))
    batch.addAction(prepare)
    notes = QAction(translate("Declarations", "Fee-estimation notes…"), window)
    notes.setObjectName("feeNotesAction")
    notes.triggered.connect(lambda _checked=False: open_fee_notes(window))
    batch.addAction(notes)

    menu = window.menus.get("view") or window.menus["patents"]
    sub = menu.addMenu(translate("Declarations", "Declaration"))
    group = QActionGroup(window)
    window.declaration_filter_actions = {}
    entries = [("all", translate("Declarations", "All patents")), (NONE, translate("Declarations", "No declaration"))]
    entries += [(code, word(DECLARATION_STATES, code)) for code in DECLARATION_STATES]
    for key, text in entries:
        act = QAction(text, window)
        act.setCheckable(True)
        act.setChecked(key == "all")
        act.setObjectName(f"declarationFilter_{key}")
        act.triggered.connect(lambda _checked=False, k=key: set_declaration_filter(window, k))
        group.addAction(act)
        sub.addAction(act)
        window.declaration_filter_actions[key] = act


def set_declaration_filter(window, key: str) -> None:
    """Restrict the table to patents whose declaration is in a state (or that have none). Computed on the worker
    when chosen; choosing the entry again recomputes it. Replaces any other restriction of the table."""
    ws = window.ws
    window.declaration_filter_key = key
    if ws is None or key == "all":
        window.model.restrict_to = None
        window.refresh()
        return

    def job(_progress) -> list[int]:
        from openlic_desktop.services import portfolio

        every = portfolio.query_ids(ws)
        states = declarations.states_for(ws, every)
        if key == NONE:
            return [pid for pid in every if pid not in states]
        return [pid for pid in every if pid in states and states[pid].value == key]

    def done(ids: list[int]) -> None:
        if window.ws is not ws:
            return
        window.model.restrict_to = ids
        window.refresh()

    window.tasks.run(job, on_done=done, on_error=lambda exc, trace: window.show_error(exc, trace))


def _selection(window) -> list[int] | None:
    ids = window.selected_patent_ids()
    if not ids or window.ws is None:
        window.statusBar().showMessage(translate("Declarations", "Select one or more patents first."), 5000)
        return None
    return ids


def prepare_selected(window) -> None:
    """Draft declarations for the selection: one undoable command (Edit → Undo deletes the drafts it made)."""
    ids = _selection(window)
    if ids is None:
        return
    ws = window.ws
    lang = getattr(window, "lang", "zh")

    def done(results: list[declarations.PrepareResult]) -> None:
        made = sum(r.created for r in results)
        lines = [translate("Declarations", "Drafted: %1, already declared: %2").replace("%1", str(made))
                 .replace("%2", str(len(results) - made))]
        for r in results:
            blockers = [f for f in r.findings if f.is_blocker and f.code not in ("NOT_SIGNED_OFF", "SIGNOFF_STALE")]
            if blockers:
                lines.append(f"ZL{r.application_number}: " + "；".join(finding_message(f, lang) for f in blockers))
        _show(window, translate("Declarations", "Prepare open-licence declarations"), "\n".join(lines))

    def undo(results: list[declarations.PrepareResult]) -> None:
        made = [r.application_number for r in results if r.created]
        if made:
            declarations.discard(ws, made)

    title = translate("Declarations", "Prepare open-licence declarations")
    window.undo_history.push(window, title, lambda: declarations.prepare(ws, ids), undo,
                             ops.Changes.of(ids, ops.DECLARATIONS), on_done=done,
                             keep=lambda results: any(r.created for r in results),
                             label=translate("Declarations", "Drafting %1 declarations…").replace("%1", str(len(ids))))


def _open_view(window):
    """The declarations window; its document builders (python-docx) load when it first opens, not at start."""
    from openlic_desktop.gui.declarations.declarations_view import open_view

    return open_view(window)


def open_fee_notes(window) -> FeeNoteDialog | None:
    ids = _selection(window)
    if ids is None:
        return None
    dialog = FeeNoteDialog(window.ws, ids, window.tasks, window, getattr(window, "lang", "zh"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        outcome = dialog.outcome
        if outcome is None:
            return
        lang = getattr(window, "lang", "zh")
        kept = [r for r in outcome.refused if r.code == "FEE_NOTE_KEPT"]
        lines = [translate("Declarations", "Notes drafted: %1, kept as they were: %2").replace("%1", str(len(outcome.done)))
                 .replace("%2", str(len(kept)))]
        lines += [f"ZL{r.application_number}: {r.message(lang)}" for r in outcome.refused if r.code != "FEE_NOTE_KEPT"]
        _show(window, translate("Declarations", "Fee-estimation notes…"), "\n".join(lines))

    dialog.accepted.connect(finished)
    window.fee_note_dialog = dialog
    dialog.open()
    return dialog


def _show(window, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("declarationsSummary")
    window.declarations_summary = box
    window.declarations_summary_text = text
    box.open()
