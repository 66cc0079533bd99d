"""Pricing terms in words — the one place that says them, for the portfolio table, the information table, the
contract, the declaration and the fee-estimation note alike.

Natural Chinese word order, as an official text writes it: 按净销售额的3%提成；入门费5万元，另按利润的2%提成；
一次性支付8万元；前12个月免费，此后按净销售额的3%提成；先试用12个月，试用期满后继续实施的，按利润的5%提成.
Amounts of ten thousand yuan and more that are whole hundreds read in 万元 (5万元, 12.5万元); others in 元
(8000元, 1234.56元). No internal codes, no spaces around the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from openlic_desktop.domain.dates import zh_date
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, RoyaltyBase

TEN_THOUSAND = Decimal(10000)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def money_words(amount: Decimal | None, lang: str = "zh") -> str:
    """5万元 / 12.5万元 / 8000元 / 1234.56元 (zh); CNY 50,000 (en)."""
    if amount is None:
        return ""
    if not lang.startswith("zh"):
        whole = amount == amount.to_integral_value()
        return f"CNY {amount:,.0f}" if whole else f"CNY {amount:,.2f}"
    if amount >= TEN_THOUSAND and amount % 100 == 0:
        return f"{_plain(amount / TEN_THOUSAND)}万元"
    if amount == amount.to_integral_value():
        return f"{amount:.0f}元"
    return f"{amount:.2f}元"


def rate_words(rate: Decimal | None) -> str:
    return f"{_plain(rate)}%" if rate is not None else ""


def _royalty(terms: PricingTerms, zh: bool) -> str:
    base = terms.base or RoyaltyBase.NET_SALES
    if zh:
        return f"按{base.zh}的{rate_words(terms.rate)}提成"
    return f"a royalty of {rate_words(terms.rate)} of {base.value.replace('_', ' ')}"


def _core(terms: PricingTerms, zh: bool) -> str:
    mode = terms.mode
    if mode is PricingMode.FREE:
        return "免费" if zh else "free of charge"
    if mode is PricingMode.LUMP_SUM:
        return f"一次性支付{money_words(terms.amount)}" if zh else f"a lump sum of {money_words(terms.amount, 'en')}"
    if mode is PricingMode.ROYALTY:
        return _royalty(terms, zh)
    if zh:
        return f"入门费{money_words(terms.entry_fee)}，另{_royalty(terms, zh)}"
    return f"an entry fee of {money_words(terms.entry_fee, 'en')} plus {_royalty(terms, zh)}"


@dataclass(frozen=True)
class TermsInWords:
    """The terms as a form asks for them: 支付方式, 支付标准, 许可期限, and one line for tables."""

    mode: str        # 许可使用费支付方式: 免费 / 一次性支付 / 提成支付（按年支付） / 入门费加提成支付（按季度支付）
    standard: str    # 许可使用费支付标准: 入门费5万元，另按利润的2%提成
    term: str        # 许可期限: 36个月, or 至专利权期限届满日（2030年9月21日）止
    summary: str     # 入门费5万元，另按利润的2%提成；许可期限36个月
    until_expiry: bool = False  # the term names its own end (a document adds no "not past the expiry day")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mode": self.mode, "standard": self.standard, "term": self.term,
                               "summary": self.summary}
        if self.until_expiry:
            out["until_expiry"] = True
        return out


MODE_ZH = {PricingMode.FREE: "免费", PricingMode.LUMP_SUM: "一次性支付", PricingMode.ROYALTY: "提成支付",
           PricingMode.ENTRY_PLUS_ROYALTY: "入门费加提成支付"}
MODE_EN = {PricingMode.FREE: "free", PricingMode.LUMP_SUM: "lump sum", PricingMode.ROYALTY: "royalty",
           PricingMode.ENTRY_PLUS_ROYALTY: "entry fee plus royalty"}


def term_words(terms: PricingTerms, lang: str = "zh", expiry: date | None = None) -> str:
    """The licence term: 36个月; a term until expiry as the day it ends — 至专利权期限届满日（2030年9月21日）止 —
    never as the whole months that happen to fit before it."""
    zh = lang.startswith("zh")
    if terms.until_expiry:
        if zh:
            return f"至专利权期限届满日（{zh_date(expiry)}）止" if expiry else "至专利权期限届满日止"
        return f"until the patent expires ({expiry.isoformat()})" if expiry else "until the patent expires"
    if terms.term_months:
        return f"{terms.term_months}个月" if zh else f"{terms.term_months} months"
    return ""


def term_as_stated(term: str, until_expiry: bool, expiry: date | None) -> str:
    """The licence term as every document of a package states it — the declaration, the patentees' consent, the
    fee-estimation note, the entry sheet typed into CNIPA's form and the bureau's information table say the one
    fact in the same words: 36个月（自许可生效之日起计算，最长不超过专利权期限届满日2042年9月30日）, or
    自许可生效之日起至专利权期限届满日（2030年9月21日）止. `term`: TermsInWords.term (or a snapshot's)."""
    if not term:
        return ""
    if until_expiry:
        return term if term.startswith("自许可生效之日起") else "自许可生效之日起" + term
    cap = f"专利权期限届满日{zh_date(expiry)}" if expiry else "专利权期限届满日"
    return f"{term}（自许可生效之日起计算，最长不超过{cap}）"


def terms_in_words(terms: PricingTerms, lang: str = "zh", expiry: date | None = None) -> TermsInWords:
    """Say the terms: the payment mode, the standard in natural order (with a staged-free period or a trial
    first), the term, and a one-line summary. `expiry`: the patent's 专利权期限届满日, named by a term that runs
    until it."""
    zh = lang.startswith("zh")
    core = _core(terms, zh)
    unpaid = terms.unpaid_months if terms.mode.is_paid else 0
    if unpaid and terms.pay_after_trial:
        standard = (f"先试用{unpaid}个月，试用期满后继续实施的，{core}" if zh
                    else f"a {unpaid}-month trial; continuing after it, {core}")
    elif unpaid:
        standard = f"前{unpaid}个月免费，此后{core}" if zh else f"free for the first {unpaid} months, then {core}"
    else:
        standard = core
    mode = MODE_ZH[terms.mode] if zh else MODE_EN[terms.mode]
    if terms.mode.has_royalty:
        mode += f"（{terms.frequency.zh}支付）" if zh else f" ({terms.frequency.value})"
    term = term_words(terms, lang, expiry)
    summary = standard + ((f"；许可期限{term}" if zh else f"; term {term}") if term else "")
    return TermsInWords(mode, standard, term, summary, terms.until_expiry)
