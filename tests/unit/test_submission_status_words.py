"""A refusal names a submission's status in the words the window shows it in (its Chinese translation, and the
English label in lower case)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from openlic_desktop.gui import words
from openlic_desktop.support.messages.packages import SUBMISSION_STATUS_WORDS
from openlic_desktop.support.paths import resources_dir


def test_the_refusals_status_words_are_the_windows():
    tree = ET.parse(resources_dir() / "i18n" / "openlic_zh_CN.ts")
    chinese = {m.findtext("source"): m.findtext("translation") for c in tree.getroot().iter("context")
               if c.findtext("name") == "Words" for m in c.iter("message")}
    assert set(SUBMISSION_STATUS_WORDS) == set(words.SUBMISSION_STATUSES)
    for status, label in words.SUBMISSION_STATUSES.items():
        assert SUBMISSION_STATUS_WORDS[status] == (chinese[label], label.lower())
