"""The words the GUI shows for the codes domain and services hand it (statuses, kinds, roles, fact names…).

One table per kind of code, each entry marked with QT_TRANSLATE_NOOP so that lupdate puts it in the .ts under
the context "Words"; `word(TABLE, code)` looks a code up and translates it when shown. An unknown code is shown as
it is (a newer database may hold a kind this version does not know). Every view takes its words from here, so a
status reads the same in the table, the editor, the history and the filters.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

PATENT_TYPES = {
    "invention": QT_TRANSLATE_NOOP("Words", "Invention"),
    "utility_model": QT_TRANSLATE_NOOP("Words", "Utility model"),
    "design": QT_TRANSLATE_NOOP("Words", "Design"),
}

STATUSES = {
    "in_force": QT_TRANSLATE_NOOP("Words", "In force"),
    "pending": QT_TRANSLATE_NOOP("Words", "Pending"),
    "lapsed": QT_TRANSLATE_NOOP("Words", "Lapsed"),
    "expired": QT_TRANSLATE_NOOP("Words", "Expired"),
    "unknown": QT_TRANSLATE_NOOP("Words", "Unknown"),
}

ENCUMBRANCE_KINDS = {
    "exclusive-licence": QT_TRANSLATE_NOOP("Words", "Exclusive licence"),
    "sole-licence": QT_TRANSLATE_NOOP("Words", "Sole licence"),
    "ordinary-licence": QT_TRANSLATE_NOOP("Words", "Ordinary licence"),
    "pledge": QT_TRANSLATE_NOOP("Words", "Pledge"),
    "dispute": QT_TRANSLATE_NOOP("Words", "Ownership dispute"),
    "preservation": QT_TRANSLATE_NOOP("Words", "Court preservation"),
    "transfer": QT_TRANSLATE_NOOP("Words", "Transfer"),
    "other-obstacle": QT_TRANSLATE_NOOP("Words", "Other obstacle to exploitation"),
}

ATTACHMENT_KINDS = {
    "evaluation-report": QT_TRANSLATE_NOOP("Words", "Patent right evaluation report"),
    "search-report": QT_TRANSLATE_NOOP("Words", "Search analysis report"),
    "sealed-commitment": QT_TRANSLATE_NOOP("Words", "Sealed commitment letter"),
    "consent": QT_TRANSLATE_NOOP("Words", "Co-owner's written consent"),
    "pledgee-consent": QT_TRANSLATE_NOOP("Words", "Pledgee's written consent"),
    "other": QT_TRANSLATE_NOOP("Words", "Other"),
}

CONCLUSIONS = {
    "favourable": QT_TRANSLATE_NOOP("Words", "Favourable (no defects)"),
    "unfavourable": QT_TRANSLATE_NOOP("Words", "Defects found"),
}

# a stored file checked against its SHA-256
FILE_STATES = {
    "ok": QT_TRANSLATE_NOOP("Words", "Intact"),
    "missing": QT_TRANSLATE_NOOP("Words", "Missing"),
    "changed": QT_TRANSLATE_NOOP("Words", "Changed outside the app"),
    "unchecked": QT_TRANSLATE_NOOP("Words", "Not checked"),
}

ROLES = {
    "preparer": QT_TRANSLATE_NOOP("Words", "Preparer"),
    "reviewer": QT_TRANSLATE_NOOP("Words", "Reviewer"),
    "both": QT_TRANSLATE_NOOP("Words", "Preparer and reviewer"),
}

# the recorded facts of a patent, as the editor, the history and the import name them
FACTS = {
    "number": QT_TRANSLATE_NOOP("Words", "Application No."),
    "patent_number": QT_TRANSLATE_NOOP("Words", "Patent No."),
    "title": QT_TRANSLATE_NOOP("Words", "Title"),
    "patent_type": QT_TRANSLATE_NOOP("Words", "Patent type"),
    "status": QT_TRANSLATE_NOOP("Words", "Legal status"),
    "filing_date": QT_TRANSLATE_NOOP("Words", "Filing date"),
    "grant_date": QT_TRANSLATE_NOOP("Words", "Grant date"),
    "expiry_date": QT_TRANSLATE_NOOP("Words", "Last day in force"),
    "fees_paid_until": QT_TRANSLATE_NOOP("Words", "Fees paid until"),
    "patentees": QT_TRANSLATE_NOOP("Words", "Patentees"),
    "inventors": QT_TRANSLATE_NOOP("Words", "Inventors"),
    "ipc": QT_TRANSLATE_NOOP("Words", "IPC class"),
    "department": QT_TRANSLATE_NOOP("Words", "Department"),
    "industry": QT_TRANSLATE_NOOP("Words", "Industry"),
    "contact_person": QT_TRANSLATE_NOOP("Words", "Contact person"),
    "contact_phone": QT_TRANSLATE_NOOP("Words", "Contact phone"),
    "contact_email": QT_TRANSLATE_NOOP("Words", "Contact e-mail"),
    "description": QT_TRANSLATE_NOOP("Words", "Description"),
}

# where a change in the audit trail came from, and what it was
SOURCES = {
    "gui": QT_TRANSLATE_NOOP("Words", "App"),
    "cli": QT_TRANSLATE_NOOP("Words", "Command line"),
    "import": QT_TRANSLATE_NOOP("Words", "Import"),
    "system": QT_TRANSLATE_NOOP("Words", "System"),
    "demo": QT_TRANSLATE_NOOP("Words", "Demo data"),
}
ACTIONS = {
    "create": QT_TRANSLATE_NOOP("Words", "Created"),
    "update": QT_TRANSLATE_NOOP("Words", "Edited"),
    "delete": QT_TRANSLATE_NOOP("Words", "Deleted"),
    "undo-import": QT_TRANSLATE_NOOP("Words", "Import undone"),
    "commit": QT_TRANSLATE_NOOP("Words", "Commitment confirmed"),
    "uncommit": QT_TRANSLATE_NOOP("Words", "Confirmation withdrawn"),
    "signoff": QT_TRANSLATE_NOOP("Words", "Signed off"),
    "revoke_signoff": QT_TRANSLATE_NOOP("Words", "Sign-off revoked"),
    "attach": QT_TRANSLATE_NOOP("Words", "File attached"),
    "detach": QT_TRANSLATE_NOOP("Words", "Attachment removed"),
    "attachment_update": QT_TRANSLATE_NOOP("Words", "Report details corrected"),
    "encumbrance_add": QT_TRANSLATE_NOOP("Words", "Encumbrance added"),
    "encumbrance_remove": QT_TRANSLATE_NOOP("Words", "Encumbrance removed"),
    "consent": QT_TRANSLATE_NOOP("Words", "Co-owner consent"),
    "consent_withdraw": QT_TRANSLATE_NOOP("Words", "Co-owner consent withdrawn"),
    "pricing": QT_TRANSLATE_NOOP("Words", "Pricing set"),
    "declaration_prepare": QT_TRANSLATE_NOOP("Words", "Declaration drafted"),
    "declaration_update": QT_TRANSLATE_NOOP("Words", "Declaration edited"),
    "declaration_discard": QT_TRANSLATE_NOOP("Words", "Declaration draft discarded"),
    "declaration_file": QT_TRANSLATE_NOOP("Words", "Declaration filed"),
    "declaration_announce": QT_TRANSLATE_NOOP("Words", "Declaration announced"),
    "declaration_withdraw": QT_TRANSLATE_NOOP("Words", "Withdrawal filed"),
    "declaration_withdrawn": QT_TRANSLATE_NOOP("Words", "Withdrawal announced"),
    "declaration_consent": QT_TRANSLATE_NOOP("Words", "Co-owner consent to the withdrawal"),
    "override-blockers": QT_TRANSLATE_NOOP("Words", "Filed despite blockers"),
    "fee_reduction_add": QT_TRANSLATE_NOOP("Words", "Annual-fee reduction recorded"),
    "fee_reduction_remove": QT_TRANSLATE_NOOP("Words", "Annual-fee reduction removed"),
}

# audit-trail fields that are not facts
HISTORY_FIELDS = {
    "pricing": QT_TRANSLATE_NOOP("Words", "Licence fee terms"),
    "fee_note": QT_TRANSLATE_NOOP("Words", "Fee-estimation note"),
    "declaration": QT_TRANSLATE_NOOP("Words", "Open-licence declaration"),
    "withdrawal": QT_TRANSLATE_NOOP("Words", "Withdrawal"),
    "fee_reduction": QT_TRANSLATE_NOOP("Words", "Annual-fee reduction"),
    "patents": QT_TRANSLATE_NOOP("Words", "Patents"),
    # what a declaration records besides the patent's facts (declaration_update names them)
    "contact_address": QT_TRANSLATE_NOOP("Words", "Postal address"),
    "agency_name": QT_TRANSLATE_NOOP("Words", "Patent agency"),
    "agency_code": QT_TRANSLATE_NOOP("Words", "Agency code"),
    "other_terms": QT_TRANSLATE_NOOP("Words", "Other terms"),
    "territory": QT_TRANSLATE_NOOP("Words", "Territory"),
}

# the statutory declaration's states and steps (domain.declarations), and how it was filed
DECLARATION_STATES = {
    "draft": QT_TRANSLATE_NOOP("Words", "Being drafted"),
    "signed": QT_TRANSLATE_NOOP("Words", "Signed off, not filed"),
    "filed": QT_TRANSLATE_NOOP("Words", "Filed"),
    "announced": QT_TRANSLATE_NOOP("Words", "Announced"),
    "withdrawal-filed": QT_TRANSLATE_NOOP("Words", "Withdrawal filed"),
    "withdrawn": QT_TRANSLATE_NOOP("Words", "Withdrawn"),
}
DECLARATION_STEPS = {
    "prepared": QT_TRANSLATE_NOOP("Words", "Drafted"),
    "signed": QT_TRANSLATE_NOOP("Words", "Signed off"),
    "filed": QT_TRANSLATE_NOOP("Words", "Filed with CNIPA"),
    "announced": QT_TRANSLATE_NOOP("Words", "Announced by CNIPA"),
    "withdrawal-filed": QT_TRANSLATE_NOOP("Words", "Withdrawal filed"),
    "withdrawn": QT_TRANSLATE_NOOP("Words", "Withdrawal announced"),
}
FILING_ROUTES = {
    "cnipa-online": QT_TRANSLATE_NOOP("Words", "Online (CNIPA business system)"),
    "via-bureau": QT_TRANSLATE_NOOP("Words", "Through the local IP bureau"),
}
FEE_NOTE_METHODS = {
    "industry_statistics": QT_TRANSLATE_NOOP("Words", "Same-industry statistics"),
    "earlier_fees": QT_TRANSLATE_NOOP("Words", "Earlier fees for the patent"),
    "own_revenue": QT_TRANSLATE_NOOP("Words", "Own exploitation revenue"),
    "common_rates": QT_TRANSLATE_NOOP("Words", "Common royalty rates"),
    "valuation": QT_TRANSLATE_NOOP("Words", "Valuation"),
}

SIZES = {
    "large": QT_TRANSLATE_NOOP("Words", "Large"),
    "medium": QT_TRANSLATE_NOOP("Words", "Medium"),
    "small": QT_TRANSLATE_NOOP("Words", "Small"),
    "micro": QT_TRANSLATE_NOOP("Words", "Micro"),
}

SUBMISSION_STATUSES = {
    "draft": QT_TRANSLATE_NOOP("Words", "Draft"),
    "sent": QT_TRANSLATE_NOOP("Words", "Sent"),
    "acknowledged": QT_TRANSLATE_NOOP("Words", "Acknowledged"),
    "returned": QT_TRANSLATE_NOOP("Words", "Returned for changes"),
    "published": QT_TRANSLATE_NOOP("Words", "Published"),
}
SUBMISSION_KINDS = {
    "submission": QT_TRANSLATE_NOOP("Words", "Submission"),
    "withdrawal": QT_TRANSLATE_NOOP("Words", "Withdrawal"),
}

PAYMENT_MODES = {
    "free": QT_TRANSLATE_NOOP("Words", "Free"),
    "lump_sum": QT_TRANSLATE_NOOP("Words", "Lump sum"),
    "royalty": QT_TRANSLATE_NOOP("Words", "Royalty"),
    "entry_plus_royalty": QT_TRANSLATE_NOOP("Words", "Entry fee + royalty"),
}
# the kinds of period in a payment schedule
PERIOD_KINDS = {
    "free": QT_TRANSLATE_NOOP("Words", "Free"),
    "entry-fee": QT_TRANSLATE_NOOP("Words", "Entry fee"),
    "lump-sum": QT_TRANSLATE_NOOP("Words", "Lump sum"),
    "royalty": QT_TRANSLATE_NOOP("Words", "Royalty"),
}


def word(table: Mapping[str, str], code: str | None) -> str:
    """The word for `code` in `table`, translated; an unknown code as it is, None as ''."""
    if code is None:
        return ""
    source = table.get(code)
    return QCoreApplication.translate("Words", source) if source is not None else code


def choices(table: Mapping[str, str]) -> list[tuple[str, str]]:
    """(code, word) pairs in the table's order: what a combo box lists."""
    return [(code, QCoreApplication.translate("Words", source)) for code, source in table.items()]
