"""The demo's 专利权评价报告: a share of its utility models and designs in force hold an evaluation report, as an
office holds for those it means to offer (a utility model or design may be offered under an open licence only with
a favourable one: Patent Law Art 50, Implementing Regulations Rule 85), so the demo shows them eligible too — and a
few with an unfavourable conclusion, which is what keeps such a patent back.

Each report is a one-page PDF naming the patent, the report's number, date and conclusion, and saying on its face
that it is demo data, not a report of CNIPA; attached through services.attachments (the attachment store, the
attachments table and the audit trail, as a user's attaching does). Deterministic for the seed and day.
"""

from __future__ import annotations

import hashlib
import random
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from openlic_desktop.domain.identifiers import PatentType
from openlic_desktop.domain.patent import PatentFacts
from openlic_desktop.domain.status import Status
from openlic_desktop.services.workspace import Workspace
from openlic_desktop.storage import attachment_store as store
from openlic_desktop.support.pdf_objects import pdf_file, stream

SHARE = 0.4         # of the utility models and designs in force: those the office had evaluated
MOST = 150          # a demo of 100,000 patents still writes a few files, not tens of thousands
UNFAVOURABLE = 8    # one report in this many finds a defect in the claims
FAVOURABLE_WORDS = "全部权利要求未发现存在不符合授予专利权条件的缺陷"
UNFAVOURABLE_WORDS = "权利要求1-3不具备《专利法》第二十二条第三款规定的创造性"


@dataclass(frozen=True)
class DemoReport:
    number: str        # the application number, canonical
    report_no: str
    report_date: date
    favourable: bool


def reports_for(facts: list[PatentFacts], seed: int, today: date) -> list[DemoReport]:
    """Which utility models and designs in force hold a report, and what it says; dated after the grant, before
    `today`, in an order fixed by the seed."""
    rng = random.Random(seed * 104729 + 3)
    fit = [f for f in facts if f.patent_type in (PatentType.UTILITY_MODEL, PatentType.DESIGN)
           and f.status is Status.IN_FORCE and f.grant_date is not None and f.grant_date < today - timedelta(days=60)]
    chosen = rng.sample(fit, min(MOST, round(len(fit) * SHARE)))
    out = []
    for index, f in enumerate(chosen):
        # requested after the grant was announced; CNIPA issues it about two months after the request
        granted = f.grant_date or today  # (all of them granted: see `fit`)
        latest = (today - timedelta(days=1) - granted).days
        made = granted + timedelta(days=rng.randint(min(60, latest), min(400, latest)))
        out.append(DemoReport(f.number.canonical, f"{made.year}PJ{rng.randrange(10**6):06d}", made,
                              favourable=index % UNFAVOURABLE != UNFAVOURABLE - 1))
    return out


def attach_reports(ws: Workspace, facts: list[PatentFacts], seed: int, today: date) -> list[DemoReport]:
    """Attach the reports (one transaction: services.attachments.add_many). Returns them."""
    from openlic_desktop.services import attachments, pricing

    reports = reports_for(facts, seed, today)
    if not reports:
        return []
    by_number = {f.number.canonical: f for f in facts}
    ids = pricing.ids_for_numbers(ws, [r.number for r in reports])
    with tempfile.TemporaryDirectory(prefix="openlic-demo-") as folder:
        planned = []
        for report in reports:
            data = report_pdf(by_number[report.number], report)
            path = Path(folder) / f"专利权评价报告_{report.number}.pdf"
            path.write_bytes(data)
            planned.append(attachments.PlannedAttachment(
                ids[report.number], path, store.check_file(path).sha256, "evaluation-report",
                "favourable" if report.favourable else "unfavourable", report.report_no, report.report_date))
        attachments.add_many(ws, planned, source="demo")
    return reports


def files_not_yet_stored(facts: list[PatentFacts], seed: int, today: date) -> list[Path]:
    """Where the reports' files will be in the attachment store, those not there yet — and the folders of the
    store not there yet, after them: what a demo that fails or is cancelled after attaching them takes out again
    (take_back; its transaction undoes the rows, not the files)."""
    by_number = {f.number.canonical: f for f in facts}
    files = [store.stored_path(hashlib.sha256(report_pdf(by_number[r.number], r)).hexdigest(), "pdf")
             for r in reports_for(facts, seed, today)]
    folders = {path.parent for path in files} | {store.store_dir()}
    return ([path for path in files if not path.exists()]
            + sorted((folder for folder in folders if not folder.exists()), key=lambda p: -len(p.parts)))


def take_back(paths: list[Path]) -> None:
    """Remove what files_not_yet_stored named (files, then the folders made for them, innermost first)."""
    for path in paths:
        try:
            if path.is_dir():
                path.rmdir()  # only when empty: another writer's file in it stays
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass


def report_lines(f: PatentFacts, report: DemoReport) -> list[str]:
    kind = "实用新型" if f.patent_type is PatentType.UTILITY_MODEL else "外观设计"
    return [
        "专利权评价报告（示例）",
        f"专利号：{f.number.patent_number}",
        f"专利类型：{kind}",
        f"发明创造名称：{f.title}",
        f"专利权人：{'；'.join(f.patentees)}",
        f"授权公告日：{f.grant_date.isoformat() if f.grant_date else ''}",
        f"报告编号：{report.report_no}",
        f"作出日期：{report.report_date.isoformat()}",
        f"评价结论：{FAVOURABLE_WORDS if report.favourable else UNFAVOURABLE_WORDS}",
        "",
        "本文件为 OpenLic Desktop 演示数据中的示例，并非国家知识产权局出具的专利权评价报告。",
    ]


def report_pdf(f: PatentFacts, report: DemoReport) -> bytes:
    """A one-page PDF of `report_lines`, in the standard Chinese font every PDF reader supplies (STSong-Light,
    not embedded: a few kilobytes), its text extractable (UTF-16 CMap)."""
    shown = []
    y = 770
    for index, line in enumerate(report_lines(f, report)):
        size = 18 if index == 0 else 11
        x = 297 - size * len(line) / 2 if index == 0 else 60
        if line:
            shown.append(f"BT /F1 {size} Tf {x:.0f} {y} Td <{line.encode('utf-16-be').hex().upper()}> Tj ET")
        y -= 34 if index == 0 else 22
    content = "\n".join(shown).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R "
        b"/DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    return pdf_file(objects)
