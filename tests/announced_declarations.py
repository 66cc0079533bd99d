"""Patents whose open-licence declaration CNIPA has announced, written straight into storage: for tests of what
follows an announcement (a statutory contract recites it) without walking each patent through the declaration's
life, which tests/e2e/test_cli_declarations.py does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from openlic_desktop.domain.declarations import DeclarationContent
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.storage import declarations as repo
from openlic_desktop.storage import patents as patent_repo

ANNOUNCED_ON = date(2026, 1, 10)


def announce(ws, patents: Sequence[str | int], on: date = ANNOUNCED_ON) -> None:
    """Each patent (application number or patent id) gets a declaration in the announced state (filed and
    announced on `on`)."""
    canonical = [parse_application_number(n).canonical for n in patents if isinstance(n, str)]
    with ws.session() as session:
        found = patent_repo.ids_by_number(session, canonical)
        for patent_id in [found[n] for n in canonical] + [n for n in patents if isinstance(n, int)]:
            row = repo.create(session, patent_id, DeclarationContent(), "test")
            repo.update(session, row, {"state": "announced", "filed_on": on, "announced_on": on,
                                       "announcement": "第42卷第2期"})


def announce_in(db: str, numbers: Sequence[str], on: date = ANNOUNCED_ON) -> None:
    """As announce, on the database a CLI test runs `openlic --db` against."""
    from openlic_desktop.services.workspace import open_workspace

    ws = open_workspace(db)
    try:
        announce(ws, numbers, on)
    finally:
        ws.close()
