"""Open-licence contracts from Word templates: a sandboxed renderer, a template checker and a batch engine.

What this module owns
- `make_env()`: the only Jinja environment templates ever see. A sandbox (no attribute access to internals, no
  code), no loader and a parse-time refusal of include/import/extends (no file access), attribute access only on
  the plain values the context is made of, bounded `range` and string/list repetition.
- `build_context(...)`: the template fields (FIELDS) from plain values — patents, a licensee, pricing terms, the
  office. Every value is text, a number or a bool: nothing with methods reaches a template.
- `render_docx(...)`: render one contract with docxtpl from scratch (the reference path).
- `PreparedTemplate`: the batch path. The template's XML parts are read, patched by docxtpl's own `patch_xml`
  and compiled ONCE; each contract is then one Jinja render per part written into a copy of the zip. Output
  equals the docxtpl path (a test compares the texts).
- `check_template(...)`: unknown fields, tags Word split across runs (read from the raw XML runs), unbalanced
  if/for, syntax errors, forbidden tags, and a preview render with sample data.
- Stamping: every produced document carries custom properties `OpenLicTemplateVersion`,
  `OpenLicTemplateSHA256` and `OpenLicDataSHA256` (SHA-256 of the canonical JSON of the data used).
- `find_soffice()` / `convert_to_pdf(...)`: optional PDF through LibreOffice when it is on PATH.

Thread rule: everything here is pure file work on values; a `PreparedTemplate` is not shared between threads.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import cn2an
from docx import Document
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, nodes
from jinja2.runtime import LoopContext, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree

from openlic_desktop.domain.dates import add_months
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.pricing import PricingMode, PricingTerms, term_end
from openlic_desktop.support import paths
from openlic_desktop.support.errors import InputError, OpenLicError
from openlic_desktop.support.files import atomic_write_bytes

DEFAULT_TEMPLATE_NAME = "open_licence_contract.docx"
PROP_TEMPLATE_VERSION = "OpenLicTemplateVersion"
PROP_TEMPLATE_SHA = "OpenLicTemplateSHA256"
PROP_DATA_SHA = "OpenLicDataSHA256"
RECORDING_MONTHS = 3  # recording with CNIPA within 3 months of the contract taking effect (domain.md §8)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_REL_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_REL_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def default_template_path() -> Path:
    return paths.resources_dir() / "templates" / DEFAULT_TEMPLATE_NAME


# --- the sandbox -------------------------------------------------------------------------------------------------

_SAFE_TYPES = (str, int, float, bool, Decimal, date, dict, list, tuple, LoopContext, Undefined, type(None))
_FORBIDDEN_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
MAX_RANGE = 10_000
MAX_REPEAT = 100_000


class _ContractEnvironment(ImmutableSandboxedEnvironment):
    """Jinja for contract templates. Refuses include/import/extends when parsing (there is no loader either)."""

    intercepted_binops = frozenset({"*", "**"})

    def _parse(self, source, name, filename):  # the one place every template passes through
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(_FORBIDDEN_NODES):
            raise SecurityError(f"{type(node).__name__.lower()} is not allowed in a contract template")
        return tree

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Templates only ever see plain values: anything else (the template reference `self`, macros,
        # functions, modules) has no attribute a contract needs.
        if not isinstance(obj, _SAFE_TYPES):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            if isinstance(right, (int, float, Decimal)) and abs(right) > 64:
                raise SecurityError("exponent too large")
            return left**right
        result_size = 0
        if isinstance(left, (str, list, tuple)) and isinstance(right, int):
            result_size = len(left) * right
        elif isinstance(right, (str, list, tuple)) and isinstance(left, int):
            result_size = len(right) * left
        if result_size > MAX_REPEAT:
            raise SecurityError("repetition too large")
        return left * right


def _bounded_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise SecurityError(f"range longer than {MAX_RANGE}")
    return rng


def make_env(strict: bool = True) -> _ContractEnvironment:
    """strict: a field missing from the data is an error (drafting); previews show it empty instead."""
    env = _ContractEnvironment(autoescape=True, undefined=StrictUndefined if strict else Undefined, loader=None)
    env.globals.clear()
    env.globals["range"] = _bounded_range
    return env


# --- the fields --------------------------------------------------------------------------------------------------

def _zh_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _money_text(value: Decimal | None) -> str:
    return f"{value:,.2f}" if value is not None else ""


def _money_words(value: Decimal | None) -> str:
    return cn2an.an2cn(str(value), "rmb") if value is not None else ""


def _rate_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Party:
    """A licensee (or any party) as the contract names it."""

    name: str
    uscc: str = ""
    address: str = ""
    legal_representative: str = ""
    contact: str = ""
    size: str = ""


@dataclass(frozen=True)
class ContractPatent:
    facts: PatentFacts
    terms: PricingTerms


def fee_text(terms: PricingTerms) -> str:
    """The schedule column: 免费 / 一次性 12,000.00 元 / 提成 净销售额 3% ... with the staged-free/trial note."""
    mode = terms.mode
    if mode is PricingMode.FREE:
        text = "免费"
    elif mode is PricingMode.LUMP_SUM:
        text = f"一次性支付 {_money_text(terms.amount)} 元"
    elif mode is PricingMode.ROYALTY:
        text = f"提成：{terms.base.zh if terms.base else ''}的 {_rate_text(terms.rate)}%"
    else:
        text = (f"入门费 {_money_text(terms.entry_fee)} 元 + 提成：{terms.base.zh if terms.base else ''}的 "
                f"{_rate_text(terms.rate)}%")
    if mode.is_paid and terms.free_months:
        text += f"（前 {terms.free_months} 个月免费）"
    if mode.is_paid and terms.pay_after_trial:
        text += f"（先试用 {terms.trial_months} 个月后付费）"
    return text


def _terms_fields(terms: PricingTerms) -> dict[str, Any]:
    return {
        "mode": terms.mode.value,
        "mode_zh": terms.mode.zh,
        "amount": _money_text(terms.amount),
        "amount_words": _money_words(terms.amount),
        "entry_fee": _money_text(terms.entry_fee),
        "entry_fee_words": _money_words(terms.entry_fee),
        "rate": _rate_text(terms.rate),
        "base": terms.base.value if terms.base else "",
        "base_zh": terms.base.zh if terms.base else "",
        "term_months": terms.term_months or 0,
        "free_months": int(terms.free_months or 0) if terms.mode.is_paid else 0,
        "pay_after_trial": bool(terms.pay_after_trial) and terms.mode.is_paid,
        "trial_months": int(terms.trial_months or 0) if terms.pay_after_trial else 0,
        "frequency_zh": terms.frequency.zh,
        "territory": terms.territory,
        "summary": terms.summary("zh"),
    }


def recording_deadline(effective: date) -> date:
    """Last day to record the contract with CNIPA: the same day 3 months on (a missing day → the month's end)."""
    return add_months(effective, RECORDING_MONTHS)


def licence_end(effective: date, terms: PricingTerms, expiry: date | None) -> date | None:
    """Last day of the licence of one patent: the term from the effective date, never past the patent's expiry."""
    if not terms.term_months:
        return expiry
    end = term_end(effective, terms.term_months)
    return min(end, expiry) if expiry else end


def build_context(*, number: str, patentee: dict[str, str], licensee: Party, patents: Sequence[ContractPatent],
                  effective: date, template_version: str, mediator: str = "", court: str = "",
                  copies: int = 4) -> dict[str, Any]:
    """The data a contract template is rendered with (see FIELDS); plain values only."""
    if not patents:
        raise InputError("CONTRACT_NO_PATENTS")
    items = []
    for index, cp in enumerate(patents, 1):
        f, t = cp.facts, cp.terms
        end = licence_end(effective, t, f.expiry_date)
        free_months = int(t.free_months or 0) if t.mode.is_paid else 0
        trial_months = int(t.trial_months or 0) if (t.pay_after_trial and t.mode.is_paid) else 0
        unpaid = max(free_months, trial_months)
        items.append({
            "index": index,
            "application_number": f.number.canonical,
            "patent_number": f.number.patent_number,
            "title": f.title,
            "type": f.patent_type.value if f.patent_type else "",
            "type_zh": f.patent_type.zh if f.patent_type else "",
            "patentees": "；".join(f.patentees),
            "filing_date": _zh_date(f.filing_date),
            "grant_date": _zh_date(f.grant_date),
            "expiry_date": _zh_date(f.expiry_date),
            "term_start": _zh_date(effective),
            "term_end": _zh_date(end),
            "free_end": _zh_date(term_end(effective, free_months)) if free_months else "",
            "trial_end": _zh_date(term_end(effective, trial_months)) if trial_months else "",
            "pay_from": _zh_date(add_months(effective, unpaid)),
            "fee_text": fee_text(t),
            "terms": _terms_fields(t),
        })
    term_months = max((cp.terms.term_months or 0) for cp in patents)
    territories = sorted({cp.terms.territory for cp in patents})
    all_patentees: list[str] = []
    for cp in patents:
        for name in cp.facts.patentees:
            if name not in all_patentees:
                all_patentees.append(name)
    patentee = dict(patentee)
    if not patentee.get("name"):
        patentee["name"] = "；".join(all_patentees)
    patentee_fields = {k: str(patentee.get(k, "") or "") for k in
                       ("name", "address", "contact_person", "contact_phone", "contact_email")}
    return {
        "template_version": template_version,
        "contract": {
            "number": number,
            "date": _zh_date(effective),
            "effective_date": _zh_date(effective),
            "copies": copies,
        },
        "patentee": patentee_fields,
        "licensee": {
            "name": licensee.name, "uscc": licensee.uscc, "address": licensee.address,
            "legal_representative": licensee.legal_representative, "contact": licensee.contact,
            "size": licensee.size,
        },
        "patents": items,
        "licence": {
            "kind": "普通许可",
            "territory": "、".join(territories),
            "term_months": term_months,
        },
        "staged_free": any(p["terms"]["free_months"] for p in items),
        "pay_after_trial": any(p["terms"]["pay_after_trial"] for p in items),
        "fees_payable": any(cp.terms.mode.is_paid for cp in patents),
        "recording_deadline": _zh_date(recording_deadline(effective)),
        "disputes": {
            "mediator": mediator or "许可人所在地的省级知识产权管理部门",
            "court": court or "许可人所在地有管辖权的人民法院",
        },
    }


def sample_context(template_version: str = "sample") -> dict[str, Any]:
    """Sample data for previews and the checker: two patents, one royalty with a staged free year, one trial."""
    from openlic_desktop.domain.identifiers import parse_application_number
    from openlic_desktop.domain.pricing import RoyaltyBase

    p1 = PatentFacts(parse_application_number("202110123456.7"), title="一种高效光催化降解装置",
                     filing_date=date(2021, 1, 15), grant_date=date(2022, 3, 8), patentees=["示例大学"])
    p2 = PatentFacts(parse_application_number("201710601862.3"), title="一种农业灌溉控制方法",
                     filing_date=date(2017, 8, 1), grant_date=date(2019, 5, 10), patentees=["示例大学"])
    t1 = PricingTerms(PricingMode.ROYALTY, rate=Decimal(3), base=RoyaltyBase.NET_SALES, term_months=36,
                      free_months=12)
    t2 = PricingTerms(PricingMode.LUMP_SUM, amount=Decimal(50000), term_months=24, pay_after_trial=True,
                      trial_months=6)
    return build_context(
        number="KF-2026-0001",
        patentee={"name": "示例大学", "address": "示例市大学路1号", "contact_person": "王老师",
                  "contact_phone": "010-12345678", "contact_email": "tto@example.edu.cn"},
        licensee=Party("示例科技有限公司", "91350100M000100Y30", "示例市高新区创新路8号", "李四", "0591-87654321"),
        patents=[ContractPatent(p1, t1), ContractPatent(p2, t2)],
        effective=date(2026, 12, 1), template_version=template_version)


def _field_paths(value: Any, prefix: str, out: set[str]) -> None:
    if prefix:
        out.add(prefix)
    if isinstance(value, dict):
        for key, item in value.items():
            _field_paths(item, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        _field_paths(value[0] if value else {}, prefix + "[]", out)


def _known_fields() -> frozenset[str]:
    out: set[str] = set()
    _field_paths(sample_context(), "", out)
    return frozenset(out)


FIELDS: frozenset[str] = _known_fields()


def data_sha256(context: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the data a contract was rendered with."""
    blob = json.dumps(context, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --- template files ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TemplateInfo:
    path: Path
    sha256: str
    version: str  # the template's core "version" property, else "sha256:<first 12 hex>"


def _read_template(path: str | os.PathLike[str]) -> tuple[bytes, dict[str, bytes], list[zipfile.ZipInfo]]:
    path = Path(path)
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise InputError("FILE_NOT_FOUND", path=str(path)) from None
    except OSError as exc:
        raise InputError("CONTRACT_TEMPLATE_UNREADABLE", path=str(path), reason=str(exc)) from None
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            infos = zf.infolist()
            parts = {i.filename: zf.read(i.filename) for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError("CONTRACT_TEMPLATE_UNREADABLE", path=str(path), reason=str(exc)) from None
    if "word/document.xml" not in parts:
        raise InputError("CONTRACT_TEMPLATE_UNREADABLE", path=str(path), reason="no word/document.xml")
    return blob, parts, infos


def _core_version(parts: dict[str, bytes]) -> str:
    core = parts.get("docProps/core.xml")
    if not core:
        return ""
    try:
        root = etree.fromstring(core)
    except etree.XMLSyntaxError:
        return ""
    for el in root:
        if etree.QName(el).localname == "version" and (el.text or "").strip():
            return el.text.strip()
    return ""


def template_info(path: str | os.PathLike[str]) -> TemplateInfo:
    blob, parts, _ = _read_template(path)
    digest = hashlib.sha256(blob).hexdigest()
    return TemplateInfo(Path(path), digest, _core_version(parts) or f"sha256:{digest[:12]}")


def _xml_parts(parts: dict[str, bytes], rel_types: Iterable[str]) -> list[str]:
    """Zip names of the document parts (headers, footers, footnotes) related from word/document.xml."""
    rels = parts.get("word/_rels/document.xml.rels")
    if not rels:
        return []
    wanted = set(rel_types)
    out = []
    for rel in etree.fromstring(rels):
        if rel.get("Type") in wanted and rel.get("TargetMode") != "External":
            target = rel.get("Target", "").lstrip("/")
            name = target if target.startswith("word/") else "word/" + target
            if name in parts:
                out.append(name)
    return sorted(set(out))


# --- stamping the produced document ------------------------------------------------------------------------------

def _custom_xml(existing: bytes | None, props: dict[str, str]) -> bytes:
    if existing:
        root = etree.fromstring(existing)
        for el in list(root):
            if el.get("name") in props:
                root.remove(el)
    else:
        root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    pid = max([int(el.get("pid", "1")) for el in root] + [1])
    for name, value in props.items():
        pid += 1
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_CUSTOM_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _ensure_custom_part(parts: dict[str, bytes]) -> None:
    """Declare docProps/custom.xml in [Content_Types].xml and _rels/.rels if the package lacks it."""
    ct = parts["[Content_Types].xml"].decode("utf-8")
    if "/docProps/custom.xml" not in ct:
        ct = ct.replace("</Types>", f'<Override PartName="/docProps/custom.xml" ContentType="{_CT_CUSTOM}"/></Types>')
        parts["[Content_Types].xml"] = ct.encode("utf-8")
    rels = parts.get("_rels/.rels", b"").decode("utf-8")
    if _REL_CUSTOM not in rels:
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdOpenLicCustom" Type="{_REL_CUSTOM}" Target="docProps/custom.xml"/>'
            "</Relationships>")
        parts["_rels/.rels"] = rels.encode("utf-8")


def _zip_bytes(order: Sequence[str], parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in order:
            zf.writestr(name, parts[name])
    return out.getvalue()


def _stamp_props(info: TemplateInfo, context: dict[str, Any]) -> dict[str, str]:
    return {PROP_TEMPLATE_VERSION: info.version, PROP_TEMPLATE_SHA: info.sha256,
            PROP_DATA_SHA: data_sha256(context)}


def read_stamp(docx: str | os.PathLike[str] | bytes) -> dict[str, str]:
    """The custom properties of a produced .docx (empty if none)."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    with zipfile.ZipFile(source) as zf:
        try:
            blob = zf.read("docProps/custom.xml")
        except KeyError:
            return {}
    root = etree.fromstring(blob)
    return {el.get("name"): "".join(el.itertext()) for el in root}


# --- rendering ---------------------------------------------------------------------------------------------------

def _render_failed(exc: Exception) -> OpenLicError:
    if isinstance(exc, SecurityError):
        return InputError("CONTRACT_TEMPLATE_FORBIDDEN", reason=str(exc))
    return InputError("CONTRACT_TEMPLATE_RENDER_FAILED", reason=str(exc))


def render_docx(template: str | os.PathLike[str], context: dict[str, Any], strict: bool = True) -> bytes:
    """One contract rendered from scratch by docxtpl in the sandbox, stamped; returns the .docx bytes."""
    info = template_info(template)
    tpl = DocxTemplate(str(template))
    try:
        tpl.render(context, jinja_env=make_env(strict), autoescape=True)
    except (TemplateError, SecurityError, TypeError, ValueError, etree.XMLSyntaxError) as exc:
        raise _render_failed(exc) from None
    raw = io.BytesIO()
    tpl.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zf:
        order = [i.filename for i in zf.infolist()]
        parts = {name: zf.read(name) for name in order}
    _ensure_custom_part(parts)
    parts["docProps/custom.xml"] = _custom_xml(parts.get("docProps/custom.xml"), _stamp_props(info, context))
    if "docProps/custom.xml" not in order:
        order.append("docProps/custom.xml")
    return _zip_bytes(order, parts)


_BODY = re.compile(r"<w:body>.*</w:body>|<w:body/>", re.DOTALL)


class PreparedTemplate:
    """A template read, patched and compiled once; `render(context)` gives a stamped .docx for each contract.

    The body goes through docxtpl's own `patch_xml` (which copes with tags Word split across runs), and
    per contract through the same post-processing docxtpl applies (paragraph newlines, escaped braces, line
    breaks in values). Table-merging tags (colspan/hm/vm) are not supported here: `prepare` refuses them and
    the caller falls back to `render_docx`.
    """

    def __init__(self, template: str | os.PathLike[str]) -> None:
        self.info = template_info(template)
        _, parts, infos = _read_template(template)
        self._helper = DocxTemplate(str(template))
        env = make_env()
        doc_xml = parts["word/document.xml"].decode("utf-8")
        match = _BODY.search(doc_xml)
        if match is None:
            raise InputError("CONTRACT_TEMPLATE_UNREADABLE", path=str(template), reason="no document body")
        # the body as docxtpl sees it (serialised by lxml) — patched and compiled once
        tree = etree.fromstring(parts["word/document.xml"])
        body = tree.find(f"{_W}body")
        body_xml = etree.tostring(body, encoding="unicode", pretty_print=False)
        if re.search(r"{%-?\s*(colspan|cellbg|hm|vm)\b", body_xml):
            raise InputError("CONTRACT_TEMPLATE_NEEDS_DOCXTPL", reason="table merge tags")
        self._doc_head, self._doc_tail = doc_xml[:match.start()], doc_xml[match.end():]
        if self._doc_head.startswith("<?xml"):
            self._doc_head = _XML_DECL + self._doc_head.split("?>", 1)[1].lstrip()
        self._compiled: dict[str, Any] = {}
        try:
            self._compiled["word/document.xml"] = self._compile(env, body_xml)
            for name in _xml_parts(parts, (_REL_HEADER, _REL_FOOTER, _REL_FOOTNOTES)):
                part_xml = etree.tostring(parse_xml(parts[name]), encoding="unicode", pretty_print=False)
                if "{" in part_xml:
                    self._compiled[name] = self._compile(env, part_xml)
        except (TemplateError, SecurityError) as exc:
            raise _render_failed(exc) from None
        static = dict(parts)
        _ensure_custom_part(static)
        self._custom_existing = parts.get("docProps/custom.xml")
        # Compressing the unchanging parts (styles, fonts, settings…) is most of the cost of writing a .docx:
        # do it once into a base zip; each contract appends only its rendered parts to a copy of it.
        dynamic = set(self._compiled) | {"docProps/custom.xml"}
        self._dynamic_order = [i.filename for i in infos if i.filename in dynamic]
        if "docProps/custom.xml" not in self._dynamic_order:
            self._dynamic_order.append("docProps/custom.xml")
        self._base_zip = _zip_bytes([i.filename for i in infos if i.filename not in dynamic], static)

    def _compile(self, env, xml: str):
        src = self._helper.patch_xml(xml)
        src = re.sub(r"<w:p([ >])", r"\n<w:p\1", src)  # as docxtpl's render_xml_part
        return env.from_string(src)

    def _finish(self, xml: str) -> str:
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(c in xml for c in "\t\a\n\f"):
            xml = self._helper.resolve_listing(xml)
        return xml

    def render(self, context: dict[str, Any]) -> bytes:
        parts: dict[str, bytes] = {}
        try:
            for name, compiled in self._compiled.items():
                xml = self._finish(compiled.render(context))
                if name == "word/document.xml":
                    parts[name] = (self._doc_head + xml + self._doc_tail).encode("utf-8")
                else:
                    parts[name] = (_XML_DECL + xml).encode("utf-8")
        except (TemplateError, SecurityError, TypeError, ValueError) as exc:
            raise _render_failed(exc) from None
        parts["docProps/custom.xml"] = _custom_xml(self._custom_existing, _stamp_props(self.info, context))
        out = io.BytesIO(self._base_zip)
        out.seek(0, io.SEEK_END)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for name in self._dynamic_order:
                zf.writestr(name, parts[name])
        return out.getvalue()


def render_to_file(template: str | os.PathLike[str], context: dict[str, Any], out: str | os.PathLike[str]) -> Path:
    """Render one contract (docxtpl path) and write it atomically."""
    data = render_docx(template, context)
    atomic_write_bytes(out, data)
    return Path(out)


@dataclass(frozen=True)
class BatchJob:
    context: dict[str, Any]
    out: Path


def render_batch(template: str | os.PathLike[str], jobs: Sequence[BatchJob],
                 progress: Callable[[int, int], bool] | None = None) -> list[Path]:
    """Render many contracts from one prepared template. All-or-nothing: the files are rendered into a staging
    folder and moved into place only when every one succeeded; cancel (progress → False) or an error leaves the
    output folders as they were. Raises InterruptedError on cancel."""
    if not jobs:
        return []
    targets = [Path(j.out) for j in jobs]
    if len({t.resolve() for t in targets}) != len(targets):
        raise InputError("CONTRACT_DUPLICATE_OUTPUT")
    try:
        prepared: PreparedTemplate | None = PreparedTemplate(template)
    except InputError as exc:
        if exc.code != "CONTRACT_TEMPLATE_NEEDS_DOCXTPL":
            raise
        prepared = None
    staging_dirs: dict[Path, Path] = {}
    created: list[Path] = []  # output folders this batch made: removed again if it fails
    staged: list[tuple[Path, Path]] = []
    done = False
    try:
        for index, job in enumerate(jobs):
            if progress is not None and not progress(index, len(jobs)):
                raise InterruptedError("cancelled")
            data = prepared.render(job.context) if prepared else render_docx(template, job.context)
            folder = job.out.parent
            if folder not in staging_dirs:
                missing = [p for p in (folder, *folder.parents) if not p.exists()]
                folder.mkdir(parents=True, exist_ok=True)
                created.extend(missing)  # deepest first
                staging_dirs[folder] = Path(tempfile.mkdtemp(prefix=".openlic-contracts-", dir=folder))
            tmp = staging_dirs[folder] / f"{index:06d}.docx"
            tmp.write_bytes(data)
            staged.append((tmp, job.out))
        for tmp, out in staged:
            os.replace(tmp, out)
        done = True
        if progress is not None:
            progress(len(jobs), len(jobs))
    finally:
        for folder in staging_dirs.values():
            shutil.rmtree(folder, ignore_errors=True)
        if not done:
            for folder in created:
                try:
                    folder.rmdir()
                except OSError:
                    break
    return targets


# --- reading back ------------------------------------------------------------------------------------------------

def document_text(docx: str | os.PathLike[str] | bytes) -> str:
    """The text of a .docx in reading order (tables row by row, cells joined by " | "), then headers/footers."""
    source = io.BytesIO(docx) if isinstance(docx, bytes) else str(docx)
    doc = Document(source)
    lines: list[str] = []
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in doc.element.body.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(Paragraph(child, doc).text)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, doc).rows:
                cells: list[str] = []
                for cell in row.cells:
                    if not cells or cells[-1] != cell.text:
                        cells.append(cell.text)
                lines.append(" | ".join(cells))
    for section in doc.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                lines.extend(p.text for p in part.paragraphs if p.text)
    return "\n".join(lines)


# --- the template checker ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Defect:
    """One problem found in a template. kind: unknown_field | split_tag | unbalanced | syntax | forbidden |
    render_error. `where`: the part and paragraph (e.g. "document.xml ¶12"); `detail`: the tag or field."""

    kind: str
    where: str
    detail: str

    @property
    def code(self) -> str:
        return "CONTRACT_TEMPLATE_" + self.kind.upper()


@dataclass
class TemplateCheck:
    path: Path
    version: str
    fields_used: list[str] = field(default_factory=list)
    defects: list[Defect] = field(default_factory=list)
    preview: str = ""

    @property
    def ok(self) -> bool:
        return not self.defects

    def of_kind(self, kind: str) -> list[Defect]:
        return [d for d in self.defects if d.kind == kind]


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN_ONLY = re.compile(r"\{[{%#]")
_BLOCK = re.compile(r"^\{%-?\s*(?:(?:p|tr|tc|r)\s+)?(\w+)")
_OPENERS = {"if", "for", "with", "macro", "call", "filter", "raw", "block", "autoescape"}
_MIDDLES = {"elif": {"if"}, "else": {"if", "for"}}
_FORBIDDEN_WORDS = {"include", "import", "from", "extends"}


def _paragraph_runs(root) -> list[list[tuple[str, int]]]:
    """For each paragraph: (text, run number) for each w:t in it."""
    out = []
    for p in root.iter(f"{_W}p"):
        pieces = []
        for run_no, t in enumerate(p.iter(f"{_W}t")):
            if t.text:
                pieces.append((t.text, run_no))
        out.append(pieces)
    return out


def _scan_tags(part: str, root, defects: list[Defect]) -> list[tuple[str, str]]:
    """Tags in reading order as (tag text, where); reports split and unclosed tags."""
    tags = []
    for number, pieces in enumerate(_paragraph_runs(root), 1):
        if not pieces:
            continue
        text = "".join(t for t, _ in pieces)
        owner: list[int] = []
        for t, run_no in pieces:
            owner.extend([run_no] * len(t))
        where = f"{part} ¶{number}"
        last_end = 0
        for m in _TAG.finditer(text):
            runs = set(owner[m.start():m.end()])
            if len(runs) > 1:
                defects.append(Defect("split_tag", where, m.group(0)))
            tags.append((m.group(0), where))
            last_end = m.end()
        rest = text[last_end:]
        stray = _OPEN_ONLY.search(rest)
        if stray:
            defects.append(Defect("split_tag", where, rest[stray.start():stray.start() + 40] + " …"))
    return tags


def _check_balance(tags: list[tuple[str, str]], defects: list[Defect]) -> None:
    stack: list[tuple[str, str, str]] = []
    for tag, where in tags:
        m = _BLOCK.match(tag)
        if not m:
            continue
        word = m.group(1)
        if word in _FORBIDDEN_WORDS:
            defects.append(Defect("forbidden", where, tag))
            continue
        if word == "set" and "=" not in tag:
            word = "set_block"
        if word in _OPENERS or word == "set_block":
            stack.append(("set" if word == "set_block" else word, tag, where))
        elif word in _MIDDLES:
            if not stack or stack[-1][0] not in _MIDDLES[word]:
                defects.append(Defect("unbalanced", where, f"{tag} 无对应的开始标记 / without a matching opener"))
        elif word.startswith("end"):
            kind = word[3:]
            if stack and stack[-1][0] == kind:
                stack.pop()
            elif any(s[0] == kind for s in stack):
                while stack and stack[-1][0] != kind:
                    _, open_tag, open_where = stack.pop()
                    defects.append(Defect("unbalanced", open_where, f"{open_tag} 未结束 / not closed"))
                stack.pop()
            else:
                defects.append(Defect("unbalanced", where, f"{tag} 无对应的开始标记 / without a matching opener"))
    for _, open_tag, open_where in stack:
        defects.append(Defect("unbalanced", open_where, f"{open_tag} 未结束 / not closed"))


def _path_of(node, aliases: dict[str, str | None]) -> str | None:
    if isinstance(node, nodes.Name):
        if node.name in aliases:
            return aliases[node.name]
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _path_of(node.node, aliases)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem):
        base = _path_of(node.node, aliases)
        if base is None:
            return None
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return f"{base}.{node.arg.value}"
        return f"{base}[]"
    return None


def _target_names(target) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _collect_fields(node, aliases: dict[str, str | None], out: set[str]) -> None:
    if isinstance(node, nodes.For):
        _collect_fields(node.iter, aliases, out)
        base = _path_of(node.iter, aliases)
        inner = dict(aliases)
        targets = _target_names(node.target)
        for name in targets:
            inner[name] = f"{base}[]" if base and len(targets) == 1 else None
        inner["loop"] = None
        for child in [*node.body, *node.else_] + ([node.test] if node.test else []):
            _collect_fields(child, inner, out)
        return
    if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
        for name in _target_names(node.target):
            aliases[name] = None
    if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)) and getattr(node, "ctx", "load") == "load":
        path = _path_of(node, aliases)
        if path is not None:
            out.add(path)
            return
    for child in node.iter_child_nodes():
        _collect_fields(child, aliases, out)


_BUILTIN_NAMES = {"range", "true", "false", "none", "True", "False", "None", "self"}


def check_template(template: str | os.PathLike[str], known: frozenset[str] = FIELDS,
                   sample: dict[str, Any] | None = None) -> TemplateCheck:
    """Everything wrong with a template before it is used, and a preview of it rendered with sample data."""
    info = template_info(template)
    _, parts, _ = _read_template(template)
    result = TemplateCheck(info.path, info.version)
    defects = result.defects
    names = ["word/document.xml", *_xml_parts(parts, (_REL_HEADER, _REL_FOOTER, _REL_FOOTNOTES))]
    helper = DocxTemplate(str(template))
    env = make_env()
    used: set[str] = set()
    structural = False
    for name in names:
        try:
            root = etree.fromstring(parts[name])
        except etree.XMLSyntaxError as exc:
            defects.append(Defect("syntax", name, str(exc)))
            structural = True
            continue
        short = name.rsplit("/", 1)[-1]
        before = len(defects)
        tags = _scan_tags(short, root, defects)
        _check_balance(tags, defects)
        if any(d.kind in ("unbalanced", "forbidden") for d in defects[before:]):
            structural = True
            continue
        if name == "word/document.xml":
            xml = etree.tostring(root.find(f"{_W}body"), encoding="unicode")
        else:
            xml = etree.tostring(root, encoding="unicode")
        try:
            tree = env.parse(helper.patch_xml(xml))
        except SecurityError as exc:
            defects.append(Defect("forbidden", short, str(exc)))
            structural = True
            continue
        except TemplateError as exc:
            defects.append(Defect("syntax", short, str(exc)))
            structural = True
            continue
        found: set[str] = set()
        _collect_fields(tree, {}, found)
        used |= found
    result.fields_used = sorted(used)
    for path in sorted(used):
        if path.split(".")[0].split("[")[0] in _BUILTIN_NAMES:
            continue
        if path not in known:
            defects.append(Defect("unknown_field", "", path))
    if not structural:
        context = sample if sample is not None else sample_context(info.version)
        try:
            result.preview = document_text(render_docx(template, context, strict=False))
        except OpenLicError as exc:
            defects.append(Defect("render_error", "", exc.params.get("reason", exc.code)))
    return result


# --- PDF through LibreOffice (optional) -------------------------------------------------------------------------

def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, or None: PDF output is offered only when it is found."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_files: Sequence[Path], out_dir: Path, soffice: str | None = None,
                   timeout: float = 600) -> list[Path]:
    """Convert in one LibreOffice call (much cheaper per document than one call each), with a private profile
    (two soffice processes sharing a profile silently produce nothing). Raises OpenLicError PDF_FAILED."""
    exe = soffice or find_soffice()
    if exe is None:
        raise OpenLicError("PDF_NO_LIBREOFFICE")
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="openlic-soffice-"))
    staging = Path(tempfile.mkdtemp(prefix=".openlic-pdf-", dir=out_dir))
    try:
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(staging), *map(str, docx_files)]
        try:
            subprocess.run(cmd, check=False, capture_output=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OpenLicError("PDF_FAILED", reason=str(exc)) from None
        produced = []
        for docx in docx_files:
            pdf = staging / (Path(docx).stem + ".pdf")
            if not pdf.exists():
                raise OpenLicError("PDF_FAILED", reason=f"no PDF for {Path(docx).name}")
            produced.append((pdf, out_dir / pdf.name))
        for pdf, target in produced:
            os.replace(pdf, target)
        return [t for _, t in produced]
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


__all__ = [
    "FIELDS", "BatchJob", "ContractPatent", "Defect", "Party", "PreparedTemplate", "TemplateCheck", "TemplateInfo",
    "build_context", "check_template", "convert_to_pdf", "data_sha256", "default_template_path",
    "document_text", "fee_text", "find_soffice", "licence_end", "make_env", "read_stamp", "recording_deadline",
    "render_batch", "render_docx", "render_to_file", "sample_context", "template_info",
]
