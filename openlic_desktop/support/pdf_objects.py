"""A PDF file put together from its objects: the header, the numbered objects, the cross-reference table and the
trailer (PDF 1.4). For the few small PDFs the program writes itself (the demo's made-up evaluation reports) and the
tests' PDFs; drawing a page's content is the caller's.
"""

from __future__ import annotations


def pdf_file(objects: list[bytes]) -> bytes:
    """The file of these objects, numbered from 1 in order; object 1 is the catalogue."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data: bytes, extra: str = "") -> bytes:
    """A stream object's body: its dictionary (`extra` entries after /Length) and its bytes."""
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"
