"""The editor's readiness panel: ready to offer or not, and each finding with a "Fix" button that shows the tab
(and focuses the field) that fixes it. Re-read after every change of the patent (anything may change readiness).

Thread rule: GUI thread; the read runs on the worker.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.gui.editor.editor_tabs import ReadContext
from openlic_desktop.gui.widgets import finding_mark_html
from openlic_desktop.services import readiness


class ReadinessPanel(QGroupBox):
    KEY = "readiness"

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setTitle(self.tr("Readiness"))
        self.setObjectName("readinessPanel")
        self.result: readiness.PatentReadiness | None = None
        outer = QVBoxLayout(self)
        self.ready_label = QLabel(self)
        self.ready_label.setObjectName("readyLabel")
        self.ready_label.setWordWrap(True)
        outer.addWidget(self.ready_label)
        self.setMinimumWidth(300)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_widget = QWidget(scroll)
        self.findings_layout = QVBoxLayout(self.findings_widget)
        self.findings_layout.addStretch(1)
        scroll.setWidget(self.findings_widget)
        outer.addWidget(scroll, 1)
        self.rows: list[QWidget] = []
        self.fix_buttons: list[tuple[str, QPushButton]] = []

    @staticmethod
    def read(ctx: ReadContext) -> Any:
        return readiness.check_one(ctx.ws, ctx.patent_id, ctx.profile_code)

    def show_result(self, result: readiness.PatentReadiness) -> None:
        self.result = result
        self.ready_label.setText(self.tr("Ready to offer") if result.ready else self.tr("Not ready"))
        for old in self.rows:
            self.findings_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.rows, self.fix_buttons = [], []
        for finding in result.findings:
            row = QWidget(self.findings_widget)
            row.setObjectName("finding_" + finding.code)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            severity = self.tr("Blocker") if finding.is_blocker else self.tr("Warning")
            # the mark in its colour, as the declaration tab and the detail pane show it (red ✖, amber ⚠)
            label = QLabel(f"{finding_mark_html(finding.is_blocker)} "
                           f"{html.escape(readiness.finding_message(finding, self.editor.lang))}", row)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setAccessibleName(severity)
            button = QPushButton(self.tr("Fix"), row)
            button.setObjectName("fix_" + finding.code)
            button.setAccessibleName(self.tr("Fix: %1").replace("%1", readiness.finding_message(finding,
                                                                                              self.editor.lang)))
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, hint=finding.field_hint: self.editor.jump_to(hint))
            line.addWidget(label, 1)
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.findings_layout.insertWidget(self.findings_layout.count() - 1, row)
            self.rows.append(row)
            self.fix_buttons.append((finding.field_hint, button))
