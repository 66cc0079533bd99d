"""Readiness over the whole portfolio a slice at a time: the same verdicts, in the same order, whatever the slice
size and however the ids asked for are spread; identical findings are one object."""

from __future__ import annotations

from datetime import date

import pytest

from openlic_desktop.services import encumbrances, portfolio, readiness


def _verdicts(results):
    return [(r.patent_id, r.application_number, r.ready, r.codes, [f.params for f in r.findings]) for r in results]


@pytest.fixture
def varied_ws(demo_ws):
    numbers = [f.number.canonical for f in portfolio.list_patents(demo_ws)]
    for number in numbers[::9]:
        encumbrances.add_encumbrance(demo_ws, number, "pledge", party="某银行")
    readiness.confirm_commitments(demo_ws, numbers[::4])
    readiness.sign_off(demo_ws, numbers[::8], "preparer")
    return demo_ws


def test_whole_portfolio_in_small_slices_matches_one_slice(varied_ws, monkeypatch):
    today = date(2026, 11, 26)
    monkeypatch.setattr(readiness, "CHECK_SLICE", 10**9)
    whole = readiness.check(varied_ws, None, today=today)
    monkeypatch.setattr(readiness, "CHECK_SLICE", 7)
    sliced = readiness.check(varied_ws, None, today=today)
    assert len(whole) == 200
    assert _verdicts(sliced) == _verdicts(whole)
    assert [r.application_number.replace(".", "") for r in sliced] == sorted(
        r.application_number.replace(".", "") for r in sliced)
    assert {"PLEDGE_WITHOUT_CONSENT", "NOT_SIGNED_OFF", "COMMITMENTS_INCOMPLETE"} <= {
        c for r in sliced for c in r.codes}


@pytest.mark.parametrize("pick", ["dense", "sparse", "reversed", "duplicates"])
def test_ids_given_keep_their_order_in_small_slices(varied_ws, monkeypatch, pick):
    today = date(2026, 11, 26)
    ids = portfolio.query_ids(varied_ws)
    chosen = {"dense": ids[20:60], "sparse": ids[::23], "reversed": ids[::-3],
              "duplicates": ids[5:9] + ids[5:7]}[pick]
    one_by_one = [readiness.check(varied_ws, [pid], today=today)[0] for pid in dict.fromkeys(chosen)]
    monkeypatch.setattr(readiness, "CHECK_SLICE", 5)
    assert _verdicts(readiness.check(varied_ws, chosen, today=today)) == _verdicts(one_by_one)


def test_identical_findings_are_one_object(varied_ws):
    results = readiness.check(varied_ws, None, today=date(2026, 11, 26))
    missing = [f for r in results for f in r.findings if f.code == "PRICING_MISSING"]
    assert len(missing) > 100
    assert len({id(f) for f in missing}) == 1
