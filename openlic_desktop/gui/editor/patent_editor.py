"""The patent editor: one dialog per patent with tabs (facts; ownership and encumbrances; reports and attachments;
commitments and sign-off; history; plus tabs other features register in gui/editor/editor_tabs.py) and a readiness panel
whose findings each have a button that jumps to the tab and field that fixes it.

Every edit is a QUndoCommand calling a service (which writes the audit trail, source "gui"); undo calls the
inverse service. Errors are shown inline (never a modal box in the middle of an edit).
Thread rule: GUI thread only; the service calls are short single-patent transactions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.domain.readiness import ATTACHMENT_KINDS, ENCUMBRANCE_KINDS
from openlic_desktop.gui import palette, words
from openlic_desktop.gui.editor.editor_tabs import EDITOR_TABS
from openlic_desktop.services import attachments, audit_trail, encumbrances, portfolio, readiness
from openlic_desktop.support.errors import OpenLicError

STATUSES = ("in_force", "pending", "lapsed", "expired", "unknown")
TEXT_FIELDS = ("title", "ipc", "department", "industry", "contact_person", "contact_phone", "contact_email",
               "description")
MULTILINE = {"description"}
DATE_FIELDS = ("filing_date", "grant_date", "fees_paid_until")

# the first part of a Finding.field_hint -> the tab that fixes it
HINT_TABS = {"facts": "facts", "encumbrances": "ownership", "ownership": "ownership", "attachments": "reports",
             "commitments": "commitments", "signoff": "commitments", "pricing": "Pricing"}


def history_cells(line) -> tuple[str, ...]:
    """One audit line as the history tab shows it: local time to the minute, source, action and fact in words,
    status values in words."""
    try:
        moment = datetime.fromisoformat(line.at)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        when = moment.astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        when = line.at[:16]
    if line.field == "status":
        old, new = (words.word(words.STATUSES, v) if v else "" for v in (line.old, line.new))
    else:
        old, new = line.old or "", line.new or ""
    return (when, line.user, words.word(words.SOURCES, line.source), words.word(words.ACTIONS, line.action),
            words.word(words.FACTS, line.field) if line.field else "", old, new)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


class ServiceCommand(QUndoCommand):
    """An undoable edit: `do()` and `undo()` call services. A failing first `do` is reported and not pushed."""

    def __init__(self, text: str, do: Callable[[], Any], undo: Callable[[], Any], after: Callable[[], None]) -> None:
        super().__init__(text)
        self._do, self._undo, self._after = do, undo, after
        self.result: Any = None

    def redo(self) -> None:
        self.result = self._do()
        self._after()

    def undo(self) -> None:
        self._undo()
        self._after()


class PatentEditor(QDialog):
    """Edits one patent. `changed` is emitted after every saved edit (the window refreshes its table)."""

    changed = Signal()

    def __init__(self, ws, patent_id: int, *, lang: str = "zh", profile_code: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.patent_id, self.lang, self.profile_code = ws, patent_id, lang, profile_code
        self.setObjectName("patentEditor")
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.detail = portfolio.detail_by_id(ws, patent_id)
        self.number = self.detail.facts.number.canonical
        self.setWindowTitle(self.tr("Patent %1").replace("%1", self.number))
        self.resize(1000, 700)
        self.fact_widgets: dict[str, QWidget] = {}
        self.tab_keys: dict[str, int] = {}
        self.extra_tabs: list[QWidget] = []

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editorTabs")
        self._add_tab("facts", self._build_facts(), self.tr("Facts"))
        self._add_tab("ownership", self._build_ownership(), self.tr("Ownership && encumbrances"))
        self._add_tab("reports", self._build_reports(), self.tr("Reports && attachments"))
        self._add_tab("commitments", self._build_commitments(), self.tr("Commitments && sign-off"))
        self._add_tab("history", self._build_history(), self.tr("History"))
        for title, widget_class in EDITOR_TABS:
            widget = widget_class()
            self.extra_tabs.append(widget)
            self._add_tab(title, widget, QCoreApplication.translate("EditorTabs", title))
            if hasattr(widget, "changed"):
                widget.changed.connect(self._after_edit)

        self.panel = self._build_panel()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([700, 340])

        self.message = QLabel(self)
        self.message.setObjectName("editorMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.reload()

    # --- building ----------------------------------------------------------------------------------------------
    def _add_tab(self, key: str, widget: QWidget, label: str) -> None:
        self.tab_keys[key] = self.tabs.addTab(widget, label)

    def _build_facts(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        for name in TEXT_FIELDS[:1]:
            self._fact_edit(form, name)
        status = QComboBox(page)
        status.setObjectName("fact_status")
        for value, label in words.choices(words.STATUSES):
            status.addItem(label, value)
        self.fact_widgets["status"] = status
        form.addRow(words.word(words.FACTS, "status"), status)
        for name in DATE_FIELDS:
            edit = self._fact_edit(form, name)
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        for name in TEXT_FIELDS[1:]:
            self._fact_edit(form, name)
        save = QPushButton(self.tr("Save facts"), page)
        save.setObjectName("saveFacts")
        save.clicked.connect(self.save_facts)
        form.addRow("", save)
        return page

    def _fact_edit(self, form: QFormLayout, name: str) -> QLineEdit | QPlainTextEdit:
        edit: QLineEdit | QPlainTextEdit
        if name in MULTILINE:  # a line edit would flatten the line breaks of an imported description
            edit = QPlainTextEdit(form.parentWidget())
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(90)
        else:
            edit = QLineEdit(form.parentWidget())
        edit.setObjectName(f"fact_{name}")
        self.fact_widgets[name] = edit
        form.addRow(words.word(words.FACTS, name), edit)
        return edit

    def _table(self, headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

    def _build_ownership(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.consent_box = QGroupBox(self.tr("Patentees and consents"), page)
        self.consent_box.setObjectName("consents")
        self.consent_layout = QVBoxLayout(self.consent_box)
        self.consent_checks: dict[str, QCheckBox] = {}
        layout.addWidget(self.consent_box)
        box = QGroupBox(self.tr("Encumbrances"), page)
        inner = QVBoxLayout(box)
        self.enc_table = self._table([self.tr("Kind"), self.tr("Party"), self.tr("Registration no."), self.tr("Start"),
                                      self.tr("End"), self.tr("Pledgee consented")], "encumbranceTable")
        inner.addWidget(self.enc_table)
        row = QHBoxLayout()
        self.enc_kind = QComboBox(box)
        self.enc_kind.setObjectName("encKind")
        for kind in ENCUMBRANCE_KINDS:
            self.enc_kind.addItem(words.word(words.ENCUMBRANCE_KINDS, kind), kind)
        self.enc_party = QLineEdit(box)
        self.enc_party.setObjectName("encParty")
        self.enc_party.setPlaceholderText(self.tr("Party"))
        self.enc_reg = QLineEdit(box)
        self.enc_reg.setPlaceholderText(self.tr("Registration no."))
        self.enc_start = QLineEdit(box)
        self.enc_start.setObjectName("encStart")
        self.enc_start.setPlaceholderText(self.tr("Start"))
        self.enc_end = QLineEdit(box)
        self.enc_end.setObjectName("encEnd")
        self.enc_end.setPlaceholderText(self.tr("End"))
        self.enc_consent = QCheckBox(self.tr("Pledgee consented"), box)
        add = QPushButton(self.tr("Add"), box)
        add.setObjectName("addEncumbrance")
        add.clicked.connect(self.add_encumbrance)
        remove = QPushButton(self.tr("Remove selected"), box)
        remove.setObjectName("removeEncumbrance")
        remove.clicked.connect(self.remove_encumbrance)
        for w in (self.enc_kind, self.enc_party, self.enc_reg, self.enc_start, self.enc_end, self.enc_consent, add,
                  remove):
            row.addWidget(w)
        inner.addLayout(row)
        layout.addWidget(box, 1)
        return page

    def _build_reports(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        hint = QLabel(self.tr("Drop PDF, OFD, JPEG or PNG files here to attach them."), page)
        layout.addWidget(hint)
        self.att_table = self._table([self.tr("Kind"), self.tr("File name"), self.tr("Report no."), self.tr("Report date"),
                                      self.tr("Conclusion"), self.tr("Claims with defects"), self.tr("State")],
                                     "attachmentTable")
        self.att_table.doubleClicked.connect(lambda _index: self.open_attachment())
        layout.addWidget(self.att_table, 1)
        row = QHBoxLayout()
        self.att_kind = QComboBox(page)
        self.att_kind.setObjectName("attKind")
        for kind in ATTACHMENT_KINDS:
            self.att_kind.addItem(words.word(words.ATTACHMENT_KINDS, kind), kind)
        self.att_conclusion = QComboBox(page)
        self.att_conclusion.setObjectName("attConclusion")
        for value, label in words.choices(words.CONCLUSIONS):
            self.att_conclusion.addItem(label, value)
        self.att_report_no = QLineEdit(page)
        self.att_report_no.setObjectName("attReportNo")
        self.att_report_no.setPlaceholderText(self.tr("Report no."))
        self.att_date = QLineEdit(page)
        self.att_date.setPlaceholderText(self.tr("Report date"))
        self.att_claims = QLineEdit(page)
        self.att_claims.setPlaceholderText(self.tr("Claims with defects"))
        attach = QPushButton(self.tr("Attach file…"), page)
        attach.clicked.connect(self.choose_attachment)
        open_button = QPushButton(self.tr("Open"), page)
        open_button.setObjectName("openAttachment")
        open_button.clicked.connect(self.open_attachment)
        remove = QPushButton(self.tr("Remove selected"), page)
        remove.setObjectName("removeAttachment")
        remove.clicked.connect(self.remove_attachment)
        for w in (self.att_kind, self.att_conclusion, self.att_report_no, self.att_date, self.att_claims, attach,
                  open_button, remove):
            row.addWidget(w)
        layout.addLayout(row)
        return page

    def _build_commitments(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.commit_table = self._table(["", self.tr("Commitments"), self.tr("Note"), self.tr("Confirmed by"),
                                         self.tr("When")], "commitmentTable")
        self.commit_table.itemChanged.connect(self._commit_item_changed)
        layout.addWidget(self.commit_table, 1)
        row = QHBoxLayout()
        self.commit_note = QLineEdit(page)
        self.commit_note.setObjectName("commitNote")
        self.commit_note.setPlaceholderText(self.tr("Note"))
        confirm_all = QPushButton(self.tr("Confirm all"), page)
        confirm_all.setObjectName("confirmAll")
        confirm_all.clicked.connect(self.confirm_all)
        row.addWidget(self.commit_note, 1)
        row.addWidget(confirm_all)
        layout.addLayout(row)
        box = QGroupBox(self.tr("Sign-off"), page)
        box.setObjectName("signoffBox")
        inner = QVBoxLayout(box)
        self.signoff_label = QLabel(box)
        self.signoff_label.setObjectName("signoffLabel")
        self.signoff_label.setWordWrap(True)
        inner.addWidget(self.signoff_label)
        buttons = QHBoxLayout()
        for role, label in (("preparer", self.tr("Sign off as preparer")), ("reviewer", self.tr("Sign off as reviewer"))):
            button = QPushButton(label, box)
            button.setObjectName(f"signoff_{role}")
            button.clicked.connect(lambda _c=False, r=role: self.sign_off(r))
            buttons.addWidget(button)
        letter = QPushButton(self.tr("Commitment letter…"), box)
        letter.clicked.connect(lambda: self.write_letter())
        buttons.addWidget(letter)
        inner.addLayout(buttons)
        layout.addWidget(box)
        return page

    def _build_history(self) -> QWidget:
        self.history_table = self._table([self.tr("When"), self.tr("User"), self.tr("Source"), self.tr("Action"),
                                          self.tr("Fact"), self.tr("Old value"), self.tr("New value")], "historyTable")
        return self.history_table

    def _build_panel(self) -> QWidget:
        box = QGroupBox(self.tr("Readiness"), self)
        box.setObjectName("readinessPanel")
        outer = QVBoxLayout(box)
        self.ready_label = QLabel(box)
        self.ready_label.setObjectName("readyLabel")
        outer.addWidget(self.ready_label)
        box.setMinimumWidth(300)
        scroll = QScrollArea(box)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_widget = QWidget(scroll)
        self.findings_layout = QVBoxLayout(self.findings_widget)
        self.findings_layout.addStretch(1)
        scroll.setWidget(self.findings_widget)
        outer.addWidget(scroll, 1)
        self.fix_buttons: list[tuple[str, QPushButton]] = []
        self.finding_rows: list[QWidget] = []
        return box

    # --- loading -----------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.detail = portfolio.detail_by_id(self.ws, self.patent_id)
        self._load_facts()
        self._load_ownership()
        self._load_reports()
        self._load_commitments()
        self._load_history()
        for widget in self.extra_tabs:
            widget.load(self.ws, self.patent_id)
        self._load_readiness()

    def _load_facts(self) -> None:
        facts = self.detail.facts
        for name in TEXT_FIELDS:
            widget = self.fact_widgets[name]
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(getattr(facts, name) or "")
            else:
                widget.setText(getattr(facts, name) or "")
        for name in DATE_FIELDS:
            self.fact_widgets[name].setText(_iso(getattr(facts, name)))
        combo = self.fact_widgets["status"]
        combo.setCurrentIndex(max(0, combo.findData(facts.status.value)))

    def _load_ownership(self) -> None:
        for check in self.consent_checks.values():
            self.consent_layout.removeWidget(check)
            check.deleteLater()
        self.consent_checks = {}
        for state in encumbrances.consent_states(self.ws, self.patent_id):
            label = state.owner if state.needed else state.owner + " " + self.tr("(the office)")
            check = QCheckBox(label, self.consent_box)
            check.setObjectName("consent_" + state.owner)
            check.setChecked(state.on_file)
            check.setEnabled(state.needed or state.on_file)
            check.setToolTip(self.tr("Written consent on file"))
            check.toggled.connect(lambda on, owner=state.owner: self.set_consent(owner, on))
            self.consent_layout.addWidget(check)
            self.consent_checks[state.owner] = check
        items = encumbrances.list_encumbrances(self.ws, self.patent_id)
        self.enc_table.setRowCount(len(items))
        for row, e in enumerate(items):
            values = (words.word(words.ENCUMBRANCE_KINDS, e.kind), e.party, e.registration_no, _iso(e.start),
                      _iso(e.end), "✓" if e.consent else "")
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.enc_table.setItem(row, col, item)

    def _load_reports(self) -> None:
        items = attachments.list_attachments(self.ws, self.patent_id, verify=True, quick=True)
        self.att_table.setRowCount(len(items))
        for row, a in enumerate(items):
            values = (words.word(words.ATTACHMENT_KINDS, a.kind), a.name, a.report_no, _iso(a.report_date),
                      words.word(words.CONCLUSIONS, a.conclusion), a.claims, words.word(words.FILE_STATES, a.state))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.att_table.setItem(row, col, item)

    def _load_commitments(self) -> None:
        states = readiness.commitments(self.ws, self.patent_id, self.profile_code)
        self.commit_table.blockSignals(True)
        self.commit_table.setRowCount(len(states))
        for row, s in enumerate(states):
            check = QTableWidgetItem(s.code)
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Checked if s.confirmed else Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, s.code)
            self.commit_table.setItem(row, 0, check)
            for col, text in enumerate((s.zh if self.lang == "zh" else s.en, s.note, s.by, s.at[:16]), start=1):
                self.commit_table.setItem(row, col, QTableWidgetItem(text))
        self.commit_table.blockSignals(False)
        states = readiness.signoff_states(self.ws, self.patent_id, self.profile_code)
        if not states:
            self.signoff_label.setText(self.tr("Not signed off yet."))
        else:
            lines = [self.tr("%1: %2 at %3 (%4)").replace("%1", words.word(words.ROLES, s.role)).replace("%2", s.user)
                     .replace("%3", s.at[:16]).replace("%4", self.tr("current") if s.current else self.tr("stale — sign again"))
                     for s in states]
            self.signoff_label.setText("\n".join(lines))

    def _load_history(self) -> None:
        entries = audit_trail.history(self.ws, self.patent_id)
        self.history_table.setRowCount(len(entries))
        for row, h in enumerate(reversed(entries)):
            for col, text in enumerate(history_cells(h)):
                self.history_table.setItem(row, col, QTableWidgetItem(text))

    def _load_readiness(self) -> None:
        result = readiness.check_one(self.ws, self.patent_id, self.profile_code)
        self.readiness = result
        self.ready_label.setText(self.tr("Ready to offer") if result.ready else self.tr("Not ready"))
        for old in self.finding_rows:
            self.findings_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.finding_rows = []
        self.fix_buttons = []
        for finding in result.findings:
            row = QWidget(self.findings_widget)
            row.setObjectName("finding_" + finding.code)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            severity = self.tr("Blocker") if finding.is_blocker else self.tr("Warning")
            label = QLabel(f"[{severity}] {readiness.finding_message(finding, self.lang)}", row)
            label.setWordWrap(True)
            label.setToolTip(finding.code)
            button = QPushButton(self.tr("Fix"), row)
            button.setObjectName("fix_" + finding.code)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, hint=finding.field_hint: self.jump_to(hint))
            line.addWidget(label, 1)
            line.addWidget(button)
            self.findings_layout.insertWidget(self.findings_layout.count() - 1, row)
            self.finding_rows.append(row)
            self.fix_buttons.append((finding.field_hint, button))

    # --- navigation --------------------------------------------------------------------------------------------
    def jump_to(self, hint: str) -> None:
        """Show the tab (and focus the field) a finding's `field_hint` names."""
        head, _, field = hint.partition(".")
        key = HINT_TABS.get(head, head)
        if key in self.tab_keys:
            self.tabs.setCurrentIndex(self.tab_keys[key])
        if head == "facts" and field in self.fact_widgets:
            self.fact_widgets[field].setFocus()
        elif head == "attachments":
            self.att_kind.setFocus()
        elif head == "encumbrances":
            self.enc_table.setFocus()
        elif head == "commitments":
            self.commit_table.setFocus()

    # --- edits -------------------------------------------------------------------------------------------------
    def _after_edit(self) -> None:
        self.reload()
        self.changed.emit()

    def _push(self, text: str, do: Callable[[], Any], undo: Callable[[], Any]) -> bool:
        """Run `do` once; only when it succeeds is it pushed (as already done) for undo."""
        try:
            result = do()
        except OpenLicError as exc:
            self.show_message(exc.message(self.lang), error=True)
            self.reload()
            return False
        command = ServiceCommand(text, do, undo, self._after_edit)
        command.result = result
        self._skip_first_redo(command)
        self.show_message(self.tr("Saved."))
        return True

    def _skip_first_redo(self, command: ServiceCommand) -> None:
        real_redo = command._do
        first = [True]

        def redo_once():
            if first[0]:
                first[0] = False
                return command.result
            return real_redo()

        command._do = redo_once
        self.undo_stack.push(command)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(palette.error_style() if error else "")

    def save_facts(self) -> None:
        facts = self.detail.facts
        new: dict[str, Any] = {}
        old: dict[str, Any] = {}
        try:
            for name in TEXT_FIELDS:
                widget = self.fact_widgets[name]
                text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
                value = text.strip()
                if value != (getattr(facts, name) or "").strip():  # untouched fields never count as edits
                    new[name], old[name] = value, getattr(facts, name)
            for name in DATE_FIELDS:
                value = portfolio.parse_field_value(name, self.fact_widgets[name].text())
                if value != getattr(facts, name):
                    new[name], old[name] = value, getattr(facts, name)
            status = portfolio.parse_field_value("status", self.fact_widgets["status"].currentData())
            if status != facts.status:
                new["status"], old["status"] = status, facts.status
        except OpenLicError as exc:
            self.show_message(exc.message(self.lang), error=True)
            return
        if not new:
            self.show_message(self.tr("Nothing changed."))
            return
        self._push(self.tr("Edit facts"), lambda: portfolio.set_fields(self.ws, self.number, new, source="gui"),
                   lambda: portfolio.set_fields(self.ws, self.number, old, source="gui"))

    def set_consent(self, owner: str, on: bool) -> None:
        if on:
            self._push(self.tr("Record consent of %1").replace("%1", owner),
                       lambda: encumbrances.record_consent(self.ws, self.patent_id, owner, source="gui"),
                       lambda: encumbrances.withdraw_consent(self.ws, self.patent_id, owner, source="gui"))
        else:
            self._push(self.tr("Withdraw consent of %1").replace("%1", owner),
                       lambda: encumbrances.withdraw_consent(self.ws, self.patent_id, owner, source="gui"),
                       lambda: encumbrances.record_consent(self.ws, self.patent_id, owner, source="gui"))

    def _date_of(self, edit: QLineEdit) -> date | None:
        text = edit.text().strip()
        if not text:
            return None
        value = parse_date(text)
        if value is None:
            raise OpenLicError("BAD_DATE", value=text)
        return value

    def add_encumbrance(self) -> None:
        try:
            start, end = self._date_of(self.enc_start), self._date_of(self.enc_end)
        except OpenLicError as exc:
            self.show_message(exc.message(self.lang), error=True)
            return
        kind = self.enc_kind.currentData()
        consent = self.enc_consent.isChecked() and kind == "pledge"
        holder: dict[str, Any] = {}

        def do():
            info = encumbrances.add_encumbrance(self.ws, self.patent_id, kind, self.enc_party.text(),
                                                self.enc_reg.text(), start, end, consent, source="gui")
            holder["info"] = info
            return info

        if self._push(self.tr("Add encumbrance"), do,
                      lambda: encumbrances.remove_encumbrance(self.ws, holder["info"].id, source="gui")):
            for edit in (self.enc_party, self.enc_reg, self.enc_start, self.enc_end):
                edit.clear()

    def _selected_id(self, table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        item = table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def remove_encumbrance(self) -> None:
        enc_id = self._selected_id(self.enc_table)
        if enc_id is None:
            return
        holder: dict[str, Any] = {"id": enc_id}

        def do():
            info = encumbrances.remove_encumbrance(self.ws, holder["id"], source="gui")
            holder["info"] = info
            return info

        def undo():
            holder["id"] = encumbrances.restore_encumbrance(self.ws, holder["info"], source="gui").id

        self._push(self.tr("Remove encumbrance"), do, undo)

    def choose_attachment(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach file…"), "",
                                                "PDF / OFD / JPEG / PNG (*.pdf *.ofd *.jpg *.jpeg *.png)")
        for name in files:
            self.attach(Path(name))

    def attach(self, path: Path) -> bool:
        kind = self.att_kind.currentData()
        report = kind in ("evaluation-report", "search-report")
        try:
            report_date = self._date_of(self.att_date) if report else None
        except OpenLicError as exc:
            self.show_message(exc.message(self.lang), error=True)
            return False
        holder: dict[str, Any] = {}

        def do():
            info = attachments.add_attachment(
                self.ws, self.patent_id, path, kind, self.att_conclusion.currentData() if report else None,
                self.att_report_no.text() if report else "", report_date,
                self.att_claims.text() if report else "", source="gui")
            holder["info"] = info
            return info

        def undo():
            if not holder["info"].duplicate:
                attachments.remove_attachment(self.ws, holder["info"].id, source="gui")

        return self._push(self.tr("Attach %1").replace("%1", path.name), do, undo)

    def remove_attachment(self) -> None:
        att_id = self._selected_id(self.att_table)
        if att_id is None:
            return
        # not on the undo stack: the stored copy is deleted with its last use, so there is nothing to put back
        try:
            attachments.remove_attachment(self.ws, att_id, source="gui")
        except OpenLicError as exc:
            self.show_message(exc.message(self.lang), error=True)
            return
        self._after_edit()

    def open_attachment(self) -> bool:
        att_id = self._selected_id(self.att_table)
        if att_id is None:
            return False
        try:
            path = attachments.verified_path(self.ws, att_id)
        except OpenLicError as exc:
            self.show_message(exc.message(self.lang), error=True)
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.tabs.setCurrentIndex(self.tab_keys["reports"])
            for path in files:
                self.attach(path)
            event.acceptProposedAction()

    def _commit_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        note = self.commit_note.text().strip()
        if item.checkState() == Qt.CheckState.Checked:
            self._push(self.tr("Confirm %1").replace("%1", code),
                       lambda: readiness.confirm_commitments(self.ws, [self.patent_id], [code], self.profile_code,
                                                             note, source="gui"),
                       lambda: readiness.withdraw_commitment(self.ws, self.patent_id, code, source="gui"))
        else:
            self._push(self.tr("Withdraw %1").replace("%1", code),
                       lambda: readiness.withdraw_commitment(self.ws, self.patent_id, code, source="gui"),
                       lambda: readiness.confirm_commitments(self.ws, [self.patent_id], [code], self.profile_code,
                                                             note, source="gui"))

    def confirm_all(self) -> None:
        before = {s.code for s in readiness.commitments(self.ws, self.patent_id, self.profile_code) if s.confirmed}
        note = self.commit_note.text().strip()

        def undo():
            for state in readiness.commitments(self.ws, self.patent_id, self.profile_code):
                if state.confirmed and state.code not in before:
                    readiness.withdraw_commitment(self.ws, self.patent_id, state.code, source="gui")

        self._push(self.tr("Confirm all"), lambda: readiness.confirm_commitments(
            self.ws, [self.patent_id], None, self.profile_code, note, source="gui"), undo)

    def sign_off(self, role: str) -> bool:
        try:
            outcome = readiness.sign_off(self.ws, [self.patent_id], role, self.profile_code, source="gui")
        except OpenLicError as exc:
            self.show_message(exc.message(self.lang), error=True)
            return False
        self._after_edit()
        if outcome.refused:
            self.show_message(outcome.refused[0].message(self.lang), error=True)
            return False
        self.show_message(self.tr("Signed by %1 as %2").replace("%1", self.ws.user)
                          .replace("%2", words.word(words.ROLES, role)))
        return True

    def write_letter(self, target: str | Path | None = None) -> Path | None:
        if target is None:
            suggested = self.tr("Commitment letter %1.docx").replace("%1", self.number)
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Commitment letter…"), suggested,
                                                  self.tr("Word documents (*.docx)"))
            if not name:
                return None
            target = name
        try:
            path = readiness.commitment_letter(self.ws, [self.patent_id], target, self.profile_code)
        except OpenLicError as exc:
            self.show_message(exc.message(self.lang), error=True)
            return None
        self.show_message(self.tr("Written %1").replace("%1", str(path)))
        return path


# --- feature hook ----------------------------------------------------------------------------------------------
def open_editor(window, patent_id: int) -> PatentEditor | None:
    """Open (non-modally) the editor for one patent; the table refreshes after each saved edit."""
    if window.ws is None:
        return None
    from openlic_desktop.support import settings

    try:
        editor = PatentEditor(window.ws, patent_id, lang=getattr(window, "lang", "zh"),
                              profile_code=settings.load().active_profile or None, parent=window)
    except OpenLicError as exc:  # e.g. the patent was deleted meanwhile, or the active profile file is gone
        window.statusBar().showMessage(exc.message(getattr(window, "lang", "zh")), 10000)
        return None
    editor.changed.connect(window.refresh)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.patent_editor = editor
    editor.show()
    return editor


def install(window) -> None:
    from openlic_desktop.gui.readiness import readiness_actions
    from openlic_desktop.gui.readiness import staff_dialog as readiness_staff

    readiness_actions.install(window, open_editor)
    readiness_staff.install(window)
