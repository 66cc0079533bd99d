"""A patent whose unpaid annual fee is past its grace period has lapsed: `openlic fees` says so plainly and lists
nothing payable (no surcharge windows all in the past); up to the grace period's last day the fee is still listed."""

from __future__ import annotations

import json
from datetime import date

from declaration_helpers import add, number

from openlic_desktop.cli.main import main
from openlic_desktop.domain.annual_fees import lapsed_for_fee
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.services import annual_fees

FILING = date(2021, 3, 10)
# fees paid up to the 2nd year: the 3rd year's fee fell due on 2023-03-10, its grace period ended on 2023-09-09
LAPSED, PAID = number("1", 81), number("1", 82)


def test_the_engine_says_lapsed_only_after_the_grace_periods_last_day():
    def lapsed(today):
        return lapsed_for_fee(PatentType.INVENTION, FILING, date(2023, 3, 9), date(2041, 3, 9), today)

    assert lapsed(date(2023, 3, 9)) is None       # before the due day
    assert lapsed(date(2023, 9, 9)) is None       # the last day of the grace period: payable with 25 %
    fee = lapsed(date(2023, 9, 10))
    assert (fee.year, fee.due, fee.grace_end) == (3, date(2023, 3, 10), date(2023, 9, 9))
    assert lapsed_for_fee(PatentType.INVENTION, FILING, None, None, date(2030, 1, 1)) is None  # fees not known


def test_fees_of_a_lapsed_patent_list_nothing_payable(ws):
    add(ws, [LAPSED], filed=FILING, paid_until=date(2023, 3, 9))
    found = annual_fees.fees_for(ws, LAPSED, today=date(2023, 9, 10))
    assert found.fees == () and found.lapsed.due == date(2023, 3, 10)
    assert found.to_json()["fees"] == []
    within = annual_fees.fees_for(ws, LAPSED, count=1, today=date(2023, 9, 9))
    assert within.lapsed is None and within.fees[0].surcharge_on(date(2023, 9, 9)) == 225  # 25 % of 900


def test_openlic_fees_says_plainly_that_the_patent_lapsed(ws, db_path, capsys):
    add(ws, [LAPSED], filed=FILING, paid_until=date(2023, 3, 9))
    add(ws, [PAID], filed=FILING, paid_until=date(2035, 3, 9))
    ws.close()
    assert main(["--db", str(db_path), "fees", LAPSED]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"openlic: 专利 {LAPSED} 第3年度年费应在 2023-03-10 前缴纳，滞纳期已于 2023-09-09 届满："
                   "该专利权已自 2023-03-10 起终止，没有可以缴纳的年费 [FEES_LAPSED]\n")
    assert main(["--db", str(db_path), "--lang", "en", "fees", LAPSED, "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "the patent lapsed from 2023-03-10; no annual fee can be paid [FEES_LAPSED]" in err
    assert main(["--db", str(db_path), "fees", PAID, "--count", "1", "--json"]) == 0  # not lapsed: as before
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["due"] == "2035-03-10" and err == ""


def test_openlic_fees_judges_the_lapse_on_the_date_given(ws, db_path, capsys):
    add(ws, [LAPSED], filed=FILING, paid_until=date(2023, 3, 9))
    ws.close()
    # on the grace period's last day the fee is still payable (the clock's today would say lapsed)
    assert main(["--db", str(db_path), "fees", LAPSED, "--count", "1", "--date", "2023-09-09", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["due"] == "2023-03-10" and err == ""
    assert main(["--db", str(db_path), "fees", LAPSED, "--date", "2023-09-10", "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out) == [] and "[FEES_LAPSED]" in err


def _priced(ws, numbers):
    from declaration_helpers import ROYALTY, ids

    from openlic_desktop.services import pricing

    pricing.set_terms(ws, ids(ws, numbers), ROYALTY)


def test_deadlines_say_the_patent_lapsed_and_list_no_payable_fee(ws):
    from openlic_desktop.services.licensing import deadlines

    add(ws, [LAPSED], filed=FILING, paid_until=date(2023, 3, 9))
    add(ws, [PAID], filed=FILING, paid_until=date(2024, 3, 9))  # its next fee (year 4, 2024-03-10) lies ahead
    _priced(ws, [LAPSED, PAID])
    after = deadlines.deadlines(ws, today=date(2023, 9, 10))
    mine = {(d.kind, d.application_number): d for d in after}
    assert ("annual_fee", LAPSED) not in mine           # no payable fee for a lapsed patent
    lapsed = mine[("patent_lapsed", LAPSED)]
    assert lapsed.due == date(2023, 3, 10) and lapsed.amount is None and lapsed.lapsed
    assert lapsed.detail == "第3年度年费应在 2023-03-10 前缴纳，滞纳期已于 2023-09-09 届满未缴：专利权自 2023-03-10 起终止"
    assert lapsed.to_json()["amount"] is None and lapsed.to_json()["kind"] == "patent_lapsed"
    # a lapse is no payment left undone: not overdue, and listed after the actions though its day came first
    assert not lapsed.overdue and lapsed.to_json()["overdue"] is False and lapsed.to_json()["lapsed"] is True
    assert after[-1] is lapsed and after[0].due > lapsed.due
    assert mine[("annual_fee", PAID)].amount == 1200      # the other patent's fee: still a deadline
    # the kind filter is exact: annual fees alone do not list the lapse, and the lapse alone no fee
    assert [d.application_number for d in deadlines.deadlines(ws, today=date(2023, 9, 10), kinds=["annual_fee"])
            ] == [PAID]
    assert [d.kind for d in deadlines.deadlines(ws, today=date(2023, 9, 10), kinds=["patent_lapsed"])
            ] == ["patent_lapsed"]
    # the grace period's last day: the fee is still payable (with the surcharge), no lapse
    before = deadlines.deadlines(ws, today=date(2023, 9, 9), kinds=["annual_fee", "patent_lapsed"])
    assert [(d.kind, d.application_number, d.amount) for d in before] == [
        ("annual_fee", LAPSED, 900), ("annual_fee", PAID, 1200)]
    english = deadlines.deadlines(ws, today=date(2023, 9, 10), kinds=["patent_lapsed"], lang="en")[0]
    assert english.detail.endswith("the patent lapsed from 2023-03-10") and english.label("en").startswith(
        "Patent lapsed")


def test_openlic_deadlines_says_lapsed_in_words(ws, db_path, capsys):
    add(ws, [LAPSED], filed=FILING, paid_until=date(2023, 3, 9))
    _priced(ws, [LAPSED])
    ws.close()
    assert main(["--db", str(db_path), "deadlines", "--date", "2023-09-10"]) == 0
    out, _err = capsys.readouterr()
    line = next(x for x in out.splitlines() if LAPSED in x)
    assert "已终止" in line and "专利权终止" in line and "专利权自 2023-03-10 起终止" in line and "逾期" not in line
    assert "900" not in out
    assert main(["--db", str(db_path), "deadlines", "--today", "2023-09-10", "--json"]) == 0  # the old spelling
    items = json.loads(capsys.readouterr().out)
    assert [(d["kind"], d["due"], d["amount"]) for d in items] == [("patent_lapsed", "2023-03-10", None)]
