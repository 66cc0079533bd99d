"""One signing-date line for every document a patentee signs: the declarations wrote 日期：____年__月__日 where
the letters and contracts write 日期：　　　　年　　月　　日."""

from __future__ import annotations

from datetime import date

from openlic_desktop.documents.date_lines import signing_date


def test_the_signing_line_is_the_day_or_a_blank_of_full_width_spaces():
    assert signing_date(date(2030, 9, 1)) == "日期：2030年9月1日"
    assert signing_date(None) == "日期：　　　　年　　月　　日"
    assert "_" not in signing_date(None) and "＿" not in signing_date(None)
