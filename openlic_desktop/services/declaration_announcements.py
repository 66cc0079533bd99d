"""Marking declarations announced — or withdrawn — from CNIPA's published list, in bulk.

CNIPA publishes the open-licence declarations (and their withdrawals) it announces. The office saves that list
as a spreadsheet (xlsx, xls, csv …) and gives it here: it is read with the import's reader and header detection
(intake), each row's number matched to this portfolio's declarations:
- a row for a filed declaration marks it announced on the row's date (its 卷/期 or number kept);
- a row for a declaration whose withdrawal was filed marks it withdrawn — or any row whose kind column says 撤回;
- rows already recorded are counted as unchanged; every other row is reported with its sheet row number and a
  code (unreadable number, not in the portfolio, no filed declaration, wrong state, no date) — never dropped.
All matched rows are written in one transaction through services.declarations (all or nothing); `dry_run` writes
nothing. Thread rule: any thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openlic_desktop.domain.declarations import DeclarationState, state_token
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.intake.headers import HeaderNotFound, find_header_row
from openlic_desktop.intake.readers import open_spreadsheet
from openlic_desktop.intake.records import cell_text
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import declarations as repo
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.messages import render

# columns of the published list the import's synonyms do not know (公告日 is read as the announcement date; the
# import's table calls it grant_date, as a portfolio sheet means by it)
EXTRA_SYNONYMS: dict[str, tuple[str, ...]] = {
    "announced_on": ("开放许可公告日", "声明公告日", "公告日期", "撤回公告日", "announcement date", "announced on"),
    "announcement": ("卷期", "卷/期", "卷号/期号", "期号", "公告期号", "公告卷期", "公告编号", "issue", "announcement no"),
    "announce_kind": ("公告类型", "公告事项", "事项", "事务类型", "announcement type"),
}
WITHDRAWAL_WORDS = ("撤回", "withdraw")


@dataclass(frozen=True)
class UnmatchedRow:
    row: int
    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def message(self, lang: str = "zh") -> str:
        return render(self.code, lang, **self.params)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"row": self.row, "code": self.code, "message": self.message(lang)}


@dataclass
class AnnouncementResult:
    announced: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unmatched: list[UnmatchedRow] = field(default_factory=list)
    dry_run: bool = False

    @property
    def matched(self) -> int:
        return len(self.announced) + len(self.withdrawn)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"matched": self.matched, "announced": self.announced, "withdrawn": self.withdrawn,
                "unchanged": self.unchanged, "unmatched": [u.to_json(lang) for u in self.unmatched],
                "dry_run": self.dry_run}


def _rows(path: Path) -> tuple[list[list[Any]], int, dict[int, str]]:
    with open_spreadsheet(path) as book:
        rows = [list(r) for r in book.rows(None)]
    try:
        index, mapping = find_header_row(rows, EXTRA_SYNONYMS)
    except HeaderNotFound:
        raise InputError("ANNOUNCE_NO_COLUMNS", path=path.name) from None
    fields = set(mapping.values())
    if "announced_on" not in fields and "grant_date" in fields:
        mapping = {c: ("announced_on" if f == "grant_date" else f) for c, f in mapping.items()}
    if "announcement" not in fields and "publication_number" in fields:
        mapping = {c: ("announcement" if f == "publication_number" else f) for c, f in mapping.items()}
    if "announced_on" not in mapping.values():
        raise InputError("ANNOUNCE_NO_COLUMNS", path=path.name)
    return rows, index, mapping


def apply_list(ws: Workspace, path: Path, dry_run: bool = False, today: date | None = None) -> AnnouncementResult:
    from openlic_desktop.services import declarations

    today = today or date.today()
    rows, header, mapping = _rows(path)
    column = {f: c for c, f in mapping.items()}

    def cell(row: list[Any], name: str) -> Any:
        col = column.get(name)
        return row[col] if col is not None and col < len(row) else None

    result = AnnouncementResult(dry_run=dry_run)
    parsed: list[tuple[int, str, date, str, bool]] = []   # (sheet row, number, day, announcement, says withdrawal)
    for offset, row in enumerate(rows[header + 1:], start=header + 2):
        if all(cell_text(c).strip() == "" for c in row):
            continue
        raw = cell_text(cell(row, "number")).strip()
        if not raw:
            continue  # a footer or note line
        try:
            number = parse_application_number(raw).canonical
        except InputError as exc:
            result.unmatched.append(UnmatchedRow(offset, exc.code, dict(exc.params)))
            continue
        day = parse_date(cell(row, "announced_on"))
        if day is None:
            result.unmatched.append(UnmatchedRow(offset, "ANNOUNCE_DATE_MISSING",
                                                 {"value": cell_text(cell(row, "announced_on"))}))
            continue
        kind = cell_text(cell(row, "announce_kind")).lower()
        parsed.append((offset, number, day, cell_text(cell(row, "announcement")).strip(),
                       any(w in kind for w in WITHDRAWAL_WORDS)))

    with ws.reading() as session:
        ids = patent_repo.ids_by_number(session, [n for _r, n, _d, _a, _w in parsed])
        open_values = repo.load_open(session, list(ids.values()))
        latest = repo.latest(session, list(ids.values()))
    to_announce: dict[tuple[date, str], list[str]] = {}
    to_withdraw: dict[tuple[date, str], list[str]] = {}
    first_row: dict[str, int] = {}

    def bad_day(sheet_row: int, day: date, earlier: date | None, step: str) -> bool:
        if day > today:
            result.unmatched.append(UnmatchedRow(sheet_row, "DECLARATION_DATE_FUTURE", {"date": day.isoformat()}))
            return True
        if earlier is not None and day < earlier:
            result.unmatched.append(UnmatchedRow(sheet_row, "DECLARATION_DATE_ORDER", {
                "date": day.isoformat(), "before": earlier.isoformat(), "step": step}))
            return True
        return False

    for sheet_row, number, day, announcement, says_withdrawal in parsed:
        if number in first_row:
            result.unmatched.append(UnmatchedRow(sheet_row, "ANNOUNCE_DUPLICATE", {"value": number,
                                                                                   "first": first_row[number]}))
            continue
        first_row[number] = sheet_row
        pid = ids.get(number)
        if pid is None:
            result.unmatched.append(UnmatchedRow(sheet_row, "ANNOUNCE_NOT_IN_PORTFOLIO", {"value": number}))
            continue
        row = open_values.get(pid)
        state = DeclarationState(row.stored_state) if row is not None else None
        last = latest.get(pid)
        if state is None and last is not None and last.stored_state == "withdrawn" and says_withdrawal:
            result.unchanged.append(number)
            continue
        if state is None:
            result.unmatched.append(UnmatchedRow(sheet_row, "ANNOUNCE_NOT_DECLARED", {"value": number}))
            continue
        if state is DeclarationState.WITHDRAWAL_FILED or (says_withdrawal and state is not DeclarationState.FILED):
            if state is DeclarationState.WITHDRAWAL_FILED:
                if not bad_day(sheet_row, day, row.withdrawal_filed_on, "step_withdrawal_filed"):
                    to_withdraw.setdefault((day, announcement), []).append(number)
            else:
                result.unmatched.append(UnmatchedRow(sheet_row, "ANNOUNCE_STATE",
                                                     {"value": number, "state": state_token(state)}))
            continue
        if state is DeclarationState.FILED:
            if not bad_day(sheet_row, day, row.filed_on, "step_filed"):
                to_announce.setdefault((day, announcement), []).append(number)
        elif state is DeclarationState.ANNOUNCED and row is not None and row.announced_on == day:
            result.unchanged.append(number)
        else:
            result.unmatched.append(UnmatchedRow(sheet_row, "ANNOUNCE_STATE",
                                                 {"value": number, "state": state_token(state)}))
    result.unmatched.sort(key=lambda u: u.row)  # in sheet order, as the import reports its rows
    for group in to_announce.values():
        result.announced += group
    for group in to_withdraw.values():
        result.withdrawn += group
    if dry_run or not result.matched:
        return result
    declarations.record_announcements(ws, to_announce, to_withdraw, today)
    return result
