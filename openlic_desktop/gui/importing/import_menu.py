"""File → Import patents… (Ctrl+I) and files dropped on the main window: the way into the import wizard.

The wizard and the import services (the spreadsheet readers, the columnar lane) are imported when first needed,
not at start: the main window shows none of them. Thread rule: GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

# what may hold a patent list (a drop of anything else is left to the other drop handlers)
SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".tsv"}


def accepts(paths: list[Path]) -> Path | None:
    """The first dropped file that is a readable spreadsheet with a patent list in it. Other spreadsheets (a
    licensee list, a bureau template) are left to the other drop handlers."""
    candidates = [p for p in paths if p.suffix.lower() in SUFFIXES]
    if not candidates:
        return None
    from openlic_desktop.services import importing
    from openlic_desktop.support.errors import OpenLicError

    for path in candidates:
        try:
            previews = importing.inspect_file(path, rows=1)
        except OpenLicError:
            continue
        if any(p.layout is not None for p in previews):
            return path
    return None


def open_wizard(window, path: Path | None = None):
    if window.ws is None:
        QMessageBox.information(window, QCoreApplication.translate("ImportWizard", "Import patents"),
                                QCoreApplication.translate("ImportWizard", "Open or create a database first."))
        return None
    from openlic_desktop.gui import ops
    from openlic_desktop.gui.importing.import_wizard import ImportWizard

    def imported(result) -> None:  # new patents, changed facts: the table queries its ids again
        window.tasks.changed.emit(ops.Changes.of((), ops.FACTS, every_patent=True, id_list=True))

    wizard = ImportWizard(window.ws, window.tasks, path, window, on_imported=imported,
                          lang=getattr(window, "lang", "zh"))
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window._import_wizard = wizard  # the tests and the drop handler find it here
    wizard.show()
    if path is not None:
        wizard.next()  # validates the file page: a readable file goes straight to the sheets
    return wizard


def install(window) -> None:
    text = QCoreApplication.translate("ImportWizard", "&Import patents…")
    window.add_file_action(text, lambda: open_wizard(window), QKeySequence("Ctrl+I"), name="importAction")

    def on_drop(paths: list[Path]) -> bool:
        if window.ws is None:
            return False
        path = accepts(paths)
        if path is None:
            return False
        open_wizard(window, path)
        return True

    window.drop_handlers.append(on_drop)
