"""Fee-estimation notes for many patents at once (`openlic fee-note`, the GUI's 许可使用费估算说明… batch action):
a first draft per patent from its pricing and the reference data, stored so that each can be edited afterwards
(the pricing tab's note editor).

A patent without pricing is refused (FEE_NOTE_NO_PRICING); one with a note already keeps it unless `replace`
(FEE_NOTE_KEPT: an edited note is never overwritten unasked). The notes are written in one transaction, each with
its audit record (field "fee_note", as the editor writes them). Thread rule: any thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openlic_desktop.domain import fee_notes
from openlic_desktop.services import pricing
from openlic_desktop.services.readiness import BatchOutcome, Refusal, resolve_ids
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage import pricing as pricing_repo
from openlic_desktop.storage.audit import AuditEntry

Progress = Callable[[int, int], bool]


@dataclass
class NotesOutcome(BatchOutcome):
    texts: dict[str, str] = field(default_factory=dict)   # number → the note drafted

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"written": self.done, "kept": [r.application_number for r in self.refused
                                               if r.code == "FEE_NOTE_KEPT"],
                "refused": [{"application_number": r.application_number, "code": r.code,
                             "message": r.message(lang)} for r in self.refused if r.code != "FEE_NOTE_KEPT"],
                "notes": self.texts}


def draft_many(ws: Workspace, items: Sequence[int | str], method: str, basis: str = "", replace: bool = False,
               progress: Progress | None = None) -> NotesOutcome:
    """Draft and store the note of each patent with `method` (cli.md names or stored keys); `basis` is added to
    the basis of every note (e.g. "参照本单位2023年同类专利许可")."""
    method = fee_notes.method_key(method)
    inputs = {"remarks": basis.strip()} if basis.strip() else {}
    outcome = NotesOutcome()
    with ws.reading() as session:
        pairs = resolve_ids(session, list(items))
        pids = [pid for pid, _ in pairs]
        facts = patent_repo.get_facts_by_ids(session, pids)
        terms = pricing_repo.load_terms(session, pids)
        existing = pricing_repo.notes_for(session, pids)
    planned: list[tuple[int, str, str]] = []
    standard = pricing.general_standard()
    for index, (pid, number) in enumerate(pairs, 1):
        if progress is not None and not progress(index - 1, len(pairs)):
            raise InterruptedError("cancelled")
        if terms.get(pid) is None:
            outcome.refused.append(Refusal(number, "FEE_NOTE_NO_PRICING"))
            continue
        if pid in existing and not replace:
            outcome.refused.append(Refusal(number, "FEE_NOTE_KEPT"))
            continue
        reference = pricing.reference_view(ws, pid, terms[pid]) if method == "industry_statistics" else None
        industry, line, national = pricing.reference_figures(reference)
        text = fee_notes.draft(facts[pid], terms[pid], method, inputs, industry, line, national, standard)
        planned.append((pid, number, text))
    with ws.session() as session:
        entries = []
        for pid, number, text in planned:
            old = existing.get(pid)
            if old == text:
                outcome.unchanged.append(number)
                continue
            pricing_repo.put_note(session, pid, method, inputs, text)
            entries.append(AuditEntry("patent", pid, number, "update", "fee_note", old, text))
            outcome.done.append(number)
            outcome.texts[number] = text
        if entries:
            audit.append(session, ws.user, ws.source, entries)
    if progress is not None:
        progress(len(pairs), len(pairs))
    return outcome
