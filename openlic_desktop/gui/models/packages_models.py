"""A small read-only table model for the package, batch and submission lists (plain rows, a few hundred at most).

Rows are tuples of display values; `keys` holds one key per row (an id or a number) for the views to act on.
Thread rule: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from openlic_desktop.gui import palette

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Headers plus rows of display values; an optional per-row tone ('ok' | 'bad' | '') colours the row."""

    def __init__(self, headers: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[tuple[Any, ...]] = []
        self.keys: list[Any] = []
        self.tones: list[str] = []

    def set_rows(self, rows: Sequence[Sequence[Any]], keys: Sequence[Any] | None = None,
                 tones: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = [tuple(r) for r in rows]
        self.keys = list(keys) if keys is not None else list(range(len(self.rows)))
        self.tones = list(tones) if tones is not None else [""] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or \
                not (0 <= index.column() < len(self.headers)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.rows[index.row()]
            value = row[index.column()] if index.column() < len(row) else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            row = self.rows[index.row()]
            value = row[index.column()] if index.column() < len(row) else ""
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):  # counts and amounts
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            tone = self.tones[index.row()]
            if tone == "bad":
                return QBrush(palette.error())
            if tone == "ok":
                return QBrush(palette.ok())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical \
                and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
