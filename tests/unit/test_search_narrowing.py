"""A search that narrows an earlier one filters the earlier answer's ids: the same ids, in the same order, as the
plain query that searches and sorts everything."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from openlic_desktop.services import portfolio
from openlic_desktop.storage import search as search_index
from openlic_desktop.storage.models import Patent


@pytest.fixture
def texts(demo_ws):
    """The words of the demo patents' search texts after the two number forms: pieces of them are what a user
    types."""
    with demo_ws.reading() as session:
        return [" ".join(t.split()[2:]) for (t,) in session.query(Patent.search_text)]


@st.composite
def narrowing(draw, texts):
    """An earlier search (nothing, a piece of a patent's text, or a few characters) and a later one containing
    it: the piece grown to either side, or with any characters around it."""
    text = draw(st.sampled_from(texts))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 3)))
    earlier = text[start:end]
    if draw(st.integers(0, 4)) == 0:
        earlier = draw(st.text(alphabet=text + "电池装置方法Zz 2", max_size=3))
        start, end = 0, 0
    if draw(st.booleans()):
        later = text[draw(st.integers(max(0, start - 2), start)):draw(st.integers(end, min(len(text), end + 3)))]
        return earlier, later if earlier in later else earlier
    before = draw(st.text(alphabet=text[:start] + "装置方", max_size=2))
    after = draw(st.text(alphabet=text[end:] + "池法", max_size=3))
    return earlier, before + earlier + after


@pytest.mark.parametrize("in_memory", [False, True])  # the search texts held in memory, as the table holds them,
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())                                # or not yet: then the database answers
def test_a_narrowed_search_answers_as_the_plain_query(demo_ws, texts, in_memory, data):
    if in_memory:
        portfolio.hold_search_texts(demo_ws)
    scan = data.draw(st.booleans())  # without the copy: the whole index scanned, not the earlier ids' rows
    earlier, later = data.draw(narrowing(texts))
    patent_type = data.draw(st.sampled_from([None, "invention", "utility_model", "design"]))
    status = data.draw(st.sampled_from([None, "in_force", "expired"]))
    sort = data.draw(st.sampled_from(portfolio.SORT_KEYS))
    descending = data.draw(st.booleans())
    restrict = data.draw(st.sampled_from([None, list(range(1, 200, 3))]))
    asked = {"patent_type": patent_type, "status": status, "sort": sort, "descending": descending,
             "restrict_to": restrict}
    plain = portfolio.query_ids(demo_ws, later, **asked)
    signature, before = portfolio.search_signature(later), portfolio.search_signature(earlier)
    if not portfolio.narrows(signature, before):
        event("not narrowing")
        return
    within = portfolio.query_ids(demo_ws, earlier, **asked)
    event(f"narrowed: {'none' if not plain else 'some' if len(plain) < len(within) else 'all'} of the earlier kept")
    limit = search_index.LOOKUP_LIMIT
    search_index.LOOKUP_LIMIT = 0 if scan else limit
    try:
        assert portfolio.query_ids(demo_ws, later, **asked, within=within) == plain
    finally:
        search_index.LOOKUP_LIMIT = limit


@pytest.fixture
def numbers(demo_ws):
    with demo_ws.reading() as session:
        return [n for (n,) in session.query(Patent.application_number)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_start_of_a_number_narrowed_answers_as_the_plain_query(demo_ws, numbers, data):
    number = data.draw(st.sampled_from(numbers))
    short = data.draw(st.integers(0, 6))
    longer = data.draw(st.integers(short, len(number)))
    earlier = data.draw(st.sampled_from(["", "ZL", "CN"])) + number[:short]
    later = data.draw(st.sampled_from(["", "ZL", "ZL ", "CN"])) + number[:longer] + data.draw(
        st.sampled_from(["", "", "0", "9", ".", " "]))
    asked = {"patent_type": data.draw(st.sampled_from([None, None, None, "invention", "design"])),
             "status": data.draw(st.sampled_from([None, None, None, "in_force", "expired"])),
             "sort": data.draw(st.sampled_from(["application_number", "application_number", "title"])),
             "descending": data.draw(st.booleans()),
             "restrict_to": data.draw(st.sampled_from([None, None, None, list(range(1, 200, 3))]))}
    if not portfolio.narrows(portfolio.search_signature(later), portfolio.search_signature(earlier)):
        event("not narrowing")
        return
    plain = portfolio.query_ids(demo_ws, later, **asked)
    within = portfolio.query_ids(demo_ws, earlier, **asked)
    event(f"narrowed: {'none' if not plain else 'some' if len(plain) < len(within) else 'all'} of the earlier kept")
    assert portfolio.query_ids(demo_ws, later, **asked, within=within) == plain


@pytest.mark.parametrize("in_memory", [False, True])
def test_common_words_narrow_to_the_plain_answer(demo_ws, in_memory):
    if in_memory:
        portfolio.hold_search_texts(demo_ws)
    everything = portfolio.query_ids(demo_ws)
    for word in ("电池", "装置", "方法", "锂离子"):
        earlier = everything
        for end in range(1, len(word) + 1):
            plain = portfolio.query_ids(demo_ws, word[:end])
            assert portfolio.query_ids(demo_ws, word[:end], within=earlier) == plain
            earlier = plain
    assert portfolio.query_ids(demo_ws, "电池")  # the demo has such patents: the comparison above saw rows
    for descending in (False, True):
        everything = portfolio.query_ids(demo_ws, descending=descending)
        number = portfolio.detail_by_id(demo_ws, everything[0]).facts.number.canonical
        earlier, within = "", everything
        for end in range(1, 8):
            prefix = "ZL" + number[:end]
            plain = portfolio.query_ids(demo_ws, prefix, descending=descending)
            assert portfolio.query_ids(demo_ws, prefix, descending=descending, within=within) == plain
            assert plain
            earlier, within = prefix, plain


def test_what_narrows_what():
    sig = portfolio.search_signature
    assert portfolio.narrows(sig("锂离"), sig(""))
    assert portfolio.narrows(sig("锂离"), sig("ZL"))  # the lead-in of a number shows everything
    assert portfolio.narrows(sig("锂离"), sig("锂"))
    assert portfolio.narrows(sig("锂离子"), sig("离"))
    assert portfolio.narrows(sig("Li电池"), sig("li"))  # the search ignores case
    assert not portfolio.narrows(sig("锂"), sig("锂离"))
    assert not portfolio.narrows(sig("电池"), sig("锂"))
    assert portfolio.narrows(sig("ZL 20211"), sig("2021"))  # the start of a number, in any of its forms
    assert portfolio.narrows(sig("2021"), sig(""))
    assert not portfolio.narrows(sig("2021"), sig("20211"))
    assert not portfolio.narrows(sig("电池"), sig("2"))  # numbers search their keys, not the text
    assert not portfolio.narrows(sig(""), sig("锂"))
    assert not portfolio.narrows(sig("Z"), sig(""))  # the same answer: asked for again, not narrowed
