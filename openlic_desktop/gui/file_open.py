"""Databases handed to the program by the system: `openlic-desktop PATH` (Windows' "Open with" and a double-click on
an .openlic file start it that way) and macOS Finder, which sends a running or starting app a FileOpen event
instead of a command-line argument.

`FileOpenEvents` catches those events on the application: one that arrives while the program starts is kept as the
database to open; later ones go to the main window's `open_database` (which refuses a file that is not an OpenLic
database, as File → Open does). Thread rule: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class FileOpenEvents(QObject):
    """Turns the system's "open this document" events into opening that database."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.pending: str | None = None
        self.window = None
        app.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = event.file() or event.url().toLocalFile()
        if not path:
            return False
        if self.window is None:
            self.pending = path
        else:
            self.window.open_database(path)
        return True
