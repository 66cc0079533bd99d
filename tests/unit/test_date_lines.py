"""One signing-date line for every document a patentee signs: the declarations wrote 日期：____年__月__日 where
the letters and contracts write 日期：　　　　年　　月　　日."""

from __future__ import annotations

from datetime import date

from openlic_desktop.documents.date_lines import SIGNATORY, seal_block, signing_date


def test_the_signing_line_is_the_day_or_a_blank_of_full_width_spaces():
    assert signing_date(date(2030, 9, 1)) == "日期：2030年9月1日"
    assert signing_date(None) == "日期：　　　　年　　月　　日"
    assert "_" not in signing_date(None) and "＿" not in signing_date(None)


def test_one_seal_block_for_every_party_that_signs():
    assert seal_block("共同专利权人", "甲大学", date(2030, 9, 1)) == [
        "共同专利权人：甲大学（盖章）", SIGNATORY, "日期：2030年9月1日"]
    # a natural person signs, and has no signatory to sign for them
    assert seal_block("专利权人", "张三", None, person=True) == ["专利权人：张三（签字）", signing_date(None)]
