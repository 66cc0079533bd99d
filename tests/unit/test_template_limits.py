"""Hostile contract and table templates cannot exhaust the machine: each attack runs in a child process whose time
and memory the test harness caps (a wall-clock timeout and RLIMIT_AS/RLIMIT_CPU set before the child starts), so a
protection that fails makes the test fail instead of hanging the machine. The attack must end in a refusal with a
code, and the program's own limits (the template worker's, sandbox.Limits, lowered here) must be what stopped it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from docx import Document

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the harness caps the child with setrlimit (POSIX)")

HARNESS_MEMORY = 3 * 1024**3      # the child and its template worker may never go past this
HARNESS_CPU = 120                 # CPU seconds of the child process itself
HARNESS_WALL = 180                # seconds before the harness kills the child

ATTACK = textwrap.dedent("""
    import json, sys
    from openlic_desktop.documents.contracts import check, render, sandbox
    from openlic_desktop.documents.contracts.context import sample_context
    from openlic_desktop.support.errors import OpenLicError

    # the worker's own limits, lowered so that the attacks stop quickly here
    sandbox.LIMITS = sandbox.Limits(cpu_seconds=4, memory_bytes=512 * 1024**2, output_bytes=4 * 1024**2,
                                    wall_seconds=60)

    def main():
        template, how = sys.argv[1], sys.argv[2]
        try:
            if how == "render":
                render.render_docx(template, sample_context())
            elif how == "batch":
                render.render_batch(template, [render.BatchJob(sample_context(), __import__("pathlib").Path(
                    sys.argv[3]) / "c.docx")])
            else:
                found = check.check_template(template)
                print(json.dumps({"code": found.defects[0].code if found.defects else "OK",
                                  "detail": found.defects[0].detail if found.defects else ""}))
                return
        except OpenLicError as exc:
            print(json.dumps({"code": exc.code, "detail": str(exc.params)}))
            return
        print(json.dumps({"code": "RENDERED", "detail": ""}))

    if __name__ == "__main__":
        main()
""")


def _limits():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (HARNESS_MEMORY, HARNESS_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (HARNESS_CPU, HARNESS_CPU))


def attack(tmp_path: Path, template: Path, how: str = "render") -> dict:
    script = tmp_path / "attack.py"
    script.write_text(ATTACK, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(template), how, str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=HARNESS_WALL, preexec_fn=_limits,
                          env={**os.environ, "OPENLIC_HOME": str(tmp_path / "home")},
                          check=False)  # asserted next, with the harness's stderr in the message
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def template_with(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    for text in ("合同 {{ licensee.name }}", *paragraphs):
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


REFUSED = {"CONTRACT_TEMPLATE_FORBIDDEN", "CONTRACT_TEMPLATE_LIMIT", "CONTRACT_TEMPLATE_RENDER_ERROR"}


@pytest.mark.parametrize("name, text", [
    ("ljust", "{{ 'x'.ljust(10**9) }}"),
    ("center filter", "{{ 'x'|center(10**9) }}"),
    ("format width", "{{ '{:>1000000000}'.format(1) }}"),
    ("power tower", "{{ 2 ** 64 ** 64 ** 64 }}"),
    ("powers of powers", "{% set a = 7 ** 60 %}{% set b = a ** 60 %}{{ b ** 60 }}"),
    ("output concatenation",
     ("{% set s = 'x' * 100000 %}{% for i in range(10000) %}{% for j in range(100) %}{{ s }}{% endfor %}"
      "{% endfor %}")),
    ("nested loops", ("{% for a in range(10000) %}{% for b in range(10000) %}{% for c in range(10000) %}"
                      "{% endfor %}{% endfor %}{% endfor %}")),
])
def test_work_bombs_are_refused_within_budget(tmp_path, name, text):
    template = template_with(tmp_path / "t.docx", text)
    outcome = attack(tmp_path, template)
    assert outcome["code"] in REFUSED, (name, outcome)
    if name == "nested loops":
        assert "cpu" in outcome["detail"] or "time" in outcome["detail"], outcome
    if name == "output concatenation":
        assert "output" in outcome["detail"] or "memory" in outcome["detail"], outcome


def test_the_checker_and_the_batch_are_held_by_the_same_limits(tmp_path):
    template = template_with(tmp_path / "t.docx", "{% for a in range(10000) %}{% for b in range(10000) %}"
                                                  "{{ a }}{% endfor %}{% endfor %}")
    assert attack(tmp_path, template, "check")["code"] in REFUSED
    assert attack(tmp_path, template, "batch")["code"] in REFUSED
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def zip_bomb(path: Path, unpacked: int = 1024**3) -> Path:
    """A .docx of about a megabyte whose document.xml unpacks to `unpacked` bytes."""
    template_with(path)
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, data in parts.items():
            if name != "word/document.xml":
                out.writestr(name, data)
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>')
            chunk = b" " * (1 << 20)
            for _ in range(unpacked // len(chunk)):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return path


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 3 * 1024**2
    for how in ("render", "check"):
        outcome = attack(tmp_path, bomb, how)
        assert outcome["code"] == "FILE_TOO_LARGE", outcome


def test_entries_that_climb_out_are_dropped_from_every_contract(tmp_path):
    from openlic_desktop.documents.contracts import render
    from openlic_desktop.documents.contracts.context import sample_context

    template = template_with(tmp_path / "t.docx", "{{ contract.number }}")
    with zipfile.ZipFile(template, "a") as z:
        z.writestr("../../evil.txt", "x")
        z.writestr("/etc/cron.d/evil", "x")
        z.writestr("word/../../up.txt", "x")
    for data in (render.render_docx(template, sample_context()),
                 render.render_batch(template, [render.BatchJob(sample_context(), tmp_path / "o" / "c.docx")])[0]
                 .docx.read_bytes()):
        names = zipfile.ZipFile(__import__("io").BytesIO(data)).namelist()
        assert not any(".." in n or n.startswith("/") for n in names), names
        assert "word/document.xml" in names


def test_a_table_template_with_an_absurd_used_range_is_refused(tmp_path):
    import openpyxl

    from openlic_desktop.services.export import inspect_template
    from openlic_desktop.support.errors import InputError

    book = openpyxl.Workbook()
    sheet = book.active
    for col, text in enumerate(["序号", "专利号", "专利名称", "专利权人"], start=1):
        sheet.cell(1, col, text)
    sheet["XFD1048576"] = "x"
    book.save(tmp_path / "wide.xlsx")
    with pytest.raises(InputError) as err:
        inspect_template(tmp_path / "wide.xlsx")
    assert err.value.code == "FILE_TOO_LARGE" and "XFD1048576" in err.value.message("en")
