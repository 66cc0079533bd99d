"""Real PDF files with a text layer, for the evidence tests: written byte by byte (no PDF library at test time;
support.pdf_objects puts the objects together).

`text_pdf(lines)` makes a valid one-page PDF 1.4: a Type0 font (Identity-H, CIDs = Unicode code points) with a
ToUnicode CMap, so Chinese text is extracted exactly as written, the way CNIPA's and LibreOffice's PDFs carry it.
`scan_pdf()` makes a page with no text layer (a scan). `libreoffice_pdf(docx_text, folder)` converts a .docx with
the soffice on this machine, for one test of a PDF a real office suite produced.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from openlic_desktop.support.pdf_objects import pdf_file, stream


def text_pdf(lines: list[str]) -> bytes:
    chars = sorted({ord(c) for line in lines for c in line if ord(c) <= 0xFFFF})
    blocks = []
    for start in range(0, len(chars), 100):
        part = chars[start:start + 100]
        blocks.append(f"{len(part)} beginbfchar\n" + "".join(f"<{c:04X}> <{c:04X}>\n" for c in part) + "endbfchar\n")
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "".join(blocks) +
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()
    text = ["BT", "/F1 12 Tf", "14 TL", "50 790 Td"]
    for line in lines:
        hexed = "".join(f"{ord(c):04X}" for c in line if ord(c) <= 0xFFFF)
        text.append(f"<{hexed}> Tj T*")
    text.append("ET")
    content = "\n".join(text).encode()
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
         b"/Contents 4 0 R >>"),
        stream(content),
        (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
         b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"),
        (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
         b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>"),
        stream(cmap),
        (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
         b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"),
    ])


def scan_pdf() -> bytes:
    """A page with a drawn rectangle and no text: what a scanner without OCR produces, to the text reader."""
    content = b"0.5 g 50 500 300 200 re f"
    return pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", stream(content)])


def evaluation_report(number: str, report_no: str = "", day: str = "", conclusion: str = "favourable",
                      cited: str = "") -> bytes:
    """The first page of a 专利权评价报告 as CNIPA lays it out, with the fields given (blank ones left out)."""
    lines = ["专利权评价报告", f"专利号：ZL{number}", "发明创造名称：一种示例装置"]
    if report_no:
        lines.append(f"报告编号：{report_no}")
    if day:
        lines.append(f"作出日期：{day}")
    if cited:
        lines.append(f"对比文件：{cited}")
    if conclusion == "favourable":
        lines.append("初步结论：全部权利要求1-6未发现存在不符合授予专利权条件的缺陷。")
    elif conclusion == "unfavourable":
        lines.append("初步结论：权利要求1、2不具备创造性，不符合授予专利权条件。")
    return text_pdf(lines)


def libreoffice_pdf(paragraphs: list[str], folder: Path) -> Path | None:
    """A .docx with these paragraphs converted by LibreOffice (None when soffice is not installed)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    source = folder / "source.docx"
    doc.save(source)
    profile = Path(tempfile.mkdtemp(prefix="lo_profile_"))  # never share a profile with another soffice (pitfalls)
    try:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=120,
                       env={**os.environ, "HOME": str(profile)})
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    source.unlink()
    return folder / "source.pdf"
