"""The audit trail as the faces see it: verify the hash chain, and a patent's history."""

from __future__ import annotations

from dataclasses import dataclass, field

from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit


@dataclass(frozen=True)
class AuditReport:
    records: int
    breaks: list[tuple[int, str]] = field(default_factory=list)  # (record id, "edited" | "broken_link")

    @property
    def intact(self) -> bool:
        return not self.breaks

    @property
    def first_break(self) -> tuple[int, str] | None:
        return self.breaks[0] if self.breaks else None


def verify(ws: Workspace) -> AuditReport:
    with ws.reading() as session:
        count, breaks = audit.verify(session)
    return AuditReport(count, [(b.record_id, b.reason) for b in breaks])


HistoryEntry = audit.HistoryLine  # at (ISO text), user, source, action, field, old, new


def history(ws: Workspace, patent_id: int) -> list[HistoryEntry]:
    with ws.reading() as session:
        return audit.patent_history(session, patent_id)
