"""Documents write a day one way (domain.dates.zh_date: 2030年9月21日); a second formatter would drift from it
(leading zeros, a None turned into "None年")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openlic_desktop
from openlic_desktop.documents import letters
from openlic_desktop.documents.contracts import context
from openlic_desktop.domain.dates import zh_date

ROOT = Path(openlic_desktop.__file__).parent
# an f-string that spells a day out itself: {x.year}年{x.month}月…
OWN_FORMAT = re.compile(r"\{[^{}]*\byear\}年\{[^{}]*\bmonth\}月")


def test_only_domain_dates_spells_out_a_day():
    copies = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
              if p != ROOT / "domain" / "dates.py" and OWN_FORMAT.search(p.read_text(encoding="utf-8"))]
    assert copies == []
    assert not hasattr(letters, "_zh_date")
    assert zh_date(date(2030, 9, 21)) == "2030年9月21日"
    assert context._zh_date(None) == "" and context._zh_date(date(2030, 9, 1)) == "2030年9月1日"
