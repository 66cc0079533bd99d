"""The audit trail as the faces see it: verify the keyed hash chain and its anchors, a patent's history, and
moving the chain's key between computers.

`verify` walks the chain under the keys in this computer's keyring (services.audit_keys), checks each sign-off
against the record that sealed it, and checks that the trail still holds the head anchored outside the database:
in the user config folder (every commit that appends moves it, support.anchors) and, when given, in a backup's
sidecar or a package's manifest (`against`).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openlic_desktop.services.audit_keys import export_key, import_key  # noqa: F401  (the faces' entry points)
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.support import anchors
from openlic_desktop.support.errors import InputError

Head = audit.Head
ChainWalk = audit.ChainWalk  # how far a paused check got (CheckPaused.walk)


@dataclass(frozen=True)
class AuditReport:
    records: int
    breaks: list[tuple[int, str]] = field(default_factory=list)  # (record id, reason: see storage.audit.ChainBreak)
    keyed: int = 0        # records sealed with a key (HMAC)
    unverified: int = 0   # sealed with a key this computer does not have (import it: `openlic audit key import`)
    head: Head | None = None
    anchors: int = 0      # anchored heads compared with the trail

    @property
    def intact(self) -> bool:
        return not self.breaks

    @property
    def first_break(self) -> tuple[int, str] | None:
        return self.breaks[0] if self.breaks else None

    def to_json(self) -> dict[str, object]:
        return {"intact": self.intact, "records": self.records, "keyed": self.keyed, "unverified": self.unverified,
                "anchors_checked": self.anchors, "head": self.head.to_json() if self.head else None,
                "breaks": [{"record_id": rid, "reason": reason} for rid, reason in self.breaks]}


def read_anchor(path: str | Path) -> Head:
    """The head anchored in a file: a backup's sidecar, a package's manifest.json, or the package zip itself."""
    path = Path(path)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                raw = json.loads(zf.read("manifest.json"))
        else:
            raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError("AUDIT_ANCHOR_UNREADABLE", path=str(path)) from exc
    found = Head.from_json(raw.get("audit") if isinstance(raw, dict) and "audit" in raw else raw)
    if found is None:
        raise InputError("AUDIT_ANCHOR_UNREADABLE", path=str(path))
    return found


class CheckPaused(InterruptedError):
    """`verify` stopped partway because `stop()` said so: `walk` is where it got to (pass it as `resume`)."""

    def __init__(self, walk: audit.ChainWalk) -> None:
        super().__init__("paused")
        self.walk = walk


def verify(ws: Workspace, against: str | Path | None = None, *, stop: Callable[[], bool] | None = None,
           resume: audit.ChainWalk | None = None) -> AuditReport:
    """The chain walked a chunk at a time; `stop()` is asked between chunks (the window's check gives way to the
    user's work and to its closing): True raises CheckPaused, and `verify(..., resume=exc.walk)` later goes on
    from there — with the anchors of that time — or from the start when the trail was replaced meanwhile."""
    walk = resume if resume is not None else audit.ChainWalk()
    heads: list[Head] = []
    stored = anchors.get(ws.location)
    if stored is not None and (found := Head.from_json(stored)) is not None:
        heads.append(found)
    if against is not None:
        heads.append(read_anchor(against))
    with ws.reading() as session:
        if not audit.walk_chain(session, walk, ws.keys, stop):
            raise CheckPaused(walk)
        chain = audit.finish_walk(session, walk)
        for anchored in heads:
            chain.breaks.extend(audit.check_head(session, anchored))
    return AuditReport(chain.count, [(b.record_id, b.reason) for b in chain.breaks], chain.keyed, chain.unverified,
                       chain.head, len(heads))


def head(ws: Workspace) -> Head:
    """The trail's head now (for a package manifest)."""
    with ws.reading() as session:
        return audit.head(session)


HistoryEntry = audit.HistoryLine  # at (ISO text), user, source, action, field, old, new


def history(ws: Workspace, patent_id: int) -> list[HistoryEntry]:
    with ws.reading() as session:
        return audit.patent_history(session, patent_id)
