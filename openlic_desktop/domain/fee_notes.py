"""The fee-estimation note (许可使用费估算依据和方法) every declaration carries: a first draft from the pricing and
the reference figures, which the office then edits.

Sources, cited as what they are:
- the estimation methods: CNIPA guide 国知办发运字〔2022〕56号 (own exploitation revenue, earlier fees for the same
  patent, same-industry statistics, common royalty rates, valuation);
- the "generally not above" figures (fixed fee CNY 20 million; royalty 20 % of net sales or 40 % of profit):
  国知发运字〔2024〕19号 — guidance, said so, never presented as a cap;
- same-industry figures only from the per-industry table the office loaded (with its source); a national
  average is labelled as covering all industries and never presented as same-industry data.
The terms are said by domain.pricing_words, as everywhere else. Pure: values in, text out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import (
    FIXED_FEE_CAP,
    ROYALTY_CAP_NET_SALES,
    ROYALTY_CAP_PROFIT,
    PricingMode,
    PricingTerms,
    RoyaltyBase,
)
from openlic_desktop.domain.pricing_words import money_words, rate_words, term_as_stated, terms_in_words
from openlic_desktop.support.errors import InputError

GUIDE = "国知办发运字〔2022〕56号"
GENERAL_STANDARD = "国知发运字〔2024〕19号"

METHODS: dict[str, tuple[str, str]] = {
    "own_revenue": ("专利权人自身实施该专利的收益", "the patentee's own revenue from exploiting the patent"),
    "earlier_fees": ("该专利以往的许可使用费", "earlier licence fees for the same patent"),
    "industry_statistics": ("同行业专利许可使用费统计数据", "same-industry licence-fee statistics"),
    "common_rates": ("通常的提成比例", "common royalty rates"),
    "valuation": ("专利资产评估", "a valuation of the patent"),
}
# the names `openlic fee-note --method` takes (cli.md) → the methods above
CLI_METHODS: dict[str, str] = {
    "industry": "industry_statistics", "earlier-fees": "earlier_fees", "own-revenue": "own_revenue",
    "royalty-rate": "common_rates", "valuation": "valuation",
}
# the figures each method's draft uses (key=value lines in the editor); "remarks" works for every method
INPUT_KEYS: dict[str, tuple[str, ...]] = {
    "own_revenue": ("annual_revenue", "profit_share", "remarks"),
    "earlier_fees": ("earlier_fee", "earlier_date", "remarks"),
    "industry_statistics": ("remarks",),
    "common_rates": ("common_rate", "remarks"),
    "valuation": ("valuation", "valuer", "remarks"),
}


@dataclass(frozen=True)
class IndustryFigures:
    """One line of the per-industry statistics the office loaded (its own copy of CNIPA's table)."""

    industry: str
    avg_amount: Decimal | None = None
    avg_rate: Decimal | None = None
    contracts: int | None = None
    source: str = ""


@dataclass(frozen=True)
class NationalFigures:
    """A national total over all industries (resources/reference/national_statistics.toml)."""

    label: str
    avg_fixed_amount: Decimal | None = None
    source: str = ""


@dataclass(frozen=True)
class GeneralStandard:
    """The "generally not above" figures of 国知发运字〔2024〕19号 (a profile may restate them)."""

    fixed_fee: Decimal = FIXED_FEE_CAP
    royalty_net_sales: Decimal = ROYALTY_CAP_NET_SALES
    royalty_profit: Decimal = ROYALTY_CAP_PROFIT

    def exceeded_by(self, terms: PricingTerms) -> list[str]:
        """What in the terms is above the general standard, in words (empty: within it)."""
        out = []
        fixed = terms.amount if terms.mode is PricingMode.LUMP_SUM else terms.entry_fee
        if fixed is not None and fixed > self.fixed_fee:
            out.append(f"固定费用{money_words(fixed)}高于{money_words(self.fixed_fee)}")
        if terms.mode.has_royalty and terms.rate is not None:
            limit = self.royalty_net_sales if terms.base is not RoyaltyBase.PROFIT else self.royalty_profit
            base = (terms.base or RoyaltyBase.NET_SALES).zh
            if terms.rate > limit:
                out.append(f"提成比例{rate_words(terms.rate)}高于{base}的{rate_words(limit)}")
        return out


def method_key(name: str) -> str:
    """A method named either way (cli.md's `industry` or the stored `industry_statistics`)."""
    key = CLI_METHODS.get(name, name)
    if key not in METHODS:
        raise InputError("FEE_NOTE_METHOD_UNKNOWN", method=name)
    return key


PLACEHOLDER = "（待补充）"   # what a draft says where the office still has to write


def unfinished(text: str) -> bool:
    """The note still has a gap the draft left for the office (a basis, a reason for fees above the standard)."""
    return PLACEHOLDER in (text or "")


def contradictions(text: str, facts: PatentFacts, terms: PricingTerms | None,
                   standard: GeneralStandard = GeneralStandard()) -> list[str]:
    """The parts of a note that say other terms than the patent's pricing now has — a note drafted before the
    price changed restates the old mode, standard or term, or compares the old fee with the general standard,
    beside a declaration that states the new ones. Empty: the note agrees with the terms (or says nothing of
    them, as an office's own text may not)."""
    if terms is None:
        return []
    lines = [line.strip() for line in (text or "").splitlines()]
    said = next((line for line in lines if line.startswith("三、许可使用费")), None)
    out = []
    if said is not None:
        words = terms_in_words(terms, expiry=facts.expiry_date)
        if f"支付方式为{words.mode}；" not in said:
            out.append("支付方式")
        if f"支付标准为{words.standard}；" not in said:
            out.append("支付标准")
        stated = term_as_stated(words.term, words.until_expiry, facts.expiry_date)
        ways = (f"许可期限为{stated}；", f"许可期限为{words.term}；", f"许可期限为{words.term}（")
        earlier = words.until_expiry and "许可期限为至专利权期限届满日" in said   # drafted before the day was named
        if words.term and not earlier and not any(way in said for way in ways):
            out.append("许可期限")
    compared = next((line for line in lines if line.startswith("四、与一般标准的比较")), None)
    if compared is not None and bool(standard.exceeded_by(terms)) != ("高于上述一般标准" in compared):
        out.append("与一般标准的比较")
    return out


def body_lines(text: str, patent_number: str) -> list[str]:
    """The note's lines to print under a heading that already names the patent: without the draft's own first
    line (专利“…”（专利号…）许可使用费估算依据和方法) and without blank lines."""
    lines = (text or "").splitlines()
    if lines and patent_number in lines[0] and "估算依据和方法" in lines[0]:
        lines = lines[1:]
    return [line.strip() for line in lines if line.strip()]


def draft(facts: PatentFacts, terms: PricingTerms | None, method: str, inputs: Mapping[str, str],
          industry: str = "", line: IndustryFigures | None = None, national: NationalFigures | None = None,
          standard: GeneralStandard = GeneralStandard()) -> str:
    """A first draft of the note for one patent, to be edited by the office."""
    method = method_key(method)
    value = lambda key: (inputs.get(key) or "").strip()
    lines = [f"专利“{facts.title}”（专利号{facts.number.patent_number}）许可使用费估算依据和方法", ""]
    cited = f"估算方法参照国家知识产权局办公室{GUIDE}文件所列方法"
    same_industry = line is not None and (line.avg_amount is not None or line.avg_rate is not None)
    national_only = not same_industry and national is not None and national.avg_fixed_amount is not None
    if method == "industry_statistics" and national_only:
        # without the office's per-industry table the note must not claim same-industry figures it then says it
        # lacks: the method is what the basis really is — the national total, labelled as all industries
        name = industry or facts.industry or "所属行业"
        lines.append(f"一、估算方法：依据专利许可使用费统计数据估算（本单位尚未取得所属行业（{name}）的"
                     f"{METHODS[method][0]}，以全部行业的统计数据作为参考；{cited}）。")
    else:
        lines.append(f"一、估算方法：依据{METHODS[method][0]}估算（{cited}）。")
    basis: list[str] = []
    if method == "own_revenue":
        if value("annual_revenue"):
            basis.append(f"专利权人实施该专利的年收入约{value('annual_revenue')}元")
        if value("profit_share"):
            basis.append(f"其中归因于该专利的利润分成比例约{value('profit_share')}%")
    elif method == "earlier_fees":
        if value("earlier_fee"):
            basis.append(f"该专利以往许可的使用费为{value('earlier_fee')}")
        if value("earlier_date"):
            basis.append(f"许可时间{value('earlier_date')}")
    elif method == "industry_statistics":
        if same_industry:
            figures = []
            if line.avg_amount is not None:
                figures.append(f"平均许可金额{money_words(line.avg_amount)}")
            if line.avg_rate is not None:
                figures.append(f"平均提成比例{rate_words(line.avg_rate)}")
            count = f"，{line.contracts}份合同" if line.contracts else ""
            source = f"（来源：{line.source}{count}）" if line.source or count else ""
            basis.append(f"同行业（{line.industry}）专利许可统计：{'，'.join(figures)}{source}")
        if national is not None and national.avg_fixed_amount is not None:
            basis.append(f"作为总体参考：{national.label}平均固定许可金额{money_words(national.avg_fixed_amount)}"
                         "（全部行业合计，并非同行业数据）")
    elif method == "common_rates":
        if value("common_rate"):
            basis.append(f"本领域通常的提成比例约为{value('common_rate')}%")
    elif method == "valuation":
        if value("valuation"):
            basis.append(f"评估价值{value('valuation')}元")
        if value("valuer"):
            basis.append(f"评估机构：{value('valuer')}")
    if value("remarks"):
        basis.append(value("remarks"))
    lines.append("二、估算依据：" + ("；".join(basis) + "。" if basis else PLACEHOLDER))
    if terms is not None:
        words = terms_in_words(terms, expiry=facts.expiry_date)
        parts = [f"支付方式为{words.mode}", f"支付标准为{words.standard}"]
        if words.term:   # as the declaration it goes with says it
            parts.append(f"许可期限为{term_as_stated(words.term, words.until_expiry, facts.expiry_date)}")
        parts.append(f"许可地域为{terms.territory}")
        lines.append("三、许可使用费：" + "；".join(parts) + "。")
    else:
        lines.append("三、许可使用费：（尚未设置）")
    guidance = (f"四、与一般标准的比较：国家知识产权局{GENERAL_STANDARD}文件提出，开放许可使用费一般不超过以下标准："
                f"固定费用{money_words(standard.fixed_fee)}，提成为净销售额的{rate_words(standard.royalty_net_sales)}"
                f"或利润的{rate_words(standard.royalty_profit)}。该标准为指导性意见，并非强制上限。")
    above = standard.exceeded_by(terms) if terms is not None else []
    if terms is None:
        guidance += "（许可使用费尚未设置，待比较。）"
    elif above:
        guidance += f"本专利的许可使用费高于上述一般标准（{'；'.join(above)}），理由如下：{PLACEHOLDER}。"
    else:
        guidance += "本专利的许可使用费在上述一般标准以内。"
    lines.append(guidance)
    lines.append("五、对所有被许可人适用相同的许可条件。")
    return "\n".join(lines)
