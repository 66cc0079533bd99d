"""CNIPA's published list marks declarations announced or withdrawn in bulk: matched by number in any written form,
every other row reported with its row number and a code, one transaction, dry-run writes nothing."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from declaration_helpers import TODAY, add, make_ready, number, set_office

from openlic_desktop.domain.declarations import DeclarationState
from openlic_desktop.services import declarations

A, B, C, D, E = (number("1", i) for i in (21, 22, 23, 24, 25))
DAY = date(2026, 11, 25)


@pytest.fixture
def filed(ws, tmp_path):
    set_office()
    add(ws, [A, B, C, D, E])
    declarations.prepare(ws, [A, B, C, D], today=TODAY)
    make_ready(ws, [A, B, C, D], tmp_path=tmp_path)
    declarations.file(ws, [A, B, C], date(2026, 11, 20), "cnipa-online", today=TODAY)
    return ws


def _xlsx(path, rows, header=("序号", "专利号", "专利名称", "公告日", "卷期")):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["专利开放许可声明公告（第41卷第50期）"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def states(ws):
    return {i.application_number: i.state for i in declarations.list_declarations(ws, today=TODAY)}


def test_matched_unmatched_and_dry_run(filed, tmp_path):
    path = _xlsx(tmp_path / "公告.xlsx", [
        (1, "ZL" + A, "甲", "2026-11-25", "第41卷第50期"),
        (2, B.replace(".", ""), "乙", "2026年11月25日", "第41卷第50期"),     # another written form
        (3, "ZL" + D, "丁", "2026-11-25", "第41卷第50期"),                  # not filed yet
        (4, "ZL" + number("1", 99), "外单位", "2026-11-25", "第41卷第50期"),  # not ours
        (5, "ZL202110123456.8", "错号", "2026-11-25", "第41卷第50期"),        # bad check digit
        (6, "ZL" + C, "丙", "", "第41卷第50期"),                             # no date
        (7, "ZL" + A, "甲", "2026-11-25", "第41卷第50期"),                  # again
        (8, "ZL" + E, "戊", "2026-11-25", "第41卷第50期"),                  # ours, never declared
        (None, None, "注：以上为本期公告", None, None),                       # a footer note: not a row
    ])
    dry = declarations.announcement_file(filed, path, dry_run=True, today=TODAY)
    assert sorted(dry.announced) == sorted([A, B]) and states(filed)[A] is DeclarationState.FILED
    assert [(u.row, u.code) for u in dry.unmatched] == [
        (5, "ANNOUNCE_STATE"), (6, "ANNOUNCE_NOT_IN_PORTFOLIO"), (7, "BAD_CHECK_DIGIT"),
        (8, "ANNOUNCE_DATE_MISSING"), (9, "ANNOUNCE_DUPLICATE"), (10, "ANNOUNCE_NOT_DECLARED")]
    assert all(u.message("zh") and u.message("en") for u in dry.unmatched)
    done = declarations.announcement_file(filed, path, today=TODAY)
    assert done.to_json()["matched"] == 2
    assert states(filed) == {A: DeclarationState.ANNOUNCED, B: DeclarationState.ANNOUNCED,
                             C: DeclarationState.FILED, D: DeclarationState.SIGNED}
    view = declarations.show(filed, A, today=TODAY)
    assert view.value.announced_on == DAY and view.value.announcement == "第41卷第50期"
    again = declarations.announcement_file(filed, path, today=TODAY)
    assert again.matched == 0 and sorted(again.unchanged) == sorted([A, B])


def test_withdrawals_from_the_list(filed, tmp_path):
    declarations.announce(filed, [A, B], DAY, "第41卷第50期", today=TODAY)
    declarations.withdraw(filed, [A], date(2026, 11, 26), "转让", consent_all=True, today=TODAY)
    path = _xlsx(tmp_path / "撤回.csv.xlsx", [
        (1, "ZL" + A, "甲", "2026-11-26", "第41卷第51期", "撤回开放许可声明"),
        (2, "ZL" + B, "乙", "2026-11-26", "第41卷第51期", "撤回开放许可声明"),   # no withdrawal filed: refused
    ], header=("序号", "专利号", "专利名称", "公告日", "卷期", "公告类型"))
    result = declarations.announcement_file(filed, path, today=TODAY)
    assert result.withdrawn == [A] and [(u.row, u.code) for u in result.unmatched] == [(4, "ANNOUNCE_STATE")]
    assert states(filed)[B] is DeclarationState.ANNOUNCED
    assert declarations.list_declarations(filed, "withdrawn", today=TODAY)[0].application_number == A


def test_dates_are_checked_per_row(filed, tmp_path):
    path = _xlsx(tmp_path / "d.xlsx", [(1, "ZL" + A, "甲", "2026-11-19", "x"), (2, "ZL" + B, "乙", "2026-12-31", "x"),
                                       (3, "ZL" + C, "丙", "2026-11-25", "x")])
    result = declarations.announcement_file(filed, path, today=TODAY)
    assert [(u.row, u.code) for u in result.unmatched] == [(3, "DECLARATION_DATE_ORDER"), (4, "DECLARATION_DATE_FUTURE")]
    assert result.announced == [C]


def test_a_csv_list_and_a_file_without_the_columns(filed, tmp_path):
    csv = tmp_path / "list.csv"
    csv.write_text(f"专利号,公告日,期号\nZL{A},2026-11-25,50\n", encoding="gbk")
    assert declarations.announcement_file(filed, csv, today=TODAY).announced == [A]
    bad = _xlsx(tmp_path / "bad.xlsx", [(1, "x", "y", "z", "w")], header=("序号", "名称", "备注", "其他", "x"))
    with pytest.raises(Exception) as info:
        declarations.announcement_file(filed, bad, today=TODAY)
    assert info.value.code in ("ANNOUNCE_NO_COLUMNS",)
