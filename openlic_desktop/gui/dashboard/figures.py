"""The dashboard's cards as rows of figures, read from one `PortfolioStatistics` (domain.statistics): what the
numbers table beside each chart shows, the chart's values, and which patents each row opens. Pure apart from
Qt's translate() for the column heads: no widgets here, so tests compare these rows with the statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from openlic_desktop.domain.statistics import PortfolioStatistics, label

TOP_DEPARTMENTS = 8  # departments drawn as bars; the table beside lists them all

# the words of the cards: QT_TRANSLATE_NOOP marks them for lupdate, _t() translates them when shown
WORDS = {
    "patents": QT_TRANSLATE_NOOP("Dashboard", "Patents"), "in_force": QT_TRANSLATE_NOOP("Dashboard", "In force"),
    "eligible": QT_TRANSLATE_NOOP("Dashboard", "Eligible"), "licensed": QT_TRANSLATE_NOOP("Dashboard", "Licensed"),
    "funnel": QT_TRANSLATE_NOOP("Dashboard", "Open licensing: stage reached"),
    "stage": QT_TRANSLATE_NOOP("Dashboard", "Stage"),
    "by_type": QT_TRANSLATE_NOOP("Dashboard", "By type"), "type": QT_TRANSLATE_NOOP("Dashboard", "Type"),
    "by_department": QT_TRANSLATE_NOOP("Dashboard", "By department"),
    "department": QT_TRANSLATE_NOOP("Dashboard", "Department"),
    "by_year": QT_TRANSLATE_NOOP("Dashboard", "By filing year"), "year": QT_TRANSLATE_NOOP("Dashboard", "Year"),
    "by_declaration": QT_TRANSLATE_NOOP("Dashboard", "Statutory declarations"),
    "declaration": QT_TRANSLATE_NOOP("Dashboard", "Declaration"),
    "ahead": QT_TRANSLATE_NOOP("Dashboard", "Annual fees due in the next %1 days"),
    "month": QT_TRANSLATE_NOOP("Dashboard", "Month"), "fees": QT_TRANSLATE_NOOP("Dashboard", "Fees"),
    "amount": QT_TRANSLATE_NOOP("Dashboard", "Amount (CNY)"),
    "all_fees": QT_TRANSLATE_NOOP("Dashboard", "All fees due"),
    "expiring": QT_TRANSLATE_NOOP("Dashboard", "Reaching their last day in the next %1 days"),
    "quarters": QT_TRANSLATE_NOOP("Dashboard", "Licences reached and fees received"),
    "quarter": QT_TRANSLATE_NOOP("Dashboard", "Quarter"), "licences": QT_TRANSLATE_NOOP("Dashboard", "Licences"),
    "received": QT_TRANSLATE_NOOP("Dashboard", "Received (CNY)"),
    "offers": QT_TRANSLATE_NOOP("Dashboard", "Offers: free and paid"),
    "offer": QT_TRANSLATE_NOOP("Dashboard", "Offer"),
    "staged_free": QT_TRANSLATE_NOOP("Dashboard", "of which staged free"),
    "pay_after_trial": QT_TRANSLATE_NOOP("Dashboard", "of which use first, pay later"),
    "sizes": QT_TRANSLATE_NOOP("Dashboard", "Licensees by size"), "size": QT_TRANSLATE_NOOP("Dashboard", "Size"),
    "licensees": QT_TRANSLATE_NOOP("Dashboard", "Licensees"), "sme": QT_TRANSLATE_NOOP("Dashboard", "of which SMEs"),
}


def _t(key: str, days: int | None = None) -> str:
    text = QCoreApplication.translate("Dashboard", WORDS[key])
    return text.replace("%1", str(days)) if days is not None else text


@dataclass(frozen=True)
class FigureRow:
    """One line of a card's table: the words, the numbers, and the figure it opens (kind, value) or None."""

    text: str
    values: tuple[Any, ...]
    opens: tuple[str, Any] | None


@dataclass(frozen=True)
class Card:
    key: str
    title: str
    heads: tuple[str, ...]          # first the words' column, then one per value
    rows: tuple[FigureRow, ...]
    chart: str                      # funnel | bars | columns | quarters | pie | months
    series: tuple[str, ...] = ()    # which values (by head) the chart draws, when not all
    chart_rows: int | None = None   # draw only the first so many rows


def money_text(value: Decimal) -> str:
    return f"{value:,.2f}"


def cards(stats: PortfolioStatistics, lang: str = "zh") -> list[Card]:
    patents, in_force, eligible, licensed = _t("patents"), _t("in_force"), _t("eligible"), _t("licensed")
    out = [Card("funnel", _t("funnel"), (_t("stage"), patents),
                tuple(FigureRow(label("stage", key, lang), (n,), ("stage", key)) for key, n in stats.funnel()),
                "funnel")]
    for key in ("type", "department", "year", "declaration"):
        rows = tuple(FigureRow(label(key, g.value, lang), (g.patents, g.reached[0], g.reached[1], g.reached[-1]),
                               (key, g.value)) for g in stats.groups(key))
        out.append(Card(key, _t(f"by_{key}"), (_t(key), patents, in_force, eligible, licensed), rows,
                        "columns" if key == "year" else "bars", (patents, in_force, licensed),
                        TOP_DEPARTMENTS if key == "department" else None))

    days = stats.horizon_days
    months = tuple(FigureRow(month, (n, money_text(amount)), ("fees_due", month))
                   for month, n, amount in stats.fees_by_month())
    total = FigureRow(_t("all_fees"), (len(stats.fees_due), money_text(stats.fees_total())), ("fees_due", None))
    expiring = FigureRow(_t("expiring", days), (len(stats.expiring), ""), ("expiring", None))
    out.append(Card("ahead", _t("ahead", days), (_t("month"), _t("fees"), _t("amount")),
                    months + (total, expiring), "months", (_t("fees"),), len(months)))

    quarters = tuple(FigureRow(label("quarter", q.quarter, lang), (q.licences, money_text(q.received)),
                               ("quarter", q.quarter)) for q in stats.by_quarter())
    out.append(Card("quarters", _t("quarters"), (_t("quarter"), _t("licences"), _t("received")), quarters,
                    "quarters"))

    offered = stats.offered()
    modes = tuple(FigureRow(label("mode", mode, lang), (n,), ("mode", mode)) for mode, n in stats.offer_modes())
    extra = (FigureRow(_t("staged_free"), (sum(1 for o in offered if o.free_months > 0),), None),
             FigureRow(_t("pay_after_trial"), (sum(1 for o in offered if o.pay_after_trial),), None))
    out.append(Card("offers", _t("offers"), (_t("offer"), patents), modes + extra, "pie", chart_rows=len(modes)))

    sizes = tuple(FigureRow(label("size", r.size, lang), (r.licences, r.licensees), ("size", r.size))
                  for r in stats.by_size())
    sme = stats.sme()
    sme_row = FigureRow(_t("sme"), (sme.licences, sme.licensees), ("sme", None))
    out.append(Card("sizes", _t("sizes"), (_t("size"), _t("licences"), _t("licensees")), sizes + (sme_row,), "pie",
                    chart_rows=len(sizes)))
    return out


def number(value: Any) -> float:
    """A table value as a number for a chart (money is shown with separators in the table)."""
    if isinstance(value, str):
        return float(value.replace(",", "")) if value else 0.0
    return float(value)
