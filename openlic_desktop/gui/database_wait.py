"""Waiting for a database another program is writing, instead of losing the edit.

An import holds the database's write lock for its whole run, and another program (a second window, a command) may
hold it for a while too; SQLite waits a few seconds on its own and then refuses (DB_BUSY). An edit refused so is
tried again until it goes through or the user stops waiting, with a window saying what is going on and that the
change is NOT saved yet. Stopping gives the usual refusal (the message says not saved; the editor keeps what was
typed). A try that is already running when the user stops is let finish: if it got through, the change is saved
and reported as saved, never as lost.

Thread rule: GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from openlic_desktop.support.errors import system_refusal

RETRY_MS = 250  # between tries; each try itself waits up to the engine's busy timeout for the lock


def busy(exc: BaseException) -> bool:
    """Whether `exc` says only that another program holds the database (worth waiting for)."""
    refusal = system_refusal(exc)
    return refusal is not None and refusal.code == "DB_BUSY"


class BusyWait:
    """One edit's waiting. Set `retry` (starts one more try, whose failure goes to `failed`); call `finished()`
    when a try succeeded."""

    def __init__(self, parent: QWidget, refused: Callable[[BaseException, str], None]) -> None:
        self.parent = parent
        self.refused = refused
        self.retry: Callable[[], None] | None = None
        self.given_up = False
        self.started = time.monotonic()
        self.dialog: QProgressDialog | None = None

    def failed(self, exc: BaseException, trace: str) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.wasCanceled():
            self.given_up = True  # (cancel() as a slot sets the flag without the signal)
        if busy(exc) and not self.given_up and self.retry is not None and shiboken6.isValid(self.parent):
            self._show()
            QTimer.singleShot(RETRY_MS, self.parent, self.retry)
            return
        self.finished()
        self.refused(exc, trace)

    def finished(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reset()  # stops its own show timer, which would otherwise bring it back after hide()
            dialog.hide()
            dialog.deleteLater()

    def _give_up(self) -> None:
        self.given_up = True  # the try under way ends it: saved if it got through, else the refusal

    def _show(self) -> None:
        waited = int(time.monotonic() - self.started)
        text = QCoreApplication.translate(
            "DatabaseWait", "Another program is writing to this database (an import, another window or a command). "
            "Your change is not saved yet: it is saved as soon as the database is free. Waited %1 s.")
        text = text.replace("%1", str(waited))
        if self.dialog is None:
            dialog = QProgressDialog(text, QCoreApplication.translate("DatabaseWait", "Stop waiting"), 0, 0,
                                     self.parent)
            dialog.setObjectName("waitingForDatabase")
            dialog.setWindowTitle(QCoreApplication.translate("DatabaseWait", "Waiting for the database"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)  # no second edit piles up behind this one
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self._give_up)
            self.dialog = dialog
            dialog.show()
        else:
            self.dialog.setLabelText(text)
