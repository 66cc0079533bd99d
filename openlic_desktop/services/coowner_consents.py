"""Consents by co-owner: one co-owner's written consent recorded for every patent it shares with the office (or a
selection), its signed letter attached once per patent, and its consent letter drafted for all of them at once.

Who is a co-owner is the readiness rules' own notion (domain.readiness.co_owners: every patentee but the office);
names are compared after NFKC, without white space and with either kind of bracket, so "比亚迪股份有限公司 " and a
full-width-bracket spelling meet; what is stored is the patentee's name as the patent records it (the rule compares
exact strings). One transaction: every consent and every attachment, or none. Thread rule: any thread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.readiness import co_owners
from openlic_desktop.services import attachments
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.services.licensing import patentees as patentee_book
from openlic_desktop.services.readiness import resolve_ids, rule_context
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import attachment_store as store
from openlic_desktop.storage import audit
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.models_readiness import Attachment, CoownerConsent
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.files import atomic_write_bytes

TYPE_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}


def name_key(name: str) -> str:
    """How two spellings of one name are compared (not stored)."""
    text = unicodedata.normalize("NFKC", name)
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


@dataclass(frozen=True)
class CoOwner:
    name: str                              # as the patents record it
    patents: tuple[tuple[int, str], ...]   # (id, application number) it co-owns with the office
    missing: tuple[int, ...]               # ids among them without its consent on file


def co_owners_of(ws: Workspace, patent_ids: Sequence[int] | None = None) -> list[CoOwner]:
    """Every co-owner of these patents (all when None), with the patents it shares and where consent is missing;
    the largest first."""
    own = rule_context(profile_service.get_profile(None)).own_names
    by_owner: dict[str, list[tuple[int, str]]] = {}
    names: dict[str, str] = {}
    with ws.reading() as session:
        stmt = select(Patent.id, Patent.application_number, Patent.patentees)
        rows = list(session.execute(stmt)) if patent_ids is None else [
            r for start in range(0, len(patent_ids), 900)
            for r in session.execute(stmt.where(Patent.id.in_(list(patent_ids[start:start + 900]))))]
        consents = {(pid, owner) for pid, owner in session.execute(
            select(CoownerConsent.patent_id, CoownerConsent.owner))}
    for pid, number, patentees in sorted(rows, key=lambda r: r[1]):
        facts = PatentFacts(parse_application_number(number), patentees=list(patentees or []))
        for owner in co_owners(facts, own):
            key = name_key(owner)
            names.setdefault(key, owner)
            by_owner.setdefault(key, []).append((pid, number))
    out = []
    for key, pairs in by_owner.items():
        owner = names[key]
        missing = tuple(pid for pid, _ in pairs if (pid, owner) not in consents)
        out.append(CoOwner(owner, tuple(pairs), missing))
    return sorted(out, key=lambda c: (-len(c.missing), -len(c.patents), c.name))


def find_co_owner(ws: Workspace, owner: str) -> CoOwner:
    key = name_key(owner)
    everyone = co_owners_of(ws)
    for c in everyone:
        if name_key(c.name) == key:
            return c
    close = [c.name for c in everyone if key and (key in name_key(c.name) or name_key(c.name) in key)]
    raise InputError("OWNER_NOT_CO_OWNER", owner=owner.strip(),
                     known="、".join(close or [c.name for c in everyone[:5]]) or "—")


@dataclass
class ConsentOutcome:
    owner: str
    done: list[str] = field(default_factory=list)        # consent newly on file
    unchanged: list[str] = field(default_factory=list)   # already on file (date / letter unchanged)
    attached: int = 0


def record_owner_consent(ws: Workspace, owner: str, patents: Sequence[int | str] | None = None,
                         consent_date: date | None = None, file: str | Path | None = None,
                         source: str | None = None) -> ConsentOutcome:
    """`owner` consents for `patents` (None: every patent it co-owns). Refused, with nothing written, when a named
    patent is not co-owned by it; the signed letter `file` is attached (kind consent) to each patent."""
    co = find_co_owner(ws, owner)
    shared = dict(co.patents)
    if patents is None:
        chosen = list(co.patents)
    else:
        with ws.reading() as session:
            chosen = resolve_ids(session, patents)
        for pid, number in chosen:
            if pid not in shared:
                with ws.reading() as session:
                    names = session.execute(select(Patent.patentees).where(Patent.id == pid)).scalar_one() or []
                raise InputError("CONSENT_NOT_COOWNER", owner=co.name, number=number, patentees="；".join(names))
    if not chosen:
        raise InputError("BAD_ARGUMENT", reason="no patent to record the consent for")
    outcome = ConsentOutcome(co.name)
    planned: list[attachments.PlannedAttachment] = []
    sha = ""
    if file is not None:
        checked = store.check_file(Path(file))
        sha = checked.sha256
        planned = [attachments.PlannedAttachment(pid, Path(file), sha, "consent") for pid, _ in chosen]

    def record(session, _numbers: dict[int, str]) -> None:
        done, unchanged = record_in_session(session, ws, co.name, chosen, consent_date, sha, source)
        outcome.done += done
        outcome.unchanged += unchanged

    added = attachments.add_many(ws, planned, source=source, in_transaction=record)
    outcome.attached = len(added)
    return outcome


def record_in_session(session, ws: Workspace, owner: str, chosen: Sequence[tuple[int, str]],
                      consent_date: date | None, letter_sha256: str = "",
                      source: str | None = None) -> tuple[list[str], list[str]]:
    """Write `owner`'s consents for these (id, number) pairs inside the caller's transaction, linking the letter
    attached with this content (kind consent) where there is one. Returns (numbers done, numbers unchanged)."""
    ids = [pid for pid, _ in chosen]
    letters = {pid: aid for aid, pid in session.execute(
        select(Attachment.id, Attachment.patent_id).where(
            Attachment.kind == "consent", Attachment.sha256 == letter_sha256,
            Attachment.patent_id.in_(ids)))} if letter_sha256 else {}
    existing = {r.patent_id: r for r in session.execute(select(CoownerConsent).where(
        CoownerConsent.owner == owner, CoownerConsent.patent_id.in_(ids))).scalars()}
    done, unchanged, entries, now = [], [], [], datetime.now(UTC)
    for pid, number in chosen:
        row = existing.get(pid)
        letter = letters.get(pid)
        if row is None:
            session.add(CoownerConsent(patent_id=pid, owner=owner, consent_date=consent_date, attachment_id=letter,
                                       recorded_by=ws.user, recorded_at=now))
            entries.append(audit.AuditEntry("patent", pid, number, "consent", owner, None,
                                            consent_date.isoformat() if consent_date else "on file"))
            done.append(number)
            continue
        changed = False
        if letter is not None and row.attachment_id != letter:
            row.attachment_id, changed = letter, True
        if consent_date is not None and row.consent_date != consent_date:
            entries.append(audit.AuditEntry("patent", pid, number, "consent", owner,
                                            row.consent_date.isoformat() if row.consent_date else None,
                                            consent_date.isoformat()))
            row.consent_date, changed = consent_date, True
        (done if changed else unchanged).append(number)
    if entries:
        audit.append(session, ws.user, source or ws.source, entries)
    return done, unchanged


def letter_file_name(owner: str) -> str:
    """The name a consent letter is saved under by default."""
    from openlic_desktop.documents.package import sanitise_component

    return sanitise_component(f"共有人同意书_{owner}.docx")


@dataclass(frozen=True)
class ConsentLetter:
    """A consent letter written: where, which patents it lists, and those of the co-owner's patents it leaves out
    (application numbers) because they have no licence fee terms yet (CONSENT_LETTER_NOT_PRICED)."""

    path: Path
    listed: tuple[str, ...]
    left_out: tuple[str, ...] = ()


def consent_letter(ws: Workspace, owner: str, target: str | Path, patents: Sequence[int | str] | None = None,
                   day: date | None = None, profile_code: str | None = None) -> ConsentLetter:
    """The co-owner's consent letter for all the patents it co-owns (or those named), written atomically. The
    letter agrees to the terms "as filed", so it lists only patents with licence fee terms: of all the co-owned
    ones the others are left out (and named in the result); a patent named without terms is refused."""
    from openlic_desktop.documents.consent_letter import SharedPatent
    from openlic_desktop.documents.consent_letter import consent_letter as build
    from openlic_desktop.storage import licensing as licensing_repo
    from openlic_desktop.storage import patents as patent_repo
    from openlic_desktop.support import settings as settings_module

    co = find_co_owner(ws, owner)
    shared = dict(co.patents)
    if patents is None:
        ids = [pid for pid, _ in co.patents]
    else:
        with ws.reading() as session:
            ids = [pid for pid, _ in resolve_ids(session, patents)]
        outside = [pid for pid in ids if pid not in shared]
        if outside:
            raise InputError("CONSENT_NOT_COOWNER", owner=co.name, number=str(outside[0]), patentees="—")
    with ws.reading() as session:
        priced = set(licensing_repo.priced_patent_ids(session))
        facts = patent_repo.get_facts_by_ids(session, ids)
    left_out = [pid for pid in ids if pid not in priced]
    if patents is not None and left_out:
        raise InputError("CONSENT_LETTER_NOT_PRICED", value=facts[left_out[0]].number.canonical)
    ids = [pid for pid in ids if pid in priced]
    if not ids:
        raise InputError("CONSENT_LETTER_NOTHING_PRICED", owner=co.name, count=len(left_out))
    rows = [SharedPatent(facts[pid].number.patent_number, facts[pid].title,
                         TYPE_ZH.get(facts[pid].patent_type.value, ""), "、".join(facts[pid].patentees))
            for pid in ids]
    profile = profile_service.get_profile(profile_code)
    office = settings_module.load().office.name
    person = co.name in patentee_book.natural_persons(ws)
    data = build(co.name, office, profile.bureau, rows, day or date.today(), person=person)
    target = Path(target)
    atomic_write_bytes(target, data)
    return ConsentLetter(target, tuple(facts[pid].number.canonical for pid in ids),
                         tuple(facts[pid].number.canonical for pid in left_out))
