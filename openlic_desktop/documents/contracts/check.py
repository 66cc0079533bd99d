"""The template checker: everything wrong with a contract template before it is used.

`check_template(...)` reports unknown fields, tags Word split across runs (read from the raw XML runs), unbalanced
if/for, syntax errors, forbidden tags, and renders a preview with sample data.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError, nodes
from jinja2.sandbox import SecurityError
from lxml import etree

from openlic_desktop.documents.contracts import sandbox
from openlic_desktop.documents.contracts.context import FIELDS, sample_context
from openlic_desktop.documents.contracts.render import (
    REL_FOOTER,
    REL_FOOTNOTES,
    REL_HEADER,
    W,
    read_template,
    render_docx_here,
    template_info,
    trusted,
    xml_parts,
)
from openlic_desktop.documents.contracts.sandbox import make_env
from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.support.errors import OpenLicError


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
    for p in root.iter(f"{W}p"):
        pieces = []
        for run_no, t in enumerate(p.iter(f"{W}t")):
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
    """Everything wrong with a template before it is used, and a preview of it rendered with sample data. An
    office's template is checked in a worker process under limits (sandbox.Worker): the preview runs it."""
    if trusted(template):
        return check_template_here(template, known, sample)
    template_info(template)  # the size and zip-bomb limits, before a worker is given it
    with sandbox.worker() as process:
        return process.call("check", str(template), known, sample)


def check_template_here(template: str | os.PathLike[str], known: frozenset[str] = FIELDS,
                        sample: dict[str, Any] | None = None) -> TemplateCheck:
    """check_template in this process (the shipped template; the worker itself)."""
    info = template_info(template)
    _, parts, _ = read_template(template)
    result = TemplateCheck(info.path, info.version)
    defects = result.defects
    names = ["word/document.xml", *xml_parts(parts, (REL_HEADER, REL_FOOTER, REL_FOOTNOTES))]
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
            xml = etree.tostring(root.find(f"{W}body"), encoding="unicode")
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
            result.preview = document_text(render_docx_here(template, context, strict=False))
        except OpenLicError as exc:
            defects.append(Defect("render_error", "", exc.params.get("reason", exc.code)))
    return result
