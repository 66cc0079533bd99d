from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.parsing import parse_date, split_names
from openlic_desktop.domain.status import Status, parse_status
from openlic_desktop.domain.terms import FeeState, fee_position, last_day_in_force, patent_year


@pytest.mark.parametrize("ptype,filed,last", [
    (PatentType.INVENTION, date(2021, 1, 5), date(2041, 1, 4)),
    (PatentType.UTILITY_MODEL, date(2021, 1, 5), date(2031, 1, 4)),
    (PatentType.DESIGN, date(2021, 5, 31), date(2031, 5, 30)),
    (PatentType.DESIGN, date(2021, 6, 1), date(2036, 5, 31)),
    (PatentType.INVENTION, date(2020, 2, 29), date(2040, 2, 28)),
])
def test_last_day_in_force(ptype, filed, last):
    assert last_day_in_force(ptype, filed) == last


def test_fee_position_paid_grace_lapsed():
    filed = date(2020, 3, 10)
    paid_until = date(2025, 3, 9)  # year 5 covered; year 6 due 2025-03-10
    assert fee_position(filed, paid_until, date(2025, 3, 1)).state is FeeState.PAID
    pos = fee_position(filed, paid_until, date(2025, 5, 1))
    assert pos.state is FeeState.IN_GRACE and pos.due_date == date(2025, 3, 10)
    # 2025-05-01 is in the second month after the due day: the first month is free of surcharge, then 5 %
    assert pos.grace_end == date(2025, 9, 9) and pos.surcharge_rate == Decimal("0.05")
    assert fee_position(filed, paid_until, date(2025, 4, 9)).surcharge_rate == Decimal(0)
    assert fee_position(filed, paid_until, date(2025, 9, 10)).state is FeeState.LAPSED
    assert fee_position(filed, None, date(2025, 1, 1)).state is FeeState.UNKNOWN


@given(st.dates(date(1990, 1, 1), date(2040, 12, 31)), st.integers(-240, 240))
def test_add_months_never_overflows_the_month(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day


def test_add_months_keeps_the_day_or_takes_the_month_end_for_every_day_of_a_leap_cycle():
    from datetime import timedelta

    def month_end(year: int, month: int) -> int:
        following = date(year + month // 12, month % 12 + 1, 1)
        return (following - timedelta(days=1)).day

    day = date(2019, 1, 1)
    while day <= date(2024, 12, 31):  # every day of a leap cycle and its neighbours, the 29th–31st included
        for months in (-25, -13, -12, -1, 0, 1, 2, 11, 12, 13, 24, 240):
            index = day.year * 12 + day.month - 1 + months
            year, month = index // 12, index % 12 + 1
            assert add_months(day, months) == date(year, month, min(day.day, month_end(year, month))), (day, months)
        day += timedelta(days=1)


@given(st.dates(date(1990, 1, 1), date(2030, 12, 31)), st.integers(0, 7000))
def test_patent_year_counts_anniversaries(filed, offset):
    from datetime import timedelta

    on = filed + timedelta(days=offset)
    year = patent_year(filed, on)
    assert year >= 1
    assert add_months(filed, 12 * (year - 1)) <= on < add_months(filed, 12 * year)


@pytest.mark.parametrize("value,expected", [
    ("2021-01-05", date(2021, 1, 5)), ("2021/1/5", date(2021, 1, 5)), ("2021.1.5", date(2021, 1, 5)),
    ("2021年1月5日", date(2021, 1, 5)), ("20210105", date(2021, 1, 5)), (44201, date(2021, 1, 5)),
    (44201.0, date(2021, 1, 5)), ("2021-02-30", None), ("", None), ("abc", None),
    ("２０２１－０１－０５", date(2021, 1, 5)), ("2021-01-05 00:00:00", date(2021, 1, 5)),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_split_names():
    assert split_names("浙江大学；杭州某某有限公司, 张三、李四/王五\n赵六;浙江大学") == [
        "浙江大学", "杭州某某有限公司", "张三", "李四", "王五", "赵六"]


@pytest.mark.parametrize("word,status", [
    ("有效", Status.IN_FORCE), ("专利权维持", Status.IN_FORCE), ("未缴年费终止", Status.LAPSED),
    ("届满终止", Status.EXPIRED), ("放弃", Status.LAPSED), ("实审", Status.PENDING), ("公开", Status.PENDING),
    ("授权", Status.IN_FORCE), ("什么", None),
])
def test_status_words(word, status):
    assert parse_status(word) is status
