"""PDF through LibreOffice (optional): offered only when `soffice` is on PATH, never required."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from openlic_desktop.support import debris
from openlic_desktop.support.errors import OpenLicError


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
    with debris.staging_folder(None, "openlic-soffice-") as profile, \
            debris.staging_folder(out_dir, ".openlic-pdf-") as staging:  # tracked: a crash leaves them to the sweep
        return _convert(exe, docx_files, out_dir, profile, staging, timeout)


def _convert(exe: str, docx_files: Sequence[Path], out_dir: Path, profile: Path, staging: Path,
             timeout: float) -> list[Path]:
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
