"""The History tab: the audit trail of one patent, newest first, in words: local time to the minute, who, from
where, what, which fact, the old and the new value — statuses, kinds, roles, commitments, names and pricing terms
as a reader says them; fingerprints and file hashes (for the audit check, not for people) left out.

Thread rule: GUI thread; the read runs on the worker.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidgetItem, QVBoxLayout

from openlic_desktop.domain.pricing import PricingTerms
from openlic_desktop.gui import words
from openlic_desktop.gui.editor.editor_tabs import EditorTab, ReadContext
from openlic_desktop.gui.widgets import RememberedColumns, fit_columns_in_chars, local_time, plain_table
from openlic_desktop.services import audit_trail, readiness


@dataclass(frozen=True)
class HistoryData:
    lines: list[Any]                 # audit_trail.HistoryEntry, oldest first
    commitments: dict[str, str]      # item code → its wording in the current profile


_HASH = re.compile(r"\s*sha256=[0-9a-f]+")
_PAIRS = re.compile(r"(no|date|conclusion|claims)=(\S*)")


def _report_details(text: str) -> str:
    """'no=PJ-1 date=2026-05-01 conclusion=favourable claims=' in words."""
    labels = {"no": QCoreApplication.translate("HistoryTab", "Report no."),
              "date": QCoreApplication.translate("HistoryTab", "Report date"),
              "conclusion": QCoreApplication.translate("HistoryTab", "Conclusion"),
              "claims": QCoreApplication.translate("HistoryTab", "Claims with defects")}
    parts = []
    for key, value in _PAIRS.findall(text):
        if not value:
            continue
        if key == "conclusion":
            value = words.word(words.CONCLUSIONS, value)
        parts.append(f"{labels[key]}：{value}")
    return "，".join(parts)


def value_words(line, value: str | None, commitments: dict[str, str], lang: str) -> str:
    """One old or new value of an audit line as the history shows it."""
    if value in (None, ""):
        return ""
    action, fld = line.action, line.field or ""
    if action in ("signoff", "revoke_signoff"):
        return ""  # a fingerprint of what was signed: for the audit check, not a reader
    if fld == "status":
        return words.word(words.STATUSES, value)
    if fld == "patent_type":
        return words.word(words.PATENT_TYPES, value)
    if fld == "pricing" or (action == "update" and value.startswith('{"amount"')):
        try:
            return PricingTerms.from_canonical(json.loads(value)).summary(lang)
        except (ValueError, KeyError, TypeError):
            return value
    if value.startswith("[") and value.endswith("]"):
        try:
            return "、".join(str(v) for v in json.loads(value))
        except ValueError:
            return value
    if action in ("attach", "detach"):
        name, _, rest = _HASH.sub("", value).partition(" ")
        details = _report_details(rest)
        return f"{name}（{details}）" if details else name
    if action == "attachment_update":
        return _report_details(value)
    if action in ("encumbrance_add", "encumbrance_remove"):
        kind, _, rest = value.partition(" ")
        rest = rest.replace(" consent", " " + QCoreApplication.translate("HistoryTab", "pledgee consented"))
        return f"{words.word(words.ENCUMBRANCE_KINDS, kind)} {rest}".strip()
    if action in ("commit", "uncommit") and value == "confirmed":
        return QCoreApplication.translate("HistoryTab", "Confirmed")
    if action in ("consent", "consent_withdraw") and value == "on file":
        return QCoreApplication.translate("HistoryTab", "On file")
    return value


def history_cells(line, commitments: dict[str, str], lang: str) -> tuple[str, ...]:
    """One audit line in words: when, who, from where, what, which fact, old, new."""
    fld = line.field or ""
    if line.action in ("commit", "uncommit"):
        fact = commitments.get(fld, fld)
    elif line.action in ("signoff", "revoke_signoff"):
        fact = words.word(words.ROLES, fld)
    elif line.action in ("attach", "detach", "attachment_update"):
        fact = words.word(words.ATTACHMENT_KINDS, fld)
    elif line.action in ("encumbrance_add", "encumbrance_remove"):
        fact = words.word(words.ENCUMBRANCE_KINDS, fld)
    elif line.action in ("consent", "consent_withdraw"):
        fact = fld  # the co-owner's name
    else:
        fact = words.word(words.FACTS, fld) if fld in words.FACTS else words.word(words.HISTORY_FIELDS, fld)
    return (local_time(line.at), line.user, words.word(words.SOURCES, line.source),
            words.word(words.ACTIONS, line.action), fact,
            value_words(line, line.old, commitments, lang), value_words(line, line.new, commitments, lang))


LINE_BREAK = " ⏎ "


def one_line(text: str) -> str:
    """A value of several lines (a description, the declaration's other terms) on the one line a table row shows,
    its line breaks marked: cut at the first line break, the cell would look like the whole value."""
    return LINE_BREAK.join(part.strip() for part in text.splitlines() if part.strip())


# each column's width, least and most, in Chinese characters of the table's font (the time: as wide as a time);
# the new value takes the rest. Sized to the contents within these, a long fact no longer pushes the old and new
# values out of sight, and an empty table is not a row of slivers. A cut cell says the whole in its tooltip.
WIDTHS: tuple[tuple[int, int] | str, ...] = ("2026-12-07 18:01", (4, 8), (3, 5), (4, 9), (6, 12), (6, 10))
COLUMNS_SETTING = "editor/history_columns"


class HistoryTab(EditorTab):
    KEY = "history"
    ASPECTS = frozenset()  # every change of the patent is in its history: the editor re-reads it after each

    def __init__(self, editor) -> None:
        super().__init__(editor)
        layout = QVBoxLayout(self)
        self.table = plain_table(self, "historyTable", [
            self.tr("When"), self.tr("User"), self.tr("Source"), self.tr("Action"), self.tr("Fact"),
            self.tr("Old value"), self.tr("New value")])
        self.table.setAccessibleName(self.tr("History"))
        layout.addWidget(self.table)
        self.columns = RememberedColumns(self.table, COLUMNS_SETTING, editor.finished)
        # the widths the user dragged to, in any editor since: kept, not fitted to each patent's contents again
        if not self.columns.restore():
            self.columns.place(lambda: fit_columns_in_chars(self.table, WIDTHS))

    def title(self) -> str:
        return self.tr("History")

    @staticmethod
    def read(ctx: ReadContext) -> Any:
        wording = {s.code: (s.zh if ctx.lang == "zh" else s.en)
                   for s in readiness.commitments(ctx.ws, ctx.patent_id, ctx.profile_code)}
        return HistoryData(audit_trail.history(ctx.ws, ctx.patent_id), wording)

    def show(self, data: HistoryData) -> None:
        self.table.setRowCount(len(data.lines))
        for row, line in enumerate(reversed(data.lines)):
            for col, text in enumerate(history_cells(line, data.commitments, self.editor.lang)):
                item = QTableWidgetItem(one_line(text))
                if col >= 1 and text:
                    item.setToolTip(text)  # cut at its column's width, or on one line: the whole, as it was written
                self.table.setItem(row, col, item)
        self.columns.place(lambda: fit_columns_in_chars(self.table, WIDTHS))
