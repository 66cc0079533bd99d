"""Licences reached under the open offer: recorded on the patent's published terms (a snapshot), their payments,
recording with CNIPA and the follow-up report's submission."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError

from openlic_desktop.domain.licensing import (
    SME_SIZES,
    contract_number,
    licence_end,
    payments_due,
    recording_deadline,
)
from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.domain.pricing import PricingTerms, term_end
from openlic_desktop.services.licensing.licensees import find_licensee
from openlic_desktop.services.licensing.offered_terms import facts_and_terms, patent_ids_of
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import audit
from openlic_desktop.storage import licensing as repo
from openlic_desktop.storage.audit import AuditEntry
from openlic_desktop.support.errors import InputError, NotFoundError


@dataclass(frozen=True)
class PaymentRecord:
    id: int
    kind: str
    period_start: date | None
    period_end: date | None
    due_date: date
    amount_due: Decimal | None
    received_on: date | None
    amount_received: Decimal | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "due_date": iso(self.due_date),
                "period_start": iso(self.period_start), "period_end": iso(self.period_end),
                "amount_due": money_text(self.amount_due), "received_on": iso(self.received_on),
                "amount_received": money_text(self.amount_received)}


@dataclass(frozen=True)
class LicenceEffect:
    """What the licence brought, as the licensee reported it (the follow-up report's 实施效果)."""

    implemented: bool | None = None       # None: not reported
    products: str = ""
    new_sales: Decimal | None = None      # CNY
    jobs: int | None = None
    as_of: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"implemented": self.implemented, "products": self.products,
                "new_sales": money_text(self.new_sales), "jobs": self.jobs, "as_of": iso(self.as_of)}


@dataclass(frozen=True)
class LicenceRecord:
    id: int
    patent_id: int
    application_number: str
    title: str
    licensee_id: int
    licensee: str
    licensee_identifier: str          # USCC, or a person's ID / passport number
    effective_date: date
    contract_number: str
    terms: PricingTerms
    term_end: date | None
    free_end: date | None
    trial_end: date | None
    recording_deadline: date
    recorded_on: date | None
    report_submitted_on: date | None
    payments: tuple[PaymentRecord, ...] = ()
    licensee_id_type: str = "uscc"
    licensee_size: str = ""          # large | medium | small | micro | "" (people and unknown)
    effect: LicenceEffect | None = None

    @property
    def licensee_is_sme(self) -> bool:
        return self.licensee_size in SME_SIZES

    @property
    def amount_due(self) -> Decimal:
        return sum((p.amount_due or Decimal(0) for p in self.payments), Decimal("0.00"))

    @property
    def amount_received(self) -> Decimal:
        return sum((p.amount_received or Decimal(0) for p in self.payments), Decimal("0.00"))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "application_number": self.application_number, "patent_number": "ZL" +
            self.application_number, "title": self.title, "licensee": self.licensee,
            "licensee_uscc": self.licensee_identifier if self.licensee_id_type == "uscc" else None,
            "licensee_id_type": self.licensee_id_type, "licensee_identifier": self.licensee_identifier,
            "licensee_size": self.licensee_size or None, "date": iso(self.effective_date),
            "contract_number": self.contract_number, "terms": self.terms.canonical(),
            "terms_summary": self.terms.summary("zh"), "term_end": iso(self.term_end),
            "free_end": iso(self.free_end), "trial_end": iso(self.trial_end),
            "recording_deadline": iso(self.recording_deadline), "recorded_on": iso(self.recorded_on),
            "report_submitted_on": iso(self.report_submitted_on),
            "amount_due": money_text(self.amount_due), "amount_received": money_text(self.amount_received),
            "payments": [p.to_json() for p in self.payments],
            "effect": self.effect.to_json() if self.effect else None,
        }


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def money_text(value: Decimal | None) -> str | None:
    return str(value.quantize(Decimal("0.01"))) if value is not None else None


def _dec(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _payment(row) -> PaymentRecord:
    return PaymentRecord(row.id, row.kind, row.period_start, row.period_end, row.due_date, _dec(row.amount_due),
                         row.received_on, _dec(row.amount_received))


def _effect(row) -> LicenceEffect | None:
    if row.implemented is None and not row.products and row.new_sales is None and row.jobs is None:
        return None
    return LicenceEffect(row.implemented, row.products or "", _dec(row.new_sales), row.jobs, row.effect_as_of)


def _licence_record(row, number, title, licensee, identifier, payments, id_type="uscc", size="") -> LicenceRecord:
    return LicenceRecord(
        row.id, row.patent_id, number, title or "", row.licensee_id, licensee, identifier, row.effective_date,
        row.contract_number or "", PricingTerms.from_canonical(row.terms), row.term_end, row.free_end,
        row.trial_end, recording_deadline(row.effective_date), row.recorded_on, row.report_submitted_on,
        tuple(_payment(p) for p in payments), id_type or "uscc", size or "", _effect(row))


def add_licence(ws: Workspace, number: str, licensee: str, effective: date,
                contract_number_text: str = "") -> LicenceRecord:
    """Record a licence reached under the open offer, on the patent's published terms (snapshot). Its contract
    number: the one given, else the latest contract drafted here for this licensee and patent, else the next
    free number (recorded, so no later contract gets it)."""
    [pid] = patent_ids_of(ws, [number])
    who = find_licensee(ws, licensee)
    [item] = facts_and_terms(ws, [pid], code="LICENCE_NO_TERMS")
    facts, terms = item.facts, item.terms
    last_day = licence_end(effective, terms, facts.expiry_date)
    free = int(terms.free_months or 0) if terms.mode.is_paid else 0
    trial = int(terms.trial_months or 0) if (terms.pay_after_trial and terms.mode.is_paid) else 0
    values = {
        "patent_id": pid, "licensee_id": who.id, "effective_date": effective,
        "contract_number": contract_number_text.strip(),
        "terms": terms.canonical(), "term_end": last_day,
        "free_end": term_end(effective, free) if free else None,
        "trial_end": term_end(effective, trial) if trial else None,
    }
    payments = payments_due(terms, effective, last_day)
    with ws.session() as session:
        if repo.find_licence(session, pid, who.id, effective) is not None:
            raise InputError("LICENCE_DUPLICATE", value=facts.number.canonical, licensee=who.name,
                             date=effective.isoformat())
        if not values["contract_number"]:
            values["contract_number"] = _contract_number_for(session, ws, who, facts.number.canonical, effective)
        try:
            row = repo.add_licence(session, values, payments)
        except IntegrityError:
            raise InputError("LICENCE_DUPLICATE", value=facts.number.canonical, licensee=who.name,
                             date=effective.isoformat()) from None
        audit.append(session, ws.user, ws.source, [
            AuditEntry("licence", row.id, facts.number.canonical, "create", "licensee", None, who.identifier),
            AuditEntry("licence", row.id, facts.number.canonical, "create", "contract_number", None,
                       row.contract_number),
            AuditEntry("licence", row.id, facts.number.canonical, "create", "effective_date", None,
                       effective.isoformat()),
            AuditEntry("licence", row.id, facts.number.canonical, "create", "terms", None,
                       terms.summary("zh")),
        ])
        stored = repo.payments_of(session, [row.id])[row.id]
        return _licence_record(row, facts.number.canonical, facts.title, who.name, who.identifier, stored,
                               who.id_type, who.size)


def list_licences(ws: Workspace, patent_id: int | None = None, licensee_id: int | None = None) -> list[LicenceRecord]:
    with ws.reading() as session:
        rows = repo.licences(session, patent_id, licensee_id)
        pays = repo.payments_of(session, [r[0].id for r in rows])
        return [_licence_record(r[0], r[1], r[2], r[4], r[5], pays.get(r[0].id, []), r[6], r[7]) for r in rows]


def _contract_number_for(session, ws: Workspace, who, application_number: str, effective: date) -> str:
    drafted = [c for c in repo.contracts_for(session, who.id) if application_number in (c.patents or [])]
    same_day = [c for c in drafted if c.effective_date == effective]
    if same_day or drafted:
        return (same_day or drafted)[0].number  # the latest drafted, preferring one that took effect that day
    seq = repo.next_contract_seq(session, effective.year)
    number = contract_number(effective.year, seq)
    repo.add_contracts(session, [{"number": number, "year": effective.year, "seq": seq, "licensee_id": who.id,
                                  "licensee_name": who.name, "licensors": [], "patents": [application_number],
                                  "effective_date": effective, "drafted_by": ws.user}])
    return number


def record_effect(ws: Workspace, licence_id: int, *, implemented: bool | None, products: str = "",
                  new_sales: Decimal | None = None, jobs: int | None = None, as_of: date | None = None) -> None:
    """What the licence brought, as the licensee reported it: implemented or not, the products, new sales (CNY)
    and jobs created, as of a day (today when not given)."""
    if isinstance(new_sales, float):
        raise TypeError("money must be Decimal")
    if new_sales is not None and new_sales < 0:
        raise InputError("PRICING_BAD_NUMBER", value=str(new_sales))
    if jobs is not None and jobs < 0:
        raise InputError("BAD_ARGUMENT", reason="jobs must not be negative")
    values = {"implemented": implemented, "products": (products or "").strip(),
              "new_sales": money_text(new_sales), "jobs": jobs, "effect_as_of": as_of or date.today()}
    with ws.session() as session:
        row = repo.get_licence(session, licence_id)
        if row is None:
            raise NotFoundError("LICENCE_NOT_FOUND", value=str(licence_id))
        entries = []
        for key, value in values.items():
            old = getattr(row, key)
            if old != value:
                entries.append(AuditEntry("licence", row.id, str(row.id), "effect", key,
                                          None if old is None else str(old), None if value is None else str(value)))
                setattr(row, key, value)
        if entries:
            audit.append(session, ws.user, ws.source, entries)


def _update_licence(ws: Workspace, licence_id: int, field_name: str, value: date | None) -> None:
    with ws.session() as session:
        row = repo.get_licence(session, licence_id)
        if row is None:
            raise NotFoundError("LICENCE_NOT_FOUND", value=str(licence_id))
        old = getattr(row, field_name)
        if old == value:
            return
        setattr(row, field_name, value)
        audit.append(session, ws.user, ws.source, [AuditEntry(
            "licence", row.id, str(row.id), "update", field_name, iso(old), iso(value))])


def mark_recorded(ws: Workspace, licence_id: int, on: date | None) -> None:
    """The contract was recorded with CNIPA on `on` (None: not recorded)."""
    _update_licence(ws, licence_id, "recorded_on", on)


def mark_report_submitted(ws: Workspace, licence_id: int, on: date | None) -> None:
    _update_licence(ws, licence_id, "report_submitted_on", on)


def record_payment(ws: Workspace, payment_id: int, on: date | None, amount: Decimal | None) -> None:
    """A payment received (or, with None, un-received)."""
    if isinstance(amount, float):
        raise TypeError("money must be Decimal")
    with ws.session() as session:
        row = repo.get_payment(session, payment_id)
        if row is None:
            raise NotFoundError("PAYMENT_NOT_FOUND", value=str(payment_id))
        new_amount = money_text(amount) if amount is not None else None
        entries = []
        if row.received_on != on:
            entries.append(AuditEntry("licence", row.licence_id, str(payment_id), "payment", "received_on",
                                      iso(row.received_on), iso(on)))
            row.received_on = on
        if row.amount_received != new_amount:
            entries.append(AuditEntry("licence", row.licence_id, str(payment_id), "payment", "amount_received",
                                      row.amount_received, new_amount))
            row.amount_received = new_amount
        if entries:
            audit.append(session, ws.user, ws.source, entries)


def parse_amount(value: str) -> Decimal:
    """A CNY amount typed by a user ("50,000", "50000.5"); refused unless a non-negative number."""
    from openlic_desktop.domain.pricing import money

    amount = money(value)
    if amount < 0:
        raise InputError("PRICING_BAD_NUMBER", value=str(value))
    return amount


def parse_day(value: str) -> date:
    parsed = parse_date(value)
    if parsed is None:
        raise InputError("BAD_DATE", value=value)
    return parsed
