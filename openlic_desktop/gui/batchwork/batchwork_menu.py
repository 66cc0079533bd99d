"""Feature: the batch steps in the main window — Batch → Attach a folder… / Consents by co-owner… / New batch from
selection… / What is left for a batch…, Tools → Bureau profiles…, and a folder dropped on the window opens the
folder preview. Thread rule: GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog

from openlic_desktop.gui.batchwork.consent_dialog import ConsentsDialog
from openlic_desktop.gui.batchwork.evidence_dialog import EvidenceFolderDialog
from openlic_desktop.gui.batchwork.profile_dialog import NewBatchDialog, ProfilesDialog
from openlic_desktop.gui.batchwork.remaining_view import RemainingDialog
from openlic_desktop.services import batches, evidence
from openlic_desktop.support.errors import OpenLicError

translate = QCoreApplication.translate



def _add(window: Any, menu: str, name: str, text: str, slot) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    window.menus[menu].addAction(action)
    return action


def install(window: Any) -> None:
    _add(window, "batch", "attachFolderAction", translate("BatchWork", "Attach a folder…"),
         lambda: open_evidence(window))
    _add(window, "batch", "consentsAction", translate("BatchWork", "Consents by co-owner…"),
         lambda: open_consents(window))
    _add(window, "batch", "newBatchAction", translate("BatchWork", "New batch from selection…"),
         lambda: new_batch(window))
    _add(window, "batch", "remainingAction", translate("BatchWork", "What is left for a batch…"),
         lambda: open_remaining(window))
    _add(window, "tools", "profilesAction", translate("BatchWork", "Bureau profiles…"),
         lambda: open_profiles(window))
    window.drop_handlers.append(lambda paths: dropped(window, paths))


def _show(dialog: QDialog) -> QDialog:
    dialog.show()
    return dialog


def open_evidence(window: Any, folder: str | Path | None = None, kind: str = "evaluation-report"):
    if window.ws is None:
        return None
    dialog = _show(EvidenceFolderDialog(window, folder, kind))
    dialog.attached.connect(lambda _result: reload_remaining(window))
    if folder is None:
        dialog.choose_folder()
    return dialog


def reload_remaining(window: Any) -> None:
    """An open what-is-left view follows a step taken elsewhere (a folder dropped on the window)."""
    import shiboken6

    dialog = getattr(window, "remaining_dialog", None)
    if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
        dialog.reload()


def dropped(window: Any, paths: list[Path]) -> bool:
    folders = [p for p in paths if p.is_dir()]
    if len(folders) != 1 or window.ws is None:
        return False
    window.evidence_dialog = open_evidence(window, folders[0], evidence.kind_of_folder(folders[0]))
    return True


def open_consents(window: Any, owner: str = ""):
    return _show(ConsentsDialog(window, owner)) if window.ws is not None else None


def open_profiles(window: Any):
    return _show(ProfilesDialog(window))


def new_batch(window: Any, dialog: NewBatchDialog | None = None):
    """Ask name and profile, create the batch with the selected patents, then show what is left for it."""
    ids = window.selected_patent_ids()
    if window.ws is None or not ids:
        window.statusBar().showMessage(translate("BatchWork", "Select patents in the table first."), 5000)
        return None
    dialog = dialog or NewBatchDialog(window)
    window.new_batch_dialog = dialog

    def created(result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            return
        try:
            info = batches.create_batch(window.ws, dialog.name.text(), dialog.code(), ids)
        except OpenLicError as exc:
            window.statusBar().showMessage(exc.message(getattr(window, "lang", "zh")), 10000)
            return
        window.remaining_dialog = _show(RemainingDialog(window, info.id))

    dialog.finished.connect(created)
    dialog.open()
    return dialog


def open_remaining(window: Any, batch: int | str | None = None):
    if window.ws is None:
        return None
    if batch is None:
        items = batches.list_batches(window.ws)  # newest first
        if not items:
            window.statusBar().showMessage(
                translate("BatchWork", "No batch yet: create one from the selection first."), 5000)
            return None
        if len(items) == 1:
            batch = items[0].id
        else:
            name, ok = QInputDialog.getItem(window, translate("BatchWork", "What is left for a batch…"),
                                            translate("BatchWork", "Batch"), [b.name for b in items], 0, False)
            if not ok:
                return None
            batch = name
    window.remaining_dialog = _show(RemainingDialog(window, batch))
    return window.remaining_dialog
