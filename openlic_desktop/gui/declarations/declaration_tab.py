"""The patent editor's 开放许可声明 tab: the declaration's state and timeline, what the statutory regime still
lacks (each finding with a Fix button that jumps to where it is put right), the terms in words, the next annual
fee with the reduction that applies, and the declaration's own content — editable while it is a draft.

An EditorTab (gui/editor/editor_tabs.py): `read` runs on the worker, `show` on the GUI thread; preparing, editing
and deleting a draft are undoable commands of the window's history (`editor.edit`). Registered by
gui/declarations/declarations_menu.install.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
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

from openlic_desktop.domain.annual_fees import AnnualFee
from openlic_desktop.domain.declarations import TERRITORY, DeclarationState
from openlic_desktop.gui import ops, palette
from openlic_desktop.gui.editor.editor_tabs import EditorTab, ReadContext
from openlic_desktop.gui.widgets import finding_mark_html
from openlic_desktop.gui.words import DECLARATION_STATES, DECLARATION_STEPS, FILING_ROUTES, ROLES, word
from openlic_desktop.services import annual_fees, declarations, readiness
from openlic_desktop.services.readiness import finding_message
from openlic_desktop.support.errors import OpenLicError

PROFILE = "statutory"  # the declaration's promises and sign-off are the statutory profile's
FIELDS = ("contact_person", "contact_phone", "contact_email", "contact_address", "agency_name", "agency_code",
          "other_terms")


@dataclass(frozen=True)
class DeclarationData:
    view: declarations.DeclarationView | None
    next_fee: AnnualFee | None
    fee_detail: str = ""
    lapse: str = ""      # the patent lapsed for an unpaid fee: that, in words (then no fee is payable)
    promises: tuple[readiness.CommitmentState, ...] = ()      # the statutory profile's commitments
    signoffs: tuple[readiness.SignOffState, ...] = ()


def _refusal_as_error(call):
    """A batch step's refusal of this one patent, as the error the editor shows in words."""
    def run(*_args: Any) -> Any:
        try:
            return call()
        except declarations.DeclarationRefused as exc:
            first = exc.outcome.refused[0]
            raise OpenLicError(first.code, **first.params) from None
    return run


class DeclarationTab(EditorTab):
    KEY = "declaration"
    ASPECTS = frozenset({ops.DECLARATIONS, ops.FACTS, ops.PRICING, ops.SIGNOFFS, ops.COMMITMENTS, ops.CONSENTS,
                         ops.ATTACHMENTS, ops.ENCUMBRANCES})  # the statutory findings look at all of them

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.setObjectName("declarationTab")
        self.view: declarations.DeclarationView | None = None
        self.promises: tuple[readiness.CommitmentState, ...] = ()
        self.fix_buttons: list[tuple[str, QPushButton]] = []

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
        self.terms_box = terms_box = QGroupBox(self.tr("Terms (from the Pricing tab until filed)"))
        QVBoxLayout(terms_box).addWidget(self.terms_label)

        # the licensor's promises and the sign-off under the statutory profile (the Commitments tab shows the
        # active bureau profile's items, which are not the declaration form's)
        self.promises_box = QGroupBox(self.tr("The licensor's promises and sign-off"))
        self.promises_box.setObjectName("declarationPromises")
        promises_layout = QVBoxLayout(self.promises_box)
        self.promises_label = QLabel()
        self.promises_label.setObjectName("declarationPromiseList")
        self.promises_label.setTextFormat(Qt.TextFormat.RichText)
        self.promises_label.setWordWrap(True)
        promises_layout.addWidget(self.promises_label)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("Confirm all promises"))
        self.confirm_button.setObjectName("confirmPromises")
        self.confirm_button.clicked.connect(self.confirm_promises)
        buttons.addWidget(self.confirm_button)
        for role, label in (("preparer", self.tr("Sign off as preparer")), ("reviewer", self.tr("Sign off as reviewer"))):
            button = QPushButton(label)
            button.setObjectName(f"declarationSignoff_{role}")
            button.clicked.connect(lambda _c=False, r=role: self.sign_off(r))
            buttons.addWidget(button)
        buttons.addStretch(1)
        promises_layout.addLayout(buttons)

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
            edit.setAccessibleName(labels[name])
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
        layout.addWidget(self.promises_box)
        layout.addWidget(content_box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def title(self) -> str:
        return self.tr("Open-licence declaration")

    # --- reading (worker) and showing (GUI thread) ------------------------------------------------------------
    @staticmethod
    def read(ctx: ReadContext) -> DeclarationData:
        try:
            view = declarations.show(ctx.ws, ctx.patent_id, lang=ctx.lang, today=ctx.today)
        except OpenLicError:
            view = None
        try:
            found = annual_fees.fees_for(ctx.ws, ctx.patent_id, count=1, today=ctx.today)
        except OpenLicError:
            found = None
        fee = found.fees[0] if found is not None and found.fees else None
        lapsed = found.lapsed if found is not None else None
        return DeclarationData(view, fee, annual_fees.fee_detail(fee, ctx.lang) if fee else "",
                               annual_fees.lapse_words(lapsed, ctx.lang) if lapsed else "",
                               tuple(readiness.commitments(ctx.ws, ctx.patent_id, PROFILE)),
                               tuple(readiness.signoff_states(ctx.ws, ctx.patent_id, PROFILE)))

    def show(self, data: DeclarationData) -> None:
        self.view = view = data.view
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
        self.terms_label.setText(self._terms_html(data))
        self.terms_box.setTitle(self.tr("Terms as filed (frozen until a withdrawal is announced)")
                                if view is not None and view.state.frozen
                                else self.tr("Terms (from the Pricing tab until filed)"))
        self.promises = data.promises
        self.promises_box.setVisible(draft)
        self.promises_label.setText(self._promises_html(data))
        # a draft shows its own fields (a blank one prints the patent's or the office's, the placeholder says which);
        # a filed one what it says as filed
        content = None if view is None else (view.value.content if draft else view.content)
        for name, edit in self.edits.items():
            value = getattr(content, name) if content is not None else ""
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)
                # a blank contact field prints the patent's or the office's: show which
                edit.setPlaceholderText(getattr(view.content, name) if view is not None else "")
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
            rows.append(f"<tr><td style='color:{colour}'>{mark}</td>"
                        f"<td>{html.escape(word(DECLARATION_STEPS, step.step))}</td>"
                        f"<td>{html.escape(day)}</td><td>{html.escape(detail)}</td></tr>")
        for earlier in self.view.earlier:
            text = self.tr("Earlier declaration withdrawn on %1").replace(
                "%1", earlier.value.withdrawn_on.isoformat() if earlier.value.withdrawn_on else "—")
            rows.append(f"<tr><td></td><td colspan='3'>{html.escape(text)}</td></tr>")
        return "<table cellspacing='6'>" + "".join(rows) + "</table>"

    def _terms_html(self, data: DeclarationData) -> str:
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
        fee = data.next_fee
        if fee is not None:
            text = (self.tr("Next annual fee: %1 yuan, due %2 (%3)").replace("%1", str(fee.amount))
                    .replace("%2", fee.due.isoformat()).replace("%3", data.fee_detail))
            lines.append(html.escape(text))
        elif data.lapse:
            colour = palette.css(palette.error())
            text = self.tr("Lapsed; no annual fee can be paid: %1").replace("%1", data.lapse)
            lines.append(f"<span style='color:{colour}'>{html.escape(text)}</span>")
        return "<br>".join(lines)

    def _promises_html(self, data: DeclarationData) -> str:
        rows = []
        for p in data.promises:
            mark = "✓" if p.confirmed else "○"
            colour = palette.css(palette.ok()) if p.confirmed else palette.css(palette.warning())
            text = p.zh if self.editor.lang == "zh" else p.en  # the profile's own wording
            rows.append(f"<tr><td style='color:{colour}'>{mark}</td><td>{html.escape(text)}</td></tr>")
        lines = [self.tr("%1: %2 (%3)").replace("%1", word(ROLES, s.role)).replace("%2", s.user)
                 .replace("%3", self.tr("current") if s.current else self.tr("stale — sign again"))
                 for s in data.signoffs]
        signed = "<br>".join(html.escape(line) for line in lines) or html.escape(self.tr("Not signed off yet."))
        return "<table cellspacing='4'>" + "".join(rows) + "</table>" + f"<p>{signed}</p>"

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
                           f"{html.escape(finding_message(finding, self.editor.lang))}", row)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            button = QPushButton(self.tr("Fix"), row)
            button.setObjectName("declarationFix_" + finding.code)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, hint=finding.field_hint: self.fix(hint))
            line.addWidget(label, 1)
            line.addWidget(button)
            self.missing_layout.addWidget(row)
            self.missing_rows.append(row)
            self.fix_buttons.append((finding.field_hint, button))

    def fix(self, hint: str) -> None:
        """The promises and the sign-off are put right here; everything else where the editor keeps it."""
        head = hint.partition(".")[0]
        if head in ("commitments", "signoff"):
            self.confirm_button.setFocus()
            return
        window = self.editor.parentWidget()
        if head == "patentee_book" and window is not None and getattr(window, "ws", None) is not None:
            from openlic_desktop.gui.licensing.licensing_menu import open_patentees

            open_patentees(window)
            return
        self.editor.jump_to(hint)

    def focus_field(self, name: str) -> None:
        edit = self.edits.get(name) or self.edits["contact_person"]
        edit.setFocus()

    # --- edits (undoable) ------------------------------------------------------------------------------------
    def _changes(self) -> ops.Changes:
        return ops.Changes.of([self.editor.patent_id], ops.DECLARATIONS)

    def values(self) -> dict[str, str]:
        return {name: (edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()).strip()
                for name, edit in self.edits.items()}

    def save(self) -> bool:
        if self.view is None:
            return False
        old = self.view.value.content.canonical()
        changes = {k: v for k, v in self.values().items() if old.get(k, "") != v}
        if not changes:
            self.editor.show_message(self.tr("Nothing changed."))
            return False
        before = {k: old.get(k, "") for k in changes}
        ws, pid = self.editor.ws, self.editor.patent_id
        self.editor.edit(self.tr("Edit the declaration"),
                         _refusal_as_error(lambda: declarations.update(ws, [pid], changes)),
                         _refusal_as_error(lambda: declarations.update(ws, [pid], before)), self._changes())
        return True

    def confirm_promises(self) -> None:
        ws, pid = self.editor.ws, self.editor.patent_id
        before = {p.code for p in self.promises if p.confirmed}
        codes = [p.code for p in self.promises]
        self.editor.edit(self.tr("Confirm all promises"),
                         lambda: readiness.confirm_commitments(ws, [pid], None, PROFILE, source="gui"),
                         lambda _outcome: [readiness.withdraw_commitment(ws, pid, c, source="gui")
                                           for c in codes if c not in before],
                         ops.Changes.of([pid], ops.COMMITMENTS), keep=lambda outcome: bool(outcome.done))

    def sign_off(self, role: str) -> None:
        ws, pid = self.editor.ws, self.editor.patent_id

        def done(outcome) -> None:
            if outcome.refused:
                self.editor.show_message(outcome.refused[0].message(self.editor.lang), error=True)

        self.editor.edit(self.tr("Sign off as %1").replace("%1", word(ROLES, role)),
                         lambda: readiness.sign_off(ws, [pid], role, PROFILE, source="gui"),
                         lambda _outcome: readiness.revoke_signoff(ws, pid, role, source="gui"),
                         ops.Changes.of([pid], ops.SIGNOFFS, ops.DECLARATIONS),
                         keep=lambda outcome: bool(outcome.done), on_done=done)

    def prepare(self) -> None:
        ws, pid = self.editor.ws, self.editor.patent_id
        self.editor.edit(self.tr("Prepare the declaration"), lambda: declarations.prepare(ws, [pid]),
                         _refusal_as_error(lambda: declarations.discard(ws, [pid])), self._changes())

    def discard(self) -> None:
        if self.view is None:
            return
        ws, pid = self.editor.ws, self.editor.patent_id
        content = {k: v for k, v in self.view.value.content.canonical().items() if k in FIELDS}

        def again(*_args: Any) -> None:
            declarations.prepare(ws, [pid])
            declarations.update(ws, [pid], content)

        self.editor.edit(self.tr("Delete the draft"), _refusal_as_error(lambda: declarations.discard(ws, [pid])),
                         again, self._changes())
