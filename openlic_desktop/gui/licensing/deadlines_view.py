"""Tools → Deadlines…: what follows from the licences reached — recording with CNIPA, free periods, trials and
terms ending, fees due, annual fees of patents on offer, the follow-up report — soonest first, with filters (kind,
within N days, overdue only) and export of what is shown.

Thread rule: GUI thread only; the list is short and the service quick.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from openlic_desktop.gui.models.licensing_models import DeadlineModel
from openlic_desktop.gui.widgets import (
    RememberedColumns,
    fit_columns_in_chars,
    list_dialog_layout,
    plain_titles,
    sorted_table,
)
from openlic_desktop.services.licensing import deadlines

# the columns' widths before the detail (gui.widgets.fit_columns_in_chars): dates and numbers whole, what and the
# names wrapped within their most; the detail takes the rest of the width and wraps
DEADLINE_WIDTHS: tuple[tuple[int, int] | str, ...] = (
    "2026-12-07", (4, 5), (8, 14), "ZL202110123456.7", (8, 13), (6, 14), "9,999,999.99")


class DeadlinesDialog(QDialog):
    """Deadlines with filters (kind, within N days, overdue only) and export of what is shown."""

    def __init__(self, ws, parent: QWidget | None = None, lang: str = "zh", today: date | None = None) -> None:
        super().__init__(parent)
        self.ws, self.lang, self.today = ws, lang, today
        self.setWindowTitle(self.tr("Deadlines"))
        self.resize(1220, 520)  # as the licences dialog: the detail (a lapse in words) has room beside the rest
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("What"))
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for kind, (zh, en) in deadlines.DEADLINE_KINDS.items():
            self.kind_combo.addItem(zh if lang == "zh" else en, kind)
        self.within_check = QCheckBox(self.tr("Within"))
        self.within_spin = QSpinBox()
        self.within_spin.setAccessibleName(self.tr("Within"))
        self.within_spin.setRange(0, 3650)
        self.within_spin.setValue(90)
        self.within_spin.setSuffix(self.tr(" days"))
        self.within_check.setChecked(True)
        self.overdue_check = QCheckBox(self.tr("Overdue only"))
        self.export_button = QPushButton(self.tr("Export (xlsx)…"))
        self.export_button.clicked.connect(self.choose_export)
        for signal in (self.kind_combo.currentIndexChanged, self.within_spin.valueChanged,
                       self.within_check.toggled, self.overdue_check.toggled):
            signal.connect(self.reload)
        self.model = DeadlineModel(self, lang)
        self.table = sorted_table(self.model, 0, "deadlineTable")  # due date: the most urgent first
        # long text (a lapse said in words, a long title) wraps onto more lines instead of being cut off
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        plain_titles(self.table)
        self.columns = RememberedColumns(self.table, "deadlines/columns", self.finished)
        self.columns.restore()
        self.table.setAccessibleName(self.tr("Deadlines"))
        self.status_label = QLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        for w in (self.kind_combo, self.within_check, self.within_spin, self.overdue_check):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.export_button)
        list_dialog_layout(self, row, self.table, self.status_label)
        self.reload()

    def reload(self) -> None:
        kind = self.kind_combo.currentData()
        within = self.within_spin.value() if self.within_check.isChecked() else None
        items = deadlines.deadlines(self.ws, today=self.today, within=within, kinds=[kind] if kind else None,
                                    lang=self.lang)
        if self.overdue_check.isChecked():
            items = [d for d in items if d.overdue]
        self.model.set_items(items)
        self.columns.place(lambda: fit_columns_in_chars(self.table, DEADLINE_WIDTHS))
        lapsed = sum(d.lapsed for d in items)
        text = self.tr("%1 deadlines, %2 overdue").replace("%1", str(len(items) - lapsed)).replace(
            "%2", str(sum(d.overdue for d in items)))
        if lapsed:  # lapsed patents are no deadline to meet: counted apart
            text += self.tr("; %1 patents lapsed").replace("%1", str(lapsed))
        self.status_label.setText(text)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save deadlines"), self.tr("Deadlines.xlsx"),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export(path)

    def export(self, path: str) -> None:
        out = deadlines.export_deadlines(self.model.items(), path, self.lang)
        self.status_label.setText(self.tr("Exported: %1").replace("%1", str(out)))
