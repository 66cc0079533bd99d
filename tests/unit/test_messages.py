"""Every refusal code has words in both languages with the same placeholders; field names are shown in words."""

from __future__ import annotations

import string

from openlic_desktop.support.messages import catalogue, render, terms


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_both_languages_use_the_same_placeholders():
    for code, (zh, en) in catalogue().items():
        assert zh.strip() and en.strip(), code
        assert _fields(zh) == _fields(en), code


def test_field_names_in_parameters_become_words():
    assert render("PRICING_MISSING", "zh", fields="amount, rate").endswith("（缺少：金额、提成比例）")
    assert "contact phone/contact e-mail" in render("CONTACT_MISSING", "en", fields="contact_phone/contact_email")
    # values that are not all known terms stay as they were (names, numbers)
    assert "浙江大学" in render("PATENT_NOT_FOUND", "zh", value="浙江大学")
    assert render("PATENT_NOT_FOUND", "en", value="mode x") == render("PATENT_NOT_FOUND", "en", value="mode x")
    assert all(zh and en for zh, en in terms().values())


def test_unknown_code_still_says_something():
    assert render("NO_SUCH_CODE", "en", value=3) == "NO_SUCH_CODE (value=3)"
