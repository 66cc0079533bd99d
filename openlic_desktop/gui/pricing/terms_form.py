"""The fields of a licence's terms (`PricingTerms`), shared by the editor's pricing tab and the batch pricing
dialog. Only the fields the payment mode uses are enabled. A patent without terms shows "(not priced yet)" as its
mode, not a made-up "free": nothing is suggested as if it had been decided. Thread rule: GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from openlic_desktop.domain.pricing import (
    DEFAULT_TERRITORY,
    MAX_TERM_MONTHS,
    Frequency,
    PricingMode,
    PricingTerms,
    RoyaltyBase,
    money,
    percent,
)
from openlic_desktop.gui import words
from openlic_desktop.support.errors import InputError


class TermsForm(QWidget):
    """`set_terms(terms or None)`, `terms()`; `edited` after every change the user makes. `with_until_expiry`
    adds "until the patent expires" under the term: the term then runs to the patent's own last day in force and
    `terms()` carries no month count (the batch works out each patent's; the editor its one patent's). `set_terms`
    shows whether the terms were recorded as running until expiry, unless told to keep the box as the user left
    it (a batch preset has a month count and says nothing about expiry)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, with_until_expiry: bool = False) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.mode = QComboBox(self)
        self.mode.setObjectName("pricingMode")
        for mode, label in words.choices(words.PAYMENT_MODES):
            self.mode.addItem(label, mode)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("pricingAmount")
        self.entry_fee = QLineEdit(self)
        self.entry_fee.setObjectName("pricingEntryFee")
        self.rate = QLineEdit(self)
        self.rate.setObjectName("pricingRate")
        self.base = QComboBox(self)
        self.base.addItem(self.tr("Net sales"), RoyaltyBase.NET_SALES.value)
        self.base.addItem(self.tr("Profit"), RoyaltyBase.PROFIT.value)
        self.term = QSpinBox(self)
        self.term.setObjectName("pricingTerm")
        self.term.setRange(1, MAX_TERM_MONTHS)
        self.term.setValue(12)
        self.term.setSuffix(self.tr(" months"))
        self.until_expiry = QCheckBox(self.tr("Until the patent expires"), self)
        self.until_expiry.setObjectName("pricingUntilExpiry")
        self.until_expiry.setToolTip(self.tr("Each patent's licence term runs to its own last day in force"))
        self.free = QSpinBox(self)
        self.free.setRange(0, MAX_TERM_MONTHS)
        self.free.setSuffix(self.tr(" months"))
        self.trial_box = QCheckBox(self.tr("Use first, pay later"), self)
        self.trial = QSpinBox(self)
        self.trial.setRange(0, MAX_TERM_MONTHS)
        self.trial.setSuffix(self.tr(" months"))
        self.frequency = QComboBox(self)
        self.frequency.addItem(self.tr("Yearly"), Frequency.YEARLY.value)
        self.frequency.addItem(self.tr("Quarterly"), Frequency.QUARTERLY.value)
        self.territory = QLineEdit(DEFAULT_TERRITORY, self)
        for label, widget in ((self.tr("Payment"), self.mode), (self.tr("Amount (CNY)"), self.amount),
                              (self.tr("Entry fee (CNY)"), self.entry_fee), (self.tr("Royalty rate (%)"), self.rate),
                              (self.tr("Royalty base"), self.base), (self.tr("Licence term"), self.term),
                              ("", self.until_expiry), (self.tr("Free at the start"), self.free),
                              ("", self.trial_box),
                              (self.tr("Trial"), self.trial), (self.tr("Royalty payment"), self.frequency),
                              (self.tr("Territory"), self.territory)):
            if widget is self.until_expiry and not with_until_expiry:
                widget.hide()
                continue
            widget.setAccessibleName(label or widget.text())
            form.addRow(label, widget)
        for combo in (self.mode, self.base, self.frequency):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.amount, self.entry_fee, self.rate, self.territory):
            edit.textChanged.connect(self._changed)
        for spin in (self.term, self.free, self.trial):
            spin.valueChanged.connect(self._changed)
        self.trial_box.toggled.connect(self._changed)
        self.until_expiry.toggled.connect(self._changed)
        self._update_enabled()

    def _changed(self, *_args: Any) -> None:
        if self.mode.currentData() and self.mode.findData("") >= 0:  # a mode was chosen: "not priced" goes
            self.mode.blockSignals(True)
            self.mode.removeItem(self.mode.findData(""))
            self.mode.blockSignals(False)
        self._update_enabled()
        self.edited.emit()

    def current_mode(self) -> PricingMode | None:
        data = self.mode.currentData()
        return PricingMode(data) if data else None

    def _update_enabled(self) -> None:
        mode = self.current_mode()
        self.amount.setEnabled(mode is PricingMode.LUMP_SUM)
        self.entry_fee.setEnabled(mode is PricingMode.ENTRY_PLUS_ROYALTY)
        for w in (self.rate, self.base, self.frequency):
            w.setEnabled(mode is not None and mode.has_royalty)
        for w in (self.free, self.trial_box):
            w.setEnabled(mode is not None and mode.is_paid)
        self.trial.setEnabled(mode is not None and mode.is_paid and self.trial_box.isChecked())
        for w in (self.until_expiry, self.territory):
            w.setEnabled(mode is not None)
        self.term.setEnabled(mode is not None and not self.runs_until_expiry())

    def runs_until_expiry(self) -> bool:
        """The term runs to the patent's own last day in force (each patent's own, in a batch)."""
        return self.until_expiry.isChecked() and not self.until_expiry.isHidden()

    def set_terms(self, terms: PricingTerms | None, *, keep_until_expiry: bool = False) -> None:
        """Show these terms; None: the patent has none yet ("not priced yet", every other field disabled).
        `keep_until_expiry`: leave "until the patent expires" as it is."""
        blockers = [w.blockSignals(True) for w in self._inputs()]
        try:
            unpriced = self.mode.findData("")
            if terms is None and unpriced < 0:
                self.mode.insertItem(0, self.tr("(not priced yet)"), "")
            elif terms is not None and unpriced >= 0:
                self.mode.removeItem(unpriced)
            shown = terms or PricingTerms(PricingMode.FREE, term_months=12)
            self.mode.setCurrentIndex(self.mode.findData("" if terms is None else terms.mode.value))
            self.amount.setText(str(shown.amount) if shown.amount is not None else "")
            self.entry_fee.setText(str(shown.entry_fee) if shown.entry_fee is not None else "")
            self.rate.setText(format(shown.rate.normalize(), "f") if shown.rate is not None else "")
            self.base.setCurrentIndex(self.base.findData((shown.base or RoyaltyBase.NET_SALES).value))
            self.term.setValue(shown.term_months or 12)
            self.free.setValue(shown.free_months)
            self.trial_box.setChecked(shown.pay_after_trial)
            self.trial.setValue(shown.trial_months)
            self.frequency.setCurrentIndex(self.frequency.findData(shown.frequency.value))
            self.territory.setText(shown.territory)
            if not keep_until_expiry:
                self.until_expiry.setChecked(shown.until_expiry)
        finally:
            for w, was in zip(self._inputs(), blockers):
                w.blockSignals(was)
        self._update_enabled()
        self.edited.emit()

    def _inputs(self) -> list[QWidget]:
        return [self.mode, self.amount, self.entry_fee, self.rate, self.base, self.term, self.free,
                self.trial_box, self.trial, self.frequency, self.territory, self.until_expiry]

    def terms(self) -> PricingTerms:
        """The terms typed (fields the mode does not use are ignored). InputError PRICING_MODE_NOT_CHOSEN before a
        mode is chosen, and for unreadable numbers."""
        mode = self.current_mode()
        if mode is None:
            raise InputError("PRICING_MODE_NOT_CHOSEN")
        text = lambda edit: edit.text().strip() or None
        trial = mode.is_paid and self.trial_box.isChecked()
        return PricingTerms(
            mode=mode,
            amount=money(text(self.amount)) if mode is PricingMode.LUMP_SUM and text(self.amount) else None,
            entry_fee=(money(text(self.entry_fee)) if mode is PricingMode.ENTRY_PLUS_ROYALTY
                       and text(self.entry_fee) else None),
            rate=percent(text(self.rate)) if mode.has_royalty and text(self.rate) else None,
            base=RoyaltyBase(self.base.currentData()) if mode.has_royalty else None,
            term_months=None if self.runs_until_expiry() else self.term.value(),
            free_months=self.free.value() if mode.is_paid else 0,
            pay_after_trial=trial,
            trial_months=self.trial.value() if trial else 0,
            frequency=Frequency(self.frequency.currentData()) if mode.has_royalty else Frequency.YEARLY,
            territory=self.territory.text().strip() or DEFAULT_TERRITORY,
        )
