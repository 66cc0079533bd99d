"""The Facts tab: the recorded facts of one patent, edited as one undoable command ("Save facts").

Untouched fields never count as edits (what was recorded stays as it was, line breaks included); a change to a
signed-off fact makes the sign-off stale (the readiness panel says so). Thread rule: GUI thread; the read runs on
the worker.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from openlic_desktop.gui import ops, words
from openlic_desktop.gui.editor.editor_tabs import EditorTab, ReadContext
from openlic_desktop.gui.widgets import fill_with_scrolling
from openlic_desktop.services import portfolio
from openlic_desktop.support.errors import OpenLicError

# the facts edited here, in the order shown
TEXT_FIELDS = ("title", "ipc", "department", "industry", "contact_person", "contact_phone", "contact_email",
               "description")
LIST_FIELDS = ("patentees", "inventors")   # one name a line
DATE_FIELDS = ("filing_date", "grant_date", "fees_paid_until")
MULTILINE = {"description", "patentees", "inventors"}


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


class FactsTab(EditorTab):
    KEY = "facts"
    ASPECTS = frozenset({ops.FACTS})

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.widgets: dict[str, QWidget] = {}
        self.facts = None
        inner = QWidget(self)
        form = QFormLayout(inner)
        self._text(form, "title")
        self.type_combo = QComboBox(inner)
        self.type_combo.setObjectName("fact_patent_type")
        for value, label in words.choices(words.PATENT_TYPES):
            self.type_combo.addItem(label, value)
        self._add(form, "patent_type", self.type_combo)
        status = QComboBox(inner)
        status.setObjectName("fact_status")
        for value, label in words.choices(words.STATUSES):
            status.addItem(label, value)
        self._add(form, "status", status)
        for name in LIST_FIELDS:
            edit = self._text(form, name)
            edit.setPlaceholderText(self.tr("One name a line"))
        for name in DATE_FIELDS:
            edit = self._text(form, name)
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        for name in TEXT_FIELDS[1:]:
            self._text(form, name)
        self.save_button = QPushButton(self.tr("Save facts"), inner)
        self.save_button.setObjectName("saveFacts")
        self.save_button.clicked.connect(self.save)
        form.addRow("", self.save_button)
        fill_with_scrolling(self, inner)

    def title(self) -> str:
        return self.tr("Facts")

    def _add(self, form: QFormLayout, name: str, widget: QWidget) -> None:
        label = words.word(words.FACTS, name)
        widget.setAccessibleName(label)
        self.widgets[name] = widget
        form.addRow(label, widget)

    def _text(self, form: QFormLayout, name: str) -> QLineEdit | QPlainTextEdit:
        edit: QLineEdit | QPlainTextEdit
        if name in MULTILINE:  # a line edit would flatten the line breaks of an imported description
            edit = QPlainTextEdit(form.parentWidget())
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70 if name != "description" else 90)
        else:
            edit = QLineEdit(form.parentWidget())
        edit.setObjectName(f"fact_{name}")
        self._add(form, name, edit)
        return edit

    # --- reading and showing ----------------------------------------------------------------------------------
    @staticmethod
    def read(ctx: ReadContext) -> Any:
        return portfolio.detail_by_id(ctx.ws, ctx.patent_id).facts

    def show(self, facts) -> None:
        self.facts = facts
        for name in TEXT_FIELDS:
            self._set(name, getattr(facts, name) or "")
        for name in LIST_FIELDS:
            self._set(name, "\n".join(getattr(facts, name)))
        for name in DATE_FIELDS:
            self._set(name, _iso(getattr(facts, name)))
        combo = self.widgets["status"]
        combo.setCurrentIndex(max(0, combo.findData(facts.status.value)))
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(
            facts.patent_type.value if facts.patent_type else None)))

    def _set(self, name: str, text: str) -> None:
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        else:
            widget.setText(text)

    def _text_of(self, name: str) -> str:
        widget = self.widgets[name]
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def focus_field(self, name: str) -> None:
        if name in self.widgets:
            self.widgets[name].setFocus()

    # --- editing ------------------------------------------------------------------------------------------------
    def changed_facts(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(new, old) values of the facts the user changed; raises OpenLicError for an unreadable value."""
        facts = self.facts
        new: dict[str, Any] = {}
        old: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            value = self._text_of(name).strip()
            if value != (getattr(facts, name) or "").strip():
                new[name], old[name] = value, getattr(facts, name)
        for name in LIST_FIELDS:
            names = [line.strip() for line in self._text_of(name).splitlines() if line.strip()]
            if names != list(getattr(facts, name)):
                new[name], old[name] = names, list(getattr(facts, name))
        for name in DATE_FIELDS:
            value = portfolio.parse_field_value(name, self._text_of(name))
            if value != getattr(facts, name):
                new[name], old[name] = value, getattr(facts, name)
        status = portfolio.parse_field_value("status", self.widgets["status"].currentData())
        if status != facts.status:
            new["status"], old["status"] = status, facts.status
        patent_type = self.type_combo.currentData()
        if facts.patent_type is None or patent_type != facts.patent_type.value:
            new["patent_type"] = portfolio.parse_field_value("patent_type", patent_type)
            old["patent_type"] = facts.patent_type
        return new, old

    def save(self) -> None:
        if self.facts is None:
            return
        try:
            new, old = self.changed_facts()
        except OpenLicError as exc:
            self.editor.show_message(exc.message(self.editor.lang), error=True)
            return
        if not new:
            self.editor.show_message(self.tr("Nothing changed."))
            return
        ws, number = self.editor.ws, self.editor.number
        # the type, the dates, the patentees feed the filter, the sort and the search: the table re-queries
        id_list = bool(set(new) & {"title", "patent_type", "status", "filing_date", "patentees", "inventors"})
        self.editor.edit(self.tr("Edit facts"),
                         lambda: portfolio.set_fields(ws, number, new, source="gui"),
                         lambda _fields: portfolio.set_fields(ws, number, old, source="gui"),
                         ops.Changes.of([self.editor.patent_id], ops.FACTS, id_list=id_list))
