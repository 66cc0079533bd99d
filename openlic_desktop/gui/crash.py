"""Uncaught exceptions in the GUI: written to the rotating log, then shown in a dialog with a copyable report.

`install()` replaces `sys.excepthook` (and `threading.excepthook`, which only logs: widgets belong to the GUI
thread). The hook it replaced still gets every exception afterwards (stderr for a console start; under pytest-qt
its capture, so a test still fails on an uncaught exception). The dialog never hides the error behind another
one: while it is open, further exceptions are only logged. Thread rule: the dialog is shown on the GUI thread only.
"""

from __future__ import annotations

import datetime as _dt
import logging
import platform
import sys
import threading
import traceback
from types import TracebackType

import shiboken6
from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QCoreApplication, Qt, QThread, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop import __version__
from openlic_desktop.support import logs, paths, settings
from openlic_desktop.support.errors import OpenLicError, system_refusal

log = logging.getLogger("openlic_desktop.crash")

def build_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """Plain text a supporter can act on: versions, platform, time, the traceback. No user data beyond it."""
    frozen = " frozen" if getattr(sys, "frozen", False) else ""
    lines = [
        f"OpenLic Desktop {__version__}",
        f"Time (UTC): {_dt.datetime.now(_dt.UTC).isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} ({sys.executable}){frozen}",
        f"Qt {qVersion()}, PySide6 {PYSIDE_VERSION}",
        f"Platform: {platform.platform()}",
        f"Log folder: {paths.log_dir()}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return "\n".join(lines)


class CrashDialog(QDialog):
    """Shows one report; the text is selectable and one button copies it all to the clipboard."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("OpenLic Desktop – unexpected error"))
        self.report = report
        layout = QVBoxLayout(self)
        # never "your data is safe": the action that failed may well not have been saved
        self.intro = QLabel(self.tr(
            "Something went wrong, and what you were doing just now may not have been saved: please check it. Changes "
            "saved before it are kept, and the database is backed up every day. Please copy the report below and send it "
            "to whoever supports OpenLic for you."), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("crashReport")
        self.text.setReadOnly(True)
        self.text.setPlainText(report)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy report"), self)
        self.copy_button.setObjectName("copyReport")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        folder = QPushButton(self.tr("Open log folder"), self)
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir()))))
        buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 460)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(self.tr("Copied"))


_state: dict[str, object] = {"dialog": None, "previous": None, "previous_thread": None, "notices": []}


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The excepthook: log always; show a dialog if on the GUI thread of an application and none is open."""
    if issubclass(exc_type, KeyboardInterrupt):
        (_state["previous"] or sys.__excepthook__)(exc_type, exc, tb)  # type: ignore[operator]
        return
    logs.configure()
    log.error("uncaught exception", exc_info=(exc_type, exc, tb))
    previous = _state["previous"]
    if previous is not None and previous is not handle_exception:
        try:
            previous(exc_type, exc, tb)  # type: ignore[operator]
        except Exception:  # a broken previous hook must not stop the report
            log.exception("previous excepthook failed")
    refusal = system_refusal(exc)
    report = build_report(exc_type, exc, tb)
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        if sys.stderr is not None:  # None in a windowed (console=False) frozen program on Windows
            sys.stderr.write(report + "\n")
        return
    if refusal is not None:  # busy, disk full, read-only: not a bug — say what happened and that it was not saved
        show_notice(refusal)
        return
    if current_dialog() is not None:  # one dialog at a time; the rest are in the log
        return
    # no parent: the report must stand even when the window that failed is closed or broken
    dialog = CrashDialog(report)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _state["dialog"] = dialog
    dialog.finished.connect(_forget)  # a plain function: nothing keeps the dialog alive once closed
    dialog.open()


def show_notice(refusal: OpenLicError) -> QMessageBox:
    """A plain warning for a failure the computer caused: its message (which says the change was NOT saved) and
    code. Non-modal and without a parent, like the report."""
    lang = settings.load().language or "zh"
    title = QCoreApplication.translate("CrashNotice", "Not saved")
    box = QMessageBox(QMessageBox.Icon.Warning, title,
                      f"{refusal.message(lang)} [{refusal.code}]", QMessageBox.StandardButton.Ok)
    box.setObjectName("notSavedNotice")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    notices = _state["notices"]
    notices.append(box)  # type: ignore[union-attr]
    box.open()
    return box


def open_notices() -> list[QMessageBox]:
    """The not-saved notices still open (for tests and for closing them with the window)."""
    alive = [box for box in _state["notices"] if shiboken6.isValid(box) and box.isVisible()]  # type: ignore[union-attr]
    _state["notices"] = alive
    return alive


def _forget(_result: int = 0) -> None:
    _state["dialog"] = None


def current_dialog() -> CrashDialog | None:
    dialog = _state["dialog"]
    if dialog is not None and not shiboken6.isValid(dialog):
        _state["dialog"] = dialog = None
    return dialog  # type: ignore[return-value]


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    logs.configure()
    log.error("uncaught exception in thread %s", getattr(args.thread, "name", "?"),
              exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def install() -> None:
    """Route uncaught exceptions to the log and the dialog (idempotent)."""
    if sys.excepthook is not handle_exception:
        _state["previous"] = sys.excepthook
        sys.excepthook = handle_exception
    if threading.excepthook is not _thread_hook:
        _state["previous_thread"] = threading.excepthook
        threading.excepthook = _thread_hook


def uninstall() -> None:
    if sys.excepthook is handle_exception:
        sys.excepthook = _state["previous"] or sys.__excepthook__  # type: ignore[assignment]
    if threading.excepthook is _thread_hook:
        threading.excepthook = _state["previous_thread"] or threading.__excepthook__  # type: ignore[assignment]
