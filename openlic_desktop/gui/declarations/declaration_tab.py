"""The patent editor's 开放许可声明 tab: the declaration's state and timeline, what the statutory regime still
lacks (each finding with a Fix button that jumps to where it is put right), the terms in words, the next annual
fee with the reduction that applies, and the declaration's own content — editable while it is a draft, with undo.

Registered with `editor_tabs.register_tab`; the editor calls `load(ws, patent_id)` and re-checks after `changed`.
Thread rule: GUI thread; the services it calls are short reads and writes of one patent.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.domain.declarations import TERRITORY, DeclarationState
from openlic_desktop.gui import palette
from openlic_desktop.gui.widgets import finding_mark_html
from openlic_desktop.gui.words import DECLARATION_STATES, DECLARATION_STEPS, FILING_ROUTES, word
from openlic_desktop.services import annual_fees, declarations
from openlic_desktop.services.readiness import finding_message
from openlic_desktop.support.errors import OpenLicError

FIELDS = ("contact_person", "contact_phone", "contact_email", "contact_address", "agency_name", "agency_code",
          "other_terms")


class DeclarationTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("declarationTab")
        self.ws = None
        self.patent_id: int | None = None
        self.view: declarations.DeclarationView | None = None
        self.fix_buttons: list[tuple[str, QPushButton]] = []
        self.lang = "zh"

        self.state_label = QLabel()
        self.state_label.setObjectName("declarationState")
        self.state_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.prepare_button = QPushButton(self.tr("Prepare the declaration"))
        self.prepare_button.setObjectName("prepareDeclaration")
        self.prepare_button.clicked.connect(self.prepare)
        self.discard_button = QPushButton(self.tr("Delete the draft"))
        self.discard_button.setObjectName("discardDeclaration")
        self.discard_button.clicked.connect(self.discard)
        head = QHBoxLayout()
        head.addWidget(self.state_label, 1)
        head.addWidget(self.prepare_button)
        head.addWidget(self.discard_button)

        self.timeline = QLabel()
        self.timeline.setObjectName("declarationTimeline")
        self.timeline.setTextFormat(Qt.TextFormat.RichText)
        self.timeline.setWordWrap(True)
        timeline_box = QGroupBox(self.tr("Timeline"))
        QVBoxLayout(timeline_box).addWidget(self.timeline)

        self.missing_box = QGroupBox(self.tr("What the declaration still lacks"))
        self.missing_layout = QVBoxLayout(self.missing_box)
        self.missing_rows: list[QWidget] = []

        self.terms_label = QLabel()
        self.terms_label.setObjectName("declarationTerms")
        self.terms_label.setTextFormat(Qt.TextFormat.RichText)
        self.terms_label.setWordWrap(True)
        terms_box = QGroupBox(self.tr("Terms (from the Pricing tab until filed)"))
        QVBoxLayout(terms_box).addWidget(self.terms_label)

        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        labels = {"contact_person": self.tr("Contact person"), "contact_phone": self.tr("Contact phone"),
                  "contact_email": self.tr("Contact e-mail"), "contact_address": self.tr("Postal address"),
                  "agency_name": self.tr("Patent agency (if it files)"), "agency_code": self.tr("Agency code"),
                  "other_terms": self.tr("Other terms")}
        for name in FIELDS:
            edit: QLineEdit | QPlainTextEdit
            if name == "other_terms":
                edit = QPlainTextEdit()
                edit.setFixedHeight(70)
                edit.setPlaceholderText(self.tr("Anything else the licence needs said (no promotional wording)"))
            else:
                edit = QLineEdit()
            edit.setObjectName("declaration_" + name)
            self.edits[name] = edit
            form.addRow(labels[name], edit)
        form.addRow(self.tr("Territory"), QLabel(self.tr("All of China (fixed by law)")))
        self.save_button = QPushButton(self.tr("Save the declaration"))
        self.save_button.setObjectName("saveDeclaration")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        content_box = QGroupBox(self.tr("Declaration"))
        content_layout = QVBoxLayout(content_box)
        content_layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        content_layout.addLayout(row)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(head)
        layout.addWidget(timeline_box)
        layout.addWidget(self.missing_box)
        layout.addWidget(terms_box)
        layout.addWidget(content_box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- loading -----------------------------------------------------------------------------------------------
    def load(self, ws, patent_id: int) -> None:
        self.ws, self.patent_id = ws, patent_id
        editor = self.window()
        self.lang = getattr(editor, "lang", "zh")
        try:
            self.view = declarations.show(ws, patent_id, lang=self.lang)
        except OpenLicError:
            self.view = None
        self._show()

    def _show(self) -> None:
        view = self.view
        has_open = view is not None and view.state is not DeclarationState.WITHDRAWN
        draft = has_open and not view.state.frozen
        if view is None:
            self.state_label.setText(self.tr("No open-licence declaration yet"))
        else:
            self.state_label.setText(self.tr("Declaration: %1").replace("%1", word(DECLARATION_STATES,
                                                                                view.state.value)))
        self.prepare_button.setVisible(not has_open)
        self.discard_button.setVisible(draft)
        self.timeline.setText(self._timeline_html())
        self._show_findings()
        self.terms_label.setText(self._terms_html())
        content = view.value.content if view is not None else None
        for name, edit in self.edits.items():
            value = getattr(content, name) if content is not None else ""
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)
            edit.setReadOnly(not draft)
        self.save_button.setEnabled(draft)
        self.message.setText("" if draft or view is None else self.tr(
            "Filed declarations cannot change: withdraw it and declare anew."))

    def _timeline_html(self) -> str:
        if self.view is None:
            return html.escape(self.tr("Prepare the declaration to start: it takes the pricing, the contact and "
                                       "the territory of this patent."))
        rows = []
        for step in self.view.steps:
            mark = "✓" if step.done else "○"
            day = step.day.isoformat() if hasattr(step.day, "isoformat") else (step.day or "")
            detail = step.detail
            if step.step == "filed" and self.view.value.route:
                detail = " ".join(x for x in (word(FILING_ROUTES, self.view.value.route), self.view.value.reference)
                                  if x)
            colour = palette.css(palette.ok()) if step.done else palette.css(palette.warning())
            rows.append(f"<tr><td style='color:{colour}'>{mark}</td><td>{html.escape(word(DECLARATION_STEPS, step.step))}"
                        f"</td><td>{html.escape(day)}</td><td>{html.escape(detail)}</td></tr>")
        for earlier in self.view.earlier:
            text = self.tr("Earlier declaration withdrawn on %1").replace(
                "%1", earlier.value.withdrawn_on.isoformat() if earlier.value.withdrawn_on else "—")
            rows.append(f"<tr><td></td><td colspan='3'>{html.escape(text)}</td></tr>")
        return "<table cellspacing='6'>" + "".join(rows) + "</table>"

    def _terms_html(self) -> str:
        view = self.view
        lines = []
        if view is not None and view.words:
            for key, label in (("mode", self.tr("Payment mode")), ("standard", self.tr("Payment standard")),
                               ("term", self.tr("Licence term"))):
                if view.words.get(key):
                    lines.append(f"{html.escape(label)}：{html.escape(view.words[key])}")
            lines.append(f"{html.escape(self.tr('Territory'))}：{html.escape(TERRITORY)}")
        elif view is not None:
            lines.append(html.escape(self.tr("No pricing yet: set it in the Pricing tab.")))
        try:
            fees = annual_fees.fees_for(self.ws, self.patent_id, count=1).fees if self.ws is not None else ()
        except OpenLicError:
            fees = ()
        if fees:
            fee = fees[0]
            text = (self.tr("Next annual fee: %1 yuan, due %2 (%3)").replace("%1", str(fee.amount))
                    .replace("%2", fee.due.isoformat()).replace("%3", annual_fees.fee_detail(fee, self.lang)))
            lines.append(html.escape(text))
        return "<br>".join(lines)

    def _show_findings(self) -> None:
        for old in self.missing_rows:
            self.missing_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.missing_rows, self.fix_buttons = [], []
        findings = self.view.findings if self.view is not None else ()
        self.missing_box.setVisible(bool(findings))
        for finding in findings:
            row = QWidget(self.missing_box)
            row.setObjectName("declarationFinding_" + finding.code)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(f"{finding_mark_html(finding.is_blocker)} "
                           f"{html.escape(finding_message(finding, self.lang))}", row)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            button = QPushButton(self.tr("Fix"), row)
            button.setObjectName("declarationFix_" + finding.code)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, hint=finding.field_hint: self.jump_to(hint))
            line.addWidget(label, 1)
            line.addWidget(button)
            self.missing_layout.addWidget(row)
            self.missing_rows.append(row)
            self.fix_buttons.append((finding.field_hint, button))

    def jump_to(self, hint: str) -> None:
        """A finding's field: the declaration's own here, anything else where the editor keeps it."""
        head, _, name = hint.partition(".")
        if head == "declaration" and name in self.edits:
            self.edits[name].setFocus()
            return
        if head == "facts" and name.startswith("contact") and self.view is not None and name in self.edits:
            self.edits[name].setFocus()
            return
        editor = self.window()
        if hasattr(editor, "jump_to"):
            editor.jump_to(hint)

    # --- edits -------------------------------------------------------------------------------------------------
    def _after(self) -> None:
        self.load(self.ws, self.patent_id)
        self.changed.emit()

    def _push(self, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> bool:
        """Run a change through the editor, which shows refusals, keeps it on its undo stack and reloads every
        tab; a refused batch step comes back as its one refusal's words."""
        def step(fn: Callable[[], Any]) -> Callable[[], Any]:
            def run() -> Any:
                try:
                    return fn()
                except declarations.DeclarationRefused as exc:
                    first = exc.outcome.refused[0]
                    raise OpenLicError(first.code, **first.params) from None
            return run

        editor = self.window()
        if hasattr(editor, "_push"):
            return editor._push(text, step(do), step(undo))
        step(do)()  # outside an editor (a test): just the change
        self._after()
        return True

    def values(self) -> dict[str, str]:
        out = {}
        for name, edit in self.edits.items():
            out[name] = (edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()).strip()
        return out

    def save(self) -> bool:
        if self.view is None or self.patent_id is None:
            return False
        old = self.view.value.content.canonical()
        new = self.values()
        changes = {k: v for k, v in new.items() if old.get(k, "") != v}
        if not changes:
            self.message.setText(self.tr("Nothing changed."))
            return False
        before = {k: old.get(k, "") for k in changes}
        ws, pid = self.ws, self.patent_id
        return self._push(self.tr("Edit the declaration"), lambda: declarations.update(ws, [pid], changes),
                          lambda: declarations.update(ws, [pid], before))

    def prepare(self) -> bool:
        if self.ws is None or self.patent_id is None:
            return False
        ws, pid = self.ws, self.patent_id
        return self._push(self.tr("Prepare the declaration"), lambda: declarations.prepare(ws, [pid]),
                          lambda: declarations.discard(ws, [pid]))

    def discard(self) -> bool:
        if self.ws is None or self.patent_id is None or self.view is None:
            return False
        ws, pid = self.ws, self.patent_id
        content = {k: v for k, v in self.view.value.content.canonical().items() if k in FIELDS}

        def again():
            declarations.prepare(ws, [pid])
            declarations.update(ws, [pid], content)

        return self._push(self.tr("Delete the draft"), lambda: declarations.discard(ws, [pid]), again)
