"""Feature: first start, office details, the guide, crash reports, daily backups and restoring them.

`install(window)` sets `window.first_start_handler` (the welcome flow, once), adds Tools → Office details…,
Help → User guide / Welcome… / Open log folder, File → Restore backup…, installs the crash hook, and makes the
day's backup of each database the window opens (on the window's worker thread, shortly after opening).
Thread rule: GUI thread only; the backup job gets the database path, not the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from openlic_desktop.gui import crash, tasks
from openlic_desktop.gui.dialogs.backup_dialog import RestoreBackupDialog
from openlic_desktop.gui.dialogs.guide_dialog import GuideDialog
from openlic_desktop.gui.dialogs.office_dialog import OfficeDialog
from openlic_desktop.gui.dialogs.welcome_dialog import (
    CHOICE_DEMO,
    CHOICE_IMPORT,
    CHOICE_LATER,
    CHOICE_OPEN,
    WelcomeDialog,
    app_icon,
)
from openlic_desktop.services import backup, portfolio
from openlic_desktop.support import paths, settings
from openlic_desktop.support.errors import OpenLicError
from openlic_desktop.support.messages import render

log = logging.getLogger(__name__)

BACKUP_DELAY_MS = 1500  # after the window is up, so starting never waits for a copy

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") calls

def install(window) -> None:
    crash.install()
    icon = app_icon()
    if not icon.isNull():
        window.setWindowIcon(icon)
        QApplication.setWindowIcon(icon)
    fallback = window.first_start_handler
    window.first_start_handler = lambda: start_welcome(window, fallback)

    window.add_file_action(translate("FirstStart", "Restore backup…"), lambda: restore_backup(window),
                           name="restoreBackupAction")
    office = window.menus["tools"].addAction(translate("FirstStart", "Office details…"))
    office.setObjectName("officeDetailsAction")
    office.triggered.connect(lambda _checked=False: edit_office(window))
    help_menu = window.menus["help"]
    first = help_menu.actions()[0] if help_menu.actions() else None
    guide = help_menu.addAction(translate("FirstStart", "User guide"))
    guide.setObjectName("userGuideAction")
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    guide.triggered.connect(lambda _checked=False: show_guide(window))
    welcome = help_menu.addAction(translate("FirstStart", "Welcome…"))
    welcome.triggered.connect(lambda _checked=False: show_welcome(window))
    logs_action = help_menu.addAction(translate("FirstStart", "Open log folder"))
    logs_action.triggered.connect(
        lambda _checked=False: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir()))))
    if first is not None:  # ours above "About", which stays last
        for action in (guide, welcome, logs_action):
            help_menu.removeAction(action)
        help_menu.insertActions(first, [guide, welcome, logs_action])
        help_menu.insertSeparator(first)

    window.workspace_changed.connect(lambda: schedule_backup(window))
    schedule_backup(window)


# --- first start ------------------------------------------------------------------------------------------------
def start_welcome(window, fallback=None) -> None:
    """The welcome flow, once per user; afterwards the window's own first-start behaviour."""
    if settings.load().welcomed:
        if fallback is not None:
            fallback()
        return
    show_welcome(window)


def show_welcome(window) -> WelcomeDialog:
    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.chosen.connect(partial(_after_choice, window))  # holds the window, not the dialog: no cycle
    dialog.open()
    return dialog


def _after_choice(window, choice: str) -> None:
    prefs = settings.load()
    prefs.welcomed = True
    settings.save(prefs)
    if choice == CHOICE_LATER or prefs.office.name:
        act_on_choice(window, choice)
        return
    dialog = OfficeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(partial(_act_after_office, window, choice))
    dialog.open()


def _act_after_office(window, choice: str, _result: int) -> None:
    act_on_choice(window, choice)


def act_on_choice(window, choice: str) -> None:
    if choice == CHOICE_DEMO:
        open_demo(window)
    elif choice == CHOICE_IMPORT:
        start_import(window)
    elif choice == CHOICE_OPEN:
        window.choose_database()


DEMO_DATABASE = "demo.sqlite3"


def open_demo(window) -> None:
    """Open the demo portfolio in its own database (data_dir/demo.sqlite3), filling it when empty.

    Never into the office's own database: made-up patents must not end up beside real ones and, from there, in a
    submission to the bureau. The office's database stays in File → Recent databases."""
    target = paths.data_dir() / DEMO_DATABASE
    current = window.ws.path if window.ws is not None else None
    if current is None or Path(current).resolve() != target.resolve():
        if window.ws is not None:  # keep the way back in File → Recent databases
            prefs = settings.load()
            prefs.remember_database(window.ws.location)
            settings.save(prefs)
        if not window.open_database(str(target)):
            return
    if window.ws is not None and portfolio.count(window.ws) == 0:
        window.load_demo()


def start_import(window) -> None:
    """Whatever import the window offers: a method, or a File-menu action named or titled so."""
    for name in ("start_import", "open_import_wizard", "import_spreadsheet"):
        handler = getattr(window, name, None)
        if callable(handler):
            handler()
            return
    action = window.findChild(QAction, "importAction")  # File → Import patents… (Ctrl+I)
    if action is not None:
        action.trigger()
        return
    QMessageBox.information(window, translate("FirstStart", "Import"), translate(
        "FirstStart",
        "The import is not available in this version. Use File → Open database… or the command "
        "`openlic import`."))


def edit_office(window) -> OfficeDialog:
    dialog = OfficeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_guide(window) -> GuideDialog:
    dialog = GuideDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(False)
    dialog.show()
    return dialog


# --- backups ----------------------------------------------------------------------------------------------------
def schedule_backup(window) -> None:
    QTimer.singleShot(BACKUP_DELAY_MS, window, lambda: backup_now(window))


def backup_now(window) -> None:
    ws = window.ws
    if ws is None or ws.path is None:
        return
    target = ws.path

    def done(info) -> None:
        if info is not None and shiboken6.isValid(window):  # the window may be gone by the time a copy is done
            text = translate("FirstStart", "Backed up today's copy: %1")
            window.statusBar().showMessage(text.replace("%1", str(info.path)), 8000)

    def failed(exc: BaseException, trace: str) -> None:  # a failed backup must not interrupt the user's work
        log.error("daily backup of %s failed: %s", target, trace or exc)

    try:  # an office may keep more (or fewer) days: settings.json "extra": {"backup_keep_days": N}
        keep = max(1, int(settings.load().extra.get("backup_keep_days", backup.KEEP_DAYS)))
    except (TypeError, ValueError):
        keep = backup.KEEP_DAYS
    # housekeeping: after the user's work and the dashboard's count ahead, never holding them up in the queue
    window.tasks.run(lambda _progress: backup.daily_backup(target, keep=keep), on_done=done, on_error=failed,
                     priority=tasks.HOUSEKEEPING)


def restore_backup(window) -> bool:
    """File → Restore backup…: choose, confirm, keep a safety copy, put the copy back, reopen. True if started."""
    ws = window.ws
    if ws is None or ws.path is None:
        QMessageBox.information(window, translate("FirstStart", "Restore backup"), translate(
            "FirstStart", "Backups are made for database files on this computer only."))
        return False
    db_file = Path(ws.path)
    dialog = RestoreBackupDialog(backup.list_backups(db_file), window)
    if dialog.exec() != RestoreBackupDialog.DialogCode.Accepted or dialog.chosen() is None:
        return False
    chosen = dialog.chosen()
    question = translate("FirstStart",
                         "Put back the copy %1? The database as it is now is kept as a safety copy first.")
    answer = QMessageBox.question(window, translate("FirstStart", "Restore backup"),
                                  question.replace("%1", chosen.name))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    restore_into_window(window, db_file, chosen)
    return True


def restore_into_window(window, db_file: Path, chosen: Path,
                        on_finished: Callable[[bool], None] | None = None) -> None:
    """Close the window's database, restore `chosen` over it on the worker, and reopen it, whatever happened;
    then `on_finished(done)`. The backup is checked in full and another program may hold the database for a
    while: the window keeps answering meanwhile, a progress note saying what it waits for."""
    window.tasks.wait(30000)  # no job may hold the database while it is replaced
    window.ws.close()
    # the table would read the database being replaced (opening it again, so the restore found it busy)
    window.model.set_workspace(None)
    window.centralWidget().setEnabled(False)

    def reopen() -> None:
        window.centralWidget().setEnabled(True)
        window.open_database(str(db_file))

    def done(result: backup.RestoreResult) -> None:
        reopen()
        text = translate("FirstStart", "Restored from %1; the previous state is kept in %2")
        safety = str(result.safety_copy) if result.safety_copy else "—"
        window.statusBar().showMessage(text.replace("%1", chosen.name).replace("%2", safety), 15000)
        if on_finished is not None:
            on_finished(True)

    def failed(exc: BaseException, trace: str) -> None:
        reopen()
        if isinstance(exc, OpenLicError):
            QMessageBox.warning(window, translate("FirstStart", "Restore backup"), exc.message(window.lang))
        else:
            window.show_error(exc, trace)
        if on_finished is not None:
            on_finished(False)

    # the same words as `backup restore` prints when it has to wait
    waiting = render("RESTORE_WAITING", window.lang, path=str(db_file), seconds=f"{backup.RESTORE_WAIT_SECONDS:g}")
    window.tasks.run(lambda progress: backup.restore(db_file, chosen, on_wait=lambda: progress.note(waiting)),
                     on_done=done, on_error=failed,
                     label=translate("FirstStart", "Checking the backup and putting it back…"), parent=window,
                     cancellable=False)
