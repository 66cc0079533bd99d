"""A re-import recognises a row as unchanged only when its cells are exactly the ones it was stored from: any change
to a row — one cell, a cell moved to another column, a blank cell that was empty, a value of another type — is
judged again (and counted as the change it is), whether the numbers seen are held in memory or have spilled."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import intake_samples as S
import pytest

from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.services import importing, portfolio
from openlic_desktop.services.importing import judge

TODAY = date(2026, 11, 26)
N1, N4, N7 = S.N1, S.N4, S.N7


def test_the_row_digest_tells_every_change_of_a_row_apart():
    digest = judge.row_digester(b"k" * 16)
    rows = [
        ["甲", 1], ["甲", "1"], ["甲", 1.0], ["甲", True], ["甲", Decimal("1.0")], ["甲", " 1"],  # one value, many kinds
        ["甲", 1, ""], ["甲", 1, None], ["甲", 1, " "],                                         # a trailing cell
        [1, "甲"], ["", "甲", 1], ["甲", "", 1],                                                 # moved
        ["甲", date(2015, 3, 5)], ["甲", datetime(2015, 3, 5)], ["甲", "2015-03-05"],
        ["甲", "1", ""], ["甲1", ""],                                                             # joined otherwise
    ]
    digests = [digest(row) for row in rows]
    assert len(set(digests)) == len(rows)
    assert digest(["甲", 1]) == digests[0]  # and the same row gives the same digest


def _row(seq, number, title, department="计算机学院", contact="", phone="", filed=None):
    filed = filed or f"{parse_application_number(number).filing_year}-03-05"
    return [seq, number, title, "发明", filed, "", "某某大学", "张三", "有效", "", department, contact, phone]


BASE = [_row(1, N1, "甲"), _row(2, N4, "乙"), _row(3, N7, "丙")]
N4_FILED = f"{parse_application_number(N4).filing_year}-03-05"

# the second row (sheet row 3, N4) changed: (its cells, whether a stored fact changes)
CHANGES = {
    "one cell": (_row(2, N4, "乙（新名称）"), True),
    "a cell moved to another column": (_row(2, N4, "乙", department="", contact="计算机学院"), True),
    "a blank cell where none was": (_row(2, N4, "乙", phone=" "), False),
    "a number as text": (_row("2", N4, "乙"), False),
    "a date as a date": (_row(2, N4, "乙", filed=datetime.fromisoformat(N4_FILED)), False),
}


@pytest.fixture(params=["numbers in memory", "numbers spilled"])
def seen(request, monkeypatch):
    if request.param == "numbers spilled":  # every block is read ahead and judged through the spill table
        monkeypatch.setattr(judge, "SEEN_IN_MEMORY", 1)
        monkeypatch.setattr(judge, "SEEN_BLOCK", 2)
    return request.param


@pytest.fixture
def judged(monkeypatch):
    """The sheet rows judged again (not recognised by their digest)."""
    rows: list[int] = []
    real = judge.Judge.classify

    def spy(self, parsed):
        rows.append(parsed.row)
        return real(self, parsed)

    monkeypatch.setattr(judge.Judge, "classify", spy)
    return rows


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_changed_row_is_judged_again(change, ws, tmp_path, seen, judged):
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, *BASE]), today=TODAY)
    judged.clear()
    again = importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, *BASE]), today=TODAY)
    assert judged == [] and again.unchanged == 3  # the same cells: recognised, none judged

    cells, fact_changed = CHANGES[change]
    changed = S.write_xlsx(tmp_path / "b.xlsx", [S.HEADER, BASE[0], cells, BASE[2]])
    result = importing.run(ws, changed, today=TODAY)
    assert judged == [3]
    assert (result.updated, result.unchanged, result.rows_read) == ((1, 2, 3) if fact_changed else (0, 3, 3))
    if change == "one cell":
        assert portfolio.detail(ws, N4).facts.title == "乙（新名称）"
    # the changed row's digest is now the one stored: the next import recognises it
    judged.clear()
    assert importing.run(ws, changed, today=TODAY).unchanged == 3 and judged == []
