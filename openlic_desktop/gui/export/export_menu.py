"""Batch → Export package… and Batch → Submission batches…: the way into the export wizard and the batches view.

Both (and the package builder behind them: documents, zip, e-mail) are imported when first opened, not at start.
Thread rule: GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction


def open_wizard(window: Any):
    if getattr(window, "ws", None) is None:
        return None
    from openlic_desktop.gui.export.export_wizard import ExportWizard

    wizard = ExportWizard(window.ws, window.selected_patent_ids(), window, getattr(window, "tasks", None))
    wizard.setModal(False)
    wizard.show()
    return wizard


def open_batches(window: Any):
    from openlic_desktop.gui.export.batches_view import open_batches as open_view

    return open_view(window)


def install(window: Any) -> None:
    action = QAction(QCoreApplication.translate("ExportWizard", "Export package…"), window)
    action.setObjectName("exportPackageAction")
    action.triggered.connect(lambda: open_wizard(window))
    window.menus["batch"].addAction(action)
    window.export_action = action
    batches_action = QAction(QCoreApplication.translate("ExportWizard", "Submission batches…"), window)
    batches_action.setObjectName("submissionBatchesAction")
    batches_action.triggered.connect(lambda: open_batches(window))
    window.menus["batch"].addAction(batches_action)
    window.batches_action = batches_action
