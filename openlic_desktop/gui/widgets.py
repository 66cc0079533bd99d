"""Small building blocks the dialogs share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

ERROR_COLOUR = "#b00020"


def finish_form_dialog(dialog: QDialog, form: QFormLayout, on_ok: Callable[[], None]) -> QLabel:
    """Lay out a form dialog: the form, an error line (returned; stays empty until something is refused) and
    OK/Cancel, with OK calling `on_ok` (which closes the dialog itself when the input is accepted)."""
    error = QLabel()
    error.setWordWrap(True)
    error.setStyleSheet(f"color: {ERROR_COLOUR}")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error
