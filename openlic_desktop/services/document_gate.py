"""The gate every patent document passes: refused for a patent with a blocker, unless explicitly overridden.

    blocked = document_gate.gate(ws, patent_ids, "contract", override)     # raises DOCUMENT_BLOCKED
    ... build the document; if blocked, put documents.override_notice on its cover ...
    with document_gate.recorded(ws, "contract", blocked, override, written=[path]):
        ... move the file into place ...

The rule (which findings block, what an override needs) is domain.blocker_override's; this module runs the
readiness rules for the patents, turns the findings into words, and writes the audit trail. Used by the
commitment letters, the contracts, the withdrawals and the declarations alike.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from openlic_desktop.domain.blocker_override import (
    DOCUMENT_BLOCKERS,
    FACT_BLOCKERS,
    BlockedPatent,
    Override,
    blocking,
)
from openlic_desktop.domain.blocker_override import gate as domain_gate
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit


def blocked_patents(ws: Workspace, patents: Sequence[int | str], *, profile_code: str | None = None,
                    today: date | None = None, codes: frozenset[str] = FACT_BLOCKERS,
                    ) -> list[BlockedPatent]:
    """Each patent whose readiness findings include a blocker in `codes`, with the messages in Chinese."""
    from openlic_desktop.services import readiness

    results = readiness.check(ws, list(patents), profile_code, today=today)
    out = []
    for r in results:
        found = blocking(r.findings, codes)
        if found:
            out.append(BlockedPatent(r.application_number, tuple(f.code for f in found),
                                     tuple(readiness.finding_message(f, "zh") for f in found), r.patent_id))
    return out


def gate(ws: Workspace, patents: Sequence[int | str], document: str, override: Override | None, *,
         profile_code: str | None = None, today: date | None = None,
         codes: frozenset[str] | None = None) -> tuple[BlockedPatent, ...]:
    """() when no patent is blocked; the blocked patents when overridden; DOCUMENT_BLOCKED otherwise. `codes`:
    the findings that block (default: what this kind of document asserts, domain.blocker_override)."""
    wanted = DOCUMENT_BLOCKERS[document] if codes is None else codes
    found = blocked_patents(ws, patents, profile_code=profile_code, today=today, codes=wanted)
    return domain_gate(document, found, override)


def record_override(session: Session, ws: Workspace, document: str, blocked: Sequence[BlockedPatent],
                    override: Override | None) -> None:
    """The audit entries of an override (one per blocked patent: the facts overridden and the reason), in the
    caller's transaction."""
    if not blocked or override is None:
        return
    audit.append(session, override.user or ws.user, ws.source, [
        audit.AuditEntry("patent", b.patent_id, b.application_number, "override-blockers", document,
                         ",".join(b.codes), override.reason.strip()) for b in blocked])


@contextlib.contextmanager
def recorded(ws: Workspace, document: str, blocked: Sequence[BlockedPatent], override: Override | None,
             written: Sequence[Path] = ()) -> Iterator[None]:
    """Record an override in the audit trail (one entry per blocked patent: the facts overridden, the reason),
    in a transaction that commits only after the body put the files in place. If the body or the commit fails,
    the files in `written` that the body created are removed again: no document without its record."""
    existed = {p for p in written if Path(p).exists()}
    try:
        if blocked and override is not None:
            with ws.session() as session:
                record_override(session, ws, document, blocked, override)
                yield
        else:
            yield
    except BaseException:
        for p in written:
            if Path(p) not in existed:
                Path(p).unlink(missing_ok=True)
        raise
