"""Evidence from a folder (`openlic attach-dir`, the GUI's folder drop): preview first, then attach in one go.

`preview` looks at every file of the folder (sub-folders too; hidden files and links are skipped) and says what
would happen to it, writing nothing: matched to one patent (by a number in its name in any written form, else by
the numbers a PDF's first page gives as its own, else by any number on that page), ambiguous (several patents),
unmatched, refused (not a PDF/OFD/JPEG/PNG, too large …), a duplicate of another file of the folder (same bytes:
attached once), or already attached. For reports it reads the number, date and conclusion from the text (or the
name) where they are written; a report whose conclusion nobody wrote down is attached all the same and readiness
says EVALUATION_REPORT_DETAILS_MISSING until it is recorded. A consent letter goes to the co-owner named in its
file name (or text): to the patent it names, or — naming no patent — to every patent that co-owner shares with
the office, and the co-owner's consent is recorded with it.

`attach` attaches what the preview matched in one transaction (attachments.add_many): everything or nothing, and
a file changed since the preview is refused. Thread rule: any thread; progress(done, total) returning False
cancels.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openlic_desktop.domain.evidence import (
    ReportDetails,
    find_numbers,
    labelled_numbers,
    read_report_name,
    read_report_text,
)
from openlic_desktop.domain.readiness import REPORT_KINDS
from openlic_desktop.services import attachments
from openlic_desktop.services.evidence.pdf_text import first_page_text
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import attachment_store as store
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.support.errors import InputError, OpenLicError
from openlic_desktop.support.messages import render

FOLDER_KINDS = ("evaluation-report", "search-report", "consent", "sealed-commitment")
MAX_FILES = 5000  # [ours] a folder of evidence, not a disk: more than this is surely the wrong folder
STATUSES = ("matched", "ambiguous", "unmatched", "duplicate", "already", "refused")
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class EvidenceFile:
    path: Path
    name: str                                   # relative to the folder, with / between parts
    status: str                                 # one of STATUSES
    patents: tuple[tuple[int, str], ...] = ()   # matched: (id, application number); a consent may cover many
    candidates: tuple[str, ...] = ()            # ambiguous: the patents it could be; unmatched: numbers unknown here
    how: str = ""                               # name | text | owner
    owner: str = ""                             # consent: the co-owner whose consent it is
    sha256: str = ""
    size: int = 0
    details: ReportDetails | None = None        # report kinds
    code: str = ""                              # refused: why (a message code)
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    duplicate_of: str = ""

    def reason(self, lang: str = "zh") -> str:
        return render(self.code, lang, **self.params) if self.code else ""


@dataclass
class FolderPreview:
    folder: Path
    kind: str
    files: list[EvidenceFile] = field(default_factory=list)

    def of(self, status: str) -> list[EvidenceFile]:
        return [f for f in self.files if f.status == status]

    @property
    def to_attach(self) -> int:
        return sum(len(f.patents) for f in self.of("matched"))

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """cli.md's keys (attached, unmatched, ambiguous) plus duplicates, already, refused."""
        def details(f: EvidenceFile) -> dict[str, Any]:
            d = f.details
            if d is None:
                return {}
            return {"report_no": d.report_no or None, "report_date": d.report_date.isoformat() if d.report_date
                    else None, "conclusion": d.conclusion, "claims": d.claims or None}
        return {
            "attached": [{"file": f.name, "application_number": number, "how": f.how, **({"owner": f.owner}
                          if f.owner else {}), **details(f)} for f in self.of("matched") for _pid, number in f.patents],
            "unmatched": [f.name for f in self.of("unmatched")],
            "ambiguous": [f.name for f in self.of("ambiguous")],
            "duplicates": [{"file": f.name, "same_as": f.duplicate_of} for f in self.of("duplicate")],
            "already": [f.name for f in self.of("already")],
            "refused": [{"file": f.name, "code": f.code, "message": f.reason(lang)} for f in self.of("refused")],
        }


# a folder's name says what it holds, as offices name them (for a folder dropped on the window)
KIND_WORDS = (("同意", "consent"), ("consent", "consent"), ("承诺", "sealed-commitment"), ("检索", "search-report"))


def kind_of_folder(folder: str | Path) -> str:
    """The kind of evidence a folder's name suggests (evaluation reports when it says nothing)."""
    name = Path(folder).name.lower()
    return next((kind for word, kind in KIND_WORDS if word in name), "evaluation-report")


def _files(folder: Path) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not Path(root, d).is_symlink())
        for name in sorted(names):
            path = Path(root, name)
            if name.startswith(".") or path.is_symlink() or not path.is_file():
                continue
            out.append((path, path.relative_to(folder).as_posix()))
            if len(out) > MAX_FILES:
                raise InputError("FOLDER_TOO_MANY_FILES", folder=str(folder), limit=MAX_FILES)
    return out


@dataclass
class _Seen:
    path: Path
    name: str
    checked: store.Checked | None = None
    refusal: OpenLicError | None = None
    name_numbers: list[str] = field(default_factory=list)
    text: str | None = None


def preview(ws: Workspace, folder: str | Path, kind: str, progress: Progress | None = None) -> FolderPreview:
    """What attaching this folder would do, file by file; nothing is written."""
    if kind not in FOLDER_KINDS:
        raise InputError("BAD_ARGUMENT", reason=f"--kind must be one of {', '.join(FOLDER_KINDS)}")
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("FOLDER_NOT_FOUND", path=str(folder))
    listing = _files(folder)
    total = len(listing) + 1
    seen = [_Seen(path, name, name_numbers=[n.canonical for n in find_numbers(name)]) for path, name in listing]
    known = _known(ws, {n for s in seen for n in s.name_numbers})
    owners = _owners(ws) if kind == "consent" else {}
    for i, s in enumerate(seen):  # one file in memory at a time
        try:
            checked = store.check_file(s.path)
        except OpenLicError as exc:
            s.refusal = exc
        else:
            # the first page's text: for PDFs the name does not place, and for what reports and letters say
            if checked.file_type == "pdf" and (len([n for n in s.name_numbers if n in known]) != 1
                                               or kind in REPORT_KINDS or kind == "consent"):
                s.text = first_page_text(checked.data)
            s.checked = replace(checked, data=b"")
        if progress is not None and not progress(i, total):
            raise InterruptedError("cancelled")
    text_numbers = {s.name: ([n.canonical for n in labelled_numbers(s.text)], [n.canonical for n in find_numbers(s.text)])
                    for s in seen if s.text}
    known |= _known(ws, {n for labelled, found in text_numbers.values() for n in labelled + found} - set(known))
    already = _already(ws, kind, {known[n] for n in known}, {s.checked.sha256 for s in seen if s.checked})
    result = FolderPreview(folder, kind)
    first_of: dict[str, str] = {}
    for s in seen:
        result.files.append(_judge(s, kind, known, text_numbers.get(s.name, ([], [])), owners, first_of, already))
    if progress is not None and not progress(total, total):
        raise InterruptedError("cancelled")
    return result


def _judge(s: _Seen, kind: str, known: dict[str, int], from_text: tuple[list[str], list[str]],
           owners: dict[str, Any], first_of: dict[str, str], already: set[tuple[int, str]]) -> EvidenceFile:
    if s.refusal is not None or s.checked is None:
        exc = s.refusal or InputError("ATTACHMENT_UNREADABLE", name=s.name, reason="?")
        return EvidenceFile(s.path, s.name, "refused", code=exc.code, params=exc.params)
    sha, size = s.checked.sha256, s.checked.size
    details = None
    if kind in REPORT_KINDS:
        details = read_report_text(s.text or "").merged(read_report_name(s.path.name))
    base = {"sha256": sha, "size": size, "details": details}
    if sha in first_of:
        return EvidenceFile(s.path, s.name, "duplicate", duplicate_of=first_of[sha], **base)
    first_of[sha] = s.name
    labelled, anywhere = from_text
    how, numbers = "", []
    for how, source in (("name", s.name_numbers), ("text", labelled), ("text", anywhere)):
        numbers = [n for n in dict.fromkeys(source) if n in known]
        if numbers:
            break
    owner = ""
    patents: tuple[tuple[int, str], ...] = ()
    if kind == "consent":
        owner, patents, how = _consent_owner(s, numbers, known, owners, how)
    elif len(numbers) == 1:
        patents = ((known[numbers[0]], numbers[0]),)
    if len(numbers) > 1 and not patents:
        return EvidenceFile(s.path, s.name, "ambiguous", candidates=tuple(numbers), **base)
    if not patents:
        strangers = tuple(dict.fromkeys(n for n in s.name_numbers + labelled if n not in known))
        code, params = ("EVIDENCE_NUMBER_UNKNOWN", {"numbers": "、".join(strangers)}) if strangers else \
            ("EVIDENCE_NO_NUMBER", {})
        return EvidenceFile(s.path, s.name, "unmatched", candidates=strangers, code=code, params=params, **base)
    todo = tuple(p for p in patents if (p[0], sha) not in already)
    if not todo and not owner:
        return EvidenceFile(s.path, s.name, "already", patents=patents, how=how, **base)
    return EvidenceFile(s.path, s.name, "matched", patents=todo or patents, how=how, owner=owner, **base)


def _consent_owner(s: _Seen, numbers: list[str], known: dict[str, int], owners: dict[str, Any],
                   how: str) -> tuple[str, tuple[tuple[int, str], ...], str]:
    """The co-owner a consent letter is from, and the patents it covers (see the module docstring)."""
    from openlic_desktop.services.coowner_consents import name_key

    haystack = name_key(s.path.name) + "\n" + name_key(s.text or "")
    named = [co for key, co in owners.items() if key and key in haystack]
    if numbers:
        if len(numbers) > 1:
            return "", (), how
        pid = known[numbers[0]]
        mine = [co for co in named if pid in dict(co.patents)]
        theirs = [co for co in owners.values() if pid in dict(co.patents)]
        owner = mine[0] if len(mine) == 1 else (theirs[0] if len(theirs) == 1 else None)
        return (owner.name if owner else ""), ((pid, numbers[0]),), how
    in_name = [co for co in named if name_key(co.name) in name_key(s.path.name)] or named
    if len(in_name) == 1:
        return in_name[0].name, tuple(in_name[0].patents), "owner"
    return "", (), how


def _owners(ws: Workspace) -> dict[str, Any]:
    from openlic_desktop.services.coowner_consents import co_owners_of, name_key

    return {name_key(co.name): co for co in co_owners_of(ws)}


def _known(ws: Workspace, numbers: set[str]) -> dict[str, int]:
    if not numbers:
        return {}
    with ws.reading() as session:
        return patent_repo.ids_by_number(session, sorted(numbers))


def _already(ws: Workspace, kind: str, ids: set[int], shas: set[str]) -> set[tuple[int, str]]:
    from sqlalchemy import select

    from openlic_desktop.storage.models_readiness import Attachment

    if not ids or not shas:
        return set()
    with ws.reading() as session:
        return {(pid, sha) for pid, sha in session.execute(
            select(Attachment.patent_id, Attachment.sha256).where(Attachment.kind == kind,
                                                                  Attachment.sha256.in_(sorted(shas))))
                if pid in ids}


@dataclass
class FolderResult:
    preview: FolderPreview
    attached: list[attachments.AttachmentInfo]
    consents: dict[str, list[str]] = field(default_factory=dict)  # owner → numbers whose consent is now on file


def attach(ws: Workspace, plan: FolderPreview, progress: Progress | None = None,
           source: str | None = None) -> FolderResult:
    """Attach every matched file of the preview (one transaction; nothing when it fails or is cancelled)."""
    from openlic_desktop.services.coowner_consents import record_in_session

    planned: list[attachments.PlannedAttachment] = []
    for f in plan.of("matched"):
        d = f.details or ReportDetails()
        extra = {"conclusion": d.conclusion, "report_no": d.report_no, "report_date": d.report_date,
                 "claims": d.claims if d.conclusion == "unfavourable" else ""} if plan.kind in REPORT_KINDS else {}
        planned += [attachments.PlannedAttachment(pid, f.path, f.sha256, plan.kind, **extra) for pid, _ in f.patents]
    consents: dict[str, list[str]] = {}

    def record(session, _numbers: dict[int, str]) -> None:
        for f in plan.of("matched"):
            if f.owner:
                done, _same = record_in_session(session, ws, f.owner, list(f.patents), None, f.sha256, source)
                consents.setdefault(f.owner, []).extend(done)

    added = attachments.add_many(ws, planned, source=source, progress=progress,
                                 in_transaction=record if plan.kind == "consent" else None)
    return FolderResult(plan, added, consents)


def attach_folder(ws: Workspace, folder: str | Path, kind: str, progress: Progress | None = None,
                  source: str | None = None) -> FolderResult:
    return attach(ws, preview(ws, folder, kind), progress, source)

