"""Tamper evidence that holds: the audit chain is keyed (HMAC, the key in the OS keyring — here keyrings.alt's file
backend, a real one) and its head (count and last hash) is anchored outside the database (the user config folder,
each backup's sidecar, each package manifest).

Attacks, as someone with the database file but not the user's keyring would make them: cut the tail, empty the
table, edit a record and recompute the chain with the published algorithm, re-stamp a sign-off's fingerprint
after editing the facts it covers.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import date

import keyrings.alt.file
import pytest

from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.services import audit_trail, backup, portfolio, pricing, readiness
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage import audit, revisions
from openlic_desktop.storage.models import AuditRecord
from openlic_desktop.support import paths


def _changes(ws, n=4):
    numbers = [f.number.canonical for f in portfolio.list_patents(ws)[:n]]
    for i, number in enumerate(numbers):
        portfolio.set_fields(ws, number, {"contact_person": f"联系人{i}"})
    return numbers


def _sql(ws, *statements):
    con = sqlite3.connect(ws.path)
    try:
        for sql, *params in statements:
            con.execute(sql, *params)
        con.commit()
    finally:
        con.close()


def _recompute_chain(ws):
    """What an attacker with the file can do: hash every record again with SHA-256 over the previous hash and the
    record's body (the chain's published algorithm before it was keyed)."""
    con = sqlite3.connect(ws.path)
    try:
        rows = con.execute('SELECT id, at, "user", source, entity, entity_id, entity_key, action, field, old, new '
                           "FROM audit_log ORDER BY id").fetchall()
        prev = audit.GENESIS
        for rid, at, user, source, entity, entity_id, key, action, field, old, new in rows:
            from datetime import datetime

            body = audit._body(datetime.fromisoformat(at), user, source,
                               audit.AuditEntry(entity, entity_id, key, action, field, old, new))
            digest = hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
            con.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, rid))
            prev = digest
        con.commit()
    finally:
        con.close()


def _reasons(report):
    return {reason for _record, reason in report.breaks}


def test_an_untouched_trail_is_intact_and_keyed(demo_ws):
    _changes(demo_ws)
    report = audit_trail.verify(demo_ws)
    assert report.intact and report.records > 0
    assert report.keyed == report.records and report.unverified == 0


def test_a_truncated_tail_is_found(demo_ws):
    _changes(demo_ws)
    _sql(demo_ws, ("DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)",))
    report = audit_trail.verify(demo_ws)
    assert not report.intact and "truncated" in _reasons(report)


def test_an_emptied_table_is_found(demo_ws):
    _changes(demo_ws)
    _sql(demo_ws, ("DELETE FROM audit_log",))
    report = audit_trail.verify(demo_ws)
    assert not report.intact and "emptied" in _reasons(report)


def test_a_recomputed_chain_is_found_even_without_the_anchor(demo_ws):
    _changes(demo_ws)
    _sql(demo_ws, ("UPDATE audit_log SET new = '别人' WHERE id = (SELECT max(id) FROM audit_log)",))
    _recompute_chain(demo_ws)
    report = audit_trail.verify(demo_ws)
    assert not report.intact
    shutil.rmtree(paths.config_dir() / "audit_anchors")  # the attacker also removes the anchor: the key still tells
    report = audit_trail.verify(demo_ws)
    assert not report.intact and "edited" in _reasons(report)


def test_a_restamped_signoff_no_longer_passes(demo_ws):
    facts = next(f for f in portfolio.list_patents(demo_ws, status="in_force")
                 if f.patent_type.value == "invention" and len(f.patentees) == 1
                 and f.expiry_date and (f.expiry_date - date.today()).days > 3 * 365
                 and f.fees_paid_until and f.fees_paid_until >= date.today())
    number = facts.number.canonical
    portfolio.set_fields(demo_ws, number, {"contact_person": "王伟", "contact_phone": "0571-88888888"})
    pid = portfolio.detail(demo_ws, number).id
    pricing.set_terms(demo_ws, [pid], PricingTerms(PricingMode.FREE, term_months=12))
    readiness.confirm_commitments(demo_ws, [number])
    demo_ws.user = "alice"
    readiness.sign_off(demo_ws, [number], "preparer")
    demo_ws.user = "bob"
    readiness.sign_off(demo_ws, [number], "reviewer")
    assert readiness.check(demo_ws, [number])[0].ready
    # by hand: change the title, then stamp both sign-offs with the fingerprint of the changed facts
    _sql(demo_ws, ("UPDATE patents SET title = '被悄悄改过的名称' WHERE id = ?", (pid,)))
    restamped = readiness.current_fingerprint(demo_ws, pid)
    _sql(demo_ws, ("UPDATE signoffs SET fingerprint = ? WHERE patent_id = ?", (restamped, pid)))
    assert "SIGNOFF_STALE" in readiness.check(demo_ws, [number])[0].codes
    report = audit_trail.verify(demo_ws)
    assert not report.intact and "signoff_restamped" in _reasons(report)


def test_every_backup_carries_the_head_in_a_sidecar(demo_ws):
    _changes(demo_ws)
    taken = backup.daily_backup(demo_ws, today=date(2026, 11, 26))
    sidecar = json.loads(backup.sidecar_path(taken.path).read_text(encoding="utf-8"))
    head = audit_trail.verify(demo_ws).head
    assert sidecar["audit"] == {"count": head.count, "last_id": head.last_id, "last_hash": head.last_hash}
    # a backup whose tail was cut is refused against its own sidecar, even though its chain is whole
    con = sqlite3.connect(taken.path)
    con.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    con.commit()
    con.close()
    db_file = demo_ws.path
    demo_ws.close()
    with pytest.raises(Exception) as err:
        backup.restore(db_file, taken.path)
    assert getattr(err.value, "code", None) == "BACKUP_AUDIT_BROKEN"
    assert [b.kind for b in backup.list_backups(db_file)] == ["daily"]  # sidecars are not listed as backups


def test_verify_against_an_anchor_file(demo_ws, tmp_path):
    _changes(demo_ws)
    taken = backup.daily_backup(demo_ws, today=date(2026, 11, 26))
    shutil.rmtree(paths.config_dir() / "audit_anchors")
    _sql(demo_ws, ("DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)",))
    assert audit_trail.verify(demo_ws).intact  # no anchor of its own left: the cut is invisible…
    report = audit_trail.verify(demo_ws, against=backup.sidecar_path(taken.path))
    assert not report.intact and "truncated" in _reasons(report)  # …but not against the backup's sidecar


def test_a_restore_moves_the_anchor_to_the_restored_head(demo_ws):
    _changes(demo_ws, 2)
    taken = backup.daily_backup(demo_ws, today=date(2026, 11, 26))
    _changes(demo_ws, 5)
    db_file = demo_ws.path
    demo_ws.close()
    backup.restore(db_file, taken.path)
    ws = open_workspace(db_file, user="t")
    try:
        assert audit_trail.verify(ws).intact  # fewer records than before, and rightly so
    finally:
        ws.close()


def test_an_old_database_migrates_to_the_keyed_chain_and_its_history_stays_verifiable(tmp_path):
    from alembic import command

    from openlic_desktop.storage import engine as storage_engine

    db = tmp_path / "old.sqlite3"
    old = storage_engine.create_engine(f"sqlite:///{db}")
    cfg = storage_engine._alembic_config()
    with old.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revisions.chain()["0011_audit_key"][0])  # the revision before the keyed chain
    from sqlalchemy.orm import Session

    with Session(old) as session, session.begin():  # records written the old way: plain SHA-256, no key
        audit.append(session, "旧用户", "cli", [audit.AuditEntry("patent", i, f"k{i}", "update", "title", "a", "b")
                                              for i in range(5)])
    old.dispose()

    ws = open_workspace(db, user="new")  # migrates
    try:
        legacy = audit_trail.verify(ws)
        assert legacy.intact and legacy.records == 5 and legacy.keyed == 0
        with ws.session() as session:
            audit.append(session, "new", "cli", [audit.AuditEntry("patent", 9, "k9", "update", "title", "b", "c")])
        report = audit_trail.verify(ws)
        assert report.intact and report.records == 6 and report.keyed == 1
        # the legacy part is sealed by the first keyed record: rewriting it and recomputing its plain chain
        # breaks the link into the keyed part, which cannot be recomputed without the key
        _sql(ws, ("UPDATE audit_log SET new = 'forged' WHERE id = 2",))
        con = sqlite3.connect(db)
        rows = con.execute("SELECT id FROM audit_log ORDER BY id").fetchall()
        con.close()
        assert len(rows) == 6
        _recompute_legacy(ws, upto=5)
        assert not audit_trail.verify(ws).intact
    finally:
        ws.close()


def _recompute_legacy(ws, upto):
    prev = audit.GENESIS
    updates = []
    with ws.reading() as session:
        for r in session.query(AuditRecord).order_by(AuditRecord.id).all():
            if r.id > upto:
                break
            body = audit._body(r.at, r.user, r.source, audit.AuditEntry(r.entity, r.entity_id, r.entity_key,
                                                                       r.action, r.field, r.old, r.new))
            digest = hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
            updates.append((prev, digest, r.id))
            prev = digest
    con = sqlite3.connect(ws.path)
    for update in updates:
        con.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", update)
    con.commit()
    con.close()


def test_another_computer_without_the_key_cannot_check_but_does_not_cry_wolf(demo_ws, tmp_path, monkeypatch):
    _changes(demo_ws)
    exported = audit_trail.export_key()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other-computer"))  # an empty keyring
    ws = open_workspace(demo_ws.path, user="elsewhere")
    try:
        report = audit_trail.verify(ws)
        assert report.intact and report.unverified == report.records  # nothing proven, nothing accused
        portfolio.set_fields(ws, portfolio.list_patents(ws)[0].number.canonical, {"industry": "软件"})
        report = audit_trail.verify(ws)
        assert report.intact and report.unverified == report.records - 1  # its own record it can check
        audit_trail.import_key(exported)
        report = audit_trail.verify(ws)
        assert report.intact and report.unverified == 0
    finally:
        ws.close()


def test_without_any_keyring_the_chain_is_plain_but_still_anchored(demo_ws):
    import keyring
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        ws = open_workspace(demo_ws.path, user="no-keyring")
        try:
            _changes(ws)
            report = audit_trail.verify(ws)
            assert report.intact and report.keyed < report.records
            _sql(ws, ("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",))
            assert "truncated" in _reasons(audit_trail.verify(ws))
        finally:
            ws.close()
    finally:
        keyring.set_keyring(previous)
    assert isinstance(previous, keyrings.alt.file.PlaintextKeyring)


def test_an_import_loads_the_keyring_ahead_and_seals_with_this_computers_key(ws, tmp_path):
    """`importing.run` loads the keyring on a thread while the sheet loads: nothing is read or created then — a
    dry run leaves this computer without a key — and the import's records are sealed with this computer's key."""
    import intake_samples as S
    import keyring

    from openlic_desktop.services import audit_keys, importing

    path = S.write_xlsx(tmp_path / "清单.xlsx", S.messy_table())
    preview = importing.run(ws, path, dry_run=True, today=date(2026, 11, 26))
    assert preview.created > 0
    assert keyring.get_password(audit_keys.SERVICE, audit_keys.SIGNING) is None
    result = importing.run(ws, path, today=date(2026, 11, 26))
    assert result.created == preview.created
    assert audit_keys._ahead is not None and not audit_keys._ahead.is_alive()  # loaded ahead, and waited for
    assert keyring.get_password(audit_keys.SERVICE, audit_keys.SIGNING) is not None
    report = audit_trail.verify(ws)
    assert report.intact and report.records > 0 and report.keyed == report.records
