"""File → Restore backup…: pick one of the database's backups (newest first). Acting on the choice is in
`first_start.restore_backup`. Thread rule: GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.services.backup import BackupInfo


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


class RestoreBackupDialog(QDialog):
    """Lists backups; `chosen()` is the selected file once accepted."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle(self.tr("Restore backup"))
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            # two sentences, two lines: wrapped as one paragraph the last word sat alone on the second line
            "Choose the copy to put back.\n"
            "The database as it is now is kept as a safety copy first, so a restore can itself be undone."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Restore backup"))
        self.list.setObjectName("backupList")
        for info in backups:
            if info.kind == "daily":
                when, kind = info.taken.strftime("%Y-%m-%d"), self.tr("daily copy")
            else:
                when = info.taken.strftime("%Y-%m-%d %H:%M")
                kind = self.tr("safety copy before a restore")
            item = QListWidgetItem(f"{when}    {kind}    {_size(info.size)}")
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.list.addItem(item)
        if not backups:
            empty = self.tr("There are no backups of this database yet.")
            self.list.addItem(QListWidgetItem(empty))
            self.list.setEnabled(False)
        layout.addWidget(self.list)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        box.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if backups:
            self.list.setCurrentRow(0)
        self._update()
        self.resize(560, 380)

    def _update(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return Path(value) if value else None
