"""`price --until-expiry` and the per-patent report of `price` (cli.md Pricing): each patent's term runs to its own
last day in force; a term past expiry or below the profile's minimum is reported per patent with exit 1 while the
terms are stored as given."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from openlic_desktop.cli.main import main
from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import MAX_TERM_MONTHS, term_end, term_until_expiry
from openlic_desktop.services import pricing
from openlic_desktop.storage import patents as patent_repo

TODAY = date.today()


@pytest.mark.parametrize("start, expiry, months", [
    (date(2026, 1, 31), date(2027, 1, 30), 12), (date(2026, 1, 31), date(2027, 1, 29), 11),
    (date(2026, 3, 1), date(2026, 3, 31), 1), (date(2026, 3, 1), date(2026, 3, 30), 0),
    (date(2024, 2, 29), date(2025, 2, 27), 12), (date(2026, 1, 1), date(2099, 1, 1), MAX_TERM_MONTHS)])
def test_term_until_expiry_is_the_longest_that_fits(start, expiry, months):
    got = term_until_expiry(start, expiry)
    assert got == months
    if got:
        assert term_end(start, got) <= expiry
        if got < MAX_TERM_MONTHS:
            assert term_end(start, got + 1) > expiry


def number(digits: str) -> str:
    return f"{digits}.{check_character(digits)}"


def add_patent(ws, digits: str, filing: date, title: str) -> str:
    facts = PatentFacts(parse_application_number(number(digits)), title=title, filing_date=filing,
                        grant_date=filing + timedelta(days=400), patentees=["示例大学"], fees_paid_until=None)
    with ws.session() as session:
        patent_repo.insert_many(session, [facts])
    return facts.number.canonical


@pytest.fixture
def three(ws):
    """An invention with ~15 years left, a utility model ending in ~6 months, one ending in 9 days."""
    long = add_patent(ws, "202110123456", add_months(TODAY, -12 * 5), "长寿命的发明")
    soon = add_patent(ws, "201620123456", add_months(TODAY, -12 * 10 + 6), "半年后届满的实用新型")
    gone = add_patent(ws, "201620654321", add_months(TODAY + timedelta(days=10), -12 * 10), "九天后届满的实用新型")
    return long, soon, gone


def test_until_expiry_runs_each_patent_to_its_own_last_day(ws, three):
    from openlic_desktop.domain.pricing import PricingMode, PricingTerms

    long, soon, gone = three
    outcome = pricing.price_patents(ws, [long, soon, gone], PricingTerms(PricingMode.FREE), until_expiry=True)
    assert outcome.skipped == {gone: "EXPIRY_TOO_CLOSE"}
    assert set(outcome.changed) == {long, soon}
    stored = {n: pricing.get_terms(ws, pricing.ids_for_numbers(ws, [n])[n]) for n in (long, soon)}
    assert stored[long].term_months == term_until_expiry(TODAY, add_months(add_months(TODAY, -60), 240) - timedelta(1))
    assert stored[soon].term_months in (5, 6)
    assert pricing.get_terms(ws, pricing.ids_for_numbers(ws, [gone])[gone]) is None  # nothing stored for it
    # the short one is below the general profile's 12 months: reported, but stored as given
    assert [f.code for f in outcome.findings[soon]] == ["TERM_TOO_SHORT"] and long not in outcome.findings


def test_price_cli_reports_per_patent_and_exits_1(capsys, ws, db_path, three):
    long, soon, _gone = three
    code = main(["--db", str(db_path), "--lang", "en", "price", long, soon, "--mode", "lump-sum", "--amount",
                 "50000", "--term-months", "36"])
    out = capsys.readouterr().out
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith(soon)]
    assert len(lines) == 1 and "TERM_BEYOND_EXPIRY" in lines[0] and "past the patent's last day" in lines[0]
    assert not [line for line in out.splitlines() if line.startswith(long)]
    assert "Set: 2; unchanged: 0; to look at: 1; not set: 0" in out
    # terms stored as given, the rule still blocks in check
    assert pricing.get_terms(ws, pricing.ids_for_numbers(ws, [soon])[soon]).term_months == 36
    # nothing to report: exit 0
    assert main(["--db", str(db_path), "price", long, "--mode", "free", "--term-months", "24"]) == 0


def test_price_cli_until_expiry_skips_and_says_why(capsys, ws, db_path, three):
    long, _soon, gone = three
    code = main(["--db", str(db_path), "--lang", "en", "price", long, gone, "--mode", "royalty", "--rate", "3",
                 "--free-months", "12", "--until-expiry"])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{gone}: Less than a month" in captured.err
    assert "term until the patent expires" in captured.out
    terms = pricing.get_terms(ws, pricing.ids_for_numbers(ws, [long])[long])
    assert terms.free_months == 12 and terms.term_months > 150 and terms.until_expiry
    assert main(["--db", str(db_path), "price", long, "--mode", "free", "--until-expiry"]) == 0
    assert "许可期限至专利权期限届满日止" in capsys.readouterr().out


def test_until_expiry_and_term_months_exclude_each_other(capsys, db_path, three):
    long, _soon, _gone = three
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "price", long, "--mode", "free", "--term-months", "12", "--until-expiry"])
    assert exc.value.code == 2


def test_a_batch_until_expiry_is_undone_patent_by_patent(ws, three):
    """The GUI's batch pricing: each patent its own term, one application, undone as one; a patent whose terms
    were changed since refuses the undo (it would drop that change)."""
    from openlic_desktop.domain.pricing import PricingMode, PricingTerms
    from openlic_desktop.support.errors import OpenLicError

    long, soon, gone = three
    ids = pricing.ids_for_numbers(ws, [long, soon, gone])
    terms = PricingTerms(PricingMode.FREE)
    rows = pricing.preview(ws, list(ids.values()), terms, today=TODAY, until_expiry=True)
    codes = {r.application_number: [f.code for f in r.findings] for r in rows}
    assert codes == {soon: ["TERM_TOO_SHORT"], gone: ["EXPIRY_TOO_CLOSE"]}
    result = pricing.apply_to_selection(ws, list(ids.values()), terms, label="至届满", until_expiry=True,
                                        today=TODAY)
    assert result.changed == 2
    stored = pricing.terms_for(ws, list(ids.values()))
    assert set(stored) == {ids[long], ids[soon]} and stored[ids[soon]].term_months in (5, 6)
    assert stored[ids[long]].term_months > 150
    assert pricing.undo_last_application(ws).restored == 2
    assert pricing.terms_for(ws, list(ids.values())) == {}
    pricing.apply_to_selection(ws, [ids[long], ids[soon]], terms, until_expiry=True, today=TODAY)
    pricing.set_terms(ws, [ids[soon]], terms.with_changes(term_months=3))  # edited since
    with pytest.raises(OpenLicError) as exc:
        pricing.undo_last_application(ws)
    assert exc.value.code == "PRICING_UNDO_CONFLICT"
