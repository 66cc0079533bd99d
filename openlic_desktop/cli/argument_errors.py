"""argparse's own refusals (an unknown option, a missing argument, a bad choice) in the reader's language.

argparse words its errors in English; `in_words(text, lang)` recognises the ones it makes and says them through the
messages module (BAD_ARGUMENT and its variants), so `--lang zh` reads Chinese. Anything not recognised keeps
argparse's words as the reason. `--json` keeps argparse's English text as `detail`, for scripts.
"""

from __future__ import annotations

import re

from openlic_desktop.support.messages import catalogue, render

# argparse's messages (Python 3.11–3.13): the pattern, the BAD_ARGUMENT variant that says it
_ARGPARSE = (
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "unrecognized"),
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "required"),
    (re.compile(r"one of the arguments (?P<args>.+) is required"), "one_of"),
    (re.compile(r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "choice"),
    (re.compile(r"argument (?P<arg>.+?): expected one argument"), "one_value"),
    (re.compile(r"argument (?P<arg>.+?): expected at least one argument"), "values"),
    (re.compile(r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)"), "together"),
    (re.compile(r"argument (?P<arg>.+?): invalid \S+ value: (?P<value>.+)"), "value"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"), "ambiguous"),
)


def in_words(text: str, lang: str) -> str:
    """argparse's error `text` as a BAD_ARGUMENT message in `lang`."""
    for pattern, variant in _ARGPARSE:
        found = pattern.fullmatch(text.strip())
        if found:  # the values as typed (not render(), which would put `invention` in words: it must be typed)
            zh, en = catalogue()[f"BAD_ARGUMENT.{variant}"]
            return (zh if lang.startswith("zh") else en).format(**found.groupdict())
    return render("BAD_ARGUMENT", lang, reason=text)
