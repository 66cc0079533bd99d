"""The text of a PDF's first page, for matching a scanned or generated report to its patent.

pypdf (pure Python, no compiled parts, maintained, BSD) reads the text layer; scans without one give "". Any file
it cannot read — encrypted, damaged, hostile — also gives "" (the file is still matched by its name, or listed as
unmatched): reading text is a help, never a reason to refuse a file. Only the first page is read and the text is
cut to TEXT_LIMIT characters, so a huge document costs no more than its first page; pypdf bounds decompression
itself. Thread rule: any thread.
"""

from __future__ import annotations

import io
import logging

TEXT_LIMIT = 20_000

log = logging.getLogger(__name__)


def first_page_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return ""
        if not reader.pages:
            return ""
        return (reader.pages[0].extract_text() or "")[:TEXT_LIMIT]
    except Exception as exc:  # noqa: BLE001 — any failure of a third-party parser means "no text layer"
        log.info("no text read from a PDF: %s", exc)
        return ""
