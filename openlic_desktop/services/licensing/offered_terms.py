"""The patents a licence or a contract is about, with the terms published for them: read here for both, so that
recording a licence (services.licensing.licences) needs none of the contract-drafting machinery (python-docx,
docxtpl, cn2an: half a second of imports) that drafting a contract loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingTerms
from openlic_desktop.services.portfolio import resolve_number
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import patents as patent_repo
from openlic_desktop.storage.pricing import load_terms
from openlic_desktop.support.errors import NotFoundError, OpenLicError


class OfferedPatent(NamedTuple):
    facts: PatentFacts
    terms: PricingTerms


def patent_ids_of(ws: Workspace, numbers: Sequence[str]) -> list[int]:
    """The ids of these application numbers (any accepted form), in order; PATENT_NOT_FOUND names the first
    unknown."""
    canonical = [resolve_number(n).canonical for n in numbers]
    with ws.reading() as session:
        found = patent_repo.ids_by_number(session, canonical)
    missing = [n for n in canonical if n not in found]
    if missing:
        raise NotFoundError("PATENT_NOT_FOUND", value=missing[0])
    return [found[n] for n in canonical]


def facts_and_terms(ws: Workspace, patent_ids: Sequence[int], code: str) -> list[OfferedPatent]:
    """Each patent's facts and its published terms, in order; `code` refuses one without complete terms (a
    licence and a contract say it in their own words)."""
    with ws.reading() as session:
        facts = patent_repo.get_facts_by_ids(session, list(patent_ids))
        terms = load_terms(session, list(patent_ids))
    out = []
    for pid in patent_ids:
        if pid not in facts:
            raise NotFoundError("PATENT_NOT_FOUND", value=str(pid))
        if pid not in terms or terms[pid].missing_fields():
            raise OpenLicError(code, value=facts[pid].number.canonical)
        out.append(OfferedPatent(facts[pid], terms[pid]))
    return out
