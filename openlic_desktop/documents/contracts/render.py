"""Rendering contracts: template files, one contract from scratch, a batch from a template prepared once.

- `render_docx(...)`: render one contract with docxtpl from scratch (the reference path).
- `PreparedTemplate`: the batch path. The template's XML parts are read, patched by docxtpl's own `patch_xml`
  and compiled ONCE; each contract is then one Jinja render per part written into a copy of the zip. Output
  equals the docxtpl path (a test compares the texts).
- `render_batch(...)`: many contracts, all-or-nothing.
- Stamping: every produced document carries custom properties `OpenLicTemplateVersion`,
  `OpenLicTemplateSHA256` and `OpenLicDataSHA256` (SHA-256 of the canonical JSON of the data used).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SecurityError
from lxml import etree

from openlic_desktop.documents import print_setup
from openlic_desktop.documents.contracts import sandbox
from openlic_desktop.documents.contracts.context import data_sha256
from openlic_desktop.documents.contracts.sandbox import make_env
from openlic_desktop.support import archive_limits, debris, paths
from openlic_desktop.support.errors import InputError, OpenLicError
from openlic_desktop.support.files import atomic_write_bytes

DEFAULT_TEMPLATE_NAME = "open_licence_contract.docx"
PROP_TEMPLATE_VERSION = "OpenLicTemplateVersion"
PROP_TEMPLATE_SHA = "OpenLicTemplateSHA256"
PROP_DATA_SHA = "OpenLicDataSHA256"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
REL_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
REL_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def default_template_path() -> Path:
    return paths.resources_dir() / "templates" / DEFAULT_TEMPLATE_NAME


# --- template files ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TemplateInfo:
    path: Path
    sha256: str
    version: str  # the template's core "version" property, else "sha256:<first 12 hex>"


# A contract template is a few hundred kilobytes; an office's own may carry a logo. Past these it is no template:
# a zip bomb of 2 MB that unpacks to gigabytes is refused before any part is read (support.archive_limits).
TEMPLATE_MAX_BYTES = 20 * 1024 * 1024
TEMPLATE_MAX_UNZIPPED = 64 * 1024 * 1024


def safe_entries(infos: Sequence[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The entries of a .docx that may be copied into a contract: none whose name is absolute or climbs out of
    its folder (`..`) — unpacked by a careless tool, such an entry would write outside the user's folder."""
    unsafe = set(archive_limits.unsafe_entry_names(list(infos)))
    return [i for i in infos if i.filename not in unsafe]


def read_template(path: str | os.PathLike[str]) -> tuple[bytes, dict[str, bytes], list[zipfile.ZipInfo]]:
    """The template's bytes, its parts and their entries (unsafe names dropped), after the size and zip-bomb
    limits: nothing is decompressed before the archive's own figures say it may be."""
    path = Path(path)
    try:
        archive_limits.check_file_size(path, TEMPLATE_MAX_BYTES)
        infos = archive_limits.check_zip(path)
    except FileNotFoundError:
        raise InputError("FILE_NOT_FOUND", path=str(path)) from None
    except OSError as exc:
        raise InputError("CONTRACT_TEMPLATE_UNREADABLE", path=str(path), reason=str(exc)) from None
    except InputError as exc:
        if exc.code == "FILE_CORRUPT":
            raise InputError("CONTRACT_TEMPLATE_UNREADABLE", path=str(path), reason=exc.params.get("reason", ""),
                             ) from None
        raise
    unzipped = sum(i.file_size for i in infos)
    if unzipped > TEMPLATE_MAX_UNZIPPED:
        raise InputError("FILE_TOO_LARGE", path=path.name, reason=f"{unzipped / 1048576:,.0f} MB decompressed")
    try:
        blob = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            infos = safe_entries(zf.infolist())
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
    blob, parts, _ = read_template(path)
    digest = hashlib.sha256(blob).hexdigest()
    return TemplateInfo(Path(path), digest, _core_version(parts) or f"sha256:{digest[:12]}")


def xml_parts(parts: dict[str, bytes], rel_types: Iterable[str]) -> list[str]:
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

def render_failed(exc: Exception) -> OpenLicError:
    if isinstance(exc, SecurityError):
        return InputError("CONTRACT_TEMPLATE_FORBIDDEN", reason=str(exc))
    return InputError("CONTRACT_TEMPLATE_RENDER_FAILED", reason=str(exc))


def trusted(template: str | os.PathLike[str]) -> bool:
    """The template shipped with the program (rendered here); any other is an office's own file (rendered in a
    worker process under limits, sandbox.Worker)."""
    try:
        return Path(template).resolve() == default_template_path().resolve()
    except OSError:
        return False


def render_docx(template: str | os.PathLike[str], context: dict[str, Any], strict: bool = True) -> bytes:
    """One contract rendered from scratch by docxtpl in the sandbox, stamped; returns the .docx bytes. An
    office's template is rendered in a worker process under limits."""
    if trusted(template):
        return render_docx_here(template, context, strict)
    template_info(template)  # the size and zip-bomb limits, before a worker is given it
    with sandbox.worker() as process:
        return process.call("render_docx", str(template), context, strict)


def render_docx_here(template: str | os.PathLike[str], context: dict[str, Any], strict: bool = True) -> bytes:
    """render_docx in this process (the shipped template; the worker itself)."""
    info = template_info(template)
    tpl = DocxTemplate(str(template))
    try:
        tpl.render(context, jinja_env=make_env(strict), autoescape=True)
    except (TemplateError, SecurityError, TypeError, ValueError, etree.XMLSyntaxError) as exc:
        raise render_failed(exc) from None
    raw = io.BytesIO()
    tpl.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zf:
        order = [i.filename for i in safe_entries(zf.infolist())]
        parts = {name: zf.read(name) for name in order}
    _ensure_custom_part(parts)
    parts["docProps/custom.xml"] = _custom_xml(parts.get("docProps/custom.xml"), _stamp_props(info, context))
    if "docProps/custom.xml" not in order:
        order.append("docProps/custom.xml")
    return print_setup.docx_bytes(_zip_bytes(order, parts))


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
        _, parts, infos = read_template(template)
        self._helper = DocxTemplate(str(template))
        env = make_env()
        doc_xml = parts["word/document.xml"].decode("utf-8")
        match = _BODY.search(doc_xml)
        if match is None:
            raise InputError("CONTRACT_TEMPLATE_UNREADABLE", path=str(template), reason="no document body")
        # the body as docxtpl sees it (serialised by lxml) — patched and compiled once
        tree = etree.fromstring(parts["word/document.xml"])
        body = tree.find(f"{W}body")
        print_setup.sections(body)  # A4 and our margins, once for every contract of the batch
        body_xml = etree.tostring(body, encoding="unicode", pretty_print=False)
        if re.search(r"{%-?\s*(colspan|cellbg|hm|vm)\b", body_xml):
            raise InputError("CONTRACT_TEMPLATE_NEEDS_DOCXTPL", reason="table merge tags")
        self._doc_head, self._doc_tail = doc_xml[:match.start()], doc_xml[match.end():]
        if self._doc_head.startswith("<?xml"):
            self._doc_head = _XML_DECL + self._doc_head.split("?>", 1)[1].lstrip()
        self._compiled: dict[str, Any] = {}
        try:
            self._compiled["word/document.xml"] = self._compile(env, body_xml)
            for name in xml_parts(parts, (REL_HEADER, REL_FOOTER, REL_FOOTNOTES)):
                part_xml = etree.tostring(parse_xml(parts[name]), encoding="unicode", pretty_print=False)
                if "{" in part_xml:
                    self._compiled[name] = self._compile(env, part_xml)
        except (TemplateError, SecurityError) as exc:
            raise render_failed(exc) from None
        static = dict(parts)
        if "word/styles.xml" in static:
            static["word/styles.xml"] = print_setup.styles_xml(static["word/styles.xml"])  # zh-CN
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
                xml = self._finish(compiled.render(context))  # sandbox._CappedTemplate: output capped
                if name == "word/document.xml":
                    parts[name] = (self._doc_head + xml + self._doc_tail).encode("utf-8")
                else:
                    parts[name] = (_XML_DECL + xml).encode("utf-8")
        except (TemplateError, SecurityError, TypeError, ValueError) as exc:
            raise render_failed(exc) from None
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
    """One contract of a batch: its data, where it goes, and what to do to the rendered bytes before they are
    written (the cover of an overridden contract; runs in this process)."""

    context: dict[str, Any]
    out: Path
    finish: Callable[[bytes], bytes] | None = None


@dataclass(frozen=True)
class BatchOutput:
    docx: Path
    pdf: Path | None = None


def render_batch(template: str | os.PathLike[str], jobs: Sequence[BatchJob],
                 progress: Callable[[int, int], bool] | None = None, *, pdf: bool = False,
                 in_place: Callable[[], AbstractContextManager[Any]] | None = None) -> list[BatchOutput]:
    """Render many contracts from one prepared template, set up for print. All-or-nothing: the files (and, with
    `pdf`, their PDFs) are made in a staging folder and moved into place only when every one succeeded; cancel
    (progress → False) or an error leaves the output folders as they were. `in_place()` is entered around the
    moves (the drafting service records the contracts there): if it fails, the moved files are taken back and
    files they replaced are restored. Raises InterruptedError on cancel."""
    if not jobs:
        return []
    targets = [Path(j.out) for j in jobs]
    if len({t.resolve() for t in targets}) != len(targets):
        raise InputError("CONTRACT_DUPLICATE_OUTPUT")
    with contextlib.ExitStack() as stack:
        render_one = _batch_renderer(template, stack)
        return _render_batch(render_one, jobs, progress, pdf, in_place)


def _batch_renderer(template: str | os.PathLike[str], stack: contextlib.ExitStack) -> Callable[[dict], bytes]:
    """How each contract of a batch is rendered: from a template prepared once, here for the shipped template,
    in a worker process (prepared there once) for an office's own; with docxtpl one by one for templates with
    table-merging tags."""
    if trusted(template):
        try:
            prepared = PreparedTemplate(template)
        except InputError as exc:
            if exc.code != "CONTRACT_TEMPLATE_NEEDS_DOCXTPL":
                raise
            return lambda context: render_docx_here(template, context)
        return prepared.render
    template_info(template)
    process = stack.enter_context(sandbox.worker())
    try:
        process.call("prepare", str(template))
    except InputError as exc:
        if exc.code != "CONTRACT_TEMPLATE_NEEDS_DOCXTPL":
            raise
        return lambda context: process.call("render_docx", str(template), context, True)
    return lambda context: process.call("render_prepared", context)


def _render_batch(render_one: Callable[[dict], bytes], jobs: Sequence[BatchJob],
                  progress: Callable[[int, int], bool] | None, pdf: bool,
                  in_place: Callable[[], AbstractContextManager[Any]] | None) -> list[BatchOutput]:
    from openlic_desktop.documents.contracts import pdf as pdf_output

    staging_dirs: dict[Path, Path] = {}
    created: list[Path] = []  # output folders this batch made: removed again if it fails
    staged: list[tuple[Path, Path]] = []
    moved: list[tuple[Path, Path | None]] = []   # (target, its previous version kept in staging)
    done = False
    stages = contextlib.ExitStack()  # the staging folders: tracked, so a crash leaves them to the next sweep
    try:
        for index, job in enumerate(jobs):
            if progress is not None and not progress(index, len(jobs)):
                raise InterruptedError("cancelled")
            data = render_one(job.context)
            if job.finish is not None:
                data = job.finish(data)
            folder = job.out.parent
            if folder not in staging_dirs:
                missing = [p for p in (folder, *folder.parents) if not p.exists()]
                folder.mkdir(parents=True, exist_ok=True)
                created.extend(missing)  # deepest first
                staging_dirs[folder] = stages.enter_context(debris.staging_folder(folder, ".openlic-contracts-"))
            # the staged file has its final name (unique in its folder): LibreOffice names a PDF after its .docx
            tmp = staging_dirs[folder] / job.out.name
            tmp.write_bytes(data)
            staged.append((tmp, job.out))
        pdfs: dict[Path, Path] = {}
        if pdf:  # one LibreOffice call per folder: far cheaper per document than one call each
            for folder, stage in staging_dirs.items():
                group = [(tmp, out) for tmp, out in staged if out.parent == folder]
                made = pdf_output.convert_to_pdf([tmp for tmp, _ in group], stage / ".pdf")
                pdfs.update({out: m for (_, out), m in zip(group, made, strict=True)})
        moves = [(tmp, out) for tmp, out in staged] + [(made, out.with_suffix(".pdf")) for out, made in pdfs.items()]
        with in_place() if in_place is not None else contextlib.nullcontext():
            for index, (tmp, out) in enumerate(moves):
                backup = None
                if out.exists():
                    backup = staging_dirs[out.parent] / f".previous-{index}"
                    os.replace(out, backup)
                moved.append((out, backup))
                os.replace(tmp, out)
        done = True
        if progress is not None:
            progress(len(jobs), len(jobs))
    finally:
        if not done:
            for out, backup in reversed(moved):
                with contextlib.suppress(OSError):
                    if backup is not None:
                        os.replace(backup, out)
                    else:
                        out.unlink(missing_ok=True)
        stages.close()
        if not done:
            for folder in created:
                try:
                    folder.rmdir()
                except OSError:
                    break
    return [BatchOutput(out, out.with_suffix(".pdf") if out in pdfs else None) for _, out in staged]
