"""Reading evidence files for what they say: which patent a file is about, and a report's number, date and conclusion.

Pure text in, values out (no files, no PDFs: the services hand over a file name or the text of a PDF's first page).
A number counts in any written form domain.md §2 lists (ZL/CN prefixes, spaces, full-width digits, no dot, `_` or
`-` before the check character) and only when its check character is right; publication numbers never count. The
callers keep only numbers of patents in the portfolio, so a stray run of digits cannot attach a file anywhere.
Report details are read only where the text labels them (报告编号, 作出日期 …) or says the conclusion in the
official wording: a date that is not labelled (a filing date, a print date) is never taken for the report's date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from openlic_desktop.domain.identifiers import ApplicationNumber, parse_application_number
from openlic_desktop.domain.parsing import parse_date
from openlic_desktop.support.errors import InputError

# 12 or 8 digits, then the check character: after a dot (or _ - ·) or straight on; not inside a longer digit run
_CANDIDATE = re.compile(r"(?<![0-9])(\d{12}|\d{8})(?:[._\-·]([0-9X])|([0-9X]))(?![0-9])")
# the same with single spaces between the parts people leave them between: "ZL 2021 1 0123456.7", "97 1 01765.4"
_SPACED = (re.compile(r"(?<![0-9])(\d{4}) ?(\d) ?(\d{7}) ?(?:[._\-·] ?)?([0-9X])(?![0-9])"),
           re.compile(r"(?<![0-9])(\d{2}) ?(\d) ?(\d{5}) ?(?:[._\-·] ?)?([0-9X])(?![0-9])"))
_LABEL = re.compile(r"(?:申请号|专利号|申请\(专利\)号|申请/专利号|专利申请号|APPLICATIONNO|PATENTNO)")


def _normalise(text: str) -> str:
    """Full-width to half-width, upper case, 。 as a dot, every kind of white space as one plain space."""
    text = unicodedata.normalize("NFKC", text).upper().replace("。", ".")
    return re.sub(r"\s+", " ", text)


def find_numbers(text: str) -> list[ApplicationNumber]:
    """Every checked application number written in `text`, in order of first appearance, each once."""
    norm = _normalise(text)
    hits: list[tuple[int, str, str]] = [(m.start(), m[1], m[2] or m[3]) for m in _CANDIDATE.finditer(norm)]
    for pattern in _SPACED:
        hits += [(m.start(), m[1] + m[2] + m[3], m[4]) for m in pattern.finditer(norm)]
    found: dict[str, ApplicationNumber] = {}
    for _start, digits, check in sorted(hits):
        try:
            number = parse_application_number(f"{digits}.{check}")
        except InputError:
            continue
        found.setdefault(number.canonical, number)
    return list(found.values())


def labelled_numbers(text: str) -> list[ApplicationNumber]:
    """The numbers a document gives as its own (after 申请号 / 专利号 …), not the ones it cites."""
    norm = _normalise(text).replace(" ", "")
    out: dict[str, ApplicationNumber] = {}
    for m in _LABEL.finditer(norm):
        for number in find_numbers(norm[m.end():m.end() + 24]):
            out.setdefault(number.canonical, number)
            break
    return list(out.values())


@dataclass(frozen=True)
class ReportDetails:
    """What a report's text (or file name) says about itself; empty fields were not found."""

    report_no: str = ""
    report_date: date | None = None
    conclusion: str | None = None   # favourable | unfavourable
    claims: str = ""                # claims with defects, as written (unfavourable reports)

    @property
    def complete(self) -> bool:
        return bool(self.report_no and self.report_date and self.conclusion)

    def merged(self, other: ReportDetails) -> ReportDetails:
        """These details, with the gaps filled from `other`."""
        return ReportDetails(self.report_no or other.report_no, self.report_date or other.report_date,
                             self.conclusion or other.conclusion, self.claims or other.claims)


_DATE = r"(\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?|\d{8})"
_REPORT_NO = re.compile(r"(?:报告编号|评价报告编号|检索报告编号|报告号|REPORTNO\.?|编号)[:：]?\s*([A-Z0-9][A-Z0-9\-_/]{2,30})")
_REPORT_DATE = re.compile(r"(?:作出日期|报告日期|出具日期|完成日期|发文日期|发文日|报告日|REPORTDATE|DATE)[:：]?\s*" + _DATE)
# the official wording of the preliminary conclusion (初步结论); "not found … not meeting" is favourable
_FAVOURABLE = re.compile(r"未发现(?:存在)?(?:不符合授予专利权条件|.{0,12}缺陷)|符合授予专利权(?:的)?条件|无缺陷|(?<!UN)FAVOURABLE")
_UNFAVOURABLE = re.compile(r"不符合授予专利权(?:的)?条件|存在(?:.{0,6})缺陷|不具备(?:新颖性|创造性|实用性)|有缺陷|UNFAVOURABLE")
_CLAIMS = re.compile(r"权利要求\s*([0-9][0-9、,，\-－至~\s]*)(?:不具备|不符合|存在)")
_NAME_DATE = re.compile(r"(?<![0-9])(\d{4}[-.](?:0?[1-9]|1[0-2])[-.](?:0?[1-9]|[12]\d|3[01])|"
                        r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?![0-9])")


def _conclusion(text: str) -> str | None:
    """favourable | unfavourable | None. The favourable wording ("未发现存在不符合授予专利权条件的缺陷") holds the
    unfavourable words, so it is taken out first; any defect named besides it makes the report unfavourable."""
    rest = _FAVOURABLE.sub("", text)
    if _UNFAVOURABLE.search(rest):
        return "unfavourable"
    return "favourable" if rest != text else None


def read_report_text(text: str) -> ReportDetails:
    """Report number, date, conclusion and defective claims from a report's (first page) text."""
    norm = _normalise(text)
    compact = norm.replace(" ", "")
    number = _REPORT_NO.search(compact)
    report_no = number[1] if number else ""
    if report_no and find_numbers(report_no):  # that was the application number under a loose label
        report_no = ""
    day = _REPORT_DATE.search(compact)
    report_date = parse_date(re.sub(r"\s+", "", day[1])) if day else None
    conclusion = _conclusion(compact)
    claims = ""
    if conclusion == "unfavourable":
        found = _CLAIMS.search(compact)
        claims = found[1].strip("、,，") if found else ""
    return ReportDetails(report_no, report_date, conclusion, claims)


def read_report_name(name: str) -> ReportDetails:
    """Details a file name carries: a date (2026-05-01, 20260501), a conclusion word, a labelled report number."""
    stem = _normalise(name.rsplit(".", 1)[0] if "." in name[-6:] else name)
    # the application number is no date: drop it before looking for one
    for number in find_numbers(stem):
        stem = stem.replace(number.canonical, " ").replace(number.search_key, " ")
    day = None
    for m in _NAME_DATE.finditer(stem):
        day = parse_date(m[1].replace(".", "-"))
        if day is not None:
            break
    compact = stem.replace(" ", "")
    number = _REPORT_NO.search(compact)
    return ReportDetails(number[1] if number else "", day, _conclusion(compact), "")
