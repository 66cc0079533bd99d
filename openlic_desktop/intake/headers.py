"""Finding the header row of a spreadsheet table and recognising its columns by synonyms (zh/en).

Shared by the import and by filling a bureau's blank template. Two functions are the interface:

    match_header(text) -> field | None
    find_header_row(rows) -> (row_index, {column_index: field})   # raises HeaderNotFound

and for the other tables the app reads (the licensee list, the pricing reference data), with their own fields:

    find_columns(rows, synonyms, required) -> (row_index, {column_index: field})   # raises HeaderNotFound

Field names are `PatentFacts` attribute names where one exists:

    number (申请号 / Application No. — also a column headed "申请号（专利号）"), title, patent_type, filing_date,
    grant_date, status, patentees, inventors, fees_paid_until, ipc, department, contact_person, contact_phone,
    contact_email, description, industry

plus names with no `PatentFacts` attribute, recognised so that a table is understood as a whole:

    patent_number       专利号 / Patent No. when it is a column *besides* the application number (ZL + number);
                        in a table without an application-number column it is mapped to `number` instead
    publication_number  公开号 / 公告号 / Publication No. (recognised, never imported as a number)
    expiry_date         有效期至 / 届满日 (computed by the app; read but not stored)
    seq                 序号 / No. (row counter; ignored)
    remarks             备注 / Remarks (ignored)
    rejection_code      错误代码 / Code — the column the rejected-rows file adds: a row once rejected as a
                        DUPLICATE_CONFLICT must not silently overwrite the row that was kept (never imported)

Matching: NFKC, case and white space (line breaks too) ignored, then (1) an exact synonym, (2) the text with
bracketed parts removed — "申请日（yyyy-mm-dd）" —, (3) the longest synonym contained in the text. A caller with
fields of its own (e.g. pricing columns of a bureau template) passes `extra` synonyms {field: [texts]}.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

# field → synonyms (any case/width/spacing). Order inside a list does not matter.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("申请号", "专利申请号", "申请号（专利号）", "申请号/专利号", "申请（专利）号", "专利号（申请号）",
               "申请号码", "application no", "application number", "appl no", "app no", "application no."),
    "patent_number": ("专利号", "专利证号", "授权专利号", "patent no", "patent number", "patent no."),
    "publication_number": ("公开号", "公告号", "公开（公告）号", "授权公告号", "公开公告号", "publication no",
                           "publication number", "pub no"),
    "title": ("发明名称", "专利名称", "名称", "发明创造名称", "实用新型名称", "外观设计名称", "题名", "标题", "title",
              "patent title", "invention title", "name"),
    "patent_type": ("专利类型", "类型", "专利类别", "类别", "种类", "专利种类", "type", "patent type", "kind"),
    "filing_date": ("申请日", "申请日期", "专利申请日", "申请时间", "filing date", "application date", "date filed",
                    "filed"),
    "grant_date": ("授权日", "授权公告日", "授权日期", "授权时间", "公告日", "授权公告日期", "grant date",
                   "date granted", "granted", "issue date"),
    "status": ("法律状态", "当前状态", "专利状态", "状态", "当前法律状态", "status", "legal status"),
    "patentees": ("专利权人", "权利人", "申请人", "专利权人（申请人）", "申请（专利权）人", "申请人/专利权人",
                  "当前权利人", "patentee", "patentees", "owner", "owners", "assignee", "applicant", "proprietor"),
    "inventors": ("发明人", "设计人", "发明人/设计人", "发明（设计）人", "全部发明人", "inventor", "inventors",
                  "designer", "designers"),
    "fees_paid_until": ("年费缴至", "年费缴纳至", "年费已缴至", "年费缴费至", "缴费至", "年费缴至日",
                        "fees paid until", "annual fee paid until", "paid until", "fee paid to"),
    "ipc": ("主分类号", "ipc", "ipc分类号", "分类号", "国际专利分类号", "ipc主分类号", "ipc classification",
            "main ipc", "classification"),
    "department": ("学院", "院系", "所属学院", "所属院系", "单位", "所属单位", "二级单位", "部门", "department",
                   "school", "faculty"),
    "contact_person": ("联系人", "联系人姓名", "专利联系人", "contact", "contact person", "contact name"),
    "contact_phone": ("联系电话", "电话", "联系人电话", "手机", "联系方式", "phone", "telephone", "tel", "mobile",
                      "contact phone"),
    "contact_email": ("电子邮箱", "邮箱", "电子邮件", "联系邮箱", "e-mail", "email", "mail", "contact email"),
    "description": ("简介", "摘要", "专利简介", "技术简介", "内容简介", "技术摘要", "abstract", "description",
                    "summary"),
    "industry": ("行业", "所属行业", "应用行业", "技术领域", "应用领域", "产业领域", "行业分类", "industry",
                 "field", "technical field"),
    "expiry_date": ("有效期至", "届满日", "到期日", "专利到期日", "期限届满日", "有效期", "expiry date",
                    "expiry", "expiration date", "last day in force"),
    "seq": ("序号", "编号", "no", "no.", "#", "seq", "序"),
    "remarks": ("备注", "remarks", "remark", "notes", "note", "说明"),
    "rejection_code": ("错误代码 / Code", "错误代码", "rejection code"),
}

# fields that carry no patent fact: they help recognise a table but count less towards "this is the header"
IGNORED_FIELDS = frozenset({"seq", "remarks", "expiry_date", "publication_number", "rejection_code"})
# a header row must name the patent and at least one more fact
MIN_FACT_FIELDS = 2
HEADER_SEARCH_ROWS = 30  # titles and notes above the table: look no further down than this

_BRACKETS = re.compile(r"[(（\[【<《][^)）\]】>》]*[)）\]】>》]")
_SPACE = re.compile(r"[\s\u3000]+")
_STRIP = "*:：.、#＊ "
_SENTENCE = re.compile(r"[，。；！？,;!?]")


class HeaderNotFound(ValueError):
    """No row in the first rows looks like a header (no number column and another fact column)."""


def normalise_header(text: object) -> str:
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text)).lower()
    value = _SPACE.sub("", value)
    return value.strip(_STRIP)


@lru_cache(maxsize=8)
def _index(extra_key: tuple[tuple[str, tuple[str, ...]], ...], portfolio: bool = True
           ) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    exact: dict[str, str] = {}
    for fld, words in (*(SYNONYMS.items() if portfolio else ()), *extra_key):
        for word in words:
            exact.setdefault(normalise_header(word), fld)
    # containment: only synonyms of 2+ characters, longest first, so 联系人电话 beats 联系人 and 电话
    contained = tuple(sorted(((w, f) for w, f in exact.items() if len(w) >= 2 and not (w.isascii() and len(w) < 4)),
                             key=lambda item: -len(item[0])))
    return exact, contained


def _extra_key(extra: Mapping[str, Iterable[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not extra:
        return ()
    return tuple(sorted((f, tuple(words)) for f, words in extra.items()))


def match_header(text: object, extra: Mapping[str, Iterable[str]] | None = None, *,
                 portfolio: bool = True) -> str | None:
    """The field a header cell names, or None. See the module docstring for the field names (`portfolio` False:
    only the fields of `extra`)."""
    value = normalise_header(text)
    if not value:
        return None
    exact, contained = _index(_extra_key(extra), portfolio)
    if value in exact:
        return exact[value]
    stripped = normalise_header(_BRACKETS.sub("", value))
    if stripped and stripped in exact:
        return exact[stripped]
    # a note or title sentence mentions field names too: only short cells without sentence punctuation count
    if _SENTENCE.search(value) or len(value) > 24:
        return None
    text = stripped or value
    for word, fld in contained:
        if word in text and len(text) <= len(word) + 6:
            return fld
    return None


def map_header_row(cells: Sequence[object], extra: Mapping[str, Iterable[str]] | None = None) -> dict[int, str]:
    """{column: field} for one row; each field is taken by its first column only.

    A lone 专利号 column (no 申请号 beside it) holds the application numbers (ZL + number), so it becomes `number`.
    """
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for col, cell in enumerate(cells):
        fld = match_header(cell, extra)
        if fld is None or fld in taken:
            continue
        mapping[col] = fld
        taken.add(fld)
    if "number" not in taken and "patent_number" in taken:
        col = next(c for c, f in mapping.items() if f == "patent_number")
        mapping[col] = "number"
    return mapping


def header_score(mapping: Mapping[int, str]) -> int:
    """How much a row looks like this table's header: the fact fields it names (0 without a number column)."""
    fields = set(mapping.values())
    if "number" not in fields:
        return 0
    return len(fields - IGNORED_FIELDS)


def find_header_row(rows: Iterable[Sequence[object]], extra: Mapping[str, Iterable[str]] | None = None,
                    search_rows: int = HEADER_SEARCH_ROWS) -> tuple[int, dict[int, str]]:
    """The (0-based) index of the header row among the first `search_rows` rows and its {column: field} mapping.

    The best-scoring row wins (ties: the first); title rows, notes and merged-cell captions above score 0.
    Raises `HeaderNotFound` if no row names the number and at least one other fact.
    """
    best: tuple[int, int, dict[int, str]] | None = None
    for index, row in enumerate(rows):
        if index >= search_rows:
            break
        mapping = map_header_row(row, extra)
        score = header_score(mapping)
        if score >= MIN_FACT_FIELDS and (best is None or score > best[0]):
            best = (score, index, mapping)
    if best is None:
        raise HeaderNotFound("no header row with an application-number column found")
    return best[1], best[2]


def find_columns(rows: Iterable[Sequence[object]], synonyms: Mapping[str, Iterable[str]], required: Iterable[str],
                 search_rows: int = HEADER_SEARCH_ROWS, one_of: Iterable[str] = ()) -> tuple[int, dict[int, str]]:
    """The header row of a table of the app's other kinds (a licensee list, reference data): the first row among
    the first `search_rows` that names every `required` field of `synonyms` ({field: texts}, matched as
    match_header matches) and, when `one_of` is given, at least one of those fields (a licensee list names a USCC
    or an ID number column), with its {column: field} (each field by its first column). Raises `HeaderNotFound`."""
    needed, either = set(required), set(one_of)
    for index, row in enumerate(rows):
        if index >= search_rows:
            break
        mapping: dict[int, str] = {}
        for col, cell in enumerate(row):
            fld = match_header(cell, synonyms, portfolio=False)
            if fld is not None and fld not in mapping.values():
                mapping[col] = fld
        named = set(mapping.values())
        if needed <= named and (not either or either & named):
            return index, mapping
    wanted = ", ".join(sorted(needed)) + (f" and one of {', '.join(sorted(either))}" if either else "")
    raise HeaderNotFound(f"no header row naming {wanted}")


def headers_signature(cells: Sequence[object]) -> str:
    """A key for 'files with the same headers': the normalised header texts, in order, trailing blanks dropped."""
    texts = [normalise_header(c) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return "\x1f".join(texts)


def is_repeated_header(cells: Sequence[object], mapping: Mapping[int, str],
                       extra: Mapping[str, Iterable[str]] | None = None) -> bool:
    """True for a data row that repeats the header (printed tables repeat it at page breaks)."""
    hits = 0
    for col, fld in mapping.items():
        if col < len(cells) and match_header(cells[col], extra) == fld:
            hits += 1
    return hits >= max(2, (len(mapping) + 1) // 2)


def is_sub_header(cells: Sequence[object], extra: Mapping[str, Iterable[str]] | None = None) -> bool:
    """True for the second row of a two-row header (联系人 merged over 姓名 | 电话): no number, and every non-blank
    cell is a header word."""
    texts = [c for c in cells if c is not None and str(c).strip()]
    return bool(texts) and all(match_header(c, extra) is not None or normalise_header(c) in _SUB_WORDS
                               for c in texts)


_SUB_WORDS = frozenset({"姓名", "电话", "手机", "邮箱", "地址", "名称", "代码", "日期", "金额", "方式", "类型"})
