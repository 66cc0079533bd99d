"""Writing an import: the verdicts of each chunk into the portfolio, the audit trail and the import history.

* New and changed patents go through the one writer of the table (`storage.patents.PatentWriter`: one facts→row
  function, executemany batches); unchanged rows whose stored digest is missing or stale get theirs stamped.
* Every change goes to the audit trail with source "import": one "create" record per chunk naming the numbers it
  created (each patent's history shows it), one "update" record per changed field (old → new). The run is
  recorded in `import_sources` (file, SHA-256, counts, who, and the range of its audit records, which undo reads).
* A load that is large for the table drops the secondary indexes of `patents` and builds them once before the
  commit (`storage.import_bulk.IndexPause`); updates drop the row-digest trigger, which they would never fire, and
  make it again before the commit (`storage.import_bulk.DigestTriggerPause`).

Never commits: the job's one transaction does, or rolls everything back.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import Any

from openlic_desktop.services.importing.judge import Verdicts
from openlic_desktop.storage import audit
from openlic_desktop.storage import import_bulk as bulk
from openlic_desktop.storage.patents import PatentWriter


def start_source(session: Any, file_name: str, sha256: str, sheet: str, user: str, parsed_on: date) -> tuple[int, int]:
    """Record the run in the history; returns (its id, the id its first audit record will have). The
    transaction holds the write lock from here on, so the records that follow are this import's (undo)."""
    source_id = bulk.add_source(session, file_name, sha256, sheet, user, parsed_on=parsed_on)
    return source_id, audit.last_id(session) + 1


def finish_source(session: Any, source_id: int, audit_from: int, **counts: int) -> None:
    bulk.finish_source(session, source_id, audit_from=audit_from, audit_to=audit.last_id(session), **counts)


class Writer:
    """One import's writes, chunk by chunk, inside the job's transaction."""

    def __init__(self, session: Any, user: str, source_id: int | None, file_name: str, existing: int) -> None:
        self.session, self.user, self.source_id, self.file_name = session, user, source_id, file_name
        self.patents = PatentWriter(session)
        self.existing = existing  # patents in the table before the import
        self.indexes = bulk.IndexPause(session)
        self.digest_trigger = bulk.DigestTriggerPause(session)
        self.writes_done = 0  # rows created or updated so far (the index pause's estimate)

    def write(self, verdicts: Verdicts, rows_left: int, rows_done: int) -> None:
        """One chunk's writes. `rows_done`/`rows_left`: sheet rows read so far (rows recognised by digest and
        skipped ones included) and still to come (0 when the sheet does not say).

        (Measured: handing the writes to a writer thread while this one normalises the next chunk made the import
        slower, 3.44 s against 3.15 s for 50,000 rows — the GIL, not SQLite, is the limit.)"""
        new, updates = verdicts.new, verdicts.updates
        self.writes_done += len(new) + len(updates)
        if new or updates:
            # the rows this import will write: those written so far, and the rest of the sheet at the rate of the
            # sheet rows read so far (rows known by digest never reach a chunk: a rate per chunk row took a
            # re-import changing one row in ten for one rewriting them all). Asked again at each chunk, so a
            # load whose changes come late, or a sheet that does not say its height, still gets the pause.
            expected = self.writes_done + self.writes_done * max(rows_left, 0) // max(rows_done, 1)
            self.indexes.pause_if_worth_it(expected, self.existing)
        session = self.session
        entries = [audit.AuditEntry("patent", pid, number, "update", c.field, c.old, c.new)
                   for pid, number, changes in verdicts.changes for c in changes]
        patents = self.patents
        if new:
            patents.insert([patents.row(number, fields) for number, fields, _digest, _mask in new], self.source_id,
                           [(digest, mask) for _number, _fields, digest, mask in new])
            # creations are audited per chunk: one record naming every number this import created
            entries.append(audit.AuditEntry("import", self.source_id, self.file_name, "create", "patents", None,
                                            json.dumps([row[0].canonical for row in new])))
        if updates:
            self.digest_trigger.pause()  # these updates write their rows' digests themselves
            # only the facts that changed are written, one executemany per set of changed facts: rewriting
            # whole rows updated every index and the search index of every changed patent
            changed = {pid: frozenset(c.field for c in changes) for pid, _number, changes in verdicts.changes}
            groups: dict[frozenset[str], list[Any]] = defaultdict(list)
            for update in updates:
                groups[changed[update[0]]].append(update)
            for fields, group in groups.items():
                patents.update([(pid, patents.row(number, facts)) for pid, number, facts, _digest, _mask in group],
                               self.source_id, [(digest, mask) for *_written, digest, mask in group], fields)
        patents.stamp(verdicts.stamps)
        if entries:
            audit.append(session, self.user, "import", entries)

    def finish(self) -> None:
        """Build the paused indexes and the digest trigger again (inside the transaction: a rollback puts them
        back as they were)."""
        self.indexes.resume()
        self.digest_trigger.resume()
