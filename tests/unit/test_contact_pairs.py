"""A published contact is a person with their own phone: the declaration, its entry sheet and the bureau's
information table never print the office's contact person beside a number the patent record gives no one."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from openlic_desktop.domain.declarations import DeclarationContent
from openlic_desktop.domain.identifiers import check_character, parse_application_number
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.services.export import table_row

OFFICE = ("王老师", "0571-88880000", "tto@example.edu.cn", "东海市学府路18号")
DIGITS = "201019986149"


def facts(person: str = "", phone: str = "", email: str = "") -> PatentFacts:
    return PatentFacts(parse_application_number(f"{DIGITS}.{check_character(DIGITS)}"), title="一种方法",
                       filing_date=date(2010, 4, 23), patentees=["东海理工大学"], contact_person=person,
                       contact_phone=phone, contact_email=email)


def filled(f: PatentFacts, content: DeclarationContent = DeclarationContent()) -> DeclarationContent:
    return content.with_contact((f.contact_person, f.contact_phone, f.contact_email, ""), OFFICE)


def test_the_offices_person_comes_with_the_offices_phone():
    got = filled(facts(phone="0571-89857202", email="someone@example.edu.cn"))
    assert (got.contact_person, got.contact_phone, got.contact_email) == OFFICE[:3]


def test_the_patents_person_keeps_their_phone_and_borrows_only_what_they_lack():
    got = filled(facts(person="唐平", phone="0571-89619765"))
    assert (got.contact_person, got.contact_phone, got.contact_email) == ("唐平", "0571-89619765", OFFICE[2])
    assert got.contact_address == OFFICE[3]


def test_what_the_declaration_says_itself_stands():
    own = DeclarationContent(contact_phone="0571-12345678")
    got = filled(facts(phone="0571-89857202"), own)
    assert (got.contact_person, got.contact_phone) == ("王老师", "0571-12345678")


def test_the_information_table_pairs_them_the_same_way():
    office = SimpleNamespace(contact_person=OFFICE[0], contact_phone=OFFICE[1], contact_email=OFFICE[2],
                             address=OFFICE[3])
    row = table_row(1, facts(phone="0571-89857202"), None, [], None, office, date(2026, 12, 7))
    assert (row["contact_person"], row["contact_phone"], row["contact_email"]) == OFFICE[:3]
    row = table_row(1, facts(person="唐平", phone="0571-89619765"), None, [], None, office, date(2026, 12, 7))
    assert (row["contact_person"], row["contact_phone"]) == ("唐平", "0571-89619765")
