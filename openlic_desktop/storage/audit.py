"""The append-only, hash-chained audit trail.

Each record's hash seals the previous record's hash and a canonical JSON of its own body, so an edit or removal
made behind the app's back breaks the chain at that point. The seal is HMAC-SHA-256 under a key that lives only in
the OS keyring (the workspace hands its keys to the session: `session.info[KEYS]`, see services.audit_keys), so
someone with the database file alone cannot recompute the chain after an edit; `audit_keys` rows say which key
sealed which records (plain SHA-256 where none: records from before the keyed chain, or written on a computer
without a keyring). The head (count, last id, last hash) is anchored outside the database by the services, and
`check_head` compares a database with such an anchor: a cut tail, an emptied table or a rewritten chain show there.

Appending is done inside the caller's transaction; writing transactions hold the database's write lock from their
start (`engine.begin_writing`, taken by `Workspace.session()`), so two of them never chain to the same previous
record.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple, Protocol

from sqlalchemy import and_, func, insert, inspect, or_, select
from sqlalchemy.orm import Session

from openlic_desktop.storage.models import AuditKey, AuditRecord, Patent
from openlic_desktop.storage.models_readiness import SignOff

GENESIS = "0" * 64
KEYS = "openlic_audit_keys"  # session.info: the ChainKeys of the workspace that opened the session
APPENDED = "openlic_audit_appended"  # session.info: set when the session appended records (the head moved)


class ChainKeys(Protocol):
    """The keys a session may seal and check records with (services.audit_keys keeps them in the OS keyring)."""

    def signing(self) -> tuple[str, bytes] | None:
        """(key id, key) this computer seals new records with, made on first use; None: no keyring here."""

    def get(self, key_id: str) -> bytes | None:
        """The key with that id, if this computer has it."""


def key_id_of(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


def seal(prev_hash: str, body: str, key: bytes | None) -> str:
    """A record's hash: HMAC-SHA-256 under `key`, or plain SHA-256 without one."""
    return Sealer(key)(prev_hash, body)


class Sealer:
    """`seal` for many records under one key: the HMAC's keyed state is made once and copied per record (a third
    of the cost of a fresh HMAC each time, which an import's 150,000 records notice)."""

    def __init__(self, key: bytes | None) -> None:
        self._keyed = hmac.new(key, digestmod=hashlib.sha256) if key is not None else None

    def __call__(self, prev_hash: str, body: str) -> str:
        data = (prev_hash + body).encode("utf-8")
        if self._keyed is None:
            return hashlib.sha256(data).hexdigest()
        mac = self._keyed.copy()
        mac.update(data)
        return mac.hexdigest()


class AuditEntry(NamedTuple):
    """One change to record (values already turned into text by the caller). A named tuple, in the order of a
    record's body after its time, user and source: an import makes one per changed fact (9,688 for 5,000 changed
    rows), and a frozen dataclass cost 1.5 µs each to make against 0.5."""

    entity: str
    entity_id: int | None
    entity_key: str
    action: str
    field: str = ""
    old: str | None = None
    new: str | None = None


# the canonical JSON of a record's body, by one encoder made once (json.dumps with options makes one per call:
# half of the 5.7 µs a record took)
_BODY_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _at_text(at: datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat()


def _body(at: datetime, user: str, source: str, e: AuditEntry) -> str:
    return _body_at(_at_text(at), user, source, e)


def _body_at(at: str, user: str, source: str, e: AuditEntry) -> str:
    """The body of a record written at `at` (as _at_text gives it): what the seal covers."""
    return _BODY_JSON.encode([at, user, source, e.entity, e.entity_id, e.entity_key, e.action, e.field, e.old,
                              e.new])


def chain_hash(prev_hash: str, body: str) -> str:
    """The plain SHA-256 seal (records without a key)."""
    return seal(prev_hash, body, None)


def last_hash(session: Session) -> str:
    value = session.execute(select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)).scalar()
    return value or GENESIS


def last_id(session: Session) -> int:
    """The id of the latest audit record (0 for an empty trail)."""
    return session.execute(select(func.max(AuditRecord.id))).scalar() or 0


def _segments(session: Session) -> list[tuple[int, str | None]]:
    """(after_id, key_id) in order; empty for a database from before the keyed chain (or a backup of one)."""
    if not inspect(session.connection()).has_table("audit_keys"):
        return []
    return [(a, k) for a, k in session.execute(select(AuditKey.after_id, AuditKey.key_id)
                                                .order_by(AuditKey.after_id, AuditKey.id))]


def _sealing_key(session: Session) -> bytes | None:
    """The key new records are sealed with, starting a new segment when it changes: the current segment's key
    when this computer has it (one key for a database shared between computers that imported it), else this
    computer's own key (made on first use), else none (no keyring: plain SHA-256)."""
    if not inspect(session.connection()).has_table("audit_keys"):
        return None  # a database from before the keyed chain (a file still at an old revision)
    keys: ChainKeys | None = session.info.get(KEYS)
    segments = _segments(session)
    current = segments[-1][1] if segments else None
    if keys is not None and current is not None:
        key = keys.get(current)
        if key is not None:
            return key
    signing = keys.signing() if keys is not None else None
    wanted = signing[0] if signing else None
    if wanted != current and (segments or wanted is not None):
        note = "" if wanted else "no keyring on this computer"
        session.add(AuditKey(after_id=last_id(session), key_id=wanted, created_at=datetime.now(UTC), note=note))
        session.flush()
    return signing[1] if signing else None


def append(session: Session, user: str, source: str, entries: Iterable[AuditEntry]) -> int:
    """Append entries in order; returns how many. One bulk insert, so an import's trail costs little."""
    entries = list(entries)
    if not entries:
        return 0
    at = datetime.now(UTC).replace(microsecond=0)
    sealer = Sealer(_sealing_key(session))
    prev = head = last_hash(session)
    at_text = _at_text(at)  # one time for the whole batch
    # (entity, entity_id, entity_key, action, field, old, new, prev_hash, hash) of each record
    rows = []
    encode = _BODY_JSON.encode
    for e in entries:
        # _body_at's body, inlined: an entry's fields are the body's last seven, in order
        digest = sealer(prev, encode([at_text, user, source, *e]))
        rows.append((*e, prev, digest))
        prev = digest
    # what the workspace needs to anchor the new head without counting the whole trail: the head it continued
    # from, how many it added (several appends in one session add up), and the new last hash
    first = session.info.get(APPENDED)
    session.info[APPENDED] = (first[0] if first else head, (first[1] if first else 0) + len(rows), prev)
    table = AuditRecord.__table__
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        session.connection().execute(insert(table), [dict(zip(_ROW_NAMES, row, strict=True), at=at, user=user,
                                                          source=source) for row in rows])
        return len(rows)
    # SQLite: straight to the DB-API (an import's trail can be 150,000 records: SQLAlchemy's per-row parameter
    # processing cost more than the hashing), with the one timestamp in the form SQLAlchemy itself stores
    stamp = table.c.at.type.dialect_impl(bind.dialect).bind_processor(bind.dialect)(at)
    session.connection().exec_driver_sql(
        f"INSERT INTO audit_log (at, user, source, {', '.join(_ROW_NAMES)}) "
        f"VALUES ({', '.join('?' * (len(_ROW_NAMES) + 3))})",
        [(stamp, user, source, *row) for row in rows])
    return len(rows)


_ROW_NAMES = ("entity", "entity_id", "entity_key", "action", "field", "old", "new", "prev_hash", "hash")


@dataclass(frozen=True)
class ChainBreak:
    record_id: int
    # "edited" (its content changed) | "broken_link" (a record before it was removed or altered) |
    # "truncated" / "emptied" / "rewritten" (the trail no longer holds an anchored head) |
    # "signoff_restamped" (a sign-off's fingerprint is not the one its audit record sealed)
    reason: str


@dataclass(frozen=True)
class Head:
    """Where the chain ends: how many records, the last one's id and hash. Anchored outside the database."""

    count: int
    last_id: int
    last_hash: str

    def to_json(self) -> dict[str, object]:
        return {"count": self.count, "last_id": self.last_id, "last_hash": self.last_hash}

    @classmethod
    def from_json(cls, raw: object) -> Head | None:
        try:
            return cls(int(raw["count"]), int(raw["last_id"]), str(raw["last_hash"]))  # type: ignore[index]
        except (KeyError, TypeError, ValueError):
            return None


@dataclass
class ChainReport:
    count: int = 0
    breaks: list[ChainBreak] = field(default_factory=list)
    keyed: int = 0       # records sealed with a key (HMAC)
    unverified: int = 0  # records sealed with a key this computer does not have: links checked, content not
    head: Head = field(default_factory=lambda: Head(0, 0, GENESIS))


def head_after(session: Session, anchored: Head | None, appended: tuple[str, int, str]) -> Head:
    """The head after a session that appended `appended` = (hash it continued from, records added, last hash): the
    anchored count plus what was added when it continued from the anchored head (no count of the whole trail, so an
    edit stays cheap however long the trail); counted afresh otherwise (another writer came in between)."""
    start, added, last = appended
    if anchored is not None and anchored.last_hash == start:
        top = session.execute(select(AuditRecord.id, AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)).first()
        if top is not None and top[1] == last:  # nothing appended since, by anyone
            return Head(anchored.count + added, top[0], last)
    return head(session)


def head(session: Session) -> Head:
    count = session.execute(select(func.count(AuditRecord.id))).scalar_one()
    last = session.execute(select(AuditRecord.id, AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)).first()
    return Head(count, last[0], last[1]) if last else Head(0, 0, GENESIS)


def verify(session: Session, keys: ChainKeys | None = None) -> tuple[int, list[ChainBreak]]:
    """(records checked, breaks found): `check_chain` in short."""
    report = check_chain(session, keys)
    return report.count, report.breaks


def check_chain(session: Session, keys: ChainKeys | None = None) -> ChainReport:
    """Walk the whole chain (each record under its segment's key: `keys`, else the session's workspace's) and
    the sign-offs against their records."""
    walk = ChainWalk()
    walk_chain(session, walk, keys)
    return finish_walk(session, walk)


@dataclass
class ChainWalk:
    """How far a walk of the chain has come, to go on from there — in this session or a later one (the window's
    check gives way to the user's work and resumes): the last record checked, its hash, and what was found. Holds
    no records: the walk reads them a chunk at a time."""

    after_id: int = 0
    prev: str = GENESIS
    report: ChainReport = field(default_factory=ChainReport)


# what a record's check needs, in the order of its body after (at, user, source): read as plain rows, a chunk at a
# time (ORM objects for a 150,000-record trail cost more than the hashing)
_WALKED = (AuditRecord.id, AuditRecord.prev_hash, AuditRecord.hash, AuditRecord.at, AuditRecord.user,
           AuditRecord.source, AuditRecord.entity, AuditRecord.entity_id, AuditRecord.entity_key,
           AuditRecord.action, AuditRecord.field, AuditRecord.old, AuditRecord.new)
WALK_CHUNK = 2000


def walk_chain(session: Session, walk: ChainWalk, keys: ChainKeys | None = None,
               stop: Callable[[], bool] | None = None, chunk: int = WALK_CHUNK) -> bool:
    """Check the chain's records after `walk.after_id`, `chunk` at a time (keyset: memory stays that of one chunk
    however long the trail), into `walk`. `stop()` is asked after each chunk: True leaves `walk` where it got to
    and returns False; True when the walk reached the end of the trail."""
    keys = keys if keys is not None else session.info.get(KEYS)
    if walk.after_id and session.execute(select(AuditRecord.hash).where(AuditRecord.id == walk.after_id)
                                         ).scalar() != walk.prev:
        # the trail is not the one the walk stopped in (a backup restored meanwhile): from the start again
        walk.after_id, walk.prev, walk.report = 0, GENESIS, ChainReport()
    segments = _segments(session)
    found: dict[str, Sealer | None] = {}
    plain = Sealer(None)

    def sealer_for(key_id: str) -> Sealer | None:
        if key_id not in found:
            key = keys.get(key_id) if keys is not None else None
            found[key_id] = Sealer(key) if key is not None else None
        return found[key_id]

    report = walk.report
    encode = _BODY_JSON.encode
    position = -1  # the segment of the current record: segments[position], or plain before the first
    while True:
        rows = session.execute(select(*_WALKED).where(AuditRecord.id > walk.after_id)
                               .order_by(AuditRecord.id).limit(chunk)).all()
        for rid, prev_hash, digest, at, user, source, *entry in rows:
            report.count += 1
            while position + 1 < len(segments) and rid > segments[position + 1][0]:
                position += 1
            key_id = segments[position][1] if position >= 0 else None
            if prev_hash != walk.prev:
                report.breaks.append(ChainBreak(rid, "broken_link"))
            if key_id is None:
                sealer: Sealer | None = plain
            else:
                report.keyed += 1
                sealer = sealer_for(key_id)
                if sealer is None:
                    report.unverified += 1
            # _body's body, inlined as append does
            if sealer is not None and sealer(prev_hash, encode([_at_text(at), user, source, *entry])) != digest:
                report.breaks.append(ChainBreak(rid, "edited"))
            walk.prev, walk.after_id = digest, rid
        if rows:
            report.head = Head(report.count, walk.after_id, walk.prev)
        if len(rows) < chunk:
            return True
        if stop is not None and stop():
            return False


def finish_walk(session: Session, walk: ChainWalk) -> ChainReport:
    """The report of a walk that reached the end: with the sign-offs checked against their sealed records."""
    walk.report.breaks.extend(restamped_signoffs(session))
    return walk.report


def check_head(session: Session, anchored: Head) -> list[ChainBreak]:
    """Does the trail still hold this anchored head — the same record at the same place with the same hash?"""
    if anchored.count == 0:
        return []
    total = session.execute(select(func.count(AuditRecord.id))).scalar_one()
    if total == 0:
        return [ChainBreak(anchored.last_id, "emptied")]
    at_head = session.execute(select(AuditRecord.hash).where(AuditRecord.id == anchored.last_id)).scalar()
    upto = session.execute(select(func.count(AuditRecord.id)).where(AuditRecord.id <= anchored.last_id)).scalar_one()
    if at_head is None or upto < anchored.count:
        return [ChainBreak(anchored.last_id, "truncated")]
    if at_head != anchored.last_hash or upto != anchored.count:
        return [ChainBreak(anchored.last_id, "rewritten")]
    return []


SIGNOFF_ACTIONS = ("signoff", "revoke_signoff")


def audited_signoffs(session: Session, patent_ids: Iterable[int] | None = None) -> dict[tuple[int, str, str], tuple[int, str | None]]:
    """{(patent id, application number, role): (record id, fingerprint or None when revoked)} from the latest
    sign-off record of each — what the sealed trail says each sign-off covers."""
    stmt = (select(AuditRecord.id, AuditRecord.entity_id, AuditRecord.entity_key, AuditRecord.action,
                   AuditRecord.field, AuditRecord.new)
            .where(AuditRecord.entity == "patent", AuditRecord.action.in_(SIGNOFF_ACTIONS))
            .order_by(AuditRecord.id))
    out: dict[tuple[int, str, str], tuple[int, str | None]] = {}
    ids = None if patent_ids is None else list(patent_ids)
    parts = [None] if ids is None else [ids[i:i + 900] for i in range(0, len(ids), 900)]
    for part in parts:
        query = stmt if part is None else stmt.where(AuditRecord.entity_id.in_(part))
        for rid, pid, number, action, role, new in session.execute(query):
            out[(pid, number, role)] = (rid, new if action == "signoff" else None)
    return out


def restamped_signoffs(session: Session) -> list[ChainBreak]:
    """Sign-offs whose stored fingerprint is not the one their latest audit record sealed (written by hand)."""
    latest: dict[tuple[int, str], str] = {}
    for pid, role, fingerprint in session.execute(select(SignOff.patent_id, SignOff.role, SignOff.fingerprint)
                                                  .order_by(SignOff.id)):
        latest[(pid, role)] = fingerprint
    if not latest:
        return []
    numbers = dict(session.execute(select(Patent.id, Patent.application_number)
                                   .where(Patent.id.in_({pid for pid, _role in latest}))).all())
    sealed = audited_signoffs(session)
    out = []
    for (pid, role), fingerprint in sorted(latest.items()):
        record = sealed.get((pid, numbers.get(pid, ""), role))
        if record is None or record[1] != fingerprint:
            out.append(ChainBreak(record[0] if record else 0, "signoff_restamped"))
    return out


@dataclass(frozen=True)
class HistoryLine:
    """One line of a patent's history, as the faces show it (`at`: ISO 8601 text)."""

    at: str
    user: str
    source: str
    action: str
    field: str
    old: str | None
    new: str | None


# the entity id of the demo's records of the patents it created (entity "demo"): it has no source row, and no row
# of any table has the id 0, so that its records are found through the entity id's index
DEMO_CREATED = 0


def patent_history(session: Session, patent_id: int) -> list[HistoryLine]:
    """A patent's history: its own records, and the import record that created it. An import audits its
    creations as one record per chunk naming every number it created (`entity` "import", `new` a JSON list), so
    that record — among those of the import that created this patent only — is shown as this patent's "create",
    with the file name as its value. The demo does the same (`entity` "demo", DEMO_CREATED): a patent not imported
    shows the last demo record naming its number (a demo loaded again over the first makes the same numbers)."""
    found = session.execute(select(Patent.application_number, Patent.created_source_id)
                            .where(Patent.id == patent_id)).first()
    if found is None:
        return []
    # by id AND number: SQLite gives the ids of deleted rows (the newest, e.g. after an import was undone) to the
    # next patents created, and a new patent must not show a deleted one's records
    mine = and_(AuditRecord.entity == "patent", AuditRecord.entity_id == patent_id,
                AuditRecord.entity_key == found.application_number)
    # the record of the chunk that created it: its import's, else the demo's (a patent added by hand has its own)
    entity, entity_id = (("import", found.created_source_id) if found.created_source_id is not None
                         else ("demo", DEMO_CREATED))
    mine = or_(mine, and_(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id,
                          AuditRecord.action == "create",
                          AuditRecord.new.contains(json.dumps(found.application_number), autoescape=True)))
    out: list[HistoryLine] = []
    demo: list[HistoryLine] = []
    for r in session.execute(select(AuditRecord).where(mine).order_by(AuditRecord.id)).scalars():
        if r.entity == "import":
            out.append(HistoryLine(r.at.isoformat(), r.user, r.source, "create", "", None, r.entity_key))
        elif r.entity == "demo":
            demo.append(HistoryLine(r.at.isoformat(), r.user, r.source, "create", "", None, None))
            out.append(demo[-1])
        else:
            out.append(HistoryLine(r.at.isoformat(), r.user, r.source, r.action, r.field, r.old, r.new))
    earlier = {id(line) for line in demo[:-1]}  # by identity: two lines may read alike
    return [line for line in out if id(line) not in earlier]


def history(session: Session, entity: str, entity_id: int) -> list[AuditRecord]:
    return list(session.execute(
        select(AuditRecord).where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
        .order_by(AuditRecord.id)).scalars())
