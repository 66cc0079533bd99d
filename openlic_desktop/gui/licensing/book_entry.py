"""One entry of a book (the licensee book, the patentee book) edited in a dialog, and the book that opens it.

`BookEntrySaving.save` writes through the entry's service (`write`, the subclass's): a refusal (a bad USCC, a
name already in the book) is shown inside the dialog, which stays open with what was typed; what was stored goes
out with `saved` and the dialog closes. `open_entry_editor` opens such a dialog over its book, which reloads after
a save. Thread rule: GUI thread only; the books are small.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel

from openlic_desktop.support.errors import OpenLicError


class BookEntrySaving:
    """Mixed into an entry's dialog, before QDialog (not a window of its own). The dialog declares
    `saved = Signal(object)`, builds its form (`finish_form_dialog(self, form, self.save)` gives `error_label`),
    sets `lang`, and writes in `write`."""

    saved: Signal
    error_label: QLabel
    lang: str

    def write(self) -> Any:
        """Store what the form holds through the service; returns the stored entry, raises its refusal."""
        raise NotImplementedError

    def save(self) -> None:
        try:
            stored = self.write()
        except OpenLicError as exc:
            self.error_label.setText(exc.message(self.lang))
            return
        self.error_label.clear()
        self.saved.emit(stored)
        self.accept()  # type: ignore[attr-defined]  # the QDialog's


def open_entry_editor(book: Any, editor: Any) -> Any:
    """Open `editor` over `book` (kept as `book.editor`, for tests); the book reloads when an entry is saved."""
    book.editor = editor
    editor.saved.connect(lambda _stored: book.reload())
    editor.open()
    return editor
