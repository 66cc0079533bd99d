"""Tools → Licences reached…: the licences, with adding one for the selected patents, marking it recorded with
CNIPA, payments received and the bureau's follow-up report. (The deadlines they lead to: deadlines_view.py.)

Thread rule: GUI thread only; the lists are short and the services quick.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from openlic_desktop.gui.models.licensing_models import LicenceModel
from openlic_desktop.gui.widgets import (
    RememberedColumns,
    finish_form_dialog,
    fit_columns_in_chars,
    list_dialog_layout,
    patent_list,
    sorted_table,
)
from openlic_desktop.services.licensing import follow_up, licences, licensees
from openlic_desktop.services.portfolio import rows as patent_rows
from openlic_desktop.support.errors import OpenLicError


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class LicenceAddDialog(QDialog):
    """Record a licence for each of the given patents with one licensee and one date."""

    def __init__(self, ws, patent_ids: list[int], parent: QWidget | None = None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.ws, self.patent_ids, self.lang = ws, list(patent_ids), lang
        self.recorded: list[licences.LicenceRecord] = []
        self.setWindowTitle(self.tr("Record a licence"))
        rows = patent_rows(ws, self.patent_ids) if self.patent_ids else {}
        self.patents_label = patent_list(self, rows, self.patent_ids)
        self.licensee_combo = QComboBox()
        for rec in licensees.list_licensees(ws):
            self.licensee_combo.addItem(f"{rec.name}（{rec.identifier}）", rec.identifier)
        self.date_edit = QDateEdit(_qdate(date.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(self.tr("Patents"), self.patents_label)
        form.addRow(self.tr("Licensee"), self.licensee_combo)
        form.addRow(self.tr("Contract took effect on"), self.date_edit)
        self.error_label = finish_form_dialog(self, form, self.save)
        if not self.patent_ids:
            self.error_label.setText(self.tr("Select patents in the portfolio first."))

    def save(self) -> None:
        uscc = self.licensee_combo.currentData()
        if not uscc:
            self.error_label.setText(self.tr("Choose a licensee."))
            return
        if not self.patent_ids:
            return
        rows = patent_rows(self.ws, self.patent_ids)
        effective = _pydate(self.date_edit.date())
        try:
            for pid in self.patent_ids:
                self.recorded.append(licences.add_licence(self.ws, rows[pid].application_number, uscc, effective))
        except OpenLicError as exc:
            self.error_label.setText(exc.message(self.lang))
            return
        self.accept()


class PaymentDialog(QDialog):
    """A payment received: amount (the amount due, if known, prefilled) and date."""

    def __init__(self, ws, payment: licences.PaymentRecord, parent: QWidget | None = None,
                 lang: str = "zh") -> None:
        super().__init__(parent)
        self.ws, self.payment, self.lang = ws, payment, lang
        self.setWindowTitle(self.tr("Payment received"))
        self.amount_edit = QLineEdit(str(payment.amount_due) if payment.amount_due is not None else "")
        self.date_edit = QDateEdit(_qdate(date.today()))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(self.tr("Due on"), QLabel(payment.due_date.isoformat()))
        form.addRow(self.tr("Amount received (CNY)"), self.amount_edit)
        form.addRow(self.tr("Received on"), self.date_edit)
        self.error_label = finish_form_dialog(self, form, self.save)

    def save(self) -> None:
        try:
            amount = licences.parse_amount(self.amount_edit.text())
            licences.record_payment(self.ws, self.payment.id, _pydate(self.date_edit.date()), amount)
        except OpenLicError as exc:
            self.error_label.setText(exc.message(self.lang))
            return
        self.accept()


# the licence columns' widths: numbers and dates as wide as a sample, words (title, licensee, terms) least and most
# in Chinese characters, elided beyond with the whole in the tooltip: at the default size every column is in sight,
# the amounts due and received too
LICENCE_WIDTHS: tuple[tuple[int, int] | str, ...] = (
    "ZL202110123456.7", (6, 12), (6, 10), "2026-12-07", (6, 18), "2026-12-07", "2026-12-07", "2026-12-07",
    "9,999,999.99", "9,999,999.99")


class LicencesDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None, lang: str = "zh", patent_ids=None) -> None:
        super().__init__(parent)
        self.ws, self.lang = ws, lang
        self.patent_ids = list(patent_ids or [])
        self.setWindowTitle(self.tr("Licences reached"))
        self.resize(1220, 480)
        self.model = LicenceModel(self, lang)
        self.table = sorted_table(self.model, 6, "licenceTable")  # recording deadline: the next one first
        self.columns = RememberedColumns(self.table, "licences/columns", self.finished)
        self.columns.restore()
        self.table.setAccessibleName(self.tr("Licences reached"))
        self.add_button = QPushButton(self.tr("Add licence for selected patents…"))
        self.add_button.clicked.connect(self.add)
        self.recorded_button = QPushButton(self.tr("Mark recorded with CNIPA"))
        self.recorded_button.clicked.connect(self.mark_recorded)
        self.submitted_button = QPushButton(self.tr("Mark evaluation report submitted"))
        self.submitted_button.clicked.connect(self.mark_report_submitted)
        self.payment_button = QPushButton(self.tr("Payment received…"))
        self.payment_button.clicked.connect(self.receive_payment)
        self.report_button = QPushButton(self.tr("Follow-up report (xlsx)…"))
        self.report_button.clicked.connect(self.choose_report)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        row = QHBoxLayout()
        for b in (self.add_button, self.recorded_button, self.submitted_button, self.payment_button,
                  self.report_button):
            row.addWidget(b)
        row.addStretch(1)
        list_dialog_layout(self, row, self.table, self.status_label)
        self.add_dialog: LicenceAddDialog | None = None
        self.payment_dialog: PaymentDialog | None = None
        self.reload()

    def reload(self) -> None:
        items = licences.list_licences(self.ws)
        self.model.set_items(items)
        self.columns.place(lambda: fit_columns_in_chars(self.table, LICENCE_WIDTHS))
        self.status_label.setText(self.tr("%1 licences").replace("%1", str(len(items))))

    def add(self) -> LicenceAddDialog:
        self.add_dialog = LicenceAddDialog(self.ws, self.patent_ids, self, self.lang)
        self.add_dialog.accepted.connect(self.reload)
        self.add_dialog.open()
        return self.add_dialog

    def current_record(self) -> licences.LicenceRecord | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def mark_recorded(self) -> None:
        record = self.current_record()
        if record is not None:
            licences.mark_recorded(self.ws, record.id, date.today())
            self.reload()

    def mark_report_submitted(self) -> None:
        record = self.current_record()
        if record is not None:
            licences.mark_report_submitted(self.ws, record.id, date.today())
            self.reload()

    def receive_payment(self) -> PaymentDialog | None:
        record = self.current_record()
        if record is None:
            return None
        open_payments = [p for p in record.payments if p.received_on is None]
        if not open_payments:
            self.status_label.setText(self.tr("No open payment for this licence."))
            return None
        self.payment_dialog = PaymentDialog(self.ws, open_payments[0], self, self.lang)
        self.payment_dialog.accepted.connect(self.reload)
        self.payment_dialog.open()
        return self.payment_dialog

    def choose_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save follow-up report"), self.tr("Follow-up report.xlsx"),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.write_report(path)

    def write_report(self, path: str) -> None:
        try:
            out = follow_up.follow_up_report(self.ws, path)
        except OpenLicError as exc:
            self.status_label.setText(exc.message(self.lang))
            return
        self.status_label.setText(self.tr("Report written: %1").replace("%1", str(out)))
