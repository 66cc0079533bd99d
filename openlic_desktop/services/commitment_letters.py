"""Commitment letters (承诺函) drafted on their own: one per patentee set, each sealed by exactly its patentees.

The package builder makes its letters itself (services/export.py, the profile's `commitment_letter_per`); this is
the letter asked for from the CLI (`openlic commitment-letter`) and the GUI. A patent with a blocker is refused
unless explicitly overridden (services.document_gate): the blockers then go on the letter's first page and into the
audit trail. Files are written atomically, and the override's record commits only once they are in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openlic_desktop.documents.commitment_letter import LetterPatent, build_commitment_letter, letter_bytes
from openlic_desktop.documents.override_notice import with_cover
from openlic_desktop.documents.package import sanitise_component
from openlic_desktop.domain.blocker_override import Override, cover_lines
from openlic_desktop.domain.commitments import rests_on_search_report
from openlic_desktop.domain.licensing import patentee_sets
from openlic_desktop.services import attachments as attachment_service
from openlic_desktop.services import document_gate
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.services.licensing import patentees as patentee_book
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.files import atomic_write_bytes

DEFAULT_NAME = "承诺函"


def targets(out: Path, sets: Sequence[tuple[str, ...]]) -> list[Path]:
    """Where each set's letter goes: `out` itself for one set into a .docx; next to it, named after the
    patentees, for several; inside `out` when it is a folder."""
    if out.suffix.lower() == ".docx":
        if len(sets) == 1:
            return [out]
        return [out.with_name(sanitise_component(f"{out.stem}_{'、'.join(owners)}.docx")) for owners in sets]
    if out.suffix:
        raise InputError("LETTER_OUT_NOT_DOCX", path=str(out))
    return [out / sanitise_component(f"{DEFAULT_NAME}_{'、'.join(owners)}.docx") for owners in sets]


def draft_letters(ws: Workspace, patents: Sequence[int | str], out: str | Path, profile_code: str | None = None,
                  on: date | None = None, override: Override | None = None) -> list[Path]:
    """The letters for the patents named, one per patentee set; returns the files written."""
    from openlic_desktop.services.readiness import resolve_ids

    profile = profile_service.get_profile(profile_code)
    with ws.reading() as session:
        pairs = resolve_ids(session, patents)
        facts = patent_repo.get_facts_by_ids(session, [pid for pid, _ in pairs])
    if not pairs:
        raise InputError("BAD_ARGUMENT", reason="no patent named")
    sets = patentee_sets([(facts[pid], facts[pid].patentees) for pid, _ in pairs])
    paths = targets(Path(out), [owners for owners, _ in sets])
    blocked = document_gate.gate(ws, [pid for pid, _ in pairs], "commitment_letter", override,
                                 profile_code=profile.code)
    by_number = {b.application_number: b for b in blocked}
    people = patentee_book.natural_persons(ws)
    files = attachment_service.attachments_for(ws, [pid for pid, _ in pairs], verify=False)
    pid_of = {facts[pid].number.canonical: pid for pid, _ in pairs}
    written: list[tuple[Path, bytes]] = []
    for (owners, group), path in zip(sets, paths, strict=True):
        letter = [LetterPatent(f.number.canonical, f.title, kind, tuple(f.patentees), rests_on_search_report(
                      kind, [(a.kind, a.conclusion) for a in files.get(pid_of[f.number.canonical], [])]))
                  for f in group for kind in [f.patent_type.value if f.patent_type else ""]]
        data = letter_bytes(build_commitment_letter(letter, profile.commitments, bureau=profile.bureau, on=on,
                                                    people=people), on or date.today())
        mine = [by_number[f.number.canonical] for f in group if f.number.canonical in by_number]
        if mine and override is not None:
            data = with_cover(data, cover_lines("承诺函", mine, override))
        written.append((path, data))
    with document_gate.recorded(ws, "commitment_letter", blocked, override, written=paths):
        for path, data in written:
            atomic_write_bytes(path, data)
    return paths
