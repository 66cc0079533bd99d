"""The bureau's own publication day (公开日) of a pilot submission: entered where the submission is marked
published (service and `openlic submission status … published --published-on`), refused where it cannot be, kept
across an upgrade of an older database (whose records have none and keep the day they were marked published)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from schema_at import migrate
from sqlalchemy import select

from openlic_desktop.cli.main import main
from openlic_desktop.services import batches
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.storage.models import AuditRecord
from openlic_desktop.storage.models_packages import Submission
from openlic_desktop.support.errors import InputError

SENT_ON = date(2026, 10, 1)
BEFORE_THIS_MIGRATION = "0015_search_text_unindexed"


def sent_submission(ws, tmp_path) -> int:
    from declaration_helpers import add

    add(ws, ["202110123456.7"])
    sid = batches.record_submission(ws, "2026年试点第一批", "general", SENT_ON, tmp_path / "p.zip", "0" * 64, 1,
                                    [("202110123456.7", "{}")])
    batches.set_status(ws, sid, "sent")
    return sid


def test_the_bureaus_day_is_recorded_when_marked_published(ws, tmp_path):
    sid = sent_submission(ws, tmp_path)
    assert batches.get_submission(ws, sid).published_on is None
    info = batches.set_status(ws, sid, "published", "ZJ-7", published_on=date(2026, 11, 3))
    assert (info.status, info.published_on, info.bureau_reference) == ("published", date(2026, 11, 3), "ZJ-7")
    # entered later, on a submission already published: a change, audited like the others
    assert batches.set_status(ws, sid, "published", published_on=date(2026, 11, 4)).published_on == date(2026, 11, 4)
    with ws.reading() as session:
        changes = [(r.field, r.old, r.new) for r in session.execute(
            select(AuditRecord).where(AuditRecord.entity == "submission", AuditRecord.field == "published_on")
            .order_by(AuditRecord.id)).scalars()]
    assert changes == [("published_on", None, "2026-11-03"), ("published_on", "2026-11-03", "2026-11-04")]
    # marking it published again without a day keeps the day entered
    assert batches.set_status(ws, sid, "published").published_on == date(2026, 11, 4)


@pytest.mark.parametrize(("status", "day", "code"), [
    ("acknowledged", date(2026, 11, 3), "SUBMISSION_PUBLISHED_ON_UNPUBLISHED"),
    ("published", SENT_ON - timedelta(days=1), "SUBMISSION_PUBLISHED_BEFORE_SENT"),
    ("published", date.today() + timedelta(days=1), "SUBMISSION_PUBLISHED_ON_AHEAD"),
])
def test_a_day_that_cannot_be_the_bureaus_is_refused_and_nothing_changes(ws, tmp_path, status, day, code):
    sid = sent_submission(ws, tmp_path)
    with pytest.raises(InputError) as err:
        batches.set_status(ws, sid, status, published_on=day)
    assert err.value.code == code and day.isoformat() in err.value.message("zh")
    after = batches.get_submission(ws, sid)
    assert (after.status, after.published_on) == ("sent", None)


def test_openlic_submission_status_takes_the_publication_day(ws, db_path, tmp_path, capsys):
    sid = sent_submission(ws, tmp_path)
    ws.close()
    assert main(["--db", str(db_path), "submission", "status", str(sid), "published", "--published-on",
                 "2026年11月3日"]) == 0
    assert capsys.readouterr().out == f"报送记录 {sid}：已公开（公开日 2026-11-03）\n"
    assert main(["--db", str(db_path), "submission", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["published_on"] == "2026-11-03"
    assert main(["--db", str(db_path), "submission", "list"]) == 0
    assert "\t已公开（2026-11-03）\t" in capsys.readouterr().out
    assert main(["--db", str(db_path), "submission", "status", str(sid), "published", "--published-on",
                 "2026-09-30"]) == 2
    assert "[SUBMISSION_PUBLISHED_BEFORE_SENT]" in capsys.readouterr().err


def test_an_older_database_upgrades_and_its_published_records_have_no_day(db_path, tmp_path):
    ws = open_workspace(db_path, user="tester", source="cli")
    sid = sent_submission(ws, tmp_path)
    batches.set_status(ws, sid, "published")
    ws.close()
    migrate(db_path, BEFORE_THIS_MIGRATION, down=True)   # as the release before this one left it
    ws = open_workspace(db_path, user="tester", source="cli")   # the app migrates it on open
    try:
        info = batches.get_submission(ws, sid)
        assert (info.status, info.published_on) == ("published", None)
        with ws.reading() as session:
            assert session.execute(select(Submission.published_on)).scalar_one() is None
        assert batches.set_status(ws, sid, "published", published_on=SENT_ON).published_on == SENT_ON
    finally:
        ws.close()
