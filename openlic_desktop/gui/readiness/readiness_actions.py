"""Readiness in the main window: the patent editor on double-click/Enter, batch actions on the selection (confirm
commitments, sign off as preparer/reviewer, commitment letter) ending in a summary of done/refused and why, a
readiness column and filter, and a warning when the audit trail's hash chain is broken.

Installed by `gui.editor.patent_editor.install(window)`. Thread rule: GUI thread; batch jobs and the audit check run on
`window.tasks` (the one worker) and come back as plain values.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from openlic_desktop.gui import ops, palette, tasks
from openlic_desktop.gui.models.portfolio_model import Column, register_column
from openlic_desktop.gui.widgets import finding_mark_html
from openlic_desktop.services import audit_trail, portfolio, readiness
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support import settings
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls


def _profile() -> str:
    return settings.load().active_profile or "general"


def _lang(window) -> str:
    return getattr(window, "lang", "zh")


# --- the column --------------------------------------------------------------------------------------------
def column_texts(ws, ids: Sequence[int]) -> dict[int, str]:
    try:
        found = readiness.summaries(ws, ids, _profile())
    except OpenLicError:
        return {}
    out = {}
    for pid, s in found.items():
        if not s.ready:
            out[pid] = translate("ReadinessActions", "Not ready (%1)").replace("%1", str(s.blockers))
        elif s.warnings:
            out[pid] = translate("ReadinessActions", "Ready (%1 warnings)").replace("%1", str(s.warnings))
        else:
            out[pid] = translate("ReadinessActions", "Ready")
    return out


READINESS_COLUMN = Column("", QT_TRANSLATE_NOOP("ReadinessActions", "Readiness"), fetch=column_texts, sortable=False,
                          context="ReadinessActions")


# --- install -------------------------------------------------------------------------------------------------
def install(window, open_editor: Callable[[Any, int], None]) -> None:
    register_column(READINESS_COLUMN)
    window.open_patent_editor = lambda patent_id: open_editor(window, patent_id)
    batch = window.menus["batch"]
    for name, text, slot in (
            ("confirmCommitmentsAction", translate("ReadinessActions", "Confirm all commitments"),
             lambda: confirm_selected(window)),
            ("signPreparerAction", translate("ReadinessActions", "Sign off as preparer"),
             lambda: sign_selected(window, "preparer")),
            ("signReviewerAction", translate("ReadinessActions", "Sign off as reviewer"),
             lambda: sign_selected(window, "reviewer")),
            ("commitmentLetterAction", translate("ReadinessActions", "Commitment letter…"),
             lambda: letter_for_selected(window))):
        act = QAction(text, window)
        act.setObjectName(name)
        act.triggered.connect(lambda _checked=False, s=slot: s())
        batch.addAction(act)

    menu = window.menus.get("view") or window.menus["patents"]
    sub = menu.addMenu(translate("ReadinessActions", "Readiness"))
    group = QActionGroup(window)
    window.readiness_filter_actions = {}
    for key, text in (("all", translate("ReadinessActions", "All patents")),
                      ("ready", translate("ReadinessActions", "Ready only")),
                      ("not_ready", translate("ReadinessActions", "Not ready only"))):
        act = QAction(text, window)
        act.setCheckable(True)
        act.setChecked(key == "all")
        act.setObjectName(f"readinessFilter_{key}")
        act.triggered.connect(lambda _checked=False, k=key: set_readiness_filter(window, k))
        group.addAction(act)
        sub.addAction(act)
        window.readiness_filter_actions[key] = act

    label = QLabel(window)
    label.setObjectName("auditWarning")
    label.setStyleSheet(palette.error_style() + " font-weight: bold;")
    label.setVisible(False)
    window.statusBar().addPermanentWidget(label)
    window.audit_warning = label
    window.workspace_changed.connect(lambda: check_audit(window))
    # once the window is up, not while it is built and first painted: the check loads the OS keyring's backends
    # (~0.2 s of imports on the worker, holding the interpreter the window's construction needs)
    QTimer.singleShot(0, window, lambda: check_audit(window))
    window.detail_sections.append(lambda ws, pid: detail_section(ws, pid, _lang(window)))


# --- the detail pane -----------------------------------------------------------------------------------------
def detail_section(ws, patent_id: int, lang: str = "zh") -> str:
    """HTML for the main window's detail pane: ready or not, and each finding (escaped)."""
    try:
        result = readiness.check_one(ws, patent_id, _profile(), verify_files=False)
    except OpenLicError:
        return ""
    head = translate("ReadinessActions", "Ready") if result.ready else (
        translate("ReadinessActions", "Not ready (%1)").replace("%1", str(len(result.blockers))))
    items = "".join(f"<li>{finding_mark_html(f.is_blocker)} {html.escape(readiness.finding_message(f, lang))}</li>"
                    for f in result.findings)
    # one translatable heading: Chinese puts a full-width colon after 申报条件, English a colon and a space
    title = translate("ReadinessActions", "Readiness: %1").replace("%1", head)
    return f"<h4>{html.escape(title)}</h4><ul>{items}</ul>"


# --- readiness filter ----------------------------------------------------------------------------------------
def set_readiness_filter(window, key: str) -> None:
    """Restrict the table to ready / not-ready patents. The check runs on the worker (10,000 patents ≈ 1 s) and
    is computed at the moment of choosing; choosing the entry again recomputes it."""
    ws = window.ws
    if ws is None or key == "all":
        window.model.restrict_to = None
        window.refresh()
        window.readiness_filter_key = "all"
        return

    def done(ids: list[int]) -> None:
        if window.ws is not ws:
            return
        window.model.restrict_to = ids
        window.refresh()
        window.readiness_filter_key = key

    def job(_progress) -> list[int]:
        return [r.patent_id for r in readiness.check(ws, None, _profile()) if r.ready == (key == "ready")]

    window.tasks.run(job, on_done=done, on_error=lambda exc, trace: window.show_error(exc, trace))


# --- audit warning -----------------------------------------------------------------------------------------
class _StopOnClose(QObject):
    """Sets `closing` as the window starts to close: before its closeEvent waits for the worker, so that the audit
    check running there stops at its next chunk instead of holding the closing window."""

    def __init__(self, window, closing: threading.Event) -> None:
        super().__init__(window)
        self.closing = closing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if event.type() == QEvent.Type.Close:
            self.closing.set()
        return False


def check_audit(window, resume: audit_trail.ChainWalk | None = None) -> None:
    """Check the audit trail of the database just opened, as housekeeping on the window's worker: a chunk of the
    trail at a time, giving way at the next chunk when the user's work is queued, another database is opened or
    the window closes; it then resumes where it stopped once the user's work is done (a new window reruns it)."""
    ws = window.ws
    if resume is None:
        window.audit_warning.setVisible(False)
    if ws is None:
        return
    closing = getattr(window, "_audit_check_closing", None)
    if closing is None:
        closing = window._audit_check_closing = threading.Event()
        window.installEventFilter(_StopOnClose(window, closing))

    def give_way() -> bool:  # asked on the worker between chunks
        return closing.is_set() or window.ws is not ws or window.tasks.user_pending() > 0

    def done(report: audit_trail.AuditReport) -> None:
        if window.ws is not ws:
            return
        try:
            show_audit_state(window, report)
        except RuntimeError:  # the window went away while the check ran
            pass

    def failed(exc: BaseException, _trace: str) -> None:
        if isinstance(exc, audit_trail.CheckPaused) and window.ws is ws and not closing.is_set():
            check_audit(window, exc.walk)  # queued behind the user's work it gave way to

    window.tasks.run(lambda _progress: audit_trail.verify(ws, stop=give_way, resume=resume), on_done=done,
                     on_error=failed, priority=tasks.HOUSEKEEPING)  # after the user's work and the count ahead


def show_audit_state(window, report: audit_trail.AuditReport) -> None:
    if report.intact:
        window.audit_warning.setVisible(False)
        return
    record_id = report.first_break[0] if report.first_break else 0
    text = translate("ReadinessActions", "The audit trail was changed outside the app (record %1). Run `openlic audit verify` and restore "
              "a backup.").replace("%1", str(record_id))
    window.audit_warning.setText(translate("ReadinessActions", "Audit trail broken"))
    window.audit_warning.setToolTip(text)
    window.audit_warning.setVisible(True)
    window.statusBar().showMessage(text, 15000)


# --- batch actions -----------------------------------------------------------------------------------------
def _selection(window) -> list[int] | None:
    ids = window.selected_patent_ids()
    if not ids or window.ws is None:
        window.statusBar().showMessage(translate("ReadinessActions", "Select one or more patents first."), 5000)
        return None
    return ids


@dataclass(frozen=True)
class BatchDone:
    """What a batch command did: the service's outcome and, per patent id, what it had before (for the undo)."""

    outcome: readiness.BatchOutcome
    before: dict[int, set[str]] = field(default_factory=dict)


def _run(window, title: str, do: Callable[[Any, list[int]], BatchDone],
         undo: Callable[[Any, list[int], BatchDone], Any], aspect: str) -> None:
    """A batch action on the selection as one undoable command (Edit → Undo), on the worker with a progress
    dialog; the rows it touched are redrawn in place, so the selection stays as it was."""
    ids = _selection(window)
    if ids is None:
        return
    ws = window.ws

    def failed(exc: BaseException, _trace: str) -> None:
        text = exc.message(_lang(window)) if isinstance(exc, OpenLicError) else str(exc)
        window.readiness_last_outcome = readiness.BatchOutcome()
        _show_box(window, title, translate("ReadinessActions", "Failed") + ": " + text)

    window.undo_history.push(
        window, title, lambda: do(ws, ids), lambda done: undo(ws, ids, done), ops.Changes.of(ids, aspect),
        on_done=lambda done: show_summary(window, title, done.outcome), on_error=failed,
        label=translate("ReadinessActions", "Working on %1 patents…").replace("%1", str(len(ids))),
        keep=lambda done: bool(done.outcome.done))


def _numbers_to_ids(ws, ids: list[int]) -> dict[str, int]:
    return {row.application_number: pid for pid, row in portfolio.rows(ws, ids).items()}


def _confirm(ws, ids: list[int]) -> BatchDone:
    """Confirm every item, remembering which each patent had before (what an undo withdraws)."""
    profile = _profile()
    before = {pid: {s.code for s in readiness.commitments(ws, pid, profile) if s.confirmed} for pid in ids}
    return BatchDone(readiness.confirm_commitments(ws, ids, None, profile, source="gui"), before)


def _unconfirm(ws, ids: list[int], done: BatchDone) -> None:
    by_number = _numbers_to_ids(ws, ids)
    codes = profile_service.get_profile(_profile()).commitment_codes()
    for number in done.outcome.done:
        pid = by_number[number]
        for code in codes:
            if code not in done.before.get(pid, set()):
                readiness.withdraw_commitment(ws, pid, code, source="gui")


def _sign(role: str) -> Callable[[Any, list[int]], BatchDone]:
    return lambda ws, ids: BatchDone(readiness.sign_off(ws, ids, role, _profile(), source="gui"))


def _revoke(role: str) -> Callable[[Any, list[int], BatchDone], None]:
    def undo(ws, ids: list[int], done: BatchDone) -> None:
        by_number = _numbers_to_ids(ws, ids)
        for number in done.outcome.done:
            readiness.revoke_signoff(ws, by_number[number], role, source="gui")
    return undo


def show_summary(window, title: str, outcome: readiness.BatchOutcome) -> None:
    lang = _lang(window)
    head = (translate("ReadinessActions", "Done: %1, unchanged: %2, refused: %3").replace("%1", str(len(outcome.done)))
            .replace("%2", str(len(outcome.unchanged))).replace("%3", str(len(outcome.refused))))
    lines = [head] + [f"{r.application_number}: {r.message(lang)}" for r in outcome.refused]
    window.readiness_last_outcome = outcome
    _show_box(window, title, "\n".join(lines))


def _show_box(window, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("readinessSummary")
    window.readiness_summary = box
    window.readiness_summary_text = text
    box.open()  # window-modal, not blocking: the batch is already done


def confirm_selected(window) -> None:
    _run(window, translate("ReadinessActions", "Confirm all commitments"), _confirm, _unconfirm, ops.COMMITMENTS)


def sign_selected(window, role: str) -> None:
    title = (translate("ReadinessActions", "Sign off as preparer") if role == "preparer"
             else translate("ReadinessActions", "Sign off as reviewer"))
    _run(window, title, _sign(role), _revoke(role), ops.SIGNOFFS)


def letter_for_selected(window, target: str | Path | None = None) -> None:
    ids = _selection(window)
    if ids is None:
        return
    if target is None:
        name, _ = QFileDialog.getSaveFileName(window, translate("ReadinessActions", "Commitment letter…"),
                                              translate("ReadinessActions", "Commitment letter.docx"),
                                              translate("ReadinessActions", "Word documents (*.docx)"))
        if not name:
            return
        target = name
    ws = window.ws

    def done(paths: list[Path]) -> None:  # one letter per patentee set
        path = paths[0] if len(paths) == 1 else paths[0].parent
        window.readiness_last_letter = path
        window.statusBar().showMessage(translate("ReadinessActions", "Commitment letter written: %1").replace("%1", str(path)), 10000)

    def failed(exc: BaseException, _trace: str) -> None:
        if isinstance(exc, OpenLicError) and exc.code == "DOCUMENT_BLOCKED":  # draft anyway only when told, and why
            from openlic_desktop.gui.licensing.parties_view import ask_override

            override = ask_override(window, exc, ws.user, _lang(window))
            if override is not None:
                run(override)
                return
        text = exc.message(_lang(window)) if isinstance(exc, OpenLicError) else str(exc)
        _show_box(window, translate("ReadinessActions", "Commitment letter…"), translate("ReadinessActions", "Failed") + ": " + text)

    def run(override=None) -> None:
        from openlic_desktop.services import commitment_letters  # python-docx loads when a letter is written

        window.tasks.run(lambda _progress: commitment_letters.draft_letters(ws, ids, target, _profile(),
                                                                            override=override),
                         on_done=done, on_error=failed)

    run()
