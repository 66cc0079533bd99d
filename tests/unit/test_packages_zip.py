"""The package zip: names, determinism, UTF-8 flags, manifest, verification, cancel, letters."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from datetime import date

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openlic_desktop.documents.letters import LetterContext, LetterPatent, cover_letter, withdrawal_notice
from openlic_desktop.documents.package import (
    PackageFile,
    build_package,
    check_entry_name,
    join_name,
    sanitise_component,
)
from openlic_desktop.support.errors import InputError, OpenLicError

DAY = date(2026, 11, 26)


@pytest.mark.parametrize("raw, expected", [
    ("一种/装置\\方法", "一种_装置_方法"),
    ("../../etc/passwd", "_.._etc_passwd".replace("..", ".")),
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("com1.pdf", "_com1.pdf"), ("LPT9", "_LPT9"),
    ("a:b*c?d\"e<f>g|h", "a_b_c_d_e_f_g_h"),
    ("trailing dots...", "trailing dots"), ("  spaced  ", "spaced"), ("", "_"), ("..", "_"),
    ("tab\tand\nnewline", "tab_and_newline"),
    ("evil\u202egpj.exe", "evil_gpj.exe"),
])
def test_sanitise_cases(raw, expected):
    assert sanitise_component(raw) == expected


def test_sanitise_long_chinese_keeps_extension_within_bytes():
    name = sanitise_component("很长的专利名称" * 40 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 180
    name.encode("utf-8")  # not cut inside a character


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_sanitise_property(text):
    name = sanitise_component(text)
    assert name and "/" not in name and "\\" not in name and ".." not in name
    assert not name.endswith((".", " ")) and len(name.encode("utf-8")) <= 180
    assert not any(ch in name for ch in '<>:"|?*') and not any(ord(ch) < 32 for ch in name)
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert sanitise_component(name) == name  # idempotent


def test_entry_names_refused():
    for bad in ("/abs.pdf", "a/../b.pdf", "a//b", "x/CON", "a\\b"):
        with pytest.raises(InputError):
            check_entry_name(bad)
    assert check_entry_name(join_name("02_承诺函", "ZL202110123456.7_承诺函.docx"))


def files(tmp_path, pdfs=3):
    out = [PackageFile("01_专利许可信息表.xlsx", b"PK-not-really", description="信息表"),
           PackageFile("00_报送函.docx", b"letter")]
    for i in range(pdfs):
        p = tmp_path / f"r{i}.pdf"
        p.write_bytes(b"%PDF-1.4 " + bytes([i]) * 5000)
        out.append(PackageFile(join_name("03_评价报告", f"ZL20212012345{i}.X_专利权评价报告.pdf"), source=p,
                               expected_sha256=hashlib.sha256(p.read_bytes()).hexdigest(),
                               patent=f"20212012345{i}.X"))
    out.append(PackageFile("notes.txt", "说明\n".encode() * 100))
    return out


def test_zip_contents_manifest_and_flags(tmp_path):
    result = build_package(tmp_path / "out" / "包.zip", files(tmp_path), DAY, {"profile": "general"})
    with zipfile.ZipFile(result.path) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert names[-2:] == ["清单.xlsx", "manifest.json"]
        assert names[:-2] == sorted(names[:-2])
        manifest = json.loads(z.read("manifest.json"))
        listed = {f["name"]: f["sha256"] for f in manifest["files"]}
        assert set(listed) == set(names) - {"manifest.json"}
        for name, sha in listed.items():
            assert hashlib.sha256(z.read(name)).hexdigest() == sha
        assert manifest["profile"] == "general" and manifest["date"] == "2026-11-26"
        for info in z.infolist():
            assert info.date_time == (2026, 11, 26, 0, 0, 0)
            assert (info.external_attr >> 16) & 0o777 == 0o644
            if not info.filename.isascii():
                assert info.flag_bits & 0x800
                assert struct.unpack("<H", info.extra[:2])[0] == 0x7075
                assert info.extra[9:].decode("utf-8") == info.filename
            expected = zipfile.ZIP_STORED if info.filename.endswith((".pdf", ".xlsx", ".docx")) else zipfile.ZIP_DEFLATED
            assert info.compress_type == expected, info.filename
        book_path = tmp_path / "check.xlsx"
        book_path.write_bytes(z.read("清单.xlsx"))
    sheet = openpyxl.load_workbook(book_path)["清单"]
    assert sheet["B2"].value == names[0] and sheet["F2"].value == listed[names[0]]
    assert result.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()


def test_zip_is_byte_identical_for_same_inputs_and_day(tmp_path):
    a = build_package(tmp_path / "a.zip", files(tmp_path), DAY, {"x": 1})
    b = build_package(tmp_path / "b.zip", list(reversed(files(tmp_path))), DAY, {"x": 1})
    assert a.path.read_bytes() == b.path.read_bytes()
    c = build_package(tmp_path / "c.zip", files(tmp_path), date(2026, 11, 27), {"x": 1})
    assert c.path.read_bytes() != a.path.read_bytes()


def test_changed_attachment_aborts_and_leaves_nothing(tmp_path):
    items = files(tmp_path)
    items[2].source.write_bytes(b"tampered")  # the store said another hash
    out = tmp_path / "out"
    with pytest.raises(OpenLicError) as err:
        build_package(out / "p.zip", items, DAY)
    assert err.value.code == "ATTACHMENT_CHANGED"
    assert list(out.iterdir()) == []


def test_cancel_leaves_nothing_and_keeps_old_file(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "p.zip").write_bytes(b"previous")
    calls = []

    def progress(done, total):
        calls.append(done)
        return len(calls) < 3

    with pytest.raises(InterruptedError):
        build_package(out / "p.zip", files(tmp_path), DAY, progress=progress)
    assert [p.name for p in out.iterdir()] == ["p.zip"]
    assert (out / "p.zip").read_bytes() == b"previous"


def test_duplicate_names_refused_case_insensitively(tmp_path):
    with pytest.raises(InputError) as err:
        build_package(tmp_path / "p.zip", [PackageFile("A.pdf", b"1"), PackageFile("a.pdf", b"2")], DAY)
    assert err.value.code == "PACKAGE_DUPLICATE_ENTRY"
    assert not (tmp_path / "p.zip").exists()


def test_letters_open_and_say_what_they_should(tmp_path):
    ctx = LetterContext("浙江省知识产权局", "测试大学", DAY, "张三", "0571-1234", "tto@test.edu.cn",
                        attachments=("专利许可信息表", "承诺函"))
    pats = [LetterPatent("ZL202110123456.7", "=一种装置", "发明", "测试大学"),
            LetterPatent("ZL202120123456.X", "一种结构", "实用新型", "测试大学；乙公司")]
    blob = cover_letter(ctx, pats)
    assert blob == cover_letter(ctx, pats)
    (tmp_path / "c.docx").write_bytes(blob)
    d = docx.Document(tmp_path / "c.docx")
    text = "\n".join(p.text for p in d.paragraphs)
    assert "浙江省知识产权局：" in text and "2件专利（发明1件、实用新型1件）" in text and "2026年11月26日" in text
    assert d.tables[0].rows[1].cells[1].text == "ZL202110123456.7"
    assert d.tables[0].rows[1].cells[2].text == "=一种装置"
    blob = withdrawal_notice(ctx, [LetterPatent("ZL202110123456.7", "一种装置", reason="专利权已转让")],
                             {"ZL202110123456.7": ["测试大学", "乙公司"]}, reference="ZJ-2026-01")
    (tmp_path / "w.docx").write_bytes(blob)
    d = docx.Document(tmp_path / "w.docx")
    assert "撤回" in d.paragraphs[0].text and "ZJ-2026-01" in d.paragraphs[2].text
    assert d.tables[0].rows[1].cells[4].text == "测试大学、乙公司"
