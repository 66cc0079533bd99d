"""The demo portfolio is one office's, with titles a technology-transfer office recognises, and its patentee book
is complete enough to draft contracts at once."""

from __future__ import annotations

from datetime import date

from openlic_desktop.domain.identifiers import PatentType, parse_uscc
from openlic_desktop.domain.licensing import Party
from openlic_desktop.services import demo
from openlic_desktop.services.licensing import patentees
from openlic_desktop.support import settings

TODAY = date(2026, 11, 26)
NOT_A_PRODUCT = ("方法", "工艺", "组合物", "材料", "制备", "制剂", "试剂", "化合物")


def test_one_office_with_its_partners_as_co_owners():
    facts = demo.generate(400, 5, TODAY)
    assert all(f.patentees[0] == demo.OFFICE for f in facts)
    co_owned = [f for f in facts if len(f.patentees) > 1]
    assert 40 < len(co_owned) < 120
    assert {f.patentees[1] for f in co_owned} <= set(demo.PARTNERS)
    assert all(len(f.patentees) <= 2 for f in facts)


def test_titles_name_what_each_kind_protects_and_nothing_predates_its_field():
    facts = demo.generate(600, 11, TODAY)
    fields = {title: field for field in demo.FIELDS for title in field.inventions + field.utility_models}
    designs = dict(demo.DESIGN_OBJECTS)
    for f in facts:
        if f.patent_type is PatentType.UTILITY_MODEL:
            assert f.title.startswith("一种") and not any(w in f.title for w in NOT_A_PRODUCT), f.title
            assert f.title in fields[f.title].utility_models
        elif f.patent_type is PatentType.INVENTION:
            assert f.title.startswith("一种") and f.title in fields[f.title].inventions
        else:
            assert f.title in designs and designs[f.title] <= f.filing_date.year, (f.title, f.filing_date)
            continue
        assert fields[f.title].since <= f.filing_date.year, (f.title, f.filing_date)
        # the partner of a co-owned patent works in the patent's field
        if len(f.patentees) > 1:
            assert f.patentees[1] == fields[f.title].partner


def test_demo_is_deterministic_and_fills_the_patentee_book(ws):
    assert demo.generate(50, 2, TODAY) == demo.generate(50, 2, TODAY)
    demo.load_demo(ws, 120, seed=4, today=TODAY)
    book = {e.name: e for e in patentees.list_patentees(ws)}
    assert set(book) == {demo.OFFICE, *demo.PARTNERS}
    for entry in book.values():
        assert entry.missing == [] and parse_uscc(entry.identifier) == entry.identifier
    office = book[demo.OFFICE]
    assert office.bank_account and office.address.startswith("东海市")
    assert len({e.address for e in book.values()}) == len(book)  # each its own address


def test_the_demo_office_is_the_one_in_the_settings(ws):
    settings.save(settings.Settings(office=settings.Office(name="示例师范大学")))
    demo.load_demo(ws, 30, seed=1, today=TODAY)
    names = {e.name for e in patentees.list_patentees(ws)}
    assert "示例师范大学" in names and demo.OFFICE not in names
    assert isinstance(patentees.parties(ws, ["示例师范大学"])[0], Party)
