"""Licensing use-cases, one module per subject:

- `licensees` — the licensee book (with xlsx import);
- `drafting` — contracts drafted from templates, one or a batch;
- `licences` — licences reached under the open offer and their payments;
- `deadlines` — what needs doing next (recording, payments, terms, annual fees, follow-up reports);
- `follow_up` — the follow-up report on licences for the bureau.

Everything returned is a plain value (dataclasses, str, date, Decimal): ORM objects never leave these modules.
Every change to facts goes to the audit trail. Drafting writes files atomically; a batch is all-or-nothing.
"""
