"""Patents whose open offer is in force, written straight into storage: a declaration CNIPA has announced, or a
pilot listing the bureau has published. For tests of what follows (a contract recites the offer) without walking
each patent through the declaration's life or a batch's export, which tests/e2e/test_cli_declarations.py and
tests/unit/test_packages_export.py do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from openlic_desktop.domain.declarations import DeclarationContent
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.storage import declarations as repo
from openlic_desktop.storage import patents as patent_repo

ANNOUNCED_ON = date(2026, 1, 10)


def announce(ws, patents: Sequence[str | int], on: date = ANNOUNCED_ON, issue: str = "第42卷第2期") -> None:
    """Each patent (application number or patent id) gets a declaration in the announced state (filed and
    announced on `on`, in the gazette's `issue`; "" for none recorded)."""
    canonical = [parse_application_number(n).canonical for n in patents if isinstance(n, str)]
    with ws.session() as session:
        found = patent_repo.ids_by_number(session, canonical)
        for patent_id in [found[n] for n in canonical] + [n for n in patents if isinstance(n, int)]:
            row = repo.create(session, patent_id, DeclarationContent(), "test")
            repo.update(session, row, {"state": "announced", "filed_on": on, "announced_on": on,
                                       "announcement": issue})


def announce_in(db: str, numbers: Sequence[str], on: date = ANNOUNCED_ON) -> None:
    """As announce, on the database a CLI test runs `openlic --db` against."""
    from openlic_desktop.services.workspace import open_workspace

    ws = open_workspace(db)
    try:
        announce(ws, numbers, on)
    finally:
        ws.close()


def publish(ws, patents: Sequence[str | int], on: date = ANNOUNCED_ON, profile: str = "zhejiang") -> None:
    """The patents (application numbers or patent ids) were carried by a submission the bureau published
    (报送状态“已公开”)."""
    from openlic_desktop.storage.models import Patent
    from openlic_desktop.storage.models_packages import Batch, Submission, SubmissionPatent

    with ws.session() as session:
        ids = [n for n in patents if isinstance(n, int)]
        rows = session.execute(select(Patent.application_number, Patent.id).where(Patent.id.in_(ids))).all()
        by_id = {number: pid for number, pid in rows}
        canonical = [parse_application_number(n).canonical for n in patents if isinstance(n, str)]
        found = patent_repo.ids_by_number(session, canonical) | by_id
        canonical += list(by_id)
        batch = Batch(name=f"已公开批次{len(canonical)}-{canonical[0]}", profile_code=profile)
        session.add(batch)
        session.flush()
        submission = Submission(batch_id=batch.id, seq=1, kind="submission", submitted_on=on, profile_code=profile,
                                status="published")
        session.add(submission)
        session.flush()
        session.add_all(SubmissionPatent(submission_id=submission.id, application_number=n, patent_id=found[n])
                        for n in canonical)
