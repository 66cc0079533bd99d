"""The fee-estimation note's first draft (domain.fee_notes): every method, its sources cited as what they are."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openlic_desktop.domain.fee_notes import (
    CLI_METHODS,
    INPUT_KEYS,
    METHODS,
    IndustryFigures,
    NationalFigures,
    draft,
    method_key,
    unfinished,
)
from openlic_desktop.domain.identifiers import parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase
from openlic_desktop.support.errors import InputError

FACTS = PatentFacts(parse_application_number("202110123456.7"), title="一种锂电池正极材料的制备方法",
                    filing_date=date(2021, 3, 10), industry="电气机械和器材制造业")
TERMS = PricingTerms(PricingMode.ENTRY_PLUS_ROYALTY, entry_fee=Decimal(50000), rate=Decimal(2),
                     base=RoyaltyBase.PROFIT, term_months=24)
NATIONAL = NationalFigures("2024年全国专利实施许可合同备案", Decimal("1711000.00"), "国家知识产权局")


def test_the_general_standard_is_guidance_cited_by_its_number():
    text = draft(FACTS, TERMS, "royalty-rate", {"common_rate": "2"})
    assert "国知发运字〔2024〕19号" in text and "指导性意见，并非强制上限" in text
    assert "在上述一般标准以内" in text and "上限（" not in text
    assert "国知办发运字〔2022〕56号" in text
    assert "支付标准为入门费5万元，另按利润的2%提成" in text and "许可地域为中国境内" in text
    high = draft(FACTS, TERMS.with_changes(rate=Decimal(45)), "royalty-rate", {})
    assert "高于上述一般标准（提成比例45%高于利润的40%）" in high and "理由如下" in high


def test_industry_figures_only_from_the_loaded_table_and_the_national_average_as_such():
    line = IndustryFigures("电气机械和器材制造业", Decimal(300000), Decimal("2.8"), 120, "十三五统计.xlsx")
    text = draft(FACTS, TERMS, "industry", {}, FACTS.industry, line, NATIONAL)
    assert "同行业（电气机械和器材制造业）专利许可统计：平均许可金额30万元，平均提成比例2.8%（来源：十三五统计.xlsx，120份合同）" in text
    assert "171.1万元（全部行业合计，并非同行业数据）" in text
    assert "一、估算方法：依据同行业专利许可使用费统计数据估算（" in text
    without = draft(FACTS, TERMS, "industry", {}, FACTS.industry, None, NATIONAL)
    assert "尚未取得所属行业（电气机械和器材制造业）的同行业专利许可使用费统计数据" in without
    assert "同行业（" not in without


def test_without_the_industry_table_the_method_is_what_the_basis_is():
    """A note that says it was estimated from same-industry statistics and then that the office has none
    contradicts itself before the examiner: without the table the method names the all-industry figures it uses."""
    without = draft(FACTS, TERMS, "industry", {}, FACTS.industry, None, NATIONAL)
    method = next(line for line in without.splitlines() if line.startswith("一、估算方法"))
    assert not method.startswith("一、估算方法：依据同行业")
    assert "以全部行业的统计数据作为参考" in method
    basis = next(line for line in without.splitlines() if line.startswith("二、估算依据"))
    assert "171.1万元（全部行业合计，并非同行业数据）" in basis and "尚未取得" not in basis
    # nothing at all to go on: the basis is left for the office, and the note counts as unfinished
    bare = draft(FACTS, TERMS, "industry", {}, FACTS.industry, None, None)
    assert "二、估算依据：（待补充）" in bare and unfinished(bare)


@pytest.mark.parametrize("cli", list(CLI_METHODS))
def test_cli_method_names(cli):
    key = method_key(cli)
    assert key in METHODS and set(INPUT_KEYS) == set(METHODS)
    assert METHODS[key][0] in draft(FACTS, TERMS, cli, {k: f"《{k}》" for k in INPUT_KEYS[key]})
    with pytest.raises(InputError):
        method_key("astrology")
