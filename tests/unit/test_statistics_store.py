"""Counts kept between calls (services.statistics_store): read back only for exactly the data, day, rules and code
they were counted from; any change to a patent, to a row beside it, or to the settings the rules read makes the
next count a new one — and its figures those of a count made from scratch."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import date, timedelta

import pytest
import statistics_samples as S
from sqlalchemy import insert

from openlic_desktop.domain import statistics as domain_statistics
from openlic_desktop.domain.statistics import PortfolioStatistics
from openlic_desktop.services import encumbrances, portfolio, readiness, statistics, statistics_count
from openlic_desktop.services import statistics_store as store
from openlic_desktop.services.workspace import open_workspace
from openlic_desktop.support import settings as settings_module


@pytest.fixture
def known(ws, tmp_path):
    numbers = S.build(ws, tmp_path)
    return ws, numbers, statistics.compute(ws, today=S.TODAY)


def _saved() -> list:
    return sorted(p.name for p in store.folder().glob("*.json"))


def _from_scratch(ws, today=S.TODAY) -> PortfolioStatistics:
    shutil.rmtree(store.folder(), ignore_errors=True)
    return statistics.compute(ws, today=today)


def _not_again(*_args, **_kwargs):
    raise AssertionError("counted again although nothing changed")


def _same(a: PortfolioStatistics, b: PortfolioStatistics) -> None:
    assert a == b  # every field: standings, fees, expiries, licences, receipts, offers, the audit mark
    assert a.to_json() == b.to_json()
    for stats in (a, b):  # the counts per combination, also those a read back takes from the saved codes
        assert stats._combo_counts() == Counter(map(domain_statistics._key, stats.standings.values()))


def test_a_snapshot_reads_back_as_the_same_statistics(known):
    _ws, _numbers, stats = known
    again = PortfolioStatistics.from_snapshot(json.loads(json.dumps(stats.to_snapshot())))
    _same(again, stats)
    assert again.groups("year") == stats.groups("year") and again.fees_total() == stats.fees_total()
    empty = PortfolioStatistics(S.TODAY, "general", 90, {})
    _same(PortfolioStatistics.from_snapshot(json.loads(json.dumps(empty.to_snapshot()))), empty)


def test_more_combinations_than_characters_are_saved_as_numbers(known, monkeypatch):
    _ws, _numbers, stats = known
    written = stats.to_snapshot()["standings"]
    assert isinstance(written["codes"], str) and len(written["codes"]) == stats.patents  # one character a patent
    assert len(written["combinations"]) == len(stats._combo_counts()) <= stats.patents
    text = json.dumps(written, ensure_ascii=False)
    assert "\\u" not in text and all(ord(c) < 0xD800 for c in text)  # no escape, no surrogate
    monkeypatch.setattr(domain_statistics, "_TEXT_CODES", 2)  # as if there were tens of thousands of combinations
    snapshot = stats.to_snapshot()
    assert isinstance(snapshot["standings"]["codes"], list)
    _same(PortfolioStatistics.from_snapshot(json.loads(json.dumps(snapshot))), stats)


def test_a_snapshot_after_a_refresh_holds_the_refreshed_standings(known):
    """The combinations saved are those the figures count, kept up to date by a refresh (a patent gone, another
    one changed): read back, the standings are the refreshed ones."""
    ws, numbers, stats = known
    p1, p8 = (portfolio.detail(ws, numbers[k]).id for k in ("P1", "P8"))
    fresh = stats.copy()
    fresh.replace({p1: None, p8: fresh.standings[p8]._replace(stage=5)})
    again = PortfolioStatistics.from_snapshot(json.loads(json.dumps(fresh.to_snapshot())))
    assert again.standings == fresh.standings and p1 not in again.standings and again.standings[p8].stage == 5
    _same(again, fresh)


def test_the_same_data_is_read_back_not_counted_again(known, monkeypatch):
    ws, _numbers, stats = known
    assert len(_saved()) == 1

    monkeypatch.setattr(statistics_count, "fill", _not_again)
    again = statistics.compute(ws, today=S.TODAY)
    assert again is not stats
    _same(again, stats)


def test_a_patent_changed_through_the_service_changes_the_figures(known):
    ws, numbers, stats = known
    assert dict(stats.funnel())["eligible"] == 8
    encumbrances.add_encumbrance(ws, numbers["P8"], "pledge", party="某银行")  # P8 no longer eligible
    after = statistics.compute(ws, today=S.TODAY)
    assert dict(after.funnel())["eligible"] == 7
    _same(after, _from_scratch(ws))

    portfolio.set_fields(ws, numbers["P2"], {"department": "新院系"})
    moved = statistics.compute(ws, today=S.TODAY)
    assert "新院系" in {r.value for r in moved.groups("department")}
    _same(moved, _from_scratch(ws))


def test_a_commitment_confirmed_changes_the_figures(known):
    ws, numbers, stats = known
    readiness.confirm_commitments(ws, [numbers["P13"]])
    after = statistics.compute(ws, today=S.TODAY)
    assert dict(after.funnel())["committed"] == dict(stats.funnel())["committed"] + 1
    _same(after, _from_scratch(ws))


def test_a_row_written_without_the_services_changes_the_figures(known):
    """A write that bypasses the services (no audit record) is still seen: the tables' counts and ids change."""
    from openlic_desktop.storage.models import Patent
    from openlic_desktop.storage.models_readiness import Encumbrance

    ws, numbers, stats = known
    pid = portfolio.detail(ws, numbers["P8"]).id
    with ws.session() as session:
        session.execute(insert(Encumbrance), [{"patent_id": pid, "kind": "transfer", "party": "某公司",
                                               "registration_no": "", "consent": False, "note": "",
                                               "start_date": date(2024, 1, 1), "end_date": None}])
    after = statistics.compute(ws, today=S.TODAY)
    assert dict(after.funnel())["eligible"] == dict(stats.funnel())["eligible"] - 1
    _same(after, _from_scratch(ws))

    p1 = portfolio.detail(ws, numbers["P1"]).id
    with ws.session() as session:
        session.query(Patent).filter(Patent.id == p1).delete()
    gone = statistics.compute(ws, today=S.TODAY)
    assert gone.patents == stats.patents - 1 and p1 not in gone.standings
    _same(gone, _from_scratch(ws))


def test_another_day_profile_or_office_counts_anew(known):
    ws, _numbers, stats = known
    later = statistics.compute(ws, today=S.TODAY + timedelta(days=60))
    assert later.as_of == S.TODAY + timedelta(days=60) and len(_saved()) == 2
    assert later.expiring != stats.expiring  # P8's last day (2027-01-14) is past by then
    statutory = statistics.compute(ws, today=S.TODAY, profile_code="statutory")
    assert statutory.profile == "statutory" and len(_saved()) == 3
    cfg = settings_module.load()
    cfg.office.name = "示例大学附属医院"  # the co-owner rule reads the office's own names
    settings_module.save(cfg)
    statistics.compute(ws, today=S.TODAY)
    assert len(_saved()) == 4


def test_changed_counting_code_counts_anew(known, monkeypatch):
    ws, _numbers, _stats = known
    monkeypatch.setattr(store, "_code_stamp", "another version of the rules")
    statistics.compute(ws, today=S.TODAY)
    assert len(_saved()) == 2


def test_a_copy_of_the_database_finds_the_count(known, tmp_path, monkeypatch):
    ws, _numbers, stats = known
    copy = tmp_path / "copy.sqlite3"
    import sqlite3

    source, target = sqlite3.connect(ws.path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    other = open_workspace(copy, user="tester")
    try:
        monkeypatch.setattr(statistics_count, "fill", _not_again)  # the copy holds the same data
        _same(statistics.compute(other, today=S.TODAY), stats)
    finally:
        other.close()


def test_a_count_the_data_changed_under_is_not_saved(ws, tmp_path, monkeypatch):
    """The key is taken before counting: a change made meanwhile (another user of the database) may be in the
    figures, so they are not saved under it — a copy of the database taken before the change would read them."""
    import sqlite3

    numbers = S.build(ws, tmp_path)
    copy = tmp_path / "before.sqlite3"
    source, target = sqlite3.connect(ws.path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    counting = statistics_count.fill

    def another_user_pledges_p8_meanwhile(*args):
        encumbrances.add_encumbrance(ws, numbers["P8"], "pledge", party="某银行")
        counting(*args)

    monkeypatch.setattr(statistics_count, "fill", another_user_pledges_p8_meanwhile)
    saves: list = []
    counted = statistics.compute(ws, today=S.TODAY, saves=saves)
    assert dict(counted.funnel())["eligible"] == S.EXPECTED["funnel"]["eligible"] - 1  # the pledge is counted
    for save in saves:
        save()
    assert _saved() == []
    monkeypatch.setattr(statistics_count, "fill", counting)
    other = open_workspace(copy, user="tester")
    try:
        assert dict(statistics.compute(other, today=S.TODAY).funnel()) == S.EXPECTED["funnel"]
    finally:
        other.close()
    _same(statistics.compute(ws, today=S.TODAY), counted)  # counted again, now under the key of the pledge


def test_an_unreadable_saved_count_is_counted_again(known):
    ws, _numbers, stats = known
    (saved,) = store.folder().glob("*.json")
    saved.write_text('{"as_of": "2026-11-26", "standings": {"ids": [1], "columns": []}}', encoding="utf-8")
    _same(statistics.compute(ws, today=S.TODAY), stats)
    saved.write_bytes(b"\xff not json")
    _same(statistics.compute(ws, today=S.TODAY), stats)


def test_only_the_newest_counts_are_kept(known):
    ws, _numbers, _stats = known
    for days in range(1, store.KEEP + 3):
        statistics.compute(ws, today=S.TODAY + timedelta(days=days))
    assert len(_saved()) == store.KEEP


def test_a_folder_that_cannot_be_made_only_costs_the_saving(ws, tmp_path):
    store.folder().write_text("a file where the folder would be", encoding="utf-8")
    numbers = S.build(ws, tmp_path)
    stats = statistics.compute(ws, today=S.TODAY)
    assert dict(stats.funnel()) == S.EXPECTED["funnel"] and numbers
    assert statistics.compute(ws, today=S.TODAY) == stats


def test_a_save_left_to_the_caller_is_written_only_when_run(known, monkeypatch):
    ws, _numbers, stats = known
    shutil.rmtree(store.folder(), ignore_errors=True)
    saves: list = []
    counted = statistics.compute(ws, today=S.TODAY, saves=saves)
    _same(counted, stats)
    assert len(saves) == 1 and _saved() == []
    saves.pop()()
    assert len(_saved()) == 1

    monkeypatch.setattr(statistics_count, "fill", _not_again)
    again = statistics.compute(ws, today=S.TODAY, saves=saves)
    _same(again, stats)
    assert saves == []  # read back: nothing to save


def _hostile(snapshot: dict) -> list[tuple[str, object]]:
    """Saved counts changed by hand or cut short: each must be counted again, never read as other figures."""
    ids, combinations = snapshot["standings"]["ids"], snapshot["standings"]["combinations"]
    codes = snapshot["standings"]["codes"]
    stage = 5  # a combination's stage (after type, department, year, status, declaration)
    as_numbers = [ord(c) - domain_statistics.CODE_BASE for c in codes]

    def numbers_with(i: int, code) -> dict:
        changed = json.loads(json.dumps(snapshot))
        changed["standings"]["codes"] = [*as_numbers[:i], code, *as_numbers[i + 1:]]
        return changed

    def standings_with(**what) -> dict:
        changed = json.loads(json.dumps(snapshot))
        changed["standings"].update(what)
        return changed

    def with_stage(value) -> list:
        return [[*c[:stage], value(c[stage])] for c in combinations]

    return [
        ("a negative code reads the last combination", numbers_with(0, -1)),
        ("true reads the second combination", numbers_with(0, True)),
        ("a code past the combinations", numbers_with(0, len(combinations))),
        ("a character past the combinations", standings_with(
            codes=chr(domain_statistics.CODE_BASE + len(combinations)) * len(ids))),
        ("a stage as text", standings_with(combinations=with_stage(str))),
        ("a stage past the funnel", standings_with(combinations=with_stage(lambda s: s + 50))),
        ("a patent twice", standings_with(ids=[ids[0], *ids[:-1]])),
        ("ids as text", standings_with(ids=[str(i) for i in ids])),
        ("a field missing", standings_with(combinations=[c[:-1] for c in combinations])),
        ("cut short", json.dumps(snapshot)[: len(json.dumps(snapshot)) // 2]),
        ("nested past the parser's depth", "[" * 100_000),
    ]


@pytest.mark.parametrize("case", range(11))
def test_a_saved_count_changed_or_cut_short_is_counted_again(known, case):
    ws, _numbers, stats = known
    (saved,) = store.folder().glob("*.json")
    what, content = _hostile(json.loads(saved.read_bytes()))[case]
    saved.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    again = statistics.compute(ws, today=S.TODAY)
    assert again == stats, what
    assert again.to_json() == stats.to_json(), what


def _hostile_lists(snapshot: dict) -> list[tuple[str, object]]:
    """Saved counts whose lists beside the standings were changed by hand: a value of another kind would load and
    show as other figures, or fail later in the workbook."""

    def with_value(part: str, field: int, value) -> dict:
        changed = json.loads(json.dumps(snapshot))
        assert changed[part], part  # the sample portfolio has fees and expiries ahead, licences, receipts, offers
        changed[part][0][field] = value
        return changed

    fee, offer = snapshot["fees_due"][0], snapshot["offers"][0]
    return [
        ("a fee's title that is a number", with_value("fees_due", 2, 12345)),
        ("a fee's patent id as text", with_value("fees_due", 0, str(fee[0]))),
        ("a fee that is no number", with_value("fees_due", 6, "NaN")),
        ("a fee's overdue flag as text", with_value("fees_due", 10, "" if fee[10] else "false")),
        ("an expiry's title that is a number", with_value("expiring", 2, 12345)),
        ("a licensee that is a number", with_value("licences", 4, 12345)),
        ("a licensee's size missing", with_value("licences", 5, None)),
        ("an amount received that is infinite", with_value("receipts", 2, "Infinity")),
        ("an offer's free months as text", with_value("offers", 2, str(offer[2]))),
        ("an offer's flag as text", with_value("offers", 3, "" if offer[3] else "false")),
        ("the horizon as text", {**snapshot, "horizon_days": str(snapshot["horizon_days"])}),
    ]


@pytest.mark.parametrize("case", range(11))
def test_a_saved_list_changed_by_hand_is_counted_again(known, case):
    ws, _numbers, stats = known
    (saved,) = store.folder().glob("*.json")
    what, content = _hostile_lists(json.loads(saved.read_bytes()))[case]
    saved.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises((ValueError, ArithmeticError)):
        PortfolioStatistics.from_snapshot(content)
    again = statistics.compute(ws, today=S.TODAY)
    assert again == stats, what
    assert again.to_json() == stats.to_json(), what


def test_a_count_saved_by_the_earlier_format_is_not_read(known, monkeypatch):
    """The first format wrote the codes as lists of numbers: its files have another key, so they are never read."""
    ws, _numbers, stats = known
    (saved,) = store.folder().glob("*.json")
    with ws.reading() as session:
        key_now = store.key(session, readiness.rule_context(statistics.profile_service.get_profile("general"),
                                                            S.TODAY), "general", stats.horizon_days)
    assert saved.stem == key_now
    monkeypatch.setattr(store, "FORMAT", 1)
    with ws.reading() as session:
        key_then = store.key(session, readiness.rule_context(statistics.profile_service.get_profile("general"),
                                                             S.TODAY), "general", stats.horizon_days)
    assert key_then != key_now


@pytest.mark.parametrize("after", [0, 1, 2, 3, 4])
def test_a_cancelled_count_stops_between_its_steps_and_saves_nothing(ws, tmp_path, after):
    """The dashboard's count ahead is cancelled when another database is opened: at whichever step it is asked,
    it stops there, and nothing is saved (nor left to save)."""
    S.build(ws, tmp_path)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > after

    saves: list = []
    with pytest.raises(InterruptedError, match="STATISTICS_CANCELLED"):
        statistics.compute(ws, today=S.TODAY, saves=saves, cancelled=cancelled)
    assert saves == [] and _saved() == []
    assert len(asked) == after + 1
    counted = statistics.compute(ws, today=S.TODAY, cancelled=lambda: False)  # asked, never cancelled
    _same(counted, _from_scratch(ws))
